"""No English from Typer/click reaches the user: parse errors, `--help` value column, prompts."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cchc_cli.cli.app import app
from cchc_cli.cli.i18n import translate

ENGLISH = re.compile(
    r"Input should|unable to parse|Got unexpected|does not take|Missing|Invalid value|"
    r"Error|Aborted|argument\(s\)|\bfolder\b"
)


def _flat(text: str) -> str:
    return " ".join(text.replace("│", " ").split())


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (
            ["status", "--year", "abc"],
            "Giá trị không hợp lệ cho “--year”: “abc” không phải số nguyên.",
        ),
        (["status", "--soon-days", "abc"], "“abc” không phải số nguyên."),
        (["status", "--stale-days", "1.5"], "“1.5” không phải số nguyên."),
        (["init", "x", "--start", "abc"], "cho “--start”: “abc” không phải số nguyên."),
        (["init", "x", "--sipas-above", "nhiều"], "“nhiều” không phải số."),
        (["status", "extra"], "Thừa đối số: extra."),
        (["explain", "a", "b"], "Thừa đối số: b."),
        (["validate", "--strict=1"], "Tuỳ chọn “--strict” không nhận giá trị."),
        (["init"], "Thiếu đối số THƯ_MỤC."),
        (["report"], "Thiếu tuỳ chọn --year."),
    ],
)
def test_parse_errors_are_vietnamese(runner: CliRunner, args: list[str], expected: str) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    flat = _flat(result.stderr)
    assert expected in flat
    assert not ENGLISH.search(flat), flat


@pytest.mark.parametrize(
    ("english", "vietnamese"),
    [
        ("Got unexpected extra argument(s) (a b)", "Thừa đối số: a b."),
        ("Got unexpected extra arguments (a b)", "Thừa đối số: a b."),
        ("Option '--strict' does not take a value.", "Tuỳ chọn “--strict” không nhận giá trị."),
        ("Option '--x' requires 2 arguments.", "Tuỳ chọn “--x” cần 2 giá trị."),
        ("Argument 'x' takes 2 values.", "Đối số “x” cần 2 giá trị."),
        (
            "Input should be a valid integer, unable to parse string as an integer",
            "Giá trị không phải số nguyên hợp lệ.",
        ),
        (
            "Input should be a valid number, unable to parse string as a number",
            "Giá trị không phải số hợp lệ.",
        ),
        ("Input should be a valid boolean", "Giá trị không phải đúng/sai hợp lệ."),
        ("Input should be a valid date", "Giá trị không phải ngày hợp lệ."),
        ("Input is not a valid path", "Giá trị không phải đường dẫn hợp lệ."),
        ("path 'x' does not exist.", "“x” không tồn tại."),
        ("file 'x' is a directory.", "“x” là thư mục, cần tệp."),
    ],
)
def test_translate_typer_messages(english: str, vietnamese: str) -> None:
    assert translate(english) == vietnamese


@pytest.mark.parametrize(
    "command", [[], ["validate"], ["status"], ["init"], ["report"], ["schema"]]
)
def test_help_has_no_english_type_descriptors(runner: CliRunner, command: list[str]) -> None:
    result = runner.invoke(app, [*command, "--help"])
    assert result.exit_code == 0
    assert not re.search(r"<(bool|str|int|float|path|file|dir|list\[\w+\]|Path)>", result.stdout)


def test_help_value_column(runner: CliRunner) -> None:
    def row(args: list[str], option: str) -> str:
        out = runner.invoke(app, [*args, "--help"]).stdout
        return next(_flat(line) for line in out.splitlines() if f" {option} " in line)

    assert row([], "--data").startswith("--data ĐƯỜNG_DẪN ")
    assert row([], "--version") == "--version In phiên bản rồi thoát."  # a flag: no value
    assert row(["status"], "--soon-days").startswith("--soon-days SỐ ")
    assert row(["status"], "--format").startswith("--format -f CHỮ ")
    assert row(["status"], "--year").startswith("--year NĂM ")  # the metavar wins
    assert row(["validate"], "--format").startswith("--format -f text|json|github|gitlab ")
    assert row(["validate"], "TỆP").startswith("TỆP Chỉ báo lỗi")  # the name says it all
    assert row(["init"], "--force").startswith("--force Ghi vào")


# ---- the prompts of `cchc init` -------------------------------------------------------------


@pytest.fixture
def typing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("cchc_cli.cli.init._interactive", lambda: True)


ALL_BUT_AGENCY = ["--agency-code", "SYT", "--province", "Huế", "--signer-name", "A"]


@pytest.mark.usefixtures("typing")
def test_a_blank_agency_is_asked_again(tmp_path: Path, runner: CliRunner) -> None:
    folder = tmp_path / "kho"
    args = ["init", str(folder), *ALL_BUT_AGENCY, "--start", "2021", "--end", "2025"]
    result = runner.invoke(app, [*args, "--signer-position", "GĐ"], input="   \nSở Y tế\n")
    assert result.exit_code == 0, result.output
    assert result.stderr.count("Câu trả lời không được trống hay xuống dòng.") == 1
    assert result.stdout.count("Cơ quan ban hành kế hoạch") == 2
    assert "Sở Y tế" in (folder / "data/plan.yaml").read_text(encoding="utf-8")


@pytest.mark.usefixtures("typing")
def test_a_line_separator_typed_at_a_prompt_is_asked_again(
    tmp_path: Path, runner: CliRunner
) -> None:
    folder = tmp_path / "kho"
    args = ["init", str(folder), *ALL_BUT_AGENCY, "--start", "2021", "--end", "2025"]
    answers = "Sở\u2028Y tế\nSở\x85Y tế\nSở Y tế\n"
    result = runner.invoke(app, [*args, "--signer-position", "GĐ"], input=answers)
    assert result.exit_code == 0, result.output
    assert "ký tự điều khiển \\u2028 (U+2028, vị trí 3)." in result.stderr
    assert "ký tự điều khiển \\x85 (U+0085, vị trí 3)." in result.stderr
    assert result.stdout.count("Cơ quan ban hành kế hoạch") == 3
    assert "Sở Y tế" in (folder / "data/plan.yaml").read_text(encoding="utf-8")


@pytest.mark.usefixtures("typing")
def test_a_bad_year_is_asked_again_in_vietnamese(tmp_path: Path, runner: CliRunner) -> None:
    folder = tmp_path / "kho"
    args = ["init", str(folder), "--agency", "Sở Y tế", *ALL_BUT_AGENCY]
    answers = "hai nghìn\n1800\n2025\n2024\n2030\nGĐ\n"  # start x2 refused, end 2024 < 2025
    result = runner.invoke(app, args, input=answers)
    assert result.exit_code == 0, result.output
    assert "“hai nghìn” không phải một năm. Ví dụ: 2021." in result.stderr
    assert "Năm “1800” không hợp lệ (từ 1900 đến 2200)." in result.stderr
    assert "Năm kết thúc phải từ năm bắt đầu (2025) trở đi." in result.stderr
    assert not ENGLISH.search(result.output), result.output
    assert "giai đoạn 2025 - 2030" in (folder / "data/plan.yaml").read_text("utf-8")


@pytest.mark.usefixtures("typing")
def test_stopping_at_a_prompt_says_so_in_vietnamese(tmp_path: Path, runner: CliRunner) -> None:
    folder = tmp_path / "kho"
    result = runner.invoke(app, ["init", str(folder)], input="Sở Y tế\n")  # then Ctrl-D
    assert result.exit_code == 1
    assert "Đã huỷ." in result.stderr
    assert not ENGLISH.search(result.output), result.output
    assert not folder.exists()


ESC = "\x1b]0;pwn\x07"


@pytest.mark.parametrize(
    "args",
    [
        ["status", "--unit", f"x{ESC}"],
        ["status", "--as-of", f"1{ESC}"],
        ["status", "--format", f"x{ESC}"],
        [f"--data=/khong-co{ESC}", "status"],
        ["explain", f"x{ESC}"],
        ["update", f"VP{ESC}", "--percent", "5", "--date", "01/01/2024"],
        ["status", f"--no{ESC}"],
    ],
)
def test_what_the_user_typed_comes_back_escaped(args: list[str], runner: CliRunner) -> None:
    shipped = Path(__file__).resolve().parent.parent / "data"
    full = args if args[0].startswith("--data") else ["--data", str(shipped), *args]
    result = runner.invoke(app, full)
    assert result.exit_code in (1, 2), result.output
    assert "\x1b" not in result.output and "\x07" not in result.output
    assert "\\x1b]0;pwn\\x07" in result.output


@pytest.mark.parametrize("command", ["export", "update", "status", "report", "par", "validate"])
def test_help_paragraphs_wrap_at_the_terminal_width(command: str, runner: CliRunner) -> None:
    """A line of the help text ends only where the next word would not fit (no line break
    kept from the docstring's source)."""
    width = 60
    result = runner.invoke(app, [command, "--help"], env={"COLUMNS": str(width)})
    assert result.exit_code == 0
    lines = [line.strip() for line in result.output.splitlines()]
    prose = [line for line in lines if not line.startswith(("╭", "│", "╰", "Cách dùng"))]
    for line, following in itertools.pairwise(prose):
        if line and following:
            assert len(line) + 1 + len(following.split()[0]) > width - 4, (line, following)
