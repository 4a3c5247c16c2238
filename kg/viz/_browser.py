"""Open pages in headless Chromium over the DevTools protocol (stdlib only; tests and benchmarks).

Chromium runs with ``--remote-debugging-pipe``: it reads JSON messages, each ending in a NUL
byte, from file descriptor 3 and writes its own to descriptor 4. That needs no websocket client
and no extra package. Every request for anything but ``file:`` or ``data:`` is failed and
recorded, and host names resolve to nothing, so a page that tries to reach the network is caught.
"""

from __future__ import annotations

import base64
import json
import os
import select
import shutil
import subprocess
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.errors import KGError

#: Debian's package (what .ci/run installs); other names are looked up on PATH.
CHROMIUM = "/usr/bin/chromium"
_OTHER_NAMES = ("chromium", "chromium-browser", "google-chrome")

#: Flags that work on our build machines (performance.md §3.2), plus no name resolution at all.
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-extensions",
    "--mute-audio",
    "--host-resolver-rules=MAP * ~NOTFOUND",
    "--remote-debugging-pipe",
)

_LOCAL_SCHEMES = ("file:", "data:", "about:", "blob:")


class BrowserError(KGError):
    """Chromium could not be started, or a page did not get ready in time."""


@dataclass(slots=True)
class PageReport:
    """What happened while a page loaded.

    Attributes:
        url: the page.
        load_s: seconds from navigation to the ``load`` event.
        ready_s: seconds from navigation until ``window.kgViz.ready`` was true (wall clock).
        page_ready_ms: the page's own ``performance.now()`` at ready (ms since navigation start).
        console_errors: console errors, uncaught exceptions and error log entries.
        network_requests: every request for something that is not ``file:``/``data:``.
        values: the JSON value of the ``probe`` expression, evaluated once the page was ready.
        interaction: what the ``interact`` callback returned.
        screenshot: where the screenshot was saved, if one was asked for.
    """

    url: str
    load_s: float = 0.0
    ready_s: float = 0.0
    page_ready_ms: float | None = None
    console_errors: list[str] = field(default_factory=list)
    network_requests: list[str] = field(default_factory=list)
    values: Any = None
    interaction: Any = None
    screenshot: Path | None = None


def find_chromium() -> str | None:
    """Return the Chromium executable: Debian's ``/usr/bin/chromium``, else one on PATH."""
    if Path(CHROMIUM).exists():
        return CHROMIUM
    return next((found for name in _OTHER_NAMES if (found := shutil.which(name))), None)


def chromium_available() -> bool:
    """Return True when there is a Chromium to drive."""
    return find_chromium() is not None


class Chromium:
    """A headless Chromium process driven over a DevTools pipe; use as a context manager."""

    def __init__(
        self, *, executable: str | None = None, width: int = 1280, height: int = 900
    ) -> None:
        """Prepare (not start) a browser with a viewport of ``width`` x ``height``."""
        self.executable = executable or find_chromium() or CHROMIUM
        self.width = width
        self.height = height
        self._proc: subprocess.Popen[bytes] | None = None
        self._profile: str | None = None
        self._to_chrome = -1
        self._from_chrome = -1
        self._buffer = b""
        self._next_id = 0
        self._events: list[dict[str, Any]] = []
        self._seen: list[dict[str, Any]] = []
        self._blocked: list[str] = []

    def __enter__(self) -> Chromium:
        """Start Chromium."""
        self._profile = tempfile.mkdtemp(prefix="kg-chromium-")
        child_in, self._to_chrome = os.pipe()
        self._from_chrome, child_out = os.pipe()
        # keep the child's ends away from 3 and 4 so that dup2 cannot clobber them
        high_in = os.dup2(child_in, 100, inheritable=False)
        high_out = os.dup2(child_out, 101, inheritable=False)
        os.close(child_in)
        os.close(child_out)

        def _wire_pipe() -> None:  # runs in the child, between fork and exec
            os.dup2(high_in, 3)
            os.dup2(high_out, 4)

        args = [
            self.executable,
            *CHROMIUM_FLAGS,
            f"--user-data-dir={self._profile}",
            f"--window-size={self.width},{self.height}",
            "about:blank",
        ]
        try:
            self._proc = subprocess.Popen(
                args,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                close_fds=False,  # our fds are close-on-exec; 3 and 4 must survive
                preexec_fn=_wire_pipe,
            )
        except OSError as exc:
            self._cleanup()
            raise BrowserError(f"cannot start {self.executable!r}: {exc.strerror}") from exc
        finally:
            os.close(high_in)
            os.close(high_out)
        self.call("Target.getTargets", timeout=30)
        return self

    def __exit__(self, *exc_info: object) -> None:
        """Close the browser and remove its profile directory."""
        if self._proc is not None and self._proc.poll() is None:
            try:
                self._send("Browser.close", {})
                self._proc.wait(timeout=10)
            except (OSError, subprocess.TimeoutExpired):
                self._proc.kill()
                self._proc.wait(timeout=10)
        self._cleanup()

    def _cleanup(self) -> None:
        for fd in (self._to_chrome, self._from_chrome):
            if fd >= 0:
                os.close(fd)
        self._to_chrome = self._from_chrome = -1
        if self._profile:
            shutil.rmtree(self._profile, ignore_errors=True)
            self._profile = None

    # -- protocol -------------------------------------------------------------------------

    def _send(self, method: str, params: dict[str, Any], session: str | None = None) -> int:
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method, "params": params}
        if session:
            message["sessionId"] = session
        data = json.dumps(message).encode("utf-8") + b"\0"
        while data:
            written = os.write(self._to_chrome, data)
            data = data[written:]
        return self._next_id

    def _read(self, timeout: float) -> dict[str, Any] | None:
        """Return the next message, or None when none arrived within ``timeout`` seconds."""
        while b"\0" not in self._buffer:
            ready, _, _ = select.select([self._from_chrome], [], [], max(timeout, 0.0))
            if not ready:
                return None
            chunk = os.read(self._from_chrome, 1 << 20)
            if not chunk:
                raise BrowserError("Chromium closed the DevTools pipe (did it crash?)")
            self._buffer += chunk
        raw, self._buffer = self._buffer.split(b"\0", 1)
        message: dict[str, Any] = json.loads(raw)
        return message

    def call(
        self,
        method: str,
        params: dict[str, Any] | None = None,
        *,
        session: str | None = None,
        timeout: float = 60.0,
    ) -> dict[str, Any]:
        """Send one command and return its result; events seen meanwhile are kept."""
        wanted = self._send(method, params or {}, session)
        deadline = time.monotonic() + timeout
        while True:
            message = self._read(deadline - time.monotonic())
            if message is None:
                raise BrowserError(f"no answer to {method} within {timeout:.0f} s")
            if message.get("id") == wanted:
                if "error" in message:
                    raise BrowserError(f"{method} failed: {message['error'].get('message')}")
                result: dict[str, Any] = message.get("result", {})
                return result
            if "method" in message:
                self._on_event(message)

    def _on_event(self, message: dict[str, Any]) -> None:
        """Answer paused requests at once (navigation waits for them); keep other events."""
        if message.get("method") != "Fetch.requestPaused":
            self._events.append(message)
            return
        params, session = message["params"], message.get("sessionId")
        request_url = params["request"]["url"]
        if request_url.startswith(_LOCAL_SCHEMES):
            self._send("Fetch.continueRequest", {"requestId": params["requestId"]}, session)
            return
        self._blocked.append(request_url)
        self._send(
            "Fetch.failRequest",
            {"requestId": params["requestId"], "errorReason": "BlockedByClient"},
            session,
        )

    def _pump(self, seconds: float) -> None:
        deadline = time.monotonic() + seconds
        while (message := self._read(deadline - time.monotonic())) is not None:
            if "method" in message:
                self._on_event(message)

    def evaluate(self, session: str, expression: str, *, timeout: float = 60.0) -> Any:
        """Evaluate a JavaScript expression in the page; return its JSON value."""
        result = self.call(
            "Runtime.evaluate",
            {"expression": expression, "returnByValue": True, "awaitPromise": True},
            session=session,
            timeout=timeout,
        )
        if "exceptionDetails" in result:
            raise BrowserError(f"page script failed: {_exception_text(result['exceptionDetails'])}")
        return result.get("result", {}).get("value")

    # -- pages ----------------------------------------------------------------------------

    def open_page(
        self,
        url: str,
        *,
        ready: str = "Boolean(window.kgViz && window.kgViz.ready)",
        probe: str | None = None,
        interact: Callable[[Chromium, str], Any] | None = None,
        screenshot: Path | None = None,
        timeout: float = 120.0,
    ) -> PageReport:
        """Load ``url`` in a fresh tab, wait until ``ready`` is true, and report.

        Args:
            url: the page (``file://`` for kg's pages).
            ready: JavaScript expression that is true once the page is ready.
            probe: JavaScript expression evaluated after ready; its value goes to ``values``.
            interact: called with (this browser, session id) after the probe, before the
                screenshot, to drive the page (``call("Input.dispatchMouseEvent", …)``).
            screenshot: write a PNG of the viewport here.
            timeout: seconds to wait for ready.

        Raises:
            BrowserError: the page did not get ready within ``timeout`` seconds.
        """
        self._events.clear()
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.call("Target.attachToTarget", {"targetId": target, "flatten": True})[
            "sessionId"
        ]
        report = PageReport(url=url)
        try:
            self._prepare(session)
            start = time.monotonic()
            self.call("Page.navigate", {"url": url}, session=session)
            deadline = start + timeout
            loaded = False
            while True:
                self._handle_events(session, report)
                if not loaded and any(e.get("method") == "Page.loadEventFired" for e in self._seen):
                    loaded = True
                    report.load_s = time.monotonic() - start
                if loaded and self.evaluate(session, ready):
                    report.ready_s = time.monotonic() - start
                    break
                if time.monotonic() > deadline:
                    raise BrowserError(f"{url} was not ready within {timeout:.0f} s")
                self._pump(0.05)
            report.page_ready_ms = self.evaluate(
                session, "window.kgViz ? (window.kgViz.readyAt || null) : null"
            )
            if probe:
                report.values = self.evaluate(session, probe)
            if interact is not None:
                report.interaction = interact(self, session)
            self._pump(0.2)  # late errors (e.g. from a first redraw) still count
            self._handle_events(session, report)
            report.network_requests.extend(self._blocked)
            if screenshot is not None:
                shot = self.call("Page.captureScreenshot", {"format": "png"}, session=session)
                screenshot.write_bytes(base64.b64decode(shot["data"]))
                report.screenshot = screenshot
        finally:
            self.call("Target.closeTarget", {"targetId": target})
        return report

    def _prepare(self, session: str) -> None:
        self._seen = []
        self._blocked = []
        for method in ("Page.enable", "Runtime.enable", "Log.enable", "Network.enable"):
            self.call(method, session=session)
        self.call("Fetch.enable", {"patterns": [{"urlPattern": "*"}]}, session=session)
        self.call(
            "Emulation.setDeviceMetricsOverride",
            {"width": self.width, "height": self.height, "deviceScaleFactor": 1, "mobile": False},
            session=session,
        )

    def _handle_events(self, session: str, report: PageReport) -> None:
        events, self._events = self._events, []
        for event in events:
            if event.get("sessionId") != session:
                continue
            self._seen.append(event)
            method, params = event.get("method"), event.get("params", {})
            if method == "Network.requestWillBeSent":
                request_url = params["request"]["url"]
                if not request_url.startswith(_LOCAL_SCHEMES):
                    report.network_requests.append(request_url)
            elif method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
                texts = [str(a.get("value", a.get("description", ""))) for a in params["args"]]
                report.console_errors.append("console: " + " ".join(texts))
            elif method == "Runtime.exceptionThrown":
                report.console_errors.append(
                    "exception: " + _exception_text(params["exceptionDetails"])
                )
            elif method == "Log.entryAdded" and params["entry"].get("level") == "error":
                entry = params["entry"]
                report.console_errors.append(f"log: {entry.get('text')} {entry.get('url', '')}")


def _exception_text(details: dict[str, Any]) -> str:
    exception = details.get("exception", {})
    return str(exception.get("description") or details.get("text") or details)
