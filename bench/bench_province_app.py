"""A province on one map, in the app: the province pack against the bundled city, in one run (issue 17).

The province pack (``python -m smartcity_geo region 35``; built here from the upstream copy
unless ``--pack`` names one already built) is measured beside the bundled 34-kelurahan city
with the machinery of ``bench/bench_region_app.py``:

a. A filter change's server CPU (AppTest, the two apps INTERLEAVED round by round): on the
   city a new selection of one to three kelurahan; on the province a kab/kota chosen, then
   one to three of its villages (two changes, each counted). Medians. Target: <= 2x the city.
b. The first map load at province zoom: websocket ForwardMsg bytes plus the map files
   fetched over HTTP (a browser-less client). Target: <= 6 MB.
c. The province map drawn in offline Chromium at 1920x1080 (every village polygon of the
   lightest zoom band in the page), a fresh browser context each time. Target: <= 6 s.
d. One kab/kota's detail: the server's wall time for the run that chooses it (AppTest), the
   first time (its pack cut and its map data prepared) and again. Target: <= 1.5 s.
e. Load: 30 concurrent websocket sessions on one province server, each opening a link to one
   of the eight largest kab/kota (``?kab=``, visited once first: a warm server) and changing
   its village selection with a think time between changes; p95 latency and errors. Then the
   memory per extra session, measured at two points: the baseline (warm-up done, no session
   connected) and the held point (every user has made its changes and waits, its websocket
   still open, until all 30 are done and the measurement is taken). At both points Streamlit's
   own metrics (``/_stcore/metrics``, the server started with
   ``server.enableExpensiveMemoryStats`` so ``cache_memory_bytes`` is bytes, not item counts):
   the session-state bytes of the active sessions (per session), the session-owned caches
   (media files, uploads) and the change in the shared caches (``st.cache_resource``/``_data``);
   and the server's RSS beside them as a cross-check (the metrics size what session state
   reaches, shared objects in each session again, but not a session's queue, thread or socket
   buffers). The figure judged is both the Streamlit per-session bytes and (RSS held - RSS
   baseline) / users; an RSS that fell is reported as not usable. Then a second wave of as
   many users joins the first, still held: the RSS the second wave adds, on a server already
   through the first wave's churn (warm-up garbage freed, caches settled), is judged too.
   Targets: p95 < 1 s, 0 errors, <= 50 MB a session.
f. Zooming into one kab/kota on the province map (offline Chromium, 1920x1080, the largest
   kab/kota at zoom 10): seconds from the new view until its finer villages are drawn
   (``smartcity_geo.mapdetail``), and that nothing is fetched at province zoom. Target: <= 1.5 s.
g. A server's first visitor a minute after the start: ``dashboard.py`` against ``serve.py``
   (which warms the data as it starts). No target.
h. Zoom steps at province zoom with the villages on SVG and on a canvas, in one page,
   interleaved (why a province draws on a canvas). Sections f, g, h: ``province_browser.py``.

Prints PASS/FAIL beside each target; exits 0 either way::

    python bench/bench_province_app.py [--pack packs/35] [--rounds 5] [--only a,b,c,d,e,f,g,h]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import re
import statistics
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import bench_region_app as base  # noqa: E402
import province_browser  # noqa: E402

from bench.run_all import DAY, _navigation_mode, _quiet, _timed  # noqa: E402
from bench.wsclient import Server  # noqa: E402
from smartcity_geo.datapack import load_pack  # noqa: E402
from smartcity_geo.regions import build_province  # noqa: E402

base.TARGETS.update({"cpu_ratio": 2.0, "first_load_mb": 6.0, "drawn_s": 6.0})
DETAIL_S = 1.5
SESSION_MB = 50.0
# Streamlit answers cache_memory_bytes from a cache of this age (_METRICS_EXPENSIVE_STATS_TTL_SECONDS):
# the held point's reading must come later than that after the baseline's
METRICS_TTL_S = 5.0
# per-session state, and caches whose entries belong to one session (a session's media files and uploads);
# Streamlit 1.67 keeps no forward-message cache on the server (the browser holds the cached messages)
PER_SESSION = "st_session_state"
SESSION_OWNED = ("st_memory_media_file_storage", "UploadedFileManager")
MB = 1024 * 1024


class ProvinceRun(base.AppTestRun):
    """The province app: each change chooses a kab/kota, then villages of it."""

    def __init__(self, variant: base.Variant) -> None:
        pack = load_pack(variant.dir)
        self.kabkota = [k.code for k in pack.region.kabkota if k.villages_total]
        self.rng = random.Random(17)
        super().__init__(variant)

    def change(self, *, record: bool = True) -> None:
        self._use()
        kab = self.rng.choice(self.kabkota)
        self.at.selectbox(key="kab_pick").set_value(kab)
        cpu, wall = _timed(self.at.run)
        self._check()
        options = self.at.multiselect(key="kel_sel")
        codes = [c for c in self.variant.codes if c.startswith(kab + ".")]
        options.set_value(sorted(self.rng.sample(codes, min(len(codes), self.rng.randint(1, 3)))))
        cpu2, wall2 = _timed(self.at.run)
        self._check()
        if record:
            self.cpu += [cpu, cpu2]
            self.wall += [wall, wall2]


def section_a(variants: list[base.Variant], rounds: int) -> dict:
    print(f"\n== a. Filter change, server CPU (AppTest), {rounds} interleaved rounds ==")
    runs = [base.AppTestRun(variants[0]), ProvinceRun(variants[1])]
    for r in range(rounds):
        for run in runs[r % 2 :] + runs[: r % 2]:
            run.change()
    out = {run.variant.name: (base.median(run.cpu) * 1e3, base.median(run.wall) * 1e3) for run in runs}
    for name, (cpu, wall) in out.items():
        print(f"{name:<50} CPU {cpu:8.1f} ms   wall {wall:8.1f} ms")
    province = runs[1]
    kab_cpu, village_cpu = province.cpu[0::2], province.cpu[1::2]
    print(
        f"province: choosing a kab/kota median {base.median(kab_cpu) * 1e3:.1f} ms, slowest {max(kab_cpu) * 1e3:.0f} ms "
        f"(a kab/kota seen before is cached); a village {base.median(village_cpu) * 1e3:.1f} ms"
    )
    ratio = out[variants[1].name][0] / out[variants[0].name][0]
    ok = ratio <= base.TARGETS["cpu_ratio"]
    print(
        f"province / city CPU per change: {ratio:.2f}x   target <= {base.TARGETS['cpu_ratio']:.0f}x   {base.status(ok)}"
    )
    return {"pass": ok}


def section_d(variant: base.Variant) -> dict:
    print("\n== d. One kab/kota's detail: the run that chooses it (AppTest wall time) ==")
    from streamlit.testing.v1 import AppTest  # noqa: PLC0415

    os.environ["SMARTCITY_DATA_DIR"] = str(variant.dir)
    at = AppTest.from_file(str(base.DASHBOARD), default_timeout=300)
    at.run()
    pack = load_pack(variant.dir)
    largest = max(pack.region.kabkota, key=lambda k: k.villages_total)
    times = {}
    for label in ("first", "again"):
        at.selectbox(key="kab_pick").set_value(None).run()
        at.selectbox(key="kab_pick").set_value(largest.code)
        started = time.perf_counter()
        at.run()
        times[label] = time.perf_counter() - started
    print(
        f"{largest.name} ({largest.villages_total} villages): first {times['first']:.2f} s, again {times['again']:.2f} s"
    )
    ok = times["first"] <= DETAIL_S
    print(f"kab/kota detail (the first time, the largest kab/kota): target <= {DETAIL_S} s   {base.status(ok)}")
    return {"pass": ok}


class Hold:
    """Where section e's users wait, their websockets open, until every one has made its changes."""

    def __init__(self, users: int) -> None:
        self.waiting = users
        self.held = 0  # users waiting with their websocket open
        self.everyone = asyncio.Event()
        self.release = asyncio.Event()

    def arrive(self, *, connected: bool) -> None:
        self.held += connected
        self.waiting -= 1
        if not self.waiting:
            self.everyone.set()


async def _user(
    url: str,
    kab: str,
    changes: int,
    seed: int,
    latencies: list,
    errors: list,
    think_s: float,
    hold: Hold | None = None,
) -> None:
    from bench.wsclient import Session  # noqa: PLC0415

    rng = random.Random(seed)
    arrived = False
    try:
        async with Session(url, timeout=120, query=f"kab={kab}") as session:
            errors.extend((await session.rerun()).errors)
            options = session.options("kel_sel")
            for _ in range(changes):
                await asyncio.sleep(think_s * rng.uniform(0.5, 1.5))
                session.set_multiselect("kel_sel", rng.sample(options, rng.randint(1, 3)))
                result = await session.rerun()
                latencies.append(result.seconds)
                errors.extend(result.errors)
            if hold is not None:  # the memory is measured while every websocket is still open
                hold.arrive(connected=True)
                arrived = True
                await hold.release.wait()
    except Exception as exc:  # a refused connection or a timeout is an error of the run
        errors.append(f"{type(exc).__name__}: {exc}")
    finally:
        if hold is not None and not arrived:
            hold.arrive(connected=False)  # a user that failed keeps nobody waiting


def _rss_mb(pid: int) -> float:
    with open(f"/proc/{pid}/status", encoding="ascii") as status:
        kb = next(int(line.split()[1]) for line in status if line.startswith("VmRSS:"))
    return kb / 1024


_SAMPLE = re.compile(r"^([A-Za-z_:][\w:]*)(?:\{(.*)\})?\s+(\S+)")
_LABEL = re.compile(r'(\w+)="((?:[^"\\]|\\.)*)"')


@dataclass
class Metrics:
    """Streamlit's own metrics: active sessions, and ``cache_memory_bytes`` summed by cache_type."""

    sessions: int = 0
    caches: dict[str, int] = field(default_factory=dict)

    def mb(self, *types: str) -> float:
        return sum(self.caches.get(t, 0) for t in types) / MB


def _metrics(server: Server, families: tuple[str, ...] = ("cache_memory_bytes", "active_sessions")) -> Metrics:
    """Read ``/_stcore/metrics`` (OpenMetrics text) of ``server``; no cookie or header is needed."""
    query = "&".join(f"families={f}" for f in families)
    with urllib.request.urlopen(f"http://127.0.0.1:{server.port}/_stcore/metrics?{query}", timeout=600) as reply:
        text = reply.read().decode()
    out = Metrics()
    for line in text.splitlines():
        match = _SAMPLE.match(line)
        if not match or line.startswith("#"):
            continue
        name, labels, value = match.group(1), dict(_LABEL.findall(match.group(2) or "")), match.group(3)
        if name == "active_sessions":
            out.sessions = int(float(value))
        elif name == "cache_memory_bytes":
            kind = labels.get("cache_type", "")
            out.caches[kind] = out.caches.get(kind, 0) + int(float(value))
    return out


def _memory(server: Server) -> tuple[float, Metrics]:
    """The server's RSS (read first: computing the metrics allocates), then its metrics."""
    return _rss_mb(server.proc.pid), _metrics(server)


def _no_session(server: Server, timeout_s: float = 30.0) -> None:
    deadline = time.monotonic() + timeout_s
    while _metrics(server, ("active_sessions",)).sessions and time.monotonic() < deadline:
        time.sleep(0.2)


def _memory_verdict(users: int, held: dict, rss_base: float, base_metrics) -> bool:
    """Print section e's memory figures (baseline, held point, second wave); True when within target."""
    rss_held, now = held["rss"], held["metrics"]
    print(
        f"memory: baseline (warm, no session connected) against held point ({held['users']} of {users} users "
        f"waiting with their websocket open); Streamlit active_sessions {base_metrics.sessions} -> {now.sessions}"
    )
    state_per = now.mb(PER_SESSION) / now.sessions if now.sessions else float("nan")
    owned_per = (now.mb(*SESSION_OWNED) - base_metrics.mb(*SESSION_OWNED)) / users
    streamlit_per = state_per + owned_per
    print(
        f"  Streamlit session state: {now.mb(PER_SESSION):.2f} MB over {now.sessions} active sessions = "
        f"{state_per * 1024:.1f} kB a session (baseline {base_metrics.mb(PER_SESSION):.2f} MB)"
    )
    print(
        f"  Streamlit session-owned caches ({', '.join(SESSION_OWNED)}): "
        f"{base_metrics.mb(*SESSION_OWNED):.2f} -> {now.mb(*SESSION_OWNED):.2f} MB = "
        f"{owned_per * 1024:.1f} kB a session (no forward-message cache on a 1.67 server)"
    )
    for kind in sorted((set(base_metrics.caches) | set(now.caches)) - {PER_SESSION, *SESSION_OWNED}):
        print(
            f"  shared cache {kind}: {base_metrics.mb(kind):.2f} -> {now.mb(kind):.2f} MB "
            f"({now.mb(kind) - base_metrics.mb(kind):+.2f} MB; not counted per session)"
        )
    rss_per = (rss_held - rss_base) / users
    rss_usable = rss_held >= rss_base
    print(
        f"  server RSS (cross-check): {rss_base:.0f} MB -> {rss_held:.0f} MB: "
        + (f"{rss_per:.1f} MB per extra session" if rss_usable else "RSS fell: not usable")
    )
    print(
        f"per extra session: Streamlit metrics {streamlit_per:.2f} MB (session state + session-owned caches), "
        + (f"RSS {rss_per:.1f} MB" if rss_usable else "RSS not usable (judged on the metrics figure alone)")
        + f"; target <= {SESSION_MB:.0f} MB each"
    )
    now2 = held["metrics2"]
    rss_wave = (held["rss2"] - rss_held) / users
    print(
        f"  second wave: {held['users2']} more users held ({now2.sessions} active sessions): server RSS "
        f"{rss_held:.0f} -> {held['rss2']:.0f} MB = {rss_wave:.1f} MB per extra session"
        f"; session state {now2.mb(PER_SESSION):.2f} MB"
    )
    mem_ok = streamlit_per <= SESSION_MB and rss_wave <= SESSION_MB and (not rss_usable or rss_per <= SESSION_MB)
    return mem_ok


def section_e(variant: base.Variant, users: int = 30, changes: int = 4, think_s: float = 1.0) -> dict:
    print(f"\n== e. Load: {users} concurrent sessions on the province server, {changes} changes each ==")
    pack = load_pack(variant.dir)
    largest = [k.code for k in sorted(pack.region.kabkota, key=lambda k: -k.villages_total)[:8]]
    env = {"SMARTCITY_DATA_DIR": str(variant.dir), "STREAMLIT_SERVER_ENABLE_EXPENSIVE_MEMORY_STATS": "true"}
    with Server(base.DASHBOARD, cwd=ROOT, env=env) as server:
        warm: tuple[list, list] = ([], [])
        for i, kab in enumerate(largest):  # a warm server: each kab/kota visited once
            asyncio.run(_user(server.url, kab, 1, i, *warm, 0.0))
        _no_session(server)
        rss_base, base_metrics = _memory(server)
        base_read = time.monotonic()
        latencies: list[float] = []
        errors: list[str] = []
        held: dict = {}

        async def everyone() -> None:
            hold = Hold(users)
            tasks = [
                asyncio.create_task(
                    _user(server.url, largest[i % len(largest)], changes, i, latencies, errors, think_s, hold)
                )
                for i in range(users)
            ]
            await hold.everyone.wait()
            held["took"] = time.perf_counter() - started
            held["users"] = hold.held
            await asyncio.sleep(max(0.0, base_read + METRICS_TTL_S + 0.5 - time.monotonic()))
            held["rss"], held["metrics"] = await asyncio.to_thread(_memory, server)
            # a second wave of as many users, the first still held: the server has been through
            # the first wave's churn, so the RSS it adds is what extra sessions cost
            second = Hold(users)
            more = [
                asyncio.create_task(
                    _user(server.url, largest[i % len(largest)], changes, users + i, [], errors, think_s, second)
                )
                for i in range(users)
            ]
            await second.everyone.wait()
            await asyncio.sleep(METRICS_TTL_S + 0.5)
            held["rss2"], held["metrics2"] = await asyncio.to_thread(_memory, server)
            held["users2"] = second.held
            hold.release.set()
            second.release.set()
            await asyncio.gather(*tasks, *more)

        started = time.perf_counter()
        asyncio.run(everyone())
    p95 = float(statistics.quantiles(latencies, n=20)[-1]) if len(latencies) > 1 else float("nan")
    p50 = statistics.median(latencies) if latencies else float("nan")
    print(
        f"{users} sessions: {len(latencies)} changes in {held['took']:.1f} s, p50 {p50 * 1e3:.0f} ms, "
        f"p95 {p95 * 1e3:.0f} ms, errors {len(errors)}" + (f" ({errors[0]})" if errors else "")
    )
    mem_ok = _memory_verdict(users, held, rss_base, base_metrics)
    ok = p95 < 1.0 and not errors and mem_ok
    print(f"p95 < 1 s, 0 errors, <= {SESSION_MB:.0f} MB a session: {base.status(ok)}")
    return {"pass": ok}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--upstream", type=Path, default=base.SHARED)
    parser.add_argument("--pack", type=Path, default=None, help="a province pack already built")
    parser.add_argument("--code", default="35")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--only", default="a,b,c,d,e,f,g,h")
    args = parser.parse_args(argv)
    _quiet()
    _navigation_mode()
    sections = set(args.only.split(","))
    with tempfile.TemporaryDirectory(prefix="smartcity-bench-province-") as tmp:
        scratch = Path(tmp)
        os.environ["SMARTCITY_STORE_DIR"] = str(scratch / "store")
        os.environ["SMARTCITY_MAP_CACHE"] = str(scratch / "mapcache")
        os.environ.setdefault("SMARTCITY_TODAY", DAY)
        pack_dir = args.pack
        if pack_dir is None:
            started = time.perf_counter()
            pack_dir = scratch / "pack"
            build_province(args.code, args.upstream / "wilayah_boundaries", args.upstream / "wilayah", pack_dir)
            print(f"province pack built in {time.perf_counter() - started:.1f} s")
        print(f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}")
        city = base.Variant("city (bundled geodata/, 34 kelurahan)", base.GEODATA)
        province = base.Variant(f"province ({load_pack(pack_dir).region.name})", pack_dir)
        variants = [city, province]
        if "a" in sections:
            section_a(variants, args.rounds)
        if sections & {"b", "c", "f", "h"}:
            few = max(3, args.rounds // 2)
            with (
                Server(base.DASHBOARD, cwd=ROOT, env={"SMARTCITY_DATA_DIR": str(city.dir)}) as city_server,
                Server(base.DASHBOARD, cwd=ROOT, env={"SMARTCITY_DATA_DIR": str(province.dir)}) as province_server,
            ):
                servers = {city.name: city_server, province.name: province_server}
                if "b" in sections:
                    base.section_b(variants, few, servers)
                if "c" in sections:
                    base.section_c(variants, few, servers)
                if "f" in sections:
                    province_browser.section_f(province, province_server, few)
                if "h" in sections:
                    province_browser.section_h(province, province_server)
        if "d" in sections:
            section_d(province)
        if "e" in sections:
            section_e(province)
        if "g" in sections:
            province_browser.section_g(province)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
