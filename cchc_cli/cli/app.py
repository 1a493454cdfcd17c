"""The Typer app: the global options and the commands, one module each in this package.

Each command turns its options into arguments, calls one core function, hands the result
to a renderer and sets the exit code. Heavy modules (pydantic models, jinja2, docx) are
imported inside the commands that need them, so `cchc --version` and `cchc --help` start
fast.
"""

# No `from __future__ import annotations` here: Typer reads these signatures at every start,
# and string annotations cost it an eval each (5 ms of `cchc --version`; benchmarks/RESULTS.md).

import io
import sys
from pathlib import Path
from typing import Annotated

import typer

from cchc_cli import __version__
from cchc_cli.cli.add import add
from cchc_cli.cli.common import Settings, guard_streams, os_failure
from cchc_cli.cli.done import done
from cchc_cli.cli.explain import explain
from cchc_cli.cli.export import export
from cchc_cli.cli.i18n import VietnameseCommand, VietnameseGroup
from cchc_cli.cli.init import init
from cchc_cli.cli.par import par
from cchc_cli.cli.report import report
from cchc_cli.cli.schema import schema
from cchc_cli.cli.status import status
from cchc_cli.cli.update import update
from cchc_cli.cli.validate import validate
from cchc_cli.errors import ExitCode

app = typer.Typer(
    name="cchc",
    help="Theo dõi kế hoạch cải cách hành chính (CCHC) từ các tệp YAML trong kho dữ liệu.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
    cls=VietnameseGroup,
)


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
    no_cache: Annotated[
        bool,
        typer.Option(
            "--no-cache",
            envvar="CCHC_NO_CACHE",
            help="Đọc lại mọi tệp, không dùng bản đã đọc lưu trong thư mục .cchc-cache "
            "(hoặc đặt biến môi trường CCHC_NO_CACHE=1).",
            show_envvar=False,
        ),
    ] = False,
    version: Annotated[
        bool,
        typer.Option("--version", help="In phiên bản rồi thoát.", callback=_version, is_eager=True),
    ] = False,
) -> None:
    ctx.obj = Settings(data=data, cache=not no_cache)


for command in (validate, status, update, done, add, report, par, export, schema, explain, init):
    app.command(cls=VietnameseCommand)(command)


def _utf8_streams() -> None:
    """Write UTF-8 even where the locale says otherwise.

    On Windows, output redirected to a file or a pipe uses the legacy code page (cp1252,
    cp1258…), which cannot encode Vietnamese and would end in a UnicodeEncodeError.
    """
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", "") or "").lower().replace("-", "")
        if isinstance(stream, io.TextIOWrapper) and encoding != "utf8":
            stream.reconfigure(encoding="utf-8")


def main() -> None:
    """Console-script entry point."""
    guard_streams()
    _utf8_streams()
    try:
        app()
    except OSError as error:  # outside a command's own handling (--version, explain…)
        from cchc_cli.output.console import print_error

        print_error(os_failure(error))
        raise SystemExit(int(ExitCode.INVALID)) from None
