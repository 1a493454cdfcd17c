"""Time the loader of an older commit against the current one, on the same generated tree.

    python benchmarks/before_after.py d3817ac^ [--tasks 10000]

Checks HEAD out into a temporary git worktree with only `cchc_cli/read/yaml_reader.py` and
`cchc_cli/read/loader.py` taken from the older commit, so that nothing else differs, and
runs the same commands with ``PYTHONPATH`` pointing at one tree or the other, alternating.
The older commit must have the same layout (the rooms of e23121b or later) and a loader that
takes the parse cache (`load_checked(..., cache)`), which HEAD's command line passes.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import REPO, generate
from measure import _HWM_PROBE, AS_OF, PY

LOADER_FILES = ["cchc_cli/read/yaml_reader.py", "cchc_cli/read/loader.py"]
IN_PROCESS = """\
import sys, time
from pathlib import Path
from cchc_cli.checks import check
from cchc_cli.read.loader import load_checked
data = Path(sys.argv[1]) / "data"
load_checked(data, check)
times = []
for _ in range(3):
    start = time.perf_counter()
    load_checked(data, check)
    times.append(time.perf_counter() - start)
print(sorted(times)[1])
"""


def timed(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("ref", help="the older commit, e.g. d3817ac^")
    parser.add_argument("--tasks", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="cchc-before-"))
    old, new = work / "old", work / "new"
    git = ["git", "-C", str(REPO)]
    for tree in (old, new):
        subprocess.run([*git, "worktree", "add", "--detach", str(tree), "HEAD"], check=True)
    subprocess.run(["git", "-C", str(old), "checkout", args.ref, "--", *LOADER_FILES], check=True)
    try:
        root = generate(work / "tree", args.tasks)
        envs = {
            "before": {**os.environ, "PYTHONPATH": str(old)},
            "after": {**os.environ, "PYTHONPATH": str(new)},
        }
        # -P: not the current folder first on sys.path, so PYTHONPATH decides which code runs
        cli = [PY, "-P", "-c", "from cchc_cli.cli.app import main; main()", "--data", str(root)]
        rows = {
            "load_checked in-process (median of 3)": None,
            "`cchc validate` fresh process": [*cli, "validate"],
            "`cchc status` fresh process": [*cli, "status", *AS_OF],
        }
        print(f"| {args.tasks:,} tasks | loader of {args.ref} | loader of HEAD | after / before |")
        print("|---|---|---|---|")
        for name, cmd in rows.items():
            got: dict[str, list[float]] = {"before": [], "after": []}
            for _ in range(args.repeat):
                for label, env in envs.items():
                    if cmd is None:
                        out = subprocess.run(
                            [PY, "-P", "-c", IN_PROCESS, str(root)],
                            env=env,
                            capture_output=True,
                            text=True,
                            check=True,
                        )
                        got[label].append(float(out.stdout))
                    else:
                        got[label].append(timed(cmd, env))
            b, a = statistics.median(got["before"]), statistics.median(got["after"])
            print(f"| {name} | {b * 1000:.0f} ms | {a * 1000:.0f} ms | {a / b:.2f}× |")
        peaks = {}
        for label, env in envs.items():
            proc = subprocess.run(
                [PY, "-P", "-c", _HWM_PROBE, "--data", str(root), "validate"],
                env=env,
                capture_output=True,
                text=True,
                check=False,
            )
            peaks[label] = int(proc.stderr.split("VmHWM ")[-1].split()[0]) / 1024
        b, a = peaks["before"], peaks["after"]
        print(f"| peak RSS of `cchc validate` | {b:.0f} MB | {a:.0f} MB | {a / b:.2f}× |")
    finally:
        for tree in (old, new):
            subprocess.run([*git, "worktree", "remove", "--force", str(tree)], check=False)


if __name__ == "__main__":
    main()
