"""`cchc validate`: check every data file and report every problem, located."""

# No `from __future__ import annotations` here: Typer reads these signatures at every start,
# and string annotations cost it an eval each (5 ms of `cchc --version`; benchmarks/RESULTS.md).

import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from cchc_cli.cli.common import handled, load_dataset
from cchc_cli.errors import ExitCode, Problem, UsageError

if TYPE_CHECKING:
    from cchc_cli.dataset import Dataset


class ProblemFormat(StrEnum):
    text = "text"
    json = "json"
    github = "github"
    gitlab = "gitlab"


def validate(
    ctx: typer.Context,
    files: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Chỉ báo lỗi của các tệp này (vẫn đối chiếu với toàn bộ kho). Mặc định: mọi tệp.",
            show_default=False,
            metavar="TỆP",
        ),
    ] = None,
    output_format: Annotated[
        ProblemFormat,
        typer.Option(
            "--format",
            "-f",
            help="Cách trình bày: text, json, github (chú thích GitHub Actions) "
            "hoặc gitlab (báo cáo Code Quality của GitLab).",
            case_sensitive=False,
        ),
    ] = ProblemFormat.text,
    strict: Annotated[
        bool, typer.Option("--strict", help="Coi cảnh báo như lỗi (mã thoát 1).")
    ] = False,
) -> None:
    """Kiểm tra toàn bộ dữ liệu: cú pháp, kiểu dữ liệu, mã tham chiếu, ngày tháng, tiến độ.

    Mã thoát: 0 nếu hợp lệ, 1 nếu có lỗi (hoặc có cảnh báo khi dùng --strict),
    2 nếu dùng sai lệnh.
    """
    from cchc_cli.output.console import print_diagnostics
    from cchc_cli.output.diagnostics import FORMATTERS, summary

    with handled():
        dataset = load_dataset(ctx)
        problems = dataset.problems
        wanted = [named(f, dataset) for f in files or []]
        if wanted and None not in wanted:
            problems = only_in(problems, [w for w in wanted if w is not None])
        rendered = FORMATTERS[output_format.value](problems)
        if output_format is ProblemFormat.text:
            print_diagnostics(rendered, sys.stdout)
            typer.echo(summary(problems, len(dataset.files), len(dataset.tasks)), err=True)
        else:
            sys.stdout.write(rendered)
        failed = any(p.is_error or strict for p in problems)
        raise typer.Exit(int(ExitCode.INVALID if failed else ExitCode.OK))


def named(path: Path, dataset: "Dataset") -> str | None:
    """A file or folder named on the command line, as problems show it; None for a folder
    that holds the whole data folder. It must exist and lie in the data folder: any other
    file would be “valid” only because it is never read."""
    if not os.path.lexists(path):
        raise UsageError(
            f"Không có tệp hay thư mục “{path.as_posix()}”.",
            "Kiểm tra tên tệp; đường dẫn tính từ thư mục hiện tại.",
        )
    data_dir = dataset.data_dir
    typed = Path(os.path.abspath(path))  # noqa: PTH100 (links kept as typed; resolve() next)
    for place in (typed, path.resolve()):
        if place.is_relative_to(data_dir):
            return dataset.display(place)
        if data_dir.is_relative_to(place):
            return None
    raise UsageError(
        f"“{path.as_posix()}” nằm ngoài thư mục dữ liệu “{data_dir.as_posix()}”.",
        "cchc validate chỉ kiểm tra các tệp trong thư mục dữ liệu; nêu tệp hay thư mục bên "
        "trong nó, hoặc bỏ tên tệp để kiểm tra cả kho.",
    )


def only_in(problems: list[Problem], wanted: list[str]) -> list[Problem]:
    """The problems of the named files, and of every file below a named folder."""
    folders = tuple(w.rstrip("/") + "/" for w in wanted)
    return [p for p in problems if p.path in wanted or p.path.startswith(folders)]
