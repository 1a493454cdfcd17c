"""Report periods and their data windows (thời gian chốt số liệu). Pure: no I/O.

The four periods of the periodic CCHC report (Bộ Nội vụ, văn bản 581/BNV-CCHC), for a
report year ``Y``:

======  ======================  ==============================  ==========
code    Vietnamese              data window                     cumulative
======  ======================  ==============================  ==========
q1      quý I                   15/12/(Y-1) – 14/03/Y           yes
h1      6 tháng đầu năm         15/12/(Y-1) – 14/06/Y           yes
q3      quý III                 15/06/Y – 14/09/Y               no
year    năm                     15/12/(Y-1) – 14/12/Y           yes
======  ======================  ==============================  ==========

Both ends of a window are inside it. Every figure of a report is computed as of the
window's last day.

Where a province asks for a "9 tháng đầu năm" report instead of "quý III", the q3 period is
`NINE_MONTHS`: cumulative, 15/12/(Y-1) – 14/09/Y (``report_period(..., nine_months=True)``).

The *next* period is the one whose report comes after: q1 → h1 → q3 → year → q1 of the next
year. Its *new stretch* starts the day after the current window ends. What a report plans
for (section IV, "phương hướng, nhiệm vụ kỳ tới") is `ahead`: from the day after the window
to the end of the next calendar stretch a reader expects, named as officials name it:
q1 → quý II (to 30/06), h1 → 6 tháng cuối năm, q3 → quý IV (or "3 tháng cuối năm" after a
9-month report), year → the next year (to its 31/12).

A report may be a task of the plan itself (the Văn phòng's quarterly report). The occurrence
of that task *is* the report of a period: `report_of_occurrence` maps ``2024-Q2`` to the
6-month report of 2024, ``2023-Q4`` or a yearly ``2023`` to the annual report of 2023, and
`occurrence_key` does the reverse.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from cchc_cli.errors import UsageError
from cchc_cli.models.plan import PlanPeriod


@dataclass(frozen=True, slots=True)
class PeriodKind:
    """One of the four periods, independent of the year."""

    code: str
    name: str  # as it reads inside a sentence: "quý I", "6 tháng đầu năm"
    start: tuple[int, int, int]  # (year offset, month, day) of the window's first day
    end: tuple[int, int]  # (month, day) of the window's last day, in the report year
    cumulative: bool


KINDS: tuple[PeriodKind, ...] = (
    PeriodKind("q1", "quý I", (-1, 12, 15), (3, 14), cumulative=True),
    PeriodKind("h1", "6 tháng đầu năm", (-1, 12, 15), (6, 14), cumulative=True),
    PeriodKind("q3", "quý III", (0, 6, 15), (9, 14), cumulative=False),
    PeriodKind("year", "năm", (-1, 12, 15), (12, 14), cumulative=True),
)
NINE_MONTHS = PeriodKind("q3", "9 tháng đầu năm", (-1, 12, 15), (9, 14), cumulative=True)
CODES: tuple[str, ...] = tuple(kind.code for kind in KINDS)
DEFAULT_CODE = "year"
_BY_CODE = {kind.code: kind for kind in KINDS}


@dataclass(frozen=True, slots=True)
class Window:
    """A closed range of days: both `start` and `end` belong to it."""

    start: date
    end: date

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.start <= day <= self.end


@dataclass(frozen=True, slots=True)
class ReportPeriod:
    """A period of a given year, e.g. q1 of 2024."""

    kind: PeriodKind
    year: int

    @property
    def code(self) -> str:
        return self.kind.code

    @property
    def name(self) -> str:
        """``quý I``, ``6 tháng đầu năm``, ``quý III`` or ``năm``."""
        return self.kind.name

    @property
    def title(self) -> str:
        """The period as a report names it: ``quý I năm 2024``, ``6 tháng đầu năm 2024``."""
        if self.kind.name.endswith("năm"):
            return f"{self.kind.name} {self.year}"
        return f"{self.kind.name} năm {self.year}"

    @property
    def window(self) -> Window:
        offset, month, day = self.kind.start
        end_month, end_day = self.kind.end
        return Window(date(self.year + offset, month, day), date(self.year, end_month, end_day))

    @property
    def cumulative(self) -> bool:
        return self.kind.cumulative

    @property
    def slug(self) -> str:
        """The file name stem of the report: ``2024-q1``."""
        return f"{self.year}-{self.code}"


def parse_code(code: str) -> PeriodKind:
    """The period named `code` (case and surrounding spaces ignored), else a `UsageError`."""
    kind = _BY_CODE.get(code.strip().lower())
    if kind is None:
        raise UsageError(
            f"Kỳ báo cáo “{code}” không hợp lệ.",
            "Chọn một trong: " + ", ".join(CODES) + " (quý I, 6 tháng, quý III, năm).",
            field="period",
        )
    return kind


def report_period(
    code: str, year: int, plan_period: PlanPeriod | None = None, *, nine_months: bool = False
) -> ReportPeriod:
    """The period `code` of `year`; a `UsageError` when the year is outside `plan_period`.

    With `nine_months`, q3 is the cumulative "9 tháng đầu năm" (`NINE_MONTHS`)."""
    kind = parse_code(code)
    if nine_months and kind.code == "q3":
        kind = NINE_MONTHS
    if plan_period is not None and not plan_period.start <= year <= plan_period.end:
        raise UsageError(
            f"Năm {year} nằm ngoài giai đoạn {plan_period.start} - {plan_period.end} của kế hoạch.",
            f"Chọn năm từ {plan_period.start} đến {plan_period.end}.",
            field="year",
        )
    return ReportPeriod(kind, year)


def next_period(period: ReportPeriod) -> ReportPeriod:
    """The period reported after `period`: q1 → h1 → q3 → year → q1 of the next year."""
    index = CODES.index(period.code)
    if index + 1 < len(KINDS):
        return ReportPeriod(KINDS[index + 1], period.year)
    return ReportPeriod(KINDS[0], period.year + 1)


def next_stretch(period: ReportPeriod) -> Window:
    """The days the next period adds: from the day after `period` ends to the next one's end."""
    return Window(period.window.end + timedelta(days=1), next_period(period).window.end)


def ahead(period: ReportPeriod) -> tuple[str, Window]:
    """What section IV of `period`'s report plans for: its name (``quý II năm 2024``) and its
    days, from the day after the window to the end of that stretch (see the module)."""
    year, start = period.year, period.window.end + timedelta(days=1)
    if period.code == "q1":
        return f"quý II năm {year}", Window(start, date(year, 6, 30))
    if period.code == "h1":
        return f"6 tháng cuối năm {year}", Window(start, date(year, 12, 31))
    if period.code == "q3":
        name = "3 tháng cuối năm" if period.kind is NINE_MONTHS else "quý IV năm"
        return f"{name} {year}", Window(start, date(year, 12, 31))
    return f"năm {year + 1}", Window(start, date(year + 1, 12, 31))


_QUARTER_REPORT = {"1": "q1", "2": "h1", "3": "q3", "4": "year"}


def report_of_occurrence(key: str, *, nine_months: bool = False) -> ReportPeriod | None:
    """The report an occurrence of a report-making task is: ``2024-Q2`` → the 6-month report
    of 2024; ``2023-Q4`` and a yearly ``2023`` → the annual report of 2023. None for a key
    of another shape."""
    year, _, quarter = key.partition("-Q")
    if not year.isdigit() or (quarter and quarter not in _QUARTER_REPORT):
        return None
    code = _QUARTER_REPORT[quarter] if quarter else "year"
    return report_period(code, int(year), nine_months=nine_months)


def occurrence_key(period: ReportPeriod, recurrence: str) -> str | None:
    """The occurrence of a report-making task (quarterly or yearly) that is `period`'s own
    report: the quarter holding the window's end, or for a yearly task the year of an annual
    report. None when the task has no occurrence for it (a yearly task in a q1 report)."""
    if recurrence == "quarterly":
        return f"{period.year}-Q{(period.window.end.month - 1) // 3 + 1}"
    if recurrence == "yearly" and period.code == "year":
        return str(period.year)
    return None
