"""Time until a shared link shows every chart, opened in a new browser on a warm server.

Starts ``streamlit run dashboard.py`` on a free port, opens each screen once (the warm
server the meeting room meets), then opens each link ``--runs`` times in a fresh browser
context (a new browser: no cache, no session) and measures from navigation to the moment
every chart on the screen has drawn its plot (each ``stPlotlyChart`` holds a Plotly SVG with
its bars or lines); a chart below the fold is drawn when scrolled to, so the charts on the
first screen count; a screen whose charts are all below it is scrolled to the first). Prints the median and the slowest per link, PASS/FAIL for the target
(3 s, issue 18). Exits 0 either way; ``--assert`` exits 1 on FAIL.

Needs Debian's ``/usr/bin/chromium`` (as the browser tests).

    python bench/bench_shared_link.py [--runs 3] [--assert]
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


def _open(browser, url: str, timeout_ms: int = 60_000) -> float:
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    page = context.new_page()
    start = time.perf_counter()
    page.goto(url)
    page.wait_for_function(DRAWN_JS, timeout=timeout_ms)
    elapsed = time.perf_counter() - start
    context.close()
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--assert", dest="check", action="store_true")
    args = parser.parse_args()
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "dashboard.py", "--server.port", str(port),
             "--server.address", "127.0.0.1", "--server.headless", "true", "--server.fileWatcherType", "none",
             "--browser.gatherUsageStats", "false"],
            cwd=ROOT, stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip
        try:
            _wait_healthy(url, process)
            worst = 0.0
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
                for link in LINKS:  # warm the server: each screen served once
                    _open(browser, f"{url}/{link}", timeout_ms=180_000)
                for link in LINKS:
                    times = [_open(browser, f"{url}/{link}") for _ in range(args.runs)]
                    worst = max(worst, max(times))
                    print(f"/{link:40} median {statistics.median(times):5.2f} s  slowest {max(times):5.2f} s")
                browser.close()
        finally:
            process.terminate()
            process.wait(timeout=20)
    verdict = "PASS" if worst <= TARGET_S else "FAIL"
    print(f"{verdict}: slowest {worst:.2f} s (target {TARGET_S:.0f} s, every chart drawn, new browser, warm server)")
    return 1 if args.check and verdict == "FAIL" else 0


if __name__ == "__main__":
    sys.exit(main())
