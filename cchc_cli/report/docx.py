"""The Word (docx) report: a docxtpl template rendered with the report's strict environment.

docxtpl (a dependency of cchc: ``pip install .`` writes Word files) is imported only here,
only when a docx report is asked for. The text is XML-escaped (a docx is XML, whatever the
environment's HTML-only autoescape says), and the zip is rewritten with fixed timestamps so
that the same data gives the same bytes.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cchc_cli.errors import CchcError
from cchc_cli.report.template_errors import TemplateFileError, docx_error, template_error
from cchc_cli.report.templates import shown_template

if TYPE_CHECKING:
    from jinja2.sandbox import SandboxedEnvironment

FIXED_DATE_TIME = (1980, 1, 1, 0, 0, 0)


def reproducible_zip(data: bytes) -> bytes:
    """`data` (a zip) rewritten with fixed timestamps and modes, entries in the same order."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            info = zipfile.ZipInfo(item.filename, date_time=FIXED_DATE_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, source.read(item.filename))
    return out.getvalue()


def render_docx(
    template: Path, context: dict[str, Any], env: SandboxedEnvironment, root: Path | None
) -> bytes:
    """The rendered Word file. Template problems become `CchcError`s naming the template."""
    from docxtpl import DocxTemplate

    shown = shown_template(str(template), template.name, root)
    try:
        with template.open("rb") as handle:
            handle.read(1)
    except OSError as exc:
        raise template_error(TemplateFileError(template, exc), template.name, root) from exc
    if not zipfile.is_zipfile(template):
        raise CchcError(
            f"Mẫu báo cáo “{shown}” không phải tệp Word (.docx) hợp lệ.",
            "Lưu lại mẫu bằng Word dạng .docx, hoặc xoá tệp đó trong thư mục templates/.",
        )
    try:
        document = DocxTemplate(str(template))
        document.render(context, jinja_env=env, autoescape=True)
        buffer = io.BytesIO()
        document.save(buffer)
    except Exception as exc:  # a user's template can fail in any way: report, never crash
        raise docx_error(exc, shown) from exc
    return reproducible_zip(buffer.getvalue())
