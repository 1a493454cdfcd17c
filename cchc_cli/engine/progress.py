"""The progress engine: the state of every task as of a date, and roll-ups. Pure: no I/O.

Everything here takes models and a date ``D`` (the "as of" date) and returns values. Only
what was known on ``D`` is used: updates dated after ``D`` and a ``completed`` date after
``D`` are ignored, so a report for 2024 run in 2026 sees 2024 as it was on its cut-off date.

Occurrences
    Progress is tracked per *occurrence* (kỳ thực hiện), never per task, so a yearly task
    running 2021–2030 is ten occurrences, not one task at 10 %.

    - ``once``: one occurrence, ``start``..``due``, with the task's own ``updates`` and
      ``completed``.
    - ``yearly``: one occurrence per calendar year from ``start.year`` to ``due.year``. It
      starts on 1/1 (or the task's start, if later) and is due on 31/12 (or the task's due,
      if earlier: that is how the last year of a task that ends mid-year, or a task that
      straddles the plan's end, is clipped), unless its ``occurrences`` entry gives its own
      ``due`` (a report due on the 20th, a self-assessment due in January of the next
      year). Its progress is the ``occurrences`` entry whose ``period`` is ``"YYYY"``.
    - ``quarterly``: the same per quarter, periods ``"YYYY-Qn"``, due on the quarter's last
      day (31/03, 30/06, 30/09, 31/12) or the task's due if earlier, or the entry's ``due``.
    - ``ongoing`` (thường xuyên): **one occurrence spanning start..due**, with the task's own
      ``updates`` and ``completed``. Work that is carried on all the time has no yearly
      deadline to miss: splitting it into years would turn every past year into "overdue"
      (there is no completion to record) or invent completions. So it stays "in progress"
      while it runs, and the *stale* flag is what calls out an ongoing task nobody reports
      on. It belongs to its due year in the by-year roll-up.

    Only occurrences that have started (``start <= D``) are *counted*: a yearly task's
    future years are in no count, rate or mean. Entries of ``occurrences`` are ignored for
    ``once`` and ``ongoing`` tasks, and top-level ``updates``/``completed`` are ignored for
    ``yearly`` and ``quarterly`` tasks (the validator reports such mix-ups).

State of a counted occurrence as of D (first rule that applies wins)
    1. **done**: the completion date is ``<= D``. The completion date is the *earliest*
       record of completion: ``completed``, or the date of the first update at 100 % when
       that is earlier (or when ``completed`` is absent). Then ``done_on_time`` if
       completion ``<= due`` (completing *on* the due date is on time), else ``done_late``.

       Why the earliest: a state as of D must depend only on what was recorded by D. Were
       ``completed`` to win over an earlier 100 % update, writing ``completed`` later would
       turn a task that was done on D back into one that was not. The two records should
       agree; ``cchc validate`` reports a ``completed`` later than the first 100 % update
       (``completion-date``).
    2. ``overdue`` (quá hạn): not done and ``due < D``.
    3. ``due_soon`` (sắp đến hạn): not done and ``0 <= (due - D).days <= soon_days``
       (default 30; due today is due soon, not overdue).
    4. ``in_progress`` (đang thực hiện): the latest update ``<= D`` is above 0 %.
    5. ``not_started`` (chưa bắt đầu): otherwise (no updates, or only 0 %).

    **Stale** is a separate flag, not a state: the occurrence is not done, has progress
    (latest percent above 0) and its latest update is ``stale_days`` or more days before D
    (default 90: updates come with the quarterly reports, so a full quarter without one means
    a report was missed). An overdue or due-soon occurrence can be stale as well.

    Progress (percent) is the latest update ``<= D`` (the last one listed wins a tie of
    dates), 100 when done, 0 with no update.

Roll-ups
    Each counted occurrence counts once in its group (a yearly task started five years ago
    counts five times). A `Rollup` holds the count per state and:

    - completion rate = done / counted (``None`` when nothing is counted);
    - on-time rate = done on time / done (``None`` when nothing is done);
    - mean progress = mean percent of the counted occurrences (``None`` when none).

    Groups: by area, by lead unit, by year (the occurrence's due year) and by plan objective.
    A task serving several objectives counts under each of them, so the by-objective groups
    may add up to more than the total; tasks with no objective are in no objective group.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from cchc_cli.engine.recurrence import periods
from cchc_cli.labels import LabelledEnum
from cchc_cli.models.tasks import Occurrence as Record
from cchc_cli.models.tasks import Task, Update

DEFAULT_SOON_DAYS = 30
DEFAULT_STALE_DAYS = 90


class State(LabelledEnum):
    """The state of an occurrence as of a date. The value is the Vietnamese label."""

    NOT_STARTED = "chưa bắt đầu"
    IN_PROGRESS = "đang thực hiện"
    DUE_SOON = "sắp đến hạn"
    OVERDUE = "quá hạn"
    DONE_ON_TIME = "hoàn thành đúng hạn"
    DONE_LATE = "hoàn thành trễ hạn"

    @property
    def is_done(self) -> bool:
        return self in (State.DONE_ON_TIME, State.DONE_LATE)


# The order of states in tables and JSON: the worst news first, then work under way, then done.
STATE_ORDER: tuple[State, ...] = (
    State.OVERDUE,
    State.DUE_SOON,
    State.IN_PROGRESS,
    State.NOT_STARTED,
    State.DONE_ON_TIME,
    State.DONE_LATE,
)


@dataclass(frozen=True, slots=True)
class Rules:
    """The tunable windows, in days (both must be >= 0)."""

    soon_days: int = DEFAULT_SOON_DAYS
    stale_days: int = DEFAULT_STALE_DAYS


DEFAULT_RULES = Rules()


@dataclass(frozen=True, slots=True)
class Occurrence:
    """One occurrence of a task: a period with its own dates and progress records.

    `period` is ``None`` for ``once`` and ``ongoing`` tasks, ``"2024"`` for a yearly task and
    ``"2024-Q1"`` for a quarterly one.
    """

    task: Task
    period: str | None
    start: date
    due: date
    updates: tuple[Update, ...]
    completed: date | None

    @property
    def year(self) -> int:
        """The year the occurrence belongs to in roll-ups: its due year."""
        return self.due.year


@dataclass(frozen=True, slots=True)
class Status:
    """An occurrence as of a date: its state and the facts the dashboards show."""

    occurrence: Occurrence
    as_of: date
    state: State
    percent: int
    done_on: date | None
    last_update: date | None
    stale: bool

    @property
    def task(self) -> Task:
        return self.occurrence.task

    @property
    def due(self) -> date:
        return self.occurrence.due

    @property
    def days_overdue(self) -> int:
        """Days past due for an overdue occurrence, else 0."""
        return (self.as_of - self.due).days if self.state is State.OVERDUE else 0

    @property
    def days_left(self) -> int:
        """Days until due (negative once past due)."""
        return (self.due - self.as_of).days

    @property
    def days_since_update(self) -> int | None:
        return None if self.last_update is None else (self.as_of - self.last_update).days


@dataclass(frozen=True, slots=True)
class Rollup:
    """Counts and rates of a group of counted occurrences (see the module docstring)."""

    counts: dict[State, int] = field(default_factory=lambda: dict.fromkeys(STATE_ORDER, 0))
    total: int = 0
    stale: int = 0
    progress_sum: int = 0

    @property
    def done(self) -> int:
        return self.counts[State.DONE_ON_TIME] + self.counts[State.DONE_LATE]

    @property
    def completion_rate(self) -> float | None:
        return self.done / self.total if self.total else None

    @property
    def on_time_rate(self) -> float | None:
        return self.counts[State.DONE_ON_TIME] / self.done if self.done else None

    @property
    def mean_progress(self) -> float | None:
        return self.progress_sum / self.total if self.total else None


# --- occurrences ---------------------------------------------------------------------------


def _occurrence(
    task: Task, period: str, begin: date, end: date, record: Record | None
) -> Occurrence:
    return Occurrence(
        task,
        period,
        max(begin, task.start),
        record.due if record is not None and record.due else min(end, task.due),
        tuple(record.updates) if record is not None else (),
        record.completed if record is not None else None,
    )


def occurrences(task: Task, until: date | None = None) -> list[Occurrence]:
    """Every occurrence of `task` in time order, future ones included; with `until`, only
    those that start on or before that day (work in proportion to what is counted).

    A task whose due is before its start (an error the validator reports) still gets its
    single occurrence when it is ``once`` or ``ongoing``, and none when it is recurring.
    """
    if task.recurrence in ("once", "ongoing"):
        if until is not None and task.start > until:
            return []
        return [Occurrence(task, None, task.start, task.due, tuple(task.updates), task.completed)]
    records = {entry.period: entry for entry in task.occurrences}
    found = [
        _occurrence(task, period, begin, end, records.get(period))
        for period, begin, end in periods(task, until)
    ]
    if until is not None:
        found = [occ for occ in found if occ.start <= until]
    return found


# --- state as of a date --------------------------------------------------------------------


def latest_update(updates: Iterable[Update], as_of: date) -> Update | None:
    """The latest update dated ``<= as_of``; of several on that date, the last listed."""
    best: Update | None = None
    for update in updates:
        if update.date <= as_of and (best is None or update.date >= best.date):
            best = update
    return best


def completion_date(occurrence: Occurrence, as_of: date) -> date | None:
    """When the occurrence was done, if that is known on `as_of`: the earliest of
    ``completed`` and the first update at 100 % (see the module docstring)."""
    done = occurrence.completed
    for update in occurrence.updates:
        if update.percent == 100 and (done is None or update.date < done):
            done = update.date
    return done if done is not None and done <= as_of else None


def status(occurrence: Occurrence, as_of: date, rules: Rules = DEFAULT_RULES) -> Status:
    """The state of `occurrence` as of `as_of`, using only what was recorded by then."""
    latest = latest_update(occurrence.updates, as_of)
    percent = latest.percent if latest else 0
    done_on = completion_date(occurrence, as_of)
    due = occurrence.due
    if done_on is not None:
        state = State.DONE_ON_TIME if done_on <= due else State.DONE_LATE
        percent = 100
    elif due < as_of:
        state = State.OVERDUE
    elif (due - as_of).days <= rules.soon_days:
        state = State.DUE_SOON
    elif percent > 0:
        state = State.IN_PROGRESS
    else:
        state = State.NOT_STARTED
    last = latest.date if latest else None
    flagged = (
        done_on is None
        and percent > 0
        and last is not None
        and (as_of - last).days >= rules.stale_days
    )
    return Status(occurrence, as_of, state, percent, done_on, last, flagged)


def statuses(tasks: Iterable[Task], as_of: date, rules: Rules = DEFAULT_RULES) -> list[Status]:
    """The status of every *counted* occurrence (started by `as_of`), in task then time order."""
    return [status(occ, as_of, rules) for task in tasks for occ in occurrences(task, as_of)]


# --- roll-ups ------------------------------------------------------------------------------


def rollup(items: Iterable[Status]) -> Rollup:
    """Counts, rates and mean progress of `items`, each counting once."""
    found = list(items)
    states = [item.state for item in found]
    # list.count compares by identity first: no enum hashing, which was a third of the
    # roll-ups' time at 500 000 occurrences.
    counts = {state: states.count(state) for state in STATE_ORDER}
    flagged = sum(item.stale for item in found)
    return Rollup(counts, len(found), flagged, sum(item.percent for item in found))


def rollup_by(
    items: Iterable[Status], keys: Callable[[Status], Iterable[str]]
) -> dict[str, Rollup]:
    """One roll-up per key; an item counts under each key `keys` gives it (maybe none).

    Groups come in the order their first item appears; sort them as the caller needs.
    """
    groups: dict[str, list[Status]] = {}
    for item in items:
        for key in dict.fromkeys(keys(item)):
            groups.setdefault(key, []).append(item)
    return {key: rollup(members) for key, members in groups.items()}


def by_area(items: Iterable[Status]) -> dict[str, Rollup]:
    return rollup_by(items, lambda s: (s.task.area,))


def by_lead(items: Iterable[Status]) -> dict[str, Rollup]:
    return rollup_by(items, lambda s: (s.task.lead,))


def by_year(items: Iterable[Status]) -> dict[int, Rollup]:
    groups = rollup_by(items, lambda s: (str(s.occurrence.year),))
    return {int(year): groups[year] for year in sorted(groups)}


def by_objective(items: Iterable[Status]) -> dict[str, Rollup]:
    return rollup_by(items, lambda s: s.task.objectives)


def ordered(groups: dict[str, Rollup], order: Sequence[str]) -> list[tuple[str, Rollup]]:
    """`groups` in the order of `order` (e.g. the codes in areas.yaml), others after, sorted.

    Codes of `order` without items get an empty roll-up, so tables list every area or unit.
    """
    known = [(code, groups.get(code, Rollup())) for code in order]
    extra = sorted(code for code in groups if code not in order)
    return known + [(code, groups[code]) for code in extra]


# --- the lists a dashboard shows -----------------------------------------------------------


def overdue(items: Iterable[Status]) -> list[Status]:
    """Overdue occurrences, oldest due first (most days overdue first)."""
    return sorted((s for s in items if s.state is State.OVERDUE), key=_by_due)


def due_soon(items: Iterable[Status]) -> list[Status]:
    """Due-soon occurrences, nearest due first."""
    return sorted((s for s in items if s.state is State.DUE_SOON), key=_by_due)


def in_progress(items: Iterable[Status]) -> list[Status]:
    """In-progress occurrences (not yet due soon), nearest due first."""
    return sorted((s for s in items if s.state is State.IN_PROGRESS), key=_by_due)


def stale(items: Iterable[Status]) -> list[Status]:
    """Stale occurrences, the longest without an update first."""
    return sorted(
        (s for s in items if s.stale),
        key=lambda s: (s.last_update or date.min, s.due, s.task.id, s.occurrence.period or ""),
    )


def _by_due(item: Status) -> tuple[date, str, str]:
    return (item.due, item.task.id, item.occurrence.period or "")
