"""Pydantic validation errors as located, Vietnamese problems."""

from __future__ import annotations

import difflib
import re
import types
import typing
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails
from yaml.nodes import Node, ScalarNode

from cchc_cli.errors import Loc, Problem
from cchc_cli.models.base import PERIOD_PATTERN, YEARS_PATTERN
from cchc_cli.read.locate import find_node

_QUOTE_HINT = 'Nếu đây là chữ, hãy đặt trong dấu nháy kép, ví dụ “"Có"”.'
_ROOT_HINT = "Tệp bắt đầu bằng khoá của loại tệp, ví dụ “tasks:” rồi danh sách các mục."
_DATE_HINT = "Viết ngày dạng dd/mm/yyyy (15/12/2024) hoặc yyyy-mm-dd (2024-12-15)."
_PATTERN_MESSAGES = {
    r"^[a-z0-9][a-z0-9-]*$": (
        "Mã “{input}” không hợp lệ.",
        "Mã chỉ gồm chữ thường không dấu, chữ số và dấu “-”, ví dụ “van-phong”.",
    ),
    r"^[A-Za-z0-9][A-Za-z0-9._-]*$": (
        "Mã nhiệm vụ “{input}” không hợp lệ.",
        "Mã nhiệm vụ gồm chữ không dấu, chữ số và các dấu “-”, “_”, “.”, ví dụ “VP-01”.",
    ),
    YEARS_PATTERN: (
        "Năm áp dụng “{input}” không hợp lệ.",
        "Viết một năm (2025) hoặc một khoảng năm (“2021-2030”).",
    ),
    r"^[0-9A-Za-z]+(\.[0-9A-Za-z]+)*$": (
        "Số thứ tự tiêu chí “{input}” không hợp lệ.",
        'Viết như trong bộ tiêu chí, các cấp cách nhau bằng dấu chấm, ví dụ "1.1.2".',
    ),
    PERIOD_PATTERN: (
        "Kỳ “{input}” không hợp lệ.",
        "Viết năm (2024) cho nhiệm vụ hằng năm, hoặc “2024-Q1” … “2024-Q4” cho hằng quý.",
    ),
    r"^[0-9]{4}-(0[1-9]|1[0-2]|Q[1-4])$": (
        "Kỳ số liệu “{input}” không hợp lệ.",
        "Viết tháng “2024-03” (tháng 3 năm 2024) hoặc quý “2024-Q1” … “2024-Q4”.",
    ),
    # models.statistics.PHRASE_PATTERN (that module is imported only for statistics)
    r"^[^{}]*\{số\}[^{}]*$": (
        "Câu “{input}” cần đúng một chỗ “{{số}}” để đặt con số.",
        "Viết “{số}” ở chỗ con số, ví dụ “tiếp nhận mới {số} hồ sơ”; không dùng dấu "
        "ngoặc nhọn ở chỗ khác.",
    ),
}
_NUMBER_TEXT = re.compile(r"^\s*-?[\d.,\s]+%?\s*$")
_NUMBER_HINT = (
    "Viết số không có dấu ngăn cách hàng nghìn và không có “%” (4131, 99.5); phần thập phân "
    "dùng dấu chấm."
)


def date_hint(written: str) -> str:
    """How to write a date, naming digits that are not 0-9 when `written` holds some."""
    odd = [ch for ch in written if ch.isdigit() and not ch.isascii()]
    if odd:
        return (
            f"Ngày có chữ số “{odd[0]}” (U+{ord(odd[0]):04X}) không phải chữ số 0-9 thường "
            "(chữ số toàn khổ hay chữ số Ả Rập, thường do bộ gõ): gõ lại bằng bàn phím số. "
            + _DATE_HINT
        )
    return _DATE_HINT


def _field_names(model: type[BaseModel] | None) -> list[str]:
    return list(model.model_fields) if model is not None else []


def _unwrap(annotation: Any) -> Any:
    """The model inside ``list[M]``, ``M | None`` and ``Annotated[M, ...]``."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (list, typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            annotation = args[0] if args else None
        else:
            return annotation


def model_at(root: type[BaseModel], loc: Loc) -> type[BaseModel] | None:
    """The model class that holds the fields at `loc`, if any."""
    current: Any = root
    for step in loc:
        if isinstance(step, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return None
        field = current.model_fields.get(step)
        if field is None:
            return None
        current = _unwrap(field.annotation)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return current
    return None


def _show(value: Any) -> str:
    text = repr(value) if not isinstance(value, str) else value
    return text if len(text) <= 60 else text[:57] + "…"


def describe(
    error: ErrorDetails, model: type[BaseModel], written: str | None = None
) -> tuple[str, str, str]:
    """``(code, message, hint)`` in Vietnamese for one pydantic error.

    `written` is the value as the user typed it, when known (YAML reads ``No`` as false).
    """
    kind = error["type"]
    loc = error["loc"]
    field = str(loc[-1]) if loc else ""
    ctx: dict[str, Any] = dict(error.get("ctx") or {})
    shown = _show(written if written is not None else error.get("input"))
    if kind == "missing":
        return "missing-field", f"Thiếu trường bắt buộc “{field}”.", f"Thêm dòng “{field}: …”."
    if kind == "extra_forbidden":
        allowed = _field_names(model_at(model, loc[:-1]))
        close = difflib.get_close_matches(field, allowed, n=1)
        hint = (
            f"Có phải ý bạn là “{close[0]}”?"
            if close
            else "Các trường hợp lệ: " + ", ".join(allowed) + "."
            if allowed
            else ""
        )
        if not close and not field.isascii():
            hint = (
                "Nếu đây là phần sau dấu phẩy của một giá trị viết trong “{…}”, "
                "hãy đặt cả giá trị trong dấu nháy kép. " + hint
            )
        return "unknown-field", f"Trường “{field}” không có trong mẫu dữ liệu.", hint
    if kind in {"value_error", "date_type", "date_parsing", "date_from_datetime_inexact"}:
        return "invalid-date", f"Ngày “{shown}” không hợp lệ.", date_hint(shown)
    if kind == "blank_text":
        return (
            "empty-value",
            f"Trường “{field}” chỉ có dấu cách hoặc ký tự vô hình.",
            "Ghi nội dung thật; ký tự vô hình (dấu cách rộng 0, U+200B…) thường do chép từ "
            "trang web hay Word.",
        )
    if kind == "finite_number":
        return (
            "invalid-value",
            f"Giá trị “{shown}” phải là một số cụ thể.",
            "Không dùng .inf hay .nan; ghi số đo được, hoặc bỏ dòng này nếu chưa có số liệu.",
        )
    if kind == "invalid_key":
        return "bad-key", "Khoá phải là tên trường (chữ).", ""
    if kind == "string_pattern_mismatch":
        message, hint = _PATTERN_MESSAGES.get(
            str(ctx.get("pattern")), ("Giá trị “{input}” sai định dạng.", "")
        )
        return "invalid-value", message.format(input=shown), hint
    if kind == "literal_error":
        return (
            "invalid-value",
            f"Giá trị “{shown}” không hợp lệ.",
            "Chỉ nhận một trong các giá trị: "
            + str(ctx.get("expected", "")).replace(" or ", " hoặc ")
            + ".",
        )
    if kind in {"string_too_short", "too_short"}:
        return "empty-value", f"Trường “{field}” không được để trống.", ""
    if kind in {"greater_than_equal", "greater_than", "less_than_equal", "less_than"}:
        bound = {
            "greater_than_equal": f"từ {ctx.get('ge')} trở lên",
            "greater_than": f"lớn hơn {ctx.get('gt')}",
            "less_than_equal": f"không quá {ctx.get('le')}",
            "less_than": f"nhỏ hơn {ctx.get('lt')}",
        }[kind]
        return "out-of-range", f"Giá trị {shown} nằm ngoài giới hạn: phải {bound}.", ""
    expected = {
        "string_type": "chữ (văn bản)",
        "int_type": "số nguyên",
        "int_parsing": "số nguyên",
        "int_from_float": "số nguyên",
        "float_type": "số",
        "float_parsing": "số",
        "bool_type": "true hoặc false",
        "list_type": "danh sách",
        "model_type": "một bảng các trường (khoá: giá trị)",
        "model_attributes_type": "một bảng các trường (khoá: giá trị)",
        "dict_type": "một bảng các trường (khoá: giá trị)",
    }.get(kind)
    if expected is not None:
        hint = {
            "string_type": _QUOTE_HINT,
            "list_type": "Viết “[a, b]”, hoặc mỗi mục một dòng bắt đầu bằng “- ”.",
        }.get(kind, "")
        if kind == "string_type" and isinstance(error.get("input"), bool):
            hint = f"YAML hiểu “{shown}” là giá trị đúng/sai. " + hint
        elif kind == "string_type" and isinstance(error.get("input"), (int, float)):
            # e.g. a criterion number: 1.1 unquoted is a number, and 1.10 becomes 1.1
            hint = f'YAML hiểu “{shown}” là một số. Đặt trong dấu nháy kép: "{shown}".'
        if kind == "float_type" and _NUMBER_TEXT.match(shown):
            hint = _NUMBER_HINT
        if isinstance(error.get("input"), (list, dict)):
            where = f"Trường “{field}”" if field else "Nội dung tệp"
            return "wrong-type", f"{where} phải là {expected}.", _ROOT_HINT if not loc else hint
        return "wrong-type", f"Giá trị “{shown}” phải là {expected}.", hint
    return "invalid-value", f"Giá trị “{shown}” không hợp lệ.", str(error.get("msg", ""))


def validation_problems(
    exc: ValidationError,
    model: type[BaseModel],
    path: str,
    tree: Node | None,
    prefix: Loc = (),
) -> list[Problem]:
    """One located problem per pydantic error; `prefix` is the item's place in the file."""
    problems = []
    for error in exc.errors(include_url=False):
        loc = prefix + tuple(error["loc"])
        node = find_node(tree, loc, want_key=error["type"] == "extra_forbidden") if tree else None
        written = node.value if isinstance(node, ScalarNode) else None
        code, message, hint = describe(error, model, written)
        line, col = (node.start_mark.line + 1, node.start_mark.column + 1) if node else (1, 1)
        problems.append(Problem(path, line, col, code, message, hint, loc=loc))
    return problems
