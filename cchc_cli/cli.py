"""The Typer app: parse options, call the core, hand the result to a renderer, set the exit code.

Heavy modules (pydantic models, jinja2, docx) are imported inside the commands that need
them, so `cchc --version` and `cchc --help` start fast.
"""

# No `from __future__ import annotations` here: Typer reads these signatures at every start,
# and string annotations cost it an eval each (5 ms of `cchc --version`; benchmarks/RESULTS.md).

import io
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from cchc_cli import __version__
from cchc_cli.cli_common import Settings, handled, load_dataset
from cchc_cli.cli_i18n import VietnameseCommand, VietnameseGroup
from cchc_cli.cli_init import init
from cchc_cli.cli_report import report
from cchc_cli.errors import ExitCode, Problem, UsageError

app = typer.Typer(
    name="cchc",
    help="Theo dõi kế hoạch cải cách hành chính (CCHC) từ các tệp YAML trong kho dữ liệu.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
    cls=VietnameseGroup,
)


class ProblemFormat(StrEnum):
    text = "text"
    json = "json"
    github = "github"
    gitlab = "gitlab"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"cchc {__version__}")
        raise typer.Exit


@app.callback()
def _main(
    ctx: typer.Context,
    data: Annotated[
        Path | None,
        typer.Option(
            "--data",
            help="Thư mục kho dữ liệu (chứa data/plan.yaml) hoặc chính thư mục data. "
            "Mặc định: biến CCHC_DATA, hoặc tìm data/plan.yaml từ thư mục hiện tại đi lên.",
            show_default=False,
        ),
    ] = None,
    version: Annotated[
        bool,
        typer.Option("--version", help="In phiên bản rồi thoát.", callback=_version, is_eager=True),
    ] = False,
) -> None:
    ctx.obj = Settings(data=data)


@app.command(cls=VietnameseCommand)
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
    from cchc_cli.console import print_diagnostics
    from cchc_cli.diagnostics import FORMATTERS, summary

    with handled():
        dataset = load_dataset(ctx)
        problems = dataset.problems
        if files:
            problems = only_in(problems, [dataset.display(named(f)) for f in files])
        rendered = FORMATTERS[output_format.value](problems)
        if output_format is ProblemFormat.text:
            print_diagnostics(rendered, sys.stdout)
            typer.echo(summary(problems, len(dataset.files), len(dataset.tasks)), err=True)
        else:
            sys.stdout.write(rendered)
        failed = any(p.is_error or strict for p in problems)
        raise typer.Exit(int(ExitCode.INVALID if failed else ExitCode.OK))


@app.command(cls=VietnameseCommand)
def status(
    ctx: typer.Context,
    *,
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            metavar="NGÀY",
            help="Xem tình hình đến ngày này (dd/mm/yyyy hoặc yyyy-mm-dd). Mặc định: hôm nay.",
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
        typer.Option(
            "--unit",
            metavar="MÃ",
            help="Mã đơn vị chủ trì: danh sách việc của đơn vị.",
            show_default=False,
        ),
    ] = None,
    area: Annotated[
        str | None,
        typer.Option("--area", metavar="MÃ", help="Mã lĩnh vực cải cách.", show_default=False),
    ] = None,
    output_format: Annotated[
        str, typer.Option("--format", "-f", help="Cách trình bày: text hoặc json.")
    ] = "text",
    soon_days: Annotated[
        int | None,
        typer.Option(
            "--soon-days",
            help="“Sắp đến hạn”: hạn trong số ngày này (mặc định 30).",
            show_default=False,
        ),
    ] = None,
    stale_days: Annotated[
        int | None,
        typer.Option(
            "--stale-days",
            help="“Chậm cập nhật”: không cập nhật từ số ngày này (mặc định 90).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Tình hình thực hiện kế hoạch đến một ngày: hoàn thành, quá hạn, sắp đến hạn, chỉ số.

    Dữ liệu có lỗi: vẫn hiện phần đọc được; các lỗi in ra stderr như “cchc validate”.

    Mã thoát: 0 nếu dữ liệu hợp lệ, 1 nếu dữ liệu có lỗi, 2 nếu dùng sai lệnh.
    """
    from cchc_cli.console import print_diagnostics
    from cchc_cli.dashboard import renderer
    from cchc_cli.diagnostics import format_text, summary
    from cchc_cli.status_view import build, make_query

    with handled():
        render = renderer(output_format)
        query = make_query(
            as_of, year=year, unit=unit, area=area, soon_days=soon_days, stale_days=stale_days
        )
        dataset = load_dataset(ctx)
        render(build(dataset, query), None)
        if any(p.is_error for p in dataset.problems):
            print_diagnostics(format_text(dataset.problems), sys.stderr)
            typer.echo(summary(dataset.problems, len(dataset.files), len(dataset.tasks)), err=True)
            raise typer.Exit(int(ExitCode.INVALID))


@app.command(cls=VietnameseCommand)
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
) -> None:
    """Ghi JSON Schema của từng loại tệp, để VS Code kiểm tra và gợi ý khi soạn.

    Trong kho dữ liệu, mẫu liệt kê các mã lĩnh vực, đơn vị, chỉ số, mục tiêu, giải pháp đã
    khai báo: chạy lại (với --force) sau khi thêm hay đổi mã.
    """
    from cchc_cli.loader import find_data_dir
    from cchc_cli.schemas import vocabulary_near, write_schemas

    with handled():
        settings: Settings = ctx.obj
        folder = out if out is not None else find_data_dir(settings.data).parent / "schemas"
        vocabulary = vocabulary_near(settings.data)
        for path, state in write_schemas(folder, force=force, vocabulary=vocabulary):
            typer.echo(f"{state}: {path.as_posix()}")


@app.command(cls=VietnameseCommand)
def explain(
    code: Annotated[
        str | None,
        typer.Argument(
            help="Mã lỗi, ví dụ duplicate-key. Bỏ trống để xem danh sách mã.",
            show_default=False,
            metavar="MÃ",
        ),
    ] = None,
) -> None:
    """Giải thích một mã lỗi của “cchc validate” và cách sửa."""
    import difflib

    from cchc_cli.codes import CODES
    from cchc_cli.codes import explain as explain_code
    from cchc_cli.errors import UsageError

    with handled():
        if code is None:
            for name, info in CODES.items():
                typer.echo(f"{name:<20} {info.title}")
            return
        text = explain_code(code)
        if text is None:
            close = difflib.get_close_matches(code, list(CODES), n=3)
            raise UsageError(
                f"Không có mã lỗi “{code}”.",
                ("Có phải ý bạn là: " + ", ".join(close) + "? " if close else "")
                + "Gõ “cchc explain” để xem mọi mã.",
            )
        typer.echo(text, nl=False)


app.command(cls=VietnameseCommand)(report)
app.command(cls=VietnameseCommand)(init)


def _utf8_streams() -> None:
    """Write UTF-8 even where the locale says otherwise.

    On Windows, output redirected to a file or a pipe uses the legacy code page (cp1252,
    cp1258…), which cannot encode Vietnamese and would end in a UnicodeEncodeError.
    """
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", "") or "").lower().replace("-", "")
        if isinstance(stream, io.TextIOWrapper) and encoding != "utf8":
            stream.reconfigure(encoding="utf-8")


def named(path: Path) -> Path:
    """A file or folder named on the command line, which must exist."""
    if not path.exists():
        raise UsageError(
            f"Không có tệp hay thư mục “{path.as_posix()}”.",
            "Kiểm tra tên tệp; đường dẫn tính từ thư mục hiện tại.",
        )
    return path.resolve()


def only_in(problems: list[Problem], wanted: list[str]) -> list[Problem]:
    """The problems of the named files, and of every file below a named folder."""
    folders = tuple(w.rstrip("/") + "/" for w in wanted)
    return [p for p in problems if p.path in wanted or p.path.startswith(folders)]


def main() -> None:
    """Console-script entry point."""
    _utf8_streams()
    app()
