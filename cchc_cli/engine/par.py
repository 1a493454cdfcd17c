"""PAR INDEX self-assessment arithmetic: totals, points lost, rank gaps. Pure: no I/O.

Leaves
    The scored units of a criteria set: every sub-criterion (tiêu chí thành phần), and every
    criterion that has none. A leaf is *survey-scored* when it or its criterion is marked
    ``survey``: it gets survey points, never a self-score. The others are *self-assessed*.

Scores of a leaf
    ``self`` (tự chấm), ``appraised`` (thẩm định) and ``survey`` (điều tra xã hội học), each
    known or not. Its *points* are the most final score known: the survey score of a survey
    leaf; the appraised score of a self-assessed leaf, else its self-score. Its *lost* points
    are its maximum minus its points (unknown while it has no points).

Totals of a field, a criterion, or the whole set (`Tally`)
    Sums over its leaves of each kind of score that is known, with counts of how many are
    known. Percentages: self and appraised points over the maximum of the self-assessed
    leaves, survey points over the maximum of the survey leaves, points over the whole
    maximum. The total is *final* when every self-assessed leaf is appraised and every
    survey leaf has survey points: then the index is points ÷ maximum × 100 (the year's
    ``par-index-score``).

Rank gap
    With every department's published index, a department is ranked 1 + the number of
    others with a higher index (ties share a rank). It reaches rank *T* when its index is at
    least the *T*-th best index among the others: the points needed are that index minus its
    own (0 when already there); the margin is how far it is above it. *T* comes from the
    target of the rank indicator (``<= 8`` → 8, ``< 9`` → 8), never from code.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any, Literal

from cchc_cli.engine.indicators import target_for
from cchc_cli.models.indicators import Indicator
from cchc_cli.models.par import (
    ParAssessmentFile,
    ParCriteriaFile,
    ParCriterion,
    ParDepartment,
    ParResultsFile,
    ParScore,
)
from cchc_cli.models.tasks import Task

# The conventional ids of the PAR INDEX indicators (`cchc init` writes them).
SCORE_INDICATOR = "par-index-score"
RANK_INDICATOR = "par-index-rank"

Level = Literal["field", "criterion", "item"]


@dataclass(frozen=True, slots=True)
class Leaf:
    """A scored unit of a criteria set, with the ids of its criterion and field."""

    id: str
    name: str
    max: float
    survey: bool
    criterion: str
    field: str


def _leaves_of(criteria: ParCriteriaFile) -> Iterator[tuple[ParCriterion, Leaf]]:
    for field in criteria.fields:
        for criterion in field.criteria:
            if not criterion.items:
                yield (
                    criterion,
                    Leaf(
                        criterion.id,
                        criterion.name,
                        criterion.max or 0.0,
                        criterion.survey,
                        criterion.id,
                        field.id,
                    ),
                )
            for item in criterion.items:
                survey = item.survey or criterion.survey
                yield criterion, Leaf(item.id, item.name, item.max, survey, criterion.id, field.id)


def leaves(criteria: ParCriteriaFile) -> list[Leaf]:
    """The leaves of `criteria`, in the order of the set."""
    return [leaf for _, leaf in _leaves_of(criteria)]


def all_ids(criteria: ParCriteriaFile) -> dict[str, str]:
    """Every id of the set (fields, criteria, sub-criteria) with its name, in set order."""
    names: dict[str, str] = {}
    for field in criteria.fields:
        names.setdefault(field.id, field.name)
        for criterion in field.criteria:
            names.setdefault(criterion.id, criterion.name)
            for item in criterion.items:
                names.setdefault(item.id, item.name)
    return names


def leaf_points(leaf: Leaf, score: ParScore | None) -> float | None:
    """The most final score known of `leaf` (see the module docstring)."""
    if score is None:
        return None
    if leaf.survey:
        return score.survey
    return score.appraised if score.appraised is not None else score.self_score


@dataclass(frozen=True, slots=True)
class Tally:
    """Sums over some leaves (see the module docstring). Rates are 0..1, or None."""

    maximum: float = 0.0
    self_max: float = 0.0
    survey_max: float = 0.0
    self_points: float = 0.0
    appraised: float = 0.0
    survey: float = 0.0
    points: float = 0.0
    lost: float = 0.0
    deducted: float = 0.0  # self-score minus appraised score, where both are known
    leaves: int = 0
    self_leaves: int = 0
    survey_leaves: int = 0
    self_scored: int = 0
    appraised_scored: int = 0
    survey_scored: int = 0
    pointed: int = 0  # leaves whose points are known

    @property
    def complete(self) -> bool:
        """Every self-assessed leaf appraised and every survey leaf scored."""
        return self.appraised_scored == self.self_leaves and self.survey_scored == (
            self.survey_leaves
        )

    @property
    def final(self) -> float | None:
        """The final points (appraised + survey), when `complete`."""
        return self.points if self.complete else None

    @property
    def self_rate(self) -> float | None:
        return _rate(self.self_points, self.self_max) if self.self_scored else None

    @property
    def appraised_rate(self) -> float | None:
        return _rate(self.appraised, self.self_max) if self.appraised_scored else None

    @property
    def survey_rate(self) -> float | None:
        return _rate(self.survey, self.survey_max) if self.survey_scored else None

    @property
    def rate(self) -> float | None:
        """Points over the whole maximum, once every leaf has points."""
        return _rate(self.points, self.maximum) if self.pointed == self.leaves else None

    def __add__(self, other: Tally) -> Tally:
        sums: dict[str, Any] = {
            f.name: getattr(self, f.name) + getattr(other, f.name) for f in dataclasses.fields(self)
        }
        return Tally(**sums)


def _rate(part: float, whole: float) -> float | None:
    return part / whole if whole > 0 else None


def tally(leaf: Leaf, score: ParScore | None) -> Tally:
    """The tally of one leaf."""
    points = leaf_points(leaf, score)
    own = score.self_score if score is not None and not leaf.survey else None
    appraised = score.appraised if score is not None and not leaf.survey else None
    survey = score.survey if score is not None and leaf.survey else None
    return Tally(
        maximum=leaf.max,
        self_max=0.0 if leaf.survey else leaf.max,
        survey_max=leaf.max if leaf.survey else 0.0,
        self_points=own or 0.0,
        appraised=appraised or 0.0,
        survey=survey or 0.0,
        points=points or 0.0,
        lost=leaf.max - points if points is not None else 0.0,
        deducted=own - appraised if own is not None and appraised is not None else 0.0,
        leaves=1,
        self_leaves=0 if leaf.survey else 1,
        survey_leaves=1 if leaf.survey else 0,
        self_scored=own is not None,
        appraised_scored=appraised is not None,
        survey_scored=survey is not None,
        pointed=points is not None,
    )


def total(tallies: Iterable[Tally]) -> Tally:
    return sum(tallies, Tally())


@dataclass(frozen=True, slots=True)
class Node:
    """A field, criterion or sub-criterion with its tally and its own score entry, if any."""

    level: Level
    id: str
    name: str
    survey: bool  # every leaf below is survey-scored
    tally: Tally
    score: ParScore | None
    children: tuple[Node, ...] = ()
    field: str = ""  # the id of the field it belongs to

    @property
    def ids(self) -> set[str]:
        """Its id and the ids of everything below it."""
        return {self.id, *(i for child in self.children for i in child.ids)}

    def walk(self) -> Iterator[Node]:
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass(frozen=True, slots=True)
class Assessment:
    """A year's self-assessment computed on its criteria set."""

    criteria: ParCriteriaFile
    assessment: ParAssessmentFile | None
    fields: tuple[Node, ...]
    total: Tally

    @property
    def index(self) -> float | None:
        """The final index (points ÷ maximum × 100), once every leaf has its final score."""
        final = self.total.final
        return (
            None if final is None or self.total.maximum <= 0 else final / self.total.maximum * 100
        )

    def nodes(self) -> Iterator[Node]:
        """Every node, fields first then their criteria and sub-criteria, in set order."""
        for field in self.fields:
            yield from field.walk()

    def criteria_by_loss(self) -> list[Node]:
        """The criteria (tiêu chí) that lost points, most points lost first (set order on ties)."""
        found = [n for n in self.nodes() if n.level == "criterion" and n.tally.lost > _EPSILON]
        return sorted(found, key=lambda n: -n.tally.lost)


_EPSILON = 1e-9


def first_scores(scores: Sequence[ParScore]) -> dict[str, ParScore]:
    """The score entry of each id (the first one when an id is repeated)."""
    found: dict[str, ParScore] = {}
    for score in scores:
        found.setdefault(score.id, score)
    return found


def assess(criteria: ParCriteriaFile, assessment: ParAssessmentFile | None) -> Assessment:
    """The totals of `assessment` (None: an empty one) on `criteria`."""
    scores = first_scores(assessment.scores) if assessment is not None else {}
    below: dict[str, list[Node]] = {}  # criterion id -> its sub-criteria nodes
    own: dict[str, Tally] = {}  # criterion id -> its tally, for a criterion scored itself
    for criterion, leaf in _leaves_of(criteria):
        found = tally(leaf, scores.get(leaf.id))
        if leaf.id == criterion.id:
            own[criterion.id] = found
        else:
            node = Node("item", leaf.id, leaf.name, leaf.survey, found, scores.get(leaf.id))
            below.setdefault(criterion.id, []).append(replace(node, field=leaf.field))
    fields = []
    for field in criteria.fields:
        nodes = []
        for criterion in field.criteria:
            items = tuple(below.get(criterion.id, ()))
            sums = total(n.tally for n in items) if items else own[criterion.id]
            survey = all(n.survey for n in items) if items else criterion.survey
            score = scores.get(criterion.id)
            nodes.append(
                Node(
                    "criterion", criterion.id, criterion.name, survey, sums, score, items, field.id
                )
            )
        fields.append(
            Node(
                "field",
                field.id,
                field.name,
                all(n.survey for n in nodes),
                total(n.tally for n in nodes),
                scores.get(field.id),
                tuple(nodes),
                field.id,
            )
        )
    return Assessment(criteria, assessment, tuple(fields), total(n.tally for n in fields))


def linked_tasks(tasks: Iterable[Task], ids: Collection[str], year: int) -> list[Task]:
    """The tasks that serve any of `ids` (their ``criteria``) and run during `year`."""
    wanted = set(ids)
    return [
        t for t in tasks if t.start.year <= year <= t.due.year and wanted.intersection(t.criteria)
    ]


def task_evidence(task: Task, year: int) -> list[tuple[date, str]]:
    """``(date, evidence)`` of every update of `task` dated in `year` that names evidence."""
    updates = [*task.updates, *(u for o in task.occurrences for u in o.updates)]
    return [(u.date, u.evidence) for u in updates if u.evidence and u.date.year == year]


# --- rank --------------------------------------------------------------------------------


def target_rank(indicator: Indicator | None, year: int) -> int | None:
    """The worst rank that meets the rank indicator's target in `year` (``<= 8`` → 8)."""
    target = target_for(indicator, year) if indicator is not None else None
    if target is None:
        return None
    if target.op in {"<=", "≤"}:
        return math.floor(target.value)
    if target.op == "<":
        return math.ceil(target.value) - 1
    return None


@dataclass(frozen=True, slots=True)
class RankGap:
    """Where the department stands against the target rank (see the module docstring)."""

    year: int
    ours: ParDepartment
    out_of: int
    target: int | None
    rival: ParDepartment | None  # the other department whose index decides the target rank
    gap: float | None  # rival's index minus ours: > 0 means points needed

    @property
    def needed(self) -> float | None:
        """Index points needed to reach the target rank (0 when already within); None
        without a target."""
        if self.target is None:
            return None
        return 0.0 if self.gap is None else max(0.0, self.gap)

    @property
    def margin(self) -> float | None:
        """Index points above the department that would push it out (0 when outside); None
        without a target, or when too few departments could push it out."""
        return None if self.gap is None else max(0.0, -self.gap)

    @property
    def within(self) -> bool | None:
        if self.target is None:
            return None
        return self.gap is None or self.gap <= 0


def ours(results: ParResultsFile) -> ParDepartment | None:
    """The department marked ``ours`` (the first, if several are)."""
    return next((d for d in results.departments if d.ours), None)


def rank_of(score: float, others: Iterable[float]) -> int:
    """1 + the number of other indexes above `score`."""
    return 1 + sum(other > score for other in others)


def rank_gap(results: ParResultsFile, target: int | None) -> RankGap | None:
    """The rank gap of the ``ours`` department, or None when no department is marked."""
    mine = ours(results)
    if mine is None:
        return None
    others = sorted((d for d in results.departments if d is not mine), key=lambda d: -d.score)
    out_of = len(results.departments)
    if target is None or target > len(others):
        return RankGap(results.year, mine, out_of, target, None, None)
    rival = others[target - 1]
    return RankGap(results.year, mine, out_of, target, rival, rival.score - mine.score)
