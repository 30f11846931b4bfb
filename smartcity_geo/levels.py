"""A province's levels above the kecamatan: its kab/kota and its outline (metric CRS, no folium).

A province pack (``python -m smartcity_geo region 35``) has a level between the region and
its kecamatan. The kab/kota are dissolved from the sealed kecamatan (:func:`kabkota`) and the
province's outline from the kab/kota (:func:`outline_of_parts`): dissolving 8,494 villages
step by step takes 6 s of CPU where one closing buffer of the whole province took 26 s.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from pathlib import Path
from types import MappingProxyType

import geopandas as gpd
import numpy as np

from .analytics import _dissolve_groups, _union, fill_slivers
from .datapack import DataPack
from .errors import DataPackError
from .region import Region, utm_crs
from .regions.bands import read_band
from .regions.errors import RegionError

MANIFEST = "manifest.json"


@dataclass(frozen=True)
class ProvinceView:
    """What the province view draws: its villages and kab/kota outlines from the lightest zoom band."""

    villages: gpd.GeoDataFrame  # kode + geometry (EPSG:4326), the band's 6 decimals
    kabkota: gpd.GeoDataFrame  # kode, nama + geometry (EPSG:4326)
    max_zoom: int
    decimals: int


def province_view(root: Path) -> ProvinceView:
    """The lightest band of a province pack (``pack.geometry_bands`` in its manifest), seal checked.

    A province pack without bands, or a band file that fails its seal, is one clear message
    (:class:`DataPackError` ``band``), never a map of 8,494 full-detail polygons.
    """
    _entries, entry, villages, outlines = sealed_band(root, finest=False)
    return ProvinceView(
        gpd.GeoDataFrame.from_features(villages["features"], crs="EPSG:4326"),
        gpd.GeoDataFrame.from_features(outlines["features"], crs="EPSG:4326"),
        int(entry["max_zoom"]),
        int(entry.get("decimals", 6)),
    )


def sealed_band(root: Path, *, finest: bool) -> tuple[list[dict], dict, dict, dict]:
    """A province pack's bands (by zoom), and the lightest or finest one: its manifest entry,
    villages and kab/kota outlines (FeatureCollections), each file checked against its seal.

    A pack without bands, or a band file that fails its seal, is one clear message
    (:class:`DataPackError` ``band``).
    """
    try:
        manifest = json.loads((Path(root) / MANIFEST).read_text(encoding="utf-8"))
        entries = sorted(manifest["pack"]["geometry_bands"], key=lambda e: int(e["max_zoom"]))
        entry = entries[-1 if finest else 0]
        return entries, entry, read_band(root, entry, "villages"), read_band(root, entry, "kabkota")
    except RegionError as err:
        raise DataPackError("band", file=MANIFEST, detail=err.params.get("file", err.key)) from None
    except (OSError, ValueError, KeyError, TypeError, IndexError):
        raise DataPackError("band", file=MANIFEST, detail="pack.geometry_bands") from None


def kabkota(kecamatan_utm: gpd.GeoDataFrame, names: dict[str, str]) -> gpd.GeoDataFrame:
    """A province's kab/kota (metric CRS), dissolved from its sealed kecamatan (:func:`kecamatan`).

    ``names``: kab/kota code -> name (the pack's region block).
    """
    codes = kecamatan_utm["kode_kecamatan"].astype(str).str[:5].to_numpy()
    order = np.argsort(codes, kind="stable")
    codes = codes[order]
    starts = [i for i in range(len(codes)) if i == 0 or codes[i] != codes[i - 1]]
    return gpd.GeoDataFrame(
        {
            "kode_kabkota": [codes[i] for i in starts],
            "kabkota": [names.get(codes[i], codes[i]) for i in starts],
            "kecamatan_count": np.diff([*starts, len(codes)]),
        },
        geometry=_dissolve_groups(kecamatan_utm.geometry.to_numpy()[order], [*starts, len(codes)]),
        crs=kecamatan_utm.crs,
    )


def outline_of_parts(parts_utm: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """A province's outline (metric CRS): the union of its sealed kab/kota, slivers filled.

    NOTE: not :func:`dissolve_clean`: its 2 m closing buffer of one whole province (50,000
    coastline points, the islands) took 21 s of CPU; each kab/kota is sealed already.
    """
    union = _union(parts_utm.geometry.to_numpy())
    return gpd.GeoDataFrame({"name": ["outline"]}, geometry=[fill_slivers(union)], crs=parts_utm.crs)


def kabkota_region(province: Region, code: str, bounds: tuple[float, float, float, float]) -> Region:
    """The :class:`Region` of kab/kota ``code`` of ``province`` (its kecamatan, missing villages, counts)."""
    kab = next(k for k in province.kabkota if k.code == code)
    prefix = code + "."
    return replace(
        province,
        code=kab.code,
        name=kab.name,
        kind=kab.kind,
        villages_total=kab.villages_total,
        kelurahan=kab.kelurahan,
        desa=kab.desa,
        kecamatan=tuple(k for k in province.kecamatan if k.code.startswith(prefix)),
        missing_boundaries=tuple(m for m in province.missing_boundaries if m.code.startswith(prefix)),
        bounds=bounds,
        metric_crs=utm_crs((bounds[0] + bounds[2]) / 2),
        kabkota=(),
    )


def scoped_pack(pack: DataPack, code: str) -> DataPack:
    """One kab/kota of a province pack as a pack of its own: its villages and the rows keyed to them.

    Tables keyed by village (``kode`` of the boundaries, ``kelurahan_code`` elsewhere) keep the
    kab/kota's rows; the province's own tables (indicators, budget: no village key) stay whole.
    Every screen then shows the kab/kota as it shows a kab/kota pack: full-detail polygons,
    its kecamatan, its village names. ``code`` must be one of ``pack.region.kabkota``.
    """
    prefix = code + "."
    tables = {}
    for key, table in pack.tables.items():
        column = "kode" if key == "kelurahan" else "kelurahan_code" if "kelurahan_code" in table.columns else None
        tables[key] = table if column is None else table[table[column].astype(str).str.startswith(prefix)]
    villages = tables["kelurahan"]
    minx, miny, maxx, maxy = (float(v) for v in villages.total_bounds)
    region = kabkota_region(pack.region, code, (minx, miny, maxx, maxy))
    return replace(
        pack,
        version=f"{pack.version}/{code}",
        tables=MappingProxyType(tables),
        kelurahan_count=len(villages),
        region=region,
        declared_crs=region.metric_crs,
    )
