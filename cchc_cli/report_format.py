"""Vietnamese text for reports: dates, numbers, table cells. Pure string functions.

They are also the Jinja filters of the report templates (see `FILTERS`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

PLACEHOLDER = "[Đơn vị bổ sung: {}]"


def text_date(day: date) -> str:
    """A date inside a sentence: ``ngày 15 tháng 7 năm 2021`` (no leading zeros)."""
    return f"ngày {day.day} tháng {day.month} năm {day.year}"


def table_date(day: date | None) -> str:
    """A date in a table: ``15/07/2021``; empty for no date."""
    return "" if day is None else f"{day.day:02d}/{day.month:02d}/{day.year}"


def place_date(place: str, day: date | None) -> str:
    """The place–date line of Nghị định 30/2020.

    Days below 10 and the months 1 and 2 take a leading zero (``ngày 05 tháng 01 năm 2025``);
    without a date, the blanks are left for the signer: ``Đồng Tháp, ngày      tháng … năm …``.
    """
    if day is None:
        return f"{place}, ngày      tháng … năm …"
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"{place}, ngày {day.day:02d} tháng {month} năm {day.year}"


def number(value: float | None, digits: int = 2) -> str:
    """A number the Vietnamese way: decimal comma, no trailing zeros (``96,15``, ``95``)."""
    if value is None:
        return ""
    text = f"{value:.{digits}f}".rstrip("0").rstrip(".")
    return text.replace(".", ",") if text != "-0" else "0"


def rate(value: float | None) -> str:
    """A share in [0, 1] as a percentage with one decimal (``66,7 %``); ``-`` for none."""
    return "-" if value is None else f"{number(value * 100, 1)} %"


def quantity(value: float, unit: str, digits: int = 2) -> str:
    """A value with its unit: ``96,15 %``, ``hạng 5``, ``88,9 điểm``."""
    if unit == "hạng":
        return f"hạng {number(value, digits)}"
    return f"{number(value, digits)} {unit}"


_OPS = {">": ">", ">=": "≥", "≥": "≥", "<": "<", "<=": "≤", "≤": "≤"}


def target_text(op: str, value: float, unit: str) -> str:
    """A target as written in a table: ``> 95 %``, ``≤ hạng 8``."""
    return f"{_OPS.get(op, op)} {quantity(value, unit)}"


def md_text(value: Any) -> str:
    """Text that Markdown shows as written: ``&`` and ``<`` as entities, not raw HTML."""
    text = "" if value is None else str(value)
    return text.replace("&", "&amp;").replace("<", "&lt;")


def md_cell(value: Any) -> str:
    """Text safe inside a Markdown table cell: ``|`` escaped, line breaks as ``<br>``."""
    text = md_text(value)
    text = text.replace("\\", "\\\\").replace("|", "\\|")
    return "<br>".join(part.strip() for part in text.strip().splitlines())


def one_line(value: Any) -> str:
    """Text on one line: line breaks and runs of spaces become single spaces."""
    return " ".join(("" if value is None else str(value)).split())


def list_items(items: Sequence[str]) -> list[str]:
    """``- item;`` lines, the last ending with a full stop (``- Lưu: VT, VP.``)."""
    cleaned = [item.strip().rstrip(";.").strip() for item in items]
    return [f"- {item}{'.' if i == len(cleaned) - 1 else ';'}" for i, item in enumerate(cleaned)]


def placeholder(what: str) -> str:
    """A visible gap for staff to fill: ``[Đơn vị bổ sung: nguyên nhân]``."""
    return PLACEHOLDER.format(what)


FILTERS: dict[str, Callable[..., str]] = {
    "text_date": text_date,
    "table_date": table_date,
    "number": number,
    "rate": rate,
    "md_cell": md_cell,
    "md_text": md_text,
    "one_line": one_line,
}
