"""The building blocks of the Word template (`make_docx_template.py`): its styles, and
paragraphs, tables and rules made the way Nghị định 30/2020 and Word want them."""

from __future__ import annotations

from typing import Any

from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from cchc_cli.report.docx import RULE_PREFIX

FONT = "Times New Roman"
LANGUAGE = "vi-VN"
BODY_PT = 14
CENTER, LEFT = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.LEFT
PAGE_HEAD = "Đầu trang"  # the page head's centred lines, without indent or spacing


# --- XML helpers -----------------------------------------------------------------------------


def make_element(tag: str, **attributes: str) -> Any:
    element = OxmlElement(tag)
    for key, value in attributes.items():
        element.set(qn(f"w:{key}"), value)
    return element


# The order the schema gives the children of a table's and a run's properties: Word refuses a
# file whose elements are out of order.
_TBL_PR = """tblStyle tblpPr tblOverlap bidiVisual tblStyleRowBandSize tblStyleColBandSize tblW jc
    tblCellSpacing tblInd tblBorders shd tblLayout tblCellMar tblLook tblCaption tblDescription"""
_R_PR = """rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss imprint
    noProof snapToGrid vanish webHidden color spacing w kern position sz szCs highlight u effect
    bdr shd fitText vertAlign rtl cs em lang eastAsianLayout specVanish oMath"""
_ORDER = {"w:tblPr": _TBL_PR.split(), "w:rPr": _R_PR.split()}


def replace(parent: Any, tag: str, **attributes: str) -> Any:
    """`parent`'s child `tag`, made anew with `attributes`, in its place in the schema's
    order (`_ORDER`; at the end for a parent not listed there)."""
    for old in parent.findall(qn(tag)):
        parent.remove(old)
    element = make_element(tag, **attributes)
    order = next((o for k, o in _ORDER.items() if parent.tag == qn(k)), None)
    name = tag.split(":", 1)[1]
    if order is not None and name in order:
        later = set(order[order.index(name) + 1 :])
        for child in parent:
            if child.tag.split("}", 1)[1] in later:
                child.addprevious(element)
                return element
    parent.append(element)
    return element


def run_defaults(rpr: Any, size: float) -> None:
    for old in list(rpr):
        rpr.remove(old)
    fonts = make_element("w:rFonts", ascii=FONT, hAnsi=FONT, cs=FONT, eastAsia=FONT)
    rpr.append(fonts)
    rpr.append(make_element("w:sz", val=str(round(size * 2))))
    rpr.append(make_element("w:szCs", val=str(round(size * 2))))
    rpr.append(make_element("w:lang", val=LANGUAGE, eastAsia=LANGUAGE, bidi="ar-SA"))


def defaults(doc: Any) -> None:
    """Times New Roman, 14 pt, Vietnamese, 6 pt after, 1.15 lines: for every style."""
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    run_defaults(rpr, BODY_PT)
    ppr = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr"))
    replace(ppr, "w:spacing", before="0", after="120", line="276", lineRule="auto")
    language = doc.settings.element.find(qn("w:themeFontLang"))
    language.set(qn("w:val"), LANGUAGE)


def style(
    doc: Any,
    name: str,
    style_id: str,
    *,
    size: float = BODY_PT,
    bold: bool = False,
    italic: bool = False,
    align: Any = WD_ALIGN_PARAGRAPH.JUSTIFY,
    indent: bool = True,
    before: int = 0,
    after: int = 6,
    keep_next: bool = False,
    page_break: bool = False,
    outline: int | None = None,
    shade: str | None = None,
) -> Any:
    """A paragraph style (made, or an existing one remade) with exactly these properties."""
    try:
        style = doc.styles[name]
    except KeyError:
        style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.style_id = style_id
    element = style.element
    for tag in ("w:pPr", "w:rPr", "w:link", "w:basedOn", "w:next"):
        for old in element.findall(qn(tag)):
            element.remove(old)
    style.quick_style = True
    fmt = style.paragraph_format
    fmt.alignment = align
    fmt.first_line_indent = Cm(1) if indent else Cm(0)
    fmt.left_indent = fmt.right_indent = Cm(0)
    fmt.space_before, fmt.space_after = Pt(before), Pt(after)
    fmt.line_spacing = 1.15
    fmt.keep_with_next = keep_next or None
    fmt.page_break_before = page_break or None
    fmt.widow_control = True
    if outline is not None:
        element.get_or_add_pPr().append(make_element("w:outlineLvl", val=str(outline)))
    rpr = element.get_or_add_rPr()
    run_defaults(rpr, size)
    font = style.font
    font.bold, font.italic = bold or None, italic or None
    if shade:
        replace(rpr, "w:shd", val="clear", color="auto", fill=shade)
    return style


def styles(doc: Any) -> None:
    style(doc, "Normal", "Normal")
    # Headings align left: a justified heading that wraps spreads its first line's words.
    style(doc, "Heading 1", "Heading1", bold=True, align=LEFT, before=6, keep_next=True, outline=0)
    style(doc, "Heading 2", "Heading2", bold=True, align=LEFT, keep_next=True, outline=1)
    style(doc, "Heading 3", "Heading3", italic=True, align=LEFT, keep_next=True, outline=2)
    style(
        doc,
        "Đề mục phụ lục",
        "AppendixHeading",
        bold=True,
        align=CENTER,
        indent=False,
        after=0,
        keep_next=True,
    )
    style(
        doc,
        "Đề mục phụ lục, trang mới",
        "AppendixHeadingNewPage",
        bold=True,
        align=CENTER,
        indent=False,
        after=0,
        keep_next=True,
        page_break=True,
    )
    style(
        doc,
        "Tên phụ lục",
        "AppendixTitle",
        bold=True,
        align=CENTER,
        indent=False,
        after=0,
        keep_next=True,
    )
    style(
        doc,
        "Kèm theo",
        "AppendixNote",
        italic=True,
        align=CENTER,
        indent=False,
        after=12,
        keep_next=True,
    )
    style(
        doc,
        "Tên bảng",
        "TableCaption",
        size=13,
        bold=True,
        align=LEFT,
        indent=False,
        before=12,
        after=3,
        keep_next=True,
    )
    style(
        doc,
        "Bảng - tiêu đề cột",
        "TableHeading",
        size=12,
        bold=True,
        align=CENTER,
        indent=False,
        after=0,
    )
    style(doc, "Bảng - nội dung", "TableText", size=12, align=LEFT, indent=False, after=0)
    style(doc, "Phần đơn vị bổ sung", "Gap", shade="FFFF99")
    style(doc, PAGE_HEAD, "PageHead", size=13, align=CENTER, indent=False, after=0)
    style(doc, "Nơi nhận", "Recipients", size=11, align=LEFT, indent=False, after=0)
    table = doc.styles["Table Grid"].element
    run_defaults(table.get_or_add_rPr(), 12)


# --- paragraphs ------------------------------------------------------------------------------


def para(
    container: Any,
    text: str = "",
    style: str = "Normal",
    *,
    bold: bool = False,
    italic: bool = False,
    size: float | None = None,
    align: Any = None,
    before: int | None = None,
) -> Any:
    paragraph = container.add_paragraph(style=style)
    if text:
        run = paragraph.add_run(text)
        run.bold, run.italic = bold or None, italic or None
        if size:
            run.font.size = Pt(size)
    if align is not None:
        paragraph.paragraph_format.alignment = align
    if before is not None:
        paragraph.paragraph_format.space_before = Pt(before)
    return paragraph


def tag(container: Any, tag: str) -> None:
    """A paragraph holding only a docxtpl paragraph tag (``{%p … %}``): removed on render."""
    para(container, "{%p " + tag + " %}")


def cell(table: Any, row: int, col: int) -> Any:
    cell = table.cell(row, col)
    cell.paragraphs[0]._p.getparent().remove(cell.paragraphs[0]._p)
    return cell


def new_table(container: Any, rows: int, widths: tuple[Any, ...], *, borders: bool = False) -> Any:
    """A table whose grid, cell widths and total width agree, laid out fixed."""
    try:
        table = container.add_table(rows=rows, cols=len(widths))
    except TypeError:  # a header or footer also wants the width
        table = container.add_table(rows=rows, cols=len(widths), width=sum(widths, Cm(0)))
    table.autofit = False
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    props = table._tbl.tblPr
    replace(props, "w:tblW", w=str(sum(w.twips for w in widths)), type="dxa")
    replace(props, "w:tblLayout", type="fixed")
    margins = replace(props, "w:tblCellMar")
    for side in ("left", "right"):
        margins.append(make_element(f"w:{side}", w="57", type="dxa"))
    edges = replace(props, "w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        edges.append(make_element(f"w:{edge}", val="single" if borders else "nil", sz="6"))
    for col, width in zip(table._tbl.tblGrid.findall(qn("w:gridCol")), widths, strict=True):
        col.set(qn("w:w"), str(width.twips))
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width
    return table


def rule(container: Any, percent: int) -> None:
    """A rule under the paragraph above: a one-cell table with only a top border, which
    `cchc_cli.report.docx` sizes to `percent` of that paragraph's text."""
    table = new_table(container, 1, (Cm(2),))
    props = table._tbl.tblPr
    replace(props, "w:tblCaption", val=f"{RULE_PREFIX}{percent}")
    edges = props.find(qn("w:tblBorders"))
    edges.find(qn("w:top")).set(qn("w:val"), "single")
    row = table.rows[0]._tr.get_or_add_trPr()
    row.append(make_element("w:trHeight", val="40", hRule="exact"))
    paragraph = table.cell(0, 0).paragraphs[0]
    paragraph.style = PAGE_HEAD
    paragraph.paragraph_format.line_spacing = Pt(1)


def after_table(cell: Any) -> None:
    """The paragraph Word needs after a table that ends a cell (python-docx adds it): one
    point high."""
    paragraph = cell.paragraphs[-1]
    paragraph.style = PAGE_HEAD
    paragraph.paragraph_format.line_spacing = Pt(1)
