"""Tasks (``tasks/*.yaml``): what a unit does and by when, with dated progress updates,
and for recurring tasks one occurrence per year or quarter."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BeforeValidator, Field

from cchc_cli.models.base import (
    PERIOD_PATTERN,
    TASK_ID_PATTERN,
    Code,
    CriterionId,
    Int,
    Model,
    Text,
    VnDate,
    period_key,
    year_or_text,
)

Recurrence = Literal["once", "yearly", "quarterly", "ongoing"]


class Update(Model):
    date: VnDate = Field(description="Ngày cập nhật tiến độ.")
    percent: Int = Field(ge=0, le=100, description="Tiến độ, từ 0 đến 100 (%).")
    note: str | None = Field(default=None, description="Nội dung đã thực hiện.")
    evidence: str | None = Field(
        default=None,
        description="Tài liệu kiểm chứng, ví dụ “Công văn số 123/SCT-VP ngày 10/3/2024”.",
    )
    result: str | None = Field(
        default=None,
        description="Kết quả như báo cáo sẽ viết, một câu ở thì quá khứ, ví dụ “Sở đã ban hành "
        "Kế hoạch số 13/KH-SCT ngày 15/01/2024 về cải cách hành chính năm 2024.”",
    )


class Occurrence(Model):
    period: Annotated[
        str,
        BeforeValidator(period_key),
        year_or_text(
            r"^[0-9]{4}(-[Qq][1-4])?$",
            "Kỳ thực hiện: năm (2024) với nhiệm vụ hằng năm, "
            "hoặc năm-quý (“2024-Q1”) với nhiệm vụ hằng quý.",
            [2024, "2024-Q1"],
        ),
    ] = Field(pattern=PERIOD_PATTERN)
    updates: list[Update] = Field(default_factory=list, description="Cập nhật tiến độ của kỳ.")
    completed: VnDate | None = Field(default=None, description="Ngày hoàn thành kỳ này.")
    due: VnDate | None = Field(
        default=None,
        description="Hạn riêng của kỳ này, khi khác ngày cuối kỳ (ví dụ báo cáo quý I hạn "
        "20/03, tự đánh giá năm 2024 hạn 31/01/2025).",
    )
    result: str | None = Field(
        default=None,
        description="Kết quả của kỳ như báo cáo sẽ viết, một câu ở thì quá khứ.",
    )


class Task(Model):
    id: str = Field(
        pattern=TASK_ID_PATTERN,
        description="Mã nhiệm vụ, duy nhất trong cả kho, ví dụ “VP-01”.",
        examples=["VP-01"],
    )
    title: Text = Field(description="Tên nhiệm vụ.")
    area: Code = Field(description="Mã lĩnh vực cải cách (trong data/areas.yaml).")
    lead: Code = Field(description="Mã đơn vị chủ trì (trong data/units.yaml).")
    support: list[Code] = Field(default_factory=list, description="Mã các đơn vị phối hợp.")
    output: str | None = Field(default=None, description="Sản phẩm dự kiến.")
    start: VnDate = Field(description="Ngày bắt đầu.")
    due: VnDate = Field(description="Hạn hoàn thành (với nhiệm vụ định kỳ: hạn của kỳ cuối).")
    recurrence: Recurrence = Field(
        default="once",
        description="once: một lần; yearly: hằng năm; quarterly: hằng quý; "
        "ongoing: thường xuyên trong suốt thời gian thực hiện.",
    )
    updates: list[Update] = Field(
        default_factory=list, description="Cập nhật tiến độ (nhiệm vụ một lần hoặc thường xuyên)."
    )
    completed: VnDate | None = Field(
        default=None, description="Ngày hoàn thành (nhiệm vụ một lần)."
    )
    occurrences: list[Occurrence] = Field(
        default_factory=list, description="Tiến độ từng kỳ (nhiệm vụ hằng năm, hằng quý)."
    )
    objectives: list[Code] = Field(default_factory=list, description="Mã mục tiêu phục vụ.")
    solutions: list[Code] = Field(default_factory=list, description="Mã giải pháp thực hiện.")
    indicators: list[Code] = Field(default_factory=list, description="Mã chỉ số tác động.")
    duties: list[Code] = Field(
        default_factory=list,
        description="Mã nhóm nhiệm vụ “Tổ chức thực hiện” của kế hoạch mà nhiệm vụ này cụ thể hoá.",
    )
    criteria: list[CriterionId] = Field(
        default_factory=list,
        description="Mã các tiêu chí PAR INDEX mà nhiệm vụ này phục vụ (trong data/par/criteria), "
        'viết trong dấu nháy kép, ví dụ ["1.1", "3.3.1"].',
    )
    note: str | None = Field(default=None, description="Ghi chú.")


class TasksFile(Model):
    tasks: list[Task] = Field(description="Các nhiệm vụ trong tệp này.")
