"""The measurements of issue 16 (fast where staff wait, bounded where data grows) and of
issue 15, item 17 (a plan of three centuries), for `run.py`.

Each function measures one thing, prints what it found, and returns its `Goal`s.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from generate import REPO, generate_long_span
from measure import AS_OF, CCHC, PY, Goal, compare, exponent, fmt, once, peak_rss_mb, run

CACHE = ".cchc-cache"


def status_vs_validate(root: Path, tasks: int, repeat: int) -> list[Goal]:
    """`cchc status` (text and JSON) against `cchc validate` on the same tree, in turns."""
    base = [CCHC, "--data", str(root), "--no-cache"]
    validate, text, json_ = compare(
        [[*base, "validate"], [*base, "status", *AS_OF], [*base, "status", *AS_OF, "-f", "json"]],
        repeat,
        {0},
    )
    printed = len(subprocess.run([*base, "status", *AS_OF], capture_output=True, check=True).stdout)
    print(
        f"- {tasks:,} tasks: validate {validate.show()}, status text {text.show()} "
        f"({printed / 1e3:.0f} kB printed), status JSON {json_.show()}: "
        f"text {text / validate:.2f}×, JSON {json_ / validate:.2f}× validate"
    )
    return [
        Goal(
            f"`cchc status` (text) at {tasks:,} tasks ≤ 1.3× `cchc validate`",
            f"{text.show()} / {validate.show()} = **{text / validate:.2f}×** "
            f"({printed / 1e3:.0f} kB printed)",
            text / validate <= 1.3,
        )
    ]


def cache(root: Path, repeat: int) -> list[Goal]:
    """`cchc validate FILE` with the parse cache warm, against a full validate without it."""
    named = sorted((root / "data" / "tasks").rglob("*.yaml"))[0]
    original = named.read_bytes()
    edits = iter(range(10**6))

    def clear() -> None:
        shutil.rmtree(root / CACHE, ignore_errors=True)

    def edit() -> None:  # a new text each time: a miss for that file, hits for the others
        named.write_bytes(original + f"# sửa lần {next(edits)}\n".encode())

    base = [CCHC, "--data", str(root)]
    shown = str(named)
    try:
        full, cold, warm, one, edited = compare(
            [
                [*base, "--no-cache", "validate"],
                [*base, "validate"],
                [*base, "validate"],
                [*base, "validate", shown],
                [*base, "validate", shown],
            ],
            repeat,
            {0},
            before=[None, clear, None, None, edit],
        )
    finally:
        named.write_bytes(original)
    size = sum(f.stat().st_size for f in (root / CACHE).rglob("*") if f.is_file())
    print(
        f"- full validate without the cache {full.show()}; with it: cold (writing it) "
        f"{cold.show()} = {cold / full:.2f}×, warm {warm.show()} = {warm / full:.2f}×, "
        f"`validate FILE` warm {one.show()} = {one / full:.2f}×, after editing FILE "
        f"{edited.show()} = {edited / full:.2f}×; the cache holds {size / 1e6:.1f} MB"
    )
    return [
        Goal(
            "`cchc validate FILE` in a 10 000-task repository ≤ 30 % of a full validate, warm",
            f"{one.show()} / {full.show()} = **{one / full:.0%}**",
            one / full <= 0.30,
        ),
        Goal(
            "… the same right after editing FILE (one file parsed again)",
            f"{edited.show()} / {full.show()} = **{edited / full:.0%}**",
            edited / full <= 0.30,
        ),
    ]


# What a Typer command with options and a rich table needs beyond the five bare imports:
# typer converts each option with a pydantic TypeAdapter (pydantic's main, types and plugin
# loader, with importlib.metadata), and the text view lays out rich tables.
_NEEDED = (
    "typer.main, typer._adapters, pydantic.main, pydantic.plugin._loader, rich.console, rich.table"
)

_STATUS_IMPORTS = """\
import sys
from cchc_cli.cli.app import app
try: app(['--data', sys.argv[1], 'status', '--as-of', '31/12/2024'])
except SystemExit: pass
std = sys.stdlib_module_names
mods = [m for m in sys.modules if m.split('.')[0] not in std
        and not m.startswith(('cchc_cli', '_', 'cython_runtime'))]
print('\\n'.join(sorted(mods)), file=sys.stderr)
"""


def startup(repeat: int) -> list[Goal]:
    """`cchc status` on the shipped data and `cchc --version`, against bare imports."""
    shipped = REPO / "data"
    if not (shipped / "plan.yaml").is_file():
        return [Goal("`cchc status` on data/ ≤ 1.5× the imports", "no data/", None)]
    probe = subprocess.run(
        [PY, "-c", _STATUS_IMPORTS, str(shipped)], capture_output=True, check=True
    )
    deps = probe.stderr.decode().split()
    # A regular install compiles cchc_cli to bytecode; an editable one under
    # PYTHONDONTWRITEBYTECODE would compile its sources again on every run.
    run([PY, "-m", "compileall", "-q", str(REPO / "cchc_cli")], {0})
    imports = f"import importlib\nfor m in {deps!r}:\n    try: importlib.import_module(m)\n"
    imports += "    except Exception: pass\n"
    five = [PY, "-c", "import typer, rich, pydantic, yaml, jinja2"]
    needed = [PY, "-c", f"import typer, rich, pydantic, yaml, jinja2, {_NEEDED}"]
    status = [CCHC, "--data", str(shipped), "status", *AS_OF]
    smallest = [PY, str(REPO / "benchmarks" / "smallest_status.py"), *AS_OF]
    bare, real, loaded, floor, least = compare(
        [five, status, [PY, "-c", imports], needed, smallest], repeat, {0, 1}
    )
    typer_, version = compare([[PY, "-c", "import typer"], [CCHC, "--version"]], repeat, {0})
    top = sorted({m.split(".")[0] for m in deps})
    beyond = [m for m in top if m not in {"typer", "rich", "pydantic", "yaml"}]
    print(
        f"- `cchc status` on data/ (cache warm): {real.show()}; "
        f"`import typer, rich, pydantic, yaml, jinja2` {bare.show()}; the {len(deps)} "
        f"modules it loads ({', '.join(top)}) {loaded.show()}. Beyond typer, rich, pydantic "
        f"and yaml it imports only their own dependencies ({', '.join(beyond)}), the "
        "standard library and cchc_cli (python -X importtime)."
    )
    print(
        f"- the five imports plus the parts of those libraries that any `cchc status` needs "
        f"before cchc does anything ({_NEEDED}): {floor.show()} = {floor / bare:.2f}× the five"
    )
    print(
        "- the smallest program shaped like `cchc status` (benchmarks/smallest_status.py: one "
        "Typer option, one pydantic model of three fields, a one-row rich table): "
        f"{least.show()} = {least / bare:.2f}× the five; `cchc status` = {real / least:.2f}× it"
    )
    return [
        Goal(
            "`cchc status` on the shipped data ≤ 1.5× `import typer, rich, pydantic, yaml, jinja2`",
            f"{real.show()} / {bare.show()} = **{real / bare:.2f}×**",
            real / bare <= 1.5,
        ),
        Goal(
            f"`cchc status` on the shipped data ≤ 2× importing the {len(deps)} modules it loads",
            f"{real.show()} / {loaded.show()} = **{real / loaded:.2f}×**",
            real / loaded <= 2,
        ),
        Goal(
            "`cchc --version` ≤ 1.3× `import typer`",
            f"{version.show()} / {typer_.show()} = **{version / typer_:.2f}×**",
            version / typer_ <= 1.3,
        ),
    ]


_COLLECTOR = """\
import gc, io, sys, time
from pathlib import Path
from cchc_cli.checks import check
from cchc_cli.cli.status import make_query
from cchc_cli.read.loader import load_checked
from cchc_cli.status.json import render_json
from cchc_cli.status.text import Shown, print_text
from cchc_cli.status.view import build
spent = [0.0]
started = [0.0]
def watch(phase, info):
    if phase == "start":
        started[0] = time.process_time()
    else:
        spent[0] += time.process_time() - started[0]
gc.disable()
dataset = load_checked(Path(sys.argv[1]) / "data", check)
if sys.argv[2] == "freeze":
    gc.freeze()
gc.enable()
gc.callbacks.append(watch)
start = time.process_time()
view = build(dataset, make_query("31/12/2024"))
print_text(view, io.StringIO(), Shown(20, "…"))
render_json(view)
print(time.process_time() - start, spent[0])
"""


def collector(root: Path, tasks: int, repeat: int) -> None:
    """What `gc.freeze()` after loading saves: the view, the text and the JSON of status."""
    found: dict[str, list[tuple[float, float]]] = {"freeze": [], "plain": []}
    for _ in range(repeat):
        for mode, runs in found.items():
            out = subprocess.run(
                [PY, "-c", _COLLECTOR, str(root), mode], capture_output=True, text=True, check=True
            )
            total, in_gc = (float(x) for x in out.stdout.split())
            runs.append((total, in_gc))
    (plain, plain_gc), (frozen, frozen_gc) = (
        sorted(found[m])[len(found[m]) // 2] for m in ("plain", "freeze")
    )
    print(
        f"- `gc.freeze()` after loading, {tasks:,} tasks: the view, text and JSON of status "
        f"take {fmt(plain)} CPU without it ({fmt(plain_gc)} of it in the collector), "
        f"{fmt(frozen)} with it ({fmt(frozen_gc)} in the collector)"
    )


def long_span(work: Path, sizes: tuple[int, int], seed: int, repeat: int) -> list[Goal]:
    """A plan of 1900–2200 with quarterly tasks over all of it: each command at two sizes,
    its exponent once the fixed cost (the same plan with no tasks) is taken off."""
    roots = {n: generate_long_span(work / f"ls{n}", n, seed) for n in (0, *sizes)}
    small, big = sizes
    goals = []
    commands = {
        "validate": ["validate"],
        "status (text)": ["status", *AS_OF],
        "status --format json": ["status", *AS_OF, "-f", "json"],
        "report --format md": ["report", "--year", "2024", "-o", "-"],
    }
    for name, args in commands.items():
        fixed, low, high = (
            compare([[CCHC, "--data", str(roots[n]), "--no-cache", *args]], repeat, {0})[0]
            for n in (0, small, big)
        )
        net = exponent(low.cpu - fixed.cpu, high.cpu - fixed.cpu, big / small)
        print(
            f"- long plan, `cchc {name}`: {small:,} tasks {low.show()}, {big:,} tasks "
            f"{high.show()} (no tasks: {fmt(fixed.cpu)}); exponent {net:.2f}"
        )
        goals.append(
            Goal(
                f"long plan (1900–2200, quarterly tasks): `cchc {name}` linear in occurrences",
                f"{small:,} → {big:,} tasks: {fmt(low.cpu)} → {fmt(high.cpu)}, exponent "
                f"**{net:.2f}** after the {fmt(fixed.cpu)} fixed cost",
                net <= 1.15,
            )
        )
    peak = peak_rss_mb(["--data", str(roots[big]), "--no-cache", "status", *AS_OF, "-f", "json"])
    print(f"- long plan, {big:,} tasks: peak RSS of `cchc status --format json` {peak:.0f} MB")
    return goals


def docx(roots: dict[int, Path], small: int, big: int) -> list[Goal]:
    """The Word report at two sizes: time, and peak memory against `cchc validate`'s."""
    found = {}
    with tempfile.TemporaryDirectory() as scratch:
        for n in (0, small, big):
            out = Path(scratch) / f"{n}.docx"
            args = ["--data", str(roots[n]), "--no-cache", "report", "--year", "2024"]
            args += ["-f", "docx", "-o", str(out), "--force"]
            run([CCHC, *args], {0})
            _, cpu = once([CCHC, *args])
            found[n] = (cpu, peak_rss_mb(args))
    validate_peak = peak_rss_mb(["--data", str(roots[big]), "--no-cache", "validate"])
    (fixed, _), (low, _), (high, peak) = (found[n] for n in (0, small, big))
    net = exponent(low - fixed, high - fixed, big / small)
    print(
        f"- docx report: {small:,} tasks {fmt(low)} CPU, {big:,} tasks {fmt(high)} CPU "
        f"(exponent {net:.2f} after the {fmt(fixed)} fixed cost); peak RSS at {big:,}: "
        f"{peak:.0f} MB, `cchc validate` {validate_peak:.0f} MB"
    )
    return [
        Goal(
            f"docx report {small:,} → {big:,} tasks linear",
            f"{fmt(low)} → {fmt(high)}, exponent **{net:.2f}** after the fixed cost",
            net <= 1.15,
        ),
        Goal(
            f"docx report at {big:,} tasks: peak RSS ≤ 2× `cchc validate`'s",
            f"{peak:.0f} MB / {validate_peak:.0f} MB = **{peak / validate_peak:.2f}×**",
            peak <= 2 * validate_peak,
        ),
    ]


if __name__ == "__main__":
    sys.exit("run benchmarks/run.py")
