"""`cchc init`: the new repository passes `cchc validate` at once and holds every promised file."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from typer.testing import CliRunner

from cchc_cli import __version__
from cchc_cli.checks import check
from cchc_cli.cli.app import app
from cchc_cli.dataset import Dataset
from cchc_cli.engine.par import leaves
from cchc_cli.errors import UsageError
from cchc_cli.init.scaffold import InitOptions, build_files
from cchc_cli.output import json_schema as schemas
from cchc_cli.read.loader import load_checked
from cchc_cli.report.templates import builtin_dir
from tests.test_shipped_data import _DatesAsText, _kind

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
    "data/metrics.yaml",
    "data/par/assessments/2021.yaml",
    "data/par/criteria/bo-tieu-chi-mau.yaml",
    "data/plan.yaml",
    "data/reports.yaml",
    "data/statistics/2021.yaml",
    "data/tasks/van-phong.yaml",
    "data/units.yaml",
    *(f"schemas/{kind}.schema.json" for kind in schemas.KINDS),
}
SCHEMA_LINE = re.compile(r"# yaml-language-server: \$schema=(\S+)")
KIND_OF = {
    "plan.yaml": "plan",
    "areas.yaml": "areas",
    "units.yaml": "units",
    "reports.yaml": "reports",
    "metrics.yaml": "metrics",
}


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
    templates = {f"templates/{e.name}" for e in builtin_dir().iterdir() if e.is_file()}
    assert {f for f in _files(repo) if f.startswith("templates/")} == templates


def test_passes_validate_at_once(repo: Path, runner: CliRunner) -> None:
    result = runner.invoke(app, ["--data", str(repo), "validate", "--strict"])
    assert (result.exit_code, result.stdout) == (0, "")
    assert "Dữ liệu hợp lệ (11 tệp, 1 nhiệm vụ)." in result.stderr


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
    monkeypatch.setattr("cchc_cli.cli.init._interactive", lambda: True)
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
        kind = _kind(path)
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
            if _kind(p) == kind
        }
        assert matched == expected, kind


def test_ci_templates_run_validate_with_annotations(repo: Path) -> None:
    github = yaml.safe_load((repo / ".github/workflows/cchc.yml").read_text(encoding="utf-8"))
    steps = github["jobs"]["validate"]["steps"]
    runs = [s["run"] for s in steps if "run" in s]
    assert runs[-1] == "cchc --no-cache validate --format github"

    gitlab = yaml.safe_load((repo / ".gitlab-ci.yml").read_text(encoding="utf-8"))
    job = gitlab["cchc-validate"]
    report = job["artifacts"]["reports"]["codequality"]
    assert f"cchc --no-cache validate --format gitlab > {report} || true" in job["script"]
    assert job["script"][-1] == "cchc --no-cache validate"  # sets the job's result
    assert job["artifacts"]["when"] == "always"


def test_ci_without_cchc_repo_says_it_is_not_configured(repo: Path) -> None:
    """cchc is on no package index: no `pip install cchc==…` that cannot work."""
    for name in (".github/workflows/cchc.yml", ".gitlab-ci.yml"):
        text = (repo / name).read_text(encoding="utf-8")
        code = [line for line in text.splitlines() if not line.lstrip().startswith("#")]
        assert not any("cchc==" in line or "pip install" in line for line in code), name
        assert "CHƯA CẤU HÌNH" in text
        assert f'pip install "git+https://địa-chỉ-kho/cchc.git@v{__version__}"' in text
        assert "phải là một tag" in text
    github = yaml.safe_load((repo / ".github/workflows/cchc.yml").read_text(encoding="utf-8"))
    install = github["jobs"]["validate"]["steps"][2]
    assert install["name"] == "Cài cchc"
    assert install["run"].startswith("echo '::error::Chưa cấu hình cách cài cchc")
    assert install["run"].endswith("&& exit 1")
    gitlab = yaml.safe_load((repo / ".gitlab-ci.yml").read_text(encoding="utf-8"))
    assert gitlab["cchc-validate"]["script"][0].endswith("&& exit 1")
    readme = (repo / "README.md").read_text(encoding="utf-8")
    assert "**chưa được cấu hình**" in readme


def test_cchc_repo_option_uses_the_remote_hook(tmp_path: Path, runner: CliRunner) -> None:
    folder = tmp_path / "kho"
    url = "https://git.example.vn/cchc/cchc.git"
    _init(runner, folder, "--cchc-repo", url)
    config = yaml.safe_load((folder / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    assert config["repos"] == [
        {"repo": url, "rev": f"v{__version__}", "hooks": [{"id": "cchc-validate"}]}
    ]
    github = yaml.safe_load((folder / ".github/workflows/cchc.yml").read_text(encoding="utf-8"))
    runs = [s["run"] for s in github["jobs"]["validate"]["steps"] if "run" in s]
    assert runs[0] == f'python -m pip install "git+{url}@v{__version__}"'
    gitlab = yaml.safe_load((folder / ".gitlab-ci.yml").read_text(encoding="utf-8"))
    script = gitlab["cchc-validate"]["script"]
    assert f'python -m pip install "git+{url}@v{__version__}"' in script
    assert any("apt-get install" in line and "git" in line for line in script)  # slim: no git
    for name in (".pre-commit-config.yaml", ".github/workflows/cchc.yml", ".gitlab-ci.yml"):
        assert "phải là một tag" in (folder / name).read_text(encoding="utf-8"), name
    readme = (folder / "README.md").read_text(encoding="utf-8")
    assert f"git tag v{__version__}" in readme
    assert runner.invoke(app, ["--data", str(folder), "validate", "--strict"]).exit_code == 0


def test_cchc_rev() -> None:
    url = "https://git.example.vn/cchc.git"
    files = build_files(InitOptions(cchc_repo=url, cchc_rev="a1b2c3d"))
    config = yaml.safe_load(files[".pre-commit-config.yaml"])
    assert config["repos"][0]["rev"] == "a1b2c3d"
    workflow = files[".github/workflows/cchc.yml"].decode("utf-8")
    assert f'pip install "git+{url}@a1b2c3d"' in workflow
    assert f"v{__version__}" not in workflow


@pytest.mark.parametrize(
    ("repo", "rev", "message"),
    [
        (None, "v1", "Phiên bản cchc chỉ dùng cùng địa chỉ kho mã nguồn cchc"),
        ("https://x/c.git", "v 1", "không được có dấu cách"),
        ("https://x/c.git", " ", "không được trống"),
    ],
)
def test_bad_cchc_rev(repo: str | None, rev: str, message: str) -> None:
    with pytest.raises(UsageError, match=message) as caught:
        build_files(InitOptions(cchc_repo=repo, cchc_rev=rev))
    assert caught.value.field == "cchc_rev"


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\x85", "\x1b", "\x9b"])
@pytest.mark.parametrize("option", ["--agency", "--province", "--signer-name"])
def test_line_separators_in_a_one_line_answer_are_refused_with_a_message(
    tmp_path: Path, runner: CliRunner, separator: str, option: str
) -> None:
    """A line or paragraph separator breaks a line as a newline does (it used to end in an
    AssertionError from the scaffold)."""
    folder = tmp_path / "kho"
    result = runner.invoke(app, ["init", str(folder), option, f"Sở{separator}Y tế"])
    assert result.exit_code == 2
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert f"(U+{ord(separator):04X}, vị trí 3) (tuỳ chọn {option})." in result.stderr
    assert not folder.exists()


def test_readme_says_git_add_before_pre_commit_run(repo: Path, runner: CliRunner) -> None:
    readme = (repo / "README.md").read_text(encoding="utf-8")
    assert readme.index("git add -A") < readme.index("pre-commit run --all-files")
    config = (repo / ".pre-commit-config.yaml").read_text(encoding="utf-8")
    assert config.index("git add -A") < config.index("pre-commit run --all-files")
    output = runner.invoke(app, ["init", str(repo), "--force"]).stdout
    assert output.index("git add -A") < output.index("pre-commit run --all-files")


def test_codeowners_gives_each_unit_its_task_file(repo: Path) -> None:
    text = (repo / "CODEOWNERS").read_text(encoding="utf-8")
    for unit in _dataset(repo).units:
        assert re.search(rf"^# /data/tasks/{unit.code}\.yaml +@\S+/{unit.code}$", text, re.M)


def test_gitignore_keeps_report_drafts_out(repo: Path) -> None:
    assert "/reports/" in (repo / ".gitignore").read_text(encoding="utf-8").splitlines()


def test_git_ignores_a_write_lock_left_in_the_data(repo: Path) -> None:
    import shutil
    import subprocess

    git = shutil.which("git")
    if git is None:
        pytest.skip("git is not installed")
    subprocess.run([git, "init", "-q", str(repo)], check=True)
    (repo / "data" / "tasks" / ".van-phong.yaml.cchc-lock").touch()
    ignored = subprocess.run(
        [git, "-C", str(repo), "check-ignore", "-q", "data/tasks/.van-phong.yaml.cchc-lock"],
        check=False,
    )
    assert ignored.returncode == 0


def test_gitignore_keeps_the_parse_cache_out(repo: Path) -> None:
    assert ".cchc-cache/" in (repo / ".gitignore").read_text(encoding="utf-8").splitlines()


def test_ci_never_reads_a_parse_cache_found_in_the_repository(repo: Path) -> None:
    """A `.cchc-cache/` forced into a commit could hide problems from the CI check."""
    for ci in (".github/workflows/cchc.yml", ".gitlab-ci.yml"):
        runs = re.findall(r"cchc( --no-cache)? validate", (repo / ci).read_text(encoding="utf-8"))
        assert runs and all(runs), ci


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


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def test_force_with_a_file_in_the_way_writes_nothing(repo: Path, runner: CliRunner) -> None:
    (repo / "data/tasks/van-phong.yaml").write_text("hỏng", encoding="utf-8")
    for folder in (repo / "schemas", repo / ".vscode"):
        for file in folder.iterdir():
            file.unlink()
        folder.rmdir()
    (repo / "schemas").write_text("một tệp, không phải thư mục", encoding="utf-8")
    (repo / ".vscode").mkdir()
    (repo / ".vscode/settings.json").mkdir()  # a folder where a file goes
    before = _snapshot(repo)
    result = runner.invoke(app, ["init", str(repo), "--force"])
    assert result.exit_code == 1
    message = " ".join(result.stderr.split())
    assert "chắn chỗ của tệp mẫu" in message
    assert f"“{(repo / 'schemas').as_posix()}”" in message
    assert "settings.json" in message
    assert "Chưa ghi tệp nào." in message
    assert "đã tạo" not in result.stdout
    assert _snapshot(repo) == before


def test_a_failed_write_is_undone(
    repo: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno

    from cchc_cli.errors import CchcError
    from cchc_cli.output.write import write_atomic as real

    (repo / "data/plan.yaml").write_text("cũ", encoding="utf-8")
    (repo / "data/units.yaml").unlink()
    for file in (repo / ".vscode").iterdir():
        file.unlink()
    (repo / ".vscode").rmdir()
    before = _snapshot(repo)
    calls: list[Path] = []

    def flaky(path: Path, content: bytes, *, force: bool = False) -> None:
        calls.append(path)
        if path.name == "units.yaml":
            try:
                raise OSError(errno.ENOSPC, "No space left on device")
            except OSError as exc:
                raise CchcError("Không ghi được tệp: No space left on device.") from exc
        real(path, content, force=force)

    monkeypatch.setattr("cchc_cli.init.write.write_atomic", flaky)
    result = runner.invoke(app, ["init", str(repo), "--force"])
    assert result.exit_code == 1
    message = " ".join(result.stderr.split())
    assert "units.yaml" in message
    assert "ổ đĩa hết chỗ" in message
    assert "No space" not in message
    assert "Đã gỡ các tệp vừa ghi" in message
    assert len(calls) > 5  # .vscode/ and data/plan.yaml were written, then undone
    assert _snapshot(repo) == before
    assert not (repo / ".vscode").exists()


def test_a_failed_write_into_a_new_folder_leaves_nothing(
    tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cchc_cli.errors import CchcError

    def failing(path: Path, content: bytes, *, force: bool = False) -> None:
        if path.name == "plan.yaml":
            raise CchcError("Không ghi được tệp.")
        path.write_bytes(content)

    monkeypatch.setattr("cchc_cli.init.write.write_atomic", failing)
    result = runner.invoke(app, ["init", str(tmp_path / "moi" / "kho")])
    assert result.exit_code == 1
    assert list(tmp_path.iterdir()) == []


def test_a_file_another_run_made_meanwhile_is_never_overwritten(
    tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two `cchc init` into one new folder at once: the folder was empty when checked, but
    the other run wrote units.yaml since. Without --force nothing it wrote is replaced, and
    this run takes back its own files."""
    from cchc_cli.output.write import write_atomic as real

    theirs = "# của lần chạy kia\n".encode()

    def racing(path: Path, content: bytes, *, force: bool = False) -> None:
        if path.name == "units.yaml":
            path.write_bytes(theirs)
        real(path, content, force=force)

    monkeypatch.setattr("cchc_cli.init.write.write_atomic", racing)
    repo = tmp_path / "kho"
    result = runner.invoke(app, ["init", str(repo)])
    assert result.exit_code == 1
    assert "Đã gỡ các tệp vừa ghi" in " ".join(result.stderr.split())
    assert [p for p in repo.rglob("*") if p.is_file()] == [repo / "data" / "units.yaml"]
    assert (repo / "data" / "units.yaml").read_bytes() == theirs


@pytest.mark.parametrize("force", [False, True])
def test_an_interrupted_init_is_undone(
    repo: Path, tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch, force: bool
) -> None:
    """Ctrl-C (or a termination signal, which the writer turns into an exception) in the
    middle: the folder is as it was, edited files included."""
    from cchc_cli.output.write import write_atomic as real

    target = repo if force else tmp_path / "moi"
    if force:
        (repo / "README.md").write_text("# sửa tay\n", encoding="utf-8")
    before = _snapshot(target) if force else None

    def interrupted(path: Path, content: bytes, *, force: bool = False) -> None:
        if path.name == "units.yaml":
            raise KeyboardInterrupt
        real(path, content, force=force)

    monkeypatch.setattr("cchc_cli.init.write.write_atomic", interrupted)
    result = runner.invoke(app, ["init", str(target), *(["--force"] if force else [])])
    assert result.exit_code == 130  # interrupted (128 + SIGINT)
    if force:
        assert _snapshot(target) == before
    else:
        assert not target.exists()


def test_refuses_a_path_inside_a_file(tmp_path: Path, runner: CliRunner) -> None:
    (tmp_path / "tep").write_text("x", encoding="utf-8")
    result = runner.invoke(app, ["init", str(tmp_path / "tep" / "kho")])
    assert result.exit_code == 1
    message = " ".join(result.stderr.split())
    assert f"“{(tmp_path / 'tep').as_posix()}” là một tệp, không phải thư mục" in message
    assert "Not a directory" not in message
    assert "Traceback" not in result.output


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


def test_cchc_rev_option_reaches_pre_commit_and_ci(tmp_path: Path, runner: CliRunner) -> None:
    target = tmp_path / "kho"
    result = runner.invoke(
        app,
        ["init", str(target), "--cchc-repo", "https://example.org/cchc.git", "--cchc-rev", "v9"],
    )
    assert result.exit_code == 0, result.output
    config = (target / ".pre-commit-config.yaml").read_text(encoding="utf-8")
    assert "rev: v9" in config
    workflow = (target / ".github" / "workflows" / "cchc.yml").read_text(encoding="utf-8")
    assert "git+https://example.org/cchc.git@v9" in workflow


def test_the_assessment_lists_every_sub_criterion_of_the_sample_set(
    tmp_path: Path, runner: CliRunner
) -> None:
    folder = tmp_path / "kho"
    _init(runner, folder, "--start", "2023", "--end", "2027")
    dataset = _dataset(folder)
    (criteria,) = dataset.par.criteria
    (sheet,) = dataset.par.assessments
    assert sheet.path == "data/par/assessments/2023.yaml"
    assert (sheet.item.year, sheet.item.criteria) == (2023, criteria.item.id)
    assert criteria.item.years == "2023-2027"
    assert [s.id for s in sheet.item.scores] == [leaf.id for leaf in leaves(criteria.item)]
    assert all(s.self_score is None for s in sheet.item.scores)
    result = runner.invoke(app, ["--data", str(folder), "par"])
    assert result.exit_code == 0, result.output
    assert "PAR INDEX năm 2023" in result.stdout
    assert "Còn 61 mục chưa có điểm." in result.stdout


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("", "không được trống hay xuống dòng"),
        ("A\nB", "không được trống hay xuống dòng"),
        ("A\tB", "không được chứa ký tự tab"),
        ("A\u2028B", "ký tự điều khiển"),
    ],
)
def test_a_one_line_answer_is_refused_for_its_own_reason(value: str, reason: str) -> None:
    from cchc_cli.init.scaffold import text_problem

    found = text_problem(value)
    assert found is not None and reason in found
    assert text_problem("Sở Công Thương") is None
