"""The dashboard page's lists at any length: the first rows of each list, for every unit
and for each unit's to-do view (``--limit N``, default 20), or every row (``--all``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from cchc_cli.status.html import page
from cchc_cli.status.text import Shown
from tests.conftest import TreeFactory
from tests.test_status import AS_OF, run_json
from tests.test_status_dashboard import Element, Page, html_of
from tests.test_status_scale import AS_OF as CROWDED_AS_OF
from tests.test_status_scale import overdue_tasks

MORE = "(dùng --all để xem hết)"
# Lists in the view of every unit, and in each unit's to-do view (JSON key, anchor).
IN_ALL = (("overdue", "qua-han"), ("due_soon", "sap-den-han"), ("stale", "cham-cap-nhat"))
IN_UNIT = (("overdue", "qua-han"), ("due_soon", "sap-den-han"), ("open_all", "dang-thuc-hien"))


def list_rows(found: Page, anchor: str) -> list[Element]:
    (box,) = found.find("div", id=anchor)
    return [
        r for r in found.find("tr") if box in r.parents and r.inside("tbody", **{"class": "rows"})
    ]


def task_of(found: Page, row: Element) -> str:
    first = next(e for e in found.elements if e.tag == "td" and row in e.parents)
    return first.attrs["data-v"]


def key(item: dict[str, Any]) -> str:
    return f"{item['task']} {item['period'] or ''}"


def more_lines(found: Page, anchor: str) -> dict[str, str]:
    """The “… và N nhiệm vụ khác” lines of a list, by the view they belong to."""
    (box,) = found.find("div", id=anchor)
    lines = [e for e in found.find("div", "more") if box in e.parents]
    return {e.cls()[-1]: e.text for e in lines}  # cnt-all, or the unit's class


@pytest.mark.parametrize("limit", [0, 1, 2, 4])
def test_each_view_shows_the_first_rows_of_its_lists(runner: CliRunner, limit: int) -> None:
    doc = run_json(runner, "--as-of", AS_OF)
    found = Page(html_of(runner, "--as-of", AS_OF, "--limit", str(limit)))
    classes = {u["code"]: f"u{i}" for i, u in enumerate(doc["units"])}
    for name, anchor in IN_ALL:
        rows = list_rows(found, anchor)
        shown = [task_of(found, r) for r in rows if "rest" not in r.cls()]
        assert shown == [key(i) for i in doc[name][:limit]], name
        left = len(doc[name]) - limit
        said = more_lines(found, anchor).get("cnt-all")
        assert said == (f"… và {left} nhiệm vụ khác {MORE}" if left > 0 else None), name
    for name, anchor in IN_UNIT:
        rows = list_rows(found, anchor)
        for unit, cls in classes.items():
            mine = [i for i in doc[name] if i["lead"] == unit]
            shown = [task_of(found, r) for r in rows if cls in r.cls()]
            assert shown == [key(i) for i in mine[:limit]], (name, unit)
            said = more_lines(found, anchor).get(cls)
            left = len(mine) - limit
            assert said == (f"… và {left} nhiệm vụ khác {MORE}" if left > 0 else None)


def test_counts_stay_whole_and_a_cut_list_says_so(runner: CliRunner) -> None:
    doc = run_json(runner, "--as-of", AS_OF)
    found = Page(html_of(runner, "--as-of", AS_OF, "--limit", "1"))
    links = {a.attrs["href"]: a.text for a in found.find("a")}
    assert links["#qua-han"] == f"Quá hạn ({len(doc['overdue'])})"
    assert links["#cham-cap-nhat"] == f"Chậm cập nhật ({len(doc['stale'])})"
    (heading,) = [h for h in found.find("span", "cnt-all") if h.inside("div", id="cham-cap-nhat")]
    assert heading.text == f"({len(doc['stale'])})"
    notes = " ".join(p.text for p in found.find("p", "note"))
    assert "Mỗi danh sách hiện 1 nhiệm vụ đầu, cần chú ý nhất trước" in notes
    assert "sắp xếp các dòng đang hiện" in notes
    whole = Page(html_of(runner, "--as-of", AS_OF))  # the fixture's lists are short
    assert not whole.find("div", "more")
    assert "Mỗi danh sách hiện" not in " ".join(p.text for p in whole.find("p", "note"))


def test_a_list_cut_to_no_row_is_not_empty(runner: CliRunner) -> None:
    found = Page(html_of(runner, "--as-of", AS_OF, "--limit", "0"))
    assert not list_rows(found, "qua-han")
    empty = [r for r in found.find("tr", "none") if r.inside("div", id="qua-han")]
    assert empty == []  # “Không có.” is for a list that has no task, not for one cut to none


@pytest.fixture
def crowded(make_repo: TreeFactory) -> Path:
    return make_repo({"data/tasks/van-phong.yaml": overdue_tasks(25)})


def charts_of(text: str) -> str:
    charts = text.split('<div class="sections">', maxsplit=1)[1]
    return charts.split('<section class="lists"', maxsplit=1)[0]


def test_twenty_rows_by_default_every_row_with_all(runner: CliRunner, crowded: Path) -> None:
    args = ("--as-of", CROWDED_AS_OF)
    short = html_of(runner, *args, data=crowded)
    every = html_of(runner, *args, "--all", data=crowded)
    cut = Page(short)
    assert [task_of(cut, r) for r in list_rows(cut, "qua-han")] == [
        f"VP-{i:03d} " for i in range(1, 21)
    ]
    assert more_lines(cut, "qua-han") == {
        "cnt-all": f"… và 5 nhiệm vụ khác {MORE}",
        "u0": f"… và 5 nhiệm vụ khác {MORE}",  # van-phong's own view
    }
    assert len(list_rows(Page(every), "qua-han")) == 25
    assert not Page(every).find("div", "more")
    assert charts_of(short) == charts_of(every)  # the charts are always of everything
    doc = run_json(runner, *args, "--limit", "1", data=crowded)
    assert len(doc["overdue"]) == 25  # and so is the JSON


def test_page_data_is_cut_the_same_way(runner: CliRunner) -> None:
    """`page` itself (what a repository's own template sees): rows and what is left out."""
    doc = run_json(runner, "--as-of", AS_OF)
    lists = {found["key"]: found for found in page(doc, Shown(1, "…"))["lists"]}
    assert [r["task"] for r in lists["stale"]["rows"]] == [doc["stale"][0]["task"]]
    assert lists["stale"]["more"] == len(doc["stale"]) - 1
    assert lists["open"]["more"] == 0  # in the view of every unit, open lists are not shown
    everything = {found["key"]: found for found in page(doc)["lists"]}
    assert [len(found["rows"]) for found in everything.values()] == [
        len(doc[name]) for name in ("overdue", "due_soon", "stale", "open_all")
    ]
