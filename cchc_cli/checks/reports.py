"""Report settings (data/reports.yaml): what they name must exist and fit its use."""

from __future__ import annotations

from collections.abc import Iterator

from cchc_cli.checks.common import at, suggest
from cchc_cli.dataset import REPORTS_FILE, TASKS_DIR, Dataset
from cchc_cli.errors import Problem

# The recurrences whose occurrences match report periods (a quarter, or the year).
_REPORT_RECURRENCES = ("quarterly", "yearly")
_NAMES = {"once": "một lần (once)", "ongoing": "thường xuyên (ongoing)"}


def report_problems(dataset: Dataset) -> Iterator[Problem]:
    """The periodic report's own task must be a known recurring task."""
    settings = dataset.reports
    if settings is None or settings.periodic.own_task is None:
        return
    path = dataset.display(dataset.data_dir / REPORTS_FILE)
    code = settings.periodic.own_task
    loc = ("periodic", "own_task")
    tasks = {t.item.id: t.item for t in dataset.tasks}
    rejected = {t.item.get("id") for t in dataset.rejected_tasks}
    if code in rejected:
        return  # the task's own errors are reported at the task
    task = tasks.get(code)
    if task is None:
        yield at(
            path,
            loc,
            "unknown-ref",
            f"Không có nhiệm vụ mã “{code}” "
            f"(khai báo ở {dataset.display(dataset.data_dir / TASKS_DIR)}/).",
            suggest(code, tasks),
        )
    elif task.recurrence not in _REPORT_RECURRENCES:
        yield at(
            path,
            loc,
            "report-task",
            f"Nhiệm vụ lập báo cáo định kỳ “{code}” là nhiệm vụ "
            f"{_NAMES.get(task.recurrence, task.recurrence)}: không tìm "
            "được kỳ của nhiệm vụ ứng với kỳ báo cáo.",
            "Dùng một nhiệm vụ hằng quý (recurrence: quarterly; quý II là báo cáo 6 tháng, quý "
            "IV là báo cáo năm) hoặc hằng năm (báo cáo năm), hoặc bỏ own_task.",
        )
