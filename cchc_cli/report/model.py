"""What a report template sees: a document built of plain parts, the same for every report.

A report is a header (the Nghị định 30/2020 page head), an opening sentence, a body (a flat
list of paragraphs, each with a style), a closing (recipients and signer), and appendices
(each a list of tables). The facts (`cchc_cli.report.facts`) fill these parts; the templates
(``templates/report.*``) only lay them out, so a new section or a new appendix table needs
no template change, and the periodic report and later reports (the PAR self-assessment…)
share one set of templates.

Templates receive `template_context(report)`: dicts, lists, strings, numbers and dates only,
never these classes or any model object (a sandboxed template must not reach code). Staff
who write their own templates find every name here: a template's top-level names are the
fields of `Report`.

Paragraph styles (`STYLES`): ``heading1`` (``I. CÔNG TÁC …``, bold capitals), ``heading2``
(``1. Cải cách thể chế``, bold), ``heading3`` (``a) …``, italic), ``text`` (a paragraph),
``item`` (a ``-`` line) and ``gap`` (a ``[Đơn vị bổ sung: …]`` for staff to fill).
"""

from __future__ import annotations

from dataclasses import dataclass, fields, is_dataclass
from datetime import date
from typing import Any

STYLES = ("heading1", "heading2", "heading3", "text", "item", "gap")
ALIGNS = ("left", "center", "right")
ROW_KINDS = ("data", "group", "total")


@dataclass(frozen=True, slots=True)
class Header:
    """The page head of Nghị định 30/2020, and the title block under it."""

    draft: str  # "DỰ THẢO": how drafts are marked, in a box at the top
    governing_body: str  # "UBND TỈNH ĐỒNG THÁP"
    issuing_body: str  # "SỞ CÔNG THƯƠNG"
    number: str  # "Số:      /BC-SCT" (the number is left for the clerk)
    nation: str
    motto: str
    place_date: str  # "Đồng Tháp, ngày 05 tháng 01 năm 2025"
    doc_type: str  # "BÁO CÁO"
    summary: str  # the trích yếu line
    report_to: str  # after "Kính gửi:"


@dataclass(frozen=True, slots=True)
class Paragraph:
    style: str  # one of STYLES
    text: str


@dataclass(frozen=True, slots=True)
class Column:
    header: str
    group: str = ""  # consecutive columns of one group share a header cell above theirs
    weight: int = 1  # relative width
    align: str = "left"  # one of ALIGNS


@dataclass(frozen=True, slots=True)
class Row:
    cells: tuple[str, ...]
    kind: str = "data"  # "group": one cell across the table; "total": a bold sum row


@dataclass(frozen=True, slots=True)
class HeadCell:
    """A cell of a table's first header row: a column's header (two rows high when other
    columns are grouped) or a group's name over its columns."""

    text: str
    colspan: int = 1
    rowspan: int = 1


@dataclass(frozen=True, slots=True)
class Table:
    caption: str
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    empty: str = ""  # said instead of the table when it has no rows
    heads: tuple[HeadCell, ...] = ()  # made from `columns`; the grouped columns' own
    # headers are the second header row

    def __post_init__(self) -> None:
        if not self.heads:
            object.__setattr__(self, "heads", head_cells(self.columns))


def head_cells(columns: tuple[Column, ...]) -> tuple[HeadCell, ...]:
    """The first header row of `columns` (see `HeadCell`)."""
    rows = 2 if any(c.group for c in columns) else 1
    cells: list[HeadCell] = []
    for i, column in enumerate(columns):
        if not column.group:
            cells.append(HeadCell(column.header, 1, rows))
        elif i == 0 or columns[i - 1].group != column.group:
            span = 1
            while i + span < len(columns) and columns[i + span].group == column.group:
                span += 1
            cells.append(HeadCell(column.group, span, 1))
    return tuple(cells)


@dataclass(frozen=True, slots=True)
class Appendix:
    number: str  # "I"
    heading: str  # "PHỤ LỤC I"
    title: str  # bold, under the heading
    note: str  # "(Kèm theo Báo cáo số …/BC-SCT ngày … của …)"
    tables: tuple[Table, ...]


@dataclass(frozen=True, slots=True)
class Closing:
    recipients_heading: str
    recipients: tuple[str, ...]  # "- Như trên;" … "- Lưu: VT, VP."
    signer_lines: tuple[str, ...]  # "KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"
    signer_name: str


@dataclass(frozen=True, slots=True)
class Period:
    """The reported period and what section IV plans for (the self-assessment report's is
    its year: code "par", 01/01 to 31/12)."""

    code: str  # q1, h1, q3, year
    name: str  # "quý I", "6 tháng đầu năm", "9 tháng đầu năm", "năm"
    title: str  # "quý I năm 2024"
    year: int
    start: date  # the data window
    end: date
    cumulative: bool
    ahead: str  # "quý II năm 2024"
    ahead_end: date


@dataclass(frozen=True, slots=True)
class PlanInfo:
    title: str
    code: str
    issued: date | None
    governing_body: str
    issuing_body: str
    agency_code: str
    province: str
    place: str


@dataclass(frozen=True, slots=True)
class Provenance:
    """Where the document came from: for its properties, never for its body."""

    generator: str  # "cchc 0.5.0"
    commit: str  # the data's git commit, "" outside git
    generated: str  # ISO 8601 time of generation, "" when not given
    text: str  # all of it in one Vietnamese sentence


@dataclass(frozen=True, slots=True)
class TaskLine:
    """One occurrence of a task in the report, as of the window's end."""

    id: str
    title: str  # with its occurrence: "Rà soát … năm 2024"
    area: str  # the area's name
    lead: str  # the lead unit's name
    state: str  # the report's words: "Hoàn thành đúng hạn", "Đang thực hiện"…
    state_key: str  # the engine's state: done_on_time, overdue… (for templates' own logic)
    percent: int
    ongoing: bool  # a standing duty (no percent is reported)
    start: date
    due: date
    done_on: date | None
    evidence: str
    sentence: str  # the result as the body words it


@dataclass(frozen=True, slots=True)
class Report:
    """Everything a report template may use (its top-level names are these fields)."""

    kind: str  # "periodic", or "par" (the PAR INDEX self-assessment report)
    title: str  # the document's title: "Báo cáo kết quả thực hiện … năm 2024"
    header: Header
    opening: str
    body: tuple[Paragraph, ...]
    closing: Closing
    appendices: tuple[Appendix, ...]
    period: Period
    plan: PlanInfo
    tasks: tuple[TaskLine, ...]  # none in the self-assessment report
    provenance: Provenance


def template_context(report: Report) -> dict[str, Any]:
    """The names a template sees: the fields of `report` as plain data (dicts, lists,
    strings, numbers, dates), so no template can reach a method of a model object."""
    plain = _plain(report)
    assert isinstance(plain, dict)
    return plain


def _plain(value: Any) -> Any:
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    if value is None or isinstance(value, (str, int, float, date)):
        return value
    raise TypeError(f"not plain data for a template: {type(value).__name__}")
