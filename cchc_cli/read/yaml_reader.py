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
from typing import Any

import yaml
from yaml.constructor import ConstructorError
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from cchc_cli.dataset import DEFAULT_LIMITS, Limits
from cchc_cli.errors import Problem
from cchc_cli.read import odd_characters, yaml_events, yaml_messages
from cchc_cli.read.spec_rules import strict_problems
from cchc_cli.read.yaml_messages import at_mark
from cchc_cli.text_vi import first_control

MERGE_TAG = "tag:yaml.org,2002:merge"
_STR_TAG = "tag:yaml.org,2002:str"
_BOOL_TAG = "tag:yaml.org,2002:bool"
_FLOAT_TAG = "tag:yaml.org,2002:float"
_DECIMAL_INT = re.compile(r"[-+]?(0|[1-9][0-9]*)\Z")
# YAML 1.2 core-schema floats with a dot or an exponent (1.5, .5, +.5, 1e3, 1.5E-2) and the
# special values; plain digits are integers (or text, see `_core_schema`).
_CORE_FLOAT = re.compile(
    r"[-+]?(?:(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?|[0-9]+[eE][-+]?[0-9]+)\Z"
    r"|[-+]?\.(?:inf|Inf|INF)\Z|\.(?:nan|NaN|NAN)\Z"
)
_MAP_TAG = "tag:yaml.org,2002:map"
_SEQ_TAG = "tag:yaml.org,2002:seq"
_INT_TAG = "tag:yaml.org,2002:int"
_FLOAT_STARTS = frozenset("+-.0123456789")
_PLAIN_SCALAR_TAGS = frozenset(
    "tag:yaml.org,2002:" + t for t in ("int", "float", "bool", "null", "timestamp")
)
PDF_ARTIFACTS = {"\u01a3": "ư", "\u01a2": "Ư"}
_EVENT_TRIGGERS = ("&", "*", "!")

_CLOSE_IN_QUOTES = "Nếu đây là chữ thường, hãy đặt cả giá trị trong dấu nháy kép."
# No number in a plan has this many digits; Python refuses to convert over 4 300 of them.
MAX_DIGITS = 100
_RESOLVED: dict[str, str] = {}  # plain scalar -> implicit tag: keys and codes repeat a lot
_RESOLVED_MAX = 20_000


class _LimitError(Exception):
    """Raised from inside libyaml's composer to stop it; carries the located problem."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


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
            raise _LimitError(
                yaml_messages.too_deep(self.path, _where(current_node, current_index))
            )
        if self.nodes > self.limits.max_nodes:
            raise _LimitError(
                yaml_messages.too_many_nodes(
                    self.path, _where(current_node, current_index), self.limits.max_nodes
                )
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
    so a title ``No`` is the word, and ``percent: 1:30`` is an error instead of 90. And
    YAML 1.1 needs a dot and a signed exponent in a float, so ``1e3`` and ``+.5`` would be
    text; the core schema reads them as numbers.
    """
    if tag == _INT_TAG and not _DECIMAL_INT.match(value):
        return _STR_TAG
    if tag == _BOOL_TAG and value.lower() not in ("true", "false"):
        return _STR_TAG
    if tag == _FLOAT_TAG and not _CORE_FLOAT.match(value):
        return _STR_TAG  # base 60 (1:30) or with underscores (1_000.5)
    if tag == _STR_TAG and value[:1] in _FLOAT_STARTS and _CORE_FLOAT.match(value):
        return _FLOAT_TAG  # 1e3, 1E3, +.5: floats in YAML 1.2, text in PyYAML's YAML 1.1
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
                if not value.isascii():
                    return self.construct_yaml_str(node)
                if node.style == '"' and not value.isprintable():
                    self._check_escapes(node, value)
                return value
            if tag == _INT_TAG:
                digits: str = node.value
                if len(digits) > MAX_DIGITS:
                    self.problems.append(yaml_messages.too_many_digits(self.path, node, MAX_DIGITS))
                    return digits  # the schema's type error at this place is not repeated
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
                    at_mark(
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
                    at_mark(
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
                    at_mark(
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

    def _check_escapes(self, node: ScalarNode, value: str) -> None:
        """A control character written as an escape (``"\\e"``, ``"\\x1b"``, ``"\\u001b"``)
        in a double-quoted value: refused like a raw one (which libyaml refuses itself)."""
        index = first_control(value)
        if index is not None:
            self.problems.append(yaml_messages.control_in_value(self.path, node, value, index))

    def construct_yaml_str(self, node: ScalarNode) -> str:
        value = str(self.construct_scalar(node))
        if node.style == '"' and not value.isprintable():
            self._check_escapes(node, value)
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
                at_mark(
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


def parse(text: str, path: str, limits: Limits = DEFAULT_LIMITS) -> tuple[Any, list[Problem]]:
    """Data of one YAML document and the problems found while reading it.

    When a problem makes the data meaningless (bad syntax, aliases, a limit crossed), the
    data is None. Line and paragraph separators, and no-break spaces where YAML needs a
    space, are reported where they are and read as spaces (`odd_characters`).
    """
    ready, odd = odd_characters.prepared(text, path)
    data, problems = _parse(ready, path, limits)
    if any(p.code == "nbsp" for p in odd):
        # Found by the shape of a line: in a multi-line text it may be prose. Keep the
        # problem only when reading the no-break space as a space changes the data.
        plain, breaks = odd_characters.prepared(text, path, nbsp=False)
        as_written, problems_as_written = _parse(plain, path, limits)
        if (
            as_written is not None
            and [p.code for p in problems_as_written] == [p.code for p in problems]
            and odd_characters.same_but_nbsp(as_written, data)
        ):
            return as_written, [*breaks, *problems_as_written]
    return data, [*odd, *problems]


def _parse(text: str, path: str, limits: Limits) -> tuple[Any, list[Problem]]:
    if any(ch in text for ch in _EVENT_TRIGGERS):
        refused = yaml_events.refused_events(text, path, limits)
        if refused:
            return None, refused
    loader = _StrictLoader(text, path, limits)
    try:
        data = loader.get_single_data()
    except _LimitError as exc:
        return None, [exc.problem]
    except ConstructorError as exc:
        return None, [*loader.problems, at_mark(path, exc.problem_mark, "syntax", str(exc.problem))]
    except yaml.YAMLError as exc:
        return None, [*loader.problems, yaml_messages.syntax_problem(path, exc, text)]
    except RecursionError:
        return None, [yaml_messages.too_deep(path, None)]
    finally:
        loader.dispose()
    # What libyaml accepts but the YAML spec forbids (a cheap text test first; see yamlstrict).
    strict = strict_problems(text, path)
    if strict:
        return None, [*loader.problems, *strict]
    return data, loader.problems


def compose(text: str, limits: Limits = DEFAULT_LIMITS) -> Node | None:
    """The node tree of a document, for locating problems. None when it cannot be read."""
    text, _ = odd_characters.prepared(text, "")  # as `parse` read it: the same places
    loader = _BoundedLoader(text, "", limits)
    try:
        return loader.get_single_node()
    except (yaml.YAMLError, RecursionError, _LimitError):
        return None
    finally:
        loader.dispose()
