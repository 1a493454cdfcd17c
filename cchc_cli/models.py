"""The data model of a CCHC plan: pydantic v2 models, no I/O.

Keys are English; every field carries a Vietnamese description, which editors show from the
JSON Schema (`cchc schema`). Models forbid unknown keys, so a misspelt key is an error.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    WithJsonSchema,
)
from pydantic_core import PydanticCustomError

CODE_PATTERN = r"^[a-z0-9][a-z0-9-]*$"
TASK_ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]*$"
CRITERION_ID_PATTERN = r"^[0-9A-Za-z]+(\.[0-9A-Za-z]+)*$"
YEARS_PATTERN = r"^[0-9]{4}(\s*-\s*[0-9]{4})?$"
PERIOD_PATTERN = r"^[0-9]{4}(-Q[1-4])?$"
# Digits are ASCII: full-width (２０２４) or Arabic-Indic (٢٠٢٤) ones are a typing accident.
_DMY = re.compile(r"^\s*([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})\s*$")
_ISO = re.compile(r"^\s*([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})\s*$")


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
            "pattern": r"^([0-9]{4}-[0-9]{1,2}-[0-9]{1,2}|[0-9]{1,2}/[0-9]{1,2}/[0-9]{4})$",
            "description": "Ngày, viết dd/mm/yyyy (15/12/2024) hoặc yyyy-mm-dd (2024-12-15).",
            "examples": ["15/12/2024", "2024-12-15"],
        }
    ),
]
Code = Annotated[str, Field(pattern=CODE_PATTERN, examples=["van-phong"])]
# A PAR INDEX criterion as its set numbers it ("1", "1.1", "1.1.2"). A bare whole number is
# taken as text; "1.1" must be quoted, or YAML reads the number 1.1 (and "1.10" as 1.1).
CriterionId = Annotated[
    str,
    BeforeValidator(_year_span),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "integer", "minimum": 0},
                {"type": "string", "pattern": CRITERION_ID_PATTERN},
            ],
            "description": 'Số thứ tự tiêu chí như trong bộ tiêu chí, trong dấu nháy kép: "1.1.2".',
            "examples": ["1.1.2"],
        }
    ),
    Field(pattern=CRITERION_ID_PATTERN),
]


def _not_blank(value: str) -> str:
    """Refuse text made only of spaces and invisible characters (zero-width spaces, word
    joiners, BOMs: Unicode's format characters), which reads as empty. Stops at the first
    visible character."""
    if all(ch.isspace() or unicodedata.category(ch) == "Cf" for ch in value):
        raise PydanticCustomError("blank_text", "text is blank")
    return value


Text = Annotated[str, Field(min_length=1), AfterValidator(_not_blank)]
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


# --- report settings -----------------------------------------------------------------------

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
