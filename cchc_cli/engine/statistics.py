"""Figures of period statistics over any window of days. Pure: no I/O.

Which values make up a window (`Statistics.figure`)
    The window's months are those wholly inside it (`cchc_cli.engine.stat_periods`: with
    the default ``month_start_day`` 15 the four report windows of văn bản 581/BNV-CCHC are
    whole months, e.g. q1 2024 = 15/12/2023–14/03/2024 = months 2024-01, 2024-02, 2024-03).
    The months are taken quarter by quarter:

    - a quarter whose three months are all in the window, and that has a quarter value, is
      taken as that value, unless each of its three months has its own value (then the
      months are used: the quarter was written as their total, ``months_total``);
    - otherwise each month's own value is used, and a month without one is *missing*.

    A metric combines the pieces by its ``aggregate``: ``sum`` adds them; ``mean`` averages
    them weighted by months (a quarter counts three); ``last`` takes the latest piece and
    ``first`` the earliest. A figure is *complete* when no month it needs is missing: every
    month for ``sum`` and ``mean``, the window's last month for ``last``, its first for
    ``first``. A window with no value at all has no figure (``None``): no data, never zero.

Rates
    A rate is the sum of its numerator metrics' figures over the sum of its denominator
    metrics' figures, each over the same window. It has no figure when any of them has
    none or misses a month (a part of the months over all of them would be wrong), or when
    the denominator is 0; its numerator and denominator are still given. Rates are
    fractions (0..1) here; the catalogue writes them, their targets and any typed check
    value in percent.

The rows a report or the dashboard shows (a window, the same window last year, the year to
date) are made in `cchc_cli.engine.figures`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Literal, NamedTuple

from cchc_cli.dataset import Dataset, Located
from cchc_cli.engine.periods import Window
from cchc_cli.engine.stat_periods import Period, months_in
from cchc_cli.errors import Loc
from cchc_cli.models.statistics import (
    Metric,
    MetricGroup,
    MetricsFile,
    Rate,
    StatPeriod,
    StatValue,
)


class Recorded(NamedTuple):
    """One value as written: its metric, period, figure, and the entry that holds it (a named
    tuple: one is made for every value read, and a frozen dataclass is several times slower).
    """

    metric: str
    period: Period
    value: float
    written: StatValue
    entry: Located[StatPeriod]

    @property
    def source(self) -> str:
        """The value's own source, else its period's."""
        return self.written.source or self.entry.item.source

    @property
    def note(self) -> str | None:
        return self.written.note

    @property
    def path(self) -> str:
        return self.entry.path

    @property
    def loc(self) -> Loc:
        return (*self.entry.loc, "values", self.metric)

    @property
    def months_total(self) -> bool:
        return self.entry.item.months_total


@dataclass(frozen=True, slots=True)
class Figure:
    """A metric or a rate over a window. `value` None: no data."""

    value: float | None
    periods: tuple[str, ...] = ()  # the recorded periods used, in order
    missing: tuple[str, ...] = ()  # months needed but without a value
    numerator: float | None = None  # rates only
    denominator: float | None = None

    @property
    def complete(self) -> bool:
        return self.value is not None and not self.missing

    def as_dict(self, *, rate: bool = False) -> dict[str, Any]:
        found: dict[str, Any] = {
            "value": self.value,
            "complete": self.complete,
            "periods": list(self.periods),
            "missing": list(self.missing),
        }
        if rate:
            found["numerator"] = self.numerator
            found["denominator"] = self.denominator
        return found


NO_DATA = Figure(None)


class Statistics:
    """The catalogue and every value, indexed by metric and period.

    `records` keeps every value as written, in file order (repeats too, for the checks);
    the index keeps the first value written for each metric and period.
    """

    def __init__(self, catalogue: MetricsFile, entries: Iterable[Located[StatPeriod]]) -> None:
        self.catalogue = catalogue
        self.start_day = catalogue.month_start_day
        self.groups: dict[str, MetricGroup] = {g.id: g for g in reversed(catalogue.groups)}
        self.metrics: dict[str, Metric] = {m.id: m for m in reversed(catalogue.metrics)}
        self.rates: dict[str, Rate] = {r.id: r for r in reversed(catalogue.rates)}
        self._figures: dict[tuple[str, Window], Figure] = {}
        self._windows: dict[Window, list[Period]] = {}
        self.records: list[Recorded] = []
        self.values: dict[str, dict[Period, Recorded]] = {}
        records, values = self.records, self.values
        for entry in entries:
            period = Period.parse(entry.item.period)
            if period is None:
                continue
            for metric, written in entry.item.values.items():
                record = Recorded(metric, period, written.value, written, entry)
                records.append(record)
                by_period = values.get(metric)
                if by_period is None:
                    values[metric] = {period: record}
                elif period not in by_period:
                    by_period[period] = record

    # --- one metric, one window -----------------------------------------------------------

    def figure(self, metric: str, window: Window) -> Figure:
        """The metric over `window` (see the module docstring); `NO_DATA` for an unknown id.

        Remembered: rates ask again for the figures of their metrics over the same window.
        """
        key = (metric, window)
        found = self._figures.get(key)
        if found is None:
            known = self.metrics.get(metric)
            found = NO_DATA if known is None else self._combine(known, self._months(window))
            self._figures[key] = found
        return found

    def _months(self, window: Window) -> list[Period]:
        found = self._windows.get(window)
        if found is None:
            found = self._windows[window] = months_in(window, self.start_day)
        return found

    def figure_of(self, metric: str, period: Period) -> Figure:
        """The metric over one month or quarter."""
        found = self.metrics.get(metric)
        return NO_DATA if found is None else self._combine(found, list(period.months()))

    def value_of(self, metric: str, period: Period) -> float | None:
        """The metric's complete figure over one month or quarter, else None (what
        `figure_of` gives, quickly for a month: the checks ask this for every value)."""
        recorded = self.values.get(metric)
        found = self.metrics.get(metric)
        if recorded is None or found is None:
            return None
        if period.month is not None:
            record = recorded.get(period)
            return None if record is None else record.value
        months = [recorded.get(m) for m in period.months()]
        whole = recorded.get(period)
        if whole is not None and not all(months):
            return whole.value
        values = [m.value for m in months if m is not None]
        if len(values) < 3:
            return None
        how = found.aggregate
        if how == "sum":
            return sum(values)
        if how == "mean":
            return sum(values) / 3
        return values[-1] if how == "last" else values[0]

    def _combine(self, metric: Metric, months: list[Period]) -> Figure:
        if not months:
            return NO_DATA
        recorded = self.values.get(metric.id, {})
        pieces: list[tuple[Recorded, int]] = []
        missing: list[Period] = []
        start, count = 0, len(months)
        while start < count:
            year, quarter = months[start].year, months[start].quarter
            end = start + 1
            while end < count and months[end].quarter == quarter and months[end].year == year:
                end += 1
            own = [recorded.get(m) for m in months[start:end]]
            whole = recorded.get(Period(year, quarter)) if end - start == 3 else None
            if whole is not None and not all(own):
                pieces.append((whole, 3))
            else:
                for month, record in zip(months[start:end], own, strict=True):
                    if record is None:
                        missing.append(month)
                    else:
                        pieces.append((record, 1))
            start = end
        if not pieces:
            return Figure(None, (), tuple(m.key for m in missing))
        return _aggregate(metric.aggregate, pieces, missing, months)

    # --- rates ----------------------------------------------------------------------------

    def rate(self, rate: str, window: Window) -> Figure:
        """A rate over `window`, as a fraction (see the module docstring)."""
        found = self.rates.get(rate)
        if found is None:
            return NO_DATA
        return self._rate(found, lambda m: self.figure(m, window))

    def rate_of(self, rate: Rate, period: Period) -> Figure:
        return self._rate(rate, lambda m: self.figure_of(m, period))

    def _rate(self, rate: Rate, figure: Any) -> Figure:
        parts = [figure(m) for m in rate.numerator], [figure(m) for m in rate.denominator]
        numerator, denominator = (_total(side) for side in parts)
        every = [f for side in parts for f in side]
        periods = tuple(dict.fromkeys(p for f in every for p in f.periods))
        missing = tuple(sorted({p for f in every for p in f.missing}))
        value = None
        if numerator is not None and denominator and not missing:
            value = numerator / denominator
        return Figure(value, periods, missing, numerator, denominator)


def of_dataset(dataset: Dataset) -> Statistics | None:
    """The statistics of a loaded data set; None without a (valid) catalogue."""
    if dataset.metrics is None:
        return None
    return Statistics(dataset.metrics, dataset.statistics)


def _total(figures: list[Figure]) -> float | None:
    values = [f.value for f in figures]
    return None if any(v is None for v in values) else sum(v for v in values if v is not None)


def _aggregate(
    how: Literal["sum", "last", "first", "mean"],
    pieces: list[tuple[Recorded, int]],
    missing: list[Period],
    months: list[Period],
) -> Figure:
    if how in ("last", "first"):
        record = pieces[-1][0] if how == "last" else pieces[0][0]
        edge = months[-1] if how == "last" else months[0]
        gap = (edge.key,) if edge in missing else ()
        return Figure(record.value, (record.period.key,), gap)
    total = sum(record.value * (weight if how == "mean" else 1) for record, weight in pieces)
    if how == "mean":
        total /= sum(weight for _, weight in pieces)
    keys = tuple(record.period.key for record, _ in pieces)
    return Figure(total, keys, tuple(m.key for m in missing))
