"""Problems as text: the formats of `cchc validate --format` (text, json, github, gitlab).

Pure string functions; the CLI decides where they go. Each format is documented with an
example in ``docs/doc-loi.md``; `tests/test_diagnostics.py` keeps the two in step.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Sequence

from cchc_cli.errors import Problem
from cchc_cli.text_vi import printable

LEVEL_LABELS = {"error": "lỗi", "warning": "cảnh báo"}


_DRIVE = re.compile(r"[A-Za-z]:[/\\]")


def quoted_path(path: str) -> str:
    """`path` as text output shows it: in double quotes (JSON-escaped) when it holds a colon
    (other than a Windows drive's), a quote or a line break, so that a file named
    ``a.yaml:9:9: lỗi …`` cannot pass for a problem at line 9."""
    rest = path[2:] if _DRIVE.match(path) else path
    if any(ch in rest for ch in ':"\n\r') or path != path.strip():
        return json.dumps(path, ensure_ascii=False)
    return path


def _where(problem: Problem) -> str:
    path = quoted_path(problem.path)
    if problem.line <= 0:
        return path
    return f"{path}:{problem.line}:{problem.col}"


def format_text(problems: Sequence[Problem]) -> str:
    """One block a problem: ``file:line:col: lỗi [code] message`` and an indented hint."""
    lines = []
    for p in problems:
        head = f"{_where(p)}: {LEVEL_LABELS[p.level]} [{p.code}] {p.message}"
        lines.append(printable(head))
        if p.hint:
            lines.append(printable(f"    gợi ý: {p.hint}"))
    return "\n".join(lines) + ("\n" if lines else "")


def summary(problems: Sequence[Problem], files: int, tasks: int) -> str:
    """A closing line in Vietnamese, e.g. ``2 lỗi, 1 cảnh báo (12 tệp, 57 nhiệm vụ).``"""
    errors = sum(p.is_error for p in problems)
    warnings = len(problems) - errors
    counted = f"({files} tệp, {tasks} nhiệm vụ)"
    if not problems:
        return f"Dữ liệu hợp lệ {counted}."
    return f"{errors} lỗi, {warnings} cảnh báo {counted}."


def format_json(problems: Sequence[Problem]) -> str:
    """``{"schema_version": 1, "errors": n, "warnings": n, "problems": [...]}``."""
    errors = sum(p.is_error for p in problems)
    document = {
        "schema_version": 1,
        "errors": errors,
        "warnings": len(problems) - errors,
        "problems": [
            {
                "path": p.path,
                "line": p.line,
                "col": p.col,
                "level": p.level,
                "code": p.code,
                "message": p.message,
                "hint": p.hint,
            }
            for p in problems
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def format_github(problems: Sequence[Problem]) -> str:
    """GitHub Actions workflow commands: ``::error file=…,line=…,col=…,title=…::message``."""
    lines = []
    for p in problems:
        props = [f"file={_escape_property(p.path)}"]
        if p.line > 0:
            props += [f"line={p.line}", f"col={p.col}"]
        props.append(f"title={_escape_property('cchc ' + p.code)}")
        text = p.message + (f" Gợi ý: {p.hint}" if p.hint else "")
        lines.append(printable(f"::{p.level} {','.join(props)}::{_escape_data(text)}"))
    return "\n".join(lines) + ("\n" if lines else "")


GITLAB_SEVERITY = {"error": "major", "warning": "minor"}


def fingerprint(path: str, code: str, message: str, repeat: int = 0) -> str:
    """A Code Quality fingerprint: sha256 of the path, the code and the message.

    The line is left out on purpose: adding a task above a problem moves it down but keeps
    its fingerprint, so GitLab does not report it as fixed and found again. `repeat` tells
    apart identical problems in one file (the second is 1, and so on); it is left out of
    the hash when 0, so a lone problem's fingerprint is just the three fields.
    """
    key = "\0".join([path, code, message] + ([str(repeat)] if repeat else []))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def format_gitlab(problems: Sequence[Problem]) -> str:
    """A GitLab Code Quality report: a JSON list of CodeClimate-style issues.

    Each item: ``description``, ``check_name`` (the problem code), ``fingerprint`` (see
    `fingerprint`), ``severity`` (``major`` for errors, ``minor`` for warnings) and
    ``location`` ``{"path", "lines": {"begin"}}``; a whole-file problem is placed on line 1.
    """
    seen: dict[tuple[str, str, str], int] = {}
    issues = []
    for p in problems:
        key = (p.path, p.code, p.message)
        repeat = seen.get(key, 0)
        seen[key] = repeat + 1
        issues.append(
            {
                "description": f"[{p.code}] {p.message}" + (f" Gợi ý: {p.hint}" if p.hint else ""),
                "check_name": p.code,
                "fingerprint": fingerprint(p.path, p.code, p.message, repeat),
                "severity": GITLAB_SEVERITY[p.level],
                "location": {"path": p.path, "lines": {"begin": max(p.line, 1)}},
            }
        )
    return json.dumps(issues, ensure_ascii=False, indent=2) + "\n"


FORMATTERS: dict[str, Callable[[Sequence[Problem]], str]] = {
    "text": format_text,
    "json": format_json,
    "github": format_github,
    "gitlab": format_gitlab,
}
