"""What every check module shares: a problem placed by its `loc`, "did you mean", repeats."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

from cchc_cli.dataset import Located
from cchc_cli.errors import Level, Loc, Problem

T = TypeVar("T")


def at(
    path: str, loc: Loc, code: str, message: str, hint: str = "", *, level: Level = "error"
) -> Problem:
    """A problem (an error unless `level` says otherwise) at `loc` in `path`;
    `loader.locate_all` finds its line and column later."""
    return Problem(path, 0, 0, code, message, hint, level=level, loc=loc)


def suggest(value: str, valid: Iterable[str]) -> str:
    """A hint naming the closest valid code, then all of them."""
    choices = sorted(valid)
    close = difflib.get_close_matches(value, choices, n=1)
    if close:
        return f"Có phải ý bạn là “{close[0]}”? Các mã hợp lệ: {', '.join(choices)}."
    return f"Các mã hợp lệ: {', '.join(choices)}." if choices else ""


def repeats(
    items: Iterable[Located[T]], key: Callable[[T], str]
) -> Iterator[tuple[Located[T], Located[T]]]:
    """Each item whose key an earlier item has, with that first item."""
    first: dict[str, Located[T]] = {}
    for item in items:
        other = first.setdefault(key(item.item), item)
        if other is not item:
            yield item, other
