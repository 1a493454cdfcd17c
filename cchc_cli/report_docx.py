"""The Word (docx) report: a docxtpl template rendered with the report's strict environment.

docxtpl (an optional dependency: ``pip install 'cchc[docx]'``) is imported only here, only
when a docx report is asked for. The text is XML-escaped (a docx is XML, whatever the
environment's HTML-only autoescape says), and the zip is rewritten with fixed timestamps so
that the same data gives the same bytes.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cchc_cli.errors import CchcError

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
    from cchc_cli.report import shown_template, template_error
    from cchc_cli.report_errors import TemplateFileError

    try:
        from docxtpl import DocxTemplate
    except ImportError as exc:
        raise CchcError(
            "Chưa cài thư viện docxtpl để xuất báo cáo Word (docx).",
            "Cài bằng: pip install 'cchc[docx]', hoặc chọn --format md hay html.",
        ) from exc
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
        raise _docx_error(exc, shown) from exc
    return reproducible_zip(buffer.getvalue())


def _docx_error(exc: Exception, shown: str) -> CchcError:
    from jinja2 import TemplateError

    from cchc_cli.report_errors import explain, sentence

    if isinstance(exc, TemplateError):
        what = explain(exc)
    elif type(exc).__name__ == "XMLSyntaxError":  # lxml's, without importing lxml here
        what = (
            "sau khi điền dữ liệu, nội dung Word không còn hợp lệ; thường do một thẻ Jinja bị "
            "Word tách làm nhiều đoạn định dạng, hay thẻ {%p %}, {%tr %} đặt sai chỗ "
            f"(chi tiết: {str(exc).rstrip('.')})"
        )
    elif isinstance(exc, (zipfile.BadZipFile, KeyError)):
        what = "không phải tệp Word (.docx) hợp lệ"
    else:
        what = explain(exc)
    near = " ".join(" ".join(getattr(exc, "docx_context", [])).split())
    where = f", gần đoạn “{near[:120]}”" if near else ""
    return CchcError(
        sentence(f"Lỗi trong mẫu báo cáo “{shown}”{where}: {what}"),
        "Sửa mẫu trong Word (gõ lại cả thẻ Jinja trong một lần, không định dạng giữa thẻ), "
        "hoặc xoá tệp đó trong thư mục templates/ để dùng mẫu có sẵn.",
    )
