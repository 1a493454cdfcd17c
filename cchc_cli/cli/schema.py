"""`cchc schema`: the JSON Schemas of the data files, with the repository's codes."""

# No `from __future__ import annotations` here: Typer reads these signatures at every start,
# and string annotations cost it an eval each (5 ms of `cchc --version`; benchmarks/RESULTS.md).

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from cchc_cli.cli.common import Settings, data_named, find_data_dir, handled
from cchc_cli.errors import DataNotFoundError

if TYPE_CHECKING:
    from cchc_cli.output.json_schema import Vocabulary


def schema(
    ctx: typer.Context,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            help="Thư mục ghi các tệp JSON Schema. Mặc định: thư mục schemas/ cạnh thư mục data.",
            show_default=False,
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Ghi đè tệp đã có mà nội dung khác.")
    ] = False,
    parents: Annotated[
        bool,
        typer.Option(
            "--parents",
            help="Tạo thư mục --out (và các thư mục cha) nếu chưa có (mặc định: báo lỗi, tránh "
            "gõ nhầm tên thư mục).",
        ),
    ] = False,
) -> None:
    """Ghi JSON Schema của từng loại tệp, để VS Code kiểm tra và gợi ý khi soạn.

    Trong kho dữ liệu, mẫu liệt kê các mã lĩnh vực, đơn vị, chỉ số, mục tiêu, giải pháp, tiêu
    chí PAR INDEX đã khai báo: chạy lại (với --force) sau khi thêm hay đổi mã.
    """
    from cchc_cli.output.json_schema import write_schemas

    with handled():
        settings: Settings = ctx.obj
        folder = out if out is not None else find_data_dir(settings.data).parent / "schemas"
        vocabulary = vocabulary_near(ctx)
        # the default folder is ours to create; one the user names must exist, or --parents
        made = parents or out is None
        for path, state in write_schemas(folder, force=force, parents=made, vocabulary=vocabulary):
            typer.echo(f"{state}: {path.as_posix()}")


def vocabulary_near(ctx: typer.Context) -> "Vocabulary | None":
    """The vocabulary of the repository `cchc` would use (see `find_data_dir`), if any.

    None when no repository is found by walking up; an error when `--data` or ``CCHC_DATA``
    names a folder without data.

    Files that fail to load give no codes; the schemas still describe their shape.
    """
    from cchc_cli.output.json_schema import Vocabulary
    from cchc_cli.read.loader import load

    settings: Settings = ctx.obj
    try:
        data_dir = find_data_dir(settings.data)
    except DataNotFoundError:
        if data_named(ctx):
            raise  # a folder named on purpose must exist
        return None
    return Vocabulary.of_dataset(load(data_dir))
