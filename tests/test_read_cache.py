"""The parse cache (`cchc_cli.read.cache`): it saves parsing, and never changes a result."""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from pydantic import ValidationError
from typer.testing import CliRunner

from cchc_cli.checks import check
from cchc_cli.cli.app import app
from cchc_cli.dataset import Dataset
from cchc_cli.models.plan import Plan
from cchc_cli.read import yaml_reader
from cchc_cli.read.cache import CACHE_DIR, ParseCache
from cchc_cli.read.loader import load_checked
from tests.conftest import TreeFactory
from tests.helpers import TASKS, build_tree, valid_files
from tests.test_read_properties import FUZZ, raw_bytes


@pytest.fixture(autouse=True)
def _cache_on(monkeypatch: pytest.MonkeyPatch) -> None:
    """The suite runs without the cache (conftest.py); these tests are about it."""
    monkeypatch.delenv("CCHC_NO_CACHE", raising=False)


def outcome(dataset: Dataset) -> tuple[Any, ...]:
    """Everything a command sees of a loaded data set."""
    return (
        [(p, p.loc) for p in dataset.problems],
        dataset.plan,
        dataset.areas,
        dataset.units,
        dataset.indicators,
        dataset.tasks,
        dataset.rejected_tasks,
        dataset.broken_indicators,
        dataset.par,
        dataset.metrics,
        dataset.statistics,
        sorted(dataset.files),
    )


def cached_run(repo: Path) -> Dataset:
    return load_checked(repo / "data", check, cache=ParseCache(repo / CACHE_DIR))


def entries(repo: Path) -> list[Path]:
    return sorted((repo / CACHE_DIR / "parsed").glob("*.json"))


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The shown path of every file `yaml_reader.parse` reads while the test runs."""
    seen: list[str] = []
    real = yaml_reader.parse

    def counted(text: str, path: str, *args: Any) -> Any:
        seen.append(path)
        return real(text, path, *args)

    monkeypatch.setattr(yaml_reader, "parse", counted)
    return seen


# --- the property: cached and uncached runs agree ------------------------------------------


@FUZZ
@given(
    raw=raw_bytes,
    where=st.sampled_from(
        ["data/tasks/x.yaml", "data/plan.yaml", "data/par/assessments/x.yaml", "data/metrics.yaml"]
    ),
)
@example(raw=b'tasks:\n  - {"\\0date": "2024-01-31"}\n', where="data/tasks/x.yaml")
@example(
    raw=b"tasks:\n  - id: VP-02\n    start: 2024-01-31 10:00:00+07:00\n", where="data/tasks/x.yaml"
)
@example(raw=b"tasks: [.nan, .inf]\n", where="data/tasks/x.yaml")
@example(raw=TASKS.replace("VP-01", "VP-02").encode(), where="data/tasks/x.yaml")
def test_cached_and_uncached_runs_agree(raw: bytes, where: str) -> None:
    """Over the fuzz corpus of tests/test_read_properties.py: a cold run with the cache, a
    warm one, and one without it give the same problems, models and files."""
    with tempfile.TemporaryDirectory() as scratch:
        files: dict[str, str | bytes] = {**valid_files(), where: raw}
        repo = build_tree(Path(scratch), files)
        plain = outcome(load_checked(repo / "data", check))
        assert outcome(cached_run(repo)) == plain  # cold: parses and writes
        assert outcome(cached_run(repo)) == plain  # warm: reads back


# --- what it saves -------------------------------------------------------------------------


def test_a_warm_run_parses_only_the_changed_file(make_repo: TreeFactory, parses: list[str]) -> None:
    repo = make_repo()
    first = outcome(cached_run(repo))
    assert len(parses) == 5
    parses.clear()
    assert outcome(cached_run(repo)) == first
    assert parses == []
    task = repo / "data/tasks/van-phong.yaml"
    task.write_text(TASKS.replace("due: 31/01/2024", "due: 01/01/2019"), encoding="utf-8")
    changed = cached_run(repo)
    assert parses == ["data/tasks/van-phong.yaml"]
    assert sorted(p.code for p in changed.problems) == ["date-order", "outside-period"]


def test_a_warm_run_parses_no_file_of_the_shipped_data(tmp_path: Path, parses: list[str]) -> None:
    """Every kind of data file is kept: the plan's, the tasks', the indicators', the PAR
    INDEX files and the period statistics."""
    shipped = Path(__file__).parents[1] / "data"
    if not (shipped / "plan.yaml").is_file():
        pytest.skip(f"{shipped} not found")
    repo = tmp_path / "repo"
    shutil.copytree(shipped, repo / "data")
    first = outcome(cached_run(repo))
    assert any(shown.startswith("data/par/") for shown in parses)
    parses.clear()
    assert outcome(cached_run(repo)) == first
    assert parses == []


def test_an_old_entry_is_forgotten_once_its_file_changed(make_repo: TreeFactory) -> None:
    repo = make_repo()
    cached_run(repo)
    before = entries(repo)
    task = repo / "data/tasks/van-phong.yaml"
    task.write_text(TASKS.replace("Ban hành", "Xây dựng"), encoding="utf-8")
    cached_run(repo)
    after = entries(repo)
    assert len(after) == len(before) == 5
    assert len(set(before) - set(after)) == 1


def test_the_cache_folder_ignores_itself_in_git(make_repo: TreeFactory) -> None:
    repo = make_repo()
    cached_run(repo)
    assert (repo / CACHE_DIR / ".gitignore").read_text(encoding="utf-8").splitlines()[-1] == "*"


# --- never trusted -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "damage",
    [
        b"",
        b"{",
        b"\xff\xfe",
        b"[]",
        b'{"key": "x", "data": null, "problems": []}',
        b'"just a string"',
        b"[" * 100_000,
    ],
    ids=["empty", "truncated", "not-utf8", "a-list", "wrong-key", "a-string", "deep"],
)
def test_a_damaged_entry_is_ignored_and_rewritten(
    make_repo: TreeFactory, parses: list[str], damage: bytes
) -> None:
    repo = make_repo()
    first = outcome(cached_run(repo))
    for entry in entries(repo):
        entry.write_bytes(damage)
    parses.clear()
    assert outcome(cached_run(repo)) == first
    assert len(parses) == 5
    parses.clear()
    assert outcome(cached_run(repo)) == first
    assert parses == []


def test_an_entry_of_another_shape_is_ignored(make_repo: TreeFactory, parses: list[str]) -> None:
    """Right key, wrong content: a problem whose line is text, or an unknown level."""
    repo = make_repo()
    first = outcome(cached_run(repo))
    for entry in entries(repo):
        head, _, body = entry.read_bytes().partition(b"\n")
        content = json.loads(head)
        content["problems"] = [
            {
                "path": "x",
                "line": "1",
                "col": 1,
                "code": "c",
                "message": "m",
                "hint": "",
                "level": "error",
                "loc": None,
            }
        ]
        entry.write_bytes(json.dumps(content).encode() + b"\n" + body)
    parses.clear()
    assert outcome(cached_run(repo)) == first
    assert len(parses) == 5


def test_a_model_dump_the_model_refuses_is_ignored(
    make_repo: TreeFactory, parses: list[str]
) -> None:
    """Right key, a dump that is not the model's: the file is read again."""
    repo = make_repo()
    first = outcome(cached_run(repo))
    for entry in entries(repo):
        head, _, _ = entry.read_bytes().partition(b"\n")
        entry.write_bytes(head + b'\n{"tasks": "not a list"}')
    parses.clear()
    assert outcome(cached_run(repo)) == first
    assert len(parses) == 5


def test_a_model_that_cannot_read_its_own_dump_keeps_the_parsed_data(
    make_repo: TreeFactory, parses: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A model whose JSON does not read back (as the self-assessment's `self:` once did):
    the file is parsed once more, then its parsed data is kept, not the same dump again."""
    repo = make_repo()
    first = outcome(cached_run(repo))  # every dump written while the plan still reads back

    def refuse(*_: Any, **__: Any) -> Any:
        raise ValidationError.from_exception_data("Plan", [])

    monkeypatch.setattr(Plan, "model_validate_json", refuse)
    parses.clear()
    assert outcome(cached_run(repo)) == first
    assert parses == ["data/plan.yaml"]
    parses.clear()
    assert outcome(cached_run(repo)) == first
    assert parses == []


@pytest.mark.parametrize(
    "data",
    [Path(__file__).parents[1] / "data", Path(__file__).parent / "fixtures" / "status" / "data"],
    ids=["shipped", "status-fixture"],
)
def test_real_trees_read_the_same_from_the_cache(tmp_path: Path, data: Path) -> None:
    if not (data / "plan.yaml").is_file():
        pytest.skip(f"{data} not found")
    repo = tmp_path / "repo"
    shutil.copytree(data, repo / "data")
    plain = outcome(load_checked(repo / "data", check))
    assert outcome(cached_run(repo)) == plain
    assert outcome(cached_run(repo)) == plain


def test_an_entry_of_another_version_is_not_used(
    make_repo: TreeFactory, parses: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = make_repo()
    cached_run(repo)
    monkeypatch.setattr("cchc_cli.read.cache.__version__", "9.9.9")
    parses.clear()
    cached_run(repo)
    assert len(parses) == 5


@pytest.mark.unprivileged
def test_a_read_only_folder_just_means_no_cache(make_repo: TreeFactory) -> None:
    repo = make_repo()
    first = outcome(load_checked(repo / "data", check))
    repo.chmod(0o555)
    try:
        assert outcome(cached_run(repo)) == first
        assert not (repo / CACHE_DIR).exists()
    finally:
        repo.chmod(0o755)


def test_a_file_where_the_folder_goes_just_means_no_cache(make_repo: TreeFactory) -> None:
    repo = make_repo()
    (repo / CACHE_DIR).write_text("không phải thư mục", encoding="utf-8")
    first = outcome(load_checked(repo / "data", check))
    assert outcome(cached_run(repo)) == first
    assert outcome(cached_run(repo)) == first


# --- the command line ----------------------------------------------------------------------


def test_commands_use_the_cache_and_no_cache_turns_it_off(
    make_repo: TreeFactory, runner: CliRunner
) -> None:
    repo = make_repo()
    off = runner.invoke(app, ["--data", str(repo), "--no-cache", "validate"])
    assert off.exit_code == 0, off.output
    assert not (repo / CACHE_DIR).exists()
    on = runner.invoke(app, ["--data", str(repo), "validate"])
    assert on.output == off.output
    assert len(entries(repo)) == 5
    warm = runner.invoke(app, ["--data", str(repo), "status", "--as-of", "31/01/2024"])
    assert warm.exit_code == 0, warm.output
    assert sorted(p.name for p in (repo / CACHE_DIR).iterdir()) == [".gitignore", "parsed"]
