"""Progress over time: occurrences due and done per calendar quarter. Pure: no I/O.

`quarters` takes the statuses of `cchc_cli.engine.progress` as of a date ``D`` (the counted
occurrences, with what was known on ``D``) and buckets them by quarter, from the first
quarter of a given year (the plan's first year) up to the quarter holding ``D``:

- **due** in a quarter: occurrences whose due date falls in it, up to ``D`` (the last
  quarter stops at ``D``: an occurrence due after ``D`` is not yet due);
- **done** in a quarter: occurrences whose completion date (the earliest record of it,
  `progress.completion_date`) falls in it, split into on time and late as their state is.
  An occurrence done early counts in the quarter it was done, not the one it was due.

The ``*_to_date`` figures add the quarters up. Because a completion date is the earliest
record and never later than ``D``, ``done_to_date`` at the end ``E`` of a quarter is
exactly the number of these occurrences that the progress engine calls done *as of E*, and
``due_to_date`` the number due by ``E``: the series is the dashboard replayed at each
quarter's end, not an estimate.

The series starts at the first quarter of `first_year`, or earlier when an occurrence is
due or done before it (so every counted occurrence lands in some quarter and the sums equal
the dashboard's totals). With no year and nothing due or done, it is empty.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from cchc_cli.engine.progress import State, Status


@dataclass(frozen=True, slots=True)
class Quarter:
    """One calendar quarter of the series (see the module docstring)."""

    year: int
    quarter: int  # 1..4
    start: date
    end: date  # the quarter's last day, or D for the quarter holding D
    due: int
    done: int
    done_on_time: int
    done_late: int
    due_to_date: int
    done_to_date: int

    @property
    def key(self) -> str:
        """``2024-Q1``: the way quarterly periods are written in the data files."""
        return f"{self.year}-Q{self.quarter}"


def quarter_of(day: date) -> tuple[int, int]:
    """``(year, quarter)`` of `day`."""
    return day.year, (day.month - 1) // 3 + 1


def quarter_bounds(year: int, quarter: int) -> tuple[date, date]:
    """First and last day of a quarter."""
    last_month = quarter * 3
    end = date(year, last_month, calendar.monthrange(year, last_month)[1])
    return date(year, last_month - 2, 1), end


def quarters(items: Iterable[Status], as_of: date, first_year: int | None = None) -> list[Quarter]:
    """Due and done occurrences of `items` per quarter up to `as_of` (module docstring)."""
    due: dict[tuple[int, int], int] = {}
    done: dict[tuple[int, int], list[int]] = {}  # [on time, late]
    for item in items:
        if item.due <= as_of:
            key = quarter_of(item.due)
            due[key] = due.get(key, 0) + 1
        if item.done_on is not None:
            counts = done.setdefault(quarter_of(item.done_on), [0, 0])
            counts[item.state is not State.DONE_ON_TIME] += 1
    starts = [*due, *done]
    if first_year is not None:
        starts.append((first_year, 1))
    if not starts:
        return []
    year, quarter = min(starts)
    last = quarter_of(as_of)
    found: list[Quarter] = []
    due_sum = done_sum = 0
    while (year, quarter) <= last:
        begin, end = quarter_bounds(year, quarter)
        on_time, late = done.get((year, quarter), (0, 0))
        count = due.get((year, quarter), 0)
        due_sum += count
        done_sum += on_time + late
        found.append(
            Quarter(
                year,
                quarter,
                begin,
                min(end, as_of),
                count,
                on_time + late,
                on_time,
                late,
                due_sum,
                done_sum,
            )
        )
        year, quarter = (year + 1, 1) if quarter == 4 else (year, quarter + 1)
    return found
