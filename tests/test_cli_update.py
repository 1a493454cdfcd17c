"""`cchc update` and `cchc done` through the real Typer app, on data trees in tmp_path."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from cchc_cli.cli.app import app
from tests.conftest import TreeFactory

TASKS = """\
tasks:
  - id: VP-01
    title: Rà soát thủ tục
    area: tthc
    lead: van-phong
    start: 01/01/2024
    due: 31/12/2025
    updates:
      - date: 10/03/2024
        percent: 20

  - id: VP-02
    title: Tự đánh giá PAR INDEX
    area: chi-dao
    lead: van-phong
    start: 01/01/2022
    due: 31/12/2025
    recurrence: yearly
"""
CRLF_BOM = "\ufeff" + TASKS.replace("\n", "\r\n")
FILE = "data/tasks/van-phong.yaml"


@pytest.fixture
def repo(make_repo: TreeFactory) -> Path:
    return make_repo({FILE: TASKS})


def run(runner: CliRunner, repo: Path, *args: str) -> Any:
    return runner.invoke(app, ["--data", str(repo), *args])


def test_update_writes_only_the_new_lines(runner: CliRunner, repo: Path) -> None:
    result = run(
        runner, repo, "update", "VP-01", "--percent", "60", "--date", "15/06/2024",
        "--note", "Đã lấy ý kiến", "--evidence", "Báo cáo số 45/BC-SCT ngày 15/06/2024",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "Đã ghi tiến độ 60% ngày 15/06/2024 cho nhiệm vụ VP-01 vào data/tasks/van-phong.yaml.\n"
    )
    assert (repo / FILE).read_text(encoding="utf-8") == TASKS.replace(
        "        percent: 20\n",
        "        percent: 20\n"
        "      - date: 15/06/2024\n"
        "        percent: 60\n"
        "        note: Đã lấy ý kiến\n"
        "        evidence: Báo cáo số 45/BC-SCT ngày 15/06/2024\n",
    )
    assert [p.name for p in (repo / FILE).parent.iterdir()] == ["van-phong.yaml"]
    assert run(runner, repo, "validate").exit_code == 0


def test_a_change_that_breaks_a_rule_writes_nothing(runner: CliRunner, repo: Path) -> None:
    before = (repo / FILE).read_bytes()
    result = run(runner, repo, "update", "VP-01", "--percent", "10", "--date", "15/06/2024")
    assert result.exit_code == 1
    assert "data/tasks/van-phong.yaml:12:18: lỗi [progress-backwards]" in result.stderr
    assert "Không ghi: thay đổi này làm dữ liệu có lỗi" in result.stderr
    assert "Traceback" not in result.output
    assert (repo / FILE).read_bytes() == before


def test_100_percent_is_refused_with_the_way_out(runner: CliRunner, repo: Path) -> None:
    before = (repo / FILE).read_bytes()
    result = run(runner, repo, "update", "VP-01", "--percent", "100", "--date", "15/06/2024")
    assert result.exit_code == 1
    assert "[missing-completion]" in result.stderr
    assert "dùng “cchc done”" in result.stderr
    assert (repo / FILE).read_bytes() == before


def test_dry_run_prints_the_diff(runner: CliRunner, repo: Path) -> None:
    before = (repo / FILE).read_bytes()
    result = run(
        runner, repo, "update", "VP-02", "--period", "2024", "--percent", "50",
        "--date", "2024-06-15", "--dry-run",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "--- a/data/tasks/van-phong.yaml\n"
        "+++ b/data/tasks/van-phong.yaml\n"
        "@@ -17,2 +17,7 @@\n"
        "     due: 31/12/2025\n"
        "     recurrence: yearly\n"
        "+    occurrences:\n"
        "+      - period: 2024\n"
        "+        updates:\n"
        "+          - date: 15/06/2024\n"
        "+            percent: 50\n"
    )
    assert "Chạy thử: chưa ghi gì." in result.stderr
    assert (repo / FILE).read_bytes() == before


def test_crlf_and_bom_are_kept(runner: CliRunner, make_repo: TreeFactory) -> None:
    repo = make_repo({FILE: CRLF_BOM.encode()})
    result = run(runner, repo, "done", "VP-01", "--date", "20/12/2024", "--evidence", "BC 9")
    assert result.exit_code == 0, result.output
    after = (repo / FILE).read_bytes()
    assert (
        after
        == CRLF_BOM.replace(
            "        percent: 20\r\n",
            "        percent: 20\r\n"
            "      - date: 20/12/2024\r\n"
            "        percent: 100\r\n"
            "        evidence: BC 9\r\n"
            "    completed: 20/12/2024\r\n",
        ).encode()
    )


def test_flow_style_items_are_followed(runner: CliRunner, make_repo: TreeFactory) -> None:
    repo = make_repo({})  # the base task file writes its updates as flow mappings
    before = (repo / FILE).read_text(encoding="utf-8")
    result = run(runner, repo, "update", "VP-01", "--percent", "100", "--date", "26/01/2024")
    assert result.exit_code == 1  # VP-01 of the base repository is completed
    assert "đã ghi hoàn thành ngày 25/01/2024" in result.stderr
    flowing = before.replace("    completed: 25/01/2024\n", "").replace("100", "90")
    (repo / FILE).write_text(flowing, encoding="utf-8")
    result = run(runner, repo, "update", "VP-01", "--percent", "95", "--date", "26/01/2024")
    assert result.exit_code == 0, result.output
    assert (repo / FILE).read_text(encoding="utf-8") == flowing + (
        "      - {date: 26/01/2024, percent: 95}\n"
    )


def test_usage_errors_name_the_option(runner: CliRunner, repo: Path) -> None:
    result = run(runner, repo, "update", "VP-02", "--percent", "50", "--date", "15/06/2024")
    assert result.exit_code == 2
    assert "cần ghi kỳ (tuỳ chọn --period)" in result.stderr
    assert "Ngày 15/06/2024 thuộc kỳ 2024." in result.stderr
    result = run(runner, repo, "update", "VP-01", "--percent", "150")
    assert result.exit_code == 2
    assert "(tuỳ chọn --percent)" in result.stderr
    result = run(runner, repo, "update", "VP-01", "--percent", "50", "--date", "31/02/2024")
    assert result.exit_code == 2
    assert "(tuỳ chọn --date)" in result.stderr


def test_a_future_date_needs_force(runner: CliRunner, repo: Path) -> None:
    args = ["update", "VP-01", "--percent", "30", "--date", "01/01/2999"]
    result = run(runner, repo, *args)
    assert result.exit_code == 1
    assert "Dùng --force để ghi ngày sau hôm nay" in result.stderr
    result = run(runner, repo, *args, "--force")
    assert result.exit_code == 0, result.output
    assert "outside-period" in result.stderr  # a new warning is shown, not refused


def test_done_on_a_period(runner: CliRunner, repo: Path) -> None:
    result = run(runner, repo, "done", "VP-02", "--period", "2023", "--date", "20/12/2023")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Đã ghi hoàn thành nhiệm vụ VP-02 (kỳ 2023) ngày 20/12/2023")
    assert (
        (repo / FILE)
        .read_text(encoding="utf-8")
        .endswith(
            "    occurrences:\n"
            "      - period: 2023\n"
            "        updates:\n"
            "          - date: 20/12/2023\n"
            "            percent: 100\n"
            "        completed: 20/12/2023\n"
        )
    )
    again = run(runner, repo, "done", "VP-02", "--period", "2023", "--date", "21/12/2023")
    assert again.exit_code == 1
    assert "đã ghi hoàn thành ngày 20/12/2023" in again.stderr
