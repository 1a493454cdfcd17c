"""Indicators in a report: sentences as officials write them, and the appendix table.

"Điểm Chỉ số cải cách hành chính (PAR INDEX) năm 2023 của Sở Công Thương đạt 88,92%, tăng
6,31 điểm phần trăm so với năm 2022; xếp thứ 5/20, tăng 5 bậc so với năm 2022, đạt chỉ tiêu
Kế hoạch đề ra (trong tốp 8)."

The indicators that measure one objective of the plan (``objectives.specific[].indicators``)
make one sentence, the score before the rank; any other indicator makes its own. Each speaks
of its latest year with a value known on the window's end (`cchc_cli.engine.indicators.known_on`),
up to the report's year. A sentence whose target is met goes to the strengths (section
III.1), one whose target is not met to the weaknesses (III.2).
"""

from __future__ import annotations

from cchc_cli.engine import indicators as ind
from cchc_cli.models.indicators import Indicator
from cchc_cli.report.model import Column, Row, Table
from cchc_cli.report.scope import Scope
from cchc_cli.report.wording import RANK, change_words, quantity, target_words, upper_first
from cchc_cli.text_vi import dmy


def known(scope: Scope) -> list[Indicator]:
    """Every indicator with only the values published by the window's end."""
    return [ind.known_on(located.item, scope.as_of) for located in scope.dataset.indicators]


def groups(scope: Scope) -> list[list[Indicator]]:
    """The indicators of each objective together (score before rank), then the others."""
    found = known(scope)
    by_id = {i.id: i for i in found}
    seen: set[str] = set()
    grouped: list[list[Indicator]] = []
    for objective in scope.plan.objectives.specific:
        members = [by_id[code] for code in objective.indicators if code in by_id]
        members = [m for m in members if m.id not in seen]
        if members:
            grouped.append(sorted(members, key=lambda m: m.unit == RANK))
            seen.update(m.id for m in members)
    grouped += [[i] for i in found if i.id not in seen]
    return grouped


def _value(indicator: Indicator, year: int) -> str:
    value = ind.value_for(indicator, year)
    assert value is not None
    digits = ind.digits_to_show(value.value, ind.target_for(indicator, year))
    return quantity(value.value, indicator.unit, digits, value.out_of)


def _change(indicator: Indicator, year: int) -> str:
    value, previous = ind.value_for(indicator, year), ind.value_for(indicator, year - 1)
    if value is None or previous is None:
        return ""
    return change_words(value.value, previous.value, indicator.unit)


def sentence(members: list[Indicator], year: int, agency: str) -> tuple[str, bool | None]:
    """The group's sentence for `year`, and whether its targets are met (None: no target)."""
    having = [m for m in members if ind.value_for(m, year) is not None]
    parts = []
    for member in having:
        change = _change(member, year)
        after = f", {change} so với năm {year - 1}" if change else ""
        verb = "xếp" if member.unit == RANK else "đạt"
        parts.append(f"{verb} {_value(member, year)}{after}")
    head = having[0]
    subject = f"{head.name} năm {year}"
    text = (
        f"{subject}: {agency} " if head.unit == RANK else f"{subject} của {agency} "
    ) + "; ".join(parts)
    verdicts = []
    for member in having:
        target = ind.target_for(member, year)
        value = ind.value_for(member, year)
        if target is not None and value is not None:
            verdicts.append((ind.meets(value.value, target), target, member.unit))
    if not verdicts:
        return f"{text}.", None
    met = all(ok for ok, _, _ in verdicts)
    words = ", ".join(target_words(t.op, t.value, unit) for _, t, unit in verdicts)
    judged = "đạt" if met else "chưa đạt"
    return f"{text}, {judged} chỉ tiêu Kế hoạch đề ra ({words}).", met


def sentences(scope: Scope) -> tuple[list[str], list[str]]:
    """``(strengths, weaknesses)``: each group's latest known year, in words."""
    strengths: list[str] = []
    weaknesses: list[str] = []
    for members in groups(scope):
        years = [v.year for m in members for v in m.values if v.year <= scope.period.year]
        if not years:
            continue
        text, met = sentence(members, max(years), scope.agency)
        (weaknesses if met is False else strengths).append(text)
    return strengths, weaknesses


INDICATOR_COLUMNS = (
    Column("Năm", weight=2, align="center"),
    Column("Chỉ tiêu", weight=4),
    Column("Kết quả", weight=3),
    Column("Đánh giá", weight=3),
    Column("So với năm trước", weight=4),
    Column("Văn bản công bố kết quả", weight=6),
)
_VERDICTS = {
    ind.Verdict.MET: "Đạt",
    ind.Verdict.NOT_MET: "Chưa đạt",
    ind.Verdict.NO_DATA: "Chưa có kết quả",
    ind.Verdict.NO_TARGET: "",
}


def table(scope: Scope) -> Table | None:
    """Each indicator, year by year from the plan's first to the report's: target, value,
    verdict and change in words. None when the data has no indicator."""
    found = [i for members in groups(scope) for i in members]
    if not found:
        return None
    years = range(scope.plan.period.start, scope.period.year + 1)
    rows: list[Row] = []
    for indicator in found:
        assessed = ind.assess_years([indicator], years)
        if not assessed:
            continue
        rows.append(Row((indicator.name,), kind="group"))
        rows += [_row(a) for a in assessed]
    caption = f"Kết quả các chỉ số so với chỉ tiêu (công bố đến {dmy(scope.as_of)})"
    return Table(caption, INDICATOR_COLUMNS, tuple(rows), "Chưa có kết quả chỉ số.")


def _row(a: ind.Assessment) -> Row:
    unit = a.indicator.unit
    target = upper_first(target_words(a.target.op, a.target.value, unit)) if a.target else ""
    value = upper_first(_value(a.indicator, a.year)) if a.value else ""
    change = upper_first(_change(a.indicator, a.year))
    source = ""
    if a.value is not None and a.value.source is not None:
        when = a.value.source.date
        source = a.value.source.document + (f" ngày {dmy(when)}" if when else "")
    return Row((str(a.year), target, value, _VERDICTS[a.verdict], change, source))
