"""The performance benchmark: every figure of issue 11 in one run, against baselines measured alongside.

    python bench/run_all.py            # full run (21 rounds; 3-4 minutes on 2 cores)
    python bench/run_all.py --quick    # 7 rounds, smaller load run (a few minutes)
    python bench/run_all.py --only a,d # some sections only; --json out.json keeps the figures

Sections
--------
a. Filter change (server side, ``streamlit.testing.v1.AppTest``): the dashboard's map screen
   with its default layers, with every layer on, and with every layer plus a choropleth
   measure (as a shared link opens it), against (bare) a bare script with the
   same widgets and (textbook) a textbook streamlit-folium app drawing the same layers from
   the same files (see :mod:`bench.apps`). The variants are INTERLEAVED: each round runs one
   filter change of every variant, in a rotating order, so load on the machine hits all
   alike. CPU time (``time.process_time``) beside wall time; medians over the rounds.
b. Bytes per filter change over a real websocket: each app runs under ``streamlit run`` on
   a loopback port and a browser-less client (:mod:`bench.wsclient`) changes the selection
   and sums the ForwardMsg bytes until the script has finished (the client reports the
   messages it holds, as a browser does), plus the bytes of the map files (base map and
   layer scripts served beside Leaflet, named by their content) it fetches over HTTP the
   first time a map message refers to them. The first load of the screen (websocket and
   HTTP) is reported apart from the per-change bytes. Also the client-side latency and the
   server process's CPU per change (its CPU-time clock, every thread included; medians), so
   the CPU ratio of a is checked once more on a real server, with no AppTest in between.
   Every server runs with the repository's ``.streamlit/config.toml`` (the servers' working
   directory), so the baselines get the same settings; one more dashboard server runs with Streamlit's default
   full garbage collection after every run (``runner.postScriptGC``), which the app's
   config turns off, to show what that setting is worth.
c. Warm rerun of every screen (AppTest, interleaved; targets for indicators and budget).
d. Scaling: ``prepare_map_data`` at 34, 340 and 3,400 kelurahan (the real city tiled, see
   :mod:`bench.packs`) and coverage at 1,000, 10,000 and 100,000 cell sites, with growth
   exponents fitted on log-log axes.
e. Load: 10 and 30 concurrent websocket sessions on one real server, each changing the
   selection a few times with a think time between changes (``--think``), and once more
   30 sessions with no think time at all (a stress test: every session clicks again the
   moment its rerun ends); p50/p95 latency and errors. Loopback only, bounded counts and time.

The app's store and rendered map files go to a temporary folder (``SMARTCITY_STORE_DIR``,
``SMARTCITY_MAP_CACHE``), and ``SMARTCITY_TODAY`` is fixed, for every AppTest and server.

Every figure is a measurement; the targets are printed beside it as met / NOT met. The exit
status is 0 either way.

NOTE: one file on purpose (over the house's 450 lines): every figure is measured against its
baselines in the same run, so the variants, rounds and report live together.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import logging
import os
import random
import statistics
import sys
import tempfile
import time
import warnings
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.apps import write_apps  # noqa: E402
from bench.packs import random_sites, tiled_pack  # noqa: E402
from bench.wsclient import Server, Session  # noqa: E402
from smartcity_geo.registry import LAYER_KEYS  # noqa: E402

GEODATA = ROOT / "geodata"
DASHBOARD = ROOT / "dashboard.py"


def _selections(count: int) -> list[tuple[int, ...]]:
    """``count`` different selections (option positions) of one, two or three kelurahan.

    NOTE: every filter change picks a selection not seen before in that session, as a user
    exploring the city does; repeating a few selections would let the client's message
    cache (and any per-selection cache of the app) hide the cost being measured.
    """
    rng = random.Random(34)
    seen: list[tuple[int, ...]] = []
    while len(seen) < count:
        pick = tuple(sorted(rng.sample(range(34), rng.randint(1, 3))))
        if pick not in seen:
            seen.append(pick)
    return seen


WARM_UP = 4
SELECTIONS = _selections(200)
CODES = [f["properties"]["kode"] for f in json.loads((GEODATA / "kelurahan.geojson").read_text("utf-8"))["features"]]
# every layer and a choropleth measure, as a shared link opens the map (what bench_map_render.py measured)
EVERYTHING = {"layers": ",".join(LAYER_KEYS), "measure": "share_4g"}
DAY = "2026-11-29"  # SMARTCITY_TODAY: the programme screens shade by "today"; fixed so runs compare

TARGETS = {
    "textbook_default": 0.30,  # filter change, default layers, x the textbook app (CPU)
    "bare_default": 6.0,  # ... x the bare script (CPU)
    "textbook_all": 0.40,  # every layer on, x the textbook app
    "ws_kb_default": 25.0,  # KB over the websocket per filter change, default layers
    "screen_ms": 150.0,  # indicators and budget: warm rerun
    "prepare_3400_s": 2.0,
    "prepare_exponent": 1.1,
    "coverage_100k_s": 2.0,
    "load_p95_s": 1.0,
}


def verdict(ok: bool) -> str:
    return "met" if ok else "NOT met"


def median(values) -> float:
    return float(statistics.median(values))


def p95(values) -> float:
    return float(np.percentile(values, 95)) if values else float("nan")


# --------------------------------------------------------------------------------------
# AppTest helpers


def _quiet() -> None:
    logging.getLogger("streamlit").setLevel(logging.ERROR)
    warnings.filterwarnings("ignore")


def _navigation_mode() -> None:
    """Keep ``st.navigation`` mode on every AppTest run, as a running server has.

    NOTE: with a ``pages/`` folder beside the entry point, AppTest re-detects multipage v1
    mode on each run (see ui.chrome.leave_legacy_pages_mode).
    """
    from streamlit.runtime.pages_manager import PagesManager

    original = PagesManager.__init__

    def init(self, *args, **kwargs):
        original(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    PagesManager.__init__ = init


def _timed(call) -> tuple[float, float]:
    """(CPU seconds, wall seconds) of ``call()``, with the collector held off as timeit does."""
    gc.collect()
    gc.disable()
    try:
        cpu, wall = time.process_time(), time.perf_counter()
        call()
        return time.process_time() - cpu, time.perf_counter() - wall
    finally:
        gc.enable()


class AppVariant:
    """One app under AppTest, changing its kelurahan selection on each :meth:`change`."""

    def __init__(self, name: str, script: Path, *, all_layers: bool = False, query: dict | None = None) -> None:
        from streamlit.testing.v1 import AppTest

        self.name = name
        self.at = AppTest.from_file(str(script), default_timeout=180)
        for key, value in (query or {}).items():  # a shared link's view (?layers=...&measure=...)
            self.at.query_params[key] = value
        self.at.run()
        if all_layers:
            for box in self.at.checkbox:
                if box.key and box.key.startswith("layer_"):
                    box.check()
            self.at.run()
        self.codes = CODES
        self.turn = 0
        self.cpu: list[float] = []
        self.wall: list[float] = []
        for _ in range(WARM_UP):
            self.change(record=False)

    def change(self, *, record: bool = True) -> None:
        codes = [self.codes[i] for i in SELECTIONS[self.turn]]
        self.turn += 1
        self.at.multiselect(key="kel_sel").set_value(codes)
        cpu, wall = _timed(self.at.run)
        if self.at.exception:
            raise SystemExit(f"{self.name} raised: {self.at.exception[0].value}")
        if record:
            self.cpu.append(cpu)
            self.wall.append(wall)


def section_a(rounds: int) -> dict:
    print(f"\n== a. Filter change, server side (AppTest), {rounds} interleaved rounds ==")
    with tempfile.TemporaryDirectory() as tmp:
        apps = write_apps(Path(tmp), GEODATA)
        variants = [
            AppVariant("dashboard, default layers", DASHBOARD),
            AppVariant("dashboard, every layer on", DASHBOARD, all_layers=True),
            AppVariant("dashboard, every layer + measure", DASHBOARD, query=EVERYTHING),
            AppVariant("bare script", apps["bare"]),
            AppVariant("textbook, default layers", apps["textbook"]),
            AppVariant("textbook, every layer on", apps["textbook"], all_layers=True),
        ]
        for r in range(rounds):
            order = variants[r % len(variants) :] + variants[: r % len(variants)]
            for variant in order:
                variant.change()
    out = {v.name: {"cpu_ms": median(v.cpu) * 1e3, "wall_ms": median(v.wall) * 1e3} for v in variants}
    print(f"{'variant':<34}{'CPU ms':>9}{'wall ms':>9}")
    for name, fig in out.items():
        print(f"{name:<34}{fig['cpu_ms']:>9.1f}{fig['wall_ms']:>9.1f}")
    cpu = {name: fig["cpu_ms"] for name, fig in out.items()}
    ratios = {
        "default / textbook": cpu["dashboard, default layers"] / cpu["textbook, default layers"],
        "default / bare": cpu["dashboard, default layers"] / cpu["bare script"],
        "every layer / textbook (every layer)": cpu["dashboard, every layer on"] / cpu["textbook, every layer on"],
        "every layer / bare": cpu["dashboard, every layer on"] / cpu["bare script"],
        "every layer + measure / textbook (every layer)": cpu["dashboard, every layer + measure"]
        / cpu["textbook, every layer on"],
    }
    limits = {
        "default / textbook": TARGETS["textbook_default"],
        "default / bare": TARGETS["bare_default"],
        "every layer / textbook (every layer)": TARGETS["textbook_all"],
    }
    print("ratios (CPU):")
    for name, ratio in ratios.items():
        target = f"   target <= {limits[name]:.2f}: {verdict(ratio <= limits[name])}" if name in limits else ""
        print(f"  dashboard {name:<48}{ratio:>7.2f}x{target}")
    return {"medians": out, "ratios": ratios}


# --------------------------------------------------------------------------------------
# b. bytes over a real websocket


async def _ws_rounds(servers: dict[str, Server], rounds: int) -> dict:
    sessions: dict[str, Session] = {}
    plan = [
        ("dashboard, default layers", "dashboard", False),
        ("dashboard, every layer on", "dashboard", True),
        ("dashboard, Streamlit's post-run GC", "dashboard_gc", False),
        ("bare script", "bare", False),
        ("textbook, default layers", "textbook", False),
        ("textbook, every layer on", "textbook", True),
    ]
    first: dict[str, dict] = {}
    for name, app, all_layers in plan:
        session = Session(servers[app].url, timeout=120)
        await session.__aenter__()
        runs = [await session.rerun()]
        if all_layers:
            for wid in list(session.elements):
                if "-layer_" in wid:
                    session.widgets[wid] = ("bool_value", True)
            runs.append(await session.rerun())
        first[name] = {
            "ws_bytes": sum(r.bytes for r in runs),
            "http_bytes": sum(r.http_bytes for r in runs),
            "http_files": sum(r.http_files for r in runs),
            "external_links": max(r.external_links for r in runs),
        }
        sessions[name] = session
    figures = {name: {"bytes": [], "http": [], "largest": [], "ms": [], "cpu": []} for name, _, _ in plan}
    turn = 0
    for r in range(-WARM_UP, rounds):  # the first rounds warm up and are not kept
        order = plan[r % len(plan) :] + plan[: r % len(plan)]
        for name, app, _ in order:
            session = sessions[name]
            options = session.options("kel_sel")
            session.set_multiselect("kel_sel", [options[i] for i in SELECTIONS[turn]])
            before = servers[app].cpu_seconds()
            result, largest = await _rerun_with_largest(session)
            cpu = servers[app].cpu_seconds() - before
            if result.errors:
                raise SystemExit(f"{name}: {result.errors[:2]}")
            if r >= 0:
                fig = figures[name]
                fig["bytes"].append(result.bytes)
                fig["http"].append(result.http_bytes)
                fig["largest"].append(largest)
                fig["ms"].append(result.seconds * 1e3)
                fig["cpu"].append(cpu * 1e3)
        turn += 1
    for session in sessions.values():
        await session.__aexit__()
    return figures, first


async def _rerun_with_largest(session: Session):
    sizes: list[int] = []
    original = session.ws.recv

    async def recv():
        raw = await original()
        sizes.append(len(raw))
        return raw

    session.ws.recv = recv
    try:
        result = await session.rerun()
    finally:
        session.ws.recv = original
    return result, max(sizes, default=0)


def section_b(rounds: int) -> dict:
    print(f"\n== b. Bytes per filter change over a real websocket (streamlit run), {rounds} interleaved rounds ==")
    with tempfile.TemporaryDirectory() as tmp:
        apps = write_apps(Path(tmp), GEODATA)
        with (
            Server(DASHBOARD, cwd=ROOT) as dash,
            Server(DASHBOARD, cwd=ROOT, env={"STREAMLIT_RUNNER_POST_SCRIPT_GC": "true"}) as dash_gc,
            Server(apps["bare"], cwd=ROOT) as bare,
            Server(apps["textbook"], cwd=ROOT) as book,
        ):
            servers = {"dashboard": dash, "dashboard_gc": dash_gc, "bare": bare, "textbook": book}
            figures, first = asyncio.run(_ws_rounds(servers, rounds))
    out = {}
    print("per filter change (medians; HTTP = map files fetched for that change, as a browser would):")
    print(f"{'variant':<36}{'WS KB':>8}{'HTTP KB':>9}{'largest msg KB':>16}{'latency ms':>12}{'server CPU ms':>15}")
    for name, fig in figures.items():
        out[name] = {
            "kb": median(fig["bytes"]) / 1024,
            "http_kb": median(fig["http"]) / 1024,
            "http_kb_max": max(fig["http"]) / 1024,
            "largest_kb": median(fig["largest"]) / 1024,
            "latency_ms": median(fig["ms"]),
            "server_cpu_ms": median(fig["cpu"]),  # the process's CPU clock, in ns (bench.wsclient)
            "first_load": {
                "ws_kb": first[name]["ws_bytes"] / 1024,
                "http_kb": first[name]["http_bytes"] / 1024,
                "http_files": first[name]["http_files"],
                "external_links": first[name]["external_links"],
            },
        }
        f = out[name]
        print(
            f"{name:<36}{f['kb']:>8.1f}{f['http_kb']:>9.1f}{f['largest_kb']:>16.1f}{f['latency_ms']:>12.1f}"
            f"{f['server_cpu_ms']:>15.1f}"
        )
    print("first load of the screen (once per browser; the map files are content-named and cached):")
    print(f"{'variant':<36}{'WS KB':>8}{'HTTP KB':>9}{'files':>7}{'  links to other hosts (not fetched)'}")
    for name, f in out.items():
        fl = f["first_load"]
        print(f"{name:<36}{fl['ws_kb']:>8.1f}{fl['http_kb']:>9.1f}{fl['http_files']:>7}{fl['external_links']:>8}")
    kb = out["dashboard, default layers"]["kb"]
    http_kb = out["dashboard, default layers"]["http_kb_max"]
    print(
        f"dashboard, default layers: {kb:.1f} KB over the websocket per change (+ at most {http_kb:.1f} KB over "
        f"HTTP); target <= {TARGETS['ws_kb_default']:.0f} KB: {verdict(kb + http_kb <= TARGETS['ws_kb_default'])}"
    )
    cpu = {name: f["server_cpu_ms"] for name, f in out.items()}
    out["ratios"] = {
        "default / textbook (server CPU)": cpu["dashboard, default layers"] / cpu["textbook, default layers"],
        "default / bare (server CPU)": cpu["dashboard, default layers"] / max(cpu["bare script"], 1e-9),
        "default / with post-run GC (server CPU)": cpu["dashboard, default layers"]
        / cpu["dashboard, Streamlit's post-run GC"],
    }
    for name, ratio in out["ratios"].items():
        target = (
            f"   target <= {TARGETS['bare_default']:.2f} (as in a): {verdict(ratio <= TARGETS['bare_default'])}"
            if name == "default / bare (server CPU)"
            else ""
        )
        print(f"  dashboard {name:<42}{ratio:>7.2f}x{target}")
    return out


# --------------------------------------------------------------------------------------
# c. warm rerun of every screen


PAGES = (
    "pages/map.py",
    "pages/kelurahan.py",
    "pages/indicators.py",
    "pages/budget.py",
    "pages/sources.py",
    "pages/briefing.py",
)


def section_c(rounds: int) -> dict:
    from streamlit.testing.v1 import AppTest

    print(f"\n== c. Warm rerun of each screen (AppTest), {rounds} interleaved rounds ==")
    apps = {}
    for page in PAGES:
        at = AppTest.from_file(str(DASHBOARD), default_timeout=180)
        at.run()
        at.switch_page(page).run()
        at.run()  # warm: caches filled
        apps[page] = at
    times = {page: ([], []) for page in PAGES}
    for r in range(rounds):
        for page in PAGES[r % len(PAGES) :] + PAGES[: r % len(PAGES)]:
            cpu, wall = _timed(apps[page].run)
            if apps[page].exception:
                raise SystemExit(f"{page} raised: {apps[page].exception[0].value}")
            times[page][0].append(cpu)
            times[page][1].append(wall)
    out = {}
    print(f"{'screen':<24}{'CPU ms':>9}{'wall ms':>9}")
    for page, (cpu, wall) in times.items():
        out[page] = {"cpu_ms": median(cpu) * 1e3, "wall_ms": median(wall) * 1e3}
        target = ""
        if page in ("pages/indicators.py", "pages/budget.py"):
            target = (
                f"   target <= {TARGETS['screen_ms']:.0f} ms: {verdict(out[page]['cpu_ms'] <= TARGETS['screen_ms'])}"
            )
        print(f"{page:<24}{out[page]['cpu_ms']:>9.1f}{out[page]['wall_ms']:>9.1f}{target}")
    return out


# --------------------------------------------------------------------------------------
# d. scaling


def _exponent(sizes, seconds) -> float:
    return float(np.polyfit(np.log(sizes), np.log(seconds), 1)[0])


def section_d(repeats: int) -> dict:
    from smartcity_geo import analytics
    from smartcity_geo.datapack import load_pack
    from smartcity_geo.mapdata import prepare_map_data

    print(f"\n== d. Scaling (CPU seconds, median of {repeats}) ==")
    pack = load_pack(GEODATA)
    prepare, figures = {}, {}
    for nx, ny in ((1, 1), (5, 2), (10, 10)):
        big = tiled_pack(pack, nx, ny)
        n = len(big.table("kelurahan"))
        runs = [_timed(lambda big=big: prepare_map_data(big)) for _ in range(repeats)]
        prepare[n] = (median(r[0] for r in runs), median(r[1] for r in runs))
        kel = big.table("kelurahan")
        cov = analytics.coverage_areas(big.table("cell_sites"), analytics.city_outline(kel))
        args = (kel, big.table("hotspots"), cov, big.table("broadband"), big.table("tourism_areas"))
        figures[n] = median(_timed(lambda args=args: analytics.kelurahan_figures(*args))[0] for _ in range(repeats))
        print(
            f"prepare_map_data, {n:>6,} kelurahan: {prepare[n][0]:7.2f} s CPU ({prepare[n][1]:.2f} s wall); "
            f"of which kelurahan_figures {figures[n]:.2f} s CPU"
        )
    sizes = sorted(prepare)
    exp_prepare = _exponent(sizes, [prepare[n][0] for n in sizes])
    big_cpu = prepare[sizes[-1]][0]
    exp_figures = _exponent(sizes, [figures[n] for n in sizes])
    print(
        f"  growth exponent 34 -> 3,400: {exp_prepare:.2f} (target <= {TARGETS['prepare_exponent']}: "
        f"{verdict(exp_prepare <= TARGETS['prepare_exponent'])}); 3,400 kelurahan {big_cpu:.2f} s "
        f"(target <= {TARGETS['prepare_3400_s']:.0f} s: {verdict(big_cpu <= TARGETS['prepare_3400_s'])}); "
        f"kelurahan_figures alone: exponent {exp_figures:.2f}"
    )
    outline = analytics.city_outline(pack.table("kelurahan"))
    coverage = {}
    for count in (1_000, 10_000, 100_000):
        sites = random_sites(pack, count)
        runs = [_timed(lambda sites=sites: analytics.coverage_areas(sites, outline)) for _ in range(repeats)]
        coverage[count] = (median(r[0] for r in runs), median(r[1] for r in runs))
        print(
            f"coverage_areas, {count:>7,} cell sites: {coverage[count][0]:7.2f} s CPU ({coverage[count][1]:.2f} s wall)"
        )
    counts = sorted(coverage)
    exp_cov = _exponent(counts, [coverage[c][0] for c in counts])
    top = coverage[counts[-1]][0]
    print(
        f"  growth exponent 1k -> 100k: {exp_cov:.2f}; 100,000 sites {top:.2f} s "
        f"(target <= {TARGETS['coverage_100k_s']:.0f} s: {verdict(top <= TARGETS['coverage_100k_s'])})"
    )
    return {
        "prepare_s": {str(n): v[0] for n, v in prepare.items()},
        "prepare_exponent": exp_prepare,
        "kelurahan_figures_s": {str(n): v for n, v in figures.items()},
        "kelurahan_figures_exponent": exp_figures,
        "coverage_s": {str(c): v[0] for c, v in coverage.items()},
        "coverage_exponent": exp_cov,
    }


# --------------------------------------------------------------------------------------
# e. load


async def _user(url: str, changes: int, seed: int, latencies: list[float], errors: list[str], think_s: float) -> None:
    rng = random.Random(seed)
    try:
        async with Session(url, timeout=60) as session:
            first = await session.rerun()
            errors.extend(first.errors)
            options = session.options("kel_sel")
            for _ in range(changes):
                if think_s:  # a person looks at the result before the next click: 0.5-1.5 x think_s
                    await asyncio.sleep(think_s * rng.uniform(0.5, 1.5))
                session.set_multiselect("kel_sel", rng.sample(options, rng.randint(1, 3)))
                result = await session.rerun()
                latencies.append(result.seconds)
                errors.extend(result.errors)
    except Exception as exc:  # a refused connection or a timeout is an error of the run, not of the bench
        errors.append(f"{type(exc).__name__}: {exc}")


async def _load(
    url: str, users: int, changes: int, limit_s: float, think_s: float = 0.0
) -> tuple[list[float], list[str], float]:
    latencies: list[float] = []
    errors: list[str] = []
    started = time.perf_counter()
    tasks = [asyncio.create_task(_user(url, changes, seed, latencies, errors, think_s)) for seed in range(users)]
    done, pending = await asyncio.wait(tasks, timeout=limit_s)
    for task in pending:
        task.cancel()
        errors.append("unfinished within the time limit")
    return latencies, errors, time.perf_counter() - started


def section_e(levels: tuple[int, ...], changes: int, limit_s: float, think_s: float, env: dict | None = None) -> dict:
    print(
        f"\n== e. Load: concurrent websocket sessions on one server, {changes} filter changes each, "
        f"think time {think_s:.1f} s (0 = all at once, back to back) =="
    )
    if env:
        print(f"   (server environment: {env})")
    out = {}
    with Server(DASHBOARD, cwd=ROOT, env=env) as server:
        asyncio.run(_load(server.url, 1, 2, limit_s))  # warm the caches
        for users, think in [(u, think_s) for u in levels] + ([(levels[-1], 0.0)] if think_s else []):
            latencies, errors, took = asyncio.run(_load(server.url, users, changes, limit_s, think))
            users = f"{users}" if think else f"{users} (no think time)"
            out[str(users)] = {
                "changes": len(latencies),
                "p50_s": float(np.percentile(latencies, 50)) if latencies else float("nan"),
                "p95_s": p95(latencies),
                "errors": len(errors),
                "seconds": took,
            }
            f = out[str(users)]
            print(
                f"{users:>3} sessions: {f['changes']} changes in {took:.1f} s, p50 {f['p50_s'] * 1e3:.0f} ms, "
                f"p95 {f['p95_s'] * 1e3:.0f} ms, errors {f['errors']}" + (f" ({errors[0]})" if errors else "")
            )
    top = out[str(levels[-1])]
    print(
        f"  {levels[-1]} sessions: p95 < {TARGETS['load_p95_s']:.0f} s and 0 errors: "
        f"{verdict(top['p95_s'] < TARGETS['load_p95_s'] and top['errors'] == 0)}"
    )
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer rounds and a smaller load run")
    parser.add_argument("--rounds", type=int, help="rounds of sections a-c (default 21, quick 7)")
    parser.add_argument("--only", default="a,b,c,d,e", help="sections to run, e.g. a,d")
    parser.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    parser.add_argument(
        "--think",
        type=float,
        default=2.0,
        help="load run: mean seconds a user looks before the next change (default 2; "
        "the largest level also runs with none)",
    )
    parser.add_argument(
        "--server-env",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="load run only: an environment variable for its server, e.g. STREAMLIT_RUNNER_POST_SCRIPT_GC=true",
    )
    args = parser.parse_args(argv)
    _quiet()
    _navigation_mode()
    # The app's store (SQLite) and rendered map files go to a throwaway folder, never ./var/:
    # the servers started below inherit these, AppTest runs in this process.
    scratch = tempfile.TemporaryDirectory(prefix="smartcity-bench-")
    os.environ["SMARTCITY_STORE_DIR"] = str(Path(scratch.name) / "store")
    os.environ["SMARTCITY_MAP_CACHE"] = str(Path(scratch.name) / "mapcache")
    os.environ.setdefault("SMARTCITY_TODAY", DAY)
    rounds = args.rounds or (7 if args.quick else 21)
    sections = set(args.only.split(","))
    started = time.perf_counter()
    print(
        f"Peta Kota Cerdas Pasuruan - performance benchmark ({'quick' if args.quick else 'full'}; "
        f"{os.cpu_count()} CPUs; load average {os.getloadavg()[0]:.1f})"
    )
    results: dict[str, dict] = {}
    if "a" in sections:
        results["a"] = section_a(rounds)
    if "b" in sections:
        results["b"] = section_b(rounds)
    if "c" in sections:
        results["c"] = section_c(rounds)
    if "d" in sections:
        results["d"] = section_d(1 if args.quick else 3)
    if "e" in sections:
        env = dict(item.split("=", 1) for item in args.server_env)
        results["e"] = section_e((10, 30), 3 if args.quick else 5, 300.0, args.think, env)
    print(f"\n(bench took {time.perf_counter() - started:.0f} s; load average now {os.getloadavg()[0]:.1f})")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")
    scratch.cleanup()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
