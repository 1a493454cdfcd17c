"""`cchc export` through the real Typer app: the workbook opened with openpyxl, the CSV read
back, the same numbers as `cchc status`, and the output rules of `cchc report`."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
from datetime import datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from typer.testing import CliRunner

from cchc_cli.cli.app import app
from cchc_cli.export.table import OCCURRENCE_COLUMNS
from tests.conftest import TreeFactory

ROOT = Path(__file__).resolve().parents[1]
AS_OF = "31/12/2025"
TRICKY = """\
tasks:
  - id: VP-01
    title: "=1+1"
    area: chi-dao
    lead: van-phong
    support: [thanh-tra]
    start: 01/01/2024
    due: 31/01/2024
    completed: 25/01/2024
    updates:
      - {date: 10/01/2024, percent: 50, evidence: "-Công văn 1"}
      - {date: 25/01/2024, percent: 100, evidence: "@Kế hoạch số 12/KH-SCT"}
  - id: VP-02
    title: "+Theo dõi"
    area: tthc
    lead: van-phong
    start: 01/01/2025
    due: 30/06/2025
    updates:
      - {date: 10/03/2025, percent: 40}
"""


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the shipped data, outside any git repository."""
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    shutil.copytree(ROOT / "data", tmp_path / "repo" / "data")
    return tmp_path / "repo"


def run(runner: CliRunner, repo: Path, *args: str) -> Any:
    return runner.invoke(app, ["--data", str(repo), *args])


def test_the_workbook_holds_the_status_numbers(runner: CliRunner, repo: Path) -> None:
    result = run(runner, repo, "export", "--as-of", AS_OF)
    assert result.exit_code == 0, result.output
    assert result.stdout == "Đã xuất: exports/tien-do-2025-12-31.xlsx\n"
    book = openpyxl.load_workbook(repo / "exports" / "tien-do-2025-12-31.xlsx")
    assert book.sheetnames == ["Nhiệm vụ", "Tổng hợp", "Chỉ số"]
    status = json.loads(run(runner, repo, "status", "--as-of", AS_OF, "-f", "json").stdout)
    sheet = book["Nhiệm vụ"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == tuple(c.header for c in OCCURRENCE_COLUMNS)
    assert len(rows) - 1 == status["summary"]["total"]
    labels = [row[8] for row in rows[1:]]
    assert labels.count("quá hạn") == status["summary"]["counts"]["overdue"]
    assert labels.count("hoàn thành đúng hạn") == status["summary"]["counts"]["done_on_time"]
    summary = next(book["Tổng hợp"].iter_rows(min_row=2, values_only=True))
    assert summary[:4] == ("Tổng", None, "Toàn bộ", status["summary"]["total"])
    assert summary[-3] == pytest.approx(status["summary"]["completion_rate"], abs=1e-4)
    areas = [r for r in book["Tổng hợp"].iter_rows(values_only=True) if r[0] == "Lĩnh vực"]
    assert [r[1] for r in areas] == [a["code"] for a in status["areas"]]
    # every plan year up to the as-of year with a value or a target, as the dashboard charts
    indicators = list(book["Chỉ số"].iter_rows(min_row=2, values_only=True))
    charted = [
        (series["id"], point["year"], point["value"])
        for series in status["indicator_series"]
        for point in series["years"]
        if point["verdict"] is not None and point["year"] <= int(AS_OF[-4:])
    ]
    assert [(row[0], row[3], row[4]) for row in indicators] == charted
    assert len(charted) > len(status["indicators"])  # more years than the terminal's three


def test_cells_are_typed_frozen_and_filtered(runner: CliRunner, repo: Path) -> None:
    assert run(runner, repo, "export", "--as-of", AS_OF, "-o", str(repo / "t.xlsx")).exit_code == 0
    book = openpyxl.load_workbook(repo / "t.xlsx")
    for sheet in book.worksheets:
        assert sheet.freeze_panes == "A2"
        assert sheet.auto_filter.ref == sheet.dimensions
    sheet = book["Nhiệm vụ"]
    first = list(sheet[2])
    assert isinstance(first[6].value, datetime) and first[6].number_format == "dd/mm/yyyy"
    assert isinstance(first[7].value, datetime)
    assert isinstance(first[9].value, int)
    rates = next(book["Tổng hợp"].iter_rows(min_row=2))
    assert isinstance(rates[-3].value, float) and rates[-3].number_format == "0.0%"
    assert sheet.column_dimensions["C"].width > sheet.column_dimensions["B"].width


def test_properties_hold_the_as_of_date_and_the_commit(runner: CliRunner, repo: Path) -> None:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "dữ liệu"]):
        subprocess.run(
            ["git", "-c", "user.name=t", "-c", "user.email=t@t", *args], cwd=repo, check=True
        )
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"],
        cwd=repo,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    target = repo.parent / "t.xlsx"
    assert run(runner, repo, "export", "--as-of", AS_OF, "-o", str(target)).exit_code == 0
    book = openpyxl.load_workbook(target)
    custom = {p.name: p.value for p in book.custom_doc_props.props}  # type: ignore[attr-defined]
    assert custom["Ngày số liệu"] == AS_OF
    assert custom["Commit dữ liệu"] == commit
    assert commit in (book.properties.description or "")
    assert AS_OF in (book.properties.subject or "")


def test_formula_like_text_stays_text(runner: CliRunner, make_repo: TreeFactory) -> None:
    repo = make_repo({"data/tasks/van-phong.yaml": TRICKY})
    target = repo / "t.xlsx"
    assert run(runner, repo, "export", "--as-of", AS_OF, "-o", str(target)).exit_code == 0
    sheet = openpyxl.load_workbook(target)["Nhiệm vụ"]
    titles = {row[0].value: row[2] for row in sheet.iter_rows(min_row=2)}
    assert titles["VP-01"].value == "=1+1" and titles["VP-01"].data_type == "s"
    assert titles["VP-01"].quotePrefix
    assert titles["VP-02"].value == "+Theo dõi" and titles["VP-02"].data_type == "s"
    evidence = next(r[13] for r in sheet.iter_rows(min_row=2) if r[0].value == "VP-01")
    assert evidence.value == "-Công văn 1; @Kế hoạch số 12/KH-SCT"
    result = run(runner, repo, "export", "--as-of", AS_OF, "-f", "csv", "-o", "-")
    assert result.exit_code == 0, result.output
    raw = result.stdout_bytes
    assert (
        raw.startswith(b"\xef\xbb\xbf")
        and b"\r\n" in raw
        and b"\n" not in raw.replace(b"\r\n", b"")
    )
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert rows[0] == [c.header for c in OCCURRENCE_COLUMNS]
    assert [r[2] for r in rows[1:]] == ["'=1+1", "'+Theo dõi"]
    assert rows[1][13] == "'-Công văn 1; @Kế hoạch số 12/KH-SCT"
    assert rows[1][6:8] == ["01/01/2024", "31/01/2024"] and rows[2][9] == "40"


def test_filters_and_the_default_name(runner: CliRunner, repo: Path) -> None:
    result = run(runner, repo, "export", "-f", "csv", "--as-of", AS_OF, "--unit", "van-phong")
    assert result.exit_code == 0, result.output
    written = repo / "exports" / "tien-do-2025-12-31-van-phong.csv"
    rows = list(csv.reader(io.StringIO(written.read_text(encoding="utf-8-sig"), newline="")))
    assert {r[4] for r in rows[1:]} == {"Văn phòng Sở"}
    result = run(runner, repo, "export", "--unit", "van-phongg")
    assert result.exit_code == 2 and "(tuỳ chọn --unit)" in result.stderr


def test_output_rules(runner: CliRunner, repo: Path) -> None:
    target = repo / "t.xlsx"
    target.write_bytes(b"old")
    result = run(runner, repo, "export", "-o", str(target))
    assert result.exit_code == 1 and "--force" in result.stderr
    assert target.read_bytes() == b"old"
    assert run(runner, repo, "export", "-o", str(target), "--force").exit_code == 0
    assert target.read_bytes().startswith(b"PK")
    nested = repo / "new" / "t.xlsx"
    result = run(runner, repo, "export", "-o", str(nested))
    assert result.exit_code == 1 and "--parents" in result.stderr
    assert run(runner, repo, "export", "-o", str(nested), "--parents").exit_code == 0
    result = run(runner, repo, "export", "-o", "-")
    assert result.exit_code == 2 and "xlsx" in result.stderr
    result = run(runner, repo, "export", "-f", "pdf")
    assert result.exit_code == 2 and "(tuỳ chọn --format)" in result.stderr


def test_invalid_data_is_not_exported(runner: CliRunner, make_repo: TreeFactory) -> None:
    repo = make_repo({"data/tasks/van-phong.yaml": TRICKY.replace("lead: van-phong", "lead: x")})
    result = run(runner, repo, "export")
    assert result.exit_code == 1
    assert "không xuất số liệu từ dữ liệu sai" in result.stderr
    assert not (repo / "exports").exists()


def test_whole_numbers_show_no_decimal_point(runner: CliRunner, repo: Path) -> None:
    """Excel shows "4." for 4 under "0.##": a whole number gets "0", others "0.0#"."""
    assert run(runner, repo, "export", "--as-of", AS_OF, "-o", str(repo / "t.xlsx")).exit_code == 0
    book = openpyxl.load_workbook(repo / "t.xlsx")
    formats = {
        (cell.number_format, float(cell.value).is_integer())
        for sheet in book.worksheets
        for row in sheet.iter_rows(min_row=2)
        for cell in row
        if isinstance(cell.value, (int, float)) and "#" in cell.number_format
    }
    assert formats and all(not whole for _, whole in formats), formats
    assert {fmt for fmt, _ in formats} == {"0.0#"}
    assert not any(
        cell.number_format.endswith(".##")
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for cell in row
    )


@pytest.mark.parametrize(("fmt", "name"), [("csv", "b.xlsx"), ("xlsx", "b.CSV")])
def test_a_file_name_that_says_the_other_format_is_refused(
    runner: CliRunner, repo: Path, fmt: str, name: str
) -> None:
    result = run(runner, repo, "export", "-f", fmt, "-o", str(repo / name))
    assert result.exit_code == 2
    assert "nhưng --format là" in result.stderr
    assert not (repo / name).exists()
