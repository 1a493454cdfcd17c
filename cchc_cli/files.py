"""Finding the data files on disk without ever raising: what cannot be read is a problem."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from cchc_cli.errors import Problem, os_error_text

YAML_SUFFIXES = (".yaml", ".yml")


def unreadable(shown: str, exc: OSError, what: str = "tệp") -> Problem:
    """A located problem for a file or folder the operating system would not let us read."""
    return Problem(
        shown,
        0,
        0,
        "unreadable",
        f"Không đọc được {what} “{shown}”: {os_error_text(exc)}.",
        "Kiểm tra quyền truy cập, hoặc đóng chương trình đang giữ tệp.",
    )


def yaml_files(folder: Path, display: Callable[[Path], str]) -> tuple[list[Path], list[Problem]]:
    """Every ``.yaml``/``.yml`` file below `folder`, sorted, and what could not be searched.

    Symbolic links to folders are followed (once each: a link back up is not a loop); a
    `folder` that is a file, or a folder that cannot be listed, is an error, never a silent
    gap in the data.
    """
    problems: list[Problem] = []
    if not folder.exists():
        return [], problems
    if not folder.is_dir():
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
    found: list[Path] = []
    seen: set[str] = set()

    def failed(exc: OSError) -> None:
        where = Path(exc.filename) if exc.filename else folder
        problems.append(unreadable(display(where), exc, "thư mục"))

    for top, dirs, names in os.walk(folder, onerror=failed, followlinks=True):
        real = os.path.realpath(top)
        if real in seen:
            dirs[:] = []
            continue
        seen.add(real)
        dirs.sort()
        for name in names:
            path = Path(top) / name
            if path.suffix.lower() in YAML_SUFFIXES:
                found.append(path)
    return sorted(found, key=lambda p: p.as_posix()), problems


def top_level_files(
    folder: Path, display: Callable[[Path], str]
) -> tuple[list[Path], list[Problem]]:
    """The entries directly in `folder`, sorted, or the problem of listing it."""
    try:
        return sorted(folder.iterdir()), []
    except OSError as exc:
        return [], [unreadable(display(folder), exc, "thư mục")]
