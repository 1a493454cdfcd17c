"""Cross-file checks: ids, references, dates and progress that one file cannot judge alone.

One module per subject; each yields problems with a `loc` and line 0, and
`cchc_cli.read.loader.locate_all` then finds the line. To add a check, add it to the module
of its subject (or a new module here) and list it in `check`.
"""

from __future__ import annotations

from cchc_cli.checks.indicators import indicator_problems
from cchc_cli.checks.par import par_problems
from cchc_cli.checks.references import reference_problems
from cchc_cli.checks.reports import report_problems
from cchc_cli.checks.tasks import task_problems
from cchc_cli.dataset import Dataset
from cchc_cli.errors import Problem


def check(dataset: Dataset) -> list[Problem]:
    """Every cross-file problem of a loaded dataset."""
    plan = dataset.plan
    period = (plan.period.start, plan.period.end) if plan is not None else None
    found = [
        *task_problems(dataset),
        *reference_problems(dataset),
        *(p for i in dataset.indicators for p in indicator_problems(i, period)),
        *par_problems(dataset),
        *report_problems(dataset),
    ]
    if dataset.metrics is not None:  # imported only for a repository with statistics
        from cchc_cli.checks.statistics import statistics_problems

        found += statistics_problems(dataset)
    return found
