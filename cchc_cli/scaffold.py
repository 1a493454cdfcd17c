"""`cchc init`: the files of a new data repository, built in memory, then written.

The files come from the package data in ``cchc_cli/scaffold/`` (the same tree as the output;
a leading ``dot-`` in a name stands for ``.``, which packaging tools may drop). Files ending
in ``.j2`` are Jinja templates; the others are copied as they are. ``templates/`` receives a
copy of the built-in report templates, and ``schemas/`` the JSON Schemas of `cchc schema`,
with the codes of the new data.

`build_files` is pure (options in, ``{path: bytes}`` out) and checks that the data it made
loads; `write_files` is the only part that touches the disk: it checks every target first
(a file standing where a folder must go, a folder where a file must go) and undoes its
writes when one fails, so a failed `cchc init --force` leaves the folder as it was.
"""

from __future__ import annotations

import contextlib
import errno
import json
import re
import shlex
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

from cchc_cli import __version__, yamlsafe
from cchc_cli.errors import CchcError, UsageError
from cchc_cli.fileio import write_atomic
from cchc_cli.models import AreasFile, IndicatorsFile, Plan, TasksFile, UnitsFile
from cchc_cli.schemas import Vocabulary, rendered

TEMPLATE_SUFFIX = ".j2"
DOT_PREFIX = "dot-"
KEEP_IN_EMPTY_DIR = {".git"}  # `git init` first, then `cchc init .`
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
MIN_YEAR, MAX_YEAR = 1900, 2200


@dataclass(frozen=True)
class Unit:
    code: str
    name: str
    kind: str


@dataclass(frozen=True)
class InitOptions:
    """What `cchc init` asks for. The defaults are those of a script run without options."""

    agency: str = "Sở Công Thương"
    agency_code: str = "SCT"
    province: str = "Đồng Tháp"
    governing_body: str | None = None  # None: "UBND tỉnh <province>"
    start: int = 2021
    end: int = 2030
    signer_name: str = "Họ và tên người ký"
    signer_position: str = "GIÁM ĐỐC"
    par_index_top: int | None = None  # target: rank <= N every year
    sipas_above: float | None = None  # target: satisfaction > X % every year
    cchc_repo: str | None = None  # git URL of cchc, for pre-commit and CI
    cchc_rev: str | None = None  # tag or commit of cchc_repo; None: v<this version>

    def checked(self) -> InitOptions:
        """These options, or a `UsageError` saying which one is wrong."""
        texts = {
            "--agency": self.agency,
            "--agency-code": self.agency_code,
            "--province": self.province,
            "--governing-body": self.governing_body or "x",
            "--signer-name": self.signer_name,
            "--signer-position": self.signer_position,
            "--cchc-repo": self.cchc_repo or "x",
            "--cchc-rev": self.cchc_rev or "x",
        }
        for option, value in texts.items():
            if problem := text_problem(value):
                raise UsageError(f"Giá trị của {option} {problem}.")
        for option, given in (("--cchc-repo", self.cchc_repo), ("--cchc-rev", self.cchc_rev)):
            if given and " " in given.strip():
                raise UsageError(f"Giá trị của {option} không được có dấu cách.")
        if self.cchc_rev is not None and not self.cchc_repo:
            raise UsageError(
                "--cchc-rev chỉ dùng cùng --cchc-repo.",
                "Ghi cả địa chỉ kho mã nguồn cchc: --cchc-repo URL --cchc-rev PHIÊN_BẢN.",
            )
        for option, year in (("--start", self.start), ("--end", self.end)):
            if not MIN_YEAR <= year <= MAX_YEAR:
                raise UsageError(f"Năm {option} “{year}” không hợp lệ.", "Ví dụ: 2021.")
        if self.start > self.end:
            raise UsageError(
                f"Năm bắt đầu ({self.start}) sau năm kết thúc ({self.end}).",
                "Kiểm tra --start và --end.",
            )
        if self.par_index_top is not None and self.par_index_top < 1:
            raise UsageError("--par-index-top phải là số nguyên dương (hạng).")
        if self.sipas_above is not None and not 0 <= self.sipas_above <= 100:
            raise UsageError("--sipas-above phải từ 0 đến 100 (%).")
        return self


def text_problem(value: str) -> str | None:
    """Why `value` cannot be a one-line text answer (“không được trống …”), or None."""
    if not value.strip() or _CONTROL.search(value):
        return "không được trống hay xuống dòng"
    return None


def year_problem(text: str, *, after: int | None = None) -> tuple[int | None, str | None]:
    """A year typed at a prompt: ``(year, None)``, or ``(None, why it is refused)``."""
    try:
        year = int(text.strip())
    except ValueError:
        return None, f"“{text.strip()}” không phải một năm. Ví dụ: 2021."
    if not MIN_YEAR <= year <= MAX_YEAR:
        return None, f"Năm “{year}” không hợp lệ (từ {MIN_YEAR} đến {MAX_YEAR})."
    if after is not None and year < after:
        return None, f"Năm kết thúc phải từ năm bắt đầu ({after}) trở đi."
    return year, None


def _units(of_agency: str) -> list[Unit]:
    return [
        Unit("van-phong", "Văn phòng" + of_agency, "van-phong"),
        Unit("thanh-tra", "Thanh tra" + of_agency, "thanh-tra"),
    ]


def _context(options: InitOptions) -> dict[str, Any]:
    """The template variables: the options plus the sentences made from them."""
    o = options
    of_agency = " Sở" if o.agency.startswith("Sở ") else ""
    number = f"{o.sipas_above:g}" if o.sipas_above is not None else ""
    repo = (o.cchc_repo or "").strip()
    rev = (o.cchc_rev or "").strip() or f"v{__version__}"
    return {
        **asdict(o),
        "cchc_repo": repo,
        "cchc_rev": rev,
        "governing_body": o.governing_body or f"UBND tỉnh {o.province}",
        "place": o.province,
        "title": f"Kế hoạch Cải cách hành chính {o.agency} giai đoạn {o.start} - {o.end}",
        "of_agency": of_agency,
        "units": _units(of_agency),
        "version": __version__,
        "pip_spec": f"git+{repo}@{rev}" if repo else "",
        "unconfigured_github": _unconfigured(".github/workflows/cchc.yml", "::error::"),
        "unconfigured_gitlab": _unconfigured(".gitlab-ci.yml", ""),
        "funding": f"Kinh phí thực hiện Kế hoạch từ nguồn kinh phí tự chủ của {o.agency}.",
        "par_index_text": (
            f"Chỉ số cải cách hành chính (PAR INDEX) của {o.agency} hằng năm xếp trong tốp "
            f"{o.par_index_top} các sở, ban, ngành"
            if o.par_index_top is not None
            else "Nâng cao Chỉ số cải cách hành chính (PAR INDEX) hằng năm (ghi chỉ tiêu cụ thể)"
        ),
        "sipas_text": (
            f"Chỉ số hài lòng về sự phục vụ hành chính (SIPAS) hằng năm đạt trên {number} %"
            if o.sipas_above is not None
            else "Nâng cao mức độ hài lòng của người dân, tổ chức (SIPAS) (ghi chỉ tiêu cụ thể)"
        ),
    }


def _unconfigured(file: str, prefix: str) -> str:
    """The CI step written without --cchc-repo: it fails, saying what to change."""
    message = (
        f"{prefix}Chưa cấu hình cách cài cchc (cchc không có trên PyPI): sửa bước cài cchc "
        f"trong {file} theo chú thích ở đó."
    )
    return f"echo {shlex.quote(message)} && exit 1"


def _yaml_text(value: Any) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(str(value), ensure_ascii=False)


def _environment() -> Any:
    from jinja2 import Environment, StrictUndefined

    env = Environment(undefined=StrictUndefined, keep_trailing_newline=True, autoescape=False)
    env.filters["q"] = _yaml_text
    return env


def _walk(folder: Traversable, prefix: str = "") -> Iterator[tuple[str, Traversable]]:
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name == "__pycache__":
            continue
        name = prefix + entry.name
        if entry.is_dir():
            yield from _walk(entry, name + "/")
        else:
            yield name, entry


def _target(name: str) -> str:
    parts = [
        "." + part.removeprefix(DOT_PREFIX) if part.startswith(DOT_PREFIX) else part
        for part in name.split("/")
    ]
    return "/".join(parts).removesuffix(TEMPLATE_SUFFIX)


def build_files(options: InitOptions) -> dict[str, bytes]:
    """Every file of the new repository: ``{"data/plan.yaml": b"...", ...}``, POSIX paths."""
    package = resources.files("cchc_cli")
    context = _context(options.checked())
    env = _environment()
    files: dict[str, bytes] = {}
    for name, entry in _walk(package / "scaffold"):
        content = entry.read_bytes()
        if name.endswith(TEMPLATE_SUFFIX):
            text = env.from_string(content.decode("utf-8")).render(context)
            content = text.encode("utf-8")
        files[_target(name)] = content
    report_templates = package / "templates"
    if report_templates.is_dir():
        for name, entry in _walk(report_templates):
            files[f"templates/{name}"] = entry.read_bytes()
    vocabulary = _vocabulary(files)
    for name, content in rendered(vocabulary).items():
        files[f"schemas/{name}"] = content
    return dict(sorted(files.items()))


def _read(files: dict[str, bytes], name: str, model: type[Any]) -> Any:
    """A scaffolded data file as its model; a broken template is a bug, so it raises."""
    data, problems = yamlsafe.parse(files[name].decode("utf-8"), name)
    if problems:
        raise AssertionError(f"scaffold template {name}: {problems}")
    return model.model_validate(data)


def _vocabulary(files: dict[str, bytes]) -> Vocabulary:
    plan: Plan = _read(files, "data/plan.yaml", Plan)
    areas: AreasFile = _read(files, "data/areas.yaml", AreasFile)
    units: UnitsFile = _read(files, "data/units.yaml", UnitsFile)
    indicators = [
        item
        for name in files
        if name.startswith("data/indicators/")
        for item in _read(files, name, IndicatorsFile).indicators
    ]
    for name in files:
        if name.startswith("data/tasks/"):
            _read(files, name, TasksFile)
    return Vocabulary.of(plan, list(areas.areas), list(units.units), indicators)


def check_target(folder: Path, *, force: bool) -> None:
    """Refuse a folder that is a file (or inside one), or holds anything but ``.git``,
    unless `force`."""
    if blocker := _blocker(folder):
        raise CchcError(
            f"“{blocker.as_posix()}” là một tệp, không phải thư mục: "
            f"không tạo được kho ở “{folder.as_posix()}”.",
            "Chọn một thư mục khác.",
        )
    if force or not folder.is_dir():
        return
    try:
        others = sorted(p.name for p in folder.iterdir() if p.name not in KEEP_IN_EMPTY_DIR)
    except OSError as exc:
        raise CchcError(f"Không đọc được thư mục “{folder.as_posix()}”: {os_reason(exc)}.") from exc
    if others:
        shown = ", ".join(others[:5]) + (", …" if len(others) > 5 else "")
        raise CchcError(
            f"Thư mục “{folder.as_posix()}” không trống (có {shown}).",
            "Chọn một thư mục mới hoặc trống; hoặc dùng --force để ghi các tệp mẫu vào đó "
            "(tệp trùng tên sẽ bị ghi đè).",
        )


def _blocker(path: Path) -> Path | None:
    """The file that stands where `path` or one of its folders should be, or None."""
    for place in (path, *path.parents):
        if place.is_dir():
            return None
        if place.exists() or place.is_symlink():
            return place
    return None


def os_reason(exc: OSError) -> str:
    """Why a file operation failed, in Vietnamese (the system's own text is English)."""
    reasons = {
        errno.EACCES: "không có quyền",
        errno.EPERM: "không có quyền",
        errno.ENOTDIR: "một phần của đường dẫn là tệp, không phải thư mục",
        errno.EISDIR: "đã có thư mục cùng tên",
        errno.EEXIST: "đã có tệp hay thư mục cùng tên",
        errno.ENOSPC: "ổ đĩa hết chỗ",
        errno.EROFS: "ổ đĩa chỉ cho đọc",
        errno.ENAMETOOLONG: "tên quá dài",
        errno.ENOENT: "không tìm thấy",
    }
    if exc.errno in reasons:
        return reasons[exc.errno]
    code = errno.errorcode.get(exc.errno or 0)
    return f"lỗi hệ thống {code}" if code else "lỗi hệ thống"


@dataclass
class _Undo:
    """What `write_files` changed, to put back when a later write fails."""

    created_files: list[Path] = field(default_factory=list)
    created_dirs: list[Path] = field(default_factory=list)
    replaced: dict[Path, bytes] = field(default_factory=dict)

    def run(self) -> None:
        for path in reversed(self.created_files):
            with contextlib.suppress(OSError):
                path.unlink()
        for path, old in self.replaced.items():
            with contextlib.suppress(OSError):
                path.write_bytes(old)
        for folder in sorted(self.created_dirs, key=lambda p: len(p.parts), reverse=True):
            with contextlib.suppress(OSError):
                folder.rmdir()


def _plan_writes(folder: Path, files: dict[str, bytes]) -> tuple[list[Path], _Undo]:
    """Every target path, and an undo record holding the files that will be overwritten.

    Refuses (before anything is written) a file or folder standing where the scaffold needs
    the other kind, and an existing file that cannot be read back for the undo.
    """
    undo = _Undo()
    targets = [folder.joinpath(*name.split("/")) for name in files]
    in_the_way = sorted(
        {b for t in targets if (b := _blocker(t.parent)) is not None}
        | {t for t in targets if t.is_dir()}
    )
    if in_the_way:
        shown = ", ".join(f"“{p.as_posix()}”" for p in in_the_way[:5])
        raise CchcError(
            f"Không tạo được kho ở “{folder.as_posix()}”: {shown} chắn chỗ của tệp mẫu "
            "(tệp ở chỗ cần thư mục, hay thư mục ở chỗ cần tệp). Chưa ghi tệp nào.",
            "Đổi tên hay dời các mục đó đi, hoặc chọn một thư mục khác.",
        )
    missing: set[Path] = set()
    for target in targets:
        for parent in (target.parent, *target.parent.parents):
            if parent.is_dir():
                break
            missing.add(parent)
        if target.is_file():
            try:
                undo.replaced[target] = target.read_bytes()
            except OSError as exc:
                raise CchcError(
                    f"Không đọc được tệp “{target.as_posix()}” để ghi đè: {os_reason(exc)}. "
                    "Chưa ghi tệp nào."
                ) from exc
    undo.created_dirs = sorted(missing)
    return targets, undo


def write_files(
    folder: Path, files: dict[str, bytes], *, force: bool = False
) -> list[tuple[Path, bool]]:
    """Write `files` under `folder`, all or nothing (as far as the disk allows).

    Everything that can be checked is checked before the first write. If a write still
    fails, the files written so far are removed, overwritten ones get their old content
    back, and new folders are removed; then a `CchcError` says what failed. Returns each
    path written, in order, with whether it replaced a file.
    """
    check_target(folder, force=force)
    targets, undo = _plan_writes(folder, files)
    try:
        for target, content in zip(targets, files.values(), strict=True):
            existed = target in undo.replaced
            _write(target, content)
            if not existed:
                undo.created_files.append(target)
    except CchcError as error:
        undo.run()
        raise CchcError(
            f"{error.message} Đã gỡ các tệp vừa ghi; thư mục giữ nguyên như trước.", error.hint
        ) from error
    return [(target, target in undo.replaced) for target in targets]


def _write(path: Path, content: bytes) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise CchcError(
            f"Không tạo được thư mục “{path.parent.as_posix()}”: {os_reason(exc)}."
        ) from exc
    try:
        write_atomic(path, content, force=True)
    except CchcError as error:
        cause = error.__cause__
        reason = os_reason(cause) if isinstance(cause, OSError) else error.message
        raise CchcError(f"Không ghi được tệp “{path.as_posix()}”: {reason}.") from error
