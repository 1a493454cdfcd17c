"""Golden files: compare rendered output exactly; CCHC_UPDATE_GOLDEN=1 rewrites them."""

from __future__ import annotations

import os
from pathlib import Path


def assert_golden(actual: str, path: Path) -> None:
    """`actual` must equal the file at `path` (UTF-8, LF). Regenerate with CCHC_UPDATE_GOLDEN=1."""
    if os.environ.get("CCHC_UPDATE_GOLDEN") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8", newline="\n")
        return
    assert path.is_file(), f"missing golden file {path}; run with CCHC_UPDATE_GOLDEN=1"
    expected = path.read_text(encoding="utf-8")
    assert actual == expected, f"output differs from {path}"
