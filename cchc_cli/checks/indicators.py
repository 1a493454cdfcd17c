"""Checks of one indicator: its years, its survey counts and its target spans."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from cchc_cli.checks.common import at
from cchc_cli.dataset import Located
from cchc_cli.errors import Loc, Problem
from cchc_cli.models.indicators import Indicator, IndicatorValue, SipasElement, Target
from cchc_cli.text_vi import dmy, number

SURVEY_TOLERANCE = 0.05  # percentage points: a published % is rounded to 1-2 decimals


def indicator_problems(
    ind: Located[Indicator], period: tuple[int, int] | None = None
) -> Iterator[Problem]:
    """Repeated years, survey counts that do not add up, clashing target spans, and years
    outside the plan's `period` (first and last year), when it is known."""
    years: set[int] = set()
    for i, value in enumerate(ind.item.values):
        loc = (*ind.loc, "values", i)
        if value.year in years:
            yield at(ind.path, (*loc, "year"), "duplicate-id", f"Năm {value.year} ghi hai lần.")
        years.add(value.year)
        if period is not None and not period[0] <= value.year <= period[1]:
            yield _outside(ind.path, (*loc, "year"), f"Kết quả năm {value.year}", period)
        if (value.surveyed is None) != (value.satisfied is None):
            yield Problem(
                ind.path,
                0,
                0,
                "survey-counts",
                "Cần ghi cả số phiếu khảo sát (surveyed) và số phiếu hài lòng (satisfied).",
                level="warning",
                loc=loc,
            )
        elif value.surveyed is not None and value.satisfied is not None:
            if value.satisfied > value.surveyed:
                yield at(
                    ind.path,
                    (*loc, "satisfied"),
                    "survey-counts",
                    f"Số phiếu hài lòng ({value.satisfied}) lớn hơn số phiếu khảo sát "
                    f"({value.surveyed}).",
                )
            else:
                share = value.satisfied / value.surveyed * 100
                if abs(share - value.value) > SURVEY_TOLERANCE:
                    yield at(
                        ind.path,
                        (*loc, "value"),
                        "survey-mismatch",
                        f"Tỷ lệ {number(value.value)}% không khớp số phiếu: "
                        f"{value.satisfied}/{value.surveyed} = {number(share)}%.",
                        "Kiểm tra lại tỷ lệ hoặc số phiếu.",
                    )
        yield from _value_problems(ind, loc, value)
        yield from _element_problems(ind.path, loc, value.elements)
    yield from target_problems(ind.path, (*ind.loc, "targets"), ind.item.targets, period)
    yield from _direction_problems(ind)


def _value_problems(ind: Located[Indicator], loc: Loc, value: IndicatorValue) -> Iterator[Problem]:
    """A rank outside 1..out_of, a percentage outside 0-100, a result published before its
    year: figures that would go into a report as they are."""
    number_ = value.value
    if value.out_of is not None and not (number_ == int(number_) and 1 <= number_ <= value.out_of):
        yield at(
            ind.path,
            (*loc, "value"),
            "out-of-range",
            f"Thứ hạng {number(number_)} không thể có khi xếp {value.out_of} đơn vị.",
            f"Thứ hạng là số nguyên từ 1 đến {value.out_of} (“out_of”).",
        )
    elif ind.item.unit.strip() == "%" and not 0 <= number_ <= 100:
        yield at(
            ind.path,
            (*loc, "value"),
            "out-of-range",
            f"Tỷ lệ {number(number_)}% nằm ngoài khoảng 0-100%.",
            "Kiểm tra lại số (ghi 97,5% là 97.5), hoặc đơn vị của chỉ số.",
            level="warning",
        )
    published = value.source.date if value.source is not None else None
    if published is not None and published.year < value.year:
        yield at(
            ind.path,
            (*loc, "source", "date"),
            "date-order",
            f"Văn bản công bố ngày {dmy(published)}, trước năm {value.year} của kết quả.",
            "Kết quả của một năm được công bố trong hoặc sau năm đó: kiểm tra năm của ngày "
            "văn bản, hoặc “year” của kết quả.",
        )


_AGAINST = {"higher": ("<", "<=", "≤"), "lower": (">", ">=", "≥")}


def _direction_problems(ind: Located[Indicator]) -> Iterator[Problem]:
    """A target whose comparison runs against the indicator's direction (a rank, lower is
    better, with the target “>= 8”): met and missed would be read the wrong way round."""
    item = ind.item
    for i, target in enumerate(item.targets):
        if target.op in _AGAINST[item.direction]:
            better = "càng cao càng tốt" if item.direction == "higher" else "càng thấp càng tốt"
            yield at(
                ind.path,
                (*ind.loc, "targets", i, "op"),
                "invalid-value",
                f"Chỉ tiêu “{target.op} {number(target.value)}” ngược chiều với chỉ số "
                f"(direction: {item.direction}, {better}).",
                "Sửa phép so sánh của chỉ tiêu, hoặc “direction” của chỉ số.",
                level="warning",
            )


def target_problems(
    path: str, loc: Loc, targets: Sequence[Target], period: tuple[int, int] | None = None
) -> Iterator[Problem]:
    """Target spans that are reversed, repeated, or overlap without nesting (`target-years`),
    and spans reaching outside the plan's `period` when it is known (`outside-period`)."""
    spans: list[tuple[int, int]] = []
    for i, target in enumerate(targets):
        first, last = target.span
        if first > last or any(_clash((first, last), other) for other in spans):
            yield at(
                path,
                (*loc, i, "years"),
                "target-years",
                f"Khoảng năm “{target.years}” bị ngược, trùng hoặc chồng một phần lên chỉ tiêu "
                "khác.",
                "Mỗi năm một chỉ tiêu; một khoảng hẹp nằm trọn trong khoảng rộng (ví dụ 2025 "
                "trong 2021-2030) thì khoảng hẹp được dùng cho các năm của nó.",
            )
        spans.append((first, last))
        if period is not None and (first < period[0] or last > period[1]):
            where = (*loc, i, "years")
            yield _outside(path, where, f"Chỉ tiêu năm “{target.years}”", period)


def _outside(path: str, loc: Loc, what: str, period: tuple[int, int]) -> Problem:
    return Problem(
        path,
        0,
        0,
        "outside-period",
        f"{what} nằm ngoài giai đoạn của kế hoạch ({period[0]}-{period[1]}).",
        "Kiểm tra năm; số liệu của năm ngoài kế hoạch không được so với chỉ tiêu của kế hoạch.",
        level="warning",
        loc=loc,
    )


def _clash(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Two year spans that overlap without one lying strictly inside the other."""
    if a == b:
        return True
    overlap = a[0] <= b[1] and b[0] <= a[1]
    nested = (a[0] >= b[0] and a[1] <= b[1]) or (b[0] >= a[0] and b[1] <= a[1])
    return overlap and not nested


def _element_problems(path: str, loc: Loc, elements: Sequence[SipasElement]) -> Iterator[Problem]:
    """SIPAS elements: each once, answer counts that add up and agree with the published rate."""
    seen: set[str] = set()
    for i, element in enumerate(elements):
        here = (*loc, "elements", i)
        if element.element in seen:
            yield at(
                path,
                (*here, "element"),
                "duplicate-id",
                f"Yếu tố “{element.element}” ghi hai lần trong cùng một năm.",
            )
        seen.add(element.element)
        answers, satisfied = element.answers, element.satisfied
        if (answers is None) != (satisfied is None):
            yield Problem(
                path,
                0,
                0,
                "survey-counts",
                "Cần ghi cả số câu trả lời (answers) và số câu trả lời hài lòng (satisfied).",
                level="warning",
                loc=here,
            )
        elif answers is not None and satisfied is not None:
            if satisfied > answers:
                yield at(
                    path,
                    (*here, "satisfied"),
                    "survey-counts",
                    f"Số câu trả lời hài lòng ({satisfied}) lớn hơn số câu trả lời ({answers}).",
                )
            elif element.value is not None:
                share = satisfied / answers * 100
                if abs(share - element.value) > SURVEY_TOLERANCE:
                    yield at(
                        path,
                        (*here, "value"),
                        "survey-mismatch",
                        f"Tỷ lệ {number(element.value)}% không khớp số câu trả lời: "
                        f"{satisfied}/{answers} = {number(share)}%.",
                        "Kiểm tra lại tỷ lệ hoặc số câu trả lời.",
                    )
