"""Time `cchc` against the floor, the alternatives and its goals, on generated trees, in one run.

    python benchmarks/run.py            # 100 to 50 000 tasks, the long plan, docx (~15 min)
    python benchmarks/run.py --quick    # 100 and 1 000 tasks, fewer repeats (a few minutes)

Prints a Markdown table of medians, what each measurement of issues 5, 15 (item 17) and 16
found, then every goal with its figure and verdict. Exits 1 when a goal is missed, so that a
regression shows. Every command is checked to exit as expected before it is timed; how
commands are timed is in `measure.py` (CPU time for the verdicts, wall time beside it).
"""

from __future__ import annotations

import argparse
import gc
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import scale
from generate import generate
from measure import (
    _HWM_PROBE,  # noqa: F401 - before_after.py takes it from here
    AS_OF,
    BIN,
    CCHC,
    PY,
    Goal,
    Timing,
    compare,
    exponent,
    fmt,
    goal_table,
    in_process,
    machine,
    peak_rss_mb,
    run,
    timed,
)

_MEMORY_PROBE = Path(__file__).resolve().parent / "memory_probe.py"


@dataclass
class Row:
    name: str
    times: dict[int, Timing] = field(default_factory=dict)  # tasks -> medians


def data_files(root: Path) -> dict[str, list[Path]]:
    data = root / "data"
    return {
        "plan": [data / "plan.yaml"],
        "areas": [data / "areas.yaml"],
        "units": [data / "units.yaml"],
        "indicators": sorted((data / "indicators").rglob("*.yaml")),
        "tasks": sorted((data / "tasks").rglob("*.yaml")),
    }


def floor(root: Path) -> None:
    """Read, parse with libyaml and validate every file: no locations, no cross-checks."""
    import yaml
    from pydantic import BaseModel

    from cchc_cli.models.indicators import IndicatorsFile
    from cchc_cli.models.plan import AreasFile, Plan, UnitsFile
    from cchc_cli.models.tasks import TasksFile

    models: dict[str, type[BaseModel]] = {
        "plan": Plan,
        "areas": AreasFile,
        "units": UnitsFile,
        "indicators": IndicatorsFile,
        "tasks": TasksFile,
    }
    for kind, files in data_files(root).items():
        model = models[kind]
        for file in files:
            model.model_validate(yaml.load(file.read_text("utf-8"), Loader=yaml.CSafeLoader))


def floor_gc_paused(root: Path) -> None:
    """The floor with the cycle collector paused, as `cchc_cli.read.loader` does (a reference)."""
    gc.disable()
    try:
        floor(root)
    finally:
        gc.enable()


def validate_in_process(root: Path) -> Callable[[], None]:
    from typer.testing import CliRunner  # noqa: TID251 - timing the real command

    from cchc_cli.cli.app import app

    runner = CliRunner()

    def call() -> None:
        result = runner.invoke(app, ["--data", str(root), "--no-cache", "validate"])
        if result.exit_code != 0:
            raise SystemExit(f"cchc validate failed in-process:\n{result.output[-2000:]}")

    return call


def check_jsonschema(root: Path, schemas: Path) -> list[list[str]]:
    exe = str(BIN / "check-jsonschema")
    return [
        [exe, "--schemafile", str(schemas / f"{kind}.schema.json"), *map(str, files)]
        for kind, files in data_files(root).items()
        if files
    ]


def run_all(cmds: list[list[str]]) -> None:
    for cmd in cmds:
        run(cmd)


def table(rows: list[Row], sizes: list[int], floor_row: Row) -> str:
    head = "| measurement (CPU, wall in brackets) | " + " | ".join(f"{n:,} tasks" for n in sizes)
    lines = [head + " | × floor (10 000) |", "|" + "---|" * (len(sizes) + 2)]
    ref = 10_000 if 10_000 in floor_row.times else max(floor_row.times)
    for row in rows:
        cells = [f"{fmt(t.cpu)} ({fmt(t.wall)})" if (t := row.times.get(n)) else "–" for n in sizes]
        ratio = f"{row.times[ref] / floor_row.times[ref]:.2f}×" if ref in row.times else "–"
        lines.append(f"| {row.name} | " + " | ".join(cells) + f" | {ratio} |")
    return "\n".join(lines)


def base_rows(roots: dict[int, Path], sizes: list[int], repeat: int, slow: int) -> list[Row]:
    """The rows of issue 5: the floor, validate, status and report at each size."""
    floor_row = Row("floor: read + CSafeLoader + model_validate (in-process)")
    floor_nogc = Row("floor with the cycle collector paused (reference)")
    inproc = Row("`cchc --no-cache validate` in-process (CliRunner)")
    fresh = Row("`cchc --no-cache validate` fresh process")
    status = Row("`cchc --no-cache status` (text) fresh process")
    report = Row("`cchc --no-cache report --year 2024 -f md -o -` fresh process")
    for n in sizes:
        r = slow if n >= 10_000 else repeat
        root = roots[n]
        print(f"timing {n:,} tasks …", file=sys.stderr)
        base = [CCHC, "--data", str(root), "--no-cache"]
        if n <= 10_000:
            floor_row.times[n] = in_process(partial(floor, root), r)
            floor_nogc.times[n] = in_process(partial(floor_gc_paused, root), r)
            inproc.times[n] = in_process(validate_in_process(root), r)
        cmds = [[*base, "validate"], [*base, "status", *AS_OF]]
        if n <= 10_000:
            cmds.append([*base, "report", "--year", "2024", "-f", "md", "-o", "-"])
        found = compare(cmds, r, {0})
        for row, t in zip((fresh, status, report), found, strict=False):
            row.times[n] = t
    return [floor_row, floor_nogc, inproc, fresh, status, report]


def issue5_goals(
    rows: list[Row], roots: dict[int, Path], big: int, fixed: dict[str, Timing]
) -> list[Goal]:
    floor_row, floor_nogc, inproc, _, status, report = rows
    goals = []
    ratio = inproc.times[big] / floor_row.times[big]
    fair = inproc.times[big] / floor_nogc.times[big]
    goals.append(
        Goal(
            f"`cchc validate` ≤ 1.5× the floor at {big:,} tasks (in-process)",
            f"**{ratio:.2f}×** ({fair:.2f}× the floor with the collector paused)",
            ratio <= 1.5,
        )
    )
    for name, row in (("status", status), ("report --format md", report)):
        if 1000 in row.times and big in row.times and big == 10_000:
            net = exponent(
                row.times[1000].cpu - fixed[name].cpu, row.times[big].cpu - fixed[name].cpu, 10
            )
            goals.append(
                Goal(
                    f"`cchc {name}` scales linearly, 1 000 → 10 000 tasks",
                    f"exponent **{net:.2f}** after the {fmt(fixed[name].cpu)} fixed cost",
                    net <= 1.15,
                )
            )
    if big != 10_000:  # at 1 000 tasks the interpreter outweighs the data
        return goals
    rss = peak_rss_mb(["--data", str(roots[big]), "--no-cache", "validate"])
    probe = subprocess.run(
        [PY, str(_MEMORY_PROBE), str(roots[big])], capture_output=True, text=True, check=True
    )
    parsed_mb, walked_mb, models_mb = (float(x) for x in probe.stdout.split())
    goals.append(
        Goal(
            f"peak RSS of `cchc validate` at {big:,} ≤ 4× the parsed data as Python objects",
            f"{rss:.0f} MB / {parsed_mb:.0f} MB = **{rss / parsed_mb:.2f}×** (getsizeof walk "
            f"{walked_mb:.0f} MB; the validated models {models_mb:.0f} MB)",
            rss <= 4 * parsed_mb,
        )
    )
    return goals


def alternatives(root: Path, schemas: Path, validate: Timing) -> list[Goal]:
    print("timing check-jsonschema and yamllint …", file=sys.stderr)
    for cmd in check_jsonschema(root, schemas):
        run(cmd, {0})
    cjs = in_process(lambda: run_all(check_jsonschema(root, schemas)), 1, warmup=0)
    lint = timed([str(BIN / "yamllint"), str(root / "data")], 1, {0, 1})
    print(
        f"- check-jsonschema (one process per schema) {fmt(cjs.wall)} wall; yamllint (default "
        f"config, exits 1 on line-length and document-start) {lint.show()}"
    )
    return [
        Goal(
            "`cchc validate` ≥ 10× faster than check-jsonschema (wall, both fresh processes)",
            f"{fmt(cjs.wall)} / {fmt(validate.wall)} = **{cjs.wall / validate.wall:.1f}×**",
            cjs.wall / validate.wall >= 10,
        )
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="100 and 1 000 tasks, 3 repeats")
    parser.add_argument("--work", type=Path, help="where to generate (default: a temp folder)")
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--fuzz-seconds", type=int, default=None, help="bounded fuzz run")
    args = parser.parse_args()
    sizes = [100, 1000] if args.quick else [100, 1000, 10_000, 50_000]
    repeat, slow = (3, 1) if args.quick else (5, 3)
    fuzz_seconds = (
        args.fuzz_seconds if args.fuzz_seconds is not None else (10 if args.quick else 60)
    )
    work = args.work or Path(tempfile.mkdtemp(prefix="cchc-bench-"))
    big = max(n for n in sizes if n <= 10_000)
    print(f"# cchc benchmark, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC")
    print(f"machine: {machine()}")
    print(f"command: python benchmarks/run.py{' --quick' if args.quick else ''}; trees in {work}\n")

    roots = {n: generate(work / f"t{n}", n, args.seed) for n in [0, *sizes]}
    schemas = work / "schemas"
    run(
        [CCHC, "--data", str(roots[0]), "schema", "--out", str(schemas), "--force", "--parents"],
        {0},
    )
    for n in sizes:
        run([CCHC, "--data", str(roots[n]), "--no-cache", "validate"], {0})

    rows = base_rows(roots, sizes, repeat, slow)
    base0 = [CCHC, "--data", str(roots[0]), "--no-cache"]
    fixed = dict(
        zip(
            ("status", "report --format md"),
            compare(
                [[*base0, "status", *AS_OF], [*base0, "report", "--year", "2024", "-o", "-"]],
                repeat,
                {0},
            ),
            strict=True,
        )
    )
    print(table(rows, sizes, rows[0]))
    print("\n## What each measurement found\n")
    goals = issue5_goals(rows, roots, big, fixed)
    goals += alternatives(roots[big], schemas, rows[3].times[big])
    goals += scale.startup(15)
    for n in sizes:
        if n >= 10_000:
            goals += scale.status_vs_validate(roots[n], n, slow if n == 10_000 else 2)
    if big == 10_000:
        goals += scale.cache(roots[big], repeat)
        scale.collector(roots[big], big, slow)
    goals += scale.long_span(work, (10, 100) if args.quick else (100, 1000), args.seed, 1)
    if 50_000 in sizes:
        goals += scale.docx(roots, 10_000, 50_000)
    if fuzz_seconds:
        fuzz = Path(__file__).resolve().parent / "fuzz_loader.py"
        out = subprocess.run(
            [PY, str(fuzz), "--seconds", str(fuzz_seconds)],
            capture_output=True,
            text=True,
            check=False,
        )
        found = out.stdout.strip() or out.stderr.strip()[-500:]
        print(f"- fuzz ({fuzz_seconds} s): {found}")
        goals.append(Goal("fuzz run finds no failure", found, out.returncode == 0))
    print("\n## Goals\n")
    print(goal_table(goals))
    missed = [g.name for g in goals if g.met is False]
    if missed:
        print(f"\n{len(missed)} goal(s) missed.", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
