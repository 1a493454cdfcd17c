"""Dates and progress of each task: order, plan period, recurrence shape, updates."""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence
from datetime import date

from cchc_cli.checks.common import at
from cchc_cli.dataset import PLAN_FILE, Dataset, Located
from cchc_cli.engine.recurrence import has_period, period_keys
from cchc_cli.errors import Loc, Problem
from cchc_cli.models.tasks import Occurrence, Task, Update
from cchc_cli.text_vi import dmy

# A plan longer than this is probably a typed year (1900 for 2021); a recurring task over it
# still works, with one occurrence per year or quarter.
LONG_PLAN_YEARS = 50


def task_problems(dataset: Dataset) -> Iterator[Problem]:
    """The plan's period, then each task's dates and progress."""
    yield from _plan_period(dataset)
    span = _period(dataset)
    for task in dataset.tasks:
        yield from _task_dates(task, dataset)
        yield from _task_progress(task, span)
        yield from _support(task)


def _support(task: Located[Task]) -> Iterator[Problem]:
    """A supporting unit named twice, or the lead unit named among its supporters: the
    report and the export would list it twice."""
    seen = {task.item.lead}
    for i, unit in enumerate(task.item.support):
        if unit in seen:
            why = (
                "chủ trì nhiệm vụ, không cần ghi ở"
                if unit == task.item.lead
                else "ghi hai lần trong"
            )
            yield at(
                task.path,
                (*task.loc, "support", i),
                "duplicate-id",
                f"Đơn vị “{unit}” {why} các đơn vị phối hợp.",
                "Xoá mã này khỏi “support”.",
                level="warning",
            )
        seen.add(unit)


def _period(dataset: Dataset) -> tuple[int, int] | None:
    plan = dataset.plan
    return (plan.period.start, plan.period.end) if plan is not None else None


def _plan_period(dataset: Dataset) -> Iterator[Problem]:
    plan = dataset.plan
    if plan is None:
        return
    first, last = plan.period.start, plan.period.end
    if last < first:
        yield at(
            dataset.display(dataset.data_dir / PLAN_FILE),
            ("period", "end"),
            "date-order",
            f"Năm kết thúc {last} trước năm bắt đầu {first}.",
            "Kiểm tra “period” trong kế hoạch.",
        )
    elif last - first + 1 > LONG_PLAN_YEARS:
        yield Problem(
            dataset.display(dataset.data_dir / PLAN_FILE),
            0,
            0,
            "long-plan",
            f"Giai đoạn của kế hoạch dài {last - first + 1} năm ({first}-{last}): có lẽ gõ "
            "nhầm năm.",
            "Kế hoạch cải cách hành chính thường 5 hoặc 10 năm; kiểm tra “period” trong kế hoạch.",
            level="warning",
            loc=("period",),
        )


def _task_dates(task: Located[Task], dataset: Dataset) -> Iterator[Problem]:
    t = task.item
    if t.due < t.start:
        yield at(
            task.path,
            (*task.loc, "due"),
            "date-order",
            f"Hạn hoàn thành {dmy(t.due)} trước ngày bắt đầu {dmy(t.start)}.",
            "Kiểm tra lại “start” và “due” (ngày viết dd/mm/yyyy, không phải mm/dd/yyyy).",
        )
    if dataset.plan is not None:
        first, last = dataset.plan.period.start, dataset.plan.period.end
        for key in ("start", "due"):
            day: date = getattr(t, key)
            if not first <= day.year <= last:
                yield at(
                    task.path,
                    (*task.loc, key),
                    "outside-period",
                    f"Ngày {dmy(day)} nằm ngoài giai đoạn của kế hoạch ({first}-{last}).",
                )
    if t.completed is not None and t.completed < t.start:
        yield at(
            task.path,
            (*task.loc, "completed"),
            "date-order",
            f"Ngày hoàn thành {dmy(t.completed)} trước ngày bắt đầu {dmy(t.start)}.",
        )
    span = _period(dataset)
    if span is not None:
        completions = [((*task.loc, "completed"), t.completed)]
        completions += [
            ((*task.loc, "occurrences", i, "completed"), occ.completed)
            for i, occ in enumerate(t.occurrences)
        ]
        for loc, done in completions:
            if done is not None and not span[0] <= done.year <= span[1]:
                yield Problem(
                    task.path,
                    0,
                    0,
                    "outside-period",
                    f"Ngày hoàn thành {dmy(done)} nằm ngoài giai đoạn của kế hoạch "
                    f"({span[0]}-{span[1]}).",
                    "Kiểm tra năm của ngày hoàn thành; việc xong sau khi kế hoạch kết thúc "
                    "không được tính vào kế hoạch này.",
                    level="warning",
                    loc=loc,
                )


def _task_progress(task: Located[Task], period: tuple[int, int] | None) -> Iterator[Problem]:
    t = task.item
    recurring = t.recurrence in {"yearly", "quarterly"}
    if recurring:
        for key in ("updates", "completed"):
            if getattr(t, key):
                yield at(
                    task.path,
                    (*task.loc, key),
                    "recurrence-shape",
                    f"Nhiệm vụ định kỳ ({t.recurrence}) ghi tiến độ theo từng kỳ, "
                    f"không dùng “{key}”.",
                    "Chuyển các cập nhật vào “occurrences:” với “period:” của kỳ tương ứng.",
                )
    elif t.occurrences:
        yield at(
            task.path,
            (*task.loc, "occurrences"),
            "recurrence-shape",
            "Chỉ nhiệm vụ hằng năm (yearly) hoặc hằng quý (quarterly) mới có “occurrences”.",
            "Dùng “updates:” và “completed:” của nhiệm vụ, hoặc sửa “recurrence”.",
        )
    yield from _updates(task.path, (*task.loc,), t.updates, t.completed, period, start=t.start)
    seen: set[str] = set()
    for i, occ in enumerate(t.occurrences):
        loc = (*task.loc, "occurrences", i)
        quarterly = "-Q" in occ.period
        in_task = not recurring or (
            quarterly == (t.recurrence == "quarterly") and has_period(t, occ.period)
        )
        if recurring and quarterly != (t.recurrence == "quarterly"):
            yield at(
                task.path,
                (*loc, "period"),
                "invalid-period",
                f"Kỳ “{occ.period}” không khớp với nhiệm vụ {t.recurrence}.",
                "Nhiệm vụ hằng năm ghi năm (2024); hằng quý ghi “2024-Q1” … “2024-Q4”.",
            )
        elif recurring and not has_period(t, occ.period):
            yield at(
                task.path,
                (*loc, "period"),
                "invalid-period",
                f"Kỳ “{occ.period}” nằm ngoài thời gian thực hiện ({dmy(t.start)} - {dmy(t.due)}).",
                "Các kỳ của nhiệm vụ này: " + _span(sorted(period_keys(t))) + ".",
            )
        if occ.period in seen:
            yield at(
                task.path,
                (*loc, "period"),
                "duplicate-id",
                f"Kỳ “{occ.period}” được ghi hai lần.",
                "Gộp các cập nhật của kỳ này vào một mục.",
            )
        seen.add(occ.period)
        yield from _period_dates(task, loc, occ, in_task=in_task)
        start = t.start if in_task else None  # a period the task does not have is reported
        yield from _updates(task.path, loc, occ.updates, occ.completed, period, start=start)


# A period's own due or completion date: before its period begins it is an error, before
# the task starts only a warning (the first period may be done before the plan starts).
_PERIOD_DATE_HINTS = {
    ("due", False): "Hạn riêng của một kỳ nằm trong kỳ đó hoặc sau nó.",
    ("due", True): "Hạn riêng của một kỳ không trước ngày bắt đầu của nhiệm vụ: sửa hạn của "
    "kỳ, hoặc “start” của nhiệm vụ.",
    ("completed", False): "Kiểm tra “period” và ngày hoàn thành của kỳ (ngày viết dd/mm/yyyy).",
    ("completed", True): "Kiểm tra ngày hoàn thành của kỳ và “start” của nhiệm vụ (ngày viết "
    "dd/mm/yyyy).",
}


def _period_dates(
    task: Located[Task], loc: Loc, occ: Occurrence, *, in_task: bool
) -> Iterator[Problem]:
    t = task.item
    begins = period_start(occ.period)
    for key in ("due", "completed"):
        day: date | None = getattr(occ, key)
        if day is None:
            continue
        if key == "due":
            said = f"Hạn {dmy(day)} của kỳ “{occ.period}”"
        else:
            said = f"Kỳ “{occ.period}” hoàn thành ngày {dmy(day)},"
        if day < begins:
            message, by_task = f"{said} trước khi kỳ bắt đầu ({dmy(begins)}).", False
        elif in_task and day < t.start:
            message, by_task = f"{said} trước ngày bắt đầu nhiệm vụ ({dmy(t.start)}).", True
        else:
            continue
        yield at(
            task.path,
            (*loc, key),
            "date-order",
            message,
            _PERIOD_DATE_HINTS[key, by_task],
            level="warning" if by_task else "error",
        )


def _updates(
    path: str,
    loc: Loc,
    updates: Sequence[Update],
    completed: date | None,
    period: tuple[int, int] | None = None,
    *,
    start: date | None = None,
) -> Iterator[Problem]:
    if not updates:
        return
    for index, update in enumerate(updates):
        if period is not None and not period[0] <= update.date.year <= period[1]:
            yield Problem(
                path,
                0,
                0,
                "outside-period",
                f"Cập nhật ngày {dmy(update.date)} nằm ngoài giai đoạn của kế hoạch "
                f"({period[0]}-{period[1]}).",
                "Kiểm tra năm của ngày cập nhật.",
                level="warning",
                loc=(*loc, "updates", index, "date"),
            )
        elif start is not None and update.date < start:
            yield at(
                path,
                (*loc, "updates", index, "date"),
                "date-order",
                f"Cập nhật ngày {dmy(update.date)} trước ngày bắt đầu nhiệm vụ {dmy(start)}.",
                "Kiểm tra ngày của cập nhật (dd/mm/yyyy) hoặc “start” của nhiệm vụ.",
                level="warning",
            )
    ordered = sorted(enumerate(updates), key=lambda pair: pair[1].date)
    for (_, before), (index, after) in itertools.pairwise(ordered):
        if after.percent < before.percent:
            yield at(
                path,
                (*loc, "updates", index, "percent"),
                "progress-backwards",
                f"Tiến độ giảm từ {before.percent}% ({dmy(before.date)}) "
                f"xuống {after.percent}% ({dmy(after.date)}).",
                "Tiến độ chỉ tăng theo thời gian; kiểm tra lại ngày hoặc số phần trăm.",
            )
    for index, update in enumerate(updates):
        if completed is not None and update.date > completed:
            yield at(
                path,
                (*loc, "updates", index, "date"),
                "date-order",
                f"Cập nhật ngày {dmy(update.date)} sau ngày hoàn thành {dmy(completed)}.",
                "Việc đã xong thì không còn cập nhật tiến độ: sửa ngày của cập nhật, hoặc "
                "ngày hoàn thành (“completed”) nếu việc xong muộn hơn.",
            )
    done = [i for i, u in ordered if u.percent == 100]
    if done and completed is not None and updates[done[0]].date < completed:
        yield at(
            path,
            (*loc, "completed"),
            "completion-date",
            f"Ngày hoàn thành {dmy(completed)} sau ngày tiến độ đạt 100% "
            f"({dmy(updates[done[0]].date)}).",
            "Ngày hoàn thành là ngày đạt 100%: sửa “completed” hoặc ngày của cập nhật 100%. "
            "Khi hai ngày khác nhau, ngày sớm hơn được tính.",
        )
    if done and completed is None:
        yield at(
            path,
            (*loc, "updates", done[0]),
            "missing-completion",
            "Tiến độ đạt 100% nhưng chưa ghi ngày hoàn thành.",
            "Thêm “completed: dd/mm/yyyy” (ngày hoàn thành thực tế).",
        )


def period_start(period: str) -> date:
    """The first day of an occurrence's period: ``2024`` → 01/01/2024, ``2024-Q3`` →
    01/07/2024 (`period` matches the model's pattern)."""
    year, _, quarter = period.partition("-Q")
    return date(int(year), 3 * int(quarter) - 2 if quarter else 1, 1)


def _span(periods: list[str]) -> str:
    """``2021 … 2030`` for a long list, the periods themselves for a short one."""
    return ", ".join(periods) if len(periods) <= 4 else f"{periods[0]} … {periods[-1]}"
