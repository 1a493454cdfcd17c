"""`cchc par`: the shipped 2024 self-assessment, recomputed independently; goldens; errors."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from cchc_cli.cli.app import app
from tests.conftest import TreeFactory
from tests.golden import assert_golden

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
GOLDEN = Path(__file__).parent / "golden" / "par"


def _par(runner: CliRunner, *args: str, data: Path = ROOT) -> Any:
    return runner.invoke(app, ["--data", str(data), "par", *args])


def _independent_totals(year: int) -> dict[str, float]:
    """The totals of the shipped assessment, from the YAML files alone (no cchc models)."""
    assessment = yaml.safe_load((DATA / f"par/assessments/{year}.yaml").read_text("utf-8"))
    criteria = yaml.safe_load(
        (DATA / f"par/criteria/{assessment['criteria']}.yaml").read_text("utf-8")
    )
    scores = {str(s["id"]): s for s in assessment["scores"]}
    totals = dict.fromkeys(("max", "self", "appraised", "survey"), 0.0)
    for field in criteria["fields"]:
        for criterion in field["criteria"]:
            units = criterion.get("items") or [criterion]
            for unit in units:
                totals["max"] += unit["max"]
                score = scores[str(unit["id"])]
                for key in ("self", "appraised", "survey"):
                    totals[key] += score.get(key, 0)
    return totals


def test_shipped_2024_totals_match_an_independent_sum(runner: CliRunner) -> None:
    expected = _independent_totals(2024)
    result = _par(runner, "--year", "2024", "--format", "json")
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    totals = document["totals"]
    for key in ("max", "self", "appraised", "survey"):
        assert totals[key] == pytest.approx(expected[key]), key
    index = (expected["appraised"] + expected["survey"]) / expected["max"] * 100
    assert document["index"] == pytest.approx(index)
    assert document["recorded_index"] == pytest.approx(index, abs=0.005)
    points = expected["appraised"] + expected["survey"]
    assert totals["lost"] == pytest.approx(expected["max"] - points)
    text = _par(runner, "--year", "2024").stdout
    assert f"Chỉ số: {index:.2f}%".replace(".", ",") in text


def test_lost_criteria_come_most_lost_first_with_their_tasks(runner: CliRunner) -> None:
    document = json.loads(_par(runner, "--year", "2024", "--format", "json").stdout)
    lost = document["lost"]
    assert [x["lost"] for x in lost] == sorted((x["lost"] for x in lost), reverse=True)
    first = lost[0]
    assert (first["id"], first["lost"]) == ("7.2", 2)
    assert [t["id"] for t in first["tasks"]] == ["VP-22"]
    assert {i["id"] for i in first["items"]} == {"7.2.1", "7.2.2", "7.2.3"}
    # KHTC-03 serves 7.2.3 but runs in 2026: not linked to 2024
    assert all(t["id"] != "KHTC-03" for x in lost for t in x["tasks"])


def test_rank_gap_reads_the_target_from_the_rank_indicator(
    runner: CliRunner, tmp_path: Path
) -> None:
    document = json.loads(_par(runner, "--year", "2022", "--format", "json").stdout)
    rank = document["rank"]
    assert (rank["rank"], rank["target"], rank["within"]) == (10, 8, False)
    assert rank["needed"] == pytest.approx(83.95 - 82.61)
    repo = tmp_path / "repo"
    shutil.copytree(DATA, repo / "data")
    ranks = repo / "data/indicators/par-index.yaml"
    ranks.write_text(
        ranks.read_text("utf-8").replace('op: "<="\n        value: 8', 'op: "<"\n        value: 3'),
        "utf-8",
    )
    moved = json.loads(_par(runner, "--year", "2024", "--format", "json", data=repo).stdout)
    assert moved["target_rank"] == 2
    assert moved["rank"]["within"] is False
    assert moved["rank"]["needed"] == pytest.approx(93.05 - 91.07)
    assert moved["rank"]["rival"]["name"] == "Sở, ngành B"


@pytest.mark.parametrize(
    ("target", "heading", "note"),
    [
        ('op: ">="\n        value: 90', "chỉ tiêu >= 90%", "tiêu."),
        ('op: ">"\n        value: 90', "chỉ tiêu > 90%", "“trên 90%” không đạt khi đúng 90,0%."),
        (None, "SIPAS năm 2024 · chưa có chỉ tiêu", "tiêu."),
    ],
)
def test_the_sipas_note_follows_the_target(
    runner: CliRunner, tmp_path: Path, target: str | None, heading: str, note: str
) -> None:
    """Not a fixed “trên 95%” whatever the data says."""
    repo = tmp_path / "repo"
    shutil.copytree(DATA, repo / "data")
    sipas = repo / "data/indicators/sipas.yaml"
    text = sipas.read_text("utf-8")
    if target is None:
        text = text.replace(
            '    targets:\n      - years: 2021-2030\n        op: ">"\n        value: 95\n', ""
        )
    else:
        text = text.replace('op: ">"\n        value: 95', target)
    sipas.write_text(text, "utf-8")
    result = _par(runner, "--year", "2024", data=repo)
    assert result.exit_code == 0, result.output
    assert heading in result.stdout
    line = next(x for x in result.stdout.splitlines() if x.startswith("Tỷ lệ công bố"))
    assert line.endswith(note)
    assert "95" not in line


def test_sipas_keeps_published_and_recomputed_figures(runner: CliRunner) -> None:
    sipas = json.loads(_par(runner, "--year", "2022", "--format", "json").stdout)["sipas"]
    assert (sipas["published"], sipas["published_met"]) == (95.0, False)  # 95,0 % is not > 95 %
    assert (sipas["method"], sipas["recomputed"], sipas["recomputed_met"]) == ("ballots", 95, False)
    sipas = json.loads(_par(runner, "--year", "2024", "--format", "json").stdout)["sipas"]
    assert len(sipas["elements"]) == 5
    assert sipas["method"] == "elements"
    assert sipas["published"] == 97.33 and sipas["recomputed"] != sipas["published"]


@pytest.mark.parametrize(
    ("name", "args", "width"),
    [
        ("2024-100.txt", ["--year", "2024"], "100"),
        ("2024-80.txt", ["--year", "2024"], "80"),
        ("2022-80.txt", ["--year", "2022"], "80"),
        ("2024.json", ["--year", "2024", "--format", "json"], "100"),
    ],
)
def test_golden(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, name: str, args: list[str], width: str
) -> None:
    monkeypatch.setenv("COLUMNS", width)
    result = _par(runner, *args)
    assert result.exit_code == 0, result.output
    assert_golden(result.stdout, GOLDEN / name)


def test_default_year_is_the_last_with_an_assessment_or_results(runner: CliRunner) -> None:
    assert json.loads(_par(runner, "--format", "json").stdout)["year"] == 2024


def test_a_year_without_data_is_an_error(runner: CliRunner) -> None:
    result = _par(runner, "--year", "2019")
    assert result.exit_code == 1
    assert "Chưa có dữ liệu PAR INDEX hay SIPAS năm 2019." in result.stderr
    # the hint lists every year that works, and only those
    listed = result.stderr.split("số liệu chỉ số: ")[1].split(".")[0].split(", ")
    assert {"2022", "2024"} < set(listed)
    for year in listed:
        assert _par(runner, "--year", year).exit_code == 0, year


@pytest.mark.parametrize(
    ("args", "option"), [(["--year", "20245"], "--year"), (["--format", "xml"], "--format")]
)
def test_bad_options_are_usage_errors(runner: CliRunner, args: list[str], option: str) -> None:
    result = _par(runner, *args)
    assert result.exit_code == 2
    assert option in result.stderr
    assert "Traceback" not in result.output


def test_a_repository_without_par_data_says_where_to_start(
    runner: CliRunner, make_repo: TreeFactory
) -> None:
    result = _par(runner, data=make_repo())
    assert result.exit_code == 1
    assert "Chưa có bảng tự đánh giá hay kết quả PAR INDEX nào." in result.stderr
    assert "data/par/assessments" in result.stderr


def test_data_errors_show_what_can_be_shown_and_exit_1(runner: CliRunner, tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(DATA, repo / "data")
    sheet = repo / "data/par/assessments/2024.yaml"
    sheet.write_text(sheet.read_text("utf-8").replace("self: 0.5\n", "self: 5\n", 1), "utf-8")
    result = _par(runner, "--year", "2024", data=repo)
    assert result.exit_code == 1
    assert "[par-score]" in result.stderr
    assert "Theo lĩnh vực và tiêu chí" in result.stdout


def _plain_types(value: Any) -> set[str]:
    """The type names found anywhere in `value`."""
    if isinstance(value, dict):
        assert all(isinstance(k, str) for k in value)
        return {"dict"}.union(*(_plain_types(v) for v in value.values()))
    if isinstance(value, list):
        return {"list"}.union(*(_plain_types(v) for v in value))
    return {type(value).__name__}


def test_the_report_api_gives_plain_rows() -> None:
    """`self_assessment` is what the self-assessment report will use: plain data only."""
    from cchc_cli.checks import check
    from cchc_cli.par.rows import self_assessment
    from cchc_cli.read.loader import load_checked

    facts = self_assessment(load_checked(DATA, check), 2024)
    assert _plain_types(facts) <= {
        "dict",
        "list",
        "str",
        "int",
        "float",
        "bool",
        "date",
        "NoneType",
    }
    rows = {r["id"]: r for r in facts["rows"]}
    assert len([r for r in facts["rows"] if r["level"] == "item"]) == 57  # + 4 criteria scored
    row = rows["7.2.3"]
    assert (row["max"], row["self"], row["appraised"], row["survey"], row["lost"]) == (
        2,
        1,
        1,
        None,
        1,
    )
    assert row["explanation"].startswith("Tỷ lệ hồ sơ có phát sinh phí")
    (evidence,) = row["evidence"]
    assert (evidence["document"], evidence["date"].isoformat()) == ("441/BC-SCT", "2024-12-13")
    assert evidence["text"].startswith("441/BC-SCT ngày 13/12/2024 của Sở Công Thương: ")
    (task,) = rows["1.2.1"]["evidence"]
    assert task["task"] == "VP-04" and task["task_title"].startswith("Thực hiện báo cáo định kỳ")
    assert [e["date"].year for e in task["task_evidence"]] == [2024] * 5
    assert rows["8.1"]["survey_scored"] is True and rows["8.1"]["self"] is None


def test_an_assessment_on_an_unknown_set_shows_the_rest_and_exits_1(
    runner: CliRunner, tmp_path: Path
) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(DATA, repo / "data")
    sheet = repo / "data/par/assessments/2024.yaml"
    sheet.write_text(
        sheet.read_text("utf-8").replace("criteria: qd-1396-2022", "criteria: qd-1396")
    )
    result = _par(runner, "--year", "2024", data=repo)
    assert result.exit_code == 1
    assert "Bộ tiêu chí “qd-1396” chưa đọc được" in result.stdout
    assert "Xếp hạng năm 2024: hạng 4/20" in result.stdout
    assert "[unknown-ref] Không có bộ tiêu chí mã “qd-1396”" in result.stderr
    assert "Có phải ý bạn là “qd-1396-2022”?" in result.stderr
