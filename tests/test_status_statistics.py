"""`cchc status` with period statistics, on the fixture tree in tests/fixtures/statistics.

As of 20/05/2024 the last reporting month that has ended is 2024-05 (15/04-14/05), so the
current period is quarter II of 2024 so far (15/03-14/05/2024). Golden files live in
tests/golden/status/; regenerate them with ``CCHC_UPDATE_GOLDEN=1``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from cchc_cli.cli.app import app
from tests.golden import assert_golden

FIXTURE = Path(__file__).parent / "fixtures" / "statistics"
GOLDEN = Path(__file__).parent / "golden" / "status"


def status(runner: CliRunner, *args: str, data: Path = FIXTURE) -> dict[str, Any]:
    result = runner.invoke(app, ["--data", str(data), "status", "--format", "json", *args])
    assert result.exit_code == 0, result.output
    found: dict[str, Any] = json.loads(result.stdout)
    return found


@pytest.mark.parametrize("width", [80, 100])
def test_text_golden(runner: CliRunner, monkeypatch: pytest.MonkeyPatch, width: int) -> None:
    monkeypatch.setenv("COLUMNS", str(width))
    result = runner.invoke(app, ["--data", str(FIXTURE), "status", "--as-of", "20/05/2024"])
    assert result.exit_code == 0, result.output
    assert_golden(result.stdout, GOLDEN / f"statistics-{width}.txt")


def test_json_golden(runner: CliRunner) -> None:
    result = runner.invoke(
        app, ["--data", str(FIXTURE), "status", "--as-of", "20/05/2024", "-f", "json"]
    )
    assert result.exit_code == 0, result.output
    assert_golden(result.stdout, GOLDEN / "statistics.json")


def test_current_quarter_so_far_last_year_and_year_to_date(runner: CliRunner) -> None:
    found = status(runner, "--as-of", "20/05/2024")["statistics"]
    assert found["period"] == {
        "key": "2024-Q2",
        "label": "quý II năm 2024",
        "start": "2024-03-15",
        "end": "2024-05-14",
        "whole": False,
    }
    assert found["year_to_date"] == {"start": "2023-12-15", "end": "2024-05-14"}
    rows = {r["id"]: r for r in found["rows"]}
    received = rows["hs-tiep-nhan"]
    assert received["this_period"]["value"] == 405 + 398
    assert received["last_year"]["value"] == 300 + 320  # 15/03/2023 - 14/05/2023
    assert received["year_to_date"]["value"] == 412 + 380 + 401 + 405 + 398
    assert (received["headline"], rows["hs-truc-tuyen"]["headline"]) == (True, False)
    online = rows["ty-le-truc-tuyen"]
    assert online["this_period"]["value"] == round((320 + 310) / (405 + 398), 4)
    # March has no online count: the rate of the year so far is not made of a part
    assert online["year_to_date"]["value"] is None
    assert online["year_to_date"]["missing"] == ["2024-03"]
    assert rows["i766"]["verdict"] == "met"
    assert rows["tthc"]["this_period"]["value"] is None  # quarterly: Q2 is not over


def test_a_past_year_shows_its_last_quarter(runner: CliRunner) -> None:
    found = status(runner, "--as-of", "20/05/2024", "--year", "2023")["statistics"]
    assert (found["period"]["key"], found["period"]["whole"]) == ("2023-Q4", True)
    assert found["year_to_date"] == {"start": "2022-12-15", "end": "2023-12-14"}


def test_a_year_with_no_month_ended_has_no_period(runner: CliRunner) -> None:
    found = status(runner, "--as-of", "20/05/2024", "--year", "2025")["statistics"]
    assert found == {"period": None, "year_to_date": None, "rows": []}


def test_area_keeps_its_groups_and_unit_hides_statistics(runner: CliRunner) -> None:
    rows = status(runner, "--as-of", "20/05/2024", "--area", "chi-dao")["statistics"]["rows"]
    assert [r["id"] for r in rows] == ["kt-don-vi"]
    assert status(runner, "--as-of", "20/05/2024", "--unit", "van-phong")["statistics"] is None


def test_no_catalogue_no_statistics(runner: CliRunner, make_repo: Any) -> None:
    repo = make_repo()
    assert status(runner, "--as-of", "20/05/2024", data=repo)["statistics"] is None
    text = runner.invoke(app, ["--data", str(repo), "status", "--as-of", "20/05/2024"])
    assert "Số liệu thống kê" not in text.stdout


def test_a_new_repository_says_it_has_no_figures_yet(runner: CliRunner, tmp_path: Path) -> None:
    folder = tmp_path / "kho"
    assert runner.invoke(app, ["init", str(folder)]).exit_code == 0
    result = runner.invoke(app, ["--data", str(folder), "status", "--as-of", "20/05/2024"])
    assert result.exit_code == 0, result.output
    assert result.stdout.rstrip().endswith("Số liệu thống kê: chưa có số liệu.")
