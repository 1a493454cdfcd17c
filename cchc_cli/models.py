"""The data model of a CCHC plan: pydantic v2 models, no I/O.

Keys are English; every field carries a Vietnamese description, which editors show from the
JSON Schema (`cchc schema`). Models forbid unknown keys, so a misspelt key is an error.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, WithJsonSchema

CODE_PATTERN = r"^[a-z0-9][a-z0-9-]*$"
TASK_ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]*$"
_DMY = re.compile(r"^\s*(\d{1,2})/(\d{1,2})/(\d{4})\s*$")
_ISO = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$")


def parse_date(value: Any) -> Any:
    """Accept a date, ``dd/mm/yyyy`` or ``yyyy-mm-dd``; leave anything else to pydantic."""
    if type(value) is str and len(value) == 10 and value[4] == value[7] == "-":
        try:  # yyyy-mm-dd exactly (what the parse cache keeps): the C parser, first
            if value.isascii():
                return date.fromisoformat(value)
        except ValueError:
            pass  # the rule below gives the reason
    if isinstance(value, datetime):
        return value.date() if value.time() == datetime.min.time() else value
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        if match := _DMY.match(value):
            day, month, year = (int(g) for g in match.groups())
        elif match := _ISO.match(value):
            year, month, day = (int(g) for g in match.groups())
        else:
            raise ValueError("date format")
        return date(year, month, day)  # ValueError for 30/02 etc.
    return value


def _year_span(value: Any) -> Any:
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return value


def _period_key(value: Any) -> Any:
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, str):
        return value.strip().upper()
    return value


def _year_or_text(pattern: str, description: str, examples: list[Any]) -> WithJsonSchema:
    """Schema of a value written as a bare year (2024) or as text matching `pattern`.

    The model keeps it as text (see `_year_span`, `_period_key`); editors must accept both.
    """
    return WithJsonSchema(
        {
            "anyOf": [
                {"type": "integer", "minimum": 1900, "maximum": 2200},
                {"type": "string", "pattern": pattern},
            ],
            "description": description,
            "examples": examples,
        }
    )


VnDate = Annotated[
    date,
    BeforeValidator(parse_date),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": r"^(\d{4}-\d{1,2}-\d{1,2}|\d{1,2}/\d{1,2}/\d{4})$",
            "description": "Ngày, viết dd/mm/yyyy (15/12/2024) hoặc yyyy-mm-dd (2024-12-15).",
            "examples": ["15/12/2024", "2024-12-15"],
        }
    ),
]
Code = Annotated[str, Field(pattern=CODE_PATTERN, examples=["van-phong"])]
Text = Annotated[str, Field(min_length=1)]
# Numbers are strict: YAML's `true` must not count as 1, nor a quoted "50" pass unnoticed.
Int = Annotated[int, Field(strict=True)]
Number = Annotated[float, Field(strict=True)]
Year = Annotated[int, Field(strict=True, ge=1900, le=2200)]


class Model(BaseModel):
    model_config = ConfigDict(
        extra="forbid", frozen=True, validate_default=False, allow_inf_nan=False
    )


# --- reference data: areas and units -------------------------------------------------------


class Area(Model):
    """A reform area (lĩnh vực cải cách)."""

    code: Code = Field(description="Mã lĩnh vực, chữ thường không dấu, ví dụ “tthc”.")
    name: Text = Field(description="Tên lĩnh vực cải cách hành chính.")


class AreasFile(Model):
    areas: list[Area] = Field(description="Các lĩnh vực cải cách hành chính.", min_length=1)


UnitKind = Literal["van-phong", "thanh-tra", "phong", "trung-tam", "khac"]


class Unit(Model):
    """A unit of the department (phòng, đơn vị thuộc Sở)."""

    code: Code = Field(description="Mã đơn vị, chữ thường không dấu, ví dụ “van-phong”.")
    name: Text = Field(description="Tên đơn vị, ví dụ “Văn phòng Sở”.")
    kind: UnitKind = Field(
        description="Loại đơn vị: van-phong (Văn phòng), thanh-tra (Thanh tra), "
        "phong (phòng chuyên môn), trung-tam (trung tâm, đơn vị sự nghiệp), khac (khác)."
    )


class UnitsFile(Model):
    units: list[Unit] = Field(description="Các phòng, đơn vị thuộc Sở.", min_length=1)


# --- the plan ------------------------------------------------------------------------------


class Signer(Model):
    position: Text = Field(description="Chức vụ người ký, ví dụ “GIÁM ĐỐC”, “KT. GIÁM ĐỐC”.")
    name: Text = Field(description="Họ và tên người ký.")
    deputy_position: str | None = Field(
        default=None, description="Dòng chức vụ thứ hai khi ký thay, ví dụ “PHÓ GIÁM ĐỐC”."
    )


class PlanPeriod(Model):
    start: Year = Field(description="Năm bắt đầu giai đoạn, ví dụ 2021.")
    end: Year = Field(description="Năm kết thúc giai đoạn, ví dụ 2030.")


class SpecificObjective(Model):
    id: Code = Field(description="Mã mục tiêu, để nhiệm vụ tham chiếu, ví dụ “muc-tieu-sipas”.")
    text: Text = Field(description="Nội dung mục tiêu cụ thể, chép từ kế hoạch.")
    indicators: list[Code] = Field(
        default_factory=list, description="Mã các chỉ số đo mục tiêu này (trong data/indicators)."
    )


class Objectives(Model):
    general: list[Text] = Field(description="Mục tiêu chung (mỗi gạch đầu dòng một mục).")
    specific: list[SpecificObjective] = Field(description="Mục tiêu cụ thể.")


class Solution(Model):
    id: Code = Field(description="Mã giải pháp, ví dụ “gp-1”.")
    number: Int = Field(ge=1, description="Số thứ tự giải pháp trong kế hoạch.")
    text: Text = Field(description="Nội dung giải pháp, chép từ kế hoạch.")


class Duty(Model):
    id: Code = Field(description="Mã nhóm nhiệm vụ tổ chức thực hiện, ví dụ “to-chuc-van-phong”.")
    heading: Text = Field(description="Tên đối tượng như trong kế hoạch, ví dụ “Văn phòng Sở”.")
    units: list[Code] = Field(
        default_factory=list,
        description="Mã các đơn vị được giao; để trống nghĩa là mọi phòng, đơn vị thuộc Sở.",
    )
    items: list[Text] = Field(description="Các nhiệm vụ được giao (mỗi gạch đầu dòng một mục).")


class Plan(Model):
    """The plan of record (kế hoạch CCHC)."""

    code: str | None = Field(
        default=None, description="Số, ký hiệu văn bản kế hoạch, ví dụ “123/KH-SCT”."
    )
    issued: VnDate | None = Field(default=None, description="Ngày ban hành kế hoạch.")
    title: Text = Field(description="Tên kế hoạch.")
    governing_body: Text = Field(description="Cơ quan chủ quản, ví dụ “UBND tỉnh Đồng Tháp”.")
    issuing_body: Text = Field(description="Cơ quan ban hành, ví dụ “Sở Công Thương”.")
    agency_code: Text = Field(
        description="Chữ viết tắt của cơ quan dùng trong số ký hiệu, ví dụ “SCT”."
    )
    province: Text = Field(description="Tỉnh, thành phố.")
    place: Text = Field(description="Địa danh ghi ở dòng “…, ngày … tháng … năm …”.")
    period: PlanPeriod = Field(description="Giai đoạn của kế hoạch.")
    legal_basis: list[Text] = Field(description="Căn cứ ban hành kế hoạch.")
    introduction: str | None = Field(default=None, description="Đoạn mở đầu của kế hoạch.")
    objectives: Objectives = Field(description="I. Mục tiêu của kế hoạch.")
    tasks_note: str | None = Field(
        default=None, description="II. Nội dung nhiệm vụ: ghi chú như trong kế hoạch."
    )
    solutions: list[Solution] = Field(description="III. Giải pháp thực hiện.")
    duties: list[Duty] = Field(description="Tổ chức thực hiện: nhiệm vụ của từng đơn vị.")
    funding: Text = Field(description="Kinh phí thực hiện.")
    closing: str | None = Field(default=None, description="Đoạn kết của kế hoạch.")
    recipients: list[Text] = Field(description="Nơi nhận, mỗi dòng một nơi.")
    signer: Signer = Field(description="Người ký.")
    report_to: Text = Field(
        default="Sở Nội vụ", description="Nơi nhận báo cáo định kỳ (dòng “Kính gửi”)."
    )
    direction_area: Code = Field(
        default="chi-dao",
        description="Mã lĩnh vực được báo cáo ở mục I “Công tác chỉ đạo, điều hành” của báo cáo "
        "định kỳ; các lĩnh vực khác là các tiểu mục của mục II.",
    )


# --- indicators ----------------------------------------------------------------------------

Direction = Literal["higher", "lower"]
Operator = Literal[">", ">=", "<", "<=", "≥", "≤"]


class Target(Model):
    years: Annotated[
        str,
        BeforeValidator(_year_span),
        _year_or_text(
            r"^\d{4}(\s*-\s*\d{4})?$",
            "Năm hoặc khoảng năm áp dụng, ví dụ 2025 hoặc “2021-2030”.",
            ["2021-2030", 2025],
        ),
    ] = Field(pattern=r"^\d{4}(\s*-\s*\d{4})?$")
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


class IndicatorValue(Model):
    year: Year = Field(description="Năm đánh giá.")
    value: Number = Field(description="Giá trị đo được (điểm, hạng hoặc %).")
    out_of: Int | None = Field(
        default=None, ge=1, description="Với thứ hạng: tổng số đơn vị được xếp hạng năm đó."
    )
    source: Source | None = Field(default=None, description="Văn bản công bố kết quả.")
    surveyed: Int | None = Field(default=None, ge=1, description="SIPAS: số phiếu khảo sát hợp lệ.")
    satisfied: Int | None = Field(default=None, ge=0, description="SIPAS: số phiếu hài lòng.")
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


# --- tasks ---------------------------------------------------------------------------------

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
        BeforeValidator(_period_key),
        _year_or_text(
            r"^\d{4}(-[Qq][1-4])?$",
            "Kỳ thực hiện: năm (2024) với nhiệm vụ hằng năm, "
            "hoặc năm-quý (“2024-Q1”) với nhiệm vụ hằng quý.",
            [2024, "2024-Q1"],
        ),
    ] = Field(pattern=r"^\d{4}(-Q[1-4])?$")
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
    note: str | None = Field(default=None, description="Ghi chú.")


class TasksFile(Model):
    tasks: list[Task] = Field(description="Các nhiệm vụ trong tệp này.")
