"""What the operating system gives a new file, for files we create through a temporary one."""

from __future__ import annotations

import os


def default_file_mode() -> int:
    """0666 less the process umask: the mode ``open(path, "w")`` would create a file with.

    `tempfile.mkstemp` makes its file private (0600); a file renamed into place from it gets
    this mode instead, so that a copy or backup made by another user does not fail on it.
    """
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask
