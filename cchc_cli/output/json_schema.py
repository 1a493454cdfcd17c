"""JSON Schemas of the data files, for editors (yaml-language-server) and other tools.

Without a dataset, the schemas describe the shape of each kind of file. With one (a
`Vocabulary` read from the repository), the fields that refer to something declared
elsewhere also list the declared codes as an ``enum``, so the editor offers
``tthc — Cải cách thủ tục hành chính`` as a completion and underlines ``tthcc``. The enums
go stale when a code is added: ``cchc schema --force`` writes them again; ``cchc validate``
stays the authority either way.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from cchc_cli.models.indicators import IndicatorsFile
from cchc_cli.models.par import ParAssessmentFile, ParCriteriaFile, ParResultsFile
from cchc_cli.models.plan import AreasFile, Plan, UnitsFile
from cchc_cli.models.reports import ReportsFile
from cchc_cli.models.statistics import MetricsFile, StatisticsFile
from cchc_cli.models.tasks import TasksFile
from cchc_cli.output.write import write_atomic

if TYPE_CHECKING:
    from cchc_cli.dataset import Dataset
    from cchc_cli.models.indicators import Indicator
    from cchc_cli.models.plan import Area, Unit
    from cchc_cli.models.statistics import Metric, Rate

KINDS: dict[str, tuple[type[BaseModel], str]] = {
    "plan": (Plan, "Kế hoạch CCHC (data/plan.yaml)"),
    "areas": (AreasFile, "Lĩnh vực cải cách (data/areas.yaml)"),
    "units": (UnitsFile, "Phòng, đơn vị thuộc Sở (data/units.yaml)"),
    "tasks": (TasksFile, "Nhiệm vụ CCHC (data/tasks/*.yaml)"),
    "indicators": (IndicatorsFile, "Chỉ số (data/indicators/*.yaml)"),
    "par-criteria": (ParCriteriaFile, "Bộ tiêu chí PAR INDEX (data/par/criteria/*.yaml)"),
    "par-assessment": (
        ParAssessmentFile,
        "Tự đánh giá PAR INDEX một năm (data/par/assessments/*.yaml)",
    ),
    "par-results": (ParResultsFile, "Kết quả PAR INDEX công bố (data/par/results/*.yaml)"),
    "reports": (ReportsFile, "Thiết lập báo cáo (data/reports.yaml)"),
    "metrics": (MetricsFile, "Danh mục chỉ tiêu thống kê (data/metrics.yaml)"),
    "statistics": (StatisticsFile, "Số liệu thống kê theo kỳ (data/statistics/*.yaml)"),
}


@dataclass(frozen=True)
class Vocabulary:
    """The codes a repository declares, each with its label (shown by the editor)."""

    areas: Mapping[str, str] = field(default_factory=dict)
    units: Mapping[str, str] = field(default_factory=dict)
    indicators: Mapping[str, str] = field(default_factory=dict)
    objectives: Mapping[str, str] = field(default_factory=dict)
    solutions: Mapping[str, str] = field(default_factory=dict)
    duties: Mapping[str, str] = field(default_factory=dict)
    criteria: Mapping[str, str] = field(default_factory=dict)  # PAR INDEX criteria, all sets
    criteria_sets: Mapping[str, str] = field(default_factory=dict)
    metrics: Mapping[str, str] = field(default_factory=dict)  # metrics and rates

    @classmethod
    def of(
        cls,
        plan: Plan | None,
        areas: list[Area],
        units: list[Unit],
        indicators: list[Indicator],
        *,
        par_criteria: Sequence[ParCriteriaFile] = (),
        catalogue: MetricsFile | None = None,
    ) -> Vocabulary:
        """The codes declared by these models, in file order."""
        criteria: dict[str, str] = {}
        for criteria_set in par_criteria:
            for field_ in criteria_set.fields:
                criteria.setdefault(field_.id, field_.name)
                for criterion in field_.criteria:
                    criteria.setdefault(criterion.id, criterion.name)
                    for item in criterion.items:
                        criteria.setdefault(item.id, item.name)
        metrics: list[Metric | Rate] = [*catalogue.metrics, *catalogue.rates] if catalogue else []
        return cls(
            areas={a.code: a.name for a in areas},
            units={u.code: u.name for u in units},
            indicators={i.id: i.name for i in indicators},
            objectives={o.id: o.text for o in plan.objectives.specific} if plan else {},
            solutions={s.id: f"{s.number}. {s.text}" for s in plan.solutions} if plan else {},
            duties={d.id: d.heading for d in plan.duties} if plan else {},
            criteria=dict(sorted(criteria.items(), key=lambda kv: _numbered(kv[0]))),
            criteria_sets={c.id: c.name for c in par_criteria},
            metrics={m.id: m.name for m in metrics},
        )

    @classmethod
    def of_dataset(cls, dataset: Dataset) -> Vocabulary:
        return cls.of(
            dataset.plan,
            dataset.areas,
            dataset.units,
            [i.item for i in dataset.indicators],
            par_criteria=[c.item for c in dataset.par.criteria],
            catalogue=dataset.metrics,
        )


def _numbered(code: str) -> tuple[tuple[int, int | str], ...]:
    """Sort key of a criterion number: "1.10" after "1.9"."""
    return tuple((0, int(p)) if p.isdigit() else (1, p) for p in code.split("."))


# (kind, $defs model, property, vocabulary field). A list property gets the enum on its items.
_REFERENCES: tuple[tuple[str, str, str, str], ...] = (
    ("tasks", "Task", "area", "areas"),
    ("tasks", "Task", "lead", "units"),
    ("tasks", "Task", "support", "units"),
    ("tasks", "Task", "objectives", "objectives"),
    ("tasks", "Task", "solutions", "solutions"),
    ("tasks", "Task", "indicators", "indicators"),
    ("tasks", "Task", "duties", "duties"),
    ("plan", "Duty", "units", "units"),
    ("plan", "SpecificObjective", "indicators", "indicators"),
    ("tasks", "Task", "criteria", "criteria"),
    ("par-assessment", "ParScore", "id", "criteria"),
    ("par-assessment", "ParAssessmentFile", "criteria", "criteria_sets"),
    ("metrics", "MetricGroup", "area", "areas"),
)
_LABEL_WIDTH = 120


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _LABEL_WIDTH else text[: _LABEL_WIDTH - 1] + "…"


def _add_enums(document: dict[str, Any], kind: str, vocabulary: Vocabulary) -> None:
    for ref_kind, model, prop, vocab_field in _REFERENCES:
        codes: Mapping[str, str] = getattr(vocabulary, vocab_field)
        if ref_kind != kind or not codes:
            continue  # an empty enum would refuse every value
        holder = document.get("$defs", {}).get(model, document)  # not in $defs: the root
        target = holder["properties"][prop]
        if target.get("type") == "array":
            target = target["items"]
        values: list[Any] = list(codes)
        labels = [_short(label) for label in codes.values()]
        if vocab_field == "criteria":  # a whole number may be written bare: id: 1
            whole = [(int(c), _short(label)) for c, label in codes.items() if c.isdigit()]
            values += [number for number, _ in whole]
            labels += [label for _, label in whole]
        target["enum"] = values
        # Not JSON Schema vocabulary: VS Code and yaml-language-server show these beside each
        # completion; validators ignore unknown keywords.
        target["enumDescriptions"] = labels
        target["examples"] = list(codes)[:1]
    if kind == "statistics" and vocabulary.metrics:
        _add_metric_keys(document, vocabulary)


def _add_metric_keys(document: dict[str, Any], vocabulary: Vocabulary) -> None:
    """The keys of a period's ``values:`` are metric ids: each is offered with its name, and
    any other key is underlined."""
    values = document["$defs"]["StatPeriod"]["properties"]["values"]
    document["$defs"]["Figure"] = values.pop("additionalProperties")
    figure = {"$ref": "#/$defs/Figure"}
    values["properties"] = {
        code: {**figure, "description": _short(name)} for code, name in vocabulary.metrics.items()
    }
    values["propertyNames"] = {"enum": list(vocabulary.metrics)}
    values["additionalProperties"] = figure


def schema_of(kind: str, vocabulary: Vocabulary | None = None) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of one kind of file, with enums from `vocabulary`."""
    model, title = KINDS[kind]
    document = model.model_json_schema()
    document["title"] = title
    if vocabulary is not None:
        _add_enums(document, kind, vocabulary)
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **document}


def render(kind: str, vocabulary: Vocabulary | None = None) -> bytes:
    document = schema_of(kind, vocabulary)
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def rendered(vocabulary: Vocabulary | None = None) -> dict[str, bytes]:
    """Every schema file: ``{"tasks.schema.json": b"...", ...}``."""
    return {f"{kind}.schema.json": render(kind, vocabulary) for kind in KINDS}


def write_schemas(
    folder: Path,
    *,
    force: bool = False,
    parents: bool = True,
    vocabulary: Vocabulary | None = None,
) -> Iterator[tuple[Path, str]]:
    """Write ``<kind>.schema.json`` files; yield each path with what happened to it. A
    missing `folder` is made only with `parents` (`write_atomic`)."""
    for name, content in rendered(vocabulary).items():
        path = folder / name
        if path.is_file() and path.read_bytes() == content:
            yield path, "không đổi"
            continue
        existed = path.exists()
        write_atomic(path, content, force=force, parents=parents)
        yield path, "đã cập nhật" if existed else "đã tạo"
