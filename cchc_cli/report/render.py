"""Report drafts (the periodic report, the PAR INDEX self-assessment report): their facts
rendered through a template.

Templates are found by `cchc_cli.report.templates` (the data repository's own first). Jinja
runs sandboxed with `StrictUndefined` (`cchc_cli.templating`), so a typo in a template is a
`CchcError` naming the template and the line, never a blank in the output or a traceback.

Rendering is deterministic: the same data, period, date and commit give the same bytes.
`render` returns text or bytes; only the CLI writes files (`cchc_cli.output.write`).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from cchc_cli.errors import CchcError, has_errors
from cchc_cli.report.filters import FILTERS, placeholder
from cchc_cli.report.model import template_context
from cchc_cli.report.template_errors import TemplateFileError, template_error
from cchc_cli.report.templates import (
    TEMPLATES,
    check_override,
    check_override_dir,
    override_path,
    template_file,
)
from cchc_cli.templating import environment as make_environment
from cchc_cli.templating.files import has_overrides, loader

if TYPE_CHECKING:
    from jinja2.sandbox import SandboxedEnvironment

    from cchc_cli.dataset import Dataset
    from cchc_cli.engine.periods import ReportPeriod
    from cchc_cli.models.plan import Plan
    from cchc_cli.report.model import Report


def environment(root: Path | None) -> SandboxedEnvironment:
    """The Jinja environment of reports; `root`'s ``templates/`` folder wins over the
    built-in one."""
    env = make_environment(loader(root), filters=FILTERS, globals={"placeholder": placeholder})
    env.untrusted = has_overrides(root)  # type: ignore[attr-defined]
    return env


def render(report: Report, fmt: str, root: Path | None) -> str | bytes:
    """The report as text (md, html) or bytes (docx). Template errors are `CchcError`s."""
    name = TEMPLATES[fmt]
    check_override_dir(root)
    if root is not None:
        check_override(root, name)
    env = environment(root)
    if fmt == "docx":
        from cchc_cli.report.docx import render_docx

        try:
            file = template_file(root, name)
        except OSError as exc:
            error = TemplateFileError(override_path(root, name), exc)
            raise template_error(error, name, root) from exc
        return render_docx(file, template_context(report), env, root)
    try:
        return env.get_template(name).render(template_context(report))
    except Exception as exc:  # a user's template can fail in any way: report, never crash
        raise template_error(exc, name, root) from exc


def check_one_run(
    dataset: Dataset, changes: dict[str, str], period: ReportPeriod, issued: date | None
) -> None:
    """What ``--set`` and ``--date`` say must hold as the data's own settings would: the
    report-making task exists, and the document is not dated before the period it reports
    (a `UsageError` otherwise)."""
    from cchc_cli.checks.common import suggest
    from cchc_cli.errors import UsageError
    from cchc_cli.text_vi import dmy

    own = changes.get("own_task")
    if own:
        tasks = {t.item.id: t.item for t in dataset.tasks}
        if own not in tasks:
            raise UsageError(
                f"own_task: không có nhiệm vụ mã “{own}”.",
                suggest(own, tasks),
                field="set",
            )
    if issued is not None and issued < period.window.start:
        raise UsageError(
            f"Ngày văn bản {dmy(issued)} trước kỳ báo cáo (số liệu từ {dmy(period.window.start)} "
            f"đến {dmy(period.window.end)}).",
            "Ghi ngày ký báo cáo, sau ngày chốt số liệu.",
            field="date",
        )


def make_report(
    dataset: Dataset,
    code: str,
    year: int,
    fmt: str,
    *,
    issued: date | None,
    overrides: Sequence[str] = (),
    generated: datetime | None = None,
) -> tuple[ReportPeriod, str | bytes]:
    """The report of period `code` of `year` on valid data, with the settings of
    ``reports.yaml`` and the one-run `overrides` (``KEY=VALUE``); a `CchcError` when the data
    has errors, a `UsageError` for a period, year or override that cannot be. `generated`
    (default: now, or ``SOURCE_DATE_EPOCH`` when set) goes to the document's properties."""
    from cchc_cli.engine.periods import parse_code, report_period
    from cchc_cli.report.facts import build
    from cchc_cli.report.provenance import git_commit
    from cchc_cli.report.settings import parse_overrides, periodic

    parse_code(code)
    changes = parse_overrides(overrides)
    plan = valid_plan(dataset)
    settings = periodic(plan, dataset.reports.periodic if dataset.reports else None, code, changes)
    period = report_period(code, year, plan.period, nine_months=settings.nine_months)
    check_one_run(dataset, changes, period, issued)
    commit = git_commit(dataset.data_dir)
    when = generated or generation_time()
    report = build(dataset, period, settings, issued=issued, commit=commit, generated=when)
    return period, render(report, fmt, dataset.root)


def make_par_report(
    dataset: Dataset,
    year: int,
    fmt: str,
    *,
    issued: date | None,
    overrides: Sequence[str] = (),
    generated: datetime | None = None,
) -> str | bytes:
    """The PAR INDEX self-assessment report of `year` on valid data, with the settings of
    ``reports.yaml`` (``self_assessment:``) and the one-run `overrides`; errors as
    `make_report`'s, and a `CchcError` when the year has no self-assessment."""
    from cchc_cli.report.par_facts import build
    from cchc_cli.report.provenance import git_commit
    from cchc_cli.report.settings import SELF_ASSESSMENT_SETTABLE, parse_overrides
    from cchc_cli.report.settings import self_assessment as resolve

    changes = parse_overrides(overrides, SELF_ASSESSMENT_SETTABLE)
    plan = valid_plan(dataset)
    own = dataset.reports.self_assessment if dataset.reports else None
    settings = resolve(plan, own, changes)
    commit = git_commit(dataset.data_dir)
    when = generated or generation_time()
    report = build(dataset, year, settings, issued=issued, commit=commit, generated=when)
    return render(report, fmt, dataset.root)


def valid_plan(dataset: Dataset) -> Plan:
    """The plan of `dataset`; a `CchcError` when the data has errors (no report from them)."""
    if has_errors(dataset.problems) or dataset.plan is None:
        count = sum(p.is_error for p in dataset.problems)
        raise CchcError(
            f"Dữ liệu có {count} lỗi: không lập báo cáo từ dữ liệu sai.",
            "Chạy “cchc validate” để xem và sửa các lỗi.",
        )
    return dataset.plan


def generation_time() -> datetime:
    """Now, in local time; ``SOURCE_DATE_EPOCH`` (seconds, UTC) when set, for reproducible
    builds."""
    import os
    from datetime import UTC

    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), tz=UTC)
    return datetime.now().astimezone().replace(microsecond=0)
