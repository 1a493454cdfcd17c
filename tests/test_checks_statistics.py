"""Checks of period statistics through `cchc validate`: what is compared, where, and what is
left alone (no data is not zero). The codes themselves are shown by the case folders."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from cchc_cli.cli.app import app
from tests.conftest import TreeFactory

CATALOGUE = (
    Path(__file__).parent / "cases" / "valid" / "statistics" / "data" / "metrics.yaml"
).read_text(encoding="utf-8")


def problems(make_repo: TreeFactory, runner: CliRunner, **files: str) -> list[tuple[str, str, int]]:
    """``(code, file, line)`` of each problem of a repository with the test catalogue."""
    layout: dict[str, str | bytes | None] = {"data/metrics.yaml": CATALOGUE}
    layout.update({f"data/statistics/{name}.yaml": text for name, text in files.items()})
    repo = make_repo(layout)
    result = runner.invoke(app, ["--data", str(repo), "validate", "-f", "json"])
    found: list[dict[str, Any]] = json.loads(result.stdout)["problems"]
    return [(p["code"], p["path"].rsplit("/", 1)[-1], p["line"]) for p in found]


def month(period: str, **values: float | str) -> str:
    pairs = ", ".join(f"{k.replace('_', '-')}: {v}" for k, v in values.items())
    return f"  - {{period: {period}, source: Hệ thống, values: {{{pairs}}}}}\n"


def test_a_repository_without_statistics_needs_no_catalogue(
    make_repo: TreeFactory, runner: CliRunner
) -> None:
    repo = make_repo()
    assert runner.invoke(app, ["--data", str(repo), "validate", "--strict"]).exit_code == 0


def test_a_rule_is_checked_on_a_quarter_from_its_months_and_its_quarter_value(
    make_repo: TreeFactory, runner: CliRunner
) -> None:
    text = "periods:\n"
    text += month("2024-01", hs_da_giai_quyet=100, hs_dung_han=99)
    text += month("2024-02", hs_da_giai_quyet=100, hs_dung_han=100)
    text += month("2024-03", hs_da_giai_quyet=100, hs_dung_han=98)
    text += month("2024-Q1", hs_qua_han=5)  # 297 + 5 = 302, not 300
    assert problems(make_repo, runner, **{"2024": text}) == [("sum-rule", "2024.yaml", 5)]
    fixed = text.replace("hs-qua-han: 5", "hs-qua-han: 3")
    assert problems(make_repo, runner, **{"2024": fixed}) == []


def test_no_data_for_a_term_is_not_zero(make_repo: TreeFactory, runner: CliRunner) -> None:
    """Without hs-qua-han in February, the rule is not checked there (and no 0 is assumed)."""
    text = "periods:\n" + month("2024-02", hs_da_giai_quyet=100, hs_dung_han=90)
    assert problems(make_repo, runner, **{"2024": text}) == []


@pytest.mark.parametrize(("typed", "codes"), [(76.32, []), (76.24, []), (76.2, ["rate-mismatch"])])
def test_a_typed_rate_is_checked_against_the_months_of_its_quarter(
    make_repo: TreeFactory, runner: CliRunner, typed: float, codes: list[str]
) -> None:
    text = "periods:\n"
    text += month("2024-01", hs_tiep_nhan=412, hs_truc_tuyen=300)
    text += month("2024-02", hs_tiep_nhan=380, hs_truc_tuyen=290)
    text += month("2024-03", hs_tiep_nhan=401, hs_truc_tuyen=320)
    text += month("2024-Q1", ty_le_truc_tuyen=typed)  # 910 / 1193 = 76.278 %
    assert [p[0] for p in problems(make_repo, runner, **{"2024": text})] == codes


def test_a_value_written_in_two_files_names_the_first(
    make_repo: TreeFactory, runner: CliRunner
) -> None:
    first = "periods:\n" + month("2024-01", hs_tiep_nhan=412)
    second = "periods:\n" + month("2024-02", hs_tiep_nhan=380) + month("2024-01", hs_tiep_nhan=1)
    repo = make_repo(
        {
            "data/metrics.yaml": CATALOGUE,
            "data/statistics/a.yaml": first,
            "data/statistics/b.yaml": second,
        }
    )
    result = runner.invoke(app, ["--data", str(repo), "validate"])
    assert result.exit_code == 1
    assert "b.yaml:3:" in result.stdout
    assert "[duplicate-id] Chỉ tiêu “hs-tiep-nhan” kỳ 2024-01 đã ghi ở data/statistics/a.yaml" in (
        result.stdout
    )


def test_a_declared_quarter_of_a_mean_is_the_mean_of_its_months(
    make_repo: TreeFactory, runner: CliRunner
) -> None:
    text = "periods:\n" + month("2024-01", i766=80) + month("2024-02", i766=90)
    text += month("2024-03", i766=85.5)
    quarter = "  - {period: 2024-Q1, source: Báo cáo, months_total: true, values: {i766: %s}}\n"
    assert problems(make_repo, runner, **{"2024": text + quarter % 85.2}) == [
        ("quarter-total", "2024.yaml", 5)
    ]
    assert problems(make_repo, runner, **{"2024": text + quarter % 85.17}) == []  # rounded


def test_a_broken_catalogue_is_reported_and_its_values_are_not_checked(
    make_repo: TreeFactory, runner: CliRunner
) -> None:
    repo = make_repo(
        {
            "data/metrics.yaml": CATALOGUE.replace("aggregate: last", "aggregate: cuoi-ky"),
            "data/statistics/2024.yaml": "periods:\n" + month("2024-01", hs_tiep_nhan=-1),
        }
    )
    result = runner.invoke(app, ["--data", str(repo), "validate"])
    assert result.exit_code == 1
    assert "[invalid-value] Giá trị “cuoi-ky” không hợp lệ" in result.stdout
    assert "negative-value" not in result.stdout


@pytest.mark.parametrize(
    ("phrase", "ok"),
    [
        ("tiếp nhận mới {số} hồ sơ", True),
        ("{số} hồ sơ tiếp nhận mới", True),
        ("tiếp nhận mới hồ sơ", False),  # no place for the figure
        ("tiếp nhận mới {so} hồ sơ", False),
        ("tiếp nhận {số} hồ sơ, trực tuyến {số}", False),  # two places
    ],
)
def test_a_phrase_has_one_place_for_its_figure(
    make_repo: TreeFactory, runner: CliRunner, phrase: str, ok: bool
) -> None:
    catalogue = CATALOGUE.replace(
        "unit: hồ sơ, group: ho-so}", f'unit: hồ sơ, group: ho-so, phrase: "{phrase}"}}', 1
    )
    assert catalogue != CATALOGUE
    repo = make_repo({"data/metrics.yaml": catalogue})
    result = runner.invoke(app, ["--data", str(repo), "validate", "-f", "json"])
    found = json.loads(result.stdout)["problems"]
    if ok:
        assert found == []
    else:
        (problem,) = found
        assert (problem["code"], problem["path"]) == ("invalid-value", "data/metrics.yaml")
        assert problem["message"] == f"Câu “{phrase}” cần đúng một chỗ “{{số}}” để đặt con số."
        assert "tiếp nhận mới {số} hồ sơ" in problem["hint"]


def test_a_bad_value_does_not_hide_the_other_problems_of_its_period(
    make_repo: TreeFactory, runner: CliRunner
) -> None:
    """A word where a number goes is one error; the period's other values are still checked
    in the same run (here a count that is not an integer, and a quarter that repeats the
    month), and the rule the bad value takes part in is not checked with a gap."""
    text = "periods:\n" + month("2024-05", hs_da_giai_quyet="ba", hs_qua_han=4.5, hs_dung_han=90)
    text += month("2024-Q2", hs_qua_han=7)
    found = problems(make_repo, runner, **{"2024": text})
    codes = sorted(code for code, _, _ in found)
    assert codes == ["not-integer", "period-overlap", "wrong-type"], found
