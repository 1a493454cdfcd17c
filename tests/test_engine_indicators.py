"""Indicators against their targets, year by year: operators, spans, trends."""

from __future__ import annotations

from typing import Any

import pytest

from cchc_cli.engine.indicators import (
    Trend,
    Verdict,
    assess,
    assess_years,
    meets,
    target_for,
    trend,
)
from cchc_cli.models.indicators import Indicator, Target


def indicator(direction: str, targets: list[dict[str, Any]], values: dict[int, float]) -> Indicator:
    return Indicator.model_validate(
        {
            "id": "x",
            "name": "Chỉ số thử",
            "unit": "%",
            "direction": direction,
            "targets": targets,
            "values": [{"year": y, "value": v} for y, v in values.items()],
        }
    )


@pytest.mark.parametrize(
    ("op", "target", "value", "expected"),
    [
        (">", 95, 95.0, False),
        (">", 95, 95.01, True),
        (">=", 95, 95.0, True),
        ("≥", 95, 95.0, True),
        (">=", 95, 94.99, False),
        ("<", 8, 8, False),
        ("<", 8, 7, True),
        ("<=", 8, 8, True),
        ("≤", 8, 8, True),
        ("≤", 8, 9, False),
    ],
)
def test_meets_every_operator(op: str, target: float, value: float, expected: bool) -> None:
    assert meets(value, Target.model_validate({"years": 2024, "op": op, "value": target})) is (
        expected
    )


@pytest.mark.parametrize(
    ("year", "expected"),
    [(2020, None), (2021, 90.0), (2024, 90.0), (2025, 92.0), (2026, 95.0), (2031, None)],
)
def test_target_for_year_prefers_the_narrowest_span(year: int, expected: float | None) -> None:
    ind = indicator(
        "higher",
        [
            {"years": "2021-2030", "op": ">=", "value": 90},
            {"years": "2026 - 2030", "op": ">", "value": 95},
            {"years": 2025, "op": ">=", "value": 92},
        ],
        {},
    )
    found = target_for(ind, year)
    assert (found.value if found else None) == expected


@pytest.mark.parametrize(
    ("direction", "value", "previous", "expected"),
    [
        ("higher", 96.0, 94.0, Trend.IMPROVED),
        ("higher", 93.0, 94.0, Trend.WORSE),
        ("higher", 94.0, 94.0, Trend.SAME),
        ("lower", 7, 9, Trend.IMPROVED),  # rank 9 -> 7
        ("lower", 9, 7, Trend.WORSE),
        ("lower", 8, 8, Trend.SAME),
        ("higher", 96.0, None, Trend.NONE),
        ("lower", None, 7, Trend.NONE),
    ],
)
def test_trend_reads_the_direction(
    direction: str, value: float | None, previous: float | None, expected: Trend
) -> None:
    assert trend(indicator(direction, [], {}), value, previous) is expected


SIPAS = [{"years": "2021-2030", "op": ">", "value": 95}]


RANK = [{"years": "2021-2030", "op": "<=", "value": 8}]


@pytest.mark.parametrize(
    ("direction", "targets", "values", "year", "expected"),
    [
        ("higher", SIPAS, {2023: 94.0, 2024: 95.0}, 2024, (Verdict.NOT_MET, Trend.IMPROVED)),
        ("higher", SIPAS, {2023: 96.0, 2024: 95.5}, 2024, (Verdict.MET, Trend.WORSE)),
        ("higher", SIPAS, {2024: 97.0}, 2024, (Verdict.MET, Trend.NONE)),
        ("higher", SIPAS, {2023: 97.0}, 2024, (Verdict.NO_DATA, Trend.NONE)),
        ("lower", RANK, {2023: 9, 2024: 8}, 2024, (Verdict.MET, Trend.IMPROVED)),
        ("lower", RANK, {2023: 7, 2024: 9}, 2024, (Verdict.NOT_MET, Trend.WORSE)),
        ("lower", [], {2024: 9}, 2024, (Verdict.NO_TARGET, Trend.NONE)),
    ],
)
def test_assess(
    direction: str,
    targets: list[dict[str, Any]],
    values: dict[int, float],
    year: int,
    expected: tuple[Verdict, Trend],
) -> None:
    result = assess(indicator(direction, targets, values), year)
    assert result is not None
    assert (result.verdict, result.trend) == expected


def test_trend_compares_with_the_previous_calendar_year_only() -> None:
    result = assess(indicator("higher", SIPAS, {2022: 90.0, 2024: 96.0}), 2024)
    assert result is not None
    assert result.previous is None
    assert result.trend is Trend.NONE


def test_assess_years_skips_years_with_nothing() -> None:
    ind = indicator("higher", [{"years": 2024, "op": ">", "value": 95}], {2022: 90.0})
    found = assess_years([ind], [2021, 2022, 2023, 2024])
    assert [(a.year, a.verdict) for a in found] == [
        (2022, Verdict.NO_TARGET),
        (2024, Verdict.NO_DATA),
    ]
