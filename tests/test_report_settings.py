"""Report settings (data/reports.yaml): read and checked like every file, resolved for one
report (plan < file < the period's entry < one-run overrides)."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from cchc_cli.checks import check
from cchc_cli.cli.app import app
from cchc_cli.errors import UsageError
from cchc_cli.models.plan import Plan, Signer
from cchc_cli.models.reports import PeriodicReport
from cchc_cli.read import yaml_reader
from cchc_cli.read.loader import load_checked
from cchc_cli.report.facts import closing
from cchc_cli.report.settings import parse_overrides, periodic
from tests.conftest import TreeFactory
from tests.helpers import PLAN

SETTINGS = """\
periodic:
  report_to: Sở Nội vụ tỉnh Đồng Tháp
  requested_by: Công văn số 15/SNV-CCHC ngày 01/12/2023 của Sở Nội vụ
  own_task: VP-01
  recipients: [Như trên, UBND tỉnh (b/c), "Lưu: VT, VP"]
  signer: {position: KT. GIÁM ĐỐC, deputy_position: PHÓ GIÁM ĐỐC, name: Trần Văn B}
  periods:
    year:
      signer: {position: GIÁM ĐỐC, name: Nguyễn Văn A}
"""


@pytest.fixture
def plan() -> Plan:
    data, problems = yaml_reader.parse(PLAN, "plan.yaml")
    assert not problems
    return Plan.model_validate(data)


def settings_of(text: str) -> PeriodicReport:
    data, problems = yaml_reader.parse(text, "reports.yaml")
    assert not problems
    return PeriodicReport.model_validate(data["periodic"])


def test_without_settings_the_plan_speaks(plan: Plan) -> None:
    found = periodic(plan, None, "q1", {})
    assert (found.report_to, found.requested_by, found.own_task) == ("Sở Nội vụ", None, None)
    assert found.recipients == ("Sở Nội vụ", "Lưu: VT, VP")
    assert (found.signer.position, found.signer.name) == ("GIÁM ĐỐC", "Nguyễn Văn A")
    assert not found.nine_months


def test_the_file_then_the_period_then_one_run(plan: Plan) -> None:
    settings = settings_of(SETTINGS)
    q1 = periodic(plan, settings, "q1", {})
    assert q1.report_to == "Sở Nội vụ tỉnh Đồng Tháp"
    assert q1.recipients == ("Như trên", "UBND tỉnh (b/c)", "Lưu: VT, VP")
    assert (q1.signer.position, q1.signer.deputy_position) == ("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC")
    year = periodic(plan, settings, "year", {})
    assert (year.signer.position, year.signer.deputy_position) == ("GIÁM ĐỐC", None)
    once = periodic(
        plan,
        settings,
        "year",
        parse_overrides(
            [
                "signer.name=Lê Thị C",
                "requested_by=",
                "recipients=Như trên; Lãnh đạo Sở ;Lưu: VT, VP",
                "q3=nine-months",
            ]
        ),
    )
    assert (once.signer.position, once.signer.name) == ("GIÁM ĐỐC", "Lê Thị C")
    assert once.requested_by is None  # an empty value removes the setting
    assert once.recipients == ("Như trên", "Lãnh đạo Sở", "Lưu: VT, VP")
    assert once.nine_months


def test_a_signer_set_for_one_run_starts_from_the_plans(plan: Plan) -> None:
    found = periodic(plan, None, "h1", parse_overrides(["signer.deputy_position=PHÓ GIÁM ĐỐC"]))
    assert (found.signer.position, found.signer.deputy_position, found.signer.name) == (
        "GIÁM ĐỐC",
        "PHÓ GIÁM ĐỐC",
        "Nguyễn Văn A",
    )


@pytest.mark.parametrize(
    ("items", "message"),
    [
        (["requested_by"], "Thiết lập “requested_by” thiếu dấu “=”."),
        (["nguoi_ky=A"], "Không có thiết lập “nguoi_ky”."),
        (["requested_by=a\x1bb"], "không được xuống dòng hay có ký tự điều khiển"),
        (["recipients="], "Thiết lập “recipients” để trống."),
    ],
)
def test_overrides_that_cannot_be_read(items: list[str], message: str) -> None:
    with pytest.raises(UsageError) as caught:
        parse_overrides(items)
    assert message in caught.value.message
    assert caught.value.field == "set"


def test_an_override_the_model_refuses(plan: Plan) -> None:
    with pytest.raises(UsageError) as caught:
        periodic(plan, None, "q3", parse_overrides(["q3=9-thang"]))
    assert caught.value.message == "Giá trị “9-thang” của thiết lập “q3” không hợp lệ."
    assert caught.value.hint == "Chọn một trong: quarter, nine-months."


def test_the_cli_names_the_option(make_repo: TreeFactory, runner: CliRunner) -> None:
    repo = make_repo()
    result = runner.invoke(
        app, ["--data", str(repo), "report", "--year", "2024", "--set", "q3=9", "-o", "-"]
    )
    assert result.exit_code == 2
    assert "Giá trị “9” của thiết lập “q3” không hợp lệ (tuỳ chọn --set)." in result.stderr


# --- read and checked like every data file --------------------------------------------------


def test_settings_are_located_like_every_file(make_repo: TreeFactory) -> None:
    repo = make_repo({"data/reports.yaml": "periodic:\n  q3: 9-thang\n  own_tsk: VP-01\n"})
    problems = load_checked(repo / "data", check).problems
    assert [(p.path, p.line, p.col, p.code) for p in problems] == [
        ("data/reports.yaml", 2, 7, "invalid-value"),
        ("data/reports.yaml", 3, 3, "unknown-field"),
    ]


def test_a_blank_deputy_position_is_refused(make_repo: TreeFactory) -> None:
    """It would add "KT." over an empty line to the signature block."""
    text = SETTINGS.replace("deputy_position: PHÓ GIÁM ĐỐC", 'deputy_position: "  "')
    repo = make_repo({"data/reports.yaml": text})
    problems = load_checked(repo / "data", check).problems
    assert [(p.line, p.code) for p in problems] == [(6, "empty-value")]


def test_the_own_task_must_exist(make_repo: TreeFactory) -> None:
    repo = make_repo({"data/reports.yaml": "periodic:\n  own_task: VP-9\n"})
    (problem,) = load_checked(repo / "data", check).problems
    assert (problem.path, problem.line, problem.col, problem.code) == (
        "data/reports.yaml",
        2,
        13,
        "unknown-ref",
    )
    assert problem.message == "Không có nhiệm vụ mã “VP-9” (khai báo ở data/tasks/)."
    assert problem.hint.startswith("Có phải ý bạn là “VP-01”?")


def test_no_settings_file_is_fine(make_repo: TreeFactory) -> None:
    dataset = load_checked(make_repo() / "data", check)
    assert dataset.problems == []
    assert dataset.reports is None


@pytest.mark.parametrize(
    ("position", "deputy", "lines"),
    [
        ("GIÁM ĐỐC", None, ("GIÁM ĐỐC",)),
        ("GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", ("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC")),
        ("KT. GIÁM ĐỐC", "Phó Giám đốc", ("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC")),
        ("TL. GIÁM ĐỐC", "CHÁNH VĂN PHÒNG", ("TL. GIÁM ĐỐC", "CHÁNH VĂN PHÒNG")),
    ],
)
def test_a_deputy_signs_for_the_head(
    position: str, deputy: str | None, lines: tuple[str, ...]
) -> None:
    signer = Signer(position=position, deputy_position=deputy, name="Trần Văn B")
    assert closing(["Như trên"], signer).signer_lines == lines


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--set", "own_task=XX-99"], "own_task: không có nhiệm vụ mã “XX-99” (tuỳ chọn --set)."),
        (["--date", "01/01/2020"], "Ngày văn bản 01/01/2020 trước kỳ báo cáo"),
    ],
)
def test_one_run_settings_are_checked_like_the_files(
    make_repo: TreeFactory, runner: CliRunner, args: list[str], message: str
) -> None:
    repo = make_repo()
    base = ["--data", str(repo), "report", "--year", "2024", "-o", "-"]
    result = runner.invoke(app, [*base, *args])
    assert result.exit_code == 2, result.output
    assert message in " ".join(result.stderr.split())
    assert runner.invoke(app, [*base, "--date", "20/12/2024"]).exit_code == 0
