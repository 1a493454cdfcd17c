"""Time period statistics: what they add to `cchc validate`, and how validating scales.

    python benchmarks/period_statistics.py            # about 3 minutes on 2 cores
    python benchmarks/period_statistics.py --quick    # fewer repeats, 1 and 10 years only

1. The shipped data (`data/`) with and without its statistics (`metrics.yaml` and
   `statistics/`, 2024-2026): `cchc validate` in a fresh process and in-process
   (`load_checked` + `check`), medians. Goal: statistics add less than 20 %.
2. Generated statistics of 1, 2, 5 and 10 years x 12 months x 60 metrics (50 monthly, 10
   quarterly; 12 groups of five, each with a sum rule, a part-of-whole rule and a rate),
   on top of the shipped plan, areas, units, indicators and tasks: the same two timings,
   the cost above the tree without statistics, and the scaling exponent of that cost from 1
   to 10 years (1.0 is linear). Also `figures_for` over the four report windows of a year
   and `cchc status`.

Every tree is checked to validate cleanly before it is timed. Nothing here is a test.
"""

from __future__ import annotations

import argparse
import math
import random
import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import CCHC, REPO, machine, median_time, process_time

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


def figures(root: Path) -> Callable[[], None]:
    from cchc_cli.checks import check
    from cchc_cli.engine.figures import figures_for
    from cchc_cli.engine.periods import KINDS, ReportPeriod
    from cchc_cli.engine.statistics import of_dataset
    from cchc_cli.read.loader import load_checked

    stats = of_dataset(load_checked(root / "data", check))
    assert stats is not None

    def call() -> None:
        for kind in KINDS:
            figures_for(stats, ReportPeriod(kind, 2025).window)

    return call


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    repeat, inner = (3, 3) if args.quick else (15, 7)
    sizes = [1, 10] if args.quick else [1, 2, 5, 10]
    validate = [CCHC, "--data", "{}", "validate", "--strict"]
    print(machine())
    with tempfile.TemporaryDirectory() as scratch:
        base = Path(scratch)
        plain = copy_base(base / "plain", statistics=False)
        shipped = copy_base(base / "shipped", statistics=True)
        print("\n| shipped data | without statistics | with statistics | ratio |")
        print("|---|---|---|---|")
        for label, timing in (
            ("`cchc validate` fresh process", lambda r: process_time(_cmd(validate, r), repeat)),
            ("validate in-process", lambda r: median_time(in_process(r), inner * 3)),
        ):
            without, with_ = timing(plain), timing(shipped)
            print(f"| {label} | {_ms(without)} | {_ms(with_)} | {with_ / without:.2f}× |")

        rows = []
        for years in sizes:
            root = make_tree(base / f"y{years}", years)
            process_time(_cmd(validate, root), 1, expect={0})
            fresh = process_time(_cmd(validate, root), repeat)
            inside = median_time(in_process(root), inner)
            window = median_time(figures(root), inner)
            status = process_time(
                [CCHC, "--data", str(root), "status", "--as-of", "31/12/2025"], max(3, repeat // 3)
            )
            rows.append((years, fresh, inside, window, status))
        base_in = median_time(in_process(plain), inner * 3)
        base_fresh = process_time(_cmd(validate, plain), repeat)
        print(
            f"\nGenerated: years x 12 months x 60 metrics (base without statistics: "
            f"fresh {_ms(base_fresh)}, in-process {_ms(base_in)})\n"
        )
        print(
            "| years | values | validate fresh | in-process | in-process above base "
            "| figures_for, 4 windows | `cchc status` |"
        )
        print("|---|---|---|---|---|---|---|")
        for years, fresh, inside, window, status in rows:
            values = years * (12 * 50 + 4 * 10)
            print(
                f"| {years} | {values:,} | {_ms(fresh)} | {_ms(inside)} | "
                f"{_ms(inside - base_in)} | {_ms(window)} | {_ms(status)} |"
            )
        first, last = rows[0], rows[-1]
        span = last[0] / first[0]
        cost = (last[2] - base_in) / max(first[2] - base_in, 1e-9)
        print(
            f"\nScaling exponent of the in-process cost above the base, {first[0]} → {last[0]} "
            f"years: {math.log(cost) / math.log(span):.2f} (1.0 is linear)"
        )


def _cmd(template: list[str], root: Path) -> list[str]:
    return [str(root) if part == "{}" else part for part in template]


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


if __name__ == "__main__":
    main()
