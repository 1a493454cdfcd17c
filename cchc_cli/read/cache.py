"""The parse cache: each data file read once, and kept in `.cchc-cache/` beside `data/`.

Parsing is most of the time of `cchc validate` on a large repository (libyaml, then the
strict checks of `yaml_reader`). What the loader makes of a file's text is a pure function
of that text, its shown path, the limits and cchc's code, so it is kept under a key made of
all of them: the SHA-256 of the text, and a fingerprint of the cchc version, the reader's
and the models' source files, PyYAML and Python. A file the schema accepted is kept as its
model's dump (validating that again is twice as fast as validating what YAML gave), any
other file as the parsed data, each with the problems of reading it. A warm run parses only
the files whose text changed; the models are still validated, and the cross-file checks
still run over every file, so the cache never changes a result (tests/test_read_cache.py
compares cached and uncached runs over the fuzz corpus).

An entry is plain JSON, never pickle (a model's dump has ISO dates, which the models read
back as they read them from YAML; parsed data keeps its dates as
``{"\u0000date": "2024-01-31"}``, so that a date and a text stay apart): a cache
folder from elsewhere can at worst hide or invent problems, never run code, and the CI files
of `cchc init` run with ``--no-cache``. An entry that cannot be read, whose key does not
match, or whose problems are not problems is ignored (a miss) and rewritten; a value that
JSON would not give back exactly is not kept. Writing is best effort: a read-only folder
just means no cache. The folder holds a ``.gitignore`` of its own, so git ignores it even in
a repository that `cchc init` did not make.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from datetime import date, datetime
from pathlib import Path
from typing import Any

import yaml

from cchc_cli import __version__
from cchc_cli.dataset import Limits
from cchc_cli.errors import Problem

CACHE_DIR = ".cchc-cache"
_ENTRIES = "parsed"
_DATE = "\u0000date"
_DATETIME = "\u0000datetime"
_MARK = b'"\\u0000date'  # how both look in a JSON file
_PACKAGE = Path(__file__).resolve().parent.parent
# The code an entry depends on: the reader, the problems and texts it makes, and the models
# (a file they accept is kept as its model's dump).
_SOURCES = (
    *sorted((_PACKAGE / "read").glob("*.py")),
    _PACKAGE / "errors.py",
    _PACKAGE / "text_vi.py",
)


def _fingerprint() -> str | None:
    """What every entry's key shares: versions and the reader's code. None if unreadable."""
    digest = hashlib.sha256()
    versions = [__version__, yaml.__version__, getattr(yaml, "__with_libyaml__", ""), sys.version]
    digest.update("\0".join(map(str, versions)).encode())
    try:
        for source in _SOURCES:
            digest.update(source.read_bytes())
    except OSError:
        return None
    return digest.hexdigest()


def _encode(value: object) -> dict[str, str]:
    if isinstance(value, datetime):
        return {_DATETIME: value.isoformat()}
    if isinstance(value, date):
        return {_DATE: value.isoformat()}
    raise TypeError(type(value).__name__)  # not plain data: that file is not cached


def _decode(found: dict[str, Any]) -> Any:
    if len(found) == 1:
        if _DATE in found:
            return date.fromisoformat(found[_DATE])
        if _DATETIME in found:
            return datetime.fromisoformat(found[_DATETIME])
    return found


_PROBLEM_FIELDS: dict[str, type | tuple[type, ...]] = {
    "path": str,
    "line": int,
    "col": int,
    "code": str,
    "message": str,
    "hint": str,
    "level": str,
    "loc": (list, type(None)),
}


def _problem(fields: dict[str, Any]) -> Problem:
    """A problem as `put` wrote it; TypeError for anything else (the entry is then ignored)."""
    if fields.keys() != _PROBLEM_FIELDS.keys() or not all(
        isinstance(fields[name], kind) for name, kind in _PROBLEM_FIELDS.items()
    ):
        raise TypeError("not a problem")
    loc = fields["loc"]
    if fields["level"] not in ("error", "warning") or (
        loc is not None and not all(isinstance(step, str | int) for step in loc)
    ):
        raise TypeError("not a problem")
    return Problem(
        fields["path"],
        fields["line"],
        fields["col"],
        fields["code"],
        fields["message"],
        fields["hint"],
        fields["level"],
        None if loc is None else tuple(loc),
    )


class ParseCache:
    """The parsed data of each file, read from and written to `folder` (`CACHE_DIR`).

    `get` gives what `yaml_reader.parse` gave for the same text, or None; `put` keeps a
    fresh parse; `close` forgets the entries this run did not use, once it wrote new ones.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.entries = folder / _ENTRIES
        self.fingerprint = _fingerprint()
        self.used: set[str] = set()
        self.wrote = False

    def key(self, shown: str, text: str, limits: Limits) -> str | None:
        if self.fingerprint is None:
            return None
        digest = hashlib.sha256(f"{self.fingerprint}\0{shown}\0{limits!r}\0".encode())
        digest.update(text.encode("utf-8", "surrogatepass"))
        return digest.hexdigest()

    def get(self, shown: str, text: str, limits: Limits) -> tuple[Any, list[Problem]] | None:
        """The cached ``(data, problems)`` of this text, or None (a miss)."""
        key = self.key(shown, text, limits)
        if key is None:
            return None
        self.used.add(key)
        try:
            raw = (self.entries / f"{key}.json").read_bytes()
            # Only parsed data holds dates written as {"\u0000date": …}; a model's dump has
            # plain ISO dates, and reads a third faster without the hook.
            hook = _decode if _MARK in raw else None
            entry = json.loads(raw.decode("utf-8", "surrogatepass"), object_hook=hook)
            if entry["key"] != key:
                return None
            return entry["data"], [_problem(p) for p in entry["problems"]]
        except (OSError, ValueError, KeyError, TypeError, AttributeError, RecursionError):
            return None  # missing, corrupt or foreign: parse again

    def put(
        self,
        shown: str,
        text: str,
        limits: Limits,
        data: Any,
        problems: list[Problem],
        *,
        plain: bool = False,
    ) -> None:
        """Keep what was made of a text, if it can be written as JSON and read back exactly.

        `plain`: `data` is a model's JSON dump (field names, strings, numbers, lists), which
        JSON gives back as it was, so it is not read back to check.
        """
        key = self.key(shown, text, limits)
        if key is None:
            return
        entry = {
            "key": key,
            "data": data,
            "problems": [
                {
                    "path": p.path,
                    "line": p.line,
                    "col": p.col,
                    "code": p.code,
                    "message": p.message,
                    "hint": p.hint,
                    "level": p.level,
                    "loc": p.loc,
                }
                for p in problems
            ],
        }
        try:
            # UTF-8, not \u escapes: a third faster to read back ("surrogatepass": should a
            # lone surrogate ever reach here, it is written and read back as it was).
            payload = json.dumps(entry, default=_encode, allow_nan=False, ensure_ascii=False)
            if not plain and json.loads(payload, object_hook=_decode)["data"] != data:
                return  # a value JSON cannot give back (a key that looks like a date)
        except (TypeError, ValueError, RecursionError):
            return
        try:
            self._write(f"{key}.json", payload.encode("utf-8", "surrogatepass"))
        except OSError:
            return
        self.wrote = True

    def _write(self, name: str, content: bytes) -> None:
        if not self.entries.is_dir():
            self.entries.mkdir(parents=True, exist_ok=True)
            (self.folder / ".gitignore").write_text(
                "# Tệp tạm của cchc (cchc --no-cache để không dùng); không đưa vào git.\n*\n",
                encoding="utf-8",
            )
        import tempfile  # only when writing: a warm run starts without it

        fd, temp = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=self.entries)
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(content)
            Path(temp).replace(self.entries / name)
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise

    def close(self) -> None:
        """Forget the entries this run did not use (old texts), once it wrote new ones."""
        if not self.wrote:
            return
        try:
            for entry in os.scandir(self.entries):
                stem, dot, suffix = entry.name.partition(".")
                if suffix == "json" and dot and stem not in self.used:
                    Path(entry.path).unlink(missing_ok=True)
        except OSError:
            return
