"""What every command shares: global settings, finding the data, option values, writing
the output, and turning errors into Vietnamese messages and exit codes.

The core never names a command-line option: its errors carry the `field` at fault
(``as_of``, ``year``, ``force``…), and `handled` words it as the option (``--as-of``).
"""

from __future__ import annotations

import errno
import gc
import io
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from cchc_cli.errors import CchcError, DataNotFoundError, ExitCode, SwitchError, UsageError

if TYPE_CHECKING:
    from cchc_cli.dataset import Dataset

ENV_VAR = "CCHC_DATA"
STDOUT = "-"  # the --output that means the screen
# Fields whose option is not simply "--" + the field name with dashes.
_OPTIONS = {"output_format": "--format", "issued": "--date"}


@dataclass(frozen=True)
class Settings:
    """Global options, given before the command."""

    data: Path | None
    cache: bool = True  # keep each file's parse in .cchc-cache/ (off: --no-cache)


def option_name(field: str) -> str:
    """The command-line option of a field: ``as_of`` → ``--as-of``."""
    return _OPTIONS.get(field, "--" + field.replace("_", "-"))


def worded(error: CchcError) -> CchcError:
    """`error` with the option of its `field` named, as the user typed it."""
    if error.field is None:
        return error
    option = option_name(error.field)
    if isinstance(error, SwitchError):
        hint = f"Dùng {option} để {error.action}" + (f", hoặc {error.hint}." if error.hint else ".")
        return CchcError(error.message, hint)
    return CchcError(f"{error.message.rstrip('.')} (tuỳ chọn {option}).", error.hint)


@contextmanager
def handled() -> Iterator[None]:
    """Turn a `CchcError` into a Vietnamese message on stderr and its exit code.

    An `OSError` that a command did not expect (a folder that cannot be read, a full disk)
    is the user's environment, not a bug: it gets a message too, never a traceback.
    """
    from cchc_cli.output.console import print_error

    try:
        yield
    except CchcError as error:
        print_error(worded(error))
        raise typer.Exit(int(error.exit_code)) from None
    except OSError as error:
        print_error(os_failure(error))
        raise typer.Exit(int(ExitCode.INVALID)) from None


def os_failure(error: OSError) -> CchcError:
    """The message of a read or write the operating system refused."""
    from cchc_cli.text_vi import os_error_text  # only on failure: 1 ms of every start

    if isinstance(error, StdoutClosedError):
        return CchcError(
            "Không ghi được kết quả: đầu ra chuẩn (stdout) đã bị đóng.",
            "Chuyển kết quả vào một tệp (“> ket-qua.txt”) thay vì đóng nó (“>&-”).",
        )
    where = f" “{Path(error.filename).as_posix()}”" if error.filename else ""
    return CchcError(
        f"Không đọc hoặc ghi được{where}: {os_error_text(error)}.",
        "Kiểm tra đường dẫn, quyền truy cập và chỗ trống trên ổ đĩa.",
    )


class StdoutClosedError(OSError):
    """A write to a standard output that the shell closed (``cchc validate >&-``)."""


class ClosedOutput(io.TextIOBase):
    """Stands in for a closed standard output (Python leaves ``sys.stdout`` None): every
    write fails with `StdoutClosedError`, reported like any other failed write."""

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        if not text:
            return 0  # nothing lost: a command with nothing to say still succeeds
        raise StdoutClosedError(errno.EBADF, "standard output is closed")

    def flush(self) -> None:
        """Nothing was written: nothing to flush at exit."""


def guard_streams() -> None:
    """Make closed standard streams safe: writing to a closed stdout is a reported failure
    (exit 1), and messages for a closed stderr are dropped (nobody can read them)."""
    if sys.stdout is None:
        sys.stdout = ClosedOutput()
    if sys.stderr is None:
        sys.stderr = Path(os.devnull).open("w", encoding="utf-8")  # noqa: SIM115 (for the run)


def find_data_dir(option: Path | None, cwd: Path | None = None) -> Path:
    """The data folder: `--data`, else ``$CCHC_DATA``, else the nearest ``data/plan.yaml`` up.

    `option` may name the repository (holding ``data/plan.yaml``) or the data folder itself.
    """
    from cchc_cli.dataset import PLAN_FILE
    from cchc_cli.read.discover import data_dir_above, data_dir_in

    given = option if option is not None else (Path(v) if (v := os.environ.get(ENV_VAR)) else None)
    if given is not None:
        source = "--data" if option is not None else ENV_VAR
        try:
            found = data_dir_in(given)
        except OSError as exc:
            from cchc_cli.text_vi import os_error_text

            where = exc.filename or given
            raise DataNotFoundError(
                f"Không mở được “{Path(where).parent}” (theo {source}): {os_error_text(exc)}.",
                "Kiểm tra đường dẫn và quyền truy cập thư mục.",
            ) from exc
        if found is None:
            raise DataNotFoundError(
                f"Không tìm thấy dữ liệu kế hoạch ở “{given}” (theo {source}).",
                f"Thư mục cần chứa “data/{PLAN_FILE}” hoặc chính “{PLAN_FILE}”.",
            )
        return found
    found = data_dir_above(cwd or Path.cwd())
    if found is None:
        raise DataNotFoundError(
            f"Không tìm thấy “data/{PLAN_FILE}” ở thư mục hiện tại hay các thư mục cha.",
            "Chạy lệnh trong kho dữ liệu CCHC, hoặc chỉ rõ bằng “cchc --data THƯ_MỤC …”.",
        )
    return found


def data_named(ctx: typer.Context) -> bool:
    """Whether the user named the data folder (``--data`` or ``CCHC_DATA``)."""
    settings: Settings = ctx.obj
    return settings.data is not None or bool(os.environ.get(ENV_VAR))


def load_dataset(ctx: typer.Context) -> Dataset:
    """Find the data folder, read it, and run the cross-file checks; a final PAR
    self-assessment gives its year's PAR INDEX score (`engine.par_index`)."""
    from cchc_cli.checks import check
    from cchc_cli.dataset import DEFAULT_LIMITS
    from cchc_cli.engine.par_index import with_appraised_index
    from cchc_cli.read.cache import CACHE_DIR, ParseCache
    from cchc_cli.read.loader import load_checked

    settings: Settings = ctx.obj
    data_dir = find_data_dir(settings.data)
    cache = ParseCache(data_dir.parent / CACHE_DIR) if settings.cache else None
    # The data set lives until the command ends and holds no reference cycles, yet the
    # cycle collector would scan it once as soon as it is turned back on after loading, and
    # again at every full collection: at 10 000 tasks 0.05 s, then 0.3-0.7 s of `cchc
    # status` (benchmarks/RESULTS.md). So it is frozen before the collector is back on.
    # Frozen objects are still freed by reference counting.
    gc.disable()
    try:
        dataset = with_appraised_index(load_checked(data_dir, check, DEFAULT_LIMITS, cache))
        gc.freeze()
    finally:
        gc.enable()
    return dataset


def parse_day(text: str, field: str) -> date:
    """A date typed as an option value (dd/mm/yyyy or yyyy-mm-dd); `UsageError` otherwise."""
    from cchc_cli.models.base import parse_date

    try:
        value = parse_date(text)
    except ValueError:
        value = None
    if not isinstance(value, date):
        hint = "Viết ngày dạng dd/mm/yyyy, ví dụ 31/12/2022 (hoặc 2022-12-31)."
        odd = [ch for ch in text if ch.isdigit() and not ch.isascii()]
        if odd:
            hint = (
                f"Chữ số “{odd[0]}” (U+{ord(odd[0]):04X}) không phải chữ số 0-9 thường: gõ lại "
                "bằng bàn phím số. " + hint
            )
        raise UsageError(f"Ngày “{text}” không hợp lệ.", hint, field=field)
    return value


def exit_if_invalid(dataset: Dataset) -> None:
    """For a command that shows what it could read of invalid data: the errors on stderr as
    `cchc validate` prints them, then exit 1. Nothing when the data has no error."""
    if not any(p.is_error for p in dataset.problems):
        return
    from cchc_cli.output.console import print_diagnostics
    from cchc_cli.output.diagnostics import format_text, summary

    print_diagnostics(format_text(dataset.problems), sys.stderr)
    typer.echo(summary(dataset.problems, len(dataset.files), len(dataset.tasks)), err=True)
    raise typer.Exit(int(ExitCode.INVALID))


def write_output(
    dataset: Dataset,
    content: str | bytes,
    output: str | None,
    default: Path,
    *,
    force: bool,
    parents: bool,
    written: str,
) -> Path | None:
    """Put a command's output where ``--output`` says and return the file written (None for
    the screen).

    ``-`` is standard output. Otherwise the file `output` (or `default` when none is given)
    is created whole and exclusively (`write_atomic`): an existing file is replaced only
    with `force`, a missing folder is an error unless `parents`, but the folder of `default`
    (``reports/``, ``exports/`` in the repository) is ours to create. Then ``{written}:
    path`` is said on stdout.
    """
    from cchc_cli.output.write import write_atomic

    if output == STDOUT:
        to_stdout(content)
        return None
    if output is not None and not output.strip():
        raise UsageError(
            "Tên tệp để trống.",
            f"Ghi tên tệp (ví dụ “{default.name}”), “-” để in ra màn hình, hoặc bỏ --output.",
            field="output",
        )
    if output and output.endswith(tuple(filter(None, ("/", os.sep, os.altsep)))):
        raise UsageError(
            f"“{output}” là một thư mục (kết thúc bằng “{output[-1]}”), không phải tên tệp.",
            f"Ghi cả tên tệp, ví dụ “{output}{default.name}”.",
            field="output",
        )
    target = Path(output) if output else default
    data = content.encode("utf-8") if isinstance(content, str) else content
    write_atomic(target, data, force=force, parents=parents or not output)
    typer.echo(f"{written}: {dataset.display(target.resolve())}")
    return target


def to_stdout(content: str | bytes) -> None:
    """`content` on standard output; bytes as they are (CSV's CRLF rows are not translated
    again), through the text stream where there is no byte stream under it."""
    if isinstance(content, str):
        sys.stdout.write(content)
        return
    sys.stdout.flush()
    stream = getattr(sys.stdout, "buffer", None)
    if stream is None:
        sys.stdout.write(content.decode("utf-8"))
    else:
        stream.write(content)
        stream.flush()
