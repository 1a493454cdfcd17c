"""The machine formats of `cchc validate`: their documented shapes, and the docs' examples.

GitHub: workflow commands, https://docs.github.com/actions/reference/workflow-commands-for-github-actions
GitLab: Code Quality report, https://docs.gitlab.com/ci/testing/code_quality/ (the subset of
the CodeClimate spec that GitLab reads).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from typer.testing import CliRunner

from cchc_cli.cli.app import app
from cchc_cli.cli.validate import ProblemFormat
from cchc_cli.errors import Problem
from cchc_cli.output.diagnostics import (
    FORMATTERS,
    fingerprint,
    format_github,
    format_gitlab,
    format_text,
)
from tests.conftest import TreeFactory
from tests.helpers import TASKS

DOCS = Path(__file__).resolve().parents[1] / "docs"
ERRORS_PAGE = DOCS / "doc-loi.md"

# The example of docs/doc-loi.md: one error and one warning in a task file.
EXAMPLE_TASKS = (
    TASKS
    + """\
  - id: VP-02
    title: Rà soát quy trình nội bộ
    area: chi-dao
    lead: van-phongg
    start: 01/01/2024
    due: 31/12/2024
    note: Chƣa có kế hoạch
"""
)

GITLAB_REPORT_SCHEMA: dict[str, Any] = {
    "type": "array",
    "items": {
        "type": "object",
        "required": ["description", "check_name", "fingerprint", "severity", "location"],
        "additionalProperties": False,
        "properties": {
            "description": {"type": "string", "minLength": 1},
            "check_name": {"type": "string", "minLength": 1},
            "fingerprint": {"type": "string", "pattern": "^[0-9a-f]{64}$"},
            "severity": {"enum": ["info", "minor", "major", "critical", "blocker"]},
            "location": {
                "type": "object",
                "required": ["path", "lines"],
                "additionalProperties": False,
                "properties": {
                    "path": {"type": "string", "pattern": r"^[^/\\]"},  # relative
                    "lines": {
                        "type": "object",
                        "required": ["begin"],
                        "additionalProperties": False,
                        "properties": {"begin": {"type": "integer", "minimum": 1}},
                    },
                },
            },
        },
    },
}
# ::error file={name},line={line},col={col},title={title}::{message}
GITHUB_COMMAND = re.compile(
    r"^::(?P<level>error|warning|notice) "
    r"file=(?P<file>[^,:]+)(?:,line=(?P<line>\d+),col=(?P<col>\d+))?,title=(?P<title>[^,:]+)"
    r"::(?P<message>[^\r\n]+)$"
)


def _validate(repo: Path, runner: CliRunner, fmt: str) -> str:
    result = runner.invoke(app, ["--data", str(repo), "validate", "--format", fmt])
    assert result.exit_code == 1, result.output
    return result.stdout


@pytest.fixture
def example_repo(make_repo: TreeFactory) -> Path:
    return make_repo({"data/tasks/van-phong.yaml": EXAMPLE_TASKS})


def test_every_format_is_a_choice_of_the_cli() -> None:
    assert {f.value for f in ProblemFormat} == set(FORMATTERS)


def test_gitlab_report_has_the_documented_shape(example_repo: Path, runner: CliRunner) -> None:
    report = json.loads(_validate(example_repo, runner, "gitlab"))
    jsonschema.validate(report, GITLAB_REPORT_SCHEMA)
    error, warning = report
    assert (error["check_name"], error["severity"]) == ("unknown-ref", "major")
    assert (warning["check_name"], warning["severity"]) == ("pdf-artifact", "minor")
    assert error["location"] == {"path": "data/tasks/van-phong.yaml", "lines": {"begin": 16}}


def test_gitlab_fingerprint_ignores_the_line(
    make_repo: TreeFactory, example_repo: Path, runner: CliRunner
) -> None:
    before = json.loads(_validate(example_repo, runner, "gitlab"))
    shifted = EXAMPLE_TASKS.replace("tasks:\n", "tasks:\n  # một dòng ghi chú mới\n", 1)
    after = json.loads(
        _validate(make_repo({"data/tasks/van-phong.yaml": shifted}), runner, "gitlab")
    )
    assert [i["location"]["lines"]["begin"] for i in after] == [17, 20]
    assert [i["fingerprint"] for i in after] == [i["fingerprint"] for i in before]


def test_gitlab_fingerprint_is_sha256_of_path_code_message() -> None:
    import hashlib

    expected = hashlib.sha256("a.yaml\0syntax\0Lỗi".encode()).hexdigest()
    assert fingerprint("a.yaml", "syntax", "Lỗi") == expected


def test_gitlab_identical_problems_get_distinct_fingerprints() -> None:
    same = [Problem("a.yaml", line, 1, "syntax", "Lỗi") for line in (3, 9)]
    other_file = [Problem("b.yaml", 3, 1, "syntax", "Lỗi")]
    prints = [i["fingerprint"] for i in json.loads(format_gitlab(same + other_file))]
    assert len(set(prints)) == 3


def test_gitlab_whole_file_problem_is_on_line_one() -> None:
    report = json.loads(format_gitlab([Problem("data/plan.yaml", 0, 0, "missing-file", "Thiếu")]))
    assert report[0]["location"]["lines"] == {"begin": 1}
    assert format_gitlab([]) == "[]\n"


def test_github_commands_have_the_documented_shape(example_repo: Path, runner: CliRunner) -> None:
    lines = _validate(example_repo, runner, "github").splitlines()
    matches = [GITHUB_COMMAND.match(line) for line in lines]
    assert all(matches), lines
    found = [(m["level"], m["file"], m["line"], m["col"], m["title"]) for m in matches if m]
    assert found == [
        ("error", "data/tasks/van-phong.yaml", "16", "11", "cchc unknown-ref"),
        ("warning", "data/tasks/van-phong.yaml", "19", "11", "cchc pdf-artifact"),
    ]


def test_github_escapes_what_would_break_a_command() -> None:
    problem = Problem("dữ liệu/a,b:c.yaml", 0, 0, "syntax", "100% sai\ndòng hai", "gợi ý")
    line = format_github([problem]).rstrip("\n")
    assert "\n" not in line
    match = GITHUB_COMMAND.match(line)
    assert match is not None
    assert match["file"] == "dữ liệu/a%2Cb%3Ac.yaml"
    assert match["line"] is None
    assert match["message"] == "100%25 sai%0Adòng hai Gợi ý: gợi ý"


@pytest.mark.skipif(not ERRORS_PAGE.is_file(), reason="docs/doc-loi.md not found")
@pytest.mark.parametrize("fmt", [f.value for f in ProblemFormat])
def test_the_docs_show_real_output(fmt: str, example_repo: Path, runner: CliRunner) -> None:
    """docs/doc-loi.md shows each format on the example; the example is the program's output."""
    output = _validate(example_repo, runner, fmt)
    page = ERRORS_PAGE.read_text(encoding="utf-8")
    assert output in page, f"update the {fmt} example of docs/doc-loi.md to:\n{output}"


@pytest.mark.parametrize(
    ("path", "shown"),
    [
        ("data/tasks/a.yaml", "data/tasks/a.yaml"),
        ("C:/kho/data/plan.yaml", "C:/kho/data/plan.yaml"),
        ("data/tasks/a:1:1: x.yaml", '"data/tasks/a:1:1: x.yaml"'),
        ('data/tasks/a".yaml', '"data/tasks/a\\".yaml"'),
        ("data/tasks/a\nb.yaml", '"data/tasks/a\\nb.yaml"'),
    ],
)
def test_a_path_that_could_pass_for_a_place_is_quoted_in_text(path: str, shown: str) -> None:
    text = format_text([Problem(path, 2, 3, "syntax", "x")])
    assert text.startswith(f"{shown}:2:3: lỗi [syntax] x")
