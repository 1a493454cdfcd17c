"""What the dashboard page draws, as JSON facts of `cchc status` (the page renders these)."""

from __future__ import annotations

from typing import Any

import pytest
from typer.testing import CliRunner

from tests.test_status import AS_OF, ids, run_json


@pytest.fixture(scope="module")
def full() -> dict[str, Any]:
    return run_json(CliRunner(), "--as-of", AS_OF)


def test_quarters_add_up_to_the_summary(full: dict[str, Any]) -> None:
    quarters = full["quarters"]
    assert quarters[0]["quarter"] == "2021-Q1"  # the plan's first year
    assert (quarters[-1]["quarter"], quarters[-1]["end"]) == ("2024-Q2", "2024-06-15")
    assert sum(q["done"] for q in quarters) == full["summary"]["done"]
    assert quarters[-1]["done_to_date"] == full["summary"]["done"]
    late = sum(q["done_late"] for q in quarters)
    assert late == full["summary"]["counts"]["done_late"]


@pytest.mark.parametrize("quarter", ["2021-Q4", "2022-Q4", "2023-Q2"])
def test_a_quarter_is_the_dashboard_as_of_its_end(
    runner: CliRunner, full: dict[str, Any], quarter: str
) -> None:
    (found,) = [q for q in full["quarters"] if q["quarter"] == quarter]
    then = run_json(runner, "--as-of", found["end"])
    assert found["done_to_date"] == then["summary"]["done"]
    assert then["quarters"][-1] == found


def test_quarters_follow_the_filters(runner: CliRunner) -> None:
    year = run_json(runner, "--as-of", AS_OF, "--year", "2024")
    assert year["quarters"][0]["quarter"] <= "2024-Q1"
    assert sum(q["done"] for q in year["quarters"]) == year["summary"]["done"]
    unit = run_json(runner, "--as-of", AS_OF, "--unit", "thanh-tra")
    assert sum(q["done"] for q in unit["quarters"]) == unit["summary"]["done"]


def test_indicator_series_cover_the_plan_years(full: dict[str, Any]) -> None:
    assert full["plan"]["period"] == {"start": 2021, "end": 2030}
    for series in full["indicator_series"]:
        assert [y["year"] for y in series["years"]] == list(range(2021, 2031))
    # The yearly verdicts agree with the indicator table of the text.
    by_key = {(s["id"], y["year"]): y for s in full["indicator_series"] for y in s["years"]}
    for found in full["indicators"]:
        point = by_key[(found["id"], found["year"])]
        assert (point["value"], point["verdict"]) == (found["value"], found["verdict"])


def test_values_not_yet_published_are_null_not_zero(runner: CliRunner) -> None:
    early = run_json(runner, "--as-of", "31/12/2022")
    for series in early["indicator_series"]:
        later = [y for y in series["years"] if y["year"] >= 2022]
        assert all(y["value"] is None for y in later), series["id"]


def test_open_all_is_every_unit_s_open_list(runner: CliRunner, full: dict[str, Any]) -> None:
    assert full["open"] is None
    for unit in full["units"]:
        mine = run_json(runner, "--as-of", AS_OF, "--unit", unit["code"])
        assert mine["open_all"] is None and mine["indicator_series"] is None
        assert ids([i for i in full["open_all"] if i["lead"] == unit["code"]]) == ids(mine["open"])
