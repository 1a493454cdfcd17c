"""The PAR INDEX chart section of the dashboard page: one bar per field of the year's
self-assessment (and one for the whole set), each its maximum split into the points kept and
the points lost: below the maximum at self-assessment, taken off by the appraisal, below the
maximum in the survey, not scored yet. From the ``par`` key of the status JSON
(`cchc_cli.status.par`); registered in `cchc_cli.status.sections.SECTIONS`.
"""

from __future__ import annotations

from typing import Any

from cchc_cli.status import charts
from cchc_cli.status.charts import Chart
from cchc_cli.text_vi import number

# Each part of a bar, drawn left to right with the pattern of a task state that reads alike.
PARTS = (
    {"key": "kept", "label": "điểm đạt", "fill": "done_on_time"},
    {"key": "self_short", "label": "tự chấm chưa đạt", "fill": "due_soon"},
    {"key": "deducted", "label": "thẩm định trừ", "fill": "overdue"},
    {"key": "survey_short", "label": "điều tra xã hội học chưa đạt", "fill": "done_late"},
    {"key": "unknown", "label": "chưa có điểm", "fill": "not_started"},
)
LABELS = {p["key"]: p["label"] for p in PARTS}


def par_charts(doc: dict[str, Any]) -> list[Chart] | None:
    """The section's one chart, or None without a self-assessment in the document."""
    found = doc.get("par")
    if not found or not found["fields"]:
        return None
    parts = [p for p in PARTS if any(f[p["key"]] for f in (*found["fields"], found["total"]))]
    rows = [_row(part, f"{part['id']}. {part['name']}") for part in found["fields"]] + [
        _row(found["total"], "Tổng cộng")
    ]
    chart = charts.hbars(rows, parts)
    stage = "sau thẩm định" if found["appraised"] else "tự chấm, chưa có kết quả thẩm định"
    described = "; ".join(_words(part, row["label"]) for part, row in
                          zip((*found["fields"], found["total"]), rows, strict=True))  # fmt: skip
    return [
        chart
        | {
            "title": f"PAR INDEX năm {found['year']}: điểm đạt và điểm mất theo lĩnh vực ({stage})",
            "desc": f"{described}.",
        }
    ]


def _row(part: dict[str, Any], label: str) -> dict[str, Any]:
    return {
        "key": part["id"] or "tong-cong",
        "label": label,
        "href": None,
        "values": {key: part[key] for key in LABELS},
        "note": f"{number(part['kept'])}/{number(part['max'])} điểm",
    }


def _words(part: dict[str, Any], label: str) -> str:
    lost = ", ".join(
        f"{LABELS[key]} {number(part[key])}" for key in LABELS if key != "kept" and part[key]
    )
    text = f"{label}: đạt {number(part['kept'])}/{number(part['max'])} điểm"
    return f"{text} ({lost})" if lost else text
