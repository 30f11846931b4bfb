"""Map screen: CPU per filter change (AppTest) and bytes per filter change (real websocket).

Run from the repository root::

    python bench/bench_map_render.py            # CPU, default layers and every layer + a measure
    python bench/bench_map_render.py --bytes    # also bytes over the websocket (starts a server, Chromium)

Ad-hoc figures, not asserted anywhere: CPU medians of 15 selection changes each, measured
with ``time.process_time`` around ``AppTest.run`` (so they include AppTest's own work);
bytes are the websocket frames the browser receives after choosing a kelurahan in the
sidebar, until the run is over.
"""

from __future__ import annotations

import argparse
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from streamlit.testing.v1 import AppTest  # noqa: E402

from smartcity_geo.registry import LAYER_KEYS  # noqa: E402

CODES = ["35.75.04.1005", "35.75.01.1001", "35.75.02.1003", "35.75.03.1002"]
EVERYTHING = {"layers": ",".join(LAYER_KEYS), "measure": "share_4g"}


def cpu_per_change(query: dict[str, str], rounds: int = 15) -> float:
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    for i in range(3):  # warm the caches
        at.multiselect(key="kel_sel").set_value([CODES[i % 4]]).run()
    cpu = []
    for i in range(rounds):
        start = time.process_time()
        at.multiselect(key="kel_sel").set_value([CODES[i % 4]]).run()
        cpu.append((time.process_time() - start) * 1000)
    if at.exception:
        raise SystemExit(f"the app raised: {at.exception}")
    return statistics.median(cpu)


def bytes_per_change(query: str, changes: int = 4) -> list[int]:
    from playwright.sync_api import sync_playwright

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            "dashboard.py",
            "--server.headless",
            "true",
            "--server.port",
            str(port),
            "--browser.gatherUsageStats",
            "false",
        ],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.STDOUT,
    )
    try:
        for _ in range(90):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2)
                break
            except OSError:
                time.sleep(1)
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
            page = browser.new_page(viewport={"width": 1600, "height": 1000})
            frames: list[int] = []
            page.on("websocket", lambda ws: ws.on("framereceived", lambda payload: frames.append(len(payload))))
            page.goto(f"http://127.0.0.1:{port}/{query}")
            page.frame_locator('iframe[title="streamlit_folium.st_folium"]').locator(
                "path.sc-kelurahan"
            ).first.wait_for()
            app = page.get_by_test_id("stApp")
            sizes = []
            for name in ["Kebonsari", "Gentong", "Karangketug", "Sebani"][:changes]:
                app.wait_for(state="attached")
                page.wait_for_function(
                    "() => document.querySelector('[data-test-script-state]')"
                    ".getAttribute('data-test-script-state') === 'notRunning'"
                )
                before = sum(frames)
                box = page.get_by_test_id("stSidebar").get_by_test_id("stMultiSelect").locator("input")
                box.click()
                page.keyboard.type(name)
                page.keyboard.press("Enter")
                page.keyboard.press("Escape")
                time.sleep(2.0)
                page.wait_for_function(
                    "() => document.querySelector('[data-test-script-state]')"
                    ".getAttribute('data-test-script-state') === 'notRunning'"
                )
                sizes.append(sum(frames) - before)
            browser.close()
        return sizes
    finally:
        server.terminate()
        server.wait()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bytes", action="store_true", help="also measure websocket bytes (needs Chromium)")
    args = parser.parse_args()
    print(f"CPU per filter change, default layers:        {cpu_per_change({}):6.1f} ms")
    print(f"CPU per filter change, every layer + measure: {cpu_per_change(EVERYTHING):6.1f} ms")
    if args.bytes:
        everything = "?" + "&".join(f"{k}={v}" for k, v in EVERYTHING.items())
        print(f"websocket bytes per filter change, default layers:        {bytes_per_change('')}")
        print(f"websocket bytes per filter change, every layer + measure: {bytes_per_change(everything)}")


if __name__ == "__main__":
    main()
