"""Evidence of a PAR INDEX self-score: a document with its number and date, or a task.

A document must be dated in the assessment's year and not after its deadline; a task must
exist and have evidence recorded in that year (a warning: its updates may not be written yet).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator
from datetime import date

from cchc_cli.checks.common import at
from cchc_cli.engine.par import task_evidence
from cchc_cli.errors import Loc, Problem
from cchc_cli.models.par import ParEvidence, ParScore
from cchc_cli.models.tasks import Task
from cchc_cli.text_vi import dmy


def evidence_problems(
    path: str,
    loc: Loc,
    score: ParScore,
    *,
    year: int,
    deadline: date | None,
    tasks: dict[str, Task],
    sent: date | None = None,
) -> Iterator[Problem]:
    """The problems of the evidence of one score entry at `loc`."""
    for j, evidence in enumerate(score.evidence):
        here = (*loc, "evidence", j)
        document = evidence.document or evidence.date or evidence.issuer or evidence.summary
        if evidence.task is not None and document:
            yield at(
                path,
                here,
                "par-evidence",
                "Một tài liệu kiểm chứng ghi hoặc văn bản, hoặc mã nhiệm vụ, không ghi cả hai.",
                "Tách thành hai mục “- document: …” và “- task: …”.",
            )
        elif evidence.task is not None:
            yield from _task_evidence(path, here, evidence.task, (year, deadline), tasks)
        elif not evidence.document or evidence.date is None:
            what = "số, ký hiệu (document)" if not evidence.document else "ngày (date)"
            yield at(
                path,
                here,
                "par-evidence",
                f"Tài liệu kiểm chứng thiếu {what} của văn bản.",
                "Ghi số, ký hiệu và ngày văn bản, ví dụ "
                "“{document: 13/KH-SCT, date: 15/01/2024}”, hoặc “task: VP-01”.",
            )
        else:
            yield from _evidence_date(path, (*here, "date"), evidence, year, (deadline, sent))


def _evidence_date(
    path: str, loc: Loc, evidence: ParEvidence, year: int, by: tuple[date | None, date | None]
) -> Iterator[Problem]:
    """A document of the assessment's year, issued by its deadline and before it was sent."""
    deadline, sent = by
    day = evidence.date
    if day is None:
        return
    if day.year != year:
        yield at(
            path,
            loc,
            "par-evidence-date",
            f"Văn bản {evidence.document} ngày {dmy(day)} không thuộc năm đánh giá {year}.",
            "Tài liệu kiểm chứng là văn bản ban hành trong năm đánh giá; kiểm tra lại ngày "
            "(dd/mm/yyyy).",
        )
    elif deadline is not None and day > deadline:
        yield at(
            path,
            loc,
            "par-evidence-date",
            f"Văn bản {evidence.document} ngày {dmy(day)} sau hạn tự đánh giá {dmy(deadline)}.",
            "Chỉ tính văn bản ban hành đến hạn gửi kết quả tự đánh giá.",
        )
    elif sent is not None and day > sent:
        yield at(
            path,
            loc,
            "par-evidence-date",
            f"Văn bản {evidence.document} ngày {dmy(day)} sau ngày gửi kết quả tự đánh giá "
            f"{dmy(sent)}.",
            "Tài liệu kiểm chứng là văn bản đã có khi gửi kết quả: kiểm tra ngày văn bản, "
            "hoặc ngày gửi (“submitted”); tài liệu bổ sung khi thẩm định thì ghi chú rõ.",
            level="warning",  # documents may be added during the appraisal
        )


def _task_evidence(
    path: str, loc: Loc, task_id: str, when: tuple[int, date | None], tasks: dict[str, Task]
) -> Iterator[Problem]:
    """A task named as evidence: it exists, and has evidence in the year by the deadline
    (what the self-assessment report cites; later evidence is left out of it)."""
    year, deadline = when
    task = tasks.get(task_id)
    if task is None:
        yield at(
            path,
            (*loc, "task"),
            "unknown-ref",
            f"Không có nhiệm vụ mã “{task_id}”.",
            closest(task_id, tasks),
        )
    elif not task_evidence(task, year):
        yield Problem(
            path,
            0,
            0,
            "par-evidence-date",
            f"Nhiệm vụ {task_id} chưa có tài liệu kiểm chứng nào ghi trong năm {year}.",
            "Ghi “evidence:” ở cập nhật tiến độ của nhiệm vụ trong năm này, hoặc dẫn văn bản.",
            level="warning",
            loc=(*loc, "task"),
        )
    elif deadline is not None and all(day > deadline for day, _ in task_evidence(task, year)):
        yield Problem(
            path,
            0,
            0,
            "par-evidence-date",
            f"Tài liệu kiểm chứng của nhiệm vụ {task_id} trong năm {year} đều ghi sau hạn tự "
            f"đánh giá {dmy(deadline)}: báo cáo tự đánh giá không dẫn được tài liệu nào.",
            "Dẫn văn bản ban hành đến hạn gửi kết quả, hoặc ghi tài liệu kiểm chứng sớm hơn "
            "ở cập nhật tiến độ của nhiệm vụ.",
            level="warning",
            loc=(*loc, "task"),
        )


def closest(code: str, valid: Iterable[str]) -> str:
    """“Did you mean” without listing every id (a repository may hold thousands of tasks)."""
    close = difflib.get_close_matches(code, list(valid), n=1)
    return f"Có phải ý bạn là “{close[0]}”?" if close else ""
