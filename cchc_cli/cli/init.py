"""`cchc init`: scaffold a new data repository."""

# No `from __future__ import annotations` here: Typer reads these signatures at every start,
# and string annotations cost it an eval each (5 ms of `cchc --version`; benchmarks/RESULTS.md).

import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from cchc_cli.cli.common import handled


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
            "Mặc định: pre-commit dùng lệnh cchc đã cài trên máy; CI chờ được cấu hình.",
            show_default=False,
        ),
    ] = None,
    cchc_rev: Annotated[
        str | None,
        typer.Option(
            "--cchc-rev",
            metavar="PHIÊN_BẢN",
            help="Tag (hoặc mã commit) của kho --cchc-repo để cài; phải có thật trong kho đó. "
            "Mặc định: tag của phiên bản cchc đang chạy (v và số phiên bản).",
            show_default=False,
        ),
    ] = None,
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help="Ghi vào thư mục không trống (ghi đè tệp trùng tên). Ghi hỏng giữa chừng thì "
            "gỡ các tệp vừa ghi.",
        ),
    ] = False,
) -> None:
    """Tạo kho dữ liệu CCHC mới, qua được “cchc validate” ngay.

    Gồm kế hoạch, lĩnh vực, đơn vị, nhiệm vụ mẫu, chỉ số, mẫu báo cáo, cấu hình pre-commit,
    GitHub Actions, GitLab CI và VS Code.

    Thông tin không ghi trong tuỳ chọn được hỏi khi chạy trong cửa sổ lệnh, hoặc lấy giá trị
    mặc định khi chạy trong kịch bản.

    Mọi chỗ cần ghi được kiểm tra trước khi ghi tệp đầu tiên; nếu vẫn ghi hỏng giữa chừng,
    các tệp vừa ghi được gỡ và tệp bị ghi đè lấy lại nội dung cũ.

    Mã thoát: 0 nếu tạo được, 1 nếu thư mục không trống (thiếu --force) hay không ghi được,
    2 nếu dùng sai lệnh.
    """
    from cchc_cli.init.scaffold import InitOptions, build_files
    from cchc_cli.init.write import check_target, write_files

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
        "cchc_rev": cchc_rev,
    }
    with handled():
        check_target(folder, force=force)  # before asking anything
        if _interactive():
            _ask(given)
        answers = {name: value for name, value in given.items() if value is not None}
        options = InitOptions(**answers)
        for path, replaced in write_files(folder, build_files(options), force=force):
            typer.echo(f"{'đã ghi đè' if replaced else 'đã tạo'}: {path.as_posix()}")
        typer.echo(
            f"\nĐã tạo kho dữ liệu ở “{folder.as_posix()}”. Tiếp theo:\n"
            f"  cd {folder.as_posix()}\n"
            "  git init\n"
            "  git add -A                 # pre-commit chỉ kiểm tra tệp đã “git add”\n"
            "  pre-commit install         # kiểm tra dữ liệu mỗi lần commit\n"
            "  pre-commit run --all-files\n"
            "Cấu hình CI (GitHub, GitLab): xem README.md của kho."
        )


def _ask(given: dict[str, Any]) -> None:
    """Ask for each answer not given as an option; re-ask until it is usable.

    Ctrl-C or Ctrl-D stops with “Đã huỷ.” (exit 1), nothing written.
    """
    from dataclasses import fields

    from cchc_cli.cli.i18n import install
    from cchc_cli.init.scaffold import InitOptions, text_problem, year_problem

    install()  # Vietnamese “Đã huỷ.” when the user stops at a prompt
    defaults = {f.name: f.default for f in fields(InitOptions)}
    for name, label in _INIT_PROMPTS.items():
        if given[name] is not None:
            continue
        while True:
            try:
                text: str = typer.prompt(label, default=str(defaults[name]), type=str)
            except typer.Abort:
                typer.echo(err=True)  # “Đã huỷ.” on its own line, not after the prompt
                raise
            value: Any
            if name in ("start", "end"):
                after = given["start"] if name == "end" else None
                value, problem = year_problem(text, after=after)
            else:
                value, problem = text.strip(), text_problem(text)
                problem = problem and f"Câu trả lời {problem}."
            if problem is None:
                given[name] = value
                break
            typer.echo(problem, err=True)
