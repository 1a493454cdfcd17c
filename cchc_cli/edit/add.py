"""`cchc add`: a new task, appended to its lead unit's task file with the next free id.

The unit's file is the one holding most of the tasks it leads, else ``tasks/<unit>.yaml``
(created when missing). The id continues the unit's own numbering (``VP-23`` after
``VP-22``, same width), or starts at the initials of the unit's code (``quan-ly-thuong-mai``
→ ``QLTM-01``) for a unit with no task yet; an id used anywhere in the repository is
skipped. Keys follow the order of the task written before, lists the file's own style, dates
its own format. See `cchc_cli.edit.change` for how the file is edited and checked.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, get_args

from yaml.nodes import MappingNode

from cchc_cli.checks.common import suggest
from cchc_cli.dataset import TASKS_DIR, Dataset
from cchc_cli.edit.change import AppendItem, Change, checked, edited, refuse_errors, same
from cchc_cli.edit.inputs import clean_text
from cchc_cli.edit.insert import iso_dates, layout_of, node_at, style_of
from cchc_cli.edit.yaml_out import Layout, Style, block_item, key_order
from cchc_cli.errors import CchcError, UsageError
from cchc_cli.models.base import TASK_ID_PATTERN
from cchc_cli.models.tasks import Recurrence
from cchc_cli.read import yaml_reader
from cchc_cli.read.source import Source, read_source
from cchc_cli.text_vi import dmy

TASK_KEYS = (
    "id",
    "title",
    "area",
    "lead",
    "support",
    "output",
    "start",
    "due",
    "recurrence",
    "objectives",
    "solutions",
    "indicators",
    "duties",
    "note",
)
LIST_KEYS = ("support", "objectives", "solutions", "indicators", "duties")
RECURRENCES: tuple[str, ...] = get_args(Recurrence)
SCHEMA_LINE = "# yaml-language-server: $schema=../../schemas/tasks.schema.json"
_NUMBERED = re.compile(r"^(.*?)(\d+)$")


@dataclass(frozen=True, slots=True)
class NewTask:
    """What `cchc add` is given. Lists hold codes; `output` is the expected product."""

    title: str
    area: str
    lead: str
    start: date
    due: date
    recurrence: str = "once"
    support: tuple[str, ...] = ()
    output: str | None = None
    objectives: tuple[str, ...] = ()
    solutions: tuple[str, ...] = ()
    indicators: tuple[str, ...] = ()
    duties: tuple[str, ...] = ()
    note: str | None = None
    id: str | None = None


def unit_codes(dataset: Dataset) -> list[str]:
    """The unit codes of units.yaml (or those the tasks use when it could not be read)."""
    return [u.code for u in dataset.units] or sorted({t.item.lead for t in dataset.tasks})


def area_codes(dataset: Dataset) -> list[str]:
    """The area codes of areas.yaml (or those the tasks use when it could not be read)."""
    return [a.code for a in dataset.areas] or sorted({t.item.area for t in dataset.tasks})


def check_code(code: str, valid: list[str], field: str, kind: str) -> str:
    """`code` stripped, or `UsageError` naming the valid codes."""
    code = code.strip()
    if code not in valid:
        raise UsageError(f"Không có {kind} mã “{code}”.", suggest(code, valid), field=field)
    return code


def add_task(dataset: Dataset, new: NewTask) -> Change:
    """The change that adds `new`, checked against the whole repository.

    `UsageError` (with its `field`) for a value that cannot be used; `ChangeRefusedError`
    with the located problems when the task would make the data invalid.
    """
    lead = check_code(new.lead, unit_codes(dataset), "lead", "đơn vị")
    area = check_code(new.area, area_codes(dataset), "area", "lĩnh vực")
    if new.recurrence not in RECURRENCES:
        raise UsageError(
            f"Kiểu lặp lại “{new.recurrence}” không hợp lệ.",
            "Chọn một trong: " + ", ".join(RECURRENCES) + ".",
            field="recurrence",
        )
    task_id = _id(dataset, new.id, lead)
    values: dict[str, Any] = {
        "id": task_id,
        "title": clean_text(new.title, "title"),
        "area": area,
        "lead": lead,
        "start": new.start,
        "due": new.due,
        "recurrence": new.recurrence,
    }
    if new.output is not None:
        values["output"] = clean_text(new.output, "product")
    if new.note is not None:
        values["note"] = clean_text(new.note, "note")
    for key in LIST_KEYS:
        codes = [c.strip() for c in getattr(new, key) if c.strip()]
        if codes:
            values[key] = list(dict.fromkeys(codes))
    path = _file_for(dataset, lead)
    shown = dataset.display(path)
    if shown in dataset.files:
        source = read_source(path, shown, dataset.limits)
        after = _appended(source, values)
        before: bytes | None = source.raw
    else:
        after = _new_file(dataset, lead, values)
        before = None
    repository, added = checked(dataset, {path: after})
    warnings = refuse_errors(added)
    if not any(t.item.id == task_id and t.path == shown for t in repository.tasks):
        raise CchcError(
            "Không kiểm tra được thay đổi trước khi ghi; chưa ghi gì.",
            "Chạy “cchc validate”, sửa lỗi (nếu có) rồi chạy lại lệnh.",
        )
    return Change(path, shown, before, after, f"Đã thêm nhiệm vụ {task_id} vào {shown}.", warnings)


def next_id(dataset: Dataset, unit: str) -> str:
    """The next free id in `unit`'s numbering (see the module docstring)."""
    taken = {t.item.id for t in dataset.tasks} | {
        str(t.item["id"]) for t in dataset.rejected_tasks if "id" in t.item
    }
    mine = [t.item.id for t in dataset.tasks if t.item.lead == unit] + [
        str(t.item["id"])
        for t in dataset.rejected_tasks
        if t.item.get("lead") == unit and "id" in t.item
    ]
    numbered = [m.groups() for i in mine if (m := _NUMBERED.match(i))]
    if numbered:
        prefix = Counter(p for p, _ in numbered).most_common(1)[0][0]
        digits = [d for p, d in numbered if p == prefix]
        width, number = max(map(len, digits)), max(map(int, digits)) + 1
    else:
        prefix = "".join(part[0] for part in unit.split("-") if part).upper() + "-"
        width, number = 2, 1
    while f"{prefix}{number:0{width}d}" in taken:
        number += 1
    return f"{prefix}{number:0{width}d}"


def _id(dataset: Dataset, given: str | None, lead: str) -> str:
    if given is None:
        return next_id(dataset, lead)
    task_id = given.strip()
    if not re.match(TASK_ID_PATTERN, task_id):
        raise UsageError(
            f"Mã nhiệm vụ “{task_id}” không hợp lệ.",
            "Mã gồm chữ không dấu, số và các dấu “-”, “.”, “_”, ví dụ VP-24.",
            field="id",
        )
    used = [t.path for t in dataset.tasks if t.item.id == task_id]
    used += [t.path for t in dataset.rejected_tasks if t.item.get("id") == task_id]
    if used:
        raise UsageError(
            f"Mã nhiệm vụ “{task_id}” đã dùng ở {used[0]}.",
            f"Bỏ tuỳ chọn này để lấy mã tiếp theo ({next_id(dataset, lead)}).",
            field="id",
        )
    return task_id


def _file_for(dataset: Dataset, unit: str) -> Path:
    led = Counter(t.path for t in dataset.tasks if t.item.lead == unit)
    if led:
        return dataset.files[led.most_common(1)[0][0]]
    folder = dataset.data_dir / TASKS_DIR
    for suffix in (".yaml", ".yml"):
        if dataset.display(folder / f"{unit}{suffix}") in dataset.files:
            return folder / f"{unit}{suffix}"
    return folder / f"{unit}.yaml"


def _task_values(values: dict[str, Any], like: MappingNode | None, iso: bool) -> dict[str, Any]:
    """`values` in the key order of the task `like` (then ours), dates in the file's style."""
    written = [k.value for k, _ in like.value] if like is not None else []
    order = key_order(written, TASK_KEYS)
    dated = {
        key: (value if iso else dmy(value)) if isinstance(value, date) else value
        for key, value in values.items()
    }
    return {key: dated[key] for key in order if key in dated}


def _style(style: Style) -> Style:
    """Block lists where the file writes them so, flow lists (``[a, b]``) elsewhere."""
    return Style(frozenset(LIST_KEYS) - style.block_lists, style.flow_items, style.block_lists)


def _appended(source: Source, values: dict[str, Any]) -> bytes:
    if any(p.is_error for p in source.problems):
        raise CchcError(
            f"Tệp “{source.shown}” đang có lỗi; chưa ghi gì.",
            "Chạy “cchc validate”, sửa lỗi rồi chạy lại lệnh.",
        )
    if source.data is None:  # a file holding only comments: the list starts here
        return _started(source, values)
    tasks = source.data.get("tasks") if isinstance(source.data, dict) else None
    if not isinstance(tasks, list):
        raise CchcError(
            f"Tệp “{source.shown}” không có danh sách “tasks:”; chưa ghi gì.",
            "Sửa tệp theo mẫu (docs/them-nhiem-vu.md) rồi chạy lại lệnh.",
        )
    like = node_at(source.tree, ("tasks", len(tasks) - 1)) if tasks else None
    task = _task_values(
        values, like if isinstance(like, MappingNode) else None, iso_dates(source.tree)
    )
    style = style_of(source.tree)
    return edited(source, [AppendItem(("tasks",), task)], style=_style(style))


def _started(source: Source, values: dict[str, Any]) -> bytes:
    layout = layout_of(source.text, None)
    text = source.text
    if text and not text.endswith(("\n", "\r")):
        text += layout.newline
    task = _task_values(values, None, iso=False)
    text += _task_list(task, layout, _style(Style()))
    _proved(text, source.shown, task)
    return source.with_text(text)


def _proved(text: str, shown: str, task: dict[str, Any]) -> None:
    """`text` must read back as a list holding exactly `task`."""
    data, _ = yaml_reader.parse(text, shown)
    if not same(data, {"tasks": [task]}):
        raise CchcError(f"Không thêm được nhiệm vụ vào “{shown}”.", "Hãy thêm bằng tay.")


def _task_list(task: dict[str, Any], layout: Layout, style: Style) -> str:
    lines = ["tasks:", *block_item(task, 2, 4, layout=layout, style=style, key="tasks")]
    return "".join(line + layout.newline for line in lines)


def _new_file(dataset: Dataset, unit: str, values: dict[str, Any]) -> bytes:
    names = {u.code: u.name for u in dataset.units}
    name = " ".join(names.get(unit, unit).split())  # a comment is one line
    header = [SCHEMA_LINE, f"# Nhiệm vụ do {name} chủ trì."]
    task = _task_values(values, None, iso=False)
    text = "\n".join(header) + "\n" + _task_list(task, Layout(), _style(Style()))
    _proved(text, dataset.display(_file_for(dataset, unit)), task)
    return text.encode("utf-8")
