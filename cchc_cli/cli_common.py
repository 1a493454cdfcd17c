"""What every command shares: the global settings, error handling and data loading."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from cchc_cli.errors import CchcError, ExitCode, os_error_text

if TYPE_CHECKING:
    from cchc_cli.loader import Dataset


@dataclass(frozen=True)
class Settings:
    """Global options, given before the command."""

    data: Path | None


@contextmanager
def handled() -> Iterator[None]:
    """Turn a `CchcError` into a Vietnamese message on stderr and its exit code.

    An `OSError` that a command did not expect (a folder that cannot be read, a full disk)
    is the user's environment, not a bug: it gets a message too, never a traceback.
    """
    from cchc_cli.console import print_error

    try:
        yield
    except CchcError as error:
        print_error(error)
        raise typer.Exit(int(error.exit_code)) from None
    except OSError as error:
        where = f" “{Path(error.filename).as_posix()}”" if error.filename else ""
        print_error(
            CchcError(
                f"Không đọc hoặc ghi được{where}: {os_error_text(error)}.",
                "Kiểm tra đường dẫn, quyền truy cập và chỗ trống trên ổ đĩa.",
            )
        )
        raise typer.Exit(int(ExitCode.INVALID)) from None


def load_dataset(ctx: typer.Context) -> Dataset:
    """Find the data folder, read it, and run the cross-file checks."""
    from cchc_cli.checks import check
    from cchc_cli.loader import find_data_dir, load_checked

    settings: Settings = ctx.obj
    return load_checked(find_data_dir(settings.data), check)
