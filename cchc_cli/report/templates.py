"""Where report templates come from: the data repository's ``templates/``, else the built-in.

The built-in templates live in the repository's top-level ``templates/`` folder, their one
source. A wheel carries them as ``cchc_cli/templates/`` (pyproject's ``force-include``); a
source checkout or editable install reads the top-level folder itself. A data repository's
own ``templates/`` folder overrides any of them by a file of the same name:

- ``report.md.j2``: Markdown;
- ``report.html.j2``: one self-contained printable HTML page (autoescaped);
- ``report.docx``: a Word file with docxtpl tags (see ``scripts/make_docx_template.py``).
"""

from __future__ import annotations

import os
import stat
from functools import cache
from pathlib import Path

from cchc_cli.errors import CchcError
from cchc_cli.text_vi import os_error_text

OVERRIDE_DIR = "templates"
TEMPLATES = {"md": "report.md.j2", "html": "report.html.j2", "docx": "report.docx"}
FORMATS = tuple(TEMPLATES)
DEFAULT_FORMAT = "md"
ENCODING = "utf-8-sig"  # templates are UTF-8; a BOM (Notepad) is allowed
_PACKAGE = Path(__file__).resolve().parents[1]
_MARKER = TEMPLATES["md"]


@cache
def builtin_dir() -> Path:
    """The folder of the built-in templates: inside the installed package (a wheel), else
    the top-level ``templates/`` of the source tree (an editable install or a checkout)."""
    for folder in (_PACKAGE / "templates", _PACKAGE.parent / "templates"):
        if (folder / _MARKER).is_file():
            return folder
    raise CchcError(
        "Không tìm thấy các mẫu báo cáo có sẵn của cchc (bản cài đặt thiếu tệp).",
        "Cài lại cchc (pip install --force-reinstall cchc).",
    )


def template_file(root: Path | None, name: str) -> Path:
    """The file a template name resolves to: the repository's own copy if there is one
    (`check_override`), else the built-in one."""
    if root is not None and check_override(root, name):
        return root / OVERRIDE_DIR / name
    return builtin_dir() / name


def check_override(root: Path, name: str) -> bool:
    """Whether the repository overrides template `name`: True for a regular file (or a link
    to one), False when there is nothing at its place, and a `CchcError` for anything else
    (a folder, a broken link, a pipe…), which must never silently mean the built-in one."""
    path = root / OVERRIDE_DIR / name
    shown = f"{OVERRIDE_DIR}/{name}"
    hint = "Đặt tệp mẫu vào đúng chỗ đó, hoặc xoá nó để dùng mẫu có sẵn của cchc."
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        if path.is_symlink():
            raise CchcError(
                f"Mẫu báo cáo “{shown}” là liên kết tới tệp không tồn tại.", hint
            ) from None
        return False
    except OSError as exc:
        raise CchcError(
            f"Không đọc được mẫu báo cáo “{shown}”: {os_error_text(exc)}.", hint
        ) from exc
    if stat.S_ISDIR(mode):
        raise CchcError(f"Mẫu báo cáo “{shown}” là một thư mục, không phải tệp.", hint)
    if not stat.S_ISREG(mode):
        raise CchcError(f"Mẫu báo cáo “{shown}” không phải tệp thông thường.", hint)
    return True


def override_path(root: Path | None, name: str) -> Path:
    """Where the repository's own copy of template `name` would be."""
    return (root if root is not None else Path()) / OVERRIDE_DIR / name


def check_override_dir(root: Path | None) -> None:
    """A `CchcError` when the repository's ``templates/`` folder exists but cannot be read.

    Jinja would skip such a folder silently and use the built-in templates instead.
    """
    if root is None:
        return
    folder = root / OVERRIDE_DIR
    try:
        if not folder.is_dir():
            return
        with os.scandir(folder) as entries:
            next(entries, None)
    except OSError as exc:
        raise CchcError(
            f"Không đọc được thư mục mẫu báo cáo “{OVERRIDE_DIR}/”: {os_error_text(exc)}.",
            "Cấp quyền đọc thư mục đó cho người chạy lệnh, hoặc đổi tên thư mục để dùng mẫu "
            "có sẵn.",
        ) from exc


def shown_template(path: str | None, name: str, root: Path | None) -> str:
    """A template's name as the user knows it: ``templates/report.md.j2`` or the built-in."""
    if path:
        file = Path(path)
        if root is not None:
            try:
                return file.resolve().relative_to(root.resolve()).as_posix()
            except ValueError:
                pass
        if file.parent == builtin_dir():
            return f"{file.name} (mẫu có sẵn của cchc)"
        return file.as_posix()
    return name
