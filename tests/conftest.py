"""Shared fixtures: a clean environment for every test, and data trees in tmp_path.

Property tests (hypothesis) run under the profile named by ``HYPOTHESIS_PROFILE``:

- ``ci`` (what `.ci/run` and the README's test command use): derandomised, so CI never
  depends on luck; the same examples every run.
- ``dev`` (the default for a plain ``pytest``): random seeds, to keep finding new
  counter-examples. Pin each one found with ``@example`` in its test.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import settings
from typer.testing import CliRunner

from tests.helpers import build_tree, with_base

settings.register_profile("ci", derandomize=True, database=None, print_blob=True)
settings.register_profile("dev", print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))

AS_ROOT = os.name == "posix" and os.geteuid() == 0
# No parse cache written into the source tree, not even by module-scoped fixtures that run
# before `_clean_env`; tests/test_read_cache.py turns it back on.
os.environ["CCHC_NO_CACHE"] = "1"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests of real file permissions cannot pass as root (root reads everything): skip them
    there; `tests/test_unprivileged.py` runs them again as the user nobody."""
    skip = pytest.mark.skip(reason="needs a non-root user; test_unprivileged.py runs it as nobody")
    for item in items:
        if item.get_closest_marker("unprivileged") and (AS_ROOT or os.name != "posix"):
            item.add_marker(skip)


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests never see the user's settings: no CCHC_DATA, no colour, a fixed width."""
    for name in ("CCHC_DATA", "CCHC_NO_CACHE", "NO_COLOR", "FORCE_COLOR", "TERM", "COLUMNS", "CI"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    # No parse cache written into the fixtures of the source tree; the cache's own tests
    # (tests/test_read_cache.py) turn it back on.
    monkeypatch.setenv("CCHC_NO_CACHE", "1")
    monkeypatch.setenv("COLUMNS", "100")


@pytest.fixture(autouse=True)
def _unfreeze() -> Iterator[None]:
    """Commands freeze the heap after loading (`cli.common.load_dataset`), which suits a
    process that ends with the command; the test process goes on, so thaw it after each test."""
    yield
    gc.unfreeze()


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
