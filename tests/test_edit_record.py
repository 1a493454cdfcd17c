"""`cchc_cli.edit.record`: where `cchc update` and `cchc done` put a record, what they
refuse, and that the shipped data takes an update on every task with added lines only."""

from __future__ import annotations

import difflib
import shutil
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from cchc_cli.checks import check
from cchc_cli.dataset import Dataset
from cchc_cli.edit.change import Change, ChangeRefusedError, write
from cchc_cli.edit.record import FutureDateError, Progress, record
from cchc_cli.engine.progress import latest_update, occurrences
from cchc_cli.errors import CchcError, UsageError
from cchc_cli.read import yaml_reader
from cchc_cli.read.loader import load_checked
from tests.conftest import TreeFactory

ROOT = Path(__file__).resolve().parents[1]
TODAY = date(2025, 6, 30)

TASKS = """\
# Nhiệm vụ của Văn phòng
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
        note: Đã lập kế hoạch   # ghi chú

  - id: VP-02
    title: Tự đánh giá PAR INDEX
    area: chi-dao
    lead: van-phong
    start: 01/01/2022
    due: 31/12/2025
    recurrence: yearly
    occurrences:
      - period: 2022
        updates:
          - {date: 15/12/2022, percent: 100}
        completed: 15/12/2022
      - period: 2023
        updates:
          - {date: 01/06/2023, percent: 50}

  - id: VP-03
    title: Báo cáo quý
    area: chi-dao
    lead: van-phong
    start: 01/01/2025
    due: 31/12/2025
    recurrence: quarterly
"""

ISO_TASKS = """\
tasks:
  - id: VP-01
    title: Rà soát
    area: tthc
    lead: van-phong
    start: 2024-01-01
    due: 2025-12-31
    updates:
      - {percent: 20, date: 2024-03-10}
      - {percent: 100, date: 2024-05-02}
"""


@pytest.fixture
def dataset(make_repo: TreeFactory) -> Dataset:
    repo = make_repo({"data/tasks/van-phong.yaml": TASKS})
    return load_checked(repo / "data", check)


def _run(dataset: Dataset, **given: Any) -> Change:
    force = given.pop("force", False)
    return record(dataset, Progress(**given), today=TODAY, force=force)


def _added(change: Change) -> list[str]:
    """The lines the change adds; it must remove or alter none."""
    assert change.before is not None
    old = change.before.decode().splitlines(keepends=True)
    new = change.after.decode().splitlines(keepends=True)
    diff = list(difflib.ndiff(old, new))
    assert not [line for line in diff if line.startswith("- ")], change.diff()
    return [line[2:] for line in diff if line.startswith("+ ")]


def _task(change: Change, index: int) -> dict[str, Any]:
    data, problems = yaml_reader.parse(change.after.decode(), change.shown)
    assert not problems
    task: dict[str, Any] = data["tasks"][index]
    return task


def test_an_update_goes_after_the_last_one_in_its_style(dataset: Dataset) -> None:
    change = _run(dataset, task="VP-01", day=date(2025, 6, 1), percent=60, evidence="CV 5/SCT")
    assert _added(change) == [
        "      - date: 01/06/2025\n",
        "        percent: 60\n",
        "        evidence: CV 5/SCT\n",
    ]
    assert change.summary == (
        "Đã ghi tiến độ 60% ngày 01/06/2025 cho nhiệm vụ VP-01 vào data/tasks/van-phong.yaml."
    )
    assert change.warnings == []


def test_a_period_of_a_recurring_task(dataset: Dataset) -> None:
    change = _run(dataset, task="VP-02", day=date(2024, 1, 5), percent=80, period=" 2023 ")
    assert _added(change) == ["          - {date: 05/01/2024, percent: 80}\n"]
    new_period = _run(dataset, task="VP-02", day=date(2025, 3, 1), percent=30, period="2025")
    assert _added(new_period) == [
        "      - period: 2025\n",
        "        updates:\n",
        "          - {date: 01/03/2025, percent: 30}\n",
    ]
    assert _task(new_period, 1)["occurrences"][-1]["period"] == 2025


def test_the_first_update_of_a_quarter_adds_occurrences(dataset: Dataset) -> None:
    change = _run(
        dataset, task="VP-03", day=date(2025, 6, 30), percent=100, done=True, period="2025-q2"
    )
    assert _added(change) == [
        "    occurrences:\n",
        "      - period: 2025-Q2\n",
        "        updates:\n",
        "          - {date: 30/06/2025, percent: 100}\n",
        "        completed: 30/06/2025\n",
    ]


def test_done_adds_an_update_at_100_and_the_completion(dataset: Dataset) -> None:
    change = _run(
        dataset,
        task="VP-01",
        day=date(2025, 5, 2),
        done=True,
        evidence="Báo cáo số 45/BC-SCT",
        result="Sở đã rà soát 12 thủ tục.",
    )
    assert _added(change) == [
        "      - date: 02/05/2025\n",
        "        percent: 100\n",
        "        evidence: Báo cáo số 45/BC-SCT\n",
        "        result: Sở đã rà soát 12 thủ tục.\n",
        "    completed: 02/05/2025\n",
    ]


def test_done_after_a_100_update_adds_only_the_completion(make_repo: TreeFactory) -> None:
    repo = make_repo({"data/tasks/van-phong.yaml": ISO_TASKS})
    dataset = load_checked(repo / "data", check)
    assert [p.code for p in dataset.problems] == ["missing-completion"]
    change = _run(dataset, task="VP-01", day=date(2024, 5, 2), done=True)
    assert _added(change) == ["    completed: 2024-05-02\n"]


def test_iso_files_get_iso_dates_and_the_keys_keep_their_order(make_repo: TreeFactory) -> None:
    repo = make_repo({"data/tasks/van-phong.yaml": ISO_TASKS.replace("100", "60")})
    dataset = load_checked(repo / "data", check)
    change = _run(dataset, task="VP-01", day=date(2025, 1, 2), percent=70, note="Tiếp tục")
    assert _added(change) == ["      - {percent: 70, date: 2025-01-02, note: Tiếp tục}\n"]


@pytest.mark.parametrize(
    ("given", "code"),
    [
        ({"percent": 10}, "progress-backwards"),
        ({"percent": 100}, "missing-completion"),
    ],
)
def test_a_change_that_breaks_a_rule_is_refused(
    dataset: Dataset, given: dict[str, Any], code: str
) -> None:
    with pytest.raises(ChangeRefusedError) as refused:
        _run(dataset, task="VP-01", day=date(2025, 1, 1), **given)
    assert [p.code for p in refused.value.problems] == [code]
    assert refused.value.problems[0].path == "data/tasks/van-phong.yaml"


def test_a_date_before_the_latest_update_is_refused_with_its_place(dataset: Dataset) -> None:
    with pytest.raises(CchcError) as error:
        _run(dataset, task="VP-01", day=date(2024, 3, 9), percent=30)
    assert error.value.message == (
        "Ngày 09/03/2024 trước lần cập nhật gần nhất (10/03/2024, data/tasks/van-phong.yaml:10:15)."
    )


def test_a_date_after_today_needs_force(dataset: Dataset) -> None:
    with pytest.raises(FutureDateError) as error:
        _run(dataset, task="VP-01", day=date(2025, 7, 1), percent=30)
    assert error.value.field == "force"
    assert _run(dataset, task="VP-01", day=date(2025, 7, 1), percent=30, force=True)


def test_periods(dataset: Dataset) -> None:
    with pytest.raises(UsageError) as missing:
        _run(dataset, task="VP-02", day=date(2024, 5, 1), percent=30)
    assert missing.value.field == "period"
    assert missing.value.hint == "Các kỳ: 2022, 2023, 2024, 2025. Ngày 01/05/2024 thuộc kỳ 2024."
    with pytest.raises(UsageError, match="không có kỳ “2026”"):
        _run(dataset, task="VP-02", day=date(2024, 5, 1), percent=30, period="2026")
    with pytest.raises(UsageError, match="không chia kỳ"):
        _run(dataset, task="VP-01", day=date(2025, 5, 1), percent=30, period="2025")
    with pytest.raises(CchcError, match=r"kỳ 2022.*đã ghi hoàn thành ngày 15/12/2022"):
        _run(dataset, task="VP-02", day=date(2024, 5, 1), percent=30, period="2022")


def test_unknown_and_broken_tasks(make_repo: TreeFactory, dataset: Dataset) -> None:
    with pytest.raises(CchcError) as error:
        _run(dataset, task="vp-01", day=date(2025, 5, 1), percent=30)
    assert error.value.hint == "Có phải ý bạn là “VP-01”?"
    broken = TASKS.replace("    title: Báo cáo quý\n", "")
    repo = make_repo({"data/tasks/van-phong.yaml": broken})
    with pytest.raises(CchcError, match="đang có lỗi"):
        _run(load_checked(repo / "data", check), task="VP-03", day=date(2025, 5, 1), percent=3)


@pytest.mark.parametrize("bad", ["", "   ", "hai\ndòng", "esc\x1b"])
def test_text_must_be_one_clean_line(dataset: Dataset, bad: str) -> None:
    with pytest.raises(UsageError) as error:
        _run(dataset, task="VP-01", day=date(2025, 5, 1), percent=30, note=bad)
    assert error.value.field == "note"


def test_write_refuses_a_file_changed_since_it_was_read(dataset: Dataset) -> None:
    change = _run(dataset, task="VP-01", day=date(2025, 6, 1), percent=60)
    change.path.write_bytes(change.path.read_bytes() + "# sửa tay\n".encode())
    with pytest.raises(CchcError, match="vừa được sửa"):
        write(change)
    assert change.path.read_bytes().endswith("# sửa tay\n".encode())


def test_two_writers_of_one_file_never_both_succeed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Both read the file as it was. The first is held between its check and its write;
    the second must wait for it, then find the file changed, instead of writing in between
    and having its change silently replaced by the first's."""
    import threading

    from cchc_cli.edit import change as change_module

    file = tmp_path / "t.yaml"
    file.write_bytes(b"a: 1\n")
    first = Change(file, "t.yaml", b"a: 1\n", b"a: 2\n", "một")
    second = Change(file, "t.yaml", b"a: 1\n", b"a: 3\n", "hai")
    from cchc_cli.read.source import current_bytes as real

    checking, carry_on = threading.Event(), threading.Event()

    def held_after_reading(path: Path) -> bytes | None:
        found = real(path)
        if threading.current_thread().name == "first":
            checking.set()
            carry_on.wait(5)
        return found

    monkeypatch.setattr(change_module, "current_bytes", held_after_reading)
    outcome: dict[str, str] = {}

    def run(name: str, change: Change) -> None:
        try:
            write(change)
            outcome[name] = "written"
        except CchcError as error:
            outcome[name] = error.message

    one = threading.Thread(target=run, args=("first", first), name="first")
    one.start()
    assert checking.wait(5)
    two = threading.Thread(target=run, args=("second", second), name="second")
    two.start()
    two.join(0.5)  # without the lock, the second writes now
    carry_on.set()
    one.join(10)
    two.join(10)
    assert outcome["first"] == "written"
    assert "vừa được sửa" in outcome["second"]
    assert file.read_bytes() == b"a: 2\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["t.yaml"]  # no lock left


def test_a_lock_left_by_a_killed_run_is_taken_over_and_a_live_one_waited_for(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os
    import time

    from cchc_cli.output import lock

    file = tmp_path / "t.yaml"
    file.write_bytes(b"a: 1\n")
    left = lock.lock_path(file)
    left.touch()
    monkeypatch.setattr(lock, "WAIT", 0.2)
    with pytest.raises(CchcError, match="đang được một lệnh khác ghi") as refused:
        write(Change(file, "t.yaml", b"a: 1\n", b"a: 2\n", "một"))
    assert "“.t.yaml.cchc-lock”" in refused.value.hint  # what to remove, shown as the file is
    assert file.read_bytes() == b"a: 1\n"
    for when in (time.time() - lock.STALE - 1, time.time() + lock.STALE + 60):  # past, future
        left.touch()
        os.utime(left, (when, when))
        before = file.read_bytes()
        write(Change(file, "t.yaml", before, before + b"b: 2\n", "một"))
        assert file.read_bytes() == before + b"b: 2\n"
        assert not left.exists()


def test_every_task_of_the_shipped_data_takes_an_update(tmp_path: Path) -> None:
    """The property on real data: an update each task's rules accept is written with added
    lines only, and the repository stays free of errors."""
    shutil.copytree(ROOT / "data", tmp_path / "data")
    dataset = load_checked(tmp_path / "data", check)
    assert not any(p.is_error for p in dataset.problems)
    recorded = 0
    for located in dataset.tasks:
        task = located.item
        for occurrence in occurrences(task):
            if occurrence.completed is not None:
                continue
            latest = latest_update(occurrence.updates, date.max)
            day = max(occurrence.start, latest.date if latest else occurrence.start)
            percent = min(99, (latest.percent if latest else 0) + 1)
            change = record(
                dataset,
                Progress(task.id, day, percent, period=occurrence.period, note="Đã làm"),
                today=day,
            )
            assert len(_added(change)) >= 1
            recorded += 1
            break
    assert recorded >= 30


def test_a_task_in_a_file_that_cannot_be_read(make_repo: TreeFactory) -> None:
    repo = make_repo({"data/tasks/thanh-tra.yaml": "tasks:\n  - id: TT-01\n   title: x\n"})
    with pytest.raises(CchcError) as error:
        _run(load_checked(repo / "data", check), task="TT-01", day=date(2025, 5, 1), percent=3)
    assert error.value.hint.endswith(
        "Tệp chưa đọc được vì có lỗi: data/tasks/thanh-tra.yaml (xem “cchc validate”)."
    )
