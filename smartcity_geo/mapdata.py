"""Everything the map draws, prepared once per data-pack version (no folium, no caching).

The app caches :func:`prepare_map_data` in ``ui/loaders.py`` (the one caching seam); the
library keeps no cache of its own. (A :class:`MapData` works out its bounds on first use and
keeps them: they are derived from its own immutable fields, so they cannot go stale.)
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from types import MappingProxyType

import geopandas as gpd
import pandas as pd

from . import WGS84, analytics, levels
from .datapack import DataPack
from .errors import DataPackError


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
    kabkota: gpd.GeoDataFrame | None = None  # a province's kab/kota (EPSG:4326); None for a kab/kota pack
    province: levels.ProvinceView | None = None  # what a province's map draws (its lightest zoom band)

    @property
    def drawn(self) -> gpd.GeoDataFrame:
        """The village polygons the live map draws: a province's simplified band (with the names
        and kecamatan of :attr:`kelurahan`), else the full detail. Figures always use :attr:`kelurahan`."""
        if self.province is None:
            return self.kelurahan
        attrs = pd.DataFrame(self.kelurahan[["kode", "kelurahan", "kecamatan"]])
        return self.province.villages[["kode", "geometry"]].merge(attrs, on="kode", how="inner")

    @cached_property
    def bounds(self) -> tuple[float, float, float, float]:
        """(min lon, min lat, max lon, max lat) of the whole city."""
        minx, miny, maxx, maxy = analytics.to_lonlat(self.outline).total_bounds
        return float(minx), float(miny), float(maxx), float(maxy)

    @cached_property
    def kelurahan_bounds(self) -> Mapping[str, tuple[float, float, float, float]]:
        """Each kelurahan's (min lon, min lat, max lon, max lat), by code.

        NOTE: a selection's view is the union of these (:func:`selection_bounds`): a few
        comparisons per run instead of selecting rows of a GeoDataFrame and asking PROJ
        whether its CRS is lon/lat (PROJ sets up a context on every new thread, and every
        Streamlit run is one).
        """
        lonlat = analytics.to_lonlat(self.kelurahan)
        rows = lonlat.geometry.bounds.itertuples(index=False, name=None)
        return MappingProxyType({code: tuple(map(float, b)) for code, b in zip(lonlat["kode"], rows, strict=True)})

    def selection_bounds(self, codes=()) -> tuple[float, float, float, float]:
        """Bounds of the selected kelurahan (unknown codes ignored), or of the city for none."""
        boxes = [self.kelurahan_bounds[c] for c in codes if c in self.kelurahan_bounds]
        if not boxes:
            return self.bounds
        return (
            min(b[0] for b in boxes),
            min(b[1] for b in boxes),
            max(b[2] for b in boxes),
            max(b[3] for b in boxes),
        )


def prepare_map_data(pack: DataPack) -> MapData:
    kel = pack.table("kelurahan")
    crs = pack.metric_crs
    kecamatan = analytics.kecamatan(kel, crs=crs)
    kabkota = province = None
    if pack.region is not None and pack.region.is_province:  # kecamatan -> kab/kota -> province
        try:
            province = levels.province_view(pack.root)
        except DataPackError as err:
            raise err.for_region(pack.region) from None
        kabkota = levels.kabkota(kecamatan, {k.code: k.name for k in pack.region.kabkota})
        outline = levels.outline_of_parts(kabkota)
    else:
        outline = analytics.city_outline(kel, kecamatan, crs=crs)  # dissolved from the kecamatan: same shape, cheaper
    coverage = analytics.coverage_areas(pack.table("cell_sites"), outline)
    figures = analytics.kelurahan_figures(
        kel, pack.table("hotspots"), coverage, pack.table("broadband"), pack.table("tourism_areas"), crs=crs
    )
    return MapData(
        pack=pack,
        kelurahan=kel,
        kecamatan=kecamatan.to_crs(WGS84),
        outline=outline.to_crs(WGS84),
        coverage=coverage.to_crs(WGS84),
        figures=figures,
        city=analytics.city_summary(figures, pack.table("hotspots"), coverage, outline, clipped=True),
        kabkota=None if kabkota is None else kabkota.to_crs(WGS84),
        province=province,
    )
