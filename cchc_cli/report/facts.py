"""The facts of a periodic report, computed from the data by the progress engine. No I/O.

Every state, percentage and count comes from `cchc_cli.engine.progress` as of the window's last
day (``cchc status --as-of <that day>`` shows the same state for every occurrence), and every
indicator verdict from `cchc_cli.engine.indicators`. This module only selects and words them.

Which occurrences a report covers (its *scope*)
    Those counted as of the window's end (started by then), except the ones already done
    before the window starts: what was finished in an earlier period is not reported again,
    while anything still open (in progress, overdue, even from earlier years) is. So a q3
    report (15/06 – 14/09, not cumulative) leaves out what was done by 14/06.

Indicators as known on the window's end
    Through `cchc_cli.engine.indicators.known_on`, as ``cchc status`` does: a value whose source is
    dated after the window's end is left out (a q1 report does not show the PAR INDEX
    published the next spring). Years from the plan's first year to the report's year.

Tables
    ``area_rows``/``total_row`` roll up the report's scope; ``cumulative_rows`` and
    ``cumulative_total`` roll up every occurrence counted as of the window's end, exactly the
    area table and summary of ``cchc status --as-of <window end>``.

Section I is the plan's ``direction_area`` (by default ``chi-dao``, công tác chỉ đạo, điều
hành) when the data has it; every other area is a subsection of section II, in the order of
``areas.yaml``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from cchc_cli.dataset import Dataset
from cchc_cli.engine import indicators as ind
from cchc_cli.engine import progress
from cchc_cli.engine.periods import ReportPeriod, Window, next_period, next_stretch
from cchc_cli.engine.progress import STATE_ORDER, State, Status
from cchc_cli.errors import CchcError
from cchc_cli.models import Indicator, Plan, Task, Update
from cchc_cli.report.filters import list_items, one_line, quantity, rate, target_text
from cchc_cli.report.model import (
    AreaSection,
    Closing,
    CountRow,
    Header,
    IndicatorRow,
    Report,
    TaskLine,
)
from cchc_cli.report.settings import Periodic, periodic
from cchc_cli.text_vi import dmy, place_date, text_date

NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
DOC_TYPE = "BÁO CÁO"
DOC_CODE = "BC"
_ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}
# Not done and not overdue. Tested by state, not by list membership: `in` on a list of
# statuses compares pydantic models and made the report quadratic in the number of tasks.
_OPEN = (State.IN_PROGRESS, State.DUE_SOON)


def build(
    dataset: Dataset,
    period: ReportPeriod,
    settings: Periodic | None = None,
    *,
    issued: date | None,
    commit: str | None,
) -> Report:
    """The report of `period` on `dataset`. `issued` is the document date, if known;
    `settings` default to those of the data (``reports.yaml``, then ``plan.yaml``)."""
    plan = dataset.plan
    if plan is None:
        raise CchcError("Không đọc được kế hoạch (plan.yaml).", "Chạy “cchc validate” để xem lỗi.")
    if settings is None:
        settings = periodic(
            plan, dataset.reports.periodic if dataset.reports else None, period.code, {}
        )
    window = period.window
    as_of = window.end
    tasks = [located.item for located in dataset.tasks]
    counted = progress.statuses(tasks, as_of)
    scope = in_scope(counted, window)
    area_names = {area.code: area.name for area in dataset.areas}
    units = {unit.code: unit.name for unit in dataset.units}
    lines = {id(s): task_line(s, window, area_names, units) for s in scope}
    sections = _sections(scope, lines, [a.code for a in dataset.areas], area_names)
    direction = next((s for s in sections if s.code == plan.direction_area), None)
    others = [s for s in sections if s.code != plan.direction_area]
    areas = tuple(
        AreaSection(i, s.code, s.name, s.done, s.in_progress, s.not_started, s.overdue)
        for i, s in enumerate(others, start=1)
    )
    assessments = _assessments([x.item for x in dataset.indicators], plan, period, as_of)
    order = [a.code for a in dataset.areas]
    groups = progress.ordered(progress.by_area(scope), order)
    everything = progress.ordered(progress.by_area(counted), order)
    follow = next_period(period)
    return Report(
        plan=plan,
        period=period,
        window=window,
        as_of=as_of,
        next_period=follow,
        next_window=next_stretch(period),
        header=_header(plan, period, issued, settings.report_to),
        direction=direction,
        areas=areas,
        strengths=tuple(_strengths(scope, window, assessments, period.year)),
        weaknesses=tuple(_weaknesses(scope, lines, assessments, period.year)),
        next_tasks=tuple(_next_tasks(tasks, period, area_names, units)),
        states=tuple(state.label for state in STATE_ORDER),
        area_rows=tuple(_count_row(area_names.get(c, c), r) for c, r in groups),
        total_row=_count_row("Tổng cộng", progress.rollup(scope)),
        cumulative_rows=tuple(_count_row(area_names.get(c, c), r) for c, r in everything),
        cumulative_total=_count_row("Tổng cộng", progress.rollup(counted)),
        task_rows=tuple(lines[id(s)] for s in _by_area_then_due(scope, dataset)),
        indicator_rows=tuple(_indicator_row(a) for a in assessments),
        closing=_closing(settings),
        stamp=stamp(period, issued, commit),
    )


def in_scope(statuses: Iterable[Status], window: Window) -> list[Status]:
    """The statuses a report covers: all but those done before the window starts."""
    return [s for s in statuses if s.done_on is None or s.done_on >= window.start]


def stamp(period: ReportPeriod, issued: date | None, commit: str | None) -> str:
    """The footer line: data window, generation date (if given) and commit (if any)."""
    window = period.window
    parts = [
        f"Bản nháp do cchc lập từ dữ liệu kế hoạch. Số liệu {period.title}: "
        f"từ {dmy(window.start)} đến {dmy(window.end)}, "
        f"tình trạng tính đến hết ngày {dmy(window.end)}."
    ]
    if issued is not None:
        parts.append(f"Ngày lập: {dmy(issued)}.")
    if commit:
        parts.append(f"Dữ liệu: commit {commit}.")
    return " ".join(parts)


# --- header and closing: from the plan's metadata ------------------------------------------


def _header(plan: Plan, period: ReportPeriod, issued: date | None, report_to: str) -> Header:
    return Header(
        governing_body=plan.governing_body.upper(),
        issuing_body=plan.issuing_body.upper(),
        number=f"Số:      /{DOC_CODE}-{plan.agency_code}",
        nation=NATION,
        motto=MOTTO,
        place_date=place_date(plan.place, issued),
        doc_type=DOC_TYPE,
        summary=f"Kết quả thực hiện công tác cải cách hành chính {period.title}",
        report_to=report_to,
    )


def _closing(settings: Periodic) -> Closing:
    signer = settings.signer
    lines = [signer.position.upper()]
    if signer.deputy_position:
        lines.append(signer.deputy_position.upper())
    return Closing("Nơi nhận:", tuple(list_items(settings.recipients)), tuple(lines), signer.name)


# --- task lines and sentences --------------------------------------------------------------


def occurrence_label(period: str | None) -> str:
    """``2024`` → ``năm 2024``, ``2024-Q3`` → ``quý III năm 2024``; empty for one-off tasks."""
    if not period:
        return ""
    year, _, quarter = period.partition("-Q")
    return f"quý {_ROMAN[int(quarter)]} năm {year}" if quarter else f"năm {year}"


def _notes(updates: Sequence[Update], window: Window) -> tuple[str, ...]:
    return tuple(
        _as_sentence(u.note) for u in updates if u.date in window and u.note and u.note.strip()
    )


def _evidence(updates: Sequence[Update], as_of: date) -> str:
    found = [u for u in updates if u.date <= as_of and u.evidence and u.evidence.strip()]
    return one_line(max(found, key=lambda u: u.date).evidence) if found else ""


def _as_sentence(text: str) -> str:
    text = one_line(text)
    return text if text.endswith((".", "!", "?", ";", ":")) else f"{text}."


def task_line(
    item: Status, window: Window, area_names: dict[str, str], units: dict[str, str]
) -> TaskLine:
    """`item` worded for the report: its facts and a drafted sentence."""
    task, occ = item.task, item.occurrence
    label = occurrence_label(occ.period)
    title = one_line(task.title) + (f" ({label})" if label else "")
    lead = units.get(task.lead, task.lead)
    evidence = _evidence(occ.updates, item.as_of)
    notes = _notes(occ.updates, window)
    state = item.state
    if state.is_done and item.done_on is not None:
        head = f"đã hoàn thành {text_date(item.done_on)}"
        if state is State.DONE_LATE:
            head += f", trễ hạn (hạn {dmy(item.due)})"
        if evidence:
            head += f"; tài liệu kiểm chứng: {evidence}"
    elif state is State.OVERDUE:
        head = (
            f"quá hạn {item.days_overdue} ngày (hạn {dmy(item.due)}), "
            f"đạt {item.percent} %; đơn vị chủ trì: {lead}"
        )
    elif item.percent > 0:
        head = f"đang thực hiện, đạt {item.percent} %"
        if state is State.DUE_SOON:
            head += f", sắp đến hạn ({dmy(item.due)})"
    else:
        head = f"chưa triển khai (hạn {dmy(item.due)})"
    sentence = " ".join([f"{title}: {head}.", *notes])
    return TaskLine(
        id=task.id,
        title=title,
        occurrence=label,
        area=area_names.get(task.area, task.area),
        lead=lead,
        state=state.label,
        state_key=state.key,
        percent=item.percent,
        start=occ.start,
        due=item.due,
        done_on=item.done_on,
        evidence=evidence,
        notes=notes,
        stale=item.stale,
        days_overdue=item.days_overdue,
        sentence=sentence,
    )


def _sort_key(item: Status) -> tuple[date, str, str]:
    return (item.done_on or item.due, item.task.id, item.occurrence.period or "")


def _sections(
    scope: list[Status], lines: dict[int, TaskLine], order: list[str], names: dict[str, str]
) -> list[AreaSection]:
    codes = order + sorted({s.task.area for s in scope} - set(order))
    sections = []
    for number, code in enumerate(codes, start=1):
        mine = [s for s in scope if s.task.area == code]
        done = sorted((s for s in mine if s.state.is_done), key=_sort_key)
        open_ = [s for s in mine if s.state in _OPEN]
        moving = sorted((s for s in open_ if s.percent > 0), key=_sort_key)
        idle = sorted(
            (
                s
                for s in mine
                if s.state is State.NOT_STARTED or (s.state in _OPEN and s.percent == 0)
            ),
            key=_sort_key,
        )
        sections.append(
            AreaSection(
                number,
                code,
                names.get(code, code),
                tuple(lines[id(s)] for s in done),
                tuple(lines[id(s)] for s in moving),
                tuple(lines[id(s)] for s in idle),
                tuple(lines[id(s)] for s in progress.overdue(mine)),
            )
        )
    return sections


def _by_area_then_due(scope: list[Status], dataset: Dataset) -> list[Status]:
    rank = {area.code: i for i, area in enumerate(dataset.areas)}
    return sorted(
        scope, key=lambda s: (rank.get(s.task.area, len(rank)), s.task.area, *_sort_key(s))
    )


def _next_tasks(
    tasks: list[Task], period: ReportPeriod, names: dict[str, str], units: dict[str, str]
) -> list[TaskLine]:
    """Occurrences due in the next period's new stretch and not done by the window's end."""
    stretch = next_stretch(period)
    as_of = period.window.end
    found = [
        progress.status(occ, as_of)
        for task in tasks
        for occ in progress.occurrences(task)
        if occ.due in stretch
    ]
    due = sorted((s for s in found if not s.state.is_done), key=_sort_key)
    return [task_line(s, period.window, names, units) for s in due]


# --- section III -------------------------------------------------------------------------


def _strengths(
    scope: list[Status], window: Window, assessed: list[ind.Assessment], year: int
) -> list[str]:
    done = [s for s in scope if s.state.is_done and s.done_on in window]
    on_time = sum(s.state is State.DONE_ON_TIME for s in done)
    going = sum(s.state in (State.IN_PROGRESS, State.DUE_SOON) and s.percent > 0 for s in scope)
    found = []
    if done:
        found.append(
            f"Trong kỳ đã hoàn thành {len(done)} nhiệm vụ, trong đó {on_time} nhiệm vụ đúng hạn."
        )
    if going:
        found.append(f"{going} nhiệm vụ đang được triển khai.")
    for a in _latest(assessed, year):
        if a.verdict is ind.Verdict.MET and a.value is not None and a.target is not None:
            found.append(f"{_indicator_fact(a)}, đạt chỉ tiêu ({_target(a)}).")
    return found


def _weaknesses(
    scope: list[Status], lines: dict[int, TaskLine], assessed: list[ind.Assessment], year: int
) -> list[str]:
    late = progress.overdue(scope) + sorted(
        (s for s in scope if s.state is State.DONE_LATE), key=_sort_key
    )
    found = [lines[id(s)].sentence for s in late]
    overdue = sum(s.state is State.OVERDUE for s in scope)
    if overdue:
        found.insert(0, f"Còn {overdue} nhiệm vụ quá hạn chưa hoàn thành.")
    stale = progress.stale(scope)
    if stale:
        found.append(
            f"{len(stale)} nhiệm vụ chưa cập nhật tiến độ từ "
            f"{progress.DEFAULT_STALE_DAYS} ngày trở lên: "
            + ", ".join(one_line(s.task.title) for s in stale)
            + "."
        )
    for a in _latest(assessed, year):
        if a.verdict is ind.Verdict.NOT_MET:
            found.append(f"{_indicator_fact(a)}, chưa đạt chỉ tiêu ({_target(a)}).")
    return found


def _latest(assessed: list[ind.Assessment], year: int) -> list[ind.Assessment]:
    """Each indicator's latest assessment with a value, before or in `year`."""
    best: dict[str, ind.Assessment] = {}
    for a in assessed:
        if a.value is not None and a.year <= year:
            best[a.indicator.id] = a
    return list(best.values())


def _indicator_fact(a: ind.Assessment) -> str:
    assert a.value is not None
    return f"{a.indicator.name} năm {a.year}: {_value(a)}"


def _value(a: ind.Assessment) -> str:
    """The value with enough decimals to tell it from its target (95,004 against > 95)."""
    assert a.value is not None
    digits = ind.digits_to_show(a.value.value, a.target)
    return quantity(a.value.value, a.indicator.unit, digits)


def _target(a: ind.Assessment) -> str:
    assert a.target is not None
    return target_text(a.target.op, a.target.value, a.indicator.unit)


# --- appendix tables -----------------------------------------------------------------------


def _count_row(name: str, rollup: progress.Rollup) -> CountRow:
    mean = rollup.mean_progress
    return CountRow(
        name=name,
        counts=tuple(rollup.counts[state] for state in STATE_ORDER),
        total=rollup.total,
        completion=rate(rollup.completion_rate),
        mean_progress="-" if mean is None else rate(mean / 100),
    )


def _assessments(
    indicators: list[Indicator], plan: Plan, period: ReportPeriod, as_of: date
) -> list[ind.Assessment]:
    years = range(plan.period.start, period.year + 1)
    return ind.assess_years([ind.known_on(i, as_of) for i in indicators], years)


def _indicator_row(a: ind.Assessment) -> IndicatorRow:
    source = ""
    if a.value is not None and a.value.source is not None:
        when = a.value.source.date
        source = a.value.source.document + (f" ngày {dmy(when)}" if when else "")
    return IndicatorRow(
        name=a.indicator.name,
        year=a.year,
        target=_target(a) if a.target else "",
        value=_value(a) if a.value else "",
        verdict=a.verdict.label,
        trend=a.trend.label,
        source=source,
    )
