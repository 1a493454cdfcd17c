"""`cchc par` as text (rich), and the ``--format`` renderers.

Laid out from the plain data of `cchc_cli.par.rows`, so the text shows exactly the numbers of
the JSON. Four blocks: the headline (set, totals, index), the table by field and criterion,
the criteria that lost points (with their sub-criteria, explanations and linked tasks), and
the rank and SIPAS. Plain output has no trailing spaces; colour follows
`cchc_cli.output.console.print_blocks`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TextIO

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from cchc_cli.checks.par_results import INDEX_TOLERANCE
from cchc_cli.output.console import print_blocks, print_with, text_table
from cchc_cli.output.formats import format_named
from cchc_cli.par.json import render_json
from cchc_cli.par.rows import plain
from cchc_cli.par.view import ParView
from cchc_cli.text_vi import dmy, number, percent, printable

DASH = "–"


def _n(value: float | None) -> str:
    return DASH if value is None else number(value, 2)


def _pc(rate: float | None) -> str:
    return percent(rate, 2, none=DASH)


def _mark(met: bool | None) -> Text:
    if met is None:
        return Text("")
    return Text(" ✓", style="green") if met else Text(" ✗", style="bold red")


def _source(found: dict[str, Any] | None) -> str:
    if not found:
        return ""
    day = found["date"]
    return str(found["document"]) + (f" ngày {dmy(day)}" if day else "")


def _headline(facts: dict[str, Any]) -> Group:
    year, totals = facts["year"], facts["totals"]
    lines = [
        Text(printable(f"PAR INDEX năm {year} · {facts['plan']['agency'] or ''}"), style="bold")
    ]
    criteria, sheet = facts["criteria"], facts["assessment"]
    if criteria is not None:
        lines.append(Text(printable(f"Bộ tiêu chí: {criteria['name']} ({_source(criteria)})")))
    elif sheet is not None:
        lines.append(
            Text(
                printable(
                    f"Bộ tiêu chí “{sheet['criteria_id']}” chưa đọc được: chạy “cchc validate”."
                ),
                style="bold red",
            )
        )
    else:
        lines.append(Text(f"Chưa có bảng tự đánh giá năm {year}.", style="dim"))
    if sheet is not None:
        when = [f"hạn {dmy(sheet['deadline'])}"] if sheet["deadline"] else []
        when.append(f"đã gửi ngày {dmy(sheet['submitted'])}" if sheet["submitted"] else "chưa gửi")
        if sheet["appraisal"]:
            when.append(f"kết quả thẩm định: {_source(sheet['appraisal'])}")
        lines.append(Text(printable("Tự đánh giá: " + " · ".join(when))))
    if totals is not None:
        lines.append(
            Text(
                f"Tự chấm {_n(totals['self'])}/{_n(totals['self_max'])} điểm "
                f"({_pc(totals['self_rate'])}) · thẩm định {_n(totals['appraised'])} "
                f"({_pc(totals['appraised_rate'])}) · điều tra xã hội học "
                f"{_n(totals['survey'])}/{_n(totals['survey_max'])} ({_pc(totals['survey_rate'])})"
            )
        )
        index = Text("Chỉ số: ")
        if facts["index"] is None:
            index.append("chưa đủ điểm thẩm định và điều tra xã hội học")
        else:
            index.append(f"{_n(facts['index'])}%", style="bold")
            index.append(
                f" ({_n(totals['points'])}/{_n(totals['max'])} điểm, mất {_n(totals['lost'])})"
            )
        recorded = facts["recorded_index"]
        if recorded is not None:
            index.append(f" · điểm đã ghi ở chỉ số: {_n(recorded)}")
            if facts["index"] is not None:
                index.append_text(_mark(abs(recorded - facts["index"]) <= INDEX_TOLERANCE))
        lines.append(index)
        if totals["unscored"]:
            lines.append(Text(f"Còn {totals['unscored']} mục chưa có điểm.", style="yellow"))
    return Group(*lines)


def _score_table(facts: dict[str, Any]) -> Table:
    table = text_table("Theo lĩnh vực và tiêu chí")
    table.add_column("TT", no_wrap=True)
    table.add_column("Lĩnh vực, tiêu chí", ratio=1, min_width=20)
    for name in ("Tối đa", "Tự\nchấm", "Thẩm\nđịnh", "Điều\ntra", "Đạt", "Mất"):
        table.add_column(name, justify="right", no_wrap=True)
    shown = [r for r in facts["rows"] if r["level"] != "item"]
    for r in [*shown, facts["totals"]]:
        style = "bold" if r["level"] in {"field", "total"} else ""
        table.add_row(
            Text(r["id"], style=style),
            Text(printable(r["name"]), style=style),
            _n(r["max"]),
            _n(r["self"]),
            _n(r["appraised"]),
            _n(r["survey"]),
            _pc(r["rate"]),
            Text(_n(r["lost"]), style="red" if r["lost"] else ""),
        )
    return table


def _lost_table(facts: dict[str, Any]) -> RenderableType:
    title = "Tiêu chí bị mất điểm (nhiều nhất trước)"
    if not facts["lost"]:
        none = "chưa có điểm nào" if facts["totals"]["points"] is None else "không có"
        return Text(f"{title}: {none}.", style="bold")
    table = text_table(title)
    table.add_column("TT", no_wrap=True)
    table.add_column("Tiêu chí, tiêu chí thành phần, nhiệm vụ liên quan", ratio=1, min_width=20)
    table.add_column("Mất", justify="right", no_wrap=True)
    for lost in facts["lost"]:
        table.add_row(
            Text(lost["id"], style="bold"),
            Text(printable(lost["name"]), style="bold"),
            Text(_n(lost["lost"]), style="red"),
        )
        for item in lost["items"]:
            cell = Text(printable(item["name"]))
            if item["deducted"]:
                cell.append(f" (thẩm định trừ {_n(item['deducted'])})", style="dim")
            if item["explanation"]:
                cell.append(printable(f"\nGiải trình: {item['explanation']}"), style="dim")
            table.add_row(item["id"], cell, _n(item["lost"]))
        for task in lost["tasks"]:
            text = f"Nhiệm vụ {task['id']}: {task['title']} ({task['lead_name']})"
            table.add_row("", Text(printable(text), style="cyan"), "")
    return table


def _rank(facts: dict[str, Any]) -> RenderableType:
    rank, year, target = facts["rank"], facts["year"], facts["target_rank"]
    aim = f"tốp {target}" if target is not None else "chưa có chỉ tiêu"
    if rank is None:
        recorded = facts["recorded_rank"]
        line = Text(f"Xếp hạng năm {year}: ")
        line.append(
            f"hạng {recorded} (đã ghi ở chỉ số)" if recorded is not None else "chưa có kết quả"
        )
        line.append(f" · chỉ tiêu: {aim}")
        if recorded is not None and target is not None:
            line.append_text(_mark(recorded <= target))
        line.append(
            "\nGhi kết quả công bố của mọi sở, ban, ngành để tính khoảng cách tới chỉ tiêu.",
            style="dim",
        )
        return line
    line = Text(f"Xếp hạng năm {year}: hạng {rank['rank']}/{rank['out_of']} · chỉ tiêu: {aim}")
    line.append_text(_mark(rank["within"]))
    if rank["source"]:
        line.append(printable(f" ({_source(rank['source'])})"), style="dim")
    rival = rank["rival"]
    if rival is not None and rank["needed"]:
        scale = facts["totals"]["max"] if facts["totals"] else None
        points = (
            f" (≈ {_n(rank['needed_points'])}/{_n(scale)} điểm của bộ tiêu chí)"
            if rank["needed_points"] and scale != 100
            else ""
        )
        line.append(
            printable(
                f"\nCần thêm {_n(rank['needed'])} điểm chỉ số{points} để bằng {rival['name']} "
                f"(hạng {rival['rank']}, {_n(rival['score'])})."
            )
        )
    elif rival is not None:
        line.append(
            printable(
                f"\nCao hơn {_n(rank['margin'])} điểm chỉ số so với {rival['name']} (hạng "
                f"{rival['rank']}, {_n(rival['score'])}), đơn vị gần nhất ngoài tốp {target}."
            )
        )
    return line


def _sipas(facts: dict[str, Any]) -> RenderableType | None:
    found = facts["sipas"]
    if found is None:
        return None
    target = found["target"]
    aim = f"chỉ tiêu {target['op']} {number(target['value'], 2)}%" if target else "chưa có chỉ tiêu"
    title = f"SIPAS năm {facts['year']} · {aim}"
    if not found["elements"] and found["recomputed"] is None:
        line = Text(f"{title}: công bố {_n(found['published'])}%", style="bold")
        line.append_text(_mark(found["published_met"]))
        return line
    table = text_table(title)
    table.add_column("Yếu tố", ratio=1, min_width=24)
    table.add_column("Công bố\n(%)", justify="right", no_wrap=True)
    table.add_column("Tính lại\n(%)", justify="right", no_wrap=True)
    table.add_column("Hài lòng/\ntrả lời", justify="right", no_wrap=True)
    for e in found["elements"]:
        counts = f"{e['satisfied']}/{e['answers']}" if e["answers"] is not None else DASH
        table.add_row(
            Text(printable(e["label"])),
            _n(e["published"]),
            _n(e["recomputed"]),
            counts,
        )
    how = "trung bình 5 yếu tố" if found["method"] == "elements" else DASH
    if found["method"] == "ballots":
        how = f"{found['satisfied']}/{found['surveyed']} phiếu"
    published = Text(_n(found["published"]))
    published.append_text(_mark(found["published_met"]))
    recomputed = Text(_n(found["recomputed"]))
    recomputed.append_text(_mark(found["recomputed_met"]))
    table.add_row(Text("Chung", style="bold"), published, recomputed, how)
    return Group(table, Text(_sipas_note(target), style="dim"))


def _sipas_note(target: dict[str, Any] | None) -> str:
    """How the marks are judged: on the published rate, a strict target strictly."""
    note = "Tỷ lệ công bố là tỷ lệ so với chỉ tiêu"
    if target is None:
        return note + "."
    value = number(target["value"], 2)
    exactly = f"{target['value']:.1f}".replace(".", ",")  # as a published rate is written
    words = {">": "trên", "<": "dưới"}.get(target["op"])
    if words is None:
        return note + "."
    return note + f"; “{words} {value}%” không đạt khi đúng {exactly}%."


def parts(view: ParView) -> list[RenderableType]:
    """The blocks of `cchc par`, in order."""
    facts = plain(view)
    found: list[RenderableType] = [_headline(facts)]
    if facts["totals"] is not None:
        found += [_score_table(facts), _lost_table(facts)]
    found.append(_rank(facts))
    if (sipas := _sipas(facts)) is not None:
        found.append(sipas)
    return found


def print_text(view: ParView, file: TextIO | None = None) -> None:
    """`cchc par` on `file` (stdout); plain text without trailing spaces when not colour."""
    print_blocks(parts(view), file)


def print_json(view: ParView, file: TextIO | None = None) -> None:
    """The JSON document of `cchc_cli.par.json.to_json` on `file` (stdout)."""
    print_with(lambda stream: stream.write(render_json(view)), file)


Renderer = Callable[[ParView, TextIO | None], None]
RENDERERS: dict[str, Renderer] = {"text": print_text, "json": print_json}


def renderer(name: str) -> Renderer:
    """The renderer named `name` (text, json); `UsageError` for an unknown one."""
    return RENDERERS[format_named(name, RENDERERS)]
