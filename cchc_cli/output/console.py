"""The one place that builds rich consoles (besides the status dashboard's tables)."""

from __future__ import annotations

import os
import sys
from typing import TextIO

from rich.console import Console
from rich.text import Text

from cchc_cli.errors import CchcError

_STYLES = {"lỗi": "bold red", "cảnh báo": "yellow", "gợi ý": "cyan"}


def make_console(file: TextIO | None = None, width: int | None = None) -> Console:
    """A console that honours NO_COLOR and prints plain text when not on a terminal."""
    stream = file or sys.stdout
    return Console(
        file=stream,
        width=width,
        no_color="NO_COLOR" in os.environ,
        highlight=False,
        emoji=False,
        soft_wrap=True,
    )


def print_diagnostics(text: str, file: TextIO) -> None:
    """Print formatted problems, colouring the level words on a colour terminal."""
    console = make_console(file)
    if not console.is_terminal or console.no_color:
        file.write(text)
        file.flush()
        return
    for line in text.splitlines():
        styled = Text(line)
        for word, style in _STYLES.items():
            styled.highlight_words([f" {word} ", f"{word}:"], style=style)
        console.print(styled)


def print_error(error: CchcError) -> None:
    """A command-ending error on stderr: ``cchc: lỗi: …`` and its hint."""
    text = f"cchc: lỗi: {error.message}\n" + (f"    gợi ý: {error.hint}\n" if error.hint else "")
    print_diagnostics(text, sys.stderr)
