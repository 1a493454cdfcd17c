"""Vietnamese text of reports: dates, numbers, Markdown cells, lists."""

from __future__ import annotations

from datetime import date

import pytest

from cchc_cli.report.facts import occurrence_label
from cchc_cli.report.filters import (
    list_items,
    md_cell,
    md_text,
    placeholder,
    quantity,
    rate,
    target_text,
)
from cchc_cli.text_vi import dmy as table_date
from cchc_cli.text_vi import number, place_date, text_date


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2025, 1, 5), "Đồng Tháp, ngày 05 tháng 01 năm 2025"),
        (date(2025, 2, 28), "Đồng Tháp, ngày 28 tháng 02 năm 2025"),
        (date(2024, 3, 9), "Đồng Tháp, ngày 09 tháng 3 năm 2024"),
        (date(2024, 12, 14), "Đồng Tháp, ngày 14 tháng 12 năm 2024"),
        (None, "Đồng Tháp, ngày      tháng … năm …"),
    ],
)
def test_place_date(day: date | None, expected: str) -> None:
    assert place_date("Đồng Tháp", day) == expected


def test_dates_in_text_and_tables() -> None:
    assert text_date(date(2021, 7, 15)) == "ngày 15 tháng 7 năm 2021"
    assert table_date(date(2021, 7, 5)) == "05/07/2021"
    assert table_date(None) == ""


@pytest.mark.parametrize(
    ("value", "expected"),
    [(96.15, "96,15"), (95.0, "95"), (0.0, "0"), (88.9, "88,9"), (None, ""), (-0.001, "0")],
)
def test_number(value: float | None, expected: str) -> None:
    assert number(value) == expected


def test_rates_quantities_targets() -> None:
    assert rate(2 / 3) == "66,7 %"
    assert rate(None) == "-"
    assert quantity(96.15, "%") == "96,15 %"
    assert quantity(5, "hạng") == "hạng 5"
    assert target_text(">", 95, "%") == "> 95 %"
    assert target_text("<=", 8, "hạng") == "≤ hạng 8"
    assert target_text(">=", 80, "điểm") == "≥ 80 điểm"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("a | b", "a \\| b"),
        ("dòng 1\ndòng 2\r\ndòng 3", "dòng 1<br>dòng 2<br>dòng 3"),
        ("a\\|b", "a\\\\\\|b"),
        (None, ""),
        (42, "42"),
    ],
)
def test_md_cell(value: object, expected: str) -> None:
    assert md_cell(value) == expected


def test_list_items() -> None:
    assert list_items(["Sở Nội vụ", "Lãnh đạo Sở;", "Lưu: VT, VP."]) == [
        "- Sở Nội vụ;",
        "- Lãnh đạo Sở;",
        "- Lưu: VT, VP.",
    ]


def test_placeholder() -> None:
    assert placeholder("đề xuất") == "[Đơn vị bổ sung: đề xuất]"


@pytest.mark.parametrize(
    ("period", "expected"),
    [
        (None, ""),
        ("2024", "năm 2024"),
        ("2024-Q1", "quý I năm 2024"),
        ("2025-Q4", "quý IV năm 2025"),
    ],
)
def test_occurrence_label(period: str | None, expected: str) -> None:
    assert occurrence_label(period) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kiểm tra <script>x</script>", "Kiểm tra &lt;script>x&lt;/script>"),
        ("R&D", "R&amp;D"),
    ],
)
def test_markdown_shows_html_as_text(text: str, expected: str) -> None:
    assert md_text(text) == expected
    assert md_cell(text + " | a") == expected + " \\| a"
