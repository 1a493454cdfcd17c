"""The PAR INDEX files: criteria sets, yearly self-assessments, published results
(``data/par/``), read into `Dataset.par`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import ValidationError

from cchc_cli.dataset import (
    PAR_ASSESSMENTS_DIR,
    PAR_CRITERIA_DIR,
    PAR_DIR,
    PAR_RESULTS_DIR,
    AssessmentSheet,
    Dataset,
    Located,
)
from cchc_cli.errors import Problem
from cchc_cli.models.par import ParAssessmentFile, ParCriteriaFile, ParResultsFile, ParScore
from cchc_cli.read.cache import ParseCache
from cchc_cli.read.discover import YAML_SUFFIXES, top_level_files, yaml_files
from cchc_cli.read.one_file import read_document


def load_par(dataset: Dataset, cache: ParseCache | None = None) -> None:
    """The PAR INDEX files: criteria sets, yearly assessments, published results.

    An assessment whose score entries are partly invalid keeps the valid ones (and the
    header), as a task file keeps its valid tasks, so `cchc par` shows what it can.
    """
    base, par = dataset.data_dir / PAR_DIR, dataset.par
    for file in _par_files(dataset, base / PAR_CRITERIA_DIR):
        data, criteria = read_document(dataset, file, ParCriteriaFile, cache)
        if criteria is not None:
            par.criteria.append(Located(criteria, dataset.display(file), ()))
        elif isinstance(data, dict) and isinstance(data.get("id"), str):
            par.broken_criteria.add(data["id"])
    for file in _par_files(dataset, base / PAR_ASSESSMENTS_DIR):
        data, whole = read_document(dataset, file, ParAssessmentFile, cache)
        shown = dataset.display(file)
        if whole is not None:
            par.assessments.append(AssessmentSheet(whole, shown, tuple(range(len(whole.scores)))))
        elif data is not None and (sheet := _salvage_assessment(data, shown)) is not None:
            par.assessments.append(sheet)
    for file in _par_files(dataset, base / PAR_RESULTS_DIR):
        _, found = read_document(dataset, file, ParResultsFile, cache)
        if found is not None:
            par.results.append(Located(found, dataset.display(file), ()))
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
