"""Region scale in the app: the largest Jawa Timur region against the bundled city, in one run (issue 16).

The largest region by village count (Kabupaten Lamongan, 35.24: 474 desa and kelurahan) is
built into a temporary folder by the same code as ``python -m smartcity_geo region 35.24``
from the full upstream copy (``../shared/data`` beside the checkout, ``SMARTCITY_SHARED_DATA``
or ``--upstream``), and measured beside the bundled 34-kelurahan city (``geodata/``):

a. A filter change's CPU (``streamlit.testing.v1.AppTest``, the machinery of
   ``bench/run_all.py`` section a): on the map screen a new selection of one to three
   villages, the two apps INTERLEAVED round by round (the served pack is switched with
   ``SMARTCITY_DATA_DIR``, read on every run). Medians of CPU time.
   Target: the region at most 1.5x the city.
b. The first map load's bytes: each pack under ``streamlit run`` (``SMARTCITY_DATA_DIR``),
   a browser-less client (:mod:`bench.wsclient`) opens the map screen and sums the websocket
   ForwardMsg bytes plus the map files (layer scripts) it fetches over HTTP, as
   ``run_all.py`` section b counts them. Target: the region at most 1.5 MB.
c. The map drawn in offline Chromium (Debian's ``/usr/bin/chromium`` via Playwright; every
   request to another host is aborted): from navigation until every village polygon of
   the pack is in the page, in a fresh browser context each time (an empty browser cache),
   on a server that has served the screen once (the first visit, cold, is printed apart).
   Target: the region within 4 s.

Each figure is printed beside its target with PASS / FAIL; the exit status is 0 either way.
One process at a time (the machine is shared)::

    python bench/bench_region_app.py
    python bench/bench_region_app.py --upstream /work/shared/data --rounds 11 --only a,b,c
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.run_all import DAY, WARM_UP, _navigation_mode, _quiet, _timed  # noqa: E402
from bench.wsclient import Server, Session  # noqa: E402
from smartcity_geo.datapack import load_pack  # noqa: E402
from smartcity_geo.regions import build_region  # noqa: E402

GEODATA = ROOT / "geodata"
DASHBOARD = ROOT / "dashboard.py"
SHARED = Path(os.environ.get("SMARTCITY_SHARED_DATA") or ROOT.parent / "shared" / "data")
LARGEST = "35.24"  # Kabupaten Lamongan: the most villages in Jawa Timur (bench/bench_region.py lists them)
CHROMIUM = Path(os.environ.get("SMARTCITY_CHROMIUM", "/usr/bin/chromium"))
MAP_IFRAME = 'iframe[title="streamlit_folium.st_folium"]'
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]


def page_url(server: Server) -> str:
    """The http:// address of a :class:`Server`'s page (its ``url`` is the websocket's)."""
    return server.url.replace("ws://", "http://").rsplit("/_stcore", 1)[0]


TARGETS = {"cpu_ratio": 1.5, "first_load_mb": 1.5, "drawn_s": 4.0}


def status(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def median(values) -> float:
    return float(statistics.median(values))


class Variant:
    """One served pack: its folder, its village codes and its own stream of new selections."""

    def __init__(self, name: str, pack_dir: Path) -> None:
        self.name = name
        self.dir = pack_dir
        self.codes = list(load_pack(pack_dir).table("kelurahan")["kode"])
        rng = random.Random(len(self.codes))
        self.selections: list[list[str]] = []
        seen: set[tuple[str, ...]] = set()
        while len(self.selections) < 300:  # never a selection seen before (see run_all._selections)
            pick = tuple(sorted(rng.sample(self.codes, rng.randint(1, 3))))
            if pick not in seen:
                seen.add(pick)
                self.selections.append(list(pick))
        self.turn = 0

    def next_selection(self) -> list[str]:
        pick = self.selections[self.turn]
        self.turn += 1
        return pick


# --------------------------------------------------------------------------------------
# a. filter change CPU (AppTest, interleaved)


class AppTestRun:
    def __init__(self, variant: Variant) -> None:
        from streamlit.testing.v1 import AppTest

        import ui.loaders

        self.variant = variant
        self.loaders = ui.loaders
        self.at = AppTest.from_file(str(DASHBOARD), default_timeout=180)
        self._use()
        self.at.run()
        self._check()
        self.cpu: list[float] = []
        self.wall: list[float] = []
        for _ in range(WARM_UP):
            self.change(record=False)

    def _use(self) -> None:
        os.environ["SMARTCITY_DATA_DIR"] = str(self.variant.dir)  # read on every run (smartcity_geo.settings)

    def _check(self) -> None:
        if self.at.exception:
            raise SystemExit(f"{self.variant.name} raised: {self.at.exception[0].value}")

    def change(self, *, record: bool = True) -> None:
        self._use()
        self.at.multiselect(key="kel_sel").set_value(self.variant.next_selection())
        cpu, wall = _timed(self.at.run)
        self._check()
        if record:
            self.cpu.append(cpu)
            self.wall.append(wall)


def section_a(variants: list[Variant], rounds: int) -> dict:
    print(f"\n== a. Filter change on the map screen, server CPU (AppTest), {rounds} interleaved rounds ==")
    runs = [AppTestRun(v) for v in variants]
    for r in range(rounds):
        for run in runs[r % 2 :] + runs[: r % 2]:
            run.change()
    out = {run.variant.name: {"cpu_ms": median(run.cpu) * 1e3, "wall_ms": median(run.wall) * 1e3} for run in runs}
    print(f"{'variant':<44}{'CPU ms':>9}{'wall ms':>9}")
    for name, fig in out.items():
        print(f"{name:<44}{fig['cpu_ms']:>9.1f}{fig['wall_ms']:>9.1f}")
    city, region = (out[v.name]["cpu_ms"] for v in variants)
    ratio = region / city
    ok = ratio <= TARGETS["cpu_ratio"]
    print(f"region / city CPU per change: {ratio:.2f}x   target <= {TARGETS['cpu_ratio']:.1f}x   {status(ok)}")
    return {"medians": out, "ratio": ratio, "pass": ok}


# --------------------------------------------------------------------------------------
# b. first map load bytes (websocket + map files over HTTP)


async def _first_loads(servers: dict[str, Server]) -> dict[str, dict]:
    out = {}
    for name, server in servers.items():
        session = Session(server.url, timeout=180)
        await session.__aenter__()
        try:
            result = await session.rerun()
        finally:
            await session.__aexit__()
        if result.errors:
            raise SystemExit(f"{name}: {result.errors[:2]}")
        out[name] = {
            "ws_bytes": result.bytes,
            "http_bytes": result.http_bytes,
            "http_files": result.http_files,
            "external_links": result.external_links,
        }
    return out


def section_b(variants: list[Variant], rounds: int, servers: dict[str, Server]) -> dict:
    print(f"\n== b. First map load: websocket + map files (streamlit run), {rounds} interleaved rounds ==")
    samples: dict[str, list[dict]] = {v.name: [] for v in variants}
    for _ in range(rounds):  # each round a new client session (a new browser: nothing cached)
        for name, fig in asyncio.run(_first_loads(servers)).items():
            samples[name].append(fig)
    out = {}
    print(f"{'variant':<44}{'WS KB':>9}{'HTTP KB':>9}{'files':>7}{'total KB':>10}{'links out':>11}")
    for name, figs in samples.items():
        total = median([f["ws_bytes"] + f["http_bytes"] for f in figs])
        out[name] = {
            "ws_kb": median([f["ws_bytes"] for f in figs]) / 1024,
            "http_kb": median([f["http_bytes"] for f in figs]) / 1024,
            "http_files": max(f["http_files"] for f in figs),
            "external_links": max(f["external_links"] for f in figs),
            "total_mb": total / 1024 / 1024,
        }
        f = out[name]
        print(
            f"{name:<44}{f['ws_kb']:>9.1f}{f['http_kb']:>9.1f}{f['http_files']:>7}{f['total_mb'] * 1024:>10.1f}"
            f"{f['external_links']:>11}"
        )
    region = out[variants[1].name]["total_mb"]
    ok = region <= TARGETS["first_load_mb"]
    print(f"region first map load: {region:.2f} MB   target <= {TARGETS['first_load_mb']:.1f} MB   {status(ok)}")
    return {"loads": out, "pass": ok}


# --------------------------------------------------------------------------------------
# c. the map drawn in offline Chromium


def _is_local(url: str) -> bool:
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    return parts.scheme in ("data", "blob", "about") or (parts.hostname or "") in ("127.0.0.1", "localhost")


def _draw_once(browser, url: str, villages: int) -> tuple[float, float, int]:
    """Seconds from navigation until every village polygon is in the map, until the map's frame is in
    the page (the part before is Streamlit's page and the script run), and requests to other hosts."""
    from playwright.sync_api import expect

    context = browser.new_context(viewport={"width": 1920, "height": 1080}, locale="id-ID")
    foreign: list[str] = []
    context.route(lambda u: not _is_local(u), lambda route: (foreign.append(route.request.url), route.abort()))
    try:
        page = context.new_page()
        # every village drawn, on SVG or a province's canvas: the map's data-sc-drawn (mapelements.SharedKelurahan)
        polygons = page.frame_locator(MAP_IFRAME).locator(f".leaflet-container[data-sc-drawn='{villages}']")
        started = time.perf_counter()
        page.goto(url)
        page.locator(MAP_IFRAME).wait_for(state="attached", timeout=120_000)
        frame_at = time.perf_counter() - started  # the app shell is up and its script has sent the map
        expect(polygons).to_have_count(1, timeout=120_000)
        return time.perf_counter() - started, frame_at, len(foreign)
    finally:
        context.close()


def section_c(variants: list[Variant], rounds: int, servers: dict[str, Server]) -> dict:
    print(f"\n== c. Map drawn in offline Chromium (fresh browser context each visit), {rounds} interleaved rounds ==")
    if not CHROMIUM.is_file():
        print(f"no Chromium at {CHROMIUM}: section c not run")
        return {"pass": None}
    from playwright.sync_api import sync_playwright

    base = {name: page_url(server) for name, server in servers.items()}
    counts = {v.name: len(v.codes) for v in variants}
    cold: dict[str, float] = {}
    warm: dict[str, list[float]] = {v.name: [] for v in variants}
    frame: dict[str, list[float]] = {v.name: [] for v in variants}
    foreign = 0
    with sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        try:
            for name in base:  # each server's first visit (the pack loaded, the map files written)
                cold[name], _, n = _draw_once(browser, base[name], counts[name])
                foreign += n
            for r in range(rounds):
                names = list(base)
                for name in names[r % 2 :] + names[: r % 2]:
                    seconds, frame_at, n = _draw_once(browser, base[name], counts[name])
                    warm[name].append(seconds)
                    frame[name].append(frame_at)
                    foreign += n
        finally:
            browser.close()
    out = {name: {"cold_s": cold[name], "warm_s": median(warm[name]), "frame_s": median(frame[name])} for name in base}
    print(
        f"{'variant':<44}{'polygons':>9}{'first visit s':>15}{'later visits s':>16}{'  of which until map frame s':>29}"
    )
    for name, fig in out.items():
        print(f"{name:<44}{counts[name]:>9}{fig['cold_s']:>15.2f}{fig['warm_s']:>16.2f}{fig['frame_s']:>29.2f}")
    print(f"requests to other hosts (aborted): {foreign}")
    city_fig, region_fig = out[variants[0].name], out[variants[1].name]
    print(
        "after the map frame is in the page (Leaflet drawing the villages): "
        f"city {city_fig['warm_s'] - city_fig['frame_s']:.2f} s, region {region_fig['warm_s'] - region_fig['frame_s']:.2f} s"
    )
    region = region_fig["warm_s"]
    ok = region <= TARGETS["drawn_s"]
    print(f"region map drawn: {region:.2f} s   target <= {TARGETS['drawn_s']:.0f} s   {status(ok)}")
    return {"visits": out, "foreign": foreign, "pass": ok}


# --------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--upstream", type=Path, default=SHARED, help="folder with wilayah_boundaries/ and wilayah/")
    parser.add_argument("--code", default=LARGEST, help=f"the region to compare with the city (default {LARGEST})")
    parser.add_argument("--rounds", type=int, default=7, help="rounds of a (b and c run half as many; default 7)")
    parser.add_argument("--only", default="a,b,c", help="sections to run, e.g. a,c")
    args = parser.parse_args(argv)
    if not (args.upstream / "wilayah" / "db" / "wilayah.sql").is_file():
        print(f"upstream data not found at {args.upstream} (give --upstream)", file=sys.stderr)
        return 1
    _quiet()
    _navigation_mode()
    sections = set(args.only.split(","))
    with tempfile.TemporaryDirectory(prefix="smartcity-bench-region-") as tmp:
        scratch = Path(tmp)
        os.environ["SMARTCITY_STORE_DIR"] = str(scratch / "store")
        os.environ["SMARTCITY_MAP_CACHE"] = str(scratch / "mapcache")
        os.environ.setdefault("SMARTCITY_TODAY", DAY)
        started = time.perf_counter()
        build_region(args.code, args.upstream / "wilayah_boundaries", args.upstream / "wilayah", scratch / "pack")
        region_pack = load_pack(scratch / "pack").region
        print(
            f"Region scale: {region_pack.name} ({args.code}, {region_pack.villages_total} villages) against the "
            f"bundled city; pack built in {time.perf_counter() - started:.1f} s; {os.cpu_count()} CPUs, "
            f"load average {os.getloadavg()[0]:.1f}"
        )
        city = Variant("city (bundled geodata/, 34 kelurahan)", GEODATA)
        region = Variant(
            f"{region_pack.name} ({len(load_pack(scratch / 'pack').table('kelurahan'))} polygons)", scratch / "pack"
        )
        variants = [city, region]
        results = {}
        if "a" in sections:
            results["a"] = section_a(variants, args.rounds)
        if sections & {"b", "c"}:
            few = max(3, args.rounds // 2)
            with (
                Server(DASHBOARD, cwd=ROOT, env={"SMARTCITY_DATA_DIR": str(city.dir)}) as city_server,
                Server(DASHBOARD, cwd=ROOT, env={"SMARTCITY_DATA_DIR": str(region.dir)}) as region_server,
            ):
                servers = {city.name: city_server, region.name: region_server}
                if "b" in sections:
                    results["b"] = section_b(variants, few, servers)
                if "c" in sections:
                    results["c"] = section_c(variants, few, servers)
        print("\nsummary:")
        for key, label in (
            ("a", "filter change CPU <= 1.5x city"),
            ("b", "first map load <= 1.5 MB"),
            ("c", "drawn <= 4 s"),
        ):
            if key in results and results[key]["pass"] is not None:
                print(f"  {label:<34}{status(results[key]['pass'])}")
        print(f"(bench took {time.perf_counter() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
