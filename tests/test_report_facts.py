"""Report drafts without the CLI: golden md/html per period, window boundaries, and figures
equal to the progress engine (and `cchc status`) as of the window's last day.

The fixture tree is tests/fixtures/report/data; golden files live in tests/golden/report/
(regenerate with ``CCHC_UPDATE_GOLDEN=1``).
"""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from cchc_cli.checks import check
from cchc_cli.dataset import Dataset
from cchc_cli.engine import progress
from cchc_cli.engine.periods import CODES, report_period
from cchc_cli.read.loader import load, load_checked
from cchc_cli.report.facts import build
from cchc_cli.report.model import Report
from cchc_cli.report.render import environment, render, template_context
from cchc_cli.status.view import Query
from cchc_cli.status.view import build as status_build
from tests.golden import assert_golden
from tests.helpers import build_tree, valid_files

FIXTURE = Path(__file__).parent / "fixtures" / "report"
GOLDEN = Path(__file__).parent / "golden" / "report"
# q1 carries a document date (the place–date line filled in), the others leave it blank.
ISSUED = {"q1": date(2024, 3, 5), "h1": None, "q3": None, "year": date(2025, 1, 5)}


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    found = load_checked(FIXTURE / "data", check)
    assert not found.problems, found.problems
    return found


def make(dataset: Dataset, code: str, year: int = 2024) -> Report:
    return build(dataset, report_period(code, year), issued=ISSUED.get(code), commit=None)


@pytest.mark.parametrize("fmt", ["md", "html"])
@pytest.mark.parametrize("code", CODES)
def test_golden(dataset: Dataset, code: str, fmt: str) -> None:
    text = render(make(dataset, code), fmt, dataset.root)
    assert isinstance(text, str)
    assert_golden(text, GOLDEN / f"2024-{code}.{fmt}")


@pytest.mark.parametrize("fmt", ["md", "html", "docx"])
def test_same_data_same_bytes(dataset: Dataset, fmt: str) -> None:
    first = render(make(dataset, "h1"), fmt, dataset.root)
    assert render(make(dataset, "h1"), fmt, dataset.root) == first


# --- header, closing and stamp come from the plan ------------------------------------------


def test_header_and_closing_from_the_plan(dataset: Dataset) -> None:
    report = make(dataset, "q1")
    header = report.header
    assert header.governing_body == "UBND TỈNH ĐỒNG THÁP"
    assert header.issuing_body == "SỞ CÔNG THƯƠNG"
    assert header.number == "Số:      /BC-SCT"
    assert header.place_date == "Đồng Tháp, ngày 05 tháng 3 năm 2024"
    assert header.summary == "Kết quả thực hiện công tác cải cách hành chính quý I năm 2024"
    assert header.report_to == "Sở Nội vụ"
    assert report.closing.recipients == (
        "- Sở Nội vụ;",
        "- Lãnh đạo Sở;",
        "- Các phòng, đơn vị thuộc Sở;",
        "- Lưu: VT, VP.",
    )
    assert report.closing.signer_lines == ("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC")
    assert report.closing.signer_name == "Trần Văn Bình"


def test_no_date_leaves_the_blanks(dataset: Dataset) -> None:
    report = make(dataset, "h1")
    assert report.header.place_date == "Đồng Tháp, ngày      tháng … năm …"
    assert "Ngày lập" not in report.stamp


def test_stamp_names_window_date_and_commit(dataset: Dataset) -> None:
    report = build(dataset, report_period("q3", 2024), issued=date(2024, 9, 20), commit="abc1234")
    assert report.stamp == (
        "Bản nháp do cchc lập từ dữ liệu kế hoạch. Số liệu quý III năm 2024: "
        "từ 15/06/2024 đến 14/09/2024, tình trạng tính đến hết ngày 14/09/2024. "
        "Ngày lập: 20/09/2024. Dữ liệu: commit abc1234."
    )


# --- sections ------------------------------------------------------------------------------


def test_direction_area_is_section_one(dataset: Dataset) -> None:
    report = make(dataset, "q1")
    assert report.direction is not None
    assert report.direction.code == "chi-dao"
    assert [(s.number, s.code) for s in report.areas] == [
        (1, "the-che"),
        (2, "tthc"),
        (3, "bo-may"),
        (4, "chinh-quyen-so"),
    ]
    assert report.areas[2].empty


def test_lists_per_area(dataset: Dataset) -> None:
    tthc = make(dataset, "q1").areas[1]
    assert [t.id for t in tthc.done] == ["TTHC-02"]  # the 2023 occurrence, done 20/12/2023
    assert [t.id for t in tthc.overdue] == ["TTHC-01"]
    assert tthc.overdue[0].lead == "Văn phòng Sở"
    assert tthc.overdue[0].sentence == (
        "Công bố danh mục thủ tục hành chính được chuẩn hoá: quá hạn 14 ngày "
        "(hạn 29/02/2024), đạt 80 %; đơn vị chủ trì: Văn phòng Sở. "
        "Đã trình UBND tỉnh dự thảo quyết định công bố."
    )


def test_q3_is_not_cumulative(dataset: Dataset) -> None:
    """Work done before 15/06 is not reported again in q3."""
    ids = {t.id + t.occurrence for t in make(dataset, "q3").task_rows}
    assert "VP-01" not in ids  # done 25/01/2024
    assert "VP-02quý III năm 2024" in ids  # done 14/09/2024: the window's last day
    assert "VP-02quý II năm 2024" not in ids  # done 14/06/2024: the day before the window


def test_next_period_tasks(dataset: Dataset) -> None:
    report = make(dataset, "year")
    assert (report.next_period.code, report.next_period.year) == ("q1", 2025)
    assert [(t.id, t.occurrence) for t in report.next_tasks] == [
        ("TT-01", "năm 2024"),
        ("VP-02", "quý IV năm 2024"),
        ("TC-02", ""),
    ]


def test_weaknesses_name_overdue_and_late(dataset: Dataset) -> None:
    weaknesses = make(dataset, "h1").weaknesses
    assert weaknesses[0] == "Còn 1 nhiệm vụ quá hạn chưa hoàn thành."
    assert any(w.startswith("Triển khai hệ thống quản lý văn bản") for w in weaknesses)
    assert any("trễ hạn (hạn 29/02/2024)" in w for w in weaknesses)


def test_indicators_as_known_at_window_end(dataset: Dataset) -> None:
    rows = {(r.name, r.year): r for r in make(dataset, "q1").indicator_rows}
    # PAR INDEX 2023 was published 08/03/2024: known in q1; 2024's (14/03/2025) is not.
    assert rows["Xếp hạng Chỉ số PAR INDEX", 2023].value == "hạng 5"
    assert rows["Xếp hạng Chỉ số PAR INDEX", 2023].verdict == "đạt"
    assert rows["Xếp hạng Chỉ số PAR INDEX", 2024].verdict == "chưa có số liệu"
    assert rows["Chỉ số SIPAS", 2022].verdict == "không đạt"  # 95.0 is not "> 95"
    assert rows["Chỉ số SIPAS", 2023].trend == "tốt hơn"


# --- period boundaries ---------------------------------------------------------------------

BOUNDARY_TASK = """\
tasks:
  - id: B-01
    title: Nhiệm vụ kiểm tra biên
    area: tthc
    lead: van-phong
    start: 01/01/2024
    due: 30/06/2024
    completed: {day}
    updates:
      - {{date: {day}, percent: 100, note: Ghi chú ngày {day}, evidence: Văn bản ngày {day}}}
"""


def boundary_report(tmp_path: Path, day: str, code: str) -> Report:
    files: dict[str, str | bytes] = dict(valid_files())
    files["data/tasks/bien.yaml"] = BOUNDARY_TASK.format(day=day)
    root = build_tree(tmp_path / day.replace("/", "-"), files)
    found = load(root / "data")
    assert not found.problems, found.problems
    return build(found, report_period(code, 2024), issued=None, commit=None)


def _b01(report: Report) -> tuple[str, tuple[str, ...]]:
    (line,) = [t for t in report.task_rows if t.id == "B-01"]
    return line.state_key, line.notes


def test_update_on_14_march_is_in_q1(tmp_path: Path) -> None:
    report = boundary_report(tmp_path, "14/03/2024", "q1")
    assert _b01(report) == ("done_on_time", ("Ghi chú ngày 14/03/2024.",))
    assert [t.id for t in report.areas[0].done] == ["B-01"]


def test_update_on_15_march_is_not_in_q1(tmp_path: Path) -> None:
    report = boundary_report(tmp_path, "15/03/2024", "q1")
    assert _b01(report) == ("not_started", ())
    assert report.areas[0].done == ()
    text = render(report, "md", None)
    assert "Ghi chú ngày 15/03/2024" not in text
    assert "Văn bản ngày 15/03/2024" not in text


def test_update_on_15_march_is_in_h1(tmp_path: Path) -> None:
    assert _b01(boundary_report(tmp_path, "15/03/2024", "h1"))[0] == "done_on_time"


@pytest.mark.parametrize(("day", "inside"), [("14/06/2024", False), ("15/06/2024", True)])
def test_q3_starts_on_15_june(tmp_path: Path, day: str, inside: bool) -> None:
    report = boundary_report(tmp_path, day, "q3")
    assert any(t.id == "B-01" for t in report.task_rows) is inside


# --- figures equal the progress engine and `cchc status --as-of <window end>` ---------------


@pytest.mark.parametrize("code", CODES)
def test_figures_match_status(dataset: Dataset, code: str) -> None:
    report = make(dataset, code)
    view = status_build(dataset, Query(as_of=report.window.end))
    assert view.areas is not None
    assert [(r.name, r.counts, r.total) for r in report.cumulative_rows] == [
        (row.name, tuple(row.rollup.counts[s] for s in progress.STATE_ORDER), row.rollup.total)
        for row in view.areas
    ]
    assert report.cumulative_total.counts == tuple(
        view.summary.counts[s] for s in progress.STATE_ORDER
    )


@pytest.mark.parametrize("code", CODES)
def test_every_row_has_the_engine_state(dataset: Dataset, code: str) -> None:
    report = make(dataset, code)
    tasks = {located.item.id: located.item for located in dataset.tasks}
    for row in report.task_rows:
        (occ,) = [
            o
            for o in progress.occurrences(tasks[row.id])
            if (o.start, o.due) == (row.start, row.due)
        ]
        found = progress.status(occ, report.window.end)
        assert (row.state, row.percent, row.done_on) == (
            found.state.label,
            found.percent,
            found.done_on,
        )
    counts = sum(report.total_row.counts)
    assert counts == report.total_row.total == len(report.task_rows)


# --- the environment -----------------------------------------------------------------------


def test_environment_is_strict_sandboxed_and_escapes_html_only(tmp_path: Path) -> None:
    from jinja2 import UndefinedError
    from jinja2.exceptions import SecurityError

    build_tree(
        tmp_path,
        {
            "templates/x.html.j2": "{{ value }}",
            "templates/x.md.j2": "{{ value }}",
            "templates/y.md.j2": "{{ missing }}",
            "templates/z.md.j2": "{{ value.__class__.__mro__ }}",
        },
    )
    env = environment(tmp_path)
    assert env.get_template("x.html.j2").render(value="<b>&</b>") == "&lt;b&gt;&amp;&lt;/b&gt;"
    assert env.get_template("x.md.j2").render(value="<b>&</b>") == "<b>&</b>"
    with pytest.raises(UndefinedError):
        env.get_template("y.md.j2").render()
    with pytest.raises(SecurityError):
        env.get_template("z.md.j2").render(value="")


def test_override_wins_over_builtin(dataset: Dataset, tmp_path: Path) -> None:
    build_tree(tmp_path, {"templates/report.md.j2": "{{ header.summary }}|{{ areas|length }}"})
    text = render(make(dataset, "q1"), "md", tmp_path)
    assert text == "Kết quả thực hiện công tác cải cách hành chính quý I năm 2024|4"


def test_context_names_are_the_report_fields(dataset: Dataset) -> None:
    context = template_context(make(dataset, "q1"))
    assert {"header", "areas", "task_rows", "closing", "stamp", "plan"} <= set(context)


def test_cli_start_does_not_import_jinja_or_docx() -> None:
    code = (
        "import sys, cchc_cli.cli.app; "
        "print(sorted({'jinja2','docxtpl','docx'} & set(sys.modules)))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
