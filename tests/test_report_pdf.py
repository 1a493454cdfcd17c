"""The four 2024 Word drafts of the shipped data, and its 2024 PAR INDEX self-assessment
report, laid out by LibreOffice as a reader sees them: every page-head line on one line, no
number on page 1 and "2" atop page 2, the appendices landscape, each on a page of its own.

Needs ``soffice`` (LibreOffice) and ``pdftotext``/``pdfinfo`` (poppler-utils); skipped
without them. CI installs them (`.ci/run`: libreoffice-writer-nogui, poppler-utils,
fonts-liberation2).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import date, datetime
from pathlib import Path

import pytest

from cchc_cli.checks import check
from cchc_cli.engine.periods import CODES, report_period
from cchc_cli.read.loader import load_checked
from cchc_cli.report.facts import build
from cchc_cli.report.par_facts import build as build_par
from cchc_cli.report.render import render

ROOT = Path(__file__).resolve().parents[1]
TOOLS = ("soffice", "pdftotext", "pdfinfo")
pytestmark = pytest.mark.skipif(
    any(shutil.which(tool) is None for tool in TOOLS),
    reason="needs LibreOffice (soffice) and poppler-utils (pdftotext, pdfinfo) to lay out the "
    "Word report; apt-get install libreoffice-writer-nogui poppler-utils fonts-liberation2",
)
ISSUED = date(2025, 1, 5)
DOCUMENTS = (*CODES, "par")  # the periodic drafts, then the self-assessment report
APPENDICES = {"par": ["PHỤ LỤC"]}  # the periodic drafts have PHỤ LỤC I to IV
HEAD_LINES = (
    "UBND TỈNH ĐỒNG THÁP",
    "SỞ CÔNG THƯƠNG",
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "Đồng Tháp, ngày 05 tháng 01 năm 2025",
)


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The five 2024 documents as PDF files, converted in one LibreOffice run."""
    folder = tmp_path_factory.mktemp("pdf")
    dataset = load_checked(ROOT / "data", check)
    when = datetime(2025, 1, 5, 8, 0)
    for code in DOCUMENTS:
        if code == "par":
            report = build_par(dataset, 2024, issued=ISSUED, commit="abc1234", generated=when)
        else:
            period = report_period(code, 2024)
            report = build(dataset, period, issued=ISSUED, commit="abc1234", generated=when)
        data = render(report, "docx", dataset.root)
        assert isinstance(data, bytes)
        (folder / f"{code}.docx").write_bytes(data)
    profile = (folder / "profile").as_uri()  # never the user's: soffice runs may be parallel
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            *(str(folder / f"{code}.docx") for code in DOCUMENTS),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return {code: folder / f"{code}.pdf" for code in DOCUMENTS}


def pages(pdf: Path) -> list[list[str]]:
    """Each page's non-empty lines, spaces squeezed."""
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    return [
        [" ".join(line.split()) for line in page.splitlines() if line.strip()]
        for page in text.split("\f")
        if page.strip()
    ]


def sizes(pdf: Path, count: int) -> list[tuple[float, float]]:
    """Each page's width and height in points."""
    info = subprocess.run(
        ["pdfinfo", "-f", "1", "-l", str(count), str(pdf)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return [
        (float(w), float(h))
        for w, h in re.findall(r"^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", info, re.M)
    ]


@pytest.mark.parametrize("code", DOCUMENTS)
def test_every_page_head_line_stays_on_one_line(pdfs: dict[str, Path], code: str) -> None:
    first = pages(pdfs[code])[0]
    for line in HEAD_LINES:
        assert any(line in found for found in first[:6]), (line, first[:6])
    assert first[0] == "DỰ THẢO"


@pytest.mark.parametrize("code", DOCUMENTS)
def test_page_numbers_start_on_page_two_at_the_top(pdfs: dict[str, Path], code: str) -> None:
    found = pages(pdfs[code])
    assert not any(line.isdigit() for line in found[0])
    for number, page in enumerate(found[1:], start=2):
        assert page[0] == str(number), (number, page[:2])


@pytest.mark.parametrize("code", DOCUMENTS)
def test_appendices_are_landscape_and_each_starts_a_page(pdfs: dict[str, Path], code: str) -> None:
    found = pages(pdfs[code])
    shapes = sizes(pdfs[code], len(found))
    starts = {page[1]: i for i, page in enumerate(found) if page[1].startswith("PHỤ LỤC")}
    assert list(starts) == APPENDICES.get(
        code, ["PHỤ LỤC I", "PHỤ LỤC II", "PHỤ LỤC III", "PHỤ LỤC IV"]
    )
    first = min(starts.values())
    assert all(w < h for w, h in shapes[:first]), "the body is portrait"
    assert all(w > h for w, h in shapes[first:]), "the appendices are landscape"
    for index in starts.values():
        assert found[index][3].startswith("(Kèm theo Báo cáo số")


@pytest.mark.parametrize("code", DOCUMENTS)
def test_nothing_of_the_tracker_on_any_page(pdfs: dict[str, Path], code: str) -> None:
    text = "\n".join(line for page in pages(pdfs[code]) for line in page)
    for word in ("cchc", "commit", "abc1234", "sắp đến hạn", "bình quân", " %", "≤"):
        assert word not in text, word
