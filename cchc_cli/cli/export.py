"""`cchc export`: progress, roll-ups and indicators for Excel (xlsx) or as CSV."""

# No `from __future__ import annotations` here: Typer reads these signatures at every start,
# and string annotations cost it an eval each (5 ms of `cchc --version`; benchmarks/RESULTS.md).

from typing import Annotated

import typer

from cchc_cli.cli.common import STDOUT, handled, load_dataset, write_output
from cchc_cli.cli.options import (
    Area,
    Force,
    Parents,
    Year,
    as_of_option,
    output_option,
    unit_option,
)
from cchc_cli.cli.status import make_query
from cchc_cli.errors import UsageError


def export(
    ctx: typer.Context,
    *,
    output_format: Annotated[
        str, typer.Option("--format", "-f", help="Định dạng: xlsx (Excel) hoặc csv.")
    ] = "xlsx",
    as_of: Annotated[
        str | None,
        as_of_option("Số liệu đến ngày này (dd/mm/yyyy hoặc yyyy-mm-dd). Mặc định: hôm nay."),
    ] = None,
    year: Year = None,
    unit: Annotated[str | None, unit_option("Mã đơn vị chủ trì.")] = None,
    area: Area = None,
    output: Annotated[
        str | None,
        output_option(
            "Tệp ghi ra; “-” để in ra màn hình (chỉ csv). "
            "Mặc định: exports/tien-do-NGÀY.ĐỊNH_DẠNG trong kho dữ liệu."
        ),
    ] = None,
    force: Force = False,
    parents: Parents = False,
) -> None:
    """Xuất tình hình thực hiện ra Excel (xlsx) hoặc CSV, đúng số liệu của “cchc status”.

    Bảng tính có ba trang: các kỳ nhiệm vụ được tính đến ngày số liệu (mỗi kỳ một dòng), tổng
    hợp theo lĩnh vực và đơn vị, chỉ số so với chỉ tiêu. CSV là trang thứ nhất (UTF-8 có BOM,
    Excel mở đúng tiếng Việt). Ngày số liệu và mã commit của dữ liệu ghi trong thuộc tính tệp.

    Mã thoát: 0 nếu đã xuất, 1 nếu dữ liệu có lỗi hoặc tệp đã có, 2 nếu dùng sai lệnh.
    """
    from cchc_cli.export.make import check_format, default_name, make_export

    with handled():
        fmt = check_format(output_format)
        if output == STDOUT and fmt == "xlsx":
            raise UsageError(
                "Không thể in tệp Excel (xlsx) ra màn hình.",
                "Dùng --output TỆP.xlsx, hoặc --format csv --output -.",
            )
        other = {"xlsx": ".csv", "csv": ".xlsx"}[fmt]
        if output and output != STDOUT and output.lower().endswith(other):
            raise UsageError(
                f"Tệp “{output}” có đuôi {other} nhưng --format là {fmt}: Excel sẽ không mở được.",
                f"Đổi đuôi tệp thành .{fmt}, hoặc dùng --format {other[1:]}.",
                field="output",
            )
        query = make_query(as_of, year=year, unit=unit, area=area)
        dataset = load_dataset(ctx)
        write_output(
            dataset,
            make_export(dataset, query, fmt),
            output,
            dataset.root / "exports" / default_name(query, fmt),
            force=force,
            parents=parents,
            written="Đã xuất",
        )
