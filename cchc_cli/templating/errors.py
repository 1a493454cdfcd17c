"""Template errors in Vietnamese: which template, which line, what went wrong.

Jinja's messages are matched and said again in Vietnamese; an unknown one keeps Jinja's
detail in brackets after a Vietnamese lead, so nothing is lost. Reports and the dashboard
page use the same wording (`kind` names which template it is).
"""

from __future__ import annotations

import re
import traceback
from pathlib import Path

from cchc_cli.errors import CchcError
from cchc_cli.templating import is_limit_error
from cchc_cli.templating.files import (
    ENCODING,
    OVERRIDE_DIR,
    TemplateFileError,
    builtin_dir,
    shown_template,
)
from cchc_cli.text_vi import os_error_text

REPORT = "mẫu báo cáo"


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
    if is_limit_error(exc):
        return str(exc)
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


def template_error(
    exc: Exception, name: str, root: Path | None, *, kind: str = REPORT
) -> CchcError:
    """A Vietnamese error naming the template file and line where `exc` happened.

    `kind` names the template in the message: ``mẫu báo cáo``, ``mẫu trang tổng quan``.
    """
    from jinja2 import TemplateSyntaxError

    path: str | None = None
    line: int | None = None
    if isinstance(exc, TemplateFileError):
        return _file_error(exc, root, kind)
    if isinstance(exc, TemplateSyntaxError):
        path, line = exc.filename, exc.lineno
    else:
        frames = [f for f in traceback.extract_tb(exc.__traceback__) if _is_template(f.filename)]
        if frames:
            path, line = frames[-1].filename, frames[-1].lineno
    where = shown_template(path, name, root)
    at = f", dòng {line}" if line else ""
    return CchcError(
        sentence(f"Lỗi trong {kind} “{where}”{at}: {explain(exc)}"),
        _built_in_hint(kind)
        if _is_built_in(path, name, root)
        else f"Sửa mẫu, hoặc xoá tệp đó trong thư mục {OVERRIDE_DIR}/ để dùng mẫu có sẵn.",
    )


def _is_built_in(path: str | None, name: str, root: Path | None) -> bool:
    """Whether the failing template is cchc's own: its frame says so, or, without a frame
    (a limit hit while writing the output), the repository has no override of that name."""
    if path:
        return builtin_dir() in Path(path).parents
    return root is None or not (root / OVERRIDE_DIR / name).is_file()


def _built_in_hint(kind: str) -> str:
    return (
        f"Đây là {kind} có sẵn của cchc, không phải mẫu của kho dữ liệu: dữ liệu đã làm nó "
        "vượt giới hạn hoặc gặp lỗi. Hãy gửi lệnh vừa chạy và thông báo này cho người quản "
        "trị cchc."
    )


def _file_error(exc: TemplateFileError, root: Path | None, kind: str) -> CchcError:
    where = shown_template(str(exc.path), exc.path.name, root)
    error = exc.error
    if isinstance(error, UnicodeDecodeError):
        line = _bad_byte_line(exc.path)
        at = f" (dòng {line})" if line else ""
        return CchcError(
            f"{kind.capitalize()} “{where}” không phải văn bản UTF-8{at}.",
            "Mở tệp bằng trình soạn thảo (VS Code, Notepad) và lưu lại với bảng mã UTF-8.",
        )
    return CchcError(
        f"Không đọc được {kind} “{where}”: {os_error_text(error)}.",
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
