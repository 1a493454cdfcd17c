"""Size of a data tree as Python objects, printed as three numbers in MB (run in a fresh process).

1. the parsed data of every file (``yaml.load`` with ``CSafeLoader``), all held at once,
   measured with tracemalloc as the memory still allocated after the texts are dropped;
2. the same data measured by walking it with ``sys.getsizeof`` (shared objects counted once);
3. the `Dataset` that `cchc_cli.read.loader.load` keeps (the validated models), by tracemalloc.
"""

from __future__ import annotations

import gc
import sys
import tracemalloc
from pathlib import Path
from typing import Any

import yaml

from cchc_cli.read import loader

MB = 1024 * 1024


def deep_size(root: Any) -> int:
    seen: set[int] = set()
    stack = [root]
    total = 0
    while stack:
        obj = stack.pop()
        if id(obj) in seen:
            continue
        seen.add(id(obj))
        total += sys.getsizeof(obj)
        if isinstance(obj, dict):
            stack.extend(obj.keys())
            stack.extend(obj.values())
        elif isinstance(obj, list | tuple):
            stack.extend(obj)
    return total


def main() -> None:
    data_dir = Path(sys.argv[1]) / "data"
    files = sorted(data_dir.rglob("*.yaml"))
    gc.collect()
    tracemalloc.start()
    base = tracemalloc.get_traced_memory()[0]
    parsed = [yaml.load(f.read_text("utf-8"), Loader=yaml.CSafeLoader) for f in files]
    gc.collect()
    parsed_bytes = tracemalloc.get_traced_memory()[0] - base
    walked = deep_size(parsed)
    del parsed
    gc.collect()
    base = tracemalloc.get_traced_memory()[0]
    dataset = loader.load(data_dir)
    gc.collect()
    models_bytes = tracemalloc.get_traced_memory()[0] - base
    assert dataset.tasks
    print(f"{parsed_bytes / MB:.1f} {walked / MB:.1f} {models_bytes / MB:.1f}")


if __name__ == "__main__":
    main()
