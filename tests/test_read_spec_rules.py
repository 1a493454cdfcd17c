"""YAML that libyaml accepts but the spec forbids: found, located, and cheap to rule out."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
import yaml

from cchc_cli.read.spec_rules import _may_break_rules, _scan, strict_problems

SUITE = Path(__file__).resolve().parents[1].parent / "shared" / "yaml-test-suite"
CASES = sorted((SUITE / "cases").glob("*.yaml")) if SUITE.is_dir() else []
INVALID = (
    set((SUITE / "invalid.txt").read_text(encoding="utf-8").split()) if SUITE.is_dir() else set()
)
needs_suite = pytest.mark.skipif(not CASES, reason=f"YAML test suite not found at {SUITE}")

# The suite's invalid cases that libyaml loads, and the first line we report for each.
LIBYAML_MISSES = {
    "9C9N": 3,  # flow: [a,\nb, ...  (continuation at column 1)
    "9JBA": 2,  # [ a, b, c, ]#invalid
    "CVW2": 2,  # [ a, b, c,#invalid
    "DK95-01": 2,  # foo: "bar\n\tbaz"
    "G5U8": 2,  # - [-, -]
    "MUS6-00": 1,  # %YAML 1.1#...
    "QB6E": 3,  # quoted: "a\nb\nc"
    "S98Z": 3,  # block scalar: leading empty line with more spaces than the comment
    "SU5Z": 1,  # key: "value"# invalid comment
    "X4QW": 1,  # block: ># comment
    "Y79Y-003": 2,  # - [\n\tfoo,
    "YJV2": 1,  # [-]
}

ORDINARY = """\
# yaml-language-server: $schema=../../schemas/tasks.schema.json
tasks:
  - id: VP-01
    title: "Rà soát, đơn giản hoá TTHC lĩnh vực thương mại"
    area: tthc
    lead: van-phong
    support: [thanh-tra, quan-ly-thuong-mai]
    start: 01/01/2024
    due: 2024-12-31
    note: >
      Văn bản nhiều dòng
      tiếp tục ở đây.
    updates:
      - {date: 10/01/2024, percent: 20, evidence: "Công văn số 12/SCT-VP ngày 10/01/2024"}
      - {date: 15/02/2024, percent: 45, evidence: "Báo cáo (lần 2): đạt 45% kế hoạch"}
    targets: [{year: 2024, value: 95, source: {document: QĐ 1/QĐ-UBND}}]
"""


def _read(case: Path) -> str:
    return case.read_bytes().decode("utf-8-sig")


def _libyaml_accepts(text: str) -> bool:
    try:
        list(yaml.load_all(text, Loader=yaml.CSafeLoader))
    except yaml.YAMLError:
        return False
    return True


def _char_at(text: str, line: int, col: int) -> str:
    """The character at 1-based `line` and `col`, ignoring a BOM."""
    return text.removeprefix("\ufeff").splitlines()[line - 1][col - 1]


# --- The YAML test suite -----------------------------------------------------------------------


@needs_suite
@pytest.mark.parametrize(("case_id", "line"), sorted(LIBYAML_MISSES.items()))
def test_suite_invalid_case_libyaml_accepts_is_reported(case_id: str, line: int) -> None:
    text = _read(SUITE / "cases" / f"{case_id}.yaml")
    problems = strict_problems(text, f"{case_id}.yaml")
    assert problems, f"{case_id} must be reported"
    assert problems[0].line == line
    for problem in problems:
        assert (problem.path, problem.code, problem.level) == (f"{case_id}.yaml", "syntax", "error")
        assert problem.message
        assert problem.hint


@needs_suite
def test_every_invalid_single_document_case_is_rejected_by_libyaml_or_reported() -> None:
    missed = []
    for case in CASES:
        if case.stem not in INVALID:
            continue
        text = _read(case)
        try:
            yaml.load(text, Loader=yaml.CSafeLoader)
        except yaml.YAMLError:
            continue
        if not strict_problems(text, case.name):
            missed.append(case.stem)
    assert missed == []


@needs_suite
def test_no_problem_in_valid_suite_cases() -> None:
    flagged = {}
    for case in CASES:
        text = _read(case)
        if case.stem in INVALID or not _libyaml_accepts(text):
            continue
        problems = strict_problems(text, case.name)
        if problems:
            flagged[case.stem] = [(p.line, p.col, p.message) for p in problems]
    assert flagged == {}


# --- Hand-written cases ------------------------------------------------------------------------

COMMENT = "“#”"
INDENT = "thụt vào sâu hơn"
TAB = "Tab"
DASH = "“-”"
BLANK = "Dòng trống"

BAD = [
    # (text, line, col, part of the message, character found there)
    ('key: "value"# c\n', 1, 13, COMMENT, "#"),
    ("key: 'value'# c\n", 1, 13, COMMENT, "#"),
    ("list: [a, b]#c\n", 1, 13, COMMENT, "#"),
    ("map: {a: b}#c\n", 1, 12, COMMENT, "#"),
    ("list: [a,#c\n  b]\n", 1, 10, COMMENT, "#"),
    ("note: >#c\n  text\n", 1, 8, COMMENT, "#"),
    ("note: |-#c\n  text\n", 1, 9, COMMENT, "#"),
    ("%YAML 1.1#c\n---\na: 1\n", 1, 10, COMMENT, "#"),
    ('tiêu_đề: "Công văn"# số 12\n', 1, 20, COMMENT, "#"),
    ('\ufeffk: "v"# c\n', 1, 7, COMMENT, "#"),
    ("flow: [a,\nb]\n", 2, 1, INDENT, "b"),
    ("flow: {a: 1,\nb: 2}\n", 2, 1, INDENT, "b"),
    ("flow: [a,\n  b\n]\n", 3, 1, INDENT, "]"),
    ("flow: [a,\r\nb]\r\n", 2, 1, INDENT, "b"),
    ("- id: x\n  support: [a,\n  b]\n", 3, 3, INDENT, "b"),
    ('quoted: "a\nb"\n', 2, 1, INDENT, "b"),
    ("quoted: 'a\nb'\n", 2, 1, INDENT, "b"),
    ('items:\n  - title: "Rà soát\n    thủ tục"\n', 3, 5, INDENT, "t"),
    ('foo: "bar\n\tbaz"\n', 2, 1, TAB, "\t"),
    ("- [a,\n\tb]\n", 2, 1, TAB, "\t"),
    ("k: [-]\n", 1, 5, DASH, "-"),
    ("k: [a, -]\n", 1, 8, DASH, "-"),
    ("k: {a: -}\n", 1, 8, DASH, "-"),
    ("k: >\n \n  \n # c\n", 3, 2, BLANK, " "),
]

GOOD = [
    "a: a#b\n",
    "url: http://x/#y\n",
    '- "x" # ok\n',
    "- [a, b] # ok\n",
    'a: "x"\t# tab before a comment\n',
    "k: [a, b] # ghi chú [\n",
    "k: >\n  text\n  \tindented tab\n",
    "k: |\n  code:\n  \tx = 1\n",
    "k: [a, -1]\n",
    "k: [-x]\n",
    "{-: x}\n",
    "flow: [a,\n  b]\n",
    "flow: [\n  a,\n  b,\n  ]\n",
    "- id: x\n  support: [a,\n    b]\n",
    "[a,\nb]\n",
    'quoted: "a\n  b"\n',
    'foo: "bar\n \tbaz"\n',
    "- [a,\n \tb]\n",
    'items:\n  - title: "Rà soát\n      thủ tục"\n',
    '"a\nb"\n',
    "a: b\n \tc\n",
    "k: >\n\n  text\n",
    "k: |\n  \n  text\n",
    "k: |2\n   \n  text\n",
    "k: [{a: 1}, {b: 2}]\n",
    "- {a: [b, c]}\n",
    "k: 'it''s'\n",
    'k: "a \\"b\\""\n',
    'tiêu_đề: "Rà soát, đơn giản hoá"\nghi_chú: Công văn số 12#a\n',
    ORDINARY,
]


@pytest.mark.parametrize(("text", "line", "col", "part", "char"), BAD)
def test_forbidden_input_is_located(text: str, line: int, col: int, part: str, char: str) -> None:
    assert _libyaml_accepts(text), "these are the inputs libyaml lets through"
    problems = strict_problems(text, "f.yaml")
    assert [(p.line, p.col) for p in problems][:1] == [(line, col)]
    assert part in problems[0].message
    assert _char_at(text, line, col) == char


@pytest.mark.parametrize("text", GOOD)
def test_legal_look_alike_is_not_reported(text: str) -> None:
    assert _libyaml_accepts(text)
    assert strict_problems(text, "f.yaml") == []


def test_every_offending_place_is_reported_once_in_order() -> None:
    problems = strict_problems("a: [-, -]#c\nb: 'x\ny'\n", "f.yaml")
    assert [(p.line, p.col) for p in problems] == [(1, 5), (1, 8), (1, 10), (3, 1)]


def test_problems_before_a_syntax_error_are_kept_and_nothing_raises() -> None:
    problems = strict_problems('a: "v"# c\nb: [x,\n', "f.yaml")
    assert [(p.line, p.col) for p in problems] == [(1, 7)]
    assert isinstance(strict_problems("a: [\n\t- x\n  : ]\n", "f.yaml"), list)  # no exception


# --- The quick path ----------------------------------------------------------------------------


def _big_file(size: int = 1_000_000) -> str:
    head, _, task = ORDINARY.partition("tasks:\n")
    parts, total, i = [head, "tasks:\n"], 0, 0
    while total < size:
        parts.append(task.replace("VP-01", f"VP-{i:05d}"))
        total += len(parts[-1].encode())
        i += 1
    return "".join(parts)


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_ordinary_files_take_the_quick_path(newline: str) -> None:
    assert not _may_break_rules(ORDINARY.replace("\n", newline))
    assert not _may_break_rules(_big_file(100_000).replace("\n", newline))


_ATOMS = ["a", "b c", "-", "-1", "x#y", '"q"', "'s'", '"a\\"b"', "'it''s'", '"[x]"', "é ệ"]
_SEPARATORS = [", ", ",", ",#c", ", # c", ",\n", ",\n ", ",\n\t", "\n", "\n  ", ",\r\n"]


def _random_flow(rng: random.Random, depth: int = 0) -> str:
    opener, closer = rng.choice([("[", "]"), ("{", "}")])
    items = [
        _random_flow(rng, depth + 1) if depth < 2 and rng.random() < 0.3 else rng.choice(_ATOMS)
        for _ in range(rng.randint(0, 3))
    ]
    text = opener + rng.choice(["", " ", "\n", "\n ", "#c\n"])
    for item in items[:-1]:
        text += item + rng.choice(_SEPARATORS)
    text += "".join(items[-1:]) + rng.choice(["", " ", "\n", "\n  ", ","])
    return text + closer + rng.choice(["", "#c", " # c", " # c}", "]"])


def _random_value(rng: random.Random) -> str:
    kind = rng.random()
    if kind < 0.4:
        return _random_flow(rng)
    if kind < 0.6:
        quote = rng.choice(['"', "'"])
        body = rng.choice(["a", "a\nb", "a\n  b", "a\n\tb", "a\n \tb", "a \n", 'a\\"\nb', "#\n"])
        return quote + body + quote + rng.choice(["", "#c", " #c"])
    if kind < 0.8:
        header = rng.choice([">", "|", ">-", "|2", ">#c", "| #c"])
        lines = rng.choice([["  x"], ["   ", "  x"], [" ", "  ", " # c"], ["\t", "  x"]])
        return header + "\n" + "\n".join(lines)
    return rng.choice(["a", "a\n  b", "a\n\tb", "a\n \tb"])


def _random_document(rng: random.Random) -> str:
    lines = []
    for _ in range(rng.randint(1, 5)):
        indent = rng.choice(["", "", "  "])
        prefix = rng.choice([f"{indent}k{rng.randint(0, 9)}: ", f"{indent}- ", ""])
        lines.append(prefix + _random_value(rng))
    text = rng.choice(["", "", "%YAML 1.1#x\n---\n", "--- "]) + "\n".join(lines) + "\n"
    return text.replace("\n", "\r\n") if rng.random() < 0.2 else text


def test_quick_path_never_skips_a_problem() -> None:
    """Whatever a full token scan finds, the quick tests let through and the scan reaches."""
    rng = random.Random(20240101)
    found = 0
    for _ in range(3000):
        text = _random_document(rng)
        problems = _scan(text, "f.yaml")
        found += bool(problems)
        assert strict_problems(text, "f.yaml") == problems, repr(text)
    assert found > 300  # the generator does produce offending documents


def test_scan_of_a_big_file_reaches_every_problem() -> None:
    lines = _big_file(200_000).splitlines(keepends=True)
    dues = [i for i, line in enumerate(lines) if line.startswith("    due:")]
    for at in (dues[-1], dues[len(dues) // 2], dues[0]):
        lines.insert(at, '    extra: "một\n    hai"\n')
    problems = strict_problems("".join(lines), "f.yaml")
    assert [(p.line, p.col) for p in problems] == [
        (dues[0] + 2, 5),
        (dues[len(dues) // 2] + 4, 5),
        (dues[-1] + 6, 5),
    ]
