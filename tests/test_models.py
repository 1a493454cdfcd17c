"""The data model's own rules (`cchc_cli.models`), without files."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from hypothesis import example, given, settings
from hypothesis import strategies as st

from cchc_cli.models.base import parse_date

# ASCII digits only: full-width or Arabic-Indic digits in a date are a typing accident.
_DMY = re.compile(r"^\s*([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})\s*$")
_ISO = re.compile(r"^\s*([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})\s*$")


def by_the_rule(value: str) -> Any:
    """The rule of `parse_date` for text, as written before its yyyy-mm-dd fast path."""
    if match := _DMY.match(value):
        day, month, year = (int(g) for g in match.groups())
    elif match := _ISO.match(value):
        year, month, day = (int(g) for g in match.groups())
    else:
        raise ValueError("date format")
    return date(year, month, day)


def outcome(value: str) -> tuple[str, Any]:
    try:
        return "ok", by_the_rule(value)
    except ValueError as exc:
        return "error", str(exc)


def actual(value: str) -> tuple[str, Any]:
    try:
        return "ok", parse_date(value)
    except ValueError as exc:
        return "error", str(exc)


date_like = st.text(alphabet="0123456789-/ \t٠١٢+W:T", max_size=12) | st.dates().map(str)


@settings(max_examples=500, deadline=None)
@given(value=date_like)
@example(value="2024-02-30")
@example(value="2024-01-3 ")
@example(value="2024-1-031")
@example(value="0000-01-01")
@example(value="٢٠٢٤-01-31")
@example(value="2024-W01-1")
@example(value="+024-01-31")
def test_iso_fast_path_says_what_the_rule_says(value: str) -> None:
    assert actual(value) == outcome(value)
