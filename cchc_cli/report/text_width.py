"""How wide a line of text is in Times New Roman: for rules sized to their text (Nghị định
30/2020: the rule under the agency name is 1/3 to 1/2 of it, the one under the motto as
long as it) and for checking that a header line fits its column. Pure."""

from __future__ import annotations

import unicodedata

from cchc_cli.report.font_metrics import WIDTHS

_HORN = "\u031b"
_HORNED = {"O": "Ơ", "o": "ơ", "U": "Ư", "u": "ư"}
_FALLBACK = 500  # thousandths of an em: a character the table does not know


def char_width(char: str, style: str) -> int:
    """Advance width of `char` in thousandths of an em. A Vietnamese letter is as wide as
    its letter without tone marks (``ở`` as ``ơ``, ``Ộ`` as ``O``)."""
    table = WIDTHS[style]
    if ord(char) in table:
        return table[ord(char)]
    parts = unicodedata.normalize("NFD", char)
    base = parts[0]
    if _HORN in parts[1:]:
        base = _HORNED.get(base, base)
    return table.get(ord(base), _FALLBACK)


def text_width(text: str, size_pt: float, *, bold: bool = False, italic: bool = False) -> float:
    """The width of `text` in points at `size_pt` (bold italic is measured as bold)."""
    style = "bold" if bold else "italic" if italic else "regular"
    return sum(char_width(ch, style) for ch in text) * size_pt / 1000
