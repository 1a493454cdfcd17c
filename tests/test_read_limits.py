"""Limits on one file: too large, too many values, too deep. Each is a located problem.

None of these tests is timed; they check that the reader stops with our own problem
instead of a stall, a RecursionError or a crash.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from cchc_cli.checks import check
from cchc_cli.dataset import DEFAULT_LIMITS, Limits
from cchc_cli.errors import Problem
from cchc_cli.read import decode
from cchc_cli.read import yaml_reader as yamlsafe
from cchc_cli.read.loader import load, load_checked, read_yaml
from tests.conftest import TreeFactory

TASK = """\
  - id: BIG-{n:02d}
    title: Nhiệm vụ {n}
    area: chi-dao
    lead: van-phong
    start: 01/01/2024
    due: 31/01/2024
"""


def tasks_file(count: int) -> str:
    return "tasks:\n" + "".join(TASK.format(n=n) for n in range(1, count + 1))


def codes(problems: list[Problem], path: str) -> list[tuple[str, int, int]]:
    return [(p.code, p.line, p.col) for p in problems if p.path == path]


def test_default_limits() -> None:
    assert Limits() == DEFAULT_LIMITS
    assert DEFAULT_LIMITS.max_bytes == 5 * 1024 * 1024 == decode.DEFAULT_MAX_BYTES
    assert DEFAULT_LIMITS.max_nodes == 1_000_000
    assert DEFAULT_LIMITS.max_depth >= 10  # a task file needs 7 levels


def test_file_over_the_size_limit_is_a_located_error(make_repo: TreeFactory) -> None:
    repo = make_repo({"data/tasks/big.yaml": tasks_file(40)})
    size = (repo / "data/tasks/big.yaml").stat().st_size
    dataset = load(repo / "data", Limits(max_bytes=1000))
    [problem] = [p for p in dataset.problems if p.path == "data/tasks/big.yaml"]
    assert (problem.code, problem.line, problem.col, problem.level) == ("too-large", 1, 1, "error")
    assert f"{size:,}".replace(",", ".") in problem.message
    assert "1.000" in problem.message
    assert problem.hint
    assert [t.item.id for t in dataset.tasks] == ["VP-01"]  # the other files are still read


def test_the_same_file_loads_under_the_default_limits(make_repo: TreeFactory) -> None:
    repo = make_repo({"data/tasks/big.yaml": tasks_file(40)})
    dataset = load_checked(repo / "data", check)
    assert [p for p in dataset.problems if p.is_error] == []
    assert len(dataset.tasks) == 41


def test_size_limit_applies_to_every_kind_of_file(make_repo: TreeFactory) -> None:
    repo = make_repo()
    dataset = load(repo / "data", Limits(max_bytes=10))
    assert {p.path for p in dataset.problems if p.code == "too-large"} == {
        "data/plan.yaml",
        "data/areas.yaml",
        "data/units.yaml",
        "data/indicators/sipas.yaml",
        "data/tasks/van-phong.yaml",
    }


def test_too_many_values_is_located_where_the_limit_is_crossed(make_repo: TreeFactory) -> None:
    repo = make_repo({"data/tasks/many.yaml": tasks_file(10)})
    dataset = load(repo / "data", Limits(max_nodes=100))
    [problem] = [p for p in dataset.problems if p.path == "data/tasks/many.yaml"]
    assert problem.code == "too-deep"
    assert problem.level == "error"
    assert "100" in problem.message
    # 1 (root) + 2 (tasks:) + 13 per task: the 101st node is in the 8th task (lines 44-49).
    assert 43 <= problem.line <= 50


def test_too_many_values_in_a_flow_list() -> None:
    text = "[" + ", ".join(["1"] * 50) + "]"
    data, problems = yamlsafe.parse(text, "f.yaml", Limits(max_nodes=20))
    assert data is None
    assert [(p.code, p.line) for p in problems] == [("too-deep", 1)]
    assert 30 <= problems[0].col <= 60  # near the 20th item, not at the start of the file


def test_too_many_events_stop_the_anchor_scan() -> None:
    text = "- &a 1\n" + "- 1\n" * 100
    _, problems = yamlsafe.parse(text, "f.yaml", Limits(max_nodes=10))
    assert [p.code for p in problems] == ["too-deep"]
    assert problems[0].line > 1


@pytest.mark.parametrize(
    "text",
    [
        "- " * 900 + "x\n",
        "[" * 900 + "]" * 900 + "\n",
        "[" * 900 + "\n",  # never closed
        "{a: " * 900 + "1" + "}" * 900 + "\n",
        "".join("  " * i + "k:\n" for i in range(900)) + "  " * 900 + "v\n",
        "[" * 100_000 + "\n",  # past libyaml's own nesting limit
        "- &a " * 900 + "x\n",  # with anchors: the event scan runs first
    ],
    ids=["dashes", "flow", "unclosed", "flow-maps", "block-maps", "100k", "anchors"],
)
def test_deep_nesting_is_a_located_error(text: str) -> None:
    data, problems = yamlsafe.parse(text, "f.yaml")
    assert data is None
    assert problems
    assert all(p.line >= 1 and p.col >= 1 for p in problems)
    assert {p.code for p in problems} <= {"too-deep", "syntax", "anchor"}


def test_depth_problem_points_at_the_level_that_is_too_deep() -> None:
    _, problems = yamlsafe.parse("- " * 900 + "x\n", "f.yaml", Limits(max_depth=10))
    assert [(p.code, p.line, p.col) for p in problems] == [("too-deep", 1, 19)]
    assert problems[0].message == "Tệp lồng nhau quá sâu."
    assert "thụt lề" in problems[0].hint


def test_nesting_at_the_limit_is_accepted() -> None:
    text = "[" * 9 + "1" + "]" * 9  # 10 nodes deep
    data, problems = yamlsafe.parse(text, "f.yaml", Limits(max_depth=10))
    assert problems == []
    for _ in range(9):
        assert isinstance(data, list)
        data = data[0]
    assert data == 1
    assert yamlsafe.parse("[" + text + "]", "f.yaml", Limits(max_depth=10))[0] is None


def test_deep_task_file_does_not_stop_the_run(make_repo: TreeFactory) -> None:
    repo = make_repo({"data/tasks/deep.yaml": "tasks:\n  - " + "- " * 900 + "x\n"})
    dataset = load_checked(repo / "data", check)
    assert codes(dataset.problems, "data/tasks/deep.yaml") == [("too-deep", 2, 99)]
    assert [t.item.id for t in dataset.tasks] == ["VP-01"]


def test_read_yaml_takes_limits(tmp_path: Path) -> None:
    file = tmp_path / "f.yaml"
    file.write_text("a: [1, 2, 3]\n", encoding="utf-8")
    assert read_yaml(file, "f.yaml")[0] == {"a": [1, 2, 3]}
    data, text, problems = read_yaml(file, "f.yaml", Limits(max_nodes=3))
    assert data is None
    assert text
    assert [p.code for p in problems] == ["too-deep"]
    data, text, problems = read_yaml(file, "f.yaml", Limits(max_bytes=5))
    assert (data, text, [p.code for p in problems]) == (None, "", ["too-large"])


def test_locating_a_schema_error_uses_the_same_limits(make_repo: TreeFactory) -> None:
    # Larger limits than the defaults: the file loads, and its schema error is still placed.
    deep_ok = "tasks:\n  - id: VP-02\n    title: [" + "[" * 60 + "]" * 60 + "]\n"
    repo = make_repo({"data/tasks/x.yaml": deep_ok})
    limits = Limits(max_depth=100)
    dataset = load_checked(repo / "data", check, limits)
    found = codes(dataset.problems, "data/tasks/x.yaml")
    assert ("wrong-type", 3, 12) in found
    assert all(line >= 1 for _, line, _ in found)
