"""Problems as text: the formats of `cchc validate --format` (text, json, github).

Pure string functions; the CLI decides where they go.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence

from cchc_cli.errors import Problem

LEVEL_LABELS = {"error": "lỗi", "warning": "cảnh báo"}


def _where(problem: Problem) -> str:
    if problem.line <= 0:
        return problem.path
    return f"{problem.path}:{problem.line}:{problem.col}"


def format_text(problems: Sequence[Problem]) -> str:
    """One block a problem: ``file:line:col: lỗi [code] message`` and an indented hint."""
    lines = []
    for p in problems:
        lines.append(f"{_where(p)}: {LEVEL_LABELS[p.level]} [{p.code}] {p.message}")
        if p.hint:
            lines.append(f"    gợi ý: {p.hint}")
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
        lines.append(f"::{p.level} {','.join(props)}::{_escape_data(text)}")
    return "\n".join(lines) + ("\n" if lines else "")


FORMATTERS: dict[str, Callable[[Sequence[Problem]], str]] = {
    "text": format_text,
    "json": format_json,
    "github": format_github,
}
