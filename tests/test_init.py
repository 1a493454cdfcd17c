"""`cchc init`: the new repository passes `cchc validate` at once and holds every promised file."""

from __future__ import annotations

import json
import re
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from typer.testing import CliRunner

from cchc_cli import __version__, schemas
from cchc_cli.checks import check
from cchc_cli.cli import app
from cchc_cli.loader import Dataset, load_checked
from cchc_cli.scaffold import InitOptions, build_files
from tests.test_shipped_data import _DatesAsText

EXPECTED_FILES = {
    ".github/workflows/cchc.yml",
    ".gitignore",
    ".gitlab-ci.yml",
    ".pre-commit-config.yaml",
    ".vscode/extensions.json",
    ".vscode/settings.json",
    "CODEOWNERS",
    "README.md",
    "data/areas.yaml",
    "data/indicators/par-index.yaml",
    "data/indicators/sipas.yaml",
    "data/plan.yaml",
    "data/tasks/van-phong.yaml",
    "data/units.yaml",
    *(f"schemas/{kind}.schema.json" for kind in schemas.KINDS),
}
SCHEMA_LINE = re.compile(r"# yaml-language-server: \$schema=(\S+)")
KIND_OF = {"plan.yaml": "plan", "areas.yaml": "areas", "units.yaml": "units"}


def _init(runner: CliRunner, folder: Path, *args: str) -> str:
    result = runner.invoke(app, ["init", str(folder), *args])
    assert result.exit_code == 0, result.output
    return result.stdout


def _files(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}


def _dataset(folder: Path) -> Dataset:
    return load_checked(folder / "data", check)


@pytest.fixture
def repo(tmp_path: Path, runner: CliRunner) -> Path:
    folder = tmp_path / "kho-moi"
    _init(runner, folder)
    return folder


def test_writes_every_promised_file(repo: Path) -> None:
    assert _files(repo) >= EXPECTED_FILES
    templates = {
        f"templates/{e.name}"
        for e in resources.files("cchc_cli").joinpath("templates").iterdir()
        if e.is_file()
    }
    assert {f for f in _files(repo) if f.startswith("templates/")} == templates


def test_passes_validate_at_once(repo: Path, runner: CliRunner) -> None:
    result = runner.invoke(app, ["--data", str(repo), "validate", "--strict"])
    assert (result.exit_code, result.stdout) == (0, "")
    assert "Dữ liệu hợp lệ (6 tệp, 1 nhiệm vụ)." in result.stderr


def test_status_and_report_run_on_it(repo: Path, runner: CliRunner) -> None:
    status = runner.invoke(app, ["--data", str(repo), "status", "--as-of", "30/06/2024"])
    assert status.exit_code == 0, status.output
    report = runner.invoke(app, ["--data", str(repo), "report", "--year", "2024", "-o", "-"])
    assert report.exit_code == 0, report.output
    assert "Sở Công Thương" in report.stdout


def test_defaults_without_a_terminal(repo: Path) -> None:
    plan = _dataset(repo).plan
    assert plan is not None
    defaults = InitOptions()
    assert (plan.issuing_body, plan.agency_code, plan.province) == (
        defaults.agency,
        defaults.agency_code,
        defaults.province,
    )
    assert (plan.period.start, plan.period.end) == (defaults.start, defaults.end)
    assert plan.governing_body == "UBND tỉnh Đồng Tháp"
    assert plan.signer.position == "GIÁM ĐỐC"


def test_options_reach_the_data(tmp_path: Path, runner: CliRunner) -> None:
    folder = tmp_path / "kho"
    _init(
        runner,
        folder,
        "--agency", "Sở Tư pháp",
        "--agency-code", "STP",
        "--province", "Cần Thơ",
        "--governing-body", "UBND thành phố Cần Thơ",
        "--start", "2026",
        "--end", "2030",
        "--signer-name", "Trần Thị \"Bé\" Ba",
        "--signer-position", "KT. GIÁM ĐỐC",
        "--par-index-top", "5",
        "--sipas-above", "92.5",
    )  # fmt: skip
    dataset = _dataset(folder)
    assert dataset.problems == []
    plan = dataset.plan
    assert plan is not None
    assert plan.title == "Kế hoạch Cải cách hành chính Sở Tư pháp giai đoạn 2026 - 2030"
    assert (plan.issuing_body, plan.agency_code, plan.province, plan.place) == (
        "Sở Tư pháp", "STP", "Cần Thơ", "Cần Thơ"
    )  # fmt: skip
    assert plan.governing_body == "UBND thành phố Cần Thơ"
    assert (plan.signer.name, plan.signer.position) == ('Trần Thị "Bé" Ba', "KT. GIÁM ĐỐC")
    targets = {i.item.id: i.item.targets for i in dataset.indicators}
    assert [(t.years, t.op, t.value) for t in targets["par-index-rank"]] == [("2026-2030", "<=", 5)]
    assert [(t.years, t.op, t.value) for t in targets["sipas"]] == [("2026-2030", ">", 92.5)]
    assert "tốp 5" in plan.objectives.specific[0].text
    assert "trên 92.5 %" in plan.objectives.specific[1].text
    task = dataset.tasks[0].item
    assert (task.start.year, task.due.year) == (2026, 2030)


def test_targets_are_empty_by_default(repo: Path) -> None:
    assert all(i.item.targets == [] for i in _dataset(repo).indicators)
    assert {i.item.id for i in _dataset(repo).indicators} == {
        "par-index-rank",
        "par-index-score",
        "sipas",
    }


def test_asks_in_a_terminal(
    tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("cchc_cli.cli_init._interactive", lambda: True)
    answers = "Sở Y tế\nSYT\n\n2025\nLê Văn C\n\n"  # province, position: defaults
    folder = tmp_path / "kho"
    result = runner.invoke(app, ["init", str(folder), "--start", "2022"], input=answers)
    assert result.exit_code == 0, result.output
    assert "Cơ quan ban hành kế hoạch" in result.stdout
    assert "Năm bắt đầu" not in result.stdout  # given as an option
    plan = _dataset(folder).plan
    assert plan is not None
    assert (plan.issuing_body, plan.agency_code, plan.signer.name) == ("Sở Y tế", "SYT", "Lê Văn C")
    assert (plan.period.start, plan.period.end, plan.signer.position) == (2022, 2025, "GIÁM ĐỐC")


def test_every_data_file_points_at_its_schema_and_passes_it(repo: Path) -> None:
    for path in sorted((repo / "data").rglob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        match = SCHEMA_LINE.fullmatch(text.splitlines()[0])
        assert match, path
        schema_path = (path.parent / match.group(1)).resolve()
        kind = KIND_OF.get(path.name) or path.parent.name
        assert schema_path == (repo / "schemas" / f"{kind}.schema.json").resolve()
        document: Any = json.loads(schema_path.read_text(encoding="utf-8"))
        jsonschema.validate(yaml.load(text, Loader=_DatesAsText), document)


def test_schemas_are_those_of_cchc_schema_with_the_new_codes(repo: Path, runner: CliRunner) -> None:
    again = runner.invoke(app, ["--data", str(repo), "schema"])
    assert again.exit_code == 0, again.output
    assert again.stdout.count("không đổi") == len(schemas.KINDS)
    tasks = json.loads((repo / "schemas/tasks.schema.json").read_text(encoding="utf-8"))
    task = tasks["$defs"]["Task"]["properties"]
    assert len(task["area"]["enum"]) == 7
    assert task["lead"]["enum"] == ["van-phong", "thanh-tra"]
    assert task["support"]["items"]["enum"] == ["van-phong", "thanh-tra"]
    assert task["indicators"]["items"]["enum"] == ["par-index-rank", "par-index-score", "sipas"]
    assert task["duties"]["items"]["enum"][0] == "to-chuc-cac-phong"


def test_areas_are_the_seven_of_the_domain(repo: Path) -> None:
    areas = {a.code: a.name for a in _dataset(repo).areas}
    assert list(areas) == [
        "chi-dao", "the-che", "tthc", "bo-may", "cong-vu", "tai-chinh-cong", "chinh-quyen-so"
    ]  # fmt: skip
    assert areas["chinh-quyen-so"] == "Xây dựng và phát triển Chính quyền điện tử, Chính quyền số"


def test_vscode_maps_every_schema_to_the_files_it_describes(repo: Path) -> None:
    settings = json.loads((repo / ".vscode/settings.json").read_text(encoding="utf-8"))
    mapping: dict[str, str | list[str]] = settings["yaml.schemas"]
    assert sorted(mapping) == sorted(f"./schemas/{kind}.schema.json" for kind in schemas.KINDS)
    for schema, globs in mapping.items():
        kind = schema.removeprefix("./schemas/").removesuffix(".schema.json")
        patterns = [globs] if isinstance(globs, str) else globs
        matched = {p.relative_to(repo).as_posix() for g in patterns for p in repo.glob(g)}
        expected = {
            p.relative_to(repo).as_posix()
            for p in (repo / "data").rglob("*.yaml")
            if (KIND_OF.get(p.name) or p.parent.name) == kind
        }
        assert matched == expected, kind


def test_ci_templates_run_validate_with_annotations(repo: Path) -> None:
    github = yaml.safe_load((repo / ".github/workflows/cchc.yml").read_text(encoding="utf-8"))
    steps = github["jobs"]["validate"]["steps"]
    runs = [s["run"] for s in steps if "run" in s]
    assert runs[-1] == "cchc validate --format github"
    assert runs[0] == f'python -m pip install "cchc=={__version__}"'

    gitlab = yaml.safe_load((repo / ".gitlab-ci.yml").read_text(encoding="utf-8"))
    job = gitlab["cchc-validate"]
    report = job["artifacts"]["reports"]["codequality"]
    assert f"cchc validate --format gitlab > {report} || true" in job["script"]
    assert job["script"][-1] == "cchc validate"  # sets the job's result
    assert job["artifacts"]["when"] == "always"


def test_cchc_repo_option_uses_the_remote_hook(tmp_path: Path, runner: CliRunner) -> None:
    folder = tmp_path / "kho"
    url = "https://git.example.vn/cchc/cchc.git"
    _init(runner, folder, "--cchc-repo", url)
    config = yaml.safe_load((folder / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    assert config["repos"] == [
        {"repo": url, "rev": f"v{__version__}", "hooks": [{"id": "cchc-validate"}]}
    ]
    workflow = (folder / ".github/workflows/cchc.yml").read_text(encoding="utf-8")
    assert f'pip install "git+{url}@v{__version__}"' in workflow


def test_codeowners_gives_each_unit_its_task_file(repo: Path) -> None:
    text = (repo / "CODEOWNERS").read_text(encoding="utf-8")
    for unit in _dataset(repo).units:
        assert re.search(rf"^# /data/tasks/{unit.code}\.yaml +@\S+/{unit.code}$", text, re.M)


def test_gitignore_keeps_report_drafts_out(repo: Path) -> None:
    assert "/reports/" in (repo / ".gitignore").read_text(encoding="utf-8").splitlines()


def test_refuses_a_non_empty_folder(tmp_path: Path, runner: CliRunner) -> None:
    folder = tmp_path / "kho"
    folder.mkdir()
    (folder / "ghi-chu.txt").write_text("giữ", encoding="utf-8")
    result = runner.invoke(app, ["init", str(folder)])
    assert result.exit_code == 1
    assert "không trống (có ghi-chu.txt)" in result.stderr
    assert "--force" in result.stderr
    assert _files(folder) == {"ghi-chu.txt"}


def test_force_writes_into_a_non_empty_folder(repo: Path, runner: CliRunner) -> None:
    (repo / "data/plan.yaml").write_text("hỏng", encoding="utf-8")
    (repo / "ghi-chu.txt").write_text("giữ", encoding="utf-8")
    result = runner.invoke(app, ["init", str(repo), "--force"])
    assert result.exit_code == 0, result.output
    assert "đã ghi đè: " in result.stdout
    assert (repo / "ghi-chu.txt").read_text(encoding="utf-8") == "giữ"
    assert runner.invoke(app, ["--data", str(repo), "validate"]).exit_code == 0


def test_a_folder_with_only_git_counts_as_empty(tmp_path: Path, runner: CliRunner) -> None:
    (tmp_path / "kho" / ".git").mkdir(parents=True)
    _init(runner, tmp_path / "kho")


def test_refuses_a_file(tmp_path: Path, runner: CliRunner) -> None:
    target = tmp_path / "tep.txt"
    target.write_text("x", encoding="utf-8")
    result = runner.invoke(app, ["init", str(target)])
    assert result.exit_code == 1
    assert "là một tệp" in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--start", "2030", "--end", "2021"], "Năm bắt đầu (2030) sau năm kết thúc (2021)"),
        (["--agency", "  "], "--agency"),
        (["--province", "Đồng\nTháp"], "--province"),
        (["--sipas-above", "101"], "--sipas-above"),
        (["--par-index-top", "0"], "--par-index-top"),
        (["--start", "1800"], "--start"),
        (["--start", "hai nghìn"], "--start"),
    ],
)
def test_bad_options_are_usage_errors(
    tmp_path: Path, runner: CliRunner, args: list[str], message: str
) -> None:
    result = runner.invoke(app, ["init", str(tmp_path / "kho"), *args])
    assert result.exit_code == 2
    assert message in result.stderr
    assert not (tmp_path / "kho").exists()


def test_build_files_is_pure_and_text_is_utf8_with_lf() -> None:
    files = build_files(InitOptions())
    assert files == build_files(InitOptions())
    for name, content in files.items():
        if name.startswith("templates/") and name.endswith(".docx"):
            continue
        text = content.decode("utf-8")
        assert "\r" not in text, name
        assert text.endswith("\n"), name
