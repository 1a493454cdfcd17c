"""`cchc status --format json`: the `View` as a JSON document with a stable shape.

JSON shape (``schema_version`` 1; keys are stable, new keys may be added: a change that
renames, removes or retypes a key raises the version)::

    {
      "schema_version": 1,
      "plan": {"title": str | null,
               "period": {"start": int, "end": int} | null},   # the plan's years
      "as_of": "YYYY-MM-DD",
      "filters": {"year": int | null, "unit": str | null, "area": str | null,
                  "unit_name": str | null},   # the unit's name, with --unit
      "rules": {"soon_days": int, "stale_days": int},
      "summary": ROLLUP,
      "areas": [{"code": str, "name": str, **ROLLUP}] | null,    # null with --unit
      "units": [{"code": str, "name": str, **ROLLUP}] | null,    # null with --unit
      "overdue": [ITEM],                # oldest due first
      "due_soon": [ITEM],               # nearest due first
      "open": [ITEM] | null,            # --unit only: in progress / not started, by due
      "stale": [ITEM] | null,           # null with --unit; longest without update first
      "indicators": [INDICATOR] | null, # null with --unit
      "statistics": STATISTICS | null,  # null with --unit or without data/metrics.yaml
      "problems": {"errors": int, "warnings": int},
      # What the dashboard page (--format html) draws besides the above:
      "quarters": [QUARTER],            # progress over time, oldest quarter first
      "open_all": [ITEM] | null,        # null with --unit; else what "open" lists, for
                                        # every unit (the page's per-unit to-do lists)
      "indicator_series": [SERIES] | null, # null with --unit; each indicator, every plan year
      "par": PAR | null                 # null with --unit or without a self-assessment
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
    QUARTER = {"quarter": "YYYY-Qn", "start": date, "end": date,   # end: D in the last one
               "due": int, "done": int, "done_on_time": int, "done_late": int,
               "due_to_date": int, "done_to_date": int}
    SERIES = {"id": str, "name": str, "unit": str, "direction": "higher" | "lower",
              "years": [{"year": int, "value": float | null,
                         "target": {"years": str, "op": str, "value": float} | null,
                         "verdict": "met" | "not_met" | "no_data" | "no_target" | null}]}

``quarters`` (`cchc_cli.engine.timeline`) counts the occurrences of the view due in each
quarter (up to D) and done in each quarter, from the first quarter of the plan's first year
(of ``--year`` when given, or earlier data); ``*_to_date`` add them up, and equal the
dashboard as of each quarter's end. In ``indicator_series`` a year with neither a value nor
a target has ``verdict`` null; values published after D are not known (null).

STATISTICS (the figures of the current quarter so far, the same period last year and the
year to date, with rates) is described in `cchc_cli.status.statistics`; PAR (the PAR INDEX
self-assessment of the year, each field's points kept and lost) in `cchc_cli.status.par`.

Dates are ISO ``YYYY-MM-DD`` in JSON and ``dd/mm/yyyy`` in text; a ``STATE`` is one of the
``counts`` keys.
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable, Iterator
from datetime import date
from json.encoder import encode_basestring
from typing import Any, TextIO

from cchc_cli.engine.indicators import Assessment
from cchc_cli.engine.progress import STATE_ORDER, Rollup, Status
from cchc_cli.engine.timeline import Quarter
from cchc_cli.status.statistics import statistics_json
from cchc_cli.status.view import Row, Series, View

SCHEMA_VERSION = 1


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


def _target(found: Assessment | None) -> dict[str, Any] | None:
    target = found.target if found else None
    return {"years": target.years, "op": target.op, "value": target.value} if target else None


def series_json(series: Series) -> dict[str, Any]:
    ind = series.indicator
    return {
        "id": ind.id,
        "name": ind.name,
        "unit": ind.unit,
        "direction": ind.direction,
        "years": [
            {
                "year": year,
                "value": found.value.value if found and found.value else None,
                "target": _target(found),
                "verdict": found.verdict.key if found else None,
            }
            for year, found in series.years
        ],
    }


def quarter_json(quarter: Quarter) -> dict[str, Any]:
    return {
        "quarter": quarter.key,
        "start": quarter.start.isoformat(),
        "end": quarter.end.isoformat(),
        "due": quarter.due,
        "done": quarter.done,
        "done_on_time": quarter.done_on_time,
        "done_late": quarter.done_late,
        "due_to_date": quarter.due_to_date,
        "done_to_date": quarter.done_to_date,
    }


class Rows:
    """A list of JSON objects made one at a time, as they are written: the 500 000 items of
    a long plan are never all held as dicts (see `write_json`)."""

    def __init__(self, items: list[Status], unit_names: dict[str, str]) -> None:
        self.items = items
        self.unit_names = unit_names

    def __iter__(self) -> Iterator[dict[str, Any]]:
        return (item_json(s, self.unit_names) for s in self.items)

    def __len__(self) -> int:
        return len(self.items)


def _document(view: View) -> dict[str, Any]:
    """The JSON document of `view`, its lists of items left as `Rows`."""
    q = view.query

    def items(found: list[Status] | None) -> Rows | None:
        return None if found is None else Rows(found, view.unit_names)

    def rows(found: list[Row] | None) -> list[dict[str, Any]] | None:
        if found is None:
            return None
        return [{"code": r.code, "name": r.name, **rollup_json(r.rollup)} for r in found]

    return {
        "schema_version": SCHEMA_VERSION,
        "plan": {
            "title": view.title,
            "period": None
            if view.plan_period is None
            else {"start": view.plan_period[0], "end": view.plan_period[1]},
        },
        "as_of": q.as_of.isoformat(),
        "filters": {
            "year": q.year,
            "unit": q.unit,
            "area": q.area,
            "unit_name": view.unit_names.get(q.unit, q.unit) if q.unit else None,
        },
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
        "statistics": statistics_json(view.statistics),
        "problems": {"errors": view.errors, "warnings": view.warnings},
        "quarters": [quarter_json(q) for q in view.quarters],
        "open_all": items(view.open_all),
        "indicator_series": None
        if view.indicator_series is None
        else [series_json(s) for s in view.indicator_series],
        "par": view.par,
    }


def to_json(view: View) -> dict[str, Any]:
    """The JSON document of `view` (shape in the module docstring)."""
    return {
        key: list(value) if isinstance(value, Rows) else value
        for key, value in _document(view).items()
    }


def write_json(view: View, stream: TextIO) -> None:
    """`render_json(view)`, written piece by piece: memory stays bounded by one item.

    The text is exactly ``json.dumps(to_json(view), ensure_ascii=False, indent=2)`` and a
    newline. The items are flat (strings, numbers, booleans, null), so each is written with
    the C string encoder instead of json's pure-Python indenting encoder: 4× faster.
    """
    stream.write("{")
    for index, (key, value) in enumerate(_document(view).items()):
        stream.write(",\n  " if index else "\n  ")
        stream.write(f"{encode_basestring(key)}: ")
        if isinstance(value, Rows) and value:
            stream.write("[")
            for number, item in enumerate(value):
                stream.write(",\n    {\n" if number else "\n    {\n")
                stream.write(",\n".join([_KEYS[k] + _flat(v) for k, v in item.items()]))
                stream.write("\n    }")
            stream.write("\n  ]")
        else:
            nested = json.dumps(
                list(value) if isinstance(value, Rows) else value, ensure_ascii=False, indent=2
            )
            stream.write(nested.replace("\n", "\n  "))
    stream.write("\n}\n")


class _Keys(dict[str, str]):
    """``"key": `` of an item, as written at its depth; each key is encoded once."""

    def __missing__(self, key: str) -> str:
        self[key] = found = f"      {encode_basestring(key)}: "
        return found


_KEYS = _Keys()
_SCALARS: dict[type, Callable[[Any], str]] = {
    str: encode_basestring,
    int: int.__repr__,
    bool: {True: "true", False: "false"}.__getitem__,
    type(None): lambda _: "null",
}


def _flat(value: object) -> str:
    """A string, whole number, boolean or null as `json.dumps` writes it."""
    encode = _SCALARS.get(type(value))
    return encode(value) if encode is not None else json.dumps(value, ensure_ascii=False)


def render_json(view: View) -> str:
    """The JSON document of `view` as text (see `write_json`)."""
    out = io.StringIO()
    write_json(view, out)
    return out.getvalue()
