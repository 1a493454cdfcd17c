"""libyaml's syntax errors, said in Vietnamese with a hint that fits each one."""

from __future__ import annotations

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
