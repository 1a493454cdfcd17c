"""The PAR INDEX self-assessment report (báo cáo kết quả tự đánh giá, chấm điểm Chỉ số cải
cách hành chính năm …) as a `Report`: the same document model, templates and settings as the
periodic report. No I/O.

Its facts are the plain data of `cchc_cli.par.rows.self_assessment` (the numbers of
``cchc par``), worded by `cchc_cli.report.par_body` (sections I–V) and laid out in the
appendix of `cchc_cli.report.par_appendix`; `cchc_cli.report.par_scope` says what it covers.
The page head, the closing and the properties are the periodic report's
(`cchc_cli.report.facts`). Its `period` is the assessed year; it lists no task occurrences.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from cchc_cli.dataset import Dataset
from cchc_cli.errors import CchcError
from cchc_cli.par.rows import self_assessment
from cchc_cli.report import par_appendix, par_body
from cchc_cli.report.facts import attached, closing, header, plan_info, provenance
from cchc_cli.report.model import Period, Report
from cchc_cli.report.par_scope import ParScope, make_scope
from cchc_cli.report.settings import SelfAssessment
from cchc_cli.report.settings import self_assessment as resolve
from cchc_cli.report.wording import day, one_line

KIND = "par"
SUMMARY = "Kết quả tự đánh giá, chấm điểm Chỉ số cải cách hành chính năm {}"


def build(
    dataset: Dataset,
    year: int,
    settings: SelfAssessment | None = None,
    *,
    issued: date | None,
    commit: str | None,
    generated: datetime | None = None,
) -> Report:
    """The self-assessment report of `year` on `dataset`. `CchcError` when the year has no
    assessment (or its criteria set is missing); `UsageError` for an impossible year."""
    plan = dataset.plan
    if plan is None:
        raise CchcError("Không đọc được kế hoạch (plan.yaml).", "Chạy “cchc validate” để xem lỗi.")
    if settings is None:
        own = dataset.reports.self_assessment if dataset.reports else None
        settings = resolve(plan, own, {})
    data, previous = _data(dataset, year), _previous(dataset, year)
    scope = make_scope(dataset, plan, settings, data=data, previous=previous)
    summary = SUMMARY.format(year)
    return Report(
        kind=KIND,
        title=f"Báo cáo {summary[0].lower()}{summary[1:]}",
        header=header(plan, summary, issued, settings.report_to),
        opening=opening(scope),
        body=tuple(par_body.sections(scope)),
        closing=closing(settings.recipients, settings.signer),
        appendices=(par_appendix.appendix(scope, attached(plan, issued)),),
        period=_period(year),
        plan=plan_info(plan),
        tasks=(),
        provenance=provenance(commit, generated, _source(scope)),
    )


def _data(dataset: Dataset, year: int) -> dict[str, Any]:
    data = self_assessment(dataset, year)
    if data["assessment"] is None or data["totals"] is None:
        listed = ", ".join(str(s.item.year) for s in dataset.par.assessments) or "chưa có"
        if data["assessment"] is None:
            message = f"Chưa có bảng tự đánh giá PAR INDEX năm {year}."
        else:
            message = f"Bảng tự đánh giá năm {year} dẫn tới bộ tiêu chí chưa có."
        raise CchcError(
            message,
            f"Các năm có bảng tự đánh giá: {listed}. Tạo bảng trong "
            f"“{dataset.shown('par/assessments')}/” (xem docs/par-index.md).",
        )
    return data


def _previous(dataset: Dataset, year: int) -> dict[str, Any] | None:
    """The previous year's plain data, when it has an assessment."""
    if not any(s.item.year == year - 1 for s in dataset.par.assessments):
        return None
    return self_assessment(dataset, year - 1)


def opening(scope: ParScope) -> str:
    """``Thực hiện …; căn cứ Quyết định số … ngày … ban hành Bộ tiêu chí …, Sở … báo cáo
    kết quả tự đánh giá, chấm điểm Chỉ số cải cách hành chính năm 2024 như sau:``"""
    criteria = scope.data["criteria"]
    decision = one_line(criteria["document"])
    if criteria["date"] is not None:
        decision += f" {day(criteria['date'])}"
    basis = f"{decision} ban hành {one_line(criteria['name'])}"
    requested = scope.settings.requested_by
    lead = (
        f"Thực hiện {one_line(requested).rstrip('.;')}; căn cứ {basis}"
        if requested
        else f"Căn cứ {basis}"
    )
    return (
        f"{lead}, {scope.agency} báo cáo kết quả tự đánh giá, chấm điểm Chỉ số cải cách hành "
        f"chính năm {scope.year} như sau:"
    )


def _period(year: int) -> Period:
    return Period(
        code=KIND,
        name="năm",
        title=f"năm {year}",
        year=year,
        start=date(year, 1, 1),
        end=date(year, 12, 31),
        cumulative=False,
        ahead=f"năm {year + 1}",
        ahead_end=date(year + 1, 12, 31),
    )


def _source(scope: ParScope) -> str:
    return f"bảng tự đánh giá năm {scope.year} ({scope.data['assessment']['path']})"
