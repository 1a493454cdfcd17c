"""The Word report, opened with python-docx: page, font, header, headings, a task row."""

from __future__ import annotations

import io
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from cchc_cli.checks import check
from cchc_cli.engine.periods import report_period
from cchc_cli.read.loader import load_checked
from cchc_cli.report.facts import build
from cchc_cli.report.render import render
from cchc_cli.report.templates import builtin_dir

docx = pytest.importorskip("docx")
pytest.importorskip("docxtpl")

FIXTURE = Path(__file__).parent / "fixtures" / "report"
ROOT = Path(__file__).parent.parent


@pytest.fixture(scope="module")
def document() -> Any:
    dataset = load_checked(FIXTURE / "data", check)
    report = build(dataset, report_period("q1", 2024), issued=date(2025, 1, 5), commit=None)
    data = render(report, "docx", dataset.root)
    assert isinstance(data, bytes)
    return docx.Document(io.BytesIO(data))


def mm(length: int) -> float:
    return round(length / 36000, 1)  # EMU per millimetre


def test_page_size_and_margins(document: Any) -> None:
    section = document.sections[0]
    assert (mm(section.page_width), mm(section.page_height)) == (210.0, 297.0)
    assert (mm(section.top_margin), mm(section.bottom_margin)) == (20.0, 20.0)
    assert (mm(section.left_margin), mm(section.right_margin)) == (30.0, 15.0)


def test_font(document: Any) -> None:
    normal = document.styles["Normal"]
    assert normal.font.name == "Times New Roman"
    assert normal.font.size.pt in (13, 14)
    fonts = normal.element.rPr.rFonts
    assert fonts.get(docx.oxml.ns.qn("w:hAnsi")) == "Times New Roman"


def test_header_table(document: Any) -> None:
    header = document.tables[0]
    left, right = (cell.text.split("\n") for cell in header.rows[0].cells)
    assert left == ["UBND TỈNH ĐỒNG THÁP", "SỞ CÔNG THƯƠNG"]
    assert right == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
    number, place_date = (cell.text for cell in header.rows[1].cells)
    assert number == "Số:      /BC-SCT"
    assert place_date == "Đồng Tháp, ngày 05 tháng 01 năm 2025"
    issuing = header.rows[0].cells[0].paragraphs[1]
    assert all(run.bold for run in issuing.runs)
    assert header.rows[1].cells[1].paragraphs[0].runs[0].italic
    borders = header._tbl.tblPr.find(docx.oxml.ns.qn("w:tblBorders"))
    assert borders is not None
    assert {edge.get(docx.oxml.ns.qn("w:val")) for edge in borders} == {"nil"}


def texts(document: Any) -> list[str]:
    return [p.text for p in document.paragraphs]


def test_title_and_recipient(document: Any) -> None:
    found = texts(document)
    title = found.index("BÁO CÁO")
    assert document.paragraphs[title].runs[0].bold
    assert found[title + 1] == "Kết quả thực hiện công tác cải cách hành chính quý I năm 2024"
    assert found[title + 2] == "Kính gửi: Sở Nội vụ."


def test_section_headings(document: Any) -> None:
    found = texts(document)
    headings = [
        "I. Công tác chỉ đạo, điều hành",
        "II. Kết quả thực hiện các nhiệm vụ",
        "1. Cải cách thể chế",
        "III. Đánh giá chung",
        "IV. Phương hướng, nhiệm vụ kỳ tới",
        "V. Đề xuất, kiến nghị",
        "Phụ lục 1. Nhiệm vụ theo lĩnh vực và tình trạng",
    ]
    positions = [found.index(h) for h in headings]
    assert positions == sorted(positions)
    assert not any("{%" in text or "{{" in text for text in found)


def test_a_task_row(document: Any) -> None:
    tasks = next(t for t in document.tables if t.rows[0].cells[0].text == "STT")
    rows = [[cell.text for cell in row.cells] for row in tasks.rows]
    assert rows[1] == [
        "1",
        "Ban hành Kế hoạch CCHC năm 2024",
        "Văn phòng Sở",
        "31/01/2024",
        "100 %",
        "hoàn thành đúng hạn",
        "25/01/2024",
    ]
    assert len(rows) == 1 + 9


def test_closing_block(document: Any) -> None:
    closing = next(t for t in document.tables if t.rows[0].cells[0].text.startswith("Nơi nhận"))
    recipients, signer = closing.rows[0].cells
    heading = recipients.paragraphs[0].runs[0]
    assert (heading.bold, heading.italic, heading.font.size.pt) == (True, True, 12)
    items = recipients.paragraphs[1:]
    assert [p.text for p in items] == [
        "- Sở Nội vụ;",
        "- Lãnh đạo Sở;",
        "- Các phòng, đơn vị thuộc Sở;",
        "- Lưu: VT, VP.",
    ]
    assert {run.font.size.pt for p in items for run in p.runs} == {11}
    lines = [p.text for p in signer.paragraphs if p.text]
    assert lines == ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Trần Văn Bình"]


def test_committed_template_is_the_scripts_output(tmp_path: Path) -> None:
    """The binary in the package is exactly what scripts/make_docx_template.py builds."""
    target = tmp_path / "report.docx"
    subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "make_docx_template.py"), str(target)],
        check=True,
        capture_output=True,
    )
    assert target.read_bytes() == (builtin_dir() / "report.docx").read_bytes()
