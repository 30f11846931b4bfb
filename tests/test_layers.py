"""The map's structure: registry as data, every layer present, positions honest, legend
complete, choropleth classes, empty layers, escaped tooltips, no geometry sent twice."""

from __future__ import annotations

import html
import json
import random
from pathlib import Path

import folium
import pytest

from smartcity_geo import choropleth, geometry, registry
from smartcity_geo.layers import (
    build_base_map,
    build_choropleth,
    build_layer,
    build_layers,
    build_legend,
    layer_legend,
    max_zoom_for,
    point_style,
    selection_layer,
    view_for,
)
from smartcity_geo.mapdata import prepare_map_data
from smartcity_geo.mapelements import KelurahanLabels, KelurahanOverlay, MapLegend, SharedKelurahan
from smartcity_geo.registry import LAYER_KEYS, LAYERS, MEASURE_KEYS, POSITION_SHAPE

ROOT = Path(__file__).resolve().parent.parent
GEODATA = ROOT / "geodata"
KEBONSARI = "35.75.04.1005"  # a small kelurahan


@pytest.fixture(scope="module")
def data(map_data):
    return map_data


def _geojsons(element):
    return [c for c in element._children.values() if isinstance(c, folium.GeoJson)]


def _children(element, kind):
    return [c for c in element._children.values() if isinstance(c, kind)]


def _legend_sections(group) -> list[dict]:
    (legend,) = _children(group, MapLegend)
    return legend.data["sections"]


# --------------------------------------------------------------------------------------
# Registry and module boundaries


def test_every_layer_has_a_builder_a_label_and_a_legend_text_per_symbol(data) -> None:
    assert len(LAYERS) == len(set(LAYER_KEYS)) >= 8
    for info in LAYERS:
        for lang in ("id", "en"):
            assert info.label(lang)
            items = info.legend(lang)
            assert items and all(item.label.strip() for item in items), info.key
    fibre = {item.color: item.label for item in registry.layer_info("broadband").legend("en")}
    assert fibre == {registry.PALETTE["fibre_yes"]: "fibre present", registry.PALETTE["fibre_no"]: "no fibre"}


def test_layer_status_is_the_weakest_of_its_datasets(data):
    statuses = {info.key: info.status(data.pack) for info in LAYERS}
    assert statuses["coverage_4g"] == data.pack.meta("cell_sites").status == "sample"
    assert statuses["network"] == "sample"  # links are sample even though the server room is seed
    assert statuses["hotspots_public"] == data.pack.meta("hotspots").status


# --------------------------------------------------------------------------------------
# Base map and layers


def test_base_map_has_34_clickable_kelurahan_and_4_kecamatan(data):
    m = build_base_map(data, "id")
    kel, kec = _geojsons(m)
    assert len(kel.data["features"]) == 34
    assert {f["properties"]["kode"] for f in kel.data["features"]} == set(data.kelurahan["kode"])
    assert len(kec.data["features"]) == 4
    # The city fits: the map's fitted bounds are the city's bounds.
    minx, miny, maxx, maxy = data.bounds
    fit = [c for c in m._children.values() if type(c).__name__ == "FitBounds"][0]
    assert fit.bounds == [[miny, minx], [maxy, maxx]]
    # the names' renderer (what it draws comes with the layers), a full-screen button
    assert len(_children(m, KelurahanLabels)) == 1
    assert _children(m, folium.plugins.Fullscreen)


def test_kelurahan_names_travel_with_the_layers_larger_in_presentation_mode(data):
    """Every name is in the layers' table, placed for every tenth of a zoom level; at least
    18 px in the meeting room (as body text there), and a larger name needs more room."""
    from smartcity_geo.layers import build_names, names_table
    from smartcity_geo.mapelements import LABEL_FONT_PX, LABEL_FONT_PX_LARGE, KelurahanNames

    normal, large = names_table(data), names_table(data, large=True)
    assert sorted(normal["names"]) == sorted(data.kelurahan["kelurahan"])
    assert normal["font_px"] == LABEL_FONT_PX >= 14 and large["font_px"] == LABEL_FONT_PX_LARGE >= 18
    assert set(normal["zooms"]) == set(large["zooms"])
    for zoom in normal["zooms"]:
        assert len(large["zooms"][zoom]) <= len(normal["zooms"][zoom]) + 1, zoom
    assert sum(len(rows) for rows in large["zooms"].values()) < sum(len(rows) for rows in normal["zooms"].values())
    (names,) = _children(build_names(large, "en", max_zoom=15.0), KelurahanNames)
    table = json.loads(names.table_json)
    assert table["max_zoom"] == 15.0 and table["key_title"] == "Names with no room on the map"


def test_kecamatan_borders_have_no_sliver_holes(data):
    for geom in data.kecamatan.geometry:
        parts = getattr(geom, "geoms", [geom])
        assert all(len(p.interiors) == 0 for p in parts)
    assert data.outline.geometry.iloc[0].geom_type == "Polygon"
    assert len(data.outline.geometry.iloc[0].interiors) == 0


@pytest.mark.parametrize("lang", ["id", "en"])
def test_every_registered_layer_builds_with_features(data, lang):
    for info in LAYERS:
        parts = geometry.layer_parts(info.key, data, lang)
        assert geometry.feature_count(parts) > 0, info.key
        group = build_layer(info.key, data, lang, parts)
        assert isinstance(group, folium.FeatureGroup)
        assert group._children, info.key


def test_layers_on_the_kelurahan_send_values_not_geometry_again(data):
    """Fibre, gaps, the choropleth and the selection reuse the base map's polygons."""
    classes = choropleth.classify(data.figures, "share_4g", data.pack, "id")
    groups = [
        build_layer("broadband", data, "id"),
        build_layer("gaps", data, "id"),
        build_choropleth(classes, "id"),
        selection_layer(data, [KEBONSARI], "id"),
    ]
    m = build_base_map(data, "id")
    for group in groups:
        group.add_to(m)
        script = "".join(child._template.module.script(child) for child in group._children.values())
        assert "coordinates" not in script
        assert _children(group, KelurahanOverlay)
    assert "window.scKelurahan" in m.get_root().render()


def test_browser_geojson_escapes_text_and_rounds_coordinates_to_5_decimals(data):
    frame = data.kelurahan.head(1).copy()
    frame["kelurahan"] = '<img src=x onerror="alert(1)">'
    out = geometry.to_browser(frame, {"kelurahan": lambda r: r["kelurahan"]})
    assert out["features"][0]["properties"]["kelurahan"] == "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;"
    ring = out["features"][0]["geometry"]["coordinates"][0]
    decimals = [len(repr(abs(v)).split(".")[-1]) for xy in ring for v in xy]
    assert max(decimals) == geometry.COORD_DECIMALS == 5


def test_overlay_text_is_sent_as_json_and_shown_as_text(data):
    payload = '</script><img src=x onerror="alert(1)">'
    overlay = KelurahanOverlay({KEBONSARI: {"s": {}, "tip": [["", payload]]}})
    group = folium.FeatureGroup()
    overlay.add_to(group)
    script = overlay._template.module.script(overlay)
    assert "</script><img" not in script and "\\u003c/script\\u003e" in script
    assert "window.scTip(rows)" in script and "innerHTML" not in script
    # the tooltip is built by the base map's one function, from text nodes only
    shared = SharedKelurahan(folium.GeoJson({"type": "FeatureCollection", "features": []}))
    tip = shared._template.module.script(shared)
    assert "window.scTip = function" in tip and "textContent" in tip and "createTextNode" in tip
    assert "innerHTML" not in tip


def test_gaps_layer_outlines_exactly_the_kelurahan_that_lack_something(data):
    from smartcity_geo import planning
    from smartcity_geo.rules import MIN_SHARE_4G

    parts = geometry.layer_parts("gaps", data, "en")
    reasons = {code: value["tip"][1][1] for code, value in parts["kelurahan"].items()}
    # computed independently from the figures: no public hotspot, 4G under the threshold, or no fibre
    fig = data.figures
    expected = set(
        fig.loc[(fig["hotspots_public"] == 0) | (fig["share_4g"] < MIN_SHARE_4G) | (~fig["fibre"].astype(bool)), "kode"]
    )
    assert set(reasons) == expected and expected
    assert set(reasons) == set(planning.gaps(fig)["kode"])
    assert all(reasons.values())


def test_drawing_order_areas_lines_points(data):
    groups = build_layers(["hotspots_public", "network", "coverage_4g", "gaps"], data, "id")
    names = [g.layer_name for g in groups]
    assert names[-1] == "Hotspot Wi-Fi publik"
    assert names.index("Jaringan OPD & ruang server") > names.index("Cakupan 4G")
    assert names.index("Jaringan OPD & ruang server") > names.index("Kesenjangan layanan")


# --------------------------------------------------------------------------------------
# Positions: symbols, tooltips, zoom


def test_each_way_of_placing_a_point_has_its_own_symbol():
    styles = {c: point_style(c, "#0F766E", 7) for c in POSITION_SHAPE}
    distinct = {json.dumps({k: v for k, v in s.items() if k != "radius"}, sort_keys=True) for s in styles.values()}
    assert len(distinct) == len(POSITION_SHAPE) == 4
    assert styles["exact"]["fillOpacity"] > 0.9 and "dashArray" not in styles["exact"]  # solid dot
    assert styles["approximate"]["fillColor"] == "#FFFFFF"  # hollow ring
    assert "dashArray" in styles["placeholder"] and "dashArray" in styles["sample"]
    assert len(set(POSITION_SHAPE.values())) == 4  # and in the legend


def test_hotspot_tooltips_and_legend_say_how_each_point_was_placed(data):
    parts = geometry.layer_parts("hotspots_public", data, "en")
    props = [f["properties"] for f in parts["points"]["features"]]
    hs = data.pack.table("hotspots")
    assert len(props) == int((hs["type"] == "public").sum())
    assert all(p["position"] and p["note"] for p in props)
    assert not any("exact" in p["position"].lower() for p in props)
    methods = set(hs.loc[hs["type"] == "public", "position_method"])
    assert {p["pclass"] for p in props} == {registry.position_class(m) for m in methods}
    # the placeholder (Gedung Kesenian) is not drawn like an address
    by_id = {f["properties"]["name"]: f["properties"]["pclass"] for f in parts["points"]["features"]}
    assert by_id["Public Wi-Fi, Darmoyudo arts building (Gedung Kesenian)"] == "placeholder"
    assert by_id["Public Wi-Fi, Dispendukcapil"] == "approximate"

    legend = build_legend(data, "en", ["hotspots_public"], {"hotspots_public": parts})
    section = next(s for s in _legend_sections(legend) if s["title"] == "Public Wi-Fi hotspots")
    labels = [item[0] for item in section["items"]]
    assert "approximate position (address/kelurahan)" in labels
    assert "illustrative point, location unknown" in labels
    assert section["status"] == "city presentation"


def test_a_selection_never_zooms_closer_than_the_positions_shown(data):
    (_, _), city_zoom = view_for(data)
    cap = max_zoom_for(data, registry.DEFAULT_LAYERS)
    assert cap == registry.POSITION_MAX_ZOOM["approximate"] == 15.0
    (lat, lon), zoom = view_for(data, [KEBONSARI], max_zoom=cap)
    assert city_zoom + 1 < zoom <= cap
    poly = data.kelurahan.set_index("kode").loc[KEBONSARI].geometry
    minx, miny, maxx, maxy = poly.bounds
    assert minx < lon < maxx and miny < lat < maxy
    # Without point layers the simplified boundaries still cap it.
    assert max_zoom_for(data, ["coverage_4g"]) == registry.BOUNDARY_MAX_ZOOM
    assert view_for(data, [KEBONSARI])[1] <= registry.BOUNDARY_MAX_ZOOM


def test_a_selection_view_is_fitted_to_exactly_the_selected_polygons(data):
    """The per-kelurahan bounds kept by MapData give the bounds of the selected rows themselves."""
    rng = random.Random(7)
    codes = list(data.kelurahan["kode"])
    for pick in [codes[:1], codes[3:5], rng.sample(codes, 9), codes]:
        rows = data.kelurahan[data.kelurahan["kode"].isin(pick)]
        assert data.selection_bounds(pick) == pytest.approx(tuple(rows.total_bounds), abs=0)
    assert data.selection_bounds(["35.75.99.9999"]) == data.selection_bounds() == data.bounds
    assert data.selection_bounds(["35.75.99.9999", codes[0]]) == data.selection_bounds(codes[:1])


def test_the_view_keeps_the_selection_clear_of_the_legend(data):
    """The base map fits the server's view beside the legend; every selection says what it is about."""
    from smartcity_geo.mapelements import FocusTarget, LegendAwareView

    m = build_base_map(data, "id")
    assert len(_children(m, LegendAwareView)) == 1
    fit = [c for c in m._children.values() if type(c).__name__ == "FitBounds"][0]
    assert fit.options["animate"] is False  # no zoom animation left to end on top of the fitted view
    script = m.get_root().render()
    assert "scServerView" in script and "arguments.length !== 2" in script
    for codes in ([], [KEBONSARI]):
        assert len(_children(selection_layer(data, codes, "id"), FocusTarget)) == 1


def test_selection_outlines_the_chosen_kelurahan(data):
    group = selection_layer(data, [KEBONSARI, "35.75.99.9999"], "id")
    (overlay,) = _children(group, KelurahanOverlay)
    assert set(overlay.values) == {KEBONSARI}
    assert overlay.interactive is False
    assert not _children(selection_layer(data, [], "id"), KelurahanOverlay)


# --------------------------------------------------------------------------------------
# Empty layers


def test_an_empty_layer_is_drawn_with_a_note_not_a_crash(data):
    hs = data.pack.table("hotspots")
    pack = data.pack.with_table("hotspots", hs[hs["type"] != "internal"])
    empty = prepare_map_data(pack)
    parts = geometry.layer_parts("hotspots_internal", empty, "en")
    assert geometry.feature_count(parts) == 0
    group = build_layer("hotspots_internal", empty, "en", parts)
    assert isinstance(group, folium.FeatureGroup) and not _geojsons(group)
    legend = build_legend(empty, "en", ["hotspots_internal", "hotspots_public"])
    sections = {s["title"]: s for s in _legend_sections(legend)}
    assert sections["Internal government hotspots"]["note"] == "none in this data"
    assert sections["Public Wi-Fi hotspots"]["note"] == ""
    m = build_base_map(empty, "en")
    group.add_to(m)
    legend.add_to(m)
    m.get_root().render()  # renders


# --------------------------------------------------------------------------------------
# Legend and choropleth


def test_on_map_legend_has_a_text_and_a_status_for_everything_drawn(data):
    classes = choropleth.classify(data.figures, "share_4g", data.pack, "id")
    legend = build_legend(data, "id", LAYER_KEYS, classes=classes)
    sections = _legend_sections(legend)
    assert len(sections) == 1 + 1 + len(LAYER_KEYS)  # boundaries, measure, every layer
    for section in sections:
        assert section["title"] and section["status"], section
        assert section["items"] and all(label.strip() for label, _c, _s in section["items"])
    fibre = next(s for s in sections if s["title"] == "Fiber per kelurahan")
    assert [label for label, _c, _s in fibre["items"]] == ["ada fiber", "belum ada fiber"]
    measure = sections[1]
    assert measure["title"] == "Luas dengan 4G" and measure["status"] == "contoh"


@pytest.mark.parametrize("measure", MEASURE_KEYS)
def test_every_measure_classifies_every_kelurahan(data, measure):
    classes = choropleth.classify(data.figures, measure, data.pack, "en")
    assert len(classes.rows) == 34
    assert 1 <= len(classes.bins) <= choropleth.K
    assert len({color for _t, color in classes.legend}) == len(classes.legend)  # one colour per class
    legend_colors = {color for _t, color in classes.legend}
    assert {color for _code, color, _n, _v in classes.rows} <= legend_colors
    assert classes.status in ("official", "seed", "sample", "computed")


def test_choropleth_uses_five_natural_classes_in_order(data):
    classes = choropleth.classify(data.figures, "share_4g", data.pack, "en")
    assert len(classes.bins) == 5 and list(classes.bins) == sorted(classes.bins)
    assert classes.bins[-1] == pytest.approx(data.figures["share_4g"].max())
    value = dict(zip(data.figures["kode"], data.figures["share_4g"], strict=True))
    index = {color: i for i, (_t, color) in enumerate(classes.legend)}
    ranked = sorted(classes.rows, key=lambda row: value[row[0]])
    assert [index[row[1]] for row in ranked] == sorted(index[row[1]] for row in ranked)  # darker = more
    assert classes.status == "sample"  # cell sites are sample data


def test_choropleth_with_few_distinct_values_gets_one_class_per_value(data):
    figures = data.figures.copy()
    figures["hotspots_public"] = [1, 2] * 17
    classes = choropleth.classify(figures, "wifi_points", data.pack, "en")
    assert [text for text, _c in classes.legend] == ["1", "2"]


def test_choropleth_shows_missing_values_as_no_data(data):
    figures = data.figures.copy()
    figures.loc[0, "households_passed_share"] = float("nan")
    classes = choropleth.classify(figures, "fibre_households", data.pack, "en")
    assert classes.legend[-1][0] == "no data"
    assert classes.rows[0][3] == "no data"


def test_kelurahan_level_indicators_are_measures_too(data):
    measures = {m.key: m for m in choropleth.indicator_measures(data.pack)}
    assert "ind:SS-CO-11" in measures and all(registry.is_measure_key(k) for k in measures)
    assert measures["ind:SS-CO-11"].label("en") == "Public Wi-Fi points in the kelurahan (count)"
    classes = choropleth.classify(data.figures, "ind:SS-CO-11", data.pack, "en")
    ind = data.pack.table("indicators")
    covered = set(ind.loc[ind["code"].str.startswith("SS-CO-11-"), "kelurahan_code"])
    shown = {code for code, _c, _n, text in classes.rows if text != "no data"}
    assert shown == covered and len(classes.rows) == 34
    assert classes.legend[-1] == ("no data", registry.CHOROPLETH_MISSING)
    # the RW coverage values are the official 2023 figures: the measure says so
    assert choropleth.classify(data.figures, "ind:SS-CO-12", data.pack, "en").status == "official"
    with pytest.raises(KeyError):
        choropleth.classify(data.figures, "ind:XX-XX-99", data.pack, "en")


# --------------------------------------------------------------------------------------
# Both languages in the tooltips and the tourism layer's national frame


def _props_by_id(parts: dict, part: str, table) -> dict:
    """Tooltip properties of ``parts[part]`` by row id (features keep the table's order)."""
    return dict(zip(table["id"], (f["properties"] for f in parts[part]["features"]), strict=True))


@pytest.mark.parametrize(("lang", "other"), [("id", "en"), ("en", "id")])
def test_point_tooltips_follow_the_language(data, lang, other):
    hs = data.pack.table("hotspots").set_index("id")
    public = data.pack.table("hotspots")
    public = public[public["type"] == "public"]
    props = _props_by_id(geometry.layer_parts("hotspots_public", data, lang), "points", public)
    row = hs.loc["hs-dispendukcapil"]
    tip = props["hs-dispendukcapil"]
    assert tip["note"] == html.escape(row[f"position_note_{lang}"]) != html.escape(row[f"position_note_{other}"])
    assert tip["name"] == html.escape(row["name_en"] if lang == "en" else row["name"])
    assert tip["name"] == ("Public Wi-Fi, Dispendukcapil" if lang == "en" else "Wi-Fi publik Dispendukcapil")
    sites = data.pack.table("gov_sites")
    network = geometry.layer_parts("network", data, lang)
    server = network["server"]["features"][0]["properties"]
    room = sites.set_index("id").loc["gs-server-room"]
    assert server["name"] == html.escape(room["name_en"] if lang == "en" else room["name"])
    assert server["note"] == html.escape(room[f"position_note_{lang}"])


@pytest.mark.parametrize(("lang", "other"), [("id", "en"), ("en", "id")])
def test_tourism_tooltip_speaks_the_language_and_names_the_kspn(data, lang, other):
    areas = data.pack.table("tourism_areas")
    mapped = areas[areas.geometry.notna() & ~areas.geometry.is_empty]  # unmapped areas have no feature
    props = _props_by_id(geometry.layer_parts("tourism", data, lang), "areas", mapped)
    row = areas.set_index("id").loc["ta-religi-alun-alun"]
    tip = props["ta-religi-alun-alun"]
    assert tip["name"] == html.escape(row[f"name_{lang}"])
    # to_browser escapes text for the tooltip; compare with the same escaping
    assert tip["designation"] == html.escape(row[f"designation_{lang}"])
    assert tip["designation"] != html.escape(row[f"designation_{other}"])
    assert tip["extent_note"] == html.escape(row[f"extent_note_{lang}"])
    status = "resmi" if lang == "id" else "official"
    assert "Bromo–Tengger–Semeru" in tip["frame"] and status in tip["frame"]
    group = build_layer("tourism", data, lang)
    rendered = folium.Map(location=[-7.64, 112.9]).add_child(group).get_root().render()
    assert ("Kawasan strategis nasional" if lang == "id" else "National strategic area") in rendered


@pytest.mark.parametrize(
    ("lang", "label"),
    [
        ("id", "Kawasan wisata (KSPN Bromo–Tengger–Semeru · resmi)"),
        ("en", "Tourism areas (Bromo–Tengger–Semeru KSPN · official)"),
    ],
)
def test_tourism_legend_names_the_national_strategic_area_with_its_status(data, lang, label):
    info = registry.layer_info("tourism")
    section = layer_legend(info, data, lang, geometry.layer_parts("tourism", data, lang))
    assert section["items"][0][0] == label
    # without the sourced fact, the legend says only what it knows
    facts = data.pack.table("facts")
    bare = data.pack.with_table("facts", facts[facts["key"] != "kspn_bromo_tengger_semeru"])
    assert registry.legend_items(info, bare, lang)[0].label == registry.layer_info("tourism").legend(lang)[0].label


# --------------------------------------------------------------------------------------
# One record per layer: the live map and the map picture draw every part with the same style


def _picture_artists(data, key: str):
    """The matplotlib collections layer ``key`` adds to a picture (drawn through ``mapimage.DRAWERS``)."""
    from matplotlib.figure import Figure

    from smartcity_geo import mapimage

    ax = Figure().add_axes((0, 0, 1, 1))
    mapimage.DRAWERS[key](ax, registry.layer_info(key), data, data.kelurahan.to_crs(32749))
    return ax.collections


def _rgb(color: str) -> tuple[float, float, float]:
    from matplotlib.colors import to_rgb

    return tuple(round(c, 4) for c in to_rgb(color))


@pytest.mark.parametrize("key", LAYER_KEYS)
def test_the_picture_and_the_live_map_share_every_style_of_a_layer(data, key) -> None:
    from smartcity_geo import mapimage

    assert set(mapimage.DRAWERS) == set(LAYER_KEYS)  # no layer silently missing from the picture
    info = registry.layer_info(key)
    assert info.styles, f"{key} has no style in the registry"
    live = folium.Map(tiles=None)
    build_layer(key, data, "en").add_to(live)
    script = live.get_root().render()
    artists = _picture_artists(data, key)
    for part, style in info.styles:
        # the live map: the colour, and the dash pattern as Leaflet writes it
        assert style.color in script or style.color.lower() in script, (key, part)
        if style.dash:
            assert json.dumps(style.leaflet()["dashArray"]) in script, (key, part)
        # the picture: some artist in that colour, at the scaled width, with the same dash ratio
        matching = []
        for artist in artists:
            colors = [_rgb_tuple(c) for c in (*artist.get_edgecolor(), *artist.get_facecolor())]
            if _rgb(style.color) in colors or _rgb(style.fill_color) in colors:
                matching.append(artist)
        assert matching, f"the picture does not draw {key}/{part} in {style.color}"
        lines = [a for a in matching if a.get_linestyle()[0][1] is not None]
        if style.dash:  # the same dashes relative to the line's width (Leaflet: px; matplotlib: scaled)
            assert lines, f"the picture draws {key}/{part} without its dashes"
            for artist in lines:
                width = float(artist.get_linewidths()[0])
                assert width == pytest.approx(style.line_width())
                pattern = [float(p) / width for p in artist.get_linestyle()[0][1]]
                assert pattern == pytest.approx([d / style.weight for d in style.dash])
        else:
            assert not lines, f"the picture dashes {key}/{part}; the map does not"


def _rgb_tuple(rgba) -> tuple[float, float, float]:
    return tuple(round(float(c), 4) for c in rgba[:3])


def test_the_picture_and_the_live_map_draw_the_base_from_the_same_styles(data) -> None:
    script = build_base_map(data, "en").get_root().render()
    for name in ("kelurahan", "kecamatan"):
        assert json.dumps(registry.BASE_STYLES[name].color) in script
    assert registry.BASE_STYLES["selection"].leaflet() == __import__("smartcity_geo.layers").layers.SELECTION_STYLE
