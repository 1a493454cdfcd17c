"""Options that several commands share, as `Annotated` types for their signatures.

An option gets a type here when it means the same in every command that has it: the same
name, value, help and default. An option that only looks alike keeps its own declaration in
its command: ``--force`` of `update` and `done` allows a date after today (`ForceDate`),
of `init` writes into a folder that is not empty, of `schema` replaces only what differs,
none of them the `Force` of a file written whole; ``--year`` of `report` and `par` is the
year of the report or assessment, not a filter (`Year`); ``--note`` and ``--area`` of `add`
belong to the new task. Where the meaning is shared but each command words its help for
itself (``--as-of``, ``--unit``, ``--date``, ``--output``), a function builds the option
from that help.

Typer copies each option it reads from an annotation (typer ≥ 0.29), so one object may
serve many commands.
"""

from __future__ import annotations

from typing import Annotated, Any

import typer

# --- writing a file: status, export, report --------------------------------------------------


def output_option(text: str) -> Any:
    """``--output TỆP`` (``-o``) with the help `text`: the file to write, ``-`` for the
    screen (`cchc_cli.cli.common.write_output`)."""
    return typer.Option("--output", "-o", metavar="TỆP", help=text, show_default=False)


Force = Annotated[bool, typer.Option("--force", help="Ghi đè tệp đã có.")]
Parents = Annotated[
    bool,
    typer.Option(
        "--parents",
        help="Tạo thư mục của tệp --output nếu chưa có (mặc định: báo lỗi, tránh gõ nhầm "
        "tên thư mục).",
    ),
]

# --- what the progress figures cover: status, export -----------------------------------------

Year = Annotated[
    int | None,
    typer.Option(
        "--year", metavar="NĂM", help="Chỉ các kỳ có hạn trong năm này.", show_default=False
    ),
]
Area = Annotated[
    str | None,
    typer.Option("--area", metavar="MÃ", help="Mã lĩnh vực cải cách.", show_default=False),
]


def as_of_option(text: str) -> Any:
    """``--as-of NGÀY`` with the help `text`: the day the figures are as of (None: today)."""
    return typer.Option("--as-of", metavar="NGÀY", help=text, show_default=False)


def unit_option(text: str) -> Any:
    """``--unit MÃ`` with the help `text`: the lead unit whose tasks are counted."""
    return typer.Option("--unit", metavar="MÃ", help=text, show_default=False)


def date_option(text: str) -> Any:
    """``--date NGÀY`` with the help `text`: the day of an update, a completion or a report."""
    return typer.Option("--date", metavar="NGÀY", help=text, show_default=False)


# --- recording progress: update, done (and add: --dry-run) -----------------------------------

TaskId = Annotated[
    str,
    typer.Argument(help="Mã nhiệm vụ, ví dụ VP-03.", metavar="MÃ_NHIỆM_VỤ", show_default=False),
]
Period = Annotated[
    str | None,
    typer.Option(
        "--period",
        metavar="KỲ",
        help="Kỳ của nhiệm vụ hằng năm (2024) hoặc hằng quý (2024-Q3).",
        show_default=False,
    ),
]
Note = Annotated[
    str | None,
    typer.Option("--note", metavar="NỘI_DUNG", help="Việc đã làm.", show_default=False),
]
Evidence = Annotated[
    str | None,
    typer.Option(
        "--evidence",
        metavar="VĂN_BẢN",
        help="Tài liệu kiểm chứng: số, ký hiệu, ngày văn bản.",
        show_default=False,
    ),
]
Result = Annotated[
    str | None,
    typer.Option(
        "--result",
        metavar="CÂU",
        help="Kết quả như báo cáo sẽ viết: một câu ở thì quá khứ.",
        show_default=False,
    ),
]
DryRun = Annotated[
    bool, typer.Option("--dry-run", help="Chỉ in phần thay đổi (dạng git diff), không ghi tệp.")
]
ForceDate = Annotated[bool, typer.Option("--force", help="Cho phép ghi ngày sau hôm nay.")]
