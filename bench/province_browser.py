"""Sections f, g and h of ``bench/bench_province_app.py``, in offline Chromium (h: below).

f. Zooming the province map into one kab/kota. At 1920x1080 the province map is opened
(nothing of the finer band may be fetched at province zoom), then set to zoom 10 over the
largest kab/kota; the figure is the time from the new view until that kab/kota's finer
villages are drawn (the map's ``data-sc-detail``, :mod:`smartcity_geo.mapdetail`), with the
files and bytes fetched. Target: <= 1.5 s (issue 17: "zooming into one kab/kota: its detail
within 1.5 s").

g. A server's first visitor: two fresh servers of the province pack (own store, own map-file
folder), ``dashboard.py`` and ``serve.py`` (which reads and prepares the data as it starts,
``ui.loaders.warm``), started together; after ``settle_s`` each gets one visit, the map drawn
in a fresh browser context (every village in the page). No target in the issue; the figure
is the wait of the first person to open a link after the server was (re)started.

A module of its own to keep ``bench_province_app.py`` within the house's length.
"""

from __future__ import annotations

import contextlib
import os
import statistics
import tempfile
import time
from pathlib import Path

import bench_region_app as base

from bench.wsclient import Server
from smartcity_geo.datapack import load_pack

DETAIL_S = 1.5


def _centre(variant: base.Variant, prefix: str = "") -> list[float]:
    """[lat, lon] of the middle of the villages whose code starts with ``prefix`` (all: the region)."""
    kel = load_pack(variant.dir).table("kelurahan").to_crs(4326)
    minx, miny, maxx, maxy = kel[kel["kode"].str.startswith(prefix)].total_bounds
    return [float(miny + maxy) / 2, float(minx + maxx) / 2]


def _open_drawn(browser, url: str, villages: int, on_response=None):
    """A fresh offline 1920x1080 context on ``url``, once every village is drawn: (context, page, map frame).

    ``on_response`` is given each answer the page receives."""
    from playwright.sync_api import expect  # noqa: PLC0415

    context = browser.new_context(viewport={"width": 1920, "height": 1080}, locale="id-ID")
    context.route(lambda u: not base._is_local(u), lambda route: route.abort())
    page = context.new_page()
    if on_response is not None:
        page.on("response", on_response)
    page.goto(url)
    drawn = f".leaflet-container[data-sc-drawn='{villages}']"
    expect(page.frame_locator(base.MAP_IFRAME).locator(drawn)).to_have_count(1, timeout=180_000)
    return context, page, page.locator(base.MAP_IFRAME).element_handle().content_frame()


def section_f(variant: base.Variant, server: Server, rounds: int = 3) -> dict:
    """The province map zoomed into its largest kab/kota in offline Chromium (1920x1080): seconds
    from the new view until that kab/kota's finer villages are drawn (``data-sc-detail``)."""
    print(f"\n== f. Zooming the province map into a kab/kota: its finer villages, {rounds} fresh browser contexts ==")
    if not base.CHROMIUM.is_file():
        print(f"no Chromium at {base.CHROMIUM}: section f not run")
        return {"pass": None}
    from playwright.sync_api import sync_playwright  # noqa: PLC0415

    largest = max(load_pack(variant.dir).region.kabkota, key=lambda k: k.villages_total)
    centre = _centre(variant, largest.code + ".")
    seconds, at_province, fetched_kb, wire_kb, fetched_n = [], [], [], [], []
    answers: list = []  # the finer band's answers of the current visit
    with sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=str(base.CHROMIUM), headless=True, args=base.CHROMIUM_ARGS)
        try:
            for _ in range(rounds):
                answers.clear()
                context, _page, frame = _open_drawn(
                    browser,
                    base.page_url(server),
                    len(variant.codes),
                    lambda r: answers.append(r) if "/detail-" in r.url else None,
                )
                frame.wait_for_timeout(1000)  # longer than the map waits for a view to settle
                at_province.append(len(answers))
                started = time.perf_counter()
                frame.evaluate(f"() => {{ window.map.setView({centre}, 10, {{animate: false}}); }}")
                frame.wait_for_function(
                    "(code) => (window.map.getContainer().getAttribute('data-sc-detail') || '').split(' ').includes(code)",
                    arg=largest.code,
                    timeout=60_000,
                )
                seconds.append(time.perf_counter() - started)
                fetched_n.append(len(answers))
                fetched_kb.append(sum(len(r.body()) for r in answers) / 1024)
                wire_kb.append(sum(r.request.sizes()["responseBodySize"] for r in answers) / 1024)  # as sent (gzip)
                context.close()
        finally:
            browser.close()
    print(
        f"{largest.name} ({largest.villages_total} villages) at zoom 10: finer villages drawn in "
        f"{statistics.median(seconds):.2f} s median ({', '.join(f'{v:.2f}' for v in seconds)}); files fetched at the "
        f"province view: {max(at_province)}; at zoom 10: {statistics.median(fetched_n):.0f} kab/kota in view, "
        f"{statistics.median(fetched_kb) / 1024:.1f} MB ({statistics.median(wire_kb) / 1024:.1f} MB as sent, gzip)"
    )
    ok = statistics.median(seconds) <= DETAIL_S and max(at_province) == 0
    print(
        f"zooming into a kab/kota, its detail: target <= {DETAIL_S} s, nothing fetched at province zoom   {base.status(ok)}"
    )
    return {"pass": ok}


def section_g(variant: base.Variant, settle_s: float = 60.0) -> dict:
    print(f"\n== g. A server's first visitor, {settle_s:.0f} s after the server started: dashboard.py vs serve.py ==")
    if not base.CHROMIUM.is_file():
        print(f"no Chromium at {base.CHROMIUM}: section g not run")
        return {"pass": None}
    from playwright.sync_api import sync_playwright  # noqa: PLC0415

    scripts = {
        "dashboard.py (no warm-up)": base.DASHBOARD,
        "serve.py (warm-up at start)": base.DASHBOARD.parent / "serve.py",
    }
    first: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="smartcity-bench-first-") as tmp, contextlib.ExitStack() as running:
        servers = {}
        for i, (name, script) in enumerate(scripts.items()):
            own = Path(tmp) / str(i)
            env = {
                "SMARTCITY_DATA_DIR": str(variant.dir),
                "SMARTCITY_STORE_DIR": str(own / "store"),
                "SMARTCITY_MAP_CACHE": str(own / "mapcache"),
            }
            (own / "mapcache").mkdir(parents=True)
            os.chmod(own / "mapcache", 0o700)
            servers[name] = running.enter_context(Server(script, cwd=base.DASHBOARD.parent, env=env))
        time.sleep(settle_s)
        with sync_playwright() as driver:
            browser = driver.chromium.launch(executable_path=str(base.CHROMIUM), headless=True, args=base.CHROMIUM_ARGS)
            try:
                for name, server in servers.items():
                    first[name], _frame, _foreign = base._draw_once(browser, base.page_url(server), len(variant.codes))
            finally:
                browser.close()
    for name, seconds in first.items():
        print(f"{name:<32} first visit, map drawn: {seconds:.2f} s")
    return {"first": first, "pass": None}


# One zoom step, timed in the page: the view set, then the next frame painted.
_STEP = """async ([lat, lon, z]) => {
  const t = performance.now();
  window.map.setView([lat, lon], z, {animate: false});
  await new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0)));
  return performance.now() - t; }"""
# The villages moved to the renderer named (one of each kind per page, made once).
_SWITCH = """(kind) => {
  const base = window.scKelurahan, map = window.map;
  const r = kind === 'canvas' ? (window.scCv = window.scCv || L.canvas({padding: 0.1}))
                              : (window.scSv = window.scSv || L.svg({padding: 0.1}));
  map.removeLayer(base);
  base.options.renderer = r;
  base.eachLayer((l) => { l.options.renderer = r; });
  map.addLayer(base); }"""


def section_h(variant: base.Variant, server: Server, rounds: int = 4) -> dict:
    """h. Why a province draws on a canvas: zoom steps at province zoom (7.6 <-> 8.4) with the
    villages on an SVG and on a canvas renderer, in one page, the two interleaved round by round."""
    print(f"\n== h. Zoom steps at province zoom, SVG against canvas, {rounds} interleaved rounds ==")
    if not base.CHROMIUM.is_file():
        print(f"no Chromium at {base.CHROMIUM}: section h not run")
        return {"pass": None}
    from playwright.sync_api import sync_playwright  # noqa: PLC0415

    steps: dict[str, list[float]] = {"svg": [], "canvas": []}
    centre = _centre(variant)
    with sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=str(base.CHROMIUM), headless=True, args=base.CHROMIUM_ARGS)
        try:
            context, _page, frame = _open_drawn(browser, base.page_url(server), len(variant.codes))
            for r in range(rounds):
                for kind in ("svg", "canvas") if r % 2 == 0 else ("canvas", "svg"):
                    frame.evaluate(_SWITCH, kind)
                    frame.wait_for_timeout(500)
                    for z in (7.6, 8.4, 7.6, 8.0):
                        steps[kind].append(frame.evaluate(_STEP, [*centre, z]))
            context.close()
        finally:
            browser.close()
    svg, canvas = statistics.median(steps["svg"]), statistics.median(steps["canvas"])
    print(
        f"zoom step, median of {len(steps['svg'])}: SVG {svg:.0f} ms (slowest {max(steps['svg']):.0f}), "
        f"canvas {canvas:.0f} ms (slowest {max(steps['canvas']):.0f}); canvas / SVG {canvas / svg:.2f}"
    )
    return {"svg_ms": svg, "canvas_ms": canvas, "pass": None}
