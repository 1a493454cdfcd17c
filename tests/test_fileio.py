"""Atomic, no-clobber writes."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from cchc_cli.errors import CchcError, OutputExistsError
from cchc_cli.output.write import write_atomic


def test_writes_and_creates_folders(tmp_path: Path) -> None:
    target = tmp_path / "a" / "b" / "out.md"
    write_atomic(target, "Báo cáo\n".encode())
    assert target.read_text(encoding="utf-8") == "Báo cáo\n"
    assert [p.name for p in target.parent.iterdir()] == ["out.md"]


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

    monkeypatch.setattr(Path, "replace", refuse)
    with pytest.raises(CchcError, match="không có quyền truy cập"):
        write_atomic(tmp_path / "out.md", b"x")
    assert list(tmp_path.iterdir()) == []


def test_a_folder_or_special_file_is_never_replaced(tmp_path: Path) -> None:
    (tmp_path / "out.md").mkdir()
    with pytest.raises(CchcError, match="không phải một tệp thường"):
        write_atomic(tmp_path / "out.md", b"x", force=True)
    assert (tmp_path / "out.md").is_dir()


def test_parent_that_is_a_file_is_a_vietnamese_error(tmp_path: Path) -> None:
    (tmp_path / "afile").write_bytes(b"x")
    with pytest.raises(CchcError, match="Không ghi được tệp") as caught:
        write_atomic(tmp_path / "afile" / "out.md", b"x")
    assert "Errno" not in caught.value.message
