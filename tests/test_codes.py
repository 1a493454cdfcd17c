"""Every problem code the program emits is explained (`cchc explain`), and every explained
code is emitted.

The codes are collected at run time, whatever call emits them: every `Problem` created while
validating the corpus (each case folder of `tests/cases/invalid/`, plus a file over the size
limit, which is too large to commit) is recorded. A new code therefore needs a case folder
that shows it, and an entry in `cchc_cli/codes.py`; `tests/test_docs.py` checks that each
one is documented in docs/ma-loi.md.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from cchc_cli.checks import check
from cchc_cli.cli.app import app
from cchc_cli.codes import CODES
from cchc_cli.errors import Problem
from cchc_cli.read.loader import load_checked
from tests.helpers import build_tree, with_base
from tests.test_cases import CASES, case_files

TOO_LARGE = {"data/tasks/lon.yaml": "tasks: []\n" + "# " + "x" * (5 * 1024 * 1024) + "\n"}


@pytest.fixture
def recorded(monkeypatch: pytest.MonkeyPatch) -> Iterator[set[str]]:
    """The code of every `Problem` made while the test runs, by any call."""
    codes: set[str] = set()
    original = Problem.__init__

    def record(self: Problem, *args: Any, **kwargs: Any) -> None:
        original(self, *args, **kwargs)
        codes.add(self.code)

    monkeypatch.setattr(Problem, "__init__", record)
    yield codes


def _corpus() -> list[dict[str, str | bytes | None]]:
    cases = sorted(p for p in (CASES / "invalid").iterdir() if p.is_dir())
    return [case_files(case) for case in cases] + [dict(TOO_LARGE)]


def test_every_code_is_emitted_by_the_corpus_and_explained(
    recorded: set[str], tmp_path: Path
) -> None:
    for index, files in enumerate(_corpus()):
        repo = build_tree(tmp_path / str(index), with_base(files))
        load_checked(repo / "data", check)
    assert {"duplicate-key", "unknown-ref", "missing-field", "encoding", "too-large"} <= recorded
    assert recorded - set(CODES) == set(), "emitted but not explained in cchc_cli/codes.py"
    assert set(CODES) - recorded == set(), "explained but no case in tests/cases/invalid/ shows it"


def test_explain_lists_and_explains(runner: CliRunner) -> None:
    listing = runner.invoke(app, ["explain"])
    assert listing.exit_code == 0
    assert len(listing.stdout.splitlines()) == len(CODES)
    one = runner.invoke(app, ["explain", "duplicate-key"])
    assert one.exit_code == 0
    assert one.stdout.startswith("[duplicate-key] ")
    assert "Cách sửa:" in one.stdout


def test_explain_unknown_code_is_a_usage_error(runner: CliRunner) -> None:
    result = runner.invoke(app, ["explain", "duplicat"])
    assert result.exit_code == 2
    assert "duplicate-key" in result.stderr
