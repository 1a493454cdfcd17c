"""`cchc report`: report drafts (periodic reports; the PAR INDEX self-assessment report)."""

# No `from __future__ import annotations` here: Typer reads these signatures at every start,
# and string annotations cost it an eval each (5 ms of `cchc --version`; benchmarks/RESULTS.md).

from pathlib import PurePath
from typing import Annotated

import typer

from cchc_cli.cli.common import STDOUT, handled, load_dataset, parse_day, write_output
from cchc_cli.cli.options import Force, Parents, date_option, output_option
from cchc_cli.errors import UsageError

KINDS = ("periodic", "par")


def report(
    ctx: typer.Context,
    *,
    year: Annotated[int, typer.Option("--year", metavar="NĂM", help="Năm báo cáo, ví dụ 2024.")],
    period: Annotated[
        str | None,
        typer.Option(
            "--period",
            metavar="KỲ",
            help="Kỳ báo cáo: q1 (quý I), h1 (6 tháng đầu năm), q3 (quý III), year (năm). "
            "Mặc định: year.",
            show_default=False,
        ),
    ] = None,
    kind: Annotated[
        str,
        typer.Option(
            "--kind",
            metavar="LOẠI",
            help="Loại báo cáo: periodic (báo cáo định kỳ CCHC) hoặc par (báo cáo kết quả tự "
            "đánh giá, chấm điểm Chỉ số cải cách hành chính năm --year, từ "
            "data/par/assessments/).",
        ),
    ] = "periodic",
    output_format: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            help="Định dạng: md, html hoặc docx (Word). Mặc định: theo đuôi tệp của --output "
            "(.md, .html, .docx), nếu không thì md.",
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        str | None,
        output_option(
            "Tệp ghi báo cáo; “-” để in ra màn hình (md, html). "
            "Mặc định: reports/NĂM-KỲ.ĐỊNH_DẠNG trong kho dữ liệu (NĂM-par.ĐỊNH_DẠNG với "
            "--kind par)."
        ),
    ] = None,
    force: Force = False,
    parents: Parents = False,
    settings: Annotated[
        list[str] | None,
        typer.Option(
            "--set",
            metavar="KHOÁ=GIÁ_TRỊ",
            help="Đổi một thiết lập của data/reports.yaml cho lần chạy này, ví dụ "
            '--set requested_by="Công văn số 15/SNV-CCHC ngày 01/12/2024 của Sở Nội vụ"; '
            "dùng nhiều lần được. Khoá: report_to, requested_by, q3 (quarter hoặc "
            "nine-months), own_task, recipients (các nơi cách nhau bằng “;”), "
            "signer.position, signer.deputy_position, signer.name; báo cáo --kind par: "
            "report_to, requested_by, recipients, signer.*.",
            show_default=False,
        ),
    ] = None,
    issued: Annotated[
        str | None,
        date_option(
            "Ngày của báo cáo (dd/mm/yyyy), ghi ở dòng địa danh, ngày tháng. "
            "Mặc định: để trống cho người ký điền."
        ),
    ] = None,
) -> None:
    """Lập dự thảo báo cáo định kỳ CCHC (quý I, 6 tháng, quý III, năm) từ dữ liệu kế hoạch,
    hoặc báo cáo kết quả tự đánh giá, chấm điểm Chỉ số CCHC (--kind par).

    Số liệu tính đến ngày chốt số liệu của kỳ, như “cchc status --as-of”. Mẫu trong thư mục
    templates/ của kho dữ liệu thay cho mẫu có sẵn.

    Mã thoát: 0 nếu lập được, 1 nếu dữ liệu hay mẫu có lỗi hoặc tệp đã có, 2 nếu dùng sai lệnh.
    """
    from cchc_cli.report.render import make_par_report, make_report
    from cchc_cli.report.templates import FORMATS

    with handled():
        fmt = _format(output_format, output, FORMATS)
        if output == STDOUT and fmt == "docx":
            raise UsageError(
                "Không thể ghi tệp Word (docx) ra màn hình.",
                "Dùng --output TỆP.docx, hoặc bỏ --output để ghi vào thư mục reports/.",
            )
        which = kind.strip().lower()
        if which not in KINDS:
            raise UsageError(
                f"Loại báo cáo “{kind}” không hợp lệ.",
                "Chọn một trong: " + ", ".join(KINDS) + ".",
            )
        if which == "par" and period is not None:
            raise UsageError(
                "Báo cáo tự đánh giá (--kind par) là báo cáo của cả năm, không có kỳ báo cáo.",
                "Bỏ --period; năm đánh giá ghi ở --year.",
            )
        day = parse_day(issued, "issued") if issued is not None else None
        dataset = load_dataset(ctx)
        if which == "par":
            content = make_par_report(dataset, year, fmt, issued=day, overrides=settings or [])
            slug = f"{year}-par"
        else:
            found, content = make_report(
                dataset, period or "year", year, fmt, issued=day, overrides=settings or []
            )
            slug = found.slug
        write_output(
            dataset,
            content,
            output,
            dataset.root / "reports" / f"{slug}.{fmt}",
            force=force,
            parents=parents,
            written="Đã ghi báo cáo",
        )


# Names of the formats a report is written in, and of those it is not (a file that its
# extension says is one of them would not open).
_SUFFIXES = {"htm": "html", "markdown": "md"}
_NOT_WRITTEN = {"doc", "odt", "rtf", "pdf", "txt", "xls", "xlsx", "csv"}


def _format(asked: str | None, output: str | None, formats: tuple[str, ...]) -> str:
    """The format asked for, else the one the output file's extension names, else md; a
    usage error when the two disagree (Markdown under a .docx name Word cannot open)."""
    named = None
    if output not in (None, STDOUT):
        suffix = PurePath(output).suffix.lower().lstrip(".")
        if suffix in _NOT_WRITTEN:
            raise UsageError(
                f"Không lập được báo cáo dạng .{suffix} (tệp “{output}”).",
                "Dùng đuôi .docx (Word), .html hoặc .md.",
                field="output",
            )
        named = _SUFFIXES.get(suffix, suffix if suffix in formats else None)
    if asked is None:
        return named or "md"
    fmt = asked.strip().lower()
    if fmt not in formats:
        raise UsageError(
            f"Định dạng “{asked}” không hợp lệ.", "Chọn một trong: " + ", ".join(formats) + "."
        )
    if named is not None and named != fmt:
        raise UsageError(
            f"Tệp “{output}” có đuôi .{named} nhưng --format là {fmt}: tệp sẽ không mở được.",
            f"Đổi đuôi tệp thành .{fmt}, hoặc bỏ --format để ghi theo đuôi tệp.",
            field="output",
        )
    return fmt
