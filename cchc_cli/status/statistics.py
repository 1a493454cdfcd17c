"""`cchc status`: the figures of the current period and of the year so far, and their JSON.

The current period is `cchc_cli.engine.figures.current_window`: the quarter of the last
reporting month that has ended by the as-of date, so far. Every metric and rate of the
catalogue is computed (`figures_for`); the text shows the ``headline`` ones, the JSON all of
them. With ``--area`` only the groups placed in that area; with ``--year`` the last month of
that year at most. No catalogue: no statistics (``None``).

JSON shape (the ``statistics`` key of `cchc_cli.status.json`)::

    STATISTICS = {
      "period": {"key": "2026-Q4", "label": "quý IV năm 2026", "start": date, "end": date,
                 "whole": bool} | null,            # null: no month of --year has ended yet
      "year_to_date": {"start": date, "end": date} | null,
      "rows": [ROW]                                # every metric and rate, catalogue order
    }
    ROW = {"id": str, "kind": "metric" | "rate", "name": str, "unit": str, "integer": bool,
           "headline": bool, "group": str, "group_name": str, "area": str,
           "this_period": FIGURE, "last_year": FIGURE, "year_to_date": FIGURE,
           "rate": {"id": str, "name": str, "value": float | null} | null,
           "target": {"years": str, "op": str, "value": float} | null,
           "verdict": "met" | "not_met" | "no_data" | "no_target" | null}
    FIGURE = {"value": float | null,      # null: no data (never 0); rates 0..1
              "complete": bool,           # false: a month it needs has no value
              "periods": [str],           # the periods written that make it up
              "missing": [str],           # months without a value
              "numerator": float | null, "denominator": float | null}   # rates only

Values are rounded to 4 decimals. Dates are ISO ``YYYY-MM-DD``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from cchc_cli.dataset import Dataset

if TYPE_CHECKING:  # the engine is imported only for a repository with statistics
    from cchc_cli.engine.figures import CurrentPeriod, FigureRow
    from cchc_cli.engine.periods import Window

ROMAN = ("I", "II", "III", "IV")


@dataclass(frozen=True, slots=True)
class StatisticsView:
    """The figures the dashboard shows; `current` None when no month has ended yet."""

    current: CurrentPeriod | None
    year_to_date: Window | None
    rows: list[FigureRow]
    headline: frozenset[str]  # ids of the rows the text shows

    @property
    def label(self) -> str:
        """``quý IV năm 2026``; empty without a period."""
        if self.current is None:
            return ""
        quarter = self.current.quarter
        return f"quý {ROMAN[quarter.quarter - 1]} năm {quarter.year}"


def build_statistics(
    dataset: Dataset, as_of: date, year: int | None = None, area: str | None = None
) -> StatisticsView | None:
    """The statistics of the dashboard as of `as_of` (see the module docstring)."""
    if dataset.metrics is None:
        return None
    from cchc_cli.engine.figures import current_window, figures_for
    from cchc_cli.engine.periods import Window
    from cchc_cli.engine.stat_periods import year_start
    from cchc_cli.engine.statistics import Statistics

    stats = Statistics(dataset.metrics, dataset.statistics)
    catalogue = stats.catalogue
    headline = frozenset(
        [m.id for m in catalogue.metrics if m.headline]
        + [r.id for r in catalogue.rates if r.headline]
    )
    current = current_window(stats.start_day, as_of, year)
    if current is None:
        return StatisticsView(None, None, [], headline)
    areas = None if area is None else [area]
    rows = figures_for(stats, current.window, areas=areas)
    ytd = Window(year_start(current.window.end, stats.start_day), current.window.end)
    return StatisticsView(current, ytd, rows, headline)


def _rounded(found: dict[str, Any]) -> dict[str, Any]:
    return {k: round(v, 4) if isinstance(v, float) else v for k, v in found.items()}


def statistics_json(view: StatisticsView | None) -> dict[str, Any] | None:
    """The ``statistics`` of the status JSON (shape in the module docstring)."""
    if view is None:
        return None
    current, ytd = view.current, view.year_to_date
    rows = []
    for row in view.rows:
        found = row.as_dict()
        for key in ("this_period", "last_year", "year_to_date"):
            figure = found[key]
            figure.setdefault("numerator", None)
            figure.setdefault("denominator", None)
            found[key] = _rounded(figure)
        if found["rate"] is not None:
            found["rate"] = _rounded(found["rate"])
        found["headline"] = row.id in view.headline
        rows.append(found)
    return {
        "period": None
        if current is None
        else {
            "key": current.quarter.key,
            "label": view.label,
            "start": current.window.start.isoformat(),
            "end": current.window.end.isoformat(),
            "whole": current.whole,
        },
        "year_to_date": None
        if ytd is None
        else {"start": ytd.start.isoformat(), "end": ytd.end.isoformat()},
        "rows": rows,
    }
