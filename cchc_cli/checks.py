"""Cross-file checks: ids, references, dates and progress that one file cannot judge alone.

Each check yields problems with a `loc` and line 0; `loader.locate_all` then finds the line.
"""

from __future__ import annotations

import difflib
import itertools
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import date
from typing import Any, TypeVar

from cchc_cli.checks_indicators import indicator_problems
from cchc_cli.errors import Loc, Problem
from cchc_cli.loader import (
    AREAS_FILE,
    INDICATORS_DIR,
    PLAN_FILE,
    UNITS_FILE,
    Dataset,
    Located,
)
from cchc_cli.models import Task, Update
from cchc_cli.progress import period_keys

T = TypeVar("T")


def _at(path: str, loc: Loc, code: str, message: str, hint: str = "") -> Problem:
    return Problem(path, 0, 0, code, message, hint, loc=loc)


def _suggest(value: str, valid: Iterable[str]) -> str:
    choices = sorted(valid)
    close = difflib.get_close_matches(value, choices, n=1)
    if close:
        return f"Có phải ý bạn là “{close[0]}”? Các mã hợp lệ: {', '.join(choices)}."
    return f"Các mã hợp lệ: {', '.join(choices)}." if choices else ""


def check(dataset: Dataset) -> list[Problem]:
    """Every cross-file problem of a loaded dataset."""
    return [
        *_plan_period(dataset),
        *_unique_codes(dataset),
        *_task_ids(dataset),
        *_references(dataset),
        *(p for t in dataset.tasks for p in _task_dates(t, dataset)),
        *(p for t in dataset.tasks for p in _task_progress(t, _period(dataset))),
        *(p for i in dataset.indicators for p in indicator_problems(i)),
    ]


def _unique_codes(dataset: Dataset) -> Iterator[Problem]:
    groups: list[tuple[str, str, Sequence[str]]] = [
        (AREAS_FILE, "areas", [a.code for a in dataset.areas]),
        (UNITS_FILE, "units", [u.code for u in dataset.units]),
    ]
    if dataset.plan is not None:
        groups += [
            (PLAN_FILE, "solutions", [s.id for s in dataset.plan.solutions]),
            (PLAN_FILE, "duties", [d.id for d in dataset.plan.duties]),
        ]
    for path, key, codes in groups:
        seen: set[str] = set()
        for i, code in enumerate(codes):
            if code in seen:
                yield _at(
                    dataset.display(dataset.data_dir / path),
                    (key, i, "code" if key in {"areas", "units"} else "id"),
                    "duplicate-id",
                    f"Mã “{code}” bị trùng.",
                    "Mỗi mã chỉ dùng một lần.",
                )
            seen.add(code)
    for ind, other in _repeats(dataset.indicators, lambda i: i.id):  # unique across files
        yield _at(
            ind.path,
            (*ind.loc, "id"),
            "duplicate-id",
            f"Mã chỉ số “{ind.item.id}” bị trùng.",
            f"Đã dùng ở {other.path}.",
        )


def _repeats(
    items: Iterable[Located[T]], key: Callable[[T], str]
) -> Iterator[tuple[Located[T], Located[T]]]:
    """Each item whose key an earlier item has, with that first item."""
    first: dict[str, Located[T]] = {}
    for item in items:
        other = first.setdefault(key(item.item), item)
        if other is not item:
            yield item, other


def _task_ids(dataset: Dataset) -> Iterator[Problem]:
    ids = [Located(t.item.id, t.path, t.loc) for t in dataset.tasks]
    ids += [
        Located(t.item["id"], t.path, t.loc)
        for t in dataset.rejected_tasks
        if isinstance(t.item.get("id"), str)
    ]
    ids.sort(key=lambda t: (t.path, t.loc[-1]))
    for task, other in _repeats(ids, lambda i: i):
        yield _at(
            task.path,
            (*task.loc, "id"),
            "duplicate-id",
            f"Mã nhiệm vụ “{task.item}” bị trùng.",
            f"Mã này đã dùng ở {other.path} (mục {other.loc[-1]}); hãy đặt mã khác.",
        )


_REFERENCE_KEYS = ("area", "lead", "support", "objectives", "solutions", "indicators", "duties")


def _refs_of(fields: Mapping[str, Any]) -> Iterator[tuple[str, int | None, str]]:
    """``(key, index, code)`` of every code a task refers to; values of a wrong type are
    skipped (the schema reports them)."""
    for key in _REFERENCE_KEYS:
        value = fields.get(key)
        if isinstance(value, str):
            yield key, None, value
        elif isinstance(value, list):
            yield from ((key, i, code) for i, code in enumerate(value) if isinstance(code, str))


def _references(dataset: Dataset) -> Iterator[Problem]:
    areas = {a.code for a in dataset.areas}
    units = {u.code for u in dataset.units}
    indicators = {i.item.id for i in dataset.indicators}
    plan = dataset.plan
    objectives = {o.id for o in plan.objectives.specific} if plan else set()
    solutions = {s.id for s in plan.solutions} if plan else set()
    duties = {d.id for d in plan.duties} if plan else set()

    def shown(name: str) -> str:
        return dataset.display(dataset.data_dir / name)

    kinds = {
        "area": ("lĩnh vực", areas, shown(AREAS_FILE)),
        "lead": ("đơn vị", units, shown(UNITS_FILE)),
        "support": ("đơn vị", units, shown(UNITS_FILE)),
        "objectives": ("mục tiêu", objectives, shown(PLAN_FILE)),
        "solutions": ("giải pháp", solutions, shown(PLAN_FILE)),
        "indicators": ("chỉ số", indicators, shown(INDICATORS_DIR) + "/"),
        "duties": ("nhóm nhiệm vụ tổ chức thực hiện", duties, shown(PLAN_FILE)),
    }
    # A reference file that failed to load is reported already; do not echo it per task.
    loaded = {
        "area": bool(areas),
        "lead": bool(units),
        "support": bool(units),
        "objectives": plan is not None,
        "solutions": plan is not None,
        "indicators": True,
        "duties": plan is not None,
    }
    written: list[tuple[str, Loc, Mapping[str, Any]]] = [
        (t.path, t.loc, {key: getattr(t.item, key) for key in _REFERENCE_KEYS})
        for t in dataset.tasks
    ]
    written += [(t.path, t.loc, t.item) for t in dataset.rejected_tasks]
    for path, task_loc, fields in written:
        for key, index, code in _refs_of(fields):
            label, valid, where = kinds[key]
            if loaded[key] and code not in valid:
                loc = (*task_loc, key) if index is None else (*task_loc, key, index)
                yield _at(
                    path,
                    loc,
                    "unknown-ref",
                    f"Không có {label} mã “{code}” (khai báo ở {where}).",
                    _suggest(code, valid),
                )
    if plan is not None:
        plan_path = dataset.display(dataset.data_dir / PLAN_FILE)
        if areas and plan.direction_area not in areas:
            yield _at(
                plan_path,
                ("direction_area",),
                "unknown-ref",
                f"Không có lĩnh vực mã “{plan.direction_area}” (khai báo ở {kinds['area'][2]}).",
                _suggest(plan.direction_area, areas),
            )
        for i, objective in enumerate(plan.objectives.specific):
            for j, code in enumerate(objective.indicators):
                if code not in indicators:
                    yield _at(
                        plan_path,
                        ("objectives", "specific", i, "indicators", j),
                        "unknown-ref",
                        f"Không có chỉ số mã “{code}” (khai báo ở {kinds['indicators'][2]}).",
                        _suggest(code, indicators),
                    )
        for i, duty in enumerate(plan.duties):
            for j, code in enumerate(duty.units):
                if loaded["lead"] and code not in units:
                    yield _at(
                        plan_path,
                        ("duties", i, "units", j),
                        "unknown-ref",
                        f"Không có đơn vị mã “{code}” (khai báo ở {kinds['lead'][2]}).",
                        _suggest(code, units),
                    )


def _period(dataset: Dataset) -> tuple[int, int] | None:
    plan = dataset.plan
    return (plan.period.start, plan.period.end) if plan is not None else None


def _plan_period(dataset: Dataset) -> Iterator[Problem]:
    plan = dataset.plan
    if plan is not None and plan.period.end < plan.period.start:
        yield _at(
            dataset.display(dataset.data_dir / PLAN_FILE),
            ("period", "end"),
            "date-order",
            f"Năm kết thúc {plan.period.end} trước năm bắt đầu {plan.period.start}.",
            "Kiểm tra “period” trong kế hoạch.",
        )


def _task_dates(task: Located[Task], dataset: Dataset) -> Iterator[Problem]:
    t = task.item
    if t.due < t.start:
        yield _at(
            task.path,
            (*task.loc, "due"),
            "date-order",
            f"Hạn hoàn thành {_vn(t.due)} trước ngày bắt đầu {_vn(t.start)}.",
            "Kiểm tra lại “start” và “due” (ngày viết dd/mm/yyyy, không phải mm/dd/yyyy).",
        )
    if dataset.plan is not None:
        first, last = dataset.plan.period.start, dataset.plan.period.end
        for key in ("start", "due"):
            day: date = getattr(t, key)
            if not first <= day.year <= last:
                yield _at(
                    task.path,
                    (*task.loc, key),
                    "outside-period",
                    f"Ngày {_vn(day)} nằm ngoài giai đoạn của kế hoạch ({first}-{last}).",
                )
    if t.completed is not None and t.completed < t.start:
        yield _at(
            task.path,
            (*task.loc, "completed"),
            "date-order",
            f"Ngày hoàn thành {_vn(t.completed)} trước ngày bắt đầu {_vn(t.start)}.",
        )


def _task_progress(task: Located[Task], period: tuple[int, int] | None) -> Iterator[Problem]:
    t = task.item
    recurring = t.recurrence in {"yearly", "quarterly"}
    if recurring:
        for key in ("updates", "completed"):
            if getattr(t, key):
                yield _at(
                    task.path,
                    (*task.loc, key),
                    "recurrence-shape",
                    f"Nhiệm vụ định kỳ ({t.recurrence}) ghi tiến độ theo từng kỳ, "
                    f"không dùng “{key}”.",
                    "Chuyển các cập nhật vào “occurrences:” với “period:” của kỳ tương ứng.",
                )
    elif t.occurrences:
        yield _at(
            task.path,
            (*task.loc, "occurrences"),
            "recurrence-shape",
            "Chỉ nhiệm vụ hằng năm (yearly) hoặc hằng quý (quarterly) mới có “occurrences”.",
            "Dùng “updates:” và “completed:” của nhiệm vụ, hoặc sửa “recurrence”.",
        )
    yield from _updates(task.path, (*task.loc,), t.updates, t.completed, period)
    seen: set[str] = set()
    periods = set(period_keys(t)) if recurring else set()
    for i, occ in enumerate(t.occurrences):
        loc = (*task.loc, "occurrences", i)
        quarterly = "-Q" in occ.period
        if recurring and quarterly != (t.recurrence == "quarterly"):
            yield _at(
                task.path,
                (*loc, "period"),
                "invalid-period",
                f"Kỳ “{occ.period}” không khớp với nhiệm vụ {t.recurrence}.",
                "Nhiệm vụ hằng năm ghi năm (2024); hằng quý ghi “2024-Q1” … “2024-Q4”.",
            )
        elif recurring and occ.period not in periods:
            yield _at(
                task.path,
                (*loc, "period"),
                "invalid-period",
                f"Kỳ “{occ.period}” nằm ngoài thời gian thực hiện ({_vn(t.start)} - {_vn(t.due)}).",
                "Các kỳ của nhiệm vụ này: " + _span(sorted(periods)) + ".",
            )
        if occ.period in seen:
            yield _at(
                task.path,
                (*loc, "period"),
                "duplicate-id",
                f"Kỳ “{occ.period}” được ghi hai lần.",
                "Gộp các cập nhật của kỳ này vào một mục.",
            )
        seen.add(occ.period)
        if occ.due is not None and int(occ.period[:4]) > occ.due.year:
            yield _at(
                task.path,
                (*loc, "due"),
                "date-order",
                f"Hạn {_vn(occ.due)} trước kỳ “{occ.period}”.",
                "Hạn riêng của một kỳ nằm trong kỳ đó hoặc sau nó.",
            )
        yield from _updates(task.path, loc, occ.updates, occ.completed, period)


def _updates(
    path: str,
    loc: Loc,
    updates: Sequence[Update],
    completed: date | None,
    period: tuple[int, int] | None = None,
) -> Iterator[Problem]:
    for index, update in enumerate(updates):
        if period is not None and not period[0] <= update.date.year <= period[1]:
            yield Problem(
                path,
                0,
                0,
                "outside-period",
                f"Cập nhật ngày {_vn(update.date)} nằm ngoài giai đoạn của kế hoạch "
                f"({period[0]}-{period[1]}).",
                "Kiểm tra năm của ngày cập nhật.",
                level="warning",
                loc=(*loc, "updates", index, "date"),
            )
    ordered = sorted(enumerate(updates), key=lambda pair: pair[1].date)
    for (_, before), (index, after) in itertools.pairwise(ordered):
        if after.percent < before.percent:
            yield _at(
                path,
                (*loc, "updates", index, "percent"),
                "progress-backwards",
                f"Tiến độ giảm từ {before.percent}% ({_vn(before.date)}) "
                f"xuống {after.percent}% ({_vn(after.date)}).",
                "Tiến độ chỉ tăng theo thời gian; kiểm tra lại ngày hoặc số phần trăm.",
            )
    done = [i for i, u in ordered if u.percent == 100]
    if done and completed is None:
        yield _at(
            path,
            (*loc, "updates", done[0]),
            "missing-completion",
            "Tiến độ đạt 100% nhưng chưa ghi ngày hoàn thành.",
            "Thêm “completed: dd/mm/yyyy” (ngày hoàn thành thực tế).",
        )


def _span(periods: list[str]) -> str:
    """``2021 … 2030`` for a long list, the periods themselves for a short one."""
    return ", ".join(periods) if len(periods) <= 4 else f"{periods[0]} … {periods[-1]}"


def _vn(day: date) -> str:
    return day.strftime("%d/%m/%Y")
