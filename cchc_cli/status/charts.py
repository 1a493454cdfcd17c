"""Chart geometry for the dashboard page: plain data in, plain data out. Pure: no I/O, no Jinja.

Each builder takes values (numbers, labels, keys) and returns a dict that a macro of
``templates/dashboard/charts.html.j2`` draws as inline SVG: coordinates in the units of the
chart's ``viewBox`` (``width`` × ``height``), texts already worded (decimal comma), and a
``fill`` key per mark that names an SVG pattern of the page (colour with a texture, so a
black-and-white print tells the marks apart). The page scales each chart to the screen.

Three kinds, enough for every section and for new ones:

- `hbars`: one horizontal bar per row, split into parts (states of the tasks of an area);
  each bar is 100 % of its row, its total said in a note;
- `columns`: groups of columns along a time axis (due and done per quarter), a column
  optionally stacked;
- `lines`: series over a time axis with gaps for missing values, optional targets drawn as
  steps with the side that meets them shaded, and an axis that can run upside down (for a
  rank, lower is better: better is up).
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from cchc_cli.text_vi import number, thousands

WIDTH = 360  # the viewBox width: a phone screen at 1:1, scaled up on wider screens
FONT = 12  # px in viewBox units
LINE = 15  # height of a line of text
CHARS_PER_LINE = 50  # characters of a label line at FONT in WIDTH (Vietnamese text)
Chart = dict[str, Any]


def _r(value: float) -> float:
    """A coordinate rounded to 0.1: enough for a screen, and short in the page."""
    return round(value, 1) + 0.0


# --- scales --------------------------------------------------------------------------------


def nice_step(span: float, most: int = 5, *, integer: bool = False) -> float:
    """The smallest step of 1, 2, 2.5 or 5 × 10ⁿ that cuts `span` into at most `most` steps
    (whole steps of 1, 2 or 5 × 10ⁿ with `integer`)."""
    if span <= 0:
        return 1.0
    raw = span / most
    if integer and raw <= 1:
        return 1.0
    power = 10.0 ** math.floor(math.log10(raw))
    factors = (1, 2, 5, 10) if integer else (1, 2, 2.5, 5, 10)
    return next(_clean(f * power) for f in factors if f * power >= raw * (1 - 1e-9))


def nice_ticks(low: float, high: float, most: int = 5, *, integer: bool = False) -> list[float]:
    """Evenly spaced round values from at or below `low` to at or above `high`.

    At most ``most + 2`` ticks; with `integer`, steps are whole numbers (counts, ranks).
    """
    if high < low:
        low, high = high, low
    if high - low <= 1e-9 * max(1.0, abs(low), abs(high)):  # one value: a range around it
        pad = max(abs(high) * 0.1, 1.0)
        low, high = low - pad, high + pad
    step = nice_step(high - low, most, integer=integer)
    first = _clean(math.floor(low / step + 1e-6) * step)
    if first > low:  # the tolerance must not lose the bottom tick either
        first -= step
    count = max(1, math.ceil((high - first) / step - 1e-6))
    if _clean(first + count * step) < high:  # the tolerance above must not lose a tick
        count += 1
    return [_clean(first + i * step) for i in range(count + 1)]


def _clean(value: float) -> float:
    return float(f"{value:.10g}")


@dataclass(frozen=True, slots=True)
class Scale:
    """A linear map from values to one axis of the chart (`reverse`: low values at the end)."""

    low: float
    high: float
    start: float
    end: float

    def __call__(self, value: float) -> float:
        span = self.high - self.low or 1.0
        return _r(self.start + (value - self.low) / span * (self.end - self.start))


def wrap(text: str, width: int = CHARS_PER_LINE, lines: int = 2) -> list[str]:
    """`text` on at most `lines` lines of about `width` characters, the last cut with ``…``."""
    found = textwrap.wrap(" ".join(text.split()), width) or [""]
    if len(found) > lines:
        found = found[:lines]
        found[-1] = found[-1][: width - 1].rstrip() + "…"
    return found


# --- horizontal 100 % bars ------------------------------------------------------------------


def hbars(rows: Sequence[dict[str, Any]], parts: Sequence[dict[str, str]]) -> Chart:
    """Rows of ``{"key", "label", "href", "values": {part key: count}, "note"}``, each a bar split
    into `parts` (``{"key", "label", "fill"}``, in drawing order) in proportion to its values.

    A part wide enough shows its count (``text``: worded, ``1.252``, ``0,5`` for points); a
    row with nothing shows an empty bar.
    """
    note_width = 96
    bar_width = WIDTH - note_width
    placed = []
    y = 0.0
    for row in rows:
        lines = wrap(row["label"])
        bar_y = y + len(lines) * LINE + 2
        total = sum(row["values"].get(p["key"], 0) for p in parts)
        x = 0.0
        segments = []
        for part in parts:
            count = row["values"].get(part["key"], 0)
            if not count:
                continue
            w = count / total * bar_width
            text = thousands(count, 2)  # 1.252 for counts, 0,5 for points
            segments.append(
                {
                    "key": part["key"],
                    "fill": part["fill"],
                    "label": part["label"],
                    "count": count,
                    "text": text,
                    "x": _r(x),
                    "w": _r(w),
                    "show": w >= 8 + 7 * len(text),
                }
            )
            x += w
        placed.append(
            {
                "key": row["key"],
                "lines": lines,
                "href": row.get("href"),
                "y": _r(y),
                "bar_y": _r(bar_y),
                "segments": segments,
                "note": row["note"],
                "total": total,
            }
        )
        y = bar_y + 18 + 8
    return {
        "kind": "hbars",
        "width": WIDTH,
        "height": _r(max(y, LINE)),
        "bar_width": bar_width,
        "bar_height": 18,
        "note_x": bar_width + 6,
        "rows": placed,
        "legend": list(parts),
    }


# --- columns along a time axis -------------------------------------------------------------

PLOT_LEFT = 34  # room for the value axis labels
PLOT_TOP = 10
PLOT_BOTTOM = 34  # room for the time axis labels


def _time_axis(keys: Sequence[str], left: float, right: float) -> tuple[float, list[float]]:
    slot = (right - left) / max(len(keys), 1)
    return slot, [_r(left + slot * (i + 0.5)) for i in range(len(keys))]


def _period_ticks(keys: Sequence[str], centres: Sequence[float], slot: float) -> list[Any]:
    """One label per year under its periods (``2024`` under 2024-Q1..Q4), with a separator."""
    found: list[dict[str, Any]] = []
    for key, centre in zip(keys, centres, strict=True):
        year = key[:4]
        if found and found[-1]["text"] == year:
            found[-1]["end"] = centre + slot / 2
        else:
            found.append({"text": year, "start": centre - slot / 2, "end": centre + slot / 2})
    # Every year is labelled when there is room for it, else every other one.
    crowded = bool(found) and found[0]["end"] - found[0]["start"] < 30
    for i, tick in enumerate(found):
        tick["x"] = _r((tick["start"] + tick["end"]) / 2)
        tick["start"], tick["end"] = _r(tick["start"]), _r(tick["end"])
        tick["show"] = not crowded or i % 2 == 0
    return found


def columns(
    keys: Sequence[str],
    labels: Sequence[str],
    groups: Sequence[Sequence[dict[str, int]]],
    parts: Sequence[dict[str, str]],
    *,
    height: int = 200,
) -> Chart:
    """Columns per period: ``groups[i]`` holds the columns of period ``keys[i]`` (each a dict
    ``{part key: count}``, stacked in the order of `parts`, ``{"key", "label", "fill"}``).
    `labels` are the periods as read (``quý I/2024``), for the marks' titles."""
    right = WIDTH - 4
    bottom = height - PLOT_BOTTOM
    tallest = max((sum(c.values()) for g in groups for c in g), default=0)
    ticks = nice_ticks(0, max(tallest, 1), 4, integer=True)
    scale = Scale(0, ticks[-1], bottom, PLOT_TOP)
    slot, centres = _time_axis(keys, PLOT_LEFT, right)
    per = max(len(g) for g in groups) if groups else 1
    gap = min(2.0, slot * 0.1)
    width = max((slot - gap * (per + 1)) / per, 1.0)
    marks = []
    for key, label, centre, group in zip(keys, labels, centres, groups, strict=True):
        first_x = centre - slot / 2 + gap
        for index, column in enumerate(group):
            x = first_x + index * (width + gap)
            base = 0
            for part in parts:
                count = column.get(part["key"], 0)
                if not count:
                    continue
                top, foot = scale(base + count), scale(base)
                marks.append(
                    {
                        "key": part["key"],
                        "fill": part["fill"],
                        "x": _r(x),
                        "y": top,
                        "w": _r(width),
                        "h": _r(foot - top),
                        "title": f"{label}: {part['label']} {count}",
                        "period": key,
                    }
                )
                base += count
    return {
        "kind": "columns",
        "width": WIDTH,
        "height": height,
        "left": PLOT_LEFT,
        "right": right,
        "top": PLOT_TOP,
        "bottom": bottom,
        "y_ticks": [{"y": scale(t), "text": number(t, 0)} for t in ticks],
        "x_ticks": _period_ticks(keys, centres, slot),
        "marks": marks,
        "legend": list(parts),
    }


# --- lines along a time axis, with targets and gaps ----------------------------------------


def lines(
    keys: Sequence[str],
    series: Sequence[dict[str, Any]],
    *,
    targets: Sequence[dict[str, Any] | None] | None = None,
    reverse: bool = False,
    integer: bool = False,
    digits: int = 2,
    height: int = 200,
    known: Sequence[bool] | None = None,
) -> Chart:
    """Series ``{"key", "label", "fill", "values": [number | None per key], "marks": [mark
    key per value] (optional), "dash": bool}`` over `keys` (years, quarters).

    A None value is a gap: the line breaks there and the point is listed in ``gaps`` when the
    period is `known` (it has begun), so the page marks it "no data", never as a zero.
    `targets` (one per key, ``{"op", "value", "text"}`` or None) are drawn as steps, with the
    side that meets them shaded. With `reverse` low values are at the top (a rank: better is
    up). Values are worded with `digits` decimals (decimal comma).
    """
    right = WIDTH - 8
    bottom = height - PLOT_BOTTOM
    values = [v for s in series for v in s["values"] if v is not None]
    targets = list(targets) if targets is not None else [None] * len(keys)
    values += [t["value"] for t in targets if t is not None]
    low, high = (min(values), max(values)) if values else (0.0, 1.0)
    if integer:
        low = min(low, 1.0) if reverse else low
    ticks = nice_ticks(low, high, 4, integer=integer)
    if reverse and integer and ticks[0] == 0 and low >= 1:
        ticks = [t + 1 for t in ticks]  # a rank starts at 1: 1, 4, 7… rather than 0, 3, 6…
    scale = Scale(ticks[0], ticks[-1], PLOT_TOP, bottom) if reverse else None
    scale = scale or Scale(ticks[0], ticks[-1], bottom, PLOT_TOP)
    slot, centres = _time_axis(keys, PLOT_LEFT, right)
    began = list(known) if known is not None else [True] * len(keys)
    drawn = []
    gaps: list[dict[str, Any]] = []
    for line in series:
        runs: list[list[dict[str, Any]]] = []
        points = []
        marks = line.get("marks") or [line["key"]] * len(keys)
        previous_missing = True
        for i, value in enumerate(line["values"]):
            if value is None:
                previous_missing = True
                if began[i]:
                    gaps.append({"x": centres[i], "key": keys[i], "series": line["key"]})
                continue
            point = {
                "x": centres[i],
                "y": scale(value),
                "text": number(value, digits),
                "mark": marks[i],
                "key": keys[i],
            }
            points.append(point)
            if previous_missing:
                runs.append([])
            runs[-1].append(point)
            previous_missing = False
        drawn.append(
            {
                "key": line["key"],
                "label": line["label"],
                "fill": line["fill"],
                "dash": line.get("dash", False),
                "paths": [" ".join(f"{p['x']},{p['y']}" for p in run) for run in runs],
                "points": points,
            }
        )
    return {
        "kind": "lines",
        "width": WIDTH,
        "height": height,
        "left": PLOT_LEFT,
        "right": right,
        "top": PLOT_TOP,
        "bottom": bottom,
        "reverse": reverse,
        "axis": None,  # a title under the axis, set by the caller
        "labels": False,  # whether points carry their values (set by the caller)
        "y_ticks": [{"y": scale(t), "text": number(t, 2)} for t in ticks],
        "x_ticks": _period_ticks(keys, centres, slot),
        "slot": _r(slot),
        "series": drawn,
        "gaps": gaps,
        "future": _future(centres, began, slot, right),
        "targets": _target_steps(keys, centres, slot, targets, scale, reverse=reverse),
    }


def _future(centres: Sequence[float], began: Sequence[bool], slot: float, right: float) -> Any:
    """The stretch of periods that have not begun yet, or None."""
    later = [c for c, b in zip(centres, began, strict=True) if not b]
    if not later:
        return None
    return {"x": _r(later[0] - slot / 2), "w": _r(right - (later[0] - slot / 2))}


def _target_steps(
    keys: Sequence[str],
    centres: Sequence[float],
    slot: float,
    targets: Sequence[dict[str, Any] | None],
    scale: Scale,
    *,
    reverse: bool,
) -> list[dict[str, Any]]:
    """Runs of consecutive periods with the same target: a line at its value, and a band
    from it to the edge of the plot on the side that meets it (``>`` above; a rank ``<=``
    below the number, which is above on a reversed axis)."""
    found: list[dict[str, Any]] = []
    for key, centre, target in zip(keys, centres, targets, strict=True):
        if target is None:
            continue
        last = found[-1] if found else None
        if (
            last is not None
            and (last["op"], last["value"]) == (target["op"], target["value"])
            and _r(last["x2"]) == _r(centre - slot / 2)
        ):
            last["x2"] = _r(centre + slot / 2)
            last["keys"].append(key)
            continue
        y = scale(target["value"])
        wants_more = target["op"] in (">", ">=", "≥")
        # On a normal axis more is up; reversed, more is down.
        up = wants_more != reverse
        edge = min(scale.start, scale.end) if up else max(scale.start, scale.end)
        found.append(
            {
                "op": target["op"],
                "value": target["value"],
                "text": target["text"],
                "x1": _r(centre - slot / 2),
                "x2": _r(centre + slot / 2),
                "y": y,
                "band_y": _r(min(y, edge)),
                "band_h": _r(abs(edge - y)),
                "keys": [key],
            }
        )
    return found
