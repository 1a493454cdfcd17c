"""The Word (docx) report: a docxtpl template rendered with the report's strict environment,
then finished with what a template cannot do by itself.

docxtpl (a dependency of cchc: ``pip install .`` writes Word files) is imported only here,
only when a docx report is asked for. The text is XML-escaped (a docx is XML, whatever the
environment's HTML-only autoescape says). After rendering:

1. each appendix table replaces the paragraph holding its ``{{ t.slot }}`` token, built by
   `cchc_cli.report.docx_tables` as wide as its section's text (linear in rows; the big
   tables never pass through Jinja, nor through lxml: the paragraph becomes a marker, and
   the table's text is written in its place as the zip is written, a row at a time);
2. each rule (a one-cell table whose caption is ``cchc-rule:N``, see
   ``scripts/make_docx_template.py``) is sized to N % of the text of the paragraph above it,
   measured in Times New Roman (`cchc_cli.report.text_width`): Nghị định 30/2020 wants 1/3 to
   1/2 of the agency name under it, the motto's full length under the motto;
3. without appendices, the landscape section that would hold them is dropped;
4. the document's properties get the time of generation.

The zip is rewritten with fixed timestamps, so the same data gives the same bytes.

Linear in time and memory. lxml moves a tree from one document into another (docxtpl's
rendered body into python-docx's) in time quadratic in the tree's ``xml:``-namespaced
attributes, and Word puts ``xml:space="preserve"`` on nearly every run of text (at 50 000
tasks, 80 000 body paragraphs: 1.7 s in that move, and 5 s for the tables when they were
moved too). So each text run's ``xml:space`` travels as a ``w:`` attribute (`_mark`) and
is put back once the body is home (`_unmark`): the same XML, moved in linear time. And an
appendix table as an lxml tree costs about 15 kB a row (450 MB at 50 000 tasks), which is
why tables are written as text straight into the zip (`_expand`).
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cchc_cli.errors import CchcError
from cchc_cli.report.docx_tables import W_NS, table_parts
from cchc_cli.report.template_errors import TemplateFileError, docx_error, template_error
from cchc_cli.report.templates import shown_template
from cchc_cli.report.text_width import text_width

if TYPE_CHECKING:
    from jinja2.sandbox import SandboxedEnvironment

FIXED_DATE_TIME = (1980, 1, 1, 0, 0, 0)
RULE_PREFIX = "cchc-rule:"
SLOT = "cchc-table-slot-{}"
_MARKER = "cchcTable"  # <w:cchcTable w:val="N"/>: where table N is written (`_expand`)
DEFAULT_PT = 14.0
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_PRESERVED = '<w:t xml:space="preserve">'
_MARKED = '<w:t w:cchcPreserve="1">'  # a `w:` attribute moves between lxml trees in O(1)


def _w(tag: str) -> str:
    return f"{{{W_NS}}}{tag}"


def reproducible_zip(
    data: bytes, expand: Mapping[str, Callable[[bytes], Iterable[bytes]]] | None = None
) -> bytes:
    """`data` (a zip) rewritten with fixed timestamps and modes, entries in the same order;
    an entry named in `expand` is written as the pieces its function makes of its bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            info = zipfile.ZipInfo(item.filename, date_time=FIXED_DATE_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            pieces = (expand or {}).get(item.filename)
            if pieces is None:
                target.writestr(info, source.read(item.filename))
                continue
            with target.open(info, "w") as entry:
                for piece in pieces(source.read(item.filename)):
                    entry.write(piece)
    return out.getvalue()


def with_slots(context: dict[str, Any]) -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
    """A copy of `context` whose every appendix table has a ``slot`` token, and the tables by
    token. Only the appendices and their tables are copied: the rest is shared."""
    tables: dict[str, dict[str, Any]] = {}
    appendices = []
    for appendix in context.get("appendices", []):
        slotted = []
        for table in appendix.get("tables", []):
            token = SLOT.format(len(tables))
            tables[token] = table
            slotted.append({**table, "slot": token})
        appendices.append({**appendix, "tables": slotted})
    found = dict(context)
    if "appendices" in context:
        found["appendices"] = appendices
    return found, tables


def _mark(xml: str) -> str:
    """`xml` with each text run's ``xml:space="preserve"`` written as a ``w:`` attribute."""
    return xml.replace(_PRESERVED, _MARKED)


def _unmark(root: Any) -> None:
    """Put back the ``xml:space="preserve"`` of each text run under `root` (see `_mark`)."""
    mark = _w("cchcPreserve")
    for text in root.iter(_w("t")):
        if text.attrib.pop(mark, None) is not None:
            text.set(XML_SPACE, "preserve")


def _template_class() -> type[Any]:
    """docxtpl's `DocxTemplate`, moving its rendered body home in linear time (`_mark`)."""
    from docxtpl import DocxTemplate

    class Template(DocxTemplate):  # type: ignore[misc]
        def build_xml(self, context: dict[str, Any], jinja_env: Any = None) -> str:
            return _mark(super().build_xml(context, jinja_env))

        def map_tree(self, tree: Any) -> None:
            super().map_tree(tree)
            _unmark(tree)

    return Template


def render_docx(
    template: Path, context: dict[str, Any], env: SandboxedEnvironment, root: Path | None
) -> bytes:
    """The rendered Word file. Template problems become `CchcError`s naming the template."""
    shown = shown_template(str(template), template.name, root)
    try:
        with template.open("rb") as handle:
            handle.read(1)
    except OSError as exc:
        raise template_error(TemplateFileError(template, exc), template.name, root) from exc
    if not zipfile.is_zipfile(template):
        raise CchcError(
            f"Mẫu báo cáo “{shown}” không phải tệp Word (.docx) hợp lệ.",
            "Lưu lại mẫu bằng Word dạng .docx, hoặc xoá tệp đó trong thư mục templates/.",
        )
    slotted, tables = with_slots(context)
    try:
        document = _template_class()(str(template))
        document.render(slotted, jinja_env=env, autoescape=True)
        placed = finish(document.docx, tables, context)
        buffer = io.BytesIO()
        document.save(buffer)
        main = document.docx.part.partname.membername
        return reproducible_zip(buffer.getvalue(), {main: lambda xml: _expand(xml, placed)})
    except Exception as exc:  # a user's template can fail in any way: report, never crash
        raise docx_error(exc, shown) from exc


def finish(
    doc: Any, tables: dict[str, dict[str, Any]], context: dict[str, Any]
) -> list[tuple[dict[str, Any], int]]:
    """What the template cannot do itself (see the module): tables, rules, sections, times.
    Returns the tables to write at their markers, with their widths (`_expand`)."""
    body = doc.element.body
    placed = _fill_slots(body, tables)
    _size_rules(body, _style_formats(doc))
    if not context.get("appendices"):
        _drop_last_section(body)
    generated = (context.get("provenance") or {}).get("generated")
    if generated:
        when = datetime.fromisoformat(generated)
        if when.tzinfo is not None:  # Word stores UTC
            when = when.astimezone(UTC).replace(tzinfo=None)
        doc.core_properties.created = doc.core_properties.modified = when
    return placed


# --- tables into their slots ---------------------------------------------------------------


def _text(element: Any) -> str:
    return "".join(t.text or "" for t in element.iter(_w("t")))


def _text_width_twips(sect: Any) -> int:
    """The text width of a section (page width less its side margins), in twips."""
    if sect is None:
        return 9355  # A4 portrait, 30 and 15 mm margins
    size, margins = sect.find(_w("pgSz")), sect.find(_w("pgMar"))
    width = int(size.get(_w("w")))
    return width - int(margins.get(_w("left"))) - int(margins.get(_w("right")))


def _section_of(paragraph: Any, body: Any) -> Any:
    """The ``sectPr`` of the section holding `paragraph` (a body paragraph)."""
    for sibling in paragraph.itersiblings():
        if sibling.tag == _w("p"):
            found = sibling.find(f"{_w('pPr')}/{_w('sectPr')}")
            if found is not None:
                return found
    return body.find(_w("sectPr"))


def _fill_slots(body: Any, tables: dict[str, dict[str, Any]]) -> list[tuple[dict[str, Any], int]]:
    """Each slot's paragraph made a marker (or, for a table without rows, its text); the
    tables behind the markers, in marker order, with their widths in twips."""
    placed: list[tuple[dict[str, Any], int]] = []
    if not tables:
        return placed
    waiting = dict(tables)
    for paragraph in list(body.iterchildren(_w("p"))):
        token = _text(paragraph)
        if token not in waiting:
            continue
        table = waiting.pop(token)
        width = _text_width_twips(_section_of(paragraph, body))
        if table.get("rows"):
            marker = paragraph.makeelement(_w(_MARKER), {_w("val"): str(len(placed))})
            paragraph.addprevious(marker)
            paragraph.getparent().remove(paragraph)
            placed.append((table, width))
        else:
            for text in paragraph.iter(_w("t")):
                text.text = ""
            next(paragraph.iter(_w("t"))).text = str(table.get("empty", ""))
    return placed


def _expand(xml: bytes, placed: list[tuple[dict[str, Any], int]]) -> Iterator[bytes]:
    """The document's XML with each marker replaced by its table, a row at a time: the
    text lxml would write for the table parsed and put in the marker's place."""
    pieces = re.split(rb'<w:%s w:val="([0-9]+)"/>' % _MARKER.encode(), xml)
    yield pieces[0]
    for number, after in zip(pieces[1::2], pieces[2::2], strict=True):
        table, width = placed[int(number)]
        for part in table_parts(table, width, declare=False):
            yield part.encode("utf-8")
        yield after


# --- rules sized to their text ---------------------------------------------------------------


def _style_formats(doc: Any) -> dict[str, tuple[float | None, bool | None]]:
    """``{style id: (size in points or None, bold or None)}``, "" for the defaults."""
    styles = doc.styles.element
    found: dict[str, tuple[float | None, bool | None]] = {}
    defaults = styles.find(f"{_w('docDefaults')}/{_w('rPrDefault')}/{_w('rPr')}")
    found[""] = _run_format(defaults)
    for style in styles.iterchildren(_w("style")):
        found[style.get(_w("styleId"))] = _run_format(style.find(_w("rPr")))
    return found


def _run_format(rpr: Any) -> tuple[float | None, bool | None]:
    if rpr is None:
        return None, None
    size = rpr.find(_w("sz"))
    bold = rpr.find(_w("b"))
    points = int(size.get(_w("val"))) / 2 if size is not None else None
    strong = None if bold is None else bold.get(_w("val"), "true") not in ("0", "false")
    return points, strong


def _measure(paragraph: Any, styles: dict[str, tuple[float | None, bool | None]]) -> float:
    """The width of `paragraph`'s text in points, in its first run's size and weight."""
    style = paragraph.find(f"{_w('pPr')}/{_w('pStyle')}")
    size, bold = styles.get(style.get(_w("val")) if style is not None else "Normal", (None, None))
    run = paragraph.find(f"{_w('r')}/{_w('rPr')}")
    run_size, run_bold = _run_format(run)
    points = run_size or size or styles[""][0] or DEFAULT_PT
    strong = run_bold if run_bold is not None else bool(bold)
    return text_width(_text(paragraph), points, bold=strong)


def _size_rules(body: Any, styles: dict[str, tuple[float | None, bool | None]]) -> None:
    """Every rule of the body, sized to the text above it (see the module)."""
    for table in list(body.iter(_w("tbl"))):
        caption = table.find(f"{_w('tblPr')}/{_w('tblCaption')}")
        value = caption.get(_w("val"), "") if caption is not None else ""
        if not value.startswith(RULE_PREFIX):
            continue
        above = table.getprevious()
        if above is None or above.tag != _w("p"):
            continue
        percent = int(value[len(RULE_PREFIX) :] or 100)
        cell = table.getparent()
        available = _text_width_twips(body.find(_w("sectPr")))
        if cell.tag == _w("tc"):
            width = cell.find(f"{_w('tcPr')}/{_w('tcW')}")
            available = int(width.get(_w("w"))) - 114 if width is not None else available
        twips = round(min(_measure(above, styles) * 20, available) * percent / 100)
        _set_width(table, max(twips, 20))


def _set_width(table: Any, twips: int) -> None:
    width = table.find(f"{_w('tblPr')}/{_w('tblW')}")
    for element in (width, *table.iter(_w("gridCol")), *table.iter(_w("tcW"))):
        if element is not None:
            element.set(_w("w"), str(twips))


# --- no appendices, no landscape section -------------------------------------------------------


def _drop_last_section(body: Any) -> None:
    """Make the section before the last one the document's last (its page set-up wins)."""
    inner = f"{_w('pPr')}/{_w('sectPr')}"
    breaks = [p for p in body.iterchildren(_w("p")) if p.find(inner) is not None]
    if not breaks:
        return
    last_break = breaks[-1]
    sect = last_break.find(inner)
    final = body.find(_w("sectPr"))
    final.addprevious(sect)
    body.remove(final)
    for following in list(last_break.itersiblings(_w("p"))):
        if not _text(following).strip():
            body.remove(following)
    body.remove(last_break)
