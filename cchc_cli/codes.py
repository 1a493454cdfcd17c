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
        "Tệp không lưu dưới dạng UTF-8 (ví dụ bảng mã TCVN3, VNI, Windows-1258, UTF-16, UTF-32).",
        "Mở tệp trong VS Code, chọn “Save with Encoding” → “UTF-8”; với tệp TCVN3/VNI, "
        "chuyển mã sang Unicode (Unikey: Công cụ chuyển mã) trước.",
    ),
    "unreadable": CodeInfo(
        "Không đọc được tệp hay thư mục (không có quyền, tệp đang bị khoá, liên kết hỏng hay "
        "vòng), hoặc đó không phải tệp thường (thư mục, ống dẫn FIFO, thiết bị, liên kết tới "
        "thư mục chứa cả kho dữ liệu).",
        "Đóng chương trình đang mở tệp, kiểm tra quyền truy cập; sửa hay xoá liên kết hỏng; "
        "tệp dữ liệu phải là tệp YAML thường.",
    ),
    "too-large": CodeInfo(
        "Tệp lớn hơn giới hạn (mặc định 5 MB), hoặc thư mục có quá nhiều mục (hơn 50.000).",
        "Chia nhiệm vụ ra nhiều tệp nhỏ; với thư mục, kiểm tra các liên kết trỏ ra ngoài kho.",
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
    "control-char": CodeInfo(
        "Ký tự điều khiển trong tệp, hoặc viết bằng mã thoát trong dấu nháy kép (“\\e”, "
        "“\\x1b”, “\\u001b”, “\\r”…): có thể đổi màu, xoá hay đổi tiêu đề cửa sổ lệnh.",
        "Xoá ký tự đó (thường do chép từ Word, PDF hay một chương trình khác). Xuống dòng trong "
        "dấu nháy kép viết “\\n”, Tab viết “\\t”.",
        'title: "Báo cáo \\e[2J"',
    ),
    "line-separator": CodeInfo(
        "Ký tự ngắt dòng lạ U+2028, U+2029 hoặc U+0085 trong tệp: trình soạn thảo không hiện, "
        "nhưng YAML coi là xuống dòng.",
        "Xoá ký tự ở đúng dòng, cột được báo (thường do chép từ Word, PDF hay trang web), hoặc "
        "thay bằng dấu cách.",
    ),
    "nbsp": CodeInfo(
        "Dấu cách không ngắt (U+00A0) ở chỗ YAML cần dấu cách thường: đầu dòng, sau “-” hay "
        "sau dấu “:” của khoá.",
        "Xoá nó rồi gõ lại dấu cách thường. Dấu cách không ngắt bên trong một giá trị chữ "
        "vẫn được giữ nguyên.",
        "title: Rà soát   # giữa “:” và “R” là U+00A0",
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
        "Ngày không có thật (30/02) hoặc sai dạng (kể cả chữ số toàn khổ “２０２４” hay chữ số "
        "Ả Rập).",
        "Viết dd/mm/yyyy (15/12/2024) hoặc yyyy-mm-dd (2024-12-15).",
        "due: 31/02/2024",
    ),
    "pdf-artifact": CodeInfo(
        "Có ký tự “ƣ”/“Ƣ” (U+01A3/U+01A2) thường do chép từ PDF (cảnh báo).",
        "Thay bằng “ư”/“Ư”.",
    ),
    # the shape of the data
    "missing-file": CodeInfo(
        "Thiếu một tệp bắt buộc (plan.yaml, areas.yaml, units.yaml; metrics.yaml khi có số "
        "liệu thống kê).",
        "Tạo tệp, hoặc chép từ kho mẫu (cchc init).",
    ),
    "unknown-file": CodeInfo(
        "Tệp YAML nằm sai chỗ nên không được đọc (cảnh báo).",
        "Nhiệm vụ đặt trong data/tasks/, chỉ số trong data/indicators/, số liệu thống kê trong "
        "data/statistics/.",
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
        "Giá trị không nằm trong các giá trị cho phép, hoặc sai định dạng mã; chỉ tiêu so sánh "
        "ngược chiều với chỉ số (cảnh báo).",
        "Dùng một trong các giá trị được liệt kê; mã viết chữ thường không dấu và “-”.",
    ),
    "empty-value": CodeInfo(
        "Trường hoặc danh sách để trống, hoặc chỉ có dấu cách hay ký tự vô hình.", "Điền nội dung."
    ),
    "out-of-range": CodeInfo(
        "Số nằm ngoài giới hạn (ví dụ tiến độ trên 100, thứ hạng lớn hơn số đơn vị được xếp "
        "hạng; tỷ lệ % ngoài 0-100: cảnh báo).",
        "Sửa số trong giới hạn được nêu.",
    ),
    # cross-file checks
    "duplicate-id": CodeInfo(
        "Mã bị trùng: nhiệm vụ (kể cả chỉ khác chữ hoa, chữ thường: VP-01 và vp-01), lĩnh vực, "
        "đơn vị, chỉ số, năm của chỉ số, kỳ của nhiệm vụ, số thứ tự giải pháp, hoặc đơn vị phối"
        " hợp ghi hai lần hay trùng đơn vị chủ trì (cảnh báo).",
        "Đặt mã khác, hoặc gộp hai mục.",
    ),
    "unknown-ref": CodeInfo(
        "Tham chiếu tới mã không có (lĩnh vực, đơn vị, mục tiêu, giải pháp, chỉ số, nhiệm vụ, "
        "tiêu chí, bộ tiêu chí PAR INDEX).",
        "Sửa mã theo gợi ý, hoặc khai báo mã mới trong tệp được nêu.",
        "lead: van-phongg",
    ),
    "report-task": CodeInfo(
        "Nhiệm vụ lập báo cáo định kỳ (own_task trong data/reports.yaml) không phải nhiệm vụ "
        "hằng quý hay hằng năm.",
        "Chọn nhiệm vụ hằng quý (quý II là báo cáo 6 tháng, quý IV là báo cáo năm) hoặc hằng "
        "năm, hoặc bỏ own_task.",
        "periodic:\n  own_task: VP-01    # nhiệm vụ một lần",
    ),
    "date-order": CodeInfo(
        "Ngày sai thứ tự: hạn hay ngày hoàn thành trước ngày bắt đầu (của nhiệm vụ hoặc của "
        "kỳ), cập nhật sau ngày hoàn thành (hoặc trước ngày bắt đầu: cảnh báo), kết quả chỉ số "
        "công bố, hạn hay ngày gửi tự đánh giá PAR INDEX trước năm của nó.",
        "Kiểm tra ngày (viết dd/mm/yyyy, không phải mm/dd/yyyy).",
    ),
    "outside-period": CodeInfo(
        "Ngày nằm ngoài giai đoạn của kế hoạch (với ngày cập nhật, ngày hoàn thành và năm của "
        "chỉ số: cảnh báo).",
        "Sửa ngày, hoặc giai đoạn trong plan.yaml.",
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
    # PAR INDEX self-assessment
    "par-years": CodeInfo(
        "Bộ tiêu chí PAR INDEX không áp dụng cho năm của bảng tự đánh giá, hoặc khoảng năm bị "
        "ngược.",
        "Chọn bộ tiêu chí áp dụng cho năm đó (“criteria:”), hoặc sửa “years” của bộ tiêu chí.",
        "year: 2024\ncriteria: qd-1150-2017   # bộ tiêu chí áp dụng 2017-2021",
    ),
    "par-missing": CodeInfo(
        "Bảng tự đánh giá thiếu tiêu chí thành phần, hoặc đã gửi mà còn tiêu chí chưa tự chấm.",
        "Mỗi tiêu chí thành phần một mục trong “scores:”; khi đã ghi “submitted:”, mọi tiêu chí "
        "tự chấm phải có “self:” (kể cả 0).",
    ),
    "par-score": CodeInfo(
        "Điểm âm hoặc lớn hơn điểm tối đa của tiêu chí.",
        "Sửa điểm trong khoảng từ 0 đến điểm tối đa ghi ở bộ tiêu chí.",
        "self: 2.5   # tiêu chí tối đa 2 điểm",
    ),
    "par-total": CodeInfo(
        "Tổng điểm (hoặc điểm tối đa) ghi cho một tiêu chí, lĩnh vực không bằng tổng các mục "
        "bên dưới.",
        "Sửa cho bằng tổng, hoặc bỏ dòng tổng để cchc tự cộng.",
    ),
    "par-survey-scored": CodeInfo(
        "Tiêu chí chấm bằng điều tra xã hội học lại có điểm tự chấm (hoặc ngược lại).",
        "Tiêu chí điều tra chỉ ghi “survey:”; tiêu chí tự chấm ghi “self:”, “appraised:”.",
        '- {id: "8.1", self: 5}   # 8.1 là tiêu chí điều tra',
    ),
    "par-unexplained": CodeInfo(
        "Tự chấm điểm mà không có tài liệu kiểm chứng và không có giải trình.",
        "Ghi “evidence:” (số, ngày văn bản, hoặc mã nhiệm vụ), hoặc “explanation:”.",
    ),
    "par-evidence": CodeInfo(
        "Tài liệu kiểm chứng ghi thiếu: không có số, ký hiệu hoặc ngày văn bản, hoặc ghi cả văn "
        "bản lẫn mã nhiệm vụ.",
        "Mỗi tài liệu ghi “document:” và “date:” (thêm “issuer:”, “summary:”), hoặc chỉ “task:”.",
        "- {document: 13/KH-SCT}   # thiếu date",
    ),
    "par-evidence-date": CodeInfo(
        "Tài liệu kiểm chứng ngoài năm đánh giá hoặc sau hạn tự đánh giá hay ngày gửi kết quả; "
        "nhiệm vụ được dẫn không có tài liệu kiểm chứng trong năm (cảnh báo).",
        "Dẫn văn bản ban hành trong năm đánh giá, đến hạn gửi kết quả; kiểm tra ngày (dd/mm/yyyy).",
        example="- {document: 13/KH-SCT, date: 15/01/2023}   # đánh giá năm 2024",
    ),
    "par-results": CodeInfo(
        "Kết quả công bố chưa đánh dấu (hoặc đánh dấu hai) cơ quan mình, hoặc hạng không khớp "
        "điểm (cảnh báo).",
        "Ghi “ours: true” ở đúng một dòng; đối chiếu điểm và hạng với văn bản công bố.",
    ),
    "par-index-mismatch": CodeInfo(
        "Điểm, hạng PAR INDEX đã ghi ở chỉ số khác với bảng tự đánh giá (điểm thẩm định và "
        "điều tra) hoặc với kết quả công bố.",
        "Đối chiếu văn bản công bố; sửa giá trị của chỉ số, hoặc điểm trong bảng tự đánh giá.",
    ),
    # period statistics (data/metrics.yaml, data/statistics/)
    "sum-rule": CodeInfo(
        "Số liệu của một kỳ không đúng một quy tắc cộng của danh mục chỉ tiêu (ví dụ trước hạn "
        "+ đúng hạn + quá hạn = đã giải quyết).",
        "Đối chiếu các số được nêu với nguồn số liệu và sửa số sai; quy tắc khai báo ở "
        "“rules” của data/metrics.yaml.",
        "hs-truoc-han: 320\nhs-dung-han: 130\nhs-qua-han: 2\n"
        "hs-da-giai-quyet: 461   # 320 + 130 + 2 = 452",
    ),
    "rate-mismatch": CodeInfo(
        "Tỷ lệ ghi tay không khớp với tỷ lệ tính từ số liệu của kỳ.",
        "Tỷ lệ luôn được tính từ số liệu: sửa hoặc bỏ tỷ lệ ghi tay, hoặc kiểm tra lại số liệu.",
        "ty-le-truoc-dung-han: 99.9   # số liệu cho 460/461 = 99,78%",
    ),
    "rate-without-counts": CodeInfo(
        "Tỷ lệ ghi tay nhưng kỳ đó chưa đủ số liệu để tính (cảnh báo): số ghi tay không được dùng.",
        "Ghi các chỉ tiêu của tử số và mẫu số cho kỳ đó, hoặc bỏ tỷ lệ ghi tay.",
    ),
    "not-integer": CodeInfo(
        "Chỉ tiêu đếm số lượng (hồ sơ, thủ tục…) có số lẻ.",
        "Ghi số nguyên, không dùng dấu chấm ngăn cách hàng nghìn (4131, không viết 4.131).",
        "hs-tiep-nhan: 4.131",
    ),
    "negative-value": CodeInfo(
        "Số liệu âm.",
        "Ghi số không âm; kỳ chưa có số liệu thì bỏ dòng, không ghi 0 hay số âm.",
        "hs-qua-han: -2",
    ),
    "period-overlap": CodeInfo(
        "Một chỉ tiêu có cả số của quý và số của tháng trong quý đó: số sẽ bị tính trùng.",
        "Ghi theo tháng hoặc theo quý; nếu số quý là tổng các tháng (ghi để đối chiếu), thêm "
        "“months_total: true” vào kỳ quý.",
    ),
    "quarter-total": CodeInfo(
        "Kỳ quý ghi “months_total: true” nhưng không bằng tổng (hoặc bình quân, số cuối, số "
        "đầu) của ba tháng, thiếu tháng, hoặc “months_total” ghi cho một tháng.",
        "Sửa số của quý hoặc của các tháng cho khớp; ghi đủ ba tháng; “months_total” chỉ dùng "
        "cho kỳ quý.",
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
