"""Where new YAML goes in a file, found from the node tree the reader composes.

A change is a list of `Insertion`s: text put at one place of the file's text, nothing
removed or replaced. Every other byte stays as it was (comments, blank lines, key order,
quoting, flow or block style, line ends, a BOM), so `git diff` shows added lines only;
inside a one-line flow collection (``updates: [{…}]``) the addition goes before its
closing bracket.

Why not a round-trip library: ruamel.yaml (0.19) re-emits the whole file from its own
parse. Over the 46 YAML files of the shipped data, the `cchc init` scaffold and tests/cases
when this was written, it could not load 5 (invalid on purpose); of the 41 others, a plain
load and dump with no change at all rewrote 39 with its default indentation, and still 5
with our data's indentation set globally (a BOM dropped, an indentless sequence
re-indented, spaces in a flow collection normalised, a comment-only file turned into
``null``). A file indented by four spaces, or with ``-   `` items, is re-indented whole, and
it is a second parser that may read a file otherwise than `cchc validate`. Text placed by
the libyaml marks of our own reader leaves every byte outside the insertion as it was, in
every file our reader accepts (tests/test_edit_insert.py), and needs no new dependency.

Positions are libyaml's `Mark.index`, a character index into the text the reader parsed
(BOM removed, line ends kept); lines break where libyaml breaks them (LF, CRLF, CR, NEL,
LS, PS).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from cchc_cli.edit.yaml_out import Layout, Style, block_item, block_mapping, flow
from cchc_cli.errors import Loc

_BREAK_CHARS = "\r\n\x85\u2028\u2029"
_ISO = re.compile(r"^\s*\d{4}-\d{1,2}-\d{1,2}\s*$")
DATE_KEYS = frozenset({"date", "start", "due", "completed"})


class PlacementError(Exception):
    """The file's shape leaves no place for the addition (e.g. ``updates:`` with no value)."""


@dataclass(frozen=True, slots=True)
class Insertion:
    """`text` put at character `index` of the file's text."""

    index: int
    text: str


def apply(text: str, insertions: Sequence[Insertion]) -> str:
    """`text` with every insertion made; insertions at one place keep their given order."""
    order = sorted(range(len(insertions)), key=lambda i: insertions[i].index)
    parts: list[str] = []
    last = 0
    for i in order:
        insertion = insertions[i]
        parts += [text[last : insertion.index], insertion.text]
        last = insertion.index
    parts.append(text[last:])
    return "".join(parts)


# --- reading the tree ----------------------------------------------------------------------


def node_at(root: Node | None, path: Loc) -> Node | None:
    """The node at `path` (keys and indexes), or None when a step does not exist."""
    node = root
    for step in path:
        if isinstance(node, MappingNode) and isinstance(step, str):
            node = next((v for k, v in node.value if k.value == step), None)
        elif isinstance(node, SequenceNode) and isinstance(step, int):
            node = node.value[step] if 0 <= step < len(node.value) else None
        else:
            return None
    return node


def _walk(node: Node) -> Iterator[tuple[Node | None, Node]]:
    """Every node in document order, with the key node it is the value of (or None)."""
    stack: list[tuple[Node | None, Node]] = [(None, node)]
    while stack:
        key, current = stack.pop()
        yield key, current
        if isinstance(current, MappingNode):
            stack += reversed([(k, v) for k, v in current.value])
        elif isinstance(current, SequenceNode):
            stack += reversed([(None, v) for v in current.value])


def layout_of(text: str, root: Node | None) -> Layout:
    """The file's line end and its most common block-sequence indentation."""
    newline = "\n"
    if match := re.search("\r\n|\r|\n", text):
        newline = match.group()
    offsets: Counter[int] = Counter()
    gaps: Counter[int] = Counter()
    if root is not None:
        for key, node in _walk(root):
            if not isinstance(node, SequenceNode) or node.flow_style or not node.value:
                continue
            if key is not None:
                offsets[node.start_mark.column - key.start_mark.column] += 1
            for item in node.value:
                if _on_dash_line(text, item):
                    gaps[item.start_mark.column - node.start_mark.column] += 1
    return Layout(
        newline=newline,
        seq_offset=offsets.most_common(1)[0][0] if offsets else 2,
        item_gap=gaps.most_common(1)[0][0] if gaps else 2,
    )


def style_of(root: Node | None) -> Style:
    """Per key, whether the file mostly writes its lists in flow style (``[a, b]``) and
    the mapping items of its block lists in flow style (``- {date: …}``)."""
    lists: dict[str, Counter[bool]] = {}
    items: dict[str, Counter[bool]] = {}
    if root is not None:
        for key, node in _walk(root):
            if key is None or not isinstance(node, SequenceNode) or not node.value:
                continue
            lists.setdefault(key.value, Counter())[bool(node.flow_style)] += 1
            if not node.flow_style:
                for item in node.value:
                    if isinstance(item, MappingNode):
                        items.setdefault(key.value, Counter())[bool(item.flow_style)] += 1
    return Style(
        flow_lists=frozenset(k for k, c in lists.items() if c[True] > c[False]),
        flow_items=frozenset(k for k, c in items.items() if c[True] > c[False]),
        block_lists=frozenset(k for k, c in lists.items() if c[False] >= c[True]),
    )


def iso_dates(root: Node | None, near: Node | None = None) -> bool:
    """Whether new dates should be ISO (``2024-06-15``): the latest date written near the
    change (in `near`, else anywhere in the file) is; dd/mm/yyyy otherwise."""
    for scope in (near, root):
        if scope is None:
            continue
        found = [
            node.value
            for key, node in _walk(scope)
            if key is not None and key.value in DATE_KEYS and isinstance(node, ScalarNode)
        ]
        if found:
            return bool(_ISO.match(found[-1]))
    return False


# --- lines ---------------------------------------------------------------------------------


def _line_start(text: str, index: int) -> int:
    start = index
    while start > 0 and text[start - 1] not in _BREAK_CHARS:
        start -= 1
    return start


def _line_end(text: str, index: int) -> int:
    """The index of the line break ending the line of `index` (len(text) at the end)."""
    end = index
    while end < len(text) and text[end] not in _BREAK_CHARS:
        end += 1
    return end


def _next_line(text: str, index: int) -> int:
    """The start of the line after the one holding `index`; len(text) at the end."""
    end = _line_end(text, index)
    if text.startswith("\r\n", end):
        return end + 2
    return min(end + 1, len(text))


def _on_dash_line(text: str, item: Node) -> bool:
    start = _line_start(text, item.start_mark.index)
    return text[start : item.start_mark.index].strip() == "-"


def _end_of(text: str, node: Node) -> int:
    """The start of the line after the last line of `node` (len(text) at the end)."""
    leaf = node
    while isinstance(leaf, MappingNode | SequenceNode) and not leaf.flow_style and leaf.value:
        last = leaf.value[-1]
        leaf = last[1] if isinstance(leaf, MappingNode) else last
    mark = leaf.end_mark
    if mark.column == 0 and mark.index > 0:  # a block scalar ends where the next line starts
        return int(mark.index)
    return _next_line(text, mark.index)


def _past_own_comments(text: str, index: int, column: int) -> int:
    """After the comment lines indented deeper than `column` that follow `index` (blank
    lines between them too): they belong to the entry above, not to what comes next."""
    best = current = index
    while current < len(text):
        end = _line_end(text, current)
        line = text[current:end]
        body = line.lstrip(" ")
        if body.strip() and not (body.startswith("#") and len(line) - len(body) > column):
            break
        current = _next_line(text, current)
        if body.strip():
            best = current
    return best


def _lines_at(text: str, index: int, lines: list[str], newline: str) -> Insertion:
    """Whole lines inserted at `index` (a line start, or the end of a file without a final
    line break)."""
    if index == len(text) and text and text[-1] not in _BREAK_CHARS:
        return Insertion(index, newline + newline.join(lines))
    return Insertion(index, "".join(line + newline for line in lines))


def _blank_before(text: str, node: Node) -> bool:
    """Whether a blank line stands right above the line where `node` starts."""
    start = _line_start(text, node.start_mark.index)
    if start == 0:
        return False
    above = _line_start(text, start - 1 - (text[start - 2 : start] == "\r\n"))
    return not text[above:start].strip()


# --- additions -----------------------------------------------------------------------------


def append_item(
    text: str, root: Node | None, path: Loc, item: Any, *, layout: Layout, style: Style
) -> Insertion:
    """`item` appended to the list at `path`. When the list's key is missing from its
    mapping, the key is added with a one-item list."""
    node = node_at(root, path)
    if node is None:
        parent = node_at(root, path[:-1])
        key = path[-1]
        if not isinstance(parent, MappingNode) or not isinstance(key, str):
            raise PlacementError(path)
        return add_key(text, parent, key, [item], layout=layout, style=style)
    if not isinstance(node, SequenceNode):
        raise PlacementError(path)
    key = str(path[-1]) if path else ""
    if node.flow_style:
        if not node.value:
            return Insertion(node.start_mark.index + 1, flow(item))
        return Insertion(node.value[-1].end_mark.index, ", " + flow(item))
    last = node.value[-1]
    dash = node.start_mark.column
    content = last.start_mark.column if _on_dash_line(text, last) else dash + layout.item_gap
    if isinstance(last, MappingNode):
        flows = {key} if last.flow_style else set()
        style = Style(style.flow_lists, (style.flow_items - {key}) | flows, style.block_lists)
    lines = block_item(item, dash, content, layout=layout, style=style, key=key)
    if len(node.value) > 1 and _blank_before(text, last):
        lines.insert(0, "")
    at = _past_own_comments(text, _end_of(text, node), dash)
    return _lines_at(text, at, lines, layout.newline)


def add_key(
    text: str, mapping: Node | None, key: str, value: Any, *, layout: Layout, style: Style
) -> Insertion:
    """``key: value`` added at the end of `mapping` (which must not have `key`)."""
    if not isinstance(mapping, MappingNode):
        raise PlacementError(key)
    if any(k.value == key for k, _ in mapping.value):
        raise PlacementError(key)
    if mapping.flow_style:
        entry = f"{key}: {flow(value)}"
        if not mapping.value:
            return Insertion(mapping.start_mark.index + 1, entry)
        return Insertion(mapping.value[-1][1].end_mark.index, ", " + entry)
    column = mapping.value[0][0].start_mark.column
    lines = block_mapping({key: value}, column, layout, style)
    at = _past_own_comments(text, _end_of(text, mapping), column)
    return _lines_at(text, at, lines, layout.newline)
