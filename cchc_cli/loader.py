"""Files -> models: find the data folder, read every file, and locate every problem.

A bad file never stops the run: its problems are collected and the other files are still
read. In a list file (tasks, indicators), the items that are valid are kept even when
others are not, so `cchc status` can show what it can.

Each file is bounded by `Limits` (size, number of values, depth). Clean files are parsed
once; a file's node tree, which locates schema and cross-file problems, is built only for
files that have such problems.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ValidationError

from cchc_cli import textfile, yamlsafe
from cchc_cli.errors import DataNotFoundError, Loc, Problem, os_error_text, sort_problems
from cchc_cli.files import YAML_SUFFIXES, top_level_files, unreadable, yaml_files
from cchc_cli.locate import position
from cchc_cli.models import (
    Area,
    AreasFile,
    Indicator,
    IndicatorsFile,
    Plan,
    Task,
    TasksFile,
    Unit,
    UnitsFile,
)
from cchc_cli.schema_errors import validation_problems
from cchc_cli.yamlsafe import DEFAULT_LIMITS, Limits

__all__ = ["DEFAULT_LIMITS", "Dataset", "Limits", "Located", "load", "load_checked", "read_yaml"]

T = TypeVar("T")
M = TypeVar("M", bound=BaseModel)

PLAN_FILE = "plan.yaml"
AREAS_FILE = "areas.yaml"
UNITS_FILE = "units.yaml"
TASKS_DIR = "tasks"
INDICATORS_DIR = "indicators"
ENV_VAR = "CCHC_DATA"


@dataclass(frozen=True, slots=True)
class Located(Generic[T]):
    """A model with the file and the place in it where it was written."""

    item: T
    path: str
    loc: Loc


@dataclass
class Dataset:
    """Everything read from a data folder, with the problems found on the way."""

    root: Path
    data_dir: Path
    plan: Plan | None = None
    areas: list[Area] = field(default_factory=list)
    units: list[Unit] = field(default_factory=list)
    indicators: list[Located[Indicator]] = field(default_factory=list)
    tasks: list[Located[Task]] = field(default_factory=list)
    # Task entries that failed the schema, as written: their references are still checked,
    # so one run reports every problem of a task, not the schema errors first.
    rejected_tasks: list[Located[dict[str, Any]]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    files: dict[str, Path] = field(default_factory=dict)
    limits: Limits = DEFAULT_LIMITS

    def display(self, path: Path) -> str:
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return path.as_posix()


def find_data_dir(option: Path | None, cwd: Path | None = None) -> Path:
    """The data folder: `--data`, else ``$CCHC_DATA``, else the nearest ``data/plan.yaml`` up.

    `option` may name the repository (holding ``data/plan.yaml``) or the data folder itself.
    """
    given = option if option is not None else (Path(v) if (v := os.environ.get(ENV_VAR)) else None)
    if given is not None:
        source = "--data" if option is not None else ENV_VAR
        for candidate in (given / "data", given):
            try:
                if (candidate / PLAN_FILE).is_file():
                    return candidate.resolve()
            except OSError as exc:
                raise DataNotFoundError(
                    f"Không mở được “{candidate}” (theo {source}): {os_error_text(exc)}.",
                    "Kiểm tra đường dẫn và quyền truy cập thư mục.",
                ) from exc
        raise DataNotFoundError(
            f"Không tìm thấy dữ liệu kế hoạch ở “{given}” (theo {source}).",
            f"Thư mục cần chứa “data/{PLAN_FILE}” hoặc chính “{PLAN_FILE}”.",
        )
    start = (cwd or Path.cwd()).resolve()
    for folder in (start, *start.parents):
        try:
            if (folder / "data" / PLAN_FILE).is_file():
                return folder / "data"
        except OSError:
            continue  # a folder we may not enter cannot be the repository
    raise DataNotFoundError(
        f"Không tìm thấy “data/{PLAN_FILE}” ở thư mục hiện tại hay các thư mục cha.",
        "Chạy lệnh trong kho dữ liệu CCHC, hoặc chỉ rõ bằng “cchc --data THƯ_MỤC …”.",
    )


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cycle collector while building large acyclic data.

    Parsed YAML and frozen models hold no reference cycles, but the collector does not know:
    at 10 000 tasks it rescans the growing heap so often that loading takes twice as long
    (benchmarks/RESULTS.md). Reference counting still frees everything as usual.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _read_text(file: Path, shown: str, limits: Limits) -> tuple[str, list[Problem]]:
    try:
        size = file.stat().st_size
        if size > limits.max_bytes:  # refused before it is read into memory
            return "", [textfile.too_large(shown, size, limits.max_bytes)]
        raw = file.read_bytes()
    except OSError as exc:
        return "", [unreadable(shown, exc)]
    return textfile.decode(raw, shown, limits.max_bytes)


def read_yaml(
    file: Path, shown: str, limits: Limits = DEFAULT_LIMITS
) -> tuple[Any, str, list[Problem]]:
    """``(data, text, problems)`` of one file; data is None when it cannot be used."""
    text, problems = _read_text(file, shown, limits)
    if problems:
        return None, text, problems
    data, problems = yamlsafe.parse(text, shown, limits)
    return data, text, problems


def _validate(
    model: type[M], data: Any, shown: str, text: str, problems: list[Problem], *, limits: Limits
) -> M | None:
    """The file's model, or None after adding its located problems to `problems`."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        tree = yamlsafe.compose(text, limits)
        known = {(p.line, p.col) for p in problems}
        found = validation_problems(exc, model, shown, tree)
        problems.extend(p for p in found if (p.line, p.col) not in known)
        return None


def _load_list(
    dataset: Dataset,
    file: Path,
    model: type[BaseModel],
    key: str,
    item_model: type[M],
) -> list[Located[M]]:
    """The valid items of a list file (``tasks:`` or ``indicators:``)."""
    shown = dataset.display(file)
    dataset.files[shown] = file
    data, text, problems = read_yaml(file, shown, dataset.limits)
    dataset.problems.extend(problems)
    if data is None:
        if not problems:
            dataset.problems.append(_empty(shown, key))
        return []
    whole = _validate(model, data, shown, text, dataset.problems, limits=dataset.limits)
    if whole is not None:
        items: list[M] = getattr(whole, key)
        return [Located(item, shown, (key, i)) for i, item in enumerate(items)]
    raw = data.get(key) if isinstance(data, dict) else None
    if not isinstance(raw, list):
        return []
    kept = []
    for i, entry in enumerate(raw):
        try:
            kept.append(Located(item_model.model_validate(entry), shown, (key, i)))
        except ValidationError:  # already reported with the whole file
            if item_model is Task and isinstance(entry, dict):
                dataset.rejected_tasks.append(Located(entry, shown, (key, i)))
    return kept


def _load_single(dataset: Dataset, file: Path, model: type[M], required: bool) -> M | None:
    shown = dataset.display(file)
    try:
        exists = file.exists()
    except OSError as exc:
        dataset.problems.append(unreadable(shown, exc))
        return None
    if exists and not file.is_file():
        dataset.problems.append(
            Problem(shown, 0, 0, "unreadable", f"“{shown}” phải là một tệp, không phải thư mục.")
        )
        return None
    if not exists:
        if required:
            dataset.problems.append(
                Problem(
                    shown,
                    0,
                    0,
                    "missing-file",
                    f"Thiếu tệp “{shown}”.",
                    "Tạo tệp này (xem README) hoặc chép từ một kho mẫu (“cchc init”).",
                )
            )
        return None
    dataset.files[shown] = file
    data, text, problems = read_yaml(file, shown, dataset.limits)
    dataset.problems.extend(problems)
    if data is None:
        if not problems:
            dataset.problems.append(_empty(shown, None, required=required))
        return None
    return _validate(model, data, shown, text, dataset.problems, limits=dataset.limits)


def _empty(shown: str, key: str | None, *, required: bool = False) -> Problem:
    """An empty file: harmless for a task or indicator file, an error for a required one."""
    if required:
        return Problem(
            shown,
            1,
            1,
            "empty-file",
            "Tệp trống, nhưng đây là tệp bắt buộc.",
            "Điền nội dung theo mẫu (xem README hoặc “cchc init”).",
        )
    hint = f"Tệp cần có khoá “{key}:” với danh sách các mục." if key else ""
    return Problem(shown, 1, 1, "empty-file", "Tệp trống.", hint, level="warning")


def load(data_dir: Path, limits: Limits = DEFAULT_LIMITS) -> Dataset:
    """Read every file of a data folder. Problems are in `Dataset.problems`, unsorted.

    A file over one of the `limits` is reported as a located problem and skipped.
    """
    with _gc_paused():
        return _load(data_dir, limits)


def _load(data_dir: Path, limits: Limits) -> Dataset:
    dataset = Dataset(root=data_dir.parent, data_dir=data_dir, limits=limits)
    dataset.plan = _load_single(dataset, data_dir / PLAN_FILE, Plan, required=True)
    areas = _load_single(dataset, data_dir / AREAS_FILE, AreasFile, required=True)
    units = _load_single(dataset, data_dir / UNITS_FILE, UnitsFile, required=True)
    dataset.areas = list(areas.areas) if areas else []
    dataset.units = list(units.units) if units else []
    indicator_files, problems = yaml_files(data_dir / INDICATORS_DIR, dataset.display)
    dataset.problems += problems
    for file in indicator_files:
        dataset.indicators += _load_list(dataset, file, IndicatorsFile, "indicators", Indicator)
    task_files, problems = yaml_files(data_dir / TASKS_DIR, dataset.display)
    dataset.problems += problems
    for file in task_files:
        dataset.tasks += _load_list(dataset, file, TasksFile, "tasks", Task)
    known = {PLAN_FILE, AREAS_FILE, UNITS_FILE}
    entries, problems = top_level_files(data_dir, dataset.display)
    dataset.problems += problems
    for file in entries:
        if file.suffix.lower() in YAML_SUFFIXES and file.name not in known:
            dataset.problems.append(
                Problem(
                    dataset.display(file),
                    0,
                    0,
                    "unknown-file",
                    "Tệp này không được đọc.",
                    f"Nhiệm vụ đặt trong “{dataset.display(data_dir / TASKS_DIR)}/”, chỉ số "
                    f"trong “{dataset.display(data_dir / INDICATORS_DIR)}/”.",
                    level="warning",
                )
            )
    return dataset


def locate_all(dataset: Dataset, problems: list[Problem]) -> list[Problem]:
    """Problems with a `loc` but no line get one, each file composed at most once."""
    trees: dict[str, Any] = {}
    placed = []
    for problem in problems:
        if problem.line == 0 and problem.loc is not None and problem.path in dataset.files:
            if problem.path not in trees:
                trees[problem.path] = _tree(dataset.files[problem.path], dataset.limits)
            line, col = position(trees[problem.path], problem.loc)
            placed.append(problem.at(line, col))
        else:
            placed.append(problem)
    return placed


def _tree(file: Path, limits: Limits) -> Any:
    text, problems = _read_text(file, file.name, limits)
    return yamlsafe.compose(text, limits) if text and not problems else None


def load_checked(
    data_dir: Path, check: Callable[[Dataset], list[Problem]], limits: Limits = DEFAULT_LIMITS
) -> Dataset:
    """Load, run the cross-file `check`, then locate and sort every problem."""
    with _gc_paused():
        dataset = load(data_dir, limits)
        found = locate_all(dataset, check(dataset))
        # A value the schema refused already has its error there; say one thing per place.
        taken = {(p.path, p.line, p.col) for p in dataset.problems if p.is_error}
        found = [p for p in found if (p.path, p.line, p.col) not in taken]
        dataset.problems = sort_problems(locate_all(dataset, dataset.problems) + found)
    return dataset
