"""`cchc export`: the tables handed to Excel, built from the dashboard's own facts.

Every number comes from `cchc_cli.status.view.build`, the function behind `cchc status`:
the occurrences it counts as of the date (`View.items`), its roll-ups by area and by unit,
and its indicator assessments. Nothing is recomputed here; this module only lays the facts
out as sheets of plain values (text, whole numbers, floats, dates, None), which the xlsx
and csv writers render.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from cchc_cli.engine.indicators import Assessment
from cchc_cli.engine.progress import STATE_ORDER, Rollup, State, Status
from cchc_cli.status.view import Row, View
from cchc_cli.text_vi import dmy, number

Kind = Literal["text", "date", "int", "number", "rate"]
# What makes a spreadsheet read a cell as a formula: such text is written as text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True, slots=True)
class Column:
    """A column: its Vietnamese header, the kind of its values, and its widest width."""

    header: str
    kind: Kind = "text"
    max_width: int = 40


@dataclass(frozen=True, slots=True)
class Sheet:
    title: str
    columns: tuple[Column, ...]
    rows: list[list[Any]]


@dataclass(frozen=True, slots=True)
class Workbook:
    """The sheets, and what the workbook's properties say about them."""

    title: str
    as_of: date
    commit: str | None
    filters: str
    sheets: list[Sheet]


OCCURRENCE_COLUMNS = (
    Column("Mã nhiệm vụ", max_width=14),
    Column("Kỳ", max_width=10),
    Column("Tên nhiệm vụ", max_width=60),
    Column("Lĩnh vực", max_width=40),
    Column("Đơn vị chủ trì", max_width=36),
    Column("Đơn vị phối hợp", max_width=50),
    Column("Ngày bắt đầu", "date"),
    Column("Hạn", "date"),
    Column("Tình trạng", max_width=22),
    Column("Tiến độ (%)", "int"),
    Column("Ngày hoàn thành", "date"),
    Column("Cập nhật gần nhất", "date"),
    Column("Số ngày quá hạn", "int"),
    Column("Tài liệu kiểm chứng", max_width=60),
)
_STATE_HEADERS = {
    State.OVERDUE: "Quá hạn",
    State.DUE_SOON: "Sắp đến hạn",
    State.IN_PROGRESS: "Đang thực hiện",
    State.NOT_STARTED: "Chưa bắt đầu",
    State.DONE_ON_TIME: "Hoàn thành đúng hạn",
    State.DONE_LATE: "Hoàn thành trễ hạn",
}
ROLLUP_COLUMNS = (
    Column("Nhóm", max_width=10),
    Column("Mã", max_width=24),
    Column("Tên", max_width=50),
    Column("Số kỳ được tính", "int"),
    *(Column(_STATE_HEADERS[state], "int") for state in STATE_ORDER),
    Column("Chậm cập nhật", "int"),
    Column("Tỷ lệ hoàn thành", "rate"),
    Column("Tỷ lệ đúng hạn", "rate"),
    Column("Tiến độ bình quân (%)", "number"),
)
INDICATOR_COLUMNS = (
    Column("Mã chỉ số", max_width=20),
    Column("Tên chỉ số", max_width=60),
    Column("Đơn vị tính", max_width=12),
    Column("Năm", "int"),
    Column("Giá trị", "number"),
    Column("Chỉ tiêu", max_width=16),
    Column("Đánh giá", max_width=20),
    Column("Giá trị năm trước", "number"),
    Column("Xu hướng", max_width=22),
)


def workbook(view: View, commit: str | None) -> Workbook:
    """The export of `view` (built by `status.view.build`); `commit` is the data's."""
    as_of = view.query.as_of
    title = view.title or "Kế hoạch cải cách hành chính"
    return Workbook(
        title=f"{title}: tình hình thực hiện đến ngày {dmy(as_of)}",
        as_of=as_of,
        commit=commit,
        filters=_filters(view),
        sheets=[
            Sheet("Nhiệm vụ", OCCURRENCE_COLUMNS, occurrence_rows(view)),
            Sheet("Tổng hợp", ROLLUP_COLUMNS, rollup_rows(view)),
            Sheet("Chỉ số", INDICATOR_COLUMNS, indicator_rows(recorded_years(view))),
        ],
    )


def _filters(view: View) -> str:
    query = view.query
    parts = [f"năm {query.year}"] if query.year is not None else []
    if query.unit:
        parts.append(f"đơn vị {view.unit_names.get(query.unit, query.unit)}")
    if query.area:
        parts.append(f"lĩnh vực {view.area_names.get(query.area, query.area)}")
    return ", ".join(parts) or "toàn bộ kế hoạch"


def occurrence_rows(view: View) -> list[list[Any]]:
    """One row per counted occurrence, as `cchc status` counts it as of the date."""
    units, areas = view.unit_names, view.area_names
    return [
        [
            item.task.id,
            item.occurrence.period or "",
            item.task.title,
            areas.get(item.task.area, item.task.area),
            units.get(item.task.lead, item.task.lead),
            "; ".join(units.get(code, code) for code in item.task.support),
            item.occurrence.start,
            item.due,
            item.state.label,
            item.percent,
            item.done_on,
            item.last_update,
            item.days_overdue or None,
            _evidence(item),
        ]
        for item in view.items
    ]


def _evidence(item: Status) -> str:
    """The evidence documents recorded by the as-of date, oldest first, each once."""
    found = [
        u.evidence
        for u in sorted(item.occurrence.updates, key=lambda u: u.date)
        if u.evidence and u.date <= item.as_of
    ]
    return "; ".join(dict.fromkeys(found))


def rollup_rows(view: View) -> list[list[Any]]:
    """The whole selection first, then each area and each unit (as the dashboard lists them)."""
    unit = view.query.unit
    name = view.unit_names.get(unit, unit) if unit else "Toàn bộ"
    rows = [_rollup_row("Tổng", "", name, view.summary)]
    rows += [_group_row("Lĩnh vực", row) for row in view.areas or []]
    rows += [_group_row("Đơn vị", row) for row in view.units or []]
    return rows


def _group_row(group: str, row: Row) -> list[Any]:
    return _rollup_row(group, row.code, row.name, row.rollup)


def _rollup_row(group: str, code: str, name: str, rollup: Rollup) -> list[Any]:
    mean = rollup.mean_progress
    return [
        group,
        code,
        name,
        rollup.total,
        *(rollup.counts[state] for state in STATE_ORDER),
        rollup.stale,
        rollup.completion_rate,
        rollup.on_time_rate,
        None if mean is None else round(mean, 2),
    ]


def recorded_years(view: View) -> list[Assessment]:
    """Each indicator in every year of the plan up to the as-of year (as the dashboard's
    charts show them), by indicator then year; with ``--year``, that year only (as the
    terminal). A year with neither a value nor a target has no row."""
    if view.indicator_series is None or view.query.year is not None:
        return view.indicators or []
    last = view.query.as_of.year
    return [
        found
        for series in view.indicator_series
        for year, found in series.years
        if found is not None and year <= last
    ]


def indicator_rows(assessments: list[Assessment]) -> list[list[Any]]:
    """One row per indicator and year, as the dashboard assesses them."""
    return [
        [
            a.indicator.id,
            a.indicator.name,
            a.indicator.unit,
            a.year,
            a.value.value if a.value else None,
            f"{a.target.op} {number(a.target.value)}" if a.target else "",
            a.verdict.label,
            a.previous.value if a.previous else None,
            a.trend.label,
        ]
        for a in assessments
    ]
