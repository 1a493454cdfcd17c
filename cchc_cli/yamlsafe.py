"""Strict YAML reading: bytes in, plain Python data and located problems out.

PyYAML's libyaml loader does the parsing. On top of it this module refuses what would let
a data file be silently wrong or dangerous: duplicate keys, anchors, aliases, merge keys,
explicit tags, impossible dates, non-UTF-8 bytes and several documents in one file. Every
refusal is a `Problem` with a line and column, never an exception.

Anchors, aliases and tags are looked for in the event stream only when the text holds one
of the characters that can start them, so clean files pay for one parse only.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Hashable
from typing import Any

import yaml
from yaml.constructor import ConstructorError
from yaml.nodes import MappingNode, Node, ScalarNode

from cchc_cli.errors import Problem

DEFAULT_MAX_BYTES = 5 * 1024 * 1024
DEFAULT_MAX_NODES = 1_000_000
MERGE_TAG = "tag:yaml.org,2002:merge"
PDF_ARTIFACTS = {"\u01a3": "ư", "\u01a2": "Ư"}
_BOM = b"\xef\xbb\xbf"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_EVENT_TRIGGERS = ("&", "*", "!")

_CLOSE_IN_QUOTES = "Nếu đây là chữ thường, hãy đặt cả giá trị trong dấu nháy kép."


def _mark(path: str, mark: Any, code: str, message: str, hint: str = "") -> Problem:
    line = mark.line + 1 if mark is not None else 1
    col = mark.column + 1 if mark is not None else 1
    return Problem(path, line, col, code, message, hint)


class _StrictLoader(yaml.CSafeLoader):
    """libyaml parser with a constructor that records problems instead of hiding them."""

    def __init__(self, text: str, path: str) -> None:
        super().__init__(text)
        self.path = path
        self.problems: list[Problem] = []

    def construct_mapping(self, node: MappingNode, deep: bool = False) -> dict[Hashable, Any]:
        mapping: dict[Hashable, Any] = {}
        first_seen: dict[Hashable, Node] = {}
        for key_node, value_node in node.value:
            if key_node.tag == MERGE_TAG:
                self.problems.append(
                    _mark(
                        self.path,
                        key_node.start_mark,
                        "merge-key",
                        "Không dùng khoá gộp “<<” trong tệp dữ liệu.",
                        "Hãy viết đầy đủ từng khoá; tệp cần đọc được mà không phải tra chỗ khác.",
                    )
                )
                continue
            key = self.construct_object(key_node, deep=deep)
            if not isinstance(key, Hashable):
                self.problems.append(
                    _mark(
                        self.path,
                        key_node.start_mark,
                        "bad-key",
                        "Khoá phải là một chữ đơn, không phải danh sách hay bảng.",
                    )
                )
                continue
            if key in first_seen:
                first = first_seen[key].start_mark
                self.problems.append(
                    _mark(
                        self.path,
                        key_node.start_mark,
                        "duplicate-key",
                        f"Khoá “{key}” bị lặp lại trong cùng một mục.",
                        f"Khoá này đã có ở dòng {first.line + 1}; hãy xoá hoặc gộp một trong hai.",
                    )
                )
                continue
            first_seen[key] = key_node
            mapping[key] = self.construct_object(value_node, deep=deep)
        return mapping

    def construct_yaml_map(self, node: MappingNode) -> Any:
        data: dict[Hashable, Any] = {}
        yield data
        data.update(self.construct_mapping(node))

    def construct_yaml_str(self, node: ScalarNode) -> str:
        value = str(self.construct_scalar(node))
        if not value.isascii():
            value = unicodedata.normalize("NFC", value)
            for bad, good in PDF_ARTIFACTS.items():
                if bad in value:
                    offset = value.index(bad)
                    self.problems.append(
                        Problem(
                            self.path,
                            node.start_mark.line + 1,
                            node.start_mark.column + 1,
                            "pdf-artifact",
                            f"Ký tự “{bad}” (U+{ord(bad):04X}) thường do chép từ PDF; "
                            f"có lẽ phải là “{good}”.",
                            f"Thay “{bad}” bằng “{good}” (vị trí {offset + 1} trong giá trị).",
                            level="warning",
                        )
                    )
        return value

    def construct_yaml_timestamp(self, node: ScalarNode) -> Any:
        try:
            return super().construct_yaml_timestamp(node)
        except (ValueError, OverflowError):
            self.problems.append(
                _mark(
                    self.path,
                    node.start_mark,
                    "invalid-date",
                    f"Ngày “{node.value}” không có thật.",
                    "Kiểm tra ngày và tháng; ví dụ hợp lệ: 2024-12-15 hoặc 15/12/2024.",
                )
            )
            return node.value


_StrictLoader.add_constructor("tag:yaml.org,2002:map", _StrictLoader.construct_yaml_map)
_StrictLoader.add_constructor("tag:yaml.org,2002:str", _StrictLoader.construct_yaml_str)
_StrictLoader.add_constructor("tag:yaml.org,2002:timestamp", _StrictLoader.construct_yaml_timestamp)


def decode(raw: bytes, path: str, max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[str, list[Problem]]:
    """UTF-8 text of a file (BOM removed), or the problem that prevents reading it."""
    if len(raw) > max_bytes:
        return "", [
            Problem(
                path,
                1,
                1,
                "too-large",
                f"Tệp quá lớn ({len(raw):,} byte; giới hạn {max_bytes:,} byte).",
                "Hãy chia tệp thành nhiều tệp nhỏ hơn.",
            )
        ]
    if raw.startswith(_BOM):
        raw = raw[len(_BOM) :]
    elif raw.startswith(_UTF16_BOMS):
        return "", [_encoding_problem(path, 1, 1, "Tệp được lưu dạng UTF-16.")]
    try:
        return raw.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        line_start = before.rfind(b"\n") + 1
        col = len(before[line_start:].decode("utf-8", errors="replace")) + 1
        return "", [
            _encoding_problem(path, line, col, f"Gặp byte 0x{raw[exc.start]:02X} không phải UTF-8.")
        ]


def _encoding_problem(path: str, line: int, col: int, detail: str) -> Problem:
    return Problem(
        path,
        line,
        col,
        "encoding",
        f"Tệp không phải văn bản UTF-8. {detail}",
        "Mở tệp bằng VS Code hoặc Notepad và lưu lại với bảng mã UTF-8 "
        "(tệp gõ bằng TCVN3/VNI hay Windows-1258 cần chuyển mã sang Unicode trước).",
    )


def _scan_events(text: str, path: str) -> list[Problem]:
    """Anchors, aliases and explicit tags, located. Only called when one could be present."""
    problems: list[Problem] = []
    loader = yaml.CSafeLoader(text)
    try:
        while loader.check_event():
            event: Any = loader.get_event()
            anchor = getattr(event, "anchor", None)
            if isinstance(event, yaml.AliasEvent):
                problems.append(
                    _mark(
                        path,
                        event.start_mark,
                        "alias",
                        f"Không dùng tham chiếu “*{anchor}” trong tệp dữ liệu.",
                        "Hãy chép giá trị vào đúng chỗ thay cho tham chiếu.",
                    )
                )
            elif anchor is not None:
                problems.append(
                    _mark(
                        path,
                        event.start_mark,
                        "anchor",
                        f"Không dùng neo “&{anchor}” trong tệp dữ liệu.",
                        "Hãy xoá “&" + str(anchor) + "”; mỗi giá trị được viết trực tiếp.",
                    )
                )
            tag = getattr(event, "tag", None)
            if tag is not None and not isinstance(event, yaml.AliasEvent):
                problems.append(
                    _mark(
                        path,
                        event.start_mark,
                        "tag",
                        f"Không dùng thẻ kiểu “{_short_tag(tag)}” trong tệp dữ liệu.",
                        "Hãy xoá thẻ; nếu đây là chữ thường, "
                        "hãy đặt cả giá trị trong dấu nháy kép.",
                    )
                )
    except yaml.YAMLError:
        pass  # the full load below reports syntax errors once, with their location
    finally:
        loader.dispose()
    return problems


def _short_tag(tag: str) -> str:
    """A tag as the user wrote it: ``tag:yaml.org,2002:str`` is ``!!str``."""
    prefix = "tag:yaml.org,2002:"
    return "!!" + tag[len(prefix) :] if tag.startswith(prefix) else tag


def _yaml_error(path: str, exc: yaml.YAMLError) -> Problem:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    if isinstance(exc, yaml.reader.ReaderError):
        return Problem(
            path,
            1,
            1,
            "syntax",
            f"Tệp chứa ký tự điều khiển không được phép (mã {exc.character!r}).",
            "Xoá ký tự lạ (thường do chép từ Word hoặc PDF) rồi lưu lại.",
        )
    problem = str(getattr(exc, "problem", "") or "")
    if isinstance(exc, yaml.composer.ComposerError) and "single document" in (
        str(exc.context or "") + problem
    ):
        return _mark(
            path,
            mark,
            "multi-document",
            "Mỗi tệp chỉ chứa một tài liệu YAML.",
            "Xoá dòng “---” thứ hai, hoặc tách phần sau ra một tệp riêng.",
        )
    return _mark(
        path,
        mark,
        "syntax",
        f"Lỗi cú pháp YAML: {problem or exc}.",
        "Kiểm tra thụt lề (dùng dấu cách, không dùng Tab), dấu “:” sau mỗi khoá và dấu "
        "nháy đóng mở. " + _CLOSE_IN_QUOTES,
    )


def parse(text: str, path: str) -> tuple[Any, list[Problem]]:
    """Data of one YAML document and the problems found while reading it.

    When a problem makes the data meaningless (bad syntax, aliases), the data is None.
    """
    if any(ch in text for ch in _EVENT_TRIGGERS):
        refused = _scan_events(text, path)
        if refused:
            return None, refused
    loader = _StrictLoader(text, path)
    try:
        data = loader.get_single_data()
    except ConstructorError as exc:
        return None, [*loader.problems, _mark(path, exc.problem_mark, "syntax", str(exc.problem))]
    except yaml.YAMLError as exc:
        return None, [*loader.problems, _yaml_error(path, exc)]
    except RecursionError:
        return None, [_too_deep(path)]
    finally:
        loader.dispose()
    return data, loader.problems


def _too_deep(path: str) -> Problem:
    return Problem(
        path,
        1,
        1,
        "too-deep",
        "Tệp lồng nhau quá sâu.",
        "Dữ liệu CCHC chỉ cần vài tầng; hãy kiểm tra thụt lề và dấu “-”.",
    )


def compose(text: str) -> Node | None:
    """The node tree of a document, for locating problems. None when it cannot be read."""
    try:
        return yaml.compose(text, Loader=yaml.CSafeLoader)
    except (yaml.YAMLError, RecursionError):
        return None
