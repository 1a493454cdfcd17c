"""`cchc done`: record that a task (or one period of it) is complete."""

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


def done(
    ctx: typer.Context,
    task: TaskId,
    *,
    day: Annotated[
        str | None,
        date_option("Ngày hoàn thành (dd/mm/yyyy hoặc yyyy-mm-dd). Mặc định: hôm nay."),
    ] = None,
    period: Period = None,
    note: Note = None,
    evidence: Evidence = None,
    result: Result = None,
    dry_run: DryRun = False,
    force: ForceDate = False,
) -> None:
    """Ghi nhiệm vụ (hoặc một kỳ của nhiệm vụ định kỳ) đã hoàn thành.

    Thêm một cập nhật 100% (kèm tài liệu kiểm chứng, nếu có) và ngày hoàn thành “completed:”.
    Nếu đã có cập nhật 100% và không ghi thêm nội dung, chỉ thêm ngày hoàn thành. Toàn bộ kho
    được kiểm tra cùng thay đổi trước khi ghi; nếu thay đổi gây lỗi thì không ghi gì.

    Mã thoát: 0 nếu đã ghi, 1 nếu không ghi được (lỗi được in ra), 2 nếu dùng sai lệnh.
    """
    from cchc_cli.edit.record import Progress, record

    with handled(), refusals():
        today = date.today()
        when = parse_day(day, "date") if day is not None else today
        progress = Progress(
            task, when, 100, True, period, note=note, evidence=evidence, result=result
        )
        carry_out(record(load_dataset(ctx), progress, today=today, force=force), dry_run=dry_run)
