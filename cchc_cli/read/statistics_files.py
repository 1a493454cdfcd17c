"""Period statistics: the catalogue of metrics (``data/metrics.yaml``, optional) and the
values of each period (``data/statistics/``), read into `Dataset.metrics` and
`Dataset.statistics`. A repository without them never imports their models."""

from __future__ import annotations

from pathlib import Path

from cchc_cli.dataset import METRICS_FILE, STATISTICS_DIR, Dataset
from cchc_cli.read.cache import ParseCache
from cchc_cli.read.discover import yaml_files
from cchc_cli.read.one_file import load_list, load_single


def load_statistics(dataset: Dataset, cache: ParseCache | None = None) -> None:
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
    from cchc_cli.models.statistics import MetricsFile, StatisticsFile, StatPeriod

    dataset.metrics = load_single(dataset, catalogue, MetricsFile, required, cache=cache)
    for file in files:
        dataset.statistics += load_list(
            dataset, file, StatisticsFile, "periods", StatPeriod, cache=cache
        )


def _exists(path: Path) -> bool:
    """Whether something is at `path`; an unreadable place counts (its reader says why)."""
    try:
        return path.exists()
    except OSError:
        return True
