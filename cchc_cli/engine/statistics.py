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
    none or the denominator is 0. Rates are fractions (0..1) here; the catalogue writes
    them, their targets and any typed check value in percent.

Windows of a report (`figures_for`)
    For a window W: *this period* is W; *same period last year* is W moved back one year
    (both ends; 29/02 becomes 28/02); *year to date* runs from the first day of the
    reporting year that holds W's last day (15/12 of the year before, by default) to W's
    last day. For the cumulative windows q1, h1 and year it is W itself; for q3
    (15/06–14/09) it is 15/12–14/09.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Literal

from cchc_cli.dataset import Located
from cchc_cli.engine.indicators import Verdict, meets, targets_for
from cchc_cli.engine.periods import Window
from cchc_cli.engine.stat_periods import (
    Period,
    latest_month,
    months_in,
    same_window_last_year,
    year_start,
)
from cchc_cli.errors import Loc
from cchc_cli.models import Target
from cchc_cli.statistics_model import Metric, MetricGroup, MetricsFile, Rate, StatPeriod


@dataclass(frozen=True, slots=True)
class Recorded:
    """One value as written: its metric, period, figure, source and place."""

    metric: str
    period: Period
    value: float
    source: str
    note: str | None
    path: str
    loc: Loc
    months_total: bool = False


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
        self.records: list[Recorded] = []
        self.values: dict[str, dict[Period, Recorded]] = {}
        for entry in entries:
            period = Period.parse(entry.item.period)
            if period is None:
                continue
            for metric, written in entry.item.values.items():
                record = Recorded(
                    metric,
                    period,
                    written.value,
                    written.source or entry.item.source,
                    written.note,
                    entry.path,
                    (*entry.loc, "values", metric),
                    entry.item.months_total,
                )
                self.records.append(record)
                self.values.setdefault(metric, {}).setdefault(period, record)

    # --- one metric, one window -----------------------------------------------------------

    def figure(self, metric: str, window: Window) -> Figure:
        """The metric over `window` (see the module docstring); `NO_DATA` for an unknown id."""
        found = self.metrics.get(metric)
        if found is None:
            return NO_DATA
        return self._combine(found, months_in(window, self.start_day))

    def figure_of(self, metric: str, period: Period) -> Figure:
        """The metric over one month or quarter."""
        found = self.metrics.get(metric)
        return NO_DATA if found is None else self._combine(found, list(period.months()))

    def _combine(self, metric: Metric, months: list[Period]) -> Figure:
        if not months:
            return NO_DATA
        recorded = self.values.get(metric.id, {})
        pieces: list[tuple[Recorded, int]] = []
        missing: list[Period] = []
        start = 0
        while start < len(months):
            quarter = months[start].whole_quarter
            end = start
            while end < len(months) and months[end].whole_quarter == quarter:
                end += 1
            own = [recorded.get(m) for m in months[start:end]]
            whole = recorded.get(quarter)
            if whole is not None and end - start == 3 and not all(own):
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
        if numerator is not None and denominator:
            value = numerator / denominator
        return Figure(value, periods, missing, numerator, denominator)


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


# --- the rows a report or the dashboard shows ------------------------------------------------


@dataclass(frozen=True, slots=True)
class FigureRow:
    """A metric or rate over a window, the same window last year, and the year to date."""

    id: str
    kind: Literal["metric", "rate"]
    name: str
    unit: str
    integer: bool
    group: MetricGroup
    this_period: Figure
    last_year: Figure
    year_to_date: Figure
    rate: tuple[Rate, Figure] | None  # metric rows: the rate whose numerator is this metric
    target: Target | None
    verdict: Verdict | None  # None: no target declared for any year

    def as_dict(self) -> dict[str, Any]:
        """Plain data (templates and JSON get no model objects). Rates are fractions 0..1."""
        is_rate = self.kind == "rate"
        target = self.target
        return {
            "id": self.id,
            "kind": self.kind,
            "name": self.name,
            "unit": self.unit,
            "integer": self.integer,
            "group": self.group.id,
            "group_name": self.group.name,
            "area": self.group.area,
            "this_period": self.this_period.as_dict(rate=is_rate),
            "last_year": self.last_year.as_dict(rate=is_rate),
            "year_to_date": self.year_to_date.as_dict(rate=is_rate),
            "rate": None
            if self.rate is None
            else {"id": self.rate[0].id, "name": self.rate[0].name, "value": self.rate[1].value},
            "target": None
            if target is None
            else {"years": target.years, "op": target.op, "value": target.value},
            "verdict": None if self.verdict is None else self.verdict.key,
        }


@dataclass(frozen=True, slots=True)
class Windows:
    """The three windows of a row."""

    this_period: Window
    last_year: Window
    year_to_date: Window
    year: int  # the reporting year of the window's last full month: whose targets apply

    @classmethod
    def of(cls, window: Window, start_day: int) -> Windows:
        ytd = Window(year_start(window.end, start_day), window.end)
        year = latest_month(window.end, start_day).year
        return cls(window, same_window_last_year(window), ytd, year)


def figures_for(
    stats: Statistics, window: Window, *, areas: Iterable[str] | None = None
) -> list[FigureRow]:
    """Every metric and rate over `window`, its window last year and the year to date.

    Rows follow the catalogue: group by group, the group's metrics and then its rates. With
    `areas`, only the groups placed in those areas (report sections).
    """
    windows = Windows.of(window, stats.start_day)
    wanted = None if areas is None else set(areas)
    rows: list[FigureRow] = []
    for group in stats.catalogue.groups:
        if wanted is not None and group.area not in wanted:
            continue
        for metric in stats.catalogue.metrics:
            if metric.group == group.id:
                rows.append(_metric_row(stats, metric, group, windows))
        for rate in stats.catalogue.rates:
            if rate.group == group.id:
                rows.append(_rate_row(stats, rate, group, windows))
    return rows


def _metric_row(stats: Statistics, metric: Metric, group: MetricGroup, w: Windows) -> FigureRow:
    this = stats.figure(metric.id, w.this_period)
    own_rate = next((r for r in stats.catalogue.rates if r.numerator == [metric.id]), None)
    target, verdict = _judge(metric.targets, w.year, this.value)
    return FigureRow(
        metric.id,
        "metric",
        metric.name,
        metric.unit,
        metric.integer,
        group,
        this,
        stats.figure(metric.id, w.last_year),
        stats.figure(metric.id, w.year_to_date),
        None if own_rate is None else (own_rate, stats.rate(own_rate.id, w.this_period)),
        target,
        verdict,
    )


def _rate_row(stats: Statistics, rate: Rate, group: MetricGroup, w: Windows) -> FigureRow:
    this = stats.rate(rate.id, w.this_period)
    percent = None if this.value is None else this.value * 100
    target, verdict = _judge(rate.targets, w.year, percent)
    return FigureRow(
        rate.id,
        "rate",
        rate.name,
        "%",
        False,
        group,
        this,
        stats.rate(rate.id, w.last_year),
        stats.rate(rate.id, w.year_to_date),
        None,
        target,
        verdict,
    )


def _judge(
    targets: list[Target], year: int, value: float | None
) -> tuple[Target | None, Verdict | None]:
    """The target of `year` and the verdict; (None, None) without targets."""
    if not targets:
        return None, None
    target = targets_for(targets, year)
    if target is None:
        return None, Verdict.NO_TARGET
    if value is None:
        return target, Verdict.NO_DATA
    return target, Verdict.MET if meets(value, target) else Verdict.NOT_MET
