"""The Typer app: parse options, call the core, hand the result to a renderer, set the exit code.

Heavy modules (pydantic models, jinja2, docx) are imported inside the commands that need
them, so `cchc --version` and `cchc --help` start fast.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from cchc_cli import __version__
from cchc_cli.cli_i18n import VietnameseCommand, VietnameseGroup
from cchc_cli.errors import CchcError, ExitCode

if TYPE_CHECKING:
    from cchc_cli.loader import Dataset

app = typer.Typer(
    name="cchc",
    help="Theo dõi kế hoạch cải cách hành chính (CCHC) từ các tệp YAML trong kho dữ liệu.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
    cls=VietnameseGroup,
)


@dataclass(frozen=True)
class Settings:
    """Global options, given before the command."""

    data: Path | None


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


@contextmanager
def handled() -> Iterator[None]:
    """Turn a `CchcError` into a Vietnamese message on stderr and its exit code."""
    from cchc_cli.console import print_error

    try:
        yield
    except CchcError as error:
        print_error(error)
        raise typer.Exit(int(error.exit_code)) from None


def load_dataset(ctx: typer.Context) -> Dataset:
    """Find the data folder, read it, and run the cross-file checks."""
    from cchc_cli.checks import check
    from cchc_cli.loader import find_data_dir, load_checked

    settings: Settings = ctx.obj
    return load_checked(find_data_dir(settings.data), check)


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
            wanted = {dataset.display(f.resolve()) for f in files}
            problems = [p for p in problems if p.path in wanted]
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


@app.command(cls=VietnameseCommand)
def report(
    ctx: typer.Context,
    *,
    year: Annotated[int, typer.Option("--year", metavar="NĂM", help="Năm báo cáo, ví dụ 2024.")],
    period: Annotated[
        str,
        typer.Option(
            "--period",
            metavar="KỲ",
            help="Kỳ báo cáo: q1 (quý I), h1 (6 tháng đầu năm), q3 (quý III), year (năm).",
        ),
    ] = "year",
    output_format: Annotated[
        str, typer.Option("--format", "-f", help="Định dạng: md, html hoặc docx (Word).")
    ] = "md",
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            metavar="TỆP",
            help="Tệp ghi báo cáo; “-” để in ra màn hình (md, html). "
            "Mặc định: reports/NĂM-KỲ.ĐỊNH_DẠNG trong kho dữ liệu.",
            show_default=False,
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Ghi đè tệp đã có.")] = False,
    issued: Annotated[
        str | None,
        typer.Option(
            "--date",
            metavar="NGÀY",
            help="Ngày của báo cáo (dd/mm/yyyy), ghi ở dòng địa danh, ngày tháng. "
            "Mặc định: để trống cho người ký điền.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Lập dự thảo báo cáo định kỳ CCHC (quý I, 6 tháng, quý III, năm) từ dữ liệu kế hoạch.

    Số liệu tính đến ngày chốt số liệu của kỳ, như “cchc status --as-of”. Mẫu trong thư mục
    templates/ của kho dữ liệu thay cho mẫu có sẵn.

    Mã thoát: 0 nếu lập được, 1 nếu dữ liệu hay mẫu có lỗi hoặc tệp đã có, 2 nếu dùng sai lệnh.
    """
    from cchc_cli.fileio import write_atomic
    from cchc_cli.report import make_report, plan_request

    with handled():
        dataset = load_dataset(ctx)
        request = plan_request(
            dataset, year=year, period=period, fmt=output_format, output=output, issued=issued
        )
        content = make_report(dataset, request)
        if request.output is None:
            sys.stdout.write(content if isinstance(content, str) else content.decode())
            return
        data = content.encode("utf-8") if isinstance(content, str) else content
        write_atomic(request.output, data, force=force)
        typer.echo(f"Đã ghi báo cáo: {dataset.display(request.output.resolve())}")


def _interactive() -> bool:
    """Ask for missing `cchc init` answers only when a person is typing."""
    return sys.stdin.isatty()


_INIT_PROMPTS = {
    "agency": "Cơ quan ban hành kế hoạch",
    "agency_code": "Chữ viết tắt của cơ quan (trong số ký hiệu)",
    "province": "Tỉnh, thành phố",
    "start": "Năm bắt đầu giai đoạn",
    "end": "Năm kết thúc giai đoạn",
    "signer_name": "Họ và tên người ký",
    "signer_position": "Chức vụ người ký",
}


@app.command(cls=VietnameseCommand)
def init(
    folder: Annotated[
        Path,
        typer.Argument(help="Thư mục của kho dữ liệu mới.", metavar="THƯ_MỤC", show_default=False),
    ],
    *,
    agency: Annotated[
        str | None,
        typer.Option("--agency", metavar="TÊN", help="Cơ quan ban hành, ví dụ “Sở Công Thương”."),
    ] = None,
    agency_code: Annotated[
        str | None,
        typer.Option(
            "--agency-code", metavar="CHỮ", help="Chữ viết tắt trong số ký hiệu, ví dụ “SCT”."
        ),
    ] = None,
    province: Annotated[
        str | None,
        typer.Option("--province", metavar="TÊN", help="Tỉnh, thành phố, ví dụ “Đồng Tháp”."),
    ] = None,
    governing_body: Annotated[
        str | None,
        typer.Option(
            "--governing-body",
            metavar="TÊN",
            help="Cơ quan chủ quản. Mặc định: “UBND tỉnh” và tên tỉnh.",
            show_default=False,
        ),
    ] = None,
    start: Annotated[
        int | None, typer.Option("--start", metavar="NĂM", help="Năm bắt đầu giai đoạn.")
    ] = None,
    end: Annotated[
        int | None, typer.Option("--end", metavar="NĂM", help="Năm kết thúc giai đoạn.")
    ] = None,
    signer_name: Annotated[
        str | None, typer.Option("--signer-name", metavar="TÊN", help="Họ và tên người ký.")
    ] = None,
    signer_position: Annotated[
        str | None,
        typer.Option(
            "--signer-position", metavar="CHỨC_VỤ", help="Chức vụ người ký, ví dụ “GIÁM ĐỐC”."
        ),
    ] = None,
    par_index_top: Annotated[
        int | None,
        typer.Option(
            "--par-index-top",
            metavar="N",
            help="Chỉ tiêu PAR INDEX: xếp trong tốp N hằng năm. Mặc định: để trống.",
            show_default=False,
        ),
    ] = None,
    sipas_above: Annotated[
        float | None,
        typer.Option(
            "--sipas-above",
            metavar="PHẦN_TRĂM",
            help="Chỉ tiêu SIPAS: trên bao nhiêu % hằng năm. Mặc định: để trống.",
            show_default=False,
        ),
    ] = None,
    cchc_repo: Annotated[
        str | None,
        typer.Option(
            "--cchc-repo",
            metavar="URL",
            help="Địa chỉ git của mã nguồn cchc, để pre-commit và CI cài từ đó. "
            "Mặc định: pre-commit dùng lệnh cchc đã cài trên máy.",
            show_default=False,
        ),
    ] = None,
    force: Annotated[
        bool,
        typer.Option("--force", help="Ghi vào thư mục không trống (ghi đè tệp trùng tên)."),
    ] = False,
) -> None:
    """Tạo kho dữ liệu CCHC mới: kế hoạch, lĩnh vực, đơn vị, nhiệm vụ mẫu, chỉ số, mẫu báo cáo,
    cấu hình pre-commit, GitHub Actions, GitLab CI và VS Code.

    Thông tin không ghi trong tuỳ chọn được hỏi khi chạy trong cửa sổ lệnh, hoặc lấy giá trị
    mặc định khi chạy trong kịch bản. Kho vừa tạo qua được “cchc validate” ngay.

    Mã thoát: 0 nếu tạo được, 1 nếu thư mục không trống (thiếu --force) hay không ghi được,
    2 nếu dùng sai lệnh.
    """
    from dataclasses import fields

    from cchc_cli.scaffold import InitOptions, build_files, check_target, write_files

    given: dict[str, Any] = {
        "agency": agency,
        "agency_code": agency_code,
        "province": province,
        "governing_body": governing_body,
        "start": start,
        "end": end,
        "signer_name": signer_name,
        "signer_position": signer_position,
        "par_index_top": par_index_top,
        "sipas_above": sipas_above,
        "cchc_repo": cchc_repo,
    }
    with handled():
        check_target(folder, force=force)  # before asking anything
        if _interactive():
            defaults = {f.name: f.default for f in fields(InitOptions)}
            for name, label in _INIT_PROMPTS.items():
                if given[name] is None:
                    given[name] = typer.prompt(label, default=defaults[name])
        answers = {name: value for name, value in given.items() if value is not None}
        options = InitOptions(**answers)
        for path, state in write_files(folder, build_files(options), force=force):
            typer.echo(f"{state}: {path.as_posix()}")
        typer.echo(
            f"\nĐã tạo kho dữ liệu ở “{folder.as_posix()}”. Tiếp theo:\n"
            f"  cd {folder.as_posix()}\n"
            "  git init\n"
            "  pre-commit install        # kiểm tra dữ liệu mỗi lần commit\n"
            "  cchc validate"
        )


def main() -> None:
    """Console-script entry point."""
    app()
