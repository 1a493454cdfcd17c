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
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from cchc_cli.dataset import (
    AREAS_FILE,
    DEFAULT_LIMITS,
    INDICATORS_DIR,
    PLAN_FILE,
    TASKS_DIR,
    UNITS_FILE,
    Dataset,
    Limits,
    Located,
)
from cchc_cli.errors import Problem, sort_problems
from cchc_cli.models import (
    AreasFile,
    Indicator,
    IndicatorsFile,
    Plan,
    Task,
    TasksFile,
    UnitsFile,
)
from cchc_cli.read import decode, yaml_reader
from cchc_cli.read.cache import Entry, ParseCache
from cchc_cli.read.discover import YAML_SUFFIXES, top_level_files, unreadable, yaml_files
from cchc_cli.read.locate import position
from cchc_cli.read.schema_problems import validation_problems

M = TypeVar("M", bound=BaseModel)


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
            return "", [decode.too_large(shown, size, limits.max_bytes)]
        raw = file.read_bytes()
    except OSError as exc:
        return "", [unreadable(shown, exc)]
    return decode.utf8_text(raw, shown, limits.max_bytes)


def read_yaml(
    file: Path, shown: str, limits: Limits = DEFAULT_LIMITS
) -> tuple[Any, str, list[Problem]]:
    """``(data, text, problems)`` of one file; data is None when it cannot be used."""
    text, problems = _read_text(file, shown, limits)
    if problems:
        return None, text, problems
    data, problems = yaml_reader.parse(text, shown, limits)
    return data, text, problems


def _validate(
    model: type[M], data: Any, shown: str, text: str, problems: list[Problem], *, limits: Limits
) -> M | None:
    """The file's model, or None after adding its located problems to `problems`."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        tree = yaml_reader.compose(text, limits)
        known = {(p.line, p.col) for p in problems}
        found = validation_problems(exc, model, shown, tree)
        problems.extend(p for p in found if (p.line, p.col) not in known)
        return None


def _read_model(
    dataset: Dataset, file: Path, shown: str, model: type[M], cache: ParseCache | None
) -> tuple[Any, M | None, list[Problem]]:
    """``(data, model, problems of reading)`` of one file; every problem is added to the
    dataset. Data is None when the file cannot be used (a model read from the cache stands
    for its data); the model is None when the schema refused the data.

    With a `cache`, a text read before is not parsed again, and a file the schema accepted
    comes back as its model's JSON, which pydantic reads at its own speed.
    """
    text, problems = _read_text(file, shown, dataset.limits)
    if problems:
        dataset.problems.extend(problems)
        return None, None, problems
    found = None if cache is None else cache.get(shown, text, dataset.limits)
    if found is not None and found.dump is not None:
        try:
            kept = model.model_validate_json(found.dump)
        except ValidationError:
            found = None  # not a dump of this model: read the file itself
        else:
            dataset.problems.extend(found.problems)
            return kept, kept, found.problems
    if found is not None:
        data, problems = found.data, found.problems
    else:
        data, problems = yaml_reader.parse(text, shown, dataset.limits)
    dataset.problems.extend(problems)
    if data is None:
        return None, None, problems
    whole = _validate(model, data, shown, text, dataset.problems, limits=dataset.limits)
    if cache is not None and found is None:
        cache.put(shown, text, dataset.limits, _entry(whole, data, problems))
    return data, whole, problems


def _entry(whole: BaseModel | None, data: Any, problems: list[Problem]) -> Entry:
    """What the cache keeps of a file: its model's JSON when the schema accepted it."""
    if whole is not None:
        try:
            return Entry(problems, dump=whole.model_dump_json(exclude_unset=True).encode())
        except ValueError:  # pydantic cannot write it as JSON: keep the data
            pass
    return Entry(problems, data=data)


def _load_list(
    dataset: Dataset,
    file: Path,
    model: type[BaseModel],
    key: str,
    item_model: type[M],
    *,
    cache: ParseCache | None = None,
) -> list[Located[M]]:
    """The valid items of a list file (``tasks:`` or ``indicators:``)."""
    shown = dataset.display(file)
    dataset.files[shown] = file
    data, whole, problems = _read_model(dataset, file, shown, model, cache)
    if data is None:
        if not problems:
            dataset.problems.append(_empty(shown, key))
        return []
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


def _load_single(
    dataset: Dataset, file: Path, model: type[M], required: bool, *, cache: ParseCache | None
) -> M | None:
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
    data, whole, problems = _read_model(dataset, file, shown, model, cache)
    if data is None and not problems:
        dataset.problems.append(_empty(shown, None, required=required))
    return whole


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


def load(
    data_dir: Path, limits: Limits = DEFAULT_LIMITS, cache: ParseCache | None = None
) -> Dataset:
    """Read every file of a data folder. Problems are in `Dataset.problems`, unsorted.

    A file over one of the `limits` is reported as a located problem and skipped. With a
    `cache` (`cchc_cli.read.cache`), only the files whose text changed are parsed.
    """
    with _gc_paused():
        dataset = _load(data_dir, limits, cache)
    if cache is not None:
        cache.close()
    return dataset


def _load(data_dir: Path, limits: Limits, cache: ParseCache | None) -> Dataset:
    dataset = Dataset(root=data_dir.parent, data_dir=data_dir, limits=limits)
    dataset.plan = _load_single(dataset, data_dir / PLAN_FILE, Plan, required=True, cache=cache)
    areas = _load_single(dataset, data_dir / AREAS_FILE, AreasFile, required=True, cache=cache)
    units = _load_single(dataset, data_dir / UNITS_FILE, UnitsFile, required=True, cache=cache)
    dataset.areas = list(areas.areas) if areas else []
    dataset.units = list(units.units) if units else []
    indicator_files, problems = yaml_files(data_dir / INDICATORS_DIR, dataset.display)
    dataset.problems += problems
    for file in indicator_files:
        dataset.indicators += _load_list(
            dataset, file, IndicatorsFile, "indicators", Indicator, cache=cache
        )
    task_files, problems = yaml_files(data_dir / TASKS_DIR, dataset.display)
    dataset.problems += problems
    for file in task_files:
        dataset.tasks += _load_list(dataset, file, TasksFile, "tasks", Task, cache=cache)
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
    return yaml_reader.compose(text, limits) if text and not problems else None


def load_checked(
    data_dir: Path,
    check: Callable[[Dataset], list[Problem]],
    limits: Limits = DEFAULT_LIMITS,
    cache: ParseCache | None = None,
) -> Dataset:
    """Load (see `load`), run the cross-file `check`, then locate and sort every problem."""
    with _gc_paused():
        dataset = load(data_dir, limits, cache)
        found = locate_all(dataset, check(dataset))
        # A value the schema refused already has its error there; say one thing per place.
        taken = {(p.path, p.line, p.col) for p in dataset.problems if p.is_error}
        found = [p for p in found if (p.path, p.line, p.col) not in taken]
        dataset.problems = sort_problems(locate_all(dataset, dataset.problems) + found)
    return dataset
