"""Checks of the catalogue of metrics (data/metrics.yaml): ids, groups, areas, the metrics
that rates and sum rules name, and target spans."""

from __future__ import annotations

from collections.abc import Iterator

from cchc_cli.checks.common import at, suggest
from cchc_cli.checks.indicators import target_problems
from cchc_cli.dataset import AREAS_FILE, METRICS_FILE, Dataset
from cchc_cli.errors import Problem
from cchc_cli.models.statistics import MetricsFile


def catalogue_problems(dataset: Dataset, catalogue: MetricsFile) -> Iterator[Problem]:
    """Repeated ids, and references to groups, areas and metrics that are not declared."""
    path = dataset.shown(METRICS_FILE)
    seen: set[str] = set()
    for i, group in enumerate(catalogue.groups):
        if group.id in seen:
            yield at(path, ("groups", i, "id"), "duplicate-id", f"Mã nhóm “{group.id}” bị trùng.")
        seen.add(group.id)
    areas = {a.code for a in dataset.areas}
    if areas:
        for i, group in enumerate(catalogue.groups):
            if group.area not in areas:
                yield at(
                    path,
                    ("groups", i, "area"),
                    "unknown-ref",
                    f"Không có lĩnh vực mã “{group.area}” (khai báo ở "
                    f"{dataset.shown(AREAS_FILE)}).",
                    suggest(group.area, areas),
                )
    ids: set[str] = set()
    entries = [("metrics", i, m.id, m.group) for i, m in enumerate(catalogue.metrics)]
    entries += [("rates", i, r.id, r.group) for i, r in enumerate(catalogue.rates)]
    for key, i, code, group_id in entries:
        if code in ids:
            yield at(
                path,
                (key, i, "id"),
                "duplicate-id",
                f"Mã “{code}” bị trùng.",
                "Mỗi chỉ tiêu, tỷ lệ một mã riêng (dùng chung một bộ mã).",
            )
        ids.add(code)
        if group_id not in seen:
            yield at(
                path,
                (key, i, "group"),
                "unknown-ref",
                f"Không có nhóm mã “{group_id}” (khai báo ở “groups” của tệp này).",
                suggest(group_id, seen),
            )
    yield from _terms(path, catalogue)
    for i, metric in enumerate(catalogue.metrics):
        yield from target_problems(path, ("metrics", i, "targets"), metric.targets)
    for i, rate in enumerate(catalogue.rates):
        yield from target_problems(path, ("rates", i, "targets"), rate.targets)


def _terms(path: str, catalogue: MetricsFile) -> Iterator[Problem]:
    """Rates and rules add up metrics only: every id they name is a declared metric."""
    metrics = {m.id for m in catalogue.metrics}
    rates = {r.id for r in catalogue.rates}
    sides: list[tuple[str, int, str, list[str]]] = []
    for i, rate in enumerate(catalogue.rates):
        sides += [("rates", i, "numerator", rate.numerator)]
        sides += [("rates", i, "denominator", rate.denominator)]
    for i, rule in enumerate(catalogue.rules):
        sides += [("rules", i, "left", rule.left), ("rules", i, "right", rule.right)]
    for key, i, side, codes in sides:
        for j, code in enumerate(codes):
            if code in metrics:
                continue
            message = f"Không có chỉ tiêu mã “{code}” (khai báo ở “metrics” của tệp này)."
            if code in rates:
                message = f"“{code}” là một tỷ lệ; tỷ lệ và quy tắc chỉ cộng các chỉ tiêu."
            yield at(path, (key, i, side, j), "unknown-ref", message, suggest(code, metrics))
