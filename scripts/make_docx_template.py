"""Build the Word template of the reports: ``templates/report.docx``.

The template is an ordinary Word file with docxtpl (Jinja) tags, so staff can restyle it in
Word (every look is a named style) and save it as ``templates/report.docx`` in their data
repository. This script is the reviewable source of the committed binary; rebuild it after
changing the layout:

    python scripts/make_docx_template.py [OUTPUT]

Layout (Nghị định 30/2020/NĐ-CP): A4 portrait, margins top 20, bottom 20, left 30, right
15 mm; Times New Roman, Vietnamese (vi-VN); body 14 pt justified, first line indented 1 cm,
6 pt between paragraphs, lines 1.15. The page head is a borderless two-column table whose
grid matches its cells (6.2 + 10.3 cm): every line fits its column at its size. The rules
under the agency name, the motto and the title are one-cell tables with a top border,
sized by `cchc_cli.report.docx` to their text (40 %, 100 %, 40 %): exact, whatever the name.
Page numbers from page 2, top centre, 14 pt; page 1 instead carries the boxed "DỰ THẢO".
The appendices are a landscape section; each starts on a new page, and their tables, built
by `cchc_cli.report.docx_tables`, replace the ``{{ t.slot }}`` paragraphs. The names used in
the tags are the fields of `cchc_cli.report.model.Report`. The output is byte-for-byte
reproducible.
"""

from __future__ import annotations

import datetime as dt
import io
import sys
from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt
from docx_blocks import (
    CENTER,
    LANGUAGE,
    PAGE_HEAD,
    after_table,
    cell,
    defaults,
    make_element,
    new_table,
    para,
    rule,
    styles,
    tag,
)

from cchc_cli.report.docx import reproducible_zip

TARGET = Path(__file__).resolve().parent.parent / "templates" / "report.docx"
FIXED_TIME = dt.datetime(2024, 1, 1)
HEAD_WIDTHS = (Cm(6.2), Cm(10.3))
CLOSING_WIDTHS = (Cm(7.5), Cm(9.0))

# --- the parts of the page ---------------------------------------------------------------------


def _page_head(doc: Any) -> None:
    table = new_table(doc, 2, HEAD_WIDTHS)
    left, right = cell(table, 0, 0), cell(table, 0, 1)
    para(left, "{{ header.governing_body }}", PAGE_HEAD)
    para(left, "{{ header.issuing_body }}", PAGE_HEAD, bold=True)
    rule(left, 40)
    after_table(left)
    para(right, "{{ header.nation }}", PAGE_HEAD, bold=True)
    para(right, "{{ header.motto }}", PAGE_HEAD, bold=True, size=14)
    rule(right, 100)
    after_table(right)
    para(cell(table, 1, 0), "{{ header.number }}", PAGE_HEAD, before=6)
    para(cell(table, 1, 1), "{{ header.place_date }}", PAGE_HEAD, italic=True, size=14, before=6)


def _title(doc: Any) -> None:
    para(doc, "{{ header.doc_type }}", PAGE_HEAD, bold=True, size=14, before=18)
    para(doc, "{{ header.summary }}", PAGE_HEAD, bold=True, size=14)
    rule(doc, 40)
    to = para(doc, "Kính gửi: {{ header.report_to }}.", PAGE_HEAD, size=14, before=12)
    to.paragraph_format.space_after = Pt(12)


def _body(doc: Any) -> None:
    para(doc, "{{ opening }}")
    tag(doc, "for p in body")
    branches = (
        ("if", "heading1", "{{ p.text }}", "Heading 1"),
        ("elif", "heading2", "{{ p.text }}", "Heading 2"),
        ("elif", "heading3", "{{ p.text }}", "Heading 3"),
        ("elif", "item", "- {{ p.text }}", "Normal"),
        ("elif", "gap", "{{ p.text }}", "Phần đơn vị bổ sung"),
    )
    for keyword, style, text, word_style in branches:
        tag(doc, f'{keyword} p.style == "{style}"')
        para(doc, text, word_style)
    tag(doc, "else")
    para(doc, "{{ p.text }}")
    tag(doc, "endif")
    tag(doc, "endfor")


def _closing(doc: Any) -> None:
    table = new_table(doc, 1, CLOSING_WIDTHS)
    table.rows[0]._tr.get_or_add_trPr().append(make_element("w:cantSplit"))  # one page
    left, right = cell(table, 0, 0), cell(table, 0, 1)
    para(
        left,
        "{{ closing.recipients_heading }}",
        "Nơi nhận",
        bold=True,
        italic=True,
        size=12,
        before=12,
    )
    tag(left, "for line in closing.recipients")
    para(left, "{{ line }}", "Nơi nhận")
    tag(left, "endfor")
    tag(right, "for line in closing.signer_lines")
    first = para(right, "{{ line }}", PAGE_HEAD, bold=True, size=14)
    first.paragraph_format.space_before = Pt(12)
    tag(right, "endfor")
    for _ in range(4):
        para(right, "", PAGE_HEAD, size=14)
    para(right, "{{ closing.signer_name }}", PAGE_HEAD, bold=True, size=14)


def _appendices(doc: Any) -> None:
    tag(doc, "for a in appendices")
    tag(doc, "if loop.first")
    para(doc, "{{ a.heading }}", "Đề mục phụ lục")
    tag(doc, "else")
    para(doc, "{{ a.heading }}", "Đề mục phụ lục, trang mới")
    tag(doc, "endif")
    para(doc, "{{ a.title }}", "Tên phụ lục")
    para(doc, "{{ a.note }}", "Kèm theo")
    tag(doc, "for t in a.tables")
    tag(doc, "if t.caption")
    para(doc, "{{ t.caption }}", "Tên bảng")
    tag(doc, "endif")
    para(doc, "{{ t.slot }}", "Bảng - nội dung")
    tag(doc, "endfor")
    tag(doc, "endfor")


def _page_numbers(section: Any) -> None:
    """From page 2, the page number centred at the top; page 1 has the boxed draft mark."""
    section.different_first_page_header_footer = True
    paragraph = section.header.paragraphs[0]
    paragraph.style = PAGE_HEAD
    paragraph.paragraph_format.alignment = CENTER
    for kind, text in (
        ("begin", None),
        (None, " PAGE "),
        ("separate", None),
        (None, "2"),
        ("end", None),
    ):
        run = paragraph.add_run()
        run.font.size = Pt(14)
        if kind:
            run._r.append(make_element("w:fldChar", fldCharType=kind))
        elif text == " PAGE ":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)
        else:
            run.text = text
    first = section.first_page_header
    box = new_table(first, 1, (Cm(2.8),), borders=True)
    box.alignment = WD_TABLE_ALIGNMENT.LEFT
    cell = box.cell(0, 0)
    cell.paragraphs[0].style = PAGE_HEAD
    cell.paragraphs[0].add_run("{{ header.draft }}").bold = True


def _page(section: Any, *, landscape: bool) -> None:
    short, long_ = Mm(210), Mm(297)
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (long_, short) if landscape else (short, long_)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    section.header_distance, section.footer_distance = Mm(7), Mm(10)


def build() -> Any:
    """The template as a python-docx `Document`."""
    doc = Document()
    defaults(doc)
    styles(doc)
    portrait = doc.sections[0]
    _page(portrait, landscape=False)
    _page_numbers(portrait)
    props = doc.core_properties
    props.title = "{{ title }}"
    props.subject = "{{ header.summary }}"
    props.comments = "{{ provenance.text }}"
    props.identifier = "{{ provenance.commit }}"
    props.language = LANGUAGE
    props.author = "{{ plan.issuing_body }}"
    props.last_modified_by = "cchc"
    props.content_status = "Dự thảo"
    props.created = props.modified = FIXED_TIME
    props.revision = 1
    _page_head(doc)
    _title(doc)
    _body(doc)
    _closing(doc)
    landscape = doc.add_section(WD_SECTION.NEW_PAGE)
    # The paragraph that ends the portrait section: one point high, so that it never spills
    # onto a page of its own after a full last page.
    ending = doc.paragraphs[-1]
    ending.style = PAGE_HEAD
    ending.paragraph_format.line_spacing = Pt(1)
    _page(landscape, landscape=True)
    landscape.different_first_page_header_footer = False
    _appendices(doc)
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
