"""`cchc init`: writing the scaffold to disk, all or nothing.

`write_files` checks every target first (a file standing where a folder must go, a folder
where a file must go) and undoes its writes when one fails, so a failed forced init leaves
the folder as it was.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from pathlib import Path

from cchc_cli.errors import CchcError, OutputExistsError
from cchc_cli.output.write import signals_end_cleanly, write_atomic
from cchc_cli.text_vi import os_error_text

KEEP_IN_EMPTY_DIR = {".git"}  # `git init` first, then `cchc init .`


def check_target(folder: Path, *, force: bool) -> None:
    """Refuse a folder that is a file (or inside one), or holds anything but ``.git``,
    unless `force`."""
    if blocker := _blocker(folder):
        raise CchcError(
            f"“{blocker.as_posix()}” là một tệp, không phải thư mục: "
            f"không tạo được kho ở “{folder.as_posix()}”.",
            "Chọn một thư mục khác.",
        )
    if force or not folder.is_dir():
        return
    try:
        others = sorted(p.name for p in folder.iterdir() if p.name not in KEEP_IN_EMPTY_DIR)
    except OSError as exc:
        raise CchcError(
            f"Không đọc được thư mục “{folder.as_posix()}”: {os_error_text(exc)}."
        ) from exc
    if others:
        shown = ", ".join(others[:5]) + (", …" if len(others) > 5 else "")
        raise OutputExistsError(
            f"Thư mục “{folder.as_posix()}” không trống (có {shown}).",
            "chọn một thư mục mới hoặc trống",
            field="force",
        )


def _blocker(path: Path) -> Path | None:
    """The file that stands where `path` or one of its folders should be, or None."""
    for place in (path, *path.parents):
        if place.is_dir():
            return None
        if place.exists() or place.is_symlink():
            return place
    return None


@dataclass
class _Undo:
    """What `write_files` changed, to put back when a later write fails."""

    created_files: list[Path] = field(default_factory=list)
    created_dirs: list[Path] = field(default_factory=list)
    replaced: dict[Path, bytes] = field(default_factory=dict)

    def run(self) -> None:
        for path in reversed(self.created_files):
            with contextlib.suppress(OSError):
                path.unlink()
        for path, old in self.replaced.items():
            with contextlib.suppress(OSError):
                path.write_bytes(old)
        for folder in sorted(self.created_dirs, key=lambda p: len(p.parts), reverse=True):
            with contextlib.suppress(OSError):
                folder.rmdir()


def _plan_writes(folder: Path, files: dict[str, bytes]) -> tuple[list[Path], _Undo]:
    """Every target path, and an undo record holding the files that will be overwritten.

    Refuses (before anything is written) a file or folder standing where the scaffold needs
    the other kind, and an existing file that cannot be read back for the undo.
    """
    undo = _Undo()
    targets = [folder.joinpath(*name.split("/")) for name in files]
    in_the_way = sorted(
        {b for t in targets if (b := _blocker(t.parent)) is not None}
        | {t for t in targets if t.is_dir()}
    )
    if in_the_way:
        shown = ", ".join(f"“{p.as_posix()}”" for p in in_the_way[:5])
        raise CchcError(
            f"Không tạo được kho ở “{folder.as_posix()}”: {shown} chắn chỗ của tệp mẫu "
            "(tệp ở chỗ cần thư mục, hay thư mục ở chỗ cần tệp). Chưa ghi tệp nào.",
            "Đổi tên hay dời các mục đó đi, hoặc chọn một thư mục khác.",
        )
    missing: set[Path] = set()
    for target in targets:
        for parent in (target.parent, *target.parent.parents):
            if parent.is_dir():
                break
            missing.add(parent)
        if target.is_file():
            try:
                undo.replaced[target] = target.read_bytes()
            except OSError as exc:
                raise CchcError(
                    f"Không đọc được tệp “{target.as_posix()}” để ghi đè: {os_error_text(exc)}. "
                    "Chưa ghi tệp nào."
                ) from exc
    undo.created_dirs = sorted(missing)
    return targets, undo


def write_files(
    folder: Path, files: dict[str, bytes], *, force: bool = False
) -> list[tuple[Path, bool]]:
    """Write `files` under `folder`, all or nothing (as far as the disk allows).

    Everything that can be checked is checked before the first write. If a write still
    fails, the files written so far are removed, overwritten ones get their old content
    back, and new folders are removed; then a `CchcError` says what failed. Returns each
    path written, in order, with whether it replaced a file.
    """
    check_target(folder, force=force)
    targets, undo = _plan_writes(folder, files)
    # A termination signal unwinds like Ctrl-C, so that both undo what was written.
    with signals_end_cleanly():
        try:
            for target, content in zip(targets, files.values(), strict=True):
                existed = target in undo.replaced
                # A file that was not there when planned is created exclusively: another
                # run's file made since then (two inits at once) is never overwritten.
                _write(target, content, replace=existed)
                if not existed:
                    undo.created_files.append(target)
        except CchcError as error:
            undo.run()
            raise CchcError(
                f"{error.message} Đã gỡ các tệp vừa ghi; thư mục giữ nguyên như trước.",
                error.hint,
            ) from error
        except BaseException:  # Ctrl-C, or a termination signal
            undo.run()
            raise
    return [(target, target in undo.replaced) for target in targets]


def _write(path: Path, content: bytes, *, replace: bool) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise CchcError(
            f"Không tạo được thư mục “{path.parent.as_posix()}”: {os_error_text(exc)}."
        ) from exc
    try:
        write_atomic(path, content, force=replace)
    except CchcError as error:
        cause = error.__cause__
        reason = os_error_text(cause) if isinstance(cause, OSError) else error.message
        raise CchcError(f"Không ghi được tệp “{path.as_posix()}”: {reason}.") from error
