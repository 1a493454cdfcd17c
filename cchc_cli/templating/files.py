"""Where templates come from: the data repository's ``templates/``, else the built-in ones.

The built-in templates live in the repository's top-level ``templates/`` folder, their one
source. A wheel carries them as ``cchc_cli/templates/`` (pyproject's ``force-include``); a
source checkout or editable install reads the top-level folder itself. A data repository's
own ``templates/`` folder overrides any of them by a file of the same path (the report
templates of `cchc_cli.report.templates`, the dashboard page of `cchc_cli.status.html`).

`loader` is the Jinja loader of that lookup; `TemplateFileError` names a template file that
could not be read (`cchc_cli.templating.errors` words it).
"""

from __future__ import annotations

import os
import stat
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cchc_cli.errors import CchcError
from cchc_cli.text_vi import os_error_text

if TYPE_CHECKING:
    from jinja2 import BaseLoader

OVERRIDE_DIR = "templates"
ENCODING = "utf-8-sig"  # templates are UTF-8; a BOM (Notepad) is allowed
_PACKAGE = Path(__file__).resolve().parents[1]
_MARKER = "report.md.j2"


class TemplateFileError(Exception):
    """A template file that could not be read: not UTF-8, or no permission."""

    def __init__(self, path: Path, error: OSError | UnicodeDecodeError) -> None:
        super().__init__(str(path))
        self.path = path
        self.error = error


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


def check_override(root: Path, name: str, kind: str = "mẫu báo cáo") -> bool:
    """Whether the repository overrides template `name`: True for a regular file (or a link
    to one), False when there is nothing at its place, and a `CchcError` for anything else
    (a folder, a broken link, a pipe…), which must never silently mean the built-in one.
    `kind` names the template in messages (``mẫu báo cáo``, ``mẫu trang tổng quan``)."""
    path = root / OVERRIDE_DIR / name
    shown = f"{kind[0].upper()}{kind[1:]} “{OVERRIDE_DIR}/{name}”"
    hint = "Đặt tệp mẫu vào đúng chỗ đó, hoặc xoá nó để dùng mẫu có sẵn của cchc."
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        if path.is_symlink():
            raise CchcError(f"{shown} là liên kết tới tệp không tồn tại.", hint) from None
        return False
    except OSError as exc:
        where = f"{kind} “{OVERRIDE_DIR}/{name}”"
        raise CchcError(f"Không đọc được {where}: {os_error_text(exc)}.", hint) from exc
    if stat.S_ISDIR(mode):
        raise CchcError(f"{shown} là một thư mục, không phải tệp.", hint)
    if not stat.S_ISREG(mode):
        raise CchcError(f"{shown} không phải tệp thông thường.", hint)
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
        if builtin_dir() in file.parents:
            return f"{file.relative_to(builtin_dir()).as_posix()} (mẫu có sẵn của cchc)"
        return file.as_posix()
    return name


def has_overrides(root: Path | None) -> bool:
    """Whether `root` has a ``templates/`` folder with anything in it: then a document may
    run the repository's own template code, which is bounded (`templating.steps`)."""
    folder = root / OVERRIDE_DIR if root is not None else None
    try:
        return folder is not None and folder.is_dir() and any(folder.iterdir())
    except OSError:
        return True


def loader(root: Path | None) -> BaseLoader:
    """The Jinja loader of the lookup: `root`'s ``templates/`` folder, then the built-in one.

    A file that exists but cannot be read raises `TemplateFileError` naming it.
    """
    from jinja2 import ChoiceLoader, FileSystemLoader, TemplateNotFound

    class NamingLoader(FileSystemLoader):
        """A FileSystemLoader whose read errors name the file (`TemplateFileError`)."""

        def get_source(self, environment: Any, template: str) -> Any:
            try:
                return super().get_source(environment, template)
            except TemplateNotFound:  # an OSError too: the next folder is tried
                raise
            except (OSError, UnicodeDecodeError) as exc:
                folder = Path(self.searchpath[0])
                raise TemplateFileError(folder.joinpath(*template.split("/")), exc) from exc

    folders = [root / OVERRIDE_DIR] if root is not None else []
    return ChoiceLoader([NamingLoader(f, encoding=ENCODING) for f in [*folders, builtin_dir()]])
