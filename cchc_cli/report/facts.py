"""The periodic report: its facts computed from the data by the engine, as a `Report`. No I/O.

Every state, percentage and count comes from `cchc_cli.engine.progress` as of the window's last
day (``cchc status --as-of <that day>`` shows the same state for every occurrence), and every
indicator verdict from `cchc_cli.engine.indicators`. The modules of this room only select and
word them:

- `cchc_cli.report.scope`: what the report covers;
- here: the page head, the opening, the closing, the document's properties;
- `cchc_cli.report.lines`: each occurrence as a result sentence;
- `cchc_cli.report.body`: sections I–V;
- `cchc_cli.report.indicator_facts`: indicators in sentences and in a table;
- `cchc_cli.report.appendices`: the appendix tables.

Section I is the plan's ``direction_area`` (by default ``chi-dao``); every other area is a
subsection of section II, in the order of ``areas.yaml``.

To add a section: a function in `body` returning paragraphs, called from `body.sections`.
To add an appendix table: a function in `appendices` returning a `Table`, added to the list
in `appendices.appendices`. Templates need no change for either.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

from cchc_cli import __version__
from cchc_cli.dataset import Dataset
from cchc_cli.engine.periods import ReportPeriod, ahead
from cchc_cli.errors import CchcError
from cchc_cli.models.plan import Plan, Signer
from cchc_cli.report import appendices, body, lines
from cchc_cli.report.model import Closing, Header, Period, PlanInfo, Provenance, Report
from cchc_cli.report.scope import make_scope
from cchc_cli.report.settings import Periodic, periodic
from cchc_cli.report.wording import day, lower_first, one_line
from cchc_cli.text_vi import dmy, doc_date, place_date

NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
DRAFT = "DỰ THẢO"
DOC_TYPE = "BÁO CÁO"
DOC_CODE = "BC"
PLAN_CODE = "KH"


def build(
    dataset: Dataset,
    period: ReportPeriod,
    settings: Periodic | None = None,
    *,
    issued: date | None,
    commit: str | None,
    generated: datetime | None = None,
) -> Report:
    """The report of `period` on `dataset`. `issued` is the document date, if known;
    `settings` default to those of the data (``reports.yaml``, then ``plan.yaml``);
    `commit` and `generated` go to the document's properties, never its text."""
    plan = dataset.plan
    if plan is None:
        raise CchcError("Không đọc được kế hoạch (plan.yaml).", "Chạy “cchc validate” để xem lỗi.")
    if settings is None:
        own = dataset.reports.periodic if dataset.reports else None
        settings = periodic(plan, own, period.code, {})
    scope = make_scope(dataset, plan, period, settings)
    line_of = {id(s): lines.task_line(s, scope) for s in scope.shown}
    return Report(
        kind="periodic",
        title=f"Báo cáo kết quả thực hiện công tác cải cách hành chính {period.title}",
        header=header(
            plan,
            f"Kết quả thực hiện công tác cải cách hành chính {period.title}",
            issued,
            settings.report_to,
        ),
        opening=_opening(plan, period, settings),
        body=tuple(body.sections(scope, line_of)),
        closing=closing(settings.recipients, settings.signer),
        appendices=tuple(appendices.appendices(scope, line_of, attached(plan, issued))),
        period=_period(period),
        plan=plan_info(plan),
        tasks=tuple(line_of[id(s)] for s in lines.by_area_then_due(scope.shown, scope)),
        provenance=provenance(
            commit, generated, f"số liệu từ {dmy(period.window.start)} đến {dmy(period.window.end)}"
        ),
    )


# --- the page head, the opening and the closing ----------------------------------------------


def header(plan: Plan, summary: str, issued: date | None, report_to: str) -> Header:
    """The page head of a report of `plan` whose trích yếu line is `summary`."""
    return Header(
        draft=DRAFT,
        governing_body=one_line(plan.governing_body).upper(),
        issuing_body=one_line(plan.issuing_body).upper(),
        number=f"Số:      /{DOC_CODE}-{plan.agency_code}",
        nation=NATION,
        motto=MOTTO,
        place_date=place_date(plan.place, issued),
        doc_type=DOC_TYPE,
        summary=summary,
        report_to=one_line(report_to),
    )


def cite_plan(plan: Plan) -> str:
    """The plan as the opening cites it: ``Kế hoạch số 123/KH-SCT ngày 15/01/2021 về cải
    cách hành chính …``; the number and date the data lacks are left as ``…`` to fill."""
    number = one_line(plan.code) or f"…/{PLAN_CODE}-{plan.agency_code}"
    when = day(plan.issued) if plan.issued else "ngày …"
    title = one_line(plan.title)
    subject = title[len("Kế hoạch ") :] if title.lower().startswith("kế hoạch ") else title
    return f"Kế hoạch số {number} {when} về {lower_first(subject)}"


def _opening(plan: Plan, period: ReportPeriod, settings: Periodic) -> str:
    basis = cite_plan(plan)
    if settings.requested_by:
        basis = f"{one_line(settings.requested_by).rstrip('.;')}; căn cứ {basis}"
    window = period.window
    return (
        f"Thực hiện {basis}, {one_line(plan.issuing_body)} báo cáo kết quả thực hiện công tác "
        f"cải cách hành chính {period.title} (số liệu tính từ {day(window.start)} đến "
        f"{day(window.end)}) như sau:"
    )


def list_items(items: Iterable[str]) -> list[str]:
    """``- item;`` lines, the last ending with a full stop (``- Lưu: VT, VP.``)."""
    cleaned = [one_line(item).rstrip(";.").strip() for item in items]
    return [f"- {item}{'.' if i == len(cleaned) - 1 else ';'}" for i, item in enumerate(cleaned)]


# How a signer's first line says who signs for whom (Nghị định 30/2020, Phụ lục I): ký thay,
# thay mặt, thừa lệnh, thừa ủy quyền, quyền.
_AUTHORITY = ("KT.", "TM.", "TL.", "TUQ.", "Q.")


def closing(recipients: Iterable[str], signer: Signer) -> Closing:
    """The recipients and the signer's block. A deputy signs for the head (``KT. GIÁM
    ĐỐC`` over ``PHÓ GIÁM ĐỐC``): "KT." is added when the first line has no such word."""
    titles = [one_line(signer.position).upper()]
    if signer.deputy_position:
        if not titles[0].startswith(_AUTHORITY):
            titles[0] = f"KT. {titles[0]}"
        titles.append(one_line(signer.deputy_position).upper())
    return Closing("Nơi nhận:", tuple(list_items(recipients)), tuple(titles), signer.name)


def attached(plan: Plan, issued: date | None) -> str:
    """The line under an appendix's title: which report it belongs to."""
    return (
        f"(Kèm theo Báo cáo số      /{DOC_CODE}-{plan.agency_code} {doc_date(issued)} "
        f"của {one_line(plan.issuing_body)})"
    )


def _period(period: ReportPeriod) -> Period:
    name, stretch = ahead(period)
    return Period(
        code=period.code,
        name=period.name,
        title=period.title,
        year=period.year,
        start=period.window.start,
        end=period.window.end,
        cumulative=period.cumulative,
        ahead=name,
        ahead_end=stretch.end,
    )


def plan_info(plan: Plan) -> PlanInfo:
    return PlanInfo(
        title=one_line(plan.title),
        code=one_line(plan.code),
        issued=plan.issued,
        governing_body=one_line(plan.governing_body),
        issuing_body=one_line(plan.issuing_body),
        agency_code=plan.agency_code,
        province=plan.province,
        place=plan.place,
    )


def provenance(commit: str | None, generated: datetime | None, data: str) -> Provenance:
    """Where the draft came from; `data` says what its figures cover (``số liệu từ … đến
    …``)."""
    when = generated.isoformat(timespec="seconds") if generated else ""
    parts = [f"Dự thảo lập bằng cchc {__version__}"]
    if commit:
        parts.append(f"từ dữ liệu commit {commit}")
    if when:
        parts.append(f"lúc {when}")
    text = " ".join(parts) + f"; {data}."
    return Provenance(f"cchc {__version__}", commit or "", when, text)
