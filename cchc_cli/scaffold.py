"""`cchc init`: the files of a new data repository, built in memory, then written.

The files come from the package data in ``cchc_cli/scaffold/`` (the same tree as the output;
a leading ``dot-`` in a name stands for ``.``, which packaging tools may drop). Files ending
in ``.j2`` are Jinja templates; the others are copied as they are. ``templates/`` receives a
copy of the built-in report templates, and ``schemas/`` the JSON Schemas of `cchc schema`,
with the codes of the new data.

`build_files` is pure (options in, ``{path: bytes}`` out) and checks that the data it made
loads; `write_files` is the only part that touches the disk.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import asdict, dataclass
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
        }
        for option, value in texts.items():
            if not value.strip() or _CONTROL.search(value):
                raise UsageError(f"Giá trị của {option} không được trống hay xuống dòng.")
        if self.cchc_repo and " " in self.cchc_repo.strip():
            raise UsageError("Địa chỉ --cchc-repo không được có dấu cách.")
        for option, year in (("--start", self.start), ("--end", self.end)):
            if not 1900 <= year <= 2200:
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
    return {
        **asdict(o),
        "cchc_repo": repo,
        "governing_body": o.governing_body or f"UBND tỉnh {o.province}",
        "place": o.province,
        "title": f"Kế hoạch Cải cách hành chính {o.agency} giai đoạn {o.start} - {o.end}",
        "of_agency": of_agency,
        "units": _units(of_agency),
        "version": __version__,
        "pip_spec": f"git+{repo}@v{__version__}" if repo else f"cchc=={__version__}",
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
    """Refuse a folder that is a file, or holds anything but ``.git``, unless `force`."""
    if folder.exists() and not folder.is_dir():
        raise CchcError(f"“{folder.as_posix()}” là một tệp, không phải thư mục.")
    if force or not folder.is_dir():
        return
    others = sorted(p.name for p in folder.iterdir() if p.name not in KEEP_IN_EMPTY_DIR)
    if others:
        shown = ", ".join(others[:5]) + (", …" if len(others) > 5 else "")
        raise CchcError(
            f"Thư mục “{folder.as_posix()}” không trống (có {shown}).",
            "Chọn một thư mục mới hoặc trống; hoặc dùng --force để ghi các tệp mẫu vào đó "
            "(tệp trùng tên sẽ bị ghi đè).",
        )


def write_files(
    folder: Path, files: dict[str, bytes], *, force: bool = False
) -> Iterator[tuple[Path, str]]:
    """Write `files` under `folder`; yield each path with what happened to it."""
    check_target(folder, force=force)
    for name, content in files.items():
        path = folder.joinpath(*name.split("/"))
        existed = path.exists()
        write_atomic(path, content, force=True)
        yield path, "đã ghi đè" if existed else "đã tạo"
