"""`cchc validate`, `cchc schema` and the global options, run through the real Typer app."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cchc_cli import __version__
from cchc_cli.cli.app import app
from cchc_cli.output.json_schema import KINDS
from tests.conftest import TreeFactory
from tests.helpers import TASKS

BAD_TASK = """\
tasks:
  - id: VP-09
    title: Nhiệm vụ lỗi
    area: chi-dao
    lead: phong-khong-co
    start: 01/01/2024
    due: 31/12/2024
"""


def test_version(runner: CliRunner) -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout == f"cchc {__version__}\n"


def test_help_is_vietnamese(runner: CliRunner) -> None:
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    assert "Kiểm tra toàn bộ dữ liệu" in result.stdout


def test_valid_repository_exits_zero(make_repo: TreeFactory, runner: CliRunner) -> None:
    repo = make_repo()
    result = runner.invoke(app, ["--data", str(repo), "validate"])
    assert result.exit_code == 0
    assert result.stdout == ""
    assert "Dữ liệu hợp lệ (5 tệp, 1 nhiệm vụ)." in result.stderr


def test_data_option_accepts_the_data_folder_itself(
    make_repo: TreeFactory, runner: CliRunner
) -> None:
    repo = make_repo()
    result = runner.invoke(app, ["--data", str(repo / "data"), "validate"])
    assert result.exit_code == 0


def test_env_var_names_the_repository(
    make_repo: TreeFactory, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = make_repo({"data/tasks/bad.yaml": BAD_TASK})
    monkeypatch.setenv("CCHC_DATA", str(repo))
    result = runner.invoke(app, ["validate"])
    assert result.exit_code == 1
    assert "data/tasks/bad.yaml:5:11: lỗi [unknown-ref]" in result.stdout


def test_walks_up_from_a_subfolder(
    make_repo: TreeFactory, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = make_repo()
    monkeypatch.chdir(repo / "data" / "tasks")
    assert runner.invoke(app, ["validate"]).exit_code == 0


def test_missing_data_folder_is_a_clear_error(
    tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["validate"])
    assert result.exit_code == 1
    assert "Không tìm thấy “data/plan.yaml”" in result.stderr
    assert "Traceback" not in result.output


def test_wrong_data_option_names_the_option(tmp_path: Path, runner: CliRunner) -> None:
    result = runner.invoke(app, ["--data", str(tmp_path / "nowhere"), "validate"])
    assert result.exit_code == 1
    assert "(theo --data)" in result.stderr


def test_problems_of_every_file_in_one_run(make_repo: TreeFactory, runner: CliRunner) -> None:
    repo = make_repo(
        {
            "data/tasks/a.yaml": "tasks:\n  - id: A\n    id: B\n",
            "data/tasks/b.yaml": "tasks: [\n",
            "data/tasks/c.yaml": BAD_TASK,
        }
    )
    result = runner.invoke(app, ["--data", str(repo), "validate"])
    assert result.exit_code == 1
    paths = [line.split(":")[0] for line in result.stdout.splitlines() if not line[0].isspace()]
    assert sorted(set(paths)) == ["data/tasks/a.yaml", "data/tasks/b.yaml", "data/tasks/c.yaml"]
    assert paths == sorted(paths)


def test_a_problem_in_one_file_hides_no_error_at_the_same_place_in_another(
    make_repo: TreeFactory, runner: CliRunner
) -> None:
    """An empty file's warning is at 1:1; so is the schema error of a file without
    `tasks:`. Each file's problems are its own: the error is reported and fails the run."""
    repo = make_repo({"data/tasks/a.yaml": "", "data/tasks/b.yaml": "title: Không có danh sách\n"})
    result = runner.invoke(app, ["--data", str(repo), "validate"])
    assert result.exit_code == 1
    assert "data/tasks/a.yaml:1:1: cảnh báo [empty-file]" in result.stdout
    assert "data/tasks/b.yaml:1:1: lỗi" in result.stdout


def test_a_warning_hides_no_error_at_the_same_place(
    make_repo: TreeFactory, runner: CliRunner
) -> None:
    """A letter typical of text copied from a PDF (ƣ) is a warning at the start of its key;
    that the key is unknown to the plan is an error at the same place, and fails the run."""
    repo = make_repo()
    plan = repo / "data" / "plan.yaml"
    with plan.open("a", encoding="utf-8") as out:
        out.write("ghi chú ƣ: thêm\n")
    line = plan.read_text(encoding="utf-8").count("\n")
    result = runner.invoke(app, ["--data", str(repo), "validate"])
    assert result.exit_code == 1
    assert f"data/plan.yaml:{line}:1: cảnh báo [pdf-artifact]" in result.stdout
    assert f"data/plan.yaml:{line}:1: lỗi" in result.stdout


def test_a_bad_first_key_hides_no_missing_field(make_repo: TreeFactory, runner: CliRunner) -> None:
    """Every error in one run: the fields the item lacks are reported at its start, where
    the number written as a key is too."""
    repo = make_repo({"data/tasks/x.yaml": "tasks:\n  - 2025: Nhiệm vụ thử\n    area: chi-dao\n"})
    result = runner.invoke(app, ["--data", str(repo), "validate", "-f", "json"])
    found = [(p["line"], p["col"], p["code"]) for p in json.loads(result.stdout)["problems"]]
    assert found == [(2, 5, "bad-key")] + [(2, 5, "missing-field")] * 5


def test_warnings_pass_unless_strict(make_repo: TreeFactory, runner: CliRunner) -> None:
    repo = make_repo({"data/tasks/empty.yaml": ""})
    loose = runner.invoke(app, ["--data", str(repo), "validate"])
    strict = runner.invoke(app, ["--data", str(repo), "validate", "--strict"])
    assert (loose.exit_code, strict.exit_code) == (0, 1)
    assert "cảnh báo [empty-file]" in loose.stdout


def test_json_format(make_repo: TreeFactory, runner: CliRunner) -> None:
    repo = make_repo({"data/tasks/bad.yaml": BAD_TASK})
    result = runner.invoke(app, ["--data", str(repo), "validate", "--format", "json"])
    assert result.exit_code == 1
    document = json.loads(result.stdout)
    assert document["schema_version"] == 1
    assert (document["errors"], document["warnings"]) == (1, 0)
    problem = document["problems"][0]
    assert problem["path"] == "data/tasks/bad.yaml"
    assert (problem["line"], problem["col"], problem["code"]) == (5, 11, "unknown-ref")
    assert problem["level"] == "error"


def test_github_format_escapes_and_locates(make_repo: TreeFactory, runner: CliRunner) -> None:
    repo = make_repo({"data/tasks/bad.yaml": BAD_TASK})
    result = runner.invoke(app, ["--data", str(repo), "validate", "-f", "github"])
    assert result.exit_code == 1
    line = result.stdout.strip()
    assert line.startswith(
        "::error file=data/tasks/bad.yaml,line=5,col=11,title=cchc unknown-ref::"
    )
    assert "\n" not in line


def test_unknown_format_is_a_usage_error(make_repo: TreeFactory, runner: CliRunner) -> None:
    repo = make_repo()
    result = runner.invoke(app, ["--data", str(repo), "validate", "--format", "xml"])
    assert result.exit_code == 2


def test_unknown_option_is_a_usage_error(runner: CliRunner) -> None:
    assert runner.invoke(app, ["validate", "--nope"]).exit_code == 2


def test_named_files_limit_the_report_but_not_the_checks(
    make_repo: TreeFactory, runner: CliRunner
) -> None:
    dup = BAD_TASK.replace("VP-09", "VP-01").replace("phong-khong-co", "van-phong")
    repo = make_repo({"data/tasks/zz-dup.yaml": dup, "data/tasks/bad.yaml": BAD_TASK})
    result = runner.invoke(
        app, ["--data", str(repo), "validate", str(repo / "data/tasks/zz-dup.yaml")]
    )
    assert result.exit_code == 1
    assert "data/tasks/zz-dup.yaml:2:9: lỗi [duplicate-id]" in result.stdout
    assert "bad.yaml" not in result.stdout


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["validate"], 1),
        (["validate", "-f", "json"], 1),
        (["status", "--as-of", "31/12/2024"], 1),
        (["status", "--format", "json"], 1),
        (["explain", "duplicate-key"], 0),
    ],
)
def test_read_commands_never_modify_files(
    make_repo: TreeFactory, runner: CliRunner, args: list[str], code: int
) -> None:
    repo = make_repo({"data/tasks/bad.yaml": BAD_TASK})
    before = files_outside_the_cache(repo)
    result = runner.invoke(app, ["--data", str(repo), *args])
    assert result.exit_code == code, result.output
    assert files_outside_the_cache(repo) == before
    uncached = runner.invoke(app, ["--data", str(repo), "--no-cache", *args])
    assert uncached.stdout == result.stdout
    assert files_outside_the_cache(repo) == before


def files_outside_the_cache(repo: Path) -> dict[Path, bytes]:
    """Every file of `repo` but those of the parse cache (`cchc_cli.read.cache`)."""
    return {
        p: p.read_bytes()
        for p in repo.rglob("*")
        if p.is_file() and ".cchc-cache" not in p.relative_to(repo).parts
    }


def test_report_to_stdout_writes_no_file(make_repo: TreeFactory, runner: CliRunner) -> None:
    repo = make_repo()
    before = files_outside_the_cache(repo)
    result = runner.invoke(app, ["--data", str(repo), "report", "--year", "2024", "-o", "-"])
    assert result.exit_code == 0, result.output
    assert "| UBND TỈNH ĐỒNG THÁP" in result.stdout
    assert files_outside_the_cache(repo) == before


def test_schema_writes_then_refuses_to_clobber_changed_files(
    make_repo: TreeFactory, runner: CliRunner
) -> None:
    repo = make_repo()
    first = runner.invoke(app, ["--data", str(repo), "schema"])
    assert first.exit_code == 0
    written = sorted(p.name for p in (repo / "schemas").iterdir())
    assert written == [
        "areas.schema.json",
        "indicators.schema.json",
        "metrics.schema.json",
        "par-assessment.schema.json",
        "par-criteria.schema.json",
        "par-results.schema.json",
        "plan.schema.json",
        "reports.schema.json",
        "statistics.schema.json",
        "tasks.schema.json",
        "units.schema.json",
    ]
    again = runner.invoke(app, ["--data", str(repo), "schema"])
    assert again.exit_code == 0
    assert "không đổi" in again.stdout
    (repo / "schemas" / "tasks.schema.json").write_text("{}", encoding="utf-8")
    refused = runner.invoke(app, ["--data", str(repo), "schema"])
    assert refused.exit_code == 1
    assert "--force" in refused.stderr
    forced = runner.invoke(app, ["--data", str(repo), "schema", "--force"])
    assert forced.exit_code == 0
    document = json.loads((repo / "schemas" / "tasks.schema.json").read_text(encoding="utf-8"))
    assert document["title"].startswith("Nhiệm vụ")


def test_python_dash_m_runs_the_cli(make_repo: TreeFactory) -> None:
    repo = make_repo()
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    result = subprocess.run(
        [sys.executable, "-m", "cchc_cli", "--data", str(repo), "validate"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "Dữ liệu hợp lệ" in result.stderr


def test_output_is_utf8_even_in_a_legacy_code_page(make_repo: TreeFactory) -> None:
    """As on Windows when output is redirected: the locale's code page cannot hold Vietnamese."""
    repo = make_repo({"data/tasks/bad.yaml": BAD_TASK})
    env = {**os.environ, "PYTHONIOENCODING": "cp1252", "PYTHONUTF8": "0"}
    result = subprocess.run(
        [sys.executable, "-m", "cchc_cli", "--data", str(repo), "validate"],
        capture_output=True,
        env=env,
        check=False,
    )
    assert result.returncode == 1, result.stderr.decode("utf-8", "replace")
    assert "lỗi [unknown-ref] Không có đơn vị" in result.stdout.decode("utf-8")
    assert "1 lỗi" in result.stderr.decode("utf-8")


def test_schema_out_writes_where_it_is_told(make_repo: TreeFactory, runner: CliRunner) -> None:
    repo = make_repo()
    out = repo / "elsewhere" / "x"
    result = runner.invoke(app, ["--data", str(repo), "schema", "--out", str(out), "--parents"])
    assert result.exit_code == 0, result.output
    assert len(list(out.glob("*.schema.json"))) == len(KINDS)
    assert not (repo / "schemas").exists()


@pytest.mark.parametrize("fmt", ["text", "github"])
def test_control_characters_in_a_value_never_reach_the_terminal(
    make_repo: TreeFactory, runner: CliRunner, fmt: str
) -> None:
    tasks = TASKS.replace("due: 31/01/2024", 'due: "\\e[2J31/01"')
    repo = make_repo({"data/tasks/van-phong.yaml": tasks})
    result = runner.invoke(app, ["--data", str(repo), "validate", "--format", fmt])
    assert result.exit_code == 1
    assert "\x1b" not in result.output
    assert "\\x1b[2J31/01" in result.stdout


@pytest.mark.parametrize(
    "command", [["validate"], ["status"], ["report", "--year", "2024", "--output", "-"]]
)
def test_a_number_too_long_to_convert_is_an_error_in_every_command(
    make_repo: TreeFactory, runner: CliRunner, command: list[str]
) -> None:
    tasks = TASKS.replace("percent: 50", "percent: " + "9" * 5000)
    repo = make_repo({"data/tasks/van-phong.yaml": tasks})
    result = runner.invoke(app, ["--data", str(repo), *command])
    assert result.exit_code == 1
    assert result.exception is None or isinstance(result.exception, SystemExit)
    if command[0] == "report":  # a report is not drafted from data with errors
        assert "Dữ liệu có 1 lỗi" in result.stderr
        return
    shown = result.stdout if command == ["validate"] else result.stderr
    assert "data/tasks/van-phong.yaml:11:37: lỗi [out-of-range] Số quá lớn (5.000 chữ số" in shown


def test_yaml_1_2_floats_are_numbers_but_a_percent_stays_an_integer(
    make_repo: TreeFactory, runner: CliRunner
) -> None:
    from tests.helpers import INDICATORS

    indicators = INDICATORS.replace("value: 96.5", "value: 9.65e1")
    repo = make_repo({"data/indicators/sipas.yaml": indicators})
    assert runner.invoke(app, ["--data", str(repo), "validate"]).exit_code == 0
    repo = make_repo({"data/tasks/van-phong.yaml": TASKS.replace("percent: 50", "percent: 5e1")})
    result = runner.invoke(app, ["--data", str(repo), "validate"])
    assert result.exit_code == 1
    assert "[wrong-type] Giá trị “5e1” phải là số nguyên." in result.stdout


def _closing(*fds: int) -> Callable[[], None]:
    def close() -> None:
        for fd in fds:
            os.close(fd)

    return close


@pytest.mark.skipif(os.name != "posix", reason="closing a standard stream for a child process")
@pytest.mark.parametrize(
    "command",
    [["validate"], ["status"], ["--version"]],
)
def test_a_closed_standard_output_is_a_failed_write_not_a_traceback(
    make_repo: TreeFactory, command: list[str]
) -> None:
    """`cchc validate >&-`: exit 1 and a message on stderr, like any other failed write."""
    repo = make_repo({"data/tasks/sai.yaml": BAD_TASK})
    result = subprocess.run(
        [sys.executable, "-m", "cchc_cli", "--data", str(repo), *command],
        stdout=subprocess.DEVNULL,  # replaced: the child closes its fd 1 before starting
        stderr=subprocess.PIPE,
        preexec_fn=_closing(1),
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        check=False,
    )
    stderr = result.stderr.decode("utf-8")
    assert result.returncode == 1
    assert "Traceback" not in stderr
    assert "cchc: lỗi: Không ghi được kết quả: đầu ra chuẩn (stdout) đã bị đóng." in stderr


@pytest.mark.skipif(os.name != "posix", reason="closing a standard stream for a child process")
def test_closed_standard_streams_with_nothing_to_write_still_succeed(
    make_repo: TreeFactory,
) -> None:
    repo = make_repo()
    for fds in ((1,), (1, 2)):
        result = subprocess.run(
            [sys.executable, "-m", "cchc_cli", "--data", str(repo), "validate"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            preexec_fn=_closing(*fds),
            check=False,
        )
        assert result.returncode == 0


@pytest.mark.skipif(sys.platform != "linux", reason="file names that are not UTF-8")
@pytest.mark.parametrize("fmt", ["json", "gitlab", "text", "github"])
def test_a_file_name_that_is_not_utf8_is_escaped_in_every_format(
    make_repo: TreeFactory, runner: CliRunner, fmt: str
) -> None:
    repo = make_repo()
    name = os.fsencode(repo / "data" / "tasks") + b"/sai\xff.yaml"
    with open(name, "wb") as handle:  # noqa: PTH123 (a bytes path)
        handle.write(BAD_TASK.encode("utf-8"))
    result = runner.invoke(app, ["--data", str(repo), "validate", "--format", fmt])
    assert result.exit_code == 1
    assert result.exception is None or isinstance(result.exception, SystemExit)
    result.stdout_bytes.decode("utf-8")  # strict: no lone surrogate reached the output
    if fmt == "json":
        paths = [p["path"] for p in json.loads(result.stdout)["problems"]]
    elif fmt == "gitlab":
        paths = [i["location"]["path"] for i in json.loads(result.stdout)]
    else:
        paths = [result.stdout]
    assert any("data/tasks/sai\\xff.yaml" in path for path in paths)


@pytest.mark.skipif(os.name != "posix", reason="newlines and colons in file names")
def test_a_file_name_cannot_forge_a_located_line_in_text_output(
    make_repo: TreeFactory, runner: CliRunner
) -> None:
    repo = make_repo()
    forged = "x.yaml:1:1: lỗi [syntax] giả mạo"
    for name in (f"a\n{forged}.yaml", f"{forged}.yaml"):
        (repo / "data" / "tasks" / name).write_text(BAD_TASK, encoding="utf-8")
    result = runner.invoke(app, ["--data", str(repo), "validate"])
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert not [line for line in lines if line.startswith(("x.yaml", "data/tasks/x.yaml"))]
    assert f'"data/tasks/a\\\\n{forged}.yaml":5:11: lỗi [unknown-ref]' in result.stdout
    assert f'"data/tasks/{forged}.yaml":5:11: lỗi [unknown-ref]' in result.stdout


def test_a_file_outside_the_data_folder_is_a_usage_error(
    make_repo: TreeFactory, runner: CliRunner, tmp_path: Path
) -> None:
    """`cchc validate /etc/passwd` said “Dữ liệu hợp lệ”: the file was never read."""
    outside = tmp_path / "passwd"
    outside.write_text("root:x:0:0:root:/root:/bin/bash\n", encoding="utf-8")
    repo = make_repo()
    for named in (outside, repo / "README.md"):
        named.touch()
        result = runner.invoke(app, ["--data", str(repo), "validate", str(named)])
        assert result.exit_code == 2
        assert f"“{named.as_posix()}” nằm ngoài thư mục dữ liệu" in result.stderr
        assert "hợp lệ" not in result.output


def test_naming_the_repository_reports_every_problem(
    make_repo: TreeFactory, runner: CliRunner
) -> None:
    repo = make_repo({"data/tasks/sai.yaml": BAD_TASK})
    for named in (repo, repo / "data"):
        result = runner.invoke(app, ["--data", str(repo), "validate", str(named)])
        assert result.exit_code == 1
        assert "data/tasks/sai.yaml:5:11: lỗi [unknown-ref]" in result.stdout


@pytest.mark.skipif(sys.platform == "win32", reason="symbolic links need privileges on Windows")
def test_a_file_named_through_a_linked_folder_is_found(
    make_repo: TreeFactory, runner: CliRunner, tmp_path: Path
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "sai.yaml").write_text(BAD_TASK, encoding="utf-8")
    repo = make_repo()
    (repo / "data" / "tasks" / "linked").symlink_to(elsewhere, target_is_directory=True)
    named = repo / "data" / "tasks" / "linked" / "sai.yaml"
    result = runner.invoke(app, ["--data", str(repo), "validate", str(named)])
    assert result.exit_code == 1
    assert "data/tasks/linked/sai.yaml:5:11: lỗi [unknown-ref]" in result.stdout


def test_schema_out_naming_a_file_says_it_is_a_file(
    make_repo: TreeFactory, runner: CliRunner
) -> None:
    repo = make_repo()
    (repo / "mau").write_text("một tệp\n", encoding="utf-8")
    for out in (repo / "mau", repo / "mau" / "con"):
        result = runner.invoke(app, ["--data", str(repo), "schema", "--out", str(out), "--parents"])
        assert result.exit_code == 1
        assert f"“{(repo / 'mau').as_posix()}” là một tệp, không phải thư mục" in result.stderr
    assert (repo / "mau").read_text(encoding="utf-8") == "một tệp\n"
