"""Finding the data folder and its files on disk; what cannot be read is a problem, not a crash."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from cchc_cli.dataset import PLAN_FILE
from cchc_cli.errors import Problem
from cchc_cli.text_vi import os_error_text

YAML_SUFFIXES = (".yaml", ".yml")
DATA_DIR = "data"


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
