"""Every problem code the program can emit is explained (`cchc explain`).

`tests/test_docs.py` checks that each one is documented in docs/ma-loi.md.
"""

from __future__ import annotations

import ast
from pathlib import Path

from typer.testing import CliRunner

from cchc_cli.cli import app
from cchc_cli.codes import CODES

PACKAGE = Path(__file__).resolve().parents[1] / "cchc_cli"
# Calls that create a problem, and the position of their `code` argument.
CODE_ARGUMENT = {"Problem": 3, "_at": 2, "_mark": 2, "at_mark": 2}


def emitted_codes() -> set[str]:
    """Code literals at every problem-creating call site, and in `describe`'s return tuples."""
    found: set[str] = set()
    for path in PACKAGE.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                name = getattr(node.func, "id", getattr(node.func, "attr", ""))
                index = CODE_ARGUMENT.get(name)
                if index is not None and len(node.args) > index:
                    arg = node.args[index]
                    if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                        found.add(arg.value)
            elif isinstance(node, ast.Return) and isinstance(node.value, ast.Tuple):
                first = node.value.elts[0] if node.value.elts else None
                if isinstance(first, ast.Constant) and path.name == "schema_errors.py":
                    found.add(str(first.value))
    return found


def test_call_sites_are_found() -> None:
    assert {"duplicate-key", "unknown-ref", "missing-field", "encoding"} <= emitted_codes()


def test_every_emitted_code_is_explained() -> None:
    assert emitted_codes() - set(CODES) == set()


def test_no_explanation_without_a_code() -> None:
    assert set(CODES) - emitted_codes() == set()


def test_explain_lists_and_explains(runner: CliRunner) -> None:
    listing = runner.invoke(app, ["explain"])
    assert listing.exit_code == 0
    assert len(listing.stdout.splitlines()) == len(CODES)
    one = runner.invoke(app, ["explain", "duplicate-key"])
    assert one.exit_code == 0
    assert one.stdout.startswith("[duplicate-key] ")
    assert "Cách sửa:" in one.stdout


def test_explain_unknown_code_is_a_usage_error(runner: CliRunner) -> None:
    result = runner.invoke(app, ["explain", "duplicat"])
    assert result.exit_code == 2
    assert "duplicate-key" in result.stderr
