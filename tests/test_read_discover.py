"""The file system as users leave it: folders in odd states are problems, never tracebacks."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cchc_cli.checks import check
from cchc_cli.cli.app import app
from cchc_cli.read.discover import read_bytes, yaml_files
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


# --- reads that must end: regular files only, bounded reads and walks ----------------------

POSIX_ONLY = pytest.mark.skipif(os.name != "posix", reason="FIFOs, /dev/zero and symlinks")


def run_validate(repo: Path, timeout: float = 30) -> subprocess.CompletedProcess[str]:
    """`cchc validate` in a child process that may not hang nor take more than 1 GB."""

    def bounded() -> None:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))

    return subprocess.run(
        [sys.executable, "-m", "cchc_cli", "--data", str(repo), "validate"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=timeout,
        preexec_fn=bounded,
        env={**os.environ, "NO_COLOR": "1", "PYTHONIOENCODING": "utf-8"},
        check=False,
    )


@POSIX_ONLY
def test_a_pipe_named_like_a_task_file_is_located_not_waited_on(make_repo: TreeFactory) -> None:
    repo = make_repo()
    os.mkfifo(repo / "data" / "tasks" / "ong.yaml")
    result = run_validate(repo)
    assert result.returncode == 1
    assert (
        "data/tasks/ong.yaml: lỗi [unreadable] “data/tasks/ong.yaml” là một ống dẫn (FIFO), "
        "không phải tệp: không đọc." in result.stdout
    )


@POSIX_ONLY
@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_a_link_to_an_endless_device_is_refused_before_reading(make_repo: TreeFactory) -> None:
    repo = make_repo()
    (repo / "data" / "tasks" / "zero.yaml").symlink_to("/dev/zero")
    result = run_validate(repo)
    assert result.returncode == 1
    assert (
        "data/tasks/zero.yaml: lỗi [unreadable] “data/tasks/zero.yaml” (liên kết tới "
        "“/dev/zero”) là một thiết bị, không phải tệp: không đọc." in result.stdout
    )


def test_reading_stops_at_the_size_limit_whatever_the_size_on_disk_says(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file that grows while read (or a special file whose size says 0) is read no further
    than the limit."""
    file = tmp_path / "lon.yaml"
    file.write_bytes(b"x" * 5000)
    real_fstat = os.fstat
    read: list[int] = []
    real_read = os.read

    def small_fstat(fd: int) -> os.stat_result:
        info = list(real_fstat(fd))
        info[6] = 0  # st_size
        return os.stat_result(info)

    def counting_read(fd: int, n: int) -> bytes:
        chunk = real_read(fd, n)
        read.append(len(chunk))
        return chunk

    monkeypatch.setattr(os, "fstat", small_fstat)
    monkeypatch.setattr(os, "read", counting_read)
    raw, problems = read_bytes(file, "lon.yaml", 1000)
    assert raw is None
    assert [(p.code, p.message) for p in problems] == [
        ("too-large", "Tệp quá lớn (hơn 1.000 byte; giới hạn 1.000 byte).")
    ]
    assert sum(read) == 1001


@POSIX_ONLY
def test_a_link_to_the_root_folder_is_not_walked(make_repo: TreeFactory) -> None:
    repo = make_repo()
    (repo / "data" / "tasks" / "goc").symlink_to("/", target_is_directory=True)
    (repo / "data" / "indicators" / "kho").symlink_to(repo, target_is_directory=True)
    result = run_validate(repo, timeout=20)
    assert result.returncode == 1
    assert (
        "data/tasks/goc: lỗi [unreadable] “data/tasks/goc” là liên kết tới “/”, thư mục chứa "
        "chính thư mục dữ liệu: không đọc." in result.stdout
    )
    assert "data/indicators/kho: lỗi [unreadable]" in result.stdout


@POSIX_ONLY
@pytest.mark.parametrize("target", ["/", ".."])
def test_a_data_folder_that_links_to_a_folder_holding_the_data_is_not_walked(
    make_repo: TreeFactory, target: str
) -> None:
    repo = make_repo()
    shutil.rmtree(repo / "data" / "tasks")
    (repo / "data" / "tasks").symlink_to(target, target_is_directory=True)
    result = run_validate(repo, timeout=20)
    assert result.returncode == 1
    assert "data/tasks: lỗi [unreadable] “data/tasks” là liên kết tới" in result.stdout
    assert "thư mục chứa chính thư mục dữ liệu: không đọc." in result.stdout


def test_a_walk_stops_after_its_entry_limit(make_repo: TreeFactory, tmp_path: Path) -> None:
    many = tmp_path / "many"
    for i in range(30):
        (many / f"d{i}").mkdir(parents=True)
    files, problems = yaml_files(many, lambda p: p.name, max_entries=10)
    assert files == []
    assert [(p.path, p.code) for p in problems] == [("many", "too-large")]
    assert "hơn 10 tệp và thư mục con" in problems[0].message


@POSIX_ONLY
@pytest.mark.parametrize("folder", ["tasks", "indicators"])
@pytest.mark.parametrize("kind", ["dangling", "loop"])
def test_a_broken_or_looping_data_folder_link_is_unreadable(
    make_repo: TreeFactory, folder: str, kind: str
) -> None:
    """Not “Dữ liệu hợp lệ … 0 nhiệm vụ”: a folder that cannot be reached is an error."""
    repo = make_repo()
    link = repo / "data" / folder
    shutil.rmtree(link)
    link.symlink_to(link if kind == "loop" else repo / "noi-khac", target_is_directory=True)
    found = [p for p in load_checked(repo / "data", check).problems if p.path.endswith(folder)]
    reason = "liên kết vòng" if kind == "loop" else "liên kết hỏng, trỏ tới"
    assert [(p.path, p.code) for p in found] == [(f"data/{folder}", "unreadable")]
    assert reason in found[0].message


@POSIX_ONLY
def test_a_required_file_that_is_a_pipe_or_a_broken_link_says_so(make_repo: TreeFactory) -> None:
    repo = make_repo()
    (repo / "data" / "areas.yaml").unlink()
    os.mkfifo(repo / "data" / "areas.yaml")
    (repo / "data" / "units.yaml").unlink()
    (repo / "data" / "units.yaml").symlink_to("don-vi-cu.yaml")
    messages = {p.path: (p.code, p.message) for p in load_checked(repo / "data", check).problems}
    assert messages["data/areas.yaml"] == (
        "unreadable",
        "“data/areas.yaml” là một ống dẫn (FIFO), không phải tệp: không đọc.",
    )
    assert messages["data/units.yaml"] == (
        "unreadable",
        "Không đọc được tệp “data/units.yaml”: liên kết hỏng, trỏ tới “don-vi-cu.yaml” không có.",
    )
