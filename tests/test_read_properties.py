"""Fuzzing the loader: arbitrary text and bytes, and a file system in odd states (pipes,
endless devices, broken and looping links, links to ``/``, file names that are not UTF-8 or
forge a place), give our own problems, quickly, never an exception.

A short run here (about 200 examples each); `benchmarks/fuzz_loader.py` runs the same
properties for a bounded time with many more examples.
"""

from __future__ import annotations

import json
import math
import os
import re
import shutil
import signal
import tempfile
import unicodedata
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from cchc_cli.checks import check
from cchc_cli.errors import Problem
from cchc_cli.output.diagnostics import FORMATTERS
from cchc_cli.read import yaml_reader as yamlsafe
from cchc_cli.read.loader import load_checked, read_yaml
from cchc_cli.text_vi import printable
from tests.helpers import build_tree, valid_files

# Pieces that steer random text towards the corners of YAML and of our reader.
PIECES = [
    "\n",
    "  ",
    "- ",
    ": ",
    "? ",
    ", ",
    "[",
    "]",
    "{",
    "}",
    "#",
    "'",
    '"',
    "|\n",
    ">-\n",
    "---\n",
    "...\n",
    "%YAML 1.1\n",
    "&a ",
    "*a",
    "!!str ",
    "!x ",
    "<<: ",
    "=",
    "~",
    "\t",
    "\ufeff",
    "\x00",
    "\x85",
    "\u2028",
    "tasks:",
    "indicators:",
    "- id: VP-01\n",
    "title: Việt",
    "area: chi-dao",
    "lead: van-phong",
    "start: 01/01/2024",
    "due: 2024-02-30",
    "percent: 100",
    "updates:",
    "occurrences:",
    "period: 2024",
    "yes",
    "No",
    "null",
    "0x1F",
    "012",
    "1_000",
    "1e3",
    "+.5",
    "1.5E-2",
    "1_0.5",
    ".nan",
    "-.inf",
    "2024-01-01T10:00:00+07:00",
    "\u01a3",
    "Tie\u0302\u0301ng",
]
yamlish = st.lists(st.sampled_from(PIECES) | st.text(max_size=4), max_size=40).map("".join)
texts = yamlish | st.text(max_size=120)
raw_bytes = st.binary(max_size=200) | texts.map(lambda t: t.encode("utf-8"))
FUZZ = settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def assert_own_problems(problems: list[Problem], path: str | None = None) -> None:
    for problem in problems:
        assert isinstance(problem, Problem)
        assert problem.line >= 0
        assert problem.col >= 0
        assert problem.message
        assert problem.level in {"error", "warning"}
        if path is not None:
            assert problem.path == path


def normalised(value: Any) -> Any:
    """`value` with NFC strings and NaN made comparable, as the strict reader returns it."""
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, float) and math.isnan(value):
        return "NaN"
    if isinstance(value, dict):
        return [(normalised(k), normalised(v)) for k, v in value.items()]
    if isinstance(value, list):
        return [normalised(v) for v in value]
    return value


class _CoreSchemaLoader(yaml.CSafeLoader):
    """PyYAML with the YAML 1.2 core-schema words and numbers, as cchc reads them.

    An independent statement of the rule in `yamlsafe._core_schema`: only true/false are
    booleans, only decimal integers are integers, floats are those of the YAML 1.2 core
    schema (``1e3``, ``+.5``; no underscores), and nothing is read in base 60.
    """


_CoreSchemaLoader.yaml_implicit_resolvers = {
    first: [
        (tag, regexp)
        for tag, regexp in resolvers
        if tag not in {"tag:yaml.org,2002:bool", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float"}
    ]
    for first, resolvers in yaml.CSafeLoader.yaml_implicit_resolvers.items()
}
_CoreSchemaLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
_CoreSchemaLoader.add_implicit_resolver(
    "tag:yaml.org,2002:int", re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$"), list("-+0123456789")
)
_CoreSchemaLoader.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(  # the core schema's floats with a dot or an exponent ("012" is not one)
        r"""^(?:[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?
        |[-+]?[0-9]+[eE][-+]?[0-9]+
        |[-+]?\.(?:inf|Inf|INF)
        |\.(?:nan|NaN|NAN))$""",
        re.X,
    ),
    list("-+0123456789."),
)


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_tree(tmp_path_factory.mktemp("fuzz"), dict(valid_files()))


@FUZZ
@given(raw=raw_bytes)
@example(raw=b"\xc2\x85(")  # a NEXT LINE, read as a space: the data is kept
def test_read_yaml_gives_only_problems(tmp_path: Path, raw: bytes) -> None:
    file = tmp_path / "f.yaml"
    file.write_bytes(raw)
    data, text, problems = read_yaml(file, "f.yaml")
    assert isinstance(text, str)
    assert_own_problems(problems, "f.yaml")
    if data is not None:  # only these errors leave data behind; the rest make it None
        kept = {"duplicate-key", "bad-key", "merge-key", "invalid-date"}
        kept |= {"control-char", "line-separator", "nbsp", "out-of-range"}
        assert {p.code for p in problems if p.is_error} <= kept


@FUZZ
@given(text=texts)
@example(text="012")  # text to cchc (not octal, not a float)
@example(text="+.5")
def test_clean_text_reads_like_pyyaml(text: str) -> None:
    """Where the strict reader finds nothing wrong, it returns what PyYAML returns."""
    data, problems = yamlsafe.parse(text, "f.yaml")
    if problems:
        return
    assert normalised(data) == normalised(yaml.load(text, Loader=_CoreSchemaLoader))


@FUZZ
@given(raw=raw_bytes, where=st.sampled_from(["data/tasks/x.yaml", "data/plan.yaml"]))
def test_load_checked_gives_only_problems(repo: Path, raw: bytes, where: str) -> None:
    target = repo / where
    before = target.read_bytes() if target.exists() else None
    target.write_bytes(raw)
    try:
        dataset = load_checked(repo / "data", check)
    finally:
        if before is None:
            target.unlink()
        else:
            target.write_bytes(before)
    assert_own_problems(dataset.problems)
    assert all(p.line >= 1 for p in dataset.problems if p.path == where and p.loc is not None)


# --- the file system as users (and attackers) leave it ---------------------------------------


def _fifo(path: Path) -> None:
    os.mkfifo(path)


def _link_to(target: str) -> Callable[[Path], None]:
    def make(path: Path) -> None:
        path.symlink_to(target)

    return make


def _loop(path: Path) -> None:
    path.symlink_to(path)


def _folder(path: Path) -> None:
    path.mkdir()


def _empty(path: Path) -> None:
    path.write_bytes(b"")


# What a place in the repository may turn out to be, instead of a file of YAML text.
ODDITIES: dict[str, Callable[[Path], None]] = {
    "fifo": _fifo,
    "dev-zero": _link_to("/dev/zero"),
    "dangling": _link_to("khong-co.yaml"),
    "loop": _loop,
    "root": _link_to("/"),
    "repository": _link_to(".."),
    "folder": _folder,
    "empty": _empty,
}
# Where it may be: the required files, the list folders themselves, and files inside them
# with names that are not UTF-8, hold a newline or colon, or look like a problem's place.
PLACES = [
    b"data/plan.yaml",
    b"data/areas.yaml",
    b"data/units.yaml",
    b"data/tasks",
    b"data/indicators",
    b"data/tasks/la.yaml",
    b"data/tasks/sai\xff.yaml",
    b"data/tasks/a\nb.yaml",
    b"data/tasks/x.yaml:1:1: l\xe1\xbb\x97i [syntax] gi\xe1\xba\xa3.yaml",
    b"data/indicators/\xe2\x80\xa8.yaml",
]
POSIX_FS = pytest.mark.skipif(
    not (hasattr(os, "mkfifo") and Path("/dev/zero").exists()), reason="FIFOs, /dev/zero, links"
)


@contextmanager
def deadline(seconds: float) -> Iterator[None]:
    """Fail, instead of hanging, when the block takes longer than `seconds`."""

    def expired(signum: int, frame: object) -> None:
        raise TimeoutError(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


fs_oddities = st.dictionaries(
    st.sampled_from(PLACES), st.sampled_from(sorted(ODDITIES)), max_size=4
)


@POSIX_FS
@settings(max_examples=40, deadline=None)
@given(odd=fs_oddities)
def test_file_system_oddities_end_quickly_as_located_problems(odd: dict[bytes, str]) -> None:
    root = Path(tempfile.mkdtemp(prefix="cchc-fs-"))
    try:
        repo = build_tree(root, dict(valid_files()))
        for place, oddity in sorted(odd.items()):  # a folder before the files inside it
            path = Path(os.fsdecode(os.fsencode(repo) + b"/" + place))
            if path.parent.is_symlink() or not path.parent.is_dir():
                continue  # its folder is an oddity itself
            if os.path.lexists(path):
                shutil.rmtree(path) if path.is_dir() and not path.is_symlink() else path.unlink()
            ODDITIES[oddity](path)
        with deadline(20):
            dataset = load_checked(repo / "data", check)
        assert_own_problems(dataset.problems)
        for name, render in FORMATTERS.items():
            text = render(dataset.problems)
            text.encode("utf-8")  # strict: every file name is shown encodable
            if name in ("json", "gitlab"):
                json.loads(text)
            else:  # one line per problem and hint: no name breaks a line or forges a place
                assert all(printable(line) == line for line in text.splitlines())
                heads = [line for line in text.splitlines() if not line.startswith(" ")]
                assert len(heads) == len(dataset.problems)
    finally:
        shutil.rmtree(root)
