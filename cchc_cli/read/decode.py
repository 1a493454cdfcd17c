"""Bytes -> text: UTF-8 only, with the place of the first byte that is not."""

from __future__ import annotations

import re

from cchc_cli.dataset import DEFAULT_LIMITS
from cchc_cli.errors import Problem
from cchc_cli.text_vi import thousands

DEFAULT_MAX_BYTES = DEFAULT_LIMITS.max_bytes
_BOM = b"\xef\xbb\xbf"
# How a file in a wider encoding begins (YAML 1.2, 5.2): with its byte order mark, or with
# the zero bytes of an ASCII first character. UTF-32 first: its LE mark starts like UTF-16's.
_WIDE_STARTS = (
    ("UTF-32", (b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")),
    ("UTF-16", (b"\xff\xfe", b"\xfe\xff")),
)
_WIDE_ZEROS = re.compile(
    b"(?P<utf32>[^\x00]\x00\x00\x00|\x00\x00\x00[^\x00])|(?P<utf16>[^\x00]\x00|\x00[^\x00])"
)


def utf8_text(
    raw: bytes, path: str, max_bytes: int = DEFAULT_MAX_BYTES
) -> tuple[str, list[Problem]]:
    """UTF-8 text of a file (BOM removed), or the problem that prevents reading it."""
    if len(raw) > max_bytes:
        return "", [too_large(path, len(raw), max_bytes)]
    if raw.startswith(_BOM):
        raw = raw[len(_BOM) :]
    elif wide := _wide_encoding(raw):
        return "", [_encoding_problem(path, 1, 1, f"Tệp được lưu dạng {wide}.")]
    try:
        return raw.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        line_start = before.rfind(b"\n") + 1
        col = len(before[line_start:].decode("utf-8", errors="replace")) + 1
        return "", [
            _encoding_problem(path, line, col, f"Gặp byte 0x{raw[exc.start]:02X} không phải UTF-8.")
        ]


def _wide_encoding(raw: bytes) -> str | None:
    """``UTF-16`` or ``UTF-32`` when `raw` starts like a file in that encoding, else None.

    A zero byte is never part of UTF-8 text a person wrote, so a zero among the first four
    bytes means a wider encoding even without a byte order mark.
    """
    for name, starts in _WIDE_STARTS:
        if raw.startswith(starts):
            return name
    if b"\x00" not in raw[:4]:
        return None
    found = _WIDE_ZEROS.match(raw)
    if found is None:
        return None
    return "UTF-32" if found.group("utf32") else "UTF-16"


def too_large(path: str, size: int | None, max_bytes: int) -> Problem:
    """The problem of a file of `size` bytes over the limit (None: not known, only that it
    goes on past the limit)."""
    shown = f"{thousands(size)} byte" if size is not None else f"hơn {thousands(max_bytes)} byte"
    return Problem(
        path,
        1,
        1,
        "too-large",
        f"Tệp quá lớn ({shown}; giới hạn {thousands(max_bytes)} byte).",
        "Hãy chia tệp thành nhiều tệp nhỏ hơn.",
    )


def _encoding_problem(path: str, line: int, col: int, detail: str) -> Problem:
    return Problem(
        path,
        line,
        col,
        "encoding",
        f"Tệp không phải văn bản UTF-8. {detail}",
        "Mở tệp bằng VS Code hoặc Notepad và lưu lại với bảng mã UTF-8 "
        "(tệp gõ bằng TCVN3/VNI hay Windows-1258 cần chuyển mã sang Unicode trước).",
    )
