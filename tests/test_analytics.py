"""Per-kelurahan figures on a small synthetic case whose answers are computed by hand.

The synthetic city: two square kelurahan, each 1,000 m x 1,000 m, side by side (west A,
east B), built in UTM 49S and stored in EPSG:4326 as the pack stores them.
"""

from __future__ import annotations

import math
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely
from shapely.geometry import Point, box

from smartcity_geo import WGS84, analytics
from smartcity_geo.datapack import load_pack
from smartcity_geo.mapdata import prepare_map_data

UTM49S = "EPSG:32749"  # the bundled pack's metric CRS (pack.metric_crs)

X0, Y0 = 700_000.0, 9_150_000.0  # a UTM 49S spot near Kota Pasuruan


def _kelurahan() -> gpd.GeoDataFrame:
    frame = gpd.GeoDataFrame(
        {
            "kode": ["35.75.01.1001", "35.75.01.1002"],
            "kode_kecamatan": ["35.75.01", "35.75.01"],
            "kecamatan": ["K", "K"],
            "kelurahan": ["A", "B"],
        },
        geometry=[box(X0, Y0, X0 + 1000, Y0 + 1000), box(X0 + 1000, Y0, X0 + 2000, Y0 + 1000)],
        crs=UTM49S,
    )
    return frame.to_crs(WGS84)


def _points(rows: list[dict]) -> gpd.GeoDataFrame:
    geometry = [Point(r.pop("x"), r.pop("y")) for r in rows]
    return gpd.GeoDataFrame(rows, geometry=geometry, crs=UTM49S).to_crs(WGS84)


def _case():
    kel = _kelurahan()
    outline = analytics.city_outline(kel)
    # One 4G disc of radius 500 m centred in A (area pi*500^2, entirely inside A);
    # one 3G disc of radius 400 m centred in B (entirely inside B, no 4G there).
    sites = _points(
        [
            {"id": "s1", "technology": "4G", "radius_m": 500.0, "x": X0 + 500, "y": Y0 + 500},
            {"id": "s2", "technology": "3G", "radius_m": 400.0, "x": X0 + 1500, "y": Y0 + 500},
        ]
    )
    coverage = analytics.coverage_areas(sites, outline)
    hotspots = _points(
        [
            {"id": "h1", "type": "public", "kelurahan_code": "35.75.01.1001", "x": X0 + 100, "y": Y0 + 100},
            {"id": "h2", "type": "public", "kelurahan_code": "35.75.01.1001", "x": X0 + 200, "y": Y0 + 100},
            {"id": "h3", "type": "internal", "kelurahan_code": "35.75.01.1002", "x": X0 + 1200, "y": Y0 + 100},
        ]
    )
    broadband = pd.DataFrame(
        {
            "kelurahan_code": ["35.75.01.1001", "35.75.01.1002"],
            "fibre": [True, False],
            "households_passed_share": [0.6, 0.0],
            "providers": [2, 0],
        }
    )
    tourism = gpd.GeoDataFrame(
        {"id": ["t1"], "kelurahan_codes": ["-"]},
        geometry=[box(X0 + 1800, Y0, X0 + 2000, Y0 + 1000)],  # 20 % of B, none of A
        crs=UTM49S,
    ).to_crs(WGS84)
    return kel, outline, coverage, hotspots, broadband, tourism


def test_coverage_is_buffered_in_metres_and_split_into_4g_and_3g_only():
    kel, outline, coverage, *_ = _case()
    areas = coverage.set_index("technology")["area_km2"]
    assert areas["4G"] == pytest.approx(math.pi * 0.5**2, rel=0.01)
    assert areas["3G_only"] == pytest.approx(math.pi * 0.4**2, rel=0.01)


def test_3g_only_excludes_places_that_have_4g():
    kel = _kelurahan()
    outline = analytics.city_outline(kel)
    # 3G disc exactly on top of a larger 4G disc: no 3G-only area remains.
    sites = _points(
        [
            {"id": "a", "technology": "4G", "radius_m": 600.0, "x": X0 + 1000, "y": Y0 + 500},
            {"id": "b", "technology": "3G", "radius_m": 300.0, "x": X0 + 1000, "y": Y0 + 500},
        ]
    )
    coverage = analytics.coverage_areas(sites, outline).set_index("technology")
    assert coverage.loc["3G_only", "area_km2"] == pytest.approx(0.0, abs=1e-6)


def test_coverage_is_clipped_to_the_city():
    kel = _kelurahan()
    outline = analytics.city_outline(kel)
    # A disc centred on the city's west edge: only half of it is inside.
    sites = _points([{"id": "a", "technology": "4G", "radius_m": 400.0, "x": X0, "y": Y0 + 500}])
    area = analytics.coverage_areas(sites, outline).set_index("technology").loc["4G", "area_km2"]
    assert area == pytest.approx(math.pi * 0.4**2 / 2, rel=0.01)


def test_kelurahan_figures_match_hand_computed_values():
    kel, outline, coverage, hotspots, broadband, tourism = _case()
    fig = analytics.kelurahan_figures(kel, hotspots, coverage, broadband, tourism).set_index("kode")
    a, b = fig.loc["35.75.01.1001"], fig.loc["35.75.01.1002"]
    assert a["area_km2"] == pytest.approx(1.0, rel=0.01)
    assert (a["hotspots_public"], a["hotspots_internal"]) == (2, 0)
    assert (b["hotspots_public"], b["hotspots_internal"]) == (0, 1)
    assert a["share_4g"] == pytest.approx(math.pi * 0.25, rel=0.01)  # 0.785
    assert a["share_3g_only"] == pytest.approx(0.0, abs=1e-9)
    assert b["share_4g"] == pytest.approx(0.0, abs=1e-9)
    assert b["share_3g_only"] == pytest.approx(math.pi * 0.16, rel=0.01)  # 0.503
    assert bool(a["fibre"]) and not bool(b["fibre"])
    assert a["tourism_area_ids"] == [] and b["tourism_area_ids"] == ["t1"]


def test_selection_summary_weights_shares_by_area():
    kel, outline, coverage, hotspots, broadband, tourism = _case()
    fig = analytics.kelurahan_figures(kel, hotspots, coverage, broadband, tourism)
    both = analytics.selection_summary(fig)
    assert both["kelurahan"] == 2
    assert both["hotspots_public"] == 2 and both["hotspots_internal"] == 1
    assert both["share_4g"] == pytest.approx(math.pi * 0.25 / 2, rel=0.01)
    assert both["kelurahan_with_fibre"] == 1
    only_b = analytics.selection_summary(fig, ["35.75.01.1002"])
    assert only_b["kelurahan"] == 1 and only_b["hotspots_public"] == 0
    assert only_b["share_3g_only"] == pytest.approx(math.pi * 0.16, rel=0.01)


def test_kelurahan_at_finds_the_clicked_kelurahan():
    kel = _kelurahan()
    to_lonlat = gpd.GeoSeries(
        [Point(X0 + 300, Y0 + 300), Point(X0 + 1700, Y0 + 300), Point(X0 + 5000, Y0)], crs=UTM49S
    ).to_crs(WGS84)
    a, b, outside = ((p.x, p.y) for p in to_lonlat)
    assert analytics.kelurahan_at(kel, *a) == "35.75.01.1001"
    assert analytics.kelurahan_at(kel, *b) == "35.75.01.1002"
    assert analytics.kelurahan_at(kel, *outside) is None


def test_city_outline_fills_sliver_gaps_but_keeps_the_shape():
    # Two squares 1 m apart: the dissolved outline is one polygon without a hole.
    left = box(X0, Y0, X0 + 1000, Y0 + 1000)
    right = box(X0 + 1001, Y0, X0 + 2000, Y0 + 1000)
    ring = box(X0 - 100, Y0 - 100, X0 + 2100, Y0 + 1100).difference(box(X0, Y0, X0 + 2000, Y0 + 1000))
    frame = gpd.GeoDataFrame({"kode": ["a", "b", "c"]}, geometry=[left, right, ring], crs=UTM49S).to_crs(WGS84)
    outline = analytics.city_outline(frame).geometry.iloc[0]
    assert outline.geom_type == "Polygon"
    assert len(outline.interiors) == 0
    assert outline.area == pytest.approx(2200 * 1200, rel=0.001)


# --------------------------------------------------------------------------------------
# The vectorised figures against an obviously-correct per-kelurahan loop, on the real pack

GEODATA = Path(__file__).resolve().parent.parent / "geodata"


@pytest.fixture(scope="module")
def real():
    pack = load_pack(GEODATA)
    kel = pack.table("kelurahan")
    outline = analytics.city_outline(kel)
    coverage = analytics.coverage_areas(pack.table("cell_sites"), outline)
    return pack, kel, outline, coverage


def _reference_figures(kel, hotspots, coverage, broadband, tourism, min_overlap=0.01) -> pd.DataFrame:
    """One kelurahan at a time, whole-geometry intersections: slow, plainly right."""
    kel = kel.to_crs(UTM49S)
    cov = coverage.to_crs(UTM49S).set_index("technology").geometry
    tour = tourism.to_crs(UTM49S)
    bb = broadband.set_index("kelurahan_code")
    rows = []
    for _, k in kel.iterrows():
        poly, here = k.geometry, hotspots[hotspots["kelurahan_code"] == k["kode"]]
        share = {tech: cov[tech].intersection(poly).area / poly.area for tech in ("4G", "3G_only")}
        tour_ids = [
            a["id"]
            for _, a in tour.iterrows()
            if k["kode"] in [c.strip() for c in str(a["kelurahan_codes"]).split(";")]
            or (a.geometry is not None and a.geometry.intersection(poly).area / poly.area >= min_overlap)
        ]
        rows.append(
            {
                "kode": k["kode"],
                "area_km2": poly.area / 1e6,
                "hotspots_public": int((here["type"] == "public").sum()),
                "hotspots_internal": int((here["type"] == "internal").sum()),
                "hotspot_ids": list(here["id"]),
                "share_4g": share["4G"],
                "share_3g_only": share["3G_only"],
                "fibre": bool(bb.loc[k["kode"], "fibre"]),
                "households_passed_share": float(bb.loc[k["kode"], "households_passed_share"]),
                "providers": bb.loc[k["kode"], "providers"],
                "tourism_area_ids": tour_ids,
            }
        )
    return pd.DataFrame(rows)


def test_vectorised_kelurahan_figures_equal_a_per_kelurahan_loop_on_the_real_pack(real):
    pack, kel, _outline, coverage = real
    args = (kel, pack.table("hotspots"), coverage, pack.table("broadband"), pack.table("tourism_areas"))
    got = analytics.kelurahan_figures(*args).set_index("kode")
    want = _reference_figures(*args).set_index("kode")
    assert list(got.index) == list(want.index) and len(got) == 34
    for column in ("area_km2", "share_4g", "share_3g_only", "households_passed_share"):
        assert np.allclose(got[column].astype(float), want[column].astype(float), rtol=1e-9, atol=1e-9), column
    for column in ("hotspots_public", "hotspots_internal", "hotspot_ids", "fibre", "providers", "tourism_area_ids"):
        assert list(got[column]) == list(want[column]), column
    # The comparison is not vacuous: the real pack has hotspots, coverage and tourism areas.
    assert got["hotspots_public"].sum() > 0 and got["share_4g"].max() > 0.5
    assert sum(len(ids) for ids in got["tourism_area_ids"]) > 0


def test_dissolve_and_kecamatan_equal_a_whole_union_on_the_real_pack(real):
    pack, kel, outline, _coverage = real
    utm = kel.to_crs(UTM49S)

    def reference(geoms):
        union = shapely.union_all(list(geoms))
        return analytics.fill_slivers(union.buffer(2.0, join_style="mitre").buffer(-2.0, join_style="mitre"))

    city = reference(utm.geometry)
    assert outline.geometry.iloc[0].symmetric_difference(city).area < 1e-3  # m², of a 39 km² city
    # the map's outline is dissolved from the kecamatan (cheaper): the same city
    from_kecamatan = analytics.city_outline(kel, analytics.kecamatan(kel)).geometry.iloc[0]
    assert from_kecamatan.symmetric_difference(city).area < 1e-3
    assert prepare_map_data(pack).outline.to_crs(UTM49S).geometry.iloc[0].symmetric_difference(city).area < 1e-2
    kec = analytics.kecamatan(kel).set_index("kode_kecamatan")
    assert list(kec.index) == sorted(utm["kode_kecamatan"].unique())
    for code, group in utm.groupby("kode_kecamatan"):
        assert kec.loc[code, "kelurahan_count"] == len(group)
        assert kec.loc[code, "geometry"].symmetric_difference(reference(group.geometry)).area < 1e-3


def test_discs_have_the_vertices_of_a_buffered_point():
    made = analytics.discs(np.array([X0, X0 + 50]), np.array([Y0, Y0]), np.array([700.0, 0.0]))
    buffered = Point(X0, Y0).buffer(700.0, quad_segs=16)
    assert np.allclose(shapely.get_coordinates(made[0]), shapely.get_coordinates(buffered), atol=1e-6)
    assert made[1].is_empty  # a site without a radius covers nothing


def test_union_of_dense_discs_equals_the_plain_union():
    rng = np.random.default_rng(3)
    n = 3000
    polys = analytics.discs(rng.uniform(X0, X0 + 5000, n), rng.uniform(Y0, Y0 + 4000, n), rng.uniform(300, 900, n))
    got, want = analytics.union_covering(polys), shapely.union_all(polys)
    assert got.symmetric_difference(want).area < 1e-3
    sparse = polys[:40]  # few, barely overlapping discs: the one-go path
    assert analytics.union_covering(sparse).symmetric_difference(shapely.union_all(sparse)).area < 1e-3


def test_coverage_equals_a_whole_geometry_computation_on_the_real_pack(real):
    pack, _kel, outline, coverage = real
    sites = pack.table("cell_sites").to_crs(UTM49S)
    city = outline.geometry.iloc[0]
    discs = sites.geometry.buffer(sites["radius_m"].to_numpy(dtype=float), quad_segs=16)
    four = shapely.union_all(discs[sites["technology"] == "4G"].to_numpy()).intersection(city)
    three = shapely.union_all(discs[sites["technology"] == "3G"].to_numpy()).intersection(city).difference(four)
    got = coverage.set_index("technology").geometry
    assert got["4G"].symmetric_difference(four).area < 1.0  # m²
    assert got["3G_only"].symmetric_difference(three).area < 1.0
    assert four.area > 1e6 and three.area > 0  # both technologies present in the real pack


def test_city_summary_of_clipped_coverage_equals_the_measured_overlap(real):
    pack, kel, outline, coverage = real
    figures = analytics.kelurahan_figures(
        kel, pack.table("hotspots"), coverage, pack.table("broadband"), pack.table("tourism_areas")
    )
    measured = analytics.city_summary(figures, pack.table("hotspots"), coverage, outline)
    shortcut = analytics.city_summary(figures, pack.table("hotspots"), coverage, outline, clipped=True)
    assert shortcut.share_4g == pytest.approx(measured.share_4g, abs=1e-9)
    assert shortcut.share_3g_only == pytest.approx(measured.share_3g_only, abs=1e-9)
    assert 0.3 < shortcut.share_4g < 1.0  # a real share, not a degenerate 0 or 1
