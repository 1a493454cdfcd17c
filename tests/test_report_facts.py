"""Report drafts without the CLI: golden md/html per period, what a report covers and says,
window boundaries, figures equal to the progress engine, and templates fed plain data.

The fixture tree is tests/fixtures/report (its reports.yaml names VP-02 as the report-making
task); golden files live in tests/golden/report/ (regenerate with ``CCHC_UPDATE_GOLDEN=1``).
"""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest

from cchc_cli.checks import check
from cchc_cli.dataset import Dataset
from cchc_cli.engine import progress
from cchc_cli.engine.periods import CODES, report_period
from cchc_cli.read.loader import load, load_checked
from cchc_cli.report.facts import build, cite_plan
from cchc_cli.report.model import Report, template_context
from cchc_cli.report.render import environment, render
from cchc_cli.report.scope import is_own
from tests.golden import assert_golden
from tests.helpers import build_tree, valid_files

FIXTURE = Path(__file__).parent / "fixtures" / "report"
GOLDEN = Path(__file__).parent / "golden" / "report"
# q1 carries a document date (the place–date line filled in), the others leave it blank.
ISSUED = {"q1": date(2024, 3, 5), "h1": None, "q3": None, "year": date(2025, 1, 5)}
GENERATED = datetime(2025, 1, 5, 8, 30, tzinfo=UTC)
EPOCH = str(int(GENERATED.timestamp()))  # SOURCE_DATE_EPOCH of the same time, for CLI tests


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    found = load_checked(FIXTURE / "data", check)
    assert not found.problems, found.problems
    return found


def make(dataset: Dataset, code: str, year: int = 2024, commit: str | None = None) -> Report:
    issued = ISSUED.get(code) if year == 2024 else None
    period = report_period(code, year)
    return build(dataset, period, issued=issued, commit=commit, generated=GENERATED)


def texts(report: Report, style: str | None = None) -> list[str]:
    return [p.text for p in report.body if style is None or p.style == style]


def everything(report: Report) -> str:
    """All the words of the document a reader sees: head, body, closing, appendices."""
    context = template_context(report)
    parts: list[str] = [
        *(str(v) for v in context["header"].values()),
        context["opening"],
        *(p["text"] for p in context["body"]),
        *context["closing"]["recipients"],
        *context["closing"]["signer_lines"],
    ]
    for appendix in context["appendices"]:
        parts += [appendix["heading"], appendix["title"], appendix["note"]]
        for table in appendix["tables"]:
            parts += [table["caption"], *(c["header"] for c in table["columns"])]
            parts += [cell for row in table["rows"] for cell in row["cells"]]
    return "\n".join(parts)


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


# --- the page head, the opening and the closing ---------------------------------------------


def test_header_opening_and_closing_from_the_settings(dataset: Dataset) -> None:
    report = make(dataset, "q1")
    header = report.header
    assert (header.draft, header.governing_body, header.issuing_body) == (
        "DỰ THẢO",
        "UBND TỈNH ĐỒNG THÁP",
        "SỞ CÔNG THƯƠNG",
    )
    assert header.number == "Số:      /BC-SCT"
    assert header.place_date == "Đồng Tháp, ngày 05 tháng 3 năm 2024"
    assert header.summary == "Kết quả thực hiện công tác cải cách hành chính quý I năm 2024"
    assert header.report_to == "Sở Nội vụ"
    assert report.opening == (
        "Thực hiện Công văn số 1520/SNV-CCHC ngày 25/11/2023 của Sở Nội vụ về việc báo cáo "
        "công tác cải cách hành chính năm 2024; căn cứ Kế hoạch số …/KH-SCT ngày … về cải cách "
        "hành chính Sở Công Thương giai đoạn 2021 - 2030, Sở Công Thương báo cáo kết quả thực "
        "hiện công tác cải cách hành chính quý I năm 2024 (số liệu tính từ ngày 15/12/2023 đến "
        "ngày 14/03/2024) như sau:"
    )
    assert report.closing.recipients == (
        "- Như trên;",
        "- UBND tỉnh (b/c);",
        "- Lãnh đạo Sở;",
        "- Lưu: VT, VP.",
    )
    assert report.closing.signer_lines == ("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC")
    assert report.closing.signer_name == "Trần Văn Bình"


def test_a_period_has_its_own_signer(dataset: Dataset) -> None:
    report = make(dataset, "year")
    assert (report.closing.signer_lines, report.closing.signer_name) == (
        ("GIÁM ĐỐC",),
        "Nguyễn Văn An",
    )


def test_the_plan_is_cited_by_its_number_and_date(dataset: Dataset) -> None:
    assert dataset.plan is not None
    plan = dataset.plan.model_copy(update={"code": "123/KH-SCT", "issued": date(2021, 1, 15)})
    assert cite_plan(plan) == (
        "Kế hoạch số 123/KH-SCT ngày 15/01/2021 về cải cách hành chính Sở Công Thương giai "
        "đoạn 2021 - 2030"
    )


def test_no_date_leaves_the_blanks(dataset: Dataset) -> None:
    report = make(dataset, "h1")
    assert report.header.place_date == "Đồng Tháp, ngày      tháng … năm …"
    assert report.appendices[0].note == (
        "(Kèm theo Báo cáo số      /BC-SCT ngày      tháng … năm … của Sở Công Thương)"
    )


def test_provenance_goes_to_the_properties_never_the_text(dataset: Dataset) -> None:
    report = make(dataset, "q3", commit="abc1234")
    assert report.provenance.commit == "abc1234"
    assert report.provenance.generated == "2025-01-05T08:30:00+00:00"
    assert report.provenance.text.startswith("Dự thảo lập bằng cchc ")
    assert "từ dữ liệu commit abc1234 lúc 2025-01-05T08:30:00+00:00" in report.provenance.text
    seen = everything(report)
    assert "abc1234" not in seen and "cchc" not in seen and "commit" not in seen


# --- the body: results, as officials write them ----------------------------------------------


def test_sections_in_order(dataset: Dataset) -> None:
    report = make(dataset, "q1")
    assert texts(report, "heading1") == [
        "I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CẢI CÁCH HÀNH CHÍNH",
        "II. KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH",
        "III. ĐÁNH GIÁ CHUNG",
        "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ TRỌNG TÂM QUÝ II NĂM 2024",
        "V. ĐỀ XUẤT, KIẾN NGHỊ",
    ]
    assert texts(report, "heading2") == [
        "1. Cải cách thể chế",
        "2. Cải cách thủ tục hành chính",
        "3. Cải cách tổ chức bộ máy hành chính nhà nước",
        "4. Xây dựng và phát triển Chính quyền điện tử, Chính quyền số",
        "1. Ưu điểm",
        "2. Tồn tại, hạn chế và nguyên nhân",
    ]
    assert texts(report)[-1] == (
        "Trên đây là báo cáo kết quả thực hiện công tác cải cách hành chính quý I năm 2024 của "
        "Sở Công Thương./."
    )


def test_a_written_result_is_used_verbatim(dataset: Dataset) -> None:
    items = texts(make(dataset, "q1"), "item")
    assert (
        "Sở đã ban hành Kế hoạch số 12/KH-SCT ngày 25/01/2024 về cải cách hành chính năm 2024."
        in (items)
    )
    year = texts(make(dataset, "year"), "item")
    assert (
        "Đã rà soát 15 thủ tục hành chính, đề xuất đơn giản hóa 5 thủ tục (Báo cáo số 210/BC-SCT "
        "ngày 10/12/2024)." in year
    )


def test_without_a_result_the_sentence_comes_from_title_and_evidence(dataset: Dataset) -> None:
    items = texts(make(dataset, "q1"), "item")
    assert (
        "Đã hoàn thành rà soát, đơn giản hoá thủ tục hành chính năm 2023 (Báo cáo số 300/BC-SCT "
        "ngày 20/12/2023)." in items
    )
    assert (
        "Công bố danh mục thủ tục hành chính được chuẩn hoá chưa hoàn thành, đã quá thời hạn "
        "29/02/2024 (đạt 80% khối lượng công việc)." in items
    )


def test_notes_and_tracker_states_never_reach_the_text(dataset: Dataset) -> None:
    for code in CODES:
        seen = everything(make(dataset, code))
        for word in ("Đã xây dựng dự thảo kế hoạch", "Giám đốc Sở đã ký", "sắp đến hạn"):
            assert word not in seen, (code, word)
        assert "chậm cập nhật" not in seen and "bình quân" not in seen and " %" not in seen
        for task in dataset.tasks:
            assert task.item.id not in seen, (code, task.item.id)


def test_no_percent_for_a_standing_duty(dataset: Dataset) -> None:
    items = texts(make(dataset, "h1"), "item")
    portal = [t for t in items if "Cổng dịch vụ công" in t]
    assert portal and all("%" not in t for t in portal)
    # a result of the period as done, "tiếp tục" in the way ahead: the two do not repeat
    result, ahead = portal
    assert result == "Duy trì, vận hành Cổng dịch vụ công trực tuyến của Sở."
    assert ahead.startswith("Tiếp tục duy trì")


def test_work_not_started_and_not_due_says_nothing(dataset: Dataset) -> None:
    """TT-01's 2024 inspection (0 %, due 31/12) is no result of q1: only the appendix lists it."""
    report = make(dataset, "q1")
    assert not any("Kiểm tra công tác CCHC" in t for t in texts(report, "item")[:8])
    assert "chưa triển khai" not in everything(report)
    (line,) = [t for t in report.tasks if t.id == "TT-01"]
    assert line.state == "Chưa đến hạn"


# --- what a report covers ------------------------------------------------------------------


def test_a_report_never_tracks_itself(dataset: Dataset) -> None:
    for code, quarter in (("q1", "quý I"), ("h1", "6 tháng đầu năm"), ("q3", "quý III")):
        report = make(dataset, code)
        own = [t for t in report.tasks if t.id == "VP-02"]
        assert all(f"{quarter} năm 2024" not in t.title for t in own), code
        assert f"{quarter} năm 2024 (thời hạn" not in everything(report)
    h1 = make(dataset, "h1")
    assert [t.title for t in h1.tasks if t.id == "VP-02"] == [
        "Báo cáo định kỳ công tác CCHC quý I năm 2024"
    ]


def test_the_annual_report_is_never_called_quarter_four(dataset: Dataset) -> None:
    report = make(dataset, "q1", year=2025)
    (line,) = [t for t in report.tasks if t.id == "VP-02"]
    assert line.title.endswith(" năm 2024")
    assert "quý IV" not in everything(report)


def test_q3_is_not_cumulative(dataset: Dataset) -> None:
    """Work done before 15/06 is not reported again in q3."""
    titles = {t.id + ":" + t.title for t in make(dataset, "q3").tasks}
    assert not any(t.startswith("VP-01:") for t in titles)  # done 25/01/2024


def test_a_nine_month_report_is_cumulative(dataset: Dataset) -> None:
    from cchc_cli.report.settings import periodic

    assert dataset.plan is not None
    assert dataset.reports is not None
    settings = periodic(dataset.plan, dataset.reports.periodic, "q3", {"q3": "nine-months"})
    period = report_period("q3", 2024, nine_months=True)
    report = build(dataset, period, settings, issued=None, commit=None)
    assert report.header.summary.endswith("9 tháng đầu năm 2024")
    assert any(t.id == "VP-01" for t in report.tasks)
    assert texts(report, "heading1")[3] == (
        "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ TRỌNG TÂM 3 THÁNG CUỐI NĂM 2024"
    )


def test_section_four_lists_what_is_active_ahead(dataset: Dataset) -> None:
    report = make(dataset, "year")
    body = texts(report)
    start = body.index("IV. PHƯƠNG HƯỚNG, NHIỆM VỤ TRỌNG TÂM NĂM 2025")
    ahead = body[start + 2 : body.index("V. ĐỀ XUẤT, KIẾN NGHỊ")]
    assert ahead[0].startswith("Khẩn trương hoàn thành triển khai hệ thống quản lý văn bản")
    assert "Kiểm tra công tác CCHC tại các phòng, đơn vị năm 2025 (thời hạn 31/12/2025; " in (
        "\n".join(ahead)
    )
    assert any(t.startswith("Tiếp tục duy trì, vận hành Cổng dịch vụ công") for t in ahead)
    assert not any("năm 2024 (thời hạn 31/12/2024" in t for t in ahead if "CCHC hằng quý" in t)


def test_rates_count_only_what_was_due_in_the_window(dataset: Dataset) -> None:
    q1 = make(dataset, "q1")
    body = texts(q1)
    assert body[body.index("III. ĐÁNH GIÁ CHUNG") + 1] == (
        "Trong kỳ, Sở Công Thương có 2 nhiệm vụ đến hạn theo Kế hoạch, đã hoàn thành 1 nhiệm vụ "
        "(đạt 50%), trong đó 1 nhiệm vụ đúng hạn; còn 1 nhiệm vụ chưa hoàn thành."
    )
    # The yearly TTHC-02 of 2023 (due 31/12/2023, inside q1's window) counts in the year only.
    in_period = q1.appendices[0].tables[0]
    assert in_period.rows[-1].cells[2] == "2"
    year = make(dataset, "year").appendices[0].tables[0]
    assert year.rows[-1].cells[2] == "8"


def test_indicators_as_officials_write_them(dataset: Dataset) -> None:
    strengths = texts(make(dataset, "q1"), "item")
    assert (
        "Xếp hạng Chỉ số PAR INDEX năm 2023: Sở Công Thương xếp thứ 5, tăng 5 bậc so với năm "
        "2022, đạt chỉ tiêu Kế hoạch đề ra (trong tốp 8)." in strengths
    )
    seen = everything(make(dataset, "q1"))
    for word in ("≤", "> 95", "kém hơn", "không so sánh được", "hạng 8"):
        assert word not in seen


def test_indicators_as_known_at_window_end(dataset: Dataset) -> None:
    (table,) = make(dataset, "q1").appendices[2].tables
    rows = [r.cells for r in table.rows]
    assert ("Xếp hạng Chỉ số PAR INDEX",) in rows
    # PAR INDEX 2023 was published 08/03/2024: known in q1; 2024's (14/03/2025) is not.
    assert ("2023", "Trong tốp 8", "Thứ 5", "Đạt", "Tăng 5 bậc", "Quyết định số 198/QĐ-UBND "
            "ngày 08/03/2024") in rows  # fmt: skip
    assert ("2024", "Trong tốp 8", "", "Chưa có kết quả", "", "") in rows
    assert ("2022", "Trên 95%", "95%", "Chưa đạt", "", "") in rows  # 95.0 is not "> 95"


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


def _b01(report: Report) -> tuple[str, str]:
    (line,) = [t for t in report.tasks if t.id == "B-01"]
    return line.state_key, line.sentence


def test_update_on_14_march_is_in_q1(tmp_path: Path) -> None:
    report = boundary_report(tmp_path, "14/03/2024", "q1")
    assert _b01(report) == (
        "done_on_time",
        "Đã hoàn thành nhiệm vụ kiểm tra biên (Văn bản ngày 14/03/2024).",
    )


def test_update_on_15_march_is_not_in_q1(tmp_path: Path) -> None:
    report = boundary_report(tmp_path, "15/03/2024", "q1")
    assert _b01(report)[0] == "not_started"
    text = render(report, "md", None)
    assert isinstance(text, str)
    assert "Ghi chú ngày 15/03/2024" not in text
    assert "Văn bản ngày 15/03/2024" not in text


def test_update_on_15_march_is_in_h1(tmp_path: Path) -> None:
    assert _b01(boundary_report(tmp_path, "15/03/2024", "h1"))[0] == "done_on_time"


@pytest.mark.parametrize(("day", "inside"), [("14/06/2024", False), ("15/06/2024", True)])
def test_q3_starts_on_15_june(tmp_path: Path, day: str, inside: bool) -> None:
    report = boundary_report(tmp_path, day, "q3")
    assert any(t.id == "B-01" for t in report.tasks) is inside


# --- figures equal the progress engine, less the report's own occurrence ------------------------


@pytest.mark.parametrize("code", CODES)
def test_cumulative_figures_are_the_engines(dataset: Dataset, code: str) -> None:
    report = make(dataset, code)
    end = report.period.end
    tasks = [located.item for located in dataset.tasks]
    settings_task = "VP-02"
    period = report_period(code, 2024)
    counted = [
        s
        for s in progress.statuses(tasks, end)
        if not (s.task.id == settings_task and is_own(s, period, _settings(dataset, code)))
    ]
    (_, cumulative) = report.appendices[0].tables
    total = cumulative.rows[-1].cells
    done_on_time = sum(s.state is progress.State.DONE_ON_TIME for s in counted)
    overdue = sum(s.state is progress.State.OVERDUE for s in counted)
    assert (total[2], total[3], total[5]) == (str(len(counted)), str(done_on_time), str(overdue))


def _settings(dataset: Dataset, code: str) -> Any:
    from cchc_cli.report.settings import periodic

    assert dataset.plan is not None and dataset.reports is not None
    return periodic(dataset.plan, dataset.reports.periodic, code, {})


@pytest.mark.parametrize("code", CODES)
def test_every_task_line_has_the_engine_state(dataset: Dataset, code: str) -> None:
    report = make(dataset, code)
    tasks = {located.item.id: located.item for located in dataset.tasks}
    for line in report.tasks:
        (occ,) = [
            o
            for o in progress.occurrences(tasks[line.id])
            if (o.start, o.due) == (line.start, line.due)
        ]
        found = progress.status(occ, report.period.end)
        assert (line.state_key, line.percent, line.done_on) == (
            found.state.key,
            found.percent,
            found.done_on,
        )


# --- templates see plain data ------------------------------------------------------------------

_DICT_METHODS = set(dir(dict))


def _walk(value: Any, path: str = "") -> None:
    if isinstance(value, dict):
        for key, item in value.items():
            assert isinstance(key, str) and key not in _DICT_METHODS, f"{path}.{key}"
            _walk(item, f"{path}.{key}")
    elif isinstance(value, list):
        for i, item in enumerate(value):
            _walk(item, f"{path}[{i}]")
    else:
        assert value is None or isinstance(value, (str, int, float, date)), path


@pytest.mark.parametrize("code", CODES)
def test_templates_get_plain_data_only(dataset: Dataset, code: str) -> None:
    """Dicts, lists, strings, numbers and dates: no model object, class or method, and no key
    that a dict method would hide (``x.items`` must be the data, not ``dict.items``)."""
    _walk(template_context(make(dataset, code)))


def test_a_template_cannot_reach_model_methods(dataset: Dataset, tmp_path: Path) -> None:
    from jinja2 import UndefinedError

    build_tree(tmp_path, {"templates/report.md.j2": "{{ plan.parse_raw('{}') }}"})
    with pytest.raises(Exception) as caught:
        render(make(dataset, "q1"), "md", tmp_path)
    assert "parse_raw" in str(caught.value)
    assert isinstance(caught.value.__cause__, UndefinedError)


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
    build_tree(tmp_path, {"templates/report.md.j2": "{{ header.summary }}|{{ body|length > 9 }}"})
    text = render(make(dataset, "q1"), "md", tmp_path)
    assert text == "Kết quả thực hiện công tác cải cách hành chính quý I năm 2024|True"


def test_cli_start_does_not_import_jinja_or_docx() -> None:
    code = (
        "import sys, cchc_cli.cli.app; "
        "print(sorted({'jinja2','docxtpl','docx'} & set(sys.modules)))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


BEHIND_TASK = """\
tasks:
  - id: B-02
    title: Kiểm tra công tác kiểm soát thủ tục hành chính
    area: chi-dao
    lead: van-phong
    start: 01/01/2022
    due: 31/12/2025
    recurrence: quarterly
"""


def test_a_task_behind_for_many_quarters_is_one_line(tmp_path: Path) -> None:
    files: dict[str, str | bytes] = dict(valid_files())
    files["data/tasks/tre.yaml"] = BEHIND_TASK
    found = load(build_tree(tmp_path, files) / "data")
    assert not found.problems, found.problems
    report = build(found, report_period("year", 2024), issued=None, commit=None)
    behind = "các kỳ từ quý I năm 2022 đến quý III năm 2024 (11 kỳ)"
    (line,) = [t for t in report.tasks if t.id == "B-02" and t.state_key == "overdue"]
    assert line.title == f"Kiểm tra công tác kiểm soát thủ tục hành chính {behind}"
    assert line.due == date(2022, 3, 31)
    assert line.sentence.endswith("chưa hoàn thành, kỳ đầu đã quá thời hạn 31/03/2022.")
    body = texts(report)
    assert sum(behind in text for text in body) == 3  # results, shortcomings, the way ahead
    assert "Còn 11 nhiệm vụ quá hạn chưa hoàn thành:" in body
    assert any(
        text.startswith("Khẩn trương hoàn thành kiểm tra công tác") and behind in text
        for text in body
    )
    # the appendix: one row for the run; the quarter still open (IV/2024) has its own row
    rows = [
        cells
        for appendix in template_context(report)["appendices"]
        for table in appendix["tables"]
        for cells in (row["cells"] for row in table["rows"])
        if any("Kiểm tra công tác kiểm soát" in cell for cell in cells)
    ]
    assert len(rows) == 2
    assert "quý IV năm 2024" in rows[1][1]


def test_an_overdue_period_with_updates_keeps_its_own_line(tmp_path: Path) -> None:
    """Only what nothing was recorded for is gathered: a quarter with progress keeps its
    result sentence and its percent."""
    task = BEHIND_TASK + (
        "    occurrences:\n"
        "      - period: 2024-Q2\n"
        "        updates:\n"
        '          - {date: 20/06/2024, percent: 60, result: "Đã tổng hợp số liệu của 5/8 phòng"}\n'
    )
    files: dict[str, str | bytes] = dict(valid_files())
    files["data/tasks/tre.yaml"] = task
    found = load(build_tree(tmp_path, files) / "data")
    assert not found.problems, found.problems
    report = build(found, report_period("year", 2024), issued=None, commit=None)
    body = " ".join(texts(report))
    assert "Đã tổng hợp số liệu của 5/8 phòng." in body
    assert "(10 kỳ)" in body  # the other ten overdue quarters, gathered
    assert "Còn 11 nhiệm vụ quá hạn chưa hoàn thành:" in texts(report)
