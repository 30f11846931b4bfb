"""Read and validate the data pack (``geodata/``).

All file reading of the library happens here. :func:`load_pack` reads the manifest, then
every dataset it lists, checks each cell against the dataset's :mod:`schema`, then checks
the datasets against each other (codes, references, positions inside their kelurahan). It
returns an immutable :class:`DataPack` or raises :class:`~smartcity_geo.errors.DataPackError`
naming the file, row and column.

NOTE: row numbers are spreadsheet rows: the header is row 1, the first data row is row 2.
For GeoJSON files the "row" is the 1-based feature number.
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import MappingProxyType
from typing import Any

import geopandas as gpd
import pandas as pd
import shapely
from shapely.geometry import shape
from shapely.validation import explain_validity

from . import UTM49S, WGS84
from .errors import DataPackError
from .schema import CODE_PATTERN, SCHEMAS, STATUSES, Column, TableSchema

MAX_FILE_MB = 20
MANIFEST = "manifest.json"
MANIFEST_FIELDS = ("key", "file", "format", "title_id", "title_en", "status", "source", "licence", "as_of", "positions")
# Plausible lon/lat box around Kota Pasuruan (a little generous); catches swapped axes.
_LON_RANGE = (112.7, 113.1)
_LAT_RANGE = (-7.8, -7.5)
_TRUE = {"true", "1", "yes", "ya", "y"}
_FALSE = {"false", "0", "no", "tidak", "n"}
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


@dataclass(frozen=True)
class DatasetMeta:
    """Provenance of one dataset, as the manifest records it."""

    key: str
    file: str
    format: str
    title_id: str
    title_en: str
    status: str
    source: str
    licence: str
    as_of: str
    positions: str
    source_url: str = ""
    source_id: str = ""  # optional: the source line in Indonesian / English (smartcity_geo.i18n.localized)
    source_en: str = ""
    positions_id: str = ""  # optional: how positions were obtained, in Indonesian / English
    positions_en: str = ""

    def title(self, lang: str = "id") -> str:
        return self.title_en if lang == "en" else self.title_id


@dataclass(frozen=True)
class DataPack:
    """The validated data pack: provenance and typed tables, keyed by dataset key.

    Tables are GeoDataFrames (EPSG:4326) for datasets with geometry, DataFrames otherwise.
    Treat them as read-only; :meth:`with_table` returns a new pack.
    """

    root: Path
    version: str
    metas: Mapping[str, DatasetMeta]
    tables: Mapping[str, pd.DataFrame] = field(repr=False)

    def table(self, key: str) -> pd.DataFrame:
        return self.tables[key]

    def meta(self, key: str) -> DatasetMeta:
        return self.metas[key]

    def has(self, key: str) -> bool:
        return key in self.tables

    def with_table(self, key: str, table: pd.DataFrame, meta: DatasetMeta | None = None) -> DataPack:
        """A new pack with ``key`` replaced by ``table``, cross-checked as a whole.

        NOTE: raises before anything is replaced, so the caller's pack is untouched on error.
        """
        tables = dict(self.tables)
        tables[key] = table
        metas = dict(self.metas)
        if meta is not None:
            metas[key] = meta
        _cross_check(tables, metas)
        return replace(self, tables=MappingProxyType(tables), metas=MappingProxyType(metas))

    def with_uploads(self, files: Mapping[str, tuple[str, bytes]]) -> DataPack:
        """A new pack in which each dataset ``key`` is replaced by an uploaded CSV file.

        ``files`` maps a dataset key to ``(file name, bytes)``. Every file is untrusted: it is
        decoded, checked cell by cell against its dataset's schema, and then the whole pack
        is cross-checked once with all replacements in place. Any problem raises
        :class:`DataPackError` naming the file, row and column, and this pack is untouched.
        A replaced dataset's provenance says it was uploaded; its status is the weakest
        status its rows declare.
        """
        tables = dict(self.tables)
        metas = dict(self.metas)
        for key, (filename, data) in files.items():
            meta = self.meta(key)
            if meta.format != "csv":
                raise DataPackError("not_allowed", file=filename, got=key, expected="CSV datasets")
            if len(data) > MAX_FILE_MB * 1_000_000:
                raise DataPackError("too_large", file=filename, got=f"{len(data) / 1e6:.1f}", maximum=MAX_FILE_MB)
            try:
                text = data.decode("utf-8-sig")
            except UnicodeDecodeError:
                raise DataPackError("unreadable", file=filename, detail="not UTF-8 text") from None
            table = read_csv_text(text, SCHEMAS[key], file=filename)
            declared = set(table["status"]) if "status" in table.columns else {meta.status}
            status = next(s for s in ("sample", "seed", "official") if s in declared)
            tables[key] = table
            metas[key] = replace(meta, source=f"upload: {filename}", status=status, file=filename, source_url="",
                                 source_id="", source_en="")
        _cross_check(tables, metas)
        return replace(self, tables=MappingProxyType(tables), metas=MappingProxyType(metas))


# --------------------------------------------------------------------------------------
# Manifest


def load_manifest(root: Path) -> tuple[str, dict[str, DatasetMeta]]:
    path = Path(root) / MANIFEST
    raw = _read_text(path, MANIFEST)
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise DataPackError("unreadable", file=MANIFEST, row=exc.lineno, detail=exc.msg) from None
    if not isinstance(data, dict) or not isinstance(data.get("datasets"), list):
        raise DataPackError("unreadable", file=MANIFEST, detail="no 'datasets' list")
    metas: dict[str, DatasetMeta] = {}
    for number, entry in enumerate(data["datasets"], start=1):
        if not isinstance(entry, dict):
            raise DataPackError("unreadable", file=MANIFEST, row=number, detail="entry is not an object")
        for name in MANIFEST_FIELDS:
            if not str(entry.get(name, "")).strip():
                raise DataPackError("manifest_field", file=MANIFEST, row=number, column=name)
        if entry["status"] not in STATUSES:
            raise DataPackError("bad_status", file=MANIFEST, row=number, column="status", got=entry["status"])
        if entry["key"] in metas:
            raise DataPackError("duplicate", file=MANIFEST, row=number, column="key", got=entry["key"])
        metas[entry["key"]] = DatasetMeta(
            **{name: str(entry[name]) for name in MANIFEST_FIELDS},
            source_url=str(entry.get("source_url", "")),
            source_id=str(entry.get("source_id", "")),
            source_en=str(entry.get("source_en", "")),
            positions_id=str(entry.get("positions_id", "")),
            positions_en=str(entry.get("positions_en", "")),
        )
    version = str(data.get("pack", {}).get("version", "unversioned"))
    return version, metas


# --------------------------------------------------------------------------------------
# Reading one file


def _read_text(path: Path, label: str) -> str:
    if not path.is_file():
        raise DataPackError("missing_file", file=label)
    size_mb = path.stat().st_size / 1e6
    if size_mb > MAX_FILE_MB:
        raise DataPackError("too_large", file=label, got=f"{size_mb:.1f}", maximum=MAX_FILE_MB)
    try:
        return path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise DataPackError("unreadable", file=label, detail=type(exc).__name__) from None


def parse_cell(value: Any, col: Column, *, file: str, row: int) -> Any:
    """Convert one raw cell to its typed value, or raise naming file, row and column."""
    text = "" if value is None or (isinstance(value, float) and math.isnan(value)) else str(value).strip()
    where = {"file": file, "row": row, "column": col.name}
    if text == "":
        if col.required:
            raise DataPackError("required", **where)
        return None
    if col.kind in ("int", "float"):
        try:
            number = float(text.replace(",", ".")) if col.kind == "float" else int(text)
        except ValueError:
            raise DataPackError("not_number" if col.kind == "float" else "not_integer", got=text, **where) from None
        if isinstance(number, float) and not math.isfinite(number):
            raise DataPackError("not_number", got=text, **where)
        lo = -math.inf if col.minimum is None else col.minimum
        hi = math.inf if col.maximum is None else col.maximum
        if not lo <= number <= hi:
            raise DataPackError("out_of_range", got=text, minimum=col.minimum, maximum=col.maximum, **where)
        return number
    if col.kind == "bool":
        low = text.lower()
        if low in _TRUE:
            return True
        if low in _FALSE:
            return False
        raise DataPackError("not_boolean", got=text, **where)
    if col.kind == "date" and not _DATE.match(text):
        raise DataPackError("bad_date", got=text, **where)
    if col.kind == "code" and not CODE_PATTERN.match(text):
        raise DataPackError("bad_code", got=text, **where)
    if col.kind == "status" and text not in STATUSES:
        raise DataPackError("bad_status", got=text, **where)
    if col.allowed is not None and text not in col.allowed:
        raise DataPackError("not_allowed", got=text, expected=", ".join(col.allowed), **where)
    return text


def _typed_frame(records: list[dict[str, Any]], schema: TableSchema, *, file: str, first_row: int) -> pd.DataFrame:
    """Check and type a list of raw records (one dict per row) against ``schema``."""
    if len(records) < schema.min_rows:
        if not records:
            raise DataPackError("empty", file=file)
    columns: dict[str, list[Any]] = {c.name: [] for c in schema.columns}
    seen: dict[str, dict[Any, int]] = {c.name: {} for c in schema.columns if c.unique}
    for offset, record in enumerate(records):
        row = first_row + offset
        for col in schema.columns:
            value = parse_cell(record.get(col.name), col, file=file, row=row)
            if col.unique:
                if value in seen[col.name]:
                    raise DataPackError("duplicate", file=file, row=row, column=col.name, got=value)
                seen[col.name][value] = row
            columns[col.name].append(value)
    frame = pd.DataFrame(columns)
    for col in schema.columns:
        if col.kind == "int":
            frame[col.name] = pd.array(columns[col.name], dtype="Int64")
        elif col.kind == "float":
            frame[col.name] = pd.to_numeric(pd.Series(columns[col.name], dtype="object"), errors="raise").astype(
                "float64"
            )
        elif col.kind == "bool" and col.required:
            frame[col.name] = frame[col.name].astype(bool)
        else:
            frame[col.name] = pd.Series(columns[col.name], dtype="object")
    frame["_row"] = range(first_row, first_row + len(records))
    return frame


def read_csv_text(text: str, schema: TableSchema, *, file: str) -> pd.DataFrame:
    """Parse CSV text against ``schema`` (every cell checked)."""
    reader = csv.DictReader(io.StringIO(text))
    header = [h.strip() for h in (reader.fieldnames or [])]
    if not header:
        raise DataPackError("empty", file=file)
    reader.fieldnames = header
    missing = [c.name for c in schema.columns if c.required and c.name not in header]
    if missing:
        raise DataPackError(
            "missing_column", file=file, row=1, column=missing[0], expected=", ".join(schema.names)
        )
    try:
        records = list(reader)
    except csv.Error as exc:
        raise DataPackError("unreadable", file=file, row=reader.line_num, detail=str(exc)) from None
    for offset, record in enumerate(records):
        if None in record:  # more cells than header columns
            raise DataPackError("unreadable", file=file, row=offset + 2, detail="too many cells")
    frame = _typed_frame(records, schema, file=file, first_row=2)
    if schema.geometry == "point" and schema.lonlat:
        frame = _points(frame, schema, file=file)
    return frame


def read_geojson_text(text: str, schema: TableSchema, *, file: str) -> gpd.GeoDataFrame:
    """Parse a GeoJSON FeatureCollection whose properties follow ``schema``."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise DataPackError("unreadable", file=file, row=exc.lineno, detail=exc.msg) from None
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        raise DataPackError("unreadable", file=file, detail="not a GeoJSON FeatureCollection")
    crs_name = str(((data.get("crs") or {}).get("properties") or {}).get("name", "EPSG:4326"))
    if not any(token in crs_name for token in ("4326", "CRS84")):
        raise DataPackError("bad_crs", file=file, got=crs_name)
    features = data.get("features") or []
    records = [dict(f.get("properties") or {}) for f in features]
    for col in schema.columns:
        if col.required and records and all(col.name not in r for r in records):
            raise DataPackError(
                "missing_column", file=file, row=1, column=col.name, expected=", ".join(schema.names)
            )
    frame = _typed_frame(records, schema, file=file, first_row=1)
    geoms = []
    for number, feature in enumerate(features, start=1):
        geom_json = feature.get("geometry")
        geom = None
        if geom_json is not None:
            try:
                geom = shape(geom_json)
            except Exception as exc:  # shapely raises several types for malformed input
                raise DataPackError(
                    "bad_geometry", file=file, row=number, column="geometry", detail=str(exc)[:80]
                ) from None
        geoms.append(_check_geometry(geom, schema, record=records[number - 1], file=file, row=number))
    return gpd.GeoDataFrame(frame, geometry=geoms, crs=WGS84)


def _check_geometry(geom, schema: TableSchema, *, record: dict, file: str, row: int):
    where = {"file": file, "row": row, "column": "geometry"}
    if geom is None or geom.is_empty:
        if record.get("extent_method") == "not_mapped":
            return None
        raise DataPackError("required", **where)
    if geom.geom_type not in ("Polygon", "MultiPolygon"):
        raise DataPackError("bad_geometry_type", expected="Polygon", got=geom.geom_type, **where)
    if not geom.is_valid:
        raise DataPackError("bad_geometry", detail=explain_validity(geom), **where)
    minx, miny, maxx, maxy = geom.bounds
    if not (_LON_RANGE[0] <= minx and maxx <= _LON_RANGE[1] and _LAT_RANGE[0] <= miny and maxy <= _LAT_RANGE[1]):
        raise DataPackError("bad_crs", got=f"bounds {minx:.4f}, {miny:.4f}, {maxx:.4f}, {maxy:.4f}", **where)
    return geom


def _points(frame: pd.DataFrame, schema: TableSchema, *, file: str) -> gpd.GeoDataFrame:
    lon_col, lat_col = schema.lonlat
    for lon, lat, row in zip(frame[lon_col], frame[lat_col], frame["_row"], strict=True):
        if not (_LON_RANGE[0] <= lon <= _LON_RANGE[1] and _LAT_RANGE[0] <= lat <= _LAT_RANGE[1]):
            raise DataPackError("outside_city", file=file, row=row, column=lon_col, lon=lon, lat=lat)
    geometry = gpd.points_from_xy(frame[lon_col], frame[lat_col])
    return gpd.GeoDataFrame(frame, geometry=geometry, crs=WGS84)


def read_table(path: Path, schema: TableSchema, *, label: str | None = None) -> pd.DataFrame:
    """Read one dataset file (CSV or GeoJSON, by suffix) and check it against ``schema``."""
    path = Path(path)
    label = label or path.name
    text = _read_text(path, label)
    if path.suffix.lower() in (".geojson", ".json"):
        return read_geojson_text(text, schema, file=label)
    return read_csv_text(text, schema, file=label)


# --------------------------------------------------------------------------------------
# The whole pack


def load_pack(root: Path | str) -> DataPack:
    """Read, validate and cross-check every dataset the manifest lists."""
    root = Path(root)
    version, metas = load_manifest(root)
    tables: dict[str, pd.DataFrame] = {}
    for key, meta in metas.items():
        schema = SCHEMAS.get(key)
        if schema is None:
            raise DataPackError("not_allowed", file=MANIFEST, column="key", got=key, expected=", ".join(SCHEMAS))
        tables[key] = read_table(root / meta.file, schema, label=meta.file)
    _cross_check(tables, metas)
    return DataPack(root=root, version=version, metas=MappingProxyType(metas), tables=MappingProxyType(tables))


def _file(metas: Mapping[str, DatasetMeta], key: str) -> str:
    return metas[key].file if key in metas else key


def _cross_check(tables: Mapping[str, pd.DataFrame], metas: Mapping[str, DatasetMeta]) -> None:
    """Checks across datasets: codes exist, points inside their kelurahan, links resolve."""
    if "kelurahan" not in tables:
        raise DataPackError("missing_file", file="kelurahan.geojson")
    kel = tables["kelurahan"]
    if len(kel) != 34:
        raise DataPackError("feature_count", file=_file(metas, "kelurahan"), expected=34, got=len(kel))
    codes = set(kel["kode"])
    kel_utm = kel.to_crs(UTM49S)
    polygons = dict(zip(kel["kode"], kel_utm.geometry, strict=True))
    names = dict(zip(kel["kode"], kel["kelurahan"], strict=True))
    city = shapely.union_all(list(polygons.values())).buffer(25)

    for key, table in tables.items():
        file = _file(metas, key)
        for col_name in ("kelurahan_code",):
            if col_name in table.columns:
                for value, row in zip(table[col_name], table["_row"], strict=True):
                    if value is not None and value not in codes:
                        raise DataPackError("unknown_code", file=file, row=row, column=col_name, got=value)
        if key == "tourism_areas":
            for value, row in zip(table["kelurahan_codes"], table["_row"], strict=True):
                for code in (c.strip() for c in str(value).split(";")):
                    if code not in ("", "-") and code not in codes:
                        raise DataPackError("unknown_code", file=file, row=row, column="kelurahan_codes", got=code)
        schema = SCHEMAS.get(key)
        if schema is not None and schema.geometry == "point" and isinstance(table, gpd.GeoDataFrame):
            pts = table.to_crs(UTM49S)
            for idx, point in enumerate(pts.geometry):
                row = int(table["_row"].iloc[idx])
                lon_col = schema.lonlat[0] if schema.lonlat else "geometry"
                if not city.contains(point):
                    raise DataPackError(
                        "outside_city",
                        file=file,
                        row=row,
                        column=lon_col,
                        lon=table.geometry.iloc[idx].x,
                        lat=table.geometry.iloc[idx].y,
                    )
                code = table["kelurahan_code"].iloc[idx] if "kelurahan_code" in table.columns else None
                if code is not None and not polygons[code].buffer(1).contains(point):
                    inside = [names[c] for c, poly in polygons.items() if poly.contains(point)]
                    raise DataPackError(
                        "outside_kelurahan",
                        file=file,
                        row=row,
                        column=lon_col,
                        expected=names[code],
                        got=", ".join(inside) or "-",
                    )
    if "network_links" in tables and "gov_sites" in tables:
        site_ids = set(tables["gov_sites"]["id"])
        links = tables["network_links"]
        for col_name in ("from_id", "to_id"):
            for value, row in zip(links[col_name], links["_row"], strict=True):
                if value not in site_ids:
                    raise DataPackError(
                        "unknown_reference",
                        file=_file(metas, "network_links"),
                        row=row,
                        column=col_name,
                        got=value,
                        target=_file(metas, "gov_sites"),
                    )
    from . import programme_schema

    check = getattr(programme_schema, "cross_check", None)
    if check is not None and all(k in tables for k in programme_schema.SCHEMAS):
        check(dict(tables))
