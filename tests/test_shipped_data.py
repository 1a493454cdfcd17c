"""The data shipped in `data/`: valid, faithful to the seed, and in step with the schemas."""

from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from typer.testing import CliRunner

from cchc_cli.checks import check
from cchc_cli.cli.app import app
from cchc_cli.models.statistics import MetricsFile
from cchc_cli.output import json_schema as schemas
from cchc_cli.read.loader import load, load_checked

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
SEED = ROOT.parent / "shared" / "seed" / "ke-hoach-cchc-2021-2030.txt"
KIND_OF = {
    "plan.yaml": "plan",
    "areas.yaml": "areas",
    "units.yaml": "units",
    "reports.yaml": "reports",
    "metrics.yaml": "metrics",
}


class _DatesAsText(yaml.SafeLoader):
    """What an editor's YAML language server sees: dates stay text."""


_DatesAsText.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


PAR_KINDS = {"criteria": "par-criteria", "assessments": "par-assessment", "results": "par-results"}


def _kind(path: Path) -> str:
    """The kind of a data file (its schema's name): by name, else by folder."""
    if path.parent.parent.name == "par":
        return PAR_KINDS[path.parent.name]
    return KIND_OF.get(path.name) or path.parent.name


def _data_files() -> list[Path]:
    return sorted(p for p in DATA.rglob("*.yaml"))


def test_validate_is_clean_on_shipped_data(runner: CliRunner) -> None:
    result = runner.invoke(app, ["--data", str(ROOT), "validate", "--strict"])
    assert result.stdout == ""
    assert result.exit_code == 0


def test_committed_schemas_are_current() -> None:
    """The committed schemas are what `cchc schema` writes here: with the data's codes."""
    vocabulary = schemas.Vocabulary.of_dataset(load(ROOT / "data"))
    assert "tthc" in vocabulary.areas
    for kind in schemas.KINDS:
        committed = (ROOT / "schemas" / f"{kind}.schema.json").read_bytes()
        expected = schemas.render(kind, vocabulary)
        assert committed == expected, f"run `cchc schema --force` ({kind})"


@pytest.mark.parametrize("path", _data_files(), ids=lambda p: p.relative_to(DATA).as_posix())
def test_every_data_file_points_at_its_schema_and_passes_it(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    first = text.splitlines()[0]
    match = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", first)
    assert match, f"{path.name} must start with the yaml-language-server schema line"
    schema_path = (path.parent / match.group(1)).resolve()
    assert schema_path == ROOT / "schemas" / f"{_kind(path)}.schema.json"
    document: Any = json.loads(schema_path.read_text(encoding="utf-8"))
    data = yaml.load(text, Loader=_DatesAsText)
    jsonschema.validate(data, document)


def test_every_task_is_loaded() -> None:
    dataset = load_checked(DATA, check)
    assert len(dataset.tasks) >= 30
    assert {t.item.area for t in dataset.tasks} == {a.code for a in dataset.areas}


@pytest.mark.skipif(not SEED.is_file(), reason=f"seed not found at {SEED}")
def test_plan_is_faithful_to_the_seed() -> None:
    """Every sentence of the plan's text appears in the seed (line breaks and ƣ aside)."""
    seed = " ".join(SEED.read_text(encoding="utf-8").replace("\u01a3", "ư").split())
    dataset = load_checked(DATA, check)
    plan = dataset.plan
    assert plan is not None
    texts = [
        plan.funding,
        *plan.objectives.general,
        *(o.text for o in plan.objectives.specific),
        *(s.text for s in plan.solutions),
        *(item for d in plan.duties for item in d.items),
        plan.signer.name,
        *plan.recipients,
    ]
    for text in texts:
        assert " ".join(text.split()) in seed, text
    assert [s.number for s in plan.solutions] == [1, 2, 3, 4, 5, 6]
    assert "\u01a3" not in (DATA / "plan.yaml").read_text(encoding="utf-8")


def test_illustrative_statistics_are_the_scripts_output() -> None:
    """data/statistics/ is what scripts/make_illustrative_statistics.py writes (edit the
    script, not the files), and every file says that its figures are illustrative."""
    spec = importlib.util.spec_from_file_location(
        "make_illustrative_statistics", ROOT / "scripts" / "make_illustrative_statistics.py"
    )
    assert spec is not None and spec.loader is not None
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    built: dict[str, str] = script.build()
    folder = DATA / "statistics"
    assert sorted(built) == sorted(p.name for p in folder.glob("*.yaml"))
    for name, text in built.items():
        assert (folder / name).read_text(encoding="utf-8") == text, name
        assert "SỐ LIỆU MINH HOẠ" in text.splitlines()[2]


def test_shipped_catalogue_is_the_one_cchc_init_writes_plus_a_target() -> None:
    """The department's catalogue is the default one; only the 766 index has a target."""
    shipped = load_checked(DATA, check).metrics
    scaffold = ROOT / "cchc_cli" / "init" / "scaffold_files" / "data" / "metrics.yaml"
    default = MetricsFile.model_validate(yaml.safe_load(scaffold.read_text(encoding="utf-8")))
    assert shipped is not None
    assert shipped.groups == default.groups
    assert shipped.rates == default.rates
    assert shipped.rules == default.rules
    assert [m.model_copy(update={"targets": []}) for m in shipped.metrics] == default.metrics
    assert [m.id for m in shipped.metrics if m.targets] == ["i766-tong"]
