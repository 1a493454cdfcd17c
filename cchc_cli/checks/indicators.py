"""Checks of one indicator: its years, its survey counts and its target spans."""

from __future__ import annotations

from collections.abc import Iterator

from cchc_cli.checks.common import at
from cchc_cli.dataset import Located
from cchc_cli.errors import Loc, Problem
from cchc_cli.models import Indicator

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
                        f"Tỷ lệ {value.value}% không khớp số phiếu: "
                        f"{value.satisfied}/{value.surveyed} = {share:.2f}%.",
                        "Kiểm tra lại tỷ lệ hoặc số phiếu.",
                    )
    spans: list[tuple[int, int]] = []
    for i, target in enumerate(ind.item.targets):
        first, last = target.span
        if first > last or any(_clash((first, last), other) for other in spans):
            yield at(
                ind.path,
                (*ind.loc, "targets", i, "years"),
                "target-years",
                f"Khoảng năm “{target.years}” bị ngược, trùng hoặc chồng một phần lên chỉ tiêu "
                "khác.",
                "Mỗi năm một chỉ tiêu; một khoảng hẹp nằm trọn trong khoảng rộng (ví dụ 2025 "
                "trong 2021-2030) thì khoảng hẹp được dùng cho các năm của nó.",
            )
        spans.append((first, last))
        if period is not None and (first < period[0] or last > period[1]):
            where = (*ind.loc, "targets", i, "years")
            yield _outside(ind.path, where, f"Chỉ tiêu năm “{target.years}”", period)


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
