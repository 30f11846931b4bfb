"""The two baselines the dashboard's filter change is measured against.

bare
    A bare Streamlit script with the same selection widget (the kelurahan multiselect,
    same options and labels) and the same layer checkboxes, and nothing else: the floor
    any Streamlit app pays for a rerun.
textbook
    A textbook streamlit-folium app drawing the same layers from the same files: every
    run reads the boundaries (and the point files a shown layer needs) with geopandas,
    computes what a shown layer needs (coverage buffers), builds one ``folium.Map`` with
    the boundaries, the shown layers and the selection outline fitted to the view, and
    renders it with ``st_folium(m)`` and its defaults. No caching, no tricks - and no
    strawman either: it draws only the layers that are switched on, as the dashboard does,
    and points as one GeoJSON layer each (not one marker per point, which would cost a
    Jinja template compilation per marker and make the baseline several times heavier).

Both use the widget keys the dashboard uses (``kel_sel``, ``layer_<key>``), so one client
drives all three. :func:`write_apps` writes them into a folder and returns their paths.
"""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

from smartcity_geo.registry import DEFAULT_LAYERS, LAYER_KEYS

BARE = textwrap.dedent(
    """
    import streamlit as st

    NAMES = {names!r}
    LAYERS = {layers!r}
    DEFAULT = {default!r}
    st.multiselect("Kelurahan", list(NAMES), format_func=NAMES.get, key="kel_sel")
    for layer in LAYERS:
        st.checkbox(layer, value=layer in DEFAULT, key="layer_" + layer)
    """
)

TEXTBOOK = textwrap.dedent(
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
    DEFAULT = {default!r}


    def dots(frame, fields, radius):
        return folium.GeoJson(frame, marker=folium.CircleMarker(radius=radius, fill=True),
                              tooltip=folium.GeoJsonTooltip(fields))


    def points(name):
        frame = pd.read_csv(DATA / name)
        return gpd.GeoDataFrame(frame, geometry=gpd.points_from_xy(frame["lon"], frame["lat"]), crs="EPSG:4326")


    kel = gpd.read_file(DATA / "kelurahan.geojson")
    names = dict(zip(kel["kode"], kel["kelurahan"] + " (" + kel["kecamatan"] + ")"))
    selection = st.multiselect("Kelurahan", list(kel["kode"]), format_func=names.get, key="kel_sel")
    shown = {{layer: st.checkbox(layer, value=layer in DEFAULT, key="layer_" + layer) for layer in LAYERS}}

    # headline figures of the selection (or the city)
    hotspots = points("hotspots.csv")
    area = kel[kel["kode"].isin(selection)] if selection else kel
    here = hotspots[hotspots["kelurahan_code"].isin(area["kode"])]
    cols = st.columns(3)
    cols[0].metric("Kelurahan", len(area))
    cols[1].metric("Public hotspots", int((here["type"] == "public").sum()))
    cols[2].metric("Internal hotspots", int((here["type"] == "internal").sum()))

    m = folium.Map(location=[-7.64, 112.9], zoom_start=13)
    folium.GeoJson(kel, name="Kelurahan", tooltip=folium.GeoJsonTooltip(["kelurahan", "kecamatan", "kode"])).add_to(m)
    folium.GeoJson(kel.dissolve("kecamatan").reset_index()[["kecamatan", "geometry"]], name="Kecamatan",
                   style_function=lambda f: {{"fill": False, "weight": 2.5, "color": "#1B2733"}}).add_to(m)
    for kind in ("public", "internal"):
        if shown["hotspots_" + kind]:
            dots(hotspots[hotspots["type"] == kind][["name", "geometry"]], ["name"], 6).add_to(m)
    if shown["coverage_4g"] or shown["coverage_3g"] or shown["cell_sites"] or shown["gaps"]:
        cells = points("cell_sites.csv")
        utm = cells.to_crs(32749)
        discs = utm.geometry.buffer(utm["radius_m"])
        city = kel.to_crs(32749).union_all()
        four = discs[utm["technology"] == "4G"].union_all().intersection(city)
        three = discs[utm["technology"] == "3G"].union_all().intersection(city).difference(four)
        if shown["coverage_4g"]:
            folium.GeoJson(gpd.GeoSeries([four], crs=32749).to_crs(4326), name="4G").add_to(m)
        if shown["coverage_3g"]:
            folium.GeoJson(gpd.GeoSeries([three], crs=32749).to_crs(4326), name="3G").add_to(m)
        if shown["cell_sites"]:
            dots(cells[["operator", "technology", "geometry"]], ["operator", "technology"], 4).add_to(m)
        if shown["gaps"]:
            kel_utm = kel.to_crs(32749)
            share = kel_utm.geometry.intersection(four).area / kel_utm.geometry.area
            gaps = kel[(share < 0.5).to_numpy()]
            folium.GeoJson(gaps[["kelurahan", "geometry"]], name="Gaps",
                           style_function=lambda f: {{"color": "#DC2626", "dashArray": "6 4", "fill": False}}).add_to(m)
    if shown["broadband"]:
        broadband = pd.read_csv(DATA / "broadband.csv")
        fibre = kel.merge(broadband, left_on="kode", right_on="kelurahan_code")
        folium.GeoJson(fibre[["kelurahan", "fibre", "households_passed_share", "geometry"]],
                       style_function=lambda f: {{"fillColor": "#0E7490" if f["properties"]["fibre"] else "#E11D48"}},
                       tooltip=folium.GeoJsonTooltip(["kelurahan", "fibre", "households_passed_share"])).add_to(m)
    if shown["network"]:
        gov = points("gov_sites.csv")
        links = pd.read_csv(DATA / "network_links.csv")
        at = gov.set_index("id").geometry
        lines = gpd.GeoDataFrame({{"medium": links["medium"]}}, crs="EPSG:4326", geometry=[
            LineString([at[a], at[b]]) for a, b in zip(links["from_id"], links["to_id"])])
        folium.GeoJson(lines, style_function=lambda f: {{"dashArray": "4 4", "color": "#7C3AED"}}).add_to(m)
        dots(gov[["name", "geometry"]], ["name"], 4).add_to(m)
    if shown["tourism"]:
        tourism = gpd.read_file(DATA / "tourism_areas.geojson")
        folium.GeoJson(tourism[tourism.geometry.notna()][["name_id", "theme", "geometry"]],
                       tooltip=folium.GeoJsonTooltip(["name_id", "theme"])).add_to(m)
    if selection:
        chosen = kel[kel["kode"].isin(selection)]
        folium.GeoJson(chosen[["kelurahan", "geometry"]],
                       style_function=lambda f: {{"color": "#D97706", "weight": 4, "fill": False}}).add_to(m)
        minx, miny, maxx, maxy = chosen.total_bounds
        m.fit_bounds([[miny, minx], [maxy, maxx]])
    st_folium(m)
    """
)


def write_apps(folder: Path, geodata: Path) -> dict[str, Path]:
    """Write the bare and textbook scripts into ``folder``; returns ``{name: path}``."""
    boundaries = json.loads((geodata / "kelurahan.geojson").read_text(encoding="utf-8"))
    names = {
        f["properties"]["kode"]: f"{f['properties']['kelurahan']} ({f['properties']['kecamatan']})"
        for f in boundaries["features"]
    }
    paths = {"bare": folder / "bare.py", "textbook": folder / "textbook.py"}
    paths["bare"].write_text(
        BARE.format(names=names, layers=list(LAYER_KEYS), default=list(DEFAULT_LAYERS)), encoding="utf-8"
    )
    paths["textbook"].write_text(
        TEXTBOOK.format(geodata=str(geodata), layers=list(LAYER_KEYS), default=list(DEFAULT_LAYERS)), encoding="utf-8"
    )
    return paths
