"""The tests of real file permissions, run as the user nobody when the suite runs as root.

Root reads and writes everything, so a test that takes a permission away passes for the
wrong reason or not at all as root; CI machines run as root. Rather than let such tests
rot unseen behind a skip, this test runs every test marked ``unprivileged`` again, as the
user nobody (``setpriv``), and requires all of them to pass.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from tests.conftest import AS_ROOT

ROOT = Path(__file__).resolve().parents[1]
NOBODY = ["--reuid=65534", "--regid=65534", "--clear-groups"]


@pytest.mark.skipif(os.name != "posix", reason="POSIX users and permissions")
@pytest.mark.skipif(not AS_ROOT, reason="not root: the unprivileged tests ran in this run")
def test_the_permission_tests_pass_as_an_unprivileged_user(request: pytest.FixtureRequest) -> None:
    marked = [i for i in request.session.items if i.get_closest_marker("unprivileged")]
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("setpriv (util-linux) is not installed")
    base = Path(tempfile.mkdtemp(prefix="cchc-nobody-"))
    try:
        base.chmod(0o777)
        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": str(base),
            "PYTHONDONTWRITEBYTECODE": "1",
            "HYPOTHESIS_PROFILE": "ci",
            "LANG": "C.UTF-8",
        }
        command = [setpriv, *NOBODY, sys.executable]
        probe = subprocess.run(
            [*command, "-c", "import cchc_cli, pytest"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        if probe.returncode != 0:
            pytest.skip(f"the user nobody cannot run this Python: {probe.stderr[-300:]}")
        done = subprocess.run(
            [
                *command,
                *("-m", "pytest", "-q", "-p", "no:cacheprovider", "-m", "unprivileged"),
                f"--basetemp={base / 'tmp'}",
                "tests",
            ],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=False,
            timeout=600,
        )
    finally:
        shutil.rmtree(base, ignore_errors=True)
    output = done.stdout + done.stderr
    assert done.returncode == 0, output
    summary = output.strip().splitlines()[-1]
    # Every marked test passed there, none was skipped; this run collected at least those.
    passed = re.search(r"\b(\d+) passed", summary)
    assert passed is not None and int(passed.group(1)) >= max(len(marked), 4), summary
    assert "skipped" not in summary and "failed" not in summary, output
