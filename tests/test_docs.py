"""The staff documentation in docs/ covers every command, option and problem code.

In the style of simonw/sqlite-utils' tests/test_docs.py: walk what the program offers and
fail on anything the docs do not mention.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import typer
from typer.core import TyperGroup, TyperOption

from cchc_cli.cli.app import app
from cchc_cli.codes import CODES

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
REFERENCE = DOCS / "lenh.md"
CODES_PAGE = DOCS / "ma-loi.md"
INDEX = DOCS / "README.md"

pytestmark = pytest.mark.skipif(not DOCS.is_dir(), reason="docs/ not found")


def _group() -> TyperGroup:
    group = typer.main.get_command(app)
    assert isinstance(group, TyperGroup)
    return group


def _sections(text: str, level: str) -> dict[str, str]:
    """``{heading: body}`` of the headings of one level (``"##"``) in a Markdown page."""
    parts = re.split(rf"^{level} (.+)$", text, flags=re.M)
    return {parts[i].strip(): parts[i + 1] for i in range(1, len(parts), 2)}


def _commands() -> list[str]:
    return sorted(_group().commands)


def _options(command: str) -> list[tuple[str, str]]:
    cmd = _group().commands[command]
    return [
        (command, opt)
        for param in cmd.params
        if isinstance(param, TyperOption)
        for opt in param.opts
        if opt.startswith("--")
    ]


def test_commands_are_found() -> None:
    assert {"init", "validate", "status", "schema", "explain"} <= set(_commands())


@pytest.mark.parametrize("command", _commands())
def test_every_command_has_help_and_a_reference_section(command: str) -> None:
    assert _group().commands[command].help, f"{command} has no help text"
    sections = _sections(REFERENCE.read_text(encoding="utf-8"), "##")
    assert f"`cchc {command}`" in sections, f"docs/lenh.md: add a “## `cchc {command}`” section"


@pytest.mark.parametrize(
    ("command", "option"), [pair for command in _commands() for pair in _options(command)]
)
def test_every_option_is_documented_under_its_command(command: str, option: str) -> None:
    sections = _sections(REFERENCE.read_text(encoding="utf-8"), "##")
    body = sections.get(f"`cchc {command}`", "")
    assert re.search(rf"`{re.escape(option)}[` ]", body), f"docs/lenh.md: {command} {option}"


def test_global_options_are_documented() -> None:
    body = _sections(REFERENCE.read_text(encoding="utf-8"), "##")["Tuỳ chọn chung"]
    for param in _group().params:
        for opt in param.opts:
            if opt.startswith("--"):
                assert re.search(rf"`{re.escape(opt)}[` ]", body), opt


def test_every_format_choice_is_documented() -> None:
    """Each `validate --format` value has a section with an example in docs/doc-loi.md."""
    from cchc_cli.output.diagnostics import FORMATTERS

    page = (DOCS / "doc-loi.md").read_text(encoding="utf-8")
    for fmt in FORMATTERS:
        assert f"`--format {fmt}`" in page, fmt


@pytest.mark.parametrize("code", list(CODES))
def test_every_code_is_documented_with_an_example_and_its_fix(code: str) -> None:
    sections = _sections(CODES_PAGE.read_text(encoding="utf-8"), "###")
    body = sections.get(f"`{code}`")
    assert body is not None, f"docs/ma-loi.md: add a “### `{code}`” section"
    info = CODES[code]
    assert info.title in body, "the title of cchc_cli/codes.py"
    assert f"**Cách sửa:** {info.fix}" in body, "the fix of cchc_cli/codes.py"
    example = re.search(r"```text\n(.+?)\n```", body, re.S)
    assert example is not None and f"[{code}]" in example.group(1), "an example message"


def test_no_code_is_documented_that_does_not_exist() -> None:
    sections = _sections(CODES_PAGE.read_text(encoding="utf-8"), "###")
    documented = [h.strip("`") for h in sections]
    assert documented == list(CODES)  # same codes, same order as `cchc explain`


def test_every_page_is_in_the_index_and_every_link_resolves() -> None:
    index = INDEX.read_text(encoding="utf-8")
    pages = sorted(p for p in DOCS.glob("*.md") if p != INDEX)
    assert [p.name for p in pages if f"]({p.name})" not in index] == []
    for page in [INDEX, *pages]:
        for target in re.findall(r"\]\(([^)#:]+)(?:#[^)]*)?\)", page.read_text(encoding="utf-8")):
            assert (page.parent / target).exists(), f"{page.name} links to missing {target}"


def test_ci_script_runs_the_readme_command() -> None:
    """`.ci/run` runs exactly the README's development command."""
    script = ROOT / ".ci" / "run"
    readme = ROOT / "README.md"
    if not (script.is_file() and readme.is_file()):
        pytest.skip(".ci/run or README.md not found")
    command = script.read_text(encoding="utf-8").strip().splitlines()[-1]
    assert command in readme.read_text(encoding="utf-8")


def _examples() -> list[tuple[str, str]]:
    """Every ``cchc update|done|add …`` line of the guides, with the file it is in."""
    found = []
    for page in sorted([ROOT / "README.md", *DOCS.glob("*.md")]):
        for line in page.read_text(encoding="utf-8").splitlines():
            if re.match(r"cchc (update|done|add) ", line):
                found.append((page.name, line))
    return found


@pytest.mark.parametrize(("page", "line"), _examples())
def test_the_guides_examples_work_on_the_shipped_data(page: str, line: str, tmp_path: Path) -> None:
    """Run as written (a dry run, so nothing is written; dates after today allowed), each
    example must be accepted by the shipped data."""
    import shlex
    import shutil

    from typer.testing import CliRunner

    data = Path(shutil.copytree(ROOT / "data", tmp_path / "data"))
    args = shlex.split(line)[1:]
    extra = ["--dry-run"] + (["--force"] if args[0] in ("update", "done") else [])
    result = CliRunner().invoke(app, ["--data", str(data), *args, *extra])
    assert result.exit_code == 0, f"{page}: {line}\n{result.output}"
    assert "Chạy thử" in result.output
