"""Downloads of the kelurahan figures: CSV for spreadsheets, GeoJSON for GIS.

Pure functions that return bytes; the page hands them to ``st.download_button``.

CSV (:func:`to_csv_bytes`)
    UTF-8 with a byte-order mark, so Excel opens it as UTF-8 (``Tamba'an``, ``km²``).
    Against spreadsheet formula injection (OWASP, "CSV Injection"), every text cell that
    starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a leading single
    quote, and every text cell is quoted; numbers are written as numbers.
GeoJSON (:func:`to_geojson_bytes`)
    RFC 7946: EPSG:4326, longitude first, no ``crs`` member. Values are data and are kept
    as they are (no quote prefix); geometry in any other CRS is reprojected, and a frame
    without a CRS is refused rather than guessed.

The exported columns (:func:`selection_table`) have stable English names whatever the
screen language, and carry the data status of each group of figures (``status_*``) so a
sample figure never travels without its label.
"""

from __future__ import annotations

import csv
import json
import math
from collections.abc import Sequence
from datetime import date

import geopandas as gpd
import numpy as np
import pandas as pd
from shapely.geometry import mapping

from . import WGS84
from .datapack import DataPack
from .planning import select

FORMULA_PREFIXES: tuple[str, ...] = ("=", "+", "-", "@", "\t", "\r")
LIST_SEPARATOR = "; "
FILE_STEM = "pasuruan_kelurahan"
MAX_CODES_IN_NAME = 4

# Exported column -> dataset whose status it carries.
STATUS_COLUMNS: dict[str, str] = {
    "status_area": "kelurahan",
    "status_hotspots": "hotspots",
    "status_coverage": "cell_sites",
    "status_broadband": "broadband",
    "status_tourism": "tourism_areas",
}
_ROUND = {
    "area_km2": 4,
    "share_4g": 4,
    "share_3g_only": 4,
    "share_no_mobile": 4,
    "households_passed_share": 4,
}


def escape_cell(value: object) -> object:
    """``value`` with a leading ``'`` if it is text a spreadsheet could run as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def _plain(value: object) -> object:
    """Lists become ``"a; b"``; everything else is returned unchanged."""
    if isinstance(value, (list, tuple, np.ndarray)):
        return LIST_SEPARATOR.join(str(v) for v in value)
    return value


def to_csv_bytes(frame: pd.DataFrame) -> bytes:
    """``frame`` as CSV bytes: UTF-8 with BOM, text cells escaped against formula injection.

    NOTE: only text cells are escaped; a negative *number* stays a number. Text such as
    ``"-5"`` (a string) is escaped like any other text starting with ``-``.
    """
    out = pd.DataFrame(index=frame.index)
    for name in frame.columns:
        column = frame[name]
        if column.dtype == object or isinstance(column.dtype, pd.StringDtype):
            column = column.map(lambda v: escape_cell(_plain(v)), na_action="ignore")
        out[str(escape_cell(str(name)))] = column
    text = out.to_csv(index=False, quoting=csv.QUOTE_NONNUMERIC, lineterminator="\r\n")
    return ("\ufeff" + text).encode("utf-8")


def _json_value(value: object) -> object:
    if isinstance(value, (list, tuple, np.ndarray)):
        return [_json_value(v) for v in value]
    if value is None or value is pd.NA:
        return None
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def to_geojson_bytes(gdf: gpd.GeoDataFrame) -> bytes:
    """``gdf`` as an RFC 7946 FeatureCollection (EPSG:4326, lon/lat), UTF-8 bytes.

    Properties keep their values (lists stay arrays, missing values become ``null``).
    Raises ``ValueError`` when ``gdf`` has no CRS: its coordinates could not be known to
    be longitude/latitude.
    """
    if not isinstance(gdf, gpd.GeoDataFrame):
        raise TypeError(f"expected a GeoDataFrame, got {type(gdf).__name__}")
    if gdf.crs is None:
        raise ValueError(
            "the GeoDataFrame has no CRS: expected one (the data pack stores EPSG:4326); "
            "set it with gdf.set_crs(...) before exporting"
        )
    frame = gdf.to_crs(WGS84)
    geometry_name = frame.geometry.name
    props = [c for c in frame.columns if c != geometry_name]
    features = []
    for _, row in frame.iterrows():
        geom = row[geometry_name]
        features.append(
            {
                "type": "Feature",
                "properties": {str(c): _json_value(row[c]) for c in props},
                "geometry": None if geom is None or geom.is_empty else mapping(geom),
            }
        )
    collection = {"type": "FeatureCollection", "features": features}
    return json.dumps(collection, ensure_ascii=False, allow_nan=False, separators=(",", ":")).encode("utf-8")


def selection_table(figures: pd.DataFrame, codes: Sequence[str], pack: DataPack) -> pd.DataFrame:
    """The figures of the selected kelurahan (all when ``codes`` is empty), ready to export.

    One row per kelurahan: identity, figures (shares as fractions 0-1, areas in km²,
    rounded to 4 decimals), hotspot and tourism-area ids as lists, the data status of each
    group of figures (``status_*``) and the data-pack version.
    """
    part = select(figures, codes)
    columns = [
        "kode", "kelurahan", "kode_kecamatan", "kecamatan", "area_km2",
        "hotspots_public", "hotspots_internal", "hotspot_ids",
        "share_4g", "share_3g_only", "share_no_mobile",
        "fibre", "households_passed_share", "providers", "tourism_area_ids",
    ]
    table = part[columns].copy()
    for name, decimals in _ROUND.items():
        table[name] = pd.to_numeric(table[name], errors="coerce").astype("float64").clip(lower=0).round(decimals)
    table["hotspot_ids"] = [list(v) for v in table["hotspot_ids"]]
    table["tourism_area_ids"] = [list(v) for v in table["tourism_area_ids"]]
    for column, dataset in STATUS_COLUMNS.items():
        table[column] = pack.meta(dataset).status if dataset in pack.metas else None
    table["data_pack_version"] = pack.version
    return table.reset_index(drop=True)


def selection_geodataframe(
    kelurahan: gpd.GeoDataFrame, figures: pd.DataFrame, codes: Sequence[str], pack: DataPack
) -> gpd.GeoDataFrame:
    """:func:`selection_table` with each kelurahan's boundary, in EPSG:4326."""
    table = selection_table(figures, codes, pack)
    shapes = kelurahan.to_crs(WGS84).set_index("kode").geometry
    return gpd.GeoDataFrame(table, geometry=list(shapes.loc[table["kode"]]), crs=WGS84)


def export_filename(codes: Sequence[str], extension: str, today: date | None = None) -> str:
    """``pasuruan_kelurahan_<codes-or-semua>_<yyyymmdd>.<extension>``.

    Codes are written without dots and joined by ``-`` (``3575041009-3575041005``); more
    than :data:`MAX_CODES_IN_NAME` become ``<n>kel``; no selection is ``semua`` (all).
    """
    codes = sorted(dict.fromkeys(codes))
    if not codes:
        part = "semua"
    elif len(codes) > MAX_CODES_IN_NAME:
        part = f"{len(codes)}kel"
    else:
        part = "-".join(c.replace(".", "") for c in codes)
    stamp = (today or date.today()).strftime("%Y%m%d")
    return f"{FILE_STEM}_{part}_{stamp}.{extension.lstrip('.')}"
