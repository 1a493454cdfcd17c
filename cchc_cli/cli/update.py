"""`cchc update`: record progress on a task without editing YAML by hand."""

# No `from __future__ import annotations` here: Typer reads these signatures at every start,
# and string annotations cost it an eval each (5 ms of `cchc --version`; benchmarks/RESULTS.md).

from datetime import date
from typing import Annotated

import typer

from cchc_cli.cli.changes import DRY_RUN_HELP, carry_out, refusals
from cchc_cli.cli.common import handled, load_dataset, parse_day

TASK_ARGUMENT = typer.Argument(
    help="Mã nhiệm vụ, ví dụ VP-03.", metavar="MÃ_NHIỆM_VỤ", show_default=False
)
DATE_HELP = "Ngày (dd/mm/yyyy hoặc yyyy-mm-dd). Mặc định: hôm nay."
PERIOD_HELP = "Kỳ của nhiệm vụ hằng năm (2024) hoặc hằng quý (2024-Q3)."
NOTE_HELP = "Việc đã làm."
EVIDENCE_HELP = "Tài liệu kiểm chứng: số, ký hiệu, ngày văn bản."
RESULT_HELP = "Kết quả như báo cáo sẽ viết: một câu ở thì quá khứ."
FORCE_HELP = "Cho phép ghi ngày sau hôm nay."


def update(
    ctx: typer.Context,
    task: Annotated[str, TASK_ARGUMENT],
    *,
    percent: Annotated[
        int, typer.Option("--percent", metavar="PHẦN_TRĂM", help="Tiến độ, từ 0 đến 100.")
    ],
    day: Annotated[
        str | None, typer.Option("--date", metavar="NGÀY", help=DATE_HELP, show_default=False)
    ] = None,
    period: Annotated[
        str | None, typer.Option("--period", metavar="KỲ", help=PERIOD_HELP, show_default=False)
    ] = None,
    note: Annotated[
        str | None, typer.Option("--note", metavar="NỘI_DUNG", help=NOTE_HELP, show_default=False)
    ] = None,
    evidence: Annotated[
        str | None,
        typer.Option("--evidence", metavar="VĂN_BẢN", help=EVIDENCE_HELP, show_default=False),
    ] = None,
    result: Annotated[
        str | None,
        typer.Option("--result", metavar="CÂU", help=RESULT_HELP, show_default=False),
    ] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help=DRY_RUN_HELP)] = False,
    force: Annotated[bool, typer.Option("--force", help=FORCE_HELP)] = False,
) -> None:
    """Ghi một lần cập nhật tiến độ của nhiệm vụ, không phải sửa tệp YAML bằng tay.

    Cập nhật được thêm vào cuối danh sách “updates:” của nhiệm vụ (hoặc của kỳ, với nhiệm vụ
    hằng năm, hằng quý); phần còn lại của tệp giữ nguyên. Toàn bộ kho được kiểm tra cùng thay
    đổi trước khi ghi: nếu thay đổi gây lỗi (tiến độ giảm, 100% mà chưa có ngày hoàn thành…)
    thì không ghi gì.

    Mã thoát: 0 nếu đã ghi, 1 nếu không ghi được (lỗi được in ra), 2 nếu dùng sai lệnh.
    """
    from cchc_cli.edit.record import Progress, record

    with handled(), refusals():
        today = date.today()
        when = parse_day(day, "date") if day is not None else today
        progress = Progress(
            task, when, percent, False, period, note=note, evidence=evidence, result=result
        )
        carry_out(record(load_dataset(ctx), progress, today=today, force=force), dry_run=dry_run)
