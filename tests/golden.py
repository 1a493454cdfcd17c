"""Golden files: compare rendered output exactly; CCHC_UPDATE_GOLDEN=1 rewrites them.

A rewrite fails the test that made it, so a forgotten CCHC_UPDATE_GOLDEN=1 cannot turn a
changed output into a pass: review the diff (`git diff tests/`), then run again.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest


def assert_golden(actual: str, path: Path) -> None:
    """`actual` must equal the file at `path` (UTF-8, LF). Regenerate with CCHC_UPDATE_GOLDEN=1."""
    current = path.read_text(encoding="utf-8") if path.is_file() else None
    if os.environ.get("CCHC_UPDATE_GOLDEN") == "1" and actual != current:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8", newline="\n")
        pytest.fail(f"rewrote golden file {path}: review the diff, then run the tests again")
    assert current is not None, f"missing golden file {path}; run with CCHC_UPDATE_GOLDEN=1"
    assert actual == current, f"output differs from {path}"
