"""`cchc report` through the real Typer app, on copies of tests/fixtures/report in tmp_path."""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from cchc_cli.cli.app import app
from tests.conftest import TreeFactory
from tests.golden import assert_golden
from tests.test_report_facts import EPOCH

FIXTURE = Path(__file__).parent / "fixtures" / "report"
GOLDEN = Path(__file__).parent / "golden" / "report"


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the fixture repository, outside any git repository, generated at the time
    of the golden files."""
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    return Path(shutil.copytree(FIXTURE, tmp_path / "repo"))


def run(runner: CliRunner, repo: Path, *args: str) -> Any:
    return runner.invoke(app, ["--data", str(repo), "report", *args])


def test_default_output_path(runner: CliRunner, repo: Path) -> None:
    result = run(runner, repo, "--year", "2024", "--period", "q1", "--date", "05/03/2024")
    assert result.exit_code == 0, result.output
    written = repo / "reports" / "2024-q1.md"
    assert result.stdout == "Đã ghi báo cáo: reports/2024-q1.md\n"
    assert_golden(written.read_text(encoding="utf-8"), GOLDEN / "2024-q1.md")
    assert [p.name for p in written.parent.iterdir()] == ["2024-q1.md"]  # no temporary file


def test_default_period_and_format(runner: CliRunner, repo: Path) -> None:
    assert run(runner, repo, "--year", "2024").exit_code == 0
    assert (repo / "reports" / "2024-year.md").is_file()


@pytest.mark.parametrize(
    ("name", "start"),
    [
        ("b.docx", b"PK\x03\x04"),
        ("b.HTML", b"<!DOCTYPE"),
        ("b.htm", b"<!DOCTYPE"),
        ("b.md", b"<!--"),
        ("bao-cao-quy-1", b"<!--"),
    ],
)
def test_without_format_the_output_extension_chooses_it(
    runner: CliRunner, repo: Path, name: str, start: bytes
) -> None:
    """As `-o bao-cao.docx` says: a Word file, not Markdown under a .docx name that Word
    cannot open; a name without a known extension gets the default, md."""
    result = run(runner, repo, "--year", "2024", "-o", str(repo / name))
    assert result.exit_code == 0, result.output
    assert (repo / name).read_bytes().lstrip().startswith(start)


def test_stdout(runner: CliRunner, repo: Path) -> None:
    result = run(runner, repo, "--year", "2024", "--period", "h1", "-o", "-", "-f", "html")
    assert result.exit_code == 0, result.output
    assert_golden(result.stdout, GOLDEN / "2024-h1.html")
    assert not (repo / "reports").exists()


def test_no_clobber_then_force(runner: CliRunner, repo: Path) -> None:
    target = repo / "out.md"
    target.write_text("bản cũ", encoding="utf-8")
    result = run(runner, repo, "--year", "2024", "-o", str(target))
    assert result.exit_code == 1
    assert "đã có" in result.stderr and "--force" in result.stderr
    assert "Traceback" not in result.output
    assert target.read_text(encoding="utf-8") == "bản cũ"
    result = run(runner, repo, "--year", "2024", "-o", str(target), "--force")
    assert result.exit_code == 0, result.output
    assert "| UBND TỈNH ĐỒNG THÁP" in target.read_text(encoding="utf-8")
    assert sorted(p.name for p in repo.iterdir() if p.name.startswith(".")) == []


def test_an_output_folder_that_does_not_exist_needs_parents(runner: CliRunner, repo: Path) -> None:
    target = repo / "bao-cao" / "2024" / "nam.md"
    result = run(runner, repo, "--year", "2024", "-o", str(target))
    assert result.exit_code == 1
    assert f"Thư mục “{target.parent.as_posix()}” chưa có." in result.stderr
    assert "gợi ý: Dùng --parents để tạo thư mục, hoặc kiểm tra lại đường dẫn." in result.stderr
    assert not (repo / "bao-cao").exists()
    result = run(runner, repo, "--year", "2024", "-o", str(target), "--parents")
    assert result.exit_code == 0, result.output
    assert target.is_file()


def test_the_exact_force_hint(runner: CliRunner, repo: Path) -> None:
    (repo / "out.md").write_text("bản cũ", encoding="utf-8")
    result = run(runner, repo, "--year", "2024", "-o", str(repo / "out.md"))
    assert "gợi ý: Dùng --force để ghi đè, hoặc chọn tên tệp khác." in result.stderr


def test_failed_write_leaves_the_old_file(
    runner: CliRunner, repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The write is atomic: a failure mid-way keeps the old file and no temporary file."""
    target = repo / "out.md"
    target.write_text("bản cũ", encoding="utf-8")

    def broken_fsync(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("os.fsync", broken_fsync)
    result = run(runner, repo, "--year", "2024", "-o", str(target), "--force")
    assert result.exit_code == 1
    assert "Không ghi được tệp" in result.stderr
    assert target.read_text(encoding="utf-8") == "bản cũ"
    assert [p.name for p in repo.iterdir() if p.name.startswith(".out.md")] == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--year", "2035"],
            "Năm 2035 nằm ngoài giai đoạn 2021 - 2030 của kế hoạch (tuỳ chọn --year).",
        ),
        (["--year", "2024", "--period", "q2"], "Kỳ báo cáo “q2” không hợp lệ (tuỳ chọn --period)."),
        (["--year", "2024", "-f", "pdf"], "Định dạng “pdf” không hợp lệ."),
        (["--year", "2024", "-f", "docx", "-o", "-"], "Không thể ghi tệp Word (docx) ra màn hình."),
        (
            ["--year", "2024", "-f", "md", "-o", "bao-cao.docx"],
            "Tệp “bao-cao.docx” có đuôi .docx nhưng --format là md",
        ),
        (["--year", "2024", "-o", "bao-cao.doc"], "Không lập được báo cáo dạng .doc"),
        (["--year", "2024", "-f", "docx", "-o", "bao-cao.pdf"], "dạng .pdf"),
        (
            ["--year", "2024", "--date", "31/02/2025"],
            "Ngày “31/02/2025” không hợp lệ (tuỳ chọn --date).",
        ),
    ],
)
def test_usage_errors(runner: CliRunner, repo: Path, args: list[str], message: str) -> None:
    result = run(runner, repo, *args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.output


def test_invalid_data_is_refused(runner: CliRunner, repo: Path) -> None:
    (repo / "data" / "tasks" / "hong.yaml").write_text("tasks: [{id: X}]\n", encoding="utf-8")
    result = run(runner, repo, "--year", "2024")
    assert result.exit_code == 1
    assert "không lập báo cáo từ dữ liệu sai" in result.stderr
    assert "cchc validate" in result.stderr
    assert not (repo / "reports").exists()


# --- override templates --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("template", "line", "what"),
    [
        ("Dòng 1\nDòng 2\n{{ header.khong_co }}\n", 3, "không có trường “khong_co”"),
        ("Dòng 1\n{% for x in areas %}\n{{ x.name }}\n", 3, "khối “{% for %}” chưa đóng"),
        ("{{ plan.__class__ }}\n", 1, "không được dùng thuộc tính “__class__”"),
        ("\n\n{{ 1 + 'a' }}\n", 3, "dùng sai kiểu dữ liệu"),
    ],
)
def test_broken_override_template(
    runner: CliRunner, repo: Path, template: str, line: int, what: str
) -> None:
    (repo / "templates").mkdir()
    (repo / "templates" / "report.md.j2").write_text(template, encoding="utf-8")
    result = run(runner, repo, "--year", "2024")
    assert result.exit_code == 1
    assert f"Lỗi trong mẫu báo cáo “templates/report.md.j2”, dòng {line}: " in result.stderr
    assert what in result.stderr
    assert "Traceback" not in result.output
    assert not (repo / "reports").exists()


def test_override_template_is_used(runner: CliRunner, repo: Path) -> None:
    (repo / "templates").mkdir()
    (repo / "templates" / "report.md.j2").write_text("{{ header.summary }}\n", encoding="utf-8")
    result = run(runner, repo, "--year", "2024", "--period", "q3", "-o", "-")
    assert result.stdout == "Kết quả thực hiện công tác cải cách hành chính quý III năm 2024\n"


def test_broken_docx_override(runner: CliRunner, repo: Path) -> None:
    from docx import Document

    doc = Document()
    doc.add_paragraph("{{ header.summary }")
    buffer = io.BytesIO()
    doc.save(buffer)
    (repo / "templates").mkdir()
    (repo / "templates" / "report.docx").write_bytes(buffer.getvalue())
    result = run(runner, repo, "--year", "2024", "-f", "docx")
    assert result.exit_code == 1
    assert "Lỗi trong mẫu báo cáo “templates/report.docx”" in result.stderr
    assert "Traceback" not in result.output


def test_not_a_docx_override(runner: CliRunner, repo: Path) -> None:
    (repo / "templates").mkdir()
    (repo / "templates" / "report.docx").write_text("không phải Word", encoding="utf-8")
    result = run(runner, repo, "--year", "2024", "-f", "docx")
    assert result.exit_code == 1
    assert "không phải tệp Word (.docx) hợp lệ" in result.stderr


# --- the commit in the stamp ---------------------------------------------------------------


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.com", *args],
        cwd=repo,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.strip()


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_the_data_commit_goes_to_the_provenance_not_the_text(runner: CliRunner, repo: Path) -> None:
    git(repo, "init", "-q")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "data")
    commit = git(repo, "rev-parse", "--short", "HEAD")
    first = run(runner, repo, "--year", "2024", "-o", "-").stdout
    provenance, text = first.split("\n", 1)
    assert provenance.startswith("<!-- Dự thảo lập bằng cchc ")
    assert f"từ dữ liệu commit {commit} lúc 2025-01-05T08:30:00+00:00;" in provenance
    assert commit not in text and "commit" not in text
    assert run(runner, repo, "--year", "2024", "-o", "-").stdout == first  # reruns are identical
    with (repo / "data" / "units.yaml").open("a", encoding="utf-8") as handle:
        handle.write("# sửa\n")
    changed = run(runner, repo, "--year", "2024", "-o", "-").stdout
    assert f"commit {commit} (có thay đổi chưa commit) lúc" in changed.split("\n", 1)[0]


def test_no_git_no_commit(runner: CliRunner, repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", "")
    result = run(runner, repo, "--year", "2024", "-o", "-")
    assert result.exit_code == 0, result.output
    assert "commit" not in result.stdout


def test_markdown_report_escapes_task_titles(make_repo: TreeFactory, runner: CliRunner) -> None:
    from tests.helpers import TASKS

    tasks = TASKS.replace("Ban hành kế hoạch CCHC năm", '"Ban hành <b>kế hoạch</b> & quy chế"')
    repo = make_repo({"data/tasks/van-phong.yaml": tasks})
    result = runner.invoke(app, ["--data", str(repo), "report", "--year", "2024", "-o", "-"])
    assert result.exit_code == 0, result.output
    assert "&lt;b>kế hoạch&lt;/b> &amp; quy chế" in result.stdout
    assert "<b>" not in result.stdout


def test_template_saved_with_a_bom_renders_without_it(
    make_repo: TreeFactory, runner: CliRunner
) -> None:
    repo = make_repo({"templates/report.md.j2": "\ufeffBáo cáo {{ period.title|md_text }}\n"})
    result = runner.invoke(app, ["--data", str(repo), "report", "--year", "2024", "-o", "-"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Báo cáo ")


def test_data_option_dot_inside_the_data_folder_uses_the_repository(
    make_repo: TreeFactory, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`cchc --data . report` from inside data/ writes to <repo>/reports, not data/reports."""
    repo = make_repo()
    monkeypatch.chdir(repo / "data")
    result = runner.invoke(app, ["--data", ".", "report", "--year", "2024"])
    assert result.exit_code == 0, result.output
    assert (repo / "reports" / "2024-year.md").is_file()
    assert not (repo / "data" / "reports").exists()


def test_section_one_area_comes_from_the_plan(make_repo: TreeFactory, runner: CliRunner) -> None:
    from tests.helpers import PLAN, TASKS

    plan = PLAN + "direction_area: tthc\n"
    tasks = TASKS.replace("area: chi-dao", "area: tthc")
    repo = make_repo({"data/plan.yaml": plan, "data/tasks/van-phong.yaml": tasks})
    result = runner.invoke(app, ["--data", str(repo), "report", "--year", "2024", "-o", "-"])
    assert result.exit_code == 0, result.output
    section_one = result.stdout.split("## I.")[1].split("## II.")[0]
    assert "ban hành kế hoạch CCHC năm" in section_one


def test_control_characters_in_a_title_never_reach_the_report(
    make_repo: TreeFactory, runner: CliRunner
) -> None:
    """An escaped ESC in a title is refused by the reader (control-char), so no report is
    made from it; whatever a template prints is escaped anyway (`templating`)."""
    from cchc_cli.templating import environment
    from tests.helpers import TASKS

    tasks = TASKS.replace("Ban hành kế hoạch CCHC năm", '"Kế hoạch \\e]0;x\\a năm"')
    repo = make_repo({"data/tasks/van-phong.yaml": tasks})
    result = runner.invoke(app, ["--data", str(repo), "report", "--year", "2024", "-o", "-"])
    assert result.exit_code == 1
    assert "\x1b" not in result.output and "\x07" not in result.output
    printed = environment().from_string("{{ title }}").render(title="Kế hoạch \x1b]0;x\x07 năm")
    assert printed == "Kế hoạch \\x1b]0;x\\x07 năm"


def test_an_existing_folder_as_output_is_named_a_folder_even_with_force(
    make_repo: TreeFactory, runner: CliRunner
) -> None:
    """Not “Tệp … đã có. Dùng --force” and then --force refusing for another reason."""
    repo = make_repo()
    folder = repo / "bao-cao"
    folder.mkdir()
    for extra in ([], ["--force"]):
        args = ["--data", str(repo), "report", "--year", "2024", "-o", str(folder), *extra]
        result = runner.invoke(app, args)
        assert result.exit_code == 1
        assert f"“{folder.as_posix()}” là một thư mục, không phải tệp." in result.stderr
        assert "--force" not in result.stderr
    assert list(folder.iterdir()) == []


def test_two_report_runs_to_the_same_file_exactly_one_wins(
    make_repo: TreeFactory, tmp_path: Path
) -> None:
    """Started together without --force, one run writes the file and the other says it
    exists; neither silently replaces the other, and no temporary file is left."""
    repo = make_repo()
    out = tmp_path / "out"
    out.mkdir()
    for trial in range(3):
        target = out / f"bao-cao-{trial}.md"
        command = [sys.executable, "-m", "cchc_cli", "--data", str(repo), "report"]
        command += ["--year", "2024", "-o", str(target)]
        runs = [
            subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            for _ in range(2)
        ]
        errors = [run.communicate(timeout=120)[1].decode("utf-8") for run in runs]
        assert sorted(run.returncode for run in runs) == [0, 1]
        loser = errors[[run.returncode for run in runs].index(1)]
        assert f"Tệp “{target.as_posix()}” đã có." in loser
    assert sorted(p.name for p in out.iterdir()) == [f"bao-cao-{i}.md" for i in range(3)]
