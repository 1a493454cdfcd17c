"""SIPAS (satisfaction with administrative service) per element and overall. Pure: no I/O.

Elements
    The five of Quyết định 1001/QĐ-BNV (method for 2023–2026): tiếp cận dịch vụ; thủ tục
    hành chính; công chức trực tiếp giải quyết công việc; kết quả dịch vụ; tiếp nhận, giải
    quyết góp ý, phản ánh, kiến nghị.

Rates
    An element's rate, recomputed when its answer counts are recorded, is satisfied answers ÷
    answers × 100. The overall rate is recomputed as the mean of the five element rates when
    all five have counts, else as satisfied ballots ÷ ballots × 100 when those are recorded
    *(to confirm against the decision's text)*. The published figure is kept beside it and is
    the one the target is judged by: published overall figures are not always the mean of
    their parts.

Verdicts
    Each figure is compared with the year's target exactly as written, in exact arithmetic:
    95,0 % does not meet "> 95", and neither does 19 of 20 satisfied answers.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from fractions import Fraction
from typing import Literal

from cchc_cli.engine.indicators import target_for, value_for
from cchc_cli.models.indicators import Indicator, SipasElement, Target

SIPAS_INDICATOR = "sipas"  # the conventional id (`cchc init` writes it)

ELEMENTS: dict[str, str] = {
    "tiep-can-dich-vu": "Tiếp cận dịch vụ",
    "thu-tuc-hanh-chinh": "Thủ tục hành chính",
    "cong-chuc": "Công chức trực tiếp giải quyết công việc",
    "ket-qua": "Kết quả cung ứng dịch vụ",
    "gop-y-phan-anh": "Tiếp nhận, giải quyết góp ý, phản ánh, kiến nghị",
}

_OPS: dict[str, Callable[[Fraction, Fraction], bool]] = {
    ">": operator.gt,
    ">=": operator.ge,
    "≥": operator.ge,
    "<": operator.lt,
    "<=": operator.le,
    "≤": operator.le,
}

Method = Literal["elements", "ballots"]


def share(satisfied: int | None, answers: int | None) -> Fraction | None:
    """satisfied ÷ answers × 100, exactly; None without both counts or with no answers."""
    if satisfied is None or answers is None or answers <= 0:
        return None
    return Fraction(satisfied * 100, answers)


def meets(value: float | Fraction | None, target: Target | None) -> bool | None:
    """Whether `value` meets `target`, in exact arithmetic; None when either is missing."""
    if value is None or target is None:
        return None
    return _OPS[target.op](Fraction(value), Fraction(target.value))


@dataclass(frozen=True, slots=True)
class ElementRate:
    """One element in one year: the published rate and the one recomputed from counts."""

    code: str
    label: str
    published: float | None
    answers: int | None
    satisfied: int | None

    @property
    def exact(self) -> Fraction | None:
        return share(self.satisfied, self.answers)

    @property
    def recomputed(self) -> float | None:
        exact = self.exact
        return None if exact is None else float(exact)


@dataclass(frozen=True, slots=True)
class SipasYear:
    """The SIPAS of one year: published and recomputed figures, each against the target."""

    indicator: Indicator
    year: int
    published: float | None
    exact: Fraction | None  # the recomputed overall rate
    method: Method | None
    elements: tuple[ElementRate, ...]
    target: Target | None
    surveyed: int | None = None  # ballots, when recorded
    satisfied: int | None = None

    @property
    def recomputed(self) -> float | None:
        return None if self.exact is None else float(self.exact)

    @property
    def published_met(self) -> bool | None:
        return meets(self.published, self.target)

    @property
    def recomputed_met(self) -> bool | None:
        return meets(self.exact, self.target)


def element_rates(elements: Iterable[SipasElement]) -> tuple[ElementRate, ...]:
    """The recorded elements in the order of `ELEMENTS` (the first of a repeated one)."""
    found: dict[str, SipasElement] = {}
    for element in elements:
        found.setdefault(element.element, element)
    return tuple(
        ElementRate(code, label, e.value, e.answers, e.satisfied)
        for code, label in ELEMENTS.items()
        if (e := found.get(code)) is not None
    )


def overall(
    rates: tuple[ElementRate, ...], satisfied: int | None, surveyed: int | None
) -> tuple[Fraction | None, Method | None]:
    """The recomputed overall rate and how it was found (see the module docstring)."""
    exact = [r.exact for r in rates]
    if len(rates) == len(ELEMENTS) and all(e is not None for e in exact):
        return sum((e for e in exact if e is not None), Fraction(0)) / len(exact), "elements"
    ballots = share(satisfied, surveyed)
    return (ballots, "ballots") if ballots is not None else (None, None)


def sipas_year(indicator: Indicator, year: int) -> SipasYear | None:
    """The SIPAS of `year`, or None when the year has neither a value nor a target."""
    value = value_for(indicator, year)
    target = target_for(indicator, year)
    if value is None and target is None:
        return None
    rates = element_rates(value.elements) if value is not None else ()
    exact, method = (
        overall(rates, value.satisfied, value.surveyed) if value is not None else (None, None)
    )
    return SipasYear(
        indicator,
        year,
        value.value if value else None,
        exact,
        method,
        rates,
        target,
        value.surveyed if value else None,
        value.satisfied if value else None,
    )


def sipas_indicator(indicators: Iterable[Indicator]) -> Indicator | None:
    """The SIPAS indicator: the one with the conventional id, else the first with elements."""
    candidates = list(indicators)
    for indicator in candidates:
        if indicator.id == SIPAS_INDICATOR:
            return indicator
    return next((i for i in candidates if any(v.elements for v in i.values)), None)
