"""The Typer app: the global options and the commands, one module each in this package.

Each command turns its options into arguments, calls one core function, hands the result
to a renderer and sets the exit code. Heavy modules (pydantic models, jinja2, docx) are
imported inside the commands that need them, so `cchc --version` and `cchc --help` start
fast. A command's own module is imported, and its options turned into a click command,
only when that command runs or `--help` lists it (`Commands`): building all eleven took 9 ms
of every start.
"""

# No `from __future__ import annotations` here: Typer reads these signatures at every start,
# and string annotations cost it an eval each (5 ms of `cchc --version`; benchmarks/RESULTS.md).

import importlib
import io
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.models import CommandInfo

from cchc_cli import __version__
from cchc_cli.cli.common import Settings, guard_streams, os_failure
from cchc_cli.cli.i18n import VietnameseCommand, VietnameseGroup
from cchc_cli.errors import ExitCode

# The commands in the order `--help` lists them; each is the function of its own name in the
# module of its own name (cchc_cli/cli/status.py: `status`).
COMMANDS = (
    "validate",
    "status",
    "update",
    "done",
    "add",
    "report",
    "par",
    "export",
    "schema",
    "explain",
    "init",
)


class Commands(Mapping[str, Any]):
    """The app's commands by name, each made when first asked for (see the module)."""

    def __init__(self) -> None:
        self._made: dict[str, Any] = {}

    def __getitem__(self, name: str) -> Any:
        if name not in COMMANDS:
            raise KeyError(name)
        if name not in self._made:
            function = getattr(importlib.import_module(f"cchc_cli.cli.{name}"), name)
            self._made[name] = typer.main.get_command_from_info(
                CommandInfo(cls=VietnameseCommand, callback=function),
                pretty_exceptions_short=app.pretty_exceptions_short,
                rich_markup_mode=app.rich_markup_mode,
            )
        return self._made[name]

    def __iter__(self) -> Iterator[str]:
        return iter(COMMANDS)

    def __len__(self) -> int:
        return len(COMMANDS)


class CchcGroup(VietnameseGroup):
    """The app's group: its commands are `Commands`."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.commands = Commands()  # type: ignore[assignment]  # read-only: none is added later

    def list_commands(self, ctx: Any) -> list[str]:
        return list(COMMANDS)


app = typer.Typer(
    name="cchc",
    help="Theo dõi kế hoạch cải cách hành chính (CCHC) từ các tệp YAML trong kho dữ liệu.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
    cls=CchcGroup,
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
