"""The export as an Excel workbook (openpyxl, imported only when a workbook is written).

One sheet per table, Vietnamese headers in bold, the header row frozen, an autofilter over
the data, widths fitted to the content. Dates are real dates (shown dd/mm/yyyy), counts and
percents real numbers, rates real fractions shown as percentages. Text is always text: a
value that starts like a formula (``=``, ``+``, ``-``, ``@``) is stored as a string with
Excel's "quote prefix", so it is shown as written and never calculated. The as-of date and
the data commit are in the workbook's properties (File → Info → Properties).
"""

from __future__ import annotations

import io
import math
from datetime import date
from typing import Any

from cchc_cli import __version__
from cchc_cli.export.table import FORMULA_STARTS, Column, Sheet, Workbook
from cchc_cli.text_vi import dmy, printable

# A number with decimals shows one or two of them; a whole one none ("0.##" would show "4."
# in Excel, which keeps the point of an empty decimal part).
_FORMATS = {"date": "dd/mm/yyyy", "int": "0", "number": "0.0#", "rate": "0.0%"}
_WHOLE = "0"
_DATE_WIDTH = 12
LINE_HEIGHT = 15  # points: one line of the default 11 pt font


def to_xlsx(book: Workbook) -> bytes:
    """The workbook's bytes."""
    from openpyxl import Workbook as Excel
    from openpyxl.packaging.custom import StringProperty
    from openpyxl.styles import Alignment, Font

    excel = Excel()
    excel.remove(excel.active)  # type: ignore[arg-type]
    bold = Font(bold=True)
    wrapped = Alignment(wrap_text=True, vertical="top")
    for sheet in book.sheets:
        ws = excel.create_sheet(sheet.title)
        ws.append([column.header for column in sheet.columns])
        for cell in ws[1]:
            cell.font = bold
            cell.alignment = wrapped
        for row in sheet.rows:
            ws.append([_value(value) for value in row])
        widths = [_width(column, sheet, index) for index, column in enumerate(sheet.columns)]
        for index, column in enumerate(sheet.columns, start=1):
            letter = ws.cell(row=1, column=index).column_letter
            for (cell,) in ws.iter_rows(min_row=2, min_col=index, max_col=index):
                _style(cell, column, wrapped)
            ws.column_dimensions[letter].width = widths[index - 1]
        for number, row in enumerate(sheet.rows, start=2):
            lines = _lines(row, sheet.columns, widths)
            if lines > 1:  # spreadsheets do not grow a row for wrapped text themselves
                ws.row_dimensions[number].height = LINE_HEIGHT * lines
        ws.freeze_panes = "A2"
        ws.auto_filter.ref = ws.dimensions
        # Printed: A4 landscape, all columns on the page width, the header on every page.
        ws.page_setup.orientation = "landscape"
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.print_title_rows = "1:1"
    props = excel.properties
    props.title = book.title
    props.subject = f"Số liệu đến ngày {dmy(book.as_of)} ({book.filters})"
    props.description = f"Dữ liệu: commit {book.commit or 'không rõ (ngoài git)'}."
    props.creator = f"cchc {__version__}"
    for name, value in (
        ("Ngày số liệu", dmy(book.as_of)),
        ("Commit dữ liệu", book.commit or ""),
        ("Phạm vi", book.filters),
    ):
        # types-openpyxl does not know the workbook's custom properties (openpyxl >= 3.1)
        excel.custom_doc_props.append(StringProperty(name=name, value=value))  # type: ignore[attr-defined]
    out = io.BytesIO()
    excel.save(out)
    return out.getvalue()


def _value(value: Any) -> Any:
    """A cell value: text made printable (openpyxl refuses control characters)."""
    if isinstance(value, str):
        return printable(value)
    return value


def _style(cell: Any, column: Column, wrapped: Any) -> None:
    # Long titles and lists of documents wrap rather than hide; every cell sits at the top.
    cell.alignment = wrapped
    if isinstance(cell.value, str):
        if cell.value.startswith(FORMULA_STARTS):
            cell.data_type = "s"  # openpyxl reads a leading "=" as a formula
            cell.quotePrefix = True
    elif cell.value is not None and column.kind in _FORMATS:
        whole = column.kind == "number" and float(cell.value).is_integer()
        cell.number_format = _WHOLE if whole else _FORMATS[column.kind]


def _lines(row: list[Any], columns: tuple[Column, ...], widths: list[float]) -> int:
    """How many lines the row's wrapped text needs, at about one character per width unit."""
    needed = 1
    for value, column, width in zip(row, columns, widths, strict=True):
        if column.kind == "text" and isinstance(value, str) and value:
            needed = max(needed, math.ceil(len(value) / max(width - 2, 1)))
    return needed


def _width(column: Column, sheet: Sheet, index: int) -> float:
    """Wide enough for the header and the longest value, within the column's limit."""
    longest = len(column.header)
    for row in sheet.rows:
        value = row[index]
        if isinstance(value, date):
            shown = _DATE_WIDTH
        elif isinstance(value, float) and column.kind == "rate":
            shown = 6
        else:
            shown = len(str(value)) if value is not None else 0
        longest = max(longest, shown)
    return min(longest, column.max_width) + 2
