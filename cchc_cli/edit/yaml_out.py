"""New YAML text for the values a write command adds: scalars, flow and block collections.

Only what cchc writes is needed: mappings with field-name keys, lists, text, whole numbers
and dates. A text is written plain when our own reader reads that plain text back as the
very same string (so ``No``, ``50``, ``2024-01-01`` or ``a: b`` are quoted), otherwise in
double quotes with escapes. A `date` is written ISO (``2024-06-15``); a date in the file's
dd/mm/yyyy style is given as the text ``15/06/2024``, which is plain already.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from cchc_cli.read import yaml_reader

# A first character that would start something other than a plain scalar.
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")
_FLOW_CHARS = frozenset(",[]{}")
# YAML's printable set, minus the characters libyaml reads as line breaks or a BOM.
_NON_PRINTABLE = re.compile(
    "[^\x09\x0a\x0d\x20-\x7e\xa0-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]"
    "|[\u2028\u2029]"
)
_ESCAPES = {
    "\\": "\\\\",
    '"': '\\"',
    "\x00": "\\0",
    "\x07": "\\a",
    "\x08": "\\b",
    "\t": "\\t",
    "\n": "\\n",
    "\x0b": "\\v",
    "\x0c": "\\f",
    "\r": "\\r",
    "\x1b": "\\e",
    "\x85": "\\N",
    "\u2028": "\\L",
    "\u2029": "\\P",
}


@dataclass(frozen=True, slots=True)
class Layout:
    """How a file lays out its block collections, so new lines look like their neighbours.

    `newline` is the file's line end; `seq_offset` how far a block sequence's ``-`` stands
    right of its key (0 for ``key:\\n- item``); `item_gap` how far an item's content stands
    right of its ``-`` (2 for ``- id: …``).
    """

    newline: str = "\n"
    seq_offset: int = 2
    item_gap: int = 2


def scalar(value: Any, *, flow: bool = False) -> str:
    """`value` (text, whole number, date) as a YAML scalar that reads back as exactly it."""
    if isinstance(value, bool) or value is None:
        raise TypeError(f"cchc writes no {type(value).__name__} values")
    if isinstance(value, int):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    if not isinstance(value, str):
        raise TypeError(f"cannot write {type(value).__name__} as a scalar")
    if _plain_ok(value, flow=flow):
        return value
    return quoted(value)


def quoted(text: str) -> str:
    """`text` as a double-quoted YAML scalar, every non-printable character escaped."""
    out = []
    for char in text:
        if char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif _NON_PRINTABLE.match(char):
            code = ord(char)
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def _plain_ok(text: str, *, flow: bool) -> bool:
    if not text or text != text.strip() or text[0] in _INDICATORS:
        return False
    if _NON_PRINTABLE.search(text) or "\n" in text or "\r" in text or "\t" in text:
        return False
    if ": " in text or " #" in text or text.endswith(":"):
        return False
    if flow and any(char in _FLOW_CHARS for char in text):
        return False
    # The reader decides the rest: 50, true, null, 2024-01-01, 1e3 are not text.
    document, wanted = (f"[{text}]\n", [text]) if flow else (f"k: {text}\n", {"k": text})
    data, problems = yaml_reader.parse(document, "")
    return data == wanted and not any(p.is_error for p in problems)


def key_order(written: list[str], canonical: tuple[str, ...]) -> list[str]:
    """The keys of `canonical`: those of `written` in its order, each other one after every
    key that comes before it in `canonical`. A new entry is laid out like its neighbour."""
    order = [key for key in written if key in canonical]
    for index, key in enumerate(canonical):
        if key not in order:
            before = [order.index(k) for k in canonical[:index] if k in order]
            order.insert(max(before) + 1 if before else 0, key)
    return order


def flow(value: Any) -> str:
    """`value` in flow style: ``{date: 15/06/2024, percent: 60}``, ``[a, b]``."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{key}: {flow(item)}" for key, item in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(flow(item) for item in value) + "]"
    return scalar(value, flow=True)


@dataclass(frozen=True, slots=True)
class Style:
    """Which lists of a new block mapping are written in flow style (``support: [a, b]``)
    and which items of block lists are flow mappings (``- {date: …, percent: …}``)."""

    flow_lists: frozenset[str] = frozenset()
    flow_items: frozenset[str] = frozenset()
    block_lists: frozenset[str] = frozenset()  # what the file writes in block style


def block_mapping(value: dict[str, Any], indent: int, layout: Layout, style: Style) -> list[str]:
    """The lines of a block mapping whose keys stand at column `indent` (no line ends)."""
    pad = " " * indent
    lines: list[str] = []
    for key, item in value.items():
        if isinstance(item, list) and item and key not in style.flow_lists:
            lines.append(f"{pad}{key}:")
            dash = indent + layout.seq_offset
            for element in item:
                lines += block_item(
                    element, dash, dash + layout.item_gap, layout=layout, style=style, key=key
                )
        elif isinstance(item, dict | list):
            lines.append(f"{pad}{key}: {flow(item)}")
        else:
            lines.append(f"{pad}{key}: {scalar(item)}")
    return lines


def block_item(
    value: Any, dash: int, content: int, *, layout: Layout, style: Style, key: str = ""
) -> list[str]:
    """The lines of one block-sequence item: ``-`` at column `dash`, its content at
    `content`. A mapping is written in flow style when `key` (the list's key) says so."""
    lead = " " * dash + "-" + " " * (content - dash - 1)
    if isinstance(value, dict) and value and key not in style.flow_items:
        lines = block_mapping(value, content, layout, style)
        return [lead + lines[0][content:], *lines[1:]]
    if isinstance(value, dict | list):
        return [lead + flow(value)]
    return [lead + scalar(value)]
