"""The data model of period statistics: pydantic v2 models, no I/O.

Two kinds of file:

- ``data/metrics.yaml`` (`MetricsFile`): the catalogue the department keeps. Groups of
  metrics, each group placed in a reform area (the section of the periodic report that
  writes its figures); metrics (what is counted or scored, its unit, whether it is a whole
  number, how month values combine over a longer window); rates computed from metrics
  (never typed); and sum rules between metrics (``early + on time + late = handled``).
- ``data/statistics/*.yaml`` (`StatisticsFile`): the values, one entry per period (a month
  ``2024-03`` or a quarter ``2024-Q1``) with the source the figures come from.

What a month or a quarter covers in days, and how values combine over a window of days, is
in `cchc_cli.engine.statistics`. Keys are English; descriptions Vietnamese, as in
the other modules of `cchc_cli.models`.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, WithJsonSchema

from cchc_cli.models.base import Code, Int, Model, Number, Text
from cchc_cli.models.indicators import Target

PERIOD_PATTERN = r"^[0-9]{4}-(0[1-9]|1[0-2]|Q[1-4])$"
_LOOSE_MONTH = re.compile(r"^([0-9]{4})-([0-9]{1,2})$")
DEFAULT_MONTH_START_DAY = 15  # Nghị định 09/2019/NĐ-CP: a reporting month runs 15th to 14th

Aggregate = Literal["sum", "last", "first", "mean"]
RuleOp = Literal["=", "<=", ">=", "≤", "≥"]
Bool = Annotated[bool, Field(strict=True)]
NUMBER_SLOT = "{số}"  # where a phrase puts its figure
PHRASE_PATTERN = r"^[^{}]*\{số\}[^{}]*$"
Phrase = Annotated[str, Field(pattern=PHRASE_PATTERN)]


def _stat_period(value: Any) -> Any:
    """``2024-3`` → ``2024-03``, ``2024-q1`` → ``2024-Q1``; anything else unchanged."""
    if not isinstance(value, str):
        return value
    text = value.strip().upper()
    if match := _LOOSE_MONTH.match(text):
        return f"{match.group(1)}-{int(match.group(2)):02d}"
    return text


def _bare_number(value: Any) -> Any:
    """A value written alone (``412``) is ``{value: 412}``; so is anything that is not a
    table, so that ``4,131`` is reported as “must be a number” at its own place."""
    return value if isinstance(value, dict) else {"value": value}


# --- the catalogue: data/metrics.yaml ------------------------------------------------------


class MetricGroup(Model):
    """A group of metrics: a heading of the statistics appendix, in one report section."""

    id: Code = Field(description="Mã nhóm, ví dụ “ho-so”.")
    name: Text = Field(description="Tên nhóm, ví dụ “Tiếp nhận, giải quyết hồ sơ TTHC”.")
    area: Code = Field(
        description="Mã lĩnh vực (data/areas.yaml) mà báo cáo định kỳ viết số liệu của nhóm "
        "này: “tthc” là mục Cải cách thủ tục hành chính; lĩnh vực chỉ đạo, điều hành là mục I."
    )


class Metric(Model):
    """Something counted or scored each period (a number of files, a score)."""

    id: Code = Field(description="Mã chỉ tiêu, ví dụ “hs-tiep-nhan”.")
    name: Text = Field(description="Tên chỉ tiêu như báo cáo viết, ví dụ “Hồ sơ tiếp nhận mới”.")
    unit: Text = Field(description="Đơn vị tính, ví dụ “hồ sơ”, “thủ tục”, “điểm”.")
    group: Code = Field(description="Mã nhóm (trong “groups” của tệp này).")
    integer: Bool = Field(
        default=True,
        description="true: đếm số lượng, giá trị phải là số nguyên (mặc định); false: điểm "
        "hoặc số đo có phần thập phân.",
    )
    aggregate: Aggregate = Field(
        default="sum",
        description="Cách gộp các tháng thành quý, năm: sum cộng dồn (số phát sinh trong kỳ, "
        "mặc định); last lấy số cuối kỳ (số đang có hiệu lực, tồn cuối kỳ); first lấy số đầu "
        "kỳ (số từ kỳ trước chuyển sang); mean lấy bình quân (điểm chỉ số hằng tháng).",
    )
    max: Number | None = Field(
        default=None, description="Giá trị lớn nhất có thể (ví dụ điểm tối đa của nhóm chỉ số)."
    )
    phrase: Phrase | None = Field(
        default=None,
        description="Cách báo cáo viết chỉ tiêu này trong câu, “{số}” là chỗ đặt con số, ví "
        "dụ “tiếp nhận mới {số} hồ sơ”. Không ghi thì báo cáo viết “tên: số đơn vị tính”.",
    )
    headline: Bool = Field(
        default=False, description="true: chỉ tiêu chính, hiện trên “cchc status”."
    )
    targets: list[Target] = Field(
        default_factory=list, description="Chỉ tiêu phấn đấu theo năm (so với số của kỳ)."
    )


class Rate(Model):
    """A percentage computed from metrics: numerator ÷ denominator. Never typed as a figure;
    a typed value is only checked against the counts."""

    id: Code = Field(description="Mã tỷ lệ, ví dụ “ty-le-dung-han”.")
    name: Text = Field(
        description="Tên tỷ lệ như báo cáo viết, ví dụ “Tỷ lệ hồ sơ giải quyết trước và đúng hạn”."
    )
    group: Code = Field(description="Mã nhóm (trong “groups” của tệp này).")
    numerator: list[Code] = Field(min_length=1, description="Mã các chỉ tiêu cộng lại thành tử số.")
    denominator: list[Code] = Field(
        min_length=1, description="Mã các chỉ tiêu cộng lại thành mẫu số."
    )
    headline: Bool = Field(default=False, description="true: hiện trên “cchc status”.")
    targets: list[Target] = Field(
        default_factory=list, description="Chỉ tiêu phấn đấu theo năm, tính bằng %."
    )


class SumRule(Model):
    """A rule between metrics that must hold in every period: left op right."""

    name: str | None = Field(
        default=None, description="Quy tắc viết bằng lời, hiện trong thông báo lỗi."
    )
    left: list[Code] = Field(min_length=1, description="Mã các chỉ tiêu cộng lại ở vế trái.")
    op: RuleOp = Field(default="=", description="“=” bằng; “<=” không vượt quá; “>=” không ít hơn.")
    right: list[Code] = Field(min_length=1, description="Mã các chỉ tiêu cộng lại ở vế phải.")
    tolerance: Number = Field(
        default=0,
        ge=0,
        description="Chênh lệch chấp nhận được (với điểm đã làm tròn), mặc định 0.",
    )


class MetricsFile(Model):
    """The catalogue of metrics (data/metrics.yaml)."""

    month_start_day: Int = Field(
        default=DEFAULT_MONTH_START_DAY,
        ge=1,
        le=28,
        description="Ngày bắt đầu của tháng báo cáo. 15 (mặc định, Nghị định 09/2019/NĐ-CP): "
        "số liệu tháng 3 tính từ 15/02 đến 14/03, quý I từ 15/12 năm trước đến 14/03. "
        "1: tháng dương lịch.",
    )
    groups: list[MetricGroup] = Field(min_length=1, description="Các nhóm chỉ tiêu, theo thứ tự.")
    metrics: list[Metric] = Field(min_length=1, description="Các chỉ tiêu, theo thứ tự.")
    rates: list[Rate] = Field(default_factory=list, description="Các tỷ lệ tính từ chỉ tiêu.")
    rules: list[SumRule] = Field(
        default_factory=list, description="Các quy tắc cộng phải đúng ở mọi kỳ."
    )


# --- the values: data/statistics/*.yaml ----------------------------------------------------


class StatValue(Model):
    """One figure, when it needs its own source or a note."""

    value: Number = Field(description="Số liệu.")
    source: str | None = Field(
        default=None, description="Nguồn riêng của số này (khi khác nguồn của kỳ)."
    )
    note: str | None = Field(default=None, description="Ghi chú.")


_VALUE_SCHEMA = {
    "anyOf": [
        {"type": "number"},
        {
            "type": "object",
            "properties": {
                "value": {"type": "number", "description": "Số liệu."},
                "source": {"type": "string", "description": "Nguồn riêng của số này."},
                "note": {"type": "string", "description": "Ghi chú."},
            },
            "required": ["value"],
            "additionalProperties": False,
        },
    ],
    "description": "Số liệu, hoặc {value: số, source: nguồn, note: ghi chú}.",
}
Figure = Annotated[StatValue, BeforeValidator(_bare_number), WithJsonSchema(_VALUE_SCHEMA)]
Period = Annotated[
    str,
    BeforeValidator(_stat_period),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": r"^[0-9]{4}-(0?[1-9]|1[0-2]|[Qq][1-4])$",
            "description": "Kỳ số liệu: tháng (“2024-03”) hoặc quý (“2024-Q1”).",
            "examples": ["2024-03", "2024-Q1"],
        }
    ),
]


class StatPeriod(Model):
    """The values of one period, from one source."""

    period: Period = Field(pattern=PERIOD_PATTERN)
    source: Text = Field(
        description="Nguồn số liệu: hệ thống hoặc văn bản, ví dụ “Hệ thống thông tin giải "
        "quyết TTHC tỉnh” hay “Báo cáo số 12/BC-SCT ngày 16/3/2024”."
    )
    note: str | None = Field(default=None, description="Ghi chú cho cả kỳ.")
    months_total: Bool = Field(
        default=False,
        description="Chỉ với kỳ quý: true nghĩa là số của quý là tổng các tháng đã ghi, ghi "
        "thêm để đối chiếu (cchc kiểm tra quý bằng tổng ba tháng).",
    )
    values: dict[str, Figure] = Field(
        description="Số liệu của kỳ: mã chỉ tiêu (data/metrics.yaml): số. Kỳ không ghi một chỉ "
        "tiêu là chưa có số liệu, không phải số 0."
    )


class StatisticsFile(Model):
    periods: list[StatPeriod] = Field(description="Số liệu theo kỳ (tháng hoặc quý).")
