"""The chart sections of the dashboard page (`cchc_cli.status.html`), in page order.

`SECTIONS` lists them. Each is an anchor, a heading and a function from the JSON document
of `cchc_cli.status.json.to_json` to a list of charts (None or ``[]``: the section is left
out, e.g. when its facts are absent). A chart is a dict from one of the builders of
`cchc_cli.status.charts` (``hbars``, ``columns``, ``lines``) plus a ``title`` and a
``desc`` (what a screen reader says); the page template draws it with the macro named by
its ``kind``. A new section (period statistics, a PAR self-assessment, from a new JSON key)
is one function here and one line in `SECTIONS`; no template change.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from cchc_cli.status import charts
from cchc_cli.status.charts import Chart
from cchc_cli.status.par_section import par_charts
from cchc_cli.text_vi import dmy, number, percent, thousands

# The order of states in a bar: done from the left, the bad news at the right end.
BAR_ORDER = ("done_on_time", "done_late", "in_progress", "not_started", "due_soon", "overdue")
QUARTER_NAMES = {1: "I", 2: "II", 3: "III", 4: "IV"}
OPS = {">": ">", ">=": "≥", "≥": "≥", "<": "<", "<=": "≤", "≤": "≤"}


def unit_anchor(code: str) -> str:
    """The page anchor of a unit's to-do list: ``don-vi-van-phong``."""
    return f"don-vi-{code}"


def _state_parts(labels: dict[str, str]) -> list[dict[str, str]]:
    return [{"key": key, "label": labels[key], "fill": key} for key in BAR_ORDER]


# --- sections ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Section:
    """A chart section of the page: its anchor, heading, and charts from the JSON document."""

    id: str
    title: str
    build: Callable[[dict[str, Any]], list[Chart] | None]


def state_labels(doc: dict[str, Any]) -> dict[str, str]:
    """Vietnamese labels of the states, capitalised (``Quá hạn``)."""
    from cchc_cli.engine.progress import STATE_ORDER

    del doc  # the labels are the engine's; the argument keeps builders alike
    return {s.key: s.label.capitalize() for s in STATE_ORDER}


def _group_chart(doc: dict[str, Any], key: str, title: str, link: bool) -> list[Chart] | None:
    rows = doc.get(key)
    if not rows:
        return None
    labels = state_labels(doc)
    chart = charts.hbars(
        [
            {
                "key": row["code"],
                "label": row["name"],
                "href": f"#{unit_anchor(row['code'])}" if link else None,
                "values": row["counts"],
                "note": f"{row['done']}/{row['total']} · {percent(row['completion_rate'])}"
                if row["total"]
                else "chưa có",
            }
            for row in rows
        ],
        _state_parts(labels),
    )
    described = "; ".join(
        f"{row['name']}: hoàn thành {row['done']}/{row['total']}, "
        + ", ".join(f"{labels[k].lower()} {row['counts'][k]}" for k in BAR_ORDER)
        for row in rows
    )
    return [chart | {"title": title, "desc": described}]


def _areas(doc: dict[str, Any]) -> list[Chart] | None:
    return _group_chart(doc, "areas", "Kỳ thực hiện theo lĩnh vực, chia theo trạng thái", False)


def _units(doc: dict[str, Any]) -> list[Chart] | None:
    return _group_chart(
        doc, "units", "Kỳ thực hiện theo đơn vị chủ trì, chia theo trạng thái", True
    )


def quarter_label(key: str) -> str:
    """``2024-Q1`` → ``quý I/2024``."""
    year, _, quarter = key.partition("-Q")
    return f"quý {QUARTER_NAMES[int(quarter)]}/{year}"


def _quarters(doc: dict[str, Any]) -> list[Chart] | None:
    found = doc.get("quarters")
    if not found:
        return None
    keys = [q["quarter"] for q in found]
    labels = [quarter_label(k) for k in keys]
    per_quarter = charts.columns(
        keys,
        labels,
        [
            [{"due": q["due"]}, {"done_on_time": q["done_on_time"], "done_late": q["done_late"]}]
            for q in found
        ],
        [
            {"key": "due", "label": "đến hạn", "fill": "due"},
            {"key": "done_on_time", "label": "hoàn thành đúng hạn", "fill": "done_on_time"},
            {"key": "done_late", "label": "hoàn thành trễ hạn", "fill": "done_late"},
        ],
    )
    last = found[-1]
    per_quarter |= {
        "title": "Số kỳ đến hạn và số kỳ hoàn thành trong từng quý",
        "desc": "; ".join(
            f"{label}: đến hạn {q['due']}, hoàn thành {q['done']}"
            for label, q in zip(labels, found, strict=True)
        ),
    }
    cumulative = charts.lines(
        keys,
        [
            {
                "key": "due_to_date",
                "label": f"Đến hạn, cộng dồn: {last['due_to_date']}",
                "fill": "due",
                "dash": True,
                "values": [q["due_to_date"] for q in found],
            },
            {
                "key": "done_to_date",
                "label": f"Hoàn thành, cộng dồn: {last['done_to_date']}",
                "fill": "done_on_time",
                "values": [q["done_to_date"] for q in found],
            },
        ],
        integer=True,
        digits=0,
    )
    cumulative |= {
        "title": "Cộng dồn: số kỳ đã đến hạn và số kỳ đã hoàn thành",
        "desc": f"Đến {dmy(date.fromisoformat(last['end']))}: {last['due_to_date']} kỳ đã "
        f"đến hạn, {last['done_to_date']} kỳ đã hoàn thành.",
        "labels": False,
    }
    return [per_quarter, cumulative]


def _indicators(doc: dict[str, Any]) -> list[Chart] | None:
    found = doc.get("indicator_series")
    if not found:
        return None
    as_of_year = date.fromisoformat(doc["as_of"]).year
    return [_indicator_chart(series, as_of_year) for series in found]


def _indicator_chart(series: dict[str, Any], as_of_year: int) -> Chart:
    years = series["years"]
    keys = [str(y["year"]) for y in years]
    unit = series["unit"]
    lower = series["direction"] == "lower"
    values = [y["value"] for y in years]
    numbers = [v for v in values if v is not None]
    numbers += [y["target"]["value"] for y in years if y["target"]]
    whole = all(float(v).is_integer() for v in numbers)
    targets = [
        {**y["target"], "text": f"Chỉ tiêu {_op(y['target']['op'])} {_amount(y['target'])}"}
        if y["target"]
        else None
        for y in years
    ]
    chart = charts.lines(
        keys,
        [
            {
                "key": series["id"],
                "label": series["name"],
                "fill": "value",
                "values": values,
                "marks": [y["verdict"] or "no_target" for y in years],
            }
        ],
        targets=targets,
        reverse=lower,
        integer=whole,
        known=[y["year"] <= as_of_year for y in years],
    )
    better = f"↑ tốt hơn ({unit} thấp hơn)" if lower else "↑ tốt hơn"
    points = "; ".join(_year_text(y, unit) for y in years if y["year"] <= as_of_year)
    return chart | {
        "title": f"{series['name']} ({unit})",
        "desc": f"{points}." if points else "Chưa có số liệu.",
        "axis": f"{unit} · {better}",
        "labels": True,
    }


def _op(op: str) -> str:
    return OPS.get(op, op)


def _amount(target: dict[str, Any]) -> str:
    return number(target["value"], 2)


VERDICT_WORDS = {"met": "đạt", "not_met": "không đạt", "no_data": "chưa có số liệu"}


def _year_text(year: dict[str, Any], unit: str) -> str:
    if year["value"] is None:
        return f"{year['year']}: chưa có số liệu"
    text = f"{year['year']}: {number(year['value'], 2)} {unit}"
    word = VERDICT_WORDS.get(year["verdict"] or "")
    return f"{text} ({word})" if word else text


RATE_PARTS = (  # "đạt 80,83%": the part a rate counts, then the rest of its whole
    {"key": "part", "label": "đạt", "fill": "done_on_time"},
    {"key": "rest", "label": "còn lại", "fill": "not_started"},
)


def _statistics(doc: dict[str, Any]) -> list[Chart] | None:
    """The headline rates of the current period (``statistics`` of the JSON): a bar per rate,
    its numerator against the rest of its denominator, the rate and the same period last year
    in words. None without statistics, a period, or a headline rate with data."""
    found = doc.get("statistics")
    if not found or not found["period"]:
        return None
    rows = [
        row
        for row in found["rows"]
        if row["kind"] == "rate" and row["headline"] and row["this_period"]["value"] is not None
    ]
    if not rows:
        return None
    period = found["period"]
    end = dmy(date.fromisoformat(period["end"]))
    label = period["label"] if period["whole"] else f"{period['label']} (đến {end})"
    bars, described = [], []
    for row in rows:
        this, last = row["this_period"], row["last_year"]
        top, bottom = round(this["numerator"]), round(this["denominator"])
        before = "chưa có số liệu" if last["value"] is None else percent(last["value"], 2)
        bars.append(
            {
                "key": row["id"],
                "label": f"{row['name']} (cùng kỳ năm trước: {before})",
                "href": None,
                "values": {"part": top, "rest": max(bottom - top, 0)},
                "note": percent(this["value"], 2),
            }
        )
        described.append(
            f"{row['name']}: {percent(this['value'], 2)} ({thousands(top)}/"
            f"{thousands(bottom)}), cùng kỳ năm trước {before}"
        )
    chart = charts.hbars(bars, RATE_PARTS)
    return [chart | {"title": f"Các tỷ lệ chính, {label}", "desc": "; ".join(described) + "."}]


SECTIONS: tuple[Section, ...] = (
    Section("theo-linh-vuc", "Theo lĩnh vực", _areas),
    Section("theo-don-vi", "Theo đơn vị chủ trì", _units),
    Section("theo-thoi-gian", "Tiến độ theo thời gian", _quarters),
    Section("chi-so", "Chỉ số qua các năm", _indicators),
    Section("so-lieu", "Số liệu thống kê", _statistics),
    Section("par-index", "Tự đánh giá PAR INDEX", par_charts),
)
