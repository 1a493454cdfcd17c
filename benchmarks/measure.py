"""How `run.py` measures: commands in fresh processes, wall and CPU time, peak memory.

Every figure is a median. Two commands compared by a ratio run in turns (a, b, a, b…), so
that a change in the machine's load touches both alike. The verdicts use CPU time (user +
system, from ``wait4``): on a machine shared with other jobs, waiting for a CPU inflates
wall time by chance, while the work a process does stays put. Wall time is printed beside.
"""

from __future__ import annotations

import gc
import math
import os
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

BIN = Path(sys.executable).parent
CCHC = str(BIN / "cchc")
PY = sys.executable
AS_OF = ["--as-of", "31/12/2024"]  # fixed, so a run next year does the same work


@dataclass(frozen=True)
class Timing:
    """Medians of one command: wall and CPU seconds."""

    wall: float
    cpu: float

    def __truediv__(self, other: Timing) -> float:
        """The ratio the verdicts use: CPU time."""
        return self.cpu / other.cpu

    def show(self) -> str:
        return f"{fmt(self.cpu)} CPU ({fmt(self.wall)} wall)"


def fmt(seconds: float | None) -> str:
    if seconds is None:
        return "–"
    return f"{seconds * 1000:.0f} ms" if seconds < 10 else f"{seconds:.1f} s"


def run(cmd: Sequence[str], expect: set[int] | None = None, cwd: Path | None = None) -> int:
    """Run a command quietly; fail loudly if its exit code is not an expected one."""
    proc = subprocess.run(
        cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=cwd, check=False
    )
    if expect is not None and proc.returncode not in expect:
        tail = proc.stderr.decode("utf-8", "replace")[-2000:]
        raise SystemExit(f"{' '.join(cmd)} exited {proc.returncode}:\n{tail}")
    return proc.returncode


def once(cmd: Sequence[str]) -> tuple[float, float]:
    """``(wall, cpu)`` seconds of one run of `cmd` in a fresh process, output dropped."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, _, usage = os.wait4(proc.pid, 0)
    return time.perf_counter() - start, usage.ru_utime + usage.ru_stime


def compare(
    cmds: Sequence[Sequence[str]],
    repeat: int,
    expect: set[int] | None = None,
    before: Sequence[Callable[[], object] | None] | None = None,
) -> list[Timing]:
    """Medians of each command, run in turns `repeat` times after one checked warm-up run.

    `before[i]`, when given, runs before each run of command i (not timed).
    """
    hooks = list(before or [None] * len(cmds))
    for cmd, hook in zip(cmds, hooks, strict=True):
        if hook:
            hook()
        run(cmd, expect)
    walls: list[list[float]] = [[] for _ in cmds]
    cpus: list[list[float]] = [[] for _ in cmds]
    for _ in range(repeat):
        for i, (cmd, hook) in enumerate(zip(cmds, hooks, strict=True)):
            if hook:
                hook()
            wall, cpu = once(cmd)
            walls[i].append(wall)
            cpus[i].append(cpu)
    return [
        Timing(statistics.median(w), statistics.median(c)) for w, c in zip(walls, cpus, strict=True)
    ]


def timed(cmd: Sequence[str], repeat: int, expect: set[int] | None = None) -> Timing:
    return compare([cmd], repeat, expect)[0]


def in_process(fn: Callable[[], object], repeat: int, warmup: int = 1) -> Timing:
    """Medians of `fn` called in this process (a collection before each call)."""
    for _ in range(warmup):
        fn()
    walls, cpus = [], []
    for _ in range(repeat):
        gc.collect()
        wall, cpu = time.perf_counter(), time.process_time()
        fn()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return Timing(statistics.median(walls), statistics.median(cpus))


_HWM_PROBE = """\
import atexit, sys
def _hwm():
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                sys.stderr.write("VmHWM " + line.split()[1] + "\\n")
atexit.register(_hwm)
sys.argv = ["cchc", *sys.argv[1:]]
from cchc_cli.cli.app import main
main()
"""


def peak_rss_mb(args: Sequence[str]) -> float:
    """Peak resident set size of a fresh `cchc` process: its own VmHWM, read at exit.

    (``wait4``'s ``ru_maxrss`` is no use here: a forked child starts with its parent's.)
    """
    proc = subprocess.run(
        [PY, "-c", _HWM_PROBE, *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        check=False,
    )
    lines = [x for x in proc.stderr.decode().splitlines() if x.startswith("VmHWM ")]
    return int(lines[-1].split()[1]) / 1024


def exponent(small: float, big: float, ratio: float) -> float:
    """The scaling exponent of a step from `small` to `big` for `ratio` times the data."""
    return math.log(big / small) / math.log(ratio)


def machine() -> str:
    cpu = "?"
    with Path("/proc/cpuinfo").open(encoding="utf-8") as info:
        for line in info:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    load = " ".join(f"{x:.1f}" for x in os.getloadavg())
    return (
        f"{os.cpu_count()} CPU ({cpu}), Python {platform.python_version()}, "
        f"{platform.system()} {platform.release()}, load average at start {load}"
    )


@dataclass
class Goal:
    """A goal of the benchmarks, its figure and its verdict (None: not measured)."""

    name: str
    figure: str
    met: bool | None
    note: str = ""

    def row(self) -> str:
        verdict = {True: "**met**", False: "**missed**", None: "not measured"}[self.met]
        note = f" ({self.note})" if self.note else ""
        return f"| {self.name} | {self.figure} | {verdict}{note} |"


def goal_table(goals: list[Goal]) -> str:
    head = (
        "| goal | figure (CPU time; wall in brackets where it matters) | verdict |\n|---|---|---|"
    )
    return "\n".join([head, *(g.row() for g in goals)])
