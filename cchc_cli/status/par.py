"""`cchc status`: the PAR INDEX self-assessment of the year, field by field: where the points
were kept and where they were lost (the ``par`` key of the JSON, drawn by the dashboard).

The year is ``--year``, else the last year up to the as-of date that has a self-assessment;
none: no ``par`` (``None``), as with ``--unit``. The numbers are those of ``cchc par``
(`cchc_cli.par.rows`), split per scored unit (leaf: a sub-criterion, or a criterion without
any) so that each field's maximum is exactly the sum of five parts:

- ``kept``: the points of the leaves that have them (the appraised score, else the
  self-score; the survey score of a survey leaf);
- ``self_short``: what the self-scores left below the maximum;
- ``deducted``: what the appraisal took off the self-scores;
- ``survey_short``: what the survey points left below the survey maximum;
- ``unknown``: the maximum of the leaves without points yet.

The appraised and survey scores count only once the appraisal is published by the as-of
date (the assessment's ``appraisal`` date); before, the view is the self-assessment's.

JSON shape::

    PAR = {"year": int, "criteria": str,               # the criteria set's name
           "appraisal": {"document": str, "date": date | null} | null,
           "appraised": bool,                          # appraisal and survey scores counted
           "index": float | null,                      # the final index, once complete
           "fields": [PART], "total": PART}
    PART = {"id": str, "name": str, "max": float, "self_max": float, "survey_max": float,
            "self": float | null, "kept": float, "self_short": float, "deducted": float,
            "survey_short": float, "unknown": float}

Points are rounded to 4 decimals; dates are ISO ``YYYY-MM-DD``.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from cchc_cli.dataset import Dataset

PARTS = ("kept", "self_short", "deducted", "survey_short", "unknown")


def par_json(dataset: Dataset, as_of: date, year: int | None) -> dict[str, Any] | None:
    """The ``par`` key of the status JSON (shape in the module), or None."""
    years = [s.item.year for s in dataset.par.assessments if s.item.year <= as_of.year]
    if year is not None:
        years = [y for y in years if y == year]
    if not years:
        return None
    from cchc_cli.par.rows import self_assessment

    data = self_assessment(dataset, max(years))
    if data["totals"] is None:
        return None
    appraisal = data["assessment"]["appraisal"]
    published = appraisal is None or appraisal["date"] is None or appraisal["date"] <= as_of
    fields: list[dict[str, Any]] = []
    rows = data["rows"]
    for at, row in enumerate(rows):
        if row["level"] == "field":
            fields.append(_part(row))
        elif is_leaf(rows, at):
            _add(fields[-1], row, published=published)
    total = _part(data["totals"])
    for part in fields:
        for key in PARTS:
            total[key] += part[key]
    return {
        "year": data["year"],
        "criteria": data["criteria"]["name"],
        "appraisal": None
        if appraisal is None
        else {"document": appraisal["document"], "date": _iso(appraisal["date"])},
        "appraised": appraisal is not None and published,
        "index": data["index"] if published else None,
        "fields": [_rounded(part) for part in fields],
        "total": _rounded(total),
    }


def is_leaf(rows: list[dict[str, Any]], at: int) -> bool:
    """Whether ``rows[at]`` is scored: a sub-criterion, or a criterion whose next row is not
    one of its sub-criteria (the rows are in set order, each criterion followed by its
    sub-criteria)."""
    level = rows[at]["level"]
    if level != "criterion":
        return bool(level == "item")
    return at + 1 == len(rows) or bool(rows[at + 1]["level"] != "item")


def _part(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": str(row["id"]),
        "name": row["name"],
        "max": row["max"],
        "self_max": row["self_max"],
        "survey_max": row["survey_max"],
        "self": row["self"],
        **dict.fromkeys(PARTS, 0.0),
    }


def _add(part: dict[str, Any], leaf: dict[str, Any], *, published: bool) -> None:
    """Split the maximum of `leaf` over the parts of its field."""
    maximum = leaf["max"]
    if leaf["survey_scored"]:
        survey = leaf["survey"] if published else None
        if survey is None:
            part["unknown"] += maximum
        else:
            part["kept"] += survey
            part["survey_short"] += maximum - survey
        return
    own = leaf["self"]
    appraised = leaf["appraised"] if published else None
    points = appraised if appraised is not None else own
    if points is None:
        part["unknown"] += maximum
        return
    part["kept"] += points
    if own is not None and appraised is not None and appraised <= own:
        part["self_short"] += maximum - own
        part["deducted"] += own - appraised
    else:  # the self-score alone, or an appraisal above it (nothing was taken off)
        part["self_short"] += maximum - points


def _rounded(part: dict[str, Any]) -> dict[str, Any]:
    return part | {key: round(part[key], 4) + 0.0 for key in PARTS}


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None
