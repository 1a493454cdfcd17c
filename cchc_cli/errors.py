"""One family of problems and errors, and one mapping to exit codes.

A `Problem` is something wrong (or worth a warning) in the user's data, located at
`file:line:col`. A `CchcError` is a failure that stops a command (a missing data folder, an
output file that exists); the CLI turns it into a Vietnamese message and an exit code.
"""

from __future__ import annotations

import errno
from dataclasses import dataclass, field, replace
from enum import IntEnum
from typing import Literal

Level = Literal["error", "warning"]
Loc = tuple[str | int, ...]


class ExitCode(IntEnum):
    """The exit codes of every command (documented in the README)."""

    OK = 0
    INVALID = 1  # invalid data, failed check, or a command that could not do its work
    USAGE = 2  # bad options or arguments


@dataclass(frozen=True, slots=True)
class Problem:
    """A located problem in a data file.

    `path` is shown as given (POSIX separators, relative to the repository where possible).
    `line` and `col` are 1-based; 0 means "the whole file". `loc` is the path of keys and
    indexes inside the YAML document, used to find `line` and `col` when they are not known
    yet (see `cchc_cli.locate`).
    """

    path: str
    line: int
    col: int
    code: str
    message: str
    hint: str = ""
    level: Level = "error"
    loc: Loc | None = field(default=None, compare=False)

    @property
    def is_error(self) -> bool:
        return self.level == "error"

    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.path, self.line, self.col, self.code, self.message)

    def at(self, line: int, col: int) -> Problem:
        """The same problem, placed at `line:col`."""
        return replace(self, line=line, col=col)


class CchcError(Exception):
    """A failure that ends a command, with a Vietnamese message for the user."""

    exit_code: ExitCode = ExitCode.INVALID

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


class UsageError(CchcError):
    """A wrong option value that the CLI parser could not catch itself."""

    exit_code = ExitCode.USAGE


class DataNotFoundError(CchcError):
    """No data folder was found."""


class OutputExistsError(CchcError):
    """An output file exists and `--force` was not given."""


def sort_problems(problems: list[Problem]) -> list[Problem]:
    """Problems sorted by file, line and column, without exact repeats."""
    unique = {(*p.sort_key(), p.level, p.hint): p for p in problems}
    return sorted(unique.values(), key=Problem.sort_key)


def has_errors(problems: list[Problem]) -> bool:
    return any(p.is_error for p in problems)


_OS_ERRORS = {
    errno.EACCES: "không có quyền truy cập",
    errno.EPERM: "không được phép",
    errno.ENOENT: "không tồn tại",
    errno.ENOTDIR: "một phần của đường dẫn không phải thư mục",
    errno.EISDIR: "đây là một thư mục",
    errno.EEXIST: "đã có",
    errno.ENOSPC: "ổ đĩa hết chỗ trống",
    errno.EROFS: "ổ đĩa chỉ cho đọc",
    errno.ENAMETOOLONG: "tên quá dài",
    errno.ELOOP: "liên kết vòng",
    errno.EBUSY: "đang được chương trình khác dùng",
}


def os_error_text(exc: OSError) -> str:
    """What went wrong with a file, in Vietnamese (``không có quyền truy cập``…)."""
    if exc.errno in _OS_ERRORS:
        return _OS_ERRORS[exc.errno]
    if isinstance(exc, PermissionError):
        return _OS_ERRORS[errno.EACCES]
    return f"lỗi hệ thống (mã {exc.errno})" if exc.errno else "lỗi hệ thống"
