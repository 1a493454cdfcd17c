"""The figures a report or the dashboard shows: rows of metrics and rates over a window. Pure.

The API for the periodic report (and `cchc status`): `figures_for` gives, for a window of
days, one `FigureRow` per metric and rate of the catalogue, group by group, each with its
group and the report section it belongs to (``group.area``, a reform-area code: the report
writes the figures of a group in that area's section), and `FigureRow.as_dict` turns it into
plain data for templates and JSON. How values make up a window is `cchc_cli.engine.statistics`.

Windows of a report (`figures_for`)
    For a window W: *this period* is W; *same period last year* is W moved back one year
    (both ends; 29/02 becomes 28/02); *year to date* runs from the first day of the
    reporting year that holds W's last day (15/12 of the year before, by default) to W's
    last day. For the cumulative windows q1, h1 and year it is W itself; for q3
    (15/06–14/09) it is 15/12–14/09.

The dashboard's period (`current_window`)
    As of a day D, the quarter of the last reporting month that has ended by D, from the
    quarter's first day to that month's last day: as of 27/11/2026 (with 15 as the first day
    of a month) the month 2026-11 has ended on 14/11, so the period is quarter IV of 2026 so
    far, 15/09/2026–14/11/2026; as of 20/09/2026 it is the whole quarter III.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from cchc_cli.engine.indicators import Verdict, meets, targets_for
from cchc_cli.engine.periods import Window
from cchc_cli.engine.stat_periods import Period, latest_month, same_window_last_year, year_start
from cchc_cli.engine.statistics import Figure, Statistics
from cchc_cli.models.indicators import Target
from cchc_cli.models.statistics import Metric, MetricGroup, Rate


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
            "this_period": self._figure(self.this_period),
            "last_year": self._figure(self.last_year),
            "year_to_date": self._figure(self.year_to_date),
            "rate": None
            if self.rate is None
            else {"id": self.rate[0].id, "name": self.rate[0].name, "value": self.rate[1].value},
            "target": None
            if target is None
            else {"years": target.years, "op": target.op, "value": target.value},
            "verdict": None if self.verdict is None else self.verdict.key,
        }

    def _figure(self, figure: Figure) -> dict[str, Any]:
        """A figure as plain data; counts as whole numbers (``4131``, not ``4131.0``)."""
        found = figure.as_dict(rate=self.kind == "rate")
        keys = ("numerator", "denominator") if self.kind == "rate" else ("value",)
        for key in keys if self.kind == "rate" or self.integer else ():
            value = found[key]
            if isinstance(value, float) and value.is_integer():
                found[key] = int(value)
        return found


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


def current_window(start_day: int, as_of: date, year: int | None = None) -> CurrentPeriod | None:
    """The dashboard's period as of `as_of`: the quarter of the last month that has ended,
    from the quarter's first day to that month's last day (a quarter under way is shown so
    far). With `year`, the last month of that reporting year at most; None when no month of
    it has ended.
    """
    month = latest_month(as_of, start_day)
    if year is not None and month.year > year:
        month = Period(year, 4, 12)
    elif year is not None and month.year < year:
        return None
    quarter = month.whole_quarter
    end = month.window(start_day).end
    return CurrentPeriod(
        quarter,
        Window(quarter.window(start_day).start, end),
        (month.month or 0) % 3 == 0,
    )


@dataclass(frozen=True, slots=True)
class CurrentPeriod:
    """A quarter, as far as it has ended (`whole`: all three months)."""

    quarter: Period
    window: Window
    whole: bool
