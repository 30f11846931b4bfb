"""Everything the map draws, prepared once per data-pack version (no folium, no caching).

The app caches :func:`prepare_map_data` in ``ui/loaders.py`` (the one caching seam); the
library keeps no cache of its own.
"""

from __future__ import annotations

from dataclasses import dataclass

import geopandas as gpd
import pandas as pd

from . import WGS84, analytics
from .datapack import DataPack


@dataclass(frozen=True)
class MapData:
    """The pack and the tables derived from it for the map (EPSG:4326)."""

    pack: DataPack
    kelurahan: gpd.GeoDataFrame
    kecamatan: gpd.GeoDataFrame
    outline: gpd.GeoDataFrame
    coverage: gpd.GeoDataFrame
    figures: pd.DataFrame
    city: analytics.CitySummary  # whole-city headline figures (coverage over the dissolved outline)

    @property
    def bounds(self) -> tuple[float, float, float, float]:
        return analytics.bounds_lonlat(self.outline)


def prepare_map_data(pack: DataPack) -> MapData:
    kel = pack.table("kelurahan")
    kecamatan = analytics.kecamatan(kel)
    outline = analytics.city_outline(kel, kecamatan)  # dissolved from the kecamatan: same shape, cheaper
    coverage = analytics.coverage_areas(pack.table("cell_sites"), outline)
    figures = analytics.kelurahan_figures(
        kel, pack.table("hotspots"), coverage, pack.table("broadband"), pack.table("tourism_areas")
    )
    return MapData(
        pack=pack,
        kelurahan=kel,
        kecamatan=kecamatan.to_crs(WGS84),
        outline=outline.to_crs(WGS84),
        coverage=coverage.to_crs(WGS84),
        figures=figures,
        city=analytics.city_summary(figures, pack.table("hotspots"), coverage, outline, clipped=True),
    )
