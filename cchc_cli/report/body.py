"""Sections I–V of the periodic report, as paragraphs (`cchc_cli.report.model.Paragraph`).

I. Công tác chỉ đạo, điều hành (the plan's ``direction_area``) and II. the results of every
other area: what was done in the window, what is under way, what is overdue, each as a result
sentence (`cchc_cli.report.lines`). Occurrences that have not started work and are not yet
due say nothing in the body ("chưa triển khai" of a task due later is no result); they are
in the appendix's list.

III. Đánh giá chung: the period's figures (only what was due in the window counts in a rate;
a quarter's rates leave the year's tasks out), the indicators, the tasks done late or
overdue. IV. what is active in the stretch ahead (`cchc_cli.engine.periods.ahead`). V. a gap for
proposals. Every section ends with a ``[Đơn vị bổ sung: …]`` gap for what only staff know.

The period statistics of the window (`cchc_cli.report.statistics_facts`) follow the results of
the area each group of the catalogue is placed in (`_area`).

To add a section or a paragraph: a function here that returns paragraphs, called from
`sections`.
"""

from __future__ import annotations

from collections.abc import Iterator

from cchc_cli.engine import progress
from cchc_cli.engine.periods import ahead
from cchc_cli.engine.progress import State, Status
from cchc_cli.report import indicator_facts, statistics_facts
from cchc_cli.report.filters import placeholder
from cchc_cli.report.lines import is_ongoing, label, run_label, sort_key
from cchc_cli.report.model import Paragraph, TaskLine
from cchc_cli.report.scope import Scope, due_in_period, is_own, overdue_runs
from cchc_cli.report.wording import lower_first, share, task_name, upper_first
from cchc_cli.text_vi import dmy

_ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")
DIRECTION_TITLE = "Công tác chỉ đạo, điều hành cải cách hành chính"


def gap(what: str) -> Paragraph:
    """A visible gap for staff to fill: ``[Đơn vị bổ sung: nguyên nhân]``."""
    return Paragraph("gap", placeholder(what))


def heading(number: int, title: str) -> Paragraph:
    return Paragraph("heading1", f"{_ROMAN[number - 1]}. {title.upper()}")


def sections(scope: Scope, lines: dict[int, TaskLine]) -> Iterator[Paragraph]:
    """The body, section by section."""
    direction = scope.plan.direction_area
    title = scope.area_names.get(direction, DIRECTION_TITLE)
    figures = statistics_facts.by_area(scope)
    yield heading(1, title)
    yield from _area(scope, lines, direction, figures)
    yield gap("văn bản chỉ đạo, điều hành; kiểm tra, tuyên truyền cải cách hành chính trong kỳ")
    yield heading(2, "Kết quả thực hiện các nhiệm vụ cải cách hành chính")
    others = [code for code in _area_codes(scope, figures) if code != direction]
    for number, code in enumerate(others, start=1):
        name = scope.area_names.get(code, code)
        yield Paragraph("heading2", f"{number}. {name}")
        yield from _area(scope, lines, code, figures)
        yield gap(f"kết quả khác của lĩnh vực {lower_first(name)}")
    yield from _assessment(scope, lines)
    yield from _ahead(scope)
    yield heading(5, "Đề xuất, kiến nghị")
    yield gap("đề xuất, kiến nghị")
    yield Paragraph(
        "text",
        f"Trên đây là báo cáo kết quả thực hiện công tác cải cách hành chính "
        f"{scope.period.title} của {scope.agency}./.",
    )


def _area_codes(scope: Scope, figures: dict[str, list[Paragraph]]) -> list[str]:
    extra = sorted(({s.task.area for s in scope.covered} | set(figures)) - set(scope.area_order))
    return scope.area_order + extra


def _area(
    scope: Scope, lines: dict[int, TaskLine], code: str, figures: dict[str, list[Paragraph]]
) -> Iterator[Paragraph]:
    """An area's paragraphs: its results, then the period figures of the groups placed in it."""
    yield from _results(scope, lines, code)
    yield from figures.get(code, ())


def reported(scope: Scope, code: str) -> list[Status]:
    """The occurrences of area `code` the body speaks of, in order: done in the window, under
    way, overdue. Not started and not yet due: nothing to say."""
    mine = [s for s in scope.shown if s.task.area == code]
    done = sorted((s for s in mine if s.state.is_done), key=sort_key)
    going = sorted(
        (
            s
            for s in mine
            if not s.state.is_done
            and s.state is not State.OVERDUE
            and (s.percent > 0 or is_ongoing(s) or s.due <= scope.as_of)
        ),
        key=sort_key,
    )
    late = sorted((s for s in mine if s.state is State.OVERDUE), key=sort_key)
    return done + going + late


def _results(scope: Scope, lines: dict[int, TaskLine], code: str) -> Iterator[Paragraph]:
    for item in reported(scope, code):
        yield Paragraph("item", lines[id(item)].sentence)


# --- III. Đánh giá chung ---------------------------------------------------------------------


def figures(scope: Scope) -> str:
    """The period's figures in a sentence: what was due, what was done (on time, late), what
    was done ahead of time."""
    due = [s for s in scope.counted if due_in_period(s, scope.period)]
    on_time = sum(s.state is State.DONE_ON_TIME for s in due)
    late = sum(s.state is State.DONE_LATE for s in due)
    early = [
        s for s in scope.covered if s.state.is_done and s.due > scope.as_of and not is_ongoing(s)
    ]
    agency = scope.agency
    if not due:
        text = f"Trong kỳ, {agency} không có nhiệm vụ đến hạn theo Kế hoạch"
    elif on_time + late == 0:
        text = (
            f"Trong kỳ, {agency} có {len(due)} nhiệm vụ đến hạn theo Kế hoạch, chưa hoàn thành "
            "nhiệm vụ nào"
        )
    else:
        done = on_time + late
        kinds = [f"{n} nhiệm vụ {w}" for n, w in ((on_time, "đúng hạn"), (late, "trễ hạn")) if n]
        text = (
            f"Trong kỳ, {agency} có {len(due)} nhiệm vụ đến hạn theo Kế hoạch, đã hoàn thành "
            f"{done} nhiệm vụ (đạt {share(done, len(due))}), trong đó {', '.join(kinds)}"
        )
        if done < len(due):
            text += f"; còn {len(due) - done} nhiệm vụ chưa hoàn thành"
    if early:
        text += f". Ngoài ra, đã hoàn thành trước thời hạn {len(early)} nhiệm vụ"
    return f"{text}."


def _assessment(scope: Scope, lines: dict[int, TaskLine]) -> Iterator[Paragraph]:
    strengths, weaknesses = indicator_facts.sentences(scope)
    yield heading(3, "Đánh giá chung")
    yield Paragraph("text", figures(scope))
    yield Paragraph("heading2", "1. Ưu điểm")
    for text in strengths:
        yield Paragraph("item", text)
    yield gap("ưu điểm khác")
    yield Paragraph("heading2", "2. Tồn tại, hạn chế và nguyên nhân")
    overdue = sorted((s for s in scope.shown if s.state is State.OVERDUE), key=sort_key)
    late = sorted((s for s in scope.covered if s.state is State.DONE_LATE), key=sort_key)
    if overdue:
        count = sum(len(scope.runs.get(id(s), (s,))) for s in overdue)
        yield Paragraph("text", f"Còn {count} nhiệm vụ quá hạn chưa hoàn thành:")
    for item in overdue:
        line = lines[id(item)]
        deadline = "thời hạn kỳ đầu" if id(item) in scope.runs else "thời hạn"
        yield Paragraph(
            "item",
            f"{upper_first(line.title)} ({deadline} {dmy(item.due)}; {line.lead} chủ trì).",
        )
    if late:
        yield Paragraph("text", f"Có {len(late)} nhiệm vụ hoàn thành chậm so với thời hạn:")
    for item in late:
        line = lines[id(item)]
        assert item.done_on is not None
        yield Paragraph(
            "item",
            f"{upper_first(line.title)} (thời hạn {dmy(item.due)}, hoàn thành ngày "
            f"{dmy(item.done_on)}).",
        )
    for text in weaknesses:
        yield Paragraph("item", text)
    yield gap("tồn tại, hạn chế khác và nguyên nhân")


# --- IV. Phương hướng, nhiệm vụ kỳ tới ----------------------------------------------------


def ahead_items(scope: Scope) -> tuple[list[Status], dict[int, tuple[Status, ...]]]:
    """What is active in the stretch ahead: not done by the window's end and started by the
    stretch's end (overdue work first, then by deadline), a task's overdue occurrences once
    (with the runs, as `scope.overdue_runs` gives them). The report's own occurrence is not
    among them."""
    _, stretch = ahead(scope.period)
    found = [
        progress.status(occ, scope.as_of)
        for task in scope.tasks
        for occ in progress.occurrences(task)
        if occ.start <= stretch.end
    ]
    active = [
        s for s in found if not s.state.is_done and not is_own(s, scope.period, scope.settings)
    ]
    active.sort(key=lambda s: (s.state is not State.OVERDUE, s.due, s.task.id))
    return overdue_runs(active)


def _ahead(scope: Scope) -> Iterator[Paragraph]:
    name, _ = ahead(scope.period)
    yield heading(4, f"Phương hướng, nhiệm vụ trọng tâm {name}")
    items, runs = ahead_items(scope)
    if items:
        yield Paragraph(
            "text", f"Trong {name}, {scope.agency} tập trung thực hiện các nhiệm vụ sau:"
        )
    for item in items:
        run = runs.get(id(item))
        title = task_name(item.task.title, run_label(run, scope) if run else label(item, scope))
        lead = scope.units.get(item.task.lead, item.task.lead)
        if item.state is State.OVERDUE:
            since = "kỳ đầu đã quá thời hạn" if run else "đã quá thời hạn"
            text = (
                f"Khẩn trương hoàn thành {lower_first(title)} ({since} "
                f"{dmy(item.due)}; {lead} chủ trì)."
            )
        elif is_ongoing(item):
            text = f"Tiếp tục {lower_first(title)} ({lead} chủ trì)."
        else:
            text = f"{upper_first(title)} (thời hạn {dmy(item.due)}; {lead} chủ trì)."
        yield Paragraph("item", text)
    yield gap("nhiệm vụ trọng tâm khác")
