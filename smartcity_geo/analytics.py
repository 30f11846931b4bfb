"""Spatial analytics: pure functions of (Geo)DataFrames, computed in EPSG:32749.

No I/O and no styling here. Inputs are the pack's tables (EPSG:4326); every function that
measures projects to UTM 49S first. Shares are fractions 0-1; areas are km².
"""

from __future__ import annotations

from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from shapely.geometry import MultiPolygon, Polygon

from . import UTM49S, WGS84

# The source polygons were simplified one by one, leaving sliver gaps between neighbours
# (86 holes, the largest 2,282 m²). The city has no real enclaves, so holes below this
# size in a dissolved outline are gaps, not geography.
SLIVER_MAX_M2 = 10_000.0


def to_utm(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    return frame.to_crs(UTM49S)


def fill_slivers(geom, max_area: float = SLIVER_MAX_M2):
    """Remove interior rings smaller than ``max_area`` (in the geometry's units²)."""
    if geom is None or geom.is_empty:
        return geom
    if isinstance(geom, Polygon):
        keep = [ring for ring in geom.interiors if Polygon(ring).area > max_area]
        return Polygon(geom.exterior, keep)
    if isinstance(geom, MultiPolygon):
        return shapely.union_all([fill_slivers(part, max_area) for part in geom.geoms])
    return geom


def dissolve_clean(geoms) -> Polygon | MultiPolygon:
    """Union of polygons (metric CRS) with the sliver gaps between neighbours filled.

    NOTE: a tiny closing buffer (2 m out, 2 m in) also seals gaps that open to the
    outside as notches; it moves no outer boundary by more than a few centimetres.
    """
    union = shapely.union_all(list(geoms))
    sealed = union.buffer(2.0, join_style="mitre").buffer(-2.0, join_style="mitre")
    return fill_slivers(sealed)


def city_outline(kelurahan: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """The city as one polygon (EPSG:32749), slivers filled."""
    utm = to_utm(kelurahan)
    return gpd.GeoDataFrame({"name": ["Kota Pasuruan"]}, geometry=[dissolve_clean(utm.geometry)], crs=UTM49S)


def kecamatan(kelurahan: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """The 4 kecamatan (EPSG:32749), dissolved from their kelurahan, slivers filled."""
    utm = to_utm(kelurahan)
    rows = []
    for (code, name), group in utm.groupby(["kode_kecamatan", "kecamatan"], sort=True):
        rows.append({"kode_kecamatan": code, "kecamatan": name, "kelurahan_count": len(group),
                     "geometry": dissolve_clean(group.geometry)})
    return gpd.GeoDataFrame(rows, geometry="geometry", crs=UTM49S)


def coverage_areas(cell_sites: gpd.GeoDataFrame, outline: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Coverage per technology, computed from the sites (never drawn by hand).

    Each site's coverage is a disc of ``radius_m`` metres; discs are dissolved per
    technology and clipped to the city. Returns rows ``4G`` (any 4G) and ``3G_only``
    (3G where there is no 4G), in EPSG:32749, with ``area_km2``.
    """
    city = outline.to_crs(UTM49S).geometry.union_all()
    sites = cell_sites.to_crs(UTM49S)
    discs = sites.geometry.buffer(sites["radius_m"].to_numpy(dtype=float), quad_segs=16)
    by_tech = {
        tech: shapely.union_all(discs[sites["technology"] == tech].to_numpy()).intersection(city)
        for tech in ("4G", "3G")
    }
    four = by_tech["4G"]
    three_only = by_tech["3G"].difference(four)
    frame = gpd.GeoDataFrame(
        {"technology": ["4G", "3G_only"]}, geometry=[four, three_only], crs=UTM49S
    )
    frame["area_km2"] = frame.geometry.area / 1e6
    return frame


def _share(geom, area_of) -> float:
    if area_of.area == 0:
        return float("nan")
    return float(geom.intersection(area_of).area / area_of.area)


@dataclass(frozen=True)
class CitySummary:
    kelurahan: int
    kecamatan: int
    hotspots_public: int
    hotspots_internal: int
    share_4g: float
    share_3g_only: float
    kelurahan_with_fibre: int
    area_km2: float


def kelurahan_figures(
    kelurahan: gpd.GeoDataFrame,
    hotspots: gpd.GeoDataFrame,
    coverage: gpd.GeoDataFrame,
    broadband: pd.DataFrame,
    tourism: gpd.GeoDataFrame,
    *,
    min_tourism_overlap: float = 0.01,
) -> pd.DataFrame:
    """One row per kelurahan: area, hotspots, coverage shares, broadband, tourism areas.

    Hotspots are counted by their ``kelurahan_code`` (the row's stated kelurahan).
    A tourism area belongs to a kelurahan when the designation names it, or when its
    drawn extent covers at least ``min_tourism_overlap`` of the kelurahan's area.
    """
    kel = to_utm(kelurahan).reset_index(drop=True)
    cov = coverage.to_crs(UTM49S).set_index("technology").geometry
    four = cov.get("4G", Polygon())
    three_only = cov.get("3G_only", Polygon())
    tour = tourism.to_crs(UTM49S) if len(tourism) else tourism
    bb = broadband.set_index("kelurahan_code")

    rows = []
    for _, k in kel.iterrows():
        code = k["kode"]
        poly = k.geometry
        here = hotspots[hotspots["kelurahan_code"] == code]
        tour_names = []
        for _, area in tour.iterrows():
            listed = code in [c.strip() for c in str(area["kelurahan_codes"]).split(";")]
            overlaps = area.geometry is not None and _share(area.geometry, poly) >= min_tourism_overlap
            if listed or overlaps:
                tour_names.append(area["id"])
        share_4g = _share(four, poly)
        share_3g = _share(three_only, poly)
        b = bb.loc[code] if code in bb.index else None
        rows.append(
            {
                "kode": code,
                "kelurahan": k["kelurahan"],
                "kode_kecamatan": k["kode_kecamatan"],
                "kecamatan": k["kecamatan"],
                "area_km2": poly.area / 1e6,
                "hotspots_public": int((here["type"] == "public").sum()),
                "hotspots_internal": int((here["type"] == "internal").sum()),
                "hotspot_ids": list(here["id"]),
                "share_4g": share_4g,
                "share_3g_only": share_3g,
                "share_no_mobile": max(0.0, 1.0 - share_4g - share_3g),
                "fibre": None if b is None else bool(b["fibre"]),
                "households_passed_share": np.nan if b is None else float(b["households_passed_share"]),
                "providers": pd.NA if b is None else b["providers"],
                "tourism_area_ids": tour_names,
            }
        )
    return pd.DataFrame(rows)


def city_summary(
    figures: pd.DataFrame, hotspots: gpd.GeoDataFrame, coverage: gpd.GeoDataFrame, outline: gpd.GeoDataFrame
) -> CitySummary:
    city = outline.to_crs(UTM49S).geometry.union_all()
    cov = coverage.to_crs(UTM49S).set_index("technology").geometry
    return CitySummary(
        kelurahan=len(figures),
        kecamatan=figures["kode_kecamatan"].nunique(),
        hotspots_public=int((hotspots["type"] == "public").sum()),
        hotspots_internal=int((hotspots["type"] == "internal").sum()),
        share_4g=_share(cov.get("4G", Polygon()), city),
        share_3g_only=_share(cov.get("3G_only", Polygon()), city),
        kelurahan_with_fibre=int(figures["fibre"].fillna(False).astype(bool).sum()),
        area_km2=city.area / 1e6,
    )


def bounds_lonlat(frame: gpd.GeoDataFrame) -> tuple[float, float, float, float]:
    """(min lon, min lat, max lon, max lat) in EPSG:4326."""
    minx, miny, maxx, maxy = frame.to_crs(WGS84).total_bounds
    return float(minx), float(miny), float(maxx), float(maxy)


def kelurahan_at(kelurahan: gpd.GeoDataFrame, lon: float, lat: float, *, tolerance_m: float = 30.0) -> str | None:
    """The code of the kelurahan at (lon, lat), or None outside the city.

    Where neighbours overlap (the source polygons were simplified one by one) the one whose
    interior is deepest at that point wins; a click in a sliver gap goes to the nearest
    kelurahan within ``tolerance_m``.
    """
    kel = to_utm(kelurahan)
    point = gpd.GeoSeries(gpd.points_from_xy([lon], [lat]), crs=WGS84).to_crs(UTM49S).iloc[0]
    inside = kel[kel.geometry.contains(point)]
    if len(inside) == 1:
        return str(inside["kode"].iloc[0])
    if len(inside) > 1:
        depth = inside.geometry.boundary.distance(point)
        return str(inside.loc[depth.idxmax(), "kode"])
    distance = kel.geometry.distance(point)
    if distance.min() <= tolerance_m:
        return str(kel.loc[distance.idxmin(), "kode"])
    return None


def selection_summary(figures: pd.DataFrame, codes: list[str] | tuple[str, ...] = ()) -> dict[str, float | int]:
    """Totals for the selected kelurahan (all when ``codes`` is empty).

    Coverage shares are area-weighted over the selection, not averaged per kelurahan.
    """
    part = figures[figures["kode"].isin(list(codes))] if codes else figures
    area = float(part["area_km2"].sum())
    weight = part["area_km2"] / area if area else part["area_km2"] * 0
    return {
        "kelurahan": int(len(part)),
        "kecamatan": int(part["kode_kecamatan"].nunique()),
        "hotspots_public": int(part["hotspots_public"].sum()),
        "hotspots_internal": int(part["hotspots_internal"].sum()),
        "share_4g": float((part["share_4g"] * weight).sum()) if area else float("nan"),
        "share_3g_only": float((part["share_3g_only"] * weight).sum()) if area else float("nan"),
        "kelurahan_with_fibre": int(part["fibre"].fillna(False).astype(bool).sum()),
        "area_km2": area,
    }
