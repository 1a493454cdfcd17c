"""Where a report's data came from: the data repository's git commit."""

from __future__ import annotations

import subprocess
from pathlib import Path


def git_commit(folder: Path) -> str | None:
    """The short commit of the git repository holding `folder`, marked when `folder` has
    uncommitted changes; None outside git (or without git)."""

    def run(*args: str) -> str | None:
        # git writes file names in UTF-8 (or raw bytes) whatever the locale: decode as UTF-8,
        # never fail on it. No git, not a repository, a timeout: no commit in the properties.
        try:
            done = subprocess.run(
                ["git", *args],
                cwd=folder,
                capture_output=True,
                encoding="utf-8",
                errors="replace",
                timeout=10,
                check=False,
            )
        except (OSError, ValueError, UnicodeError, subprocess.SubprocessError):
            return None
        return (done.stdout or "").strip() if done.returncode == 0 else None

    commit = run("rev-parse", "--short", "HEAD")
    if not commit:
        return None
    changes = run("status", "--porcelain", "--", ".")
    return f"{commit} (có thay đổi chưa commit)" if changes else commit
