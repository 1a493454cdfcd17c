"""The parse cache: each data file read once, and kept in `.cchc-cache/` beside `data/`.

Parsing is most of the time of `cchc validate` on a large repository (libyaml, then the
strict checks of `yaml_reader`). What the loader makes of a file's text is a pure function
of that text, its shown path, the limits and cchc's code, so it is kept under a key made of
all of them: the SHA-256 of the text, and a fingerprint of the cchc version, the reader's
and the models' source files, PyYAML and Python. A file the schema accepted is kept as its
model's JSON (pydantic reads that back at its own speed, with the same validators), any
other file as its parsed data, each with the problems of reading it. A warm run parses only
the files whose text changed; the models are still validated, and the cross-file checks
still run over every file, so the cache never changes a result (tests/test_read_cache.py
compares cached and uncached runs over the fuzz corpus and on real trees).

An entry is plain JSON, never pickle (parsed data keeps its dates as
``{"\u0000date": "2024-01-31"}``, so that a date and a text stay apart): a cache folder
from elsewhere can at worst hide or invent problems, never run code, and the CI files of
`cchc init` run with ``--no-cache``. An entry that cannot be read, whose key does not
match, whose problems are not problems, or whose dump the model refuses is ignored (a
miss) and rewritten, as the parsed data when the model refuses the very dump it writes;
parsed data that JSON would not give back exactly is not kept.
Writing is best effort: a read-only folder just means no cache. The folder holds a
``.gitignore`` of its own, so git ignores it even in a repository that `cchc init` did not
make.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

import yaml

from cchc_cli import __version__
from cchc_cli.dataset import Limits
from cchc_cli.errors import Problem
from cchc_cli.os_files import default_file_mode

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
    *sorted((_PACKAGE / "models").glob("*.py")),
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


@dataclass(frozen=True, slots=True)
class Entry:
    """What was made of one text: the problems of reading it, and either its parsed `data`
    or, when the schema accepted it, the JSON `dump` of the model (read back with the
    model's own `model_validate_json`)."""

    problems: list[Problem]
    data: Any = None
    dump: bytes | None = None


class ParseCache:
    """The parsed data of each file, read from and written to `folder` (`CACHE_DIR`).

    An entry is a line of JSON (its key, its problems, the parsed data when there is no
    model), then the model's JSON dump. `get` gives the `Entry` kept for the same text, or
    None; `put` keeps one; `close` forgets the entries this run did not use, once it wrote
    new ones.
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

    def get(self, shown: str, text: str, limits: Limits) -> Entry | None:
        """What was kept for this text, or None (a miss)."""
        key = self.key(shown, text, limits)
        if key is None:
            return None
        self.used.add(key)
        try:
            raw = (self.entries / f"{key}.json").read_bytes()
            head, _, body = raw.partition(b"\n")
            # Only parsed data holds dates written as {"\u0000date": …}.
            hook = _decode if _MARK in head else None
            entry = json.loads(head.decode("utf-8", "surrogatepass"), object_hook=hook)
            if entry["key"] != key:
                return None
            problems = [_problem(p) for p in entry["problems"]]
            if entry["model"] is True:
                return Entry(problems, dump=body)
            return Entry(problems, data=entry["data"])
        except (OSError, ValueError, KeyError, TypeError, AttributeError, RecursionError):
            return None  # missing, corrupt or foreign: parse again

    def put(self, shown: str, text: str, limits: Limits, entry: Entry) -> None:
        """Keep what was made of a text. Parsed data is kept only if JSON gives it back
        exactly; a model's dump is JSON already."""
        key = self.key(shown, text, limits)
        if key is None:
            return
        head: dict[str, Any] = {
            "key": key,
            "model": entry.dump is not None,
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
                for p in entry.problems
            ],
        }
        if entry.dump is None:
            head["data"] = entry.data
        try:
            # UTF-8, not \u escapes: a third faster to read back ("surrogatepass": should a
            # lone surrogate ever reach here, it is written and read back as it was).
            text_head = json.dumps(head, default=_encode, allow_nan=False, ensure_ascii=False)
            if entry.dump is None and json.loads(text_head, object_hook=_decode)["data"] != (
                entry.data
            ):
                return  # a value JSON cannot give back (a key that looks like a date)
        except (TypeError, ValueError, RecursionError):
            return
        content = text_head.encode("utf-8", "surrogatepass") + b"\n" + (entry.dump or b"")
        try:
            self._write(f"{key}.json", content)
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
            Path(temp).chmod(default_file_mode())
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
