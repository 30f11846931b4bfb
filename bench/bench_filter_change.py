"""Server-side time of a filter change on the map screen, against two references.

A "filter change" is a new kelurahan selection in the sidebar multiselect (``kel_sel``)
followed by the rerun it triggers. Each variant is driven by
``streamlit.testing.v1.AppTest``: one warm-up run, then ``--runs`` timed reruns that
alternate between two selections. Three variants, measured the same way in one process:

ours
    ``dashboard.py`` on the map screen (cached pack and map data, stable base map, layers
    and selection sent through ``feature_group_to_add``), with its default layers and
    again with every layer switched on.
bare (a)
    The same widgets and nothing else: the multiselect, one checkbox per layer, and
    ``st_folium`` on an empty map.
folium-default (b)
    The same screen built the way a first folium + Streamlit app usually is: every rerun
    reads the GeoJSON and CSV files with geopandas, computes the coverage buffers, builds
    a ``folium.Map`` with every layer and a ``LayerControl``, highlights and fits the
    selection, and renders it with ``st_folium(m)``; nothing cached.

Prints the median (and spread) of each, the ratios, the ``st_folium`` payload per rerun,
and PASS/FAIL for the target: ours, as the screen opens (default layers), at most
0.25 x (b). The ratio with every layer on is printed beside it for information: (b) always
builds every layer (its LayerControl toggles them in the browser), ours builds the layers
that are switched on. Exits 0 either way (it is a measurement); ``--assert`` exits 1 on
FAIL.

    python bench/bench_filter_change.py [--runs 10] [--assert]

NOTE: AppTest runs scripts without a browser, so this is server time only (script run,
map building and serialisation), not network or Leaflet rendering in the browser.
"""

from __future__ import annotations

import argparse
import gc
import json
import logging
import statistics
import sys
import tempfile
import textwrap
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from streamlit.runtime.pages_manager import PagesManager  # noqa: E402
from streamlit.testing.v1 import AppTest  # noqa: E402

from smartcity_geo.layers import LAYER_KEYS  # noqa: E402

TARGET = 0.25
SELECTIONS = (["35.75.04.1009"], ["35.75.01.1001", "35.75.03.1002"])
GEODATA = ROOT / "geodata"


def _navigation_mode() -> None:
    """Keep ``st.navigation`` (v2) mode on every AppTest run, as a running server has.

    NOTE: with a ``pages/`` folder beside the entry point, AppTest re-detects multipage
    v1 mode on each run (see ui.chrome.leave_legacy_pages_mode); on the default page this only
    adds a wrapper, but the bench should time what a server runs.
    """
    original = PagesManager.__init__

    def init(self, *args, **kwargs):
        original(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    PagesManager.__init__ = init


BARE = textwrap.dedent(
    """
    import folium
    import streamlit as st
    from streamlit_folium import st_folium

    CODES = {codes!r}
    LAYERS = {layers!r}
    st.multiselect("Kelurahan", CODES, key="kel_sel")
    for layer in LAYERS:
        st.checkbox(layer, key="layer_" + layer)
    st_folium(folium.Map(location=[-7.64, 112.9], zoom_start=13, tiles=None), key="map", height=600,
              returned_objects=[])
    """
)

FOLIUM_DEFAULT = textwrap.dedent(
    """
    from pathlib import Path

    import folium
    import geopandas as gpd
    import pandas as pd
    import streamlit as st
    from shapely.geometry import LineString
    from streamlit_folium import st_folium

    DATA = Path({geodata!r})
    LAYERS = {layers!r}


    def points(name):
        frame = pd.read_csv(DATA / name)
        return gpd.GeoDataFrame(frame, geometry=gpd.points_from_xy(frame["lon"], frame["lat"]), crs="EPSG:4326")


    kel = gpd.read_file(DATA / "kelurahan.geojson")
    names = dict(zip(kel["kode"], kel["kelurahan"]))
    selection = st.multiselect("Kelurahan", list(kel["kode"]), format_func=names.get, key="kel_sel")
    shown = {{layer: st.checkbox(layer, value=True, key="layer_" + layer) for layer in LAYERS}}

    hotspots = points("hotspots.csv")
    cells = points("cell_sites.csv")
    gov = points("gov_sites.csv")
    links = pd.read_csv(DATA / "network_links.csv")
    broadband = pd.read_csv(DATA / "broadband.csv")
    tourism = gpd.read_file(DATA / "tourism_areas.geojson")

    # coverage: buffers in metres, dissolved per technology, clipped to the city
    utm = cells.to_crs(32749)
    discs = utm.geometry.buffer(utm["radius_m"])
    city = kel.to_crs(32749).union_all()
    four = discs[utm["technology"] == "4G"].union_all().intersection(city)
    three = discs[utm["technology"] == "3G"].union_all().intersection(city).difference(four)
    coverage = gpd.GeoDataFrame({{"technology": ["4G", "3G"]}}, geometry=[four, three], crs=32749).to_crs(4326)

    # headline figures of the selection (or the city)
    area = kel[kel["kode"].isin(selection)] if selection else kel
    area_utm = area.to_crs(32749).union_all()
    cols = st.columns(3)
    cols[0].metric("Hotspots", int(hotspots["kelurahan_code"].isin(area["kode"]).sum()))
    cols[1].metric("4G", f"{{four.intersection(area_utm).area / area_utm.area:.0%}}")
    cols[2].metric("Fibre", int(broadband[broadband["kelurahan_code"].isin(area["kode"])]["fibre"].sum()))

    m = folium.Map(location=[-7.64, 112.9], zoom_start=13)
    folium.GeoJson(kel, name="Kelurahan", tooltip=folium.GeoJsonTooltip(["kelurahan", "kecamatan", "kode"])).add_to(m)
    folium.GeoJson(kel.dissolve("kecamatan").reset_index(), name="Kecamatan",
                   style_function=lambda f: {{"fill": False, "weight": 2.5}}).add_to(m)
    for kind in ("public", "internal"):
        group = folium.FeatureGroup(name="hotspots_" + kind, show=shown["hotspots_" + kind])
        for _, row in hotspots[hotspots["type"] == kind].iterrows():
            folium.CircleMarker([row["lat"], row["lon"]], radius=7, fill=True, tooltip=row["name"]).add_to(group)
        group.add_to(m)
    for tech, key in (("4G", "coverage_4g"), ("3G", "coverage_3g")):
        group = folium.FeatureGroup(name=key, show=shown[key])
        folium.GeoJson(coverage[coverage["technology"] == tech]).add_to(group)
        group.add_to(m)
    group = folium.FeatureGroup(name="cell_sites", show=shown["cell_sites"])
    for _, row in cells.iterrows():
        folium.CircleMarker([row["lat"], row["lon"]], radius=4, tooltip=row["operator"]).add_to(group)
    group.add_to(m)
    fibre = kel.merge(broadband, left_on="kode", right_on="kelurahan_code")
    group = folium.FeatureGroup(name="broadband", show=shown["broadband"])
    folium.GeoJson(fibre[["kelurahan", "fibre", "households_passed_share", "geometry"]],
                   style_function=lambda f: {{"fillColor": "#0E7490" if f["properties"]["fibre"] else "#E11D48"}},
                   tooltip=folium.GeoJsonTooltip(["kelurahan", "fibre", "households_passed_share"])).add_to(group)
    group.add_to(m)
    sites = gov.set_index("id")
    group = folium.FeatureGroup(name="network", show=shown["network"])
    for _, link in links.iterrows():
        a, b = sites.loc[link["from_id"]], sites.loc[link["to_id"]]
        folium.PolyLine([[a["lat"], a["lon"]], [b["lat"], b["lon"]]], dash_array="4 4").add_to(group)
    for _, row in gov.iterrows():
        folium.CircleMarker([row["lat"], row["lon"]], radius=4, tooltip=row["name"]).add_to(group)
    group.add_to(m)
    group = folium.FeatureGroup(name="tourism", show=shown["tourism"])
    folium.GeoJson(tourism[tourism.geometry.notna()][["name_id", "theme", "geometry"]],
                   tooltip=folium.GeoJsonTooltip(["name_id", "theme"])).add_to(group)
    group.add_to(m)
    if selection:
        chosen = kel[kel["kode"].isin(selection)]
        folium.GeoJson(chosen, style_function=lambda f: {{"color": "#D97706", "weight": 4}}).add_to(m)
        minx, miny, maxx, maxy = chosen.total_bounds
        m.fit_bounds([[miny, minx], [maxy, maxx]])
    folium.LayerControl().add_to(m)
    st_folium(m, height=600, use_container_width=True)
    """
)


def _payload(at: AppTest) -> int:
    """Bytes of the st_folium component's arguments in the last run (0 if not found)."""
    total = 0
    for element in at.get("component_instance"):
        proto = element.proto
        total += len(proto.json_args.encode("utf-8")) + sum(len(arg.SerializeToString()) for arg in proto.special_args)
    return total


def _time(at: AppTest, runs: int) -> tuple[list[float], int]:
    """Warm up, then time ``runs`` selection changes alternating between two selections."""
    at.run()
    for selection in SELECTIONS * 2:  # warm-up: first uses of each selection
        at.multiselect(key="kel_sel").set_value(selection).run()
    times, payloads = [], []
    for i in range(runs):
        widget = at.multiselect(key="kel_sel").set_value(SELECTIONS[i % 2])
        gc.collect()
        gc.disable()  # as timeit does: a collection triggered by an earlier run is not this run's cost
        try:
            start = time.perf_counter()
            widget.run()
            times.append(time.perf_counter() - start)
        finally:
            gc.enable()
        if at.exception:
            raise SystemExit(f"the app raised: {at.exception[0].value}")
        payloads.append(_payload(at))
    return times, int(statistics.median(payloads))


def _all_layers(at: AppTest) -> AppTest:
    at.run()
    for layer in LAYER_KEYS:
        at.checkbox(key=f"layer_{layer}").check()
    return at


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=12, help="timed selection changes per variant (default 12)")
    parser.add_argument("--assert", dest="check", action="store_true", help="exit 1 when the target is missed")
    args = parser.parse_args(argv)
    logging.getLogger("streamlit").setLevel(logging.ERROR)
    _navigation_mode()

    boundaries = json.loads((GEODATA / "kelurahan.geojson").read_text(encoding="utf-8"))
    codes = [feature["properties"]["kode"] for feature in boundaries["features"]]
    results: dict[str, tuple[list[float], int]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        bare = Path(tmp) / "bare.py"
        bare.write_text(BARE.format(codes=codes, layers=list(LAYER_KEYS)), encoding="utf-8")
        naive = Path(tmp) / "folium_default.py"
        naive.write_text(FOLIUM_DEFAULT.format(geodata=str(GEODATA), layers=list(LAYER_KEYS)), encoding="utf-8")

        started = time.perf_counter()
        results["ours (default layers)"] = _time(AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60),
                                                 args.runs)
        results["ours (all layers on)"] = _time(
            _all_layers(AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)), args.runs)
        results["bare (a)"] = _time(AppTest.from_file(str(bare), default_timeout=60), args.runs)
        results["folium-default (b)"] = _time(AppTest.from_file(str(naive), default_timeout=120), args.runs)
        elapsed = time.perf_counter() - started

    median = {name: statistics.median(times) for name, (times, _) in results.items()}
    print(f"Filter change on the map screen: {args.runs} timed reruns per variant, "
          f"alternating {SELECTIONS[0]} / {SELECTIONS[1]} (server side, AppTest)\n")
    print(f"{'variant':<24}{'median ms':>11}{'min ms':>9}{'max ms':>9}{'st_folium KB/rerun':>21}")
    for name, (times, payload) in results.items():
        print(f"{name:<24}{median[name] * 1e3:>11.1f}{min(times) * 1e3:>9.1f}{max(times) * 1e3:>9.1f}"
              f"{payload / 1024:>21.1f}")
    print()
    for name in ("ours (default layers)", "ours (all layers on)"):
        print(f"{name}: {median[name] / median['bare (a)']:.2f} x bare (a), "
              f"{median[name] / median['folium-default (b)']:.3f} x folium-default (b)")
    ratio = median["ours (default layers)"] / median["folium-default (b)"]
    verdict = "PASS" if ratio <= TARGET else "FAIL"
    heavy = median["ours (all layers on)"] / median["folium-default (b)"]
    print(f"\nTarget: ours (default layers) <= {TARGET:.2f} x (b): {ratio:.3f} -> {verdict}")
    print(f"  for information, every layer on: {heavy:.3f} x (b) -> {'within' if heavy <= TARGET else 'above'} "
          f"the target   (bench took {elapsed:.0f} s)")
    return 1 if (args.check and verdict == "FAIL") else 0


if __name__ == "__main__":
    raise SystemExit(main())
