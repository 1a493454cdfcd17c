"""`cchc status`: what the dashboard shows (`build`), and its JSON form. No rich, no typer.

`build` turns a loaded `Dataset` and a `Query` into a `View`: the same rows, in the same
order, for both renderers (`to_json` here, the rich text in `cchc_cli.status.text`), so the
text and the JSON always agree. Rules are those of `cchc_cli.engine.progress` and
`cchc_cli.engine.indicators`.

Filters compose: ``year`` keeps the occurrences due that year (the by-year roll-up of
`progress`), ``unit`` the tasks that unit leads (đơn vị chủ trì), ``area`` the tasks of
that reform area. With ``unit`` the view is that unit's to-do list (its overdue, due-soon
and other open items) instead of the whole dashboard.

Besides what the text shows, the view holds what the dashboard page draws: progress over
time (`cchc_cli.engine.timeline`, per quarter from the plan's first year), each indicator
over the plan's years, and, in the whole view, every open item (what ``--unit`` lists as
open, for all units: the page's per-unit to-do lists).


Period statistics (the figures of the current quarter and of the year so far) are built in
`cchc_cli.status.statistics`. The JSON form is built in `cchc_cli.status.json`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from cchc_cli.dataset import Dataset
from cchc_cli.engine import progress
from cchc_cli.engine.indicators import Assessment, assess, assess_years, known_on
from cchc_cli.engine.progress import DEFAULT_RULES, Rollup, Rules, State, Status
from cchc_cli.engine.timeline import Quarter, quarters
from cchc_cli.errors import UsageError
from cchc_cli.models.indicators import Indicator
from cchc_cli.status.par import par_json
from cchc_cli.status.statistics import StatisticsView, build_statistics

RECENT_YEARS = 3  # indicator years shown without a year filter: the as-of year and 2 before


@dataclass(frozen=True, slots=True)
class Query:
    """What to show: the as-of date, the filters and the rules."""

    as_of: date
    year: int | None = None
    unit: str | None = None
    area: str | None = None
    rules: Rules = DEFAULT_RULES


@dataclass(frozen=True, slots=True)
class Row:
    """One line of a per-area or per-unit table."""

    code: str
    name: str
    rollup: Rollup


@dataclass(frozen=True, slots=True)
class Series:
    """One indicator in every year of a range: `years` holds ``(year, assessment)``, the
    assessment None for a year with neither a value nor a target."""

    indicator: Indicator
    years: list[tuple[int, Assessment | None]]


@dataclass(frozen=True, slots=True)
class View:
    """Everything the dashboard shows, in display order. `None` marks a hidden section."""

    title: str | None
    query: Query
    summary: Rollup
    areas: list[Row] | None
    units: list[Row] | None
    overdue: list[Status]
    due_soon: list[Status]
    open: list[Status] | None
    stale: list[Status] | None
    indicators: list[Assessment] | None
    unit_names: dict[str, str] = field(default_factory=dict)
    area_names: dict[str, str] = field(default_factory=dict)
    errors: int = 0
    warnings: int = 0
    # Every counted occurrence the query selects, in task then time order (`cchc export`).
    items: list[Status] = field(default_factory=list)
    plan_period: tuple[int, int] | None = None
    quarters: list[Quarter] = field(default_factory=list)
    open_all: list[Status] | None = None
    indicator_series: list[Series] | None = None
    statistics: StatisticsView | None = None  # None: no catalogue of metrics, or with unit
    par: dict[str, Any] | None = None  # the PAR INDEX by field (`cchc_cli.status.par`)


def _check_code(kind: str, field: str, code: str | None, valid: list[str]) -> None:
    if code is None or code in valid:
        return
    listed = ", ".join(valid) if valid else "(chưa đọc được danh sách)"
    raise UsageError(f"Không có {kind} mã “{code}”.", f"Các mã hợp lệ: {listed}.", field=field)


def build(dataset: Dataset, query: Query) -> View:
    """The dashboard of `dataset` for `query`; `UsageError` for an unknown unit or area code.

    Codes are checked against units.yaml and areas.yaml, or against the codes the tasks
    use when that file could not be read.
    """
    tasks = [located.item for located in dataset.tasks]
    unit_names = {u.code: u.name for u in dataset.units}
    area_names = {a.code: a.name for a in dataset.areas}
    units = list(unit_names) or sorted({t.lead for t in tasks})
    areas = list(area_names) or sorted({t.area for t in tasks})
    _check_code("đơn vị", "unit", query.unit, units)
    _check_code("lĩnh vực", "area", query.area, areas)
    items = [
        s
        for s in progress.statuses(tasks, query.as_of, query.rules)
        if (query.year is None or s.occurrence.year == query.year)
        and (query.unit is None or s.task.lead == query.unit)
        and (query.area is None or s.task.area == query.area)
    ]
    whole = query.unit is None
    errors = sum(p.is_error for p in dataset.problems)
    plan = dataset.plan
    period = (plan.period.start, plan.period.end) if plan else None
    first_year = query.year if query.year is not None else period[0] if period else None
    open_items = progress.in_progress(items) + _not_started(items)

    def rows(groups: dict[str, Rollup], order: list[str], names: dict[str, str]) -> list[Row]:
        return [Row(c, names.get(c, c), r) for c, r in progress.ordered(groups, order)]

    return View(
        title=dataset.plan.title if dataset.plan else None,
        query=query,
        summary=progress.rollup(items),
        areas=rows(progress.by_area(items), [query.area] if query.area else areas, area_names)
        if whole
        else None,
        units=rows(progress.by_lead(items), units, unit_names) if whole else None,
        overdue=progress.overdue(items),
        due_soon=progress.due_soon(items),
        open=None if whole else open_items,
        stale=progress.stale(items) if whole else None,
        indicators=_indicators(dataset, query) if whole else None,
        unit_names=unit_names,
        area_names=area_names,
        errors=errors,
        warnings=len(dataset.problems) - errors,
        items=items,
        plan_period=period,
        quarters=quarters(items, query.as_of, first_year),
        open_all=open_items if whole else None,
        indicator_series=_series(dataset, query, period) if whole else None,
        statistics=build_statistics(dataset, query.as_of, query.year, query.area)
        if whole
        else None,
        par=par_json(dataset, query.as_of, query.year) if whole else None,
    )


def _not_started(items: list[Status]) -> list[Status]:
    return sorted(
        (s for s in items if s.state is State.NOT_STARTED),
        key=lambda s: (s.due, s.task.id, s.occurrence.period or ""),
    )


def _series(dataset: Dataset, query: Query, period: tuple[int, int] | None) -> list[Series]:
    """Every indicator over the plan's years (the recent years without a plan), as known on
    the as-of date."""
    first, last = period or (query.as_of.year - RECENT_YEARS + 1, query.as_of.year)
    years = range(first, last + 1)
    known = [known_on(located.item, query.as_of) for located in dataset.indicators]
    return [Series(ind, [(year, assess(ind, year)) for year in years]) for ind in known]


def _indicators(dataset: Dataset, query: Query) -> list[Assessment]:
    if query.year is not None:
        years = [query.year]
    else:
        first = query.as_of.year - RECENT_YEARS + 1
        if dataset.plan is not None:
            first = max(first, dataset.plan.period.start)
        years = list(range(first, query.as_of.year + 1))
    known = [known_on(located.item, query.as_of) for located in dataset.indicators]
    return assess_years(known, years)
