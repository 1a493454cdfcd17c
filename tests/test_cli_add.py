"""`cchc add` through the real Typer app, and `next_id`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from cchc_cli.checks import check
from cchc_cli.cli import add as add_command
from cchc_cli.cli.app import app
from cchc_cli.edit.add import next_id
from cchc_cli.read import yaml_reader
from cchc_cli.read.loader import load_checked
from tests.conftest import TreeFactory
from tests.helpers import TASKS

FILE = "data/tasks/van-phong.yaml"
REQUIRED = ["--area", "tthc", "--start", "01/02/2024", "--due", "30/06/2024"]


def run(runner: CliRunner, repo: Path, *args: str, **kwargs: Any) -> Any:
    return runner.invoke(app, ["--data", str(repo), "add", *args], **kwargs)


def test_a_task_goes_to_its_unit_file_with_the_next_id(
    runner: CliRunner, make_repo: TreeFactory
) -> None:
    repo = make_repo()
    result = run(
        runner, repo, "--lead", "van-phong", "--title", "Kiểm tra: công vụ", *REQUIRED,
        "--support", "thanh-tra", "--product", "Báo cáo kiểm tra", "--solutions", "gp-1",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert result.stdout == "Đã thêm nhiệm vụ VP-02 vào data/tasks/van-phong.yaml.\n"
    assert (repo / FILE).read_text(encoding="utf-8") == TASKS + (
        "  - id: VP-02\n"
        '    title: "Kiểm tra: công vụ"\n'
        "    area: tthc\n"
        "    lead: van-phong\n"
        "    support: [thanh-tra]\n"
        "    output: Báo cáo kiểm tra\n"
        "    start: 01/02/2024\n"
        "    due: 30/06/2024\n"
        "    recurrence: once\n"
        "    solutions: [gp-1]\n"
    )
    assert runner.invoke(app, ["--data", str(repo), "validate"]).exit_code == 0


def test_a_unit_without_tasks_gets_its_own_file(runner: CliRunner, make_repo: TreeFactory) -> None:
    repo = make_repo()
    args = ["--lead", "thanh-tra", "--title", "Thanh tra công vụ", *REQUIRED, "--dry-run"]
    dry = run(runner, repo, *args)
    assert dry.exit_code == 0, dry.output
    assert dry.stdout.startswith("--- /dev/null\n+++ b/data/tasks/thanh-tra.yaml\n")
    assert not (repo / "data/tasks/thanh-tra.yaml").exists()
    result = run(runner, repo, *args[:-1], "--recurrence", "yearly")
    assert result.exit_code == 0, result.output
    assert (repo / "data/tasks/thanh-tra.yaml").read_text(encoding="utf-8") == (
        "# yaml-language-server: $schema=../../schemas/tasks.schema.json\n"
        "# Nhiệm vụ do Thanh tra Sở chủ trì.\n"
        "tasks:\n"
        "  - id: TT-01\n"
        "    title: Thanh tra công vụ\n"
        "    area: tthc\n"
        "    lead: thanh-tra\n"
        "    start: 01/02/2024\n"
        "    due: 30/06/2024\n"
        "    recurrence: yearly\n"
    )


def test_a_unit_name_over_two_lines_goes_on_one_line_of_the_new_file(
    runner: CliRunner, make_repo: TreeFactory
) -> None:
    """A folded name (``name: >``) ends with a line break, a long one holds more: the
    header comment of the new file keeps it on one line."""
    from tests.helpers import UNITS

    units = UNITS + "  - code: phong-moi\n    name: >\n      Phòng Quản lý\n      Xuất nhập khẩu\n"
    units += "    kind: phong\n"
    repo = make_repo({"data/units.yaml": units})
    result = run(runner, repo, "--lead", "phong-moi", "--title", "Rà soát thủ tục", *REQUIRED)
    assert result.exit_code == 0, result.output
    text = (repo / "data/tasks/phong-moi.yaml").read_text(encoding="utf-8")
    assert "# Nhiệm vụ do Phòng Quản lý Xuất nhập khẩu chủ trì.\ntasks:\n" in text
    assert runner.invoke(app, ["--data", str(repo), "validate"]).exit_code == 0


def test_a_file_of_comments_only_gets_the_list(runner: CliRunner, make_repo: TreeFactory) -> None:
    repo = make_repo({"data/tasks/thanh-tra.yaml": "# Chưa có nhiệm vụ.\r\n"})
    result = run(runner, repo, "--lead", "thanh-tra", "--title", "Thanh tra", *REQUIRED)
    assert result.exit_code == 0, result.output
    assert (repo / "data/tasks/thanh-tra.yaml").read_bytes() == (
        b"# Ch\xc6\xb0a c\xc3\xb3 nhi\xe1\xbb\x87m v\xe1\xbb\xa5.\r\ntasks:\r\n  - id: TT-01\r\n"
        b"    title: Thanh tra\r\n    area: tthc\r\n    lead: thanh-tra\r\n"
        b"    start: 01/02/2024\r\n    due: 30/06/2024\r\n    recurrence: once\r\n"
    )


def test_a_task_that_breaks_a_rule_writes_nothing(
    runner: CliRunner, make_repo: TreeFactory
) -> None:
    repo = make_repo()
    before = (repo / FILE).read_bytes()
    result = run(
        runner, repo, "--lead", "van-phong", "--title", "X", "--area", "tthc",
        "--start", "01/02/2024", "--due", "01/01/2024", "--support", "thanh-traa",
    )  # fmt: skip
    assert result.exit_code == 1
    assert "[date-order]" in result.stderr and "[unknown-ref]" in result.stderr
    assert "Có phải ý bạn là “thanh-tra”?" in result.stderr
    assert (repo / FILE).read_bytes() == before


@pytest.mark.parametrize(
    ("args", "wording"),
    [
        (["--title", "X", *REQUIRED], "Thiếu đơn vị chủ trì (tuỳ chọn --lead)."),
        (["--lead", "van-phongg", "--title", "X", *REQUIRED], "(tuỳ chọn --lead)"),
        (["--lead", "van-phong", "--title", " ", *REQUIRED], "(tuỳ chọn --title)"),
        (["--lead", "van-phong", "--title", "X", *REQUIRED, "--id", "VP-01"], "đã dùng"),
        (["--lead", "van-phong", "--title", "X", *REQUIRED, "--recurrence", "weekly"], "--recur"),
    ],
)
def test_usage_errors(
    runner: CliRunner, make_repo: TreeFactory, args: list[str], wording: str
) -> None:
    result = run(runner, make_repo(), *args)
    assert result.exit_code == 2, result.output
    assert wording in result.stderr


def test_prompts_on_a_terminal(
    runner: CliRunner, make_repo: TreeFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(add_command, "_interactive", lambda: True)
    repo = make_repo()
    answers = "Ban hành quy chế\nvan-phongg\nvan-phong\nchi-dao\n31/02/2024\n01/03/2024\n"
    result = run(runner, repo, "--due", "31/12/2024", input=answers)
    assert result.exit_code == 0, result.output
    assert "Không có đơn vị mã “van-phongg”." in result.output
    assert "Ngày “31/02/2024” không hợp lệ." in result.output
    data, _ = yaml_reader.parse((repo / FILE).read_text(encoding="utf-8"), FILE)
    assert data["tasks"][-1] == {
        "id": "VP-02",
        "title": "Ban hành quy chế",
        "area": "chi-dao",
        "lead": "van-phong",
        "start": "01/03/2024",
        "due": "31/12/2024",
        "recurrence": "once",
    }


def test_ctrl_d_at_a_prompt_writes_nothing(
    runner: CliRunner, make_repo: TreeFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(add_command, "_interactive", lambda: True)
    repo = make_repo()
    before = (repo / FILE).read_bytes()
    result = run(runner, repo, input="Tên\n")
    assert result.exit_code == 1
    assert "Đã huỷ." in result.output
    assert (repo / FILE).read_bytes() == before


NUMBERED = """\
tasks:
  - {id: VP-009, title: A, area: tthc, lead: van-phong, start: 01/01/2024, due: 31/12/2024}
  - {id: VP-010, title: B, area: tthc, lead: van-phong, start: 01/01/2024, due: 31/12/2024}
  - {id: KH-7, title: C, area: tthc, lead: van-phong, start: 01/01/2024, due: 31/12/2024}
  - {id: VP-011, title: D, area: tthc, lead: thanh-tra, start: 01/01/2024, due: 31/12/2024}
"""


def test_next_id_continues_the_unit_numbering(make_repo: TreeFactory) -> None:
    dataset = load_checked(make_repo({FILE: NUMBERED}) / "data", check)
    assert next_id(dataset, "van-phong") == "VP-012"  # VP-011 is taken by another unit
    assert next_id(dataset, "thanh-tra") == "VP-012"
    assert next_id(dataset, "quan-ly-thuong-mai") == "QLTM-01"
