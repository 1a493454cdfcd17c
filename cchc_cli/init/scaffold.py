"""`cchc init`: the files of a new data repository, built in memory (`build_files`).

The files come from the package data in ``cchc_cli/init/scaffold_files/`` (the same tree as
the output; a leading ``dot-`` in a name stands for ``.``, which packaging tools may drop).
Files ending in ``.j2`` are Jinja templates; the others are copied as they are. ``__start__``
in a file name becomes the plan's first year (``data/par/assessments/2021.yaml``,
``data/statistics/2021.yaml``).
``templates/`` receives a copy of the built-in report templates (the files at the top of
the built-in folder, which staff are meant to adapt; not its subfolders, whose templates
then keep improving with cchc), and ``schemas/`` the JSON Schemas of `cchc schema`, with
the codes of the new data.

`build_files` is pure (options in, ``{path: bytes}`` out) and checks that the data it made
loads; `cchc_cli.init.write` puts the files on disk, all or nothing.
"""

from __future__ import annotations

import json
import shlex
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any

from cchc_cli import __version__
from cchc_cli.errors import UsageError
from cchc_cli.models.indicators import IndicatorsFile
from cchc_cli.models.par import ParAssessmentFile, ParCriteriaFile
from cchc_cli.models.plan import AreasFile, Plan, UnitsFile
from cchc_cli.models.reports import ReportsFile
from cchc_cli.models.statistics import MetricsFile, StatisticsFile
from cchc_cli.models.tasks import TasksFile
from cchc_cli.output.json_schema import Vocabulary, rendered
from cchc_cli.read import yaml_reader
from cchc_cli.report.templates import builtin_dir
from cchc_cli.templating import environment
from cchc_cli.text_vi import first_control, printable

SCAFFOLD_DIR = "scaffold_files"
TEMPLATE_SUFFIX = ".j2"
DOT_PREFIX = "dot-"
START_MARK = "__start__"  # in a file name: the plan's first year (assessments/2021.yaml)
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
        """These options, or a `UsageError` whose `field` names the one that is wrong."""
        texts = {
            "agency": self.agency,
            "agency_code": self.agency_code,
            "province": self.province,
            "governing_body": self.governing_body or "x",
            "signer_name": self.signer_name,
            "signer_position": self.signer_position,
            "cchc_repo": self.cchc_repo or "x",
            "cchc_rev": self.cchc_rev or "x",
        }
        for name, value in texts.items():
            if problem := text_problem(value):
                raise UsageError(f"Giá trị {problem}.", field=name)
        for name, given in (("cchc_repo", self.cchc_repo), ("cchc_rev", self.cchc_rev)):
            if given and " " in given.strip():
                raise UsageError("Giá trị không được có dấu cách.", field=name)
        if self.cchc_rev is not None and not self.cchc_repo:
            raise UsageError(
                "Phiên bản cchc chỉ dùng cùng địa chỉ kho mã nguồn cchc.",
                "Ghi cả địa chỉ kho mã nguồn cchc và phiên bản (tag) cần cài.",
                field="cchc_rev",
            )
        for name, year in (("start", self.start), ("end", self.end)):
            if not MIN_YEAR <= year <= MAX_YEAR:
                raise UsageError(f"Năm “{year}” không hợp lệ.", "Ví dụ: 2021.", field=name)
        if self.start > self.end:
            raise UsageError(
                f"Năm bắt đầu ({self.start}) sau năm kết thúc ({self.end}).",
                "Kiểm tra năm bắt đầu và năm kết thúc.",
                field="end",
            )
        if self.par_index_top is not None and self.par_index_top < 1:
            raise UsageError("Hạng phải là số nguyên dương.", field="par_index_top")
        if self.sipas_above is not None and not 0 <= self.sipas_above <= 100:
            raise UsageError("Tỷ lệ phải từ 0 đến 100 (%).", field="sipas_above")
        return self


def text_problem(value: str) -> str | None:
    """Why `value` cannot be a one-line text answer (“không được trống …”), or None.

    Line and paragraph separators (U+2028, U+2029, U+0085) break a line as a newline does.
    """
    if not value.strip() or "\n" in value:
        return "không được trống hay xuống dòng"
    if "\t" in value:
        return "không được chứa ký tự tab (dùng dấu cách)"
    index = first_control(value)
    if index is not None:
        char = value[index]
        return (
            f"không được chứa ký tự xuống dòng hay ký tự điều khiển {printable(char)} "
            f"(U+{ord(char):04X}, vị trí {index + 1})"
        )
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
    return environment(filters={"q": _yaml_text}, trim_blocks=False)


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
    context = _context(options.checked())
    env = _environment()
    files: dict[str, bytes] = {}
    for name, entry in _walk(resources.files("cchc_cli.init") / SCAFFOLD_DIR):
        content = entry.read_bytes()
        if name.endswith(TEMPLATE_SUFFIX):
            text = env.from_string(content.decode("utf-8")).render(context)
            content = text.encode("utf-8")
        files[_target(name).replace(START_MARK, str(options.start))] = content
    for entry in sorted(builtin_dir().iterdir(), key=lambda e: e.name):
        if entry.is_file():
            files[f"templates/{entry.name}"] = entry.read_bytes()
    vocabulary = _vocabulary(files)
    for name, content in rendered(vocabulary).items():
        files[f"schemas/{name}"] = content
    return dict(sorted(files.items()))


def _read(files: dict[str, bytes], name: str, model: type[Any]) -> Any:
    """A scaffolded data file as its model; a broken template is a bug, so it raises."""
    data, problems = yaml_reader.parse(files[name].decode("utf-8"), name)
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
    _read(files, "data/reports.yaml", ReportsFile)
    for name in files:
        if name.startswith("data/tasks/"):
            _read(files, name, TasksFile)
        elif name.startswith("data/par/assessments/"):
            _read(files, name, ParAssessmentFile)
        elif name.startswith("data/statistics/"):
            _read(files, name, StatisticsFile)
    criteria = [
        _read(files, name, ParCriteriaFile)
        for name in files
        if name.startswith("data/par/criteria/")
    ]
    catalogue: MetricsFile = _read(files, "data/metrics.yaml", MetricsFile)
    return Vocabulary.of(
        plan,
        list(areas.areas),
        list(units.units),
        indicators,
        par_criteria=criteria,
        catalogue=catalogue,
    )
