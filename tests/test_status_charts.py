"""Chart geometry of the dashboard page (`cchc_cli.status.charts`): scales, bars, lines."""

from __future__ import annotations

import math
from itertools import pairwise

from hypothesis import example, given, settings
from hypothesis import strategies as st

from cchc_cli.status import charts

_finite = st.floats(-1e6, 1e6, allow_nan=False, allow_infinity=False)


@settings(max_examples=300, deadline=None)
@given(low=_finite, high=_finite, most=st.integers(2, 8), integer=st.booleans())
@example(low=0.0, high=0.0, most=4, integer=False)
@example(low=82.61, high=91.07, most=4, integer=False)
@example(low=4.0, high=10.0, most=4, integer=True)
@example(low=0.0, high=3.580388415699532e-69, most=2, integer=True)  # one tick, not two
@example(low=0.0, high=9.0, most=4, integer=True)  # a step of 3 (2.5 rounded up) is not nice
@example(low=-100001.0, high=6.103515625e-05, most=2, integer=False)  # the top tick was lost
@example(low=-1e-05, high=10001.0, most=2, integer=False)  # and the bottom one
@example(low=0.1, high=-3.086817201459102e-60, most=5, integer=False)  # 0.1 is 0.0999…
@example(low=0.0, high=5e-324, most=2, integer=False)  # a span too small to divide
@example(low=6.00803261717493e-290, high=-1e-05, most=2, integer=False)  # 5 × 1e-6 is inexact
def test_ticks_cover_the_range_evenly(low: float, high: float, most: int, integer: bool) -> None:
    ticks = charts.nice_ticks(low, high, most, integer=integer)
    assert ticks[0] <= min(low, high) + 1e-6 * max(1, abs(low))
    assert ticks[-1] >= max(low, high) - 1e-6 * max(1, abs(high))
    assert 2 <= len(ticks) <= most + 2
    steps = [b - a for a, b in pairwise(ticks)]
    assert all(math.isclose(s, steps[0], rel_tol=1e-6) for s in steps)
    mantissa = steps[0] / 10 ** math.floor(math.log10(steps[0]))
    nice = (1, 2, 5, 10) if integer else (1, 2, 2.5, 5, 10)
    assert any(math.isclose(mantissa, m, rel_tol=1e-6) for m in nice)
    if integer:
        assert all(float(t).is_integer() for t in ticks)


PARTS = [{"key": k, "label": k, "fill": k} for k in ("a", "b", "c")]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.dictionaries(st.sampled_from("abc"), st.integers(0, 500)), max_size=6))
def test_bars_split_their_width_in_proportion(values: list[dict[str, int]]) -> None:
    rows = [
        {"key": str(i), "label": "Lĩnh vực " * i, "values": v, "note": ""}
        for i, v in enumerate(values)
    ]
    chart = charts.hbars(rows, PARTS)
    assert [r["key"] for r in chart["rows"]] == [str(i) for i in range(len(values))]
    for row, given_values in zip(chart["rows"], values, strict=True):
        total = sum(given_values.values())
        segments = row["segments"]
        assert [s["key"] for s in segments] == [k for k in "abc" if given_values.get(k)]
        if total:
            assert math.isclose(sum(s["w"] for s in segments), chart["bar_width"], abs_tol=0.5)
            for s in segments:
                share = given_values[s["key"]] / total * chart["bar_width"]
                assert math.isclose(s["w"], share, abs_tol=0.1)
        assert all(0 <= s["x"] <= chart["bar_width"] for s in segments)
        assert len(row["lines"]) <= 2
    ys = [r["bar_y"] for r in chart["rows"]]
    assert ys == sorted(ys) and chart["height"] >= (ys[-1] if ys else 0)


def test_a_bar_writes_its_counts_the_vietnamese_way() -> None:
    rows = [{"key": "r", "label": "Hồ sơ", "values": {"a": 1012, "b": 240, "c": 12345}, "note": ""}]
    (row,) = charts.hbars(rows, PARTS)["rows"]
    assert [s["text"] for s in row["segments"]] == ["1.012", "240", "12.345"]


def test_a_missing_value_is_a_gap_not_a_zero() -> None:
    chart = charts.lines(
        ["2021", "2022", "2023", "2024", "2025"],
        [{"key": "s", "label": "S", "fill": "value", "values": [7, None, 5, 4, None]}],
        known=[True, True, True, True, False],
    )
    (series,) = chart["series"]
    assert [p["key"] for p in series["points"]] == ["2021", "2023", "2024"]
    assert len(series["paths"]) == 2  # the line breaks at 2022
    assert [g["key"] for g in chart["gaps"]] == ["2022"]  # 2025 has not begun: no gap mark
    assert chart["future"] is not None


def test_a_rank_axis_runs_upside_down_with_the_meeting_side_shaded() -> None:
    keys = ["2021", "2022"]
    rank = charts.lines(
        keys,
        [{"key": "r", "label": "R", "fill": "value", "values": [3, 10]}],
        targets=[{"op": "<=", "value": 8, "text": "≤ 8"}] * 2,
        reverse=True,
        integer=True,
    )
    first, second = rank["series"][0]["points"]
    assert first["y"] < second["y"]  # rank 3 is drawn above rank 10
    (target,) = rank["targets"]  # one step over both years
    assert target["keys"] == keys
    assert target["band_y"] < target["y"]  # the band is above the line: ranks 1..8
    assert rank["y_ticks"][0]["text"] == "1"
    score = charts.lines(
        keys,
        [{"key": "s", "label": "S", "fill": "value", "values": [93.6, 96.2]}],
        targets=[{"op": ">", "value": 95, "text": "> 95"}, None],
    )
    (step,) = score["targets"]
    assert step["keys"] == ["2021"]
    assert step["band_y"] < step["y"]  # more is better: shaded above the target line
    low, high = score["series"][0]["points"]
    assert low["y"] > high["y"] and low["text"] == "93,6"


def test_columns_stack_their_parts() -> None:
    chart = charts.columns(
        ["2024-Q1", "2024-Q2"],
        ["quý I/2024", "quý II/2024"],
        [[{"due": 4}, {"on": 2, "late": 1}], [{"due": 0}, {"on": 0}]],
        [{"key": k, "label": k, "fill": k} for k in ("due", "on", "late")],
    )
    marks = chart["marks"]
    assert [(m["period"], m["key"]) for m in marks] == [
        ("2024-Q1", "due"),
        ("2024-Q1", "on"),
        ("2024-Q1", "late"),
    ]
    on, late = marks[1], marks[2]
    assert math.isclose(late["y"] + late["h"], on["y"], abs_tol=0.2)  # late sits on on-time
    assert [t["text"] for t in chart["x_ticks"]] == ["2024"]
    assert chart["y_ticks"][0]["text"] == "0"
