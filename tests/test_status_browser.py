"""The dashboard page in a real browser: the Debian ``chromium``, offline (tests/browser.py).

Skipped when Chromium is not installed; `.ci/run` installs it. Each test loads the page with
the network off and asserts that it requested nothing but itself, that no request failed and
that nothing was logged as an error; screenshots go to ``tmp_path`` (and to the folder named
by ``CCHC_SCREENSHOTS``, when set, to look at them).
"""

from __future__ import annotations

import os
import shutil
import struct
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.browser import Browser, Visit, chromium
from tests.test_status import AS_OF, FIXTURE, run, run_json
from tests.test_status_dashboard import SHIPPED, SHIPPED_AS_OF

EXECUTABLE = chromium()
pytestmark = pytest.mark.skipif(
    EXECUTABLE is None,
    reason="Chromium is not installed (Debian package chromium; .ci/run installs it)",
)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    assert EXECUTABLE is not None
    with Browser(EXECUTABLE) as found:
        yield found


def write_page(tmp_path: Path, *args: str, data: Path = FIXTURE) -> Path:
    target = tmp_path / "tong-quan.html"
    result = run(CliRunner(), "-f", "html", "-o", str(target), *args, data=data)
    assert result.exit_code == 0, result.output
    return target


def keep(shot: Path) -> None:
    folder = os.environ.get("CCHC_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        shutil.copyfile(shot, Path(folder) / shot.name)


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def assert_clean(visit: Visit, page: Path) -> None:
    assert visit.requests == [page.resolve().as_uri()]  # the file itself, nothing else
    assert visit.failed == []
    assert visit.errors == [], visit.console


@pytest.mark.parametrize("width", [1280, 390])
def test_shipped_page_loads_offline_and_draws(browser: Browser, tmp_path: Path, width: int) -> None:
    page = write_page(tmp_path, "--as-of", SHIPPED_AS_OF, data=SHIPPED)
    shot = tmp_path / f"tong-quan-{width}.png"
    visit = browser.load(
        page,
        width=width,
        screenshot=shot,
        evaluate={
            "overflow": "document.documentElement.scrollWidth - window.innerWidth",
            "charts": "document.querySelectorAll('svg.chart').length",
            "drawn": "[...document.querySelectorAll('svg.chart')]"
            ".every(s => s.getBoundingClientRect().width > 250)",
        },
    )
    keep(shot)
    assert_clean(visit, page)
    assert png_size(shot) == (width, visit.height)
    assert visit.values["overflow"] == 0  # nothing wider than a phone
    assert visit.values["charts"] == 9  # areas, units, 2 over time, 3 indicators, statistics, PAR
    assert visit.values["drawn"] is True


VISIBLE_ROWS = (
    "[...document.querySelectorAll('.lists tbody.rows tr')]"
    ".filter(r => r.getClientRects().length).map(r => r.className)"
)


def test_a_unit_s_to_do_view_is_one_click_away(browser: Browser, tmp_path: Path) -> None:
    page = write_page(tmp_path, "--as-of", AS_OF)
    doc = run_json(CliRunner(), "--as-of", AS_OF)
    mine = run_json(CliRunner(), "--as-of", AS_OF, "--unit", "van-phong")
    everyone = browser.load(page, evaluate={"rows": VISIBLE_ROWS})
    assert_clean(everyone, page)
    shown = len(doc["overdue"]) + len(doc["due_soon"]) + len(doc["stale"])
    assert len(everyone.values["rows"]) == shown
    index = [u["code"] for u in doc["units"]].index("van-phong")
    visit = browser.load(
        page,
        fragment="don-vi-van-phong",
        evaluate={
            "rows": VISIBLE_ROWS,
            "heading": "[...document.querySelectorAll('.unit-head')]"
            ".filter(h => h.getClientRects().length).map(h => h.textContent.trim())",
        },
    )
    assert_clean(visit, page)
    expected = len(mine["overdue"]) + len(mine["due_soon"]) + len(mine["open"])
    assert visit.values["rows"] == [f"u{index}"] * expected
    assert visit.values["heading"][0].startswith("Việc của Văn phòng Sở")


def test_lists_sort_by_a_click(browser: Browser, tmp_path: Path) -> None:
    page = write_page(tmp_path, "--as-of", AS_OF)
    sort = (
        "(() => { const b = document.querySelector('#cham-cap-nhat th:nth-child(3) button');"
        " b.click(); const first = [...document.querySelectorAll('#cham-cap-nhat tbody.rows tr')]"
        ".map(r => +r.cells[2].dataset.v); b.click();"
        " const second = [...document.querySelectorAll('#cham-cap-nhat tbody.rows tr')]"
        ".map(r => +r.cells[2].dataset.v);"
        " return [first, second, b.parentNode.getAttribute('aria-sort')]; })()"
    )
    visit = browser.load(page, evaluate={"sorted": sort})
    assert_clean(visit, page)
    ascending, descending, state = visit.values["sorted"]
    assert len(ascending) >= 2
    assert ascending == sorted(ascending) and descending == sorted(ascending, reverse=True)
    assert state == "descending"


VISIBLE_MORE = (
    "[...document.querySelectorAll('.lists .more')]"
    ".filter(e => e.getClientRects().length).map(e => e.textContent.trim())"
)


def test_a_cut_list_shows_its_first_rows_in_every_view(browser: Browser, tmp_path: Path) -> None:
    page = write_page(tmp_path, "--as-of", AS_OF, "--limit", "1")
    doc = run_json(CliRunner(), "--as-of", AS_OF)
    mine = run_json(CliRunner(), "--as-of", AS_OF, "--unit", "van-phong")
    everyone = browser.load(page, evaluate={"rows": VISIBLE_ROWS, "more": VISIBLE_MORE})
    assert_clean(everyone, page)
    lists = [doc[key] for key in ("overdue", "due_soon", "stale")]
    assert len(everyone.values["rows"]) == sum(min(1, len(found)) for found in lists)
    assert everyone.values["more"] == [
        f"… và {len(found) - 1} nhiệm vụ khác (dùng --all để xem hết)"
        for found in lists
        if len(found) > 1
    ]
    index = [u["code"] for u in doc["units"]].index("van-phong")
    visit = browser.load(
        page, fragment="don-vi-van-phong", evaluate={"rows": VISIBLE_ROWS, "more": VISIBLE_MORE}
    )
    assert_clean(visit, page)
    lists = [mine[key] for key in ("overdue", "due_soon", "open")]
    # The unit's first rows, some of them ("u0 rest") not among the first rows of all.
    assert any("rest" in cls for cls in visit.values["rows"])
    shown = [cls.split()[0] for cls in visit.values["rows"]]
    assert shown == [f"u{index}"] * sum(min(1, len(found)) for found in lists)
    assert len(visit.values["more"]) == sum(len(found) > 1 for found in lists)


def test_sorting_a_cut_list_sorts_the_rows_it_shows(browser: Browser, tmp_path: Path) -> None:
    page = write_page(tmp_path, "--as-of", AS_OF, "--limit", "2")
    doc = run_json(CliRunner(), "--as-of", AS_OF)
    sort = (
        "(() => { const box = document.querySelector('#cham-cap-nhat');"
        " const rows = () => [...box.querySelectorAll('tbody.rows tr')]"
        ".filter(r => r.getClientRects().length)"
        ".map(r => [r.cells[0].dataset.v, +r.cells[2].dataset.v]);"
        " const before = rows(); box.querySelector('th:nth-child(3) button').click();"
        " return [before, rows(), box.lastElementChild.textContent.trim()]; })()"
    )
    visit = browser.load(page, evaluate={"sorted": sort})
    assert_clean(visit, page)
    before, after, last = visit.values["sorted"]
    assert [task for task, _ in before] == [
        f"{i['task']} {i['period'] or ''}" for i in doc["stale"][:2]
    ]
    assert sorted(before) == sorted(after)
    assert [percent for _, percent in after] == sorted(percent for _, percent in before)
    assert last == f"… và {len(doc['stale']) - 2} nhiệm vụ khác (dùng --all để xem hết)"


def test_the_readme_screenshot_is_there() -> None:
    shot = SHIPPED / "docs" / "tong-quan.png"
    width, height = png_size(shot)
    assert width >= 1000 and height > width
    assert "docs/tong-quan.png" in (SHIPPED / "README.md").read_text(encoding="utf-8")
