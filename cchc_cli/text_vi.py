"""The one place for Vietnamese text made from values: dates, numbers, percents, OS errors.

Pure string functions. Reports use them as Jinja filters (`cchc_cli.report.filters`), the
dashboard and the checks call them directly, so a date or a percentage reads the same
everywhere.
"""

from __future__ import annotations

import errno
import re
from datetime import date

# --- dates ---------------------------------------------------------------------------------


def dmy(day: date | None) -> str:
    """A date as staff write it and as tables show it: ``15/07/2021``; empty for no date."""
    return "" if day is None else f"{day.day:02d}/{day.month:02d}/{day.year}"


def text_date(day: date) -> str:
    """A date inside a sentence: ``ngày 15 tháng 7 năm 2021`` (no leading zeros)."""
    return f"ngày {day.day} tháng {day.month} năm {day.year}"


def place_date(place: str, day: date | None) -> str:
    """The place–date line of Nghị định 30/2020: ``Đồng Tháp, ngày 05 tháng 01 năm 2025``;
    without a date, the blanks are left for the signer: ``Đồng Tháp, ngày      tháng … năm …``.
    """
    return f"{place}, {doc_date(day)}"


def doc_date(day: date | None) -> str:
    """A document's date as Nghị định 30/2020 writes it: days below 10 and the months 1 and 2
    take a leading zero (``ngày 05 tháng 01 năm 2025``); without a date, blanks to fill."""
    if day is None:
        return "ngày      tháng … năm …"
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


# --- numbers -------------------------------------------------------------------------------


def number(value: float | None, digits: int = 2) -> str:
    """A number the Vietnamese way: decimal comma, no trailing zeros (``96,15``, ``95``)."""
    if value is None:
        return ""
    text = f"{value:.{digits}f}"
    if "." in text:  # only decimals lose their trailing zeros: 10 stays 10
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",") if text != "-0" else "0"


def thousands(value: float | None, digits: int = 2) -> str:
    """A figure as reports write it: thousands with a dot, decimals with a comma, no
    trailing zeros (``4.131``, ``81,14``, ``12.345,5``); empty for no figure."""
    if value is None:
        return ""
    text = number(value, digits)
    whole, comma, decimals = text.partition(",")
    sign = "-" if whole.startswith("-") else ""
    grouped = f"{int(whole.lstrip('-')):,}".replace(",", ".")
    return f"{sign}{grouped}{comma}{decimals}"


def percent(rate: float | None, digits: int = 1, *, none: str = "–", space: str = "") -> str:
    """A share in [0, 1] as a percentage: ``66,7%``; `none` when there is no share.

    `space` goes between the number and ``%``.
    """
    return none if rate is None else f"{number(rate * 100, digits)}{space}%"


# --- text that is safe to print ------------------------------------------------------------

# C0 and C1 control characters, DEL, the line and paragraph separators, and the bidi
# embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069: they reorder what a
# terminal shows, so a title could read backwards or hide text); tab and newline are left to
# the caller (`printable` keeps them, `one_line` folds them).
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """`text` with every control character shown as an escape (``\\x1b``), never sent raw.

    A title holding ESC could otherwise recolour, clear or retitle the user's terminal.
    """
    if text.isprintable() or not _CONTROL.search(text):
        return text
    return _CONTROL.sub(lambda m: _escape(m.group()), text)


def shown_path(text: str) -> str:
    """A file name safe to show and to write in any output: bytes that are not UTF-8 (which
    Python keeps as lone surrogates) as ``\\xff``, control characters (a newline too) as
    escapes, so a name can neither break a JSON document nor forge a line of text."""
    if text.isascii() and text.isprintable():
        return text
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        text = text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    if "\n" in text or "\t" in text:
        text = text.replace("\n", "\\n").replace("\t", "\\t")
    return printable(text)


def first_control(text: str) -> int | None:
    """The index of the first control character in `text` (see `printable`), or None."""
    if text.isprintable():
        return None
    found = _CONTROL.search(text)
    return found.start() if found else None


def _escape(char: str) -> str:
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


# --- file-system errors --------------------------------------------------------------------

_OS_ERRORS = {
    errno.EACCES: "không có quyền truy cập",
    errno.EPERM: "không được phép",
    errno.ENOENT: "không tồn tại",
    errno.ENOTDIR: "một phần của đường dẫn là tệp, không phải thư mục",
    errno.EISDIR: "đây là một thư mục",
    errno.EEXIST: "đã có tệp hay thư mục cùng tên",
    errno.ENOSPC: "ổ đĩa hết chỗ trống",
    errno.EROFS: "ổ đĩa chỉ cho đọc",
    errno.ENAMETOOLONG: "tên quá dài",
    errno.ELOOP: "liên kết vòng",
    errno.EBUSY: "đang được chương trình khác dùng",
}


def os_error_text(exc: OSError) -> str:
    """What went wrong with a file, in Vietnamese (``không có quyền truy cập``…).

    The system's own text is English (or in the Windows code page): never shown.
    """
    if exc.errno in _OS_ERRORS:
        return _OS_ERRORS[exc.errno]
    if isinstance(exc, PermissionError):
        return _OS_ERRORS[errno.EACCES]
    name = errno.errorcode.get(exc.errno or 0)
    return f"lỗi hệ thống ({name})" if name else "lỗi hệ thống"
