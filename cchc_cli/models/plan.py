"""The plan of record (``plan.yaml``) and its reference data: reform areas (``areas.yaml``)
and the department's units (``units.yaml``)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from cchc_cli.models.base import Code, Int, Model, Text, VnDate, Year

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
    deputy_position: Text | None = Field(
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
