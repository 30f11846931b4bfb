"""The map's structure: every layer present, 34 boundary features, tooltips escaped."""

from __future__ import annotations

from pathlib import Path

import folium
import pytest

from smartcity_geo.layers import (
    LAYER_KEYS,
    LAYERS,
    build_base_map,
    build_layer,
    selection_layer,
    to_browser,
    view_for,
)

GEODATA = Path(__file__).resolve().parent.parent / "geodata"


@pytest.fixture(scope="module")
def data(map_data):
    return map_data


def _geojsons(element):
    return [c for c in element._children.values() if isinstance(c, folium.GeoJson)]


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


def test_kecamatan_borders_have_no_sliver_holes(data):
    for geom in data.kecamatan.geometry:
        parts = getattr(geom, "geoms", [geom])
        assert all(len(p.interiors) == 0 for p in parts)
    assert data.outline.geometry.iloc[0].geom_type == "Polygon"
    assert len(data.outline.geometry.iloc[0].interiors) == 0


@pytest.mark.parametrize("lang", ["id", "en"])
def test_every_registered_layer_builds_with_features(data, lang):
    assert len(LAYERS) == len(set(LAYER_KEYS)) >= 8
    for spec in LAYERS:
        group = build_layer(spec.key, data, lang)
        assert isinstance(group, folium.FeatureGroup)
        features = sum(len(g.data["features"]) for g in _geojsons(group))
        assert features > 0, spec.key
        assert spec.label(lang) and spec.legend(lang)
        assert spec.status(data.pack) in ("official", "seed", "sample")


def test_layer_status_is_the_weakest_of_its_datasets(data):
    statuses = {spec.key: spec.status(data.pack) for spec in LAYERS}
    assert statuses["coverage_4g"] == data.pack.meta("cell_sites").status == "sample"
    assert statuses["network"] == "sample"  # links are sample even though the server room is seed


def test_hotspot_tooltips_say_how_the_position_was_obtained(data):
    group = build_layer("hotspots_public", data, "en")
    props = [f["properties"] for g in _geojsons(group) for f in g.data["features"]]
    assert all(p["position"] for p in props)
    assert not any("exact" in p["position"].lower() for p in props)
    assert len(props) == int((data.pack.table("hotspots")["type"] == "public").sum())


def test_browser_geojson_escapes_text_and_rounds_coordinates(data):
    frame = data.kelurahan.head(1).copy()
    frame["kelurahan"] = '<img src=x onerror="alert(1)">'
    out = to_browser(frame, {"kelurahan": lambda r: r["kelurahan"]})
    assert out["features"][0]["properties"]["kelurahan"] == "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;"
    ring = out["features"][0]["geometry"]["coordinates"][0]
    assert all(len(str(abs(v)).split(".")[-1]) <= 6 for xy in ring for v in xy)


def test_selection_zooms_in_and_highlights(data):
    (_, _), city_zoom = view_for(data)
    code = "35.75.04.1005"  # Kebonsari, a small kelurahan
    (lat, lon), zoom = view_for(data, [code])
    assert zoom > city_zoom + 1
    poly = data.kelurahan.set_index("kode").loc[code].geometry
    minx, miny, maxx, maxy = poly.bounds
    assert minx < lon < maxx and miny < lat < maxy
    group = selection_layer(data, [code], "id")
    assert [f["properties"]["kelurahan"] for g in _geojsons(group) for f in g.data["features"]] == ["Kebonsari"]
    assert _geojsons(selection_layer(data, [], "id")) == []


def test_gaps_layer_outlines_exactly_the_kelurahan_that_lack_something(data):
    from smartcity_geo import planning

    group = build_layer("gaps", data, "en")
    props = {f["properties"]["kode"]: f["properties"]["reasons"] for g in _geojsons(group) for f in g.data["features"]}
    # computed independently from the figures: no public hotspot, 4G under half the area, or no fibre
    fig = data.figures
    expected = set(fig.loc[(fig["hotspots_public"] == 0) | (fig["share_4g"] < 0.5) | (fig["fibre"] == False), "kode"])  # noqa: E712
    assert set(props) == expected and expected
    assert set(props) == set(planning.gaps(fig)["kode"])
    assert all(props.values())


def test_hotspots_are_drawn_above_areas_and_network_sites(data):
    from smartcity_geo.layers import build_layers

    groups = build_layers(["hotspots_public", "network", "coverage_4g", "gaps"], data, "id")
    names = [g.layer_name for g in groups]
    assert names[-1] == "Hotspot Wi-Fi publik"
    assert names.index("Jaringan OPD & ruang server") > names.index("Cakupan 4G")
