"""Every problem code, with what it means and how to fix it (shown by `cchc explain`).

The codes are stable: scripts and CI filters may rely on them. A test checks that every code
the program emits is listed here and in the README.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class CodeInfo:
    title: str
    fix: str
    example: str = ""


CODES: dict[str, CodeInfo] = {
    # reading the file
    "encoding": CodeInfo(
        "Tệp không lưu dưới dạng UTF-8 (ví dụ bảng mã TCVN3, VNI, Windows-1258, UTF-16).",
        "Mở tệp trong VS Code, chọn “Save with Encoding” → “UTF-8”; với tệp TCVN3/VNI, "
        "chuyển mã sang Unicode (Unikey: Công cụ chuyển mã) trước.",
    ),
    "unreadable": CodeInfo(
        "Không đọc được tệp (không có quyền, tệp đang bị khoá…).",
        "Đóng chương trình đang mở tệp, kiểm tra quyền truy cập.",
    ),
    "too-large": CodeInfo(
        "Tệp lớn hơn giới hạn (mặc định 5 MB).", "Chia nhiệm vụ ra nhiều tệp nhỏ."
    ),
    "too-deep": CodeInfo(
        "Tệp lồng nhau quá sâu, hoặc có quá nhiều phần tử.",
        "Kiểm tra thụt lề và các dấu “-”, “[”, “{”; dữ liệu CCHC chỉ cần vài tầng.",
    ),
    "syntax": CodeInfo(
        "Lỗi cú pháp YAML: thụt lề sai, thiếu dấu “:”, dấu nháy không đóng, dùng phím Tab…",
        "Sửa ở đúng dòng, cột được báo. Thụt lề bằng dấu cách; giá trị có dấu “:” hoặc “#” "
        "thì đặt trong dấu nháy kép.",
        'title: "Hướng dẫn: thực hiện # mới"',
    ),
    "multi-document": CodeInfo(
        "Tệp có nhiều tài liệu YAML (nhiều dòng “---”).",
        "Mỗi tệp một tài liệu: xoá “---” thừa hoặc tách ra tệp khác.",
    ),
    "empty-file": CodeInfo("Tệp trống (cảnh báo).", "Thêm nội dung hoặc xoá tệp."),
    "duplicate-key": CodeInfo(
        "Một khoá viết hai lần trong cùng một mục; YAML sẽ lặng lẽ bỏ một giá trị.",
        "Xoá một trong hai dòng, hoặc gộp nội dung.",
        "lead: van-phong\nlead: thanh-tra",
    ),
    "bad-key": CodeInfo(
        "Khoá là danh sách hoặc bảng thay vì một chữ.", "Viết khoá là một từ, ví dụ “title:”."
    ),
    "anchor": CodeInfo(
        "Dùng neo “&tên”: tệp dữ liệu không dùng tham chiếu.",
        "Xoá “&tên” và viết đầy đủ giá trị ở mỗi chỗ.",
    ),
    "alias": CodeInfo(
        "Dùng tham chiếu “*tên”.", "Chép giá trị thật vào chỗ của “*tên”.", "support: *phong"
    ),
    "merge-key": CodeInfo(
        "Dùng khoá gộp “<<”.", "Viết đầy đủ các khoá của mục.", "<<: *mau_nhiem_vu"
    ),
    "tag": CodeInfo(
        "Dùng thẻ kiểu “!…” hoặc “!!…” (ví dụ !!python/object): bị từ chối vì an toàn.",
        "Xoá thẻ; nếu là chữ thường thì đặt trong dấu nháy kép.",
    ),
    "invalid-date": CodeInfo(
        "Ngày không có thật (30/02) hoặc sai dạng.",
        "Viết dd/mm/yyyy (15/12/2024) hoặc yyyy-mm-dd (2024-12-15).",
        "due: 31/02/2024",
    ),
    "pdf-artifact": CodeInfo(
        "Có ký tự “ƣ”/“Ƣ” (U+01A3/U+01A2) thường do chép từ PDF (cảnh báo).",
        "Thay bằng “ư”/“Ư”.",
    ),
    # the shape of the data
    "missing-file": CodeInfo(
        "Thiếu một tệp bắt buộc (plan.yaml, areas.yaml, units.yaml).",
        "Tạo tệp, hoặc chép từ kho mẫu (cchc init).",
    ),
    "unknown-file": CodeInfo(
        "Tệp YAML nằm sai chỗ nên không được đọc (cảnh báo).",
        "Nhiệm vụ đặt trong data/tasks/, chỉ số trong data/indicators/.",
    ),
    "missing-field": CodeInfo("Thiếu trường bắt buộc.", "Thêm trường được nêu tên."),
    "unknown-field": CodeInfo(
        "Trường không có trong mẫu dữ liệu (thường do gõ sai tên).",
        "Sửa tên theo gợi ý, hoặc xoá trường.",
        "deadline: 31/12/2024   # phải là due",
    ),
    "wrong-type": CodeInfo(
        "Giá trị sai kiểu: cần chữ, số, danh sách hoặc bảng.",
        "Chữ true/false cần dấu nháy kép; số viết dạng thập phân (50, không viết 050); "
        "danh sách viết [a, b].",
        "percent: 050",
    ),
    "invalid-value": CodeInfo(
        "Giá trị không nằm trong các giá trị cho phép, hoặc sai định dạng mã.",
        "Dùng một trong các giá trị được liệt kê; mã viết chữ thường không dấu và “-”.",
    ),
    "empty-value": CodeInfo("Trường hoặc danh sách để trống.", "Điền nội dung."),
    "out-of-range": CodeInfo(
        "Số nằm ngoài giới hạn (ví dụ tiến độ trên 100).", "Sửa số trong giới hạn được nêu."
    ),
    # cross-file checks
    "duplicate-id": CodeInfo(
        "Mã bị trùng: nhiệm vụ, lĩnh vực, đơn vị, chỉ số, năm của chỉ số hoặc kỳ của nhiệm vụ.",
        "Đặt mã khác, hoặc gộp hai mục.",
    ),
    "unknown-ref": CodeInfo(
        "Tham chiếu tới mã không có (lĩnh vực, đơn vị, mục tiêu, giải pháp, chỉ số).",
        "Sửa mã theo gợi ý, hoặc khai báo mã mới trong tệp được nêu.",
        "lead: van-phongg",
    ),
    "date-order": CodeInfo(
        "Ngày sai thứ tự: hạn trước ngày bắt đầu, hoàn thành trước ngày bắt đầu.",
        "Kiểm tra ngày (viết dd/mm/yyyy, không phải mm/dd/yyyy).",
    ),
    "outside-period": CodeInfo(
        "Ngày nằm ngoài giai đoạn của kế hoạch.", "Sửa ngày, hoặc giai đoạn trong plan.yaml."
    ),
    "long-plan": CodeInfo(
        "Giai đoạn của kế hoạch dài hơn 50 năm: có lẽ một năm bị gõ nhầm (cảnh báo).",
        "Sửa “period” trong plan.yaml (kế hoạch CCHC thường 5 hoặc 10 năm).",
    ),
    "progress-backwards": CodeInfo(
        "Tiến độ giảm theo thời gian.", "Kiểm tra ngày và số phần trăm của các cập nhật."
    ),
    "missing-completion": CodeInfo(
        "Tiến độ 100% mà chưa ghi ngày hoàn thành.", "Thêm “completed: dd/mm/yyyy”."
    ),
    "completion-date": CodeInfo(
        "Ngày hoàn thành (completed) sau ngày cập nhật đầu tiên đạt 100%.",
        "Ngày hoàn thành là ngày đạt 100%; sửa một trong hai ngày cho khớp. Khi hai ngày khác "
        "nhau, cchc tính ngày sớm hơn.",
        "updates:\n  - {date: 01/03/2024, percent: 100}\ncompleted: 05/07/2024",
    ),
    "recurrence-shape": CodeInfo(
        "Nhiệm vụ định kỳ ghi tiến độ sai chỗ (hoặc nhiệm vụ một lần có “occurrences”).",
        "Nhiệm vụ hằng năm/hằng quý ghi tiến độ trong “occurrences:” theo từng kỳ.",
    ),
    "invalid-period": CodeInfo(
        "Kỳ của nhiệm vụ định kỳ sai dạng hoặc ngoài thời gian thực hiện.",
        "Hằng năm ghi 2024; hằng quý ghi 2024-Q1 … 2024-Q4.",
    ),
    "target-years": CodeInfo(
        "Khoảng năm của chỉ tiêu bị ngược, trùng, hoặc chồng một phần lên chỉ tiêu khác.",
        "Mỗi năm một chỉ tiêu; một năm hay khoảng hẹp nằm trọn trong khoảng rộng thì được dùng "
        "thay cho khoảng rộng ở các năm của nó.",
    ),
    "survey-counts": CodeInfo(
        "Số phiếu SIPAS không hợp lý hoặc chỉ ghi một trong hai số.",
        "Ghi cả “surveyed” và “satisfied”, số hài lòng không quá số phiếu.",
    ),
    "survey-mismatch": CodeInfo(
        "Tỷ lệ SIPAS không khớp với số phiếu.", "Tính lại: satisfied / surveyed × 100."
    ),
}


def explain(code: str) -> str | None:
    """The Vietnamese explanation of `code`, or None for an unknown code."""
    info = CODES.get(code)
    if info is None:
        return None
    text = f"[{code}] {info.title}\nCách sửa: {info.fix}\n"
    if info.example:
        example = "\n".join("    " + line for line in info.example.splitlines())
        text += f"Ví dụ:\n{example}\n"
    return text
