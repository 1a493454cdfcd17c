"""Every report of the shipped data reads as an official wrote it: no tracker words, no
symbols for targets, no tool name, commit, task id or spaced percent, in any format."""

from __future__ import annotations

import io
import re
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from cchc_cli.checks import check
from cchc_cli.dataset import Dataset
from cchc_cli.engine.periods import CODES, report_period
from cchc_cli.read.loader import load_checked
from cchc_cli.report.facts import build
from cchc_cli.report.render import render

ROOT = Path(__file__).resolve().parents[1]
BANNED = ("sắp đến hạn", "chậm cập nhật", "bình quân", "≤", "> 95", "commit", "cchc", " %")
# One spelling, Nghị định 30/2020's own: the tone mark of a final "oa", "oe", "uy" on its
# first vowel ("hóa", "hòa", "thủy"), never "hoá", "hoà", "thuỷ".
OLD_SPELLING = re.compile(r"\w*(?:[oO][áàảãạéèẻẽẹ]|(?<![qQ])[uU][ýỳỷỹỵ])(?!\w)")


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    found = load_checked(ROOT / "data", check)
    assert not [p for p in found.problems if p.is_error]
    return found


def visible(text: str, fmt: str) -> str:
    """What a reader of the document sees: no HTML head, no Markdown comment."""
    if fmt == "html":
        text = text.split("<body>", 1)[1]
        text = re.sub(r"<[^>]+>", " ", text)
    return re.sub(r"<!--.*?-->", "", text, flags=re.S)


def docx_text(data: bytes) -> str:
    import docx

    document = docx.Document(io.BytesIO(data))
    texts = [t.text or "" for t in document.element.body.iter()
             if t.tag.endswith("}t")]  # fmt: skip
    for section in document.sections:
        for part in (section.header, section.first_page_header):
            texts += [p.text for p in part.paragraphs]
            texts += [c.text for t in part.tables for r in t.rows for c in r.cells]
    return "\n".join(texts)


def report_text(dataset: Dataset, code: str, year: int, fmt: str) -> str:
    report = build(
        dataset,
        report_period(code, year),
        issued=date(year + (code == "year"), 1, 5) if code == "year" else None,
        commit="abc1234",
        generated=datetime(2025, 1, 5, tzinfo=UTC),
    )
    content = render(report, fmt, dataset.root)
    return docx_text(content) if isinstance(content, bytes) else visible(content, fmt)


def check_text(text: str, dataset: Dataset) -> None:
    for word in BANNED:
        assert word not in text, word
    for task in dataset.tasks:
        assert not re.search(rf"\b{re.escape(task.item.id)}\b", text), task.item.id
    assert OLD_SPELLING.findall(text) == []


@pytest.mark.parametrize("year", range(2021, 2027))
@pytest.mark.parametrize("code", CODES)
def test_shipped_reports_read_as_officials_write(dataset: Dataset, code: str, year: int) -> None:
    check_text(report_text(dataset, code, year, "md"), dataset)


@pytest.mark.parametrize("fmt", ["html", "docx"])
@pytest.mark.parametrize("code", CODES)
def test_every_format_of_the_2024_drafts(dataset: Dataset, code: str, fmt: str) -> None:
    check_text(report_text(dataset, code, 2024, fmt), dataset)


def test_the_annual_report_is_named_as_such(dataset: Dataset) -> None:
    """VP-04's fourth-quarter occurrence is the annual report: "năm 2023", not "quý IV"."""
    text = report_text(dataset, "q1", 2024, "md")
    assert "gửi Sở Nội vụ năm 2023 |" in text
    assert "quý IV năm 2023" not in text
