"""Shared fixtures: a clean environment for every test, and data trees in tmp_path."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.helpers import build_tree, with_base


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests never see the user's settings: no CCHC_DATA, no colour, a fixed width."""
    for name in ("CCHC_DATA", "NO_COLOR", "FORCE_COLOR", "TERM", "COLUMNS", "CI"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "100")


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


TreeFactory = Callable[..., Path]


@pytest.fixture
def make_repo(tmp_path: Path) -> TreeFactory:
    """A factory: ``make_repo(**{"data/tasks/x.yaml": "..."})`` over the valid base tree.

    A value of None removes that file from the base tree.
    """

    def factory(files: dict[str, str | bytes | None] | None = None) -> Path:
        return build_tree(tmp_path / "repo", with_base(files or {}))

    return factory
