"""The PAR INDEX self-assessment: criteria sets, yearly assessments and published results.

Three kinds of file under ``data/par/`` (pydantic v2 models, no I/O):

- ``criteria/*.yaml``: a criteria set (bộ tiêu chí) as the province issued it: the decision,
  the years it applies to, and the tree lĩnh vực → tiêu chí → tiêu chí thành phần, each with
  a maximum. Criteria marked ``survey`` are scored from the sociological survey.
- ``assessments/*.yaml``: one self-assessment per year: for each scored criterion the
  self-score, its evidence, an explanation, and the appraised and survey scores when known.
- ``results/*.yaml``: the published scores and ranks of every department in a year.

Checks that need more than one value (a score above its maximum, a missing sub-criterion,
evidence outside the year…) are in `cchc_cli.checks.par`, so one run reports them all;
the schema here stays permissive where a check can say more.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import BeforeValidator, Field

from cchc_cli.models.base import (
    TASK_ID_PATTERN,
    Code,
    CriterionId,
    Int,
    Model,
    Number,
    Text,
    VnDate,
    Year,
    year_or_text,
    year_span,
)
from cchc_cli.models.indicators import Source

# Switches are strict: YAML 1.2 reads `yes` as text, which pydantic would quietly take as true.
Switch = Annotated[bool, Field(strict=True)]
YearSpan = Annotated[
    str,
    BeforeValidator(year_span),
    year_or_text(
        r"^[0-9]{4}(\s*-\s*[0-9]{4})?$",
        "Năm hoặc khoảng năm áp dụng, ví dụ 2024 hoặc “2023-2025”.",
        ["2023-2025", 2024],
    ),
    Field(pattern=r"^[0-9]{4}(\s*-\s*[0-9]{4})?$"),
]

_SURVEY = "true: chấm bằng điều tra xã hội học, không tự chấm."


# --- the criteria set ----------------------------------------------------------------------


class ParItem(Model):
    """A sub-criterion (tiêu chí thành phần): the unit that is scored."""

    id: CriterionId = Field(description="Số thứ tự như trong bộ tiêu chí, ví dụ “1.1.2”.")
    name: Text = Field(description="Nội dung tiêu chí thành phần.")
    max: Number = Field(ge=0, description="Điểm tối đa.")
    survey: Switch = Field(default=False, description=_SURVEY)
    note: str | None = Field(default=None, description="Ghi chú, cách chấm.")


class ParCriterion(Model):
    """A criterion (tiêu chí); without sub-criteria it is scored itself."""

    id: CriterionId = Field(description="Số thứ tự như trong bộ tiêu chí, ví dụ “1.1”.")
    name: Text = Field(description="Nội dung tiêu chí.")
    max: Number | None = Field(
        default=None,
        ge=0,
        description="Điểm tối đa; bắt buộc khi không có tiêu chí thành phần, nếu có thì phải "
        "bằng tổng điểm tối đa của chúng.",
    )
    survey: Switch = Field(default=False, description=_SURVEY + " Áp dụng cho mọi tiêu chí con.")
    items: list[ParItem] = Field(default_factory=list, description="Các tiêu chí thành phần.")
    note: str | None = Field(default=None, description="Ghi chú, cách chấm.")


class ParField(Model):
    """A field (lĩnh vực) of the criteria set."""

    id: CriterionId = Field(description="Số thứ tự lĩnh vực, ví dụ “1”.")
    name: Text = Field(description="Tên lĩnh vực.")
    max: Number | None = Field(
        default=None, ge=0, description="Điểm tối đa (nếu ghi, phải bằng tổng của các tiêu chí)."
    )
    criteria: list[ParCriterion] = Field(min_length=1, description="Các tiêu chí.")


class ParCriteriaFile(Model):
    """A criteria set (bộ tiêu chí), versioned by the decision that issued it."""

    id: Code = Field(description="Mã bộ tiêu chí, để bảng tự đánh giá tham chiếu, ví dụ “qd-1396”.")
    name: Text = Field(description="Tên bộ tiêu chí.")
    decision: Source = Field(description="Quyết định ban hành bộ tiêu chí (số, ký hiệu và ngày).")
    years: YearSpan = Field(description="Các năm đánh giá áp dụng bộ tiêu chí này.")
    max: Number | None = Field(
        default=None, ge=0, description="Tổng điểm tối đa (nếu ghi, phải bằng tổng các lĩnh vực)."
    )
    note: str | None = Field(default=None, description="Ghi chú.")
    fields: list[ParField] = Field(min_length=1, description="Các lĩnh vực đánh giá.")

    @property
    def span(self) -> tuple[int, int]:
        first, _, last = self.years.partition("-")
        return int(first), int(last or first)


# --- a year's self-assessment --------------------------------------------------------------


class ParEvidence(Model):
    """One piece of evidence (tài liệu kiểm chứng): a document, or a task whose evidence counts."""

    document: str | None = Field(
        default=None, description="Số, ký hiệu văn bản, ví dụ “13/KH-SCT”."
    )
    date: VnDate | None = Field(default=None, description="Ngày ban hành văn bản.")
    issuer: str | None = Field(
        default=None, description="Cơ quan ban hành, ví dụ “Sở Công Thương”."
    )
    summary: str | None = Field(
        default=None, description="Trích yếu, ví dụ “Kế hoạch cải cách hành chính năm 2024”."
    )
    task: str | None = Field(
        default=None,
        pattern=TASK_ID_PATTERN,
        description="Hoặc: mã nhiệm vụ mà tài liệu kiểm chứng trong năm được tính, ví dụ “VP-03”.",
    )


class ParScore(Model):
    """The scores of one criterion in one year: of a sub-criterion, or a typed total."""

    id: CriterionId = Field(description="Số thứ tự tiêu chí (như trong bộ tiêu chí).")
    self_score: Number | None = Field(
        default=None, alias="self", description="Điểm tự chấm (không ghi với tiêu chí điều tra)."
    )
    appraised: Number | None = Field(
        default=None, description="Điểm thẩm định của Hội đồng (khi có kết quả)."
    )
    survey: Number | None = Field(
        default=None, description="Điểm điều tra xã hội học (chỉ với tiêu chí điều tra)."
    )
    evidence: list[ParEvidence] = Field(
        default_factory=list, description="Tài liệu kiểm chứng của điểm tự chấm."
    )
    explanation: str | None = Field(
        default=None,
        description="Giải trình: bắt buộc khi tự chấm điểm mà không có tài liệu kiểm chứng; "
        "nên ghi khi bị trừ điểm.",
    )
    note: str | None = Field(default=None, description="Ghi chú nội bộ (không đưa vào báo cáo).")


class ParAssessmentFile(Model):
    """The self-assessment of one year (bảng tự đánh giá, chấm điểm)."""

    year: Year = Field(description="Năm đánh giá.")
    criteria: Code = Field(description="Mã bộ tiêu chí áp dụng (trong data/par/criteria).")
    deadline: VnDate | None = Field(
        default=None, description="Hạn gửi kết quả tự đánh giá (tài liệu kiểm chứng đến ngày này)."
    )
    submitted: VnDate | None = Field(
        default=None,
        description="Ngày gửi kết quả tự đánh giá; khi đã ghi, mọi tiêu chí phải có điểm.",
    )
    appraisal: Source | None = Field(
        default=None, description="Văn bản công bố kết quả thẩm định (khi có)."
    )
    note: str | None = Field(default=None, description="Ghi chú.")
    scores: list[ParScore] = Field(
        default_factory=list,
        description="Điểm từng tiêu chí thành phần (và tổng tiêu chí nếu ghi).",
    )


# --- published results of every department -------------------------------------------------


class ParDepartment(Model):
    name: Text = Field(description="Tên cơ quan, đơn vị.")
    score: Number = Field(ge=0, le=100, description="Chỉ số (%) được công bố.")
    rank: Int = Field(ge=1, description="Thứ hạng được công bố.")
    ours: Switch = Field(default=False, description="true: đây là cơ quan của kho dữ liệu này.")


class ParResultsFile(Model):
    """The published PAR INDEX of every department in one year."""

    year: Year = Field(description="Năm đánh giá.")
    source: Source | None = Field(default=None, description="Văn bản công bố kết quả.")
    note: str | None = Field(default=None, description="Ghi chú.")
    departments: list[ParDepartment] = Field(
        min_length=1, description="Kết quả của từng cơ quan, đơn vị."
    )
