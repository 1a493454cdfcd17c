"""`cchc status` on many tasks: short lists in the text, everything in the JSON."""

from __future__ import annotations

import gc
import io
import json
import re
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from cchc_cli.checks import check
from cchc_cli.cli.app import app
from cchc_cli.cli.status import make_query
from cchc_cli.read.loader import load_checked
from cchc_cli.status.json import render_json, to_json, write_json
from cchc_cli.status.view import build
from tests.conftest import TreeFactory

AS_OF = "31/12/2024"


def overdue_tasks(count: int) -> str:
    """`count` once-tasks of van-phong, none done, all due before `AS_OF` (VP-001 first)."""
    entries = [
        f"""\
  - id: VP-{i:03d}
    title: Nhiệm vụ quá hạn số {i}
    area: chi-dao
    lead: van-phong
    start: 01/01/2024
    due: {i:02d}/06/2024
"""
        for i in range(1, count + 1)
    ]
    return "tasks:\n" + "".join(entries)


@pytest.fixture
def crowded(make_repo: TreeFactory) -> Path:
    return make_repo({"data/tasks/van-phong.yaml": overdue_tasks(25)})


def status(runner: CliRunner, repo: Path, *args: str) -> str:
    result = runner.invoke(app, ["--data", str(repo), "status", "--as-of", AS_OF, *args])
    assert result.exit_code == 0, result.output
    return result.stdout


def rows(text: str) -> list[str]:
    return re.findall(r"^(VP-\d{3})\s", text, flags=re.MULTILINE)


def overdue_block(text: str) -> str:
    return text.split("Quá hạn (25)")[1].split("\n\n", maxsplit=1)[0]


def test_each_list_shows_twenty_rows_then_says_how_many_more(
    runner: CliRunner, crowded: Path
) -> None:
    text = status(runner, crowded)
    assert "Quá hạn (25)" in text
    assert rows(overdue_block(text)) == [f"VP-{i:03d}" for i in range(1, 21)]
    assert "… và 5 nhiệm vụ khác (dùng --all)" in text


def test_limit_and_all(runner: CliRunner, crowded: Path) -> None:
    three = status(runner, crowded, "--limit", "3")
    assert rows(overdue_block(three)) == ["VP-001", "VP-002", "VP-003"]
    assert "… và 22 nhiệm vụ khác (dùng --all)" in three
    everything = status(runner, crowded, "--all")
    assert len(rows(overdue_block(everything))) == 25
    assert "nhiệm vụ khác" not in everything
    none = status(runner, crowded, "--limit", "0")
    assert rows(none) == []
    assert "Quá hạn (25)\n… và 25 nhiệm vụ khác (dùng --all)" in none


def test_roll_up_tables_stay_complete(runner: CliRunner, crowded: Path) -> None:
    text = status(runner, crowded, "--limit", "1")
    assert re.search(r"^Văn phòng Sở\s+25\s+25\s+0\s+0\s+0\s+0\s", text, flags=re.MULTILINE)
    assert "Hoàn thành 0/25" in text


@pytest.mark.parametrize("args", [[], ["--limit", "1"], ["--all"]])
def test_json_always_holds_every_row(runner: CliRunner, crowded: Path, args: list[str]) -> None:
    doc = json.loads(status(runner, crowded, "--format", "json", *args))
    assert [item["task"] for item in doc["overdue"]] == [f"VP-{i:03d}" for i in range(1, 26)]


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--limit", "2", "--all"], "Dùng --limit hoặc --all, không dùng cả hai."),
        (["--limit", "-1"], "Số dòng phải từ 0 trở lên (đang là -1) (tuỳ chọn --limit)."),
    ],
)
def test_bad_limits_are_usage_errors(
    runner: CliRunner, crowded: Path, args: list[str], says: str
) -> None:
    result = runner.invoke(app, ["--data", str(crowded), "status", *args])
    assert result.exit_code == 2
    assert says in result.stderr


def test_the_loaded_data_is_left_out_of_garbage_collection(
    runner: CliRunner, crowded: Path
) -> None:
    """Full collections would rescan the whole data set at every step of the view."""
    gc.unfreeze()
    status(runner, crowded)
    assert gc.get_freeze_count() > 0  # the autouse fixture thaws it after the test


@pytest.mark.parametrize("query", [{}, {"unit": "van-phong"}, {"year": 2019}])
def test_json_is_written_piece_by_piece_as_json_dumps_would_write_it(
    make_repo: TreeFactory, query: dict[str, Any]
) -> None:
    tasks = overdue_tasks(3).replace(
        "Nhiệm vụ quá hạn số 2", '"Tên có \\"nháy\\", \\\\ gạch, \\t tab, \\u00e9 và 😀"'
    )
    repo = make_repo({"data/tasks/van-phong.yaml": tasks})
    view = build(load_checked(repo / "data", check), make_query(AS_OF, **query))
    expected = json.dumps(to_json(view), ensure_ascii=False, indent=2) + "\n"
    assert 'Tên có \\"nháy\\", \\\\ gạch, \\t tab, é và 😀' in expected or not view.overdue
    out = io.StringIO()
    write_json(view, out)
    assert out.getvalue() == expected
    assert render_json(view) == expected
