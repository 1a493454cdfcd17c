"""Bytes -> text: UTF-8 only, with the place of the first byte that is not."""

from __future__ import annotations

from cchc_cli.dataset import DEFAULT_LIMITS
from cchc_cli.errors import Problem

DEFAULT_MAX_BYTES = DEFAULT_LIMITS.max_bytes
_BOM = b"\xef\xbb\xbf"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def utf8_text(
    raw: bytes, path: str, max_bytes: int = DEFAULT_MAX_BYTES
) -> tuple[str, list[Problem]]:
    """UTF-8 text of a file (BOM removed), or the problem that prevents reading it."""
    if len(raw) > max_bytes:
        return "", [too_large(path, len(raw), max_bytes)]
    if raw.startswith(_BOM):
        raw = raw[len(_BOM) :]
    elif raw.startswith(_UTF16_BOMS):
        return "", [_encoding_problem(path, 1, 1, "Tệp được lưu dạng UTF-16.")]
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


def too_large(path: str, size: int | None, max_bytes: int) -> Problem:
    """The problem of a file of `size` bytes over the limit (None: not known, only that it
    goes on past the limit)."""
    shown = f"{size:,} byte" if size is not None else f"hơn {max_bytes:,} byte"
    return Problem(
        path,
        1,
        1,
        "too-large",
        f"Tệp quá lớn ({shown}; giới hạn {max_bytes:,} byte).",
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
