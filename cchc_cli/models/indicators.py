"""Indicators (``indicators/*.yaml``): what is measured, targets by year, and each year's
published value (with SIPAS survey counts and elements)."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BeforeValidator, Field

from cchc_cli.models.base import (
    YEARS_PATTERN,
    Code,
    Int,
    Model,
    Number,
    Text,
    VnDate,
    Year,
    year_or_text,
    year_span,
)

Direction = Literal["higher", "lower"]
Operator = Literal[">", ">=", "<", "<=", "≥", "≤"]


class Target(Model):
    years: Annotated[
        str,
        BeforeValidator(year_span),
        year_or_text(
            YEARS_PATTERN,
            "Năm hoặc khoảng năm áp dụng, ví dụ 2025 hoặc “2021-2030”.",
            ["2021-2030", 2025],
        ),
    ] = Field(pattern=YEARS_PATTERN)
    op: Operator = Field(
        description="Phép so sánh: “>” (trên), “>=” (từ … trở lên), “<”, “<=” (không quá)."
    )
    value: Number = Field(description="Giá trị chỉ tiêu.")

    @property
    def span(self) -> tuple[int, int]:
        first, _, last = self.years.partition("-")
        return int(first), int(last or first)


class Source(Model):
    document: Text = Field(description="Số, ký hiệu văn bản công bố, ví dụ “123/QĐ-UBND”.")
    date: VnDate | None = Field(default=None, description="Ngày của văn bản.")


SipasElementCode = Literal[
    "tiep-can-dich-vu", "thu-tuc-hanh-chinh", "cong-chuc", "ket-qua", "gop-y-phan-anh"
]


class SipasElement(Model):
    """One element of the SIPAS survey (Quyết định 1001/QĐ-BNV), in one year."""

    element: SipasElementCode = Field(
        description="Yếu tố: tiep-can-dich-vu (tiếp cận dịch vụ), thu-tuc-hanh-chinh (thủ tục "
        "hành chính), cong-chuc (công chức trực tiếp giải quyết công việc), ket-qua (kết quả "
        "dịch vụ), gop-y-phan-anh (tiếp nhận, giải quyết góp ý, phản ánh, kiến nghị)."
    )
    value: Number | None = Field(
        default=None, description="Tỷ lệ hài lòng của yếu tố (%) như văn bản công bố ghi."
    )
    answers: Int | None = Field(
        default=None, ge=1, description="Số câu trả lời của các câu hỏi thuộc yếu tố này."
    )
    satisfied: Int | None = Field(
        default=None, ge=0, description="Số câu trả lời “hài lòng” và “rất hài lòng”."
    )


class IndicatorValue(Model):
    year: Year = Field(description="Năm đánh giá.")
    value: Number = Field(description="Giá trị đo được (điểm, hạng hoặc %).")
    out_of: Int | None = Field(
        default=None, ge=1, description="Với thứ hạng: tổng số đơn vị được xếp hạng năm đó."
    )
    source: Source | None = Field(default=None, description="Văn bản công bố kết quả.")
    surveyed: Int | None = Field(default=None, ge=1, description="SIPAS: số phiếu khảo sát hợp lệ.")
    satisfied: Int | None = Field(default=None, ge=0, description="SIPAS: số phiếu hài lòng.")
    elements: list[SipasElement] = Field(
        default_factory=list,
        description="SIPAS: kết quả từng yếu tố (tỷ lệ công bố, số câu trả lời) khi có.",
    )
    note: str | None = Field(default=None, description="Ghi chú.")


class Indicator(Model):
    id: Code = Field(description="Mã chỉ số, ví dụ “sipas”.")
    name: Text = Field(description="Tên chỉ số.")
    unit: Text = Field(description="Đơn vị tính, ví dụ “%”, “điểm”, “hạng”.")
    direction: Direction = Field(
        description="higher: càng cao càng tốt (điểm, %); lower: càng thấp càng tốt (thứ hạng)."
    )
    targets: list[Target] = Field(default_factory=list, description="Chỉ tiêu theo năm.")
    values: list[IndicatorValue] = Field(default_factory=list, description="Kết quả từng năm.")


class IndicatorsFile(Model):
    indicators: list[Indicator] = Field(description="Các chỉ số trong tệp này.")
