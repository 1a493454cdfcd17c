"""Fuzz the loader for a bounded time with the properties of tests/test_read_properties.py,
and the parse cache with that of tests/test_read_cache.py (cached and uncached runs agree).

    python benchmarks/fuzz_loader.py --seconds 60

Runs rounds of 200 examples per property, each round with a new seed, until the time is up,
then prints how many examples ran. Exits 1 with hypothesis' falsifying example on a failure.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, cast

from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests import test_read_cache  # noqa: E402 - the properties of the suite
from tests import test_read_properties as test_fuzz  # noqa: E402
from tests.helpers import build_tree, valid_files  # noqa: E402


def inner(test: Callable[..., None]) -> Callable[..., None]:
    """The body of a Hypothesis test, to be called with drawn values."""
    return cast(Callable[..., None], cast(Any, test).hypothesis.inner_test)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    counts: dict[str, int] = {}
    scratch = Path(tempfile.mkdtemp(prefix="cchc-fuzz-"))
    repo = build_tree(scratch / "repo", dict(valid_files()))
    files = scratch / "files"
    files.mkdir()

    def counted(name: str, call: Callable[..., None]) -> Callable[..., None]:
        def run(**kwargs: Any) -> None:
            counts[name] = counts.get(name, 0) + 1
            call(**kwargs)

        return run

    read_yaml = inner(test_fuzz.test_read_yaml_gives_only_problems)
    like_pyyaml = inner(test_fuzz.test_clean_text_reads_like_pyyaml)
    load_checked = inner(test_fuzz.test_load_checked_gives_only_problems)
    cached = inner(test_read_cache.test_cached_and_uncached_runs_agree)
    where = st.sampled_from(["data/tasks/x.yaml", "data/plan.yaml", "data/units.yaml"])
    rounds = settings(
        max_examples=200,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    properties = [
        given(raw=test_fuzz.raw_bytes)(
            counted("read_yaml", lambda raw: read_yaml(tmp_path=files, raw=raw))
        ),
        given(text=test_fuzz.texts)(counted("parse = PyYAML", like_pyyaml)),
        given(raw=test_fuzz.raw_bytes, where=where)(
            counted(
                "load_checked", lambda raw, where: load_checked(repo=repo, raw=raw, where=where)
            )
        ),
        given(raw=test_fuzz.raw_bytes, where=where)(counted("cache = no cache", cached)),
    ]
    if os.name == "posix":  # pipes, /dev/zero and links
        oddities = test_fuzz.test_file_system_oddities_end_quickly_as_located_problems
        properties.append(
            given(odd=test_fuzz.fs_oddities)(counted("file system", oddities.hypothesis.inner_test))
        )
    properties = [rounds(prop) for prop in properties]
    stop = time.monotonic() + args.seconds
    started = time.monotonic()
    while time.monotonic() < stop:
        for prop in properties:
            seed(rng.randrange(2**32))(prop)()
    took = time.monotonic() - started
    total = sum(counts.values())
    detail = ", ".join(f"{name} {n:,}" for name, n in counts.items())
    print(f"{total:,} examples in {took:.0f} s, no failure ({detail})")


if __name__ == "__main__":
    main()
