"""The Jinja filters and globals of report templates. Pure string functions.

Dates, numbers and percents come from `cchc_cli.text_vi` (the one place for them), the
report's wording from `cchc_cli.report.wording`; this module adds what templates need:
Markdown escaping and the ``[Đơn vị bổ sung: …]`` gap.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from cchc_cli.report import wording
from cchc_cli.text_vi import dmy, number, percent, text_date

PLACEHOLDER = "[Đơn vị bổ sung: {}]"


def rate(value: float | None) -> str:
    """A share in [0, 1] as a percentage with one decimal (``66,7%``); ``-`` for none."""
    return percent(value, none="-")


# What Markdown would read as markup inside a line: emphasis, code, escapes, and the middle
# of a link (a lone bracket, as in “[Đơn vị bổ sung: …]”, stays as it is).
_MARKUP = re.compile(r"[\\`*_]|\](?=\()")


def md_text(value: Any) -> str:
    """Text that Markdown shows as written: ``&`` and ``<`` as entities, not raw HTML, and
    ``* _ ` \\`` and the ``](`` of a link escaped, not emphasis, code or links."""
    text = "" if value is None else str(value)
    return _MARKUP.sub(r"\\\g<0>", text.replace("&", "&amp;").replace("<", "&lt;"))


def md_cell(value: Any) -> str:
    """Text safe inside a Markdown table cell: ``|`` escaped, line breaks as ``<br>``."""
    text = md_text(value).replace("|", "\\|")
    return "<br>".join(part.strip() for part in text.strip().splitlines())


def one_line(value: Any) -> str:
    """Text on one line: line breaks and runs of spaces become single spaces."""
    return wording.one_line("" if value is None else str(value))


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
