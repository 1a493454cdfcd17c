"""The strict YAML reader: what it refuses, where it says so, and what it accepts."""

from __future__ import annotations

import datetime as dt
import unicodedata

import pytest

from cchc_cli.errors import Problem
from cchc_cli.read import decode
from cchc_cli.read import yaml_reader as yamlsafe


def read(raw: bytes | str) -> tuple[object, list[Problem]]:
    data = raw.encode("utf-8") if isinstance(raw, str) else raw
    text, problems = decode.utf8_text(data, "f.yaml")
    if problems:
        return None, problems
    return yamlsafe.parse(text, "f.yaml")


def codes_at(problems: list[Problem]) -> list[tuple[str, int, int]]:
    return [(p.code, p.line, p.col) for p in problems]


def test_plain_mapping_loads_without_problems() -> None:
    assert read("a: 1\nb: [x, y]\n") == ({"a": 1, "b": ["x", "y"]}, [])


def test_bom_and_crlf_are_accepted() -> None:
    data, problems = read(b"\xef\xbb\xbfa: 1\r\nb: Vi\xe1\xbb\x87t\r\n")
    assert problems == []
    assert data == {"a": 1, "b": "Việt"}


def test_duplicate_key_is_located_at_the_second_key() -> None:
    data, problems = read("tasks:\n  - id: A\n    id: B\n")
    assert codes_at(problems) == [("duplicate-key", 3, 5)]
    assert "dòng 2" in problems[0].hint
    assert data == {"tasks": [{"id": "A"}]}


def test_duplicate_keys_in_several_places_are_all_reported() -> None:
    _, problems = read("a: 1\na: 2\nb:\n  c: 1\n  c: 2\n")
    assert codes_at(problems) == [("duplicate-key", 2, 1), ("duplicate-key", 5, 3)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: &x 1\nb: 2\n", [("anchor", 1, 4)]),
        ("a: &x 1\nb: *x\n", [("anchor", 1, 4), ("alias", 2, 4)]),
        ("a: !!python/object:os.system 1\n", [("tag", 1, 4)]),
        ("a: !custom 1\n", [("tag", 1, 4)]),
        ("a: !!str 1\n", [("tag", 1, 4)]),
    ],
)
def test_anchors_aliases_and_tags_are_refused(
    text: str, expected: list[tuple[str, int, int]]
) -> None:
    data, problems = read(text)
    assert data is None
    assert codes_at(problems) == expected


def test_alias_bomb_is_refused_without_expanding() -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
    data, problems = read("\n".join(lines) + "\n")
    assert data is None
    assert {p.code for p in problems} == {"anchor", "alias"}


def test_tag_message_shows_the_tag_as_written() -> None:
    _, problems = read("a: !!python/object 1\n")
    assert "!!python/object" in problems[0].message


def test_merge_key_is_refused() -> None:
    _, problems = read("a:\n  <<: {b: 1}\n  c: 2\n")
    assert codes_at(problems) == [("merge-key", 2, 3)]


def test_ampersand_inside_text_is_fine() -> None:
    assert read('a: "R&D * 2 !"\nb: Tom & Jerry\n') == (
        {"a": "R&D * 2 !", "b": "Tom & Jerry"},
        [],
    )


@pytest.mark.parametrize("value", ["2024-02-30", "2023-02-29", "2024-13-01"])
def test_impossible_iso_dates_are_located(value: str) -> None:
    data, problems = read(f"x: 1\ndue: {value}\n")
    assert codes_at(problems) == [("invalid-date", 2, 6)]
    assert data == {"x": 1, "due": value}


def test_leap_day_is_a_date() -> None:
    assert read("due: 2024-02-29\n") == ({"due": dt.date(2024, 2, 29)}, [])


@pytest.mark.parametrize(
    ("raw", "line", "col"),
    [
        ("title: Thương\n".encode("cp1258"), 1, 10),
        (b"a: 1\ntitle: Xin cha\xf8o\n", 2, 15),  # TCVN3 bytes
        ("a: 1\n".encode("utf-16"), 1, 1),  # PowerShell 5 writes UTF-16
    ],
)
def test_non_utf8_files_are_refused_with_the_place(raw: bytes, line: int, col: int) -> None:
    data, problems = read(raw)
    assert data is None
    assert codes_at(problems) == [("encoding", line, col)]
    assert "UTF-8" in problems[0].message
    assert "UTF-8" in problems[0].hint
    assert ("UTF-16" in problems[0].message) == raw.startswith((b"\xff\xfe", b"\xfe\xff"))


def test_text_is_normalised_to_nfc() -> None:
    decomposed = unicodedata.normalize("NFD", "Công Thương")
    data, problems = read(f"{decomposed}: {decomposed}\n")
    assert problems == []
    assert data == {"Công Thương": "Công Thương"}


def test_pdf_artifact_is_a_located_warning() -> None:
    data, problems = read("a: 1\ntitle: Sở Công Th\u01a3\u01a1ng\n")
    assert codes_at(problems) == [("pdf-artifact", 2, 8)]
    assert problems[0].level == "warning"
    assert data == {"a": 1, "title": "Sở Công Th\u01a3\u01a1ng"}


def test_two_documents_are_refused() -> None:
    _, problems = read("a: 1\n---\nb: 2\n")
    assert [p.code for p in problems] == ["multi-document"]
    assert problems[0].line == 2


def test_syntax_error_is_located() -> None:
    _, problems = read("a: 1\nb: [1, 2\nc: 3\n")
    assert [p.code for p in problems] == ["syntax"]
    assert problems[0].line >= 2


def test_tab_indentation_is_a_syntax_error() -> None:
    _, problems = read("a:\n\tb: 1\n")
    assert [p.code for p in problems] == ["syntax"]


def test_control_character_is_refused() -> None:
    _, problems = read("a: b\x00c\n")
    assert [p.code for p in problems] == ["control-char"]


@pytest.mark.parametrize(
    "escaped",
    ["\\x1b[31m", "\\e]0;owned\\a", "\\u001b[2J", "x\\ry", "\\0", "\\N", "\\L", "\\x9b"],
)
@pytest.mark.parametrize("accent", ["", "Tiêu đề "])
def test_a_control_character_written_as_an_escape_is_refused_where_it_is(
    escaped: str, accent: str
) -> None:
    """The same rule as for a raw control character, applied to the value after unescaping:
    such a title could recolour, clear or retitle a terminal."""
    data, problems = read(f'a: 1\ntitle: "{accent}{escaped}"\n')
    assert codes_at(problems) == [("control-char", 2, 8)]
    assert "\\x" in problems[0].message or "\\u" in problems[0].message
    assert not any(ch in problems[0].message for ch in "\x1b\r\x00\x85\u2028\x9b")
    assert isinstance(data, dict)


@pytest.mark.parametrize("text", ['a: "x\\ty\\nz"\n', 'a: "\\_"\n', "a: 'x\\e'\n", "a: x\\e\n"])
def test_tabs_newlines_and_backslashes_outside_double_quotes_are_text(text: str) -> None:
    _, problems = read(text)
    assert problems == []


def test_unhashable_key_is_reported() -> None:
    _, problems = read("? [a, b]\n: 1\n")
    assert [p.code for p in problems] in (["bad-key"], ["syntax"])
    assert problems[0].line == 1


def test_empty_text_is_none_without_problems() -> None:
    assert read("") == (None, [])
    assert read("# only a comment\n") == (None, [])


def test_file_over_the_size_limit_is_refused() -> None:
    _, problems = decode.utf8_text(b"a: 1\n" * 10, "f.yaml", max_bytes=20)
    assert [p.code for p in problems] == ["too-large"]


@pytest.mark.parametrize("sign", ["", "-", "+"])
def test_a_number_too_long_to_convert_is_a_located_error(sign: str) -> None:
    """Python refuses to turn more than 4 300 digits into an int: our error, not its."""
    data, problems = read(f"a: 1\npercent: {sign}{'9' * 5000}\n")
    assert codes_at(problems) == [("out-of-range", 2, 10)]
    assert "5,00" in problems[0].message or "5.00" in problems[0].message
    assert isinstance(data, dict)
    assert data["a"] == 1


@pytest.mark.parametrize(
    ("written", "number"),
    [("1e3", 1000.0), ("1.5e2", 150.0), ("1E3", 1000.0), ("+.5", 0.5), ("-2.5E-1", -0.25)],
)
def test_yaml_1_2_floats_are_numbers(written: str, number: float) -> None:
    assert read(f"value: {written}\n") == ({"value": number}, [])


@pytest.mark.parametrize("written", ["1_000.5", "1:30.5", "1e", "e3", "09", "1.5e2x"])
def test_what_the_core_schema_does_not_call_a_float_stays_text(written: str) -> None:
    assert read(f"value: {written}\n") == ({"value": written}, [])


@pytest.mark.parametrize(
    ("encoding", "name"),
    [
        ("utf-32", "UTF-32"),  # its byte order mark starts like UTF-16's
        ("utf-32-le", "UTF-32"),
        ("utf-32-be", "UTF-32"),
        ("utf-16", "UTF-16"),
        ("utf-16-le", "UTF-16"),  # no byte order mark: found by its zero bytes
        ("utf-16-be", "UTF-16"),
    ],
)
def test_a_wide_encoding_is_named_for_what_it_is(encoding: str, name: str) -> None:
    data, problems = read("tasks: []\n".encode(encoding))
    assert data is None
    assert codes_at(problems) == [("encoding", 1, 1)]
    assert problems[0].message.endswith(f"Tệp được lưu dạng {name}.")
