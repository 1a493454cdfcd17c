"""Vietnamese text of reports: dates, numbers, Markdown cells, lists, and the wording of
results, targets and changes as officials write them."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cchc_cli.report.facts import list_items
from cchc_cli.report.filters import md_cell, md_text, placeholder, rate
from cchc_cli.report.wording import (
    change_words,
    completed,
    lower_first,
    quantity,
    sentence,
    target_words,
    task_name,
    under_way,
)
from cchc_cli.text_vi import dmy as table_date
from cchc_cli.text_vi import doc_date, number, place_date, text_date


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


def test_rates_and_quantities_have_no_space_before_percent() -> None:
    assert rate(2 / 3) == "66,7%"
    assert rate(None) == "-"
    assert quantity(96.15, "%") == "96,15%"
    assert quantity(5, "hạng") == "thứ 5"
    assert quantity(5, "hạng", out_of=20) == "thứ 5/20"
    assert quantity(88.9, "điểm") == "88,9 điểm"


@pytest.mark.parametrize(
    ("op", "value", "unit", "expected"),
    [
        (">", 95, "%", "trên 95%"),
        (">=", 80, "điểm", "từ 80 điểm trở lên"),
        ("≥", 90, "%", "từ 90% trở lên"),
        ("<", 5, "%", "dưới 5%"),
        ("<=", 8, "hạng", "trong tốp 8"),
        ("<", 9, "hạng", "trong tốp 8"),
    ],
)
def test_targets_in_words(op: str, value: float, unit: str, expected: str) -> None:
    assert target_words(op, value, unit) == expected


@pytest.mark.parametrize(
    ("value", "previous", "unit", "expected"),
    [
        (5, 10, "hạng", "tăng 5 bậc"),
        (7, 5, "hạng", "giảm 2 bậc"),
        (5, 5, "hạng", "giữ nguyên thứ hạng"),
        (97.33, 96.15, "%", "tăng 1,18 điểm phần trăm"),
        (82.61, 84.35, "%", "giảm 1,74 điểm phần trăm"),
        (88.9, 86.4, "điểm", "tăng 2,5 điểm"),
        (95.0, 95.0, "%", "không thay đổi"),
    ],
)
def test_changes_in_words(value: float, previous: float, unit: str, expected: str) -> None:
    assert change_words(value, previous, unit) == expected


@pytest.mark.parametrize(
    ("title", "label", "expected"),
    [
        ("Rà soát TTHC", "", "Rà soát TTHC"),
        ("Hằng năm rà soát, triển khai CCHC; báo cáo kết quả", "năm 2024",
         "Rà soát, triển khai CCHC; báo cáo kết quả năm 2024"),
        ("Báo cáo định kỳ công tác CCHC hằng quý", "quý I năm 2024",
         "Báo cáo định kỳ công tác CCHC quý I năm 2024"),
        ("Định kỳ, kiểm tra công vụ", "năm 2023", "Kiểm tra công vụ năm 2023"),
        ("Ban hành Kế hoạch cải cách hành chính năm", "năm 2024",
         "Ban hành Kế hoạch cải cách hành chính năm 2024"),
    ],
)  # fmt: skip
def test_a_task_named_with_its_occurrence(title: str, label: str, expected: str) -> None:
    assert task_name(title, label) == expected


def test_lower_first_keeps_acronyms() -> None:
    assert lower_first("Rà soát TTHC") == "rà soát TTHC"
    assert lower_first("UBND tỉnh ban hành") == "UBND tỉnh ban hành"
    assert lower_first("A") == "A"
    assert sentence("  Đã ban hành\nkế hoạch; ") == "Đã ban hành kế hoạch."
    assert sentence("Xong!") == "Xong!"


def test_document_dates() -> None:
    assert doc_date(date(2025, 1, 5)) == "ngày 05 tháng 01 năm 2025"
    assert doc_date(None) == "ngày      tháng … năm …"


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
    ("text", "expected"),
    [
        ("Kiểm tra <script>x</script>", "Kiểm tra &lt;script>x&lt;/script>"),
        ("R&D", "R&amp;D"),
    ],
)
def test_markdown_shows_html_as_text(text: str, expected: str) -> None:
    assert md_text(text) == expected
    assert md_cell(text + " | a") == expected + " \\| a"


def _shown(markdown: str) -> str:
    """The text a CommonMark reader shows for one paragraph (markdown-it, rich's own)."""
    import html
    import re

    from markdown_it import MarkdownIt

    rendered = MarkdownIt("commonmark").render(markdown).strip()
    assert rendered.startswith("<p>") and rendered.endswith("</p>"), rendered
    inner = rendered[3:-4]
    assert not re.search(r"<(em|strong|code|a)\b", inner), rendered  # no markup came out
    return html.unescape(inner)


@pytest.mark.parametrize(
    "text",
    [
        "Rà soát *thủ tục* _nội bộ_ của Sở",
        "Xem [hướng dẫn](http://x) và `mã` ở đây",
        "Đường dẫn C:\\dữ liệu\\*.yaml",
        "[Đơn vị bổ sung: đề xuất]",
        "470* văn bản, “*”: chưa đủ số liệu",
    ],
)
def test_markdown_shows_data_text_as_written(text: str) -> None:
    """Emphasis, code, links and backslashes in a title reach the reader as typed."""
    assert _shown(md_text(text)) == text


@given(st.text(alphabet="ab *_`[]()\\<&", max_size=24).map(str.strip).filter(bool))
def test_any_mix_of_markup_characters_is_shown_as_written(text: str) -> None:
    assert _shown(md_text(text)) == text


@pytest.mark.parametrize(
    ("title", "doing", "done"),
    [
        ("Rà soát quy trình nội bộ", "Đang triển khai rà soát", "Đã hoàn thành rà soát"),
        ("Chủ trì, phối hợp kiểm tra", "Đang chủ trì, phối hợp", "Đã chủ trì, phối hợp"),
        ("Tổ chức tập huấn", "Đang tổ chức tập huấn", "Đã tổ chức tập huấn"),
        ("Triển khai Kế hoạch", "Đang triển khai Kế hoạch", "Đã triển khai Kế hoạch"),
        ("Rà soát, triển khai thực hiện", "Đang tiến hành rà soát,", "Đã hoàn thành rà soát,"),
        ("UBND tỉnh ban hành quy chế", "Đang triển khai UBND", "Đã hoàn thành UBND"),
    ],
)
def test_a_title_with_its_own_verb_keeps_it(title: str, doing: str, done: str) -> None:
    assert under_way(title).startswith(doing)
    assert completed(title).startswith(done)
    assert "triển khai triển khai" not in under_way(title).lower()
