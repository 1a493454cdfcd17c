"""Files as a change would leave them, read in place of the disk.

A write command (`cchc update`, `done`, `add`) checks the whole repository *with* its change
before writing anything: inside `overlaid({path: new bytes})`, the loader reads those bytes
instead of the file (and finds a new task file that is not on disk yet). Nothing else sees
the overlay; it ends with the `with` block.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path

_FILES: ContextVar[Mapping[Path, bytes] | None] = ContextVar("cchc_overlay", default=None)


@contextmanager
def overlaid(files: Mapping[Path, bytes]) -> Iterator[None]:
    """Within the block, the loader reads `files` (path -> bytes) instead of the disk."""
    token = _FILES.set(dict(files))
    try:
        yield
    finally:
        _FILES.reset(token)


def content(path: Path) -> bytes | None:
    """The overlaid bytes of `path`, or None when it is read from disk."""
    files = _FILES.get()
    return None if files is None else files.get(path)


def including(found: list[Path], folder: Path) -> list[Path]:
    """`found` (the files of `folder` on disk, sorted) with the overlaid files below `folder`
    that are not on disk yet, in the same order."""
    files = _FILES.get()
    if not files:
        return found
    extra = [p for p in files if folder in p.parents and p not in found]
    if not extra:
        return found
    return sorted([*found, *extra], key=lambda p: p.as_posix())
