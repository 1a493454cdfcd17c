"""Time `cchc` against the floor and the alternatives, on the same generated trees, in one run.

    python benchmarks/run.py            # 100, 1 000 and 10 000 tasks (about 5 minutes)
    python benchmarks/run.py --quick    # 100 and 1 000 tasks, fewer repeats (under a minute)

Prints a Markdown table of medians and ratios, then each goal of issue 5 with its figure.
Every command is checked to exit as expected on the tree before it is timed.
"""

from __future__ import annotations

import argparse
import gc
import math
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import REPO, generate

BIN = Path(sys.executable).parent
CCHC = str(BIN / "cchc")
PY = sys.executable
AS_OF = ["--as-of", "31/12/2024"]  # fixed, so a run next year does the same work
_MEMORY_PROBE = Path(__file__).resolve().parent / "memory_probe.py"


@dataclass
class Row:
    name: str
    seconds: dict[int, float] = field(default_factory=dict)  # tasks -> median seconds
    note: str = ""


def median_time(fn: Callable[[], object], repeat: int, warmup: int = 1) -> float:
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def run(cmd: Sequence[str], expect: set[int] | None = None, cwd: Path | None = None) -> int:
    """Run a command quietly; fail loudly if its exit code is not an expected one."""
    proc = subprocess.run(
        cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=cwd, check=False
    )
    if expect is not None and proc.returncode not in expect:
        tail = proc.stderr.decode("utf-8", "replace")[-2000:]
        raise SystemExit(f"{' '.join(cmd)} exited {proc.returncode}:\n{tail}")
    return proc.returncode


def process_time(cmd: Sequence[str], repeat: int, expect: set[int] | None = None) -> float:
    run(cmd, expect)  # warm the file cache and check the exit code once
    return median_time(lambda: run(cmd), repeat, warmup=0)


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


def commands() -> set[str]:
    from cchc_cli.cli.app import app

    names = set()
    for command in app.registered_commands:
        callback = command.callback
        names.add(command.name or (callback.__name__ if callback else ""))
    return {n.replace("_", "-") for n in names}


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

    from cchc_cli.models import AreasFile, IndicatorsFile, Plan, TasksFile, UnitsFile

    models = {
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
        result = runner.invoke(app, ["--data", str(root), "validate"])
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


def exponent(small: float, big: float, ratio: float) -> float:
    return math.log(big / small) / math.log(ratio)


def machine() -> str:
    cpu = "?"
    with Path("/proc/cpuinfo").open(encoding="utf-8") as info:
        for line in info:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    return (
        f"{os.cpu_count()} CPU ({cpu}), Python {platform.python_version()}, "
        f"{platform.system()} {platform.release()}"
    )


def fmt(seconds: float | None) -> str:
    if seconds is None:
        return "–"
    return f"{seconds * 1000:.0f} ms" if seconds < 10 else f"{seconds:.1f} s"


def table(rows: list[Row], sizes: list[int], floor_row: Row) -> str:
    head = "| measurement | " + " | ".join(f"{n:,} tasks" for n in sizes)
    head += " | × floor (largest) | note |"
    lines = [head, "|" + "---|" * (len(sizes) + 3)]
    big = sizes[-1]
    for row in rows:
        cells = [fmt(row.seconds.get(n)) for n in sizes]
        ratio = (
            f"{row.seconds[big] / floor_row.seconds[big]:.2f}×"
            if big in row.seconds and big in floor_row.seconds
            else "–"
        )
        lines.append(f"| {row.name} | " + " | ".join(cells) + f" | {ratio} | {row.note} |")
    return "\n".join(lines)


def status_dependencies(data: Path) -> list[str]:
    """The non-stdlib modules that `cchc status` has imported by the time it exits."""
    probe = (
        "import sys\n"
        "from cchc_cli.cli.app import app\n"
        f"try: app(['--data', {str(data)!r}, 'status', *{AS_OF!r}])\n"
        "except SystemExit: pass\n"
        "std = sys.stdlib_module_names\n"
        "mods = [m for m in sys.modules if m.split('.')[0] not in std\n"
        "        and not m.startswith(('cchc_cli', '_', 'cython_runtime'))]\n"
        "print('\\n'.join(sorted(mods)), file=sys.stderr)\n"
    )
    proc = subprocess.run(
        [PY, "-c", probe], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False
    )
    return proc.stderr.decode().split()


def main() -> None:  # noqa: PLR0915 - one linear script, read top to bottom
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="100 and 1 000 tasks, 3 repeats")
    parser.add_argument("--work", type=Path, help="where to generate (default: a temp folder)")
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--fuzz-seconds", type=int, default=None, help="bounded fuzz run")
    args = parser.parse_args()
    sizes = [100, 1000] if args.quick else [100, 1000, 10_000]
    repeat = 3 if args.quick else 5
    slow_repeat = 1 if args.quick else 3
    fuzz_seconds = (
        args.fuzz_seconds if args.fuzz_seconds is not None else (10 if args.quick else 60)
    )
    work = args.work or Path(tempfile.mkdtemp(prefix="cchc-bench-"))
    big = sizes[-1]
    present = commands()
    print(f"# cchc benchmark, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC")
    print(f"machine: {machine()}")
    print(f"command: python benchmarks/run.py{' --quick' if args.quick else ''}; trees in {work}")
    print(f"commands present: {', '.join(sorted(present))}\n")

    roots = {n: generate(work / f"t{n}", n, args.seed) for n in [0, *sizes]}
    schemas = work / "schemas"
    run([CCHC, "--data", str(roots[0]), "schema", "--out", str(schemas), "--force"], {0})
    for n in sizes:
        run([CCHC, "--data", str(roots[n]), "validate"], {0})

    floor_row = Row("floor: read + CSafeLoader + model_validate (in-process)")
    floor_nogc = Row("floor with the cycle collector paused (reference)")
    inproc = Row("`cchc validate` in-process (CliRunner)")
    fresh = Row("`cchc validate` fresh process")
    extra = {
        "status": Row("`cchc status` fresh process"),
        "report": Row("`cchc report --year 2024 --format md --output -` fresh process"),
    }
    extra_cmd = {
        "status": ["status", *AS_OF],
        "report": ["report", "--year", "2024", "--format", "md", "--output", "-"],
    }
    fixed: dict[str, float] = {}
    for n in sizes:
        r = slow_repeat if n == big else repeat
        root = roots[n]
        print(f"timing {n:,} tasks …", file=sys.stderr)
        floor_row.seconds[n] = median_time(lambda root=root: floor(root), r)
        floor_nogc.seconds[n] = median_time(lambda root=root: floor_gc_paused(root), r)
        inproc.seconds[n] = median_time(validate_in_process(root), r)
        fresh.seconds[n] = process_time([CCHC, "--data", str(root), "validate"], r, {0})
        for name, row in extra.items():
            if name in present:
                cmd = [CCHC, "--data", str(root), *extra_cmd[name]]
                row.seconds[n] = process_time(cmd, r, {0})
    for name, row in extra.items():
        if name in present:
            cmd = [CCHC, "--data", str(roots[0]), *extra_cmd[name]]
            fixed[name] = process_time(cmd, repeat, {0})
        else:
            row.note = "command not present in this tree"

    print(f"timing the alternatives on {big:,} tasks …", file=sys.stderr)
    cjs = Row("check-jsonschema, schemas from `cchc schema` (one process per schema)")
    for cmd in check_jsonschema(roots[big], schemas):
        run(cmd, {0})
    cjs.seconds[big] = median_time(lambda: run_all(check_jsonschema(roots[big], schemas)), 1)
    lint = Row("yamllint, default config (exit 1: line-length, document-start)")
    lint_cmd = [str(BIN / "yamllint"), str(roots[big] / "data")]
    lint.seconds[big] = process_time(lint_cmd, 1, {0, 1})

    startup = Row("`cchc --version` fresh process")
    bare = Row('`python -c "import typer"`')
    for row, cmd in ((startup, [CCHC, "--version"]), (bare, [PY, "-c", "import typer"])):
        row.seconds[big] = process_time(cmd, 15, {0})

    rows = [floor_row, floor_nogc, inproc, fresh, cjs, lint, *extra.values(), startup, bare]
    print(table(rows, sizes, floor_row))

    rss = peak_rss_mb(["--data", str(roots[big]), "validate"])
    rss_empty = peak_rss_mb(["--data", str(roots[0]), "validate"])
    probe = subprocess.run(
        [PY, str(_MEMORY_PROBE), str(roots[big])], capture_output=True, text=True, check=True
    )
    parsed_mb, walked_mb, models_mb = (float(x) for x in probe.stdout.split())
    print("\n## Goals\n")
    ratio = inproc.seconds[big] / floor_row.seconds[big]
    vs_cjs = cjs.seconds[big] / fresh.seconds[big]
    print(f"- validate ≤ 1.5× floor at {big:,}: {ratio:.2f}× → {_ok(ratio <= 1.5)}")
    fair = inproc.seconds[big] / floor_nogc.seconds[big]
    print(f"- (against the floor with the collector paused as well: {fair:.2f}×)")
    print(f"- validate ≥ 10× faster than check-jsonschema: {vs_cjs:.1f}× → {_ok(vs_cjs >= 10)}")
    vs_lint = lint.seconds[big] / fresh.seconds[big]
    print(f"- (yamllint takes {vs_lint:.1f}× as long as a fresh `cchc validate`)")
    cold = startup.seconds[big] / bare.seconds[big]
    print(f"- `cchc --version` ≤ 1.3× `import typer`: {cold:.2f}× → {_ok(cold <= 1.3)}")
    shipped = REPO / "data"
    if "status" in present and (shipped / "plan.yaml").is_file():
        deps = status_dependencies(shipped)
        status_t = process_time([CCHC, "--data", str(shipped), "status", *AS_OF], 15, {0, 1})
        imports = f"import importlib\nfor m in {deps!r}:\n    try: importlib.import_module(m)\n"
        imports += "    except Exception: pass\n"
        deps_t = process_time([PY, "-c", imports], 15, {0})
        top = sorted({m.split(".")[0] for m in deps})
        print(
            f"- `cchc status` on data/ within 2× of importing its {len(deps)} modules "
            f"({', '.join(top)}): {fmt(status_t)} vs {fmt(deps_t)} = {status_t / deps_t:.2f}× "
            f"→ {_ok(status_t <= 2 * deps_t)}"
        )
    else:
        print("- `cchc status` on data/ vs its imports: not measured (no status command or data/)")
    for name, row in extra.items():
        if name in present and 1000 in row.seconds and big == 10_000:
            raw = exponent(row.seconds[1000], row.seconds[big], 10)
            net = exponent(row.seconds[1000] - fixed[name], row.seconds[big] - fixed[name], 10)
            print(
                f"- `cchc {name}` scaling 1 000 → 10 000: exponent {raw:.2f} "
                f"(after removing the {fmt(fixed[name])} fixed cost: {net:.2f}) "
                f"→ {_ok(net <= 1.15)}"
            )
        elif name not in present:
            print(f"- `cchc {name}` scaling: not measured (command not present)")
    print(
        f"- peak RSS of `cchc validate` at {big:,}: {rss:.0f} MB ({rss_empty:.0f} MB on the "
        f"template alone, so {rss - rss_empty:.0f} MB for the data); parsed data as Python "
        f"objects {parsed_mb:.0f} MB (tracemalloc; deep getsizeof {walked_mb:.0f} MB; the "
        f"validated models {models_mb:.0f} MB): {rss / parsed_mb:.2f}× total, "
        f"{(rss - rss_empty) / parsed_mb:.2f}× above the fixed part → {_ok(rss <= 4 * parsed_mb)}"
    )
    if fuzz_seconds:
        fuzz = Path(__file__).resolve().parent / "fuzz_loader.py"
        out = subprocess.run(
            [PY, str(fuzz), "--seconds", str(fuzz_seconds)],
            capture_output=True,
            text=True,
            check=False,
        )
        print(f"- fuzz ({fuzz_seconds} s): {out.stdout.strip() or out.stderr.strip()[-500:]}")


def _ok(met: bool) -> str:
    return "**met**" if met else "**missed**"


if __name__ == "__main__":
    main()
