"""Build small data repositories in a temporary folder for tests."""

from __future__ import annotations

import textwrap
from pathlib import Path

PLAN = """\
title: Kế hoạch CCHC thử nghiệm
governing_body: UBND tỉnh Đồng Tháp
issuing_body: Sở Công Thương
agency_code: SCT
province: Đồng Tháp
place: Đồng Tháp
period: {start: 2021, end: 2030}
legal_basis: [Nghị quyết số 76/NQ-CP]
objectives:
  general: [Mục tiêu chung]
  specific:
    - id: muc-tieu-sipas
      text: SIPAS trên 95 %
      indicators: [sipas]
solutions:
  - {id: gp-1, number: 1, text: Tăng cường chỉ đạo}
duties:
  - id: to-chuc-van-phong
    heading: Văn phòng Sở
    units: [van-phong]
    items: [Theo dõi, đôn đốc]
funding: Nguồn tự chủ.
recipients: [Sở Nội vụ, "Lưu: VT, VP"]
signer: {position: GIÁM ĐỐC, name: Nguyễn Văn A}
"""

AREAS = """\
areas:
  - {code: chi-dao, name: "Công tác chỉ đạo, điều hành"}
  - {code: tthc, name: Cải cách thủ tục hành chính}
"""

UNITS = """\
units:
  - {code: van-phong, name: Văn phòng Sở, kind: van-phong}
  - {code: thanh-tra, name: Thanh tra Sở, kind: thanh-tra}
"""

INDICATORS = """\
indicators:
  - id: sipas
    name: Chỉ số SIPAS
    unit: "%"
    direction: higher
    targets: [{years: 2021-2030, op: ">", value: 95}]
    values:
      - {year: 2023, value: 96.5, surveyed: 200, satisfied: 193}
"""

TASKS = """\
tasks:
  - id: VP-01
    title: Ban hành kế hoạch CCHC năm
    area: chi-dao
    lead: van-phong
    support: [thanh-tra]
    start: 01/01/2024
    due: 31/01/2024
    completed: 25/01/2024
    updates:
      - {date: 10/01/2024, percent: 50}
      - {date: 25/01/2024, percent: 100, evidence: Kế hoạch số 12/KH-SCT}
"""


def valid_files() -> dict[str, str]:
    """The files of a small, valid data repository (paths relative to the repository)."""
    return {
        "data/plan.yaml": PLAN,
        "data/areas.yaml": AREAS,
        "data/units.yaml": UNITS,
        "data/indicators/sipas.yaml": INDICATORS,
        "data/tasks/van-phong.yaml": TASKS,
    }


def with_base(files: dict[str, str | bytes | None]) -> dict[str, str | bytes]:
    """`files` laid over the valid base tree; a value of None removes that base file."""
    merged: dict[str, str | bytes] = dict(valid_files())
    for name, content in files.items():
        if content is None:
            merged.pop(name, None)
        else:
            merged[name] = content
    return merged


def build_tree(root: Path, files: dict[str, str | bytes]) -> Path:
    """Write `files` under `root` (text as UTF-8, dedented) and return `root`."""
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(textwrap.dedent(content), encoding="utf-8", newline="\n")
    return root
