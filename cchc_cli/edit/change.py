"""A change to one data file: made by insertions only, proved, checked, then written.

`edited` turns data-level operations (append an item to a list, add a key) into text
inserted into the file, then proves the result: the new text must read back as exactly the
old data plus the additions, value for value and type for type. `checked` loads the whole
repository with the change in memory and refuses it when it adds a problem. Only then does
`write` touch the disk, atomically, and only if the file is still as it was read.
"""

from __future__ import annotations

import copy
import difflib
import math
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cchc_cli.checks import check
from cchc_cli.dataset import Dataset
from cchc_cli.edit.insert import (
    Insertion,
    PlacementError,
    add_key,
    append_item,
    apply,
    layout_of,
    node_at,
    style_of,
)
from cchc_cli.edit.yaml_out import Style
from cchc_cli.errors import CchcError, Loc, Problem
from cchc_cli.output.lock import held
from cchc_cli.output.write import signals_end_cleanly, write_atomic
from cchc_cli.read import yaml_reader
from cchc_cli.read.loader import load_checked
from cchc_cli.read.overlay import overlaid
from cchc_cli.read.source import Source, current_bytes


@dataclass(frozen=True, slots=True)
class AppendItem:
    """Append `item` to the list at `path` (its key is added when missing)."""

    path: Loc
    item: Any


@dataclass(frozen=True, slots=True)
class SetKey:
    """Add `key: value` to the mapping at `path` (the key must not be there yet)."""

    path: Loc
    key: str
    value: Any


Operation = AppendItem | SetKey


class ChangeRefusedError(CchcError):
    """The change would add these problems to the repository; nothing was written."""

    def __init__(self, message: str, problems: list[Problem], hint: str = "") -> None:
        super().__init__(message, hint)
        self.problems = problems


@dataclass(frozen=True)
class Change:
    """New bytes for one file (`before` is None for a file that does not exist yet)."""

    path: Path
    shown: str
    before: bytes | None
    after: bytes
    summary: str
    warnings: list[Problem] = field(default_factory=list)

    def diff(self) -> str:
        """A unified diff of the change, as `git diff` would show it (LF line ends)."""
        old = _lines(self.before) if self.before is not None else []
        new = _lines(self.after)
        source = f"a/{self.shown}" if self.before is not None else "/dev/null"
        return "".join(
            difflib.unified_diff(old, new, source, f"b/{self.shown}", lineterm="\n", n=2)
        )


def _lines(raw: bytes) -> list[str]:
    text = raw.decode("utf-8").removeprefix("\ufeff")
    return [line.rstrip("\r\n") + "\n" for line in text.splitlines(keepends=True)]


def edited(source: Source, operations: Sequence[Operation], *, style: Style | None = None) -> bytes:
    """The file's bytes with `operations` made by insertion; `CchcError` when that cannot
    be done without touching anything else. `style` overrides the file's own list styles."""
    layout = layout_of(source.text, source.tree)
    style = style or style_of(source.tree)
    insertions: list[Insertion] = []
    try:
        for op in operations:
            if isinstance(op, AppendItem):
                insertions.append(
                    append_item(
                        source.text, source.tree, op.path, op.item, layout=layout, style=style
                    )
                )
            else:
                mapping = node_at(source.tree, op.path)
                insertions.append(
                    add_key(source.text, mapping, op.key, op.value, layout=layout, style=style)
                )
    except PlacementError as exc:
        raise _cannot(source) from exc
    text = apply(source.text, insertions)
    data, _ = yaml_reader.parse(text, source.shown)
    if not same(data, expected(source.data, operations)):
        raise _cannot(source)
    return source.with_text(text)


def _cannot(source: Source) -> CchcError:
    return CchcError(
        f"Không thêm được vào “{source.shown}” mà giữ nguyên phần còn lại của tệp.",
        "Tệp có cách viết mà lệnh này chưa xử lý được: hãy thêm bằng tay "
        "(xem docs/ghi-tien-do.md).",
    )


def expected(data: Any, operations: Sequence[Operation]) -> Any:
    """`data` with `operations` made, as the reader should read the edited file. `data`
    itself is left alone: the containers on each operation's path are copied."""
    result = copy.copy(data)
    for op in operations:
        item = copy.deepcopy(op.item if isinstance(op, AppendItem) else op.value)
        if isinstance(op, AppendItem) and not op.path:
            result.append(item)
            continue
        target = op.path if isinstance(op, SetKey) else op.path[:-1]
        parent = result
        for step in target:
            parent[step] = copy.copy(parent[step])
            parent = parent[step]
        if isinstance(op, SetKey):
            parent[op.key] = item
        elif isinstance(parent, dict) and op.path[-1] not in parent:
            parent[op.path[-1]] = [item]
        else:
            parent[op.path[-1]] = [*parent[op.path[-1]], item]
    return result


def same(a: Any, b: Any) -> bool:
    """Equal and of the same types all the way down (``1 == 1.0 == True`` is not enough)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, float) and math.isnan(a):  # NaN equals nothing, itself included
        return math.isnan(b)
    return bool(a == b)


def checked(dataset: Dataset, files: Mapping[Path, bytes]) -> tuple[Dataset, list[Problem]]:
    """The repository loaded and checked with `files` in place of the disk, and the problems
    it has that `dataset` (the repository as it is) does not. Lines move with an insertion,
    so problems are matched by file, code and message."""
    with overlaid(files):
        after = load_checked(dataset.data_dir, check, dataset.limits)
    before = Counter((p.path, p.code, p.message, p.level) for p in dataset.problems)
    added = []
    for problem in after.problems:
        key = (problem.path, problem.code, problem.message, problem.level)
        if before[key]:
            before[key] -= 1
        else:
            added.append(problem)
    return after, added


def refuse_errors(added: list[Problem]) -> list[Problem]:
    """`ChangeRefusedError` when `added` holds an error; the warnings otherwise."""
    errors = [p for p in added if p.is_error]
    if errors:
        raise ChangeRefusedError(
            "Không ghi: thay đổi này làm dữ liệu có lỗi (số dòng ở trên là của tệp sau khi "
            "thay đổi).",
            errors,
            "Sửa các giá trị đã nhập rồi chạy lại lệnh; tệp dữ liệu chưa bị thay đổi.",
        )
    return added


def write(change: Change) -> None:
    """Write `change` atomically, unless its file changed since it was read."""
    if change.before is None:
        write_atomic(change.path, change.after, force=False, parents=True)
        return
    # No other run between the check and the write; a termination signal unwinds, so the
    # lock is removed.
    with signals_end_cleanly(), held(change.path, change.shown):
        if current_bytes(change.path) != change.before:
            raise CchcError(
                f"Tệp “{change.shown}” vừa được sửa ở nơi khác; chưa ghi gì.",
                "Lưu tệp đang mở (nếu có) rồi chạy lại lệnh.",
            )
        write_atomic(change.path, change.after, force=True)
