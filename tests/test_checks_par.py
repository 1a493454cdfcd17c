"""PAR INDEX checks beyond the case folders: partly invalid files, tolerances, edge rules."""

from __future__ import annotations

from collections.abc import Mapping

from cchc_cli.checks import check
from cchc_cli.errors import Problem
from cchc_cli.read.loader import load_checked
from tests.conftest import TreeFactory
from tests.helpers import TASKS

CRITERIA = """\
id: mau
name: Bộ thử
decision: {document: Quyết định số 1/QĐ-UBND}
years: 2021-2030
fields:
  - id: 1
    name: Chỉ đạo
    criteria:
      - id: "1.1"
        name: Kế hoạch
        items:
          - {id: "1.1.1", name: a, max: 1}
          - {id: "1.1.2", name: b, max: 2}
      - {id: "1.2", name: Hài lòng, max: 2, survey: true}
"""

SCORE = """\
indicators:
  - id: par-index-score
    name: Điểm PAR INDEX
    unit: "%"
    direction: higher
    values:
      - {year: 2024, value: VALUE}
"""


def _problems(make_repo: TreeFactory, files: Mapping[str, str | bytes | None]) -> list[Problem]:
    repo = make_repo({"data/par/criteria/mau.yaml": CRITERIA, **files})
    return load_checked(repo / "data", check).problems


def _codes(problems: list[Problem]) -> list[tuple[int, str]]:
    return [(p.line, p.code) for p in problems]


def test_valid_entries_of_a_partly_invalid_assessment_are_still_checked(
    make_repo: TreeFactory,
) -> None:
    assessment = """\
year: 2024
criteria: mau
scores:
  - {id: "1.1.1", self: 3, evidence: [{document: 1/KH-SCT, date: 02/01/2024}]}
  - {id: "1.1.2", apraised: 1}
  - {id: "1.2", survey: 1.5}
"""
    problems = _problems(make_repo, {"data/par/assessments/2024.yaml": assessment})
    assert _codes(problems) == [(4, "par-score"), (5, "unknown-field")]
    # 1.1.2 was refused by the schema: reported once, not "missing" as well


def test_an_assessment_whose_header_is_invalid_gives_only_its_schema_errors(
    make_repo: TreeFactory,
) -> None:
    assessment = "year: hai nghìn\ncriteria: mau\nscores: []\n"
    problems = _problems(make_repo, {"data/par/assessments/2024.yaml": assessment})
    assert _codes(problems) == [(1, "wrong-type")]


def test_a_broken_criteria_set_is_not_unknown_where_it_is_used(make_repo: TreeFactory) -> None:
    broken = CRITERIA.replace("max: 1}", "max: một}")
    task = """\
tasks:
  - {id: VP-09, title: x, area: chi-dao, lead: van-phong, start: 01/01/2024, due: 31/12/2024,
     criteria: ["1.1"]}
"""
    problems = _problems(
        make_repo,
        {
            "data/par/criteria/mau.yaml": broken,
            "data/par/assessments/2024.yaml": "year: 2024\ncriteria: mau\n",
            "data/tasks/x.yaml": task,
        },
    )
    assert [(p.path, p.code) for p in problems] == [("data/par/criteria/mau.yaml", "wrong-type")]


def test_a_zero_self_score_needs_no_evidence_but_a_positive_one_does(
    make_repo: TreeFactory,
) -> None:
    assessment = """\
year: 2024
criteria: mau
scores:
  - {id: "1.1.1", self: 0}
  - {id: "1.1.2", self: 1, explanation: Chưa hoàn thành kế hoạch.}
  - {id: "1.2"}
"""
    assert _problems(make_repo, {"data/par/assessments/2024.yaml": assessment}) == []


def test_the_recorded_index_may_differ_only_by_its_rounding(make_repo: TreeFactory) -> None:
    assessment = """\
year: 2024
criteria: mau
scores:
  - {id: "1.1.1", self: 1, appraised: 1, explanation: x}
  - {id: "1.1.2", self: 2, appraised: 1.75, explanation: x}
  - {id: "1.2", survey: 1.33}
"""
    index = (1 + 1.75 + 1.33) / 5 * 100  # 81.6
    for recorded, codes in ((81.6, []), (81.604, []), (81.61, ["par-index-mismatch"])):
        files = {
            "data/par/assessments/2024.yaml": assessment,
            "data/indicators/par.yaml": SCORE.replace("VALUE", str(recorded)),
        }
        assert [p.code for p in _problems(make_repo, files)] == codes, (recorded, index)


def test_an_unappraised_assessment_is_not_compared_with_the_recorded_index(
    make_repo: TreeFactory,
) -> None:
    assessment = """\
year: 2024
criteria: mau
scores:
  - {id: "1.1.1", self: 1, explanation: x}
  - {id: "1.1.2", self: 2, appraised: 1.75, explanation: x}
  - {id: "1.2", survey: 1.33}
"""
    files = {
        "data/par/assessments/2024.yaml": assessment,
        "data/indicators/par.yaml": SCORE.replace("VALUE", "50"),
    }
    assert _problems(make_repo, files) == []


def test_every_sub_criterion_of_an_empty_assessment_is_missing(make_repo: TreeFactory) -> None:
    empty = "year: 2024\ncriteria: mau\n"
    problems = _problems(make_repo, {"data/par/assessments/2024.yaml": empty})
    assert [p.code for p in problems] == ["par-missing"]
    assert "1.1.1, 1.1.2, 1.2" in problems[0].message


def test_a_yaml_file_directly_in_the_par_folder_is_not_read(make_repo: TreeFactory) -> None:
    problems = _problems(make_repo, {"data/par/2024.yaml": "year: 2024\n"})
    assert [(p.path, p.code, p.level) for p in problems] == [
        ("data/par/2024.yaml", "unknown-file", "warning")
    ]


def test_an_unquoted_criterion_number_is_refused_as_typed(make_repo: TreeFactory) -> None:
    """YAML reads 1.10 as the number 1.1: the message shows what was typed and how to quote it."""
    assessment = "year: 2024\ncriteria: mau\nscores:\n  - {id: 1.10, self: 1}\n"
    problems = _problems(make_repo, {"data/par/assessments/2024.yaml": assessment})
    (first,) = [p for p in problems if p.code != "par-missing"]
    assert (first.line, first.col, first.code) == (4, 10, "wrong-type")
    assert first.message == "Giá trị “1.10” phải là chữ (văn bản)."
    assert first.hint == 'YAML hiểu “1.10” là một số. Đặt trong dấu nháy kép: "1.10".'


FINAL = """\
year: 2024
criteria: mau
appraisal: {document: Quyết định số 9/QĐ-UBND, date: 14/03/2025}
scores:
  - {id: "1.1.1", self: 1, appraised: 1, explanation: x}
  - {id: "1.1.2", self: 2, appraised: 1.75, explanation: x}
  - {id: "1.2", survey: 1.33}
"""  # index (1 + 1.75 + 1.33) / 5 * 100 = 81.6

RESULTS = """\
year: 2024
departments:
  - {name: Sở A, score: 90, rank: 1}
  - {name: Sở Công Thương, score: PUBLISHED, rank: 2, ours: true}
"""


def test_without_a_recorded_index_the_published_one_is_checked_against_the_assessment(
    make_repo: TreeFactory,
) -> None:
    for published, found in (("81.6", []), ("85.5", [(4, "par-index-mismatch")])):
        files = {
            "data/par/assessments/2024.yaml": FINAL,
            "data/par/results/2024.yaml": RESULTS.replace("PUBLISHED", published),
        }
        problems = _problems(make_repo, files)
        assert _codes(problems) == found, published
    (problem,) = problems
    assert problem.path.endswith("par/results/2024.yaml")
    assert "công bố ghi 85,5" in problem.message and "cho 81,6" in problem.message


def test_a_task_whose_evidence_all_comes_after_the_deadline_is_a_warning(
    make_repo: TreeFactory,
) -> None:
    """VP-01 (the base tree's task) records its evidence on 25/01/2024."""
    sheet = """\
year: 2024
criteria: mau
deadline: DEADLINE
scores:
  - {id: "1.1.1", self: 1, evidence: [{task: VP-01}]}
  - {id: "1.1.2", self: 2, explanation: x}
  - {id: "1.2"}
"""
    late = _problems(
        make_repo, {"data/par/assessments/2024.yaml": sheet.replace("DEADLINE", "20/01/2024")}
    )
    assert [(p.code, p.level) for p in late] == [("par-evidence-date", "warning")]
    assert "đều ghi sau hạn tự đánh giá 20/01/2024" in late[0].message
    in_time = sheet.replace("DEADLINE", "31/01/2024")
    assert _problems(make_repo, {"data/par/assessments/2024.yaml": in_time}) == []


def test_a_task_s_criteria_come_from_the_set_of_its_years(make_repo: TreeFactory) -> None:
    """Two sets: `mau` (2021-2030 in CRITERIA, here made 2021-2022) and `moi` (2023-2030, its
    own ids). VP-01 runs in 2024: an id of `mau` only is not one of its years' set."""
    old = CRITERIA.replace("years: 2021-2030", "years: 2021-2022")
    new = CRITERIA.replace("id: mau", "id: moi").replace("years: 2021-2030", "years: 2023-2030")
    new = new.replace('"1.1.1"', '"1.1.9"')
    tasks = TASKS.replace("    updates:", "    criteria: [CODE]\n    updates:")
    found = {}
    for code in ("1.1.1", "1.1.9", "1.1.2"):
        repo = make_repo(
            {
                "data/par/criteria/mau.yaml": old,
                "data/par/criteria/moi.yaml": new,
                "data/tasks/van-phong.yaml": tasks.replace("CODE", f'"{code}"'),
            }
        )
        found[code] = [p.code for p in load_checked(repo / "data", check).problems]
    assert found == {"1.1.1": ["unknown-ref"], "1.1.9": [], "1.1.2": []}


SHEET_DATES = """\
year: 2024
criteria: mau
DATES
scores:
  - {id: "1.1.1", self: 1, evidence: [{document: 5/BC-SCT, date: 19/12/2024}]}
  - {id: "1.1.2", self: 2, explanation: x}
  - {id: "1.2"}
"""


def test_a_self_assessment_sent_or_due_before_its_year_is_an_error(
    make_repo: TreeFactory,
) -> None:
    for dates, found in (
        ("submitted: 16/12/2020", [(3, "date-order")]),
        ("deadline: 10/12/2023", [(3, "date-order")]),
        ("deadline: 20/12/2024\nsubmitted: 20/12/2024", []),
    ):
        sheet = SHEET_DATES.replace("DATES", dates)
        problems = _problems(make_repo, {"data/par/assessments/2024.yaml": sheet})
        assert _codes(problems) == found, dates


def test_evidence_dated_after_the_assessment_was_sent_is_a_warning(
    make_repo: TreeFactory,
) -> None:
    """The report would cite a document that did not exist when the results were sent,
    unless it was added during the appraisal: a warning."""
    sheet = SHEET_DATES.replace("DATES", "submitted: 16/12/2024")
    (problem,) = _problems(make_repo, {"data/par/assessments/2024.yaml": sheet})
    assert (problem.line, problem.code, problem.level) == (5, "par-evidence-date", "warning")
    assert "sau ngày gửi kết quả tự đánh giá 16/12/2024" in problem.message
