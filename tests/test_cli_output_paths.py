"""Where a command may write: a folder name is not a file name, and a folder the user names
is not created without --parents."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from cchc_cli.cli.app import app

SHIPPED = Path(__file__).resolve().parent.parent / "data"


@pytest.mark.parametrize(
    "args",
    [
        ["report", "--year", "2024", "-o"],
        ["status", "--format", "html", "-o"],
        ["export", "--format", "csv", "-o"],
    ],
)
def test_an_output_ending_in_a_slash_is_refused(
    args: list[str], tmp_path: Path, runner: CliRunner
) -> None:
    target = f"{tmp_path.as_posix()}/moi/"
    result = runner.invoke(app, ["--data", str(SHIPPED), *args, target])
    assert result.exit_code == 2, result.output
    assert "là một thư mục (kết thúc bằng “/”), không phải tên tệp" in result.stderr
    assert list(tmp_path.iterdir()) == []  # neither a file nor a folder named "moi"


def test_schema_makes_a_named_folder_only_with_parents(tmp_path: Path, runner: CliRunner) -> None:
    folder = tmp_path / "go-nham" / "schemas"
    base = ["--data", str(SHIPPED), "schema", "--out", str(folder)]
    refused = runner.invoke(app, base)
    assert refused.exit_code == 1
    assert "chưa có" in refused.stderr and "--parents" in refused.stderr
    assert not (tmp_path / "go-nham").exists()
    made = runner.invoke(app, [*base, "--parents"])
    assert made.exit_code == 0, made.output
    assert (folder / "tasks.schema.json").is_file()


@pytest.mark.parametrize("command", [["status"], ["report", "--year", "2024"], ["export"]])
def test_an_empty_output_is_refused(
    command: list[str], tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["--data", str(SHIPPED), *command, "-o", ""])
    assert result.exit_code == 2, result.output
    assert "Tên tệp để trống (tuỳ chọn --output)." in result.stderr
    assert list(tmp_path.iterdir()) == []
