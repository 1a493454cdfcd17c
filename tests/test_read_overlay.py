"""`read.overlay`: inside `overlaid`, the loader reads the given bytes instead of the disk."""

from __future__ import annotations

from cchc_cli.checks import check
from cchc_cli.read.loader import load_checked
from cchc_cli.read.overlay import overlaid
from tests.conftest import TreeFactory

NEW_TASK = """\
tasks:
  - {id: TT-01, title: Kiểm tra, area: tthc, lead: thanh-tra, start: 01/01/2024, due: 31/12/2024}
"""


def test_changed_and_new_files_are_read_only_inside_the_block(make_repo: TreeFactory) -> None:
    data = make_repo() / "data"
    changed = data / "tasks" / "van-phong.yaml"
    new = data / "tasks" / "thanh-tra.yaml"
    broken = changed.read_bytes().replace(b"percent: 50", b"percent: 500")
    with overlaid({changed: broken, new: NEW_TASK.encode()}):
        inside = load_checked(data, check)
    assert [t.item.id for t in inside.tasks] == ["TT-01"]  # VP-01 now fails the schema
    assert [(p.path, p.code) for p in inside.problems] == [
        ("data/tasks/van-phong.yaml", "out-of-range")
    ]
    assert "data/tasks/thanh-tra.yaml" in inside.files
    outside = load_checked(data, check)
    assert [t.item.id for t in outside.tasks] == ["VP-01"]
    assert outside.problems == []
    assert not new.exists()
