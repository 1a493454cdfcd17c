"""The dashboard page at province scale: its size and how fast Chromium draws it.

    python benchmarks/page.py [--tasks 10000] [--as-of 31/12/2024] [--runs 3] [--all] [--keep DIR]

Generates a seeded tree (`generate.py`), writes the page with a fresh ``cchc status
--format html`` process (timed), then loads it offline in the Debian ``chromium`` over the
DevTools pipe (tests/browser.py) and takes, per run, the time from navigation start to the
first frame after the load event (the page parsed, laid out and painted once). Goals: under
5 MB, drawn in under 2 s. The page shows the first 20 rows of each list, as ``cchc status``
does by default; ``--all`` writes every row. Results are recorded in benchmarks/RESULTS.md.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks")]

from generate import generate  # noqa: E402

from tests.browser import Browser, chromium  # noqa: E402

MAX_BYTES = 5 * 1024 * 1024
MAX_MS = 2000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", type=int, default=10_000)
    parser.add_argument("--as-of", default="31/12/2024")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--all", action="store_true", help="every row of each list (cchc --all)")
    parser.add_argument("--keep", type=Path, help="keep the tree and page in this folder")
    args = parser.parse_args()
    executable = chromium()
    if executable is None:
        sys.exit("chromium is not installed (apt-get install chromium)")
    with tempfile.TemporaryDirectory() as scratch:
        folder = args.keep or Path(scratch)
        tree = generate(folder / f"tree-{args.tasks}", args.tasks)
        page = folder / f"page-{args.tasks}.html"
        page.unlink(missing_ok=True)
        command = [sys.executable, "-m", "cchc_cli", "--data", str(tree), "status"]
        command += ["--as-of", args.as_of, "--format", "html", "--output", str(page)]
        command += ["--all"] if args.all else []
        started = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        written = time.perf_counter() - started
        size = page.stat().st_size
        drawn = []
        with Browser(executable) as browser:
            for _ in range(args.runs):
                visit = browser.load(
                    page, evaluate={"rows": "document.querySelectorAll('tbody.rows tr').length"}
                )
                if visit.failed or visit.errors:
                    sys.exit(f"the page misbehaved: {visit.failed} {visit.errors}")
                drawn.append(visit.drawn_ms)
        median = statistics.median(drawn)
        rows = visit.values["rows"]
        shown = "every row" if args.all else "the first 20 of each list"
        print(f"tasks: {args.tasks}, as of {args.as_of}, {shown}, list rows: {rows}")
        print(f"cchc status --format html (fresh process): {written:.2f} s")
        print(f"page size: {size / 1024 / 1024:.2f} MB (goal < 5 MB: {size < MAX_BYTES})")
        runs = ", ".join(f"{d:.0f}" for d in drawn)
        print(f"drawn in: median {median:.0f} ms ({runs}) (goal < 2000 ms: {median < MAX_MS})")
        print(f"page height: {visit.height} px at {visit.width} px")


if __name__ == "__main__":
    main()
