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
    METRICS_FILE,
    PAR_ASSESSMENTS_DIR,
    PAR_CRITERIA_DIR,
    PAR_DIR,
    PAR_RESULTS_DIR,
    PLAN_FILE,
    REPORTS_FILE,
    STATISTICS_DIR,
    TASKS_DIR,
    UNITS_FILE,
    AssessmentSheet,
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
    ReportsFile,
    Task,
    TasksFile,
    UnitsFile,
)
from cchc_cli.models_par import ParAssessmentFile, ParCriteriaFile, ParResultsFile, ParScore
from cchc_cli.read import decode, overlay, yaml_reader
from cchc_cli.read.discover import (
    YAML_SUFFIXES,
    read_bytes,
    top_level_files,
    unreadable,
    yaml_files,
)
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
    if (changed := overlay.content(file)) is not None:  # a write command checking its change
        return decode.utf8_text(changed, shown, limits.max_bytes)
    raw, problems = read_bytes(file, shown, limits.max_bytes)
    if raw is None:
        return "", problems
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
        file.lstat()  # a broken link is there, and unreadable: not a missing file
    except FileNotFoundError:
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
    except OSError as exc:
        dataset.problems.append(unreadable(shown, exc, path=file))
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
    dataset.reports = _load_single(dataset, data_dir / REPORTS_FILE, ReportsFile, required=False)
    dataset.areas = list(areas.areas) if areas else []
    dataset.units = list(units.units) if units else []
    indicator_files, problems = yaml_files(data_dir / INDICATORS_DIR, dataset.display)
    dataset.problems += problems
    for file in indicator_files:
        dataset.indicators += _load_list(dataset, file, IndicatorsFile, "indicators", Indicator)
    task_files, problems = yaml_files(data_dir / TASKS_DIR, dataset.display)
    task_files = overlay.including(task_files, data_dir / TASKS_DIR)
    dataset.problems += problems
    for file in task_files:
        dataset.tasks += _load_list(dataset, file, TasksFile, "tasks", Task)
    _load_par(dataset)
    _load_statistics(dataset)
    known = {PLAN_FILE, AREAS_FILE, UNITS_FILE, REPORTS_FILE, METRICS_FILE}
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
                    f"trong “{dataset.display(data_dir / INDICATORS_DIR)}/”, số liệu thống kê "
                    f"trong “{dataset.display(data_dir / STATISTICS_DIR)}/”.",
                    level="warning",
                )
            )
    return dataset


def _read_document(dataset: Dataset, file: Path) -> tuple[Any, str, str]:
    """``(data, text, shown)`` of a one-document file; data is None when it cannot be used."""
    shown = dataset.display(file)
    dataset.files[shown] = file
    data, text, problems = read_yaml(file, shown, dataset.limits)
    dataset.problems.extend(problems)
    if data is None and not problems:
        dataset.problems.append(_empty(shown, None))
    return data, text, shown


def _load_par(dataset: Dataset) -> None:
    """The PAR INDEX files: criteria sets, yearly assessments, published results.

    An assessment whose score entries are partly invalid keeps the valid ones (and the
    header), as a task file keeps its valid tasks, so `cchc par` shows what it can.
    """
    base, par = dataset.data_dir / PAR_DIR, dataset.par
    for file in _par_files(dataset, base / PAR_CRITERIA_DIR):
        data, text, shown = _read_document(dataset, file)
        if data is None:
            continue
        criteria = _validate(
            ParCriteriaFile, data, shown, text, dataset.problems, limits=dataset.limits
        )
        if criteria is not None:
            par.criteria.append(Located(criteria, shown, ()))
        elif isinstance(data, dict) and isinstance(data.get("id"), str):
            par.broken_criteria.add(data["id"])
    for file in _par_files(dataset, base / PAR_ASSESSMENTS_DIR):
        data, text, shown = _read_document(dataset, file)
        if data is None:
            continue
        whole = _validate(
            ParAssessmentFile, data, shown, text, dataset.problems, limits=dataset.limits
        )
        if whole is not None:
            par.assessments.append(AssessmentSheet(whole, shown, tuple(range(len(whole.scores)))))
        elif (sheet := _salvage_assessment(data, shown)) is not None:
            par.assessments.append(sheet)
    for file in _par_files(dataset, base / PAR_RESULTS_DIR):
        data, text, shown = _read_document(dataset, file)
        if data is not None:
            found = _validate(
                ParResultsFile, data, shown, text, dataset.problems, limits=dataset.limits
            )
            if found is not None:
                par.results.append(Located(found, shown, ()))
    if base.is_dir():
        entries, problems = top_level_files(base, dataset.display)
        dataset.problems += problems
        for file in entries:
            if file.suffix.lower() in YAML_SUFFIXES:
                dataset.problems.append(
                    Problem(
                        dataset.display(file),
                        0,
                        0,
                        "unknown-file",
                        "Tệp này không được đọc.",
                        f"Bộ tiêu chí đặt trong “{dataset.display(base / PAR_CRITERIA_DIR)}/”, "
                        f"bảng tự đánh giá trong “{dataset.display(base / PAR_ASSESSMENTS_DIR)}/”, "
                        f"kết quả công bố trong “{dataset.display(base / PAR_RESULTS_DIR)}/”.",
                        level="warning",
                    )
                )


def _par_files(dataset: Dataset, folder: Path) -> list[Path]:
    files, problems = yaml_files(folder, dataset.display)
    dataset.problems += problems
    return files


def _salvage_assessment(data: Any, shown: str) -> AssessmentSheet | None:
    """The header and the valid score entries of an assessment that failed the schema
    (its problems are reported already); None when the header itself is invalid."""
    if not isinstance(data, dict) or not isinstance(data.get("scores", []), list):
        return None
    entries = data.get("scores", [])
    try:
        header = ParAssessmentFile.model_validate({**data, "scores": []})
    except ValidationError:
        return None
    kept, positions, rejected = [], [], set()
    for index, entry in enumerate(entries):
        try:
            kept.append(ParScore.model_validate(entry))
            positions.append(index)
        except ValidationError:
            written = entry.get("id") if isinstance(entry, dict) else None
            if isinstance(written, (str, int, float)) and not isinstance(written, bool):
                rejected.add(str(written))
    item = header.model_copy(update={"scores": kept})
    return AssessmentSheet(item, shown, tuple(positions), frozenset(rejected))


def _load_statistics(dataset: Dataset) -> None:
    """The catalogue of metrics (optional) and the values of each period.

    Values without a catalogue cannot be checked or read: the catalogue is then missing.
    """
    data_dir = dataset.data_dir
    files, problems = yaml_files(data_dir / STATISTICS_DIR, dataset.display)
    dataset.problems += problems
    required = bool(files)
    catalogue = data_dir / METRICS_FILE
    if not required and not _exists(catalogue):
        return  # no statistics: their models are not even imported
    from cchc_cli.statistics_model import MetricsFile, StatisticsFile, StatPeriod

    dataset.metrics = _load_single(dataset, catalogue, MetricsFile, required)
    for file in files:
        dataset.statistics += _load_list(dataset, file, StatisticsFile, "periods", StatPeriod)


def _exists(path: Path) -> bool:
    """Whether something is at `path`; an unreadable place counts (its reader says why)."""
    try:
        return path.exists()
    except OSError:
        return True


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
