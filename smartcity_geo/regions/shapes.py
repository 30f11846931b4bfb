"""Upstream rings (latitude first) to GeoJSON geometry (lon/lat), and the metric projection.

The bundled boundary file's rules, for every region: axes swapped to lon/lat, coordinates
rounded to 6 decimals (at most 0.06 m), exterior rings counter-clockwise and holes clockwise
(RFC 7946). Nothing is simplified or snapped. A polygon that is not valid after rounding
(a self-touching ring, a "hole" outside its shell) is repaired with shapely ``make_valid``,
kept to its polygonal parts and put back on the 6-decimal grid; the pack says how many.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import shapely
from shapely.geometry import MultiPolygon, Polygon
from shapely.geometry.polygon import orient

DECIMALS = 6
GRID = 10.0**-DECIMALS


class ShapeError(ValueError):
    """The path is not a ring list of [lat, lng] pairs."""


@dataclass(frozen=True)
class Shape:
    """A village polygon in lon/lat: the GeoJSON geometry, its shapely form and whether it was repaired."""

    geojson: dict
    geometry: Polygon | MultiPolygon
    repaired: bool


def _depth(value) -> int:
    depth = 0
    while isinstance(value, list) and value:
        depth += 1
        value = value[0]
    return depth


def _ring(points) -> list[tuple[float, float]]:
    ring = []
    for point in points:
        if not (isinstance(point, list) and len(point) == 2):
            raise ShapeError("a vertex is not a [lat, lng] pair")
        lat, lng = point
        if not all(isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v) for v in point):
            raise ShapeError("a vertex is not a number")
        if not (-90.0 <= lat <= 90.0 and -180.0 <= lng <= 180.0):
            raise ShapeError(f"vertex [{lat}, {lng}] is outside latitude/longitude ranges")
        ring.append((round(lng, DECIMALS), round(lat, DECIMALS)))
    if len(ring) < 3:
        raise ShapeError("a ring has fewer than 3 vertices")
    return ring


def _polygons(path) -> list[Polygon]:
    depth = _depth(path)
    if depth == 3:
        polygons = [path]
    elif depth == 4:
        polygons = path
    else:
        raise ShapeError("path is neither a polygon (rings) nor a list of polygons")
    out = []
    for rings in polygons:
        if not isinstance(rings, list) or not rings:
            raise ShapeError("an empty polygon")
        parts = [_ring(r) for r in rings]
        out.append(Polygon(parts[0], parts[1:]))
    return out


def _polygonal(geom) -> list[Polygon]:
    if geom.is_empty:
        return []
    if isinstance(geom, Polygon):
        return [geom]
    if isinstance(geom, MultiPolygon):
        return list(geom.geoms)
    if hasattr(geom, "geoms"):
        return [p for g in geom.geoms for p in _polygonal(g)]
    return []


def _coords(ring) -> list[list[float]]:
    return [[round(x, DECIMALS), round(y, DECIMALS)] for x, y in ring.coords]


def _geojson(polygons: list[Polygon]) -> dict:
    rings = [[_coords(p.exterior), *(_coords(h) for h in p.interiors)] for p in polygons]
    if len(rings) == 1:
        return {"type": "Polygon", "coordinates": rings[0]}
    return {"type": "MultiPolygon", "coordinates": rings}


def _shapely(polygons: list[Polygon]) -> Polygon | MultiPolygon:
    return polygons[0] if len(polygons) == 1 else MultiPolygon(polygons)


def shape_from_path(path) -> Shape:
    """The GeoJSON geometry of one upstream ``path`` (see the module notes); ``ShapeError`` if unusable."""
    polygons = [orient(p, 1.0) for p in _polygons(path)]
    geom = _shapely(polygons)
    if geom.is_valid:
        return Shape(_geojson(polygons), geom, repaired=False)
    fixed = shapely.set_precision(shapely.make_valid(geom), GRID)
    parts = [orient(p, 1.0) for p in _polygonal(fixed) if not p.is_empty and p.area > 0]
    if not parts:
        raise ShapeError("no area left after make_valid")
    geojson = _geojson(parts)
    return Shape(geojson, shapely.geometry.shape(geojson), repaired=True)


def utm_epsg(lon: float, lat: float) -> str:
    """The UTM zone of a point as an EPSG code: ``EPSG:327ZZ`` south of the equator, ``EPSG:326ZZ`` north."""
    zone = min(60, max(1, int(math.floor((lon + 180.0) / 6.0)) + 1))
    return f"EPSG:{(32700 if lat < 0 else 32600) + zone}"
