"""The file system as users leave it: folders in odd states are problems, never tracebacks."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cchc_cli.checks import check
from cchc_cli.cli.app import app
from cchc_cli.read.loader import load_checked
from tests.conftest import TreeFactory
from tests.helpers import TASKS


def codes(repo: Path) -> list[tuple[str, str, str]]:
    dataset = load_checked(repo / "data", check)
    return [(p.path, p.level, p.code) for p in dataset.problems]


def test_tasks_as_a_file_is_an_error(make_repo: TreeFactory) -> None:
    repo = make_repo({"data/tasks/van-phong.yaml": None, "data/tasks": "tasks: []\n"})
    assert ("data/tasks", "error", "unreadable") in codes(repo)


def test_a_folder_that_cannot_be_listed_is_an_error(
    make_repo: TreeFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = make_repo({"data/tasks/phong/a.yaml": TASKS.replace("VP-01", "A-01")})
    real_scandir = os.scandir

    def scandir(path: str = ".") -> object:
        if str(path).endswith("phong"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    found = codes(repo)
    assert ("data/tasks/phong", "error", "unreadable") in found


@pytest.mark.skipif(sys.platform == "win32", reason="symbolic links need privileges on Windows")
def test_linked_folders_are_read_once_and_loops_end(make_repo: TreeFactory, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "b.yaml").write_text(TASKS.replace("VP-01", "B-01"), encoding="utf-8")
    repo = make_repo()
    (repo / "data" / "tasks" / "linked").symlink_to(elsewhere, target_is_directory=True)
    (elsewhere / "loop").symlink_to(repo / "data" / "tasks", target_is_directory=True)
    dataset = load_checked(repo / "data", check)
    assert sorted(t.item.id for t in dataset.tasks) == ["B-01", "VP-01"]


@pytest.mark.parametrize("name", ["data/units.yaml", "data/areas.yaml", "data/plan.yaml"])
def test_an_empty_required_file_fails_validation(
    make_repo: TreeFactory, runner: CliRunner, name: str
) -> None:
    repo = make_repo({name: ""})
    result = runner.invoke(app, ["--data", str(repo), "validate"])
    assert result.exit_code == 1
    assert f"{name}:1:1: lỗi [empty-file]" in result.stdout


def test_an_unreadable_data_folder_is_a_message(
    make_repo: TreeFactory, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = make_repo()

    def denied(self: Path) -> bool:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "is_file", denied)
    result = runner.invoke(app, ["--data", str(repo), "status"])
    assert result.exit_code == 1
    assert "không có quyền truy cập" in result.stderr
    assert "Traceback" not in result.output


def test_validate_a_missing_file_is_a_usage_error(
    make_repo: TreeFactory, runner: CliRunner
) -> None:
    repo = make_repo()
    result = runner.invoke(app, ["--data", str(repo), "validate", str(repo / "nofile.yaml")])
    assert result.exit_code == 2
    assert "Không có tệp hay thư mục" in result.stderr


def test_validate_a_folder_reports_the_files_below_it(
    make_repo: TreeFactory, runner: CliRunner
) -> None:
    bad = TASKS.replace("lead: van-phong", "lead: khong-co")
    repo = make_repo({"data/tasks/phong/bad.yaml": bad.replace("VP-01", "X-01")})
    result = runner.invoke(app, ["--data", str(repo), "validate", str(repo / "data" / "tasks")])
    assert result.exit_code == 1
    assert "data/tasks/phong/bad.yaml:" in result.stdout


# --- real permissions (run as the user nobody when the suite runs as root) ------------------


@pytest.mark.unprivileged
def test_a_task_file_without_read_permission_is_located(
    make_repo: TreeFactory, runner: CliRunner
) -> None:
    repo = make_repo({"data/tasks/khoa.yaml": TASKS.replace("VP-01", "K-01")})
    (repo / "data" / "tasks" / "khoa.yaml").chmod(0)
    result = runner.invoke(app, ["--data", str(repo), "validate"])
    assert result.exit_code == 1
    assert (
        "data/tasks/khoa.yaml: lỗi [unreadable] Không đọc được tệp “data/tasks/khoa.yaml”: "
        "không có quyền truy cập." in result.stdout
    )


@pytest.mark.unprivileged
def test_a_task_folder_without_permission_is_located(make_repo: TreeFactory) -> None:
    repo = make_repo({"data/tasks/phong/a.yaml": TASKS.replace("VP-01", "A-01")})
    (repo / "data" / "tasks" / "phong").chmod(0)
    try:
        assert ("data/tasks/phong", "error", "unreadable") in codes(repo)
    finally:
        (repo / "data" / "tasks" / "phong").chmod(0o755)
