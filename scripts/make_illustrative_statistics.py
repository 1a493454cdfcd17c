"""Write the ILLUSTRATIVE statistics of the shipped data: data/statistics/2024-2026.yaml.

    python scripts/make_illustrative_statistics.py [DATA_DIR]

The figures are invented (seeded, so the output is the same every run) to try the tool:
they follow every sum rule of data/metrics.yaml, and a month's "carried over" is the
previous month's "pending". Monthly figures run to 2026-11 (the month that ended on
14/11/2026), quarterly ones to 2026-Q3. tests/test_shipped_data.py checks that the
committed files are this script's output: edit the script, not the files.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

YEARS = (2024, 2025, 2026)
LAST_MONTH = (2026, 11)
LAST_QUARTER = (2026, 3)
SEED = 11

HEADER = """\
# yaml-language-server: $schema=../../schemas/statistics.schema.json
# Số liệu thống kê CCHC năm {year} của Sở Công Thương.
# ĐÂY LÀ SỐ LIỆU MINH HOẠ (tự tạo để thử công cụ), KHÔNG PHẢI SỐ LIỆU THẬT của Sở; xem
# data/README.md. Tháng báo cáo tính từ ngày 15 tháng trước đến ngày 14 (Nghị định 09/2019).
periods:
"""
ONE_STOP = "Hệ thống thông tin giải quyết TTHC tỉnh Đồng Tháp"
DOCUMENTS = "Hệ thống quản lý văn bản và điều hành"
PORTAL = "Cổng Dịch vụ công quốc gia, Bộ chỉ số phục vụ người dân, doanh nghiệp"
NOTE = "Số liệu minh hoạ"


def _entry(period: str, source: str, values: dict[str, float | int]) -> str:
    lines = [f"  - period: {period}", f"    source: {source}", f"    note: {NOTE}", "    values:"]
    lines += [f"      {key}: {value}" for key, value in values.items()]
    return "\n".join(lines) + "\n"


def _points(rng: random.Random, low: float, high: float) -> int:
    """A score in hundredths of a point (integers, so that sums are exact)."""
    return rng.randint(round(low * 100), round(high * 100))


def _hundredths(value: int) -> float:
    return round(value / 100, 2)


class Maker:
    def __init__(self) -> None:
        self.rng = random.Random(SEED)
        self.pending = 42
        self.procedures = 128
        self.full_online = 58

    def month(self, year: int, month: int) -> list[str]:
        rng = self.rng
        grow = (year - 2024) * 12 + month  # 1..35: rates improve over time
        received = rng.randint(360, 540)
        online = round(received * min(0.95, 0.62 + grow * 0.008 + rng.uniform(-0.03, 0.03)))
        post = rng.randint(2, 12)
        carried = self.pending
        pending = rng.randint(28, 64)
        handled = carried + received - pending
        late = rng.choice([0, 0, 0, 1, 1, 2, 3])
        early = round(handled * rng.uniform(0.55, 0.75))
        fee = round(received * rng.uniform(0.28, 0.4))
        paid = round(fee * min(0.97, 0.5 + grow * 0.012 + rng.uniform(-0.04, 0.04)))
        sent = rng.randint(240, 360)
        self.pending = pending
        files = {
            "hs-ky-truoc": carried,
            "hs-tiep-nhan": received,
            "hs-truc-tiep": received - online - post,
            "hs-truc-tuyen": online,
            "hs-buu-chinh": post,
            "hs-da-giai-quyet": handled,
            "hs-truoc-han": early,
            "hs-dung-han": handled - early - late,
            "hs-qua-han": late,
            "hs-dang-giai-quyet": pending,
            "hs-xin-loi": late,
            "hs-co-phi": fee,
            "hs-thanh-toan-truc-tuyen": paid,
            "sh-ho-so": round(received * min(1.0, 0.55 + grow * 0.012)),
            "sh-ket-qua": round(handled * min(1.0, 0.5 + grow * 0.013)),
        }
        documents = {
            "vb-di": sent,
            "vb-di-dien-tu": sent - rng.randint(0, 6),
            "vb-ky-so": sent - rng.randint(4, 18),
        }
        groups = [
            _points(rng, 15.5, 18),
            _points(rng, 17, 20),
            _points(rng, 12 + grow * 0.2, min(22, 17 + grow * 0.15)),
            _points(rng, 14 + grow * 0.15, min(22, 18 + grow * 0.12)),
            _points(rng, 15, 18),
        ]
        keys = ["i766-cong-khai", "i766-tien-do", "i766-so-hoa", "i766-truc-tuyen", "i766-hai-long"]
        index = {key: _hundredths(v) for key, v in zip(keys, groups, strict=True)}
        index["i766-tong"] = _hundredths(sum(groups))
        period = f"{year}-{month:02d}"
        return [
            _entry(period, ONE_STOP, files),
            _entry(period, DOCUMENTS, documents),
            _entry(period, PORTAL, index),
        ]

    def quarter(self, year: int, quarter: int, months: list[dict[str, int]]) -> str:
        rng = self.rng
        published = rng.randint(0, 5)
        abolished = rng.randint(0, 3)
        self.procedures += published - abolished
        self.full_online = min(self.procedures - 10, self.full_online + rng.randint(1, 6))
        found = rng.randint(0, 5) if quarter in (2, 3) else 0
        reviewed = rng.randint(2, 10)
        feedback = rng.randint(0, 4)
        handled = sum(m["hs-da-giai-quyet"] for m in months)
        in_time = sum(m["hs-truoc-han"] + m["hs-dung-han"] for m in months)
        values: dict[str, float | int] = {
            "cd-van-ban": rng.randint(2, 6),
            "kt-don-vi": rng.randint(1, 3) if found else 0,
            "kt-van-de": found,
            "kt-da-khac-phuc": max(0, found - rng.randint(0, 1)),
            "tt-tin-bai": rng.randint(8, 20),
            "tt-hoi-nghi": rng.randint(0, 2),
            "vb-du-thao": rng.randint(0, 3),
            "vb-ra-soat": reviewed,
            "vb-kien-nghi": rng.randint(0, min(3, reviewed)),
            "tthc-tham-quyen": self.procedures,
            "tthc-cong-bo-moi": published,
            "tthc-sua-doi": rng.randint(0, 6),
            "tthc-bai-bo": abolished,
            "tthc-don-gian-hoa": rng.randint(0, 4),
            "pakn-tiep-nhan": feedback,
            "pakn-da-xu-ly": feedback,
            "dvc-toan-trinh": self.full_online,
            "dvc-mot-phan": self.procedures - self.full_online - rng.randint(0, 4),
            "tt-tthc-thanh-toan": min(self.procedures, 40 + (year - 2024) * 20 + quarter * 3),
            "iso-tthc": self.procedures - rng.randint(0, 3),
            # typed from the quarterly report, to be checked against the counts
            "ty-le-truoc-dung-han": round(in_time / handled * 100, 2),
        }
        number = rng.randint(10, 90)
        day = 16 if quarter in (1, 3) else 17
        month = quarter * 3
        source = f"Báo cáo số {number}/BC-SCT ngày {day}/{month}/{year} của Sở Công Thương"
        return _entry(f"{year}-Q{quarter}", source, values)


def build() -> dict[str, str]:
    """``{"2024.yaml": text, ...}``."""
    maker = Maker()
    files = {}
    for year in YEARS:
        parts = [HEADER.format(year=year)]
        for quarter in range(1, 5):
            months = []
            for month in range(quarter * 3 - 2, quarter * 3 + 1):
                if (year, month) > LAST_MONTH:
                    break
                entries = maker.month(year, month)
                parts += entries
                months.append(_values_of(entries[0]))
            if (year, quarter) <= LAST_QUARTER:
                parts.append(maker.quarter(year, quarter, months))
        files[f"{year}.yaml"] = "".join(parts)
    return files


def _values_of(entry: str) -> dict[str, int]:
    values = {}
    for line in entry.splitlines():
        if line.startswith("      "):
            key, _, value = line.strip().partition(": ")
            values[key] = int(value)
    return values


def main(argv: list[str]) -> None:
    data = Path(argv[0]) if argv else Path(__file__).resolve().parents[1] / "data"
    folder = data / "statistics"
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in build().items():
        (folder / name).write_text(text, encoding="utf-8", newline="\n")
        print(f"{folder / name}")


if __name__ == "__main__":
    main(sys.argv[1:])
