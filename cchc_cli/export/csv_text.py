"""The occurrences table as CSV, for Excel and for scripts.

UTF-8 with a BOM (without it Excel reads Vietnamese as mojibake), CRLF line ends, the same
columns as the workbook's first sheet, dates dd/mm/yyyy. A text that starts like a formula
(``=``, ``+``, ``-``, ``@``, a tab or a carriage return) gets a leading apostrophe, which
spreadsheets take as "this is text" and do not show: opening the file never calculates
anything written in the data.
"""

from __future__ import annotations

import csv
import io
from datetime import date
from typing import Any

from cchc_cli.export.table import FORMULA_STARTS, Sheet
from cchc_cli.text_vi import dmy, printable

BOM = "\ufeff"


def to_csv(sheet: Sheet) -> bytes:
    """`sheet` as CSV bytes (see the module docstring)."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([_cell(column.header) for column in sheet.columns])
    for row in sheet.rows:
        writer.writerow([_cell(value) for value in row])
    return (BOM + out.getvalue()).encode("utf-8")


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return dmy(value)
    if isinstance(value, str):
        text = printable(value)
        return "'" + text if text.startswith(FORMULA_STARTS) else text
    return str(value)
