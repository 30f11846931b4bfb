"""A province's levels above the kecamatan: its kab/kota and its outline (metric CRS, no folium).

A province pack (``python -m smartcity_geo region 35``) has a level between the region and
its kecamatan. The kab/kota are dissolved from the sealed kecamatan (:func:`kabkota`) and the
province's outline from the kab/kota (:func:`outline_of_parts`): dissolving 8,494 villages
step by step takes 6 s of CPU where one closing buffer of the whole province took 26 s.
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np

from .analytics import _dissolve_groups, _union, fill_slivers


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
