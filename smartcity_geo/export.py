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

Two tables:

- :func:`selection_table` (GeoJSON properties, stable English keys whatever the screen
  language): shares as fractions 0-1, statuses as keys (``status_area=computed``);
- :func:`localized_table` (the CSV downloads): headers in the user's language, shares as
  percentages written as the screen writes them (``62,5%`` / ``62.5%``, the 4G share with
  the decimals the gap list uses), yes/no words, status words. ``excel=True`` in
  :func:`to_csv_bytes` writes it with semicolons and decimal commas for spreadsheets set
  to Indonesian.

Both carry the data status of each group of figures, so a sample figure never travels
without its label, and an area computed from the simplified polygons says so.
"""

from __future__ import annotations

import csv
import json
import math
import re
from collections.abc import Sequence
from datetime import date

import geopandas as gpd
import numpy as np
import pandas as pd
from shapely.geometry import mapping

from . import WGS84, planning, rules
from .datapack import DataPack
from .day import app_today
from .formatting import format_share, is_missing
from .planning import column_statuses, dataset_status, select
from .strings import t, words

FORMULA_PREFIXES: tuple[str, ...] = ("=", "+", "-", "@", "\t", "\r")
LIST_SEPARATOR = "; "
MAX_CODES_IN_NAME = 4

# Exported column -> figure column (of planning.COLUMNS) or dataset whose status it carries.
STATUS_COLUMNS: dict[str, str] = {
    "status_area": "area_km2",
    "status_hotspots": "hotspots_public",
    "status_coverage": "share_4g",
    "status_broadband": "fibre",
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


def to_csv_bytes(frame: pd.DataFrame, *, excel: bool = False) -> bytes:
    """``frame`` as CSV bytes: UTF-8 with BOM, text cells escaped against formula injection.

    ``excel=True``: semicolon-separated with decimal commas, as Excel set to Indonesian
    reads and writes CSV. NOTE: only text cells are escaped; a negative *number* stays a
    number. Text such as ``"-5"`` (a string) is escaped like any other text starting with ``-``.
    """
    out = pd.DataFrame(index=frame.index)
    for name in frame.columns:
        column = frame[name]
        if column.dtype == object or isinstance(column.dtype, pd.StringDtype):
            column = column.map(lambda v: escape_cell(_plain(v)), na_action="ignore")
        out[str(escape_cell(str(name)))] = column
    text = out.to_csv(
        index=False,
        quoting=csv.QUOTE_NONNUMERIC,
        lineterminator="\r\n",
        sep=";" if excel else ",",
        decimal="," if excel else ".",
    )
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
        "kode",
        "kelurahan",
        "kode_kecamatan",
        "kecamatan",
        "area_km2",
        "hotspots_public",
        "hotspots_internal",
        "hotspot_ids",
        "share_4g",
        "share_3g_only",
        "share_no_mobile",
        "fibre",
        "households_passed_share",
        "providers",
        "tourism_area_ids",
    ]
    table = part[columns].copy()
    for name, decimals in _ROUND.items():
        table[name] = pd.to_numeric(table[name], errors="coerce").astype("float64").clip(lower=0).round(decimals)
    table["hotspot_ids"] = [list(v) for v in table["hotspot_ids"]]
    table["tourism_area_ids"] = [list(v) for v in table["tourism_area_ids"]]
    statuses = column_statuses(pack, list(part["kode"]))
    for column, figure in STATUS_COLUMNS.items():
        table[column] = statuses.get(figure)
    table["data_pack_version"] = pack.version
    return table.reset_index(drop=True)


#: Columns of :func:`localized_table`, in order (headers from ``export.col.<name>``).
LOCALIZED_COLUMNS: tuple[str, ...] = (
    "kode",
    "kelurahan",
    "kode_kecamatan",
    "kecamatan",
    "area_km2",
    "status_area",
    "hotspots_public",
    "hotspots_internal",
    "hotspot_ids",
    "status_hotspots",
    "share_4g",
    "share_3g_only",
    "share_no_mobile",
    "status_coverage",
    "fibre",
    "households_passed_share",
    "providers",
    "status_broadband",
    "tourism_area_ids",
    "status_tourism",
    "data_pack_version",
)


def localized_table(
    figures: pd.DataFrame,
    codes: Sequence[str],
    pack: DataPack,
    lang: str = "id",
    *,
    min_share_4g: float = rules.MIN_SHARE_4G,
    number_lang: str | None = None,
) -> pd.DataFrame:
    """:func:`selection_table` for people: headers in ``lang``, percentages, yes/no, status words.

    Shares are written as percentages by :func:`~smartcity_geo.formatting.format_share`
    (the 4G share against ``min_share_4g``), exactly as the kelurahan screen and its gap
    list write them, in the style of ``number_lang`` (default ``lang``; the Excel download
    passes ``"id"`` so that every number of the file has a decimal comma). Areas stay
    numbers (km², :data:`rules.AREA_DECIMALS` decimals, as the screens show them) and
    counts whole numbers.
    """
    numbers = number_lang or lang
    table = selection_table(figures, codes, pack)
    out = pd.DataFrame(index=table.index)
    # a figure from a dataset the region has not supplied is no figure: an empty cell, never 0
    unsupplied = set(planning.FIGURE_NAMES) - set(planning.supplied_names(pack))
    unsupplied |= {"hotspot_ids"} if not pack.supplied("hotspots") else set()
    unsupplied |= {"tourism_area_ids"} if not pack.supplied("tourism_areas") else set()
    for name in LOCALIZED_COLUMNS:
        column = table[name]
        if name in unsupplied:
            column = column.map(lambda v: "")
        elif name == "share_4g":
            column = column.map(lambda v: format_share(v, numbers, min_share_4g))
        elif name in ("share_3g_only", "share_no_mobile", "households_passed_share"):
            column = column.map(lambda v: format_share(v, numbers))
        elif name == "fibre":
            column = column.map(lambda v: "" if is_missing(v) else t("common.yes" if v else "common.no", lang))
        elif name.startswith("status_"):
            column = column.map(lambda v: "" if is_missing(v) else t(f"status.{v}", lang))
        elif name == "area_km2":  # rounded as every screen and the briefing show it
            column = column.astype("float64").round(rules.AREA_DECIMALS)
        elif name == "providers":
            column = column.map(lambda v: None if is_missing(v) else int(v)).astype("Int64")
        out[t(f"export.col.{name}", lang)] = column
    return out


def coverage_status(pack: DataPack, codes: Sequence[str] = ()) -> str:
    """Status of a coverage share computed from the cell sites (``computed`` at best)."""
    return dataset_status(pack, "cell_sites", codes, computed=True)


def selection_geodataframe(
    kelurahan: gpd.GeoDataFrame, figures: pd.DataFrame, codes: Sequence[str], pack: DataPack
) -> gpd.GeoDataFrame:
    """:func:`selection_table` with each kelurahan's boundary, in EPSG:4326."""
    table = selection_table(figures, codes, pack)
    shapes = kelurahan.to_crs(WGS84).set_index("kode").geometry
    return gpd.GeoDataFrame(table, geometry=list(shapes.loc[table["kode"]]), crs=WGS84)


def export_filename(
    codes: Sequence[str], extension: str, today: date | None = None, lang: str = "id", *, excel: bool = False
) -> str:
    """``<region>_kelurahan_semua_<yyyymmdd>.csv`` or ``<region>_kelurahan_pilihan_<codes>_<yyyymmdd>.csv``.

    ``<region>`` is the region's short name in lower case (:func:`region_slug`).

    Words in ``lang`` (``semua``/``all``, ``pilihan``/``selection``). Codes are written
    without dots and joined by ``-`` (``3575041009-3575041005``); more than
    :data:`MAX_CODES_IN_NAME` become ``<n>kel``. ``excel`` adds ``_excel`` before the extension.
    """
    codes = sorted(dict.fromkeys(codes))
    if not codes:
        part = t("export.file.all", lang)
    elif len(codes) > MAX_CODES_IN_NAME:
        part = f"{t('export.file.selection', lang)}_{len(codes)}kel"
    else:
        part = f"{t('export.file.selection', lang)}_" + "-".join(c.replace(".", "") for c in codes)
    stamp = (today or app_today()).strftime("%Y%m%d")
    suffix = f"_{t('export.file.excel', lang)}" if excel else ""
    return f"{region_slug(lang)}_{part}_{stamp}{suffix}.{extension.lstrip('.')}"


def region_slug(lang: str = "id") -> str:
    """The region's short name for a file name: lower case, ASCII letters and digits joined by ``-``."""
    name = words(lang)["region_short"]
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "region"
