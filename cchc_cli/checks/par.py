"""PAR INDEX: criteria sets, yearly self-assessments, published results, tasks' criteria.

Rules (each problem is located at the value at fault):
- A criteria set: ids unique; a criterion without sub-criteria has a maximum; a maximum
  that is written equals the sum of the maxima below it.
- An assessment: its set exists and applies to its year; every sub-criterion is listed
  (and scored once the assessment is ``submitted``); each id exists and is listed once; a
  score is neither negative nor above its maximum; survey-scored criteria get survey
  points only, the others no survey points; a total written for a criterion or field
  equals the sum of its sub-criteria; a self-score above 0 has evidence or an explanation;
  evidence is a document with its date, or a task, dated in the assessment's year and not
  after its deadline.
- Published results: one department marked ``ours``, each department once, ranks that
  follow the scores (a warning: the published document wins).
- The year's ``par-index-score`` and ``par-index-rank`` values agree with the assessment's
  final index and with the published results.
- Tasks' ``criteria`` name criteria of some set.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date

from cchc_cli.checks.common import at, suggest
from cchc_cli.checks.par_evidence import closest, evidence_problems
from cchc_cli.checks.par_results import indicator_problems, results_problems
from cchc_cli.dataset import AssessmentSheet, Dataset, Located
from cchc_cli.engine.par import Leaf, all_ids, leaves
from cchc_cli.errors import Loc, Problem
from cchc_cli.models.par import ParCriteriaFile, ParScore
from cchc_cli.text_vi import dmy, number

EPSILON = 1e-6  # points are written with a few decimals; sums of floats drift below this
_KIND = {"self": "tự chấm", "appraised": "thẩm định", "survey": "điều tra xã hội học"}


def par_problems(dataset: Dataset) -> Iterator[Problem]:
    """Every PAR INDEX problem of `dataset` (see the module docstring)."""
    par = dataset.par
    sets: dict[str, ParCriteriaFile] = {}
    for located in par.criteria:
        other = sets.setdefault(located.item.id, located.item)
        if other is not located.item:
            yield at(
                located.path,
                ("id",),
                "duplicate-id",
                f"Mã bộ tiêu chí “{located.item.id}” bị trùng.",
                "Mỗi bộ tiêu chí một mã.",
            )
        yield from _criteria_problems(located)
    years: set[int] = set()
    for sheet in par.assessments:
        if sheet.item.year in years:
            yield at(
                sheet.path,
                ("year",),
                "duplicate-id",
                f"Năm {sheet.item.year} đã có một bảng tự đánh giá khác.",
                "Mỗi năm một bảng tự đánh giá.",
            )
        years.add(sheet.item.year)
        yield from _assessment_problems(sheet, sets, dataset)
    yield from results_problems(dataset)
    yield from indicator_problems(dataset, sets)
    yield from _task_criteria(dataset, sets)


# --- the criteria set --------------------------------------------------------------------


def _criteria_problems(located: Located[ParCriteriaFile]) -> Iterator[Problem]:
    path, item = located.path, located.item
    first, last = item.span
    if first > last:
        yield at(path, ("years",), "par-years", f"Khoảng năm “{item.years}” bị ngược.")
    seen: set[str] = set()

    def repeated(loc: Loc, code: str) -> Iterator[Problem]:
        if code in seen:
            yield at(path, (*loc, "id"), "duplicate-id", f"Số thứ tự “{code}” bị trùng.")
        seen.add(code)

    whole = 0.0
    for i, field in enumerate(item.fields):
        floc: Loc = ("fields", i)
        yield from repeated(floc, field.id)
        field_sum = 0.0
        for j, criterion in enumerate(field.criteria):
            cloc: Loc = (*floc, "criteria", j)
            yield from repeated(cloc, criterion.id)
            for k, sub in enumerate(criterion.items):
                yield from repeated((*cloc, "items", k), sub.id)
            if criterion.items:
                sums = sum(sub.max for sub in criterion.items)
                yield from _typed_max(path, cloc, f"tiêu chí {criterion.id}", criterion.max, sums)
            elif criterion.max is None:
                yield at(
                    path,
                    cloc,
                    "missing-field",
                    f"Tiêu chí {criterion.id} không có tiêu chí thành phần nên phải ghi điểm tối "
                    "đa “max”.",
                )
            field_sum += sums if criterion.items else criterion.max or 0.0
        yield from _typed_max(path, floc, f"lĩnh vực {field.id}", field.max, field_sum)
        whole += field_sum
    yield from _typed_max(path, (), "bộ tiêu chí", item.max, whole)


def _typed_max(
    path: str, loc: Loc, code: str, typed: float | None, sums: float
) -> Iterator[Problem]:
    if typed is not None and abs(typed - sums) > EPSILON:
        what = f"của {code}" if code else "của bộ tiêu chí"
        yield at(
            path,
            (*loc, "max"),
            "par-total",
            f"Điểm tối đa {what} ghi {number(typed)}, nhưng các mục bên dưới cộng lại được "
            f"{number(sums)}.",
            "Sửa điểm tối đa cho bằng tổng, hoặc bỏ dòng “max” để cchc tự cộng.",
        )


# --- a year's assessment -----------------------------------------------------------------


def _assessment_problems(
    sheet: AssessmentSheet, sets: dict[str, ParCriteriaFile], dataset: Dataset
) -> Iterator[Problem]:
    path, a = sheet.path, sheet.item
    criteria = sets.get(a.criteria)
    if criteria is None and a.criteria not in dataset.par.broken_criteria:
        yield at(
            path,
            ("criteria",),
            "unknown-ref",
            f"Không có bộ tiêu chí mã “{a.criteria}” (khai báo ở "
            f"{dataset.shown('par/criteria')}/).",
            suggest(a.criteria, sets),
        )
    if criteria is not None:
        first, last = criteria.span
        if not first <= a.year <= last:
            yield at(
                path,
                ("criteria",),
                "par-years",
                f"Bộ tiêu chí “{a.criteria}” ({criteria.decision.document}) áp dụng cho các năm "
                f"{criteria.years}, không áp dụng cho năm {a.year}.",
                "Chọn bộ tiêu chí áp dụng cho năm này, hoặc sửa “years” của bộ tiêu chí.",
            )
    for key in ("deadline", "submitted"):
        day = getattr(a, key)
        if day is not None and day.year < a.year:
            what = "Hạn gửi" if key == "deadline" else "Ngày gửi"
            yield at(
                path,
                (key,),
                "date-order",
                f"{what} kết quả tự đánh giá năm {a.year} là {dmy(day)}, trước năm đánh giá.",
                "Kết quả tự đánh giá một năm được gửi cuối năm đó hoặc đầu năm sau: kiểm tra "
                "năm của ngày (dd/mm/yyyy).",
            )
    # Evidence is held to the dates only when they are in or after the year (else reported).
    deadline, sent = (d if d and d.year >= a.year else None for d in (a.deadline, a.submitted))
    tasks = {t.item.id: t.item for t in dataset.tasks}
    by_leaf = {leaf.id: leaf for leaf in leaves(criteria)} if criteria else {}
    names = all_ids(criteria) if criteria else {}
    listed: set[str] = set()
    for k, score in enumerate(a.scores):
        loc = sheet.score_loc(k)
        if score.id in listed:
            yield at(path, (*loc, "id"), "duplicate-id", f"Tiêu chí {score.id} ghi hai lần.")
            continue
        listed.add(score.id)
        yield from evidence_problems(
            path, loc, score, year=a.year, deadline=deadline, tasks=tasks, sent=sent
        )
        if criteria is not None and score.id not in names:
            yield at(
                path,
                (*loc, "id"),
                "unknown-ref",
                f"Bộ tiêu chí “{a.criteria}” không có tiêu chí “{score.id}”.",
                suggest_criterion(score.id, names),
            )
            continue
        leaf = by_leaf.get(score.id)
        if leaf is not None:
            yield from _leaf_problems(path, loc, score, leaf, a.submitted)
        elif criteria is not None:
            below = [x for x in by_leaf.values() if score.id in (x.criterion, x.field)]
            yield from _total_problems(path, loc, score, below, a.scores)
    if criteria is not None:
        missing = [i for i in by_leaf if i not in listed and i not in sheet.rejected]
        if missing:
            yield at(
                path,
                ("scores",),
                "par-missing",
                f"Thiếu {len(missing)} tiêu chí thành phần của bộ tiêu chí “{a.criteria}”: "
                f"{', '.join(missing)}.",
                "Mỗi tiêu chí thành phần một mục trong “scores:”, kể cả tiêu chí chưa chấm.",
            )


def _leaf_problems(
    path: str, loc: Loc, score: ParScore, leaf: Leaf, submitted: date | None
) -> Iterator[Problem]:
    values = {"self": score.self_score, "appraised": score.appraised, "survey": score.survey}
    wrong = {"appraised", "self"} if leaf.survey else {"survey"}
    for key, value in values.items():
        if value is None:
            continue
        if key in wrong:
            yield at(
                path,
                (*loc, key),
                "par-survey-scored",
                f"Tiêu chí {leaf.id} chấm bằng điều tra xã hội học, không có điểm {_KIND[key]}."
                if leaf.survey
                else f"Tiêu chí {leaf.id} là tiêu chí tự chấm, không có điểm điều tra xã hội học.",
                "Bỏ dòng này."
                if leaf.survey
                else "Bỏ dòng này, hoặc đánh dấu “survey: true” trong bộ tiêu chí nếu đúng là "
                "tiêu chí điều tra.",
            )
        elif value < 0 or value > leaf.max + EPSILON:
            yield at(
                path,
                (*loc, key),
                "par-score",
                f"Điểm {_KIND[key]} {number(value)} của tiêu chí {leaf.id} nằm ngoài khoảng 0 – "
                f"{number(leaf.max)} (điểm tối đa).",
            )
    if leaf.survey:
        return
    own = score.self_score
    if own is not None and own > 0 and not score.evidence and not score.explanation:
        yield at(
            path,
            loc,
            "par-unexplained",
            f"Tiêu chí {leaf.id} tự chấm {number(own)} điểm mà không có tài liệu kiểm chứng "
            "và không có giải trình.",
            "Ghi “evidence:” (số, ngày văn bản hoặc mã nhiệm vụ), hoặc “explanation:”.",
        )
    if own is None and submitted is not None:
        yield at(
            path,
            loc,
            "par-missing",
            f"Đã gửi kết quả tự đánh giá (ngày {dmy(submitted)}) mà tiêu chí {leaf.id} chưa có "
            "điểm tự chấm.",
            "Ghi “self:”, kể cả 0 điểm.",
        )


def _total_problems(
    path: str, loc: Loc, score: ParScore, below: list[Leaf], scores: list[ParScore]
) -> Iterator[Problem]:
    """A total written for a criterion or a field against the sum of its sub-criteria."""
    given = {s.id: s for s in reversed(scores)}  # the first entry of each id wins
    for key, typed in (
        ("self", score.self_score),
        ("appraised", score.appraised),
        ("survey", score.survey),
    ):
        if typed is None:
            continue
        kind = [leaf for leaf in below if leaf.survey == (key == "survey")]
        if not kind:
            yield at(
                path,
                (*loc, key),
                "par-survey-scored",
                f"Tiêu chí {score.id} không có tiêu chí thành phần nào có điểm {_KIND[key]}.",
                "Bỏ dòng này.",
            )
            continue
        found = [_value(given.get(leaf.id), key) for leaf in kind]
        parts = [v for v in found if v is not None]
        if len(parts) == len(found) and abs(sum(parts) - typed) > EPSILON:
            yield at(
                path,
                (*loc, key),
                "par-total",
                f"Tổng điểm {_KIND[key]} của {score.id} ghi {number(typed)}, nhưng các tiêu chí "
                f"thành phần cộng lại được {number(sum(parts))}.",
                "Sửa tổng cho bằng tổng các tiêu chí thành phần, hoặc bỏ dòng tổng.",
            )


def _value(score: ParScore | None, key: str) -> float | None:
    if score is None:
        return None
    return {"self": score.self_score, "appraised": score.appraised, "survey": score.survey}[key]


# --- tasks and hints ---------------------------------------------------------------------


def suggest_criterion(code: str, valid: Iterable[str]) -> str:
    """The closest criterion number, then the numbers at the same level of the same parent."""
    choices = list(valid)
    parent = code.rpartition(".")[0]
    level = [
        c for c in choices if c.rpartition(".")[0] == parent and c.count(".") == code.count(".")
    ]
    hint = closest(code, choices)
    if level:
        hint += (" " if hint else "") + f"Cùng cấp có: {', '.join(level[:20])}."
    return hint


def _task_criteria(dataset: Dataset, sets: dict[str, ParCriteriaFile]) -> Iterator[Problem]:
    if dataset.par.broken_criteria:
        return  # a set that failed to load is reported already; its ids are unknown here
    valid: dict[str, str] = {}
    for criteria in sets.values():
        valid.update(all_ids(criteria))
    ids_of = {key: all_ids(criteria) for key, criteria in sets.items()}
    for task in dataset.tasks:
        first, last = task.item.start.year, task.item.due.year
        # the sets that apply to a year of the task (every set when none does: the id is
        # then judged against all of them, as for a plan without dated sets)
        applying = [
            key
            for key, criteria in sets.items()
            if criteria.span[0] <= last and first <= criteria.span[1]
        ] or list(sets)
        for i, code in enumerate(task.item.criteria):
            if code not in valid:
                message = (
                    f"Không có tiêu chí PAR INDEX “{code}” (khai báo ở "
                    f"{dataset.shown('par/criteria')}/)."
                )
                hint = suggest_criterion(code, valid) if valid else "Chưa có bộ tiêu chí nào."
            elif not any(code in ids_of[key] for key in applying):
                names = ", ".join(f"{key} ({sets[key].years})" for key in applying)
                message = (
                    f"Tiêu chí PAR INDEX “{code}” không có trong bộ tiêu chí áp dụng cho các năm "
                    f"{first}–{last} của nhiệm vụ: {names}."
                )
                hint = (
                    "Dùng mã tiêu chí của bộ áp dụng cho năm đó (bộ tiêu chí đổi thì mã có thể "
                    "đổi theo)."
                )
            else:
                continue
            yield at(task.path, (*task.loc, "criteria", i), "unknown-ref", message, hint)
