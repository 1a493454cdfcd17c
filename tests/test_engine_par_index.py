"""The appraised PAR INDEX becomes the year's `par-index-score` value where none is recorded."""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date

from typer.testing import CliRunner

from cchc_cli.checks import check
from cchc_cli.cli.app import app
from cchc_cli.engine.indicators import known_on, value_for
from cchc_cli.engine.par_index import with_appraised_index
from cchc_cli.models.indicators import Indicator, IndicatorValue
from cchc_cli.read.loader import load_checked
from tests.conftest import TreeFactory
from tests.test_checks_par import CRITERIA, FINAL, SCORE

UNAPPRAISED = FINAL.replace("appraised: 1,", "")


def _score(
    make_repo: TreeFactory, files: Mapping[str, str | bytes | None], year: int = 2024
) -> tuple[Indicator, IndicatorValue | None]:
    repo = make_repo({"data/par/criteria/mau.yaml": CRITERIA, **files})
    dataset = load_checked(repo / "data", check)
    assert not [p for p in dataset.problems if p.level == "error"], dataset.problems
    (indicator,) = [
        i.item for i in with_appraised_index(dataset).indicators if i.item.id == "par-index-score"
    ]
    return indicator, value_for(indicator, year)


def test_a_final_assessment_gives_the_year_its_index(make_repo: TreeFactory) -> None:
    files = {
        "data/par/assessments/2024.yaml": FINAL,
        "data/indicators/par.yaml": SCORE.replace("2024", "2023").replace("VALUE", "80"),
    }
    indicator, value = _score(make_repo, files)
    assert value is not None and value.value == 81.6
    assert value.source is not None and value.source.document == "Quyết định số 9/QĐ-UBND"
    assert value_for(indicator, 2023) is not None  # the recorded year is kept
    # known from the appraisal decision's date, like a published value
    assert value_for(known_on(indicator, date(2025, 3, 13)), 2024) is None
    assert value_for(known_on(indicator, date(2025, 3, 14)), 2024) is not None


def test_a_recorded_value_stays_the_value(make_repo: TreeFactory) -> None:
    files = {
        "data/par/assessments/2024.yaml": FINAL,
        "data/indicators/par.yaml": SCORE.replace("VALUE", "81.6"),
    }
    indicator, value = _score(make_repo, files)
    assert value is not None and value.source is None  # the file's, not the computed one
    assert len(indicator.values) == 1


def test_an_assessment_not_yet_appraised_gives_nothing(make_repo: TreeFactory) -> None:
    files = {
        "data/par/assessments/2024.yaml": UNAPPRAISED,
        "data/indicators/par.yaml": SCORE.replace("2024", "2023").replace("VALUE", "80"),
    }
    _, value = _score(make_repo, files)
    assert value is None


def test_status_shows_the_appraised_index(make_repo: TreeFactory) -> None:
    repo = make_repo(
        {
            "data/par/criteria/mau.yaml": CRITERIA,
            "data/par/assessments/2024.yaml": FINAL,
            "data/indicators/par.yaml": SCORE.replace("2024", "2023").replace("VALUE", "80"),
        }
    )
    args = ["--data", str(repo / "data"), "status", "--as-of", "01/04/2025", "-f", "json"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    found = {(row["year"], row["value"]) for row in doc["indicators"] if "par" in json.dumps(row)}
    assert (2024, 81.6) in found, doc["indicators"]


def test_without_an_appraisal_date_nothing_is_given(make_repo: TreeFactory) -> None:
    """The index is known from the appraisal decision: without its date, no day says when."""
    for sheet in (
        FINAL.replace("appraisal: {document: Quyết định số 9/QĐ-UBND, date: 14/03/2025}\n", ""),
        FINAL.replace(", date: 14/03/2025", ""),
    ):
        files = {
            "data/par/assessments/2024.yaml": sheet,
            "data/indicators/par.yaml": SCORE.replace("2024", "2023").replace("VALUE", "80"),
        }
        _, value = _score(make_repo, files)
        assert value is None


def test_cchc_par_does_not_compare_the_index_with_itself(
    make_repo: TreeFactory, runner: CliRunner
) -> None:
    repo = make_repo(
        {
            "data/par/criteria/mau.yaml": CRITERIA,
            "data/par/assessments/2024.yaml": FINAL,
            "data/indicators/par.yaml": SCORE.replace("2024", "2023").replace("VALUE", "80"),
        }
    )
    result = runner.invoke(app, ["--data", str(repo), "par", "--year", "2024", "-f", "json"])
    assert result.exit_code == 0, result.output
    assert (
        "đã ghi ở chỉ số"
        not in runner.invoke(app, ["--data", str(repo), "par", "--year", "2024"]).stdout
    )
