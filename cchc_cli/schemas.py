"""JSON Schemas of the data files, for editors (yaml-language-server) and other tools."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from cchc_cli.fileio import write_atomic
from cchc_cli.models import AreasFile, IndicatorsFile, Plan, TasksFile, UnitsFile

KINDS: dict[str, tuple[type[BaseModel], str]] = {
    "plan": (Plan, "Kế hoạch CCHC (data/plan.yaml)"),
    "areas": (AreasFile, "Lĩnh vực cải cách (data/areas.yaml)"),
    "units": (UnitsFile, "Phòng, đơn vị thuộc Sở (data/units.yaml)"),
    "tasks": (TasksFile, "Nhiệm vụ CCHC (data/tasks/*.yaml)"),
    "indicators": (IndicatorsFile, "Chỉ số (data/indicators/*.yaml)"),
}


def schema_of(kind: str) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of one kind of file."""
    model, title = KINDS[kind]
    document = model.model_json_schema()
    document["title"] = title
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **document}


def render(kind: str) -> bytes:
    return (json.dumps(schema_of(kind), ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def write_schemas(folder: Path, *, force: bool = False) -> Iterator[tuple[Path, str]]:
    """Write ``<kind>.schema.json`` files; yield each path with what happened to it."""
    for kind in KINDS:
        path = folder / f"{kind}.schema.json"
        content = render(kind)
        if path.is_file() and path.read_bytes() == content:
            yield path, "không đổi"
            continue
        existed = path.exists()
        write_atomic(path, content, force=force)
        yield path, "đã cập nhật" if existed else "đã tạo"
