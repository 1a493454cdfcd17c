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

The *next* period (section IV of a report, "nhiệm vụ kỳ tới") is the one whose report comes
after: q1 → h1 → q3 → year → q1 of the next year. Its *new stretch* starts the day after the
current window ends (so "tasks due in the next period" never repeats the current window).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from cchc_cli.errors import UsageError
from cchc_cli.models import PlanPeriod


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


def report_period(code: str, year: int, plan_period: PlanPeriod | None = None) -> ReportPeriod:
    """The period `code` of `year`; a `UsageError` when the year is outside `plan_period`."""
    kind = parse_code(code)
    if plan_period is not None and not plan_period.start <= year <= plan_period.end:
        raise UsageError(
            f"Năm {year} nằm ngoài giai đoạn {plan_period.start} - {plan_period.end} của kế hoạch.",
            f"Chọn năm từ {plan_period.start} đến {plan_period.end}.",
            field="year",
        )
    return ReportPeriod(kind, year)


def next_period(period: ReportPeriod) -> ReportPeriod:
    """The period reported after `period`: q1 → h1 → q3 → year → q1 of the next year."""
    index = KINDS.index(period.kind)
    if index + 1 < len(KINDS):
        return ReportPeriod(KINDS[index + 1], period.year)
    return ReportPeriod(KINDS[0], period.year + 1)


def next_stretch(period: ReportPeriod) -> Window:
    """The days the next period adds: from the day after `period` ends to the next one's end."""
    return Window(period.window.end + timedelta(days=1), next_period(period).window.end)
