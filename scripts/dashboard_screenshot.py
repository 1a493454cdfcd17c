"""Write docs/tong-quan.png: the dashboard page of the shipped data, as headless Chromium draws it.

    python scripts/dashboard_screenshot.py [--as-of 31/12/2025] [--width 1100]

The page is rendered by `cchc status --format html` from the repository's data/ folder, then
loaded offline in the Debian ``chromium`` (see tests/browser.py); the script fails if the
page makes any request or logs any error. Run it again when the page changes, and look at
the picture before committing it.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.browser import Browser, chromium  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--as-of", default="31/12/2025")
    parser.add_argument("--width", type=int, default=1100)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "tong-quan.png")
    args = parser.parse_args()
    executable = chromium()
    if executable is None:
        sys.exit("chromium is not installed (apt-get install chromium)")
    with tempfile.TemporaryDirectory() as scratch:
        page = Path(scratch) / "tong-quan.html"
        cchc = [sys.executable, "-m", "cchc_cli", "--data", str(ROOT), "status"]
        subprocess.run(
            [*cchc, "--as-of", args.as_of, "--format", "html", "--output", str(page)],
            check=True,
        )
        # The long lists are laid out only when scrolled to (content-visibility: auto): lay
        # them out now, or the picture shows blank space where they are.
        show = (
            "document.querySelectorAll('.list')"
            ".forEach(e => e.style.contentVisibility = 'visible'); true"
        )
        with Browser(executable) as browser:
            visit = browser.load(
                page, width=args.width, screenshot=args.out, evaluate={"lists": show}
            )
    if visit.failed or visit.errors or visit.requests != [page.resolve().as_uri()]:
        sys.exit(f"the page misbehaved: {visit}")
    print(f"{args.out}: {visit.width}×{visit.height}")


if __name__ == "__main__":
    main()
