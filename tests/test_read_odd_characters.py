"""Characters that YAML and editors see differently are named at their real place, and
every later problem keeps its line."""

from __future__ import annotations

import pytest

from cchc_cli.checks import check
from cchc_cli.read import yaml_reader
from cchc_cli.read.loader import load_checked
from tests.conftest import TreeFactory
from tests.helpers import TASKS


def located(text: str) -> list[tuple[str, int, int]]:
    _, problems = yaml_reader.parse(text, "f.yaml")
    return [(p.code, p.line, p.col) for p in problems]


@pytest.mark.parametrize(
    ("char", "name"),
    [("\u2028", "LINE SEPARATOR"), ("\u2029", "PARAGRAPH SEPARATOR"), ("\x85", "NEXT LINE")],
)
def test_a_line_separator_in_a_quoted_title_moves_no_later_line(char: str, name: str) -> None:
    text = f'title: "Kế hoạch{char}năm 2024"\nlead: a\nlead: b\n'
    data, problems = yaml_reader.parse(text, "f.yaml")
    assert [(p.code, p.line, p.col) for p in problems] == [
        ("line-separator", 1, 17),
        ("duplicate-key", 3, 1),
    ]
    assert f"U+{ord(char):04X} ({name})" in problems[0].message
    assert data == {"title": "Kế hoạch năm 2024", "lead": "a"}


def test_a_line_separator_moves_no_schema_or_cross_file_problem(make_repo: TreeFactory) -> None:
    tasks = TASKS.replace("Ban hành kế hoạch CCHC năm", '"Ban hành\u2028kế hoạch"').replace(
        "support: [thanh-tra]", "support: [khong-co]"
    )
    repo = make_repo({"data/tasks/van-phong.yaml": tasks})
    found = [
        (p.code, p.line, p.col)
        for p in load_checked(repo / "data", check).problems
        if p.path == "data/tasks/van-phong.yaml"
    ]
    assert found == [("line-separator", 3, 21), ("unknown-ref", 6, 15)]


@pytest.mark.parametrize(
    ("text", "line", "col", "where"),
    [
        ("tasks:\n  - id: X\n    title:\xa0Foo\n    area: b\n", 3, 11, "sau dấu “:” của khoá"),
        ("tasks:\n\xa0\xa0- id: X\n    title: Foo\n", 2, 1, "ở đầu dòng"),
        ("tasks:\n  -\xa0id: X\n    title: Foo\n", 2, 4, "sau dấu “-”"),
        ("a: {date: 1, percent:\xa050}\nb: 2\n", 1, 22, "sau dấu “:” của khoá"),
    ],
)
def test_a_no_break_space_where_yaml_needs_a_space_is_named_where_it_is(
    text: str, line: int, col: int, where: str
) -> None:
    data, problems = yaml_reader.parse(text, "f.yaml")
    assert [(p.code, p.line, p.col) for p in problems] == [("nbsp", line, col)]
    assert "U+00A0" in problems[0].message
    assert "không ngắt" in problems[0].message
    assert where in problems[0].message
    assert data is not None  # read as a space: the rest of the file is still checked


@pytest.mark.parametrize(
    "text",
    [
        "title: Sở\xa0Công Thương\n",
        'note: "Chi tiết, xem:\xa0Phụ lục"\n',
        "note: |\n  \xa0\xa0Đoạn văn\n  -\xa0Điểm một\n  ghi_chu:\xa0x\nb: 1\n",
    ],
)
def test_a_no_break_space_inside_text_is_text(text: str) -> None:
    data, problems = yaml_reader.parse(text, "f.yaml")
    assert problems == []
    assert isinstance(data, dict)
    assert any("\xa0" in value for value in data.values() if isinstance(value, str))


def test_later_problems_keep_their_lines_after_a_no_break_space() -> None:
    text = "tasks:\n  - id: X\n    title:\xa0Foo\n    area: b\n    area: c\n"
    assert located(text) == [("nbsp", 3, 11), ("duplicate-key", 5, 5)]
