"""The reader's problems: libyaml's syntax errors in Vietnamese with a hint that fits each one,
and the limits crossed (too deep, too many values)."""

from __future__ import annotations

from typing import Any

import yaml

from cchc_cli.errors import Problem
from cchc_cli.text_vi import printable, thousands

_INDENT = "Kiểm tra thụt lề: các khoá cùng cấp phải thẳng cột, thụt bằng dấu cách (không dùng Tab)."
_QUOTE = "Nếu giá trị có dấu “: ” hoặc “ #”, hãy đặt cả giá trị trong dấu nháy kép."

# (substring of libyaml's problem, Vietnamese message, hint); the first match wins.
_MESSAGES: tuple[tuple[str, str, str], ...] = (
    (
        "mapping values are not allowed",
        "Dấu “:” xuất hiện ở chỗ không được phép.",
        _QUOTE + " Hoặc dòng trước thiếu dấu nháy đóng.",
    ),
    (
        "could not find expected ':'",
        "Thiếu dấu “:” sau tên khoá.",
        "Mỗi dòng dạng “khoá: giá trị”; giá trị nhiều dòng phải thụt vào sâu hơn khoá.",
    ),
    ("did not find expected key", "Dòng này không thẳng cột với các khoá cùng cấp.", _INDENT),
    (
        "did not find expected '-' indicator",
        "Mục của danh sách phải bắt đầu bằng “- ” và thẳng cột với các mục khác.",
        _INDENT,
    ),
    (
        "did not find expected node content",
        "Thiếu giá trị ở đây.",
        "Kiểm tra dấu “-”, “[”, “{” hay dấu nháy bị thừa hoặc chưa đóng.",
    ),
    (
        "did not find expected ',' or ']'",
        "Danh sách “[…]” chưa đóng hoặc thiếu dấu phẩy giữa các mục.",
        "Viết “[a, b]” trên một dòng; chữ có dấu phẩy đặt trong dấu nháy kép.",
    ),
    (
        "did not find expected ',' or '}'",
        "Bảng “{…}” chưa đóng hoặc thiếu dấu phẩy giữa các mục.",
        "Viết “{khoá: giá trị, khoá: giá trị}”; chữ có dấu phẩy đặt trong dấu nháy kép.",
    ),
    (
        "found unexpected end of stream",
        "Tệp kết thúc khi dấu nháy hay dấu ngoặc mở ở đây chưa được đóng.",
        "Thêm dấu nháy (hoặc ngoặc) đóng ở cuối giá trị.",
    ),
    (
        "found unknown escape character",
        "Trong dấu nháy kép, dấu “\\” phải đi với một ký tự đặc biệt (\\n, \\t, \\\\…).",
        "Đường dẫn Windows hay dấu “\\” thường: dùng dấu nháy đơn '…' hoặc viết “\\\\”.",
    ),
    (
        "tab character",
        "Dùng phím Tab để thụt lề.",
        "Thay Tab bằng dấu cách (VS Code: chọn “Spaces” ở góc dưới bên phải).",
    ),
    (
        "cannot start any token",
        "Ký tự này không được đứng đầu một giá trị (ví dụ “@”, “`”, “%” hay Tab).",
        "Đặt cả giá trị trong dấu nháy kép.",
    ),
    (
        "block sequence entries are not allowed",
        "Dấu “- ” của danh sách đặt sai chỗ.",
        "Danh sách bắt đầu ở dòng mới, dưới khoá của nó: “khoá:” rồi các dòng “  - mục”.",
    ),
    (
        "did not find expected comment or line break",
        "Sau giá trị có chữ thừa trên cùng dòng.",
        _QUOTE,
    ),
    (
        "found undefined tag handle",
        "Dấu “!” ở đầu giá trị được hiểu là thẻ kiểu.",
        "Đặt cả giá trị trong dấu nháy kép.",
    ),
    (
        "expected alphabetic or numeric character",
        "Dấu “&” hoặc “*” ở đầu giá trị được hiểu là neo hay tham chiếu.",
        "Đặt cả giá trị trong dấu nháy kép.",
    ),
    (
        "did not find expected <document start>",
        "Có nội dung thừa sau phần dữ liệu.",
        "Kiểm tra thụt lề của dòng này, hoặc xoá phần thừa.",
    ),
)
_FALLBACK = (
    "Lỗi cú pháp YAML.",
    _INDENT + " Kiểm tra dấu “:” sau mỗi khoá và các dấu nháy đóng mở. " + _QUOTE,
)


def vietnamese(problem: str) -> tuple[str, str]:
    """``(message, hint)`` for one libyaml problem text."""
    for needle, message, hint in _MESSAGES:
        if needle in problem:
            return message, hint
    return _FALLBACK


def points_at_start(problem: str) -> bool:
    """Whether the error is better shown where the unclosed thing began (its context)."""
    return "unexpected end of stream" in problem


def at_mark(path: str, mark: Any, code: str, message: str, hint: str = "") -> Problem:
    line = mark.line + 1 if mark is not None else 1
    col = mark.column + 1 if mark is not None else 1
    return Problem(path, line, col, code, message, hint)


def _code_point(character: int | str) -> int:
    return ord(character) if isinstance(character, str) else character


def syntax_problem(path: str, exc: yaml.YAMLError, text: str = "") -> Problem:
    """A libyaml error as a located Vietnamese problem."""
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    if isinstance(exc, yaml.reader.ReaderError):
        # libyaml gives the offset in the UTF-8 bytes it read, not in characters.
        read = text.encode("utf-8", "surrogatepass")[: max(0, exc.position)]
        position = len(read.decode("utf-8", "ignore"))
        line = text.count("\n", 0, position) + 1
        col = position - (text.rfind("\n", 0, position) + 1) + 1
        return Problem(
            path,
            line,
            col,
            "control-char",
            f"Tệp chứa ký tự điều khiển không được phép (mã U+{_code_point(exc.character):04X}).",
            "Xoá ký tự lạ (thường do chép từ Word hoặc PDF) rồi lưu lại.",
        )
    problem = str(getattr(exc, "problem", "") or "")
    if isinstance(exc, yaml.composer.ComposerError) and "single document" in (
        str(exc.context or "") + problem
    ):
        return at_mark(
            path,
            mark,
            "multi-document",
            "Mỗi tệp chỉ chứa một tài liệu YAML.",
            "Xoá dòng “---” thứ hai, hoặc tách phần sau ra một tệp riêng.",
        )
    if points_at_start(problem):
        mark = getattr(exc, "context_mark", None) or mark
    message, hint = vietnamese(problem)
    return at_mark(path, mark, "syntax", message, hint)


def control_in_value(path: str, node: Any, value: str, index: int) -> Problem:
    """A control character that an escape in a double-quoted value produced."""
    char = value[index]
    shown = printable(value if len(value) <= 60 else value[:57] + "…")
    return at_mark(
        path,
        node.start_mark,
        "control-char",
        f"Giá trị “{shown}” chứa ký tự điều khiển {printable(char)} (mã U+{ord(char):04X}, "
        f"vị trí {index + 1} trong giá trị).",
        "Ký tự điều khiển (viết “\\e”, “\\x1b”, “\\u001b”, “\\r”… trong dấu nháy kép) có "
        "thể đổi màu, xoá hay đổi tiêu đề cửa sổ lệnh; hãy xoá nó. Xuống dòng viết “\\n”.",
    )


def too_many_digits(path: str, node: Any, max_digits: int) -> Problem:
    """A number too long for any plan (and, over 4 300 digits, for Python to convert)."""
    return at_mark(
        path,
        node.start_mark,
        "out-of-range",
        f"Số quá lớn ({thousands(len(node.value))} chữ số; tối đa {max_digits}).",
        "Kiểm tra giá trị này: có thể bị dán nhầm hoặc lặp phím.",
    )


def too_deep(path: str, mark: Any) -> Problem:
    return at_mark(
        path,
        mark,
        "too-deep",
        "Tệp lồng nhau quá sâu.",
        "Dữ liệu CCHC chỉ cần vài tầng; hãy kiểm tra thụt lề và dấu “-”.",
    )


def too_many_nodes(path: str, mark: Any, max_nodes: int) -> Problem:
    return at_mark(
        path,
        mark,
        "too-deep",  # codes.py: "lồng nhau quá sâu, hoặc có quá nhiều phần tử"
        f"Tệp có quá nhiều giá trị (giới hạn {thousands(max_nodes)} giá trị mỗi tệp).",
        "Hãy chia tệp thành nhiều tệp nhỏ hơn; chỗ này là nơi vượt giới hạn.",
    )
