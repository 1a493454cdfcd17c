"""`cchc status --format html`: the dashboard as one self-contained page, drawn from the JSON.

The page renders the document of `cchc_cli.status.json.to_json` and nothing else: every
figure on it is a JSON fact, so the page, the text and the JSON always agree. `page` turns
the document into plain template data (charts laid out by `cchc_cli.status.charts`);
`render_html` fills ``dashboard/status.html.j2`` (found like every template: a data
repository's ``templates/dashboard/`` wins over the built-in one).

Sections
    `SECTIONS` lists the chart sections in page order. Each is an anchor, a heading and a
    function from the JSON document to a list of charts (None or ``[]``: the section is
    left out, e.g. when its facts are absent). A chart is a dict from one of the builders
    of `cchc_cli.status.charts` (``hbars``, ``columns``, ``lines``) plus a ``title`` and a
    ``desc`` (what a screen reader says); the template draws it with the macro named by its
    ``kind``. A new section (say period statistics, from a new JSON key) is one function
    here and one line in `SECTIONS`; no template change.

Colours
    States have the terminal's colours (`cchc_cli.status.text.STATE_STYLES`, mapped by
    `TERMINAL_COLOURS`) and each its own texture (`TEXTURES`), so a black-and-white print
    still tells them apart; counts and labels are written as text as well.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from cchc_cli.status import charts
from cchc_cli.status.charts import Chart
from cchc_cli.status.text import STATE_STYLES
from cchc_cli.text_vi import dmy, number, percent

PAGE = "dashboard/status.html.j2"
KIND = "mẫu trang tổng quan"  # how template errors name the page's template

# The page's colour for each colour the terminal uses (rich colour names; "" is the
# terminal's default text colour: no fill).
TERMINAL_COLOURS = {
    "red": "#c62828",
    "yellow": "#f0c419",
    "cyan": "#0097a7",
    "": "#ffffff",
    "green": "#2e7d32",
    "dark_orange": "#ef6c00",
}
# A texture per state, drawn over its colour (see templates/dashboard/charts.html.j2).
TEXTURES = {
    "overdue": "cross",
    "due_soon": "diagonal",
    "in_progress": "dots",
    "not_started": "none",
    "done_on_time": "solid",
    "done_late": "horizontal",
}
# The order of states in a bar: done from the left, the bad news at the right end.
BAR_ORDER = ("done_on_time", "done_late", "in_progress", "not_started", "due_soon", "overdue")
QUARTER_NAMES = {1: "I", 2: "II", 3: "III", 4: "IV"}
OPS = {">": ">", ">=": "≥", "≥": "≥", "<": "<", "<=": "≤", "≤": "≤"}


def state_colour(key: str) -> str:
    """The page colour of a state: its terminal colour (the last word of its rich style)."""
    (style,) = (s for state, s in STATE_STYLES.items() if state.key == key)
    words = style.split()
    return TERMINAL_COLOURS[words[-1] if words else ""]


def _ink(colour: str) -> str:
    """The colour of a texture over `colour`: white on a dark colour, dark on a light one."""
    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return "#ffffff" if 0.299 * red + 0.587 * green + 0.114 * blue < 150 else "#333333"


def _fills() -> list[dict[str, str]]:
    """The patterns the page defines: one per state, and the marks of the other charts."""
    found = [
        {"key": key, "colour": state_colour(key), "texture": TEXTURES[key]} for key in TEXTURES
    ]
    found.append({"key": "due", "colour": "#ffffff", "texture": "diagonal"})
    return [fill | {"ink": _ink(fill["colour"])} for fill in found]


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


SECTIONS: tuple[Section, ...] = (
    Section("theo-linh-vuc", "Theo lĩnh vực", _areas),
    Section("theo-don-vi", "Theo đơn vị chủ trì", _units),
    Section("theo-thoi-gian", "Tiến độ theo thời gian", _quarters),
    Section("chi-so", "Chỉ số qua các năm", _indicators),
)


# --- lists ---------------------------------------------------------------------------------


def unit_anchor(code: str) -> str:
    """The page anchor of a unit's to-do list: ``don-vi-van-phong``."""
    return f"don-vi-{code}"


def _last_cell(kind: str, item: dict[str, Any]) -> tuple[str, Any]:
    if kind == "overdue":
        return f"{item['days_overdue']} ngày", item["days_overdue"]
    if kind == "due_soon":
        days = item["days_left"]
        return (f"{days} ngày" if days else "hôm nay"), days
    if kind == "stale":
        when = item["last_update"]
        if when is None:
            return "–", 0
        days = item["days_since_update"]
        return f"{dmy(date.fromisoformat(when))} ({days} ngày)", days
    return item["state_label"], item["state"]


def _row(kind: str, item: dict[str, Any], classes: dict[str, str]) -> dict[str, Any]:
    text, sort = _last_cell(kind, item)
    return {
        "task": item["task"],
        "period": item["period"] or "",
        "title": item["title"],
        "lead": item["lead"],
        "lead_name": item["lead_name"],
        "anchor": unit_anchor(item["lead"]),
        "cls": classes.get(item["lead"], ""),
        "due": dmy(date.fromisoformat(item["due"])),
        "due_iso": item["due"],
        "percent": item["percent"],
        "state": item["state"],
        "last": text,
        "last_sort": sort,
    }


LISTS = (  # key in the JSON, anchor, heading, last column; which views show it
    ("overdue", "qua-han", "Quá hạn", "Quá hạn", "both"),
    ("due_soon", "sap-den-han", "Sắp đến hạn", "Còn", "both"),
    ("stale", "cham-cap-nhat", "Chậm cập nhật", "Cập nhật lần cuối", "all"),
    ("open", "dang-thuc-hien", "Đang thực hiện, chưa bắt đầu", "Trạng thái", "unit"),
)


def _lists(doc: dict[str, Any], units: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    classes = {u["code"]: u["cls"] for u in units}
    whole = doc["filters"]["unit"] is None
    found = []
    for key, anchor, title, last, shown in LISTS:
        source = doc.get("open_all" if key == "open" and whole else key)
        if source is None:
            continue
        rows = [_row(key, item, classes) for item in source]
        counts = {u["code"]: 0 for u in units}
        for row in rows:
            counts[row["lead"]] = counts.get(row["lead"], 0) + 1
        found.append(
            {
                "key": key,
                "id": anchor,
                "title": title,
                "last": last,
                "numeric_last": key != "open",
                "rows": rows,
                "count": len(rows),
                "unit_counts": counts,
                # In the whole view, which of the per-unit views shows the list.
                "in_all": shown in ("both", "all") or not whole,
                "in_unit": shown in ("both", "unit"),
            }
        )
    return found


def _units_of(doc: dict[str, Any]) -> list[dict[str, Any]]:
    """The units that get a to-do view on the page (whole view only), with a CSS class."""
    if doc["filters"]["unit"] is not None or not doc.get("units"):
        return []
    return [
        {
            "code": row["code"],
            "name": row["name"],
            "anchor": unit_anchor(row["code"]),
            "cls": f"u{i}",
        }
        for i, row in enumerate(doc["units"])
    ]


# --- the page ------------------------------------------------------------------------------


def _headline(doc: dict[str, Any]) -> dict[str, Any]:
    total = doc["summary"]
    counts = total["counts"]
    labels = state_labels(doc)
    mean = total["mean_progress"]
    return {
        "done": total["done"],
        "total": total["total"],
        "completion": percent(total["completion_rate"]),
        "on_time": counts["done_on_time"],
        "on_time_rate": percent(total["on_time_rate"]),
        "mean": "–" if mean is None else f"{number(mean, 1)}%",
        "stale": total["stale"],
        "states": [
            {"key": key, "label": labels[key], "count": counts[key]}
            for key in ("overdue", "due_soon", "in_progress", "not_started")
        ],
    }


def _scope(doc: dict[str, Any]) -> list[str]:
    filters = doc["filters"]
    found = []
    if filters["year"] is not None:
        found.append(f"năm {filters['year']}")
    names = {row["code"]: row["name"] for row in doc.get("areas") or []}
    if filters["area"] is not None:
        found.append(f"lĩnh vực: {names.get(filters['area'], filters['area'])}")
    if filters["unit"] is not None:
        items = [*doc["overdue"], *doc["due_soon"], *(doc["open"] or [])]
        unit = next((i["lead_name"] for i in items), filters["unit"])
        found.append(f"đơn vị: {unit}")
    return found


def page(doc: dict[str, Any]) -> dict[str, Any]:
    """The plain data the page template sees, from a `to_json` document."""
    units = _units_of(doc)
    sections = []
    for section in SECTIONS:
        built = section.build(doc)
        if built:
            sections.append({"id": section.id, "title": section.title, "charts": built})
    labels = state_labels(doc)
    return {
        "title": doc["plan"]["title"] or "(chưa đọc được kế hoạch)",
        "as_of": dmy(date.fromisoformat(doc["as_of"])),
        "scope": _scope(doc),
        "rules": doc["rules"],
        "headline": _headline(doc),
        "problems": doc["problems"],
        "fills": _fills(),
        "states": [{"key": k, "label": labels[k]} for k in BAR_ORDER],
        "sections": sections,
        "units": units,
        "lists": _lists(doc, units),
        "unit_view": doc["filters"]["unit"] is not None,
    }


def render_html(doc: dict[str, Any], root: Path | None) -> str:
    """The page of `doc` (a `to_json` document); template errors are `CchcError`s."""
    from cchc_cli.templating import environment
    from cchc_cli.templating.errors import template_error
    from cchc_cli.templating.files import check_override_dir, loader

    context = page(doc)
    check_override_dir(root)
    env = environment(loader(root))
    try:
        return env.get_template(PAGE).render(context)
    except Exception as exc:  # a user's template can fail in any way: report, never crash
        raise template_error(exc, PAGE, root, kind=KIND) from exc
