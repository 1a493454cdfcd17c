"""Period statistics in the reports: the 2024 drafts of the shipped data carry the figures of
exactly their windows, in the right section and in the appendix table (issue 11, "Done
when"); and on the report fixture, what is left out (no data, a short figure, a zero).

The expected figures are computed here from the YAML files themselves, with rules written by
hand from văn bản 581/BNV-CCHC and Nghị định 09/2019 (a reporting month runs from the 15th
to the 14th, so the q1 window 15/12/2023-14/03/2024 is the months 2024-01..03), and worded
by hand (thousands with a dot, decimals with a comma): never through the engine.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
import yaml

from cchc_cli.checks import check
from cchc_cli.dataset import Dataset
from cchc_cli.engine.periods import report_period
from cchc_cli.read.loader import load_checked
from cchc_cli.report.facts import build
from cchc_cli.report.model import Report
from cchc_cli.report.render import render
from tests.conftest import TreeFactory

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = Path(__file__).parent / "fixtures" / "report"
# The reporting months (and quarters) of each 2024 window, and the months of its year to
# date: written out, not computed.
MONTHS = {
    "q1": [1, 2, 3],
    "h1": [1, 2, 3, 4, 5, 6],
    "q3": [7, 8, 9],
    "year": [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12],
}
YEAR_TO_DATE = {"q1": [1, 2, 3], "h1": [1, 2, 3, 4, 5, 6], "q3": list(range(1, 10))}
YEAR_TO_DATE["year"] = MONTHS["year"]


# --- reading the files by hand -------------------------------------------------------------


def read(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


class Written:
    """Every value of the statistics files of `data`, by metric, then by ``("m", month)`` or
    ``("q", quarter)`` of one year."""

    def __init__(self, data: Path, year: int) -> None:
        catalogue = read(data / "metrics.yaml")
        self.metrics = {m["id"]: m for m in catalogue["metrics"]}
        self.rates = {r["id"]: r for r in catalogue["rates"]}
        self.areas = [a["code"] for a in read(data / "areas.yaml")["areas"]]
        self.area_names = {a["code"]: a["name"] for a in read(data / "areas.yaml")["areas"]}
        self.groups = {g["id"]: g for g in catalogue["groups"]}
        self.values: dict[str, dict[tuple[str, int], float]] = {}
        for path in sorted((data / "statistics").glob("*.yaml")):
            for entry in read(path)["periods"]:
                found = re.fullmatch(r"(\d{4})-(?:(\d\d)|Q(\d))", str(entry["period"]))
                assert found, entry["period"]
                if int(found.group(1)) != year:
                    continue
                key = ("m", int(found.group(2))) if found.group(2) else ("q", int(found.group(3)))
                for metric, given in entry["values"].items():
                    if metric in self.metrics:  # a typed rate is only a check value
                        value = given["value"] if isinstance(given, dict) else given
                        self.values.setdefault(metric, {})[key] = value

    def over(self, metric: str, months: list[int]) -> float | None:
        """The metric over whole months: all of them written monthly, or all their quarters
        written quarterly (the shipped data never mixes the two in a year); None otherwise."""
        written = self.values.get(metric, {})
        how = self.metrics[metric].get("aggregate", "sum")
        pieces = [written.get(("m", m)) for m in months]
        weights = [1] * len(months)
        if any(p is None for p in pieces):
            quarters = sorted({(m - 1) // 3 + 1 for m in months})
            assert len(quarters) * 3 == len(months)
            pieces = [written.get(("q", q)) for q in quarters]
            weights = [3] * len(quarters)
        if any(p is None for p in pieces):
            return None
        values = [float(p) for p in pieces if p is not None]
        if how == "sum":
            return sum(values)
        if how == "last":
            return values[-1]
        if how == "first":
            return values[0]
        assert how == "mean"
        return sum(v * w for v, w in zip(values, weights, strict=True)) / sum(weights)

    def rate(self, rate: str, months: list[int]) -> float | None:
        parts = [
            [self.over(m, months) for m in self.rates[rate][side]]
            for side in ("numerator", "denominator")
        ]
        if any(v is None for side in parts for v in side):
            return None
        top, bottom = (sum(v for v in side if v is not None) for side in parts)
        return None if bottom == 0 else top / bottom * 100


def dotted(value: float, decimals: int = 0) -> str:
    """``5160`` → ``5.160``; ``84.1833`` → ``84,18``; ``99.0`` → ``99``: by hand."""
    text = f"{value:,.{decimals}f}".replace(",", " ")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",").replace(" ", ".")


def figure(written: Written, metric: str, value: float, *, out_of: bool) -> str:
    spec = written.metrics[metric]
    whole = spec.get("integer", True) and spec.get("aggregate", "sum") != "mean"
    text = dotted(value, 0 if whole else 2)
    if out_of and "max" in spec:
        text += f"/{dotted(spec['max'])}"
    return text


# --- the reports -----------------------------------------------------------------------------


def make(dataset: Dataset, code: str, year: int = 2024) -> Report:
    return build(
        dataset,
        report_period(code, year),
        issued=date(2025, 1, 5),
        commit=None,
        generated=datetime(2025, 1, 5, tzinfo=UTC),
    )


@pytest.fixture(scope="module")
def shipped() -> Dataset:
    found = load_checked(ROOT / "data", check)
    assert not [p for p in found.problems if p.is_error]
    return found


@pytest.fixture(scope="module")
def written() -> Written:
    return Written(ROOT / "data", 2024)


def sections(markdown: str, written: Written, direction: str) -> dict[str, str]:
    """The text of each area's section of the body (I for `direction`, II.n for the rest)."""
    found: dict[str, str] = {}
    body = markdown.split("## III. ĐÁNH GIÁ CHUNG", maxsplit=1)[0]
    parts = re.split(r"^#{2,3} .*$", body, flags=re.M)
    heads = re.findall(r"^#{2,3} (.*)$", body, flags=re.M)
    others = [a for a in written.areas if a != direction]
    for head, text in zip(heads, parts[1:], strict=True):
        if head.startswith("I. "):
            found[direction] = text
        number = re.match(r"(\d+)\. ", head)
        if number:
            area = others[int(number.group(1)) - 1]
            assert head == f"{number.group(1)}. {written.area_names[area]}"
            found[area] = text
    return found


def docx_rows(data: bytes) -> dict[str, list[str]]:
    """The statistics appendix of a Word draft: metric name -> its cells."""
    import docx

    document = docx.Document(io.BytesIO(data))
    (table,) = [t for t in document.tables if "Kỳ báo cáo" in [c.text for c in t.rows[0].cells]]
    rows: dict[str, list[str]] = {}
    for row in table.rows[1:]:
        cells = [c.text for c in row.cells]
        if cells[0].isdigit():
            rows[cells[1]] = cells
    return rows


@pytest.mark.parametrize("code", list(MONTHS))
def test_the_2024_reports_carry_the_figures_of_their_windows(
    shipped: Dataset, written: Written, code: str
) -> None:
    months, to_date = MONTHS[code], YEAR_TO_DATE[code]
    report = make(shipped, code)
    markdown = render(report, "md", shipped.root)
    assert isinstance(markdown, str)
    word = render(report, "docx", shipped.root)
    assert isinstance(word, bytes)
    assert shipped.plan is not None
    by_area = sections(markdown, written, shipped.plan.direction_area)
    table = docx_rows(word)
    checked = 0
    for metric, spec in written.metrics.items():
        value = written.over(metric, months)
        assert value is not None, (code, metric)  # the shipped 2024 data is complete
        cells = table[spec["name"]]
        # The appendix: this period, no 2023 data for last year, the year to date.
        assert cells[3] == figure(written, metric, value, out_of=False), (code, metric)
        assert cells[4] == "-"
        ytd = written.over(metric, to_date)
        assert ytd is not None
        assert cells[5] == figure(written, metric, ytd, out_of=False), (code, metric)
        # The sentence, in the section of the metric's group.
        text = spec["phrase"].replace("{số}", figure(written, metric, value, out_of=True))
        area = written.groups[spec["group"]]["area"]
        if value == 0:
            assert text not in markdown, (code, metric)  # a 0 is left to the appendix
        else:
            assert text in by_area[area], (code, metric)
            checked += 1
    assert checked >= 30  # of 44 metrics; the others are 0 in the window
    for rate, spec in written.rates.items():
        share = written.rate(rate, months)
        if share is None:  # a count of 0 below it (no issue found, no file late)
            continue
        own = [m for m in written.metrics if spec["numerator"] == [m]]
        words = f"{dotted(share, 2)}%"
        if own:
            assert table[written.metrics[own[0]]["name"]][6] == words, (code, rate)
        else:
            assert table[spec["name"]][3] == words, (code, rate)
            area = written.groups[spec["group"]]["area"]
            assert f"{spec['name'][0].lower()}{spec['name'][1:]} đạt {words}" in by_area[area]


def test_the_q1_figures_by_hand(shipped: Dataset) -> None:
    """Three figures of the q1 draft read off the 2024 file by eye (months 01-03, Q1)."""
    text = render(make(shipped, "q1"), "md", shipped.root)
    assert isinstance(text, str)
    # hs-tiep-nhan 475 + 396 + 375; hs-truc-tuyen 309 + 242 + 231 (782 / 1246 = 62,76%)
    assert "tiếp nhận mới 1.246 hồ sơ (" in text
    assert "trực tuyến 782 hồ sơ, đạt 62,76%" in text
    assert "tổng số thủ tục hành chính thuộc thẩm quyền giải quyết là 129 thủ tục" in text
    # kt-don-vi, kt-van-de, kt-da-khac-phuc are 0 in 2024-Q1: nothing said, no "0".
    assert "tại 0 " not in text and "kiểm tra công tác cải cách hành chính tại" not in text


# --- what is left out, on the report fixture -------------------------------------------------


@pytest.fixture(scope="module")
def fixture() -> Dataset:
    found = load_checked(FIXTURE / "data", check)
    assert not found.problems, found.problems
    return found


def body_text(report: Report) -> str:
    return "\n".join(p.text for p in report.body)


def statistics_table(report: Report) -> dict[str, tuple[str, ...]]:
    (appendix,) = [a for a in report.appendices if "SỐ LIỆU THỐNG KÊ" in a.title]
    (table,) = appendix.tables
    return {row.cells[1]: row.cells for row in table.rows if row.kind == "data"}


def test_no_data_is_never_a_zero(fixture: Dataset) -> None:
    """No feedback was recorded in 2024: no sentence, a dash in the table."""
    report = make(fixture, "year")
    assert "phản ánh, kiến nghị" not in body_text(report)
    assert statistics_table(report)["Phản ánh, kiến nghị tiếp nhận"][3:6] == ("-", "-", "-")


def test_a_zero_is_in_the_table_not_in_the_sentence(fixture: Dataset) -> None:
    report = make(fixture, "q1")
    assert "kiểm tra công tác cải cách hành chính tại" not in body_text(report)
    row = statistics_table(report)["Đơn vị được kiểm tra công tác cải cách hành chính"]
    assert row[3] == "0"


def test_a_figure_short_of_a_month_is_asked_for_not_written(fixture: Dataset) -> None:
    """vb-di and vb-ky-so have no value for 2024-08: q3 and the year miss it, h1 does not."""
    for code in ("q3", "year"):
        report = make(fixture, code)
        text = body_text(report)
        assert "văn bản đi;" not in text and "phát hành" not in text
        gap = "[Đơn vị bổ sung: số liệu tháng 08/2024 về dịch vụ công trực tuyến, văn bản điện tử]"
        assert gap in [p.text for p in report.body if p.style == "gap"]
        row = statistics_table(report)["Văn bản đi"]
        assert row[3].endswith("*") and row[5].endswith("*")
        assert "“*”: chưa đủ số liệu các tháng" in report.appendices[-1].tables[0].caption
    h1 = make(fixture, "h1")
    assert "phát hành 1.424 văn bản đi; ký số 1.402 văn bản đi (đạt 98,46%)" in body_text(h1)
    assert "*" not in "".join(statistics_table(h1)["Văn bản đi"])


def test_same_period_last_year_is_the_window_a_year_back(fixture: Dataset) -> None:
    written = Written(FIXTURE / "data", 2023)
    report = make(fixture, "q3")
    rows = statistics_table(report)
    for metric in ("hs-tiep-nhan", "hs-qua-han", "tt-tin-bai", "tthc-tham-quyen"):
        value = written.over(metric, [7, 8, 9])
        assert value is not None
        assert rows[written.metrics[metric]["name"]][4] == dotted(value), metric
    # 2023 has no index values: no data, not 0.
    assert rows["Điểm Bộ chỉ số phục vụ người dân, doanh nghiệp"][4] == "-"


def test_parts_rates_targets_and_a_metric_without_a_phrase(fixture: Dataset) -> None:
    written = Written(FIXTURE / "data", 2024)
    months = MONTHS["h1"]
    report = make(fixture, "h1")
    (sentence,) = [p.text for p in report.body if "tiếp nhận mới" in p.text]

    def count(metric: str) -> str:
        value = written.over(metric, months)
        assert value is not None
        return dotted(value)

    on_time = written.rate("ty-le-dung-han", months)
    online = written.rate("ty-le-truc-tuyen", months)
    assert on_time is not None and online is not None
    assert sentence == (
        f"Trong kỳ, tiếp nhận mới {count('hs-tiep-nhan')} hồ sơ (trực tiếp "
        f"{count('hs-truc-tiep')} hồ sơ; trực tuyến {count('hs-truc-tuyen')} hồ sơ, đạt "
        f"{dotted(online, 2)}%); đã giải quyết {count('hs-da-giai-quyet')} hồ sơ (trước hạn "
        f"{count('hs-truoc-han')} hồ sơ, đúng hạn {count('hs-dung-han')} hồ sơ, quá hạn "
        f"{count('hs-qua-han')} hồ sơ); tỷ lệ hồ sơ giải quyết trước hạn và đúng hạn đạt "
        f"{dotted(on_time, 2)}%, đạt chỉ tiêu đề ra (từ 99% trở lên); hồ sơ quá hạn có văn "
        f"bản xin lỗi: {count('hs-xin-loi')} hồ sơ."
    )
    index = written.over("i766", months)
    assert index is not None and index < 85
    assert (
        f"đạt {dotted(index, 2)}/100 điểm, chưa đạt chỉ tiêu đề ra (từ 85 điểm trở lên)."
        in body_text(report)
    )


def test_figures_follow_the_results_of_their_area(fixture: Dataset) -> None:
    body = [(p.style, p.text) for p in make(fixture, "q1").body]
    texts = [t for _, t in body]
    first = texts.index("I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CẢI CÁCH HÀNH CHÍNH")
    figures = texts.index("Trong kỳ, đăng 9 tin, bài tuyên truyền về cải cách hành chính.")
    closing = texts.index(
        "[Đơn vị bổ sung: văn bản chỉ đạo, điều hành; kiểm tra, tuyên truyền cải cách hành "
        "chính trong kỳ]"
    )
    assert first < figures == closing - 1
    assert all(style == "item" for style, _ in body[first + 1 : figures])


def own_lines(report: Report) -> Iterable[str]:
    yield from (p.text for p in report.body)
    for appendix in report.appendices:
        yield appendix.title


def test_a_repository_without_statistics_has_none_in_its_reports(
    make_repo: TreeFactory,
) -> None:
    dataset = load_checked(make_repo() / "data", check)
    report = make(dataset, "year")
    assert [a.heading for a in report.appendices][-1] != "PHỤ LỤC IV"
    assert not any("SỐ LIỆU THỐNG KÊ" in line for line in own_lines(report))


def test_years_before_any_statistics_have_no_appendix(shipped: Dataset) -> None:
    report = make(shipped, "year", 2023)
    assert not any("SỐ LIỆU THỐNG KÊ" in a.title for a in report.appendices)
    assert not any(p.text.startswith("[Đơn vị bổ sung: số liệu tháng") for p in report.body)


# --- how a group is worded, on small catalogues ----------------------------------------------

SMALL = """\
groups:
  - {id: ho-so, name: Hồ sơ, area: tthc}
  - {id: so-hoa, name: Số hóa, area: chi-dao}
metrics:
  - {id: tong, name: Hồ sơ tiếp nhận, unit: hồ sơ, group: ho-so, phrase: "tiếp nhận {số} hồ sơ"}
  - {id: a, name: Hồ sơ trực tuyến, unit: hồ sơ, group: ho-so, phrase: "trực tuyến {số} hồ sơ"}
  - {id: b, name: Hồ sơ trực tiếp, unit: hồ sơ, group: ho-so, phrase: "trực tiếp {số} hồ sơ"}
  - {id: so, name: Hồ sơ số hóa, unit: hồ sơ, group: so-hoa, phrase: "số hóa {số} hồ sơ"}
rates:
  - id: r-so
    name: Tỷ lệ số hóa
    group: ho-so
    numerator: [so]
    denominator: [tong]
    targets: [{years: 2024, op: ">=", value: 50}]
rules:
  - {left: [a, b], right: [tong]}
"""


def small_report(make_repo: TreeFactory, values: str) -> Report:
    periods = "".join(
        f"  - {{period: 2024-{m:02d}, source: Hệ thống, values: {{{values}}}}}\n" for m in (1, 2, 3)
    )
    repo = make_repo(
        {"data/metrics.yaml": SMALL, "data/statistics/2024.yaml": f"periods:\n{periods}"}
    )
    dataset = load_checked(repo / "data", check)
    assert not dataset.problems, dataset.problems
    return make(dataset, "q1")


def figure_paragraphs(report: Report) -> list[str]:
    return [
        p.text for p in report.body if p.text.startswith("Trong kỳ, ") and "nhiệm vụ" not in p.text
    ]


def test_a_rate_is_said_once_with_its_metric_and_its_target(make_repo: TreeFactory) -> None:
    """r-so is placed in the files group but is the digitised count's own rate: it is said
    with that count, in the other group's section, with its target."""
    report = small_report(make_repo, "tong: 100, a: 70, b: 30, so: 20")
    assert figure_paragraphs(report) == [
        "Trong kỳ, số hóa 60 hồ sơ (đạt 20%, chưa đạt chỉ tiêu đề ra (từ 50% trở lên)).",
        "Trong kỳ, tiếp nhận 300 hồ sơ (trực tuyến 210 hồ sơ, trực tiếp 90 hồ sơ).",
    ]


def test_parts_stand_alone_when_their_whole_is_not_said(make_repo: TreeFactory) -> None:
    report = small_report(make_repo, "a: 70, b: 30")
    assert figure_paragraphs(report) == ["Trong kỳ, trực tuyến 210 hồ sơ; trực tiếp 90 hồ sơ."]
