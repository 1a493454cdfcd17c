"""What every command shares: the global settings, error handling and data loading."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from cchc_cli.errors import CchcError

if TYPE_CHECKING:
    from cchc_cli.loader import Dataset


@dataclass(frozen=True)
class Settings:
    """Global options, given before the command."""

    data: Path | None


@contextmanager
def handled() -> Iterator[None]:
    """Turn a `CchcError` into a Vietnamese message on stderr and its exit code."""
    from cchc_cli.console import print_error

    try:
        yield
    except CchcError as error:
        print_error(error)
        raise typer.Exit(int(error.exit_code)) from None


def load_dataset(ctx: typer.Context) -> Dataset:
    """Find the data folder, read it, and run the cross-file checks."""
    from cchc_cli.checks import check
    from cchc_cli.loader import find_data_dir, load_checked

    settings: Settings = ctx.obj
    return load_checked(find_data_dir(settings.data), check)
