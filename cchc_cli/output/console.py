"""The one place that builds rich consoles and prints on them; the text views of `cchc
status` and `cchc par` lay out their blocks in tables of one style (`text_table`) and print
them here (`print_blocks`).

rich is imported only when something may be coloured: `cchc validate` into a file or a pipe
(CI, pre-commit) starts 20 ms sooner without it.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, TextIO

from cchc_cli.errors import CchcError

if TYPE_CHECKING:
    from rich.console import Console, RenderableType
    from rich.table import Table

_STYLES = {"lỗi": "bold red", "cảnh báo": "yellow", "gợi ý": "cyan"}


def make_console(file: TextIO | None = None, width: int | None = None) -> Console:
    """A console that honours NO_COLOR and prints plain text when not on a terminal."""
    from rich.console import Console

    stream = file or sys.stdout
    return Console(
        file=stream,
        width=width,
        no_color="NO_COLOR" in os.environ,
        highlight=False,
        emoji=False,
        soft_wrap=True,
    )


def text_table(title: str | None = None) -> Table:
    """A table of the text views: a rule under the head, no frame, the full width."""
    from rich import box
    from rich.table import Table

    return Table(
        title=title,
        title_justify="left",
        title_style="bold",
        box=box.SIMPLE_HEAD,
        show_edge=False,
        pad_edge=False,
        expand=True,
    )


def print_blocks(blocks: Iterable[RenderableType], file: TextIO | None = None) -> None:
    """`blocks` one under the other, a blank line between, on `file` (stdout): in colour on
    a colour terminal, else as plain text without trailing spaces, so that it can be
    compared and mailed as is."""
    stream = file or sys.stdout
    console = make_console(stream)
    if console.is_terminal and console.color_system is not None and not console.no_color:
        _print_blocks(blocks, console)
        return
    with console.capture() as captured:
        _print_blocks(blocks, console)
    stream.write("".join(line.rstrip() + "\n" for line in captured.get().splitlines()))
    stream.flush()


def _print_blocks(blocks: Iterable[RenderableType], console: Console) -> None:
    for index, block in enumerate(blocks):
        if index:
            console.print()
        console.print(block, soft_wrap=False)


def print_with(write: Callable[[TextIO], object], file: TextIO | None = None) -> None:
    """`write` the output of a command on `file` (stdout), then flush it."""
    stream = file or sys.stdout
    write(stream)
    stream.flush()


def print_diagnostics(text: str, file: TextIO) -> None:
    """Print formatted problems, colouring the level words on a colour terminal."""
    if not _may_be_coloured(file):
        file.write(text)
        file.flush()
        return
    from rich.text import Text

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


def _may_be_coloured(file: TextIO) -> bool:
    """False when rich would surely print plain text: NO_COLOR, or not a terminal and
    nothing (TTY_COMPATIBLE=1, FORCE_COLOR) says it is one. Otherwise rich decides."""
    if "NO_COLOR" in os.environ:
        return False
    if os.environ.get("TTY_COMPATIBLE") == "1" or os.environ.get("FORCE_COLOR"):
        return True
    try:
        return file.isatty()
    except (AttributeError, ValueError, OSError):  # no isatty, or a closed stream
        return True


def print_error(error: CchcError) -> None:
    """A command-ending error on stderr: ``cchc: lỗi: …`` and its hint, with any control
    character (from a value the user typed, a file name) shown escaped."""
    from cchc_cli.text_vi import printable

    text = f"cchc: lỗi: {error.message}\n" + (f"    gợi ý: {error.hint}\n" if error.hint else "")
    text = printable(text)
    print_diagnostics(text, sys.stderr)
