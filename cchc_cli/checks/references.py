"""Ids and references: unique codes and task ids, and every code a task or the plan uses."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from cchc_cli.checks.common import at, repeats, suggest
from cchc_cli.dataset import (
    AREAS_FILE,
    INDICATORS_DIR,
    PLAN_FILE,
    UNITS_FILE,
    Dataset,
    Located,
)
from cchc_cli.errors import Loc, Problem
from cchc_cli.models.tasks import Task


def reference_problems(dataset: Dataset) -> Iterator[Problem]:
    """Repeated codes and ids, and references to codes that are not declared."""
    yield from _unique_codes(dataset)
    yield from _task_ids(dataset)
    yield from _references(dataset)


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
                yield at(
                    dataset.display(dataset.data_dir / path),
                    (key, i, "code" if key in {"areas", "units"} else "id"),
                    "duplicate-id",
                    f"Mã “{code}” bị trùng.",
                    "Mỗi mã chỉ dùng một lần.",
                )
            seen.add(code)
    if dataset.plan is not None:
        numbers: dict[int, int] = {}
        for i, solution in enumerate(dataset.plan.solutions):
            if solution.number in numbers:
                yield at(
                    dataset.display(dataset.data_dir / PLAN_FILE),
                    ("solutions", i, "number"),
                    "duplicate-id",
                    f"Số thứ tự giải pháp {solution.number} bị trùng (đã dùng cho giải pháp "
                    f"“{dataset.plan.solutions[numbers[solution.number]].id}”).",
                    "Mỗi giải pháp một số thứ tự, như trong kế hoạch.",
                )
            numbers.setdefault(solution.number, i)
    for ind, other in repeats(dataset.indicators, lambda i: i.id):  # unique across files
        yield at(
            ind.path,
            (*ind.loc, "id"),
            "duplicate-id",
            f"Mã chỉ số “{ind.item.id}” bị trùng.",
            f"Đã dùng ở {other.path}.",
        )


def _task_ids(dataset: Dataset) -> Iterator[Problem]:
    ids = [Located(t.item.id, t.path, t.loc) for t in dataset.tasks]
    ids += [
        Located(t.item["id"], t.path, t.loc)
        for t in dataset.rejected_tasks
        if isinstance(t.item.get("id"), str)
    ]
    ids.sort(key=lambda t: (t.path, t.loc[-1]))
    for task, other in repeats(ids, lambda i: i):
        yield at(
            task.path,
            (*task.loc, "id"),
            "duplicate-id",
            f"Mã nhiệm vụ “{task.item}” bị trùng.",
            f"Mã này đã dùng ở {other.path} (mục {other.loc[-1]}); hãy đặt mã khác.",
        )
    # VP-01 and vp-01 are one id to a person, to Excel and to Windows file names.
    first_of: dict[str, Located[str]] = {}  # each exact id at its first place, in order
    for written in ids:
        first_of.setdefault(written.item, written)
    for task, other in repeats(first_of.values(), lambda i: i.casefold()):
        yield at(
            task.path,
            (*task.loc, "id"),
            "duplicate-id",
            f"Mã nhiệm vụ “{task.item}” chỉ khác mã “{other.item}” ở chữ hoa, chữ thường.",
            f"Mã “{other.item}” đã dùng ở {other.path} (mục {other.loc[-1]}); hãy đặt mã khác.",
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
    indicators = {i.item.id for i in dataset.indicators} | dataset.broken_indicators
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

    def declared(task: Task) -> bool:
        """Every code of `task` is declared: nothing to report, so the walk below is skipped
        (two thirds of this check's time at 10 000 tasks). It must test every key of
        `_REFERENCE_KEYS`: tests/test_checks.py puts an unknown code in each."""
        return (
            task.area in areas
            and task.lead in units
            and units.issuperset(task.support)
            and objectives.issuperset(task.objectives)
            and solutions.issuperset(task.solutions)
            and indicators.issuperset(task.indicators)
            and duties.issuperset(task.duties)
        )

    written: list[tuple[str, Loc, Mapping[str, Any]]] = [
        (t.path, t.loc, {key: getattr(t.item, key) for key in _REFERENCE_KEYS})
        for t in dataset.tasks
        if not declared(t.item)
    ]
    written += [(t.path, t.loc, t.item) for t in dataset.rejected_tasks]
    for path, task_loc, fields in written:
        for key, index, code in _refs_of(fields):
            label, valid, where = kinds[key]
            if loaded[key] and code not in valid:
                loc = (*task_loc, key) if index is None else (*task_loc, key, index)
                yield at(
                    path,
                    loc,
                    "unknown-ref",
                    f"Không có {label} mã “{code}” (khai báo ở {where}).",
                    suggest(code, valid),
                )
    if plan is not None:
        plan_path = dataset.display(dataset.data_dir / PLAN_FILE)
        if areas and plan.direction_area not in areas:
            yield at(
                plan_path,
                ("direction_area",),
                "unknown-ref",
                f"Không có lĩnh vực mã “{plan.direction_area}” (khai báo ở {kinds['area'][2]}).",
                suggest(plan.direction_area, areas),
            )
        for i, objective in enumerate(plan.objectives.specific):
            for j, code in enumerate(objective.indicators):
                if code not in indicators:
                    yield at(
                        plan_path,
                        ("objectives", "specific", i, "indicators", j),
                        "unknown-ref",
                        f"Không có chỉ số mã “{code}” (khai báo ở {kinds['indicators'][2]}).",
                        suggest(code, indicators),
                    )
        for i, duty in enumerate(plan.duties):
            for j, code in enumerate(duty.units):
                if loaded["lead"] and code not in units:
                    yield at(
                        plan_path,
                        ("duties", i, "units", j),
                        "unknown-ref",
                        f"Không có đơn vị mã “{code}” (khai báo ở {kinds['lead'][2]}).",
                        suggest(code, units),
                    )
