"""`cchc status`: what the dashboard shows (`build`), and its JSON form. No rich, no typer.

`build` turns a loaded `Dataset` and a `Query` into a `View`: the same rows, in the same
order, for both renderers (`to_json` here, the rich text in `cchc_cli.dashboard`), so the
text and the JSON always agree. Rules are those of `cchc_cli.progress` and
`cchc_cli.indicators`.

Filters compose: ``year`` keeps the occurrences due that year (the by-year roll-up of
`progress`), ``unit`` the tasks that unit leads (đơn vị chủ trì), ``area`` the tasks of
that reform area. With ``unit`` the view is that unit's to-do list (its overdue, due-soon
and other open items) instead of the whole dashboard.

JSON shape (``schema_version`` 1; keys are stable, new keys may be added)::

    {
      "schema_version": 1,
      "plan": {"title": str | null},
      "as_of": "YYYY-MM-DD",
      "filters": {"year": int | null, "unit": str | null, "area": str | null},
      "rules": {"soon_days": int, "stale_days": int},
      "summary": ROLLUP,
      "areas": [{"code": str, "name": str, **ROLLUP}] | null,    # null with --unit
      "units": [{"code": str, "name": str, **ROLLUP}] | null,    # null with --unit
      "overdue": [ITEM],                # oldest due first
      "due_soon": [ITEM],               # nearest due first
      "open": [ITEM] | null,            # --unit only: in progress / not started, by due
      "stale": [ITEM] | null,           # null with --unit; longest without update first
      "indicators": [INDICATOR] | null, # null with --unit
      "problems": {"errors": int, "warnings": int}
    }
    ROLLUP = {"total": int, "done": int, "stale": int,
              "counts": {"overdue": int, "due_soon": int, "in_progress": int,
                         "not_started": int, "done_on_time": int, "done_late": int},
              "completion_rate": float | null,   # 0..1, 4 decimals
              "on_time_rate": float | null,      # 0..1, 4 decimals
              "mean_progress": float | null}     # 0..100, 2 decimals
    ITEM = {"task": str, "period": str | null, "title": str, "area": str, "lead": str,
            "lead_name": str, "start": date, "due": date, "state": STATE,
            "state_label": str, "percent": int, "days_overdue": int, "days_left": int,
            "last_update": date | null, "days_since_update": int | null,
            "completed": date | null, "stale": bool}
    INDICATOR = {"id": str, "name": str, "unit": str, "direction": "higher" | "lower",
                 "year": int, "value": float | null,
                 "target": {"years": str, "op": str, "value": float} | null,
                 "verdict": "met" | "not_met" | "no_data" | "no_target",
                 "previous": float | null,
                 "trend": "improved" | "worse" | "same" | "none"}

Dates are ISO ``YYYY-MM-DD`` in JSON and ``dd/mm/yyyy`` in text; a ``STATE`` is one of the
``counts`` keys.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from cchc_cli import progress
from cchc_cli.errors import UsageError
from cchc_cli.indicators import Assessment, assess_years, known_on
from cchc_cli.loader import Dataset
from cchc_cli.models import parse_date
from cchc_cli.progress import DEFAULT_RULES, STATE_ORDER, Rollup, Rules, State, Status

SCHEMA_VERSION = 1
RECENT_YEARS = 3  # indicator years shown without --year: the as-of year and the two before


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


def make_query(
    as_of: str | None,
    *,
    year: int | None = None,
    unit: str | None = None,
    area: str | None = None,
    soon_days: int | None = None,
    stale_days: int | None = None,
    today: date | None = None,
) -> Query:
    """A `Query` from command-line values; `UsageError` for a bad date or a negative window.

    `as_of` is ``dd/mm/yyyy`` or ``yyyy-mm-dd``; None means `today` (default: the system date).
    """
    if as_of is None:
        day = today or date.today()
    else:
        try:
            day = parse_date(as_of)
        except ValueError:
            raise UsageError(
                f"Ngày “{as_of}” không hợp lệ (tuỳ chọn --as-of).",
                "Viết ngày dạng dd/mm/yyyy, ví dụ 31/12/2022 (hoặc 2022-12-31).",
            ) from None
    if year is not None and not 1900 <= year <= 2200:
        raise UsageError(f"Năm {year} không hợp lệ (tuỳ chọn --year).", "Ví dụ: --year 2024.")
    for option, value in (("--soon-days", soon_days), ("--stale-days", stale_days)):
        if value is not None and value < 0:
            raise UsageError(f"Số ngày của {option} phải từ 0 trở lên (đang là {value}).")
    rules = Rules(
        soon_days=DEFAULT_RULES.soon_days if soon_days is None else soon_days,
        stale_days=DEFAULT_RULES.stale_days if stale_days is None else stale_days,
    )
    return Query(day, year, unit.strip() if unit else None, area.strip() if area else None, rules)


def _check_code(kind: str, option: str, code: str | None, valid: list[str]) -> None:
    if code is None or code in valid:
        return
    listed = ", ".join(valid) if valid else "(chưa đọc được danh sách)"
    raise UsageError(
        f"Không có {kind} mã “{code}” (tuỳ chọn {option}).", f"Các mã hợp lệ: {listed}."
    )


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
    _check_code("đơn vị", "--unit", query.unit, units)
    _check_code("lĩnh vực", "--area", query.area, areas)
    items = [
        s
        for s in progress.statuses(tasks, query.as_of, query.rules)
        if (query.year is None or s.occurrence.year == query.year)
        and (query.unit is None or s.task.lead == query.unit)
        and (query.area is None or s.task.area == query.area)
    ]
    whole = query.unit is None
    errors = sum(p.is_error for p in dataset.problems)

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
        open=None if whole else progress.in_progress(items) + _not_started(items),
        stale=progress.stale(items) if whole else None,
        indicators=_indicators(dataset, query) if whole else None,
        unit_names=unit_names,
        area_names=area_names,
        errors=errors,
        warnings=len(dataset.problems) - errors,
    )


def _not_started(items: list[Status]) -> list[Status]:
    return sorted(
        (s for s in items if s.state is State.NOT_STARTED),
        key=lambda s: (s.due, s.task.id, s.occurrence.period or ""),
    )


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


# --- JSON ----------------------------------------------------------------------------------


def _rate(value: float | None, digits: int) -> float | None:
    return None if value is None else round(value, digits)


def rollup_json(rollup: Rollup) -> dict[str, Any]:
    return {
        "total": rollup.total,
        "done": rollup.done,
        "stale": rollup.stale,
        "counts": {state.key: rollup.counts[state] for state in STATE_ORDER},
        "completion_rate": _rate(rollup.completion_rate, 4),
        "on_time_rate": _rate(rollup.on_time_rate, 4),
        "mean_progress": _rate(rollup.mean_progress, 2),
    }


def _iso(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


def item_json(item: Status, unit_names: dict[str, str]) -> dict[str, Any]:
    task = item.task
    return {
        "task": task.id,
        "period": item.occurrence.period,
        "title": task.title,
        "area": task.area,
        "lead": task.lead,
        "lead_name": unit_names.get(task.lead, task.lead),
        "start": _iso(item.occurrence.start),
        "due": _iso(item.due),
        "state": item.state.key,
        "state_label": item.state.label,
        "percent": item.percent,
        "days_overdue": item.days_overdue,
        "days_left": item.days_left,
        "last_update": _iso(item.last_update),
        "days_since_update": item.days_since_update,
        "completed": _iso(item.done_on),
        "stale": item.stale,
    }


def indicator_json(found: Assessment) -> dict[str, Any]:
    ind, target = found.indicator, found.target
    return {
        "id": ind.id,
        "name": ind.name,
        "unit": ind.unit,
        "direction": ind.direction,
        "year": found.year,
        "value": found.value.value if found.value else None,
        "target": {"years": target.years, "op": target.op, "value": target.value}
        if target
        else None,
        "verdict": found.verdict.key,
        "previous": found.previous.value if found.previous else None,
        "trend": found.trend.key,
    }


def to_json(view: View) -> dict[str, Any]:
    """The JSON document of `view` (shape in the module docstring)."""
    q = view.query

    def items(found: list[Status] | None) -> list[dict[str, Any]] | None:
        return None if found is None else [item_json(s, view.unit_names) for s in found]

    def rows(found: list[Row] | None) -> list[dict[str, Any]] | None:
        if found is None:
            return None
        return [{"code": r.code, "name": r.name, **rollup_json(r.rollup)} for r in found]

    return {
        "schema_version": SCHEMA_VERSION,
        "plan": {"title": view.title},
        "as_of": q.as_of.isoformat(),
        "filters": {"year": q.year, "unit": q.unit, "area": q.area},
        "rules": {"soon_days": q.rules.soon_days, "stale_days": q.rules.stale_days},
        "summary": rollup_json(view.summary),
        "areas": rows(view.areas),
        "units": rows(view.units),
        "overdue": items(view.overdue),
        "due_soon": items(view.due_soon),
        "open": items(view.open),
        "stale": items(view.stale),
        "indicators": None
        if view.indicators is None
        else [indicator_json(a) for a in view.indicators],
        "problems": {"errors": view.errors, "warnings": view.warnings},
    }


def render_json(view: View) -> str:
    return json.dumps(to_json(view), ensure_ascii=False, indent=2) + "\n"
