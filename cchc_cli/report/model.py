"""The values a report template sees: plain frozen dataclasses, built by `report_context`.

A template's top-level names are the fields of `Report`; staff who write their own
templates find every name here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from cchc_cli.engine.periods import ReportPeriod, Window
from cchc_cli.models import Plan


@dataclass(frozen=True, slots=True)
class Header:
    governing_body: str
    issuing_body: str
    number: str
    nation: str
    motto: str
    place_date: str
    doc_type: str
    summary: str
    report_to: str


@dataclass(frozen=True, slots=True)
class TaskLine:
    """One occurrence of a task as of the window's end, with a drafted sentence."""

    id: str
    title: str
    occurrence: str
    area: str
    lead: str
    state: str
    state_key: str
    percent: int
    start: date
    due: date
    done_on: date | None
    evidence: str
    notes: tuple[str, ...]
    stale: bool
    days_overdue: int
    sentence: str


@dataclass(frozen=True, slots=True)
class AreaSection:
    number: int
    code: str
    name: str
    done: tuple[TaskLine, ...]
    in_progress: tuple[TaskLine, ...]
    not_started: tuple[TaskLine, ...]
    overdue: tuple[TaskLine, ...]

    @property
    def empty(self) -> bool:
        return not (self.done or self.in_progress or self.not_started or self.overdue)


@dataclass(frozen=True, slots=True)
class CountRow:
    name: str
    counts: tuple[int, ...]
    total: int
    completion: str
    mean_progress: str


@dataclass(frozen=True, slots=True)
class IndicatorRow:
    name: str
    year: int
    target: str
    value: str
    verdict: str
    trend: str
    source: str


@dataclass(frozen=True, slots=True)
class Closing:
    recipients_heading: str
    recipients: tuple[str, ...]
    signer_lines: tuple[str, ...]
    signer_name: str


@dataclass(frozen=True, slots=True)
class Report:
    """Everything a report template may use (its top-level names are these fields)."""

    plan: Plan
    period: ReportPeriod
    window: Window
    as_of: date
    next_period: ReportPeriod
    next_window: Window
    header: Header
    direction: AreaSection | None
    areas: tuple[AreaSection, ...]
    strengths: tuple[str, ...]
    weaknesses: tuple[str, ...]
    next_tasks: tuple[TaskLine, ...]
    states: tuple[str, ...]
    area_rows: tuple[CountRow, ...]
    total_row: CountRow
    cumulative_rows: tuple[CountRow, ...]
    cumulative_total: CountRow
    task_rows: tuple[TaskLine, ...]
    indicator_rows: tuple[IndicatorRow, ...]
    closing: Closing
    stamp: str
