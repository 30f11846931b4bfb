"""Village polygons simplified per zoom band: lighter files for the province and kab/kota views.

Pure functions (no files written here but by :func:`write_bands` into a folder it is given):

1. the full-detail polygons are projected to the pack's metric CRS (``EPSG:327ZZ``);
2. made a true coverage with ``shapely.coverage_clean`` (GEOS 3.14): the upstream polygons are
   not one (in Jawa Timur 17,148 neighbour pairs overlap by more than 1 m², median 211 m²,
   and the union holds 38,596 slivers), and without an edge-matched coverage a simplification
   opens gaps and overlaps between neighbours. Overlaps go to the smaller village
   (``min_area``: an enclave drawn on top of its neighbour stays whole), gaps narrower than
   :data:`GAP_M` go to the neighbour with the longest shared border, vertices within
   :data:`SNAP_M` are snapped together; a large coverage in strips on threads, then its seams
   (:func:`clean`: Jawa Timur 11 s wall instead of 53 s);
3. ``shapely.coverage_simplify`` per band (shared edges stay shared);
4. back to EPSG:4326, coordinates rounded to the band's decimals, made valid where rounding
   broke a polygon (``make_valid``, polygonal parts, on the band's grid).

The bands, measured on the 8,494 polygons of Jawa Timur (``bench/bench_province.py``):

* zoom <= 8 (the province view, ~600 m a pixel): 250 m tolerance; about a sixth of the
  full-detail vertices. Villages narrower than the tolerance shrink to slivers (their area is
  not kept at this zoom, their place in the coverage is);
* zoom 9-10 (the kab/kota view, ~150 m a pixel): 20 m tolerance. At 40 m twelve small villages
  lost more than 2 % of their area (worst 6.5 %), at 30 m three, at 20 m none (worst 1.2 %);
* zoom >= 11: the full-detail ``kelurahan.geojson`` (no band file).

Both bands keep 6 decimals (~0.1 m): rounding each vertex on its own breaks the coverage by
about the grid times an edge's length. At 250 m, 3 decimals made overlaps of 22,600 m² and new
gaps of 42,700 m², 4 decimals 1,383 m², 5 decimals 186 m²; 6 decimals 0.2 m² (under the 1 m²
the tests hold). The band files are lighter by their vertices, not by their digits.

Each band also has the kab/kota outlines: ``coverage_union`` of that band's simplified
villages per kab/kota (before rounding, so the outline's vertices are its villages' vertices).
"""

from __future__ import annotations

import hashlib
import json
import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import shapely
from pyproj import Transformer

from .errors import RegionError

SNAP_M = 0.5
GAP_M = 50.0
SPLIT_FROM = 1000  # polygons: a coverage this large is cleaned in strips (clean)
SPLIT_PARTS = 4
SEAM_M = 1000.0  # polygons this close to another strip are cleaned together again
WGS84 = "EPSG:4326"
GEOMETRY_DIR = "geometry"


@dataclass(frozen=True)
class Band:
    """One zoom band: up to ``max_zoom``, simplified with ``tolerance_m``, rounded to ``decimals``."""

    max_zoom: int
    tolerance_m: float
    decimals: int

    def file(self, which: str) -> str:
        return f"{GEOMETRY_DIR}/{which}.z{self.max_zoom}.geojson"


BANDS = (Band(8, 250.0, 6), Band(10, 20.0, 6))


def _transform(geoms, source: str, target: str) -> np.ndarray:
    forward = Transformer.from_crs(source, target, always_xy=True)

    def move(coords: np.ndarray) -> np.ndarray:
        x, y = forward.transform(coords[:, 0], coords[:, 1])
        return np.column_stack([x, y])

    return shapely.transform(np.asarray(geoms, dtype=object), move)


def to_metric(geoms, crs: str) -> np.ndarray:
    """Lon/lat geometries in the metric CRS ``crs`` (metres)."""
    return _transform(geoms, WGS84, crs)


def to_lonlat(geoms, crs: str) -> np.ndarray:
    return _transform(geoms, crs, WGS84)


def _clean_all(geoms: np.ndarray) -> np.ndarray:
    # GEOS can leave the floating-point "invalid" flag raised inside coverage_clean (seen once in
    # the real province's build, on a strip's thread), which numpy reports as a RuntimeWarning on
    # the builder's stderr; the result is checked as a coverage by the tests, not by that flag
    with np.errstate(invalid="ignore"):
        return shapely.coverage_clean(geoms, gap_width=GAP_M, snapping_distance=SNAP_M, merge_strategy="min_area")


def clean(metric, parts: int | None = None) -> np.ndarray:
    """The polygons (metric) as an edge-matched coverage without overlaps (see the module notes).

    ``coverage_clean``'s time grows faster than the number of polygons (Jawa Timur's 8,494
    villages: 52.8 s of CPU at once; its two halves by longitude 16.4 s and 9.9 s). So a large
    coverage is cut into ``parts`` strips by longitude, equal in vertices (:data:`SPLIT_PARTS`
    from :data:`SPLIT_FROM` polygons), cleaned on threads (GEOS releases the GIL), and then the
    polygons of each strip within :data:`SEAM_M` of another strip are cleaned together again:
    their overlaps and gaps across the seam are resolved as a single clean would, and their
    edges with the rest, already matched, are left as they were. Jawa Timur: 11.0 s wall on
    two CPUs, a valid coverage (``shapely.coverage_is_valid``), the same total area, each
    village within 0.05 % of its area from a single clean (which neighbour a sliver goes to
    can differ). The strips do not depend on the machine: the same input gives the same output.
    """
    geoms = np.asarray(metric, dtype=object)
    parts = parts if parts is not None else (SPLIT_PARTS if len(geoms) >= SPLIT_FROM else 1)
    if parts < 2:
        return _clean_all(geoms)
    order = np.argsort(shapely.get_x(shapely.centroid(geoms)), kind="stable")
    vertices = np.cumsum(shapely.get_num_coordinates(geoms)[order])
    strips = np.split(order, np.searchsorted(vertices, vertices[-1] * np.arange(1, parts) / parts))
    out = np.empty(len(geoms), dtype=object)
    with ThreadPoolExecutor(max(1, min(parts, os.cpu_count() or 1))) as pool:
        for index, cleaned in zip(strips, pool.map(lambda s: _clean_all(geoms[s]), strips), strict=True):
            out[index] = cleaned
    strip = np.empty(len(geoms), dtype=int)
    for k, index in enumerate(strips):
        strip[index] = k
    left, right = shapely.STRtree(out).query(out, predicate="dwithin", distance=SEAM_M)
    across = strip[left] != strip[right]
    seam = np.unique(np.concatenate([left[across], right[across]]))
    if len(seam):
        out[seam] = _clean_all(out[seam])
    return out


def _polygonal(geom):
    parts = [p for p in shapely.get_parts(geom) if p.geom_type in ("Polygon", "MultiPolygon") and p.area > 0]
    if not parts:
        parts = [p for g in shapely.get_parts(geom) for p in shapely.get_parts(g) if p.geom_type == "Polygon"]
    return shapely.multipolygons(parts) if len(parts) > 1 else parts[0] if parts else shapely.Polygon()


def round_valid(geoms, decimals: int) -> np.ndarray:
    """Coordinates rounded to ``decimals``; a polygon that rounding made invalid is repaired on that grid."""
    rounded = shapely.transform(np.asarray(geoms, dtype=object), lambda c: np.round(c, decimals))
    grid = 10.0**-decimals
    for i in np.flatnonzero(~shapely.is_valid(rounded)):
        rounded[i] = shapely.set_precision(_polygonal(shapely.make_valid(rounded[i])), grid)
    return shapely.orient_polygons(rounded)


def simplify(clean_metric, band: Band) -> np.ndarray:
    """The cleaned coverage (metric) simplified with the band's tolerance; still metric."""
    return shapely.coverage_simplify(np.asarray(clean_metric, dtype=object), band.tolerance_m)


def outlines(simplified_metric, groups) -> dict[str, object]:
    """group -> the union of its members (a coverage: ``coverage_union_all``), metric."""
    groups = np.asarray(groups)
    return {g: shapely.coverage_union_all(simplified_metric[groups == g]) for g in sorted(set(groups.tolist()))}


def band_geojson(features) -> str:
    """``[(properties, geometry), ...]`` as a compact FeatureCollection, one feature per line."""
    lines = ['{"type":"FeatureCollection","features":[']
    features = list(features)
    for i, (props, geom) in enumerate(features):
        geometry = json.loads(shapely.to_geojson(geom))
        text = json.dumps({"type": "Feature", "properties": props, "geometry": geometry}, separators=(",", ":"))
        lines.append(text + ("," if i < len(features) - 1 else ""))
    lines.append("]}")
    return "\n".join(lines) + "\n"


@dataclass(frozen=True)
class BandFiles:
    """One band made: its parameters and the two files' text (villages, kab/kota outlines)."""

    band: Band
    villages: str
    kabkota: str
    villages_metric: np.ndarray  # the simplified villages before rounding (for the quality figures)


def make_bands(clean_metric, codes, kabkota: dict[str, str], crs: str, bands=BANDS) -> list[BandFiles]:
    """Every band of the cleaned coverage; ``codes`` the villages' codes, ``kabkota`` code -> name."""
    groups = [c[:5] for c in codes]
    made = []
    for band in bands:
        simplified = simplify(clean_metric, band)
        villages = round_valid(to_lonlat(simplified, crs), band.decimals)
        merged = outlines(simplified, groups)
        shapes = round_valid(to_lonlat(list(merged.values()), crs), band.decimals)
        made.append(
            BandFiles(
                band,
                band_geojson(({"kode": c}, g) for c, g in zip(codes, villages, strict=True)),
                band_geojson(({"kode": k, "nama": kabkota.get(k, "")}, g) for k, g in zip(merged, shapes, strict=True)),
                simplified,
            )
        )
    return made


def file_entry(name: str, data: bytes) -> dict:
    return {"file": name, "bytes": len(data), "sha256": hashlib.sha256(data).hexdigest()}


def band_entry(made: BandFiles) -> dict:
    """The manifest's ``geometry_bands`` entry of one band (sealed: bytes and sha256 of each file)."""
    b = made.band
    return {
        "max_zoom": b.max_zoom,
        "tolerance_m": b.tolerance_m,
        "decimals": b.decimals,
        "villages": file_entry(b.file("kelurahan"), made.villages.encode("utf-8")),
        "kabkota": file_entry(b.file("kabkota"), made.kabkota.encode("utf-8")),
    }


def read_band(pack_dir: Path, entry: dict, which: str) -> dict:
    """The FeatureCollection of a band file (``which``: ``villages`` or ``kabkota``), checked against its seal.

    A missing file, another size or another SHA-256 than the manifest records is refused
    (:class:`RegionError` ``band_mismatch``): a half-written or hand-edited file is never drawn.
    """
    sealed = entry[which]
    path = Path(pack_dir) / sealed["file"]
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise RegionError("band_unreadable", file=str(path), detail=exc.strerror or type(exc).__name__) from None
    if len(data) != sealed["bytes"] or hashlib.sha256(data).hexdigest() != sealed["sha256"]:
        raise RegionError("band_mismatch", file=str(path), bytes=len(data), expected=sealed["bytes"])
    return json.loads(data.decode("utf-8"))


@dataclass(frozen=True)
class Quality:
    """A band against the full detail (m², %): what a simplification must not do."""

    max_overlap_m2: float  # the largest area two of the band's villages share
    max_gap_m2: float  # the largest hole of the band's union that the reference has no hole at
    worst_area_pct: float  # the largest area change of one village against the reference
    worst_code: str


def quality(reference_metric, band_metric, codes) -> Quality:
    """Overlaps, new gaps and area changes of ``band_metric`` against ``reference_metric`` (same order).

    A gap is a hole of the band's union that touches no hole of the reference's union (a
    lake or an undrawn enclave is a hole in both and is not a gap).
    """
    band = _valid(band_metric)
    ref = _valid(reference_metric)
    left, right = shapely.STRtree(band).query(band, predicate="intersects")
    keep = left < right
    shared = shapely.area(shapely.intersection(band[left[keep]], band[right[keep]]))
    ref_holes = _holes(shapely.union_all(ref))
    band_holes = _holes(shapely.union_all(band))
    touched = (
        set(shapely.STRtree(ref_holes).query(band_holes, predicate="intersects")[0].tolist()) if ref_holes else set()
    )
    new = [h for i, h in enumerate(band_holes) if i not in touched]
    area_ref = shapely.area(ref)
    change = np.abs(shapely.area(band) - area_ref) / np.where(area_ref > 0, area_ref, 1.0) * 100.0
    worst = int(np.argmax(change)) if len(change) else 0
    return Quality(
        float(shared.max()) if len(shared) else 0.0,
        max((h.area for h in new), default=0.0),
        float(change[worst]) if len(change) else 0.0,
        codes[worst] if len(change) else "",
    )


def _holes(union) -> list:
    return [shapely.Polygon(h) for p in shapely.get_parts(union) for h in p.interiors]


def _valid(geoms) -> np.ndarray:
    """Reprojected polygons can turn invalid by a fraction of a millimetre: repaired for the measurement."""
    geoms = np.array(geoms, dtype=object)
    for i in np.flatnonzero(~shapely.is_valid(geoms)):
        geoms[i] = _polygonal(shapely.make_valid(geoms[i]))
    return geoms
