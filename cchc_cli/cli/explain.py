"""`cchc explain`: what a problem code means and how to fix it."""

# No `from __future__ import annotations` here: Typer reads these signatures at every start,
# and string annotations cost it an eval each (5 ms of `cchc --version`; benchmarks/RESULTS.md).

from typing import Annotated

import typer

from cchc_cli.cli.common import handled


def explain(
    code: Annotated[
        str | None,
        typer.Argument(
            help="Mã lỗi, ví dụ duplicate-key. Bỏ trống để xem danh sách mã.",
            show_default=False,
            metavar="MÃ",
        ),
    ] = None,
) -> None:
    """Giải thích một mã lỗi của “cchc validate” và cách sửa."""
    import difflib

    from cchc_cli.codes import CODES
    from cchc_cli.codes import explain as explain_code
    from cchc_cli.errors import UsageError

    with handled():
        if code is None:
            for name, info in CODES.items():
                typer.echo(f"{name:<20} {info.title}")
            return
        text = explain_code(code)
        if text is None:
            close = difflib.get_close_matches(code, list(CODES), n=3)
            raise UsageError(
                f"Không có mã lỗi “{code}”.",
                ("Có phải ý bạn là: " + ", ".join(close) + "? " if close else "")
                + "Gõ “cchc explain” để xem mọi mã.",
            )
        typer.echo(text, nl=False)
