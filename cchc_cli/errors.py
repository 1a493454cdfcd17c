"""One family of problems and errors, and one mapping to exit codes.

A `Problem` is something wrong (or worth a warning) in the user's data, located at
`file:line:col`. A `CchcError` is a failure that stops a command (a missing data folder, an
output file that exists); the CLI turns it into a Vietnamese message and an exit code.
"""

from __future__ import annotations

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
    yet (see `cchc_cli.read.locate`).
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
    """A failure that ends a command, with a Vietnamese message for the user.

    `field` names the value at fault (``as_of``, ``year``, ``force``…) when the user gave
    it; the core never words a command-line option, the CLI adds that
    (`cchc_cli.cli.common.handled`).
    """

    exit_code: ExitCode = ExitCode.INVALID

    def __init__(self, message: str, hint: str = "", *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.field = field


class UsageError(CchcError):
    """A value the user gave that the CLI parser could not judge itself (exit code 2)."""

    exit_code = ExitCode.USAGE


class DataNotFoundError(CchcError):
    """No data folder was found."""


class SwitchError(CchcError):
    """Refused unless the user turns on the switch that `field` names (e.g. ``force``).

    `action` says what the switch does; the hint says what else the user can do. The CLI
    words both: “Dùng --force để ghi đè, hoặc chọn tên tệp khác.”
    """

    action = ""


class OutputExistsError(SwitchError):
    """Something is already where a file would be written, and overwriting was not asked for."""

    action = "ghi đè"


class MissingFolderError(SwitchError):
    """The folder of an output file does not exist, and creating it was not asked for."""

    action = "tạo thư mục"


def sort_problems(problems: list[Problem]) -> list[Problem]:
    """Problems sorted by file, line and column, without exact repeats."""
    unique = {(*p.sort_key(), p.level, p.hint): p for p in problems}
    return sorted(unique.values(), key=Problem.sort_key)


def has_errors(problems: list[Problem]) -> bool:
    return any(p.is_error for p in problems)
