"""PAR INDEX arithmetic (`cchc_cli.engine.par`): totals, points lost, rank gaps, and SIPAS."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from cchc_cli.engine.par import (
    Tally,
    assess,
    leaf_points,
    leaves,
    linked_tasks,
    rank_gap,
    rank_of,
    target_rank,
)
from cchc_cli.engine.sipas import meets, share, sipas_year
from cchc_cli.models.indicators import Indicator, Target
from cchc_cli.models.par import ParAssessmentFile, ParCriteriaFile, ParResultsFile
from cchc_cli.models.tasks import Task

# Points in quarters, as point tables write them (0.25, 0.5, 1.5…): sums of them are exact floats.
quarters = st.integers(min_value=0, max_value=16).map(lambda q: q / 4)


@st.composite
def criteria_sets(draw: st.DrawFn) -> dict[str, Any]:
    fields = []
    for f in range(1, draw(st.integers(1, 4)) + 1):
        criteria = []
        for c in range(1, draw(st.integers(1, 4)) + 1):
            cid = f"{f}.{c}"
            survey = draw(st.booleans())
            if draw(st.booleans()):
                criteria.append({"id": cid, "name": "x", "max": draw(quarters), "survey": survey})
            else:
                items = [
                    {"id": f"{cid}.{i}", "name": "x", "max": draw(quarters)}
                    for i in range(1, draw(st.integers(1, 4)) + 1)
                ]
                criteria.append({"id": cid, "name": "x", "survey": survey, "items": items})
        fields.append({"id": str(f), "name": "x", "criteria": criteria})
    return {
        "id": "mau",
        "name": "x",
        "decision": {"document": "1/QĐ-UBND"},
        "years": "2021-2030",
        "fields": fields,
    }


@st.composite
def sets_and_scores(draw: st.DrawFn) -> tuple[ParCriteriaFile, ParAssessmentFile]:
    criteria = ParCriteriaFile.model_validate(draw(criteria_sets()))
    scores = []
    for leaf in leaves(criteria):
        entry: dict[str, Any] = {"id": leaf.id}
        for key in ("self", "appraised", "survey"):
            if draw(st.booleans()):
                entry[key] = draw(st.integers(0, int(leaf.max * 4)).map(lambda q: q / 4))
        if draw(st.integers(0, 5)):  # now and then a leaf is not listed at all
            scores.append(entry)
    assessment = ParAssessmentFile.model_validate(
        {"year": 2024, "criteria": "mau", "scores": scores}
    )
    return criteria, assessment


SMALL = ParCriteriaFile.model_validate(
    {
        "id": "mau",
        "name": "Bộ thử",
        "decision": {"document": "1/QĐ-UBND"},
        "years": "2021-2030",
        "fields": [
            {
                "id": "1",
                "name": "Chỉ đạo",
                "criteria": [
                    {
                        "id": "1.1",
                        "name": "Kế hoạch",
                        "items": [
                            {"id": "1.1.1", "name": "a", "max": 1},
                            {"id": "1.1.2", "name": "b", "max": 2},
                        ],
                    },
                    {"id": "1.2", "name": "Sáng kiến", "max": 2},
                ],
            },
            {
                "id": "2",
                "name": "Tác động",
                "criteria": [{"id": "2.1", "name": "Hài lòng", "max": 5, "survey": True}],
            },
        ],
    }
)


def _assessment(*scores: dict[str, Any]) -> ParAssessmentFile:
    return ParAssessmentFile.model_validate({"year": 2024, "criteria": "mau", "scores": scores})


def test_a_complete_assessment_gives_the_index_from_appraised_and_survey_points() -> None:
    result = assess(
        SMALL,
        _assessment(
            {"id": "1.1.1", "self": 1, "appraised": 1},
            {"id": "1.1.2", "self": 2, "appraised": 1.5},
            {"id": "1.2", "self": 1, "appraised": 0.5},
            {"id": "2.1", "survey": 4.25},
        ),
    )
    total = result.total
    assert (total.maximum, total.self_max, total.survey_max) == (10, 5, 5)
    assert (total.self_points, total.appraised, total.survey) == (4, 3, 4.25)
    assert (total.points, total.lost, total.deducted) == (7.25, 2.75, 1)
    assert result.index == pytest.approx(72.5)
    assert [(n.id, n.tally.lost) for n in result.criteria_by_loss()] == [
        ("1.2", 1.5),
        ("2.1", 0.75),
        ("1.1", 0.5),
    ]
    field = result.fields[0]
    assert field.tally.self_rate == pytest.approx(4 / 5)
    assert field.tally.appraised_rate == pytest.approx(3 / 5)
    assert field.tally.survey_rate is None  # no survey criteria in field 1


def test_before_appraisal_the_points_are_the_self_scores_and_there_is_no_index() -> None:
    result = assess(SMALL, _assessment({"id": "1.1.1", "self": 1}, {"id": "1.1.2", "self": 1.5}))
    assert result.index is None
    assert result.total.points == 2.5
    assert result.total.lost == 0.5  # only scored leaves lose points
    assert result.total.pointed == 2
    assert result.total.rate is None  # not every leaf has points yet


def test_a_survey_leaf_has_no_points_from_a_self_score() -> None:
    (survey,) = [leaf for leaf in leaves(SMALL) if leaf.survey]
    score = _assessment({"id": "2.1", "self": 5}).scores[0]
    assert leaf_points(survey, score) is None


@given(sets_and_scores())
@example((SMALL, _assessment()))
def test_totals_add_up_at_every_level(case: tuple[ParCriteriaFile, ParAssessmentFile]) -> None:
    criteria, assessment = case
    result = assess(criteria, assessment)
    every = leaves(criteria)
    by_id = {s.id: s for s in assessment.scores}
    assert result.total.maximum == pytest.approx(sum(leaf.max for leaf in every))
    assert result.total.leaves == len(every)
    known = [(leaf, leaf_points(leaf, by_id.get(leaf.id))) for leaf in every]
    assert result.total.points == pytest.approx(sum(p for _, p in known if p is not None))
    assert result.total.lost == pytest.approx(
        sum(leaf.max - p for leaf, p in known if p is not None)
    )
    for node in result.nodes():
        if node.children:
            assert node.tally == sum((c.tally for c in node.children), Tally())
    assert result.total == sum((f.tally for f in result.fields), Tally())
    complete = all(p is not None for _, p in known) and all(
        by_id[leaf.id].appraised is not None for leaf in every if not leaf.survey
    )
    if complete and result.total.maximum > 0:
        assert result.index == pytest.approx(result.total.points / result.total.maximum * 100)
    else:
        assert result.index is None
    losses = [n.tally.lost for n in result.criteria_by_loss()]
    assert losses == sorted(losses, reverse=True)
    assert all(lost > 0 for lost in losses)


def _results(*rows: tuple[float, int, bool]) -> ParResultsFile:
    return ParResultsFile.model_validate(
        {
            "year": 2024,
            "departments": [
                {"name": f"Sở {i}", "score": s, "rank": r, "ours": o}
                for i, (s, r, o) in enumerate(rows)
            ],
        }
    )


def test_points_needed_to_reach_the_target_rank() -> None:
    rows = [(95.0, 1, False), (94.0, 2, False), (93.0, 3, False), (90.5, 5, True), (91, 4, False)]
    gap = rank_gap(_results(*rows), 2)
    assert gap is not None
    assert gap.rival is not None and gap.rival.score == 94.0
    assert (gap.needed, gap.margin, gap.within, gap.out_of) == (3.5, 0.0, False, 5)
    fourth = rank_gap(_results(*rows), 4)
    assert fourth is not None
    assert (fourth.needed, fourth.margin) == (0.5, 0.0)
    rows[3] = (92.5, 4, True)
    rows[4] = (91.0, 5, False)
    within = rank_gap(_results(*rows), 4)
    assert within is not None and within.rival is not None
    assert (within.needed, within.margin, within.within) == (0.0, 1.5, True)
    assert within.rival.score == 91.0  # the one that would push it out of the top 4
    everyone = rank_gap(_results(*rows), 8)  # only 4 others: always within the top 8
    assert everyone is not None
    assert (everyone.within, everyone.needed, everyone.margin) == (True, 0.0, None)
    untargeted = rank_gap(_results(*rows), None)
    assert untargeted is not None and (untargeted.within, untargeted.needed) == (None, None)


@given(
    st.lists(st.integers(7000, 10000).map(lambda v: v / 100), min_size=1, max_size=25),
    st.integers(7000, 10000).map(lambda v: v / 100),
    st.integers(1, 30),
)
@example([90.0, 85.0], 85.0, 1)  # a tie shares the rank
def test_the_points_needed_are_just_enough(others: list[float], mine: float, target: int) -> None:
    rows = [(s, rank_of(s, [*others, mine]), False) for s in others]
    rows.append((mine, rank_of(mine, others), True))
    gap = rank_gap(_results(*rows), target)
    assert gap is not None and gap.needed is not None
    assert (rank_of(mine, others) <= target) == (gap.needed == 0) == gap.within
    assert rank_of(mine + gap.needed + 1e-9, others) <= target  # 1e-9: float rounding
    if gap.needed > 0:
        assert rank_of(mine + gap.needed - 0.001, others) > target


def _indicator(op: str, target: float, **values: Any) -> Indicator:
    return Indicator.model_validate(
        {
            "id": "x",
            "name": "x",
            "unit": "%",
            "direction": "higher",
            "targets": [{"years": "2021-2030", "op": op, "value": target}],
            "values": [{"year": 2024, **values}] if values else [],
        }
    )


@pytest.mark.parametrize(
    ("op", "value", "rank"), [("<=", 8, 8), ("≤", 8, 8), ("<", 9, 8), ("<", 8.5, 8), (">", 8, None)]
)
def test_the_target_rank_comes_from_the_rank_indicator(op: str, value: float, rank: int) -> None:
    assert target_rank(_indicator(op, value), 2024) == rank
    assert target_rank(_indicator(op, value), 2040) is None  # no target that year
    assert target_rank(None, 2024) is None


def test_linked_tasks_run_in_the_year_and_serve_the_criteria() -> None:
    def task(tid: str, start: str, due: str, criteria: list[str]) -> Task:
        return Task.model_validate(
            {"id": tid, "title": "x", "area": "a", "lead": "b", "start": start, "due": due,
             "criteria": criteria}
        )  # fmt: skip

    tasks = [
        task("A", "01/01/2024", "31/12/2024", ["1.1"]),
        task("B", "01/01/2025", "31/12/2025", ["1.1"]),
        task("C", "01/01/2023", "31/12/2025", ["2.1.1"]),
    ]
    assert [t.id for t in linked_tasks(tasks, {"1.1", "1.1.2"}, 2024)] == ["A"]
    assert [t.id for t in linked_tasks(tasks, {"2.1", "2.1.1"}, 2024)] == ["C"]


# --- SIPAS -------------------------------------------------------------------------------


def test_a_share_is_exact_and_95_is_not_above_95() -> None:
    target = Target(years="2021-2030", op=">", value=95)
    assert share(19, 20) == 95
    assert meets(share(19, 20), target) is False
    assert meets(95.0, target) is False
    assert meets(share(1901, 2000), target) is True
    assert meets(Fraction(95), Target(years="2024", op=">=", value=95)) is True
    assert share(None, 20) is None and share(1, 0) is None


ELEMENTS = [
    {"element": "tiep-can-dich-vu", "value": 96, "answers": 100, "satisfied": 96},
    {"element": "thu-tuc-hanh-chinh", "answers": 100, "satisfied": 94},
    {"element": "cong-chuc", "answers": 100, "satisfied": 95},
    {"element": "ket-qua", "answers": 100, "satisfied": 95},
    {"element": "gop-y-phan-anh", "answers": 100, "satisfied": 95},
]


def test_sipas_keeps_the_published_figure_beside_the_mean_of_the_elements() -> None:
    indicator = _indicator(">", 95, value=95.4, surveyed=200, satisfied=191, elements=ELEMENTS)
    found = sipas_year(indicator, 2024)
    assert found is not None
    assert found.published == 95.4 and found.published_met is True
    assert found.method == "elements"
    assert found.exact == 95  # (96 + 94 + 95 + 95 + 95) / 5
    assert found.recomputed_met is False  # exactly 95 is not above 95
    assert [e.code for e in found.elements][:2] == ["tiep-can-dich-vu", "thu-tuc-hanh-chinh"]
    assert found.elements[0].published == 96 and found.elements[1].published is None


def test_sipas_falls_back_to_ballots_without_all_five_elements() -> None:
    indicator = _indicator(">", 95, value=95.5, surveyed=200, satisfied=191, elements=ELEMENTS[:2])
    found = sipas_year(indicator, 2024)
    assert found is not None
    assert (found.method, found.exact) == ("ballots", Fraction(191 * 100, 200))
    assert sipas_year(_indicator(">", 95), 2040) is None
    bare = sipas_year(_indicator(">", 95, value=96), 2024)
    assert bare is not None and bare.method is None and bare.recomputed is None
