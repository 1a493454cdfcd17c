"""Months and quarters of period statistics, as ranges of days. Pure: no I/O.

Reporting months (Nghị định 09/2019/NĐ-CP, Điều 12)
    Statistics are kept per *reporting month*: with the catalogue's ``month_start_day`` ``d``
    (15 by default), the month labelled ``2024-03`` runs from 15/02/2024 to 14/03/2024, and
    ``2024-01`` from 15/12/2023 to 14/01/2024: a month is named by the calendar month it
    ends in. With ``d = 1`` months are calendar months. A quarter ``2024-Q1`` is its three
    months: 15/12/2023–14/03/2024. So the data windows of văn bản 581/BNV-CCHC
    (`cchc_cli.engine.periods`) are whole months: q1 is ``2024-01``…``2024-03`` (= the
    quarter 2024-Q1), h1 ``2024-01``…``2024-06``, q3 ``2024-07``…``2024-09``, year
    ``2024-01``…``2024-12``.

Months of a window
    A month belongs to a window of days when all its days lie inside the window; a month
    cut by either end is left out (its figures cannot be split by day). A quarter belongs
    when its three months do.

Reporting year
    The reporting year of a day is the year of the reporting month that holds it: with
    ``d = 15``, 20/12/2024 is in month ``2025-01``, so in reporting year 2025, which starts
    on 15/12/2024.
"""

from __future__ import annotations

import functools
import re
from datetime import date, timedelta
from typing import NamedTuple

from cchc_cli.engine.periods import Window

_PERIOD = re.compile(r"^(\d{4})-(?:(0[1-9]|1[0-2])|Q([1-4]))$")


class Period(NamedTuple):
    """A reporting month (``month`` set) or quarter (``month`` None) of a year.

    A named tuple, not a dataclass: periods are dictionary keys in every lookup of the
    checks, and a tuple hashes in C (benchmarks/RESULTS.md, period statistics).
    """

    year: int
    quarter: int
    month: int | None = None

    @classmethod
    def parse(cls, text: str) -> Period | None:
        """``2024-03`` or ``2024-Q1`` (as the model normalises them); None for anything else."""
        match = _PERIOD.match(text)
        if match is None:
            return None
        year = int(match.group(1))
        if match.group(2):
            month = int(match.group(2))
            return cls(year, (month - 1) // 3 + 1, month)
        return cls(year, int(match.group(3)))

    @classmethod
    def of_number(cls, number: int) -> Period:
        """The month numbered `number` (``year * 12 + month - 1``)."""
        year, month0 = divmod(number, 12)
        return cls(year, month0 // 3 + 1, month0 + 1)

    @property
    def is_month(self) -> bool:
        return self.month is not None

    @property
    def key(self) -> str:
        """``2024-03`` or ``2024-Q1``."""
        return f"{self.year}-{self.month:02d}" if self.month else f"{self.year}-Q{self.quarter}"

    @property
    def number(self) -> int:
        """The month number of a month, or of a quarter's first month."""
        month = self.month if self.month is not None else self.quarter * 3 - 2
        return self.year * 12 + month - 1

    def sort_key(self) -> tuple[int, bool]:
        """Chronological order; a month before the quarter that starts with it."""
        return self.number, self.month is None

    @property
    def whole_quarter(self) -> Period:
        return Period(self.year, self.quarter)

    def months(self) -> tuple[Period, ...]:
        """A month itself, or a quarter's three months."""
        if self.month is not None:
            return (self,)
        return _quarter_months(self.year, self.quarter)

    def window(self, start_day: int) -> Window:
        """The days the period covers (see the module docstring)."""
        months = self.months()
        return Window(_month_start(months[0], start_day), _month_end(months[-1], start_day))


@functools.cache
def _quarter_months(year: int, quarter: int) -> tuple[Period, Period, Period]:
    first = quarter * 3 - 2
    return (
        Period(year, quarter, first),
        Period(year, quarter, first + 1),
        Period(year, quarter, first + 2),
    )


def _month_start(month: Period, start_day: int) -> date:
    if start_day == 1:
        return date(month.year, month.month or 1, 1)
    previous = Period.of_number(month.number - 1)
    return date(previous.year, previous.month or 1, start_day)


def _month_end(month: Period, start_day: int) -> date:
    if start_day == 1:
        following = Period.of_number(month.number + 1)
        return date(following.year, following.month or 1, 1) - timedelta(days=1)
    return date(month.year, month.month or 1, start_day - 1)


def month_of(day: date, start_day: int) -> Period:
    """The reporting month that holds `day`."""
    number = day.year * 12 + day.month - 1
    if start_day > 1 and day.day >= start_day:
        number += 1
    return Period.of_number(number)


def months_in(window: Window, start_day: int) -> list[Period]:
    """The months wholly inside `window`, in order (see the module docstring)."""
    if window.end < window.start:
        return []
    first = month_of(window.start, start_day)
    if _month_start(first, start_day) < window.start:
        first = Period.of_number(first.number + 1)
    last = month_of(window.end, start_day)
    if _month_end(last, start_day) > window.end:
        last = Period.of_number(last.number - 1)
    return [Period.of_number(i) for i in range(first.number, last.number + 1)]


def year_start(day: date, start_day: int) -> date:
    """The first day of the reporting year that holds `day`."""
    year = month_of(day, start_day).year
    return _month_start(Period(year, 1, 1), start_day)


def latest_month(as_of: date, start_day: int) -> Period:
    """The last month that has ended by `as_of` (its last day is `as_of` or earlier)."""
    month = month_of(as_of, start_day)
    if _month_end(month, start_day) > as_of:
        month = Period.of_number(month.number - 1)
    return month


def a_year_before(day: date) -> date:
    """The same day a year earlier; 29 February becomes 28 February."""
    try:
        return day.replace(year=day.year - 1)
    except ValueError:
        return day.replace(year=day.year - 1, day=28)


def same_window_last_year(window: Window) -> Window:
    return Window(a_year_before(window.start), a_year_before(window.end))
