"""Report template errors in Vietnamese: which template, which line, what went wrong.

Jinja's messages are matched and said again in Vietnamese; an unknown one keeps Jinja's
detail in brackets after a Vietnamese lead, so nothing is lost.
"""

from __future__ import annotations

import re
from pathlib import Path


class TemplateFileError(Exception):
    """A template file that could not be read: not UTF-8, or no permission."""

    def __init__(self, path: Path, error: OSError | UnicodeDecodeError) -> None:
        super().__init__(str(path))
        self.path = path
        self.error = error


def sentence(text: str) -> str:
    """`text` ending in exactly one full stop (Jinja's messages bring their own)."""
    text = text.rstrip()
    return text if text.endswith((".", "?", "!", "…")) else text + "."


_JINJA_MESSAGES: list[tuple[re.Pattern[str], str]] = [
    (
        re.compile(r"^'([^']+)' is undefined$"),
        "“{0}” chưa được định nghĩa: không có tên này trong dữ liệu báo cáo",
    ),
    (
        re.compile(r"^'[^']+' has no attribute '([^']+)'$"),
        "không có trường “{0}” trong dữ liệu báo cáo",
    ),
    (re.compile(r"^'[^']+' object has no attribute '([^']+)'$"), "không có trường “{0}”"),
    (re.compile(r"^(.+) has no element (.+)$"), "không có phần tử {1}"),
    (
        re.compile(
            r"^Unexpected end of template\. Jinja was looking for the following tags: .*?'(end\w+)'"
            r"[^.]*\. The innermost block that needs to be closed is '(\w+)'\.$"
        ),
        "mẫu kết thúc khi khối “{{% {1} %}}” chưa đóng (thiếu “{{% {0} %}}”)",
    ),
    (re.compile(r"^Unexpected end of template\.?"), "mẫu kết thúc giữa chừng (thiếu thẻ đóng)"),
    (
        re.compile(
            r"^Encountered unknown tag '(\w+)'\. Jinja was looking for the following tags: "
            r".*?'(end\w+)'[^.]*\. The innermost block that needs to be closed is '(\w+)'\.$"
        ),
        "gặp “{{% {0} %}}” khi khối “{{% {2} %}}” chưa đóng (cần “{{% {1} %}}” trước)",
    ),
    (
        re.compile(r"^Encountered unknown tag '(end\w*)'\.?.*$"),
        "thẻ đóng “{{% {0} %}}” không khớp với khối nào đang mở",
    ),
    (
        re.compile(r"^Encountered unknown tag '(\w+)'\.?.*$"),
        "không có thẻ “{{% {0} %}}” trong Jinja",
    ),
    (re.compile(r"^unexpected char '(.+)' at \d+$"), "ký tự “{0}” không dùng được ở đây"),
    (re.compile(r"^unexpected '(.+)'$"), "gặp “{0}” không đúng chỗ"),
    (re.compile(r"^No filter named '([^']+)'\.?"), "không có bộ lọc “{0}”"),
    (re.compile(r"^No test named '([^']+)'\.?"), "không có phép thử “{0}”"),
    (re.compile(r"^expected name or number$"), "sau dấu chấm cần một tên hoặc một số"),
    (
        re.compile(r"^expected token '(.+)', got '(.+)'$"),
        "viết sai: cần “{0}” nhưng gặp “{1}”",
    ),
    (
        re.compile(r"^access to attribute '([^']+)' of '[^']+' object is unsafe\.?$"),
        "không được dùng thuộc tính “{0}” trong mẫu",
    ),
]


def explain(exc: BaseException) -> str:
    """What went wrong in a template, in Vietnamese (Jinja's detail kept when not known)."""
    from jinja2 import TemplateNotFound, TemplateSyntaxError, UndefinedError
    from jinja2.exceptions import SecurityError

    if isinstance(exc, TemplateNotFound):
        return f"không tìm thấy mẫu “{exc.name}”"
    if isinstance(exc, TemplateFileError):
        return f"không đọc được tệp “{exc.path.name}”"
    if isinstance(exc, ZeroDivisionError):
        return "chia cho 0"
    message = str(getattr(exc, "message", None) or exc).strip()
    for pattern, template in _JINJA_MESSAGES:
        if match := pattern.match(message):
            return template.format(*match.groups())
    if isinstance(exc, TemplateSyntaxError):
        return f"sai cú pháp Jinja ({message.rstrip('.')})"
    if isinstance(exc, UndefinedError):
        return f"dùng tên không có trong dữ liệu báo cáo ({message.rstrip('.')})"
    if isinstance(exc, SecurityError):
        return f"thao tác không được phép trong mẫu ({message.rstrip('.')})"
    if isinstance(exc, TypeError):
        return f"phép tính hay lời gọi dùng sai kiểu dữ liệu ({message.rstrip('.')})"
    if isinstance(exc, (ValueError, ArithmeticError, LookupError)):
        return f"giá trị không dùng được trong phép tính ({type(exc).__name__}: {message})"
    detail = f"{type(exc).__name__}: {message}" if message else type(exc).__name__
    return f"lỗi khi điền dữ liệu vào mẫu ({detail.rstrip('.')})"
