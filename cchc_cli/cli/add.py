"""`cchc add`: a new task, from options or, on a terminal, from answers to prompts."""

# No `from __future__ import annotations` here: Typer reads these signatures at every start,
# and string annotations cost it an eval each (5 ms of `cchc --version`; benchmarks/RESULTS.md).

import sys
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Annotated, Any

import typer

from cchc_cli.cli.changes import carry_out, refusals
from cchc_cli.cli.common import handled, load_dataset, parse_day
from cchc_cli.cli.options import DryRun
from cchc_cli.errors import CchcError, UsageError

if TYPE_CHECKING:
    from cchc_cli.dataset import Dataset

CODES_HELP = "Mã, cách nhau bằng dấu phẩy (hoặc lặp lại tuỳ chọn)."
# The required answers, in the order they are asked for.
_PROMPTS = {
    "title": "Tên nhiệm vụ",
    "lead": "Đơn vị chủ trì (mã)",
    "area": "Lĩnh vực (mã)",
    "start": "Ngày bắt đầu (dd/mm/yyyy)",
    "due": "Hạn hoàn thành (dd/mm/yyyy)",
}
_MISSING = {
    "title": "Thiếu tên nhiệm vụ.",
    "lead": "Thiếu đơn vị chủ trì.",
    "area": "Thiếu lĩnh vực.",
    "start": "Thiếu ngày bắt đầu.",
    "due": "Thiếu hạn hoàn thành.",
}


def _interactive() -> bool:
    """Ask for missing answers only when a person is typing."""
    return sys.stdin.isatty()


def add(
    ctx: typer.Context,
    *,
    title: Annotated[
        str | None,
        typer.Option("--title", metavar="TÊN", help="Tên nhiệm vụ.", show_default=False),
    ] = None,
    lead: Annotated[
        str | None,
        typer.Option(
            "--lead", metavar="MÃ", help="Mã đơn vị chủ trì (data/units.yaml).", show_default=False
        ),
    ] = None,
    area: Annotated[
        str | None,
        typer.Option(
            "--area", metavar="MÃ", help="Mã lĩnh vực (data/areas.yaml).", show_default=False
        ),
    ] = None,
    start: Annotated[
        str | None,
        typer.Option("--start", metavar="NGÀY", help="Ngày bắt đầu.", show_default=False),
    ] = None,
    due: Annotated[
        str | None,
        typer.Option("--due", metavar="NGÀY", help="Hạn hoàn thành.", show_default=False),
    ] = None,
    recurrence: Annotated[
        str,
        typer.Option(
            "--recurrence",
            metavar="KIỂU",
            help="once (một lần), yearly (hằng năm), quarterly (hằng quý), ongoing (thường xuyên).",
        ),
    ] = "once",
    support: Annotated[
        list[str] | None,
        typer.Option(
            "--support", metavar="MÃ", help="Đơn vị phối hợp. " + CODES_HELP, show_default=False
        ),
    ] = None,
    product: Annotated[
        str | None,
        typer.Option(
            "--product",
            metavar="SẢN_PHẨM",
            help="Sản phẩm dự kiến (trường output).",
            show_default=False,
        ),
    ] = None,
    objectives: Annotated[
        list[str] | None,
        typer.Option(
            "--objectives", metavar="MÃ", help="Mục tiêu. " + CODES_HELP, show_default=False
        ),
    ] = None,
    solutions: Annotated[
        list[str] | None,
        typer.Option(
            "--solutions", metavar="MÃ", help="Giải pháp. " + CODES_HELP, show_default=False
        ),
    ] = None,
    indicators: Annotated[
        list[str] | None,
        typer.Option(
            "--indicators", metavar="MÃ", help="Chỉ số. " + CODES_HELP, show_default=False
        ),
    ] = None,
    duties: Annotated[
        list[str] | None,
        typer.Option(
            "--duties",
            metavar="MÃ",
            help="Nhóm nhiệm vụ tổ chức thực hiện. " + CODES_HELP,
            show_default=False,
        ),
    ] = None,
    note: Annotated[
        str | None,
        typer.Option("--note", metavar="GHI_CHÚ", help="Ghi chú.", show_default=False),
    ] = None,
    task_id: Annotated[
        str | None,
        typer.Option(
            "--id",
            metavar="MÃ",
            help="Mã nhiệm vụ. Mặc định: mã tiếp theo của đơn vị chủ trì (VP-24 sau VP-23).",
            show_default=False,
        ),
    ] = None,
    dry_run: DryRun = False,
) -> None:
    """Thêm nhiệm vụ mới vào tệp của đơn vị chủ trì, với mã tiếp theo của đơn vị.

    Thông tin bắt buộc (tên, đơn vị chủ trì, lĩnh vực, ngày bắt đầu, hạn) không ghi trong
    tuỳ chọn được hỏi khi chạy trong cửa sổ lệnh. Toàn bộ kho được kiểm tra cùng nhiệm vụ mới
    trước khi ghi; nếu có lỗi (mã không có, ngày sai thứ tự…) thì không ghi gì.

    Mã thoát: 0 nếu đã thêm, 1 nếu không ghi được (lỗi được in ra), 2 nếu dùng sai lệnh.
    """
    from cchc_cli.edit.add import NewTask, add_task

    given: dict[str, Any] = {"title": title, "lead": lead, "area": area}
    with handled(), refusals():
        given["start"] = parse_day(start, "start") if start is not None else None
        given["due"] = parse_day(due, "due") if due is not None else None
        dataset = load_dataset(ctx)
        missing = [name for name, value in given.items() if value is None]
        if missing and _interactive():
            _ask(dataset, given, missing)
        elif missing:
            raise UsageError(
                _MISSING[missing[0]], "Ghi đủ các tuỳ chọn bắt buộc.", field=missing[0]
            )
        new = NewTask(
            title=given["title"],
            area=given["area"],
            lead=given["lead"],
            start=given["start"],
            due=given["due"],
            recurrence=recurrence.strip().lower(),
            support=_codes(support),
            output=product,
            objectives=_codes(objectives),
            solutions=_codes(solutions),
            indicators=_codes(indicators),
            duties=_codes(duties),
            note=note,
            id=task_id,
        )
        carry_out(add_task(dataset, new), dry_run=dry_run)


def _codes(values: list[str] | None) -> tuple[str, ...]:
    """Codes given as ``--support a,b`` or ``--support a --support b``."""
    return tuple(c.strip() for v in values or () for c in v.split(",") if c.strip())


def _ask(dataset: "Dataset", given: dict[str, Any], missing: list[str]) -> None:
    """Ask for each missing answer; re-ask until it is usable. Ctrl-C or Ctrl-D: “Đã huỷ.”"""
    from cchc_cli.cli.i18n import install
    from cchc_cli.edit.add import area_codes, check_code, unit_codes
    from cchc_cli.edit.inputs import clean_text

    install()
    units, areas = unit_codes(dataset), area_codes(dataset)
    checks: dict[str, Callable[[str], Any]] = {
        "title": lambda text: clean_text(text, "title"),
        "lead": lambda text: check_code(text, units, "lead", "đơn vị"),
        "area": lambda text: check_code(text, areas, "area", "lĩnh vực"),
        "start": lambda text: parse_day(text, "start"),
        "due": lambda text: _due(text, given),
    }
    listed = {"lead": units, "area": areas}
    for name, label in _PROMPTS.items():
        if name not in missing:
            continue
        if name in listed:
            typer.echo("Các mã: " + ", ".join(listed[name]), err=True)
        while True:
            try:
                text: str = typer.prompt(label, type=str)
            except typer.Abort:
                typer.echo(err=True)  # “Đã huỷ.” on its own line, not after the prompt
                raise
            try:
                given[name] = checks[name](text)
                break
            except CchcError as error:
                typer.echo(error.message + (f" {error.hint}" if error.hint else ""), err=True)


def _due(text: str, given: dict[str, Any]) -> date:
    day = parse_day(text, "due")
    if given["start"] is not None and day < given["start"]:
        raise UsageError("Hạn hoàn thành trước ngày bắt đầu.", field="due")
    return day
