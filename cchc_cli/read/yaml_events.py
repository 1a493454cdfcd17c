"""Anchors, aliases and explicit tags, found in libyaml's event stream and refused, located.

A data file must read the same wherever it is opened: an alias makes a value depend on
another place, and a tag (``!!python/object``) asks for a type. The reader runs this scan
only when the text holds one of the characters that can start them (``&``, ``*``, ``!``).
"""

from __future__ import annotations

from typing import Any

import yaml

from cchc_cli.dataset import DEFAULT_LIMITS, Limits
from cchc_cli.errors import Problem
from cchc_cli.read import yaml_messages
from cchc_cli.read.yaml_messages import at_mark


def refused_events(text: str, path: str, limits: Limits = DEFAULT_LIMITS) -> list[Problem]:
    """Anchors, aliases and explicit tags, located. Only called when one could be present."""
    problems: list[Problem] = []
    loader = yaml.CSafeLoader(text)
    count = 0
    try:
        while loader.check_event():
            event: Any = loader.get_event()
            count += 1
            if count > 2 * limits.max_nodes + 4:  # a node is one or two events, plus 4 framing
                return [yaml_messages.too_many_nodes(path, event.start_mark, limits.max_nodes)]
            anchor = getattr(event, "anchor", None)
            if isinstance(event, yaml.AliasEvent):
                problems.append(
                    at_mark(
                        path,
                        event.start_mark,
                        "alias",
                        f"Không dùng tham chiếu “*{anchor}” trong tệp dữ liệu.",
                        "Hãy chép giá trị vào đúng chỗ thay cho tham chiếu.",
                    )
                )
            elif anchor is not None:
                problems.append(
                    at_mark(
                        path,
                        event.start_mark,
                        "anchor",
                        f"Không dùng neo “&{anchor}” trong tệp dữ liệu.",
                        "Hãy xoá “&" + str(anchor) + "”; mỗi giá trị được viết trực tiếp.",
                    )
                )
            tag = getattr(event, "tag", None)
            if tag is not None and not isinstance(event, yaml.AliasEvent):
                problems.append(
                    at_mark(
                        path,
                        event.start_mark,
                        "tag",
                        f"Không dùng thẻ kiểu “{short_tag(tag)}” trong tệp dữ liệu.",
                        "Hãy xoá thẻ; nếu đây là chữ thường, "
                        "hãy đặt cả giá trị trong dấu nháy kép.",
                    )
                )
    except yaml.YAMLError:
        pass  # the full load below reports syntax errors once, with their location
    finally:
        loader.dispose()
    return problems


def short_tag(tag: str) -> str:
    """A tag as the user wrote it: ``tag:yaml.org,2002:str`` is ``!!str``."""
    prefix = "tag:yaml.org,2002:"
    return "!!" + tag[len(prefix) :] if tag.startswith(prefix) else tag
