"""What one report covers: the occurrences, the settings and the names it words them with.

Covered: the occurrences counted as of the window's end (started by then), except the ones
done before the window starts (reported in an earlier period) and the report's own
occurrence (the report-making task of ``reports.yaml`` for this period: a report never tracks
itself).

Shown: the covered occurrences as the report lists them. A recurring task behind for several
periods is one line, not one per period (a quarterly task never recorded would otherwise fill
the body and the appendix with the same title, quarter after quarter): its overdue
occurrences with nothing recorded form a run, shown once at the first of them (`runs`);
one with updates keeps its own line, its results and its percent. Counts and rates still
count every occurrence.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from cchc_cli.dataset import Dataset
from cchc_cli.engine import progress
from cchc_cli.engine.periods import ReportPeriod, Window, occurrence_key
from cchc_cli.engine.progress import State, Status
from cchc_cli.models.plan import Plan
from cchc_cli.models.tasks import Task
from cchc_cli.report.settings import Periodic
from cchc_cli.report.wording import one_line


@dataclass(frozen=True)
class Scope:
    """What one report covers, and the names it words things with."""

    dataset: Dataset
    plan: Plan
    period: ReportPeriod
    settings: Periodic
    counted: list[Status]  # every occurrence started by the window's end, but the own one
    covered: list[Status]  # of those, all but the ones done before the window
    shown: list[Status]  # covered, each run of overdue occurrences once (see the module)
    runs: dict[int, tuple[Status, ...]]  # id of a run's first occurrence -> the run
    area_names: dict[str, str]
    area_order: list[str]
    units: dict[str, str]

    @property
    def window(self) -> Window:
        return self.period.window

    @property
    def as_of(self) -> date:
        return self.period.window.end

    @property
    def agency(self) -> str:
        return one_line(self.plan.issuing_body)

    @property
    def tasks(self) -> list[Task]:
        return [located.item for located in self.dataset.tasks]

    def is_own(self, item: Status) -> bool:
        """Whether `item` is this report's own occurrence (the report-making task)."""
        return is_own(item, self.period, self.settings)


def is_own(item: Status, period: ReportPeriod, settings: Periodic) -> bool:
    """Whether `item` is the report of `period` itself: the occurrence of the report-making
    task (``own_task``) for that period."""
    return item.task.id == settings.own_task and item.occurrence.period == (
        occurrence_key(period, item.task.recurrence)
    )


def make_scope(dataset: Dataset, plan: Plan, period: ReportPeriod, settings: Periodic) -> Scope:
    """What the report of `period` covers (see the module)."""
    tasks = [located.item for located in dataset.tasks]
    statuses = progress.statuses(tasks, period.window.end)
    counted = [s for s in statuses if not is_own(s, period, settings)]
    covered = in_scope(counted, period.window)
    shown, runs = overdue_runs(covered)
    return Scope(
        dataset=dataset,
        plan=plan,
        period=period,
        settings=settings,
        counted=counted,
        covered=covered,
        shown=shown,
        runs=runs,
        area_names={area.code: one_line(area.name) for area in dataset.areas},
        area_order=[area.code for area in dataset.areas],
        units={unit.code: one_line(unit.name) for unit in dataset.units},
    )


def overdue_runs(items: Iterable[Status]) -> tuple[list[Status], dict[int, tuple[Status, ...]]]:
    """`items` with each task's overdue occurrences that have no update shown once, when
    there are two or more: at the earliest deadline of them; and the runs, by the id of the
    occurrence that shows each. Everything else stays as it is, in its order."""
    items = list(items)
    behind: dict[str, list[Status]] = {}
    for item in items:
        # only what nothing was recorded for: an occurrence with updates keeps its own line,
        # its results and its percent
        if item.state is State.OVERDUE and not item.occurrence.updates:
            behind.setdefault(item.task.id, []).append(item)
    runs: dict[int, tuple[Status, ...]] = {}
    hidden: set[int] = set()
    for run in behind.values():
        if len(run) > 1:
            run.sort(key=lambda s: (s.due, s.occurrence.period or ""))
            runs[id(run[0])] = tuple(run)
            hidden.update(id(s) for s in run[1:])
    return [s for s in items if id(s) not in hidden], runs


def in_scope(statuses: Iterable[Status], window: Window) -> list[Status]:
    """The statuses a report covers: all but those done before the window starts."""
    return [s for s in statuses if s.done_on is None or s.done_on >= window.start]


def due_in_period(item: Status, period: ReportPeriod) -> bool:
    """Whether `item` counts in the period's rates: due in the window, and for any report but
    the annual one, not an occurrence of a yearly task (a quarter is not judged on the
    year's work)."""
    return item.due in period.window and (period.code == "year" or item.task.recurrence != "yearly")
