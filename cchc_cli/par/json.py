"""`cchc par --format json`: the plain data of `cchc_cli.par.rows` as JSON.

The shape is that of `cchc_cli.par.rows` (its module docstring), with ``schema_version`` 1
first and dates as ISO ``YYYY-MM-DD`` strings. Keys are stable; new keys may be added.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from cchc_cli.par.rows import plain
from cchc_cli.par.view import ParView

SCHEMA_VERSION = 1


def _iso(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {key: _iso(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_iso(item) for item in value]
    return value


def to_json(view: ParView) -> dict[str, Any]:
    """The JSON document of `view`."""
    return {"schema_version": SCHEMA_VERSION, **_iso(plain(view))}


def render_json(view: ParView) -> str:
    return json.dumps(to_json(view), ensure_ascii=False, indent=2) + "\n"
