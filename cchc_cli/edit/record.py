"""`cchc update` and `cchc done`: one progress update, or a completion, added to a task.

The task is found in whichever file holds it, and for a yearly or quarterly task the
occurrence by its period. The update goes at the end of the right ``updates:`` list (the
list, the occurrence entry or ``occurrences:`` itself are added when missing), and
``completed:`` at the end of the task or occurrence entry; see `cchc_cli.edit.change` for
how the file is edited and checked.

Refused before anything is edited: an unknown task, a period that is missing, wrong or
not wanted, an occurrence already completed, a date before the latest update of the same
occurrence, and a date after today unless `force` is given. The whole-repository check then
refuses what the data rules refuse (percent going down, 100 % without completion…).
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from datetime import date
from typing import Any

from yaml.nodes import MappingNode

from cchc_cli.dataset import TASKS_DIR, Dataset, Located
from cchc_cli.edit.change import (
    AppendItem,
    Change,
    Operation,
    SetKey,
    checked,
    edited,
    refuse_errors,
)
from cchc_cli.edit.inputs import clean_text
from cchc_cli.edit.insert import iso_dates, node_at
from cchc_cli.edit.yaml_out import key_order
from cchc_cli.engine.progress import Occurrence, occurrences
from cchc_cli.errors import CchcError, Loc, SwitchError, UsageError
from cchc_cli.models.tasks import Task
from cchc_cli.read.source import Source, read_source
from cchc_cli.text_vi import dmy

UPDATE_KEYS = ("date", "percent", "note", "evidence", "result")
RECURRING = ("yearly", "quarterly")


class FutureDateError(SwitchError):
    """A date after today, written without the switch that allows it."""

    action = "ghi ngày sau hôm nay"


@dataclass(frozen=True, slots=True)
class Progress:
    """What `cchc update` (a percent) or `cchc done` (`done`, 100 %) records."""

    task: str
    day: date
    percent: int = 100
    done: bool = False
    period: str | None = None
    note: str | None = None
    evidence: str | None = None
    result: str | None = None


def record(dataset: Dataset, progress: Progress, *, today: date, force: bool = False) -> Change:
    """The change that records `progress`, checked against the whole repository.

    `CchcError` (with its `field` for a value the user gave) when it cannot be recorded;
    `ChangeRefusedError` with the located problems when it would make the data invalid.
    """
    texts = {
        name: clean_text(value, name)
        for name in ("note", "evidence", "result")
        if (value := getattr(progress, name)) is not None
    }
    if not 0 <= progress.percent <= 100:
        raise UsageError(
            f"Tiến độ {progress.percent}% không hợp lệ.", "Ghi từ 0 đến 100.", field="percent"
        )
    if progress.day > today and not force:
        raise FutureDateError(
            f"Ngày {dmy(progress.day)} sau hôm nay ({dmy(today)}).",
            "sửa lại ngày",
            field="force",
        )
    located = find_task(dataset, progress.task)
    task = located.item
    occurrence = _occurrence(task, progress)
    what = _what(task, occurrence)
    if occurrence.completed is not None:
        raise CchcError(
            f"{what[0].upper()}{what[1:]} đã ghi hoàn thành ngày {dmy(occurrence.completed)}.",
            "Muốn sửa thì sửa trực tiếp trong tệp dữ liệu.",
        )
    source = _source(dataset, located)
    raw_task = source.data["tasks"][located.loc[-1]]
    task_loc: Loc = (*located.loc,)
    place = _place(raw_task, task_loc, occurrence)
    _not_before_latest(progress.day, occurrence, source, place)
    day_value: Any = (
        progress.day
        if iso_dates(source.tree, node_at(source.tree, task_loc))
        else dmy(progress.day)
    )
    entry: dict[str, Any] = {"date": day_value, "percent": progress.percent, **texts}
    entry = _ordered(entry, source, place)
    only_completion = (
        progress.done and not texts and any(u.percent == 100 for u in occurrence.updates)
    )
    operations = _operations(
        place,
        entry,
        day_value=day_value,
        done=progress.done,
        only_completion=only_completion,
        occurrence=occurrence,
    )
    after_bytes = edited(source, operations)
    after, added = checked(dataset, {source.path: after_bytes})
    warnings = refuse_errors(added)
    count = len(occurrence.updates) + (not only_completion)
    _confirm(after, task.id, occurrence.period, count, progress.done)
    if progress.done:
        summary = f"Đã ghi hoàn thành {what} ngày {dmy(progress.day)}"
    else:
        summary = f"Đã ghi tiến độ {progress.percent}% ngày {dmy(progress.day)} cho {what}"
    return Change(
        source.path,
        source.shown,
        source.raw,
        after_bytes,
        f"{summary} vào {source.shown}.",
        warnings,
    )


def find_task(dataset: Dataset, task_id: str) -> Located[Task]:
    """The one valid task with id `task_id`; `CchcError` otherwise, with a suggestion."""
    task_id = task_id.strip()
    found = [t for t in dataset.tasks if t.item.id == task_id]
    if len(found) == 1:
        return found[0]
    if found:
        places = ", ".join(t.path for t in found)
        raise CchcError(
            f"Mã nhiệm vụ “{task_id}” bị trùng ({places}).", "Sửa mã trùng trước (cchc validate)."
        )
    rejected = [t for t in dataset.rejected_tasks if t.item.get("id") == task_id]
    if rejected:
        raise CchcError(
            f"Nhiệm vụ “{task_id}” trong “{rejected[0].path}” đang có lỗi.",
            "Sửa lỗi của nhiệm vụ trước; “cchc validate” cho biết lỗi ở đâu.",
        )
    ids = [t.item.id for t in dataset.tasks]
    same_case = [i for i in ids if i.casefold() == task_id.casefold()]
    close = same_case or difflib.get_close_matches(task_id, ids, n=1)
    hint = f"Có phải ý bạn là “{close[0]}”?" if close else "Xem mã nhiệm vụ trong data/tasks/."
    folder = dataset.shown(TASKS_DIR) + "/"
    read = {t.path for t in dataset.tasks} | {t.path for t in dataset.rejected_tasks}
    unread = sorted(
        {p.path for p in dataset.problems if p.is_error and p.path.startswith(folder)} - read
    )
    if unread:  # the task may be in a file that could not be read
        hint += f" Tệp chưa đọc được vì có lỗi: {', '.join(unread)} (xem “cchc validate”)."
    raise CchcError(f"Không có nhiệm vụ mã “{task_id}”.", hint)


def period_key(text: str) -> str:
    """A period as the data model keeps it: ``2024``, ``2024-Q1``."""
    return text.strip().upper()


def _occurrence(task: Task, progress: Progress) -> Occurrence:
    found = occurrences(task)
    if task.recurrence not in RECURRING:
        if progress.period is not None:
            raise UsageError(
                f"Nhiệm vụ {task.id} không chia kỳ (nhiệm vụ "
                f"{'thường xuyên' if task.recurrence == 'ongoing' else 'một lần'}).",
                "Bỏ kỳ đi.",
                field="period",
            )
        return found[0]
    kind = "hằng năm" if task.recurrence == "yearly" else "hằng quý"
    hint = _periods_hint(found, progress.day, task)
    if progress.period is None:
        raise UsageError(
            f"Nhiệm vụ {task.id} là nhiệm vụ {kind}: cần ghi kỳ.", hint, field="period"
        )
    key = period_key(progress.period)
    for occurrence in found:
        if occurrence.period == key:
            return occurrence
    raise UsageError(f"Nhiệm vụ {task.id} không có kỳ “{progress.period}”.", hint, field="period")


def _periods_hint(found: list[Occurrence], day: date, task: Task) -> str:
    periods = [o.period for o in found if o.period is not None]
    listed = ", ".join(periods) if len(periods) <= 10 else f"{periods[0]} … {periods[-1]}"
    guess = str(day.year) if task.recurrence == "yearly" else f"{day.year}-Q{(day.month + 2) // 3}"
    text = f"Các kỳ: {listed}."
    if guess in periods:
        text += f" Ngày {dmy(day)} thuộc kỳ {guess}."
    return text


def _what(task: Task, occurrence: Occurrence) -> str:
    return f"nhiệm vụ {task.id}" + (f" (kỳ {occurrence.period})" if occurrence.period else "")


def _source(dataset: Dataset, located: Located[Task]) -> Source:
    file = dataset.files[located.path]
    source = read_source(file, located.path, dataset.limits)
    raw = source.data.get("tasks") if isinstance(source.data, dict) else None
    index = located.loc[-1]
    if (
        source.tree is None
        or any(p.is_error for p in source.problems)
        or not isinstance(raw, list)
        or not isinstance(index, int)
        or index >= len(raw)
        or not isinstance(raw[index], dict)
        or raw[index].get("id") != located.item.id
    ):
        raise CchcError(
            f"Tệp “{located.path}” vừa thay đổi hoặc có lỗi; chưa ghi gì.",
            "Chạy “cchc validate”, sửa lỗi (nếu có) rồi chạy lại lệnh.",
        )
    return source


@dataclass(frozen=True, slots=True)
class _Place:
    """Where the occurrence's records are: the mapping holding ``updates`` and
    ``completed`` (None: a new ``occurrences`` entry is needed) and its raw updates."""

    mapping: Loc | None
    occurrences: Loc
    updates: list[Any]


def _place(raw_task: dict[str, Any], task_loc: Loc, occurrence: Occurrence) -> _Place:
    entries_loc: Loc = (*task_loc, "occurrences")
    if occurrence.period is None:
        return _Place(task_loc, entries_loc, _list(raw_task.get("updates")))
    for index, entry in enumerate(_list(raw_task.get("occurrences"))):
        if isinstance(entry, dict) and period_key(str(entry.get("period"))) == occurrence.period:
            return _Place((*entries_loc, index), entries_loc, _list(entry.get("updates")))
    return _Place(None, entries_loc, [])


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _not_before_latest(day: date, occurrence: Occurrence, source: Source, place: _Place) -> None:
    if not occurrence.updates:
        return
    latest = max(range(len(occurrence.updates)), key=lambda i: occurrence.updates[i].date)
    last = occurrence.updates[latest].date
    if day >= last or place.mapping is None:
        return
    node = node_at(source.tree, (*place.mapping, "updates", latest, "date"))
    where = source.shown
    if node is not None:
        where += f":{node.start_mark.line + 1}:{node.start_mark.column + 1}"
    raise CchcError(
        f"Ngày {dmy(day)} trước lần cập nhật gần nhất ({dmy(last)}, {where}).",
        "Cập nhật mới ghi sau các cập nhật đã có. Muốn bổ sung một cập nhật cũ thì sửa trực "
        "tiếp trong tệp dữ liệu.",
    )


def _ordered(entry: dict[str, Any], source: Source, place: _Place) -> dict[str, Any]:
    """`entry` with its keys in the order of the update written before it (if any)."""
    written: list[str] = []
    if place.mapping is not None and place.updates:
        like = node_at(source.tree, (*place.mapping, "updates", len(place.updates) - 1))
        if isinstance(like, MappingNode):
            written = [k.value for k, _ in like.value]
    order = key_order(written, UPDATE_KEYS)
    return {key: entry[key] for key in order if key in entry}


def _operations(
    place: _Place,
    entry: dict[str, Any],
    *,
    day_value: Any,
    done: bool,
    only_completion: bool,
    occurrence: Occurrence,
) -> list[Operation]:
    if place.mapping is None:  # a new occurrences entry
        period: Any = occurrence.period or ""
        new: dict[str, Any] = {"period": int(period) if period.isdigit() else period}
        new["updates"] = [entry]
        if done:
            new["completed"] = day_value
        return [AppendItem(place.occurrences, new)]
    operations: list[Operation] = []
    if not only_completion:
        operations.append(AppendItem((*place.mapping, "updates"), entry))
    if done:
        operations.append(SetKey(place.mapping, "completed", day_value))
    return operations


def _confirm(after: Dataset, task_id: str, period: str | None, updates: int, done: bool) -> None:
    """The repository read with the change must hold it (the change was really read)."""
    for located in after.tasks:
        if located.item.id != task_id:
            continue
        for occurrence in occurrences(located.item):
            if (
                occurrence.period == period
                and len(occurrence.updates) == updates
                and (occurrence.completed is not None) == done
            ):
                return
    raise CchcError(
        "Không kiểm tra được thay đổi trước khi ghi; chưa ghi gì.",
        "Chạy “cchc validate”, sửa lỗi (nếu có) rồi chạy lại lệnh.",
    )
