"""Report settings (``reports.yaml``): the periodic report and the PAR INDEX
self-assessment report, each with what a period or a run may set differently."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from cchc_cli.models.base import TASK_ID_PATTERN, Model, Text
from cchc_cli.models.plan import Signer

PeriodCode = Literal["q1", "h1", "q3", "year"]
TaskId = Annotated[str, Field(pattern=TASK_ID_PATTERN, examples=["VP-04"])]


class PeriodicOverride(Model):
    """What one period's report (q1, h1, q3 or year) sets differently from the others."""

    report_to: Text | None = Field(default=None, description="Nơi nhận báo cáo (“Kính gửi”).")
    requested_by: Text | None = Field(
        default=None, description="Văn bản yêu cầu báo cáo của kỳ này (trích ở câu mở đầu)."
    )
    recipients: list[Text] | None = Field(
        default=None, min_length=1, description="Nơi nhận của kỳ này, mỗi dòng một nơi."
    )
    signer: Signer | None = Field(default=None, description="Người ký báo cáo của kỳ này.")


class PeriodicReport(Model):
    """Settings of the periodic CCHC report (`cchc report`)."""

    report_to: Text | None = Field(
        default=None,
        description="Nơi nhận báo cáo (dòng “Kính gửi”), ví dụ “Sở Nội vụ”. Để trống: lấy "
        "report_to của plan.yaml.",
    )
    requested_by: Text | None = Field(
        default=None,
        description="Văn bản yêu cầu báo cáo, trích ở câu mở đầu “Thực hiện …”, ví dụ “Công "
        "văn số 1520/SNV-CCHC ngày 25/11/2024 của Sở Nội vụ về việc báo cáo kết quả thực "
        "hiện công tác cải cách hành chính năm 2024”.",
    )
    q3: Literal["quarter", "nine-months"] = Field(
        default="quarter",
        description="Báo cáo kỳ q3: quarter là “quý III” (số liệu 15/6 - 14/9), nine-months là "
        "“9 tháng đầu năm” (số liệu 15/12 năm trước - 14/9).",
    )
    own_task: TaskId | None = Field(
        default=None,
        description="Mã nhiệm vụ lập báo cáo định kỳ (hằng quý hoặc hằng năm), ví dụ “VP-04”: "
        "kỳ của nhiệm vụ ứng với kỳ đang báo cáo không được nêu trong chính báo cáo đó.",
    )
    recipients: list[Text] | None = Field(
        default=None,
        min_length=1,
        description="Nơi nhận, mỗi dòng một nơi, ví dụ “Như trên”, “UBND tỉnh (b/c)”, “Lãnh đạo "
        "Sở”, “Lưu: VT, VP”. Để trống: lấy recipients của plan.yaml.",
    )
    signer: Signer | None = Field(
        default=None,
        description="Người ký báo cáo (chức vụ, ví dụ “KT. GIÁM ĐỐC” và “PHÓ GIÁM ĐỐC”, họ "
        "tên). Để trống: lấy signer của plan.yaml.",
    )
    periods: dict[PeriodCode, PeriodicOverride] = Field(
        default_factory=dict,
        description="Thiết lập riêng của từng kỳ (q1, h1, q3, year), thay cho thiết lập chung.",
    )


class SelfAssessmentReport(Model):
    """Settings of the PAR INDEX self-assessment report (`cchc report --kind par`)."""

    report_to: Text | None = Field(
        default=None,
        description="Nơi nhận báo cáo tự đánh giá (dòng “Kính gửi”), ví dụ “Sở Nội vụ”. Để "
        "trống: lấy report_to của plan.yaml.",
    )
    requested_by: Text | None = Field(
        default=None,
        description="Văn bản yêu cầu tự đánh giá, trích ở câu mở đầu “Thực hiện …”, ví dụ "
        "“Công văn số 1650/SNV-CCHC ngày 15/11/2024 của Sở Nội vụ về việc tự đánh giá, chấm "
        "điểm Chỉ số cải cách hành chính năm 2024”.",
    )
    recipients: list[Text] | None = Field(
        default=None,
        min_length=1,
        description="Nơi nhận, mỗi dòng một nơi, ví dụ “Như trên”, “Lãnh đạo Sở”, “Lưu: VT, "
        "VP”. Để trống: lấy recipients của plan.yaml.",
    )
    signer: Signer | None = Field(
        default=None,
        description="Người ký báo cáo tự đánh giá. Để trống: lấy signer của plan.yaml.",
    )


class ReportsFile(Model):
    """Settings of the reports (data/reports.yaml)."""

    periodic: PeriodicReport = Field(
        default_factory=PeriodicReport,
        description="Báo cáo định kỳ công tác cải cách hành chính (lệnh “cchc report”).",
    )
    self_assessment: SelfAssessmentReport = Field(
        default_factory=SelfAssessmentReport,
        description="Báo cáo kết quả tự đánh giá, chấm điểm Chỉ số cải cách hành chính (lệnh "
        "“cchc report --kind par”).",
    )
