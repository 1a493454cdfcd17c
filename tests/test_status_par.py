"""The PAR INDEX on the dashboard: the ``par`` key of `cchc status --format json` (each
field's maximum split into points kept and lost, the appraisal counted once published) and
its chart section on the page (one 100 % bar per field and one for the whole set)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from typer.testing import CliRunner

from cchc_cli.cli.app import app
from cchc_cli.status.par import PARTS
from tests.test_status import run_json
from tests.test_status_dashboard import SHIPPED, Page, html_of

BEFORE = "31/12/2024"  # the 2024 self-assessment sent, its appraisal not yet published
AFTER = "31/03/2025"  # published on 14/03/2025


@pytest.fixture(scope="module")
def docs() -> dict[str, dict[str, Any]]:
    runner = CliRunner()
    return {when: run_json(runner, "--as-of", when, data=SHIPPED) for when in (BEFORE, AFTER)}


def par_json() -> dict[str, Any]:
    """`cchc par --year 2024 --format json` on the shipped data."""
    args = ["--data", str(SHIPPED), "par", "--year", "2024", "--format", "json"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    found: dict[str, Any] = json.loads(result.stdout)
    return found


@pytest.mark.parametrize("when", [BEFORE, AFTER])
def test_each_maximum_is_kept_plus_lost(docs: dict[str, dict[str, Any]], when: str) -> None:
    par = docs[when]["par"]
    assert par["year"] == 2024
    for part in (*par["fields"], par["total"]):
        assert sum(part[key] for key in PARTS) == pytest.approx(part["max"]), part["id"]
    for key in ("max", *PARTS):
        assert sum(f[key] for f in par["fields"]) == pytest.approx(par["total"][key]), key


def test_the_numbers_of_cchc_par(docs: dict[str, dict[str, Any]]) -> None:
    expected = par_json()
    fields = [r for r in expected["rows"] if r["level"] == "field"]
    before, after = docs[BEFORE]["par"], docs[AFTER]["par"]
    for mine, theirs in zip(before["fields"], fields, strict=True):
        assert (mine["id"], mine["max"], mine["self"]) == (
            str(theirs["id"]), theirs["max"], theirs["self"],
        )  # fmt: skip
        assert mine["kept"] == pytest.approx(theirs["self"] or 0)  # survey points not yet known
    for mine, theirs in zip(after["fields"], fields, strict=True):
        assert mine["kept"] == pytest.approx(theirs["points"])
        assert mine["deducted"] == pytest.approx(theirs["deducted"] or 0)
    assert after["index"] == expected["index"]


def test_before_the_appraisal_the_self_scores(docs: dict[str, dict[str, Any]]) -> None:
    par = docs[BEFORE]["par"]
    total = par["total"]
    assert (par["appraised"], par["index"]) == (False, None)
    assert (total["kept"], total["self_short"], total["deducted"]) == (77.5, 4.5, 0.0)
    assert total["unknown"] == 18.0  # the survey points are published with the appraisal


def test_after_the_appraisal_the_final_index(docs: dict[str, dict[str, Any]]) -> None:
    par = docs[AFTER]["par"]
    total = par["total"]
    assert par["appraised"] and par["index"] == 91.07
    assert total["kept"] == pytest.approx(91.07)
    assert (total["self_short"], total["deducted"], total["unknown"]) == (4.5, 3.75, 0.0)
    assert total["survey_short"] == pytest.approx(0.68)
    first = par["fields"][0]
    assert (first["id"], first["kept"], first["self_short"], first["deducted"]) == (
        "1", 10.5, 2.0, 1.5,
    )  # fmt: skip


def test_no_par_with_a_unit_or_before_any_assessment() -> None:
    runner = CliRunner()
    assert run_json(runner, "--as-of", AFTER, "--unit", "van-phong", data=SHIPPED)["par"] is None
    assert run_json(runner, "--as-of", "31/12/2023", data=SHIPPED)["par"] is None
    assert run_json(runner, "--as-of", AFTER, "--year", "2023", data=SHIPPED)["par"] is None
    assert run_json(runner, "--as-of", "15/06/2024")["par"] is None  # no data/par/ at all


@pytest.mark.parametrize("when", [BEFORE, AFTER])
def test_the_page_draws_a_bar_per_field(docs: dict[str, dict[str, Any]], when: str) -> None:
    par = docs[when]["par"]
    page = Page(html_of(CliRunner(), "--as-of", when, data=SHIPPED))
    (svg,) = page.within(page.find("svg", "chart-hbars"), "par-index")
    inside = [e for e in page.elements if svg in e.parents]
    title = next(e.text for e in inside if e.tag == "title")
    stage = "sau thẩm định" if when == AFTER else "tự chấm, chưa có kết quả thẩm định"
    assert title == f"PAR INDEX năm 2024: điểm đạt và điểm mất theo lĩnh vực ({stage})"
    rows = [e for e in inside if e.tag == "g" and "row" in e.cls()]
    parts = [*par["fields"], par["total"]]
    assert [r.attrs["data-key"] for r in rows] == [*(f["id"] for f in par["fields"]), "tong-cong"]
    for row, part in zip(rows, parts, strict=True):
        assert float(row.attrs["data-total"]) == pytest.approx(part["max"])
        bars = [e for e in page.elements if row in e.parents and "bar" in e.cls()]
        assert {b.attrs["data-state"] for b in bars} == {k for k in PARTS if part[k]}
        assert sum(float(b.attrs["width"]) for b in bars) == pytest.approx(264, abs=0.5)
        notes = [e.text for e in page.elements if row in e.parents and "note" in e.cls()]
        assert notes == [f"{part['kept']:g}/{part['max']:g} điểm".replace(".", ",")]
    counts = [e.text for e in inside if "count" in e.cls()]
    assert all("." not in c for c in counts)  # decimal comma: "10,5", never "10.5"
    desc = next(e.text for e in inside if e.tag == "desc")
    assert desc.startswith("1. Công tác chỉ đạo, điều hành cải cách hành chính: đạt ")
    legend = [e.text.strip() for e in page.within(page.find("li"), "par-index")]
    assert legend[0] == "Điểm đạt"
    assert ("Thẩm định trừ" in legend) == (when == AFTER)
    assert ("Chưa có điểm" in legend) == (when == BEFORE)


def test_the_page_without_par_has_no_section() -> None:
    page = Page(html_of(CliRunner(), "--as-of", "15/06/2024"))
    assert page.find("section", id="par-index") == []
    assert not [a for a in page.find("a") if a.attrs.get("href") == "#par-index"]
