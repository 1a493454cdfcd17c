"""`cchc status`: progress as of a date, by area, unit and year, with indicators."""

# No `from __future__ import annotations` here: Typer reads these signatures at every start,
# and string annotations cost it an eval each (5 ms of `cchc --version`; benchmarks/RESULTS.md).

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from cchc_cli.cli.common import (
    STDOUT,
    exit_if_invalid,
    handled,
    load_dataset,
    parse_day,
    write_output,
)
from cchc_cli.cli.options import (
    Area,
    Force,
    Parents,
    Year,
    as_of_option,
    output_option,
    unit_option,
)
from cchc_cli.errors import UsageError

if TYPE_CHECKING:
    from cchc_cli.dataset import Dataset
    from cchc_cli.status.text import Shown
    from cchc_cli.status.view import Query, View

FORMATS = ("text", "json", "html")
DEFAULT_LIMIT = 20  # rows of each list (text, page): enough to act on, short enough to read
# How the text and the page say the way to see every row of a list.
MORE = {"text": "dùng --all", "html": "dùng --all để xem hết"}


def status(
    ctx: typer.Context,
    *,
    as_of: Annotated[
        str | None,
        as_of_option("Xem tình hình đến ngày này (dd/mm/yyyy hoặc yyyy-mm-dd). Mặc định: hôm nay."),
    ] = None,
    year: Year = None,
    unit: Annotated[
        str | None, unit_option("Mã đơn vị chủ trì: danh sách việc của đơn vị.")
    ] = None,
    area: Area = None,
    output_format: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            help="Cách trình bày: text, json, hoặc html (một trang có biểu đồ, mở bằng trình "
            "duyệt, không cần mạng).",
        ),
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
    output: Annotated[
        str | None,
        output_option(
            "Ghi ra tệp này; “-” để in ra màn hình. Mặc định: in ra màn hình (text, "
            "json); với html: reports/tinh-hinh-NGÀY.html trong kho dữ liệu."
        ),
    ] = None,
    force: Force = False,
    parents: Parents = False,
    open_page: Annotated[
        bool,
        typer.Option("--open", help="Mở tệp vừa ghi bằng trình duyệt mặc định (với html)."),
    ] = False,
    limit: Annotated[
        int | None,
        typer.Option(
            "--limit",
            metavar="N",
            help=f"Mỗi danh sách hiện nhiều nhất N dòng (mặc định {DEFAULT_LIMIT}); "
            "JSON luôn đủ mọi dòng.",
            show_default=False,
        ),
    ] = None,
    show_all: Annotated[
        bool, typer.Option("--all", help="Hiện mọi dòng của mỗi danh sách.")
    ] = False,
) -> None:
    """Tình hình thực hiện kế hoạch đến một ngày: hoàn thành, quá hạn, sắp đến hạn, chỉ số.

    Định dạng html: một trang có biểu đồ trong một tệp, xem được cả khi không có mạng.

    Dữ liệu có lỗi: vẫn hiện phần đọc được; các lỗi in ra stderr như “cchc validate”.

    Mã thoát: 0 nếu dữ liệu hợp lệ, 1 nếu dữ liệu có lỗi, 2 nếu dùng sai lệnh.
    """
    from cchc_cli.output.formats import format_named
    from cchc_cli.status.text import renderer
    from cchc_cli.status.view import build

    with handled():
        fmt = format_named(output_format, FORMATS)
        to_file = output not in (None, STDOUT) or (output is None and fmt == "html")
        if open_page and not (fmt == "html" and to_file):
            raise UsageError(
                "Chỉ mở được trang html đã ghi ra tệp.",
                "Dùng cùng --format html, không dùng --output -.",
                field="open",
            )
        lines = shown(limit, show_all, MORE.get(fmt, ""))
        query = make_query(
            as_of, year=year, unit=unit, area=area, soon_days=soon_days, stale_days=stale_days
        )
        dataset = load_dataset(ctx)
        view = build(dataset, query)
        if fmt != "html" and not to_file:
            renderer(fmt, lines)(view, None)
        else:
            target = write_output(
                dataset,
                _content(view, fmt, dataset, lines),
                output,
                _default_path(dataset, view),
                force=force,
                parents=parents,
                written="Đã ghi trang tổng quan" if fmt == "html" else "Đã ghi tệp",
            )
            if open_page and target is not None:
                _open_in_browser(target)
        exit_if_invalid(dataset)


def _content(view: "View", fmt: str, dataset: "Dataset", lines: "Shown") -> str:
    """The output of `fmt` as text: the page, the JSON, or the plain text dashboard."""
    import io

    from cchc_cli.status.json import render_json, to_json

    if fmt == "html":
        from cchc_cli.status.html import render_html

        return render_html(to_json(view), dataset.root, lines)
    if fmt == "json":
        return render_json(view)
    from cchc_cli.status.text import print_text

    buffer = io.StringIO()
    print_text(view, buffer, lines)
    return buffer.getvalue()


def _default_path(dataset: "Dataset", view: "View") -> Path:
    """``reports/tinh-hinh-2025-12-31.html`` in the repository; filters add ``-2025``,
    ``-tthc``, ``-van-phong``."""
    q = view.query
    parts = [q.as_of.isoformat(), *(str(p) for p in (q.year, q.area, q.unit) if p is not None)]
    return dataset.root / "reports" / f"tinh-hinh-{'-'.join(parts)}.html"


def _open_in_browser(target: Path) -> None:
    """Open the written file in the default browser; a failure is said, not fatal."""
    import webbrowser

    if not webbrowser.open(target.resolve().as_uri()):
        typer.echo("Không mở được trình duyệt; hãy mở tệp trên bằng tay.", err=True)


def shown(limit: int | None, show_all: bool, more: str = MORE["text"]) -> "Shown":
    """How many rows of each list the text or the page shows: `limit`, every row, or the
    default; `more` says how to see the rest."""
    from cchc_cli.status.text import Shown

    if limit is not None and show_all:
        raise UsageError("Dùng --limit hoặc --all, không dùng cả hai.")
    if limit is not None and limit < 0:
        raise UsageError(f"Số dòng phải từ 0 trở lên (đang là {limit}).", field="limit")
    if show_all:
        return Shown()
    return Shown(DEFAULT_LIMIT if limit is None else limit, more)


def make_query(
    as_of: str | None,
    *,
    year: int | None = None,
    unit: str | None = None,
    area: str | None = None,
    soon_days: int | None = None,
    stale_days: int | None = None,
    today: date | None = None,
) -> "Query":
    """A `Query` from command-line values; `UsageError` for a bad date or a negative window.

    `as_of` is ``dd/mm/yyyy`` or ``yyyy-mm-dd``; None means `today` (default: the system date).
    """
    from cchc_cli.engine.progress import DEFAULT_RULES, Rules
    from cchc_cli.status.view import Query

    day = (today or date.today()) if as_of is None else parse_day(as_of, "as_of")
    if year is not None and not 1900 <= year <= 2200:
        raise UsageError(f"Năm {year} không hợp lệ.", "Ví dụ: 2024.", field="year")
    for field, value in (("soon_days", soon_days), ("stale_days", stale_days)):
        if value is not None and value < 0:
            raise UsageError(f"Số ngày phải từ 0 trở lên (đang là {value}).", field=field)
    rules = Rules(
        soon_days=DEFAULT_RULES.soon_days if soon_days is None else soon_days,
        stale_days=DEFAULT_RULES.stale_days if stale_days is None else stale_days,
    )
    return Query(day, year, unit.strip() if unit else None, area.strip() if area else None, rules)
