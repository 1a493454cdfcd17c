"""Cross-file checks: references, dates, periods, targets; every problem of a file in one run."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cchc_cli.checks import check
from cchc_cli.cli.app import app
from cchc_cli.read.loader import load_checked
from tests.conftest import TreeFactory
from tests.helpers import INDICATORS


def test_out_of_range_quarter_is_reported(make_repo: TreeFactory, runner: CliRunner) -> None:
    task = """\
    tasks:
      - id: Q-01
        title: Hằng quý
        area: chi-dao
        lead: thanh-tra
        start: 01/06/2024
        due: 31/12/2024
        recurrence: quarterly
        occurrences:
          - {period: 2024-Q1, completed: 15/03/2024}
    """
    repo = make_repo({"data/tasks/q.yaml": task})
    result = runner.invoke(app, ["--data", str(repo), "validate", "-f", "json"])
    problems = json.loads(result.stdout)["problems"]
    assert [(p["code"], p["line"]) for p in problems] == [("invalid-period", 10)]
    assert "2024-Q2, 2024-Q3, 2024-Q4" in problems[0]["hint"]


def test_nested_target_is_valid_and_wins_for_its_year(
    make_repo: TreeFactory, runner: CliRunner, tmp_path: Path
) -> None:
    from tests.helpers import INDICATORS

    indicators = INDICATORS.replace(
        'targets: [{years: 2021-2030, op: ">", value: 95}]',
        'targets: [{years: 2021-2030, op: ">", value: 95}, {years: 2023, op: ">=", value: 97}]',
    )
    repo = make_repo({"data/indicators/sipas.yaml": indicators})
    assert runner.invoke(app, ["--data", str(repo), "validate"]).exit_code == 0
    result = runner.invoke(
        app, ["--data", str(repo), "status", "--as-of", "31/12/2024", "-f", "json"]
    )
    found = {(i["year"], i["verdict"]) for i in json.loads(result.stdout)["indicators"]}
    assert (2023, "not_met") in found  # 96.5 is not >= 97


def test_reversed_plan_period_is_an_error(make_repo: TreeFactory, runner: CliRunner) -> None:
    from tests.helpers import PLAN

    repo = make_repo(
        {"data/plan.yaml": PLAN.replace("{start: 2021, end: 2030}", "{start: 2030, end: 2021}")}
    )
    result = runner.invoke(app, ["--data", str(repo), "validate"])
    assert result.exit_code == 1
    assert "lỗi [date-order] Năm kết thúc 2021 trước năm bắt đầu 2030." in result.stdout


def test_update_outside_the_plan_period_is_a_warning(
    make_repo: TreeFactory, runner: CliRunner
) -> None:
    from tests.helpers import TASKS

    tasks = TASKS.replace("{date: 10/01/2024, percent: 50}", "{date: 10/01/2020, percent: 50}")
    repo = make_repo({"data/tasks/van-phong.yaml": tasks})
    result = runner.invoke(app, ["--data", str(repo), "validate", "-f", "json"])
    problems = json.loads(result.stdout)["problems"]
    assert [(p["code"], p["level"]) for p in problems] == [("outside-period", "warning")]
    assert result.exit_code == 0


def test_every_problem_of_a_task_in_one_run(make_repo: TreeFactory, runner: CliRunner) -> None:
    """A schema error in a task does not hide its wrong references or a duplicate id."""
    task = """\
    tasks:
      - id: VP-01
        title: Nhiệm vụ có hai loại lỗi
        area: chi-daoo
        lead: van-phong
        support: [phong-la]
        start: 01/01/2024
        due: 31/02/2024
    """
    repo = make_repo({"data/tasks/zz.yaml": task})
    result = runner.invoke(app, ["--data", str(repo), "validate", "-f", "json"])
    found = [(p["path"], p["line"], p["code"]) for p in json.loads(result.stdout)["problems"]]
    assert found == [
        ("data/tasks/zz.yaml", 2, "duplicate-id"),
        ("data/tasks/zz.yaml", 4, "unknown-ref"),
        ("data/tasks/zz.yaml", 6, "unknown-ref"),
        ("data/tasks/zz.yaml", 8, "invalid-date"),
    ]


def test_one_problem_per_place(make_repo: TreeFactory, runner: CliRunner) -> None:
    """A code the schema refuses is not also reported as an unknown reference."""
    from tests.helpers import TASKS

    repo = make_repo({"data/tasks/van-phong.yaml": TASKS.replace("area: chi-dao", "area: Chi Đạo")})
    result = runner.invoke(app, ["--data", str(repo), "validate", "-f", "json"])
    found = [(p["line"], p["code"]) for p in json.loads(result.stdout)["problems"]]
    assert found == [(4, "invalid-value")]


def test_unknown_direction_area_is_reported(make_repo: TreeFactory, runner: CliRunner) -> None:
    from tests.helpers import PLAN

    repo = make_repo({"data/plan.yaml": PLAN + "direction_area: chi-daoo\n"})
    result = runner.invoke(app, ["--data", str(repo), "validate"])
    assert result.exit_code == 1
    assert "[unknown-ref] Không có lĩnh vực mã “chi-daoo”" in result.stdout


def test_an_occurrence_due_before_its_period_is_an_error(
    make_repo: TreeFactory, runner: CliRunner
) -> None:
    task = """\
    tasks:
      - id: Y-01
        title: Tự đánh giá hằng năm
        area: chi-dao
        lead: van-phong
        start: 01/01/2024
        due: 31/12/2025
        recurrence: yearly
        occurrences:
          - {period: 2025, due: 31/12/2024}
    """
    repo = make_repo({"data/tasks/y.yaml": task})
    result = runner.invoke(app, ["--data", str(repo), "validate", "-f", "json"])
    found = [(p["line"], p["code"]) for p in json.loads(result.stdout)["problems"]]
    assert found == [(10, "date-order")]


@pytest.mark.parametrize(
    ("a", "b", "clash"),
    [
        ((2021, 2030), (2021, 2030), True),  # the same span twice
        ((2029, 2032), (2021, 2030), True),  # partly over
        ((2030, 2030), (2021, 2030), False),  # nested, sharing the last year
        ((2021, 2025), (2021, 2030), False),  # nested, sharing the first year
        ((2024, 2024), (2021, 2030), False),  # nested inside
        ((2031, 2032), (2021, 2030), False),  # apart
    ],
)
def test_target_spans_clash_unless_nested_or_apart(
    a: tuple[int, int], b: tuple[int, int], clash: bool
) -> None:
    from cchc_cli.checks.indicators import _clash

    assert _clash(a, b) is clash
    assert _clash(b, a) is clash


def test_reversed_target_span_is_an_error(make_repo: TreeFactory, runner: CliRunner) -> None:
    from tests.helpers import INDICATORS

    indicators = INDICATORS.replace("years: 2021-2030", "years: 2030-2021")
    repo = make_repo({"data/indicators/sipas.yaml": indicators})
    result = runner.invoke(app, ["--data", str(repo), "validate"])
    assert result.exit_code == 1
    assert "[target-years] Khoảng năm “2030-2021” bị ngược" in result.stdout


# --- dates, periods, ids and text that were not checked before ------------------------------


def _found(repo: Path, runner: CliRunner) -> list[tuple[int, str, str]]:
    result = runner.invoke(app, ["--data", str(repo), "validate", "-f", "json"])
    return [(p["line"], p["level"], p["code"]) for p in json.loads(result.stdout)["problems"]]


RECURRING = """\
tasks:
  - id: R-01
    title: Báo cáo định kỳ
    area: chi-dao
    lead: van-phong
    start: 01/01/2024
    due: 31/12/2024
    recurrence: {recurrence}
    occurrences:
      - {occurrence}
"""


def test_an_occurrence_completed_before_its_period_is_an_error(
    make_repo: TreeFactory, runner: CliRunner
) -> None:
    task = RECURRING.format(
        recurrence="quarterly", occurrence="{period: 2024-Q3, completed: 15/06/2024}"
    )
    repo = make_repo({"data/tasks/r.yaml": task})
    assert _found(repo, runner) == [(10, "error", "date-order")]


def test_a_quarterly_occurrence_due_before_its_quarter_is_an_error(
    make_repo: TreeFactory, runner: CliRunner
) -> None:
    task = RECURRING.format(recurrence="quarterly", occurrence="{period: 2024-Q3, due: 30/06/2024}")
    repo = make_repo({"data/tasks/r.yaml": task})
    assert _found(repo, runner) == [(10, "error", "date-order")]
    ok = RECURRING.format(recurrence="quarterly", occurrence="{period: 2024-Q3, due: 20/10/2024}")
    assert _found(make_repo({"data/tasks/r.yaml": ok}), runner) == []


def test_an_update_after_the_completion_date_is_an_error(
    make_repo: TreeFactory, runner: CliRunner
) -> None:
    from tests.helpers import TASKS

    once = TASKS.replace("{date: 10/01/2024, percent: 50}", "{date: 28/01/2024, percent: 50}")
    recurring = RECURRING.format(
        recurrence="yearly",
        occurrence="{period: 2024, completed: 01/06/2024, "
        "updates: [{date: 01/06/2024, percent: 100}, {date: 02/07/2024, percent: 100}]}",
    )
    repo = make_repo({"data/tasks/van-phong.yaml": once, "data/tasks/r.yaml": recurring})
    result = runner.invoke(app, ["--data", str(repo), "validate"])
    assert result.exit_code == 1
    assert (
        "data/tasks/van-phong.yaml:11:16: lỗi [date-order] Cập nhật ngày 28/01/2024 sau ngày "
        "hoàn thành 25/01/2024." in result.stdout
    )
    assert "data/tasks/r.yaml:10:98: lỗi [date-order] Cập nhật ngày 02/07/2024" in result.stdout


def test_a_completion_after_the_plan_ends_is_a_warning(
    make_repo: TreeFactory, runner: CliRunner
) -> None:
    task = """\
    tasks:
      - id: C-01
        title: Tổng kết kế hoạch
        area: chi-dao
        lead: van-phong
        start: 01/10/2030
        due: 31/12/2030
        completed: 15/01/2031
    """
    repo = make_repo({"data/tasks/c.yaml": task})
    assert _found(repo, runner) == [(8, "warning", "outside-period")]


def test_indicator_years_outside_the_plan_are_warnings(
    make_repo: TreeFactory, runner: CliRunner
) -> None:
    from tests.helpers import INDICATORS

    indicators = INDICATORS.replace(
        'targets: [{years: 2021-2030, op: ">", value: 95}]',
        'targets: [{years: 2021-2030, op: ">", value: 95}, {years: 2035, op: ">", value: 96}]',
    ).replace("{year: 2023,", "{year: 2019,")
    repo = make_repo({"data/indicators/sipas.yaml": indicators})
    assert _found(repo, runner) == [
        (6, "warning", "outside-period"),
        (8, "warning", "outside-period"),
    ]


def test_a_repeated_solution_number_is_an_error(make_repo: TreeFactory, runner: CliRunner) -> None:
    from tests.helpers import PLAN

    plan = PLAN.replace(
        "  - {id: gp-1, number: 1, text: Tăng cường chỉ đạo}",
        "  - {id: gp-1, number: 1, text: Tăng cường chỉ đạo}\n"
        "  - {id: gp-2, number: 1, text: Đẩy mạnh tuyên truyền}",
    )
    repo = make_repo({"data/plan.yaml": plan})
    result = runner.invoke(app, ["--data", str(repo), "validate"])
    assert result.exit_code == 1
    assert (
        "data/plan.yaml:17:24: lỗi [duplicate-id] Số thứ tự giải pháp 1 bị trùng (đã dùng cho "
        "giải pháp “gp-1”)." in result.stdout
    )


def test_task_ids_that_differ_only_by_case_are_duplicates(
    make_repo: TreeFactory, runner: CliRunner
) -> None:
    from tests.helpers import TASKS

    repo = make_repo({"data/tasks/vp.yaml": TASKS.replace("VP-01", "vp-01")})
    result = runner.invoke(app, ["--data", str(repo), "validate"])
    assert result.exit_code == 1
    assert (
        "data/tasks/vp.yaml:2:9: lỗi [duplicate-id] Mã nhiệm vụ “vp-01” chỉ khác mã “VP-01” ở "
        "chữ hoa, chữ thường." in result.stdout
    )


@pytest.mark.parametrize("blank", ["   ", "\u200b", " \u200b\u2060\ufeff ", "\u00a0\u3000"])
def test_a_title_of_spaces_or_invisible_characters_is_empty(
    make_repo: TreeFactory, runner: CliRunner, blank: str
) -> None:
    from tests.helpers import TASKS

    tasks = TASKS.replace("title: Ban hành kế hoạch CCHC năm", f'title: "{blank}"')
    repo = make_repo({"data/tasks/van-phong.yaml": tasks})
    result = runner.invoke(app, ["--data", str(repo), "validate"])
    assert result.exit_code == 1
    assert (
        "data/tasks/van-phong.yaml:3:12: lỗi [empty-value] Trường “title” chỉ có dấu cách hoặc "
        "ký tự vô hình." in result.stdout
    )


@pytest.mark.parametrize("written", ["１５/１２/２０２４", "٢٠٢٤-١٢-١٥", "15/12/２０２４"])
def test_dates_in_full_width_or_arabic_indic_digits_are_refused(
    make_repo: TreeFactory, runner: CliRunner, written: str
) -> None:
    from tests.helpers import TASKS

    tasks = TASKS.replace("completed: 25/01/2024", f"completed: {written}")
    repo = make_repo({"data/tasks/van-phong.yaml": tasks})
    result = runner.invoke(app, ["--data", str(repo), "validate"])
    assert result.exit_code == 1
    assert f"lỗi [invalid-date] Ngày “{written}” không hợp lệ." in result.stdout
    assert "không phải chữ số 0-9 thường" in result.stdout
    status = runner.invoke(app, ["--data", str(make_repo()), "status", "--as-of", written])
    assert status.exit_code == 2
    assert "không phải chữ số 0-9 thường" in status.stderr


@pytest.mark.parametrize(
    ("key", "written", "line"),
    [
        ("area", "area: chi-daoo", 4),
        ("lead", "lead: van-phongg", 5),
        ("support", "support: [thanh-tra, thanh-traa]", 6),
        ("objectives", "objectives: [muc-tieu-x]", 6),
        ("solutions", "solutions: [gp-1, gp-9]", 6),
        ("indicators", "indicators: [sipass]", 6),
        ("duties", "duties: [to-chuc-x]", 6),
    ],
)
def test_one_unknown_code_in_any_reference_is_found(
    make_repo: TreeFactory, runner: CliRunner, key: str, written: str, line: int
) -> None:
    """Tasks whose codes are all declared skip the search; one unknown code must not."""
    fields = {
        "area": "area: chi-dao",
        "lead": "lead: van-phong",
        "extra": "",
    }
    fields[key if key in fields else "extra"] = written
    task = f"""\
    tasks:
      - id: R-01
        title: Tham chiếu
        {fields["area"]}
        {fields["lead"]}
        {fields["extra"]}
        start: 01/02/2024
        due: 31/03/2024
    """
    repo = make_repo({"data/tasks/r.yaml": task.replace("        \n", "")})
    result = runner.invoke(app, ["--data", str(repo), "validate", "-f", "json"])
    problems = json.loads(result.stdout)["problems"]
    assert [(p["code"], p["line"]) for p in problems] == [("unknown-ref", line)]


def test_an_indicator_the_schema_refused_is_reported_once_not_as_unknown(
    make_repo: TreeFactory,
) -> None:
    """The plan names `sipas`; its entry has a bad value: one located error, no second
    "unknown indicator" error where the plan uses it."""
    broken = INDICATORS.replace("surveyed: 200", "surveyed: 0")
    repo = make_repo({"data/indicators/sipas.yaml": broken})
    problems = load_checked(repo / "data", check).problems
    assert [(p.path.rsplit("/", 1)[-1], p.code) for p in problems] == [
        ("sipas.yaml", "out-of-range")
    ]


# --- dates and figures that pass the schema but cannot be right -----------------------------

# A yearly task that starts in the middle of its first period.
LATE_START = (
    RECURRING.replace("start: 01/01/2024", "start: 01/06/2024")
    .replace("due: 31/12/2024", "due: 31/12/2025")
    .replace("{recurrence}", "yearly")
)


@pytest.mark.parametrize("key", ["due", "completed"])
def test_an_occurrence_due_or_done_before_the_task_starts_is_a_warning(
    make_repo: TreeFactory, runner: CliRunner, key: str
) -> None:
    """In its period, but before the task itself starts (01/06/2024): a typing slip, or the
    first period done early (a yearly plan issued before the ten-year plan), so a warning."""
    task = LATE_START.format(occurrence=f"{{period: 2024, {key}: 01/03/2024}}")
    repo = make_repo({"data/tasks/r.yaml": task})
    assert _found(repo, runner) == [(10, "warning", "date-order")]
    ok = LATE_START.format(occurrence=f"{{period: 2024, {key}: 01/07/2024}}")
    assert _found(make_repo({"data/tasks/r.yaml": ok}), runner) == []


def test_an_update_before_the_task_starts_is_a_warning(
    make_repo: TreeFactory, runner: CliRunner
) -> None:
    from tests.helpers import TASKS

    early = TASKS.replace("{date: 10/01/2024, percent: 50}", "{date: 10/12/2023, percent: 50}")
    repo = make_repo({"data/tasks/van-phong.yaml": early})
    assert _found(repo, runner) == [(11, "warning", "date-order")]


def _indicator(value: str, unit: str = '"%"', direction: str = "higher", op: str = ">") -> str:
    return f"""\
indicators:
  - id: chi-so
    name: Chỉ số thử
    unit: {unit}
    direction: {direction}
    targets: [{{years: 2021-2030, op: "{op}", value: 5}}]
    values:
      - {value}
"""


@pytest.mark.parametrize(
    ("value", "unit", "expected"),
    [
        ("{year: 2023, value: 25, out_of: 20}", "hạng", [(8, "error", "out-of-range")]),
        ("{year: 2023, value: 0, out_of: 20}", "hạng", [(8, "error", "out-of-range")]),
        ("{year: 2023, value: 4.5, out_of: 20}", "hạng", [(8, "error", "out-of-range")]),
        ("{year: 2023, value: 5, out_of: 20}", "hạng", []),
        ("{year: 2023, value: 150}", '"%"', [(8, "warning", "out-of-range")]),
        ("{year: 2023, value: -2}", '"%"', [(8, "warning", "out-of-range")]),
        ("{year: 2023, value: 150}", "điểm", []),
        ("{year: 2023, value: 100}", '"%"', []),
    ],
)
def test_a_rank_beyond_its_field_or_a_percentage_beyond_100_is_reported(
    make_repo: TreeFactory,
    runner: CliRunner,
    value: str,
    unit: str,
    expected: list[tuple[int, str, str]],
) -> None:
    repo = make_repo({"data/indicators/x.yaml": _indicator(value, unit)})
    assert _found(repo, runner) == expected


def test_a_result_published_before_its_year_is_an_error(
    make_repo: TreeFactory, runner: CliRunner
) -> None:
    value = "{year: 2023, value: 50, source: {document: 12/QĐ-UBND, date: 08/03/2021}}"
    repo = make_repo({"data/indicators/x.yaml": _indicator(value)})
    assert _found(repo, runner) == [(8, "error", "date-order")]
    value = value.replace("08/03/2021", "08/03/2024")
    assert _found(make_repo({"data/indicators/x.yaml": _indicator(value)}), runner) == []


@pytest.mark.parametrize(
    ("direction", "op", "contradicts"),
    [
        ("lower", ">=", True),
        ("lower", "≥", True),
        ("higher", "<", True),
        ("higher", "<=", True),
        ("lower", "<=", False),
        ("higher", ">", False),
        ("higher", "≥", False),
    ],
)
def test_a_target_against_the_indicator_direction_is_a_warning(
    make_repo: TreeFactory, runner: CliRunner, direction: str, op: str, contradicts: bool
) -> None:
    indicator = _indicator("{year: 2023, value: 7}", "điểm", direction, op)
    repo = make_repo({"data/indicators/x.yaml": indicator})
    assert _found(repo, runner) == ([(6, "warning", "invalid-value")] if contradicts else [])


@pytest.mark.parametrize(
    ("support", "words"),
    [("[thanh-tra, thanh-tra]", "ghi hai lần"), ("[van-phong, thanh-tra]", "chủ trì nhiệm vụ")],
)
def test_a_supporting_unit_named_twice_or_leading_is_a_warning(
    make_repo: TreeFactory, runner: CliRunner, support: str, words: str
) -> None:
    from tests.helpers import TASKS

    tasks = TASKS.replace("support: [thanh-tra]", f"support: {support}")
    repo = make_repo({"data/tasks/van-phong.yaml": tasks})
    assert _found(repo, runner) == [(6, "warning", "duplicate-id")]
    result = runner.invoke(app, ["--data", str(repo), "validate"])
    assert words in result.stdout
