"""`cchc report`: periodic report drafts."""

# No `from __future__ import annotations` here: Typer reads these signatures at every start,
# and string annotations cost it an eval each (5 ms of `cchc --version`; benchmarks/RESULTS.md).

import sys
from typing import Annotated

import typer

from cchc_cli.cli_common import handled, load_dataset


def report(
    ctx: typer.Context,
    *,
    year: Annotated[int, typer.Option("--year", metavar="NĂM", help="Năm báo cáo, ví dụ 2024.")],
    period: Annotated[
        str,
        typer.Option(
            "--period",
            metavar="KỲ",
            help="Kỳ báo cáo: q1 (quý I), h1 (6 tháng đầu năm), q3 (quý III), year (năm).",
        ),
    ] = "year",
    output_format: Annotated[
        str, typer.Option("--format", "-f", help="Định dạng: md, html hoặc docx (Word).")
    ] = "md",
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            metavar="TỆP",
            help="Tệp ghi báo cáo; “-” để in ra màn hình (md, html). "
            "Mặc định: reports/NĂM-KỲ.ĐỊNH_DẠNG trong kho dữ liệu.",
            show_default=False,
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Ghi đè tệp đã có.")] = False,
    issued: Annotated[
        str | None,
        typer.Option(
            "--date",
            metavar="NGÀY",
            help="Ngày của báo cáo (dd/mm/yyyy), ghi ở dòng địa danh, ngày tháng. "
            "Mặc định: để trống cho người ký điền.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Lập dự thảo báo cáo định kỳ CCHC (quý I, 6 tháng, quý III, năm) từ dữ liệu kế hoạch.

    Số liệu tính đến ngày chốt số liệu của kỳ, như “cchc status --as-of”. Mẫu trong thư mục
    templates/ của kho dữ liệu thay cho mẫu có sẵn.

    Mã thoát: 0 nếu lập được, 1 nếu dữ liệu hay mẫu có lỗi hoặc tệp đã có, 2 nếu dùng sai lệnh.
    """
    from cchc_cli.fileio import write_atomic
    from cchc_cli.report import make_report, plan_request

    with handled():
        dataset = load_dataset(ctx)
        request = plan_request(
            dataset, year=year, period=period, fmt=output_format, output=output, issued=issued
        )
        content = make_report(dataset, request)
        if request.output is None:
            sys.stdout.write(content if isinstance(content, str) else content.decode())
            return
        data = content.encode("utf-8") if isinstance(content, str) else content
        write_atomic(request.output, data, force=force)
        typer.echo(f"Đã ghi báo cáo: {dataset.display(request.output.resolve())}")
