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
from typing import Any

from cchc_cli.dataset import (
    AREAS_FILE,
    DEFAULT_LIMITS,
    INDICATORS_DIR,
    METRICS_FILE,
    PLAN_FILE,
    REPORTS_FILE,
    STATISTICS_DIR,
    TASKS_DIR,
    UNITS_FILE,
    Dataset,
    Limits,
)
from cchc_cli.errors import Problem, sort_problems
from cchc_cli.models.indicators import Indicator, IndicatorsFile
from cchc_cli.models.plan import AreasFile, Plan, UnitsFile
from cchc_cli.models.reports import ReportsFile
from cchc_cli.models.tasks import Task, TasksFile
from cchc_cli.read import overlay, yaml_reader
from cchc_cli.read.cache import ParseCache
from cchc_cli.read.discover import YAML_SUFFIXES, top_level_files, yaml_files
from cchc_cli.read.locate import position
from cchc_cli.read.one_file import load_list, load_single, read_text, read_yaml
from cchc_cli.read.par_files import load_par
from cchc_cli.read.statistics_files import load_statistics

__all__ = ["load", "load_checked", "locate_all", "read_yaml"]


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
    dataset.plan = load_single(dataset, data_dir / PLAN_FILE, Plan, required=True, cache=cache)
    areas = load_single(dataset, data_dir / AREAS_FILE, AreasFile, required=True, cache=cache)
    units = load_single(dataset, data_dir / UNITS_FILE, UnitsFile, required=True, cache=cache)
    dataset.reports = load_single(
        dataset, data_dir / REPORTS_FILE, ReportsFile, required=False, cache=cache
    )
    dataset.areas = list(areas.areas) if areas else []
    dataset.units = list(units.units) if units else []
    indicator_files, problems = yaml_files(data_dir / INDICATORS_DIR, dataset.display)
    dataset.problems += problems
    for file in indicator_files:
        dataset.indicators += load_list(
            dataset, file, IndicatorsFile, "indicators", Indicator, cache=cache
        )
    task_files, problems = yaml_files(data_dir / TASKS_DIR, dataset.display)
    task_files = overlay.including(task_files, data_dir / TASKS_DIR)
    dataset.problems += problems
    for file in task_files:
        dataset.tasks += load_list(dataset, file, TasksFile, "tasks", Task, cache=cache)
    load_par(dataset, cache)
    load_statistics(dataset, cache)
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
    text, problems = read_text(file, file.name, limits)
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
