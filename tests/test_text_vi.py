"""The one place for Vietnamese text made from values: dates, numbers, percents, OS errors,
and text that is safe to print."""

from __future__ import annotations

import errno
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cchc_cli.text_vi import dmy, number, os_error_text, percent, printable, shown_path, thousands


def test_dates_and_numbers() -> None:
    assert dmy(date(2021, 7, 5)) == "05/07/2021"
    assert dmy(None) == ""
    assert number(96.15) == "96,15"
    assert number(95.0) == "95"
    assert number(10, 0) == "10"  # no decimals: the zeros of the number itself stay
    assert number(100.4, 0) == "100"
    assert number(-0.001, 2) == "0"
    assert number(100, 0) == "100"  # no fraction: the zeros of the number stay
    assert percent(2 / 3) == "66,7%"
    assert percent(None) == "–"
    assert percent(0.9615, 2, space=" ") == "96,15 %"


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("Kiểm tra \x1b[31mđỏ", "Kiểm tra \\x1b[31mđỏ"),
        ("a\x07b\x00c", "a\\x07b\\x00c"),
        ("C1 \x9b2J", "C1 \\x9b2J"),
        ("dòng\u2028mới", "dòng\\u2028mới"),
        ("đảo \u202egnòhc\u202c chiều", "đảo \\u202egnòhc\\u202c chiều"),
        ("cô lập \u2066x\u2069", "cô lập \\u2066x\\u2069"),
        ("xuống\ndòng\tvà tab", "xuống\ndòng\tvà tab"),
        ("Bình thường", "Bình thường"),
    ],
)
def test_control_characters_are_shown_escaped(text: str, shown: str) -> None:
    assert printable(text) == shown


@pytest.mark.parametrize(
    ("error", "text"),
    [
        (PermissionError(errno.EACCES, "denied"), "không có quyền truy cập"),
        (FileNotFoundError(errno.ENOENT, "missing"), "không tồn tại"),
        (OSError(errno.ENOTDIR, "x"), "một phần của đường dẫn là tệp, không phải thư mục"),
        (OSError(errno.ENOTEMPTY, "x"), "lỗi hệ thống (ENOTEMPTY)"),
        (OSError("no errno"), "lỗi hệ thống"),
    ],
)
def test_os_errors_are_vietnamese(error: OSError, text: str) -> None:
    assert os_error_text(error) == text


@pytest.mark.parametrize(
    ("value", "digits", "expected"),
    [
        (4131, 0, "4.131"),
        (100, 0, "100"),
        (81.14, 2, "81,14"),
        (12345.5, 2, "12.345,5"),
        (-1234.567, 2, "-1.234,57"),
        (1_000_000, 2, "1.000.000"),
        (0.004, 2, "0"),
        (None, 2, ""),
    ],
)
def test_thousands_with_a_dot_decimals_with_a_comma(
    value: float | None, digits: int, expected: str
) -> None:
    assert thousands(value, digits) == expected


@given(st.floats(min_value=-1e9, max_value=1e9, allow_nan=False), st.integers(0, 4))
def test_thousands_reads_back_as_number(value: float, digits: int) -> None:
    assert thousands(value, digits).replace(".", "") == number(value, digits)


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("data/tasks/Việt.yaml", "data/tasks/Việt.yaml"),
        ("data/tasks/sai\udcff.yaml", "data/tasks/sai\\xff.yaml"),  # the byte 0xFF
        ("data/tasks/a\nb.yaml", "data/tasks/a\\nb.yaml"),
        ("data/tasks/a\x1b[2J.yaml", "data/tasks/a\\x1b[2J.yaml"),
    ],
)
def test_file_names_are_shown_encodable_and_on_one_line(name: str, shown: str) -> None:
    assert shown_path(name) == shown
    shown_path(name).encode("utf-8")
