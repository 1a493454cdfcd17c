"""The wheel carries everything the CLI needs at run time, and the built-in report templates
have one source (the top-level ``templates/``), found by a wheel, an editable install and a
data repository's override alike."""

from __future__ import annotations

import email.parser
import importlib.util
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cchc_cli.cli.app import app
from cchc_cli.report.templates import builtin_dir
from tests.conftest import TreeFactory

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "cchc_cli"
TEMPLATES = ROOT / "templates"
needs_hatchling = pytest.mark.skipif(
    importlib.util.find_spec("hatchling") is None, reason="hatchling (dev extra) not installed"
)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("wheel")
    pip = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q"]
    subprocess.run([*pip, "-w", str(folder), str(ROOT)], check=True, capture_output=True)
    (found,) = folder.glob("cchc-*.whl")
    return found


@needs_hatchling
def test_wheel_carries_every_package_file_and_the_templates(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    wanted = {
        p.relative_to(ROOT).as_posix()
        for p in PACKAGE.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    }
    assert wanted - names == set()
    assert any(name.endswith("entry_points.txt") for name in names)
    templates = {f"cchc_cli/templates/{p.name}" for p in TEMPLATES.iterdir() if p.is_file()}
    assert {"cchc_cli/templates/report.docx", "cchc_cli/templates/report.md.j2"} <= templates
    assert templates <= names
    dashboard = {
        f"cchc_cli/templates/dashboard/{p.name}" for p in (TEMPLATES / "dashboard").iterdir()
    }
    assert "cchc_cli/templates/dashboard/status.html.j2" in dashboard
    assert dashboard <= names  # the subfolders of templates/ travel too


@needs_hatchling
def test_a_plain_install_brings_what_word_output_needs(wheel: Path) -> None:
    """`pip install .` writes .docx: docxtpl is a dependency, not an extra."""
    with zipfile.ZipFile(wheel) as archive:
        meta = next(n for n in archive.namelist() if n.endswith(".dist-info/METADATA"))
        headers = email.parser.Parser().parsestr(archive.read(meta).decode("utf-8"))
    required = headers.get_all("Requires-Dist") or []
    unconditional = [r for r in required if "extra ==" not in r]
    assert any(r.startswith("docxtpl") for r in unconditional), required


@needs_hatchling
def test_the_installed_wheel_finds_its_templates(wheel: Path, tmp_path: Path) -> None:
    """Unpacked as pip would, outside the source tree: the templates come from the wheel."""
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    code = (
        "import sys; from cchc_cli.report.templates import builtin_dir; "
        "print(builtin_dir().relative_to(sys.argv[1]).as_posix())"
    )
    env = {**os.environ, "PYTHONPATH": str(site)}
    done = subprocess.run(
        [sys.executable, "-c", code, str(site)],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.strip() == "cchc_cli/templates"


def test_the_source_tree_has_one_copy_of_the_templates() -> None:
    """An editable install or a checkout reads the top-level templates/; no second copy."""
    assert not (PACKAGE / "templates").exists()
    assert builtin_dir() == TEMPLATES


def test_a_data_repository_template_overrides_the_built_in_one(
    make_repo: TreeFactory, runner: CliRunner
) -> None:
    repo = make_repo({"templates/report.md.j2": "Mẫu riêng: {{ period.title }}\n"})
    result = runner.invoke(app, ["--data", str(repo), "report", "--year", "2024", "-o", "-"])
    assert result.exit_code == 0, result.output
    assert result.stdout == "Mẫu riêng: năm 2024\n"
    other = runner.invoke(
        app, ["--data", str(repo), "report", "--year", "2024", "-o", "-", "-f", "html"]
    )
    assert other.stdout.startswith("<!DOCTYPE html>")
