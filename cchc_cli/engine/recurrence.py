"""The periods of a recurring task: which years or quarters, their bounds, and whether a given
period is one of them. Pure: no I/O. (How each period becomes an occurrence, clipped to the
task's dates, is in `cchc_cli.engine.progress`.)

A task may run for centuries (a plan typed 1900-2200): the work here stays in proportion to
what is asked for. `periods` stops at `until`, and `has_period` tests one period without
listing them all.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from cchc_cli.models.tasks import Task

_QUARTER_END_DAYS = (31, 30, 30, 31)  # 31/03, 30/06, 30/09, 31/12: no leap year moves them


def _period_bounds(year: int, quarter: int | None) -> tuple[str, date, date]:
    """``(period, period start, period end)`` of a year, or of one of its quarters."""
    if quarter is None:
        return str(year), date(year, 1, 1), date(year, 12, 31)
    month = quarter * 3
    return (
        f"{year}-Q{quarter}",
        date(year, month - 2, 1),
        date(year, month, _QUARTER_END_DAYS[quarter - 1]),
    )


def periods(task: Task, until: date | None = None) -> Iterator[tuple[str, date, date]]:
    """``(period, period start, period end)`` of a recurring task, before clipping, in time
    order; with `until`, only the periods that have begun by then."""
    last = task.due.year if until is None else min(task.due.year, until.year)
    quarters: tuple[int | None, ...] = (None,) if task.recurrence == "yearly" else (1, 2, 3, 4)
    for year in range(task.start.year, last + 1):
        for quarter in quarters:
            found = _period_bounds(year, quarter)
            if found[2] >= task.start and found[1] <= task.due:
                yield found


def has_period(task: Task, period: str) -> bool:
    """Whether `period` (``"2024"``, ``"2024-Q3"``) is one of the periods of a recurring
    `task`, i.e. one of `period_keys`; found without listing them all."""
    match = _PERIOD.fullmatch(period)
    if match is None or task.recurrence not in ("yearly", "quarterly"):
        return False
    year, quarter = int(match[1]), match[2]
    if year < 1 or (quarter is None) != (task.recurrence == "yearly"):
        return False
    _, begin, end = _period_bounds(year, None if quarter is None else int(quarter))
    return end >= task.start and begin <= task.due


def period_keys(task: Task) -> list[str]:
    """The ``period`` values a recurring task's ``occurrences`` entries may use."""
    if task.recurrence not in ("yearly", "quarterly"):
        return []
    return [period for period, _, _ in periods(task)]


_PERIOD = re.compile(r"(\d{4})(?:-Q([1-4]))?")
