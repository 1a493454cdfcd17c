"""Generate synthetic CCHC data repositories for benchmarks (deterministic for a seed).

    python benchmarks/generate.py OUT --tasks 10000 [--seed 2024] [--template data]

writes ``OUT/data/`` with the plan, areas, units and indicator files of a valid template
(the repository's ``data/`` folder when it exists, else the small tree of ``tests/helpers``)
and ``N`` tasks in files of 1-50 tasks each, one folder per unit. Every task has four dated
updates; about one task in six is yearly (its updates are in two ``occurrences``), one in
ten is ongoing. Titles and notes are realistic Vietnamese. The result passes
``cchc validate``; `run.py` checks that before timing anything.

    python benchmarks/generate.py OUT --tasks 1000 --long-span

writes the long-span case instead (issue 15, item 17): the same template with the plan's
period stretched to 1900–2200 and ``N`` quarterly tasks that each run all of it (1 204
quarters each), two of their quarters reported, 50 to a file. It passes ``cchc validate``
with one warning (`long-plan`).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
import sys
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parent.parent
HEADER = "# yaml-language-server: $schema=../../../schemas/tasks.schema.json\n"

VERBS = [
    "Rà soát, đánh giá",
    "Xây dựng và ban hành",
    "Triển khai thực hiện",
    "Tổ chức tập huấn về",
    "Kiểm tra việc thực hiện",
    "Tuyên truyền, phổ biến",
    "Cập nhật, công khai",
    "Số hoá",
    "Đào tạo, bồi dưỡng",
    "Theo dõi, đôn đốc",
    "Khảo sát, đo lường",
    "Sơ kết, đánh giá",
    "Chuẩn hoá",
    "Duy trì, áp dụng",
]
OBJECTS = [
    "thủ tục hành chính thuộc thẩm quyền giải quyết của Sở",
    "kế hoạch cải cách hành chính năm",
    "quy chế làm việc của cơ quan",
    "hồ sơ giải quyết thủ tục hành chính trên Cổng Dịch vụ công",
    "văn bản quy phạm pháp luật lĩnh vực công thương",
    "mức độ hài lòng của người dân, doanh nghiệp (SIPAS)",
    "kết quả Chỉ số cải cách hành chính (PAR INDEX)",
    "đề án vị trí việc làm của công chức, viên chức",
    "hệ thống quản lý chất lượng theo TCVN ISO 9001:2015",
    "cơ sở dữ liệu chuyên ngành về an toàn thực phẩm",
    "kỹ năng giao tiếp, ứng xử cho công chức bộ phận một cửa",
    "chữ ký số trong gửi, nhận văn bản điện tử",
    "quy trình nội bộ giải quyết thủ tục hành chính",
    "danh mục dịch vụ công trực tuyến toàn trình",
    "quy chế chi tiêu nội bộ và quản lý tài sản công",
    "phương án đơn giản hoá thủ tục hành chính",
    "hệ thống thông tin báo cáo của ngành công thương",
    'phong trào "Dân vận khéo" trong cải cách hành chính',
]
QUALIFIERS = [
    "",
    " năm {year}",
    " giai đoạn 2021 - 2025",
    " tại Bộ phận Tiếp nhận và Trả kết quả",
    " theo Nghị định số 61/2018/NĐ-CP",
    " trên địa bàn tỉnh {province}",
    " # đợt {n}",
    " (lần {n})",
]
NOTES = [
    "Đã ban hành Công văn số {n}/SCT-VP ngày {day} đôn đốc các phòng triển khai.",
    "Hoàn thành dự thảo, đang lấy ý kiến các phòng, đơn vị thuộc Sở.",
    "Đã tổ chức {k} lớp tập huấn cho {m} lượt công chức, viên chức.",
    "Đang tổng hợp số liệu, dự kiến trình Lãnh đạo Sở trong tháng {month}.",
    "Phối hợp Sở Nội vụ kiểm tra; chưa phát hiện sai sót.",
    "Tỷ lệ hồ sơ đúng hạn đạt {pct}%: vượt chỉ tiêu đề ra.",
    "Chờ ý kiến của UBND tỉnh về nội dung sửa đổi.",
    "Cập nhật {k} thủ tục lên Cơ sở dữ liệu quốc gia về TTHC.",
    "Đã đăng tải trên Trang thông tin điện tử của Sở.",
    "Gặp khó khăn do thiếu nhân lực; đề nghị bổ sung 01 biên chế.",
]
OUTPUTS = [
    "Kế hoạch của Sở",
    "Báo cáo kết quả thực hiện",
    "Quyết định công bố",
    "Công văn hướng dẫn",
    "Biên bản kiểm tra",
]
DOC_KINDS = ["KH", "QĐ", "BC", "CV", "TB"]


@dataclass(frozen=True)
class Template:
    """The codes a generated task may refer to, read from the template's files."""

    data_dir: Path
    areas: list[str]
    units: list[str]
    objectives: list[str]
    solutions: list[str]
    indicators: list[str]
    period: tuple[int, int]
    province: str
    agency: str


def _load(path: Path) -> Any:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)


def read_template(data_dir: Path) -> Template:
    plan = _load(data_dir / "plan.yaml")
    indicators = [
        item["id"]
        for file in sorted((data_dir / "indicators").glob("*.yaml"))
        for item in _load(file)["indicators"]
    ]
    return Template(
        data_dir=data_dir,
        areas=[a["code"] for a in _load(data_dir / "areas.yaml")["areas"]],
        units=[u["code"] for u in _load(data_dir / "units.yaml")["units"]],
        objectives=[o["id"] for o in plan["objectives"]["specific"]],
        solutions=[s["id"] for s in plan["solutions"]],
        indicators=indicators,
        period=(int(plan["period"]["start"]), int(plan["period"]["end"])),
        province=str(plan["province"]),
        agency=str(plan["agency_code"]),
    )


def default_template(scratch: Path) -> Path:
    """The repository's ``data/`` folder when it exists, else the tree of tests/helpers."""
    repo_data = REPO / "data"
    if (repo_data / "plan.yaml").is_file():
        return repo_data
    sys.path.insert(0, str(REPO))
    from tests.helpers import build_tree, valid_files

    files: dict[str, str | bytes] = {
        k: v for k, v in valid_files().items() if not k.startswith("data/tasks/")
    }
    return build_tree(scratch, files) / "data"


_PLAIN = re.compile(r"^[^\s\-?:,\[\]{}#&*!|>'\"%@`0-9][^:#]*$")


def scalar(value: object) -> str:
    """A YAML scalar: plain when that reads back as the same string, else double-quoted."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, int):
        return str(value)
    text = str(value)
    if _PLAIN.match(text) and not text.endswith(" ") and text.lower() not in _RESERVED:
        return text
    return json.dumps(text, ensure_ascii=False)


_RESERVED = {"yes", "no", "on", "off", "true", "false", "null", "y", "n", "~"}


class _Writer:
    def __init__(self, rng: random.Random, tpl: Template) -> None:
        self.rng = rng
        self.tpl = tpl

    def day(self, value: date) -> str:
        # Both date styles occur in real files; dd/mm/yyyy is the common one.
        if self.rng.random() < 0.7:
            return f"{value.day:02d}/{value.month:02d}/{value.year}"
        return value.isoformat()

    def title(self, year: int) -> str:
        rng = self.rng
        qualifier = rng.choice(QUALIFIERS).format(
            year=year, province=self.tpl.province, n=rng.randint(1, 4)
        )
        return f"{rng.choice(VERBS)} {rng.choice(OBJECTS)}{qualifier}"

    def note(self, when: date) -> str:
        rng = self.rng
        return rng.choice(NOTES).format(
            n=rng.randint(10, 999),
            day=f"{when.day}/{when.month}/{when.year}",
            k=f"{rng.randint(1, 12):02d}",
            m=rng.randint(20, 400),
            month=rng.randint(1, 12),
            pct=rng.randint(90, 100),
        )

    def evidence(self, when: date) -> str:
        kind = self.rng.choice(DOC_KINDS)
        return (
            f"Văn bản số {self.rng.randint(1, 999)}/{kind}-{self.tpl.agency} ngày {when:%d/%m/%Y}"
        )

    def updates(self, start: date, end: date, finish: bool, indent: str) -> tuple[list[str], date]:
        """Four updates between `start` and `end`, percent rising; the last date."""
        rng = self.rng
        span = max((end - start).days, 4)
        offsets = sorted(rng.sample(range(1, span + 1), 4))
        percents = sorted(rng.sample([10, 20, 30, 40, 50, 60, 70, 80, 90], 3))
        percents.append(100 if finish else max(percents[-1], rng.choice([80, 90, 95])))
        lines = [f"{indent}updates:"]
        last = start
        for offset, pct in zip(offsets, percents, strict=True):
            when = start + timedelta(days=offset)
            last = when
            lines.append(f"{indent}  - date: {self.day(when)}")
            lines.append(f"{indent}    percent: {pct}")
            lines.append(f"{indent}    note: {scalar(self.note(when))}")
            if pct == 100 or rng.random() < 0.25:
                lines.append(f"{indent}    evidence: {scalar(self.evidence(when))}")
        return lines, last

    def task(self, task_id: str, lead: str) -> list[str]:
        rng, tpl = self.rng, self.tpl
        first, last = tpl.period
        kind = rng.random()
        recurrence = "yearly" if kind < 0.17 else "ongoing" if kind < 0.27 else "once"
        year = rng.randint(first, min(first + 4, last))
        if recurrence == "yearly":
            start, due = date(year, 1, 1), date(min(year + rng.randint(1, 4), last), 12, 31)
        elif recurrence == "ongoing":
            start, due = date(year, 1, 1), date(min(year + 4, last), 12, 31)
        else:
            start = date(year, rng.randint(1, 12), rng.randint(1, 28))
            due = min(start + timedelta(days=rng.randint(30, 330)), date(last, 12, 31))
        lines = [
            f"  - id: {task_id}",
            f"    title: {scalar(self.title(year))}",
            f"    area: {rng.choice(tpl.areas)}",
            f"    lead: {lead}",
        ]
        others = [u for u in tpl.units if u != lead]
        if others and rng.random() < 0.5:
            support = rng.sample(others, min(len(others), rng.randint(1, 2)))
            lines.append(f"    support: [{', '.join(support)}]")
        if rng.random() < 0.4:
            lines.append(f"    output: {scalar(rng.choice(OUTPUTS))}")
        lines += [f"    start: {self.day(start)}", f"    due: {self.day(due)}"]
        if recurrence != "once":
            lines.append(f"    recurrence: {recurrence}")
        if recurrence == "yearly":
            lines.append("    occurrences:")
            for i, occ_year in enumerate((year, year + 1)):
                finish = i == 0 or rng.random() < 0.5
                # Quoted: the JSON Schema of `cchc schema` types a period as a string.
                lines.append(f'      - period: "{occ_year}"')
                ups, done = self.updates_in(date(occ_year, 1, 1), date(occ_year, 12, 1), finish)
                lines += ups
                if finish:
                    lines.append(f"        completed: {self.day(done)}")
        else:
            end = due if recurrence == "once" else start + timedelta(days=700)
            finish = recurrence == "once" and rng.random() < 0.6
            ups, done = self.updates(start, min(end, due), finish, "    ")
            lines += ups
            if finish:
                lines.append(f"    completed: {self.day(done)}")
        for key, pool, chance in (
            ("objectives", tpl.objectives, 0.3),
            ("solutions", tpl.solutions, 0.4),
            ("indicators", tpl.indicators, 0.2),
        ):
            if pool and rng.random() < chance:
                lines.append(f"    {key}: [{rng.choice(pool)}]")
        if rng.random() < 0.3:
            lines.append(f"    note: {scalar(self.note(start))}")
        return lines

    def updates_in(self, start: date, end: date, finish: bool) -> tuple[list[str], date]:
        """Two updates of one occurrence (a yearly task has two occurrences: four updates)."""
        rng = self.rng
        offsets = sorted(rng.sample(range(1, (end - start).days), 2))
        low = rng.choice([20, 30, 50, 60])
        percents = [low, 100 if finish else rng.choice([70, 80, 90])]
        lines = ["        updates:"]
        when = start
        for offset, pct in zip(offsets, percents, strict=True):
            when = start + timedelta(days=offset)
            lines.append(f"          - date: {self.day(when)}")
            lines.append(f"            percent: {pct}")
            lines.append(f"            note: {scalar(self.note(when))}")
        return lines, when


def _abbr(code: str) -> str:
    return "".join(part[0] for part in code.split("-")).upper()


def generate(out: Path, n_tasks: int, seed: int = 2024, template: Path | None = None) -> Path:
    """Write a data repository with `n_tasks` tasks under `out`; return `out`."""
    rng = random.Random(seed)
    data = out / "data"
    if data.exists():
        shutil.rmtree(data)
    source = template or default_template(out / ".template")
    tpl = read_template(source)
    (data / "tasks").mkdir(parents=True)
    for name in ("plan.yaml", "areas.yaml", "units.yaml"):
        shutil.copyfile(source / name, data / name)
    shutil.copytree(source / "indicators", data / "indicators")
    writer = _Writer(rng, tpl)
    counters = dict.fromkeys(tpl.units, 0)
    files = dict.fromkeys(tpl.units, 0)
    made = 0
    while made < n_tasks:
        lead = rng.choice(tpl.units)
        size = min(rng.randint(1, 50), n_tasks - made)
        files[lead] += 1
        lines = [HEADER.rstrip("\n"), "tasks:"]
        for _ in range(size):
            counters[lead] += 1
            lines += writer.task(f"{_abbr(lead)}-{counters[lead]:05d}", lead)
        folder = data / "tasks" / lead
        folder.mkdir(exist_ok=True)
        (folder / f"{lead}-{files[lead]:03d}.yaml").write_text(
            "\n".join(lines) + "\n", encoding="utf-8", newline="\n"
        )
        made += size
    shutil.rmtree(out / ".template", ignore_errors=True)
    return out


LONG_SPAN = (1900, 2200)
LONG_SPAN_FILE = 50  # tasks per file, as in the other trees: the time per file stays alike


def generate_long_span(out: Path, n_tasks: int, seed: int = 2024) -> Path:
    """The long-span tree: a 1900–2200 plan and `n_tasks` quarterly tasks spanning it."""
    generate(out, 0, seed)
    rng = random.Random(seed)
    data = out / "data"
    plan = data / "plan.yaml"
    text, count = re.subn(
        r"^period:\n  start: \d{4}\n  end: \d{4}$",
        f"period:\n  start: {LONG_SPAN[0]}\n  end: {LONG_SPAN[1]}",
        plan.read_text(encoding="utf-8"),
        flags=re.M,
    )
    if count != 1:
        raise SystemExit(f"{plan}: no block “period: start/end” to stretch")
    plan.write_text(text, encoding="utf-8", newline="\n")
    tpl = read_template(data)
    writer = _Writer(rng, tpl)
    files: list[list[str]] = []
    for i in range(1, n_tasks + 1):
        if (i - 1) % LONG_SPAN_FILE == 0:
            files.append([HEADER.replace("../", "", 1).rstrip("\n"), "tasks:"])
        year = rng.randint(2020, 2024)
        lines = files[-1]
        lines += [
            f"  - id: LS-{i:05d}",
            f"    title: {scalar(writer.title(year))}",
            f"    area: {rng.choice(tpl.areas)}",
            f"    lead: {rng.choice(tpl.units)}",
            f"    start: 01/01/{LONG_SPAN[0]}",
            f"    due: 31/12/{LONG_SPAN[1]}",
            "    recurrence: quarterly",
            "    occurrences:",
        ]
        for quarter in (1, 2):
            first = date(year, quarter * 3 - 2, 1)
            lines.append(f'      - period: "{year}-Q{quarter}"')
            ups, done = writer.updates_in(first, first + timedelta(days=80), quarter == 1)
            lines += ups
            if quarter == 1:
                lines.append(f"        completed: {writer.day(done)}")
    for number, lines in enumerate(files, 1):
        (data / "tasks" / f"long-span-{number:03d}.yaml").write_text(
            "\n".join(lines) + "\n", encoding="utf-8", newline="\n"
        )
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--tasks", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--template", type=Path, help="a valid data/ folder to copy")
    parser.add_argument(
        "--long-span", action="store_true", help="a 1900-2200 plan of quarterly tasks"
    )
    args = parser.parse_args()
    if args.long_span:
        generate_long_span(args.out, args.tasks, args.seed)
    else:
        generate(args.out, args.tasks, args.seed, args.template)
    print(f"{args.out}: {args.tasks} nhiệm vụ")


if __name__ == "__main__":
    main()
