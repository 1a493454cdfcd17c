"""A small headless-Chromium driver over the DevTools protocol, with the standard library only.

Chromium is the Debian ``chromium`` package (never a browser that downloads itself). It is
started with ``--remote-debugging-pipe``: DevTools messages are NUL-terminated JSON on file
descriptors 3 (to the browser) and 4 (from it), so no websocket library is needed. Each run
gets a fresh profile folder, and the network is off three times over: the page is emulated
offline, every host resolves to nothing, and a dead proxy is set.

`load` opens a file, waits for it to be drawn, and returns what happened: every request,
every failed one, every console message and uncaught exception, the time it took, and
optionally a full-page PNG. The browser tests (tests/test_status_browser.py), the
screenshot in docs/ (scripts/dashboard_screenshot.py) and the page benchmark
(benchmarks/page.py) all use it.
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import select
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--disable-default-apps",
    "--mute-audio",
    "--hide-scrollbars",
    "--host-resolver-rules=MAP * ~NOTFOUND",
    "--proxy-server=http://127.0.0.1:9",
    "--remote-debugging-pipe",
]
TIMEOUT = 30.0


def chromium() -> str | None:
    """The Chromium executable (``CCHC_CHROMIUM``, else ``chromium`` on the PATH), or None."""
    return os.environ.get("CCHC_CHROMIUM") or shutil.which("chromium")


@dataclass
class Visit:
    """What loading a page did."""

    requests: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    console: list[str] = field(default_factory=list)  # level: text, every level
    errors: list[str] = field(default_factory=list)  # console errors and exceptions
    drawn_ms: float = 0.0  # navigation start to the first frame after the load event
    width: int = 0
    height: int = 0
    title: str = ""
    values: dict[str, Any] = field(default_factory=dict)  # results of `evaluate`


class Browser:
    """One Chromium process and one page, driven over the DevTools pipe."""

    def __init__(self, executable: str) -> None:
        self._profile = tempfile.mkdtemp(prefix="cchc-chromium-")
        to_browser_r, self._to_browser = os.pipe()
        self._from_browser, from_browser_w = os.pipe()
        command = [executable, *FLAGS, f"--user-data-dir={self._profile}", "about:blank"]

        def pipe_ends() -> None:  # in the child: the browser reads fd 3 and writes fd 4
            reading, writing = os.dup(to_browser_r), os.dup(from_browser_w)
            os.dup2(reading, 3)
            os.dup2(writing, 4)

        # close_fds=False: the child's fds 3 and 4 are made after the fds would be closed;
        # Python's own fds are not inheritable, so nothing else leaks to the browser.
        self._process = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            close_fds=False,
            preexec_fn=pipe_ends,  # noqa: PLW1509 - two dup2 calls, no locks taken
        )
        os.close(to_browser_r)
        os.close(from_browser_w)
        self._buffer = b""
        self._next_id = 0
        self.events: list[dict[str, Any]] = []
        target = self.call("Target.createTarget", url="about:blank")["targetId"]
        attached = self.call("Target.attachToTarget", targetId=target, flatten=True)
        self._session = attached["sessionId"]

    # --- the pipe ---------------------------------------------------------------------------

    def _send(self, message: dict[str, Any]) -> None:
        os.write(self._to_browser, json.dumps(message).encode() + b"\0")

    def _receive(self, deadline: float) -> dict[str, Any]:
        while b"\0" not in self._buffer:
            if time.monotonic() > deadline:
                raise TimeoutError("Chromium did not answer in time")
            ready, _, _ = select.select([self._from_browser], [], [], deadline - time.monotonic())
            if not ready:
                continue
            chunk = os.read(self._from_browser, 1 << 20)
            if not chunk:
                raise ConnectionError("Chromium closed the DevTools pipe")
            self._buffer += chunk
        raw, _, self._buffer = self._buffer.partition(b"\0")
        found: dict[str, Any] = json.loads(raw)
        return found

    def call(self, method: str, session: bool = False, **params: Any) -> dict[str, Any]:
        """Send a command; return its result (events met meanwhile are kept in `events`)."""
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method, "params": params}
        if session:
            message["sessionId"] = self._session
        self._send(message)
        deadline = time.monotonic() + TIMEOUT
        while True:
            reply = self._receive(deadline)
            if reply.get("id") == self._next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                result: dict[str, Any] = reply.get("result", {})
                return result
            if "method" in reply:
                self.events.append(reply)

    def page(self, method: str, **params: Any) -> dict[str, Any]:
        return self.call(method, session=True, **params)

    def wait_for(self, method: str) -> dict[str, Any]:
        deadline = time.monotonic() + TIMEOUT
        while True:
            for event in self.events:
                if event["method"] == method:
                    return event
            reply = self._receive(deadline)
            if "method" in reply:
                self.events.append(reply)

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.call("Browser.close")
        with contextlib.suppress(subprocess.TimeoutExpired):
            self._process.wait(timeout=10)
        if self._process.poll() is None:
            self._process.kill()
            self._process.wait()
        for fd in (self._to_browser, self._from_browser):
            with contextlib.suppress(OSError):
                os.close(fd)
        shutil.rmtree(self._profile, ignore_errors=True)

    def __enter__(self) -> Browser:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- a visit ----------------------------------------------------------------------------

    def load(
        self,
        path: Path,
        *,
        width: int = 1280,
        height: int = 900,
        screenshot: Path | None = None,
        fragment: str = "",
        evaluate: dict[str, str] | None = None,
    ) -> Visit:
        """Open `path` offline at `width` CSS pixels, wait until it is drawn, report."""
        for domain in ("Page", "Runtime", "Log", "Network"):
            self.page(f"{domain}.enable")
        self.page(
            "Network.emulateNetworkConditions",
            offline=True,
            latency=0,
            downloadThroughput=-1,
            uploadThroughput=-1,
        )
        self.page(
            "Emulation.setDeviceMetricsOverride",
            width=width,
            height=height,
            deviceScaleFactor=1,
            mobile=width < 600,
        )
        # A blank page first: going to the same file with another fragment would otherwise
        # be a same-document navigation, without a load event.
        self.events.clear()
        self.page("Page.navigate", url="about:blank")
        self.wait_for("Page.loadEventFired")
        self.events.clear()
        url = path.resolve().as_uri() + (f"#{fragment}" if fragment else "")
        self.page("Page.navigate", url=url)
        self.wait_for("Page.loadEventFired")
        drawn = self.page(
            "Runtime.evaluate",
            expression="new Promise(r => requestAnimationFrame(() => "
            "requestAnimationFrame(() => r(performance.now()))))",
            awaitPromise=True,
            returnByValue=True,
        )
        visit = Visit(drawn_ms=float(drawn["result"]["value"]))
        for name, expression in (evaluate or {}).items():
            found = self.page("Runtime.evaluate", expression=expression, returnByValue=True)
            visit.values[name] = found["result"].get("value")
        metrics = self.page("Page.getLayoutMetrics")["cssContentSize"]
        visit.width, visit.height = int(metrics["width"]), int(metrics["height"])
        if screenshot is not None:
            shot = self.page(
                "Page.captureScreenshot",
                format="png",
                captureBeyondViewport=True,
                clip={"x": 0, "y": 0, "width": width, "height": visit.height, "scale": 1},
            )
            screenshot.write_bytes(base64.b64decode(shot["data"]))
        self._collect(visit)
        return visit

    def _collect(self, visit: Visit) -> None:
        for event in self.events:
            method, params = event["method"], event.get("params", {})
            if method == "Network.requestWillBeSent":
                visit.requests.append(params["request"]["url"])
            elif method == "Network.loadingFailed":
                visit.failed.append(f"{params.get('type')}: {params.get('errorText')}")
            elif method == "Runtime.consoleAPICalled":
                text = " ".join(str(a.get("value", a.get("description"))) for a in params["args"])
                visit.console.append(f"{params['type']}: {text}")
                if params["type"] in ("error", "assert"):
                    visit.errors.append(text)
            elif method == "Runtime.exceptionThrown":
                details = params["exceptionDetails"]
                visit.errors.append(str(details.get("exception", {}).get("description", details)))
            elif method == "Log.entryAdded":
                entry = params["entry"]
                visit.console.append(f"{entry['level']}: {entry['text']}")
                if entry["level"] == "error":
                    visit.errors.append(entry["text"])
