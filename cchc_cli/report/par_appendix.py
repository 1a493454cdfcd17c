"""The appendix of the self-assessment report: "Biểu tổng hợp kết quả tự đánh giá".

One row per field (bold, its sums), criterion and sub-criterion of the set, in its order:
maximum, self-score, the evidence documents by number and date, the explanation. Survey
criteria show their maximum and "Đánh giá qua điều tra xã hội học"; a bold total row ends
the table. Numbers are the self-assessment's own (`cchc_cli.par.rows`), the same as
``cchc par``'s.
"""

from __future__ import annotations

from typing import Any

from cchc_cli.report.model import Appendix, Column, Row, Table
from cchc_cli.report.par_scope import SURVEY, Leaf, ParScope, points
from cchc_cli.report.wording import one_line, sentence

TITLE = "Biểu tổng hợp kết quả tự đánh giá, chấm điểm Chỉ số cải cách hành chính năm {}"
COLUMNS = (
    Column("STT", weight=2, align="center"),
    Column("Lĩnh vực, tiêu chí, tiêu chí thành phần", weight=15),
    Column("Điểm tối đa", weight=4, align="center"),
    Column("Điểm tự đánh giá", weight=4, align="center"),
    Column("Tài liệu kiểm chứng", weight=18),
    Column("Giải trình", weight=13),
)


def appendix(scope: ParScope, attached: str) -> Appendix:
    """The one appendix; `attached` is the "(Kèm theo …)" line."""
    title = TITLE.format(scope.year).upper()
    return Appendix("", "PHỤ LỤC", title, attached, (table(scope),))


def _own(row: dict[str, Any]) -> str:
    """The self-score cell: ``-`` for survey points, empty while not scored."""
    if not row["self_max"]:
        return "-"
    return points(row["self"])


def _leaf_cells(leaf: Leaf) -> tuple[str, str]:
    if leaf.survey:
        return "", ""
    explanation = sentence(leaf.explanation) if leaf.explanation else ""
    return "; ".join(leaf.evidence), explanation


def table(scope: ParScope) -> Table:
    leaves = {id(leaf.row): leaf for leaf in scope.leaves}
    rows: list[Row] = []
    for field in scope.fields:
        f = field.row
        note = f"Trong đó {points(f['survey_max'])} điểm đánh giá qua điều tra xã hội học"
        rows.append(
            Row(
                (
                    str(f["id"]),
                    one_line(f["name"]),
                    points(f["max"]),
                    _own(f),
                    "",
                    note if f["survey_max"] and f["self_max"] else "",
                ),
                kind="total",
            )
        )
        for criterion in field.criteria:
            c = criterion.row
            survey_note = SURVEY if c["survey_scored"] else ""
            if criterion.items:
                cells = ("", survey_note)
            else:
                evidence, explanation = _leaf_cells(leaves[id(c)])
                cells = (evidence, explanation or survey_note)
            rows.append(Row((str(c["id"]), one_line(c["name"]), points(c["max"]), _own(c), *cells)))
            for item in criterion.items:
                evidence, explanation = _leaf_cells(leaves[id(item)])
                if item["survey_scored"] and not c["survey_scored"]:
                    explanation = SURVEY
                rows.append(
                    Row(
                        (
                            str(item["id"]),
                            one_line(item["name"]),
                            points(item["max"]),
                            _own(item),
                            evidence,
                            explanation,
                        )
                    )
                )
    rows.append(_total(scope.totals))
    return Table("", COLUMNS, tuple(rows), "Bộ tiêu chí không có tiêu chí nào.")


def _total(totals: dict[str, Any]) -> Row:
    note = ""
    if totals["survey_max"]:
        note = (
            f"Điểm tự đánh giá trên {points(totals['self_max'])} điểm; "
            f"{points(totals['survey_max'])} điểm đánh giá qua điều tra xã hội học"
        )
    return Row(
        ("", "Tổng cộng", points(totals["max"]), _own(totals), "", note),
        kind="total",
    )
