"""Sections I–V of the PAR INDEX self-assessment report, as paragraphs.

I. the result: the criteria set's size, the total self-score and its rate, each field's, and
the previous year (its self-score when it was recorded, its published index and rank).
II. the explanations (giải trình) of every self-assessed criterion scored below its maximum,
not scored yet, or scored without evidence, field by field, in the assessment's words; a
``[Đơn vị bổ sung: …]`` gap where the data has none. III. difficulties: where the points
were not reached, then a gap. IV. the tasks of the next year that serve those criteria
(tasks list the ``criteria`` they serve), then a gap. V. a gap for proposals.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from cchc_cli.engine.par import linked_tasks
from cchc_cli.models.tasks import Task
from cchc_cli.report import indicator_facts
from cchc_cli.report.body import gap, heading
from cchc_cli.report.model import Paragraph
from cchc_cli.report.par_scope import FieldPart, Leaf, ParScope, points
from cchc_cli.report.wording import change_words, lower_first, one_line, sentence, task_name
from cchc_cli.report.wording import upper_first as upper
from cchc_cli.text_vi import dmy, percent

SUBJECT = "Chỉ số cải cách hành chính"
LEAVES = "tiêu chí, tiêu chí thành phần"


def rate(value: float | None) -> str:
    return percent(value, 2, none="")


def sections(scope: ParScope) -> Iterator[Paragraph]:
    """The body, section by section."""
    yield heading(1, "Kết quả tự đánh giá, chấm điểm")
    yield from _result(scope)
    yield heading(2, "Giải trình kết quả tự đánh giá")
    yield from _explanations(scope)
    yield heading(3, "Khó khăn, vướng mắc và nguyên nhân")
    yield from _difficulties(scope)
    yield heading(4, "Giải pháp khắc phục")
    yield from _remedies(scope)
    yield heading(5, "Đề xuất, kiến nghị")
    yield gap("đề xuất, kiến nghị")
    yield Paragraph(
        "text",
        f"Trên đây là báo cáo kết quả tự đánh giá, chấm điểm {SUBJECT} năm {scope.year} của "
        f"{scope.agency} (kèm theo Biểu tổng hợp kết quả tự đánh giá), kính đề nghị "
        f"{one_line(scope.settings.report_to)} xem xét, thẩm định./.",
    )


# --- I. Kết quả tự đánh giá ------------------------------------------------------------------


def size_sentence(scope: ParScope) -> str:
    """The criteria set's size and points: ``Bộ tiêu chí gồm 8 lĩnh vực, 31 tiêu chí và 57
    tiêu chí thành phần, tổng điểm tối đa 100 điểm, trong đó …``."""
    totals = scope.totals
    criteria = sum(len(f.criteria) for f in scope.fields)
    items = sum(len(c.items) for f in scope.fields for c in f.criteria)
    parts = f"{len(scope.fields)} lĩnh vực, {criteria} tiêu chí"
    parts = f"{parts} và {items} tiêu chí thành phần" if items else parts.replace(", ", " và ")
    text = f"Bộ tiêu chí gồm {parts}, tổng điểm tối đa {points(totals['max'])} điểm"
    if totals["survey_max"]:
        text += (
            f", trong đó {points(totals['self_max'])} điểm tự đánh giá, chấm điểm và "
            f"{points(totals['survey_max'])} điểm đánh giá qua điều tra xã hội học"
        )
    return f"{text}."


def total_sentence(scope: ParScope) -> str:
    """The total self-score: ``Tổng điểm tự đánh giá năm 2024 của Sở Công Thương là
    77,5/82 điểm, đạt 94,51%; có 51/57 tiêu chí, tiêu chí thành phần đạt điểm tối đa.``"""
    totals = scope.totals
    own = scope.self_leaves
    if totals["self"] is None:
        return f"{scope.agency} chưa tự chấm điểm tiêu chí nào."
    full = sum(1 for leaf in own if not leaf.unscored and not leaf.short)
    return (
        f"Tổng điểm tự đánh giá năm {scope.year} của {scope.agency} là "
        f"{points(totals['self'])}/{points(totals['self_max'])} điểm, đạt "
        f"{rate(totals['self_rate'])}; có {full}/{len(own)} {LEAVES} đạt điểm tối đa."
    )


def field_line(field: FieldPart) -> str:
    row = field.row
    name = one_line(row["name"])
    if not row["self_max"]:
        return f"{name}: {points(row['max'])} điểm, đánh giá qua điều tra xã hội học."
    if row["self"] is None:
        return f"{name}: chưa tự chấm điểm (tối đa {points(row['self_max'])} điểm)."
    text = (
        f"{name}: {points(row['self'])}/{points(row['self_max'])} điểm ({rate(row['self_rate'])})"
    )
    if row["survey_max"]:
        text += f"; {points(row['survey_max'])} điểm còn lại đánh giá qua điều tra xã hội học"
    return f"{text}."


def _result(scope: ParScope) -> Iterator[Paragraph]:
    yield Paragraph("text", size_sentence(scope))
    yield Paragraph("text", total_sentence(scope))
    unscored = [leaf for leaf in scope.self_leaves if leaf.unscored]
    if unscored:
        yield Paragraph(
            "text", f"Còn {len(unscored)} {LEAVES} chưa tự chấm điểm (nêu tại phần II)."
        )
    yield Paragraph("text", "Kết quả theo từng lĩnh vực:")
    for field in scope.fields:
        yield Paragraph("item", field_line(field))
    yield from _previous(scope)
    yield gap("công tác tổ chức tự đánh giá, chấm điểm và thu thập tài liệu kiểm chứng")


def _previous(scope: ParScope) -> Iterator[Paragraph]:
    """The previous year: its self-score when recorded, its published index and rank."""
    last = scope.year - 1
    before = scope.previous["totals"] if scope.previous else None
    now = scope.totals
    if before and before["self"] is not None and now["self_rate"] is not None:
        change = change_words(now["self_rate"] * 100, before["self_rate"] * 100, "%")
        yield Paragraph(
            "text",
            f"So với năm {last} (tự đánh giá {points(before['self'])}/"
            f"{points(before['self_max'])} điểm, đạt {rate(before['self_rate'])}), tỷ lệ điểm "
            f"tự đánh giá {change}.",
        )
    having = [i for i in scope.indicators if any(v.year == last for v in i.values)]
    if having:
        text, _ = indicator_facts.sentence(having, last, scope.agency)
        yield Paragraph("text", text)


# --- II. Giải trình ------------------------------------------------------------------------


def leaf_name(leaf: Leaf) -> str:
    """``Tiêu chí thành phần 1.6.2 “Không có nhiệm vụ quá hạn chưa hoàn thành”``."""
    return f"{leaf.kind} {leaf.row['id']} “{one_line(leaf.row['name']).rstrip('.;')}”"


def leaf_state(leaf: Leaf) -> str:
    if leaf.unscored:
        return "chưa tự chấm điểm"
    text = f"tự chấm {points(leaf.row['self'])}/{points(leaf.row['max'])} điểm"
    return f"{text}, chưa có tài liệu kiểm chứng" if leaf.unproven else text


def _missing(leaf: Leaf) -> str:
    if leaf.unscored:
        return "điểm tự chấm và giải trình"
    if leaf.short:
        return "lý do tự chấm chưa đạt điểm tối đa"
    return "giải trình việc chưa có tài liệu kiểm chứng"


def _explanations(scope: ParScope) -> Iterator[Paragraph]:
    todo = [leaf for leaf in scope.leaves if leaf.to_explain]
    if not todo:
        yield Paragraph(
            "text",
            f"Các {LEAVES} tự đánh giá đều đạt điểm tối đa và có đủ tài liệu kiểm chứng.",
        )
        return
    yield Paragraph(
        "text",
        f"Các {LEAVES} tự chấm chưa đạt điểm tối đa, chưa chấm điểm hoặc chưa có tài liệu "
        "kiểm chứng:",
    )
    number = 0
    for field in scope.fields:
        mine = [leaf for leaf in todo if leaf.field is field.row]
        if not mine:
            continue
        number += 1
        yield Paragraph("heading2", f"{number}. {one_line(field.row['name'])}")
        for leaf in mine:
            head = f"{leaf_name(leaf)} ({leaf_state(leaf)})"
            if leaf.explanation:
                yield Paragraph("item", f"{head}: {sentence(leaf.explanation)}")
            else:
                yield Paragraph("item", f"{head}:")
                yield gap(_missing(leaf))


# --- III. Khó khăn; IV. Giải pháp ------------------------------------------------------------


def shortfall_sentence(scope: ParScope) -> str | None:
    """Where self-scores fell short, by field, most points first."""
    short = [leaf for leaf in scope.self_leaves if leaf.short]
    if not short:
        return None
    by_field: dict[str, float] = {}
    names: dict[str, str] = {}
    for leaf in short:
        key = leaf.field["id"]
        by_field[key] = by_field.get(key, 0.0) + leaf.row["max"] - leaf.row["self"]
        names[key] = lower_first(one_line(leaf.field["name"]))
    lost = sum(by_field.values())
    ranked = sorted(by_field, key=lambda k: -by_field[k])  # stable: set order on ties
    where = "; ".join(f"{names[k]} ({points(by_field[k])} điểm)" for k in ranked)
    place = f"lĩnh vực {where}" if len(ranked) == 1 else f"các lĩnh vực: {where}"
    return (
        f"Qua tự đánh giá, còn {len(short)} {LEAVES} chưa đạt điểm tối đa (chưa đạt "
        f"{points(lost)} điểm), tập trung ở {place}."
    )


def _difficulties(scope: ParScope) -> Iterator[Paragraph]:
    found = shortfall_sentence(scope)
    if found:
        yield Paragraph("text", found)
    yield gap("khó khăn, vướng mắc và nguyên nhân")


def remedy_tasks(scope: ParScope) -> list[Task]:
    """The tasks of the next year that serve a criterion that fell short (or its field),
    not done by the end of the assessed year."""
    ids: set[str] = set()
    for leaf in scope.self_leaves:
        if leaf.short or leaf.unscored or leaf.unproven:
            ids |= {leaf.row["id"], leaf.criterion["id"], leaf.field["id"]}
    year_end = date(scope.year, 12, 31)
    found = linked_tasks(scope.tasks, ids, scope.year + 1)
    return [t for t in found if t.completed is None or t.completed > year_end]


def task_line(task: Task, scope: ParScope) -> str:
    following = scope.year + 1
    lead = scope.units.get(task.lead, task.lead)
    if task.recurrence in ("yearly", "quarterly", "ongoing"):
        label = f"năm {following}" if task.recurrence == "yearly" else ""
        return f"{upper(task_name(task.title, label))} ({lead} chủ trì)."
    return f"{upper(task_name(task.title, ''))} (thời hạn {dmy(task.due)}; {lead} chủ trì)."


def _remedies(scope: ParScope) -> Iterator[Paragraph]:
    tasks = remedy_tasks(scope)
    if tasks:
        yield Paragraph(
            "text",
            f"Để cải thiện các {LEAVES} chưa đạt điểm tối đa, năm {scope.year + 1} "
            f"{scope.agency} tập trung thực hiện các nhiệm vụ sau:",
        )
    for task in tasks:
        yield Paragraph("item", task_line(task, scope))
    yield gap("giải pháp khắc phục khác")
