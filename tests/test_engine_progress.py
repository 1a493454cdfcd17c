"""The progress engine and the indicator maths: every rule, no CLI and no files."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from cchc_cli.engine import progress
from cchc_cli.engine.progress import Rules, State, occurrences, status, statuses
from cchc_cli.engine.recurrence import has_period, period_keys
from cchc_cli.models.tasks import Task, Update


def d(text: str) -> date:
    """``dd/mm/yyyy`` → date, so the tests read like the data files."""
    day, month, year = (int(p) for p in text.split("/"))
    return date(year, month, day)


def make_task(**fields: Any) -> Task:
    base: dict[str, Any] = {
        "id": "T-1",
        "title": "Nhiệm vụ thử",
        "area": "tthc",
        "lead": "van-phong",
        "start": "01/01/2024",
        "due": "30/06/2024",
    }
    return Task.model_validate(base | fields)


def upd(day: str, percent: int) -> dict[str, Any]:
    return {"date": day, "percent": percent}


def once_state(as_of: str, rules: Rules = progress.DEFAULT_RULES, **fields: Any) -> State:
    (occ,) = occurrences(make_task(**fields))
    return status(occ, d(as_of), rules).state


# --- states of a once task -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "as_of", "expected"),
    [
        # no updates at all
        ({}, "01/02/2024", State.NOT_STARTED),
        ({"updates": [upd("10/01/2024", 0)]}, "01/02/2024", State.NOT_STARTED),
        ({"updates": [upd("10/01/2024", 20)]}, "01/02/2024", State.IN_PROGRESS),
        # an update dated after D is ignored
        ({"updates": [upd("10/03/2024", 20)]}, "01/02/2024", State.NOT_STARTED),
        # a completion after D is ignored
        ({"completed": "15/03/2024"}, "01/02/2024", State.NOT_STARTED),
        ({"completed": "15/03/2024"}, "15/03/2024", State.DONE_ON_TIME),
        # completion exactly on due is on time; the day after is late
        ({"completed": "30/06/2024"}, "01/01/2025", State.DONE_ON_TIME),
        ({"completed": "01/07/2024"}, "01/01/2025", State.DONE_LATE),
        # completed after due, but seen before the completion: overdue
        ({"completed": "10/07/2024"}, "05/07/2024", State.OVERDUE),
        # overdue means due < D: due today is due soon
        ({}, "30/06/2024", State.DUE_SOON),
        ({}, "01/07/2024", State.OVERDUE),
        ({"updates": [upd("01/03/2024", 90)]}, "01/07/2024", State.OVERDUE),
        # 100 % without `completed` counts as done on that update's date
        ({"updates": [upd("01/03/2024", 100)]}, "01/04/2024", State.DONE_ON_TIME),
        ({"updates": [upd("02/07/2024", 100)]}, "03/07/2024", State.DONE_LATE),
        # the earliest record of completion counts: a 100 % update before `completed`
        # (which `cchc validate` reports as completion-date)
        (
            {"updates": [upd("01/03/2024", 100)], "completed": "05/07/2024"},
            "01/04/2024",
            State.DONE_ON_TIME,
        ),
        (
            {"updates": [upd("01/03/2024", 100)], "completed": "05/07/2024"},
            "10/07/2024",
            State.DONE_ON_TIME,
        ),
        (
            {"updates": [upd("10/03/2024", 100)], "completed": "05/03/2024"},
            "06/03/2024",
            State.DONE_ON_TIME,
        ),
    ],
)
def test_once_states(fields: dict[str, Any], as_of: str, expected: State) -> None:
    assert once_state(as_of, **fields) is expected


@pytest.mark.parametrize(
    ("as_of", "soon_days", "expected"),
    [
        ("31/05/2024", 30, State.DUE_SOON),  # due in exactly 30 days
        ("30/05/2024", 30, State.IN_PROGRESS),  # due in 31 days
        ("30/05/2024", 31, State.DUE_SOON),
        ("30/06/2024", 0, State.DUE_SOON),  # due today
        ("29/06/2024", 0, State.IN_PROGRESS),
    ],
)
def test_due_soon_window_edges(as_of: str, soon_days: int, expected: State) -> None:
    rules = Rules(soon_days=soon_days)
    assert once_state(as_of, rules, updates=[upd("10/01/2024", 10)]) is expected


def test_due_soon_applies_to_not_started_items() -> None:
    assert once_state("20/06/2024") is State.DUE_SOON


@pytest.mark.parametrize(
    ("as_of", "expected"),
    [
        ("28/02/2024", State.DUE_SOON),
        ("29/02/2024", State.DUE_SOON),
        ("01/03/2024", State.OVERDUE),
    ],
)
def test_leap_day_due(as_of: str, expected: State) -> None:
    (occ,) = occurrences(make_task(due="29/02/2024"))
    result = status(occ, d(as_of))
    assert result.state is expected
    assert result.days_overdue == (1 if expected is State.OVERDUE else 0)


def test_days_overdue_and_left() -> None:
    (occ,) = occurrences(make_task())
    late = status(occ, d("10/07/2024"))
    assert (late.days_overdue, late.days_left) == (10, -10)
    early = status(occ, d("20/06/2024"))
    assert (early.days_overdue, early.days_left) == (0, 10)


@pytest.mark.parametrize(
    ("updates", "completed", "as_of", "expected"),
    [
        # stale_days=91 here: 01/01 -> 31/03/2024 is 90 days, -> 01/04 is 91
        ([upd("01/01/2024", 10)], None, "31/03/2024", False),
        ([upd("01/01/2024", 10)], None, "01/04/2024", True),
        ([upd("01/01/2024", 0)], None, "01/05/2024", False),  # no progress: not started
        ([], None, "01/05/2024", False),  # no update at all
        ([upd("01/01/2024", 10)], "01/02/2024", "01/05/2024", False),  # done
        # a later update after D does not refresh the date
        ([upd("01/01/2024", 10), upd("01/05/2024", 50)], None, "01/04/2024", True),
    ],
)
def test_stale_flag(
    updates: list[dict[str, Any]], completed: str | None, as_of: str, expected: bool
) -> None:
    task = make_task(due="31/12/2024", updates=updates, completed=completed)
    (occ,) = occurrences(task)
    assert status(occ, d(as_of), Rules(stale_days=91)).stale is expected


def test_stale_at_exactly_stale_days() -> None:
    task = make_task(due="31/12/2024", updates=[upd("01/01/2024", 10)])
    (occ,) = occurrences(task)
    # 01/01 -> 31/03/2024 is 90 days (leap year)
    assert status(occ, d("31/03/2024")).stale is True
    assert status(occ, d("30/03/2024")).stale is False


def test_overdue_items_can_be_stale() -> None:
    task = make_task(updates=[upd("01/01/2024", 10)])
    (occ,) = occurrences(task)
    result = status(occ, d("01/12/2024"))
    assert (result.state, result.stale) == (State.OVERDUE, True)


@pytest.mark.parametrize(
    ("updates", "as_of", "percent"),
    [
        ([], "01/03/2024", 0),
        ([upd("01/02/2024", 30), upd("01/03/2024", 60)], "15/02/2024", 30),
        ([upd("01/02/2024", 30), upd("01/03/2024", 60)], "01/03/2024", 60),
        ([upd("01/03/2024", 60), upd("01/02/2024", 30)], "02/03/2024", 60),  # any order
        ([upd("01/03/2024", 50), upd("01/03/2024", 70)], "02/03/2024", 70),  # last listed
    ],
)
def test_latest_percent_as_of(updates: list[dict[str, Any]], as_of: str, percent: int) -> None:
    (occ,) = occurrences(make_task(updates=updates))
    assert status(occ, d(as_of)).percent == percent


def test_done_counts_as_full_progress() -> None:
    (occ,) = occurrences(make_task(updates=[upd("01/02/2024", 40)], completed="01/03/2024"))
    assert status(occ, d("02/03/2024")).percent == 100


# --- occurrences ---------------------------------------------------------------------------


def spans(task: Task) -> list[tuple[str | None, date, date]]:
    return [(o.period, o.start, o.due) for o in occurrences(task)]


def test_yearly_occurrences_clip_first_and_last_year() -> None:
    task = make_task(recurrence="yearly", start="15/03/2021", due="30/06/2024")
    assert spans(task) == [
        ("2021", d("15/03/2021"), d("31/12/2021")),
        ("2022", d("01/01/2022"), d("31/12/2022")),
        ("2023", d("01/01/2023"), d("31/12/2023")),
        ("2024", d("01/01/2024"), d("30/06/2024")),
    ]


def test_yearly_task_over_the_whole_plan_is_ten_occurrences() -> None:
    task = make_task(recurrence="yearly", start="01/01/2021", due="31/12/2030")
    assert [o.period for o in occurrences(task)] == [str(y) for y in range(2021, 2031)]


def test_quarterly_occurrences_and_quarter_ends() -> None:
    task = make_task(recurrence="quarterly", start="15/02/2024", due="15/11/2024")
    assert spans(task) == [
        ("2024-Q1", d("15/02/2024"), d("31/03/2024")),
        ("2024-Q2", d("01/04/2024"), d("30/06/2024")),
        ("2024-Q3", d("01/07/2024"), d("30/09/2024")),
        ("2024-Q4", d("01/10/2024"), d("15/11/2024")),
    ]


def test_quarterly_across_a_year_boundary() -> None:
    task = make_task(recurrence="quarterly", start="01/10/2023", due="31/03/2024")
    assert [o.period for o in occurrences(task)] == ["2023-Q4", "2024-Q1"]


@pytest.mark.parametrize("recurrence", ["once", "ongoing"])
def test_once_and_ongoing_are_one_occurrence(recurrence: str) -> None:
    task = make_task(recurrence=recurrence, start="01/01/2021", due="31/12/2030")
    assert spans(task) == [(None, d("01/01/2021"), d("31/12/2030"))]


def test_ongoing_stays_in_progress_until_due() -> None:
    task = make_task(
        recurrence="ongoing",
        start="01/01/2021",
        due="31/12/2030",
        updates=[upd("01/12/2024", 40)],
    )
    (result,) = statuses([task], d("31/12/2024"))
    assert (result.state, result.stale) == (State.IN_PROGRESS, False)
    (later,) = statuses([task], d("31/12/2025"))
    assert (later.state, later.stale) == (State.IN_PROGRESS, True)


def test_recurring_progress_comes_from_its_period() -> None:
    task = make_task(
        recurrence="yearly",
        start="01/01/2022",
        due="31/12/2024",
        occurrences=[
            {"period": 2022, "completed": "20/12/2022"},
            {"period": "2023", "updates": [upd("01/06/2023", 50)], "completed": "05/01/2024"},
            {"period": "2024", "updates": [upd("01/03/2024", 20)]},
        ],
    )
    found = statuses([task], d("01/04/2024"))
    assert [(s.occurrence.period, s.state, s.percent) for s in found] == [
        ("2022", State.DONE_ON_TIME, 100),
        ("2023", State.DONE_LATE, 100),
        ("2024", State.IN_PROGRESS, 20),
    ]


def test_yearly_as_of_end_of_2022_sees_2022() -> None:
    task = make_task(
        recurrence="yearly",
        start="01/01/2021",
        due="31/12/2030",
        occurrences=[
            {"period": 2022, "updates": [upd("01/10/2022", 60)], "completed": "10/01/2023"},
        ],
    )
    found = statuses([task], d("31/12/2022"))
    assert [(s.occurrence.period, s.state) for s in found] == [
        ("2021", State.OVERDUE),
        ("2022", State.DUE_SOON),
    ]
    later = statuses([task], d("01/02/2023"))
    assert later[1].state is State.DONE_LATE
    assert later[2].state is State.NOT_STARTED


@pytest.mark.parametrize(
    ("as_of", "counted"),
    [
        ("31/12/2023", 0),  # nothing started yet
        ("01/01/2024", 1),  # Q1 starts
        ("31/03/2024", 1),
        ("01/04/2024", 2),  # Q2 starts the next day
        ("31/12/2024", 4),
        ("01/01/2030", 4),  # long after the end: still four
    ],
)
def test_only_started_occurrences_count(as_of: str, counted: int) -> None:
    task = make_task(recurrence="quarterly", start="01/01/2024", due="31/12/2024")
    assert len(statuses([task], d(as_of))) == counted


@pytest.mark.parametrize(
    ("as_of", "expected"),
    [
        ("31/12/2023", [("2023", State.DUE_SOON)]),  # due today, 2024 not started
        ("01/01/2024", [("2023", State.OVERDUE), ("2024", State.NOT_STARTED)]),
    ],
)
def test_yearly_year_boundary(as_of: str, expected: list[tuple[str, State]]) -> None:
    task = make_task(recurrence="yearly", start="01/01/2023", due="31/12/2025")
    found = statuses([task], d(as_of), Rules(soon_days=0))
    assert [(s.occurrence.period, s.state) for s in found] == expected


def test_recurring_task_straddling_the_plan_end_is_clipped_to_its_due() -> None:
    task = make_task(recurrence="yearly", start="01/01/2029", due="30/06/2030")
    found = statuses([task], d("01/01/2031"))
    assert [(s.occurrence.period, s.due, s.state) for s in found] == [
        ("2029", d("31/12/2029"), State.OVERDUE),
        ("2030", d("30/06/2030"), State.OVERDUE),
    ]
    assert found[1].days_overdue == (d("01/01/2031") - d("30/06/2030")).days


def test_quarterly_straddling_the_end_ends_on_the_task_due() -> None:
    task = make_task(recurrence="quarterly", start="01/07/2030", due="15/11/2030")
    assert spans(task)[-1] == ("2030-Q4", d("01/10/2030"), d("15/11/2030"))


def test_recurring_task_with_due_before_start_has_no_occurrences() -> None:
    task = make_task(recurrence="yearly", start="01/01/2025", due="31/12/2024")
    assert occurrences(task) == []


def test_period_keys() -> None:
    task = make_task(recurrence="quarterly", start="01/11/2024", due="31/03/2025")
    assert period_keys(task) == ["2024-Q4", "2025-Q1"]
    assert period_keys(make_task()) == []


# --- roll-ups ------------------------------------------------------------------------------


def sample() -> list[Task]:
    return [
        make_task(id="A", area="tthc", lead="van-phong", completed="01/06/2024"),
        make_task(id="B", area="tthc", lead="thanh-tra", completed="05/07/2024"),
        make_task(id="C", area="cong-vu", lead="van-phong", updates=[upd("01/02/2024", 50)]),
        make_task(
            id="D",
            area="cong-vu",
            lead="van-phong",
            due="31/12/2024",
            updates=[upd("01/02/2024", 30)],
            objectives=["sipas", "par-index"],
        ),
        make_task(id="E", area="tthc", lead="thanh-tra", start="01/09/2024", due="31/12/2024"),
    ]


def test_rollup_counts_rates_and_mean() -> None:
    found = statuses(sample(), d("10/07/2024"))
    assert [s.task.id for s in found] == ["A", "B", "C", "D"]  # E has not started
    total = progress.rollup(found)
    assert total.total == 4
    assert total.counts[State.DONE_ON_TIME] == 1
    assert total.counts[State.DONE_LATE] == 1
    assert total.counts[State.OVERDUE] == 1
    assert total.counts[State.IN_PROGRESS] == 1
    assert total.done == 2
    assert total.completion_rate == 0.5
    assert total.on_time_rate == 0.5
    assert total.mean_progress == (100 + 100 + 50 + 30) / 4
    assert total.stale == 2  # C and D: last update 01/02, 160 days before


def test_empty_rollup_has_no_rates() -> None:
    empty = progress.rollup([])
    assert (empty.total, empty.completion_rate, empty.on_time_rate, empty.mean_progress) == (
        0,
        None,
        None,
        None,
    )


def test_rollup_groups() -> None:
    found = statuses(sample(), d("10/07/2024"))
    areas = progress.by_area(found)
    assert {k: v.total for k, v in areas.items()} == {"tthc": 2, "cong-vu": 2}
    leads = progress.by_lead(found)
    assert leads["van-phong"].done == 1
    assert leads["thanh-tra"].counts[State.DONE_LATE] == 1
    assert list(progress.by_year(found)) == [2024]
    objectives = progress.by_objective(found)
    assert {k: v.total for k, v in objectives.items()} == {"sipas": 1, "par-index": 1}


def test_recurring_task_counts_once_per_started_occurrence() -> None:
    task = make_task(recurrence="yearly", start="01/01/2021", due="31/12/2030")
    found = statuses([task], d("01/06/2024"))
    assert progress.rollup(found).total == 4
    assert {y: r.total for y, r in progress.by_year(found).items()} == {
        2021: 1,
        2022: 1,
        2023: 1,
        2024: 1,
    }


def test_ordered_lists_known_codes_first_then_others() -> None:
    groups = progress.by_area(statuses(sample(), d("10/07/2024")))
    rows = progress.ordered(groups, ["chi-dao", "tthc"])
    assert [(code, r.total) for code, r in rows] == [("chi-dao", 0), ("tthc", 2), ("cong-vu", 2)]


def test_lists_are_sorted() -> None:
    tasks = [
        make_task(id="late2", due="01/06/2024"),
        make_task(id="late1", due="01/05/2024"),
        make_task(id="soon2", due="30/07/2024"),
        make_task(id="soon1", due="20/07/2024"),
        make_task(id="run", due="31/12/2024", updates=[upd("01/01/2024", 5)]),
    ]
    found = statuses(tasks, d("10/07/2024"))
    assert [s.task.id for s in progress.overdue(found)] == ["late1", "late2"]
    assert [s.task.id for s in progress.due_soon(found)] == ["soon1", "soon2"]
    assert [s.task.id for s in progress.in_progress(found)] == ["run"]
    assert [s.task.id for s in progress.stale(found)] == ["run"]


# --- a property: counts add up -------------------------------------------------------------

_days = st.dates(min_value=date(2021, 1, 1), max_value=date(2031, 12, 31))


@st.composite
def tasks_strategy(draw: st.DrawFn) -> Task:
    start = draw(_days)
    due = start + timedelta(days=draw(st.integers(0, 1500)))
    recurrence = draw(st.sampled_from(["once", "yearly", "quarterly", "ongoing"]))
    updates = [
        upd(f"{u:%d/%m/%Y}", p)
        for u, p in draw(st.lists(st.tuples(_days, st.integers(0, 100)), max_size=3))
    ]
    completed = draw(st.none() | _days)
    fields: dict[str, Any] = {
        "start": f"{start:%d/%m/%Y}",
        "due": f"{due:%d/%m/%Y}",
        "recurrence": recurrence,
    }
    if recurrence in ("once", "ongoing"):
        fields |= {"updates": updates, "completed": completed and f"{completed:%d/%m/%Y}"}
    else:
        periods = period_keys(make_task(**fields))
        chosen = draw(st.lists(st.sampled_from(periods), unique=True)) if periods else []
        fields["occurrences"] = [
            {"period": p, "updates": updates, "completed": completed} for p in chosen
        ]
    return make_task(**fields)


@settings(max_examples=150, deadline=None)
@given(
    tasks=st.lists(tasks_strategy(), max_size=5),
    as_of=_days,
    soon=st.integers(0, 60),
    stale_days=st.integers(0, 200),
)
def test_counts_add_up_and_rates_stay_in_range(
    tasks: list[Task], as_of: date, soon: int, stale_days: int
) -> None:
    found = statuses(tasks, as_of, Rules(soon_days=soon, stale_days=stale_days))
    started = [o for t in tasks for o in occurrences(t) if o.start <= as_of]
    total = progress.rollup(found)
    assert total.total == len(started) == len(found)
    assert sum(total.counts.values()) == total.total
    for rate in (total.completion_rate, total.on_time_rate):
        assert rate is None or 0 <= rate <= 1
    assert total.mean_progress is None or 0 <= total.mean_progress <= 100
    assert sum(r.total for r in progress.by_area(found).values()) == total.total
    assert sum(r.total for r in progress.by_year(found).values()) == total.total
    assert total.stale <= total.total - total.done


@settings(max_examples=150, deadline=None)
@given(task=tasks_strategy(), as_of=_days, later=st.integers(1, 800))
# Found on a fresh clone: a 100 % update on D and no `completed`, then `completed` = D + 1.
# It was done on D; recording the completion a day later must not undo that.
@example(
    task=make_task(start="01/01/2021", due="01/01/2021", updates=[upd("01/01/2021", 100)]),
    as_of=date(2021, 1, 1),
    later=1,
)
def test_what_happens_after_the_as_of_date_does_not_change_the_state(
    task: Task, as_of: date, later: int
) -> None:
    """Adding an update and a completion dated after D leaves every state as of D alone."""
    future = as_of + timedelta(days=later)
    extra = Update.model_validate(upd(f"{future:%d/%m/%Y}", 100))
    if task.recurrence in ("once", "ongoing"):
        changed = task.model_copy(
            update={"updates": [*task.updates, extra], "completed": task.completed or future}
        )
    else:
        changed = task.model_copy(
            update={
                "occurrences": [
                    o.model_copy(
                        update={"updates": [*o.updates, extra], "completed": o.completed or future}
                    )
                    for o in task.occurrences
                ]
            }
        )
    before = [(s.state, s.percent, s.stale) for s in statuses([task], as_of)]
    after = [(s.state, s.percent, s.stale) for s in statuses([changed], as_of)]
    assert after == before


@settings(max_examples=150, deadline=None)
@given(task=tasks_strategy(), as_of=_days, later=st.integers(0, 800))
def test_done_stays_done_and_overdue_means_not_done_past_due(
    task: Task, as_of: date, later: int
) -> None:
    for occurrence in occurrences(task):
        if occurrence.start > as_of:
            continue
        now = progress.status(occurrence, as_of)
        if now.state.is_done:
            assert progress.status(occurrence, as_of + timedelta(days=later)).state is now.state
        overdue = not now.state.is_done and occurrence.due < as_of
        assert (now.state is State.OVERDUE) == overdue


def test_an_occurrence_may_have_its_own_due_date() -> None:
    from cchc_cli.engine.progress import State, occurrences, status
    from cchc_cli.models.tasks import Task

    task = Task.model_validate(
        {
            "id": "VP-03",
            "title": "Tự đánh giá PAR INDEX",
            "area": "chi-dao",
            "lead": "van-phong",
            "start": "01/01/2024",
            "due": "31/12/2025",
            "recurrence": "yearly",
            "occurrences": [
                {"period": 2024, "due": "31/01/2025", "completed": "20/01/2025"},
            ],
        }
    )
    first, second = occurrences(task)
    assert (first.period, first.due) == ("2024", date(2025, 1, 31))
    assert second.due == date(2025, 12, 31)
    assert status(first, date(2025, 1, 5)).state is State.DUE_SOON
    assert status(first, date(2025, 2, 1)).state is State.DONE_ON_TIME


# --- occurrences of long tasks: work in proportion to what is asked ------------------------


@settings(max_examples=150, deadline=None)
@given(task=tasks_strategy(), until=_days)
def test_occurrences_until_a_day_are_those_started_by_then(task: Task, until: date) -> None:
    assert occurrences(task, until) == [o for o in occurrences(task) if o.start <= until]


_period_texts = st.builds(
    lambda year, quarter: f"{year}" + (f"-Q{quarter}" if quarter else ""),
    st.integers(2019, 2034),
    st.none() | st.integers(1, 4),
) | st.sampled_from(["0000", "0000-Q1", "2024-Q5", "2024-Q0", "24", "2024Q1", "2024-", ""])


@settings(max_examples=300, deadline=None)
@given(task=tasks_strategy(), period=_period_texts)
@example(task=make_task(recurrence="yearly", start="01/01/2025", due="31/12/2024"), period="2025")
@example(
    task=make_task(recurrence="quarterly", start="31/03/2024", due="01/04/2024"), period="2024-Q2"
)
def test_has_period_agrees_with_the_list_of_periods(task: Task, period: str) -> None:
    assert has_period(task, period) == (period in period_keys(task))


def test_a_task_of_three_centuries_is_counted_up_to_the_as_of_day_only() -> None:
    task = make_task(recurrence="quarterly", start="01/01/1900", due="31/12/2200")
    assert len(period_keys(task)) == 301 * 4
    assert has_period(task, "2200-Q4") and not has_period(task, "2201-Q1")
    found = statuses([task], d("31/12/2024"))
    assert len(found) == 125 * 4
    assert found[-1].occurrence.period == "2024-Q4"
