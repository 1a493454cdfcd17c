"""`cchc done`: record that a task (or one period of it) is complete."""

# No `from __future__ import annotations` here: Typer reads these signatures at every start,
# and string annotations cost it an eval each (5 ms of `cchc --version`; benchmarks/RESULTS.md).

from datetime import date
from typing import Annotated

import typer

from cchc_cli.cli.changes import DRY_RUN_HELP, carry_out, refusals
from cchc_cli.cli.common import handled, load_dataset, parse_day
from cchc_cli.cli.update import (
    EVIDENCE_HELP,
    FORCE_HELP,
    NOTE_HELP,
    PERIOD_HELP,
    RESULT_HELP,
    TASK_ARGUMENT,
)


def done(
    ctx: typer.Context,
    task: Annotated[str, TASK_ARGUMENT],
    *,
    day: Annotated[
        str | None,
        typer.Option(
            "--date",
            metavar="NGÀY",
            help="Ngày hoàn thành (dd/mm/yyyy hoặc yyyy-mm-dd). Mặc định: hôm nay.",
            show_default=False,
        ),
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
