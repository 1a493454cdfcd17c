"""Find the line and column of a value from its path of keys and indexes.

Problems found after parsing (schema errors, cross-file checks) know *where in the data*
they are, as a `loc` such as ``("tasks", 3, "due")``. This module walks the YAML node tree
of the file to turn that into ``line:col``. The tree is built only for files that have
such problems, so clean files are parsed once.
"""

from __future__ import annotations

import unicodedata

from yaml.nodes import MappingNode, Node, SequenceNode

from cchc_cli.errors import Loc


def find_node(root: Node, loc: Loc, *, want_key: bool = False) -> Node:
    """The deepest node along `loc` (the key's node when `want_key` and the path ends at a key).

    Steps that do not exist (a missing field, a validator's name in a pydantic `loc`) stop
    the walk, so the result is the closest existing place.
    """
    node = root
    for index, step in enumerate(loc):
        last = index == len(loc) - 1
        if isinstance(node, MappingNode):
            wanted = unicodedata.normalize("NFC", str(step))
            for key_node, value_node in node.value:
                if unicodedata.normalize("NFC", str(key_node.value)) == wanted:
                    node = key_node if (last and want_key) else value_node
                    break
            else:
                return node
        elif isinstance(node, SequenceNode) and isinstance(step, int):
            if not 0 <= step < len(node.value):
                return node
            node = node.value[step]
        else:
            return node
    return node


def position(root: Node | None, loc: Loc, *, want_key: bool = False) -> tuple[int, int]:
    """1-based ``(line, col)`` of `loc` in the tree, or ``(1, 1)`` without a tree."""
    if root is None:
        return 1, 1
    mark = find_node(root, loc, want_key=want_key).start_mark
    return mark.line + 1, mark.column + 1
