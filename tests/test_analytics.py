"""Per-kelurahan figures on a small synthetic case whose answers are computed by hand.

The synthetic city: two square kelurahan, each 1,000 m x 1,000 m, side by side (west A,
east B), built in UTM 49S and stored in EPSG:4326 as the pack stores them.
"""

from __future__ import annotations

import math

import geopandas as gpd
import pandas as pd
import pytest
from shapely.geometry import Point, box

from smartcity_geo import UTM49S, WGS84, analytics

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
    to_lonlat = gpd.GeoSeries([Point(X0 + 300, Y0 + 300), Point(X0 + 1700, Y0 + 300), Point(X0 + 5000, Y0)],
                              crs=UTM49S).to_crs(WGS84)
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
