"""Time period statistics: what they add to `cchc validate` and `cchc report`, and how both
scale.

    python benchmarks/period_statistics.py            # about 5 minutes on 2 cores
    python benchmarks/period_statistics.py --quick    # fewer repeats, 1 and 10 years only

1. The shipped data (`data/`) with and without its statistics (`metrics.yaml` and
   `statistics/`, 2024-2026): `cchc validate` in a fresh process and in-process
   (`load_checked` + `check`), medians of runs taken turn about. Goal: statistics add less
   than 20 % to `cchc validate`.
2. Generated statistics of 1, 2, 5 and 10 years x 12 months x 60 metrics (50 monthly, 10
   quarterly; 12 groups of five, each with a sum rule, a part-of-whole rule and a rate),
   on top of the shipped plan, areas, units, indicators and tasks: the same two timings,
   the cost above the tree without statistics, and the scaling exponent (least squares of
   log time on log values; 1.0 is linear). In-process figures are the fastest of their runs,
   which a busy shared machine disturbs least. Also `figures_for` over the four report
   windows of a year and `cchc status`.
3. Reports: the annual report (`build` + `render`, md and docx) of the last year with data,
   in-process on a loaded data set, for the shipped data with and without its statistics
   and for each generated tree against the same tree without statistics (the cost of the
   statistics sentences and appendix: computing the figures, wording, laying out the
   table); the scaling exponent of that cost; and `cchc report` in a fresh process.

Every tree is checked to validate cleanly before it is timed. Nothing here is a test.
"""

from __future__ import annotations

import argparse
import math
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import REPO
from measure import CCHC, machine, run, timed
from measure import in_process as timed_in_process


def median_time(fn: Callable[[], object], repeat: int) -> float:
    """Median wall time of `fn` in this process, after one warm-up call."""
    return timed_in_process(fn, repeat).wall


def process_time(cmd: list[str], repeat: int) -> float:
    """Median wall time of `cmd` in a fresh process, after one checked warm-up run."""
    return timed(cmd, repeat, {0}).wall


GROUPS = 12
MONTHLY_GROUPS = 10
FIRST_YEAR = 2021  # the shipped plan runs 2021-2030


def copy_base(out: Path, *, statistics: bool) -> Path:
    """The shipped data/, with or without its statistics."""
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(REPO / "data", out / "data")
    if not statistics:
        (out / "data" / "metrics.yaml").unlink()
        shutil.rmtree(out / "data" / "statistics")
    return out


def catalogue() -> str:
    lines = ["groups:"]
    lines += [f"  - {{id: g{g}, name: Nhóm {g}, area: tthc}}" for g in range(GROUPS)]
    lines.append("metrics:")
    rates, rules = ["rates:"], ["rules:"]
    for g in range(GROUPS):
        for part in ("a", "b", "c", "t", "x"):
            lines.append(
                f"  - {{id: m{g}-{part}, name: Chỉ tiêu {g} {part}, unit: hồ sơ, group: g{g}}}"
            )
        rules.append(f"  - {{left: [m{g}-a, m{g}-b, m{g}-c], right: [m{g}-t]}}")
        rules.append(f"  - {{left: [m{g}-x], op: '<=', right: [m{g}-t]}}")
        rates.append(
            f"  - {{id: r{g}, name: Tỷ lệ {g}, group: g{g}, numerator: [m{g}-x], "
            f"denominator: [m{g}-t]}}"
        )
    return "\n".join([*lines, *rates, *rules]) + "\n"


def group_values(rng: random.Random, g: int) -> dict[str, int]:
    a, b, c = rng.randint(0, 500), rng.randint(0, 500), rng.randint(0, 50)
    total = a + b + c
    return {
        f"m{g}-a": a,
        f"m{g}-b": b,
        f"m{g}-c": c,
        f"m{g}-t": total,
        f"m{g}-x": rng.randint(0, total),
    }


def entry(period: str, values: dict[str, int]) -> str:
    body = "\n".join(f"      {k}: {v}" for k, v in values.items())
    return f"  - period: {period}\n    source: Hệ thống\n    values:\n{body}\n"


def make_tree(out: Path, years: int, seed: int = 2024) -> Path:
    """The shipped data, its statistics replaced by `years` generated years."""
    root = copy_base(out, statistics=False)
    data = root / "data"
    (data / "metrics.yaml").write_text(catalogue(), encoding="utf-8")
    folder = data / "statistics"
    folder.mkdir()
    rng = random.Random(seed)
    for year in range(FIRST_YEAR, FIRST_YEAR + years):
        parts = ["periods:\n"]
        for month in range(1, 13):
            values: dict[str, int] = {}
            for g in range(MONTHLY_GROUPS):
                values |= group_values(rng, g)
            parts.append(entry(f"{year}-{month:02d}", values))
            if month % 3 == 0:
                quarterly: dict[str, int] = {}
                for g in range(MONTHLY_GROUPS, GROUPS):
                    quarterly |= group_values(rng, g)
                parts.append(entry(f"{year}-Q{month // 3}", quarterly))
        (folder / f"{year}.yaml").write_text("".join(parts), encoding="utf-8")
    return root


def in_process(root: Path) -> Callable[[], None]:
    from cchc_cli.checks import check
    from cchc_cli.read.loader import load_checked

    def call() -> None:
        dataset = load_checked(root / "data", check)
        if any(p.is_error for p in dataset.problems):
            raise SystemExit(f"{root}: {dataset.problems[:3]}")

    return call


def checks_only(root: Path) -> Callable[[], None]:
    """The statistics checks alone, on a loaded data set (no reading, no other checks)."""
    from cchc_cli.checks.statistics import statistics_problems
    from cchc_cli.read.loader import load

    dataset = load(root / "data")

    def call() -> None:
        list(statistics_problems(dataset))

    return call


def figures(root: Path) -> Callable[[], None]:
    from cchc_cli.engine.figures import figures_for
    from cchc_cli.engine.periods import KINDS, ReportPeriod
    from cchc_cli.engine.statistics import of_dataset
    from cchc_cli.read.loader import load

    stats = of_dataset(load(root / "data"))
    assert stats is not None

    def call() -> None:
        for kind in KINDS:
            figures_for(stats, ReportPeriod(kind, 2025).window)

    return call


def report_call(root: Path, fmt: str, year: int) -> Callable[[], None]:
    """The annual report of `year` built and rendered in `fmt`, on data loaded once."""
    from cchc_cli.checks import check
    from cchc_cli.engine.periods import report_period
    from cchc_cli.read.loader import load_checked
    from cchc_cli.report.facts import build
    from cchc_cli.report.render import render

    dataset = load_checked(root / "data", check)
    period = report_period("year", year)

    def call() -> None:
        render(build(dataset, period, issued=None, commit=None), fmt, dataset.root)

    return call


def report_command(root: Path, fmt: str, year: int, out: Path) -> list[str]:
    target = "-" if fmt == "md" else str(out / f"bao-cao.{fmt}")
    return [
        CCHC, "--data", str(root), "report", "--year", str(year), "--format", fmt,
        "--output", target, "--force",
    ]  # fmt: skip


def interleaved(
    a: Callable[[], float], b: Callable[[], float], repeat: int, pick: Callable[..., float]
) -> tuple[float, float]:
    """`a` and `b` timed turn about, so that a busy machine slows both alike; `pick` (the
    median, or the minimum) of each."""
    first, second = [], []
    for _ in range(repeat):
        first.append(a())
        second.append(b())
    return pick(first), pick(second)


def fastest(fn: Callable[[], object], repeat: int) -> float:
    """The minimum of `repeat` runs: on a shared machine, the least disturbed one."""
    fn()
    return min(once(fn) for _ in range(repeat))


def once(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def slope(xs: list[float], ys: list[float]) -> float:
    """Least-squares slope of log y on log x: the scaling exponent (1.0 is linear)."""
    lx, ly = [math.log(x) for x in xs], [math.log(y) for y in ys]
    mx, my = statistics.fmean(lx), statistics.fmean(ly)
    return sum((x - mx) * (y - my) for x, y in zip(lx, ly, strict=True)) / sum(
        (x - mx) ** 2 for x in lx
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    repeat, inner = (5, 5) if args.quick else (25, 15)
    sizes = [1, 10] if args.quick else [1, 2, 5, 10]
    print(machine())
    with tempfile.TemporaryDirectory() as scratch:
        base = Path(scratch)
        plain = copy_base(base / "plain", statistics=False)
        shipped = copy_base(base / "shipped", statistics=True)
        for root in (plain, shipped):
            run(_validate(root), {0})
        print("\n| shipped data | without statistics | with statistics | ratio |")
        print("|---|---|---|---|")
        fresh = interleaved(
            lambda: once(lambda: run(_validate(plain))),
            lambda: once(lambda: run(_validate(shipped))),
            repeat,
            statistics.median,
        )
        calls = in_process(plain), in_process(shipped)
        for call in calls:
            call()
        inside = interleaved(
            lambda: once(calls[0]), lambda: once(calls[1]), repeat * 2, statistics.median
        )
        for label, (without, with_) in (
            ("`cchc validate` fresh process", fresh),
            ("validate in-process (`load_checked` + `check`)", inside),
        ):
            print(f"| {label} | {_ms(without)} | {_ms(with_)} | {with_ / without:.2f}× |")
        print(
            f"| statistics checks alone (median) | – | "
            f"{_ms(median_time(checks_only(shipped), inner))} | – |"
        )

        _shipped_reports(plain, shipped, base, repeat)

        base_call = in_process(plain)
        rows = []
        report_rows = []
        for years in sizes:
            root = make_tree(base / f"y{years}", years)
            run(_validate(root), {0})
            tree_call = in_process(root)
            tree_call()
            base_time, tree_time = interleaved(
                lambda: once(base_call), partial(once, tree_call), inner, min
            )
            rows.append(
                (
                    years,
                    process_time(_validate(root), max(5, repeat // 3)),
                    tree_time,
                    tree_time - base_time,
                    fastest(checks_only(root), inner),
                    fastest(figures(root), inner),
                    process_time(
                        [CCHC, "--data", str(root), "status", "--as-of", "31/12/2025"],
                        max(3, repeat // 5),
                    ),
                )
            )
            year = FIRST_YEAR + years - 1  # the last year with data: a full year of figures
            found: list[float] = [years]
            for fmt in ("md", "docx"):
                found += _pair(report_call(plain, fmt, year), report_call(root, fmt, year), inner)
            found += [
                process_time(report_command(root, fmt, year, base), max(3, repeat // 5))
                for fmt in ("md", "docx")
            ]
            report_rows.append(found)
        print(
            "\nGenerated: years x 12 months x 60 metrics, on the shipped data without "
            "statistics. Fresh processes: medians; in-process columns: the fastest run.\n"
        )
        print(
            "| years | values | validate fresh | in-process | above the base | per value "
            "| statistics checks | figures_for, 4 windows | `cchc status` |"
        )
        print("|---|---|---|---|---|---|---|---|---|")
        for years, fresh_t, inside_t, above, checks_t, window, status in rows:
            values = years * (12 * 50 + 4 * 10)
            print(
                f"| {years} | {values:,} | {_ms(fresh_t)} | {_ms(inside_t)} | {_ms(above)} | "
                f"{above / values * 1e6:.1f} µs | {_ms(checks_t)} | {_ms(window)} | {_ms(status)} |"
            )
        n_values = [r[0] * 640.0 for r in rows]
        print(
            f"\nScaling exponents over {sizes[0]}–{sizes[-1]} years (1.0 is linear): validate "
            f"in-process above the base {slope(n_values, [max(r[3], 1e-6) for r in rows]):.2f}, "
            f"statistics checks {slope(n_values, [r[4] for r in rows]):.2f}"
        )
        print(
            "\nThe annual report of the last year with data (in-process: `build` + `render` "
            "on data loaded once, the fastest run; the base is the same tree without "
            "statistics; fresh processes: medians).\n"
        )
        print(
            "| years | values | md, base | md | md above the base | docx, base | docx "
            "| docx above the base | `cchc report` md | `cchc report` docx |"
        )
        print("|---|---|---|---|---|---|---|---|---|---|")
        for years_, md_base, md, docx_base, docx, md_fresh, docx_fresh in report_rows:
            print(
                f"| {years_:.0f} | {years_ * 640:,.0f} | {_ms(md_base)} | {_ms(md)} | "
                f"{_ms(md - md_base)} | {_ms(docx_base)} | {_ms(docx)} | "
                f"{_ms(docx - docx_base)} | {_ms(md_fresh)} | {_ms(docx_fresh)} |"
            )
        counts = [r[0] * 640.0 for r in report_rows]
        above_md = [max(r[2] - r[1], 1e-6) for r in report_rows]
        above_docx = [max(r[4] - r[3], 1e-6) for r in report_rows]
        print(
            f"\nScaling exponents over {sizes[0]}–{sizes[-1]} years (1.0 is linear): report "
            f"above the base, md {slope(counts, above_md):.2f}, docx "
            f"{slope(counts, above_docx):.2f}"
        )


def _timer(command: list[str]) -> Callable[[], float]:
    """One fresh-process run of `command`, timed."""
    return lambda: once(lambda: run(command))


def _pair(base: Callable[[], None], tree: Callable[[], None], repeat: int) -> list[float]:
    """The fastest of `repeat` runs of each, taken turn about."""
    first, second = interleaved(lambda: once(base), lambda: once(tree), repeat, min)
    return [first, second]


def _shipped_reports(plain: Path, shipped: Path, out: Path, repeat: int) -> None:
    """The 2024 annual report of the shipped data, with and without its statistics."""
    print("\n| shipped data, report of 2024 | without statistics | with statistics | ratio |")
    print("|---|---|---|---|")
    for fmt in ("md", "docx"):
        commands = [report_command(root, fmt, 2024, out) for root in (plain, shipped)]
        for command in commands:
            run(command, {0})
        fresh = interleaved(
            _timer(commands[0]), _timer(commands[1]), max(5, repeat // 2), statistics.median
        )
        without_call, with_call = report_call(plain, fmt, 2024), report_call(shipped, fmt, 2024)
        inside = _pair(without_call, with_call, repeat)
        for label, (without, with_) in (
            (f"`cchc report --format {fmt}` fresh process (median)", fresh),
            (f"{fmt}: `build` + `render` in-process (fastest)", inside),
        ):
            print(f"| {label} | {_ms(without)} | {_ms(with_)} | {with_ / without:.2f}× |")


def _validate(root: Path) -> list[str]:
    return [CCHC, "--data", str(root), "validate", "--strict"]


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


if __name__ == "__main__":
    main()
