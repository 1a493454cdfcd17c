"""YAML syntax errors come out in Vietnamese, at the place that helps."""

from __future__ import annotations

import pytest

from cchc_cli.read import yaml_reader as yamlsafe


@pytest.mark.parametrize(
    ("text", "line", "col", "words"),
    [
        ("title: Hướng dẫn: thực hiện\n", 1, 17, "Dấu “:” xuất hiện ở chỗ không được phép"),
        ("a: 1\n b: 2\n", 2, 3, "Dấu “:”"),
        ('a: 1\nb: "chưa đóng\nc: 2\n', 2, 4, "chưa được đóng"),
        ("a: @x\n", 1, 4, "không được đứng đầu"),
        ("- a\nb: 1\n", 2, 1, "Mục của danh sách"),
        ("a: [1, 2\nb: 3\n", 2, 2, "Danh sách “[…]” chưa đóng"),
        ('a: "C:\\dữ liệu"\n', 1, 7, "dấu “\\”"),
        ("a: b\x01c\n", 1, 5, "ký tự điều khiển"),
        # libyaml counts bytes; Vietnamese letters take two or three of them in UTF-8.
        ("a: 1\nb: ááá\x00z\n", 2, 7, "ký tự điều khiển"),
        ("tiêu đề: ừ\nb: Hằng\x07năm\n", 2, 8, "ký tự điều khiển"),
    ],
)
def test_syntax_errors_are_vietnamese_and_located(
    text: str, line: int, col: int, words: str
) -> None:
    data, problems = yamlsafe.parse(text, "f.yaml")
    assert data is None
    code = "control-char" if "điều khiển" in words else "syntax"
    assert [(p.code, p.line, p.col) for p in problems] == [(code, line, col)]
    assert words in problems[0].message
    assert problems[0].message.isascii() is False
    for english in ("found", "expected", "allowed", "token", "stream"):
        assert english not in problems[0].message + problems[0].hint
