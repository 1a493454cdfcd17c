"""Build the Word template of the periodic CCHC report: ``templates/report.docx``.

The template is an ordinary Word file with docxtpl (Jinja) tags, so staff can restyle it in
Word and save it as ``templates/report.docx`` in their data repository. This script is the
reviewable source of the committed binary; rebuild it after changing the layout:

    python scripts/make_docx_template.py [OUTPUT]

Layout (Nghị định 30/2020/NĐ-CP): A4; margins top 20, bottom 20, left 30, right 15 mm;
Times New Roman, body 14 pt justified with a 1 cm first-line indent; a two-column
borderless header table; the bold title; ``Nơi nhận`` at 12 pt (bold italic) with 11 pt
items; the signature block on the right. The names used in the tags are the fields of
`cchc_cli.report.facts.Report`. The output is byte-for-byte reproducible.
"""

from __future__ import annotations

import datetime as dt
import io
import sys
from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

from cchc_cli.report.docx import reproducible_zip

FONT = "Times New Roman"
BODY_PT = 14
TARGET = Path(__file__).resolve().parent.parent / "templates" / "report.docx"
FIXED_TIME = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
STATE_COLUMNS = 6  # len(cchc_cli.engine.progress.STATE_ORDER)


def _set_font(style: Any, size: int) -> None:
    style.font.name = FONT
    style.font.size = Pt(size)
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)


def _no_borders(table: Any) -> None:
    props = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    props.append(borders)


def _rule_below(paragraph: Any, indent_cm: float) -> None:
    """A short horizontal rule under `paragraph` (a bottom border on an indented paragraph)."""
    paragraph.paragraph_format.left_indent = Cm(indent_cm)
    paragraph.paragraph_format.right_indent = Cm(indent_cm)
    border = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    border.append(bottom)
    paragraph._p.get_or_add_pPr().append(border)


def _para(
    container: Any,
    text: str = "",
    *,
    bold: bool = False,
    italic: bool = False,
    size: int | None = None,
    align: Any = None,
    indent: bool = False,
    after: int = 3,
) -> Any:
    paragraph = container.add_paragraph()
    if text:
        run = paragraph.add_run(text)
        run.bold = bold or None
        run.italic = italic or None
        if size:
            run.font.size = Pt(size)
    fmt = paragraph.paragraph_format
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(after)
    if align is not None:
        fmt.alignment = align
    if indent:
        fmt.first_line_indent = Cm(1)
    return paragraph


def _cell(table: Any, row: int, col: int) -> Any:
    cell = table.cell(row, col)
    cell.paragraphs[0]._p.getparent().remove(cell.paragraphs[0]._p)
    return cell


def _tag(container: Any, tag: str) -> None:
    """A paragraph holding only a docxtpl paragraph tag (``{%p … %}``): removed on render."""
    _para(container, "{%p " + tag + " %}", after=0)


def _header(doc: Any) -> None:
    table = doc.add_table(rows=2, cols=2)
    _no_borders(table)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    widths = (Cm(6.5), Cm(10))
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width
    center = WD_ALIGN_PARAGRAPH.CENTER
    left = _cell(table, 0, 0)
    _para(left, "{{ header.governing_body }}", size=13, align=center, after=0)
    _rule_below(_para(left, "{{ header.issuing_body }}", bold=True, size=13, align=center), 1.8)
    right = _cell(table, 0, 1)
    _para(right, "{{ header.nation }}", bold=True, size=13, align=center, after=0)
    _rule_below(_para(right, "{{ header.motto }}", bold=True, size=14, align=center), 2.2)
    _para(_cell(table, 1, 0), "{{ header.number }}", size=13, align=center)
    _para(_cell(table, 1, 1), "{{ header.place_date }}", italic=True, align=center)


def _lists(doc: Any, section: str) -> None:
    groups = (
        ("done", "Nhiệm vụ đã hoàn thành"),
        ("in_progress", "Nhiệm vụ đang thực hiện"),
        ("not_started", "Nhiệm vụ chưa triển khai"),
        ("overdue", "Nhiệm vụ quá hạn"),
    )
    for key, heading in groups:
        _tag(doc, f"if {section}.{key}")
        _para(doc, f"{heading}:", bold=True, indent=True)
        _tag(doc, f"for t in {section}.{key}")
        _para(doc, "- {{ t.sentence }}", indent=True, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
        _tag(doc, "endfor")
        _tag(doc, "endif")
    _tag(doc, f"if {section}.empty")
    _para(doc, "Trong kỳ không có nhiệm vụ theo dõi trong kế hoạch.", indent=True)
    _tag(doc, "endif")


def _bullets(doc: Any, items: str, gap: str) -> None:
    _tag(doc, f"for line in {items}")
    _para(doc, "- {{ line }}", indent=True, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    _tag(doc, "endfor")
    _para(doc, "- {{ placeholder('" + gap + "') }}", indent=True)


def _body(doc: Any) -> None:
    justify = WD_ALIGN_PARAGRAPH.JUSTIFY
    _para(
        doc,
        "Thực hiện {{ plan.title }}, {{ plan.issuing_body }} báo cáo kết quả thực hiện công tác "
        "cải cách hành chính {{ period.title }} (số liệu từ ngày {{ window.start|table_date }} "
        "đến ngày {{ window.end|table_date }}) như sau:",
        indent=True,
        align=justify,
    )
    _para(doc, "I. Công tác chỉ đạo, điều hành", bold=True, indent=True)
    _tag(doc, "if direction")
    _lists(doc, "direction")
    _tag(doc, "endif")
    gap = "văn bản chỉ đạo, điều hành; kiểm tra, tuyên truyền cải cách hành chính trong kỳ"
    _para(doc, "{{ placeholder('" + gap + "') }}", indent=True)
    _para(doc, "II. Kết quả thực hiện các nhiệm vụ", bold=True, indent=True)
    _tag(doc, "for s in areas")
    _para(doc, "{{ s.number }}. {{ s.name }}", bold=True, indent=True)
    _lists(doc, "s")
    _para(doc, "{{ placeholder('kết quả khác của lĩnh vực ' ~ s.name) }}", indent=True)
    _tag(doc, "endfor")
    _para(doc, "III. Đánh giá chung", bold=True, indent=True)
    _para(doc, "1. Ưu điểm", bold=True, indent=True)
    _bullets(doc, "strengths", "ưu điểm khác")
    _para(doc, "2. Tồn tại, hạn chế", bold=True, indent=True)
    _bullets(doc, "weaknesses", "tồn tại, hạn chế khác và nguyên nhân")
    _para(doc, "IV. Phương hướng, nhiệm vụ kỳ tới", bold=True, indent=True)
    _para(
        doc,
        "Các nhiệm vụ đến hạn trong {{ next_period.title }} (từ ngày "
        "{{ next_window.start|table_date }} đến ngày {{ next_window.end|table_date }}):",
        indent=True,
        align=justify,
    )
    _tag(doc, "for t in next_tasks")
    _para(
        doc,
        "- {{ t.title }}: hạn {{ t.due|table_date }}, đơn vị chủ trì: {{ t.lead }}; "
        "tiến độ hiện nay: {{ t.percent }} %.",
        indent=True,
        align=justify,
    )
    _tag(doc, "endfor")
    _para(doc, "{{ placeholder('phương hướng, nhiệm vụ trọng tâm kỳ tới') }}", indent=True)
    _para(doc, "V. Đề xuất, kiến nghị", bold=True, indent=True)
    _para(doc, "{{ placeholder('đề xuất, kiến nghị') }}", indent=True)


def _closing(doc: Any) -> None:
    table = doc.add_table(rows=1, cols=2)
    _no_borders(table)
    left = _cell(table, 0, 0)
    _para(left, "{{ closing.recipients_heading }}", bold=True, italic=True, size=12, after=0)
    _tag(left, "for line in closing.recipients")
    _para(left, "{{ line }}", size=11, after=0)
    _tag(left, "endfor")
    right = _cell(table, 0, 1)
    center = WD_ALIGN_PARAGRAPH.CENTER
    _tag(right, "for line in closing.signer_lines")
    _para(right, "{{ line }}", bold=True, align=center, after=0)
    _tag(right, "endfor")
    for _ in range(4):
        _para(right, "", after=0)
    _para(right, "{{ closing.signer_name }}", bold=True, align=center)


def _grid(doc: Any, headers: list[str], cells: list[str], loop: str) -> None:
    """A bordered table: a header row, then one row per item of `loop` (``x in items``)."""
    table = doc.add_table(rows=4, cols=len(headers))
    table.style = "Table Grid"
    for i, text in enumerate(headers):
        _para(_cell(table, 0, i), text, bold=True, size=11, align=WD_ALIGN_PARAGRAPH.CENTER)
    _para(_cell(table, 1, 0), "{%tr for " + loop + " %}", size=11)
    for i, text in enumerate(cells):
        _para(_cell(table, 2, i), text, size=11, after=0)
    _para(_cell(table, 3, 0), "{%tr endfor %}", size=11)
    for row in (1, 3):
        for i in range(1, len(headers)):
            _para(_cell(table, row, i), "", size=11)


def _appendix(doc: Any) -> None:
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    _para(doc, "Phụ lục 1. Nhiệm vụ theo lĩnh vực và tình trạng", bold=True)
    states = [f"{{{{ states[{i}] }}}}" for i in range(STATE_COLUMNS)]
    counts = [f"{{{{ row.counts[{i}] }}}}" for i in range(STATE_COLUMNS)]
    headers = ["Lĩnh vực", *states, "Tổng", "Tỷ lệ hoàn thành", "Tiến độ bình quân"]
    cells = ["{{ row.name }}", *counts, "{{ row.total }}", "{{ row.completion }}"]
    cells.append("{{ row.mean_progress }}")
    _para(
        doc,
        "a) Trong kỳ báo cáo (mỗi kỳ của nhiệm vụ định kỳ tính một lần; tình trạng tính đến hết "
        "ngày {{ as_of|table_date }}): các nhiệm vụ đã bắt đầu, trừ những nhiệm vụ đã hoàn "
        "thành trước ngày {{ window.start|table_date }}.",
        italic=True,
        size=12,
        align=WD_ALIGN_PARAGRAPH.JUSTIFY,
    )
    _grid(doc, headers, cells, "row in area_rows + (total_row,)")
    _para(
        doc,
        "b) Lũy kế từ đầu giai đoạn đến hết ngày {{ as_of|table_date }} (mọi kỳ đã bắt đầu, "
        "như lệnh cchc status --as-of {{ as_of|table_date }})",
        italic=True,
        size=12,
    )
    _grid(doc, headers, cells, "row in cumulative_rows + (cumulative_total,)")
    _para(doc, "Phụ lục 2. Danh sách nhiệm vụ", bold=True)
    _grid(
        doc,
        ["STT", "Nhiệm vụ", "Đơn vị chủ trì", "Hạn", "Tiến độ", "Tình trạng", "Hoàn thành"],
        [
            "{{ loop.index }}",
            "{{ t.title }}",
            "{{ t.lead }}",
            "{{ t.due|table_date }}",
            "{{ t.percent }} %",
            "{{ t.state }}",
            "{{ t.done_on|table_date }}",
        ],
        "t in task_rows",
    )
    _para(doc, "Phụ lục 3. Chỉ số so với chỉ tiêu", bold=True)
    _grid(
        doc,
        ["Chỉ số", "Năm", "Chỉ tiêu", "Kết quả", "Đánh giá", "So với năm trước"],
        [
            "{{ row.name }}",
            "{{ row.year }}",
            "{{ row.target }}",
            "{{ row.value }}",
            "{{ row.verdict }}",
            "{{ row.trend }}",
        ],
        "row in indicator_rows",
    )
    _para(doc, "{{ stamp }}", italic=True, size=10)


def build() -> Any:
    """The template as a python-docx `Document`."""
    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    _set_font(doc.styles["Normal"], BODY_PT)
    _set_font(doc.styles["Table Grid"], 11)
    props = doc.core_properties
    props.title = "Báo cáo định kỳ cải cách hành chính"
    props.author = props.last_modified_by = "cchc"
    props.created = props.modified = FIXED_TIME.replace(tzinfo=None)
    props.revision = 1
    _header(doc)
    center = WD_ALIGN_PARAGRAPH.CENTER
    title = _para(doc, "{{ header.doc_type }}", bold=True, align=center, after=0)
    title.paragraph_format.space_before = Pt(12)
    _para(doc, "{{ header.summary }}", bold=True, align=center, after=12)
    _para(doc, "Kính gửi: {{ header.report_to }}.", align=center, after=12)
    _body(doc)
    _closing(doc)
    _appendix(doc)
    return doc


def main(argv: list[str]) -> int:
    target = Path(argv[1]) if len(argv) > 1 else TARGET
    buffer = io.BytesIO()
    build().save(buffer)
    target.write_bytes(reproducible_zip(buffer.getvalue()))
    print(f"Đã ghi {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
