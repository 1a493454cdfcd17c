"""Word report template errors in Vietnamese; the wording of every other template error is
`cchc_cli.templating.errors` (re-exported here for the report modules).
"""

from __future__ import annotations

import zipfile

from cchc_cli.errors import CchcError
from cchc_cli.templating.errors import explain, sentence, template_error
from cchc_cli.templating.files import TemplateFileError

__all__ = ["TemplateFileError", "docx_error", "template_error"]


def docx_error(exc: Exception, shown: str) -> CchcError:
    from jinja2 import TemplateError

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
