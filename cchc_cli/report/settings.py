"""Report settings: ``data/reports.yaml`` resolved for one report, with one-run overrides.

Each setting is looked up, last one wins: the plan (``report_to``, ``recipients``, ``signer``
of ``plan.yaml``), the report's settings in ``reports.yaml``, that file's entry for the
period (``periods: {q1: …}``), then the overrides given for one run (``KEY=VALUE``, the
CLI's ``--set``). Each kind of report has its model in `cchc_cli.models.reports.ReportsFile` and a
resolver here: `periodic`, and `self_assessment` (the PAR INDEX self-assessment report:
plan < ``self_assessment:`` < overrides).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar, cast

from pydantic import ValidationError

from cchc_cli.errors import UsageError
from cchc_cli.models.plan import Plan, Signer
from cchc_cli.models.reports import PeriodCode, PeriodicReport, SelfAssessmentReport

Settings = TypeVar("Settings", PeriodicReport, SelfAssessmentReport)

FIELD = "set"  # the one-run overrides (the CLI words this field as its option)
# The settings one run may change; a list setting takes items separated by ";".
SETTABLE = (
    "report_to",
    "requested_by",
    "q3",
    "own_task",
    "recipients",
    "signer.position",
    "signer.deputy_position",
    "signer.name",
)
# The settings of the self-assessment report (it has no periods, no own task).
SELF_ASSESSMENT_SETTABLE = (
    "report_to",
    "requested_by",
    "recipients",
    "signer.position",
    "signer.deputy_position",
    "signer.name",
)
_LISTS = ("recipients",)
_CHOICES = {"q3": ("quarter", "nine-months")}
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")


@dataclass(frozen=True, slots=True)
class Periodic:
    """The settings of one periodic report, every default filled in."""

    report_to: str
    requested_by: str | None
    nine_months: bool  # q3 is "9 tháng đầu năm" (cumulative), not "quý III"
    own_task: str | None
    recipients: tuple[str, ...]
    signer: Signer


@dataclass(frozen=True, slots=True)
class SelfAssessment:
    """The settings of the PAR INDEX self-assessment report, every default filled in."""

    report_to: str
    requested_by: str | None
    recipients: tuple[str, ...]
    signer: Signer


def parse_overrides(items: Sequence[str], settable: Sequence[str] = SETTABLE) -> dict[str, str]:
    """``["KEY=VALUE", …]`` as a dict of keys in `settable`; a `UsageError` for anything
    else."""
    found: dict[str, str] = {}
    for item in items:
        key, sign, value = item.partition("=")
        key = key.strip()
        if not sign:
            raise UsageError(
                f"Thiết lập “{item}” thiếu dấu “=”.",
                'Viết KHOÁ=GIÁ_TRỊ, ví dụ requested_by="Công văn số 15/SNV-CCHC ngày '
                '01/12/2024 của Sở Nội vụ".',
                field=FIELD,
            )
        if key not in settable:
            raise UsageError(
                f"Không có thiết lập “{key}”.",
                "Các thiết lập đổi được: " + ", ".join(settable) + ".",
                field=FIELD,
            )
        value = unicodedata.normalize("NFC", value.strip())
        if key in _LISTS and not value:
            raise UsageError(
                f"Thiết lập “{key}” để trống.",
                'Ghi các mục cách nhau bằng “;”, ví dụ recipients="Sở Nội vụ;Lưu: VT, VP".',
                field=FIELD,
            )
        if _CONTROL.search(value):
            raise UsageError(
                f"Giá trị của “{key}” không được xuống dòng hay có ký tự điều khiển.",
                field=FIELD,
            )
        found[key] = value
    return found


def periodic(
    plan: Plan, settings: PeriodicReport | None, code: str, overrides: Mapping[str, str]
) -> Periodic:
    """The settings of the periodic report of period `code` (``q1``, ``h1``, ``q3``,
    ``year``), after the period's own entry and the one-run `overrides`."""
    settings = settings or PeriodicReport()
    raw: dict[str, Any] = settings.model_dump(exclude={"periods"}, exclude_none=True)
    period = settings.periods.get(cast(PeriodCode, code))
    if period is not None:
        raw.update(period.model_dump(exclude_none=True))
    resolved = _resolved(PeriodicReport, raw, overrides, plan)
    return Periodic(
        report_to=resolved.report_to or plan.report_to,
        requested_by=resolved.requested_by,
        nine_months=resolved.q3 == "nine-months",
        own_task=resolved.own_task,
        recipients=tuple(resolved.recipients or plan.recipients),
        signer=resolved.signer or plan.signer,
    )


def self_assessment(
    plan: Plan, settings: SelfAssessmentReport | None, overrides: Mapping[str, str]
) -> SelfAssessment:
    """The settings of the self-assessment report, after the one-run `overrides`."""
    settings = settings or SelfAssessmentReport()
    raw: dict[str, Any] = settings.model_dump(exclude_none=True)
    resolved = _resolved(SelfAssessmentReport, raw, overrides, plan)
    return SelfAssessment(
        report_to=resolved.report_to or plan.report_to,
        requested_by=resolved.requested_by,
        recipients=tuple(resolved.recipients or plan.recipients),
        signer=resolved.signer or plan.signer,
    )


def _resolved(
    model: type[Settings], raw: dict[str, Any], overrides: Mapping[str, str], plan: Plan
) -> Settings:
    """`raw` settings with the one-run `overrides` applied, read by `model`; a
    `UsageError` naming the override the model refuses."""
    for key, value in overrides.items():
        _apply(raw, key, value, plan)
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        raise _override_error(exc, overrides) from None


def _apply(raw: dict[str, Any], key: str, value: str, plan: Plan) -> None:
    """Set `key` (maybe ``signer.name``) in `raw`; an empty value removes the setting."""
    head, _, leaf = key.partition(".")
    if leaf:
        signer = raw.setdefault(head, plan.signer.model_dump(exclude_none=True))
        if value:
            signer[leaf] = value
        else:
            signer.pop(leaf, None)
        return
    if not value:
        raw.pop(key, None)
    elif key in _LISTS:
        raw[key] = [part.strip() for part in value.split(";") if part.strip()]
    else:
        raw[key] = value


def _override_error(exc: ValidationError, overrides: Mapping[str, str]) -> UsageError:
    """The first refused value, worded for the user who typed it."""
    error = exc.errors()[0]
    key = ".".join(str(part) for part in error["loc"])
    value = overrides.get(key, "")
    if key in _CHOICES:
        hint = "Chọn một trong: " + ", ".join(_CHOICES[key]) + "."
    elif error["type"] == "missing":
        return UsageError(
            f"Thiết lập “{key}” còn thiếu.",
            "Ghi cả giá trị này, hoặc bỏ trống cả mục.",
            field=FIELD,
        )
    else:
        hint = "Xem các thiết lập trong docs/bao-cao.md."
    return UsageError(f"Giá trị “{value}” của thiết lập “{key}” không hợp lệ.", hint, field=FIELD)
