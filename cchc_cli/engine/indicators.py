"""Indicators against their yearly targets, and the trend from year to year. Pure: no I/O.

Target of a year
    The target whose ``years`` span contains the year. When several do (a "2021-2030"
    target and a stricter "2025" one), the narrowest span wins, then the one listed last.

Verdict of a year
    - ``met`` / ``not_met``: the year's value compared with the target's operator, exactly
      as written: ``> 95`` is *not* met by 95.0 ("trên 95 %"), ``<= 8`` *is* met by 8.
      ``≥`` and ``≤`` mean ``>=`` and ``<=``. The operator carries the direction, so a rank
      target is written ``<= 8`` and a percentage ``> 95``.
    - ``no_data``: the year has a target but no value (yet).
    - ``no_target``: the year has a value but no target to judge it by.
    A year with neither is not assessed (`assess` returns ``None``).

Known on a date
    `known_on` drops the values whose source document is dated after the "as of" date, so
    a dashboard as of 31/12/2022 does not show the 2022 rank published in March 2023.
    Values without a source date are always kept.

Trend of a year
    Against the value of the *previous calendar year*, read with the indicator's
    ``direction``: for ``higher`` a larger value is ``improved``; for ``lower`` (a rank) a
    smaller one is (rank 9 → 7 is improved). ``same`` when equal, ``none`` when either
    year has no value.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from cchc_cli.labels import LabelledEnum
from cchc_cli.models.indicators import Indicator, IndicatorValue, Target


class Verdict(LabelledEnum):
    """How a year's value compares with its target. The value is the Vietnamese label."""

    MET = "đạt"
    NOT_MET = "không đạt"
    NO_DATA = "chưa có số liệu"
    NO_TARGET = "chưa có chỉ tiêu"


class Trend(LabelledEnum):
    """The change from the previous year, read with the indicator's direction."""

    IMPROVED = "tốt hơn"
    WORSE = "kém hơn"
    SAME = "không đổi"
    NONE = "không so sánh được"


_OPS: dict[str, Callable[[float, float], bool]] = {
    ">": operator.gt,
    ">=": operator.ge,
    "≥": operator.ge,
    "<": operator.lt,
    "<=": operator.le,
    "≤": operator.le,
}


@dataclass(frozen=True, slots=True)
class Assessment:
    """One indicator in one year."""

    indicator: Indicator
    year: int
    value: IndicatorValue | None
    target: Target | None
    verdict: Verdict
    previous: IndicatorValue | None
    trend: Trend


def known_on(indicator: Indicator, as_of: date) -> Indicator:
    """`indicator` with only the values published by `as_of` (see the module docstring)."""
    kept = [
        v
        for v in indicator.values
        if v.source is None or v.source.date is None or v.source.date <= as_of
    ]
    if len(kept) == len(indicator.values):
        return indicator
    return indicator.model_copy(update={"values": kept})


def target_for(indicator: Indicator, year: int) -> Target | None:
    """The target that applies to `year` (see the module docstring), or None."""
    return targets_for(indicator.targets, year)


def targets_for(targets: Iterable[Target], year: int) -> Target | None:
    """Of `targets`, the one that applies to `year`: the narrowest span, then the last listed."""
    best: Target | None = None
    for target in targets:
        first, last = target.span
        if first <= year <= last and (best is None or last - first <= _width(best)):
            best = target
    return best


def _width(target: Target) -> int:
    first, last = target.span
    return last - first


def value_for(indicator: Indicator, year: int) -> IndicatorValue | None:
    """The recorded value of `year` (the last listed if the year is repeated), or None."""
    found = [v for v in indicator.values if v.year == year]
    return found[-1] if found else None


def meets(value: float, target: Target) -> bool:
    """Whether `value` satisfies `target` (``> 95`` is not met by 95.0)."""
    return _OPS[target.op](value, target.value)


def trend(indicator: Indicator, value: float | None, previous: float | None) -> Trend:
    """The change from `previous` to `value`, read with the indicator's direction."""
    if value is None or previous is None:
        return Trend.NONE
    if value == previous:
        return Trend.SAME
    better = value > previous if indicator.direction == "higher" else value < previous
    return Trend.IMPROVED if better else Trend.WORSE


def assess(indicator: Indicator, year: int) -> Assessment | None:
    """The indicator in `year`, or None when the year has neither a value nor a target."""
    value = value_for(indicator, year)
    target = target_for(indicator, year)
    if value is None and target is None:
        return None
    if target is None:
        verdict = Verdict.NO_TARGET
    elif value is None:
        verdict = Verdict.NO_DATA
    else:
        verdict = Verdict.MET if meets(value.value, target) else Verdict.NOT_MET
    previous = value_for(indicator, year - 1)
    change = trend(
        indicator,
        value.value if value else None,
        previous.value if previous else None,
    )
    return Assessment(indicator, year, value, target, verdict, previous, change)


def assess_years(indicators: Iterable[Indicator], years: Iterable[int]) -> list[Assessment]:
    """Every indicator in each of `years` that can be assessed, indicator by indicator."""
    wanted = list(years)
    found = []
    for indicator in indicators:
        for year in wanted:
            if (result := assess(indicator, year)) is not None:
                found.append(result)
    return found


def digits_to_show(value: float, target: Target | None, digits: int = 2) -> int:
    """Decimal places that keep `value` visibly apart from its target.

    95.004 against "> 95" must not print as "95 ✓" next to a 95.0 that is "95 ✗".
    """
    if target is None or value == target.value:
        return digits
    while digits < 6 and round(value, digits) == round(target.value, digits):
        digits += 1
    return digits
