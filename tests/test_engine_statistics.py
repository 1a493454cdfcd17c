"""Period statistics: months and quarters as days, and figures over windows of days.

Pure functions on models: no files, no CLI. The expected values are computed independently
(day by day, or straight from the values written), never with the engine's own helpers.
"""

from __future__ import annotations

import functools
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import example, given
from hypothesis import strategies as st

from cchc_cli.checks import check
from cchc_cli.dataset import Located
from cchc_cli.engine.figures import figures_for
from cchc_cli.engine.periods import KINDS, ReportPeriod, Window
from cchc_cli.engine.stat_periods import (
    Period,
    a_year_before,
    latest_month,
    month_of,
    months_in,
    year_start,
)
from cchc_cli.engine.statistics import Statistics
from cchc_cli.models.statistics import MetricsFile, StatPeriod
from cchc_cli.read.loader import load_checked

ROOT = Path(__file__).resolve().parents[1]
DAYS = st.dates(min_value=date(2019, 1, 1), max_value=date(2032, 12, 31))
START_DAYS = st.sampled_from([1, 15, 28]) | st.integers(min_value=1, max_value=28)


def catalogue(**extra: Any) -> MetricsFile:
    metrics = [
        {"id": "a", "name": "A", "unit": "hồ sơ", "group": "g"},
        {"id": "b", "name": "B", "unit": "hồ sơ", "group": "g"},
        {"id": "c", "name": "C", "unit": "hồ sơ", "group": "g"},
        {"id": "ton", "name": "Tồn", "unit": "hồ sơ", "group": "g", "aggregate": "last"},
        {"id": "dau", "name": "Đầu kỳ", "unit": "hồ sơ", "group": "g", "aggregate": "first"},
        {"id": "diem", "name": "Điểm", "unit": "điểm", "group": "h", "integer": False}
        | {"aggregate": "mean", "targets": [{"years": "2024-2030", "op": ">=", "value": 80}]},
    ]
    return MetricsFile.model_validate(
        {
            "groups": [
                {"id": "g", "name": "Hồ sơ", "area": "tthc"},
                {"id": "h", "name": "Chỉ số", "area": "chinh-quyen-so"},
            ],
            "metrics": metrics,
            "rates": [
                {"id": "ty-le", "name": "Tỷ lệ", "group": "g"}
                | {"numerator": ["a"], "denominator": ["a", "b"]}
            ],
            **extra,
        }
    )


def stats_of(
    written: dict[str, dict[str, float]], *, start_day: int = 15, totals: bool = False
) -> Statistics:
    """`written` is ``{period: {metric: value}}``."""
    entries = [
        Located(
            StatPeriod.model_validate(
                {"period": period, "source": "x", "values": values, "months_total": totals}
            ),
            "data/statistics/x.yaml",
            ("periods", i),
        )
        for i, (period, values) in enumerate(written.items())
    ]
    return Statistics(catalogue(month_start_day=start_day), entries)


def days(window: Window) -> list[date]:
    return [window.start + timedelta(n) for n in range((window.end - window.start).days + 1)]


# --- months and quarters as days --------------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "start_day", "first", "last"),
    [
        ("2024-03", 15, date(2024, 2, 15), date(2024, 3, 14)),
        ("2024-01", 15, date(2023, 12, 15), date(2024, 1, 14)),
        ("2024-Q1", 15, date(2023, 12, 15), date(2024, 3, 14)),
        ("2024-Q3", 15, date(2024, 6, 15), date(2024, 9, 14)),
        ("2024-02", 1, date(2024, 2, 1), date(2024, 2, 29)),
        ("2024-Q4", 1, date(2024, 10, 1), date(2024, 12, 31)),
    ],
)
def test_period_windows(key: str, start_day: int, first: date, last: date) -> None:
    period = Period.parse(key)
    assert period is not None and period.key == key
    assert period.window(start_day) == Window(first, last)


@pytest.mark.parametrize("text", ["2024-13", "2024-00", "2024-Q5", "2024", "24-01", "2024-3"])
def test_only_normalised_periods_parse(text: str) -> None:
    assert Period.parse(text) is None


@given(START_DAYS, st.integers(min_value=2019 * 12, max_value=2032 * 12))
def test_months_tile_the_calendar_and_quarters_are_their_months(start_day: int, index: int) -> None:
    month, following = Period.of_number(index), Period.of_number(index + 1)
    assert month.window(start_day).end + timedelta(1) == following.window(start_day).start
    quarter = month.whole_quarter
    months = quarter.months()
    assert month in months and len(months) == 3
    assert quarter.window(start_day) == Window(
        months[0].window(start_day).start, months[2].window(start_day).end
    )


@given(DAYS, START_DAYS)
def test_the_month_of_a_day_holds_it(day: date, start_day: int) -> None:
    assert day in month_of(day, start_day).window(start_day)


LENGTHS = st.integers(min_value=0, max_value=800)


@given(DAYS, LENGTHS, START_DAYS)
@example(date(2023, 12, 15), 90, 15)
@example(date(2024, 1, 1), 0, 1)
def test_months_in_a_window_are_exactly_those_wholly_inside(
    start: date, length: int, start_day: int
) -> None:
    window = Window(start, start + timedelta(length))
    found = months_in(window, start_day)
    inside = {
        month_of(day, start_day)
        for day in days(window)
        if month_of(day, start_day).window(start_day).start >= window.start
        and month_of(day, start_day).window(start_day).end <= window.end
    }
    assert set(found) == inside
    if found:
        assert [m.number for m in found] == list(range(found[0].number, found[-1].number + 1))


@pytest.mark.parametrize("code", [k.code for k in KINDS])
@pytest.mark.parametrize("year", [2024, 2025, 2028])
def test_report_windows_of_581_are_whole_months(code: str, year: int) -> None:
    kind = next(k for k in KINDS if k.code == code)
    window = ReportPeriod(kind, year).window
    months = [m.key for m in months_in(window, 15)]
    first, last = {"q1": (1, 3), "h1": (1, 6), "q3": (7, 9), "year": (1, 12)}[code]
    assert months == [f"{year}-{m:02d}" for m in range(first, last + 1)]


@pytest.mark.parametrize(
    ("day", "start_day", "expected"),
    [
        (date(2024, 12, 20), 15, date(2024, 12, 15)),
        (date(2024, 12, 14), 15, date(2023, 12, 15)),
        (date(2024, 7, 1), 1, date(2024, 1, 1)),
    ],
)
def test_year_start(day: date, start_day: int, expected: date) -> None:
    assert year_start(day, start_day) == expected


@pytest.mark.parametrize(
    ("as_of", "expected"),
    [
        (date(2026, 11, 27), "2026-11"),
        (date(2026, 11, 14), "2026-11"),
        (date(2026, 11, 13), "2026-10"),
        (date(2027, 1, 5), "2026-12"),
    ],
)
def test_latest_month_has_ended_by_the_day(as_of: date, expected: str) -> None:
    assert latest_month(as_of, 15).key == expected


def test_a_year_before_29_february_is_28_february() -> None:
    assert a_year_before(date(2024, 2, 29)) == date(2023, 2, 28)
    assert a_year_before(date(2024, 3, 14)) == date(2023, 3, 14)


# --- figures of a window ----------------------------------------------------------------------


def test_no_value_is_no_data_never_zero() -> None:
    stats = stats_of({"2024-01": {"b": 3}})
    window = ReportPeriod(KINDS[0], 2024).window
    figure = stats.figure("a", window)
    assert figure.value is None and not figure.complete
    assert figure.missing == ("2024-01", "2024-02", "2024-03")
    assert stats.figure("unknown", window).value is None


def test_missing_months_are_named_and_the_rest_is_summed() -> None:
    stats = stats_of({"2024-01": {"a": 10}, "2024-03": {"a": 5}})
    figure = stats.figure("a", ReportPeriod(KINDS[0], 2024).window)
    assert (figure.value, figure.missing, figure.complete) == (15, ("2024-02",), False)


def test_a_quarter_value_is_taken_when_the_window_holds_the_whole_quarter() -> None:
    stats = stats_of({"2024-Q1": {"a": 100}, "2024-04": {"a": 7}})
    h1 = ReportPeriod(KINDS[1], 2024).window  # 15/12/2023 - 14/06/2024
    figure = stats.figure("a", h1)
    assert figure.value == 107
    assert figure.periods == ("2024-Q1", "2024-04")
    assert figure.missing == ("2024-05", "2024-06")
    cut = Window(date(2024, 1, 15), date(2024, 6, 14))  # cuts Q1: its value cannot be split
    assert stats.figure("a", cut).value == 7


def test_months_written_as_well_as_their_quarter_total_are_used_once() -> None:
    stats = stats_of({"2024-01": {"a": 1}, "2024-02": {"a": 2}, "2024-03": {"a": 3}})
    both = Statistics(
        stats.catalogue,
        [
            *(
                Located(
                    StatPeriod.model_validate({"period": p, "source": "x", "values": v}), "f", ()
                )
                for p, v in {"2024-01": {"a": 1}, "2024-02": {"a": 2}, "2024-03": {"a": 3}}.items()
            ),
            Located(
                StatPeriod.model_validate(
                    {"period": "2024-Q1", "source": "x", "months_total": True, "values": {"a": 6}}
                ),
                "f",
                (),
            ),
        ],
    )
    q1 = ReportPeriod(KINDS[0], 2024).window
    assert stats.figure("a", q1).value == both.figure("a", q1).value == 6


def test_last_first_and_mean() -> None:
    stats = stats_of(
        {
            "2024-01": {"ton": 30, "dau": 42, "diem": 80},
            "2024-02": {"ton": 31, "dau": 30, "diem": 90},
            "2024-03": {"dau": 31, "diem": 85.5},
        }
    )
    q1 = ReportPeriod(KINDS[0], 2024).window
    last = stats.figure("ton", q1)
    assert (last.value, last.periods, last.missing) == (31, ("2024-02",), ("2024-03",))
    first = stats.figure("dau", q1)
    assert (first.value, first.complete) == (42, True)
    assert stats.figure("diem", q1).value == pytest.approx((80 + 90 + 85.5) / 3)


def test_a_quarter_of_a_mean_counts_as_three_months() -> None:
    stats = stats_of({"2024-Q1": {"diem": 80}, "2024-04": {"diem": 100}})
    window = Window(date(2023, 12, 15), date(2024, 4, 14))
    assert stats.figure("diem", window).value == pytest.approx((80 * 3 + 100) / 4)


def test_rates_come_from_the_window_sums() -> None:
    stats = stats_of({"2024-01": {"a": 30, "b": 10}, "2024-02": {"a": 60, "b": 0}})
    window = Window(date(2023, 12, 15), date(2024, 2, 14))
    rate = stats.rate("ty-le", window)
    assert (rate.numerator, rate.denominator, rate.value) == (90, 100, 0.9)
    assert stats_of({"2024-01": {"a": 0, "b": 0}}).rate("ty-le", window).value is None


MONTH_VALUES = st.dictionaries(
    st.integers(min_value=2023 * 12, max_value=2026 * 12 - 1),
    st.integers(min_value=0, max_value=10_000),
    max_size=40,
)


@given(MONTH_VALUES, st.dates(date(2022, 6, 1), date(2026, 6, 1)), LENGTHS)
@example({2024 * 12: 5}, date(2023, 12, 15), 30)
def test_a_window_sums_the_months_wholly_inside_it(
    values: dict[int, int], start: date, length: int
) -> None:
    window = Window(start, start + timedelta(length))
    stats = stats_of({Period.of_number(i).key: {"a": v} for i, v in values.items()})
    figure = stats.figure("a", window)
    # independently: a month counts when its first and last day are both inside the window
    expected, missing, inside = 0, [], 0
    for index in range(2021 * 12, 2029 * 12):
        month = Period.of_number(index)
        span = month.window(15)
        if span.start in window and span.end in window:
            inside += 1
            if index in values:
                expected += values[index]
            else:
                missing.append(month.key)
    assert figure.value == (expected if len(missing) < inside else None)
    assert list(figure.missing) == missing


@given(MONTH_VALUES, st.integers(min_value=2023 * 12, max_value=2026 * 12 - 2), st.data())
def test_sums_over_adjacent_windows_add_up(
    values: dict[int, int], first: int, data: st.DataObject
) -> None:
    split = data.draw(st.integers(min_value=first, max_value=2026 * 12 - 2))
    last = data.draw(st.integers(min_value=split + 1, max_value=2026 * 12 - 1))
    full = {i: values.get(i, 1) for i in range(first, last + 1)}  # every month has a value
    stats = stats_of({Period.of_number(i).key: {"a": v} for i, v in full.items()})
    start = Period.of_number(first).window(15).start
    middle = Period.of_number(split).window(15).end
    end = Period.of_number(last).window(15).end
    whole = stats.figure("a", Window(start, end))
    left = stats.figure("a", Window(start, middle))
    right = stats.figure("a", Window(middle + timedelta(1), end))
    assert whole.complete and left.complete and right.complete
    assert whole.value == (left.value or 0) + (right.value or 0) == sum(full.values())


FLOWS = st.lists(
    st.tuples(
        st.integers(min_value=0, max_value=500),  # received
        st.integers(min_value=0, max_value=100),  # left pending at the month's end
    ),
    min_size=1,
    max_size=24,
)


@given(FLOWS, st.integers(min_value=0, max_value=100), st.data())
@example([(10, 0)], 0, None)
def test_month_by_month_balances_still_balance_over_any_window(
    months: list[tuple[int, int]], carried: int, data: st.DataObject | None
) -> None:
    """handled + pending = received + carried holds over a window when it holds each month and
    each month starts with the last one's pending (pending: last, carried: first)."""
    written: dict[str, dict[str, float]] = {}
    for offset, (received, wanted) in enumerate(months):
        handled = max(0, carried + received - wanted)
        pending = carried + received - handled
        key = Period.of_number(2024 * 12 + offset).key
        written[key] = {"a": received, "b": handled, "ton": pending, "dau": carried}
        carried = pending
    stats = stats_of(written)
    first = data.draw(st.integers(0, len(months) - 1)) if data else 0
    last = data.draw(st.integers(first, len(months) - 1)) if data else 0
    window = Window(
        Period.of_number(2024 * 12 + first).window(15).start,
        Period.of_number(2024 * 12 + last).window(15).end,
    )
    received_, handled_, pending_, carried_ = (
        stats.figure(m, window).value for m in ("a", "b", "ton", "dau")
    )
    assert handled_ is not None and pending_ is not None
    assert received_ is not None and carried_ is not None
    assert handled_ + pending_ == received_ + carried_


# --- rows for a report or the dashboard -------------------------------------------------------


def test_rows_follow_the_catalogue_and_carry_every_window() -> None:
    stats = stats_of(
        {
            "2023-07": {"a": 5, "b": 5},
            "2024-07": {"a": 8, "b": 2, "diem": 70},
            "2024-08": {"a": 9, "b": 1, "diem": 90},
            "2024-09": {"a": 3, "b": 0, "diem": 86},
            "2024-01": {"a": 100},
        }
    )
    q3 = ReportPeriod(KINDS[2], 2024).window
    rows = [row.as_dict() for row in figures_for(stats, q3)]
    assert [r["id"] for r in rows] == ["a", "b", "c", "ton", "dau", "ty-le", "diem"]
    a = rows[0]
    assert (a["this_period"]["value"], a["area"], a["group_name"]) == (20, "tthc", "Hồ sơ")
    assert a["last_year"] == {
        "value": 5,
        "complete": False,
        "periods": ["2023-07"],
        "missing": ["2023-08", "2023-09"],
    }
    assert a["year_to_date"]["value"] == 120  # 15/12/2023 - 14/09/2024
    assert a["rate"] == {"id": "ty-le", "name": "Tỷ lệ", "value": 20 / 23}
    rate = rows[5]
    assert (rate["kind"], rate["this_period"]["numerator"], rate["rate"]) == ("rate", 20, None)
    diem = rows[6]
    assert diem["this_period"]["value"] == pytest.approx(82)
    assert diem["target"] == {"years": "2024-2030", "op": ">=", "value": 80}
    assert diem["verdict"] == "met"
    assert rows[2]["verdict"] is None  # no target declared
    only = figures_for(stats, q3, areas=["chinh-quyen-so"])
    assert [r.id for r in only] == ["diem"]


# --- the shipped data: every report window, computed straight from the files ------------------


@functools.cache
def _entries() -> list[dict[str, Any]]:
    """Every entry of data/statistics/, read with PyYAML straight from the files."""
    return [
        entry
        for path in sorted((ROOT / "data" / "statistics").glob("*.yaml"))
        for entry in yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)["periods"]
    ]


def _written(metric: str) -> dict[str, float]:
    """``{period: value}`` of `metric` as written."""
    return {str(e["period"]): e["values"][metric] for e in _entries() if metric in e["values"]}


@pytest.mark.parametrize("code", [k.code for k in KINDS])
def test_shipped_2024_windows_hold_exactly_their_months(code: str) -> None:
    dataset = load_checked(ROOT / "data", check)
    assert dataset.metrics is not None
    stats = Statistics(dataset.metrics, dataset.statistics)
    kind = next(k for k in KINDS if k.code == code)
    rows = {r.id: r for r in figures_for(stats, ReportPeriod(kind, 2024).window)}
    first, last = {"q1": (1, 3), "h1": (1, 6), "q3": (7, 9), "year": (1, 12)}[code]
    months = [f"2024-{m:02d}" for m in range(first, last + 1)]
    quarters = [f"2024-Q{q}" for q in range((first + 2) // 3, last // 3 + 1)]
    received = _written("hs-tiep-nhan")
    assert rows["hs-tiep-nhan"].this_period.value == sum(received[m] for m in months)
    assert rows["hs-tiep-nhan"].last_year.value is None  # no 2023 figures are shipped
    inspected = _written("kt-don-vi")
    assert rows["kt-don-vi"].this_period.value == sum(inspected[q] for q in quarters)
    in_force = _written("tthc-tham-quyen")
    assert rows["tthc-tham-quyen"].this_period.value == in_force[quarters[-1]]
    on_time = sum(_written("hs-truoc-han")[m] + _written("hs-dung-han")[m] for m in months)
    handled = sum(_written("hs-da-giai-quyet")[m] for m in months)
    assert rows["ty-le-truoc-dung-han"].this_period.value == pytest.approx(on_time / handled)
    assert all(row.this_period.complete for row in rows.values() if row.kind == "metric")


def test_a_rate_with_a_missing_month_has_no_figure() -> None:
    """a is known in January only: 30 / (30 + 10 + 50) would be wrong."""
    stats = stats_of({"2024-01": {"a": 30, "b": 10}, "2024-02": {"b": 50}})
    rate = stats.rate("ty-le", Window(date(2023, 12, 15), date(2024, 2, 14)))
    assert (rate.value, rate.missing, rate.numerator) == (None, ("2024-02",), 30)
