"""Finding the data folder and its files on disk, and reading them; what cannot be read is a
problem, not a crash, and no read can hang or grow without end.

Only regular files are read: a pipe (FIFO) named ``*.yaml`` would block the run forever, a
link to ``/dev/zero`` would fill the memory. A file is read no further than the size limit,
whatever its size on disk claims. Folder walks follow links to folders once each, never a
link to a folder that holds the walk itself (a link to ``/`` or to the repository), and stop
after `MAX_ENTRIES` entries.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable
from pathlib import Path

from cchc_cli.dataset import PLAN_FILE
from cchc_cli.errors import Problem
from cchc_cli.read.decode import too_large
from cchc_cli.text_vi import os_error_text, thousands

YAML_SUFFIXES = (".yaml", ".yml")
DATA_DIR = "data"
MAX_ENTRIES = 50_000  # files and folders one walk may list; a data folder holds hundreds
_CHUNK = 1 << 20
_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_BINARY", 0)
    | getattr(os, "O_NONBLOCK", 0)  # opening a FIFO must not wait for a writer
    | getattr(os, "O_NOCTTY", 0)
)


def data_dir_in(folder: Path) -> Path | None:
    """The data folder that `folder` names: the repository (holding ``data/plan.yaml``) or
    the data folder itself; None when it is neither. `OSError` when it cannot be looked at."""
    for candidate in (folder / DATA_DIR, folder):
        if (candidate / PLAN_FILE).is_file():
            return candidate.resolve()
    return None


def data_dir_above(start: Path) -> Path | None:
    """The nearest ``data/plan.yaml`` from `start` up; folders that cannot be entered are
    skipped (they cannot be the repository)."""
    start = start.resolve()
    for folder in (start, *start.parents):
        try:
            if (folder / DATA_DIR / PLAN_FILE).is_file():
                return folder / DATA_DIR
        except OSError:
            continue
    return None


def unreadable(shown: str, exc: OSError, what: str = "tệp", path: Path | None = None) -> Problem:
    """A located problem for a file or folder the operating system would not let us read.

    Given the `path`, a broken link is named as such, with the place it points to.
    """
    reason = os_error_text(exc)
    hint = "Kiểm tra quyền truy cập, hoặc đóng chương trình đang giữ tệp."
    if path is not None and exc.errno == errno.ENOENT and path.is_symlink():
        reason = f"liên kết hỏng, trỏ tới “{_link_target(path)}” không có"
    if exc.errno in (errno.ENOENT, errno.ELOOP):
        hint = "Sửa liên kết (symlink) cho trỏ tới đúng tệp hay thư mục, hoặc xoá nó."
    return Problem(shown, 0, 0, "unreadable", f"Không đọc được {what} “{shown}”: {reason}.", hint)


def _link_target(path: Path) -> str:
    try:
        return path.readlink().as_posix()
    except OSError:
        return "?"


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "một thư mục"
    if stat.S_ISFIFO(mode):
        return "một ống dẫn (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "một thiết bị"
    if stat.S_ISSOCK(mode):
        return "một socket"
    return "một mục đặc biệt"


def not_a_file(shown: str, mode: int, path: Path | None = None) -> Problem:
    """The problem of a name that should be a data file but is a folder, pipe or device."""
    linked = (
        f" (liên kết tới “{_link_target(path)}”)" if path is not None and path.is_symlink() else ""
    )
    return Problem(
        shown,
        0,
        0,
        "unreadable",
        f"“{shown}”{linked} là {_kind(mode)}, không phải tệp: không đọc.",
        "Tệp dữ liệu phải là một tệp YAML thường; đổi tên hoặc xoá mục này.",
    )


def read_bytes(path: Path, shown: str, max_bytes: int) -> tuple[bytes | None, list[Problem]]:
    """The bytes of the regular file `path`, or the problem that prevents reading them.

    Never blocks on a pipe and never reads more than `max_bytes` + 1 bytes: a file that
    grows, or a special file whose size on disk says 0, cannot exhaust the memory.
    """
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except OSError as exc:
        return None, [unreadable(shown, exc, path=path)]
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            return None, [not_a_file(shown, info.st_mode, path)]
        if info.st_size > max_bytes:  # refused before it is read into memory
            return None, [too_large(shown, info.st_size, max_bytes)]
        chunks: list[bytes] = []
        total = 0
        while total <= max_bytes:
            chunk = os.read(fd, min(_CHUNK, max_bytes + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > max_bytes:
            return None, [too_large(shown, None, max_bytes)]
        return b"".join(chunks), []
    except OSError as exc:
        return None, [unreadable(shown, exc, path=path)]
    finally:
        os.close(fd)


def yaml_files(
    folder: Path, display: Callable[[Path], str], max_entries: int = MAX_ENTRIES
) -> tuple[list[Path], list[Problem]]:
    """Every ``.yaml``/``.yml`` file below `folder`, sorted, and what could not be searched.

    Symbolic links to folders are followed once each (a link back up is not a loop), except
    a link to a folder that holds `folder` itself (``/``, the repository), which would walk
    far beyond the data; `folder` (a folder of the data folder) may not be such a link
    either. A `folder` that is a file, a broken or looping link, or a folder
    that cannot be listed is an error, never a silent gap in the data.
    """
    problems: list[Problem] = []
    try:
        folder.lstat()
    except FileNotFoundError:
        return [], problems
    except OSError as exc:
        return [], [unreadable(display(folder), exc, "thư mục", folder)]
    try:
        mode = folder.stat().st_mode
    except OSError as exc:  # a broken or looping link
        return [], [unreadable(display(folder), exc, "thư mục", folder)]
    if not stat.S_ISDIR(mode):
        problems.append(
            Problem(
                display(folder),
                0,
                0,
                "unreadable",
                f"“{display(folder)}” phải là một thư mục.",
                "Đổi tên tệp này; các tệp YAML đặt bên trong thư mục cùng tên.",
            )
        )
        return [], problems
    home = Path(os.path.realpath(folder))
    if Path(os.path.realpath(folder.parent)).is_relative_to(home):
        return [], [_holds_data(display(folder), home)]  # ``data/tasks`` -> ``/``
    found: list[Path] = []
    seen: set[str] = set()
    listed = 0

    def failed(exc: OSError) -> None:
        where = Path(exc.filename) if exc.filename else folder
        problems.append(unreadable(display(where), exc, "thư mục", where))

    for top, dirs, names in os.walk(folder, onerror=failed, followlinks=True):
        real = os.path.realpath(top)
        if real in seen:
            dirs[:] = []
            continue
        seen.add(real)
        listed += len(dirs) + len(names)
        if listed > max_entries:
            problems.append(_too_many(display(folder), max_entries))
            break
        dirs[:] = [
            d for d in sorted(dirs) if not _holds_walk(Path(top) / d, home, display, problems)
        ]
        for name in names:
            path = Path(top) / name
            if path.suffix.lower() in YAML_SUFFIXES:
                found.append(path)
    return sorted(found, key=lambda p: p.as_posix()), problems


def _holds_walk(
    folder: Path, home: Path, display: Callable[[Path], str], problems: list[Problem]
) -> bool:
    """Whether `folder` is a link to a folder that holds the walk's start, such as ``/`` or
    the data folder (reported if so): walking it would read far more than the data."""
    if not folder.is_symlink():
        return False
    target = Path(os.path.realpath(folder))
    if target == home or not home.is_relative_to(target):
        return False  # a link back to the start is walked once, like any other
    problems.append(_holds_data(display(folder), target))
    return True


def _holds_data(shown: str, target: Path) -> Problem:
    return Problem(
        shown,
        0,
        0,
        "unreadable",
        f"“{shown}” là liên kết tới “{target.as_posix()}”, thư mục chứa chính thư mục dữ "
        "liệu: không đọc.",
        "Xoá liên kết này; liên kết chỉ nên trỏ tới một thư mục chứa tệp YAML.",
    )


def _too_many(shown: str, max_entries: int) -> Problem:
    return Problem(
        shown,
        0,
        0,
        "too-large",
        f"Thư mục “{shown}” có hơn {thousands(max_entries)} tệp và thư mục con; dừng tìm tệp.",
        "Kiểm tra các liên kết (symlink) trong thư mục này: có thể một liên kết trỏ tới cả ổ đĩa.",
    )


def top_level_files(
    folder: Path, display: Callable[[Path], str]
) -> tuple[list[Path], list[Problem]]:
    """The entries directly in `folder`, sorted, or the problem of listing it."""
    try:
        return sorted(folder.iterdir()), []
    except OSError as exc:
        return [], [unreadable(display(folder), exc, "thư mục")]
