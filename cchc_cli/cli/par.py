"""`cchc par`: a year's PAR INDEX self-assessment, points lost, rank gap and SIPAS."""

# No `from __future__ import annotations` here: Typer reads these signatures at every start,
# and string annotations cost it an eval each (5 ms of `cchc --version`; benchmarks/RESULTS.md).

from typing import Annotated

import typer

from cchc_cli.cli.common import exit_if_invalid, handled, load_dataset


def par(
    ctx: typer.Context,
    *,
    year: Annotated[
        int | None,
        typer.Option(
            "--year",
            metavar="NĂM",
            help="Năm đánh giá. Mặc định: năm gần nhất có bảng tự đánh giá hoặc kết quả.",
            show_default=False,
        ),
    ] = None,
    output_format: Annotated[
        str, typer.Option("--format", "-f", help="Cách trình bày: text hoặc json.")
    ] = "text",
) -> None:
    """Chỉ số cải cách hành chính (PAR INDEX) và SIPAS của một năm.

    Điểm tối đa, tự chấm, thẩm định, điều tra xã hội học theo lĩnh vực và tiêu chí; các tiêu chí
    bị mất điểm nhiều nhất và nhiệm vụ liên quan; thứ hạng và số điểm còn thiếu so với chỉ tiêu;
    SIPAS từng yếu tố (tỷ lệ công bố và tỷ lệ tính lại).

    Dữ liệu có lỗi: vẫn hiện phần đọc được; các lỗi in ra stderr như “cchc validate”.

    Mã thoát: 0 nếu dữ liệu hợp lệ, 1 nếu dữ liệu có lỗi hoặc chưa có số liệu năm đó, 2 nếu
    dùng sai lệnh.
    """
    from cchc_cli.par.text import renderer
    from cchc_cli.par.view import build

    with handled():
        render = renderer(output_format)
        dataset = load_dataset(ctx)
        render(build(dataset, year), None)
        exit_if_invalid(dataset)
