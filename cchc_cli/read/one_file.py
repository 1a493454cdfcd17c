"""One file -> its model: read (bounded, or the pending change of a write command), parse,
validate, and locate every problem; with a `ParseCache`, a text read before is not parsed
again. `cchc_cli.read.loader` reads a whole data folder with these.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from cchc_cli.dataset import DEFAULT_LIMITS, Dataset, Limits, Located
from cchc_cli.errors import Problem
from cchc_cli.models.indicators import Indicator
from cchc_cli.models.tasks import Task
from cchc_cli.read import decode, overlay, yaml_reader
from cchc_cli.read.cache import Entry, ParseCache
from cchc_cli.read.discover import read_bytes, unreadable
from cchc_cli.read.schema_problems import validation_problems

M = TypeVar("M", bound=BaseModel)


def read_text(file: Path, shown: str, limits: Limits) -> tuple[str, list[Problem]]:
    if (changed := overlay.content(file)) is not None:  # a write command checking its change
        return decode.utf8_text(changed, shown, limits.max_bytes)
    raw, problems = read_bytes(file, shown, limits.max_bytes)
    if raw is None:
        return "", problems
    return decode.utf8_text(raw, shown, limits.max_bytes)


def read_yaml(
    file: Path, shown: str, limits: Limits = DEFAULT_LIMITS
) -> tuple[Any, str, list[Problem]]:
    """``(data, text, problems)`` of one file; data is None when it cannot be used."""
    text, problems = read_text(file, shown, limits)
    if problems:
        return None, text, problems
    data, problems = yaml_reader.parse(text, shown, limits)
    return data, text, problems


def validate(
    model: type[M], data: Any, shown: str, text: str, problems: list[Problem], *, limits: Limits
) -> M | None:
    """The file's model, or None after adding its located problems to `problems`."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        tree = yaml_reader.compose(text, limits)
        # One error per place: a value the reader refused is not refused again by the
        # schema. A warning hides nothing, nor does another file's problem.
        known = {(p.line, p.col) for p in problems if p.path == shown and p.is_error}
        found = validation_problems(exc, model, shown, tree)
        # A field missing from a mapping is never the same problem as the one at its start.
        problems.extend(
            p for p in found if p.code == "missing-field" or (p.line, p.col) not in known
        )
        return None


def read_model(
    dataset: Dataset, file: Path, shown: str, model: type[M], cache: ParseCache | None
) -> tuple[Any, M | None, list[Problem]]:
    """``(data, model, problems of reading)`` of one file; every problem is added to the
    dataset. Data is None when the file cannot be used (a model read from the cache stands
    for its data); the model is None when the schema refused the data.

    With a `cache`, a text read before is not parsed again, and a file the schema accepted
    comes back as its model's JSON, which pydantic reads at its own speed.
    """
    text, problems = read_text(file, shown, dataset.limits)
    if problems:
        dataset.problems.extend(problems)
        return None, None, problems
    found = None if cache is None else cache.get(shown, text, dataset.limits)
    refused = None
    if found is not None and found.dump is not None:
        try:
            kept = model.model_validate_json(found.dump)
        except ValidationError:
            refused, found = found.dump, None  # not a dump of this model: read the file itself
        else:
            dataset.problems.extend(found.problems)
            return kept, kept, found.problems
    if found is not None:
        data, problems = found.data, found.problems
    else:
        data, problems = yaml_reader.parse(text, shown, dataset.limits)
    dataset.problems.extend(problems)
    if data is None:
        return None, None, problems
    whole = validate(model, data, shown, text, dataset.problems, limits=dataset.limits)
    if cache is not None and found is None:
        entry = _entry(whole, data, problems)
        if entry.dump is not None and entry.dump == refused:
            # The model cannot read its own dump back: keep the parsed data instead, or the
            # file would be parsed again on every run.
            entry = Entry(problems, data=data)
        cache.put(shown, text, dataset.limits, entry)
    return data, whole, problems


def _entry(whole: BaseModel | None, data: Any, problems: list[Problem]) -> Entry:
    """What the cache keeps of a file: its model's JSON when the schema accepted it."""
    if whole is not None:
        try:
            return Entry(
                problems, dump=whole.model_dump_json(exclude_unset=True, by_alias=True).encode()
            )
        except ValueError:  # pydantic cannot write it as JSON: keep the data
            pass
    return Entry(problems, data=data)


def load_list(
    dataset: Dataset,
    file: Path,
    model: type[BaseModel],
    key: str,
    item_model: type[M],
    *,
    cache: ParseCache | None = None,
) -> list[Located[M]]:
    """The valid items of a list file (``tasks:`` or ``indicators:``)."""
    shown = dataset.display(file)
    dataset.files[shown] = file
    data, whole, problems = read_model(dataset, file, shown, model, cache)
    if data is None:
        if not problems:
            dataset.problems.append(empty(shown, key))
        return []
    if whole is not None:
        items: list[M] = getattr(whole, key)
        return [Located(item, shown, (key, i)) for i, item in enumerate(items)]
    raw = data.get(key) if isinstance(data, dict) else None
    if not isinstance(raw, list):
        return []
    kept = []
    for i, entry in enumerate(raw):
        try:
            kept.append(Located(item_model.model_validate(entry), shown, (key, i)))
        except ValidationError:  # already reported with the whole file
            if item_model is Task and isinstance(entry, dict):
                dataset.rejected_tasks.append(Located(entry, shown, (key, i)))
            elif (salvaged := _without_bad_values(item_model, entry)) is not None:
                kept.append(Located(salvaged, shown, (key, i)))
            elif (
                item_model is Indicator
                and isinstance(entry, dict)
                and isinstance(entry.get("id"), str)
            ):
                dataset.broken_indicators.add(entry["id"])
    return kept


def _without_bad_values(item_model: type[M], entry: Any) -> M | None:
    """A period of statistics whose only faults are some of its values (a word where a
    number goes), with those values left out: the others are still checked in the same run
    (sum rules, overlaps, integers), and the bad ones were reported with the whole file.
    None for any other entry, or when the rest is not valid either."""
    values = entry.get("values") if isinstance(entry, dict) else None
    if not isinstance(values, dict) or "values" not in item_model.model_fields:
        return None
    good = {}
    for name, value in values.items():
        try:
            item_model.model_validate({**entry, "values": {name: value}})
        except ValidationError:
            continue
        good[name] = value
    if len(good) == len(values):
        return None  # the fault is elsewhere in the entry
    try:
        return item_model.model_validate({**entry, "values": good})
    except ValidationError:
        return None


def load_single(
    dataset: Dataset, file: Path, model: type[M], required: bool, *, cache: ParseCache | None = None
) -> M | None:
    """The model of a one-document file (plan, areas, units…); a missing file is a problem
    only when `required`."""
    shown = dataset.display(file)
    try:
        file.lstat()  # a broken link is there, and unreadable: not a missing file
    except FileNotFoundError:
        if required:
            dataset.problems.append(
                Problem(
                    shown,
                    0,
                    0,
                    "missing-file",
                    f"Thiếu tệp “{shown}”.",
                    "Tạo tệp này (xem README) hoặc chép từ một kho mẫu (“cchc init”).",
                )
            )
        return None
    except OSError as exc:
        dataset.problems.append(unreadable(shown, exc, path=file))
        return None
    return read_document(dataset, file, model, cache, required=required)[1]


def read_document(
    dataset: Dataset,
    file: Path,
    model: type[M],
    cache: ParseCache | None,
    *,
    required: bool = False,
) -> tuple[Any, M | None]:
    """``(data, model)`` of a one-document file that is there; data is None when the file
    cannot be used (an empty one is reported), the model None when the schema refused it."""
    shown = dataset.display(file)
    dataset.files[shown] = file
    data, whole, problems = read_model(dataset, file, shown, model, cache)
    if data is None and not problems:
        dataset.problems.append(empty(shown, None, required=required))
    return data, whole


def empty(shown: str, key: str | None, *, required: bool = False) -> Problem:
    """An empty file: harmless for a task or indicator file, an error for a required one."""
    if required:
        return Problem(
            shown,
            1,
            1,
            "empty-file",
            "Tệp trống, nhưng đây là tệp bắt buộc.",
            "Điền nội dung theo mẫu (xem README hoặc “cchc init”).",
        )
    hint = f"Tệp cần có khoá “{key}:” với danh sách các mục." if key else ""
    return Problem(shown, 1, 1, "empty-file", "Tệp trống.", hint, level="warning")
