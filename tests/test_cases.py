"""Case folders: every `valid/<case>` passes; every `invalid/<case>` fails exactly as expected.

A case folder holds files laid over the small valid repository of `tests/helpers.py`
(same relative paths), an optional `remove.txt` naming base files to delete, and for an
invalid case `expected.txt`: the exact output of `cchc validate`. Set CCHC_UPDATE_GOLDEN=1
to rewrite the expected files after a deliberate change, then review the diff.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from cchc_cli.cli.app import app
from tests.conftest import TreeFactory
from tests.golden import assert_golden

CASES = Path(__file__).parent / "cases"
SKIP = {"expected.txt", "remove.txt"}


def case_files(case: Path) -> dict[str, str | bytes | None]:
    files: dict[str, str | bytes | None] = {
        p.relative_to(case).as_posix(): p.read_bytes()
        for p in sorted(case.rglob("*"))
        if p.is_file() and p.name not in SKIP
    }
    removed = case / "remove.txt"
    if removed.is_file():
        files.update(dict.fromkeys(removed.read_text(encoding="utf-8").split(), None))
    return files


def _cases(kind: str) -> list[Path]:
    return sorted(p for p in (CASES / kind).iterdir() if p.is_dir())


@pytest.mark.parametrize("case", _cases("valid"), ids=lambda p: p.name)
def test_valid_case_passes(case: Path, make_repo: TreeFactory, runner: CliRunner) -> None:
    repo = make_repo(case_files(case))
    result = runner.invoke(app, ["--data", str(repo), "validate"])
    assert result.stdout == ""
    assert result.exit_code == 0


@pytest.mark.parametrize("case", _cases("invalid"), ids=lambda p: p.name)
def test_invalid_case_reports_exactly(
    case: Path, make_repo: TreeFactory, runner: CliRunner
) -> None:
    repo = make_repo(case_files(case))
    result = runner.invoke(app, ["--data", str(repo), "validate"])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert_golden(result.stdout, case / "expected.txt")
