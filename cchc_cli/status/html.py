"""`cchc status --format html`: the dashboard as one self-contained page, drawn from the JSON.

The page renders the document of `cchc_cli.status.json.to_json` and nothing else: every
figure on it is a JSON fact, so the page, the text and the JSON always agree. `page` turns
the document into plain template data (charts laid out by `cchc_cli.status.charts`);
`render_html` fills ``dashboard/status.html.j2`` (found like every template: a data
repository's ``templates/dashboard/`` wins over the built-in one).

Sections
    The chart sections and their registry, `SECTIONS`, are in `cchc_cli.status.sections`:
    a new chart section is one function and one line there.

Colours
    States have the terminal's colours (`cchc_cli.status.text.STATE_STYLES`, mapped by
    `TERMINAL_COLOURS`) and each its own texture (`TEXTURES`), so a black-and-white print
    still tells them apart; counts and labels are written as text as well.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from cchc_cli.status.sections import BAR_ORDER, SECTIONS, state_labels, unit_anchor
from cchc_cli.status.text import ALL, STATE_STYLES, Shown
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


# --- lists ---------------------------------------------------------------------------------


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


def _lists(
    doc: dict[str, Any], units: Sequence[dict[str, Any]], shown: Shown
) -> list[dict[str, Any]]:
    """The lists of the page, each cut to `shown.limit` rows in each view that shows it.

    The JSON lists are sorted worst first, so the first rows are the ones to act on. A row is
    on the page when it is among the first `limit` of the list (the view of every unit) or
    among the first `limit` of its unit (that unit's view); the second kind is marked
    `rest`, hidden until its unit's view is opened. Counts are of the whole list.
    """
    classes = {u["code"]: u["cls"] for u in units}
    whole = doc["filters"]["unit"] is None
    limit = shown.limit
    found = []
    for key, anchor, title, last, where in LISTS:
        source = doc.get("open_all" if key == "open" and whole else key)
        if source is None:
            continue
        in_all = where in ("both", "all") or not whole  # in the view of every unit
        per_unit = where in ("both", "unit") and bool(units)  # in each unit's view
        rows = []
        counts = {u["code"]: 0 for u in units}
        for index, item in enumerate(source):
            lead = item["lead"]
            rank = counts.get(lead, 0)
            counts[lead] = rank + 1
            top = in_all and (limit is None or index < limit)
            if top or (per_unit and (limit is None or rank < limit)):
                rows.append(_row(key, item, classes) | {"rest": in_all and not top})
        found.append(
            {
                "key": key,
                "id": anchor,
                "title": title,
                "last": last,
                "numeric_last": key != "open",
                "rows": rows,
                "count": len(source),
                "unit_counts": counts,
                # How many rows are left out, in the view of every unit and in each unit's.
                "more": _beyond(len(source), limit) if in_all else 0,
                "unit_more": {c: _beyond(n, limit) if per_unit else 0 for c, n in counts.items()},
                # In the whole view, which of the per-unit views shows the list.
                "in_all": in_all,
                "in_unit": where in ("both", "unit"),
            }
        )
    return found


def _beyond(count: int, limit: int | None) -> int:
    """How many of `count` rows a `limit` leaves out."""
    return 0 if limit is None else max(0, count - limit)


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
    quarters = doc.get("quarters") or []
    return {
        # what was due by the as-of date (the cumulative chart's last point), None without it
        "due": quarters[-1]["due_to_date"] if quarters else None,
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
        found.append(f"đơn vị: {filters.get('unit_name') or filters['unit']}")
    return found


def page(doc: dict[str, Any], shown: Shown = ALL) -> dict[str, Any]:
    """The plain data the page template sees, from a `to_json` document; each list cut to
    `shown.limit` rows (the charts and counts are always of everything)."""
    units = _units_of(doc)
    lists = _lists(doc, units, shown)
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
        "lists": lists,
        "limit": shown.limit,
        "cut": any(f["more"] or any(f["unit_more"].values()) for f in lists),
        "more": shown.more,
        "unit_view": doc["filters"]["unit"] is not None,
    }


def render_html(doc: dict[str, Any], root: Path | None, shown: Shown = ALL) -> str:
    """The page of `doc` (a `to_json` document), its lists cut to `shown.limit` rows;
    template errors are `CchcError`s."""
    from cchc_cli.templating import environment
    from cchc_cli.templating.errors import template_error
    from cchc_cli.templating.files import (
        check_override,
        check_override_dir,
        has_overrides,
        loader,
    )

    context = page(doc, shown)
    check_override_dir(root)
    if root is not None:
        check_override(root, PAGE, kind=KIND)
    env = environment(loader(root))
    env.untrusted = has_overrides(root)  # type: ignore[attr-defined]
    try:
        return env.get_template(PAGE).render(context)
    except Exception as exc:  # a user's template can fail in any way: report, never crash
        raise template_error(exc, PAGE, root, kind=KIND) from exc
