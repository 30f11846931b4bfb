"""Synthetic, larger data packs for the scaling benchmarks (built in memory, never written).

:func:`tiled_pack` repeats the real city ``n x n`` times side by side (the 34 kelurahan
become 34 n² kelurahan, with their hotspots, cell sites, broadband rows and tourism areas
moved and renamed alike). :func:`random_sites` scatters cell sites over the real city.
The packs are built as :class:`~smartcity_geo.datapack.DataPack` objects directly, so the
pack's checks (which expect the real city's 34 kelurahan) are bypassed on purpose.
"""

from __future__ import annotations

from dataclasses import replace
from types import MappingProxyType

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from smartcity_geo import WGS84
from smartcity_geo.datapack import DataPack

UTM49S = "EPSG:32749"  # the bundled city's metric CRS (its pack's region.metric_crs)

GAP_M = 500.0  # space between two copies of the city


def _code(code: str, tile: int) -> str:
    return f"{code}.t{tile:03d}"


def _move(frame: gpd.GeoDataFrame, dx: float, dy: float) -> gpd.GeoDataFrame:
    utm = frame.to_crs(UTM49S)
    moved = utm.set_geometry(shapely.transform(utm.geometry.to_numpy(), lambda xy: xy + [dx, dy]))
    return moved.to_crs(WGS84)


def tiled_pack(pack: DataPack, n: int, m: int | None = None) -> DataPack:
    """The pack with its city repeated on an ``n x m`` grid (``34 n m`` kelurahan; ``m`` = ``n``)."""
    m = n if m is None else m
    if n * m == 1:
        return pack
    kel = pack.table("kelurahan")
    minx, miny, maxx, maxy = kel.to_crs(UTM49S).total_bounds
    step_x, step_y = maxx - minx + GAP_M, maxy - miny + GAP_M
    parts: dict[str, list[pd.DataFrame]] = {
        key: [] for key in ("kelurahan", "hotspots", "cell_sites", "broadband", "tourism_areas")
    }
    for tile in range(n * m):
        dx, dy = (tile % n) * step_x, (tile // n) * step_y
        k = _move(kel, dx, dy)
        k["kode"] = [_code(c, tile) for c in k["kode"]]
        k["kode_kecamatan"] = [_code(c, tile) for c in k["kode_kecamatan"]]
        parts["kelurahan"].append(k)
        hs = _move(pack.table("hotspots"), dx, dy)
        hs["kelurahan_code"] = [_code(c, tile) for c in hs["kelurahan_code"]]
        hs["id"] = [f"{i}.t{tile:03d}" for i in hs["id"]]
        parts["hotspots"].append(hs)
        cs = _move(pack.table("cell_sites"), dx, dy)
        cs["id"] = [f"{i}.t{tile:03d}" for i in cs["id"]]
        parts["cell_sites"].append(cs)
        bb = pack.table("broadband").copy()
        bb["kelurahan_code"] = [_code(c, tile) for c in bb["kelurahan_code"]]
        parts["broadband"].append(bb)
        ta = pack.table("tourism_areas")
        has_geom = ta.geometry.notna()
        ta = pd.concat([_move(ta[has_geom], dx, dy), ta[~has_geom]]).sort_index()
        ta["kelurahan_codes"] = [
            ";".join(_code(c.strip(), tile) for c in str(codes).split(";")) for codes in ta["kelurahan_codes"]
        ]
        ta["id"] = [f"{i}.t{tile:03d}" for i in ta["id"]]
        parts["tourism_areas"].append(ta)
    tables = dict(pack.tables)
    for key, frames in parts.items():
        joined = pd.concat(frames, ignore_index=True)
        tables[key] = gpd.GeoDataFrame(joined, geometry="geometry", crs=WGS84) if key != "broadband" else joined
    return replace(pack, version=f"{pack.version}-tiled{n}x{m}", tables=MappingProxyType(tables))


def random_sites(pack: DataPack, count: int, seed: int = 11) -> gpd.GeoDataFrame:
    """``count`` cell sites scattered uniformly over the city's bounding box.

    Radii and technologies are drawn from the real sites' (so about the same 4G/3G mix).
    """
    rng = np.random.default_rng(seed)
    real = pack.table("cell_sites")
    minx, miny, maxx, maxy = pack.table("kelurahan").to_crs(UTM49S).total_bounds
    pick = rng.integers(0, len(real), count)
    points = gpd.points_from_xy(rng.uniform(minx, maxx, count), rng.uniform(miny, maxy, count), crs=UTM49S)
    return gpd.GeoDataFrame(
        {
            "id": [f"site-{i}" for i in range(count)],
            "technology": real["technology"].to_numpy()[pick],
            "radius_m": real["radius_m"].to_numpy(dtype=float)[pick],
        },
        geometry=points,
        crs=UTM49S,
    ).to_crs(WGS84)
