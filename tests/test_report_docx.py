"""The Word report, opened as XML: the Nghị định 30/2020 page (sizes, spacing, language,
sections, page head, rules, page numbers, draft mark), the appendices and the properties.
tests/test_report_pdf.py looks at the same file laid out by LibreOffice."""

from __future__ import annotations

import dataclasses
import io
import runpy
import subprocess
import sys
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest

from cchc_cli.checks import check
from cchc_cli.engine.periods import report_period
from cchc_cli.read.loader import load_checked
from cchc_cli.report.docx_tables import table_xml
from cchc_cli.report.facts import build
from cchc_cli.report.model import Column, Row, Table
from cchc_cli.report.render import render
from cchc_cli.report.templates import builtin_dir
from cchc_cli.report.text_width import text_width

docx = pytest.importorskip("docx")
pytest.importorskip("docxtpl")

FIXTURE = Path(__file__).parent / "fixtures" / "report"
ROOT = Path(__file__).parent.parent
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
GENERATED = datetime(2025, 1, 5, 8, 30, tzinfo=UTC)


def qn(tag: str) -> str:
    return W + tag


def render_report(code: str = "q1", **changes: Any) -> Any:
    dataset = load_checked(FIXTURE / "data", check)
    report = build(
        dataset,
        report_period(code, 2024),
        issued=date(2025, 1, 5),
        commit="abc1234",
        generated=GENERATED,
    )
    report = dataclasses.replace(report, **changes)
    data = render(report, "docx", dataset.root)
    assert isinstance(data, bytes)
    return docx.Document(io.BytesIO(data))


@pytest.fixture(scope="module")
def document() -> Any:
    return render_report()


def mm(length: int) -> float:
    return round(length / 36000, 1)  # EMU per millimetre


def body_text(document: Any) -> str:
    return "\n".join(t.text or "" for t in document.element.body.iter(qn("t")))


# --- the page ----------------------------------------------------------------------------------


def test_a_portrait_body_then_landscape_appendices(document: Any) -> None:
    portrait, landscape = document.sections
    assert (mm(portrait.page_width), mm(portrait.page_height)) == (210.0, 297.0)
    assert (mm(landscape.page_width), mm(landscape.page_height)) == (297.0, 210.0)
    for section in (portrait, landscape):
        assert (mm(section.top_margin), mm(section.bottom_margin)) == (20.0, 20.0)
        assert (mm(section.left_margin), mm(section.right_margin)) == (30.0, 15.0)


def test_times_new_roman_in_vietnamese(document: Any) -> None:
    styles = document.styles.element
    defaults = styles.find(f"{qn('docDefaults')}/{qn('rPrDefault')}/{qn('rPr')}")
    assert defaults.find(qn("rFonts")).get(qn("ascii")) == "Times New Roman"
    assert defaults.find(qn("rFonts")).get(qn("asciiTheme")) is None
    assert defaults.find(qn("lang")).get(qn("val")) == "vi-VN"
    assert document.settings.element.find(qn("themeFontLang")).get(qn("val")) == "vi-VN"
    assert document.core_properties.language == "vi-VN"
    normal = document.styles["Normal"]
    assert normal.font.size.pt == 14


def test_paragraph_spacing_and_line_spacing(document: Any) -> None:
    for name in ("Normal", "Heading 1", "Heading 2", "Phần đơn vị bổ sung"):
        fmt = document.styles[name].paragraph_format
        assert fmt.space_after.pt + (fmt.space_before.pt if fmt.space_before else 0) >= 6, name
        assert 1.0 <= fmt.line_spacing <= 1.5, name
    normal = document.styles["Normal"].paragraph_format
    assert round(normal.first_line_indent.cm, 2) == 1.0
    assert normal.alignment == docx.enum.text.WD_ALIGN_PARAGRAPH.JUSTIFY


def test_one_style_per_heading_level(document: Any) -> None:
    found = {
        (p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith("Heading")
    }
    assert ("Heading 1", "I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CẢI CÁCH HÀNH CHÍNH") in found
    assert ("Heading 1", "V. ĐỀ XUẤT, KIẾN NGHỊ") in found
    assert ("Heading 2", "1. Cải cách thể chế") in found
    heading = document.styles["Heading 1"]
    assert heading.font.bold and heading.paragraph_format.keep_with_next
    assert document.styles["Heading 1"].font.color.rgb is None  # black, not the theme's blue
    assert not any("{%" in p.text or "{{" in p.text for p in document.paragraphs)


# --- the page head -----------------------------------------------------------------------------


def page_head(document: Any) -> Any:
    return document.tables[0]


def test_the_page_head_grid_matches_its_cells(document: Any) -> None:
    table = page_head(document)._tbl
    grid = [int(c.get(qn("w"))) for c in table.tblGrid.findall(qn("gridCol"))]
    cells = [
        int(tc.find(f"{qn('tcPr')}/{qn('tcW')}").get(qn("w"))) for tc in table.tr_lst[0].tc_lst
    ]
    width = int(table.tblPr.find(qn("tblW")).get(qn("w")))
    assert grid == cells and sum(grid) == width <= 9355  # the text width of the page
    assert table.tblPr.find(qn("tblLayout")).get(qn("type")) == "fixed"
    borders = table.tblPr.find(qn("tblBorders"))
    assert {edge.get(qn("val")) for edge in borders} == {"nil"}


def test_every_page_head_line_fits_its_column(document: Any) -> None:
    head = page_head(document)
    lines = {
        0: [("UBND TỈNH ĐỒNG THÁP", 13, False), ("SỞ CÔNG THƯƠNG", 13, True)],
        1: [
            ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 13, True),
            ("Độc lập - Tự do - Hạnh phúc", 14, True),
        ],
    }
    for col, expected in lines.items():
        cell = head.rows[0].cells[col]
        texts = [p.text for p in cell.paragraphs if p.text]
        assert texts == [text for text, _, _ in expected]
        room = cell.width.twips - 2 * 57
        for text, size, bold in expected:
            assert text_width(text, size, bold=bold) * 20 < room, text
    number, place_date = (cell.text for cell in head.rows[1].cells)
    assert number == "Số:      /BC-SCT"
    assert place_date == "Đồng Tháp, ngày 05 tháng 01 năm 2025"
    assert text_width(place_date, 14, italic=True) * 20 < head.rows[1].cells[1].width.twips - 114


def rules(document: Any) -> dict[str, Any]:
    found = {}
    for table in document.element.body.iter(qn("tbl")):
        caption = table.find(f"{qn('tblPr')}/{qn('tblCaption')}")
        if caption is not None and caption.get(qn("val")).startswith("cchc-rule:"):
            above = table.getprevious()
            text = "".join(t.text for t in above.iter(qn("t")))
            found[text] = table
    return found


@pytest.mark.parametrize(
    ("text", "size", "share"),
    [
        ("SỞ CÔNG THƯƠNG", 13, 0.4),
        ("Độc lập - Tự do - Hạnh phúc", 14, 1.0),
        ("Kết quả thực hiện công tác cải cách hành chính quý I năm 2024", 14, 0.4),
    ],
)
def test_rules_are_exactly_as_long_as_nd30_asks(
    document: Any, text: str, size: float, share: float
) -> None:
    """Under the agency name 1/3 to 1/2 of it, under the motto its full length, under the
    title line 1/3 to 1/2: a one-cell table's top border, centred, sized to the text."""
    table = rules(document)[text]
    width = int(table.find(f"{qn('tblPr')}/{qn('tblW')}").get(qn("w")))
    grid = int(table.find(f"{qn('tblGrid')}/{qn('gridCol')}").get(qn("w")))
    assert width == grid == round(text_width(text, size, bold=True) * 20 * share)
    assert table.find(f"{qn('tblPr')}/{qn('jc')}").get(qn("val")) == "center"
    edges = table.find(f"{qn('tblPr')}/{qn('tblBorders')}")
    assert [e.get(qn("val")) for e in edges] == ["single", "nil", "nil", "nil", "nil", "nil"]


def test_page_numbers_from_page_two_and_the_draft_mark_on_page_one(document: Any) -> None:
    portrait = document.sections[0]
    assert portrait.different_first_page_header_footer
    numbers = portrait.header._element
    assert " PAGE " in [t.text for t in numbers.iter(qn("instrText"))]
    sizes = {s.get(qn("val")) for s in numbers.iter(qn("sz"))}
    assert sizes == {"28"}  # 14 pt
    jc = numbers.find(f"{qn('p')}/{qn('pPr')}/{qn('jc')}")
    assert jc.get(qn("val")) == "center"
    first = portrait.first_page_header._element
    assert [t.text for t in first.iter(qn("instrText"))] == []
    assert "".join(t.text for t in first.iter(qn("t"))) == "DỰ THẢO"
    box = first.find(qn("tbl")).find(f"{qn('tblPr')}/{qn('tblBorders')}")
    assert {edge.get(qn("val")) for edge in box} == {"single"}
    assert not document.sections[1].different_first_page_header_footer


def test_the_title_and_who_it_is_for(document: Any) -> None:
    found = [p.text for p in document.paragraphs]
    title = found.index("BÁO CÁO")
    assert document.paragraphs[title].runs[0].bold
    assert found[title + 1] == "Kết quả thực hiện công tác cải cách hành chính quý I năm 2024"
    assert "Kính gửi: Sở Nội vụ." in found


def test_closing_block(document: Any) -> None:
    closing = next(t for t in document.tables if t.rows[0].cells[0].text.startswith("Nơi nhận"))
    recipients, signer = closing.rows[0].cells
    heading = recipients.paragraphs[0].runs[0]
    assert (heading.bold, heading.italic, heading.font.size.pt) == (True, True, 12)
    items = recipients.paragraphs[1:]
    assert [p.text for p in items] == ["- Như trên;", "- UBND tỉnh (b/c);", "- Lãnh đạo Sở;",
                                       "- Lưu: VT, VP."]  # fmt: skip
    assert {p.style.font.size.pt for p in items} == {11}
    lines = [p.text for p in signer.paragraphs if p.text]
    assert lines == ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Trần Văn Bình"]


# --- the appendices ----------------------------------------------------------------------------


def test_each_appendix_starts_a_page_with_its_heading(document: Any) -> None:
    headings = [(p.style.name, p.text) for p in document.paragraphs if p.text.startswith("PHỤ LỤC")]
    assert headings == [
        ("Đề mục phụ lục", "PHỤ LỤC I"),  # the first opens the landscape section
        ("Đề mục phụ lục, trang mới", "PHỤ LỤC II"),
        ("Đề mục phụ lục, trang mới", "PHỤ LỤC III"),
        ("Đề mục phụ lục, trang mới", "PHỤ LỤC IV"),
    ]
    assert document.styles["Đề mục phụ lục, trang mới"].paragraph_format.page_break_before
    heading = document.styles["Đề mục phụ lục"]
    assert heading.font.bold and heading.paragraph_format.alignment == 1  # centre
    notes = [p for p in document.paragraphs if p.text.startswith("(Kèm theo Báo cáo số")]
    assert len(notes) == 4
    assert (
        notes[0].text
        == "(Kèm theo Báo cáo số      /BC-SCT ngày 05 tháng 01 năm 2025 của Sở Công Thương)"
    )
    assert document.styles["Kèm theo"].font.italic


def appendix_tables(document: Any) -> list[Any]:
    body = document.element.body
    return [
        t
        for t in body.iterchildren(qn("tbl"))
        if t.find(f"{qn('tblPr')}/{qn('tblStyle')}") is not None
    ]


def test_appendix_tables_fill_the_landscape_width_and_repeat_their_header(document: Any) -> None:
    tables = appendix_tables(document)
    assert len(tables) == 5
    landscape = document.sections[1]
    room = landscape.page_width.twips - landscape.left_margin.twips - landscape.right_margin.twips
    for table in tables:
        grid = [int(c.get(qn("w"))) for c in table.iter(qn("gridCol"))]
        assert sum(grid) == room
        rows = table.findall(qn("tr"))
        heads = [r for r in rows if r.find(f"{qn('trPr')}/{qn('tblHeader')}") is not None]
        assert heads and rows[: len(heads)] == heads
        assert all(r.find(f"{qn('trPr')}/{qn('cantSplit')}") is not None for r in rows)
    captions = [p for p in document.paragraphs if p.style.name == "Tên bảng"]
    assert [p.text[:2] for p in captions] == ["1.", "2.", "Kế", "Kỳ"]
    assert document.styles["Tên bảng"].paragraph_format.keep_with_next


def test_no_word_is_cut_by_a_narrow_column(document: Any) -> None:
    """Every column is at least as wide as its longest word (a date, "Thường xuyên")."""
    for table in appendix_tables(document):
        grid = [int(c.get(qn("w"))) for c in table.iter(qn("gridCol"))]
        for row in table.findall(qn("tr")):
            cells = row.findall(qn("tc"))
            if len(cells) != len(grid):
                continue  # group or header rows span columns
            for cell, width in zip(cells, grid, strict=True):
                for word in "".join(t.text for t in cell.iter(qn("t"))).split():
                    assert text_width(word, 12, bold=True) * 20 <= width - 114, word


def test_a_table_in_xml_groups_its_headers() -> None:
    table = Table(
        "",
        (Column("STT", align="center"), Column("A", "Nhóm"), Column("B", "Nhóm", 2), Column("C")),
        (
            Row(("1", "x", "y", "z")),
            Row(("Nhóm 2",), kind="group"),
            Row(("", "1", "2", "3"), "total"),
        ),
    )
    root = docx.oxml.parse_xml(table_xml(_plain(table), 9000))
    first, second, *rows = root.findall(qn("tr"))
    assert [
        c.find(f"{qn('tcPr')}/{qn('gridSpan')}") is not None for c in first.findall(qn("tc"))
    ] == [False, True, False]
    assert len(second.findall(qn("tc"))) == 4
    assert rows[1].find(f"{qn('tc')}/{qn('tcPr')}/{qn('gridSpan')}").get(qn("val")) == "4"
    assert rows[2].find(f".//{qn('b')}") is not None


def _plain(table: Table) -> dict[str, Any]:
    from cchc_cli.report.model import _plain as plain

    found = plain(table)
    assert isinstance(found, dict)
    return found


def test_without_appendices_there_is_no_landscape_page() -> None:
    document = render_report(appendices=())
    assert len(document.sections) == 1
    assert (mm(document.sections[0].page_width), mm(document.sections[0].page_height)) == (
        210.0,
        297.0,
    )
    assert not any(p.text.startswith("PHỤ LỤC") for p in document.paragraphs)


# --- properties: where the draft came from, never in its text -----------------------------------


def test_provenance_is_in_the_properties_not_the_text(document: Any) -> None:
    props = document.core_properties
    assert props.comments.startswith("Dự thảo lập bằng cchc ")
    assert "commit abc1234" in props.comments and "2025-01-05T08:30:00" in props.comments
    assert props.identifier == "abc1234"
    assert props.content_status == "Dự thảo"
    assert props.created == props.modified == GENERATED
    assert props.title == "Báo cáo kết quả thực hiện công tác cải cách hành chính quý I năm 2024"
    text = body_text(document)
    assert "abc1234" not in text and "cchc" not in text and "commit" not in text


def test_committed_template_is_the_scripts_output(tmp_path: Path) -> None:
    """The binary in the package is exactly what scripts/make_docx_template.py builds."""
    target = tmp_path / "report.docx"
    subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "make_docx_template.py"), str(target)],
        check=True,
        capture_output=True,
    )
    assert target.read_bytes() == (builtin_dir() / "report.docx").read_bytes()


def test_committed_font_metrics_are_the_scripts_output(tmp_path: Path) -> None:
    fonts = Path("/usr/share/fonts/truetype/liberation2")
    if not (fonts / "LiberationSerif-Regular.ttf").is_file():
        pytest.skip("Liberation Serif 2 is not installed (Debian: fonts-liberation2)")
    script = runpy.run_path(str(ROOT / "scripts" / "make_font_metrics.py"))
    committed = (ROOT / "cchc_cli" / "report" / "font_metrics.py").read_text(encoding="utf-8")
    assert script["render"](fonts) == committed


# --- the PAR INDEX self-assessment report: the same page --------------------------------------


@pytest.fixture(scope="module")
def par_document() -> Any:
    from cchc_cli.report.par_facts import build as build_par

    dataset = load_checked(FIXTURE / "data", check)
    report = build_par(
        dataset, 2024, issued=date(2025, 1, 5), commit="abc1234", generated=GENERATED
    )
    data = render(report, "docx", dataset.root)
    assert isinstance(data, bytes)
    return docx.Document(io.BytesIO(data))


SAME_PAGE = (
    test_a_portrait_body_then_landscape_appendices,
    test_times_new_roman_in_vietnamese,
    test_paragraph_spacing_and_line_spacing,
    test_the_page_head_grid_matches_its_cells,
    test_every_page_head_line_fits_its_column,
    test_page_numbers_from_page_two_and_the_draft_mark_on_page_one,
    test_no_word_is_cut_by_a_narrow_column,
)


@pytest.mark.parametrize("page_check", SAME_PAGE, ids=lambda f: f.__name__[5:])
def test_the_self_assessment_has_the_same_page(par_document: Any, page_check: Any) -> None:
    page_check(par_document)


def test_the_self_assessment_title_rules_and_headings(par_document: Any) -> None:
    found = [p.text for p in par_document.paragraphs]
    title = "Kết quả tự đánh giá, chấm điểm Chỉ số cải cách hành chính năm 2024"
    assert found[found.index("BÁO CÁO") + 1] == title
    table = rules(par_document)[title]
    width = int(table.find(f"{qn('tblPr')}/{qn('tblW')}").get(qn("w")))
    assert width == round(text_width(title, 14, bold=True) * 20 * 0.4)
    headings = [(p.style.name, p.text) for p in par_document.paragraphs
                if p.style.name.startswith("Heading")]  # fmt: skip
    assert ("Heading 1", "II. GIẢI TRÌNH KẾT QUẢ TỰ ĐÁNH GIÁ") in headings
    assert ("Heading 2", "2. Cải cách thủ tục hành chính") in headings
    closing = next(t for t in par_document.tables if t.rows[0].cells[0].text.startswith("Nơi"))
    assert [p.text for p in closing.rows[0].cells[1].paragraphs if p.text] == [
        "GIÁM ĐỐC",
        "Nguyễn Văn An",
    ]
    assert par_document.core_properties.title == f"Báo cáo {title[0].lower()}{title[1:]}"


def test_the_self_assessment_appendix_is_one_landscape_table(par_document: Any) -> None:
    headings = [(p.style.name, p.text) for p in par_document.paragraphs
                if p.text.startswith("PHỤ LỤC")]  # fmt: skip
    assert headings == [("Đề mục phụ lục", "PHỤ LỤC")]
    (table,) = appendix_tables(par_document)
    landscape = par_document.sections[1]
    room = landscape.page_width.twips - landscape.left_margin.twips - landscape.right_margin.twips
    assert sum(int(c.get(qn("w"))) for c in table.iter(qn("gridCol"))) == room
    rows = table.findall(qn("tr"))
    assert rows[0].find(f"{qn('trPr')}/{qn('tblHeader')}") is not None
    assert len(rows) == 1 + 16  # the header, every field, criterion and sub-criterion, the total
    bold = [r for r in rows[1:] if r.find(f".//{qn('b')}") is not None]
    assert len(bold) == 4  # three fields and the total
