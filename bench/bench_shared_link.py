"""Time until a shared link shows every chart, opened in a new browser on a warm server.

Three servers, started side by side and measured interleaved in one run:

- ``floor``: a bare Streamlit script with one Plotly chart (what Streamlit itself costs a new
  browser: its front end, the websocket, its 4.7 MB Plotly chunk);
- ``dashboard.py``: ``streamlit run dashboard.py`` (Streamlit's own server, files uncompressed);
- ``serve.py``: ``streamlit run serve.py`` (the README's command), the same dashboard behind the
  security headers, :class:`smartcity_geo.compress.CompressStatic` (Streamlit's files
  gzip-compressed once) and :class:`smartcity_geo.preload.PreloadChunk` (a chart screen loads
  Plotly with the page).

Each server's screens are opened once first (the warm server the meeting room meets); then, for
``--runs`` rounds, each link is opened in a fresh browser context (a new browser: no cache, no
session) on each server in turn, timed from navigation to the moment every chart on the
first screen has drawn its plot (each ``stPlotlyChart`` holds a Plotly SVG with its bars or
lines; a screen whose charts are all below the first screen is scrolled to the first).

``--mbps N`` throttles the browser's network to N megabits per second down (and a 40 ms
round trip) with Chromium's own network emulation: an assessor opening the link from
outside, or a meeting room's shared connection. Without it the link is on loopback.

Prints per link and server the median and slowest, the bytes the browser received, and the
ratio to the floor; PASS/FAIL for the target (issue 18: every chart within 3 s, on ``serve.py``,
the server the README starts; ``dashboard.py`` is printed beside it for comparison). Exits 0 either way; ``--assert`` exits 1 on FAIL.

Needs Debian's ``/usr/bin/chromium`` (as the browser tests).

    python bench/bench_shared_link.py [--runs 3] [--mbps 10] [--assert]
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("SMARTCITY_CHROMIUM", "/usr/bin/chromium")
TARGET_S = 3.0
LINKS = ("indicators", "budget", "kelurahan", "indicators?lang=en&mode=present")
# Every chart on the screen has drawn: as many plots with data as chart elements, at least one.
DRAWN_JS = """() => {
  const all = [...document.querySelectorAll('[data-testid="stPlotlyChart"]')];
  if (!all.length) return false;
  const shown = all.filter((c) => { const r = c.getBoundingClientRect(); return r.height > 0 && r.top < window.innerHeight; });
  if (!shown.length) { all[0].scrollIntoView(); return false; }  // the first chart below the fold: scroll to it
  return shown.every((c) => c.querySelector('.main-svg g.trace'));
}"""


FLOOR_APP = """import plotly.graph_objects as go
import streamlit as st

st.title("Floor")
st.plotly_chart(go.Figure(go.Bar(x=["a", "b", "c"], y=[1, 3, 2])))
"""
# Bytes the browser received for the page (the document and every file, as sent: compressed or not).
RECEIVED_JS = """() => performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource'))
  .reduce((n, e) => n + (e.transferSize || 0), 0)"""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_healthy(url: str, process: subprocess.Popen, timeout: float = 90.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        if process.poll() is not None:
            raise SystemExit(f"streamlit exited with {process.returncode}")
        time.sleep(0.3)
    raise SystemExit("streamlit did not become healthy")


def _serve(script: str, log) -> tuple[subprocess.Popen, str]:
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", script, "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.headless", "true", "--server.fileWatcherType", "none",
         "--browser.gatherUsageStats", "false"],
        cwd=ROOT, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    _wait_healthy(url, process)
    return process, url


def _open(browser, url: str, mbps: float | None, timeout_ms: int = 60_000) -> tuple[float, int]:
    """Seconds until every chart on the first screen is drawn, and the bytes received meanwhile."""
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    page = context.new_page()
    if mbps:
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        rate = mbps * 1_000_000 / 8  # bytes per second
        cdp.send(
            "Network.emulateNetworkConditions",
            {"offline": False, "latency": 40, "downloadThroughput": rate, "uploadThroughput": rate / 4},
        )
    start = time.perf_counter()
    page.goto(url)
    page.wait_for_function(DRAWN_JS, timeout=timeout_ms)
    elapsed = time.perf_counter() - start
    received = page.evaluate(RECEIVED_JS)
    context.close()
    return elapsed, received


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--mbps", type=float, default=None, help="throttle the browser's network (megabits/s down)")
    parser.add_argument("--assert", dest="check", action="store_true")
    args = parser.parse_args()
    where = f"{args.mbps:g} Mbit/s, 40 ms" if args.mbps else "loopback"
    print(f"shared link: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}, network {where}")
    results: dict[tuple[str, str], list[tuple[float, int]]] = {}
    with tempfile.TemporaryDirectory() as tmp, tempfile.TemporaryFile() as log:
        floor = Path(tmp) / "floor.py"
        floor.write_text(FLOOR_APP, encoding="utf-8")
        servers = {name: _serve(script, log) for name, script in
                   (("floor", str(floor)), ("dashboard.py", "dashboard.py"), ("serve.py", "serve.py"))}  # fmt: skip
        links = {"floor": ("",), "dashboard.py": LINKS, "serve.py": LINKS}
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
                for name, (_, url) in servers.items():  # warm each server: each screen served once
                    for link in links[name]:
                        _open(browser, f"{url}/{link}", None, timeout_ms=180_000)
                for _ in range(args.runs):
                    for link in LINKS:
                        for name, (_, url) in servers.items():
                            target = links[name][0] if name == "floor" else link
                            results.setdefault((name, target), []).append(_open(browser, f"{url}/{target}", args.mbps))
                browser.close()
        finally:
            for process, _ in servers.values():
                process.terminate()
                process.wait(timeout=20)
    return _report(results, args.check)


def _report(results: dict[tuple[str, str], list[tuple[float, int]]], check: bool) -> int:
    floor = statistics.median(t for t, _ in results[("floor", "")])
    worst = 0.0
    print(f"{'server':13} {'link':36} {'median':>7} {'slowest':>8} {'received':>9} {'/ floor':>8}")
    for (name, link), runs in results.items():
        times = [t for t, _ in runs]
        if name == "serve.py":
            worst = max(worst, max(times))
        received = statistics.median(b for _, b in runs) / 1e6
        print(f"{name:13} /{link:35} {statistics.median(times):6.2f}s {max(times):7.2f}s {received:7.2f}MB "
              f"{statistics.median(times) / floor:7.2f}x")  # fmt: skip
    verdict = "PASS" if worst <= TARGET_S else "FAIL"
    print(f"{verdict}: slowest {worst:.2f} s on serve.py (target {TARGET_S:.0f} s, every chart drawn, "
          "new browser, warm server)")  # fmt: skip
    return 1 if check and verdict == "FAIL" else 0


if __name__ == "__main__":
    sys.exit(main())
