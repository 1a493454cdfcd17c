"""Every YAML file the edit tests run over: the repository's own (shipped data, test cases,
fixtures, hooks), the `cchc init` scaffold, the small base repository of `tests/helpers.py`,
and a few layouts our files do not use but staff may write (CRLF with a BOM, flow style,
indentless and four-space sequences, comments everywhere, no final line break)."""

from __future__ import annotations

import os
import textwrap
from functools import cache
from pathlib import Path

from cchc_cli.init.scaffold import InitOptions, build_files
from tests.helpers import valid_files

ROOT = Path(__file__).resolve().parents[1]
_SKIPPED_DIRS = {"build", "dist", "__pycache__"}  # and every folder whose name starts with "."

LAYOUTS: dict[str, bytes] = {
    "layouts/crlf-bom.yaml": (
        "\ufeff# Lưu bằng Notepad: BOM và CRLF\r\n"
        "tasks:\r\n"
        "  - id: VP-01\r\n"
        "    title: Rà soát thủ tục\r\n"
        "    area: tthc\r\n"
        "    lead: van-phong\r\n"
        "    start: 01/01/2024\r\n"
        "    due: 31/12/2024\r\n"
        "    updates:\r\n"
        "      - date: 10/03/2024\r\n"
        "        percent: 20\r\n"
        "\r\n"
        "  - id: VP-02\r\n"
        "    title: Kiểm tra\r\n"
        "    area: tthc\r\n"
        "    lead: van-phong\r\n"
        "    start: 01/01/2024\r\n"
        "    due: 31/12/2024\r\n"
    ).encode(),
    "layouts/flow.yaml": textwrap.dedent(
        """\
        tasks:
          - {id: VP-01, title: Rà soát, area: tthc, lead: van-phong, start: 2024-01-01, due: 2024-12-31, updates: [{date: 2024-02-01, percent: 10}]}
          - {id: VP-02, title: "Kiểm tra: năm", area: tthc, lead: van-phong, start: 2024-01-01, due: 2024-12-31}
          - id: VP-03
            title: Báo cáo
            area: tthc
            lead: van-phong
            start: 01/01/2024
            due: 31/12/2024
            updates: []
            recurrence: yearly
            occurrences: [{period: 2024, updates: [{date: 01/02/2024, percent: 5}]}]
        """  # noqa: E501
    ).encode(),
    "layouts/indentless.yaml": textwrap.dedent(
        """\
        tasks:
        - id: VP-01
          title: Rà soát
          support:
          - thanh-tra
          updates:
          - date: 01/02/2024
            percent: 10
          # ghi chú của cập nhật
        # ghi chú cuối tệp
        """
    ).encode(),
    "layouts/four-spaces.yaml": textwrap.dedent(
        """\
        tasks:
            -   id: VP-01   # mã
                title: 'Rà soát ''thủ tục'''
                note: |
                    Dòng một
                    Dòng hai

                updates:
                    -   date: 01/02/2024
                        percent: 10

            -   id: VP-02
                title: >-
                    Gấp
                    dòng
        """
    ).encode(),
    "layouts/no-final-newline.yaml": b"tasks:\n  - id: VP-01\n    title: X\n    due: 31/12/2024",
    "layouts/keep-chomping.yaml": b"tasks:\n  - id: VP-01\n    note: |+\n      a\n\n# c\n",
}


@cache
def corpus() -> dict[str, bytes]:
    """``{name: bytes}`` of every YAML file above."""
    files: dict[str, bytes] = {}
    for top, dirs, names in os.walk(ROOT):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in _SKIPPED_DIRS)
        for name in sorted(names):
            path = Path(top) / name
            if path.suffix in (".yaml", ".yml"):
                files[path.relative_to(ROOT).as_posix()] = path.read_bytes()
    for name, content in build_files(InitOptions()).items():
        if name.endswith((".yaml", ".yml")):
            files[f"scaffold/{name}"] = content
    for name, text in valid_files().items():
        files[f"helpers/{name}"] = text.encode()
    files.update(LAYOUTS)
    return files
