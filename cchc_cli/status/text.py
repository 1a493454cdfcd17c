"""The `cchc status` dashboard as text (rich), and the ``--format`` renderers.

The content comes from `cchc_cli.status.view.build`; this module only lays it out. It is
made to be read at 80 columns: long names wrap inside their column, the lead unit sits
under the task's title, and indicators are one row each with a column per year. Colour
follows `cchc_cli.output.console.print_blocks` (``NO_COLOR``, plain when not on a terminal);
plain output has no trailing spaces, so it can be compared and mailed as is.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, TextIO

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from cchc_cli.engine.indicators import Assessment, Trend, Verdict, digits_to_show
from cchc_cli.engine.progress import STATE_ORDER, State, Status
from cchc_cli.output.console import print_blocks, print_with, text_table
from cchc_cli.output.formats import format_named
from cchc_cli.status.json import write_json
from cchc_cli.status.statistics import ROMAN, StatisticsView
from cchc_cli.status.view import Row, View
from cchc_cli.text_vi import dmy, number, percent, printable, thousands

if TYPE_CHECKING:
    from cchc_cli.engine.figures import FigureRow
    from cchc_cli.engine.statistics import Figure

STATE_STYLES = {
    State.OVERDUE: "bold red",
    State.DUE_SOON: "yellow",
    State.IN_PROGRESS: "cyan",
    State.NOT_STARTED: "",
    State.DONE_ON_TIME: "green",
    State.DONE_LATE: "dark_orange",
}
VERDICT_MARKS = {
    Verdict.MET: ("✓", "green"),
    Verdict.NOT_MET: ("✗", "bold red"),
    Verdict.NO_DATA: ("–", "dim"),
    Verdict.NO_TARGET: ("", ""),
}
TREND_MARKS = {
    Trend.IMPROVED: ("↗", "green"),
    Trend.WORSE: ("↘", "red"),
    Trend.SAME: ("→", ""),
    Trend.NONE: ("", ""),
}
BAR_WIDTH = 8


@dataclass(frozen=True, slots=True)
class Shown:
    """How much of each list (overdue, due soon, open, stale) the text shows.

    `limit` rows at most (None: every row), then a line “… và N nhiệm vụ khác”, followed by
    `more` in brackets: how to see the rest, as the command words it.
    """

    limit: int | None = None
    more: str = ""


ALL = Shown()


def _bar(rate: float | None) -> Text:
    if rate is None:
        return Text("–")
    filled = round(rate * BAR_WIDTH)
    bar = Text("█" * filled, style="green")
    bar.append("░" * (BAR_WIDTH - filled), style="dim")
    bar.append(f" {percent(rate)}")
    return bar


def _headline(view: View) -> Group:
    q, total = view.query, view.summary
    scope = [f"Tình hình đến ngày {dmy(q.as_of)}"]
    if q.year is not None:
        scope.append(f"năm {q.year}")
    if q.area is not None:
        scope.append(f"lĩnh vực: {view.area_names.get(q.area, q.area)}")
    if q.unit is not None:
        scope.append(f"đơn vị: {view.unit_names.get(q.unit, q.unit)}")
    mean = "–" if total.mean_progress is None else number(total.mean_progress, 1) + "%"
    lines = [
        Text(printable(view.title or "(chưa đọc được kế hoạch)"), style="bold"),
        Text(printable(" · ".join(scope))),
        Text(
            f"Hoàn thành {total.done}/{total.total} ({percent(total.completion_rate)})"
            f" · đúng hạn {total.counts[State.DONE_ON_TIME]}/{total.done}"
            f" ({percent(total.on_time_rate)}) · tiến độ bình quân {mean}"
        ),
    ]
    first, second = Text(), Text()
    for index, state in enumerate(STATE_ORDER):
        line = first if index < 4 else second
        if line:
            line.append(" · ")
        line.append(state.label.capitalize(), style=STATE_STYLES[state])
        line.append(f": {total.counts[state]}")
    second.append(f" · Chậm cập nhật: {total.stale}")
    lines += [first, second]
    lines.append(
        Text(
            "Mỗi kỳ đã bắt đầu của nhiệm vụ định kỳ tính một lần. "
            f"Sắp đến hạn: hạn trong {q.rules.soon_days} ngày tới. "
            f"Chậm cập nhật: {q.rules.stale_days} ngày trở lên không cập nhật.",
            style="dim",
        )
    )
    return Group(*lines)


def _group_table(title: str, heading: str, rows: list[Row]) -> Table:
    table = text_table(title)
    table.add_column(heading, ratio=1, min_width=14)
    for name in ("Tổng", "Quá\nhạn", "Sắp\nhạn", "Đang\nlàm", "Chưa\nlàm", "Xong"):
        table.add_column(name, justify="right", no_wrap=True)
    table.add_column("Hoàn thành", no_wrap=True)
    for row in rows:
        r = row.rollup
        table.add_row(
            Text(printable(row.name)),
            str(r.total),
            str(r.counts[State.OVERDUE]),
            str(r.counts[State.DUE_SOON]),
            str(r.counts[State.IN_PROGRESS]),
            str(r.counts[State.NOT_STARTED]),
            str(r.done),
            _bar(r.completion_rate),
        )
    return table


def _label(item: Status) -> str:
    period = item.occurrence.period
    return f"{item.task.id}\n{period}" if period else item.task.id


def _last_cell(kind: str, item: Status) -> Text:
    if kind == "Quá hạn":
        return Text(f"{item.days_overdue} ngày", style="red")
    if kind == "Còn":
        return Text(f"{item.days_left} ngày" if item.days_left else "hôm nay")
    if kind == "Cập nhật":
        since = item.days_since_update
        when = item.last_update
        return Text(f"{dmy(when)}\n{since} ngày trước" if when is not None else "–")
    return Text(item.state.label, style=STATE_STYLES[item.state])


def _items_table(
    title: str, items: list[Status], view: View, last: str, shown: Shown
) -> RenderableType:
    if not items:
        return Text(f"{title}: không có.", style="bold")
    table = text_table(f"{title} ({len(items)})")
    table.add_column("Mã", no_wrap=True)
    table.add_column("Nhiệm vụ", ratio=1, min_width=20)
    table.add_column("Hạn", no_wrap=True)
    table.add_column("Tiến\nđộ", justify="right", no_wrap=True)
    table.add_column(last, justify="right", no_wrap=True)
    limit = len(items) if shown.limit is None else shown.limit
    for item in items[:limit]:
        task = item.task
        what = Text(printable(task.title))
        if view.query.unit is None:
            lead = view.unit_names.get(task.lead, task.lead)
            what.append(f"\nChủ trì: {printable(lead)}", style="dim")
        table.add_row(_label(item), what, dmy(item.due), f"{item.percent}%", _last_cell(last, item))
    if len(items) <= limit:
        return table
    rest = f"… và {len(items) - limit} nhiệm vụ khác"
    more = Text(f"{rest} ({shown.more})" if shown.more else rest, style="dim")
    if not limit:  # no rows: the title alone, not an empty table's header
        return Group(Text(f"{title} ({len(items)})", style="bold"), more)
    return Group(table, more)


def _indicator_table(found: list[Assessment]) -> RenderableType:
    title = "Chỉ số so với chỉ tiêu"
    if not found:
        return Text(f"{title}: chưa có số liệu.", style="bold")
    years = sorted({a.year for a in found})
    rows: dict[str, dict[int, Assessment]] = {}
    for a in found:
        rows.setdefault(a.indicator.id, {})[a.year] = a
    table = text_table(title)
    table.add_column("Chỉ số", ratio=1, min_width=20)
    table.add_column("Chỉ tiêu", no_wrap=True)
    for year in years:
        table.add_column(str(year), justify="right", no_wrap=True)
    for by_year in rows.values():
        first = next(iter(by_year.values()))
        ind = first.indicator
        targets = dict.fromkeys(
            f"{a.target.op} {number(a.target.value, 2)}" for a in by_year.values() if a.target
        )
        target = " / ".join(targets) if targets else "–"
        cells = [_indicator_cell(by_year.get(year)) for year in years]
        table.add_row(Text(printable(f"{ind.name} ({ind.unit})")), target, *cells)
    legend = Text(
        "✓ đạt · ✗ không đạt · – chưa có số liệu · so với năm trước: ↗ tốt hơn, "
        "↘ kém hơn, → không đổi",
        style="dim",
    )
    return Group(table, legend)


def _indicator_cell(found: Assessment | None) -> Text:
    if found is None or found.value is None:  # no value that year, with or without a target
        mark, style = VERDICT_MARKS[Verdict.NO_DATA]
        return Text(mark, style=style)
    value = found.value.value
    cell = Text(number(value, digits_to_show(value, found.target)))
    for mark, style in (VERDICT_MARKS[found.verdict], TREND_MARKS[found.trend]):
        if mark:
            cell.append(f" {mark}", style=style)
    return cell


def _statistics_table(stats: StatisticsView) -> RenderableType:
    title = "Số liệu thống kê"
    current, ytd = stats.current, stats.year_to_date
    rows = [row for row in stats.rows if row.id in stats.headline]
    if current is None or ytd is None:
        return Text(f"{title}: chưa có tháng báo cáo nào kết thúc.", style="bold")
    if not rows:
        return Text(f"{title}: danh mục chưa có chỉ tiêu chính (headline).", style="bold")
    figures = (f for r in rows for f in (r.this_period, r.last_year, r.year_to_date))
    if all(f.value is None for f in figures):
        return Text(f"{title}: chưa có số liệu.", style="bold")
    quarter = current.quarter
    heading = f"Quý {ROMAN[quarter.quarter - 1]}/{quarter.year}"
    if not current.whole:
        heading += f"\n(đến {dmy(current.window.end)[:5]})"
    table = text_table(title)
    table.add_column("Chỉ tiêu", ratio=1, min_width=20)
    table.add_column(heading, justify="right", no_wrap=True)
    table.add_column(f"Cùng kỳ\nnăm {quarter.year - 1}", justify="right", no_wrap=True)
    table.add_column(f"Từ đầu\nnăm {quarter.year}", justify="right", no_wrap=True)
    for row in rows:
        cells = [_figure_cell(row, f) for f in (row.this_period, row.last_year, row.year_to_date)]
        if row.verdict is not None and row.this_period.value is not None:
            mark, style = VERDICT_MARKS[row.verdict]
            cells[0].append(f" {mark}", style=style)
        name = row.name
        if row.target is not None:
            name += f" (chỉ tiêu {row.target.op} {number(row.target.value)})"
        table.add_row(Text(printable(name)), *cells)
    marks = " ✓ đạt, ✗ không đạt chỉ tiêu;" if any(r.target for r in rows) else ""
    legend = Text(
        f"Từ {dmy(current.window.start)} đến {dmy(current.window.end)}; từ đầu năm: từ "
        f"{dmy(ytd.start)}.{marks} * chưa đủ số liệu các tháng; – chưa có số liệu. Mọi chỉ "
        "tiêu: --format json.",
        style="dim",
    )
    return Group(table, legend)


def _figure_cell(row: FigureRow, figure: Figure) -> Text:
    if figure.value is None:
        return Text("–", style="dim")
    if row.kind == "rate":
        text = percent(figure.value, 2)
    else:
        text = thousands(figure.value, 0 if row.integer else 2)
    return Text(text + ("" if figure.complete else "*"))


def parts(view: View, shown: Shown = ALL) -> list[RenderableType]:
    """The dashboard's blocks, in order; each list cut to `shown.limit` rows."""
    found: list[RenderableType] = [_headline(view)]
    if view.areas is not None:
        found.append(_group_table("Theo lĩnh vực", "Lĩnh vực", view.areas))
    if view.units is not None:
        found.append(_group_table("Theo đơn vị chủ trì", "Đơn vị", view.units))
    found.append(_items_table("Quá hạn", view.overdue, view, "Quá hạn", shown))
    found.append(_items_table("Sắp đến hạn", view.due_soon, view, "Còn", shown))
    if view.open is not None:
        found.append(
            _items_table("Đang thực hiện, chưa bắt đầu", view.open, view, "Trạng thái", shown)
        )
    if view.stale is not None:
        found.append(_items_table("Chậm cập nhật", view.stale, view, "Cập nhật", shown))
    if view.indicators is not None:
        found.append(_indicator_table(view.indicators))
    if view.statistics is not None:
        found.append(_statistics_table(view.statistics))
    return found


def print_text(view: View, file: TextIO | None = None, shown: Shown = ALL) -> None:
    """The dashboard on `file` (stdout); plain text without trailing spaces when not colour."""
    print_blocks(parts(view, shown), file)


def print_json(view: View, file: TextIO | None = None) -> None:
    """The JSON document of `cchc_cli.status.json.to_json` on `file` (stdout)."""
    print_with(partial(write_json, view), file)


Renderer = Callable[[View, TextIO | None], None]
RENDERERS: dict[str, Renderer] = {"text": print_text, "json": print_json}


def renderer(name: str, shown: Shown = ALL) -> Renderer:
    """The renderer named `name` (text, json); `UsageError` for an unknown one.

    `shown` cuts the lists of the text; the other formats always hold everything.
    """
    found = RENDERERS[format_named(name, RENDERERS)]
    if found is print_text and shown != ALL:
        return lambda view, file: print_text(view, file, shown)
    return found
