"""Report periods and data windows: every period, both window ends, and the next period."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from cchc_cli.engine.periods import (
    CODES,
    DEFAULT_CODE,
    Window,
    ahead,
    next_period,
    next_stretch,
    occurrence_key,
    parse_code,
    report_of_occurrence,
    report_period,
)
from cchc_cli.errors import ExitCode, UsageError
from cchc_cli.models.plan import PlanPeriod

PLAN = PlanPeriod(start=2021, end=2030)


@pytest.mark.parametrize(
    ("code", "year", "start", "end", "cumulative"),
    [
        ("q1", 2024, date(2023, 12, 15), date(2024, 3, 14), True),
        ("h1", 2024, date(2023, 12, 15), date(2024, 6, 14), True),
        ("q3", 2024, date(2024, 6, 15), date(2024, 9, 14), False),
        ("year", 2024, date(2023, 12, 15), date(2024, 12, 14), True),
        ("q1", 2021, date(2020, 12, 15), date(2021, 3, 14), True),
        ("year", 2030, date(2029, 12, 15), date(2030, 12, 14), True),
    ],
)
def test_windows(code: str, year: int, start: date, end: date, cumulative: bool) -> None:
    period = report_period(code, year, PLAN)
    assert period.window == Window(start, end)
    assert period.cumulative is cumulative
    assert period.code == code
    assert period.year == year


@pytest.mark.parametrize(
    ("code", "name", "title"),
    [
        ("q1", "quý I", "quý I năm 2024"),
        ("h1", "6 tháng đầu năm", "6 tháng đầu năm 2024"),
        ("q3", "quý III", "quý III năm 2024"),
        ("year", "năm", "năm 2024"),
    ],
)
def test_names(code: str, name: str, title: str) -> None:
    period = report_period(code, 2024)
    assert period.name == name
    assert period.title == title
    assert period.slug == f"2024-{code}"


def test_codes_and_default() -> None:
    assert CODES == ("q1", "h1", "q3", "year")
    assert DEFAULT_CODE == "year"


@pytest.mark.parametrize("code", ["Q1", " h1 ", "YEAR", "q3"])
def test_codes_ignore_case_and_spaces(code: str) -> None:
    assert parse_code(code).code == code.strip().lower()


@pytest.mark.parametrize("code", ["q2", "q4", "", "nam", "quý I"])
def test_unknown_code_is_a_usage_error(code: str) -> None:
    with pytest.raises(UsageError) as caught:
        parse_code(code)
    assert caught.value.exit_code is ExitCode.USAGE
    assert "không hợp lệ" in caught.value.message
    assert "q1, h1, q3, year" in caught.value.hint


@pytest.mark.parametrize(
    ("code", "inside", "outside"),
    [
        # q1: an update dated 14/03 is in, one dated 15/03 is not; 14/12 before is out.
        ("q1", [date(2023, 12, 15), date(2024, 3, 14)], [date(2023, 12, 14), date(2024, 3, 15)]),
        ("h1", [date(2023, 12, 15), date(2024, 6, 14)], [date(2023, 12, 14), date(2024, 6, 15)]),
        ("q3", [date(2024, 6, 15), date(2024, 9, 14)], [date(2024, 6, 14), date(2024, 9, 15)]),
        (
            "year",
            [date(2023, 12, 15), date(2024, 2, 29), date(2024, 12, 14)],
            [date(2023, 12, 14), date(2024, 12, 15)],
        ),
    ],
)
def test_window_boundaries(code: str, inside: list[date], outside: list[date]) -> None:
    window = report_period(code, 2024).window
    for day in inside:
        assert day in window, day
    for day in outside:
        assert day not in window, day


def test_window_contains_only_dates() -> None:
    assert "2024-01-01" not in report_period("year", 2024).window


@pytest.mark.parametrize("year", [2020, 2031, 1999])
def test_year_outside_the_plan_is_a_clear_error(year: int) -> None:
    with pytest.raises(UsageError) as caught:
        report_period("q1", year, PLAN)
    assert caught.value.message == f"Năm {year} nằm ngoài giai đoạn 2021 - 2030 của kế hoạch."
    assert caught.value.hint == "Chọn năm từ 2021 đến 2030."
    assert caught.value.field == "year"  # the CLI names the option, the core never does


@pytest.mark.parametrize("year", [2021, 2030])
def test_plan_period_ends_are_allowed(year: int) -> None:
    assert report_period("year", year, PLAN).year == year


@pytest.mark.parametrize(
    ("code", "year", "next_code", "next_year"),
    [
        ("q1", 2024, "h1", 2024),
        ("h1", 2024, "q3", 2024),
        ("q3", 2024, "year", 2024),
        ("year", 2024, "q1", 2025),
    ],
)
def test_next_period(code: str, year: int, next_code: str, next_year: int) -> None:
    following = next_period(report_period(code, year))
    assert (following.code, following.year) == (next_code, next_year)


@pytest.mark.parametrize(
    ("code", "start", "end"),
    [
        ("q1", date(2024, 3, 15), date(2024, 6, 14)),
        ("h1", date(2024, 6, 15), date(2024, 9, 14)),
        ("q3", date(2024, 9, 15), date(2024, 12, 14)),
        ("year", date(2024, 12, 15), date(2025, 3, 14)),
    ],
)
def test_next_stretch_follows_the_window(code: str, start: date, end: date) -> None:
    period = report_period(code, 2024)
    stretch = next_stretch(period)
    assert stretch == Window(start, end)
    assert stretch.start == period.window.end + timedelta(days=1)


def test_windows_tile_the_year() -> None:
    """q1 + the h1 stretch + q3 + the year stretch cover 15/12 to 14/12 without a gap."""
    day = report_period("q1", 2024).window.start
    for code in ("q1", "h1", "q3", "year"):
        period = report_period(code, 2024)
        assert day in period.window
        day = period.window.end + timedelta(days=1)
    assert day == report_period("q1", 2025).window.start


# --- a 9-month report, the stretch section IV plans for, a report-making task ---------------


def test_nine_months_is_a_cumulative_q3() -> None:
    period = report_period("q3", 2024, PLAN, nine_months=True)
    assert period.window == Window(date(2023, 12, 15), date(2024, 9, 14))
    assert period.cumulative
    assert (period.code, period.title, period.slug) == ("q3", "9 tháng đầu năm 2024", "2024-q3")
    assert (next_period(period).code, next_period(period).year) == ("year", 2024)
    assert report_period("q1", 2024, nine_months=True).title == "quý I năm 2024"


@pytest.mark.parametrize(
    ("code", "nine", "name", "end"),
    [
        ("q1", False, "quý II năm 2024", date(2024, 6, 30)),
        ("h1", False, "6 tháng cuối năm 2024", date(2024, 12, 31)),
        ("q3", False, "quý IV năm 2024", date(2024, 12, 31)),
        ("q3", True, "3 tháng cuối năm 2024", date(2024, 12, 31)),
        ("year", False, "năm 2025", date(2025, 12, 31)),
    ],
)
def test_what_section_four_plans_for(code: str, nine: bool, name: str, end: date) -> None:
    period = report_period(code, 2024, nine_months=nine)
    assert ahead(period) == (name, Window(period.window.end + timedelta(days=1), end))


@pytest.mark.parametrize(
    ("key", "title"),
    [
        ("2024-Q1", "quý I năm 2024"),
        ("2024-Q2", "6 tháng đầu năm 2024"),
        ("2024-Q3", "quý III năm 2024"),
        ("2023-Q4", "năm 2023"),
        ("2023", "năm 2023"),
    ],
)
def test_the_annual_report_is_never_called_quarter_four(key: str, title: str) -> None:
    found = report_of_occurrence(key)
    assert found is not None
    assert found.title == title


@pytest.mark.parametrize("code", CODES)
def test_a_quarterly_report_task_has_one_occurrence_per_report(code: str) -> None:
    period = report_period(code, 2024)
    key = occurrence_key(period, "quarterly")
    assert key is not None
    found = report_of_occurrence(key)
    assert found is not None
    assert (found.code, found.year) == (code, 2024)


def test_a_yearly_report_task_is_only_the_annual_report() -> None:
    assert occurrence_key(report_period("year", 2024), "yearly") == "2024"
    assert occurrence_key(report_period("q1", 2024), "yearly") is None
    assert occurrence_key(report_period("q1", 2024), "once") is None
    assert report_of_occurrence("kỳ 1") is None
