"""`cchc export`: the dashboard's facts as a workbook (xlsx) or a table (csv)."""

from __future__ import annotations

from cchc_cli.dataset import Dataset
from cchc_cli.errors import CchcError, UsageError, has_errors
from cchc_cli.status.view import Query

FORMATS = ("xlsx", "csv")


def check_format(given: str) -> str:
    """The format named by `given` (any case); `UsageError` for an unknown one."""
    fmt = given.strip().lower()
    if fmt not in FORMATS:
        raise UsageError(
            f"Định dạng “{given}” không hợp lệ.",
            "Chọn một trong: " + ", ".join(FORMATS) + ".",
            field="output_format",
        )
    return fmt


def make_export(dataset: Dataset, query: Query, fmt: str) -> bytes:
    """The export of valid data as of `query`; `CchcError` when the data has errors and
    `UsageError` for an unknown unit or area."""
    from cchc_cli.export.table import workbook
    from cchc_cli.report.provenance import git_commit
    from cchc_cli.status.view import build

    if has_errors(dataset.problems):
        count = sum(p.is_error for p in dataset.problems)
        raise CchcError(
            f"Dữ liệu có {count} lỗi: không xuất số liệu từ dữ liệu sai.",
            "Chạy “cchc validate” để xem và sửa các lỗi.",
        )
    book = workbook(build(dataset, query), git_commit(dataset.data_dir))
    if fmt == "xlsx":
        from cchc_cli.export.xlsx import to_xlsx

        return to_xlsx(book)
    from cchc_cli.export.csv_text import to_csv

    return to_csv(book.sheets[0])


def default_name(query: Query, fmt: str) -> str:
    """``tien-do-2024-12-31.xlsx``, with the filters: ``tien-do-2024-12-31-van-phong.csv``."""
    parts = ["tien-do", query.as_of.isoformat()]
    parts += [str(v) for v in (query.year, query.unit, query.area) if v is not None]
    return "-".join(parts) + f".{fmt}"
