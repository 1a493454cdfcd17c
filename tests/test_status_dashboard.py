"""What the dashboard page draws, as JSON facts of `cchc status` (the page renders these)."""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from tests.conftest import TreeFactory
from tests.test_status import AS_OF, FIXTURE, ids, run, run_json


@pytest.fixture(scope="module")
def full() -> dict[str, Any]:
    return run_json(CliRunner(), "--as-of", AS_OF)


def test_quarters_add_up_to_the_summary(full: dict[str, Any]) -> None:
    quarters = full["quarters"]
    assert quarters[0]["quarter"] == "2021-Q1"  # the plan's first year
    assert (quarters[-1]["quarter"], quarters[-1]["end"]) == ("2024-Q2", "2024-06-15")
    assert sum(q["done"] for q in quarters) == full["summary"]["done"]
    assert quarters[-1]["done_to_date"] == full["summary"]["done"]
    late = sum(q["done_late"] for q in quarters)
    assert late == full["summary"]["counts"]["done_late"]


@pytest.mark.parametrize("quarter", ["2021-Q4", "2022-Q4", "2023-Q2"])
def test_a_quarter_is_the_dashboard_as_of_its_end(
    runner: CliRunner, full: dict[str, Any], quarter: str
) -> None:
    (found,) = [q for q in full["quarters"] if q["quarter"] == quarter]
    then = run_json(runner, "--as-of", found["end"])
    assert found["done_to_date"] == then["summary"]["done"]
    assert then["quarters"][-1] == found


def test_quarters_follow_the_filters(runner: CliRunner) -> None:
    year = run_json(runner, "--as-of", AS_OF, "--year", "2024")
    assert year["quarters"][0]["quarter"] <= "2024-Q1"
    assert sum(q["done"] for q in year["quarters"]) == year["summary"]["done"]
    unit = run_json(runner, "--as-of", AS_OF, "--unit", "thanh-tra")
    assert sum(q["done"] for q in unit["quarters"]) == unit["summary"]["done"]


def test_indicator_series_cover_the_plan_years(full: dict[str, Any]) -> None:
    assert full["plan"]["period"] == {"start": 2021, "end": 2030}
    for series in full["indicator_series"]:
        assert [y["year"] for y in series["years"]] == list(range(2021, 2031))
    # The yearly verdicts agree with the indicator table of the text.
    by_key = {(s["id"], y["year"]): y for s in full["indicator_series"] for y in s["years"]}
    for found in full["indicators"]:
        point = by_key[(found["id"], found["year"])]
        assert (point["value"], point["verdict"]) == (found["value"], found["verdict"])


def test_values_not_yet_published_are_null_not_zero(runner: CliRunner) -> None:
    early = run_json(runner, "--as-of", "31/12/2022")
    for series in early["indicator_series"]:
        later = [y for y in series["years"] if y["year"] >= 2022]
        assert all(y["value"] is None for y in later), series["id"]


def test_open_all_is_every_unit_s_open_list(runner: CliRunner, full: dict[str, Any]) -> None:
    assert full["open"] is None
    for unit in full["units"]:
        mine = run_json(runner, "--as-of", AS_OF, "--unit", unit["code"])
        assert mine["open_all"] is None and mine["indicator_series"] is None
        assert ids([i for i in full["open_all"] if i["lead"] == unit["code"]]) == ids(mine["open"])


# --- the page (--format html) --------------------------------------------------------------

SHIPPED = Path(__file__).resolve().parents[1]  # the repository: data/ is the shipped plan
SHIPPED_AS_OF = "31/12/2025"


@dataclass(eq=False)  # elements are compared by identity
class Element:
    tag: str
    attrs: dict[str, str]
    parents: list[Element]
    text: str = ""

    def cls(self) -> list[str]:
        return self.attrs.get("class", "").split()

    def inside(self, tag: str, **attrs: str) -> Element | None:
        for parent in reversed(self.parents):
            if parent.tag == tag and all(parent.attrs.get(k) == v for k, v in attrs.items()):
                return parent
        return None


class Page(HTMLParser):
    """Every element of a page, with its ancestors and direct text."""

    VOID = frozenset({"meta", "br", "link", "img", "input", "hr", "source"})

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[Element] = []
        self._open: list[Element] = []
        self.feed(html)
        self.close()
        assert self._open == [], [e.tag for e in self._open]  # every element was closed

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {k: v or "" for k, v in attrs}, list(self._open))
        self.elements.append(element)
        if tag not in self.VOID:
            self._open.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append(Element(tag, {k: v or "" for k, v in attrs}, list(self._open)))

    def handle_endtag(self, tag: str) -> None:
        if tag in self.VOID:
            return
        assert self._open and self._open[-1].tag == tag, (tag, [e.tag for e in self._open])
        self._open.pop()

    def handle_data(self, data: str) -> None:
        if self._open:
            self._open[-1].text += data

    def find(self, tag: str, cls: str | None = None, **attrs: str) -> list[Element]:
        return [
            e
            for e in self.elements
            if e.tag == tag
            and (cls is None or cls in e.cls())
            and all(e.attrs.get(k.replace("_", "-")) == v for k, v in attrs.items())
        ]

    def within(self, found: list[Element], section: str) -> list[Element]:
        return [e for e in found if e.inside("section", id=section)]


def html_of(runner: CliRunner, *args: str, data: Path = FIXTURE) -> str:
    result = run(runner, "--format", "html", "--output", "-", *args, data=data)
    assert result.exit_code == 0, result.output
    return str(result.stdout)


@pytest.fixture(scope="module")
def shipped() -> tuple[Page, dict[str, Any]]:
    runner = CliRunner()
    doc = run_json(runner, "--as-of", SHIPPED_AS_OF, data=SHIPPED)
    return Page(html_of(runner, "--as-of", SHIPPED_AS_OF, data=SHIPPED)), doc


def test_shipped_page_has_a_bar_per_area_and_unit_in_file_order(
    shipped: tuple[Page, dict[str, Any]],
) -> None:
    page, doc = shipped
    for section, key in (("theo-linh-vuc", "areas"), ("theo-don-vi", "units")):
        rows = page.within(page.find("g", "row"), section)
        assert [r.attrs["data-key"] for r in rows] == [a["code"] for a in doc[key]]
        for row, facts in zip(rows, doc[key], strict=True):
            bars = [b for b in page.find("rect", "bar") if row in b.parents]
            shown = {b.attrs["data-state"]: b for b in bars}
            assert set(shown) == {s for s, n in facts["counts"].items() if n}
            for state, bar in shown.items():  # the texture of the state, and its count
                assert bar.attrs["fill"] == f"url(#p-{state})"
            width = sum(float(b.attrs["width"]) for b in bars)
            assert width == pytest.approx(264, abs=0.5) if facts["total"] else width == 0
    links = page.within(page.find("a"), "theo-don-vi")
    assert [a.attrs["href"] for a in links] == [f"#don-vi-{u['code']}" for u in doc["units"]]


def test_shipped_page_has_a_target_line_per_indicator_and_gaps(
    shipped: tuple[Page, dict[str, Any]],
) -> None:
    page, doc = shipped
    charts_ = page.within(page.find("svg", "chart-lines"), "chi-so")
    assert len(charts_) == len(doc["indicator_series"])
    for svg, series in zip(charts_, doc["indicator_series"], strict=True):
        inside = [e for e in page.elements if svg in e.parents]
        targets = [e for e in inside if e.tag == "line" and "target-line" in e.cls()]
        has_target = any(y["target"] for y in series["years"])
        assert bool(targets) == has_target, series["id"]
        points = [e.attrs["data-year"] for e in inside if "point" in e.cls()]
        known = [str(y["year"]) for y in series["years"] if y["value"] is not None]
        assert points == known  # a missing year is not drawn as a point at zero
        gaps = [e.attrs["data-year"] for e in inside if "gap" in e.cls()]
        missing = [
            str(y["year"]) for y in series["years"] if y["value"] is None and y["year"] <= 2025
        ]
        assert gaps == missing and "2025" in gaps  # 2025 values are published in 2026
        met = {e.attrs["data-year"] for e in inside if {"point", "met"} <= set(e.cls())}
        assert met == {str(y["year"]) for y in series["years"] if y["verdict"] == "met"}
    rank = charts_[0]
    ticks = [e.text for e in page.elements if rank in e.parents and "tick" in e.cls()]
    assert ticks[0] == "1"  # a rank axis starts at 1, better at the top
    axis = [e.text for e in page.elements if rank in e.parents and "axis-title" in e.cls()]
    assert axis == ["hạng · ↑ tốt hơn (hạng thấp hơn)"]


def test_shipped_page_has_the_quarters_and_vietnamese_numbers(
    shipped: tuple[Page, dict[str, Any]],
) -> None:
    page, doc = shipped
    marks = page.within(page.find("rect", "mark"), "theo-thoi-gian")
    due = {m.attrs["data-period"] for m in marks if m.attrs["data-part"] == "due"}
    assert due == {q["quarter"] for q in doc["quarters"] if q["due"]}
    text = " ".join(e.text for e in page.elements)
    assert "31/12/2025" in text and "92,7%" in text and "2025-12-31" not in text
    assert "93,62" in text  # SIPAS 2021, decimal comma


def test_shipped_page_draws_the_headline_rates_of_the_period(
    shipped: tuple[Page, dict[str, Any]],
) -> None:
    """Section “Số liệu thống kê”: a bar per headline rate of the JSON's current period, its
    numerator against the rest of its denominator, counts and rates worded the Vietnamese way."""
    page, doc = shipped
    found = doc["statistics"]
    rates = [
        r
        for r in found["rows"]
        if r["kind"] == "rate" and r["headline"] and r["this_period"]["value"] is not None
    ]
    assert len(rates) >= 3
    (svg,) = page.within(page.find("svg", "chart-hbars"), "so-lieu")
    (title,) = [e for e in page.elements if e.tag == "title" and svg in e.parents[-1:]]
    assert (
        title.text
        == f"Các tỷ lệ chính, {found['period']['label']}"
        == ("Các tỷ lệ chính, quý IV năm 2025")
    )
    rows = [e for e in page.find("g", "row") if svg in e.parents]
    assert [r.attrs["data-key"] for r in rows] == [r["id"] for r in rates]
    for row, rate in zip(rows, rates, strict=True):
        this = rate["this_period"]
        assert row.attrs["data-total"] == str(round(this["denominator"]))
        bars = {b.attrs["data-state"]: b for b in page.find("rect", "bar") if row in b.parents}
        widths = {k: float(b.attrs["width"]) for k, b in bars.items()}
        assert sum(widths.values()) == pytest.approx(264, abs=0.5)
        assert widths["part"] / 264 == pytest.approx(this["value"], abs=0.002)
        (tip,) = [e for e in page.elements if e.tag == "title" and bars["part"] in e.parents]
        words = f"{round(this['numerator']):,}".replace(",", ".")
        assert tip.text == f"đạt: {words}"
        (note,) = [e for e in page.elements if "note" in e.cls() and row in e.parents]
        assert (
            note.text
            == f"{this['value'] * 100:.2f}".rstrip("0").rstrip(".").replace(".", ",") + "%"
        )
        label = " ".join(e.text for e in page.elements if e.tag == "tspan" and row in e.parents)
        assert label.startswith(rate["name"].split()[0]) and "cùng kỳ năm trước:" in label
    # 1 012 of 1 252 files online: thousands with a dot, inside the bar.
    counts = [e.text for e in page.elements if "count" in e.cls() and svg in e.parents]
    assert "1.012" in counts


def test_no_statistics_section_without_statistics(runner: CliRunner) -> None:
    """The fixture has no catalogue; a unit's view has no statistics either."""
    assert not Page(html_of(runner, "--as-of", AS_OF)).find("section", id="so-lieu")
    unit = html_of(runner, "--as-of", SHIPPED_AS_OF, "--unit", "van-phong", data=SHIPPED)
    assert not Page(unit).find("section", id="so-lieu")


def test_page_is_self_contained(shipped: tuple[Page, dict[str, Any]]) -> None:
    page, _ = shipped
    assert not page.find("link") and not page.find("img")
    assert all("src" not in e.attrs for e in page.elements)
    for element in page.elements:
        for name in ("href", "xlink:href"):
            value = element.attrs.get(name)
            assert value is None or value.startswith("#"), value
    (csp,) = page.find("meta", http_equiv="Content-Security-Policy")
    assert "default-src 'none'" in csp.attrs["content"]


def test_lists_link_to_each_unit_s_to_do_view(runner: CliRunner) -> None:
    page = Page(html_of(runner, "--as-of", AS_OF))
    doc = run_json(runner, "--as-of", AS_OF)
    anchors = [e.attrs["id"] for e in page.find("span", "anchor")]
    assert anchors == [f"don-vi-{u['code']}" for u in doc["units"]]
    classes = {u["code"]: f"u{i}" for i, u in enumerate(doc["units"])}
    for key, anchor in (
        ("overdue", "qua-han"),
        ("due_soon", "sap-den-han"),
        ("stale", "cham-cap-nhat"),
        ("open_all", "dang-thuc-hien"),
    ):
        (box,) = page.find("div", id=anchor)
        rows = [
            r
            for r in page.find("tr")
            if box in r.parents and r.inside("tbody", **{"class": "rows"})
        ]
        assert [r.attrs["class"] for r in rows] == [classes[i["lead"]] for i in doc[key]]
    assert "only-unit" in page.find("div", id="dang-thuc-hien")[0].cls()
    assert "only-all" in page.find("div", id="cham-cap-nhat")[0].cls()
    style = page.find("style")[0].text
    for unit, cls in classes.items():
        assert f"#don-vi-{unit}:target ~ .lists tr.{cls} {{ display: table-row; }}" in style


def test_unit_page_is_that_unit_s_to_do_list(runner: CliRunner) -> None:
    page = Page(html_of(runner, "--as-of", AS_OF, "--unit", "thanh-tra"))
    assert not page.find("span", "anchor")
    assert [d.attrs["id"] for d in page.find("div", "list")] == [
        "qua-han",
        "sap-den-han",
        "dang-thuc-hien",
    ]
    assert not page.find("section", id="chi-so")
    assert "đơn vị: Thanh tra Sở" in " ".join(e.text for e in page.find("p", "scope"))


# --- writing the page: --output, --force, --parents, --open ---------------------------------


def test_output_writes_once_then_needs_force(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "tong-quan.html"
    args = ["--as-of", AS_OF, "-f", "html", "-o", str(target)]
    first = run(runner, *args)
    assert first.exit_code == 0, first.output
    assert "Đã ghi trang tổng quan:" in first.stdout
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    again = run(runner, *args)
    assert again.exit_code == 1
    assert "đã có" in again.stderr and "--force" in again.stderr
    assert run(runner, *args, "--force").exit_code == 0


def test_output_folder_must_exist_unless_parents(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "moi" / "trang.html"
    args = ["--as-of", AS_OF, "-f", "html", "-o", str(target)]
    missing = run(runner, *args)
    assert missing.exit_code == 1 and "--parents" in missing.stderr
    assert run(runner, *args, "--parents").exit_code == 0 and target.is_file()


def test_json_and_text_can_be_written_too(runner: CliRunner, tmp_path: Path) -> None:
    shown = run(runner, "--as-of", AS_OF, "-f", "json")
    written = run(runner, "--as-of", AS_OF, "-f", "json", "-o", str(tmp_path / "a.json"))
    assert written.exit_code == 0
    assert (tmp_path / "a.json").read_text(encoding="utf-8") == shown.stdout
    text = run(runner, "--as-of", AS_OF, "-o", str(tmp_path / "a.txt"))
    assert text.exit_code == 0
    assert (tmp_path / "a.txt").read_text(encoding="utf-8") == run(runner, "--as-of", AS_OF).stdout


def test_html_goes_to_reports_by_default_and_opens(
    runner: CliRunner, make_repo: TreeFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[str] = []

    def fake_open(url: str) -> bool:
        opened.append(url)
        return True

    monkeypatch.setattr("webbrowser.open", fake_open)
    repo = make_repo()
    result = run(runner, "--as-of", AS_OF, "-f", "html", "--unit", "van-phong", "--open", data=repo)
    assert result.exit_code == 0, result.output
    page = repo / "reports" / "tinh-hinh-2024-06-15-van-phong.html"
    assert page.is_file()
    assert opened == [page.resolve().as_uri()]


@pytest.mark.parametrize("args", [["--open"], ["-f", "html", "-o", "-", "--open"]])
def test_open_needs_a_written_page(runner: CliRunner, args: list[str]) -> None:
    result = run(runner, "--as-of", AS_OF, *args)
    assert result.exit_code == 2
    assert "Chỉ mở được trang html đã ghi ra tệp (tuỳ chọn --open)." in result.stderr


def test_unknown_format_lists_html(runner: CliRunner) -> None:
    result = run(runner, "--format", "pdf")
    assert result.exit_code == 2
    assert "text, json, html" in result.stderr


def test_page_of_invalid_data_warns_and_exits_1(runner: CliRunner, make_repo: TreeFactory) -> None:
    repo = make_repo({"data/units.yaml": "units: [\n"})
    result = run(runner, "--as-of", AS_OF, "-f", "html", "-o", "-", data=repo)
    assert result.exit_code == 1
    assert "Dữ liệu có 1 lỗi" in result.stdout


def test_a_repository_template_overrides_the_page(
    runner: CliRunner, make_repo: TreeFactory
) -> None:
    own = "<p>{{ title }} · {{ as_of }}</p>\n"
    repo = make_repo({"templates/dashboard/status.html.j2": own})
    result = run(runner, "--as-of", AS_OF, "-f", "html", "-o", "-", data=repo)
    assert result.exit_code == 0, result.output
    assert result.stdout.endswith("· 15/06/2024</p>\n")
    broken = make_repo({"templates/dashboard/status.html.j2": "<p>{{ title }</p>\n"})
    failed = run(runner, "--as-of", AS_OF, "-f", "html", "-o", "-", data=broken)
    assert failed.exit_code == 1
    assert "Lỗi trong mẫu trang tổng quan “templates/dashboard/status.html.j2”, dòng 1" in (
        failed.stderr
    )


def test_a_new_chart_section_is_a_function_and_one_line(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    """How a new JSON key (a PAR self-assessment, …) joins the page (README)."""
    from cchc_cli.status import charts, html, sections

    doc = run_json(runner, "--as-of", AS_OF)
    doc["files_per_quarter"] = [{"period": "2024-Q1", "received": 120, "on_time": 118}]

    def statistics(doc: dict[str, Any]) -> list[charts.Chart] | None:
        rows = doc.get("files_per_quarter")
        if not rows:
            return None
        keys = [r["period"] for r in rows]
        chart = charts.columns(
            keys,
            [sections.quarter_label(k) for k in keys],
            [[{"received": r["received"]}, {"on_time": r["on_time"]}] for r in rows],
            [
                {"key": "received", "label": "hồ sơ tiếp nhận", "fill": "due"},
                {"key": "on_time", "label": "giải quyết đúng hạn", "fill": "done_on_time"},
            ],
        )
        return [chart | {"title": "Hồ sơ TTHC theo quý", "desc": "quý I/2024: 120, 118"}]

    extra = sections.Section("ho-so-theo-quy", "Hồ sơ theo quý", statistics)
    monkeypatch.setattr(html, "SECTIONS", (*sections.SECTIONS, extra))
    page = Page(html.render_html(doc, None))
    assert len(page.find("section", id="ho-so-theo-quy")) == 1
    found = page.within(page.find("rect", "mark"), "ho-so-theo-quy")
    assert [m.attrs["data-part"] for m in found] == ["received", "on_time"]
    links = [a.text for a in page.find("a") if a.attrs["href"] == "#ho-so-theo-quy"]
    assert links == ["Hồ sơ theo quý"]


def test_the_headline_says_what_was_due(runner: CliRunner) -> None:
    """Done, due and overdue on the headline: "due" is what fell due by the as-of date, the
    last point of the cumulative chart (not the count of every started occurrence)."""
    doc = run_json(runner, "--as-of", SHIPPED_AS_OF, data=SHIPPED)
    page = html_of(runner, "--as-of", SHIPPED_AS_OF, data=SHIPPED)
    due = doc["quarters"][-1]["due_to_date"]
    assert 0 < due < doc["summary"]["total"]
    assert f'<span class="big">{due}</span> đã đến hạn' in page
