"""Strict YAML reading: bytes in, plain Python data and located problems out.

PyYAML's libyaml loader does the parsing. On top of it this module refuses what would let
a data file be silently wrong or dangerous: duplicate keys, anchors, aliases, merge keys,
explicit tags, impossible dates, non-UTF-8 bytes and several documents in one file. Every
refusal is a `Problem` with a line and column, never an exception.

Anchors, aliases and tags are looked for in the event stream only when the text holds one
of the characters that can start them, so clean files pay for one parse only. That parse
counts nodes and depth as libyaml composes them (`Limits`), so a huge or deeply nested file
is refused at the place where it crosses the limit, before it costs time or memory; and it
builds Python values straight from the node tree, which is about twice as fast as PyYAML's
generic constructor (see benchmarks/RESULTS.md).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Hashable
from dataclasses import dataclass
from typing import Any

import yaml
from yaml.constructor import ConstructorError
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from cchc_cli import yamlmessages
from cchc_cli.errors import Problem
from cchc_cli.yamlstrict import strict_problems

DEFAULT_MAX_BYTES = 5 * 1024 * 1024
DEFAULT_MAX_NODES = 1_000_000
DEFAULT_MAX_DEPTH = 50  # a task file needs 7 levels (tasks, task, occurrences, …, update)
MERGE_TAG = "tag:yaml.org,2002:merge"
_STR_TAG = "tag:yaml.org,2002:str"
_BOOL_TAG = "tag:yaml.org,2002:bool"
_FLOAT_TAG = "tag:yaml.org,2002:float"
_DECIMAL_INT = re.compile(r"[-+]?(0|[1-9][0-9]*)\Z")
_MAP_TAG = "tag:yaml.org,2002:map"
_SEQ_TAG = "tag:yaml.org,2002:seq"
_INT_TAG = "tag:yaml.org,2002:int"
_PLAIN_SCALAR_TAGS = frozenset(
    "tag:yaml.org,2002:" + t for t in ("int", "float", "bool", "null", "timestamp")
)
PDF_ARTIFACTS = {"\u01a3": "ư", "\u01a2": "Ư"}
_BOM = b"\xef\xbb\xbf"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_EVENT_TRIGGERS = ("&", "*", "!")

_CLOSE_IN_QUOTES = "Nếu đây là chữ thường, hãy đặt cả giá trị trong dấu nháy kép."
_RESOLVED: dict[str, str] = {}  # plain scalar -> implicit tag: keys and codes repeat a lot
_RESOLVED_MAX = 20_000


@dataclass(frozen=True, slots=True)
class Limits:
    """Bounds on one file, so that hostile or broken input is refused quickly, located."""

    max_bytes: int = DEFAULT_MAX_BYTES
    max_nodes: int = DEFAULT_MAX_NODES
    max_depth: int = DEFAULT_MAX_DEPTH


DEFAULT_LIMITS = Limits()


class _LimitError(Exception):
    """Raised from inside libyaml's composer to stop it; carries the located problem."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


def _mark(path: str, mark: Any, code: str, message: str, hint: str = "") -> Problem:
    line = mark.line + 1 if mark is not None else 1
    col = mark.column + 1 if mark is not None else 1
    return Problem(path, line, col, code, message, hint)


class _BoundedLoader(yaml.CSafeLoader):
    """libyaml's composer, stopped with a located problem at the node that crosses a limit.

    libyaml calls `descend_resolver` before and `ascend_resolver` after every node it
    composes, so they count nodes and depth as the tree grows. `resolve` remembers the tag of
    short plain scalars, which PyYAML would otherwise find by trying its regexes every time.
    """

    def __init__(self, text: str, path: str, limits: Limits = DEFAULT_LIMITS) -> None:
        super().__init__(text)
        self.path = path
        self.limits = limits
        self.depth = 0
        self.nodes = 0

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        self.depth += 1
        self.nodes += 1
        if self.depth > self.limits.max_depth:
            raise _LimitError(_too_deep(self.path, _where(current_node, current_index)))
        if self.nodes > self.limits.max_nodes:
            raise _LimitError(
                _too_many_nodes(self.path, _where(current_node, current_index), self.limits)
            )

    def ascend_resolver(self) -> None:
        self.depth -= 1

    def resolve(self, kind: type[Node], value: Any, implicit: Any) -> str:
        # Path resolvers are never registered, so only plain scalars need the regexes.
        if kind is ScalarNode:
            if not implicit[0]:
                return _STR_TAG
            tag = _RESOLVED.get(value)
            if tag is None:
                tag = _core_schema(
                    str(super().resolve(kind, value, implicit)),  # type: ignore[no-untyped-call]
                    value,
                )
                if len(value) <= 64 and len(_RESOLVED) < _RESOLVED_MAX:
                    _RESOLVED[value] = tag
            return tag
        return _SEQ_TAG if kind is SequenceNode else _MAP_TAG


def _core_schema(tag: str, value: str) -> str:
    """The YAML 1.2 core-schema reading of a plain scalar that YAML 1.1 would read otherwise.

    PyYAML follows YAML 1.1, where ``no``/``on``/``y`` are booleans, ``050`` is octal (40),
    ``0x10`` hex and ``1:30`` base 60 (90). Staff mean none of these: such scalars stay text,
    so a title ``No`` is the word, and ``percent: 1:30`` is an error instead of 90.
    """
    if tag == _INT_TAG and not _DECIMAL_INT.match(value):
        return _STR_TAG
    if tag == _BOOL_TAG and value.lower() not in ("true", "false"):
        return _STR_TAG
    if tag == _FLOAT_TAG and ":" in value:
        return _STR_TAG
    return tag


def _where(parent: Any, index: Any) -> Any:
    """The mark nearest to a node about to be composed (the node itself does not exist yet).

    Its key, for a value in a mapping; else the end of the sibling before it; else the start
    of its collection.
    """
    if isinstance(index, Node):
        return index.start_mark
    if isinstance(parent, SequenceNode) and parent.value:
        return parent.value[-1].end_mark
    if isinstance(parent, MappingNode) and parent.value:
        return parent.value[-1][1].end_mark
    return parent.start_mark if isinstance(parent, Node) else None


class _StrictLoader(_BoundedLoader):
    """libyaml parser with a constructor that records problems instead of hiding them."""

    def __init__(self, text: str, path: str, limits: Limits = DEFAULT_LIMITS) -> None:
        super().__init__(text, path, limits)
        self.problems: list[Problem] = []

    def get_single_data(self) -> Any:
        node = self.get_single_node()
        return None if node is None else self.build(node)

    def build(self, node: Node) -> Any:
        """The value of a node, built directly for the tags plain data uses.

        The tree holds no aliases (they are refused first), so PyYAML's bookkeeping for
        shared and recursive nodes and its generators are not needed; anything unusual
        still goes through `construct_object`, with the same result and errors as before.
        """
        tag = node.tag
        if type(node) is ScalarNode:
            if tag == _STR_TAG:
                value: str = node.value
                return value if value.isascii() else self.construct_yaml_str(node)
            if tag == _INT_TAG:
                digits: str = node.value
                if digits.isdecimal():
                    return int(digits)  # signed ones take the constructor below
            if tag in _PLAIN_SCALAR_TAGS:
                return self.yaml_constructors[tag](self, node)
        elif type(node) is MappingNode and tag == _MAP_TAG:
            return self.construct_mapping(node)
        elif type(node) is SequenceNode and tag == _SEQ_TAG:
            return [self.build(child) for child in node.value]
        return self.construct_object(node, deep=True)

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
            key = self.build(key_node)
            if type(key) is not str:
                # Every key of a cchc file is a field name: a number, date or list as a key
                # is a typo (or a value written where a key belongs).
                written = key_node.value if isinstance(key_node, ScalarNode) else "[…]"
                self.problems.append(
                    _mark(
                        self.path,
                        key_node.start_mark,
                        "bad-key",
                        f"Khoá “{written}” phải là tên trường (chữ), không phải số, ngày hay "
                        "danh sách.",
                        "Kiểm tra dòng này: có thể thiếu tên trường trước dấu “:”, hoặc giá trị "
                        "bị viết vào chỗ của khoá.",
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
            mapping[key] = self.build(value_node)
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
        return "", [too_large(path, len(raw), max_bytes)]
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


def too_large(path: str, size: int, max_bytes: int) -> Problem:
    """The problem of a file of `size` bytes over the limit."""
    return Problem(
        path,
        1,
        1,
        "too-large",
        f"Tệp quá lớn ({size:,} byte; giới hạn {max_bytes:,} byte).",
        "Hãy chia tệp thành nhiều tệp nhỏ hơn.",
    )


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


def _scan_events(text: str, path: str, limits: Limits = DEFAULT_LIMITS) -> list[Problem]:
    """Anchors, aliases and explicit tags, located. Only called when one could be present."""
    problems: list[Problem] = []
    loader = yaml.CSafeLoader(text)
    count = 0
    try:
        while loader.check_event():
            event: Any = loader.get_event()
            count += 1
            if count > 2 * limits.max_nodes + 4:  # a node is one or two events, plus 4 framing
                return [_too_many_nodes(path, event.start_mark, limits)]
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


def _code_point(character: int | str) -> int:
    return ord(character) if isinstance(character, str) else character


def _yaml_error(path: str, exc: yaml.YAMLError, text: str = "") -> Problem:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    if isinstance(exc, yaml.reader.ReaderError):
        position = max(0, min(exc.position, len(text)))
        line = text.count("\n", 0, position) + 1
        col = position - (text.rfind("\n", 0, position) + 1) + 1
        return Problem(
            path,
            line,
            col,
            "syntax",
            f"Tệp chứa ký tự điều khiển không được phép (mã U+{_code_point(exc.character):04X}).",
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
    if yamlmessages.points_at_start(problem):
        mark = getattr(exc, "context_mark", None) or mark
    message, hint = yamlmessages.vietnamese(problem)
    return _mark(path, mark, "syntax", message, hint)


def parse(text: str, path: str, limits: Limits = DEFAULT_LIMITS) -> tuple[Any, list[Problem]]:
    """Data of one YAML document and the problems found while reading it.

    When a problem makes the data meaningless (bad syntax, aliases, a limit crossed), the
    data is None.
    """
    if any(ch in text for ch in _EVENT_TRIGGERS):
        refused = _scan_events(text, path, limits)
        if refused:
            return None, refused
    loader = _StrictLoader(text, path, limits)
    try:
        data = loader.get_single_data()
    except _LimitError as exc:
        return None, [exc.problem]
    except ConstructorError as exc:
        return None, [*loader.problems, _mark(path, exc.problem_mark, "syntax", str(exc.problem))]
    except yaml.YAMLError as exc:
        return None, [*loader.problems, _yaml_error(path, exc, text)]
    except RecursionError:
        return None, [_too_deep(path, None)]
    finally:
        loader.dispose()
    # What libyaml accepts but the YAML spec forbids (a cheap text test first; see yamlstrict).
    strict = strict_problems(text, path)
    if strict:
        return None, [*loader.problems, *strict]
    return data, loader.problems


def _too_deep(path: str, mark: Any) -> Problem:
    return _mark(
        path,
        mark,
        "too-deep",
        "Tệp lồng nhau quá sâu.",
        "Dữ liệu CCHC chỉ cần vài tầng; hãy kiểm tra thụt lề và dấu “-”.",
    )


def _too_many_nodes(path: str, mark: Any, limits: Limits) -> Problem:
    return _mark(
        path,
        mark,
        "too-deep",  # codes.py: "lồng nhau quá sâu, hoặc có quá nhiều phần tử"
        f"Tệp có quá nhiều giá trị (giới hạn {limits.max_nodes:,} giá trị mỗi tệp).",
        "Hãy chia tệp thành nhiều tệp nhỏ hơn; chỗ này là nơi vượt giới hạn.",
    )


def compose(text: str, limits: Limits = DEFAULT_LIMITS) -> Node | None:
    """The node tree of a document, for locating problems. None when it cannot be read."""
    loader = _BoundedLoader(text, "", limits)
    try:
        return loader.get_single_node()
    except (yaml.YAMLError, RecursionError, _LimitError):
        return None
    finally:
        loader.dispose()
