"""Output files: atomic, created exclusively, never over a file without force, into a folder
that exists unless asked to create it."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from cchc_cli.errors import CchcError, MissingFolderError, OutputExistsError
from cchc_cli.output.write import write_atomic


def test_writes_into_an_existing_folder(tmp_path: Path) -> None:
    target = tmp_path / "out.md"
    write_atomic(target, "Báo cáo\n".encode())
    assert target.read_text(encoding="utf-8") == "Báo cáo\n"
    assert [p.name for p in target.parent.iterdir()] == ["out.md"]


def test_a_missing_folder_is_refused_unless_parents(tmp_path: Path) -> None:
    target = tmp_path / "a" / "b" / "out.md"
    with pytest.raises(MissingFolderError, match="chưa có") as caught:
        write_atomic(target, b"x")
    assert caught.value.field == "parents"
    assert not (tmp_path / "a").exists()
    write_atomic(target, b"x", parents=True)
    assert target.read_bytes() == b"x"


def test_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    target = tmp_path / "out.md"
    target.write_bytes(b"old")
    with pytest.raises(OutputExistsError, match="đã có"):
        write_atomic(target, b"new")
    assert target.read_bytes() == b"old"
    write_atomic(target, b"new", force=True)
    assert target.read_bytes() == b"new"


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permission bits")
def test_new_file_gets_the_umask_mode_not_0600(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        write_atomic(tmp_path / "out.md", b"x")
    finally:
        os.umask(old)
    assert (tmp_path / "out.md").stat().st_mode & 0o777 == 0o644


def test_failed_write_leaves_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(self: Path, target: Path) -> Path:
        raise PermissionError(13, "denied", str(target))

    def refuse_link(source: str, target: Path) -> None:
        raise PermissionError(13, "denied", str(target))

    monkeypatch.setattr(Path, "replace", refuse)
    monkeypatch.setattr(os, "link", refuse_link)
    for force in (False, True):
        with pytest.raises(CchcError, match="không có quyền truy cập"):
            write_atomic(tmp_path / "out.md", b"x", force=force)
        assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("force", [False, True])
def test_a_folder_at_the_target_is_named_a_folder_with_or_without_force(
    tmp_path: Path, force: bool
) -> None:
    """Not “Tệp đã có… dùng --force”, and then --force refusing: a folder is a folder."""
    (tmp_path / "out.md").mkdir()
    with pytest.raises(CchcError, match=r"out\.md” là một thư mục, không phải tệp") as caught:
        write_atomic(tmp_path / "out.md", b"x", force=force)
    assert not isinstance(caught.value, OutputExistsError)
    assert "out.md/bao-cao.md" in caught.value.hint
    assert (tmp_path / "out.md").is_dir()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs")
def test_a_special_file_is_never_replaced(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "out.md")
    with pytest.raises(OutputExistsError):
        write_atomic(tmp_path / "out.md", b"x")
    with pytest.raises(CchcError, match="không phải một tệp thường"):
        write_atomic(tmp_path / "out.md", b"x", force=True)


@pytest.mark.parametrize("parents", [False, True])
def test_a_parent_that_is_a_file_is_named(tmp_path: Path, parents: bool) -> None:
    (tmp_path / "afile").write_bytes(b"x")
    for target in (tmp_path / "afile" / "out.md", tmp_path / "afile" / "sub" / "out.md"):
        with pytest.raises(CchcError, match="afile” là một tệp, không phải thư mục"):
            write_atomic(target, b"x", parents=parents)
    assert (tmp_path / "afile").read_bytes() == b"x"


@pytest.mark.skipif(sys.platform == "win32", reason="symbolic links need privileges on Windows")
def test_a_dangling_link_counts_as_existing(tmp_path: Path) -> None:
    (tmp_path / "out.md").symlink_to(tmp_path / "nowhere.md")
    with pytest.raises(OutputExistsError):
        write_atomic(tmp_path / "out.md", b"x")
    with pytest.raises(CchcError, match="không phải một tệp thường"):
        write_atomic(tmp_path / "out.md", b"x", force=True)
    assert not (tmp_path / "nowhere.md").exists()


def test_when_another_run_wins_the_race_its_file_is_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Between our check and our write, another run creates the file: we refuse, it stays."""
    target = tmp_path / "out.md"
    real_link = os.link

    def other_run_first(source: str, name: Path) -> None:
        Path(name).write_bytes(b"the other run")
        real_link(source, name)

    monkeypatch.setattr(os, "link", other_run_first)
    with pytest.raises(OutputExistsError):
        write_atomic(target, b"ours")
    assert target.read_bytes() == b"the other run"
    assert [p.name for p in tmp_path.iterdir()] == ["out.md"]


def _write_in_a_process(target: str, content: bytes) -> str:
    try:
        write_atomic(Path(target), content)
    except OutputExistsError:
        return "exists"
    return "written"


def test_two_processes_writing_the_same_file_exactly_one_wins(tmp_path: Path) -> None:
    from concurrent.futures import ProcessPoolExecutor

    for trial in range(10):
        target = tmp_path / f"out-{trial}.md"
        with ProcessPoolExecutor(max_workers=2) as pool:
            results = list(pool.map(_write_in_a_process, [str(target)] * 2, [b"A", b"B"]))
        assert sorted(results) == ["exists", "written"]
        assert target.read_bytes() == (b"A" if results[0] == "written" else b"B")


@pytest.mark.unprivileged
def test_a_folder_without_write_permission_is_a_vietnamese_error(tmp_path: Path) -> None:
    folder = tmp_path / "chi-doc"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        with pytest.raises(CchcError, match="không có quyền truy cập"):
            write_atomic(folder / "out.md", b"x")
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(0o755)


_TERMINATED_MID_WRITE = """
import os, signal, sys, time
from pathlib import Path
from cchc_cli.output.write import write_atomic

def terminated(fd):  # the signal arrives while the temporary file is being written
    os.kill(os.getpid(), signal.SIGTERM)
    time.sleep(5)

os.fsync = terminated
write_atomic(Path(sys.argv[1]), b"x" * 100_000)
print("not reached")
"""


@pytest.mark.skipif(os.name != "posix", reason="POSIX signals")
def test_a_termination_signal_during_a_write_leaves_no_temporary_file(tmp_path: Path) -> None:
    import signal
    import subprocess

    target = tmp_path / "out" / "bao-cao.md"
    target.parent.mkdir()
    result = subprocess.run(
        [sys.executable, "-c", _TERMINATED_MID_WRITE, str(target)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == -signal.SIGTERM, result.stderr
    assert "not reached" not in result.stdout
    assert list(target.parent.iterdir()) == []
