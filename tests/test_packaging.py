"""The wheel carries everything the CLI needs at run time (templates, scaffold files)."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "cchc_cli"


@pytest.mark.skipif(
    importlib.util.find_spec("hatchling") is None, reason="hatchling (dev extra) not installed"
)
def test_wheel_carries_every_package_file(tmp_path: Path) -> None:
    pip = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q"]
    subprocess.run([*pip, "-w", str(tmp_path), str(ROOT)], check=True, capture_output=True)
    (wheel,) = tmp_path.glob("cchc-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    wanted = {
        p.relative_to(ROOT).as_posix()
        for p in PACKAGE.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    }
    assert wanted - names == set()
    assert any(name.endswith("entry_points.txt") for name in names)
    assert "cchc_cli/templates/report.docx" in names
