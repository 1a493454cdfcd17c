"""Each occurrence a report covers, worded: its facts, and its result as a sentence.

The result an officer would write, in the past tense, citing its document:

- the ``result:`` text that staff wrote, used verbatim: once done, the occurrence's own (a
  recurring task's period) or the latest of its updates' in the window; while open, those of
  its updates dated in the window;
- otherwise a sentence made from the title and the evidence: ``Đã hoàn thành rà soát … năm
  2024 (Báo cáo số 210/BC-SCT ngày 10/12/2024).``

A ``note:`` is the tracker's, never the report's: it is not used. Neither is any tracker
state (due soon, stale): an unfinished task is "đang triển khai" with its percent, a
standing duty (``ongoing``) "tiếp tục" without one, and an overdue one says its deadline.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING

from cchc_cli.engine.periods import Window, report_of_occurrence
from cchc_cli.engine.progress import State, Status
from cchc_cli.models.tasks import Update
from cchc_cli.report.model import TaskLine
from cchc_cli.report.wording import (
    completed,
    one_line,
    sentence,
    steadily,
    task_name,
    under_way,
    upper_first,
)
from cchc_cli.text_vi import dmy

if TYPE_CHECKING:
    from cchc_cli.report.scope import Scope

_ROMAN = {"1": "I", "2": "II", "3": "III", "4": "IV"}


def label(item: Status, scope: Scope) -> str:
    """The occurrence in words: ``năm 2024``, ``quý III năm 2024``; for the report-making
    task, the report it is (``6 tháng đầu năm 2024``, ``năm 2023``: never "quý IV")."""
    key = item.occurrence.period
    if not key:
        return ""
    if item.task.id == scope.settings.own_task:
        report = report_of_occurrence(key, nine_months=scope.settings.nine_months)
        if report is not None:
            return report.title
    year, _, quarter = key.partition("-Q")
    return f"quý {_ROMAN[quarter]} năm {year}" if quarter else f"năm {year}"


def run_label(run: tuple[Status, ...], scope: Scope) -> str:
    """A task's overdue occurrences in words: ``các kỳ từ quý I năm 2021 đến quý IV năm 2023
    (12 kỳ)``."""
    return f"các kỳ từ {label(run[0], scope)} đến {label(run[-1], scope)} ({len(run)} kỳ)"


def is_ongoing(item: Status) -> bool:
    return item.task.recurrence == "ongoing"


def written_results(item: Status, window: Window) -> list[str]:
    """The ``result:`` texts staff wrote for this occurrence (see the module): once done, the
    occurrence's own or else the latest of its updates in the window (a completion sums the
    work up); while open, every one of its updates in the window, in order."""
    written = [
        sentence(u.result)
        for u in sorted(item.occurrence.updates, key=lambda u: u.date)
        if u.date in window and u.result and u.result.strip()
    ]
    if not item.state.is_done:
        return written
    key = item.occurrence.period
    if key:
        record = next((o for o in item.task.occurrences if o.period == key), None)
        if record is not None and record.result and record.result.strip():
            return [sentence(record.result)]
    return written[-1:]


def evidence(updates: Iterable[Update], first: date, last: date) -> str:
    """The latest evidence dated from `first` to `last`, or ``""``."""
    found = [u for u in updates if first <= u.date <= last and u.evidence and u.evidence.strip()]
    return one_line(max(found, key=lambda u: u.date).evidence) if found else ""


def result_sentence(item: Status, name: str, window: Window, *, run: bool = False) -> str:
    """What the body says of `item` (see the module); `run`: `item` is the first of a run of
    overdue occurrences, and `name` says the run."""
    written = written_results(item, window)
    cited = evidence(item.occurrence.updates, window.start, window.end)
    source = f" ({cited})" if cited else ""
    if item.state.is_done:
        return " ".join(written) or f"{completed(name)}{source}."
    if item.state is State.OVERDUE:
        late = f"chưa hoàn thành, đã quá thời hạn {dmy(item.due)}"
        if run:
            late = f"chưa hoàn thành, kỳ đầu đã quá thời hạn {dmy(item.due)}"
        elif item.percent and not is_ongoing(item):
            late += f" (đạt {item.percent}% khối lượng công việc)"
        if written:
            return " ".join([*written, f"Nhiệm vụ {late}."])
        return f"{upper_first(name)} {late}."
    if written:
        return " ".join(written)
    if is_ongoing(item):
        return f"{steadily(name)}{source}."
    if item.percent:
        return f"{under_way(name)}, đã thực hiện được {item.percent}% khối lượng công việc{source}."
    return f"{under_way(name)} (thời hạn {dmy(item.due)})."


def state_words(item: Status) -> str:
    """The state as a report's table says it (no tracker words such as "sắp đến hạn")."""
    state = item.state
    if state is State.DONE_ON_TIME:
        return "Hoàn thành đúng hạn"
    if state is State.DONE_LATE:
        return "Hoàn thành trễ hạn"
    if state is State.OVERDUE:
        return "Quá hạn, chưa hoàn thành"
    if is_ongoing(item) or item.percent > 0:
        return "Đang thực hiện"
    return "Chưa đến hạn" if item.due > item.as_of else "Đến hạn, chưa có kết quả"


def progress_words(line: TaskLine) -> str:
    """The appendix's "tình hình thực hiện" cell: ``Hoàn thành ngày 25/01/2024``,
    ``Đang thực hiện (đạt 65%)``…"""
    if line.done_on is not None:
        late = " (trễ hạn)" if line.state_key == State.DONE_LATE.key else ""
        return f"Hoàn thành ngày {dmy(line.done_on)}{late}"
    if line.percent and not line.ongoing:
        return f"{line.state} (đạt {line.percent}%)"
    return line.state


def task_line(item: Status, scope: Scope) -> TaskLine:
    """`item` worded for the report."""
    task = item.task
    run = scope.runs.get(id(item))
    name = task_name(task.title, run_label(run, scope) if run else label(item, scope))
    updates = [u for s in run for u in s.occurrence.updates] if run else item.occurrence.updates
    return TaskLine(
        id=task.id,
        title=name,
        area=scope.area_names.get(task.area, task.area),
        lead=scope.units.get(task.lead, task.lead),
        state=state_words(item),
        state_key=item.state.key,
        percent=0 if run else item.percent,
        ongoing=is_ongoing(item),
        start=item.occurrence.start,
        due=item.due,
        done_on=item.done_on,
        evidence=evidence(updates, date.min, item.as_of),
        sentence=result_sentence(item, name, scope.window, run=run is not None),
    )


def sort_key(item: Status) -> tuple[date, str, str]:
    return (item.done_on or item.due, item.task.id, item.occurrence.period or "")


def by_area_then_due(items: Iterable[Status], scope: Scope) -> list[Status]:
    rank = {code: i for i, code in enumerate(scope.area_order)}
    return sorted(
        items, key=lambda s: (rank.get(s.task.area, len(rank)), s.task.area, *sort_key(s))
    )
