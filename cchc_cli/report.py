"""Periodic report drafts: the Jinja environment, `render()`, and where the output goes.

Templates are looked up first in the data repository's ``templates/`` folder (staff may
override any built-in template by a file of the same name), then in the built-in templates
shipped in ``cchc_cli/templates/``:

- ``report.md.j2``: Markdown;
- ``report.html.j2``: one self-contained printable HTML page (autoescaped);
- ``report.docx``: a Word file with docxtpl tags (see ``scripts/make_docx_template.py``).

Jinja runs sandboxed with `StrictUndefined`, so a typo in a template is a `CchcError` naming
the template and the line, never a blank in the output or a traceback.

Rendering is deterministic: the same data, period, date and commit give the same bytes.
Only the CLI writes files (with `cchc_cli.fileio.write_atomic`).
"""

from __future__ import annotations

import os
import subprocess
import traceback
from dataclasses import dataclass, fields
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cchc_cli.errors import CchcError, UsageError, os_error_text
from cchc_cli.models import parse_date
from cchc_cli.periods import DEFAULT_CODE, ReportPeriod, report_period
from cchc_cli.report_errors import TemplateFileError, explain, sentence
from cchc_cli.report_format import FILTERS, placeholder

if TYPE_CHECKING:
    from jinja2.sandbox import SandboxedEnvironment

    from cchc_cli.loader import Dataset
    from cchc_cli.report_model import Report

BUILTIN_DIR = Path(__file__).parent / "templates"
OVERRIDE_DIR = "templates"
TEMPLATES = {"md": "report.md.j2", "html": "report.html.j2", "docx": "report.docx"}
FORMATS = tuple(TEMPLATES)
DEFAULT_FORMAT = "md"
STDOUT = "-"
ENCODING = "utf-8-sig"  # templates are UTF-8; a BOM (Notepad) is allowed


@dataclass(frozen=True, slots=True)
class Request:
    """A checked `cchc report` request."""

    period: ReportPeriod
    fmt: str
    issued: date | None
    output: Path | None  # None: standard output


def plan_request(
    dataset: Dataset,
    *,
    year: int,
    period: str = DEFAULT_CODE,
    fmt: str = DEFAULT_FORMAT,
    output: str | None = None,
    issued: str | None = None,
) -> Request:
    """Check the options against the data; `UsageError` for a wrong one."""
    chosen = fmt.strip().lower()
    if chosen not in TEMPLATES:
        raise UsageError(
            f"Định dạng “{fmt}” không hợp lệ.", "Chọn một trong: " + ", ".join(FORMATS) + "."
        )
    plan = dataset.plan
    which = report_period(period, year, plan.period if plan else None)
    target: Path | None
    if output == STDOUT:
        if chosen == "docx":
            raise UsageError(
                "Không thể ghi tệp Word (docx) ra màn hình.",
                "Dùng --output TỆP.docx, hoặc bỏ --output để ghi vào thư mục reports/.",
            )
        target = None
    elif output:
        target = Path(output)
    else:
        target = dataset.root / "reports" / f"{which.slug}.{chosen}"
    return Request(which, chosen, parse_issued(issued), target)


def parse_issued(text: str | None) -> date | None:
    """The ``--date`` option (dd/mm/yyyy), or None."""
    if text is None:
        return None
    try:
        value = parse_date(text)
    except ValueError:
        value = None
    if not isinstance(value, date):
        raise UsageError(f"Ngày “{text}” không hợp lệ.", "Viết ngày theo dạng dd/mm/yyyy.")
    return value


def git_commit(folder: Path) -> str | None:
    """The short commit of the git repository holding `folder`, marked when `folder` has
    uncommitted changes; None outside git (or without git)."""

    def run(*args: str) -> str | None:
        # git writes file names in UTF-8 (or raw bytes) whatever the locale: decode as UTF-8,
        # never fail on it. No git, not a repository, a timeout: no commit in the stamp.
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


def environment(root: Path | None) -> SandboxedEnvironment:
    """The one Jinja environment of reports: sandboxed, strict, autoescaped for HTML only.

    `root` is the data repository; its ``templates/`` folder wins over the built-in one.
    """
    from jinja2 import (
        ChoiceLoader,
        FileSystemLoader,
        StrictUndefined,
        TemplateNotFound,
        select_autoescape,
    )
    from jinja2.sandbox import SandboxedEnvironment

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
    env = SandboxedEnvironment(
        loader=ChoiceLoader([NamingLoader(f, encoding=ENCODING) for f in [*folders, BUILTIN_DIR]]),
        undefined=StrictUndefined,
        autoescape=select_autoescape(
            enabled_extensions=("html", "htm", "html.j2"), default_for_string=False, default=False
        ),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(FILTERS)
    env.globals["placeholder"] = placeholder
    return env


def template_context(report: Report) -> dict[str, Any]:
    """The names a template sees: the fields of `Report`."""
    return {f.name: getattr(report, f.name) for f in fields(report)}


def template_file(root: Path | None, name: str) -> Path:
    """The file a template name resolves to (the override if there is one)."""
    if root is not None and (root / OVERRIDE_DIR / name).is_file():
        return root / OVERRIDE_DIR / name
    return BUILTIN_DIR / name


def _override(root: Path | None, name: str) -> Path:
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


def render(report: Report, fmt: str, root: Path | None) -> str | bytes:
    """The report as text (md, html) or bytes (docx). Template errors are `CchcError`s."""
    name = TEMPLATES[fmt]
    check_override_dir(root)
    env = environment(root)
    if fmt == "docx":
        from cchc_cli.report_docx import render_docx

        try:
            file = template_file(root, name)
        except OSError as exc:
            raise template_error(TemplateFileError(_override(root, name), exc), name, root) from exc
        return render_docx(file, template_context(report), env, root)
    try:
        return env.get_template(name).render(template_context(report))
    except Exception as exc:  # a user's template can fail in any way: report, never crash
        raise template_error(exc, name, root) from exc


def shown_template(path: str | None, name: str, root: Path | None) -> str:
    """A template's name as the user knows it: ``templates/report.md.j2`` or the built-in."""
    if path:
        file = Path(path)
        if root is not None:
            try:
                return file.resolve().relative_to(root.resolve()).as_posix()
            except ValueError:
                pass
        if file.parent == BUILTIN_DIR:
            return f"{file.name} (mẫu có sẵn của cchc)"
        return file.as_posix()
    return name


def template_error(exc: Exception, name: str, root: Path | None) -> CchcError:
    """A Vietnamese error naming the template file and line where `exc` happened."""
    from jinja2 import TemplateSyntaxError

    path: str | None = None
    line: int | None = None
    if isinstance(exc, TemplateFileError):
        return _file_error(exc, root)
    if isinstance(exc, TemplateSyntaxError):
        path, line = exc.filename, exc.lineno
    else:
        frames = [f for f in traceback.extract_tb(exc.__traceback__) if _is_template(f.filename)]
        if frames:
            path, line = frames[-1].filename, frames[-1].lineno
    where = shown_template(path, name, root)
    at = f", dòng {line}" if line else ""
    return CchcError(
        sentence(f"Lỗi trong mẫu báo cáo “{where}”{at}: {explain(exc)}"),
        f"Sửa mẫu, hoặc xoá tệp đó trong thư mục {OVERRIDE_DIR}/ để dùng mẫu có sẵn.",
    )


def _file_error(exc: TemplateFileError, root: Path | None) -> CchcError:
    where = shown_template(str(exc.path), exc.path.name, root)
    error = exc.error
    if isinstance(error, UnicodeDecodeError):
        line = _bad_byte_line(exc.path)
        at = f" (dòng {line})" if line else ""
        return CchcError(
            f"Mẫu báo cáo “{where}” không phải văn bản UTF-8{at}.",
            "Mở tệp bằng trình soạn thảo (VS Code, Notepad) và lưu lại với bảng mã UTF-8.",
        )
    return CchcError(
        f"Không đọc được mẫu báo cáo “{where}”: {os_error_text(error)}.",
        "Cấp quyền đọc tệp đó cho người chạy lệnh, hoặc xoá tệp để dùng mẫu có sẵn.",
    )


def _bad_byte_line(path: Path) -> int | None:
    """The line of the first byte that is not UTF-8 in `path`, or None."""
    try:
        path.read_bytes().decode(ENCODING)
    except UnicodeDecodeError as exc:
        return exc.object[: exc.start].count(b"\n") + 1
    except OSError:
        return None
    return None


def _is_template(filename: str) -> bool:
    return not filename.endswith(".py") and not filename.startswith("<frozen")


def make_report(dataset: Dataset, request: Request) -> str | bytes:
    """The report `request` asks for, on valid data; a `CchcError` when the data has errors."""
    from cchc_cli.errors import has_errors
    from cchc_cli.report_context import build

    if has_errors(dataset.problems):
        count = sum(p.is_error for p in dataset.problems)
        raise CchcError(
            f"Dữ liệu có {count} lỗi: không lập báo cáo từ dữ liệu sai.",
            "Chạy “cchc validate” để xem và sửa các lỗi.",
        )
    commit = git_commit(dataset.data_dir)
    report = build(dataset, request.period, issued=request.issued, commit=commit)
    return render(report, request.fmt, dataset.root)
