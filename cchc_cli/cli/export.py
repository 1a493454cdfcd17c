"""`cchc export`: progress, roll-ups and indicators for Excel (xlsx) or as CSV."""

# No `from __future__ import annotations` here: Typer reads these signatures at every start,
# and string annotations cost it an eval each (5 ms of `cchc --version`; benchmarks/RESULTS.md).

import sys
from pathlib import Path
from typing import Annotated

import typer

from cchc_cli.cli.common import handled, load_dataset
from cchc_cli.cli.status import make_query
from cchc_cli.errors import UsageError

STDOUT = "-"


def export(
    ctx: typer.Context,
    *,
    output_format: Annotated[
        str, typer.Option("--format", "-f", help="Định dạng: xlsx (Excel) hoặc csv.")
    ] = "xlsx",
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            metavar="NGÀY",
            help="Số liệu đến ngày này (dd/mm/yyyy hoặc yyyy-mm-dd). Mặc định: hôm nay.",
            show_default=False,
        ),
    ] = None,
    year: Annotated[
        int | None,
        typer.Option(
            "--year", metavar="NĂM", help="Chỉ các kỳ có hạn trong năm này.", show_default=False
        ),
    ] = None,
    unit: Annotated[
        str | None,
        typer.Option("--unit", metavar="MÃ", help="Mã đơn vị chủ trì.", show_default=False),
    ] = None,
    area: Annotated[
        str | None,
        typer.Option("--area", metavar="MÃ", help="Mã lĩnh vực cải cách.", show_default=False),
    ] = None,
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            metavar="TỆP",
            help="Tệp ghi ra; “-” để in ra màn hình (chỉ csv). "
            "Mặc định: exports/tien-do-NGÀY.ĐỊNH_DẠNG trong kho dữ liệu.",
            show_default=False,
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Ghi đè tệp đã có.")] = False,
    parents: Annotated[
        bool,
        typer.Option(
            "--parents",
            help="Tạo thư mục của tệp --output nếu chưa có (mặc định: báo lỗi, tránh gõ nhầm "
            "tên thư mục).",
        ),
    ] = False,
) -> None:
    """Xuất tình hình thực hiện ra Excel (xlsx) hoặc CSV, đúng số liệu của “cchc status”.

    Bảng tính có ba trang: các kỳ nhiệm vụ được tính đến ngày số liệu (mỗi kỳ một dòng), tổng
    hợp theo lĩnh vực và đơn vị, chỉ số so với chỉ tiêu. CSV là trang thứ nhất (UTF-8 có BOM,
    Excel mở đúng tiếng Việt). Ngày số liệu và mã commit của dữ liệu ghi trong thuộc tính tệp.

    Mã thoát: 0 nếu đã xuất, 1 nếu dữ liệu có lỗi hoặc tệp đã có, 2 nếu dùng sai lệnh.
    """
    from cchc_cli.export.make import check_format, default_name, make_export
    from cchc_cli.output.write import write_atomic

    with handled():
        fmt = check_format(output_format)
        if output == STDOUT and fmt == "xlsx":
            raise UsageError(
                "Không thể in tệp Excel (xlsx) ra màn hình.",
                "Dùng --output TỆP.xlsx, hoặc --format csv --output -.",
            )
        query = make_query(as_of, year=year, unit=unit, area=area)
        dataset = load_dataset(ctx)
        content = make_export(dataset, query, fmt)
        if output == STDOUT:
            sys.stdout.flush()
            stream = getattr(sys.stdout, "buffer", None)
            if stream is None:
                sys.stdout.write(content.decode("utf-8"))
            else:
                stream.write(content)  # bytes: CRLF rows, never translated again
                stream.flush()
            return
        # The default folder, exports/ in the repository, is ours to create.
        target = Path(output) if output else dataset.root / "exports" / default_name(query, fmt)
        write_atomic(target, content, force=force, parents=parents or not output)
        typer.echo(f"Đã xuất: {dataset.display(target.resolve())}")
