"""The Word report's XML as it is written: appendix tables streamed into the zip as text are
the bytes lxml would write for them, text runs keep their ``xml:space``, and the same data
gives the same bytes (tests/test_report_docx.py looks at the page)."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import zipfile
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from cchc_cli.checks import check
from cchc_cli.engine.periods import report_period
from cchc_cli.read.loader import load_checked
from cchc_cli.report.docx_tables import W_NS, table_parts, table_xml
from cchc_cli.report.facts import build
from cchc_cli.report.render import render

docx = pytest.importorskip("docx")
pytest.importorskip("docxtpl")

FIXTURE = Path(__file__).parent / "fixtures" / "report"


def _docx_module() -> Any:
    from cchc_cli.report import docx as module

    return module


def _table(cells: list[str], header: str) -> dict[str, Any]:
    columns = [
        {"header": "STT", "group": "", "weight": 1, "align": "center"},
        {"header": header, "group": "", "weight": 4, "align": "left"},
        {"header": "B", "group": "Nhóm", "weight": 2, "align": "right"},
        {"header": "C", "group": "Nhóm", "weight": 2, "align": "left"},
    ]
    heads = [
        {"text": "STT", "colspan": 1, "rowspan": 2},
        {"text": header, "colspan": 1, "rowspan": 2},
        {"text": "Nhóm", "colspan": 2, "rowspan": 1},
    ]
    rows: list[dict[str, Any]] = [{"kind": "group", "cells": [cells[0] if cells else ""]}]
    for i, text in enumerate(cells):
        rows.append({"kind": "row", "cells": [str(i + 1), text, text[:3], text[::-1]]})
    rows.append({"kind": "total", "cells": ["", "Tổng", str(len(cells)), ""]})
    return {"columns": columns, "heads": heads, "rows": rows}


def _document(marker: str) -> bytes:
    """A python-docx body: a paragraph, `marker` (an element), a paragraph; as python-docx
    writes it."""
    from docx.opc.oxml import serialize_part_xml
    from docx.oxml import parse_xml

    root = parse_xml(
        f'<w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>a</w:t></w:r></w:p>{marker}'
        '<w:p><w:r><w:t xml:space="preserve"> b </w:t></w:r></w:p></w:body></w:document>'
    )
    return serialize_part_xml(root)


_ODD = ["&", "<", ">", '"', "'", "\x1b", "\u2028", "\ufffe", "\ud800", "ơ", "Ư", "𝔸", "\t", " "]


@given(
    st.lists(st.text(st.one_of(st.characters(), st.sampled_from(_ODD)), max_size=12), max_size=6),
    st.text(max_size=8),
)
@example(["Kế hoạch & <b>", "a \"b\" 'c'", "\x1b[31m", "x\ufffey", "\ud800"], "Tên")
@example([], "")
def test_a_streamed_table_is_what_lxml_writes_for_it(cells: list[str], header: str) -> None:
    """`_expand` writes a table as text where its marker is; the bytes are those of the table
    parsed and put in the marker's place (what the report wrote before tables were
    streamed), so the streamed document is the same document."""
    from docx.opc.oxml import serialize_part_xml
    from docx.oxml import parse_xml

    module = _docx_module()
    table = _table(cells, header)
    marked = _document(f'<w:{module._MARKER} w:val="0"/>')
    streamed = b"".join(module._expand(marked, [(table, 9000)]))

    root = parse_xml(_document("<w:p/>"))
    placeholder = root.find(f"{{{W_NS}}}body")[1]
    placeholder.addprevious(parse_xml(table_xml(table, 9000)))
    placeholder.getparent().remove(placeholder)
    assert streamed == serialize_part_xml(root)


def test_table_parts_are_the_table() -> None:
    table = _table(["một", "hai"], "Nhiệm vụ")
    parts = list(table_parts(table, 9000))
    assert len(parts) == 2 + len(table["rows"])  # the head, a part per row, the end
    assert "".join(parts) == table_xml(table, 9000)
    assert "".join(table_parts(table, 9000, declare=False)) == table_xml(table, 9000).replace(
        f' xmlns:w="{W_NS}"', "", 1
    )


def test_text_runs_keep_xml_space_and_no_marker_is_left() -> None:
    """Text runs travel with a ``w:`` attribute in place of ``xml:space`` (see
    cchc_cli/report/docx.py): the written document has every ``xml:space`` back and none of
    cchc's own names."""
    dataset = load_checked(FIXTURE / "data", check)
    report = build(
        dataset,
        report_period("year", 2024),
        issued=date(2025, 1, 5),
        commit="abc1234",
        generated=datetime(2025, 1, 5, tzinfo=UTC),
    )
    data = render(report, "docx", dataset.root)
    assert isinstance(data, bytes)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        xml = archive.read("word/document.xml")
    assert b"cchc" not in xml.replace(b"cchc-rule:", b"")
    document = docx.Document(io.BytesIO(data))
    texts = list(document.element.body.iter(f"{{{W_NS}}}t"))
    assert len(texts) > 100  # the body's paragraphs and the tables' cells
    assert all(
        t.attrib == {"{http://www.w3.org/XML/1998/namespace}space": "preserve"} for t in texts
    )


_WIDTHS_UNDER_A_SEED = """
from cchc_cli.report.docx_tables import widths
words = ["iiiiii", "llllll", "tttttt", "ffffff", "jjjjjj", "rrrrrr", "ssssss", "cccccc"]
words += ["eeeeee", "oooooo", "mmmmmm", "WWWWWW"]  # twelve of six letters, the last widest
rows = [{"kind": "row", "cells": [w, "a"]} for w in words]
columns = [{"header": "A", "weight": 1}, {"header": "B", "weight": 1}]
print(widths(columns, 9000, rows))
"""


def test_column_widths_do_not_depend_on_the_hash_seed() -> None:
    """Words of the same length are measured in a fixed order: the same data gives the same
    bytes in every process (a set's order changes with PYTHONHASHSEED)."""
    found = {
        subprocess.run(
            [sys.executable, "-c", _WIDTHS_UNDER_A_SEED],
            env={**os.environ, "PYTHONHASHSEED": str(seed)},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in range(8)
    }
    assert len(found) == 1
