"""Spatial analytics: pure functions of (Geo)DataFrames, computed in the region's UTM zone.

No I/O and no styling here. Inputs are the pack's tables (EPSG:4326); every function that
measures projects to a metric CRS first: the ``crs`` given (the pack's ``metric_crs``), else
the CRS of an already projected input (the outline), else the UTM zone (south) of the
frame's middle longitude (:func:`metric_crs`). Shares are fractions 0-1; areas are km².

Over 450 lines on purpose, for now: the rule that picks the metric CRS sits beside every
function that measures in it (outline, kecamatan, coverage, figures, the clicked kelurahan),
so a region pack's projection is decided in one place; splitting it off is for a later round.
"""

from __future__ import annotations

from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from shapely.geometry import MultiPolygon, Polygon

from . import WGS84
from .region import utm_crs

# The source polygons were simplified one by one, leaving sliver gaps between neighbours
# (86 holes, the largest 2,282 m²). The city has no real enclaves, so holes below this
# size in a dissolved outline are gaps, not geography.
SLIVER_MAX_M2 = 10_000.0


def metric_crs(frame: gpd.GeoDataFrame, crs: str | None = None):
    """The metric CRS to measure ``frame`` in: ``crs``, else its own when projected, else its UTM zone."""
    if crs:
        return crs
    if frame.crs is not None and frame.crs.is_projected:
        return frame.crs
    if len(frame) == 0:
        raise ValueError("an empty frame in lon/lat has no UTM zone: pass crs")
    minx, _, maxx, _ = frame.to_crs(WGS84).total_bounds if frame.crs != WGS84 else frame.total_bounds
    return utm_crs((minx + maxx) / 2)


def to_utm(frame: gpd.GeoDataFrame, crs: str | None = None) -> gpd.GeoDataFrame:
    """``frame`` in its metric CRS (:func:`metric_crs`)."""
    return frame.to_crs(metric_crs(frame, crs))


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


def _union(geoms) -> shapely.Geometry:
    """Union of ``geoms``; GEOS unions the disjoint groups separately (faster for many)."""
    geoms = np.asarray(list(geoms) if not isinstance(geoms, np.ndarray) else geoms, dtype=object)
    if hasattr(shapely, "disjoint_subset_union_all"):  # shapely >= 2.1
        return shapely.disjoint_subset_union_all(geoms)
    return shapely.union_all(geoms)


def dissolve_clean(geoms) -> Polygon | MultiPolygon:
    """Union of polygons (metric CRS) with the sliver gaps between neighbours filled.

    NOTE: a tiny closing buffer (2 m out, 2 m in) also seals gaps that open to the
    outside as notches; it moves no outer boundary by more than a few centimetres. The
    buffers run part by part (a buffer of disjoint parts is the union of their buffers),
    which is what keeps thousands of kelurahan fast.
    """
    union = _union(geoms)
    grown = _union(shapely.buffer(shapely.get_parts(union), 2.0, join_style="mitre"))
    sealed = shapely.get_parts(shapely.buffer(shapely.get_parts(grown), -2.0, join_style="mitre"))
    filled = [fill_slivers(part) for part in sealed if not part.is_empty]
    if not filled:
        return Polygon()
    return filled[0] if len(filled) == 1 else _union(filled)


def city_outline(
    kelurahan: gpd.GeoDataFrame, kecamatan: gpd.GeoDataFrame | None = None, *, crs: str | None = None
) -> gpd.GeoDataFrame:
    """The region as one polygon (metric CRS), slivers filled.

    Parameters
    ----------
    kelurahan
        The kelurahan boundaries (any CRS).
    kecamatan
        Optional: :func:`kecamatan` of the same kelurahan, when already computed. The outline
        is then dissolved from the few kecamatan instead of every kelurahan, the same shape
        (closing and sliver filling are idempotent: the kecamatan are already sealed inside)
        at a third of the cost for thousands of kelurahan.
    """
    frame = to_utm(kecamatan if kecamatan is not None else kelurahan, crs)
    return gpd.GeoDataFrame({"name": ["outline"]}, geometry=[dissolve_clean(frame.geometry)], crs=frame.crs)


def kecamatan(kelurahan: gpd.GeoDataFrame, *, crs: str | None = None) -> gpd.GeoDataFrame:
    """The kecamatan (metric CRS), dissolved from their kelurahan/desa, slivers filled."""
    utm = to_utm(kelurahan, crs)
    keys = utm[["kode_kecamatan", "kecamatan"]].astype(str)
    order = np.lexsort((keys["kecamatan"].to_numpy(), keys["kode_kecamatan"].to_numpy()))
    pairs = list(zip(keys["kode_kecamatan"].to_numpy()[order], keys["kecamatan"].to_numpy()[order], strict=True))
    starts = [i for i in range(len(pairs)) if i == 0 or pairs[i] != pairs[i - 1]]
    geoms = utm.geometry.to_numpy()[order]
    bounds = [*starts, len(pairs)]
    return gpd.GeoDataFrame(
        {
            "kode_kecamatan": [pairs[i][0] for i in starts],
            "kecamatan": [pairs[i][1] for i in starts],
            "kelurahan_count": np.diff(bounds),
        },
        geometry=_dissolve_groups(geoms, bounds),
        crs=utm.crs,
    )


def _dissolve_groups(geoms: np.ndarray, bounds: list[int]) -> list:
    """:func:`dissolve_clean` of each run ``geoms[bounds[i]:bounds[i + 1]]``, buffers vectorised."""
    unions = np.array([_union(geoms[s:e]) for s, e in zip(bounds[:-1], bounds[1:], strict=True)], dtype=object)
    sealed = shapely.buffer(shapely.buffer(unions, 2.0, join_style="mitre"), -2.0, join_style="mitre")
    return [fill_slivers(geom) for geom in sealed]


def _geometry(frame: gpd.GeoDataFrame):
    """The one geometry of a frame (its metric CRS), or the union of its rows."""
    geoms = to_utm(frame).geometry
    return geoms.iloc[0] if len(geoms) == 1 else _union(geoms.to_numpy())


def clip(geom, area):
    """``geom`` ∩ ``area``, part by part through a spatial index (fast for many parts)."""
    if geom is None or geom.is_empty or area is None or area.is_empty:
        return Polygon()
    parts, zones = shapely.get_parts(geom), shapely.get_parts(area)
    g_idx, z_idx = shapely.STRtree(zones).query(parts, predicate="intersects")
    if not len(g_idx):
        return Polygon()
    pieces = shapely.intersection(parts[g_idx], zones[z_idx])
    pieces = shapely.get_parts(pieces)
    pieces = pieces[shapely.get_type_id(pieces) == 3]  # keep areas, drop touching lines and points
    return _union(pieces) if len(pieces) else Polygon()


def _unit_ring(quad_segs: int) -> np.ndarray:
    """The closed ring of a unit disc as GEOS buffers a point: from angle 0, clockwise."""
    angles = -2.0 * np.pi * np.arange(4 * quad_segs) / (4 * quad_segs)
    ring = np.column_stack([np.cos(angles), np.sin(angles)])
    return np.vstack([ring, ring[:1]])


def discs(x: np.ndarray, y: np.ndarray, radius: np.ndarray, *, quad_segs: int = 16) -> np.ndarray:
    """Disc polygons (an array) centred on ``(x, y)``, with the vertices ``Point.buffer`` gives.

    NOTE: built with numpy from one unit ring instead of buffering point by point (about
    20 times faster for 100,000 sites). Radii of 0 or less give empty polygons.
    """
    x, y, radius = (np.asarray(a, dtype=float) for a in (x, y, radius))
    ring = _unit_ring(quad_segs)
    coords = np.empty((len(x), len(ring), 2))
    coords[..., 0] = x[:, None] + radius[:, None] * ring[:, 0]
    coords[..., 1] = y[:, None] + radius[:, None] * ring[:, 1]
    polys = shapely.polygons(coords)
    polys[~(radius > 0)] = Polygon()
    return polys


def union_covering(polys: np.ndarray, *, first: int = 512, min_gain: float = 0.25):
    """Union of ``polys``, skipping those that lie inside what is already covered.

    Cascaded union in batches that double in size: after each batch, the polygons still
    to come that lie inside the union so far are dropped (a prepared ``contains_properly``
    test, cheap against a union that is simple because the discs overlap). Dense coverage
    - thousands of overlapping discs - then costs little more than its first batches. When
    a test drops less than ``min_gain`` of what it checked (sparse, barely overlapping
    polygons), the rest is unioned in one go. The result is the union of all ``polys``.
    """
    rest = np.asarray(polys, dtype=object)
    if not len(rest):
        return Polygon()
    rest = rest[~shapely.is_empty(rest)]
    union = shapely.union_all(rest[:first])
    rest = rest[first:]
    batch = 2 * first
    while len(rest):
        shapely.prepare(union)
        inside = shapely.contains_properly(union, rest)
        gain = inside.mean()
        rest = rest[~inside]
        if gain < min_gain:
            part, rest = rest, rest[:0]
        else:
            part, rest = rest[:batch], rest[batch:]
        union = shapely.union_all(np.append(part, union))
        batch *= 2
    return union


def coverage_areas(cell_sites: gpd.GeoDataFrame, outline: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Coverage per technology, computed from the sites (never drawn by hand).

    Each site's coverage is a disc of ``radius_m`` metres; discs are dissolved per
    technology and clipped to the city. Returns rows ``4G`` (any 4G) and ``3G_only``
    (3G where there is no 4G), in the outline's metric CRS, with ``area_km2``.

    NOTE: 3G discs that lie inside the 4G coverage add nothing to ``3G_only`` and are
    skipped (see :func:`union_covering`).
    """
    city = _geometry(outline)
    crs = metric_crs(outline)
    sites = cell_sites.to_crs(crs)
    polys = discs(sites.geometry.x.to_numpy(), sites.geometry.y.to_numpy(), sites["radius_m"].to_numpy(dtype=float))
    tech = sites["technology"].to_numpy()
    four_all = union_covering(polys[tech == "4G"])
    three_polys = polys[tech == "3G"]
    if len(three_polys) and not four_all.is_empty:
        shapely.prepare(four_all)
        three_polys = three_polys[~shapely.contains_properly(four_all, three_polys)]
    three_all = union_covering(three_polys)
    four = clip(four_all, city)
    three_only = clip(three_all, city).difference(four)
    frame = gpd.GeoDataFrame({"technology": ["4G", "3G_only"]}, geometry=[four, three_only], crs=crs)
    frame["area_km2"] = frame.geometry.area / 1e6
    return frame


def _share(geom, area_of) -> float:
    if area_of.area == 0:
        return float("nan")
    zones = shapely.get_parts(area_of)
    return float(overlap_areas(zones, geom).sum() / area_of.area)


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


def overlap_areas(polys: np.ndarray, cover) -> np.ndarray:
    """Area of each of ``polys`` that lies in ``cover`` (one geometry), via a spatial index.

    ``cover`` is split into its parts; an STRtree pairs each polygon with the parts it
    meets, and only those pairs are intersected (all at once). A polygon that lies wholly
    inside a part counts its whole area without an intersection.
    """
    polys = np.asarray(polys, dtype=object)
    out = np.zeros(len(polys))
    if cover is None or cover.is_empty or not len(polys):
        return out
    parts = shapely.get_parts(cover)
    tree = shapely.STRtree(parts)
    poly_idx, part_idx = tree.query(polys, predicate="intersects")
    if not len(poly_idx):
        return out
    shapely.prepare(parts)
    inside = shapely.contains_properly(parts[part_idx], polys[poly_idx])
    areas = np.where(
        inside,
        shapely.area(polys[poly_idx]),
        0.0,
    )
    cut = ~inside
    areas[cut] = shapely.area(shapely.intersection(polys[poly_idx][cut], parts[part_idx][cut]))
    np.add.at(out, poly_idx, areas)
    return out


def _shares(polys: np.ndarray, cover, area: np.ndarray) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(area > 0, overlap_areas(polys, cover) / np.where(area > 0, area, 1.0), np.nan)


def _tourism_by_kelurahan(
    kel: gpd.GeoDataFrame, area: np.ndarray, tourism: gpd.GeoDataFrame, min_overlap: float
) -> list[list[str]]:
    """Tourism area ids per kelurahan (in tourism-table order): named by the designation,
    or covering at least ``min_overlap`` of the kelurahan's area."""
    pairs: set[tuple[int, int]] = set()
    if len(tourism):
        position = {code: i for i, code in enumerate(kel["kode"])}
        for t_i, codes in enumerate(tourism["kelurahan_codes"].astype(str)):
            for code in codes.split(";"):
                if code.strip() in position:
                    pairs.add((position[code.strip()], t_i))
        geoms = tourism.geometry.to_numpy()
        drawn = np.flatnonzero(~(shapely.is_missing(geoms) | shapely.is_empty(geoms)))
        if len(drawn):
            polys = kel.geometry.to_numpy()
            tree = shapely.STRtree(geoms[drawn])
            k_idx, d_idx = tree.query(polys, predicate="intersects")
            shared = shapely.area(shapely.intersection(geoms[drawn][d_idx], polys[k_idx]))
            with np.errstate(divide="ignore", invalid="ignore"):
                keep = (area[k_idx] > 0) & (shared / np.where(area[k_idx] > 0, area[k_idx], 1.0) >= min_overlap)
            pairs.update(zip(k_idx[keep].tolist(), drawn[d_idx[keep]].tolist(), strict=True))
    ids = list(tourism["id"]) if len(tourism) else []
    names: list[list[str]] = [[] for _ in range(len(kel))]
    for k_i, t_i in sorted(pairs):
        names[k_i].append(ids[t_i])
    return names


def kelurahan_figures(
    kelurahan: gpd.GeoDataFrame,
    hotspots: gpd.GeoDataFrame,
    coverage: gpd.GeoDataFrame,
    broadband: pd.DataFrame,
    tourism: gpd.GeoDataFrame,
    *,
    min_tourism_overlap: float = 0.01,
    crs: str | None = None,
) -> pd.DataFrame:
    """One row per kelurahan: area, hotspots, coverage shares, broadband, tourism areas.

    Hotspots are counted by their ``kelurahan_code`` (the row's stated kelurahan).
    A tourism area belongs to a kelurahan when the designation names it, or when its
    drawn extent covers at least ``min_tourism_overlap`` of the kelurahan's area.

    NOTE: vectorised - coverage and tourism overlaps go through a spatial index
    (:func:`overlap_areas`), hotspots and broadband through group-bys and joins - so
    thousands of kelurahan take about a second, not minutes.
    """
    kel = to_utm(kelurahan, crs).reset_index(drop=True)
    polys = kel.geometry.to_numpy()
    area = shapely.area(polys)
    cov = coverage.to_crs(kel.crs).set_index("technology").geometry
    share_4g = _shares(polys, cov.get("4G"), area)
    share_3g = _shares(polys, cov.get("3G_only"), area)
    tour = tourism.to_crs(kel.crs) if len(tourism) else tourism

    codes = kel["kode"]
    kinds = (
        hotspots.groupby(["kelurahan_code", "type"]).size().unstack(fill_value=0) if len(hotspots) else pd.DataFrame()
    )
    ids: dict[str, list] = {}  # a plain loop: groupby(...).agg(list) costs a Python call per kelurahan
    for code, hotspot in zip(hotspots["kelurahan_code"].tolist(), hotspots["id"].tolist(), strict=True):
        ids.setdefault(code, []).append(hotspot)
    bb = broadband.drop_duplicates("kelurahan_code", keep="last").set_index("kelurahan_code")
    fibre, passed, providers = (bb[c].to_dict() for c in ("fibre", "households_passed_share", "providers"))

    def count(kind: str) -> np.ndarray:
        column = kinds[kind] if kind in kinds.columns else pd.Series(dtype=int)
        return column.reindex(codes).fillna(0).astype(int).to_numpy()

    return pd.DataFrame(
        {
            "kode": codes.to_numpy(),
            "kelurahan": kel["kelurahan"].to_numpy(),
            "kode_kecamatan": kel["kode_kecamatan"].to_numpy(),
            "kecamatan": kel["kecamatan"].to_numpy(),
            "area_km2": area / 1e6,
            "hotspots_public": count("public"),
            "hotspots_internal": count("internal"),
            "hotspot_ids": [list(ids.get(code, [])) for code in codes],
            "share_4g": share_4g,
            "share_3g_only": share_3g,
            "share_no_mobile": np.maximum(0.0, 1.0 - share_4g - share_3g),
            "fibre": [bool(fibre[c]) if c in fibre else None for c in codes],
            "households_passed_share": [float(passed[c]) if c in passed else np.nan for c in codes],
            "providers": [providers[c] if c in providers else pd.NA for c in codes],
            "tourism_area_ids": _tourism_by_kelurahan(kel, area, tour, min_tourism_overlap),
        }
    )


def city_summary(
    figures: pd.DataFrame,
    hotspots: gpd.GeoDataFrame,
    coverage: gpd.GeoDataFrame,
    outline: gpd.GeoDataFrame,
    *,
    clipped: bool = False,
) -> CitySummary:
    """The whole city's headline figures; coverage shares measured over the dissolved ``outline``.

    ``clipped=True`` says ``coverage`` is :func:`coverage_areas` of this ``outline`` (already
    clipped to it): a share is then its area over the city's, without intersecting the two
    again (the same figure up to rounding, at a fraction of the cost for thousands of kelurahan).
    """
    city = _geometry(outline)
    cov = coverage.to_crs(metric_crs(outline)).set_index("technology").geometry

    def share(technology: str) -> float:
        geom = cov.get(technology, Polygon())
        if not clipped:
            return _share(geom, city)
        return float(geom.area / city.area) if city.area else float("nan")

    return CitySummary(
        kelurahan=len(figures),
        kecamatan=figures["kode_kecamatan"].nunique(),
        hotspots_public=int((hotspots["type"] == "public").sum()),
        hotspots_internal=int((hotspots["type"] == "internal").sum()),
        share_4g=share("4G"),
        share_3g_only=share("3G_only"),
        kelurahan_with_fibre=int(figures["fibre"].fillna(False).astype(bool).sum()),
        area_km2=city.area / 1e6,
    )


def to_lonlat(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """``frame`` in EPSG:4326 (itself when it already is: the map's frames are lon/lat)."""
    return frame if frame.crs == WGS84 else frame.to_crs(WGS84)


def kelurahan_at(
    kelurahan: gpd.GeoDataFrame, lon: float, lat: float, *, tolerance_m: float = 30.0, crs: str | None = None
) -> str | None:
    """The code of the kelurahan at (lon, lat), or None outside the city.

    Where neighbours overlap (the source polygons were simplified one by one) the one whose
    interior is deepest at that point wins; a click in a sliver gap goes to the nearest
    kelurahan within ``tolerance_m``.
    """
    if kelurahan.crs is not None and kelurahan.crs.is_geographic:  # only the polygons near the point
        pad = 3 * tolerance_m / 111_000  # degrees, well beyond the tolerance at any latitude of Indonesia
        near = kelurahan.sindex.query(shapely.box(lon - pad, lat - pad, lon + pad, lat + pad))
        if len(near) == 0:
            return None
        kelurahan = kelurahan.iloc[sorted(near)]  # a province's 8,494 villages are not reprojected per click
    kel = to_utm(kelurahan, crs)
    point = gpd.GeoSeries(gpd.points_from_xy([lon], [lat]), crs=WGS84).to_crs(kel.crs).iloc[0]
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

    NOTE: computed on the columns' arrays (missing values skipped, as pandas' sums do): it
    runs on every filter change, and a boolean row selection of the whole table costs more
    than all the sums together.
    """
    rows = np.isin(figures["kode"].to_numpy(dtype=object), list(codes)) if codes else slice(None)

    def column(name: str) -> np.ndarray:
        return figures[name].to_numpy()[rows]

    areas = column("area_km2").astype(float)
    area = float(np.nansum(areas))
    weights = areas / area if area else areas * 0

    def weighted(name: str) -> float:
        return float(np.nansum(column(name).astype(float) * weights)) if area else float("nan")

    fibre = figures["fibre"].fillna(False).astype(bool).to_numpy()[rows]
    return {
        "kelurahan": int(len(areas)),
        "kecamatan": len({k for k in column("kode_kecamatan") if isinstance(k, str)}),
        "hotspots_public": int(np.nansum(column("hotspots_public"))),
        "hotspots_internal": int(np.nansum(column("hotspots_internal"))),
        "share_4g": weighted("share_4g"),
        "share_3g_only": weighted("share_3g_only"),
        "kelurahan_with_fibre": int(fibre.sum()),
        "area_km2": area,
    }
