"""What the commands that change data files share (`cchc update`, `done`, `add`): showing
or writing the change they computed (their shared options are in `cchc_cli.cli.options`)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

import typer

if TYPE_CHECKING:
    from cchc_cli.edit.change import Change

# The code of a refusal the user can fix with another command, and how.
_NEXT_STEP = {
    "missing-completion": "Nhiệm vụ đã xong thì dùng “cchc done” để ghi cả ngày hoàn thành.",
}


@contextmanager
def refusals() -> Iterator[None]:
    """Print the located problems of a refused change before its message (`handled`)."""
    from cchc_cli.edit.change import ChangeRefusedError
    from cchc_cli.output.console import print_diagnostics
    from cchc_cli.output.diagnostics import format_text

    try:
        yield
    except ChangeRefusedError as refused:
        print_diagnostics(format_text(refused.problems), sys.stderr)
        steps = {_NEXT_STEP[p.code] for p in refused.problems if p.code in _NEXT_STEP}
        if steps:
            refused.hint = " ".join([refused.hint, *sorted(steps)]).strip()
        raise


def carry_out(change: Change, *, dry_run: bool) -> None:
    """Show `change` (`dry_run`) or write it; new warnings go to stderr either way."""
    from cchc_cli.edit.change import write
    from cchc_cli.output.console import print_diagnostics
    from cchc_cli.output.diagnostics import format_text

    if change.warnings:
        typer.echo("Lưu ý (cảnh báo mới, không ngăn việc ghi):", err=True)
        print_diagnostics(format_text(change.warnings), sys.stderr)
    if dry_run:
        sys.stdout.write(change.diff())
        typer.echo("Chạy thử: chưa ghi gì.", err=True)
        return
    write(change)
    typer.echo(change.summary)
