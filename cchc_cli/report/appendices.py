"""The appendices of the periodic report: tables (`cchc_cli.report.model.Table`) of figures.

- Phụ lục I: tasks by area, (1) in the period: what was due in the window and how it ended,
  work done ahead of time, work carried over; (2) since the plan's start, as of the window's
  end (the area table of ``cchc status --as-of`` that day, less the report's own occurrence).
- Phụ lục II: every occurrence the report covers, by area: deadline, outcome, evidence.
- Phụ lục III: the indicators against their targets (`cchc_cli.report.indicator_facts`).
- Then the period statistics of the window, the same period last year and the year to date
  (`cchc_cli.report.statistics_facts`), when the data has any.

Counts are of occurrences: a yearly task is one task a year. To add a table: a function that
returns a `Table`, listed in `appendices` (an appendix is numbered by its place).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from cchc_cli.engine.progress import State, Status
from cchc_cli.report import indicator_facts, statistics_facts
from cchc_cli.report.lines import by_area_then_due, is_ongoing, progress_words
from cchc_cli.report.model import Appendix, Column, Row, Table, TaskLine
from cchc_cli.report.scope import Scope, due_in_period
from cchc_cli.report.wording import share
from cchc_cli.text_vi import dmy

_ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")
TOTAL = "Tổng cộng"


def appendices(scope: Scope, lines: dict[int, TaskLine], attached: str) -> list[Appendix]:
    """Every appendix, numbered in order; `attached` is the "(Kèm theo …)" line."""
    parts: list[tuple[str, list[Table]]] = [
        (
            "Kết quả thực hiện nhiệm vụ cải cách hành chính theo lĩnh vực",
            [in_period_table(scope), cumulative_table(scope)],
        ),
        ("Danh sách nhiệm vụ cải cách hành chính trong kỳ", [task_table(scope, lines)]),
    ]
    indicators = indicator_facts.table(scope)
    if indicators is not None:
        parts.append(("Kết quả các chỉ số cải cách hành chính", [indicators]))
    statistics = statistics_table(scope)
    if statistics is not None:
        parts.append(("Số liệu thống kê về cải cách hành chính", [statistics]))
    return [
        Appendix(_ROMAN[i], f"PHỤ LỤC {_ROMAN[i]}", title.upper(), attached, tuple(tables))
        for i, (title, tables) in enumerate(parts)
    ]


def _by_area(
    scope: Scope,
    items: Iterable[Status],
    cells: Callable[[list[Status]], list[str]],
) -> tuple[Row, ...]:
    """One row per area (every area of areas.yaml, then any other), and a total row."""
    groups: dict[str, list[Status]] = {code: [] for code in scope.area_order}
    everything = list(items)
    for item in everything:
        groups.setdefault(item.task.area, []).append(item)
    rows = [
        Row((str(n), scope.area_names.get(code, code), *cells(members)))
        for n, (code, members) in enumerate(groups.items(), start=1)
    ]
    rows.append(Row(("", TOTAL, *cells(everything)), kind="total"))
    return tuple(rows)


def _count(items: Iterable[Status], test: Callable[[Status], bool]) -> int:
    return sum(1 for s in items if test(s))


_FIRST = (Column("STT", weight=2, align="center"), Column("Lĩnh vực", weight=12))


def in_period_table(scope: Scope) -> Table:
    """What was due in the window and how it ended; work done early; work carried over."""
    window = scope.window
    due = [s for s in scope.counted if due_in_period(s, scope.period)]
    due_ids = {id(s) for s in due}
    early = [
        s
        for s in scope.covered
        if s.state.is_done and s.due > scope.as_of and not is_ongoing(s) and id(s) not in due_ids
    ]
    carried = [s for s in scope.covered if s.due < window.start]

    def cells(members: list[Status]) -> list[str]:
        mine = {id(s) for s in members}
        d = [s for s in due if id(s) in mine]
        done = _count(d, lambda s: s.state.is_done)
        c = [s for s in carried if id(s) in mine]
        return [
            str(len(d)),
            str(_count(d, lambda s: s.state is State.DONE_ON_TIME)),
            str(_count(d, lambda s: s.state is State.DONE_LATE)),
            str(len(d) - done),
            share(done, len(d)) or "-",
            str(_count(early, lambda s: id(s) in mine)),
            str(_count(c, lambda s: s.state.is_done)),
            str(_count(c, lambda s: not s.state.is_done)),
        ]

    due_group, other = "Nhiệm vụ đến hạn trong kỳ", "Nhiệm vụ khác"
    columns = (
        *_FIRST,
        Column("Tổng số", due_group, 3, "right"),
        Column("Hoàn thành đúng hạn", due_group, 3, "right"),
        Column("Hoàn thành trễ hạn", due_group, 3, "right"),
        Column("Chưa hoàn thành", due_group, 3, "right"),
        Column("Tỷ lệ hoàn thành", due_group, 3, "right"),
        Column("Hoàn thành trước thời hạn", other, 3, "right"),
        Column("Kỳ trước chuyển sang, đã hoàn thành", other, 4, "right"),
        Column("Kỳ trước chuyển sang, chưa hoàn thành", other, 4, "right"),
    )
    note = "" if scope.period.code == "year" else "; nhiệm vụ hằng năm tính ở báo cáo năm"
    caption = f"1. Trong kỳ báo cáo (từ {dmy(window.start)} đến {dmy(window.end)}{note})"
    members = [*due, *early, *carried]
    unique = list({id(s): s for s in members}.values())
    return Table(caption, columns, _by_area(scope, unique, cells))


def cumulative_table(scope: Scope) -> Table:
    """Every occurrence started since the plan began, as of the window's end."""

    def cells(members: list[Status]) -> list[str]:
        done = _count(members, lambda s: s.state.is_done)
        return [
            str(len(members)),
            str(_count(members, lambda s: s.state is State.DONE_ON_TIME)),
            str(_count(members, lambda s: s.state is State.DONE_LATE)),
            str(_count(members, lambda s: s.state is State.OVERDUE)),
            str(_count(members, lambda s: not s.state.is_done and s.state is not State.OVERDUE)),
            share(done, len(members)) or "-",
        ]

    done, open_ = "Đã hoàn thành", "Chưa hoàn thành"
    columns = (
        *_FIRST,
        Column("Tổng số", weight=3, align="right"),
        Column("Đúng hạn", done, 3, "right"),
        Column("Trễ hạn", done, 3, "right"),
        Column("Quá hạn", open_, 3, "right"),
        Column("Chưa đến hạn", open_, 3, "right"),
        Column("Tỷ lệ hoàn thành", weight=3, align="right"),
    )
    caption = (
        f"2. Lũy kế từ năm {scope.plan.period.start} đến hết ngày {dmy(scope.as_of)} (mỗi kỳ "
        "của nhiệm vụ định kỳ tính là một nhiệm vụ)"
    )
    return Table(caption, columns, _by_area(scope, scope.counted, cells))


TASK_COLUMNS = (
    Column("STT", weight=2, align="center"),
    Column("Nhiệm vụ", weight=18),
    Column("Đơn vị chủ trì", weight=7),
    Column("Thời hạn", weight=4, align="center"),
    Column("Tình hình thực hiện", weight=7),
    Column("Tài liệu kiểm chứng", weight=10),
)


def task_table(scope: Scope, lines: dict[int, TaskLine]) -> Table:
    """Every covered occurrence, area by area: deadline, outcome and evidence (a task's
    overdue occurrences in one row, at the first deadline: see `scope.overdue_runs`)."""
    rows: list[Row] = []
    area = None
    for number, item in enumerate(by_area_then_due(scope.shown, scope), start=1):
        line = lines[id(item)]
        if line.area != area:
            area = line.area
            rows.append(Row((area,), kind="group"))
        deadline = "Thường xuyên" if line.ongoing else dmy(line.due)
        rows.append(
            Row((str(number), line.title, line.lead, deadline, progress_words(line), line.evidence))
        )
    return Table("", TASK_COLUMNS, tuple(rows), "Không có nhiệm vụ trong kỳ.")


def statistics_table(scope: Scope) -> Table | None:
    """The period statistics in the form of the 581/BNV appendix; None without data."""
    return statistics_facts.table(scope)
