"""Progress over time (`cchc_cli.engine.timeline`): quarters, sums, and the as-of replay."""

from __future__ import annotations

from datetime import date, timedelta
from itertools import pairwise

from hypothesis import example, given, settings
from hypothesis import strategies as st

from cchc_cli.engine import progress
from cchc_cli.engine.progress import occurrences, statuses
from cchc_cli.engine.timeline import quarter_bounds, quarter_of, quarters
from cchc_cli.models.tasks import Task
from tests.test_engine_progress import _days, d, make_task, tasks_strategy, upd


def test_quarter_arithmetic() -> None:
    assert quarter_of(d("31/03/2024")) == (2024, 1)
    assert quarter_of(d("01/04/2024")) == (2024, 2)
    assert quarter_of(d("31/12/2024")) == (2024, 4)
    assert quarter_bounds(2024, 1) == (d("01/01/2024"), d("31/03/2024"))
    assert quarter_bounds(2023, 4) == (d("01/10/2023"), d("31/12/2023"))


def test_due_and_done_land_in_their_quarters() -> None:
    tasks = [
        # due Q2, done in Q2 on time
        make_task(id="a", start="01/01/2024", due="30/06/2024", completed="20/05/2024"),
        # due Q1, done late in Q3
        make_task(id="b", start="01/01/2024", due="31/03/2024", completed="01/08/2024"),
        # due Q4 (after D): not yet due; done early in Q3
        make_task(id="c", start="01/01/2024", due="31/12/2024", updates=[upd("02/09/2024", 100)]),
        # due Q3, not done: due but never done
        make_task(id="d", start="01/01/2024", due="15/09/2024"),
    ]
    as_of = d("30/09/2024")
    found = quarters(statuses(tasks, as_of), as_of, first_year=2024)
    assert [q.key for q in found] == ["2024-Q1", "2024-Q2", "2024-Q3"]
    assert [(q.due, q.done, q.done_on_time, q.done_late) for q in found] == [
        (1, 0, 0, 0),
        (1, 1, 1, 0),
        (1, 2, 1, 1),
    ]
    assert [(q.due_to_date, q.done_to_date) for q in found] == [(1, 0), (2, 1), (3, 3)]


def test_the_last_quarter_stops_at_the_as_of_date() -> None:
    tasks = [
        make_task(id="a", start="01/01/2024", due="10/05/2024"),
        make_task(id="b", start="01/01/2024", due="20/05/2024"),
    ]
    as_of = d("15/05/2024")
    (*_, last) = quarters(statuses(tasks, as_of), as_of, first_year=2024)
    assert (last.key, last.start, last.end, last.due) == ("2024-Q2", d("01/04/2024"), as_of, 1)


def test_the_series_starts_at_the_first_year_or_earlier_data() -> None:
    early = make_task(start="01/01/2020", due="15/11/2020", completed="10/11/2020")
    as_of = d("10/02/2021")
    found = quarters(statuses([early], as_of), as_of, first_year=2021)
    assert [q.key for q in found] == ["2020-Q4", "2021-Q1"]
    assert quarters([], as_of, first_year=2021)[0].key == "2021-Q1"
    assert quarters([], as_of) == []
    assert quarters([], as_of, first_year=2022) == []


def test_a_yearly_task_counts_each_year() -> None:
    task = make_task(recurrence="yearly", start="01/01/2021", due="31/12/2023")
    as_of = d("01/06/2023")
    found = quarters(statuses([task], as_of), as_of, first_year=2021)
    assert [q.key for q in found if q.due] == ["2021-Q4", "2022-Q4"]
    assert found[-1].due_to_date == 2


# --- properties ----------------------------------------------------------------------------


@settings(max_examples=150, deadline=None)
@given(tasks=st.lists(tasks_strategy(), max_size=5), as_of=_days, first=st.integers(2019, 2033))
@example(tasks=[make_task(completed="31/03/2024")], as_of=date(2024, 3, 31), first=2024)
def test_quarters_add_up_to_the_dashboard(tasks: list[Task], as_of: date, first: int) -> None:
    items = statuses(tasks, as_of)
    found = quarters(items, as_of, first_year=first)
    total = progress.rollup(items)
    assert sum(q.due for q in found) == sum(s.due <= as_of for s in items)
    assert sum(q.done for q in found) == total.done
    assert sum(q.done_late for q in found) == total.counts[progress.State.DONE_LATE]
    for q in found:
        assert q.done == q.done_on_time + q.done_late
        assert q.start <= q.end <= as_of
        assert quarter_of(q.start) == quarter_of(q.end) == (q.year, q.quarter)
    for before, after in pairwise(found):
        assert after.start == before.end + timedelta(days=1)
        assert after.due_to_date == before.due_to_date + after.due
        assert after.done_to_date == before.done_to_date + after.done
    if found:
        assert found[-1].end == as_of
        assert (found[-1].due_to_date, found[-1].done_to_date) == (
            sum(q.due for q in found),
            total.done,
        )
    starts = [(first, 1)] + [quarter_of(s.due) for s in items if s.due <= as_of]
    starts += [quarter_of(s.done_on) for s in items if s.done_on is not None]
    if min(starts) > quarter_of(as_of):
        assert found == []
    else:
        assert (found[0].year, found[0].quarter) == min(starts)


@settings(max_examples=150, deadline=None)
@given(tasks=st.lists(tasks_strategy(), max_size=5), as_of=_days)
@example(  # done on the last day of a quarter: that quarter, not the next
    tasks=[make_task(start="01/01/2024", due="31/12/2024", updates=[upd("30/06/2024", 100)])],
    as_of=date(2024, 12, 31),
)
def test_each_quarter_is_the_dashboard_replayed_at_its_end(tasks: list[Task], as_of: date) -> None:
    """done_to_date and due_to_date at E equal what the as-of engine says as of E."""
    counted = [o for t in tasks for o in occurrences(t) if o.start <= as_of]
    found = quarters(statuses(tasks, as_of), as_of, first_year=2021)
    for q in found:
        replay = [progress.status(o, q.end) for o in counted]
        assert q.done_to_date == sum(s.state.is_done for s in replay)
        assert q.due_to_date == sum(o.due <= q.end for o in counted)
