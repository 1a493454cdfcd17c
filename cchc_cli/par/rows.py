"""The PAR INDEX of a year as plain data: the API of the self-assessment report.

`self_assessment(dataset, year)` (or `plain(view)` on a built `ParView`) returns only dicts,
lists, str, numbers, bools, dates and None, so templates can use it directly, and the text
and JSON of `cchc par` are made from the same values. Points are rounded to 4 decimals
(floats of quarter points add up with noise), rates are 0..1 with 4 decimals, None means
"not known yet" (not appraised, no survey points…).

Shape::

    {
      "year": int,
      "plan": {"title": str | None, "agency": str | None},
      "criteria": {"id", "name", "document", "date", "years", "path"} | None,
      "assessment": {"path", "deadline", "submitted", "appraisal": SOURCE | None,
                     "complete": bool} | None,
      "totals": ROW | None,                 # level "total": the whole set
      "index": float | None,                # final index (points ÷ maximum × 100) once complete
      "recorded_index": float | None,       # the year's par-index-score value
      "rows": [ROW],                        # every field, criterion, sub-criterion, in set order
      "lost": [LOST],                       # criteria that lost points, most lost first
      "rank": RANK | None,                  # from the published results of every department
      "recorded_rank": int | None,          # the year's par-index-rank value
      "target_rank": int | None,            # from the rank indicator's target
      "sipas": SIPAS | None,
      "problems": {"errors": int, "warnings": int},
    }
    ROW = {"level": "total" | "field" | "criterion" | "item", "id", "name", "field",
           "survey_scored": bool, "max", "self_max", "survey_max",
           "self", "appraised", "survey", "points", "lost", "deducted",   # float | None
           "self_rate", "appraised_rate", "survey_rate", "rate",          # 0..1 | None
           "leaves", "unscored",            # scored units below; those without any points
           "explanation": str | None, "evidence": [EVIDENCE]}
    EVIDENCE = {"document", "date", "issuer", "summary", "task", "task_title",
                "task_evidence": [{"date", "text"}],   # the task's evidence in the year
                "text"}                                 # a neutral one-line wording
    LOST = {"id", "name", "field", "field_name", "lost", "self", "appraised", "survey",
            "items": [ROW], "tasks": [{"id", "title", "lead", "lead_name", "start", "due"}]}
    RANK = {"rank", "out_of", "score", "target", "within", "needed", "needed_points", "margin",
            "rival": {"name", "score", "rank"} | None, "source": SOURCE | None}
    SIPAS = {"id", "name", "published", "recomputed", "method": "elements" | "ballots" | None,
             "target": {"years", "op", "value"} | None, "published_met", "recomputed_met",
             "surveyed", "satisfied",                  # ballots, when recorded
             "elements": [{"code", "label", "published", "recomputed", "answers",
                           "satisfied"}]}
    SOURCE = {"document": str, "date": date | None}

``self``, ``appraised`` and ``survey`` of a field or criterion are the sums over the
sub-criteria that have that score; ``lost`` is the maximum minus the points of those that
have points (see `cchc_cli.engine.par`).
"""

from __future__ import annotations

from typing import Any

from cchc_cli.dataset import Dataset
from cchc_cli.engine.par import Node, Tally, task_evidence
from cchc_cli.models.indicators import Source
from cchc_cli.models.par import ParEvidence
from cchc_cli.models.tasks import Task
from cchc_cli.par.view import ParView, build
from cchc_cli.text_vi import dmy


def self_assessment(dataset: Dataset, year: int | None) -> dict[str, Any]:
    """The PAR INDEX and SIPAS of `year` as plain data (shape in the module docstring)."""
    return plain(build(dataset, year))


def _points(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def source(found: Source | None) -> dict[str, Any] | None:
    return None if found is None else {"document": found.document, "date": found.date}


def tally(t: Tally) -> dict[str, Any]:
    """The numbers of a tally: a score is None when no sub-criterion has it."""
    return {
        "max": _points(t.maximum),
        "self_max": _points(t.self_max),
        "survey_max": _points(t.survey_max),
        "self": _points(t.self_points) if t.self_scored else None,
        "appraised": _points(t.appraised) if t.appraised_scored else None,
        "survey": _points(t.survey) if t.survey_scored else None,
        "points": _points(t.points) if t.pointed else None,
        "lost": _points(t.lost) if t.pointed else None,
        "deducted": _points(t.deducted) if t.appraised_scored and t.self_scored else None,
        "self_rate": _points(t.self_rate),
        "appraised_rate": _points(t.appraised_rate),
        "survey_rate": _points(t.survey_rate),
        "rate": _points(t.rate),
        "leaves": t.leaves,
        "unscored": t.leaves - t.pointed,
    }


def evidence(item: ParEvidence, tasks: dict[str, Task], year: int) -> dict[str, Any]:
    task = tasks.get(item.task) if item.task else None
    found = task_evidence(task, year) if task else []
    if item.task:
        text = f"Nhiệm vụ {item.task}" + (f" “{task.title}”" if task else "")
        if found:
            text += ": " + "; ".join(e for _, e in found)
    else:
        text = " ".join(
            x for x in (item.document, f"ngày {dmy(item.date)}" if item.date else "") if x
        )
        text += f" của {item.issuer}" if item.issuer else ""
        text += f": {item.summary}" if item.summary else ""
    return {
        "document": item.document,
        "date": item.date,
        "issuer": item.issuer,
        "summary": item.summary,
        "task": item.task,
        "task_title": task.title if task else None,
        "task_evidence": [{"date": day, "text": text_} for day, text_ in found],
        "text": text,
    }


def row(node: Node, view: ParView) -> dict[str, Any]:
    score = node.score
    return {
        "level": node.level,
        "id": node.id,
        "name": node.name,
        "field": node.field,
        "survey_scored": node.survey,
        **tally(node.tally),
        "explanation": score.explanation if score else None,
        "evidence": [evidence(e, view.tasks, view.year) for e in score.evidence] if score else [],
    }


def _task(task: Task, view: ParView) -> dict[str, Any]:
    return {
        "id": task.id,
        "title": task.title,
        "lead": task.lead,
        "lead_name": view.unit_names.get(task.lead, task.lead),
        "start": task.start,
        "due": task.due,
    }


def plain(view: ParView) -> dict[str, Any]:
    """`view` as plain data (shape in the module docstring)."""
    result, sheet, criteria = view.result, view.sheet, view.criteria
    totals = None
    if result is not None:
        totals = {
            "level": "total",
            "id": "",
            "name": "Tổng cộng",
            "field": "",
            "survey_scored": False,
            **tally(result.total),
            "explanation": None,
            "evidence": [],
        }
    return {
        "year": view.year,
        "plan": {"title": view.title, "agency": view.agency},
        "criteria": None
        if criteria is None
        else {
            "id": criteria.item.id,
            "name": criteria.item.name,
            "document": criteria.item.decision.document,
            "date": criteria.item.decision.date,
            "years": criteria.item.years,
            "path": criteria.path,
        },
        "assessment": None
        if sheet is None
        else {
            "criteria_id": sheet.item.criteria,
            "path": sheet.path,
            "deadline": sheet.item.deadline,
            "submitted": sheet.item.submitted,
            "appraisal": source(sheet.item.appraisal),
            "complete": result is not None and result.total.complete,
        },
        "totals": totals,
        "index": _points(result.index) if result else None,
        "recorded_index": view.recorded_score.value if view.recorded_score else None,
        "rows": [row(n, view) for n in result.nodes()] if result else [],
        "lost": [_lost(found, view) for found in view.lost],
        "rank": _rank(view),
        "recorded_rank": int(view.recorded_rank.value) if view.recorded_rank else None,
        "target_rank": view.target,
        "sipas": _sipas(view),
        "problems": {"errors": view.errors, "warnings": view.warnings},
    }


def _lost(found: Any, view: ParView) -> dict[str, Any]:
    numbers = tally(found.node.tally)
    return {
        "id": found.node.id,
        "name": found.node.name,
        "field": found.field.id,
        "field_name": found.field.name,
        "lost": numbers["lost"],
        "self": numbers["self"],
        "appraised": numbers["appraised"],
        "survey": numbers["survey"],
        "items": [row(n, view) for n in found.items],
        "tasks": [_task(t, view) for t in found.tasks],
    }


def _rank(view: ParView) -> dict[str, Any] | None:
    gap = view.rank
    if gap is None:
        return None
    maximum = view.result.total.maximum if view.result else None
    needed = gap.needed
    return {
        "rank": gap.ours.rank,
        "out_of": gap.out_of,
        "score": gap.ours.score,
        "target": gap.target,
        "within": gap.within,
        "needed": _points(needed),
        "needed_points": _points(needed * maximum / 100) if needed and maximum else None,
        "margin": _points(gap.margin),
        "rival": None
        if gap.rival is None
        else {"name": gap.rival.name, "score": gap.rival.score, "rank": gap.rival.rank},
        "source": source(view.results.item.source) if view.results else None,
    }


def _sipas(view: ParView) -> dict[str, Any] | None:
    found = view.sipas
    if found is None:
        return None
    target = found.target
    return {
        "id": found.indicator.id,
        "name": found.indicator.name,
        "published": found.published,
        "recomputed": _points(found.recomputed),
        "method": found.method,
        "target": None
        if target is None
        else {"years": target.years, "op": target.op, "value": target.value},
        "published_met": found.published_met,
        "recomputed_met": found.recomputed_met,
        "surveyed": found.surveyed,
        "satisfied": found.satisfied,
        "elements": [
            {
                "code": e.code,
                "label": e.label,
                "published": e.published,
                "recomputed": _points(e.recomputed),
                "answers": e.answers,
                "satisfied": e.satisfied,
            }
            for e in found.elements
        ],
    }
