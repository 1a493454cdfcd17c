"""Writing output files: atomically, created exclusively, never over a file without `force`.

The content goes to a temporary file in the target's folder first, so readers see the old
file or the new one, never half of one. Then:

- without `force`, the temporary file is *linked* to the target name (``os.link``), which
  fails when anything (a file, a folder, a dangling link) already has that name. Checking
  ``exists()`` and then renaming would race: of two runs started together, both would pass
  the check and one would silently replace the other. With a link exactly one wins.
- with `force`, it is renamed over the target (``os.replace``), which is atomic too; a
  folder, device, pipe or link at the target is never replaced.

A termination signal (SIGTERM, SIGHUP) during the write removes the temporary file before
the process ends: no ``.NAME.xxxx.tmp`` is left behind.

The target's folder must exist unless `parents` is given: a typo in a folder name is an
error, not a new folder.
"""

from __future__ import annotations

import contextlib
import errno
import os
import signal
import stat
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from cchc_cli.errors import CchcError, MissingFolderError, OutputExistsError
from cchc_cli.os_files import default_file_mode
from cchc_cli.text_vi import os_error_text

_END_SIGNALS = ("SIGTERM", "SIGHUP")
# Where hard links are not supported (some network and FAT drives), an O_EXCL create is
# still exclusive, though a reader may then see a partly written file.
_NO_LINKS = {errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV, errno.EMLINK}


def write_atomic(path: Path, content: bytes, *, force: bool = False, parents: bool = False) -> None:
    """Write `content` to `path` (see the module docstring). `CchcError`s say what failed."""
    _check_target(path, force=force)
    with signals_end_cleanly():
        _write(path, content, force=force, parents=parents)


def _write(path: Path, content: bytes, *, force: bool, parents: bool) -> None:
    try:
        _ensure_folder(path.parent, parents=parents)
        tmp = _temporary(path, content)
        try:
            if force:
                Path(tmp).replace(path)
            else:
                _link_exclusively(tmp, path, content)
        finally:
            Path(tmp).unlink(missing_ok=True)
    except OSError as exc:
        raise CchcError(
            f"Không ghi được tệp “{path.as_posix()}”: {os_error_text(exc)}.",
            "Kiểm tra thư mục đích và quyền ghi.",
        ) from exc


class _Signalled(BaseException):
    """A termination signal that arrived during a write, raised so that cleanup runs."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


@contextmanager
def signals_end_cleanly() -> Iterator[None]:
    """While a file is written, SIGTERM and SIGHUP unwind the write (removing its temporary
    file, as an exception would) and are then delivered again, so the process still ends as
    the signal asks. Only signals left at their default action are taken over, and only in
    the main thread (where Python runs signal handlers)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    taken: dict[int, Any] = {}

    def unwind(signum: int, frame: object) -> None:
        raise _Signalled(signum)

    for name in _END_SIGNALS:
        number = getattr(signal, name, None)
        if number is not None and signal.getsignal(number) is signal.SIG_DFL:
            taken[number] = signal.signal(number, unwind)
    try:
        yield
    except _Signalled as caught:
        _restore(taken)
        signal.raise_signal(caught.signum)  # the default action: the process ends here
        raise SystemExit(128 + caught.signum) from None
    finally:
        _restore(taken)


def _restore(taken: dict[int, Any]) -> None:
    for number, handler in taken.items():
        signal.signal(number, handler)
    taken.clear()


def _ensure_folder(folder: Path, *, parents: bool) -> None:
    for place in (folder, *folder.parents):
        if place.is_dir():
            break
        if os.path.lexists(place):
            raise CchcError(
                f"“{place.as_posix()}” là một tệp, không phải thư mục: không ghi được tệp vào "
                "trong nó.",
                "Chọn một đường dẫn khác.",
            )
    if parents:
        folder.mkdir(parents=True, exist_ok=True)
    elif not folder.is_dir():
        raise MissingFolderError(
            f"Thư mục “{folder.as_posix()}” chưa có.", "kiểm tra lại đường dẫn", field="parents"
        )


def _check_target(path: Path, *, force: bool) -> None:
    try:
        mode = path.lstat().st_mode
    except OSError:
        return  # nothing there, or a parent that is not a folder: `_ensure_folder` says so
    if stat.S_ISDIR(mode):  # --force would not help: say so at once
        raise CchcError(
            f"“{path.as_posix()}” là một thư mục, không phải tệp.",
            f"Ghi vào một tệp trong thư mục đó, ví dụ “{(path / 'bao-cao').as_posix()}"
            f"{path.suffix or '.md'}”, hoặc chọn tên tệp khác.",
        )
    if not force:
        raise _exists(path)
    if not stat.S_ISREG(mode):
        # Renaming over a device, pipe or link would replace it, not write into it.
        raise CchcError(
            f"“{path.as_posix()}” không phải một tệp thường; không ghi đè lên nó.",
            "Chọn một tên tệp khác.",
        )


def _exists(path: Path) -> OutputExistsError:
    return OutputExistsError(f"Tệp “{path.as_posix()}” đã có.", "chọn tên tệp khác", field="force")


def _temporary(path: Path, content: bytes) -> str:
    """A temporary file beside `path` holding `content`, with the mode a new file gets (or
    the mode of the file it will replace)."""
    mode = path.stat().st_mode & 0o777 if path.is_file() else default_file_mode()
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        # mkstemp creates the file private (0600); give it the mode a normal write would.
        Path(tmp).chmod(mode)
        with os.fdopen(fd, "wb") as handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        with contextlib.suppress(OSError):
            Path(tmp).unlink()
        raise
    return tmp


def _link_exclusively(tmp: str, path: Path, content: bytes) -> None:
    """Give `tmp`'s content the name `path` only if nothing has that name yet."""
    try:
        try:
            os.link(tmp, path)
        except FileExistsError:
            raise
        except OSError as exc:
            if exc.errno not in _NO_LINKS:
                raise
            flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
            with os.fdopen(os.open(path, flags), "wb") as handle:
                handle.write(content)
    except FileExistsError as exc:  # another run was faster
        raise _exists(path) from exc
