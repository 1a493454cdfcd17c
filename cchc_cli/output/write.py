"""Writing output files: atomically, and never over an existing file without `force`."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from cchc_cli.errors import CchcError, OutputExistsError
from cchc_cli.text_vi import os_error_text


def write_atomic(path: Path, content: bytes, *, force: bool = False) -> None:
    """Write `content` to `path` through a temporary file in the same folder.

    Readers see the old file or the new one, never half of it. An existing file is replaced
    only with `force`.
    """
    if path.exists() and not force:
        raise OutputExistsError(
            f"Tệp “{path.as_posix()}” đã có.", "chọn tên tệp khác", field="force"
        )
    if path.exists() and not path.is_file():
        # Renaming over a folder, device, pipe or link would replace it, not write into it.
        raise CchcError(
            f"“{path.as_posix()}” không phải một tệp thường; không ghi đè lên nó.",
            "Chọn một tên tệp khác.",
        )
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        mode = path.stat().st_mode & 0o777 if path.exists() else _default_mode()
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        try:
            # mkstemp creates the file private (0600); give it the mode a normal write would.
            Path(tmp).chmod(mode)
            with os.fdopen(fd, "wb") as handle:
                handle.write(content)
                handle.flush()
                os.fsync(handle.fileno())
            Path(tmp).replace(path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise CchcError(
            f"Không ghi được tệp “{path.as_posix()}”: {os_error_text(exc)}.",
            "Kiểm tra thư mục đích và quyền ghi.",
        ) from exc


def _default_mode() -> int:
    """0666 less the process umask, as `open(path, "w")` would create the file."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask
