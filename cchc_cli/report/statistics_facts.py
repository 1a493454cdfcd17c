"""Period statistics in a report: sentences as officials write them, and the appendix table.

"Trong kỳ, tiếp nhận mới 4.131 hồ sơ (trực tuyến 3.902 hồ sơ, đạt 94,46%); đã giải quyết
4.157 hồ sơ (trước hạn 3.000 hồ sơ; đúng hạn 1.145 hồ sơ; quá hạn 12 hồ sơ); tỷ lệ hồ sơ
giải quyết trước hạn và đúng hạn đạt 99,71%."

The figures are those of the report's data window, as `cchc_cli.engine.figures.figures_for`
gives them (the window, the same window a year earlier, the reporting year to the window's
end), read here as plain data (`FigureRow.as_dict`). The catalogue (``data/metrics.yaml``)
says where and how they are written:

Sentences (`by_area`)
    Every group of the catalogue is written in the section of its ``area`` (the plan's
    ``direction_area`` is section I, every other area its subsection of II), after the
    area's results: one paragraph per group, in catalogue order, ``Trong kỳ, …``. A metric
    is worded by its ``phrase`` with the figure at ``{số}`` (without one: ``name: figure
    unit``); a figure with a maximum reads ``88,66/100``; the metric's own rate (the rate
    whose numerator is that metric alone) follows it, ``(đạt 94,46%)``; a target says
    whether it is met. The parts of a whole (the left side of a ``=`` rule whose right side
    is one metric, all of one group) are written in brackets after the whole. Other rates:
    ``tỷ lệ … đạt 99,71%``. Left out of the sentences, never written as 0: a metric without
    data in the window; a metric that misses a month of it (its figure would be short: the
    months are named in a ``[Đơn vị bổ sung: …]`` gap after the paragraph); and a figure of
    0, which the appendix gives.

Table (`table`)
    The statistics appendix in the form of the 581/BNV appendix: every metric of every
    group, with the window, the same period last year, the year to date and the metric's
    own rate; rates that are no metric's own are rows of their own, in percent. ``-`` is no
    data, a ``*`` a figure that misses a month. No table when no window has any data.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from cchc_cli.report.filters import placeholder
from cchc_cli.report.model import Column, Paragraph, Row, Table
from cchc_cli.report.wording import lower_first, target_words
from cchc_cli.text_vi import dmy, percent, thousands

if TYPE_CHECKING:  # the statistics engine is imported only for a repository with statistics
    from cchc_cli.engine.periods import Window
    from cchc_cli.models.statistics import Metric, MetricsFile
    from cchc_cli.report.scope import Scope

SLOT = "{số}"  # models.statistics.NUMBER_SLOT: where a phrase puts its figure
NO_DATA = "-"
SHORT = "*"


@dataclass(frozen=True, slots=True)
class Figures:
    """The statistics of a report: rows as plain data, and the catalogue that words them."""

    rows: list[dict[str, Any]]  # `FigureRow.as_dict`, in catalogue order
    metrics: dict[str, Metric]
    group_names: dict[str, str]  # group id -> name, in catalogue order
    parts: dict[str, list[str]]  # whole metric id -> its parts, in rule order
    denominators: dict[str, list[str]]  # rate id -> the metrics of its denominator
    this_period: Window
    last_year: Window
    year_to_date: Window

    @property
    def own_rates(self) -> set[str]:
        """The rates that are some metric's own (numerator: that metric alone)."""
        return {row["rate"]["id"] for row in self.rows if row["rate"] is not None}

    def rate_row(self, rate: str) -> dict[str, Any] | None:
        return next((r for r in self.rows if r["kind"] == "rate" and r["id"] == rate), None)


def figures(scope: Scope) -> Figures | None:
    """The figures of the report's window; None without a catalogue."""
    catalogue = scope.dataset.metrics
    if catalogue is None:
        return None
    from cchc_cli.engine.figures import Windows, figures_for
    from cchc_cli.engine.statistics import Statistics

    stats = Statistics(catalogue, scope.dataset.statistics)
    windows = Windows.of(scope.window, stats.start_day)
    return Figures(
        rows=[row.as_dict() for row in figures_for(stats, scope.window)],
        metrics={m.id: m for m in reversed(catalogue.metrics)},
        group_names={g.id: g.name for g in reversed(catalogue.groups)},
        parts=parts_of(catalogue),
        denominators={r.id: r.denominator for r in reversed(catalogue.rates)},
        this_period=windows.this_period,
        last_year=windows.last_year,
        year_to_date=windows.year_to_date,
    )


def parts_of(catalogue: MetricsFile) -> dict[str, list[str]]:
    """Whole -> parts: each ``=`` rule with one metric on the right and several on the left,
    all of one group (the first such rule of a whole)."""
    group = {m.id: m.group for m in catalogue.metrics}
    found: dict[str, list[str]] = {}
    for rule in catalogue.rules:
        if rule.op != "=" or len(rule.right) != 1 or len(rule.left) < 2:
            continue
        (whole,) = rule.right
        if whole in found or whole in rule.left or whole not in group:
            continue
        if all(group.get(m) == group[whole] for m in rule.left):
            found[whole] = list(dict.fromkeys(rule.left))
    return found


# --- sentences -------------------------------------------------------------------------------


def by_area(scope: Scope) -> dict[str, list[Paragraph]]:
    """The paragraphs of each area (report section) that has figures in the window."""
    found = figures(scope)
    if found is None:
        return {}
    areas: dict[str, list[Paragraph]] = {}
    for group, rows in _groups(found.rows).items():
        paragraphs = group_paragraphs(found, group, rows)
        if paragraphs:
            areas.setdefault(rows[0]["area"], []).extend(paragraphs)
    return areas


def _groups(rows: Iterable[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    grouped: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        grouped.setdefault(row["group"], []).append(row)
    return grouped


def group_paragraphs(found: Figures, group: str, rows: list[dict[str, Any]]) -> list[Paragraph]:
    """A group's sentence, and a gap naming the months its figures miss (see the module)."""
    by_id = {row["id"]: row for row in rows if row["kind"] == "metric"}
    wholes = [w for w in found.parts if w in by_id and _said(by_id[w]["this_period"])]
    parts = {p for whole in wholes for p in found.parts[whole]}  # said inside their whole
    own_rates = found.own_rates  # said with their metric
    clauses: dict[str, list[str]] = {}  # metric id (or rate id) -> its clause, then rates
    for row in rows:
        if row["kind"] == "metric" and row["id"] not in parts and _said(row["this_period"]):
            clauses[row["id"]] = [_metric_clause(found, row, by_id)]
    for row in rows:
        if row["kind"] == "rate" and row["id"] not in own_rates and _said(row["this_period"]):
            # After its denominator's clause ("đã giải quyết …; tỷ lệ … đạt 99,71%"), else last.
            anchor = found.denominators.get(row["id"], [])
            after = anchor[0] if len(anchor) == 1 and anchor[0] in clauses else row["id"]
            clauses.setdefault(after, []).append(_rate_clause(row))
    said = [text for texts in clauses.values() for text in texts]
    paragraphs = [Paragraph("text", f"Trong kỳ, {'; '.join(said)}.")] if said else []
    missing = _missing(rows)
    if missing:
        name = lower_first(found.group_names.get(group, group))
        months = ", ".join(_month(key) for key in missing)
        paragraphs.append(Paragraph("gap", placeholder(f"số liệu tháng {months} về {name}")))
    return paragraphs


def _said(figure: Mapping[str, Any]) -> bool:
    """Whether a figure goes into a sentence: it has data, misses no month, and is not 0."""
    return figure["value"] is not None and figure["complete"] and figure["value"] != 0


def _missing(rows: list[dict[str, Any]]) -> list[str]:
    """The months some metric of the group misses, when the group has data in the window."""
    metrics = [row for row in rows if row["kind"] == "metric"]
    if not any(row["this_period"]["value"] is not None for row in metrics):
        return []  # nothing recorded for the window: nothing to say, nothing to ask for
    return sorted({key for row in metrics for key in row["this_period"]["missing"]})


def _month(key: str) -> str:
    """``2024-11`` → ``11/2024``."""
    year, _, month = key.partition("-")
    return f"{month}/{year}"


def amount(value: float, metric: Metric | None, integer: bool, *, out_of: bool = True) -> str:
    """A figure as reports write it: ``4.131``, ``88,66``, ``17,53/18`` (with a maximum,
    unless not `out_of`). A mean of counts keeps two decimals."""
    whole = integer and (metric is None or metric.aggregate != "mean")
    text = thousands(value, 0 if whole else 2)
    if out_of and metric is not None and metric.max is not None:
        text += f"/{thousands(metric.max)}"
    return text


def metric_text(metric: Metric | None, row: Mapping[str, Any]) -> str:
    """The metric and its figure for the window: its phrase, else ``name: figure unit``."""
    figure = amount(row["this_period"]["value"], metric, row["integer"])
    if metric is not None and metric.phrase:
        return metric.phrase.replace(SLOT, figure)
    return f"{lower_first(row['name'])}: {figure} {row['unit']}"


def _metric_clause(
    found: Figures, row: dict[str, Any], by_id: dict[str, dict[str, Any]], *, part: bool = False
) -> str:
    text = metric_text(found.metrics.get(row["id"]), row)
    rate = row["rate"]
    if rate is not None and rate["value"] is not None:
        share = percent(rate["value"], 2)
        own = found.rate_row(rate["id"])
        target = "" if own is None else _target(own, "%")
        text += f", đạt {share}{target}" if part else f" (đạt {share}{target})"
    if not part:
        members = [by_id[p] for p in found.parts.get(row["id"], ()) if p in by_id]
        said = [
            _metric_clause(found, m, by_id, part=True) for m in members if _said(m["this_period"])
        ]
        if said:
            separator = "; " if any("," in s for s in said) else ", "
            text += f" ({separator.join(said)})"
        text += _target(row, row["unit"])
    return text


def _rate_clause(row: dict[str, Any]) -> str:
    share = percent(row["this_period"]["value"], 2)
    return f"{lower_first(row['name'])} đạt {share}{_target(row, '%')}"


def _target(row: Mapping[str, Any], unit: str) -> str:
    """``, đạt chỉ tiêu đề ra (từ 80 điểm trở lên)``; empty without a verdict."""
    target, verdict = row["target"], row["verdict"]
    if target is None or verdict not in ("met", "not_met"):
        return ""
    words = target_words(target["op"], target["value"], unit)
    return f", {'đạt' if verdict == 'met' else 'chưa đạt'} chỉ tiêu đề ra ({words})"


# --- the appendix table ----------------------------------------------------------------------

COLUMNS = (
    Column("STT", weight=2, align="center"),
    Column("Chỉ tiêu", weight=15),
    Column("Đơn vị tính", weight=4, align="center"),
    Column("Kỳ báo cáo", weight=4, align="right"),
    Column("Cùng kỳ năm trước", weight=4, align="right"),
    Column("Lũy kế từ đầu năm", weight=4, align="right"),
    Column("Tỷ lệ trong kỳ", weight=4, align="right"),
)
WINDOWS = ("this_period", "last_year", "year_to_date")


def table(scope: Scope) -> Table | None:
    """The statistics appendix (see the module); None when no window has any data."""
    found = figures(scope)
    if found is None:
        return None
    if not any(row[key]["value"] is not None for row in found.rows for key in WINDOWS):
        return None
    own_rates = found.own_rates
    rows: list[Row] = []
    number = 0
    short = False
    for group, members in _groups(found.rows).items():
        shown = [r for r in members if r["kind"] == "metric" or r["id"] not in own_rates]
        if not shown:
            continue
        rows.append(Row((found.group_names.get(group, group),), kind="group"))
        for row in shown:
            number += 1
            cells = [_cell(row, row[key], found) for key in WINDOWS]
            short = short or any(cell.endswith(SHORT) for cell in cells)
            rate = row["rate"]
            own = "" if rate is None or rate["value"] is None else percent(rate["value"], 2)
            unit = "" if row["kind"] == "rate" else row["unit"]  # its figures carry the %
            rows.append(Row((str(number), row["name"], unit, *cells, own)))
    return Table(_caption(found, short), COLUMNS, tuple(rows))


def _cell(row: Mapping[str, Any], figure: Mapping[str, Any], found: Figures) -> str:
    value = figure["value"]
    if value is None:
        return NO_DATA
    if row["kind"] == "rate":
        text = percent(value, 2)
    else:
        text = amount(value, found.metrics.get(row["id"]), row["integer"], out_of=False)
    return text if figure["complete"] else f"{text}{SHORT}"


def _caption(found: Figures, short: bool) -> str:
    def span(window: Window) -> str:
        return f"từ {dmy(window.start)} đến {dmy(window.end)}"

    notes = [f"“{NO_DATA}”: chưa có số liệu"]
    if short:
        notes.append(f"“{SHORT}”: chưa đủ số liệu các tháng")
    return (
        f"Kỳ báo cáo {span(found.this_period)}; cùng kỳ năm trước {span(found.last_year)}; "
        f"từ đầu năm {span(found.year_to_date)} ({'; '.join(notes)})"
    )
