"""The Jinja filters of report templates, and the report's own wording of values.

Dates, numbers and percents come from `cchc_cli.text_vi` (the one place for them); this
module adds what only reports need: quantities with units, targets, Markdown cells, lists.
Pure string functions.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from cchc_cli.text_vi import dmy, number, percent, text_date

PLACEHOLDER = "[Đơn vị bổ sung: {}]"


def rate(value: float | None) -> str:
    """A share in [0, 1] as a percentage with one decimal (``66,7 %``); ``-`` for none."""
    return percent(value, none="-", space=" ")


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
    "table_date": dmy,
    "number": number,
    "rate": rate,
    "md_cell": md_cell,
    "md_text": md_text,
    "one_line": one_line,
}
