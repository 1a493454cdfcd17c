"""The ``--format`` a command was given, checked against those it offers."""

from __future__ import annotations

from collections.abc import Iterable

from cchc_cli.errors import UsageError


def format_named(name: str, formats: Iterable[str]) -> str:
    """`name` in lower case without surrounding spaces, when it is one of `formats`;
    otherwise a `UsageError` that lists them (its field, ``output_format``, is worded
    ``--format`` by the CLI)."""
    offered = list(formats)
    found = name.strip().lower()
    if found not in offered:
        raise UsageError(
            f"Không có định dạng “{name}”.",
            f"Dùng một trong: {', '.join(offered)}.",
            field="output_format",
        )
    return found
