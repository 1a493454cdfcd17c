"""The appraised PAR INDEX as the year's ``par-index-score`` value. Pure: no I/O.

Once a year's self-assessment is final (every self-assessed leaf appraised, every survey
leaf scored: `cchc_cli.engine.par`) and its appraisal decision is recorded with its date,
its index is that year's ``par-index-score``. A value recorded in the indicator file stays
the value (the checks report one that disagrees: ``par-index-mismatch``); a year with none
takes the computed one, dated by the appraisal decision, so status, reports and the
dashboard show the same figure from the day it is known. `cchc par` compares the computed
index with a recorded one, so it leaves the computed value out (`is_computed`).
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from cchc_cli.models.indicators import IndicatorValue

if TYPE_CHECKING:
    from cchc_cli.dataset import Dataset
    from cchc_cli.models.par import ParCriteriaFile

NOTE = "Tính từ bảng tự đánh giá: điểm thẩm định và điểm điều tra xã hội học."


def appraised_indexes(dataset: Dataset) -> dict[int, IndicatorValue]:
    """The final index of each year whose assessment is final, as an indicator value."""
    if not dataset.par.assessments:
        return {}
    from cchc_cli.engine.par import assess

    sets: dict[str, ParCriteriaFile] = {}
    for located in dataset.par.criteria:
        sets.setdefault(located.item.id, located.item)
    found: dict[int, IndicatorValue] = {}
    for sheet in dataset.par.assessments:
        criteria = sets.get(sheet.item.criteria)
        index = assess(criteria, sheet.item).index if criteria is not None else None
        appraisal = sheet.item.appraisal
        if appraisal is None or appraisal.date is None:
            continue  # not known before the appraisal decision, whose date says when
        if index is not None and sheet.item.year not in found:
            found[sheet.item.year] = IndicatorValue(
                year=sheet.item.year,
                value=round(index, 2),
                source=appraisal,
                note=NOTE,
            )
    return found


def with_appraised_index(dataset: Dataset) -> Dataset:
    """`dataset` with the ``par-index-score`` indicator given the appraised index of each
    final year it has no value for (see the module); `dataset` itself when nothing changes."""
    from cchc_cli.engine.par import SCORE_INDICATOR

    computed = appraised_indexes(dataset)
    if not computed:
        return dataset
    indicators = list(dataset.indicators)
    for i, located in enumerate(indicators):
        indicator = located.item
        if indicator.id != SCORE_INDICATOR:
            continue
        recorded = {v.year for v in indicator.values}
        added = [v for year, v in sorted(computed.items()) if year not in recorded]
        if added:
            values = [*indicator.values, *added]
            indicators[i] = replace(located, item=indicator.model_copy(update={"values": values}))
    return replace(dataset, indicators=indicators)


def is_computed(value: IndicatorValue | None) -> bool:
    """Whether `value` is one this module added, not one recorded in a file."""
    return value is not None and value.note == NOTE
