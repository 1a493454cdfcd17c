"""The `cchc-validate` pre-commit hook, run the way pre-commit runs it.

pre-commit runs ``entry`` from the repository root, followed by the staged file names when
``pass_filenames`` is true. Our hook checks the whole repository (``pass_filenames: false``);
the changed-files form is tested too, for users who switch it on. The end-to-end tests need
git and pre-commit, and are skipped without them.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from cchc_cli import __version__
from cchc_cli.cli.app import app
from tests.conftest import TreeFactory
from tests.helpers import TASKS

ROOT = Path(__file__).resolve().parents[1]
HOOKS_FILE = ROOT / ".pre-commit-hooks.yaml"
HAVE_TOOLS = shutil.which("git") is not None and importlib.util.find_spec("pre_commit") is not None
needs_tools = pytest.mark.skipif(not HAVE_TOOLS, reason="needs git and pre-commit")

BROKEN_UNITS = """\
units:
  - {code: van-phong, name: Văn phòng Sở, kind: van-phong}
"""  # thanh-tra removed: data/tasks/van-phong.yaml still names it


def _hook() -> dict[str, Any]:
    hooks: list[dict[str, Any]] = yaml.safe_load(HOOKS_FILE.read_text(encoding="utf-8"))
    (hook,) = [h for h in hooks if h["id"] == "cchc-validate"]
    return hook


def _run_as_pre_commit(
    runner: CliRunner, repo: Path, staged: list[str], *, pass_filenames: bool
) -> tuple[int, str]:
    """Run the hook's entry like pre-commit: from the root, with the staged names if asked."""
    hook = _hook()
    files = [f for f in staged if re.search(hook["files"], f)]
    if not files:
        return 0, ""  # pre-commit skips a hook that matches no file
    program, *args = shlex.split(hook["entry"])
    assert program == "cchc"
    os.chdir(repo)
    result = runner.invoke(app, [*args, *(files if pass_filenames else [])])
    return result.exit_code, result.stdout


@pytest.fixture(autouse=True)
def _keep_cwd(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


def test_hook_definition() -> None:
    hook = _hook()
    assert hook["entry"] == "cchc validate"
    assert hook["language"] == "python"
    assert hook["pass_filenames"] is False  # cross-file rules need every file
    assert re.search(hook["files"], "data/tasks/van-phong.yaml")
    assert re.search(hook["files"], "data/plan.yaml")
    assert not re.search(hook["files"], "README.md")
    assert not re.search(hook["files"], "templates/report.md.j2")


def test_init_config_runs_the_same_command() -> None:
    from cchc_cli.init.scaffold import InitOptions, build_files

    config = yaml.safe_load(build_files(InitOptions())[".pre-commit-config.yaml"])
    (local,) = config["repos"]
    assert local["repo"] == "local"
    (hook,) = local["hooks"]
    project = _hook()
    for key in ("id", "entry", "pass_filenames", "files"):
        assert hook[key] == project[key], key
    assert hook["language"] == "system"  # the cchc installed on the machine


def test_whole_repository_mode_sees_a_break_in_another_file(
    make_repo: TreeFactory, runner: CliRunner
) -> None:
    repo = make_repo({"data/units.yaml": BROKEN_UNITS})
    code, out = _run_as_pre_commit(runner, repo, ["data/units.yaml"], pass_filenames=False)
    assert code == 1
    assert "data/tasks/van-phong.yaml:6:15: lỗi [unknown-ref]" in out


def test_changed_files_mode_reports_only_the_named_files(
    make_repo: TreeFactory, runner: CliRunner
) -> None:
    bad_task = TASKS.replace("VP-01", "VP-02").replace("lead: van-phong", "lead: van-phongg")
    repo = make_repo({"data/tasks/b.yaml": bad_task, "data/units.yaml": BROKEN_UNITS})
    code, out = _run_as_pre_commit(runner, repo, ["data/tasks/b.yaml"], pass_filenames=True)
    assert code == 1
    assert "data/tasks/b.yaml:5:11: lỗi [unknown-ref]" in out
    # references are still checked against the whole repository (thanh-tra is gone) ...
    assert "data/tasks/b.yaml:6:15: lỗi [unknown-ref]" in out
    # ... but other files' problems are not reported: why the hook passes no file names.
    assert "van-phong.yaml" not in out
    code, out = _run_as_pre_commit(runner, repo, ["data/units.yaml"], pass_filenames=True)
    assert (code, out) == (0, "")


def test_hook_skips_commits_without_data(make_repo: TreeFactory, runner: CliRunner) -> None:
    repo = make_repo({"data/units.yaml": BROKEN_UNITS})
    assert _run_as_pre_commit(runner, repo, ["README.md"], pass_filenames=False) == (0, "")


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


def _pre_commit(repo: Path, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    scripts = str(Path(sys.executable).parent)  # where `cchc` is installed
    env = {
        **os.environ,
        "PATH": scripts + os.pathsep + os.environ.get("PATH", ""),
        "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"),
        "PYTHONIOENCODING": "utf-8",
        "GIT_CONFIG_NOSYSTEM": "1",
    }
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "run", "--all-files", "--color", "never"],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
        timeout=300,
    )


def _break_a_task(repo: Path) -> None:
    task_file = repo / "data/tasks/van-phong.yaml"
    text = task_file.read_text(encoding="utf-8")
    task_file.write_text(text.replace("lead: van-phong", "lead: van-phongg"), encoding="utf-8")
    _git(repo, "add", "-A")


@needs_tools
def test_pre_commit_on_a_new_repository(tmp_path: Path, runner: CliRunner) -> None:
    """`cchc init x && cd x && git init && pre-commit run --all-files` passes; a break fails."""
    repo = tmp_path / "kho"
    assert runner.invoke(app, ["init", str(repo)]).exit_code == 0
    _git(repo, "init", "-q")
    _git(repo, "add", "-A")
    passed = _pre_commit(repo, tmp_path)
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert re.search(r"cchc validate\.+Passed", passed.stdout)

    _break_a_task(repo)
    failed = _pre_commit(repo, tmp_path)
    assert failed.returncode == 1
    assert "data/tasks/van-phong.yaml:8:11: lỗi [unknown-ref]" in failed.stdout


def _hook_repository(tmp_path: Path) -> str:
    """This project's working tree as a tagged git repository that pre-commit can install."""
    source = tmp_path / "cchc-src"
    for name in ("pyproject.toml", "README.md", ".pre-commit-hooks.yaml"):
        shutil.copy2(ROOT / name, source / name if source.exists() else _mkdir(source) / name)
    for folder in ("cchc_cli", "templates"):
        shutil.copytree(
            ROOT / folder, source / folder, ignore=shutil.ignore_patterns("__pycache__")
        )
    _git(source, "init", "-q")
    _git(source, "add", "-A")
    _git(source, "-c", "user.name=cchc", "-c", "user.email=cchc@example.vn", "commit", "-qm", "x")
    _git(source, "tag", f"v{__version__}")
    return source.as_uri()


def _mkdir(path: Path) -> Path:
    path.mkdir(parents=True)
    return path


@needs_tools
def test_pre_commit_installs_this_projects_hook(tmp_path: Path, runner: CliRunner) -> None:
    """The remote form (`--cchc-repo`): pre-commit installs cchc from `.pre-commit-hooks.yaml`.

    Needs the package's dependencies from an index or a wheel cache (about 10 s).
    """
    repo = tmp_path / "kho"
    hook_repo = _hook_repository(tmp_path)
    assert runner.invoke(app, ["init", str(repo), "--cchc-repo", hook_repo]).exit_code == 0
    _git(repo, "init", "-q")
    _git(repo, "add", "-A")
    passed = _pre_commit(repo, tmp_path)
    output = passed.stdout + passed.stderr
    offline = ("No matching distribution", "Failed to establish", "name resolution")
    if passed.returncode == 3 and any(reason in output for reason in offline):
        pytest.skip(f"pre-commit could not reach the package index: {output[-300:]}")
    assert passed.returncode == 0, passed.stdout + passed.stderr

    _break_a_task(repo)
    failed = _pre_commit(repo, tmp_path)
    assert failed.returncode == 1
    assert "data/tasks/van-phong.yaml:8:11: lỗi [unknown-ref]" in failed.stdout
