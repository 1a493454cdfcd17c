"""`cchc update`: record progress on a task without editing YAML by hand."""

# No `from __future__ import annotations` here: Typer reads these signatures at every start,
# and string annotations cost it an eval each (5 ms of `cchc --version`; benchmarks/RESULTS.md).

from datetime import date
from typing import Annotated

import typer

from cchc_cli.cli.changes import carry_out, refusals
from cchc_cli.cli.common import handled, load_dataset, parse_day
from cchc_cli.cli.options import (
    DryRun,
    Evidence,
    ForceDate,
    Note,
    Period,
    Result,
    TaskId,
    date_option,
)


def update(
    ctx: typer.Context,
    task: TaskId,
    *,
    percent: Annotated[
        int, typer.Option("--percent", metavar="PHẦN_TRĂM", help="Tiến độ, từ 0 đến 100.")
    ],
    day: Annotated[
        str | None, date_option("Ngày (dd/mm/yyyy hoặc yyyy-mm-dd). Mặc định: hôm nay.")
    ] = None,
    period: Period = None,
    note: Note = None,
    evidence: Evidence = None,
    result: Result = None,
    dry_run: DryRun = False,
    force: ForceDate = False,
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
