"""`cchc par`: the facts of a year's PAR INDEX self-assessment and SIPAS (`build`).

`build` gathers, for one year: the assessment and its criteria set computed by
`cchc_cli.engine.par` (totals per field and criterion, criteria by points lost, the tasks
linked to each), the published results and the gap to the target rank (the target read from
the rank indicator, `engine.par.RANK_INDICATOR`), the recorded ``par-index-score`` and rank,
and the SIPAS of `cchc_cli.engine.sipas`. The renderers (`cchc_cli.par.rows` for plain data,
then JSON and text) only lay these out.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from cchc_cli.dataset import AssessmentSheet, Dataset, Located
from cchc_cli.engine.indicators import value_for
from cchc_cli.engine.par import (
    RANK_INDICATOR,
    SCORE_INDICATOR,
    Assessment,
    Node,
    RankGap,
    assess,
    linked_tasks,
    rank_gap,
    target_rank,
)
from cchc_cli.engine.par_index import is_computed
from cchc_cli.engine.sipas import SipasYear, sipas_indicator, sipas_year
from cchc_cli.errors import CchcError, UsageError
from cchc_cli.models.indicators import Indicator, IndicatorValue
from cchc_cli.models.par import ParCriteriaFile, ParResultsFile
from cchc_cli.models.tasks import Task

_EPSILON = 1e-9


@dataclass(frozen=True, slots=True)
class LostCriterion:
    """A criterion that lost points: its sub-criteria that lost some, and the linked tasks."""

    node: Node
    field: Node
    items: tuple[Node, ...]
    tasks: tuple[Task, ...]


@dataclass(frozen=True)
class ParView:
    """Everything `cchc par` shows for one year. `None` marks what the data does not have."""

    year: int
    title: str | None
    agency: str | None
    sheet: AssessmentSheet | None
    criteria: Located[ParCriteriaFile] | None
    result: Assessment | None
    lost: list[LostCriterion]
    recorded_score: IndicatorValue | None
    recorded_rank: IndicatorValue | None
    target: int | None
    results: Located[ParResultsFile] | None
    rank: RankGap | None
    sipas: SipasYear | None
    tasks: dict[str, Task] = field(default_factory=dict)
    unit_names: dict[str, str] = field(default_factory=dict)
    errors: int = 0
    warnings: int = 0


def _indicator(dataset: Dataset, indicator_id: str) -> Indicator | None:
    return next((i.item for i in dataset.indicators if i.item.id == indicator_id), None)


def years_with_data(dataset: Dataset) -> list[int]:
    """The years that have an assessment or published results, in order."""
    par = dataset.par
    return sorted({s.item.year for s in par.assessments} | {r.item.year for r in par.results})


def build(dataset: Dataset, year: int | None) -> ParView:
    """The PAR INDEX and SIPAS of `year` (default: the last year with an assessment or
    results). `UsageError` for an impossible year; `CchcError` when nothing is recorded."""
    if year is not None and not 1900 <= year <= 2200:
        raise UsageError(f"Năm {year} không hợp lệ.", "Ví dụ: 2024.", field="year")
    known = years_with_data(dataset)
    if year is None:
        if not known:
            raise CchcError(
                "Chưa có bảng tự đánh giá hay kết quả PAR INDEX nào.",
                f"Tạo bảng tự đánh giá trong “{dataset.shown('par/assessments')}/” (xem "
                "docs/par-index.md), hoặc chạy “cchc validate” nếu tệp đã có mà chưa đọc được.",
            )
        year = known[-1]
    sheet = next((s for s in dataset.par.assessments if s.item.year == year), None)
    criteria = None
    if sheet is not None:
        criteria = next((c for c in dataset.par.criteria if c.item.id == sheet.item.criteria), None)
    result = assess(criteria.item, sheet.item) if criteria and sheet else None
    score_indicator = _indicator(dataset, SCORE_INDICATOR)
    rank_indicator = _indicator(dataset, RANK_INDICATOR)
    found = sipas_indicator(i.item for i in dataset.indicators)
    sipas = sipas_year(found, year) if found is not None else None
    results = next((r for r in dataset.par.results if r.item.year == year), None)
    target = target_rank(rank_indicator, year)
    recorded_score = value_for(score_indicator, year) if score_indicator else None
    if is_computed(recorded_score):
        recorded_score = None  # the assessment's own index: nothing recorded to compare
    recorded_rank = value_for(rank_indicator, year) if rank_indicator else None
    if not (sheet or results or recorded_score or recorded_rank or sipas):
        wanted = {SCORE_INDICATOR, RANK_INDICATOR} | ({found.id} if found else set())
        recorded = {
            v.year for i in dataset.indicators if i.item.id in wanted for v in i.item.values
        }
        listed = ", ".join(map(str, sorted(set(known) | recorded))) or "chưa có"
        raise CchcError(
            f"Chưa có dữ liệu PAR INDEX hay SIPAS năm {year}.",
            f"Các năm có bảng tự đánh giá, kết quả hoặc số liệu chỉ số: {listed}.",
        )
    tasks = [t.item for t in dataset.tasks]
    errors = sum(p.is_error for p in dataset.problems)
    return ParView(
        year=year,
        title=dataset.plan.title if dataset.plan else None,
        agency=dataset.plan.issuing_body if dataset.plan else None,
        sheet=sheet,
        criteria=criteria,
        result=result,
        lost=_lost(result, tasks, year) if result else [],
        recorded_score=recorded_score,
        recorded_rank=recorded_rank,
        target=target,
        results=results,
        rank=rank_gap(results.item, target) if results else None,
        sipas=sipas,
        tasks={t.id: t for t in tasks},
        unit_names={u.code: u.name for u in dataset.units},
        errors=errors,
        warnings=len(dataset.problems) - errors,
    )


def _lost(result: Assessment, tasks: list[Task], year: int) -> list[LostCriterion]:
    fields = {f.id: f for f in result.fields}
    return [
        LostCriterion(
            node,
            fields[node.field],
            tuple(c for c in node.children if c.tally.lost > _EPSILON),
            tuple(linked_tasks(tasks, node.ids, year)),
        )
        for node in result.criteria_by_loss()
    ]
