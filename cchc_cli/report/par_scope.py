"""What the PAR INDEX self-assessment report covers, and how it words a piece of evidence.

The report is made from the plain data of `cchc_cli.par.rows.self_assessment` (the same
values as ``cchc par --format json``), laid out again as a tree: fields, their criteria, the
sub-criteria of each. The *leaves* are the scored units: every sub-criterion, and every
criterion that has none. A self-assessed leaf needs an explanation in the report when it is
scored below its maximum, not scored yet, or scored without evidence.

The self-assessment report is the document sent before the appraisal: it speaks of
self-scores only (never of appraised or survey points, which come later).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from cchc_cli.dataset import Dataset
from cchc_cli.engine import indicators as ind
from cchc_cli.engine.par import RANK_INDICATOR, SCORE_INDICATOR
from cchc_cli.models.indicators import Indicator
from cchc_cli.models.plan import Plan
from cchc_cli.models.tasks import Task
from cchc_cli.report.settings import SelfAssessment
from cchc_cli.report.wording import lower_first, one_line
from cchc_cli.text_vi import dmy, number

_EPSILON = 1e-9
SURVEY = "Đánh giá qua điều tra xã hội học"

# Document types as a trích yếu starts ("Kế hoạch cải cách …") and as a number's code
# names them ("13/KH-SCT"); anything else is a "Văn bản".
DOCUMENT_TYPES = (
    "Báo cáo",
    "Biên bản",
    "Chỉ thị",
    "Chương trình",
    "Công điện",
    "Công văn",
    "Đề án",
    "Giấy mời",
    "Hướng dẫn",
    "Kế hoạch",
    "Nghị quyết",
    "Quy chế",
    "Quy định",
    "Quyết định",
    "Thông báo",
    "Tờ trình",
    "Văn bản",
)
TYPE_CODES = {
    "BC": "Báo cáo",
    "BB": "Biên bản",
    "CT": "Chỉ thị",
    "CTr": "Chương trình",
    "CĐ": "Công điện",
    "ĐA": "Đề án",
    "HD": "Hướng dẫn",
    "KH": "Kế hoạch",
    "NQ": "Nghị quyết",
    "QC": "Quy chế",
    "QĐ": "Quyết định",
    "TB": "Thông báo",
    "TTr": "Tờ trình",
}
_NAMED = re.compile(r"\bsố\s", re.IGNORECASE)  # "Kế hoạch số 13/KH-SCT": already worded


def points(value: float | None) -> str:
    """Points as written: ``1,5``, ``0,25``, ``12``."""
    return number(value, 2)


@dataclass(frozen=True, slots=True)
class Leaf:
    """A scored unit: a sub-criterion, or a criterion without sub-criteria."""

    row: dict[str, Any]
    criterion: dict[str, Any]
    field: dict[str, Any]
    evidence: tuple[str, ...]  # each piece worded (`evidence_texts`)

    @property
    def survey(self) -> bool:
        return bool(self.row["survey_scored"])

    @property
    def kind(self) -> str:
        """``Tiêu chí thành phần`` or ``Tiêu chí``."""
        return "Tiêu chí thành phần" if self.row["level"] == "item" else "Tiêu chí"

    @property
    def unscored(self) -> bool:
        return not self.survey and self.row["self"] is None

    @property
    def short(self) -> bool:
        """Self-scored below its maximum."""
        own = self.row["self"]
        return not self.survey and own is not None and own < self.row["max"] - _EPSILON

    @property
    def unproven(self) -> bool:
        """Self-scored above 0 without any evidence to show."""
        own = self.row["self"]
        return not self.survey and own is not None and own > _EPSILON and not self.evidence

    @property
    def to_explain(self) -> bool:
        return self.unscored or self.short or self.unproven

    @property
    def explanation(self) -> str:
        return one_line(self.row["explanation"])


@dataclass(frozen=True, slots=True)
class CriterionPart:
    row: dict[str, Any]
    items: tuple[dict[str, Any], ...]


@dataclass(frozen=True, slots=True)
class FieldPart:
    row: dict[str, Any]
    criteria: tuple[CriterionPart, ...]


@dataclass(frozen=True)
class ParScope:
    """What the self-assessment report of one year covers."""

    year: int
    plan: Plan
    settings: SelfAssessment
    data: dict[str, Any]  # `cchc_cli.par.rows.self_assessment` of the year
    fields: tuple[FieldPart, ...]
    leaves: tuple[Leaf, ...]
    previous: dict[str, Any] | None  # the previous year's, when it has an assessment
    indicators: tuple[Indicator, ...]  # the index and rank, as known at the deadline
    tasks: tuple[Task, ...]
    units: dict[str, str]

    @property
    def agency(self) -> str:
        return one_line(self.plan.issuing_body)

    @property
    def totals(self) -> dict[str, Any]:
        found: dict[str, Any] = self.data["totals"]
        return found

    @property
    def deadline(self) -> date | None:
        sheet = self.data["assessment"]
        return sheet["deadline"] if sheet else None

    @property
    def known_on(self) -> date:
        """The day the report speaks from: the deadline, else the year's end."""
        return self.deadline or date(self.year, 12, 31)

    @property
    def self_leaves(self) -> list[Leaf]:
        return [leaf for leaf in self.leaves if not leaf.survey]


def tree(rows: list[dict[str, Any]]) -> tuple[FieldPart, ...]:
    """The rows (every field, criterion and sub-criterion, in set order) as a tree."""
    fields: list[tuple[dict[str, Any], list[tuple[dict[str, Any], list[dict[str, Any]]]]]] = []
    for row in rows:
        if row["level"] == "field":
            fields.append((row, []))
        elif row["level"] == "criterion":
            fields[-1][1].append((row, []))
        elif row["level"] == "item":
            fields[-1][1][-1][1].append(row)
    return tuple(
        FieldPart(field, tuple(CriterionPart(c, tuple(items)) for c, items in criteria))
        for field, criteria in fields
    )


def leaves_of(fields: tuple[FieldPart, ...], deadline: date | None) -> Iterator[Leaf]:
    for field in fields:
        for criterion in field.criteria:
            for row in criterion.items or (criterion.row,):
                yield Leaf(row, criterion.row, field.row, evidence_texts(row, deadline))


def evidence_texts(row: dict[str, Any], deadline: date | None) -> tuple[str, ...]:
    """Each piece of evidence of `row` worded, once: a document by type, number, date and
    issuer; a task by the evidence recorded in its updates of the year (up to the deadline)."""
    found: list[str] = []
    for item in row["evidence"]:
        if item["task"]:
            found += [
                one_line(e["text"])
                for e in item["task_evidence"]
                if deadline is None or e["date"] <= deadline
            ]
        else:
            found.append(document_words(item))
    return tuple(dict.fromkeys(text for text in found if text))


def document_words(item: dict[str, Any]) -> str:
    """A document as officials cite it: ``Kế hoạch số 13/KH-SCT ngày 15/01/2024 của Sở Công
    Thương về cải cách hành chính năm 2024``."""
    document = one_line(item["document"])
    summary = one_line(item["summary"]).rstrip(".;")
    if not document:  # cchc validate refuses it; never a "số" without a number
        return summary
    said, rest = _type_of(summary)  # rest: the trích yếu without its leading type
    named = _NAMED.search(document)  # "Quyết định số 276/QĐ-UBND" names its own type
    # The type of the number wins ("12/QĐ-SCT": a Quyết định, whatever the trích yếu starts
    # with); the trích yếu's own type is dropped only when it is the same.
    kind = document[: named.start()].strip() if named else _code_type(document)
    if kind and (said or "").lower() != kind.lower():
        rest = summary
    text = document if named else f"{kind or said or 'Văn bản'} số {document}"
    if item["date"] is not None:
        text += f" ngày {dmy(item['date'])}"
    if item["issuer"]:
        text += f" của {one_line(item['issuer'])}"
    if rest:
        rest = lower_first(rest)
        text += f" {rest}" if rest.startswith(("về ", "v/v")) else f" về {rest}"
    return text


def _type_of(summary: str) -> tuple[str | None, str]:
    """The document type a trích yếu starts with, and the rest of it."""
    for kind in DOCUMENT_TYPES:
        if summary.lower().startswith(kind.lower()) and (
            len(summary) == len(kind) or not summary[len(kind)].isalnum()
        ):
            return kind, summary[len(kind) :].strip(" ,:")
    return None, summary


def _code_type(document: str) -> str | None:
    """The type a number's code names: ``13/KH-SCT`` → ``Kế hoạch``."""
    _, _, code = document.partition("/")
    return TYPE_CODES.get(code.split("-", 1)[0]) if code else None


def par_indicators(dataset: Dataset, day: date) -> tuple[Indicator, ...]:
    """The PAR INDEX score and rank indicators with the values published by `day`."""
    wanted = (SCORE_INDICATOR, RANK_INDICATOR)
    found = {i.item.id: i.item for i in dataset.indicators if i.item.id in wanted}
    return tuple(ind.known_on(found[code], day) for code in wanted if code in found)


def make_scope(
    dataset: Dataset,
    plan: Plan,
    settings: SelfAssessment,
    *,
    data: dict[str, Any],
    previous: dict[str, Any] | None,
) -> ParScope:
    """The scope of the report of `year`, from its plain data (and the previous year's)."""
    year = data["year"]
    fields = tree(data["rows"])
    deadline = data["assessment"]["deadline"] if data["assessment"] else None
    known_on = deadline or date(year, 12, 31)
    return ParScope(
        year=year,
        plan=plan,
        settings=settings,
        data=data,
        fields=fields,
        leaves=tuple(leaves_of(fields, deadline)),
        previous=previous,
        indicators=par_indicators(dataset, known_on),
        tasks=tuple(t.item for t in dataset.tasks),
        units={u.code: one_line(u.name) for u in dataset.units},
    )
