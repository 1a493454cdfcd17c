"""Appendix tables as WordprocessingML, built as text in one pass, a row at a time: linear
in the rows.

A table (`cchc_cli.report.model.Table`, as the plain dict a template sees) becomes a
``<w:tbl>`` with fixed layout: column widths in proportion to the columns' weights over the
section's text width (each column at least as wide as its longest word), a header (one or
two rows: a group's name spans its columns, the other headers span both rows) repeated on
every page, rows that never split across pages, group rows (one cell across the table, kept
with the row after it), bold total rows, and small tables kept on one page. Paragraph
styles are the template's: ``TableHeading`` and ``TableText``
(`scripts/make_docx_template.py`), table style ``TableGrid``.

Text is XML-escaped and its control characters shown as escapes (`printable`): data never
breaks the document.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from typing import Any
from xml.sax.saxutils import escape

from cchc_cli.report.text_width import text_width
from cchc_cli.text_vi import printable

TEXT_PT = 12  # the size of the template's TableText and TableHeading styles
CELL_MARGIN = 57  # twips, each side (1 mm)
KEEP_TOGETHER = 15  # a table of at most this many rows is kept on one page
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_JC = {"left": "left", "center": "center", "right": "right"}
_BORDERS = "".join(
    f'<w:{edge} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV")
)


def widths(
    columns: Sequence[Mapping[str, Any]],
    total: int,
    rows: Sequence[Mapping[str, Any]] = (),
) -> list[int]:
    """Column widths in twips adding up to `total`: each at least as wide as its longest word
    (so no word breaks across lines), the rest shared in proportion to the weights."""
    weights = [max(int(c["weight"]), 1) for c in columns]
    least = [_least_width(i, column, rows) for i, column in enumerate(columns)]
    spare = total - sum(least)
    if spare <= 0:  # the words alone are too wide: weights only
        least, spare = [0] * len(columns), total
    found = [low + spare * w // sum(weights) for low, w in zip(least, weights, strict=True)]
    found[-1] += total - sum(found)
    return found


_CANDIDATES = 8  # the longest words (by letters) of a column that are measured


def _least_width(index: int, column: Mapping[str, Any], rows: Sequence[Mapping[str, Any]]) -> int:
    """The width in twips of the widest word of column `index` (header in bold), with the
    cell's side margins."""
    words = set(str(column["header"]).split())
    for row in rows:
        cells = row["cells"]
        if row["kind"] != "group" and index < len(cells):
            words.update(str(cells[index]).split())
    # Longest first, ties in alphabetical order: a set's order changes with the hash seed.
    longest = sorted(words, key=lambda w: (len(w), w), reverse=True)[:_CANDIDATES]
    points = max((text_width(w, TEXT_PT, bold=True) for w in longest), default=0.0)
    return round(points * 20) + 2 * CELL_MARGIN + 20


# What XML cannot hold even escaped (the reader refuses them; a computed text might not).
_NOT_XML = re.compile("[\ud800-\udfff\ufffe\uffff]")


def _text(value: Any) -> str:
    text = printable(" ".join(str(value).split()))
    if _NOT_XML.search(text):
        text = _NOT_XML.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
    return escape(text)


def _paragraph(
    text: str, style: str, align: str = "left", *, bold: bool = False, keep: bool = False
) -> str:
    keep_next = "<w:keepNext/>" if keep else ""
    props = f'<w:pStyle w:val="{style}"/>{keep_next}<w:jc w:val="{_JC.get(align, "left")}"/>'
    if not text:
        return f"<w:p><w:pPr>{props}</w:pPr></w:p>"
    run_props = "<w:rPr><w:b/><w:bCs/></w:rPr>" if bold else ""
    shown = _text(text)  # empty for blank text: written as lxml would write it
    run = f'<w:t xml:space="preserve">{shown}</w:t>' if shown else '<w:t xml:space="preserve"/>'
    return f"<w:p><w:pPr>{props}</w:pPr><w:r>{run_props}{run}</w:r></w:p>"


def _cell(width: int, body: str, *, span: int = 1, merge: str = "", center: bool = False) -> str:
    props = f'<w:tcW w:w="{width}" w:type="dxa"/>'
    if span > 1:
        props += f'<w:gridSpan w:val="{span}"/>'
    if merge:
        props += f'<w:vMerge w:val="{merge}"/>' if merge == "restart" else "<w:vMerge/>"
    if center:
        props += '<w:vAlign w:val="center"/>'
    return f"<w:tc><w:tcPr>{props}</w:tcPr>{body}</w:tc>"


def _header_rows(table: Mapping[str, Any], sizes: list[int]) -> list[str]:
    columns = table["columns"]
    two = any(c["group"] for c in columns)
    repeat = "<w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>"
    first: list[str] = []
    at = 0
    for head in table["heads"]:
        span = head["colspan"]
        width = sum(sizes[at : at + span])
        merge = "restart" if head["rowspan"] > 1 else ""
        body = _paragraph(head["text"], "TableHeading", "center")
        first.append(_cell(width, body, span=span, merge=merge, center=True))
        at += span
    rows = [f"<w:tr>{repeat}{''.join(first)}</w:tr>"]
    if two:
        second = [
            _cell(size, _paragraph(c["header"], "TableHeading", "center"), center=True)
            if c["group"]
            else _cell(size, _paragraph("", "TableHeading", "center"), merge="continue")
            for c, size in zip(columns, sizes, strict=True)
        ]
        rows.append(f"<w:tr>{repeat}{''.join(second)}</w:tr>")
    return rows


def _body_row(
    row: Mapping[str, Any],
    columns: Sequence[Mapping[str, Any]],
    sizes: list[int],
    *,
    with_next: bool,
) -> str:
    """A row; `with_next` keeps it on the page of the next one (a group row always is)."""
    unsplit = "<w:trPr><w:cantSplit/></w:trPr>"
    if row["kind"] == "group":
        text = row["cells"][0] if row["cells"] else ""
        body = _paragraph(text, "TableText", bold=True, keep=True)
        return f"<w:tr>{unsplit}{_cell(sum(sizes), body, span=len(sizes))}</w:tr>"
    bold = row["kind"] == "total"
    cells = [
        _cell(size, _paragraph(value, "TableText", column["align"], bold=bold, keep=with_next))
        for value, column, size in zip(row["cells"], columns, sizes, strict=False)
    ]
    return f"<w:tr>{unsplit}{''.join(cells)}</w:tr>"


def table_xml(table: Mapping[str, Any], total: int) -> str:
    """`table` (a template's plain dict) as one ``<w:tbl>`` element, `total` twips wide."""
    return "".join(table_parts(table, total))


def table_parts(table: Mapping[str, Any], total: int, *, declare: bool = True) -> Iterator[str]:
    """The text of `table_xml`, a row at a time (the start of the table with its header
    first, then each row, then the end), so that a large table is never one string.
    `declare=False` leaves out the ``w:`` namespace declaration, for a table written inside
    a document that has it."""
    columns = table["columns"]
    sizes = widths(columns, total, table["rows"])
    grid = "".join(f'<w:gridCol w:w="{size}"/>' for size in sizes)
    props = (
        f'<w:tblStyle w:val="TableGrid"/><w:tblW w:w="{total}" w:type="dxa"/>'
        f'<w:jc w:val="center"/><w:tblBorders>{_BORDERS}</w:tblBorders>'
        '<w:tblLayout w:type="fixed"/>'
        f'<w:tblCellMar><w:left w:w="{CELL_MARGIN}" w:type="dxa"/>'
        f'<w:right w:w="{CELL_MARGIN}" w:type="dxa"/></w:tblCellMar>'
    )
    start = f'<w:tbl xmlns:w="{W_NS}">' if declare else "<w:tbl>"
    head = f"{start}<w:tblPr>{props}</w:tblPr><w:tblGrid>{grid}</w:tblGrid>"
    yield head + "".join(_header_rows(table, sizes))
    rows = table["rows"]
    together = len(rows) <= KEEP_TOGETHER
    for i, row in enumerate(rows):
        yield _body_row(row, columns, sizes, with_next=together and i < len(rows) - 1)
    yield "</w:tbl>"
