"""The PAR INDEX self-assessment report: golden md/html of the fixture repository, totals equal
to ``cchc par``'s, explanations and gaps, evidence as officials cite it, settings, and the
command (`cchc report --kind par`).

The fixture tree is tests/fixtures/report: its 2024 self-assessment has a criterion scored
below its maximum with an explanation, one without, and one scored without evidence; its
2023 one gives "so với năm trước". Golden files: tests/golden/report/2024-par.*.
"""

from __future__ import annotations

import json
import shutil
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from cchc_cli.checks import check
from cchc_cli.cli.app import app
from cchc_cli.dataset import Dataset
from cchc_cli.errors import CchcError, UsageError
from cchc_cli.read.loader import load_checked
from cchc_cli.report.model import Report, template_context
from cchc_cli.report.par_facts import build
from cchc_cli.report.par_scope import document_words
from cchc_cli.report.render import make_par_report, render
from cchc_cli.text_vi import number
from tests.golden import assert_golden
from tests.test_report_facts import EPOCH
from tests.test_report_shipped import check_text, docx_text, visible

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = Path(__file__).parent / "fixtures" / "report"
GOLDEN = Path(__file__).parent / "golden" / "report"
GENERATED = datetime(2025, 1, 5, 8, 30, tzinfo=UTC)


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    found = load_checked(FIXTURE / "data", check)
    assert not found.problems, found.problems
    return found


@pytest.fixture(scope="module")
def shipped() -> Dataset:
    found = load_checked(ROOT / "data", check)
    assert not [p for p in found.problems if p.is_error]
    return found


def make(dataset: Dataset, year: int = 2024, issued: date | None = None) -> Report:
    return build(dataset, year, issued=issued, commit=None, generated=GENERATED)


def body(report: Report, style: str | None = None) -> list[str]:
    return [p.text for p in report.body if style is None or p.style == style]


def table_rows(report: Report) -> list[tuple[str, ...]]:
    (appendix,) = report.appendices
    (table,) = appendix.tables
    return [row.cells for row in table.rows]


# --- golden files --------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_golden(dataset: Dataset, fmt: str) -> None:
    content = render(make(dataset, issued=date(2024, 12, 16)), fmt, dataset.root)
    assert isinstance(content, str)
    assert_golden(content, GOLDEN / f"2024-par.{fmt}")


# --- the same numbers as cchc par ------------------------------------------------------------


def par_json(root: Path, year: int) -> dict[str, Any]:
    result = CliRunner().invoke(
        app, ["--data", str(root), "par", "--year", str(year), "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    found: dict[str, Any] = json.loads(result.stdout)
    return found


@pytest.mark.parametrize("where", ["fixture", "shipped"])
def test_totals_equal_cchc_par(where: str, dataset: Dataset, shipped: Dataset) -> None:
    """Every row of the appendix and the body's totals carry `cchc par`'s numbers."""
    data = dataset if where == "fixture" else shipped
    report = make(data)
    expected = par_json(data.root, 2024)
    rows = {cells[0]: cells for cells in table_rows(report)}
    for row in expected["rows"]:
        cells = rows[str(row["id"])]
        assert cells[2] == number(row["max"])
        assert cells[3] == ("-" if not row["self_max"] else number(row["self"]))
    totals = expected["totals"]
    last = table_rows(report)[-1]
    assert last[1:4] == ("Tổng cộng", number(totals["max"]), number(totals["self"]))
    text = " ".join(body(report))
    assert f"{number(totals['self'])}/{number(totals['self_max'])} điểm" in text
    assert f"đạt {number(totals['self_rate'] * 100)}%" in text


def test_the_shipped_totals_by_hand(shipped: Dataset) -> None:
    """77,5 of the 82 self-assessed points (18 survey points), recomputed from the file."""
    sheet = next(s.item for s in shipped.par.assessments if s.item.year == 2024)
    own = sum(s.self_score or 0 for s in sheet.scores)
    assert own == 77.5
    assert "Tổng điểm tự đánh giá năm 2024 của Sở Công Thương là 77,5/82 điểm, đạt 94,51%" in (
        " ".join(body(make(shipped)))
    )


# --- what the body says ----------------------------------------------------------------------


def test_explanations_and_gaps(dataset: Dataset) -> None:
    report = make(dataset)
    paragraphs = [(p.style, p.text) for p in report.body]
    items = body(report, "item")
    assert (
        "Tiêu chí thành phần 1.1.2 “Mức độ hoàn thành kế hoạch” (tự chấm 1,5/2 điểm): Năm 2024 "
        "Sở hoàn thành 90% nhiệm vụ của Kế hoạch, còn 01 nhiệm vụ chuyển sang năm 2025 nên tự "
        "chấm 1,5/2 điểm." in items
    )
    head = "Tiêu chí thành phần 2.1.2 “Công khai thủ tục hành chính đầy đủ” (tự chấm 1/1,5 điểm):"
    at = paragraphs.index(("item", head))
    assert paragraphs[at + 1] == (
        "gap",
        "[Đơn vị bổ sung: lý do tự chấm chưa đạt điểm tối đa]",
    )
    assert any(
        t.startswith(
            "Tiêu chí 2.2 “Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính” (tự chấm 1/2 "
            "điểm, chưa có tài liệu kiểm chứng): Sở đã số hóa 75% hồ sơ"
        )
        for t in items
    )
    # criteria at their maximum and survey criteria need no explanation
    assert not any("1.1.1" in t or "3.1" in t or "3.2.2" in t for t in items)
    assert body(report, "heading2") == [
        "1. Công tác chỉ đạo, điều hành cải cách hành chính",
        "2. Cải cách thủ tục hành chính",
    ]


def test_sections_and_gaps_for_staff(dataset: Dataset) -> None:
    report = make(dataset)
    assert body(report, "heading1") == [
        "I. KẾT QUẢ TỰ ĐÁNH GIÁ, CHẤM ĐIỂM",
        "II. GIẢI TRÌNH KẾT QUẢ TỰ ĐÁNH GIÁ",
        "III. KHÓ KHĂN, VƯỚNG MẮC VÀ NGUYÊN NHÂN",
        "IV. GIẢI PHÁP KHẮC PHỤC",
        "V. ĐỀ XUẤT, KIẾN NGHỊ",
    ]
    gaps = body(report, "gap")
    assert "[Đơn vị bổ sung: khó khăn, vướng mắc và nguyên nhân]" in gaps
    assert "[Đơn vị bổ sung: đề xuất, kiến nghị]" in gaps


def test_previous_year_and_field_lines(dataset: Dataset) -> None:
    text = body(make(dataset))
    assert (
        "So với năm 2023 (tự đánh giá 9/12 điểm, đạt 75%), tỷ lệ điểm tự đánh giá tăng "
        "8,33 điểm phần trăm." in text
    )
    ranked = "Xếp hạng Chỉ số PAR INDEX năm 2023: Sở Công Thương xếp thứ 5"
    assert any(t.startswith(ranked) for t in text)
    assert (
        "Tác động của cải cách hành chính: 2/2 điểm (100%); 8 điểm còn lại đánh giá qua điều "
        "tra xã hội học." in text
    )
    assert (
        "Qua tự đánh giá, còn 3 tiêu chí, tiêu chí thành phần chưa đạt điểm tối đa (chưa đạt 2 "
        "điểm), tập trung ở các lĩnh vực: cải cách thủ tục hành chính (1,5 điểm); công tác chỉ "
        "đạo, điều hành cải cách hành chính (0,5 điểm)." in text
    )


def test_no_previous_year_says_nothing_of_it(dataset: Dataset) -> None:
    text = " ".join(body(make(dataset, 2023)))
    assert "So với năm 2022" not in text
    assert "Xếp hạng Chỉ số PAR INDEX năm 2022: Sở Công Thương xếp thứ 10" in text


def test_remedies_are_the_linked_tasks_of_the_next_year(dataset: Dataset) -> None:
    items = body(make(dataset), "item")
    assert "Kiểm tra công tác CCHC tại các phòng, đơn vị năm 2025 (Thanh tra Sở chủ trì)." in items
    assert "Duy trì, vận hành Cổng dịch vụ công trực tuyến của Sở (Văn phòng Sở chủ trì)." in items


def test_unscored_criteria_are_said_and_left_blank(tmp_path: Path) -> None:
    root = Path(shutil.copytree(FIXTURE, tmp_path / "repo"))
    sheet = root / "data" / "par" / "assessments" / "2024.yaml"
    text = sheet.read_text(encoding="utf-8")
    text = text.replace("submitted: 16/12/2024\n", "").replace(
        '  - id: "3.2.1"\n    self: 2\n', '  - id: "3.2.1"\n'
    )
    sheet.write_text(text, encoding="utf-8")
    found = load_checked(root / "data", check)
    assert not [p for p in found.problems if p.is_error], found.problems
    report = make(found)
    paragraphs = [(p.style, p.text) for p in report.body]
    assert ("text", "Còn 1 tiêu chí, tiêu chí thành phần chưa tự chấm điểm (nêu tại phần II).") in (
        paragraphs
    )
    head = "Tiêu chí thành phần 3.2.1 “Hoàn thành chỉ tiêu phát triển ngành” (chưa tự chấm điểm):"
    assert paragraphs[paragraphs.index(("item", head)) + 1] == (
        "gap",
        "[Đơn vị bổ sung: điểm tự chấm và giải trình]",
    )
    rows = {cells[0]: cells for cells in table_rows(report)}
    assert rows["3.2.1"][3] == ""


# --- the appendix ----------------------------------------------------------------------------


def test_the_appendix_lists_every_criterion(dataset: Dataset) -> None:
    report = make(dataset, issued=date(2024, 12, 16))
    (appendix,) = report.appendices
    assert appendix.heading == "PHỤ LỤC"
    assert appendix.title == (
        "BIỂU TỔNG HỢP KẾT QUẢ TỰ ĐÁNH GIÁ, CHẤM ĐIỂM CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM 2024"
    )
    assert appendix.note == (
        "(Kèm theo Báo cáo số      /BC-SCT ngày 16 tháng 12 năm 2024 của Sở Công Thương)"
    )
    rows = table_rows(report)
    ids = [cells[0] for cells in rows]
    assert ids == ["1", "1.1", "1.1.1", "1.1.2", "1.2", "2", "2.1", "2.1.1", "2.1.2", "2.2",
                   "3", "3.1", "3.2", "3.2.1", "3.2.2", ""]  # fmt: skip
    by_id = dict(zip(ids, rows, strict=True))
    assert by_id["1.1.1"][4] == "Kế hoạch số 12/KH-SCT ngày 25/01/2024"  # the task's evidence
    assert by_id["1.2"][4] == (
        "Báo cáo số 45/BC-SCT ngày 14/3/2024; Báo cáo số 98/BC-SCT ngày 14/6/2024; Báo cáo số "
        "150/BC-SCT ngày 14/9/2024"
    )
    assert by_id["3.1"][3:] == ("-", "", "Đánh giá qua điều tra xã hội học")
    assert by_id["3"][5] == "Trong đó 8 điểm đánh giá qua điều tra xã hội học"
    kinds = [row.kind for row in report.appendices[0].tables[0].rows]
    assert [i for i, k in zip(ids, kinds, strict=True) if k == "total"] == ["1", "2", "3", ""]


@pytest.mark.parametrize(
    ("evidence", "expected"),
    [
        (
            {"document": "13/KH-SCT", "date": date(2024, 1, 15), "issuer": "Sở Công Thương",
             "summary": "Kế hoạch cải cách hành chính năm 2024"},
            "Kế hoạch số 13/KH-SCT ngày 15/01/2024 của Sở Công Thương về cải cách hành chính "
            "năm 2024",
        ),
        (
            {"document": "Quyết định số 55/QĐ-UBND", "date": date(2024, 3, 15),
             "issuer": "UBND tỉnh", "summary": "Công bố danh mục thủ tục hành chính"},
            "Quyết định số 55/QĐ-UBND ngày 15/03/2024 của UBND tỉnh về công bố danh mục thủ tục "
            "hành chính",
        ),
        (
            {"document": "441/BC-SCT", "date": date(2024, 12, 13), "issuer": None,
             "summary": None},
            "Báo cáo số 441/BC-SCT ngày 13/12/2024",
        ),
        (
            {"document": "930/SCT-VP", "date": date(2024, 3, 20), "issuer": None,
             "summary": "Về việc công khai thủ tục hành chính"},
            "Văn bản số 930/SCT-VP ngày 20/03/2024 về việc công khai thủ tục hành chính",
        ),
        (
            {"document": "12/QĐ-SCT", "date": date(2024, 1, 17), "issuer": None,
             "summary": "Quy chế chi tiêu nội bộ năm 2024"},
            "Quyết định số 12/QĐ-SCT ngày 17/01/2024 về quy chế chi tiêu nội bộ năm 2024",
        ),
        (
            {"document": "5/TB-SCT", "date": date(2024, 2, 1), "issuer": None,
             "summary": "Kế hoạchX"},  # a word that only starts like a type
            "Thông báo số 5/TB-SCT ngày 01/02/2024 về kế hoạchX",
        ),
    ],
)  # fmt: skip
def test_a_document_as_officials_cite_it(evidence: dict[str, Any], expected: str) -> None:
    assert document_words(evidence) == expected


# --- as officials write it ---------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["md", "html", "docx"])
def test_the_shipped_report_reads_as_officials_write(shipped: Dataset, fmt: str) -> None:
    report = build(shipped, 2024, issued=date(2024, 12, 16), commit="abc1234", generated=GENERATED)
    content = render(report, fmt, shipped.root)
    text = docx_text(content) if isinstance(content, bytes) else visible(content, fmt)
    check_text(text, shipped)
    for word in ("thẩm định 73,75", "appraised", "survey", "par-"):
        assert word not in text


def test_templates_get_plain_data(dataset: Dataset) -> None:
    context = template_context(make(dataset))
    assert context["kind"] == "par"
    assert context["tasks"] == []
    assert context["period"]["title"] == "năm 2024"


# --- settings and the command ------------------------------------------------------------------


def test_settings_and_one_run_overrides(dataset: Dataset) -> None:
    content = make_par_report(
        dataset,
        2024,
        "md",
        issued=None,
        overrides=["signer.name=Lê Văn C", "report_to=Hội đồng thẩm định", "requested_by="],
        generated=GENERATED,
    )
    assert isinstance(content, str)
    assert "Kính gửi: Hội đồng thẩm định." in content
    assert "**GIÁM ĐỐC**<br>" in content and "**Lê Văn C**" in content
    assert "\nCăn cứ Quyết định số 100/QĐ-UBND ngày 20/12/2022 ban hành" in content
    assert "kính đề nghị Hội đồng thẩm định xem xét, thẩm định./." in content


def test_periodic_settings_are_not_the_self_assessments(dataset: Dataset) -> None:
    with pytest.raises(UsageError) as caught:
        make_par_report(dataset, 2024, "md", issued=None, overrides=["own_task=VP-02"])
    assert caught.value.message == "Không có thiết lập “own_task”."
    assert "q3" not in (caught.value.hint or "")


def test_a_year_without_assessment(dataset: Dataset) -> None:
    with pytest.raises(CchcError) as caught:
        make(dataset, 2022)
    assert caught.value.message == "Chưa có bảng tự đánh giá PAR INDEX năm 2022."
    assert "2023, 2024" in (caught.value.hint or "")


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    return Path(shutil.copytree(FIXTURE, tmp_path / "repo"))


def run(runner: CliRunner, repo: Path, *args: str) -> Any:
    return runner.invoke(app, ["--data", str(repo), "report", "--kind", "par", *args])


def test_command_default_output(runner: CliRunner, repo: Path) -> None:
    result = run(runner, repo, "--year", "2024", "--date", "16/12/2024")
    assert result.exit_code == 0, result.output
    assert result.stdout == "Đã ghi báo cáo: reports/2024-par.md\n"
    written = (repo / "reports" / "2024-par.md").read_text(encoding="utf-8")
    assert_golden(written, GOLDEN / "2024-par.md")
    result = run(runner, repo, "--year", "2024", "-f", "docx")
    assert result.exit_code == 0, result.output
    assert (repo / "reports" / "2024-par.docx").read_bytes()[:2] == b"PK"
    result = run(runner, repo, "--year", "2024")
    assert result.exit_code == 1 and "--force" in result.stderr


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (
            ["--year", "2024", "--period", "q1"],
            2,
            "Báo cáo tự đánh giá (--kind par) là báo cáo của cả năm, không có kỳ báo cáo.",
        ),
        (["--year", "2024", "--set", "q3=quarter"], 2, "Không có thiết lập “q3” (tuỳ chọn --set)."),
        (["--year", "1800"], 2, "Năm 1800 không hợp lệ (tuỳ chọn --year)."),
        (["--year", "2021"], 1, "Chưa có bảng tự đánh giá PAR INDEX năm 2021."),
    ],
)
def test_command_errors(
    runner: CliRunner, repo: Path, args: list[str], code: int, message: str
) -> None:
    result = run(runner, repo, *args)
    assert result.exit_code == code, result.output
    assert message in result.stderr
    assert "Traceback" not in result.output


def test_unknown_kind(runner: CliRunner, repo: Path) -> None:
    result = runner.invoke(app, ["--data", str(repo), "report", "--kind", "x", "--year", "2024"])
    assert result.exit_code == 2
    assert "Loại báo cáo “x” không hợp lệ." in result.stderr


def test_invalid_data_is_refused(runner: CliRunner, repo: Path) -> None:
    sheet = repo / "data" / "par" / "assessments" / "2024.yaml"
    sheet.write_text(
        sheet.read_text(encoding="utf-8").replace("self: 1.5\n", "self: 7\n", 1), encoding="utf-8"
    )
    result = run(runner, repo, "--year", "2024")
    assert result.exit_code == 1
    assert "không lập báo cáo từ dữ liệu sai" in result.stderr
    assert not (repo / "reports").exists()
