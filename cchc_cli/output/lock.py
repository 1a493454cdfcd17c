"""A lock beside a data file while a write command compares it with what it read and
replaces it (`cchc_cli.edit.change.write`).

Without it two runs editing one file at once (two staff, or a script) could both find the
file as they read it, and the later replacement would silently drop the earlier change.
The lock is a file created exclusively beside the data file, ``.NAME.cchc-lock``, which
works the same on Windows and POSIX; it is removed when the write ends, even on an error
or a termination signal that unwinds the write. A lock older than `STALE` seconds was left
by a run that was killed outright, and is taken over.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath

from cchc_cli.errors import CchcError
from cchc_cli.text_vi import os_error_text

SUFFIX = ".cchc-lock"
WAIT = 5.0  # seconds to wait for another run's write (a write takes milliseconds)
STALE = 30.0  # seconds after which a lock is taken to be left by a run that died
_POLL = 0.05


def lock_path(path: Path) -> Path:
    return path.with_name(f".{path.name}{SUFFIX}")


@contextmanager
def held(path: Path, shown: str) -> Iterator[None]:
    """Hold the lock of `path` for the block; `CchcError` if another run holds it longer
    than `WAIT` seconds, or if it cannot be made (a folder that cannot be written)."""
    lock = lock_path(path)
    deadline = time.monotonic() + WAIT
    while not _taken(lock, shown):
        if _stale(lock):
            with contextlib.suppress(OSError):
                lock.unlink()
        elif time.monotonic() >= deadline:
            raise CchcError(
                f"Tệp “{shown}” đang được một lệnh khác ghi; chưa ghi gì.",
                f"Chờ lệnh kia xong rồi chạy lại lệnh này. Nếu không có lệnh nào đang chạy, "
                f"xoá tệp khoá “{PurePosixPath(shown).with_name(lock.name)}” (hoặc chờ "
                f"{STALE:.0f} giây).",
            )
        else:
            time.sleep(_POLL)
    try:
        yield
    finally:
        with contextlib.suppress(OSError):
            lock.unlink()


def _taken(lock: Path, shown: str) -> bool:
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    try:
        os.close(os.open(lock, flags))
    except FileExistsError:
        return False
    except OSError as exc:
        raise CchcError(
            f"Không ghi được tệp “{shown}”: {os_error_text(exc)}.",
            "Kiểm tra thư mục chứa tệp và quyền ghi.",
        ) from exc
    return True


def _stale(lock: Path) -> bool:
    """Older than `STALE` seconds, or dated that far in the future (a clock set back, a
    network share with another clock): no run holds a lock that long."""
    try:
        return abs(time.time() - lock.stat().st_mtime) > STALE
    except FileNotFoundError:
        return False  # just released: try again at once
    except OSError:
        return False
