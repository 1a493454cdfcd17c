"""A data file exactly as written, for the commands that change it (`cchc update`, `done`,
`add`): its bytes (a UTF-8 BOM and CRLF line ends included), its text, its data and the node
tree that locates every value, so that a change can be made where it belongs and nowhere
else."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from yaml.nodes import Node

from cchc_cli.dataset import DEFAULT_LIMITS, Limits
from cchc_cli.errors import Problem
from cchc_cli.read import decode, yaml_reader

BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True, slots=True)
class Source:
    """One data file as written. `text` is `raw` without its BOM, decoded (line ends kept),
    so an insertion at a place in `text` leaves every other byte of `raw` as it was."""

    path: Path
    shown: str
    raw: bytes
    text: str
    data: Any  # None when the file cannot be read
    tree: Node | None
    problems: list[Problem] = field(default_factory=list)

    @property
    def bom(self) -> bytes:
        return BOM if self.raw.startswith(BOM) else b""

    def with_text(self, text: str) -> bytes:
        """The bytes of this file with `text` in place of its text (the BOM kept)."""
        return self.bom + text.encode("utf-8")


def read_source(path: Path, shown: str, limits: Limits = DEFAULT_LIMITS) -> Source:
    """`path` as written; `OSError` when it cannot be read (the CLI words it)."""
    return source_of(path, shown, path.read_bytes(), limits)


def source_of(path: Path, shown: str, raw: bytes, limits: Limits = DEFAULT_LIMITS) -> Source:
    """The `Source` of a file whose bytes are `raw`."""
    text, problems = decode.utf8_text(raw, shown, limits.max_bytes)
    if problems:
        return Source(path, shown, raw, text, None, None, problems)
    data, problems = yaml_reader.parse(text, shown, limits)
    tree = yaml_reader.compose(text, limits) if data is not None else None
    return Source(path, shown, raw, text, data, tree, problems)


def current_bytes(path: Path) -> bytes:
    """The bytes of `path` now, to see whether it changed since it was read."""
    return path.read_bytes()
