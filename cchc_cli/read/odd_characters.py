"""Characters that YAML and the user's editor see differently, named at their real place.

- U+2028 LINE SEPARATOR, U+2029 PARAGRAPH SEPARATOR and U+0085 NEXT LINE: libyaml counts
  each as a line break, editors do not, so every later line number would be one too high.
- U+00A0 NO-BREAK SPACE (Word and web pages type it) where YAML needs a space: as
  indentation, or after the ``:`` of a key. YAML sees a letter there, and libyaml reports a
  puzzling error one line later.

`prepared` finds them with a cheap test first (clean files stop there), reports each one at
its line and column, and hands the reader the text with each replaced by a space (the same
length, so every other place stays right), so the rest of the file is still read and
checked. An NBSP is found by the shape of its line, which cannot tell a key from prose in a
multi-line text; the reader keeps the problem only when the space changes what the file
means (`same_but_nbsp`).
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from cchc_cli.errors import Problem

_BREAKS = re.compile("[\x85\u2028\u2029]")
_NBSP = "\xa0"
# Where an NBSP stands for a space YAML needs: in the indentation of a line that goes on
# like YAML (a key or "- "), right after the "-" of a list item, or right after a key's
# colon. Keys of cchc files are ASCII words. Group 1 holds the NBSPs.
_KEY = r"[A-Za-z_][A-Za-z0-9_]*:"
_LEAD = r"^[ \xa0]*+(?:-[ \xa0]+)*"
_NBSP_PLACES = (
    (re.compile(rf"{_LEAD}-(\xa0+)", re.M), "sau dấu “-” của mục danh sách"),
    (re.compile(rf"{_LEAD}{_KEY}(\xa0+)", re.M), "sau dấu “:” của khoá"),
    (re.compile(rf"^([ \xa0]*(?:-[ \xa0]+)*)(?=-[ \xa0]|{_KEY}(?:[ \xa0]|$))", re.M), "ở đầu dòng"),
    (re.compile(rf"^[^\"'\n]*?[{{,] *{_KEY}(\xa0+)", re.M), "sau dấu “:” của khoá"),
)


def prepared(text: str, path: str, *, nbsp: bool = True) -> tuple[str, list[Problem]]:
    """`text` with the characters above replaced by spaces, and a problem for each (NBSPs
    only when `nbsp`)."""
    has_breaks = _BREAKS.search(text) is not None
    has_nbsp = nbsp and _NBSP in text
    if not has_breaks and not has_nbsp:
        return text, []
    problems: list[Problem] = []
    places: set[int] = set()
    for found in _BREAKS.finditer(text) if has_breaks else ():
        places.add(found.start())
        problems.append(_odd_break(text, path, found.start()))
    for regex, where in _NBSP_PLACES if has_nbsp else ():
        for found in regex.finditer(text):
            start, end = found.span(1)
            spaces = [i for i in range(start, end) if text[i] == _NBSP and i not in places]
            if spaces:
                problems.append(_nbsp(text, path, spaces[0], where))
                places.update(spaces)
    if not places:
        return text, problems
    chars = list(text)
    for index in places:
        chars[index] = " "
    return "".join(chars), problems


def same_but_nbsp(a: Any, b: Any) -> bool:
    """Whether two parsed values are equal once every NBSP in their text is a space."""
    return bool(_spaced(a) == _spaced(b))


def _spaced(value: Any) -> Any:
    if isinstance(value, str):
        return value.replace(_NBSP, " ")
    if isinstance(value, dict):
        return [(_spaced(k), _spaced(v)) for k, v in value.items()]
    if isinstance(value, list):
        return [_spaced(v) for v in value]
    return value


def position(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of `text[index]`, counting lines as editors do (LF, CRLF, CR)."""
    before = text[:index]
    line = before.count("\n") + before.count("\r") - before.count("\r\n") + 1
    start = max(before.rfind("\n"), before.rfind("\r")) + 1
    return line, index - start + 1


def _odd_break(text: str, path: str, index: int) -> Problem:
    char = text[index]
    name = unicodedata.name(char, "NEXT LINE")
    line, col = position(text, index)
    return Problem(
        path,
        line,
        col,
        "line-separator",
        f"Ký tự ngắt dòng U+{ord(char):04X} ({name}) ở đây: trình soạn thảo không hiện nó, "
        "nhưng YAML coi là xuống dòng.",
        "Xoá ký tự này (thường do chép từ Word, PDF hay trang web), hoặc thay bằng dấu cách; "
        "muốn xuống dòng thật thì nhấn Enter.",
    )


def _nbsp(text: str, path: str, index: int, where: str) -> Problem:
    line, col = position(text, index)
    return Problem(
        path,
        line,
        col,
        "nbsp",
        f"Dấu cách không ngắt (U+00A0, NO-BREAK SPACE) {where}: YAML không coi nó là dấu "
        "cách, nên đọc sai cấu trúc từ chỗ này.",
        "Xoá nó rồi gõ lại dấu cách thường (thường do chép từ Word hay trang web).",
    )
