"""YAML spec rules that libyaml does not enforce, checked without slowing down clean files.

libyaml accepts a few inputs that the YAML 1.2 spec (and the YAML test suite) forbids:

1. a ``#`` comment glued to the token before it (``"value"# c``, ``]#c``, ``,#c``,
   ``>#c``, ``%YAML 1.1#``);
2. continuation lines of a flow collection or of a multi-line scalar that are not indented
   more than the block collection holding it (``flow: [a,\\nb]``, ``quoted: "a\\nb"``);
3. tabs used to reach that indentation (``foo: "bar\\n\\tbaz"``);
4. a plain ``-`` inside ``[...]`` or ``{...}`` (``[-]``);
5. leading empty lines of a block scalar with more spaces than its first non-empty line.

`strict_problems` first asks a few precompiled regexes whether any of these could be
present; ordinary files stop there. Only then does it walk libyaml's token stream.
"""

from __future__ import annotations

import re
from typing import Any

import yaml
from yaml.tokens import (
    BlockEndToken,
    BlockMappingStartToken,
    BlockSequenceStartToken,
    DirectiveToken,
    FlowEntryToken,
    FlowMappingEndToken,
    FlowMappingStartToken,
    FlowSequenceEndToken,
    FlowSequenceStartToken,
    ScalarToken,
    ValueToken,
)

from cchc_cli.errors import Problem

# --- Quick tests -----------------------------------------------------------------------------
# Each finds the one place where an offence against its rule must show in the text. They all
# start with a literal character, which lets `re` skip ahead fast: a leading character class
# or alternation is several times slower on large files.

# 1. "#" right after a quote, bracket, comma, colon or block scalar header ("|-#", ">2#").
_GLUED_HASH = re.compile(r"#(?<=[\[\]{}\"',:|>+\-0-9]#)")
# 1. A directive ("%YAML 1.1#" is the one glued comment the regex above misses).
_DIRECTIVE = re.compile(r"%(?<![^\r\n]%)")


def _open_flow(opener: str, closer: str, other_opener: str, other_closer: str) -> re.Pattern[str]:
    """A "[" (or "{") that its line may not close.

    The line closes it when no " #" comes before its last bracket and either: it ends with
    "]" with no other "[" after this one; or it ends with "}" with no "{" after this one
    (so that "{" was opened before this "[" and encloses it); or, counting only brackets
    of this kind, a "]" closes this "[" with at most one level of "[...]" in between. The
    first two are fast paths for the third.
    """
    o, c, oo, oc = (re.escape(ch) for ch in (opener, closer, other_opener, other_closer))
    end = r"[ \t]*(?:#.*)?\r?$"
    bare = rf"[^{o}{c}\n]"
    return re.compile(
        rf"{o}(?:(?=.*#(?<=[ \t]#).*[\]}}])|(?!"
        rf"(?=.*{c}{end})(?!.*{o})|(?=.*{oc}{end})(?!.*{oo})"
        rf"|(?:{bare}++|{o}{bare}*+{c})*+{c}))",
        re.M,
    )


# 2. A flow collection left open at the end of a line.
_OPEN_SEQUENCE = _open_flow("[", "]", "{", "}")
_OPEN_MAPPING = _open_flow("{", "}", "[", "]")
# 2. A quote that can start a block-context scalar (at the start of a line or after white
#    space) with no other quote after it on its line. In flow context the two regexes above
#    fire. Escaped quotes (\" and '') are looked for separately.
_OPEN_DOUBLE = re.compile(r"\"(?<!\S\")(?!.*\")", re.M)
_OPEN_SINGLE = re.compile(r"'(?<!\S')(?!.*')", re.M)
# 3. A tab among the leading white space of a line.
_TAB_AT_START = re.compile(r" *\t")
_TAB_AFTER_LF = re.compile(r"\n *\t")
_TAB_AFTER_CR = re.compile(r"\r *\t")
# 4. A "-" right before a flow indicator ("- ]", with a space, is a libyaml syntax error).
_FLOW_DASH = re.compile(r"-[,\]}]")
# 5. A block scalar header followed by a line of white space (after any empty lines).
_THEN_SPACES = r"[-+0-9]*+[ \t]*+(?:#[^\n]*+)?\r?\n(?:\r?\n)*+[ \t]++\r?\n"
_FOLDED_THEN_SPACES = re.compile(">" + _THEN_SPACES)
_LITERAL_THEN_SPACES = re.compile(r"\|" + _THEN_SPACES)

_RARE_TESTS = (_OPEN_SINGLE, _LITERAL_THEN_SPACES, _DIRECTIVE, _TAB_AFTER_LF, _TAB_AFTER_CR)
_QUICK_TESTS = (
    _GLUED_HASH,
    _OPEN_SEQUENCE,
    _OPEN_MAPPING,
    _OPEN_DOUBLE,
    _FLOW_DASH,
    _FOLDED_THEN_SPACES,
)

# --- Token scan ------------------------------------------------------------------------------

_HEADER = re.compile(r"[|>][-+]?([1-9]?)[-+]?(#?)")
_SPACES = re.compile(r" *")
_LINE_BREAK = re.compile(r"\r\n?|\n")
_BLANK_REST = re.compile(r"[ \t]*(?:\r|\n|$)")
_FLOW_START = frozenset({FlowSequenceStartToken, FlowMappingStartToken})
_FLOW_END = frozenset({FlowSequenceEndToken, FlowMappingEndToken})
_GLUE_KINDS = frozenset({DirectiveToken, FlowEntryToken, ValueToken, *_FLOW_START, *_FLOW_END})
_BLOCK_START = frozenset({BlockMappingStartToken, BlockSequenceStartToken})

_MSG_COMMENT = "Dấu “#” bắt đầu ghi chú phải đứng sau một dấu cách."
_HINT_COMMENT = "Thêm một dấu cách trước “#”, hoặc đặt cả giá trị trong dấu nháy kép."
_MSG_INDENT = "Dòng này nối tiếp giá trị bắt đầu ở dòng {line} nên phải thụt vào sâu hơn."
_HINT_INDENT = (
    "Thêm dấu cách ở đầu dòng cho đủ ít nhất {need} dấu cách (sâu hơn khoá hoặc dấu “-” "
    "chứa giá trị), hoặc viết cả giá trị trên một dòng."
)
_MSG_TAB = "Không dùng phím Tab để thụt đầu dòng."
_HINT_TAB = "Thay Tab bằng dấu cách: dòng này cần ít nhất {need} dấu cách ở đầu."
_MSG_DASH = "Dấu “-” đứng một mình không phải là một giá trị hợp lệ trong […] hoặc {…}."
_HINT_DASH = 'Nếu muốn ghi chữ “-”, hãy đặt trong dấu nháy kép: "-"; nếu không, hãy xoá nó.'
_MSG_BLANK = "Dòng trống ở đầu khối văn bản có nhiều dấu cách hơn dòng có chữ đầu tiên."
_HINT_BLANK = "Xoá các dấu cách thừa trên dòng trống này (hoặc để dòng trống hẳn)."


def strict_problems(text: str, path: str) -> list[Problem]:
    """Located problems for YAML that libyaml accepts but the YAML spec forbids.

    Returns one `Problem` (code "syntax", 1-based line and column of the offending
    character) per offending place, sorted by position, or [] when the text breaks none of
    the five rules in the module docstring. Never raises on bad YAML: the token scan stops
    at the first syntax error, which the normal load reports.
    """
    if not _may_break_rules(text):
        return []
    return _scan(text, path, _last_suspect(text))


def _may_break_rules(text: str) -> bool:
    """False only when none of the five rules can be broken; cheap text tests only.

    Costs about 2 % of a `yaml.load` of the same text. Rarer characters are looked for
    with `in` before their regex runs.
    """
    if any(test.search(text) for test in _QUICK_TESTS):
        return True
    if "\\" in text and '\\"' in text:  # an escaped quote hides where a string ends
        return True
    if "'" in text and (_OPEN_SINGLE.search(text) or "''" in text):
        return True
    if "|" in text and _LITERAL_THEN_SPACES.search(text):
        return True
    if "%" in text and _DIRECTIVE.search(text):
        return True
    return "\t" in text and bool(
        _TAB_AT_START.match(text) or _TAB_AFTER_LF.search(text) or _TAB_AFTER_CR.search(text)
    )


def _last_suspect(text: str) -> int:
    """Where the last place that the quick tests could not clear starts (-1: none).

    A token scan that has passed this index, outside any flow collection, can stop.
    """
    tests = (*_QUICK_TESTS, *_RARE_TESTS)
    last = max((m.start() for test in tests for m in test.finditer(text)), default=-1)
    return max(last, text.rfind('\\"'), text.rfind("''"))


def _spaces_at(text: str, pos: int) -> int:
    """The number of spaces in `text` starting at `pos`."""
    match = _SPACES.match(text, pos)
    return match.end() - pos if match else 0


class _Scan:
    """One walk over the token stream, collecting problems keyed by (line, col)."""

    def __init__(self, text: str, path: str) -> None:
        self.text = text
        self.path = path
        self.found: dict[tuple[int, int], Problem] = {}
        self.offset = 1 if text.startswith("\ufeff") else 0  # libyaml does not count a BOM

    def add(self, line: int, col: int, message: str, hint: str) -> None:
        """Record a problem at 0-based `line` and `col`; the first one at a place wins."""
        key = (line + 1, col + 1)
        self.found.setdefault(key, Problem(self.path, *key, "syntax", message, hint))

    def check_line(self, pos: int, line: int, indent: int, first_line: int) -> None:
        """Report the line starting at `pos` unless it is blank or has > `indent` spaces."""
        spaces = _spaces_at(self.text, pos)
        if spaces > indent or _BLANK_REST.match(self.text, pos + spaces):
            return
        need = indent + 1
        if self.text[pos + spaces] == "\t":
            self.add(line, spaces, _MSG_TAB, _HINT_TAB.format(need=need))
        else:
            message = _MSG_INDENT.format(line=first_line + 1)
            self.add(line, spaces, message, _HINT_INDENT.format(need=need))

    def check_scalar_lines(self, token: Any, indent: int) -> None:
        """Check every line after the first of a multi-line plain or quoted scalar."""
        start, end = token.start_mark, token.end_mark
        line = start.line
        span = (start.index + self.offset, end.index + self.offset)
        for brk in _LINE_BREAK.finditer(self.text, *span):
            line += 1
            self.check_line(brk.end(), line, indent, start.line)

    def check_block_scalar(self, token: Any, indent: int) -> None:
        """Check a block scalar's header for a glued comment, and its leading empty lines."""
        text, start = self.text, token.start_mark
        header = _HEADER.match(text, start.index + self.offset)
        if header is None:
            return
        if header.group(2):
            col = start.column + header.start(2) - header.start()
            self.add(start.line, col, _MSG_COMMENT, _HINT_COMMENT)
        brk = _LINE_BREAK.search(text, header.end())
        if header.group(1) or brk is None:
            return  # an explicit indentation indicator: nothing is auto-detected
        blanks: list[tuple[int, int]] = []  # (line, spaces) of the leading empty lines
        pos, line = brk.end(), start.line + 1
        while True:
            spaces = _spaces_at(text, pos)
            brk = _LINE_BREAK.match(text, pos + spaces)
            if brk is None:
                break
            blanks.append((line, spaces))
            pos, line = brk.end(), line + 1
        if pos + spaces == len(text) or spaces <= indent:
            return  # no non-empty line, or the first one is outside the scalar
        for blank_line, blank_spaces in blanks:
            if blank_spaces > spaces:
                self.add(blank_line, spaces, _MSG_BLANK, _HINT_BLANK)

    def check_dash(self, token: Any) -> None:
        """Report a plain "-" in a flow collection (unless it starts a "-:" key)."""
        after = token.end_mark.index + self.offset
        if token.value == "-" and self.text[after : after + 1] != ":":
            self.add(token.start_mark.line, token.start_mark.column, _MSG_DASH, _HINT_DASH)

    def check_glued(self, token: Any) -> None:
        """Report a "#" directly after the token."""
        end = token.end_mark
        if self.text[end.index + self.offset : end.index + self.offset + 1] == "#":
            self.add(end.line, end.column, _MSG_COMMENT, _HINT_COMMENT)

    def run(self, loader: Any, limit: int) -> None:
        """Consume tokens up to the first one past index `limit` outside any flow."""
        text, offset = self.text, self.offset
        indents = [-1]  # columns of the open block collections; -1 for the document
        flow_depth = flow_line = 0  # flow_line: where the outermost open flow started
        last_line = -1  # line where the previous token ended
        while loader.check_token():
            token = loader.get_token()
            kind, start = type(token), token.start_mark
            if not flow_depth:
                if start.index + offset > limit:
                    return
            elif start.line > last_line:
                line_start = start.index + offset - start.column
                if line_start == 0 or text[line_start - 1] in "\r\n":
                    self.check_line(line_start, start.line, indents[-1], flow_line)
            last_line = token.end_mark.line
            if kind is ScalarToken:
                if token.style in ("|", ">"):
                    self.check_block_scalar(token, indents[-1])
                    continue
                if token.style in ('"', "'"):
                    self.check_glued(token)
                elif flow_depth:
                    self.check_dash(token)
                if last_line > start.line:
                    self.check_scalar_lines(token, indents[-1])
            elif kind in _GLUE_KINDS:
                self.check_glued(token)
            if kind in _BLOCK_START:
                indents.append(start.column)
            elif kind is BlockEndToken and len(indents) > 1:
                indents.pop()
            elif kind in _FLOW_START:
                flow_line = flow_line if flow_depth else start.line
                flow_depth += 1
            elif kind in _FLOW_END:
                flow_depth = max(flow_depth - 1, 0)


def _scan(text: str, path: str, limit: int | None = None) -> list[Problem]:
    """Problems found by walking libyaml's tokens, up to the first syntax error.

    With a `limit`, the walk stops at the first token past that index outside any flow
    collection (see `_last_suspect`).
    """
    scan = _Scan(text, path)
    loader = yaml.CSafeLoader(text)
    try:
        scan.run(loader, len(text) if limit is None else limit)
    except yaml.YAMLError:
        pass  # the normal load reports syntax errors, with their location
    finally:
        loader.dispose()
    return [scan.found[key] for key in sorted(scan.found)]
