"""What the text views share: printing blocks plain or in colour, and the ``--format`` check."""

from __future__ import annotations

import io

import pytest
from rich.table import Table
from rich.text import Text

from cchc_cli.errors import UsageError
from cchc_cli.output.console import print_blocks, print_with
from cchc_cli.output.formats import format_named


def blocks() -> list[Table | Text]:
    table = Table(title="Bảng", expand=True)  # expand pads every line to the full width
    table.add_column("Mã")
    table.add_row("VP-01")
    return [Text("Đầu", style="bold red"), table]


def test_plain_text_has_a_blank_line_between_blocks_and_no_trailing_spaces() -> None:
    out = io.StringIO()
    print_blocks(blocks(), out)
    text = out.getvalue()
    assert text.startswith("Đầu\n\n")
    assert "VP-01" in text and "\x1b[" not in text
    assert all(line == line.rstrip() for line in text.splitlines())
    assert text.endswith("\n")


def test_a_colour_terminal_gets_colour(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_COLOR")
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.setenv("TTY_COMPATIBLE", "1")
    out = io.StringIO()
    print_blocks(blocks(), out)
    assert "\x1b[1;31mĐầu" in out.getvalue()


def test_print_with_writes_on_stdout_and_flushes(capsys: pytest.CaptureFixture[str]) -> None:
    print_with(lambda stream: stream.write("{}\n"))
    assert capsys.readouterr().out == "{}\n"


def test_format_named_is_one_of_those_offered() -> None:
    assert format_named(" JSON ", ("text", "json")) == "json"
    assert format_named("text", {"text": 1, "json": 2}) == "text"
    with pytest.raises(UsageError) as raised:
        format_named("pdf", ("text", "json", "html"))
    assert raised.value.message == "Không có định dạng “pdf”."
    assert raised.value.hint == "Dùng một trong: text, json, html."
    assert raised.value.field == "output_format"
