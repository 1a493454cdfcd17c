"""Typer's own words (help panels, usage errors) come out in Vietnamese."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from cchc_cli.cli.app import app
from cchc_cli.cli.i18n import translate


def test_help_panels_and_help_option_are_vietnamese(runner: CliRunner) -> None:
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    for text in ("Cách dùng: cchc [TUỲ CHỌN] LỆNH", "Tuỳ chọn", "Lệnh", "Hiện hướng dẫn này"):
        assert text in result.stdout
    assert "Show this message" not in result.stdout
    assert "Usage:" not in result.stdout


def test_command_help_is_vietnamese(runner: CliRunner) -> None:
    result = runner.invoke(app, ["validate", "--help"])
    assert result.exit_code == 0
    assert "Cách dùng: cchc validate [TUỲ CHỌN] [TỆP]..." in result.stdout
    assert "[mặc định: text]" in result.stdout


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["validate", "--nope"], "Không có tuỳ chọn “--nope”."),
        (["nope"], "Không có lệnh “nope”."),
        (
            ["validate", "--format", "xml"],
            "“xml” không phải một trong: text, json, github, gitlab.",
        ),
        (["validate", "--format"], "Tuỳ chọn “--format” cần một giá trị."),
    ],
)
def test_usage_errors_are_vietnamese_and_exit_2(
    runner: CliRunner, args: list[str], expected: str
) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert expected in " ".join(result.stderr.replace("│", " ").split())
    assert "Error" not in result.stderr


@pytest.mark.parametrize(
    ("english", "vietnamese"),
    [
        ("'abc' is not a valid integer.", "“abc” không phải số nguyên hợp lệ."),
        ("Got unexpected extra argument (x)", "Thừa đối số: x."),
        ("Something new from Typer", "Something new from Typer"),
    ],
)
def test_translate(english: str, vietnamese: str) -> None:
    assert translate(english) == vietnamese
