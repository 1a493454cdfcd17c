"""PAR INDEX published results, and the recorded indicators against what the data computes.

- A results file marks exactly one department ``ours``, names each department once, and its
  ranks follow the scores: 1 + the number of departments with a higher score (a warning:
  the published document is the authority, but a typo is likelier).
- The ``par-index-score`` value of a year equals the final index of that year's assessment
  (appraised + survey points ÷ maximum × 100, once every criterion has its final score) and
  the score published for ``ours``; the ``par-index-rank`` value equals the published rank
  (and its ``out_of`` the number of departments). A disagreement is located at the
  indicator's value, naming the file it disagrees with.
"""

from __future__ import annotations

from collections.abc import Iterator

from cchc_cli.checks.common import at
from cchc_cli.dataset import Dataset, Located
from cchc_cli.engine.par import RANK_INDICATOR, SCORE_INDICATOR, assess, rank_of
from cchc_cli.errors import Loc, Problem
from cchc_cli.models.indicators import Indicator
from cchc_cli.models.par import ParCriteriaFile
from cchc_cli.text_vi import number

# Published indexes have two decimals: a recomputed 91.0749 is published as 91.07.
INDEX_TOLERANCE = 0.005 + 1e-9


def results_problems(dataset: Dataset) -> Iterator[Problem]:
    """Repeated years and departments, the ``ours`` mark, ranks that do not follow scores."""
    years: set[int] = set()
    for located in dataset.par.results:
        path, results = located.path, located.item
        if results.year in years:
            yield at(
                path,
                ("year",),
                "duplicate-id",
                f"Năm {results.year} đã có một tệp kết quả khác.",
                "Mỗi năm một tệp kết quả.",
            )
        years.add(results.year)
        marked = [i for i, d in enumerate(results.departments) if d.ours]
        if not marked:
            yield at(
                path,
                ("departments",),
                "par-results",
                "Chưa đánh dấu cơ quan của mình trong danh sách.",
                "Thêm “ours: true” vào dòng của cơ quan mình.",
            )
        for i in marked[1:]:
            yield at(
                path,
                ("departments", i, "ours"),
                "par-results",
                "Chỉ một cơ quan được đánh dấu “ours: true”.",
                f"Đã đánh dấu ở “{results.departments[marked[0]].name}”.",
            )
        names: set[str] = set()
        scores = [d.score for d in results.departments]
        for i, department in enumerate(results.departments):
            if department.name in names:
                yield at(
                    path,
                    ("departments", i, "name"),
                    "duplicate-id",
                    f"“{department.name}” ghi hai lần.",
                )
            names.add(department.name)
            expected = rank_of(department.score, scores[:i] + scores[i + 1 :])
            if department.rank != expected:
                yield Problem(
                    path,
                    0,
                    0,
                    "par-results",
                    f"Hạng {department.rank} của “{department.name}” không khớp điểm "
                    f"{number(department.score)}: {expected - 1} đơn vị có điểm cao hơn, nên hạng "
                    f"là {expected}.",
                    "Kiểm tra lại điểm và hạng với văn bản công bố.",
                    level="warning",
                    loc=("departments", i, "rank"),
                )


def _value_at(
    dataset: Dataset, indicator_id: str, year: int
) -> tuple[Located[Indicator], int] | None:
    """The indicator `indicator_id` and the index of its value for `year` (the last listed)."""
    for located in dataset.indicators:
        if located.item.id == indicator_id:
            found = [i for i, v in enumerate(located.item.values) if v.year == year]
            return (located, found[-1]) if found else None
    return None


def _unlike_the_sheet(
    place: tuple[str, Loc], written: str, sheet: tuple[float, str], hint: str
) -> Problem:
    """A PAR INDEX score (`written`: what says it, where) that is not the index of the year's
    assessment (`sheet`: the index and the assessment's file)."""
    index, sheet_path = sheet
    return at(
        *place,
        "par-index-mismatch",
        f"{written}, nhưng bảng tự đánh giá ({sheet_path}) cho {number(index)} (điểm thẩm định "
        "và điều tra xã hội học).",
        hint,
    )


def indicator_problems(dataset: Dataset, sets: dict[str, ParCriteriaFile]) -> Iterator[Problem]:
    """Recorded PAR INDEX values that disagree with the assessment or the published results."""
    indexes: dict[int, tuple[float, str]] = {}  # year -> the assessment's index, its file
    for sheet in dataset.par.assessments:
        criteria = sets.get(sheet.item.criteria)
        if criteria is None:
            continue
        index = assess(criteria, sheet.item).index
        if index is not None:
            indexes.setdefault(sheet.item.year, (index, sheet.path))
        place = _value_at(dataset, SCORE_INDICATOR, sheet.item.year)
        if index is None or place is None:
            continue
        located, i = place
        recorded = located.item.values[i].value
        if abs(recorded - index) > INDEX_TOLERANCE:
            yield _unlike_the_sheet(
                (located.path, (*located.loc, "values", i, "value")),
                f"Điểm PAR INDEX năm {sheet.item.year} ghi {number(recorded)}",
                (index, sheet.path),
                "Kiểm tra điểm thẩm định, điểm điều tra trong bảng tự đánh giá, hoặc điểm đã ghi.",
            )
    for result in dataset.par.results:
        year = result.item.year
        found = next(((j, d) for j, d in enumerate(result.item.departments) if d.ours), None)
        if found is None:
            continue
        position, mine = found
        checks = (
            (SCORE_INDICATOR, "value", mine.score, "điểm"),
            (RANK_INDICATOR, "value", float(mine.rank), "hạng"),
            (RANK_INDICATOR, "out_of", float(len(result.item.departments)), "số đơn vị xếp hạng"),
        )
        for indicator_id, key, published, what in checks:
            place = _value_at(dataset, indicator_id, year)
            # no recorded value: the assessment's index is the year's (engine.par_index)
            if (
                place is None
                and indicator_id == SCORE_INDICATOR
                and year in indexes
                and abs(indexes[year][0] - published) > INDEX_TOLERANCE
            ):
                yield _unlike_the_sheet(
                    (result.path, (*result.loc, "departments", position, "score")),
                    f"Điểm PAR INDEX năm {year} công bố ghi {number(published)}",
                    indexes[year],
                    "Đối chiếu điểm thẩm định, điểm điều tra với văn bản công bố kết quả.",
                )
            if place is None:
                continue
            located, i = place
            recorded = getattr(located.item.values[i], key)
            if recorded is not None and abs(recorded - published) > INDEX_TOLERANCE:
                yield at(
                    located.path,
                    (*located.loc, "values", i, key),
                    "par-index-mismatch",
                    f"{what.capitalize()} PAR INDEX năm {year} ghi {number(recorded)}, nhưng kết "
                    f"quả công bố ({result.path}) ghi {number(published)}.",
                    "Đối chiếu với văn bản công bố kết quả.",
                )
