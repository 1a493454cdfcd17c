"""Robustness: every input of the public YAML test suite, dropped in as a task file.

Each must end in a clean load or our own located problems: never an exception, and every
input the suite marks invalid must be reported as an error.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from cchc_cli.checks import check
from cchc_cli.read.loader import load_checked, read_yaml
from tests.conftest import TreeFactory

SUITE = Path(__file__).resolve().parents[1].parent / "shared" / "yaml-test-suite"
CASES = sorted((SUITE / "cases").glob("*.yaml")) if SUITE.is_dir() else []
INVALID = (
    set((SUITE / "invalid.txt").read_text(encoding="utf-8").split()) if SUITE.is_dir() else set()
)
needs_suite = pytest.mark.skipif(not CASES, reason=f"YAML test suite not found at {SUITE}")


@needs_suite
@pytest.mark.parametrize("case", CASES, ids=lambda p: p.stem)
def test_reader_never_raises(case: Path) -> None:
    data, _, problems = read_yaml(case, case.name)
    for problem in problems:
        assert problem.path == case.name
        assert problem.line >= 1
        assert problem.col >= 1
        assert problem.message
        english = [w for w in ("found", "expected", "while ", "allowed") if w in problem.message]
        assert english == [], problem.message
    if case.stem in INVALID:
        assert data is None
        assert any(p.is_error for p in problems), "invalid YAML must be an error"


@needs_suite
def test_whole_suite_as_task_files_reports_every_invalid_case(make_repo: TreeFactory) -> None:
    files: dict[str, str | bytes | None] = {
        f"data/tasks/suite/{case.name}": case.read_bytes() for case in CASES
    }
    repo = make_repo(files)
    dataset = load_checked(repo / "data", check)
    reported = {Path(p.path).stem for p in dataset.problems if p.is_error and "/suite/" in p.path}
    assert {c.stem for c in CASES if c.stem in INVALID} <= reported
    assert all(p.line >= 0 for p in dataset.problems)
    assert [t.item.id for t in dataset.tasks] == ["VP-01"]


@needs_suite
def test_suite_files_are_not_changed(make_repo: TreeFactory) -> None:
    before = {f"data/tasks/{case.name}": case.read_bytes() for case in CASES}
    repo = make_repo(dict(before))
    load_checked(repo / "data", check)
    after = {name: (repo / name).read_bytes() for name in before}
    assert after == before
