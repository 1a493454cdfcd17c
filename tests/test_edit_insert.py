"""The minimal-diff property of `cchc_cli.edit`: over every YAML file we know
(tests/yaml_corpus.py), an addition anywhere leaves the file reading as exactly the old data
plus the addition, and every byte outside the inserted text as it was; in block style,
`git diff` shows added lines only."""

from __future__ import annotations

import difflib
import unicodedata
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from yaml.nodes import MappingNode, Node, SequenceNode

from cchc_cli.edit.change import AppendItem, Operation, SetKey, edited, expected, same
from cchc_cli.edit.inputs import clean_text
from cchc_cli.edit.insert import node_at
from cchc_cli.edit.yaml_out import flow, key_order, quoted, scalar
from cchc_cli.errors import Loc, UsageError
from cchc_cli.read import yaml_reader
from cchc_cli.read.source import Source, source_of
from tests.yaml_corpus import LAYOUTS, corpus

VALUES: tuple[Any, ...] = (
    "Báo cáo số 45/BC-SCT ngày 15/06/2024",
    {"date": "15/06/2024", "percent": 60, "note": "Đã họp # lần 2", "evidence": "No"},
    7,
    ["thanh-tra", "a: b"],
    date(2024, 6, 15),
    [{"period": 2024, "updates": [{"date": date(2024, 2, 1), "percent": 5}]}],
    "=1+1, [x]",
)
MAX_PLACES = 100


def _editable(name: str) -> Source | None:
    source = source_of(Path(name), name, corpus()[name])
    if source.tree is None or any(p.is_error for p in source.problems):
        return None
    return source


EDITABLE = [name for name in corpus() if _editable(name) is not None]


def _paths(node: Node, path: Loc = ()) -> list[tuple[Loc, Node]]:
    found: list[tuple[Loc, Node]] = []
    if isinstance(node, MappingNode):
        found.append((path, node))
        for key, value in node.value:
            found += _paths(value, (*path, key.value))
    elif isinstance(node, SequenceNode):
        found.append((path, node))
        for index, value in enumerate(node.value):
            found += _paths(value, (*path, index))
    return found


def _one_block_inserted(old: bytes, new: bytes) -> bool:
    """`new` is `old` with one run of bytes inserted somewhere."""
    if len(new) <= len(old):
        return False
    at = next((i for i, (a, b) in enumerate(zip(old, new, strict=False)) if a != b), len(old))
    return new[:at] == old[:at] and new[len(new) - (len(old) - at) :] == old[at:]


def _only_added_lines(old: bytes, new: bytes) -> bool:
    """What `git diff` would show holds added lines only (a missing final line break, which
    git reports apart, is set aside)."""
    end = b"\r\n" if b"\r\n" in new else b"\n"
    a = (old if old.endswith(b"\n") else old + end).splitlines(keepends=True)
    b = (new if new.endswith(b"\n") else new + end).splitlines(keepends=True)
    codes = difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    return all(tag in ("equal", "insert") for tag, *_ in codes)


def _block_all_the_way(tree: Node, path: Loc) -> bool:
    node: Any = tree
    for step in (None, *path):
        if step is not None:
            node = (
                {k.value: v for k, v in node.value}[step]
                if isinstance(node, MappingNode)
                else node.value[step]
            )
        if getattr(node, "flow_style", False):
            return False
    return True


def test_the_corpus_holds_every_kind_of_file() -> None:
    names = set(EDITABLE)
    assert {"data/tasks/van-phong.yaml", "scaffold/data/tasks/van-phong.yaml"} <= names
    assert "tests/cases/valid/bom-crlf-nfd/data/tasks/van-phong.yaml" in names
    assert set(LAYOUTS) <= names
    assert len(names) >= 60


@pytest.mark.parametrize("name", EDITABLE)
def test_an_addition_anywhere_changes_nothing_else(name: str) -> None:
    source = _editable(name)
    assert source is not None and source.tree is not None
    places = _paths(source.tree)
    stride = max(1, len(places) // MAX_PLACES)  # the largest file: every n-th place
    for number, (path, node) in enumerate(places[::stride]):
        value = VALUES[number % len(VALUES)]
        op: Operation = (
            SetKey(path, "zz_new", value)
            if isinstance(node, MappingNode)
            else AppendItem(path, value)
        )
        after = edited(source, [op])  # raises unless the data read back is exactly right
        data, problems = yaml_reader.parse(after.removeprefix(source.bom).decode(), name)
        assert same(data, expected(source.data, [op])), (name, path)
        assert not any(p.is_error for p in problems)
        assert after.startswith(source.bom)
        assert _one_block_inserted(source.raw, after), (name, path)
        if _block_all_the_way(source.tree, path):
            assert _only_added_lines(source.raw, after), (name, path)
        if b"\r\n" in source.raw:
            assert after.count(b"\n") == after.count(b"\r\n"), (name, path)


def test_two_additions_at_one_place_keep_their_order() -> None:
    source = _editable("helpers/data/tasks/van-phong.yaml")
    assert source is not None
    ops: list[Operation] = [
        AppendItem(("tasks", 0, "updates"), {"date": "20/02/2024", "percent": 100}),
        SetKey(("tasks", 0), "note", "Xong"),
    ]
    after = edited(source, ops).decode()
    assert after.endswith("      - {date: 20/02/2024, percent: 100}\n    note: Xong\n"), after


def test_a_crlf_bom_file_keeps_its_bytes_except_the_added_lines() -> None:
    name = "tests/cases/valid/bom-crlf-nfd/data/tasks/van-phong.yaml"
    source = _editable(name)
    assert source is not None
    op = AppendItem(("tasks", 0, "updates"), {"date": "15/06/2024", "percent": 60})
    after = edited(source, [op])
    assert after.startswith(b"\xef\xbb\xbf")
    added = [
        line
        for line in difflib.ndiff(
            source.raw.decode().splitlines(True), after.decode().splitlines(True)
        )
        if line[0] in "+-"
    ]
    assert added == [
        "+     updates:\r\n",
        "+       - date: 15/06/2024\r\n",
        "+         percent: 60\r\n",
    ]


def test_a_flow_style_item_is_followed_in_flow_style() -> None:
    source = _editable("layouts/flow.yaml")
    assert source is not None
    op = AppendItem(("tasks", 0, "updates"), {"date": date(2024, 3, 1), "percent": 30})
    after = edited(source, [op]).decode()
    assert "updates: [{date: 2024-02-01, percent: 10}, {date: 2024-03-01, percent: 30}]}" in after
    op = AppendItem(("tasks", 2, "updates"), {"date": "01/03/2024", "percent": 30})
    assert "    updates: [{date: 01/03/2024, percent: 30}]\n" in edited(source, [op]).decode()


def test_comments_that_belong_to_the_last_entry_stay_with_it() -> None:
    source = _editable("layouts/indentless.yaml")
    assert source is not None
    op = AppendItem(("tasks",), {"id": "VP-02", "title": "Mới"})
    after = edited(source, [op]).decode()
    assert after.endswith(
        "  # ghi chú của cập nhật\n- id: VP-02\n  title: Mới\n# ghi chú cuối tệp\n"
    ), after


def test_a_blank_line_between_entries_is_kept_up() -> None:
    source = _editable("layouts/crlf-bom.yaml")
    assert source is not None
    after = edited(source, [AppendItem(("tasks",), {"id": "VP-03"})]).decode()
    assert after.endswith("    due: 31/12/2024\r\n\r\n  - id: VP-03\r\n")


# --- scalars -------------------------------------------------------------------------------

# What the write commands accept (`edit.inputs.clean_text` refuses control characters and
# line or paragraph separators, which the reader refuses too: `control-char`).
_TEXT = st.text(
    st.characters(exclude_categories=["Cs", "Cc", "Zl", "Zp"]) | st.just("\t"), min_size=1
).map(lambda s: unicodedata.normalize("NFC", s))


@given(_TEXT)
@example("No")
@example("50")
@example("2024-01-01")
@example("a: b")
@example("x #y")
@example("- item")
@example("=1+1")
@example("\ufefftext")
@example("tab\there")
@example(" leading space")
@example("null")
@example("~")
@example("1e3")
def test_every_text_reads_back_as_itself(text: str) -> None:
    for document, wanted in (
        (f"k: {scalar(text)}\n", {"k": text}),
        (f"[{scalar(text, flow=True)}]\n", [text]),
        (f"k: {quoted(text)}\n", {"k": text}),
        (f"- {flow({'k': text})}\n", [{"k": text}]),
    ):
        data, problems = yaml_reader.parse(document, "")
        assert not any(p.is_error for p in problems), (document, problems)
        assert same(data, wanted), document


@pytest.mark.parametrize("text", ["ờ\u2028ơ", "a\u0085b", "x\x1b[2Jy", "dòng\nmới"])
def test_text_the_reader_would_refuse_is_refused_before_writing(text: str) -> None:
    with pytest.raises(UsageError) as caught:
        clean_text(text, "note")
    assert caught.value.field == "note"
    _, problems = yaml_reader.parse(f"k: {quoted(text)}\n", "")
    assert "\n" in text or [p.code for p in problems] == ["control-char"]


def test_plain_when_that_reads_back_quoted_otherwise() -> None:
    assert scalar("Báo cáo số 45/BC-SCT ngày 15/06/2024") == "Báo cáo số 45/BC-SCT ngày 15/06/2024"
    assert scalar("No") == "No"  # the YAML 1.2 core schema: a word, not false
    assert scalar("true") == '"true"'
    assert scalar("50") == '"50"'
    assert scalar("Hạn: quý III") == '"Hạn: quý III"'
    assert scalar("a, b", flow=True) == '"a, b"'
    assert scalar("a, b") == "a, b"
    assert scalar(date(2024, 6, 5)) == "2024-06-05"
    assert scalar(60) == "60"


_KEYS = ("id", "title", "area", "lead", "start", "due", "note")


@given(st.lists(st.sampled_from(_KEYS), unique=True))
@example(["percent", "date"])
def test_key_order_keeps_the_written_order_and_the_canonical_one_around_it(
    written: list[str],
) -> None:
    order = key_order(written, _KEYS)
    assert sorted(order) == sorted(_KEYS)
    kept = [key for key in written if key in _KEYS]
    assert [key for key in order if key in kept] == kept
    for key in _KEYS:
        if key not in kept:  # after every key that comes before it in the canonical order
            earlier = _KEYS[: _KEYS.index(key)]
            assert all(order.index(k) < order.index(key) for k in earlier if k in kept)


def test_key_order_of_an_update() -> None:
    canonical = ("date", "percent", "note", "evidence", "result")
    assert key_order(["percent", "date"], canonical) == [
        "percent",
        "date",
        "note",
        "evidence",
        "result",
    ]
    assert key_order([], canonical) == list(canonical)


# --- files written every way staff might write them ----------------------------------------


@st.composite
def task_files(draw: st.DrawFn) -> bytes:
    """A tasks file in a random layout: line ends, BOM, indentation, flow or block items,
    comments (inline, on their own line at any indentation), blank lines, no final break."""
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    offset = draw(st.sampled_from([0, 2, 4]))
    gap = draw(st.sampled_from([2, 4]))
    lines = [draw(st.sampled_from(["", "# Nhiệm vụ của Văn phòng"]))]
    lines.append("tasks:" + draw(st.sampled_from(["", "   # danh sách"])))

    def comment(column: int) -> None:
        if draw(st.integers(0, 4)) == 0:
            lines.append(" " * draw(st.integers(0, column + 4)) + "# ghi chú")
        if draw(st.integers(0, 4)) == 0:
            lines.append("")

    for number in range(draw(st.integers(1, 3))):
        dash = offset
        col = dash + gap
        pad = " " * col
        lines.append(" " * dash + "-" + " " * (gap - 1) + f"id: VP-0{number + 1}")
        lines.append(pad + "title: " + draw(st.sampled_from(["Rà soát", '"Kế hoạch: năm"'])))
        comment(col)
        lines += [pad + "area: tthc", pad + "lead: van-phong", pad + "start: 01/01/2024"]
        lines.append(pad + "due: 31/12/2024" + draw(st.sampled_from(["", "  # hạn"])))
        comment(col)
        style = draw(st.sampled_from(["none", "flow", "block-flow", "block-block"]))
        if style == "flow":
            lines.append(pad + "updates: [{date: 01/02/2024, percent: 10}]")
        elif style != "none":
            lines.append(pad + "updates:")
            inner = col + offset
            for day in (1, 2)[: draw(st.integers(1, 2))]:
                if style == "block-flow":
                    lines.append(" " * inner + f"- {{date: 0{day}/02/2024, percent: {day}0}}")
                else:
                    lines.append(" " * inner + "-" + " " * (gap - 1) + f"date: 0{day}/02/2024")
                    lines.append(" " * (inner + gap) + f"percent: {day}0")
                comment(inner + gap)
        comment(col)
    text = newline.join(lines) + draw(st.sampled_from([newline, ""]))
    bom = draw(st.sampled_from(["", "\ufeff"]))
    return (bom + text).encode()


@given(task_files(), st.integers(0, 2), st.booleans())
@example(b"tasks:\n- id: VP-01\n  due: 31/12/2024\n  # ghi ch\xc3\xba\n", 0, True)
@example(b"\r\ntasks:\r\n- id: VP-01\r\n# ghi ch\xc3\xba\r\n\r\n  due: 31/12/2024", 0, False)
def test_records_in_any_layout_change_nothing_else(raw: bytes, which: int, done: bool) -> None:
    source = source_of(Path("x.yaml"), "x.yaml", raw)
    assert source.data is not None, raw
    index = which % len(source.data["tasks"])
    ops: list[Operation] = [
        AppendItem(("tasks", index, "updates"), {"date": "03/03/2024", "percent": 100})
    ]
    if done:
        ops.append(SetKey(("tasks", index), "completed", "03/03/2024"))
    after = edited(source, ops)
    data, _ = yaml_reader.parse(after.removeprefix(source.bom).decode(), "x.yaml")
    assert same(data, expected(source.data, ops))
    assert after.startswith(source.bom)
    if not done:
        assert _one_block_inserted(source.raw, after)
    updates = node_at(source.tree, ("tasks", index, "updates"))
    if updates is None or not getattr(updates, "flow_style", False):
        assert _only_added_lines(source.raw, after)
