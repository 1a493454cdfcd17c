"""`cchc status` through the real Typer app, on the fixture tree in tests/fixtures/status.

The fixture's comments give each task's state on 15/06/2024, the date most tests use.
Golden files live in tests/golden/status/; regenerate them with ``CCHC_UPDATE_GOLDEN=1``.
"""

from __future__ import annotations

import io
import json
import re
import shutil
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from cchc_cli.checks import check
from cchc_cli.cli.app import app
from cchc_cli.cli.status import make_query
from cchc_cli.engine.indicators import digits_to_show
from cchc_cli.models.indicators import Target
from cchc_cli.read.loader import load_checked
from cchc_cli.status.text import print_text
from cchc_cli.status.view import build
from tests.conftest import TreeFactory
from tests.golden import assert_golden
from tests.helpers import TASKS, UNITS

FIXTURE = Path(__file__).parent / "fixtures" / "status"
GOLDEN = Path(__file__).parent / "golden" / "status"
AS_OF = "15/06/2024"


def run(runner: CliRunner, *args: str, data: Path = FIXTURE) -> Any:
    return runner.invoke(app, ["--data", str(data), "status", *args])


def run_json(runner: CliRunner, *args: str, data: Path = FIXTURE) -> dict[str, Any]:
    result = run(runner, "--format", "json", *args, data=data)
    assert result.exit_code == 0, result.output
    found: dict[str, Any] = json.loads(result.stdout)
    return found


def ids(items: list[dict[str, Any]]) -> list[str]:
    return [f"{i['task']}" + (f" {i['period']}" if i["period"] else "") for i in items]


# --- golden files --------------------------------------------------------------------------

GOLDEN_CASES = [
    ("full", ["--as-of", AS_OF]),
    ("end-2022", ["--as-of", "31/12/2022"]),
    ("unit-thanh-tra", ["--as-of", AS_OF, "--unit", "thanh-tra"]),
    ("year-2024-tthc", ["--as-of", AS_OF, "--year", "2024", "--area", "tthc"]),
]


@pytest.mark.parametrize(("name", "args"), GOLDEN_CASES, ids=[c[0] for c in GOLDEN_CASES])
@pytest.mark.parametrize("width", [80, 100])
def test_text_golden(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, name: str, args: list[str], width: int
) -> None:
    monkeypatch.setenv("COLUMNS", str(width))
    result = run(runner, *args)
    assert result.exit_code == 0, result.output
    assert_golden(result.stdout, GOLDEN / f"{name}-{width}.txt")


@pytest.mark.parametrize(("name", "args"), GOLDEN_CASES, ids=[c[0] for c in GOLDEN_CASES])
def test_json_golden(runner: CliRunner, name: str, args: list[str]) -> None:
    result = run(runner, "--format", "json", *args)
    assert result.exit_code == 0, result.output
    assert_golden(result.stdout, GOLDEN / f"{name}.json")


@pytest.mark.parametrize("width", [80, 100])
def test_text_fits_the_width_and_is_plain(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, width: int
) -> None:
    monkeypatch.setenv("COLUMNS", str(width))
    out = run(runner, "--as-of", AS_OF).stdout
    lines = out.splitlines()
    assert max(len(line) for line in lines) <= width
    assert all(line == line.rstrip() for line in lines)
    assert "\x1b[" not in out


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(("no_color", "coloured"), [(True, False), (False, True)])
def test_colour_only_on_a_terminal_without_no_color(
    monkeypatch: pytest.MonkeyPatch, no_color: bool, coloured: bool
) -> None:
    if not no_color:
        monkeypatch.delenv("NO_COLOR")
    monkeypatch.setenv("TERM", "xterm-256color")
    dataset = load_checked(FIXTURE / "data", check)
    out = FakeTerminal()
    print_text(build(dataset, make_query(AS_OF)), out)
    assert bool(re.search(r"\x1b\[[0-9;]*3[0-9;]*m", out.getvalue())) is coloured
    assert "Tình hình đến ngày 15/06/2024" in out.getvalue()


# --- the states on the fixture -------------------------------------------------------------


def test_every_state_is_present_on_the_fixture(runner: CliRunner) -> None:
    doc = run_json(runner, "--as-of", AS_OF)
    counts = doc["summary"]["counts"]
    assert counts == {
        "overdue": 2,
        "due_soon": 2,
        "in_progress": 3,
        "not_started": 2,
        "done_on_time": 3,
        "done_late": 2,
    }
    assert doc["summary"]["total"] == 14  # TM-03 has not started; VP-04 Q3, Q4 are future
    assert doc["summary"]["stale"] == 3
    assert ids(doc["overdue"]) == ["VP-03 2023", "TT-01"]  # oldest first
    assert [i["days_overdue"] for i in doc["overdue"]] == [167, 15]
    assert ids(doc["due_soon"]) == ["TT-02", "VP-04 2024-Q2"]
    assert ids(doc["stale"]) == ["VP-03 2023", "VP-05", "TT-01"]


def test_an_update_after_the_as_of_date_is_ignored(runner: CliRunner) -> None:
    doc = run_json(runner, "--as-of", AS_OF, "--unit", "thanh-tra")
    by_id = {i["task"]: i for i in doc["open"]}
    assert by_id["TT-03"]["state"] == "not_started"
    assert by_id["TT-03"]["percent"] == 0
    later = run_json(runner, "--as-of", "02/08/2024", "--unit", "thanh-tra")
    assert {i["task"]: i["percent"] for i in later["open"]}["TT-03"] == 50


def test_as_of_end_of_2022_shows_2022(runner: CliRunner) -> None:
    doc = run_json(runner, "--as-of", "31/12/2022")
    assert doc["as_of"] == "2022-12-31"
    assert doc["summary"]["total"] == 3  # VP-03 2021 and 2022, VP-05
    assert doc["summary"]["counts"]["done_on_time"] == 1
    assert ids(doc["due_soon"]) == ["VP-03 2022"]  # completed only on 15/01/2023
    assert doc["due_soon"][0]["percent"] == 70
    assert doc["overdue"] == []
    # the 2022 indicator values were published in March 2023: not known yet
    sipas = {(a["id"], a["year"]): a for a in doc["indicators"]}
    assert sipas["sipas", 2022]["verdict"] == "no_data"
    assert sipas["sipas", 2021]["value"] == 93.62
    assert sipas["sipas", 2021]["verdict"] == "not_met"


def test_indicators_verdicts_and_trends(runner: CliRunner) -> None:
    doc = run_json(runner, "--as-of", AS_OF)
    found = {(a["id"], a["year"]): (a["verdict"], a["trend"]) for a in doc["indicators"]}
    assert found == {
        ("par-index-rank", 2022): ("not_met", "worse"),  # rank 8 -> 9
        ("par-index-rank", 2023): ("met", "improved"),  # rank 9 -> 7
        ("par-index-rank", 2024): ("no_data", "none"),
        ("par-index-score", 2022): ("no_target", "none"),
        ("par-index-score", 2023): ("no_target", "same"),
        ("sipas", 2022): ("not_met", "improved"),  # 95.0 is not "> 95"
        ("sipas", 2023): ("met", "improved"),
        ("sipas", 2024): ("no_data", "none"),
    }


# --- options -------------------------------------------------------------------------------


def test_iso_and_vietnamese_dates_agree(runner: CliRunner) -> None:
    assert run_json(runner, "--as-of", "2024-06-15") == run_json(runner, "--as-of", AS_OF)


def test_as_of_defaults_to_today(runner: CliRunner) -> None:
    before = date.today()
    shown = run_json(runner)["as_of"]
    assert shown in {before.isoformat(), date.today().isoformat()}  # a run across midnight


@pytest.mark.parametrize("bad", ["31/02/2024", "2024/06/15", "hôm qua", "15-06-2024"])
def test_bad_date_is_a_usage_error(runner: CliRunner, bad: str) -> None:
    result = run(runner, "--as-of", bad)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert f"Ngày “{bad}” không hợp lệ" in result.stderr
    assert "dd/mm/yyyy" in result.stderr


@pytest.mark.parametrize(
    ("option", "code", "listed"),
    [
        ("--unit", "phong-x", "van-phong, thanh-tra, quan-ly-thuong-mai"),
        ("--area", "the-che", "chi-dao, tthc, cong-vu"),
    ],
)
def test_unknown_code_lists_the_valid_ones(
    runner: CliRunner, option: str, code: str, listed: str
) -> None:
    result = run(runner, "--as-of", AS_OF, option, code)
    assert result.exit_code == 2
    assert f"mã “{code}” (tuỳ chọn {option})" in result.stderr
    assert f"Các mã hợp lệ: {listed}." in result.stderr


def test_unknown_format_is_a_usage_error(runner: CliRunner) -> None:
    result = run(runner, "--format", "xml")
    assert result.exit_code == 2
    assert "Không có định dạng “xml”" in result.stderr


def test_negative_window_is_a_usage_error(runner: CliRunner) -> None:
    result = run(runner, "--soon-days", "-1")
    assert result.exit_code == 2
    assert "--soon-days" in result.stderr


@pytest.mark.parametrize(
    ("args", "total", "expected"),
    [
        (["--year", "2023"], 1, {"overdue": 1}),
        (["--year", "2021"], 1, {"done_on_time": 1}),
        (["--year", "2030"], 1, {"in_progress": 1}),  # the ongoing task belongs to its end
        (["--area", "cong-vu"], 2, {"overdue": 1, "not_started": 1}),
        (["--unit", "quan-ly-thuong-mai"], 2, {"in_progress": 1, "not_started": 1}),
        (["--unit", "van-phong", "--area", "tthc"], 1, {"done_late": 1}),
        (
            ["--year", "2024", "--area", "chi-dao"],
            4,
            {"done_on_time": 2, "due_soon": 1, "in_progress": 1},
        ),
        (["--year", "2024", "--unit", "thanh-tra", "--area", "tthc"], 1, {"due_soon": 1}),
        (["--year", "2019"], 0, {}),
    ],
)
def test_filters_compose(
    runner: CliRunner, args: list[str], total: int, expected: dict[str, int]
) -> None:
    doc = run_json(runner, "--as-of", AS_OF, *args)
    counts = {k: v for k, v in doc["summary"]["counts"].items() if v}
    assert doc["summary"]["total"] == total
    assert counts == expected


def test_area_filter_keeps_one_area_row(runner: CliRunner) -> None:
    doc = run_json(runner, "--as-of", AS_OF, "--area", "tthc")
    assert [a["code"] for a in doc["areas"]] == ["tthc"]
    assert [u["code"] for u in doc["units"]] == ["van-phong", "thanh-tra", "quan-ly-thuong-mai"]


def test_empty_selection_has_no_rates(runner: CliRunner) -> None:
    doc = run_json(runner, "--as-of", AS_OF, "--year", "2019")
    assert doc["summary"]["completion_rate"] is None
    assert doc["summary"]["mean_progress"] is None
    text = run(runner, "--as-of", AS_OF, "--year", "2019").stdout
    assert "Hoàn thành 0/0 (–)" in text
    assert "Quá hạn: không có." in text


def test_unit_view_is_a_to_do_list(runner: CliRunner) -> None:
    doc = run_json(runner, "--as-of", AS_OF, "--unit", "thanh-tra")
    assert doc["areas"] is None and doc["units"] is None
    assert doc["stale"] is None and doc["indicators"] is None
    assert ids(doc["overdue"]) == ["TT-01"]
    assert ids(doc["due_soon"]) == ["TT-02"]
    assert ids(doc["open"]) == ["TT-03"]
    text = run(runner, "--as-of", AS_OF, "--unit", "thanh-tra").stdout
    assert "đơn vị: Thanh tra Sở" in text
    assert "Theo lĩnh vực" not in text
    assert "Chủ trì:" not in text  # it is the unit's own list


@pytest.mark.parametrize(
    ("args", "due_soon", "stale"),
    [
        ([], 2, 3),
        (["--soon-days", "14"], 0, 3),  # both due in 15 days
        (["--soon-days", "15"], 2, 3),
        (["--stale-days", "106"], 2, 3),  # TT-01: last update 106 days ago
        (["--stale-days", "107"], 2, 2),
    ],
)
def test_windows(runner: CliRunner, args: list[str], due_soon: int, stale: int) -> None:
    doc = run_json(runner, "--as-of", AS_OF, *args)
    assert len(doc["due_soon"]) == due_soon
    assert len(doc["stale"]) == stale
    assert doc["rules"]["soon_days"] == (int(args[1]) if args[:1] == ["--soon-days"] else 30)


# --- text and JSON agree -------------------------------------------------------------------


def vn_pct(rate: float | None) -> str:
    if rate is None:
        return "–"
    text = f"{rate * 100:.1f}".rstrip("0").rstrip(".")
    return text.replace(".", ",") + "%"


@pytest.mark.parametrize("args", [[], ["--year", "2024"], ["--area", "tthc"]])
def test_text_and_json_numbers_agree(runner: CliRunner, args: list[str]) -> None:
    doc = run_json(runner, "--as-of", AS_OF, *args)
    text = run(runner, "--as-of", AS_OF, *args).stdout
    s = doc["summary"]
    assert (
        f"Hoàn thành {s['done']}/{s['total']} ({vn_pct(s['completion_rate'])})"
        f" · đúng hạn {s['counts']['done_on_time']}/{s['done']} ({vn_pct(s['on_time_rate'])})"
    ) in text
    for key, label in [
        ("overdue", "Quá hạn"),
        ("due_soon", "Sắp đến hạn"),
        ("done_late", "Hoàn thành trễ hạn"),
    ]:
        assert f"{label}: {s['counts'][key]}" in text
    # the per-unit table: one line per unit, at 100 columns no name wraps
    for unit in doc["units"]:
        c = unit["counts"]
        numbers = [
            unit["total"],
            c["overdue"],
            c["due_soon"],
            c["in_progress"],
            c["not_started"],
            unit["done"],
        ]
        pattern = re.escape(unit["name"]) + r"\s+" + r"\s+".join(str(n) for n in numbers)
        pattern += r"\s+\S*\s?" + re.escape(vn_pct(unit["completion_rate"]))
        assert re.search(pattern, text), unit["name"]
    # the lists: the same rows in the same order
    for section, title in [("overdue", "Quá hạn"), ("due_soon", "Sắp đến hạn")]:
        if doc[section]:
            block = text.split(f"{title} ({len(doc[section])})")[1]
            firsts = re.findall(r"^(\S+)\s", block, flags=re.MULTILINE)
            wanted = [i["task"] for i in doc[section]]
            assert [f for f in firsts if f in wanted][: len(wanted)] == wanted


# --- invalid data --------------------------------------------------------------------------

BROKEN_TASKS = """\
tasks:
  - id: KH-01
    title: Nhiệm vụ hợp lệ trong tệp có lỗi
    area: tthc
    lead: van-phong
    start: 01/01/2024
    due: 31/12/2024
    updates: [{date: 01/05/2024, percent: 30}]
  - id: KH-02
    title: Nhiệm vụ thiếu hạn
    area: tthc
    lead: van-phong
    start: 01/01/2024
"""


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    shutil.copytree(FIXTURE, repo)
    (repo / "data" / "tasks" / "ke-hoach.yaml").write_text(BROKEN_TASKS, encoding="utf-8")
    return repo


def test_invalid_data_shows_what_it_can_and_exits_1(runner: CliRunner, broken: Path) -> None:
    result = run(runner, "--as-of", AS_OF, "--format", "json", data=broken)
    assert result.exit_code == 1
    doc = json.loads(result.stdout)
    assert doc["summary"]["total"] == 15  # the 14 of the fixture and the valid KH-01
    assert doc["problems"]["errors"] >= 1
    assert "data/tasks/ke-hoach.yaml:" in result.stderr
    assert "lỗi [" in result.stderr


def test_invalid_text_still_renders(runner: CliRunner, broken: Path) -> None:
    result = run(runner, "--as-of", AS_OF, data=broken)
    assert result.exit_code == 1
    assert "Hoàn thành 5/15" in result.stdout
    assert "Traceback" not in result.output


def test_unreadable_units_file_still_checks_codes_against_the_tasks(
    runner: CliRunner, broken: Path
) -> None:
    (broken / "data" / "units.yaml").write_text("units: [1, 2\n", encoding="utf-8")
    result = run(runner, "--as-of", AS_OF, "--unit", "thanh-tra", data=broken)
    assert result.exit_code == 1
    assert "Thanh tra Sở" not in result.stdout  # no names: the code is shown instead
    assert "đơn vị: thanh-tra" in result.stdout
    bad = run(runner, "--as-of", AS_OF, "--unit", "khong-co", data=broken)
    assert bad.exit_code == 2
    assert "quan-ly-thuong-mai, thanh-tra, van-phong" in bad.stderr


def test_broken_plan_file_still_shows_the_tasks(runner: CliRunner, broken: Path) -> None:
    (broken / "data" / "plan.yaml").write_text("title: [\n", encoding="utf-8")
    result = run(runner, "--as-of", AS_OF, data=broken)
    assert result.exit_code == 1
    assert result.stdout.startswith("(chưa đọc được kế hoạch)\n")
    assert "data/plan.yaml" in result.stderr


def test_names_with_square_brackets_are_shown_as_written(
    make_repo: TreeFactory, runner: CliRunner
) -> None:
    """Rich markup in data ("[/cũ]", "[i]") must neither crash nor vanish from the dashboard."""
    units = UNITS.replace("name: Thanh tra Sở", 'name: "Thanh tra Sở [/cũ]"').replace(
        "name: Văn phòng Sở", 'name: "Văn phòng Sở [i]mới"'
    )
    repo = make_repo({"data/units.yaml": units})
    result = runner.invoke(app, ["--data", str(repo), "status", "--as-of", "31/01/2024"])
    assert result.exit_code == 0, result.output
    assert "Văn phòng Sở [i]mới" in result.stdout
    assert "Thanh tra Sở [/cũ]" in result.stdout


@pytest.mark.parametrize(
    ("value", "op", "target", "digits"),
    [
        (95.004, ">", 95, 3),
        (95.0, ">", 95, 2),
        (96.15, ">", 95, 2),
        (7.9999, "<=", 8, 4),
    ],
)
def test_values_near_a_target_get_the_decimals_that_tell_them_apart(
    value: float, op: str, target: float, digits: int
) -> None:
    assert (
        digits_to_show(value, Target.model_validate({"years": 2024, "op": op, "value": target}))
        == digits
    )


def test_dashboard_does_not_print_a_met_value_as_the_target(
    make_repo: TreeFactory, runner: CliRunner
) -> None:
    from tests.helpers import INDICATORS

    indicators = INDICATORS.replace(
        "- {year: 2023, value: 96.5, surveyed: 200, satisfied: 193}",
        "- {year: 2023, value: 95.0}\n      - {year: 2024, value: 95.004}",
    )
    repo = make_repo({"data/indicators/sipas.yaml": indicators})
    result = runner.invoke(
        app, ["--data", str(repo), "status", "--as-of", "31/12/2024", "--year", "2024"]
    )
    assert "95,004 ✓" in result.stdout


@pytest.mark.parametrize("year", ["0", "-5", "99999"])
def test_status_year_must_be_a_real_year(
    make_repo: TreeFactory, runner: CliRunner, year: str
) -> None:
    repo = make_repo()
    result = runner.invoke(app, ["--data", str(repo), "status", f"--year={year}"])
    assert result.exit_code == 2
    assert "không hợp lệ (tuỳ chọn --year)" in result.stderr


def test_control_characters_in_a_title_never_reach_the_terminal(
    make_repo: TreeFactory, runner: CliRunner
) -> None:
    """A title written "\\e[2J" in quotes would clear the screen if printed raw."""
    tasks = TASKS.replace("Ban hành kế hoạch CCHC năm", '"Kế hoạch \\e[2J năm"')
    repo = make_repo({"data/tasks/van-phong.yaml": tasks})
    result = runner.invoke(app, ["--data", str(repo), "status", "--as-of", "15/01/2024"])
    assert "\x1b" not in result.output
    assert "Kế hoạch \\x1b[2J năm" in result.stdout
