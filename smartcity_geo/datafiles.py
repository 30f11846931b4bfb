"""Reading one data file into a checked table: CSV, XLSX or GeoJSON bytes to typed rows.

:func:`read_dataset_bytes` reads one file for a dataset by its suffix and checks every cell
against the dataset's schema (:data:`~smartcity_geo.schema.SCHEMAS`) and the rules of that
one table; the checks across datasets are :mod:`smartcity_geo.datapack`'s. Every fault is a
:class:`~smartcity_geo.errors.DataPackError` naming file, row, column, the value and what
was expected; no input file makes it raise anything else.

NOTE: row numbers are spreadsheet rows: the header is row 1, the first data row is row 2.
For GeoJSON files the "row" is the 1-based feature number. Encoding faults name the line.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import zipfile
from pathlib import Path
from typing import Any

import geopandas as gpd
import openpyxl
import pandas as pd
from shapely.geometry import shape
from shapely.validation import explain_validity

from . import WGS84
from .errors import DataPackError
from .schema import SCHEMAS, TableSchema, check_bounds, typed_frame

#: The largest file accepted, in MB: the one upload limit (``.streamlit/config.toml``'s
#: ``server.maxUploadSize`` is this number; tests/test_datapack.py compares them).
MAX_FILE_MB = 20
#: The same limit in bytes, counted as the browser counts it. NOTE: Streamlit's file uploader
#: turns ``maxUploadSize`` into bytes with 1000 x 1000 per MB (1024 x 1024 only on Windows) and
#: its server with 1024 x 1024: the smaller count is the one every browser enforces, so a file
#: the browser lets through is never refused here, and none the app accepts is cut by the server.
MAX_FILE_BYTES = MAX_FILE_MB * 1000 * 1000
_MB = 1000 * 1000
FORMATS = {"csv": (".csv",), "xlsx": (".xlsx",), "geojson": (".geojson", ".json")}


def read_file_bytes(path: Path, label: str) -> bytes:
    """The bytes of ``path`` (``label`` names it in messages): missing, too large or unreadable is refused."""
    if not path.is_file():
        raise DataPackError("missing_file", file=label)
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise DataPackError("too_large", file=label, got=f"{size / _MB:.1f}", maximum=MAX_FILE_MB)
    try:
        return path.read_bytes()
    except OSError as exc:
        raise DataPackError("unreadable", file=label, detail=type(exc).__name__) from None


def _decode(data: bytes, file: str) -> str:
    """UTF-8 text (a BOM allowed), or a message naming the line of the first bad byte."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise DataPackError("encoding_utf16", file=file, row=1)
    nul = data.find(b"\x00")
    if nul >= 0:
        raise DataPackError("nul_byte", file=file, row=data.count(b"\n", 0, nul) + 1)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        bad = data[exc.start : exc.start + 4].hex(" ")
        raise DataPackError("encoding", file=file, row=data.count(b"\n", 0, exc.start) + 1, got=bad) from None


def load_json(data: bytes, file: str) -> Any:
    """Parse UTF-8 JSON bytes, or a message naming the line of the fault."""
    text = _decode(data, file)
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise DataPackError("unreadable", file=file, row=exc.lineno, detail=exc.msg) from None
    except RecursionError:
        raise DataPackError("unreadable", file=file, detail="nested too deeply") from None


def read_dataset_bytes(
    key: str, filename: str, data: bytes, *, allow_empty: bool = False
) -> pd.DataFrame | gpd.GeoDataFrame:
    """Read one file for dataset ``key`` and check every cell against its schema.

    By the suffix of ``filename``: ``.csv`` (comma- or semicolon-separated, UTF-8 with or
    without BOM), ``.xlsx`` (first sheet, header in row 1; row numbers as the sheet shows
    them) or ``.geojson``/``.json`` (a FeatureCollection, EPSG:4326). The size limit is
    checked first. Checks of this one table only (cells, row count, unique keys, duplicate
    rows); checks across datasets are :meth:`DataPack.with_table`'s. ``allow_empty``: a
    dataset the region has not yet supplied (status ``none``) is a header-only CSV or an
    empty FeatureCollection, read as a table of no rows.

    Raises
    ------
    DataPackError
        Naming the file, row, column, the value and what was expected; nothing else.
    """
    schema = SCHEMAS.get(key)
    if schema is None:
        raise DataPackError("not_allowed", file=filename, got=key, expected=", ".join(SCHEMAS))
    if len(data) > MAX_FILE_BYTES:
        raise DataPackError("too_large", file=filename, got=f"{len(data) / _MB:.1f}", maximum=MAX_FILE_MB)
    try:
        return _read(schema, filename, data, allow_empty=allow_empty)
    except DataPackError:
        raise
    except Exception as exc:  # a safety net: a user must never see a traceback (tests assert it is unused)
        raise DataPackError("internal", file=filename, detail=type(exc).__name__) from None


def _read(schema: TableSchema, filename: str, data: bytes, *, allow_empty: bool = False) -> pd.DataFrame:
    suffix = Path(filename).suffix.lower()
    spatial = schema.geometry == "polygon"
    if suffix in FORMATS["geojson"]:
        if not spatial:
            raise DataPackError("wrong_format", file=filename, expected="CSV / XLSX", got=suffix)
        return _read_geojson(data, schema, file=filename, allow_empty=allow_empty)
    if suffix not in (".csv", ".xlsx"):
        raise DataPackError("wrong_format", file=filename, expected=".csv, .xlsx, .geojson", got=suffix or "-")
    if spatial:
        raise DataPackError("wrong_format", file=filename, expected="GeoJSON", got=suffix)
    rows, records = _xlsx_records(data, filename) if suffix == ".xlsx" else _csv_records(data, filename)
    return _table(records, rows, schema, file=filename, allow_empty=allow_empty)


def read_table(path: Path, schema: TableSchema, *, label: str | None = None) -> pd.DataFrame:
    """Read one dataset file (CSV, XLSX or GeoJSON, by suffix) and check it against ``schema``."""
    path = Path(path)
    label = label or path.name
    return _read(schema, label, read_file_bytes(path, label))


def _header(cells: list[Any], file: str) -> list[str]:
    header = ["" if c is None else str(c).strip() for c in cells]
    while header and header[-1] == "":
        header.pop()
    if not header:
        raise DataPackError("empty", file=file)
    seen: set[str] = set()
    for name in header:
        if name in seen and name:
            raise DataPackError("duplicate_column", file=file, row=1, column=name)
        seen.add(name)
    return header


def _records(raw_rows, header: list[str], file: str, first_row: int) -> tuple[list[int], list[dict[str, Any]]]:
    """Match cells to the header; refuse short, long and repeated-header rows; skip blank rows."""
    rows: list[int] = []
    records: list[dict[str, Any]] = []
    for row, cells in enumerate(raw_rows, start=first_row):
        cells = list(cells)
        if all(c is None or str(c).strip() == "" for c in cells):
            continue
        extra = cells[len(header) :]
        if any(c is not None and str(c).strip() != "" for c in extra):
            raise DataPackError("too_many_cells", file=file, row=row, expected=len(header), got=len(cells))
        if len(cells) < len(header):
            raise DataPackError("too_few_cells", file=file, row=row, expected=len(header), got=len(cells))
        if [str(c).strip() for c in cells[: len(header)]] == header:
            raise DataPackError("header_repeated", file=file, row=row)
        rows.append(row)
        records.append(dict(zip(header, cells, strict=False)))
    return rows, records


def _csv_records(data: bytes, file: str) -> tuple[list[int], list[dict[str, Any]]]:
    """Rows of a comma- or semicolon-separated file (the header line decides which)."""
    text = _decode(data, file)
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        lines = list(reader)
    except csv.Error as exc:
        key = "field_too_large" if "field limit" in str(exc) else "unreadable"
        raise DataPackError(
            key, file=file, row=reader.line_num + (key == "unreadable"), detail=str(exc), maximum=csv.field_size_limit()
        ) from None
    if not lines:
        raise DataPackError("empty", file=file)
    header = _header(lines[0], file)
    rows, records = _records(lines[1:], header, file, first_row=2)
    return rows, records


def _xlsx_records(data: bytes, file: str) -> tuple[list[int], list[dict[str, Any]]]:
    """Rows of the first sheet of a workbook; header in row 1; dates as ISO text."""
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError) as exc:
        raise DataPackError("unreadable", file=file, detail=f"not an .xlsx workbook ({type(exc).__name__})") from None
    try:
        sheet = book.worksheets[0]
        lines = [[_xlsx_value(v) for v in line] for line in sheet.iter_rows(values_only=True)]
    finally:
        book.close()
    if not lines:
        raise DataPackError("empty", file=file)
    header = _header(lines[0], file)
    return _records(lines[1:], header, file, first_row=2)


def _xlsx_value(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _table(
    records: list[dict[str, Any]], rows: list[int], schema: TableSchema, *, file: str, allow_empty: bool = False
) -> pd.DataFrame:
    present = set().union(*records) if records else set()
    if records:
        missing = [c.name for c in schema.columns if c.required and c.name not in present]
        if missing:
            raise DataPackError("missing_column", file=file, row=1, column=missing[0], expected=", ".join(schema.names))
        extra = sorted(present - set(schema.names))
        if extra and not schema.extra_columns_allowed:
            raise DataPackError("unknown_column", file=file, row=1, column=extra[0], expected=", ".join(schema.names))
    frame = typed_frame(records, rows, schema, file=file, allow_empty=allow_empty)
    if schema.geometry == "point" and schema.lonlat:
        lon_col, lat_col = schema.lonlat
        geometry = gpd.points_from_xy(frame[lon_col], frame[lat_col])
        for point, row in zip(geometry, rows, strict=True):
            check_bounds(point, file=file, row=row, column=lon_col)
        frame = gpd.GeoDataFrame(frame, geometry=geometry, crs=WGS84)
    return frame


def _read_geojson(data: bytes, schema: TableSchema, *, file: str, allow_empty: bool = False) -> gpd.GeoDataFrame:
    """A GeoJSON FeatureCollection whose properties follow ``schema``; every JSON type checked."""
    doc = load_json(data, file)
    if not isinstance(doc, dict) or doc.get("type") != "FeatureCollection":
        raise DataPackError("bad_json_type", file=file, column="type", expected="a GeoJSON FeatureCollection")
    crs = doc.get("crs")
    if crs is not None:
        props = crs.get("properties") if isinstance(crs, dict) else None
        name = props.get("name") if isinstance(props, dict) else None
        if not isinstance(name, str):
            raise DataPackError(
                "bad_json_type",
                file=file,
                column="crs",
                expected='{"type": "name", "properties": {"name": "EPSG:4326"}}',
            )
        if not any(token in name for token in ("4326", "CRS84")):
            raise DataPackError("bad_crs", file=file, column="crs", got=name)
    features = doc.get("features")
    if not isinstance(features, list):
        raise DataPackError("bad_json_type", file=file, column="features", expected="a list of features")
    records, geometries = [], []
    for number, feature in enumerate(features, start=1):
        if not isinstance(feature, dict) or feature.get("type") != "Feature":
            raise DataPackError("bad_json_type", file=file, row=number, expected="a GeoJSON Feature object")
        props = feature.get("properties")
        if props is not None and not isinstance(props, dict):
            raise DataPackError("bad_json_type", file=file, row=number, column="properties", expected="an object")
        geom = feature.get("geometry")
        if geom is not None and not isinstance(geom, dict):
            raise DataPackError("bad_json_type", file=file, row=number, column="geometry", expected="an object")
        records.append(dict(props or {}))
        geometries.append(geom)
    rows = list(range(1, len(records) + 1))
    if not records and not allow_empty:
        raise DataPackError("empty", file=file)
    frame = _table(records, rows, schema, file=file, allow_empty=allow_empty)
    geoms = [_geometry(geom, record=records[n - 1], file=file, row=n) for n, geom in enumerate(geometries, start=1)]
    return gpd.GeoDataFrame(frame, geometry=geoms, crs=WGS84)


def _geometry(geom_json: dict | None, *, record: dict, file: str, row: int):
    where = {"file": file, "row": row, "column": "geometry"}
    geom = None
    if geom_json is not None:
        try:
            geom = shape(geom_json)
        except Exception as exc:  # shapely raises several types for malformed input
            raise DataPackError("bad_geometry", detail=str(exc)[:80] or type(exc).__name__, **where) from None
    if geom is None or geom.is_empty:
        if record.get("extent_method") == "not_mapped":
            return None
        raise DataPackError("required", **where)
    if geom.geom_type not in ("Polygon", "MultiPolygon"):
        raise DataPackError("bad_geometry_type", expected="Polygon", got=geom.geom_type, **where)
    if not geom.is_valid:
        raise DataPackError("bad_geometry", detail=explain_validity(geom), **where)
    check_bounds(geom, **where)
    return geom
