"""The loaded data set: every model read from a data folder, where each was written, and the
problems found on the way. Checks, views and schemas use these types without the reader."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from cchc_cli.errors import Loc, Problem
from cchc_cli.models.indicators import Indicator
from cchc_cli.models.par import ParAssessmentFile, ParCriteriaFile, ParResultsFile
from cchc_cli.models.plan import Area, Plan, Unit
from cchc_cli.models.reports import ReportsFile
from cchc_cli.models.tasks import Task
from cchc_cli.text_vi import shown_path

if TYPE_CHECKING:  # imported by the reader only when a repository has statistics
    from cchc_cli.models.statistics import MetricsFile, StatPeriod

T = TypeVar("T")

PLAN_FILE = "plan.yaml"
AREAS_FILE = "areas.yaml"
UNITS_FILE = "units.yaml"
REPORTS_FILE = "reports.yaml"  # optional: report settings
TASKS_DIR = "tasks"
INDICATORS_DIR = "indicators"
PAR_DIR = "par"  # PAR INDEX: par/criteria/, par/assessments/, par/results/
PAR_CRITERIA_DIR = "criteria"
PAR_ASSESSMENTS_DIR = "assessments"
PAR_RESULTS_DIR = "results"
METRICS_FILE = "metrics.yaml"
STATISTICS_DIR = "statistics"


@dataclass(frozen=True, slots=True)
class Limits:
    """Bounds on one data file, so a huge or hostile file is a located problem, not a stall."""

    max_bytes: int = 5 * 1024 * 1024
    max_nodes: int = 1_000_000
    max_depth: int = 50  # a task file needs 7 levels (tasks, task, occurrences, …, update)


DEFAULT_LIMITS = Limits()


@dataclass(frozen=True, slots=True)
class Located(Generic[T]):
    """A model with the file and the place in it where it was written."""

    item: T
    path: str
    loc: Loc


@dataclass(frozen=True, slots=True)
class AssessmentSheet:
    """A year's PAR INDEX self-assessment as loaded.

    When some score entries failed the schema, `item` keeps the valid ones: `positions`
    gives each kept entry's index in the file (for its `loc`), `rejected` the criterion ids
    of the refused ones (already reported; not "missing" again).
    """

    item: ParAssessmentFile
    path: str
    positions: tuple[int, ...]
    rejected: frozenset[str] = frozenset()

    def score_loc(self, index: int) -> Loc:
        """The `loc` of the `index`-th kept score entry."""
        return ("scores", self.positions[index])


@dataclass
class ParData:
    """The PAR INDEX files of a data folder (``data/par/``)."""

    criteria: list[Located[ParCriteriaFile]] = field(default_factory=list)
    assessments: list[AssessmentSheet] = field(default_factory=list)
    results: list[Located[ParResultsFile]] = field(default_factory=list)
    # Ids written in criteria files that failed the schema: not "unknown" where used.
    broken_criteria: set[str] = field(default_factory=set)


@dataclass
class Dataset:
    """Everything read from a data folder, with the problems found on the way."""

    root: Path
    data_dir: Path
    plan: Plan | None = None
    areas: list[Area] = field(default_factory=list)
    units: list[Unit] = field(default_factory=list)
    reports: ReportsFile | None = None  # None: no reports.yaml (the defaults apply)
    indicators: list[Located[Indicator]] = field(default_factory=list)
    tasks: list[Located[Task]] = field(default_factory=list)
    # Task entries that failed the schema, as written: their references are still checked,
    # so one run reports every problem of a task, not the schema errors first.
    rejected_tasks: list[Located[dict[str, Any]]] = field(default_factory=list)
    # Ids of indicator entries that failed the schema (already reported): not "unknown"
    # where the plan or a task uses them.
    broken_indicators: set[str] = field(default_factory=set)
    par: ParData = field(default_factory=ParData)
    # Period statistics: the catalogue (None when absent or unreadable) and each period's
    # values as written.
    metrics: MetricsFile | None = None
    statistics: list[Located[StatPeriod]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    files: dict[str, Path] = field(default_factory=dict)
    limits: Limits = DEFAULT_LIMITS

    def display(self, path: Path) -> str:
        """`path` as problems show it: relative to the repository, POSIX separators, bytes
        that are not UTF-8 and control characters escaped (`text_vi.shown_path`)."""
        try:
            shown = path.relative_to(self.root).as_posix()
        except ValueError:
            shown = path.as_posix()
        return shown_path(shown)

    def shown(self, name: str) -> str:
        """A file or folder of the data folder (``plan.yaml``, ``tasks``) as shown."""
        return self.display(self.data_dir / name)
