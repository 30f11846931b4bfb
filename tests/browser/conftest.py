"""Real-browser harness: one ``streamlit run`` per session, headless Debian Chromium.

- The app runs on a free port of 127.0.0.1; the fixture waits on ``/_stcore/health``
  (a bounded loop whose only pause is waiting on the server process itself).
- Chromium is Debian's ``/usr/bin/chromium`` (never a downloaded browser), driven by
  Playwright's sync API. Missing: the tests skip, or fail when ``CI`` is set.
- Every test gets a fresh browser context whose :class:`Traffic` records every request
  the page makes, the component iframe's included, and every uncaught JS error. Requests
  to any other host are aborted, as in a meeting room with no internet.
- On failure the server log is attached to the report.

No sleeps, no retries: waits are Playwright's auto-waiting ``expect``.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page, Playwright, Request, expect, sync_playwright

from smartcity_geo import settings
from ui.chrome import BASE_CSS

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path(settings.get("chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",  # else Chromium calls Google hosts on its own
    "--disable-component-update",
    "--disable-sync",
]
LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost"})
STARTUP_TIMEOUT_S = 90.0
EXPECT_TIMEOUT_MS = 30_000  # first run loads the data pack and builds the map
LOG_TAIL_LINES = 200

expect.set_options(timeout=EXPECT_TIMEOUT_MS)


# --------------------------------------------------------------------------------------
# The app server


@dataclass
class AppServer:
    url: str  # http://127.0.0.1:<port>, no trailing slash
    log_path: Path
    process: subprocess.Popen

    def log(self, tail: int | None = LOG_TAIL_LINES) -> str:
        try:
            lines = self.log_path.read_text(encoding="utf-8", errors="replace").splitlines()
        except OSError as err:
            return f"(server log unreadable: {err})"
        return "\n".join(lines[-tail:] if tail else lines)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
            return response.status == 200
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return False


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@contextlib.contextmanager
def run_app(log_dir: Path, script: str = "serve.py") -> Iterator[AppServer]:
    """Start ``streamlit run <script>`` on a free port (``serve.py``, as the README starts the dashboard); yield once it is healthy."""
    port = _free_port()
    log_path = log_dir / "server.log"
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        script,
        "--server.port",
        str(port),
        "--server.address",
        "127.0.0.1",
        "--server.headless",
        "true",
        "--server.fileWatcherType",
        "none",
        "--browser.gatherUsageStats",
        "false",
    ]
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    with log_path.open("w", encoding="utf-8") as log:
        process = subprocess.Popen(command, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, env=env)
    server = AppServer(url=f"http://127.0.0.1:{port}", log_path=log_path, process=process)
    deadline = time.monotonic() + STARTUP_TIMEOUT_S
    try:
        while not _healthy(server.url):
            # The pause between probes is a bounded wait on the process: it returns early,
            # with an error, if the server exits.
            try:
                code = process.wait(timeout=0.2)
            except subprocess.TimeoutExpired:
                code = None
            if code is not None:
                pytest.fail(
                    f"streamlit exited with code {code} before it was healthy.\n"
                    f"Command: {' '.join(command)}\nServer log:\n{server.log(None)}"
                )
            if time.monotonic() > deadline:
                pytest.fail(
                    f"streamlit was not healthy on {server.url}/_stcore/health after "
                    f"{STARTUP_TIMEOUT_S:.0f} s.\nServer log:\n{server.log(None)}"
                )
        yield server
    finally:
        _stop(process)


@pytest.fixture(scope="session")
def artifacts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where screenshots go: ``SMARTCITY_ARTIFACTS`` when set (CI keeps them), else pytest's tmp dir.

    Never the working tree: a test run leaves the checkout as it found it.
    """
    chosen = settings.get("artifacts")
    if not chosen:
        return tmp_path_factory.mktemp("artifacts")
    path = Path(chosen)
    path.mkdir(parents=True, exist_ok=True)
    return path


@pytest.fixture(scope="session")
def app_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[AppServer]:
    with run_app(tmp_path_factory.mktemp("streamlit")) as server:
        yield server


@pytest.fixture
def fresh_server(tmp_path: Path) -> Iterator[AppServer]:
    """A server of its own that has served no page yet (what a shared link meets first)."""
    with run_app(tmp_path) as server:
        yield server


@pytest.fixture
def server_with(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[dict[str, str]], AppServer]]:
    """A factory: ``server_with({"NAME": "value"}, script)`` starts a server of its own with those variables set."""
    with contextlib.ExitStack() as stack:

        def start(env: dict[str, str], script: str = "serve.py") -> AppServer:
            for name, value in env.items():
                monkeypatch.setenv(name, value)
            return stack.enter_context(run_app(tmp_path, script))

        yield start


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    """Attach the server log, foreign requests and JS errors to a failing test's report."""
    outcome = yield
    report = outcome.get_result()
    if not report.failed:
        return
    funcargs = getattr(item, "funcargs", {})
    traffic = funcargs.get("traffic")
    if isinstance(traffic, Traffic) and (traffic.foreign() or traffic.js_errors):
        lines = [f"{kind:10} {url}  (from {frame})" for url, kind, frame in traffic.foreign()]
        lines += [f"JS error   {err}" for err in traffic.js_errors]
        report.sections.append(("requests to other hosts, JS errors", "\n".join(lines)))
    server = funcargs.get("app_server") or funcargs.get("fresh_server")
    if isinstance(server, AppServer):
        report.sections.append(("streamlit server log (tail)", server.log()))


# --------------------------------------------------------------------------------------
# The browser


@pytest.fixture(scope="session")
def chromium() -> Path:
    if CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK):
        return CHROMIUM
    message = f"no Chromium at {CHROMIUM}: install Debian's chromium (apt-get install chromium)"
    if settings.get("ci"):
        pytest.fail(f"CI is set and the browser tests cannot run: {message}", pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="session")
def playwright_driver() -> Iterator[Playwright]:
    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="session")
def browser(chromium: Path, playwright_driver: Playwright) -> Iterator[Browser]:
    # NOTE: launch() gives Chromium a fresh temporary --user-data-dir of its own (and
    # refuses one in args), so every session starts from an empty profile.
    instance = playwright_driver.chromium.launch(executable_path=str(chromium), headless=True, args=CHROMIUM_ARGS)
    yield instance
    instance.close()


@dataclass
class Traffic:
    """Everything the page asked the network for, and every uncaught JS error."""

    requests: list[tuple[str, str, str]] = field(default_factory=list)  # (url, resource type, frame url)
    websockets: list[str] = field(default_factory=list)
    js_errors: list[str] = field(default_factory=list)

    def record(self, request: Request) -> None:
        frame_url = ""
        try:
            frame_url = request.frame.url
        except Exception:  # noqa: BLE001 - a service-worker request has no frame; keep the URL anyway
            frame_url = "(no frame)"
        self.requests.append((request.url, request.resource_type, frame_url))

    def foreign(self, allowed_hosts: frozenset[str] = frozenset()) -> list[tuple[str, str, str]]:
        """Requests and websockets to any host but the app's own (and ``allowed_hosts``)."""
        hosts = LOCAL_HOSTS | allowed_hosts
        found = [r for r in self.requests if not _is_local(r[0], hosts)]
        found += [(url, "websocket", "") for url in self.websockets if not _is_local(url, hosts)]
        return found

    def assert_only_local(self, allowed_hosts: frozenset[str] = frozenset()) -> None:
        """The "must NOT happen" check: nothing left this machine."""
        assert self.requests, "no request was recorded at all: the recorder is not attached"
        foreign = self.foreign(allowed_hosts)
        assert not foreign, "the page sent requests to other hosts:\n" + "\n".join(
            f"  {kind:10} {url}  (from {frame})" for url, kind, frame in foreign
        )

    def assert_no_js_errors(self) -> None:
        assert not self.js_errors, "uncaught JavaScript errors:\n" + "\n".join(self.js_errors)


def _is_local(url: str, hosts: frozenset[str] = LOCAL_HOSTS) -> bool:
    parts = urlsplit(url)
    if parts.scheme in ("data", "blob", "about", "chrome-error"):
        return True
    return (parts.hostname or "") in hosts


@pytest.fixture
def traffic() -> Traffic:
    return Traffic()


#: The meeting room's two screens: the 1366x768 projector and the 1920x1080 display.
PROJECTOR = {"width": 1366, "height": 768}
FULL_HD = {"width": 1920, "height": 1080}


@pytest.fixture
def viewport() -> dict[str, int]:
    """The browser window's size; a test parametrizes ``viewport`` to try another screen."""
    return FULL_HD


@pytest.fixture
def page(browser: Browser, app_server: AppServer, traffic: Traffic, viewport: dict[str, int]) -> Iterator[Page]:
    context = browser.new_context(viewport=viewport, locale="id-ID")
    context.set_default_timeout(EXPECT_TIMEOUT_MS)
    # Offline, as in the meeting room: anything not for this machine is refused at once.
    context.route(lambda url: not _is_local(url), lambda route: route.abort("internetdisconnected"))
    page = context.new_page()
    page.on("request", traffic.record)
    page.on("websocket", lambda ws: traffic.websockets.append(ws.url))
    page.on("pageerror", lambda err: traffic.js_errors.append(f"{err.name}: {err.message}"))
    yield page
    context.close()


# A rule of our own stylesheet (ui.chrome.BASE_CSS, sent in a Markdown element): once it is in the
# page, the captions have their AA colour. Streamlit renders that element about 0.2 s after the
# run is over; an accessibility check in between measures Streamlit's own 4.16:1 caption grey.
_OUR_RULE = next(line for line in BASE_CSS.splitlines() if "stCaptionContainer" in line)
_STYLED_JS = f"() => [...document.querySelectorAll('style')].some((s) => s.textContent.includes({_OUR_RULE!r}))"


def wait_until_settled(page: Page) -> None:
    """The run is over, no element is left faded as stale, and our stylesheet is in effect."""
    expect(page.get_by_test_id("stApp")).to_have_attribute("data-test-script-state", "notRunning")
    expect(page.locator('[data-stale="true"]')).to_have_count(0)
    page.wait_for_function(_STYLED_JS)
