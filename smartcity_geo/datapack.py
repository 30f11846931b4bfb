"""Read and validate the data pack (``geodata/``).

All file reading of the library happens here. :func:`load_pack` reads the manifest, checks
every listed file's size and SHA-256 against it, reads each file with
:func:`read_dataset_bytes` (every cell checked against :data:`~smartcity_geo.schema.SCHEMAS`),
then checks the datasets against each other (:func:`smartcity_geo.schema.check_pack`). It
returns an immutable :class:`DataPack` or raises :class:`~smartcity_geo.errors.DataPackError`
naming the file, row, column, the value and what was expected. No input file makes it raise
anything else.

NOTE: row numbers are spreadsheet rows: the header is row 1, the first data row is row 2.
For GeoJSON files the "row" is the 1-based feature number. Encoding faults name the line.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import MappingProxyType
from typing import Any

import geopandas as gpd
import openpyxl
import pandas as pd
from shapely.geometry import shape
from shapely.validation import explain_validity

from . import WGS84, rules
from .errors import DataPackError
from .schema import SCHEMAS, STATUSES, TableSchema, check_bounds, check_pack, check_table, typed_frame

#: The largest file accepted, in MB (the app's upload limit; .streamlit/config.toml matches it).
MAX_FILE_MB = 20
MAX_FILE_BYTES = MAX_FILE_MB * 1024 * 1024  # Streamlit counts an upload's megabytes in MiB
MANIFEST = "manifest.json"
#: The one command that re-seals the manifest after a deliberate edit of a data file.
SEAL_COMMAND = "python -m smartcity_geo.seal geodata"
MANIFEST_FIELDS = ("key", "file", "format", "title_id", "title_en", "status", "source", "licence", "as_of", "positions")
FORMATS = {"csv": (".csv",), "xlsx": (".xlsx",), "geojson": (".geojson", ".json")}


@dataclass(frozen=True)
class DatasetMeta:
    """Provenance of one dataset, as the manifest records it.

    ``row_statuses``: statuses the manifest lets single rows declare beyond ``status`` and
    the weaker ones (e.g. a sample dataset with a few sourced ``official`` rows);
    ``bytes``/``sha256``/``rows``: the seal of the file (``python -m smartcity_geo.seal``).
    """

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
    source_id: str = ""  # optional: the source line in Indonesian / English (the "room" branch reads them)
    source_en: str = ""
    positions_id: str = ""  # optional: how positions were obtained, in Indonesian / English
    positions_en: str = ""
    row_statuses: tuple[str, ...] = ()
    bytes: int | None = None
    sha256: str = ""
    rows: int | None = None

    def title(self, lang: str = "id") -> str:
        return self.title_en if lang == "en" else self.title_id

    def allowed_statuses(self) -> tuple[str, ...]:
        """Statuses a row of this dataset may declare: its own, weaker ones, and ``row_statuses``."""
        if self.status not in STATUSES:  # uploaded: every row is uploaded
            return (self.status,)
        weaker = STATUSES[STATUSES.index(self.status) :]
        return tuple(s for s in STATUSES if s in weaker or s in self.row_statuses)


@dataclass(frozen=True)
class DataPack:
    """The validated data pack: provenance and typed tables, keyed by dataset key.

    Tables are GeoDataFrames (EPSG:4326) for datasets with geometry, DataFrames otherwise.
    Treat them as read-only; :meth:`with_table` returns a new pack. ``today`` is the date
    the pack was validated against (actual values only for years that have ended).
    """

    root: Path
    version: str
    metas: Mapping[str, DatasetMeta]
    tables: Mapping[str, pd.DataFrame] = field(repr=False)
    kelurahan_count: int | None = None
    today: dt.date = field(default_factory=dt.date.today)

    def table(self, key: str) -> pd.DataFrame:
        return self.tables[key]

    def meta(self, key: str) -> DatasetMeta:
        return self.metas[key]

    def has(self, key: str) -> bool:
        return key in self.tables

    def with_table(self, key: str, table: pd.DataFrame, meta: DatasetMeta | None = None) -> DataPack:
        """A new pack with ``key`` replaced by ``table``, cross-checked as a whole.

        ``table`` is checked as a table (row count, unique keys, duplicate rows) and then with
        the whole pack. NOTE: raises before anything is replaced, so the caller's pack is
        untouched on error.
        """
        file = meta.file if meta is not None else self.metas[key].file if key in self.metas else key
        check_table(table, SCHEMAS[key], file=file)
        tables = dict(self.tables)
        tables[key] = table
        metas = dict(self.metas)
        if meta is not None:
            metas[key] = meta
        _cross_check(tables, metas, kelurahan_count=self.kelurahan_count, today=self.today)
        return replace(self, tables=MappingProxyType(tables), metas=MappingProxyType(metas))

    def with_uploads(self, files: Mapping[str, tuple[str, bytes]]) -> DataPack:
        """A new pack in which each dataset ``key`` is replaced by an uploaded file.

        ``files`` maps a dataset key to ``(file name, bytes)``. Every file is untrusted: it is
        read by :func:`read_dataset_bytes` (cell by cell), then the whole pack is
        cross-checked once with all replacements in place. Any problem raises
        :class:`DataPackError` naming the file, row and column, and this pack is untouched.

        An upload never claims a status: its dataset's status, and every status cell of its
        rows, become :data:`rules.UPLOADED`; its provenance names the uploaded file.
        """
        tables = dict(self.tables)
        metas = dict(self.metas)
        for key, (filename, data) in files.items():
            if key not in self.metas:
                raise DataPackError("not_allowed", file=filename, got=key, expected=", ".join(self.metas))
            table = read_dataset_bytes(key, filename, data).copy()
            for col in SCHEMAS[key].columns:
                if col.kind == "status":
                    table[col.name] = table[col.name].where(table[col.name].isna(), rules.UPLOADED)
            tables[key] = table
            metas[key] = replace(
                self.meta(key),
                source=f"upload: {filename}",
                source_url="",
                source_id="",
                source_en="",
                status=rules.UPLOADED,
                row_statuses=(),
                file=filename,
                bytes=len(data),
                sha256=hashlib.sha256(data).hexdigest(),
                rows=len(table),
            )
        _cross_check(tables, metas, kelurahan_count=self.kelurahan_count, today=self.today)
        return replace(self, tables=MappingProxyType(tables), metas=MappingProxyType(metas))


# --------------------------------------------------------------------------------------
# Manifest


def load_manifest(root: Path) -> tuple[str, dict[str, DatasetMeta], int | None]:
    """The pack's version, each dataset's provenance and seal, and the expected kelurahan count."""
    data = _load_json(_read_bytes(Path(root) / MANIFEST, MANIFEST), MANIFEST)
    if not isinstance(data, dict) or not isinstance(data.get("datasets"), list):
        raise DataPackError("bad_json_type", file=MANIFEST, column="datasets", expected="a list of datasets")
    pack = data.get("pack", {})
    if not isinstance(pack, dict):
        raise DataPackError("bad_json_type", file=MANIFEST, column="pack", expected="an object")
    count = pack.get("kelurahan_count")
    if count is not None and (not isinstance(count, int) or isinstance(count, bool) or count < 1):
        raise DataPackError("bad_json_type", file=MANIFEST, column="kelurahan_count", expected="a whole number")
    metas: dict[str, DatasetMeta] = {}
    for number, entry in enumerate(data["datasets"], start=1):
        where = {"file": MANIFEST, "row": number}
        if not isinstance(entry, dict):
            raise DataPackError("bad_json_type", column="datasets", expected="an object per dataset", **where)
        for name in MANIFEST_FIELDS:
            if not isinstance(entry.get(name), str) or not entry[name].strip():
                raise DataPackError("manifest_field", column=name, **where)
        if entry["status"] not in STATUSES:
            raise DataPackError(
                "bad_status", column="status", got=entry["status"], expected=", ".join(STATUSES), **where
            )
        row_statuses = entry.get("row_statuses", [])
        if not isinstance(row_statuses, list) or not all(isinstance(s, str) and s in STATUSES for s in row_statuses):
            raise DataPackError(
                "bad_status", column="row_statuses", got=str(row_statuses), expected=", ".join(STATUSES), **where
            )
        if entry["key"] in metas:
            first = 1 + list(metas).index(entry["key"])
            raise DataPackError("duplicate", column="key", got=entry["key"], first=first, **where)
        if entry["key"] not in SCHEMAS:
            raise DataPackError("not_allowed", column="key", got=entry["key"], expected=", ".join(SCHEMAS), **where)
        if Path(entry["file"]).name != entry["file"] or entry["format"] not in FORMATS:
            raise DataPackError("manifest_field", column="file", **where)
        size, digest, rows = entry.get("bytes"), entry.get("sha256"), entry.get("rows")
        if not isinstance(size, int) or not isinstance(digest, str) or len(digest) != 64:
            raise DataPackError("not_sealed", column="sha256", command=SEAL_COMMAND, **where)
        if rows is not None and not isinstance(rows, int):
            raise DataPackError("bad_json_type", column="rows", expected="a whole number", **where)
        metas[entry["key"]] = DatasetMeta(
            **{name: entry[name] for name in MANIFEST_FIELDS},
            source_url=str(entry.get("source_url", "")),
            source_id=str(entry.get("source_id", "")),
            source_en=str(entry.get("source_en", "")),
            positions_id=str(entry.get("positions_id", "")),
            positions_en=str(entry.get("positions_en", "")),
            row_statuses=tuple(row_statuses),
            bytes=size,
            sha256=digest,
            rows=rows,
        )
    return str(pack.get("version", "unversioned")), metas, count


# --------------------------------------------------------------------------------------
# Reading one file


def _read_bytes(path: Path, label: str) -> bytes:
    if not path.is_file():
        raise DataPackError("missing_file", file=label)
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise DataPackError("too_large", file=label, got=f"{size / 1024**2:.1f}", maximum=MAX_FILE_MB)
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


def _load_json(data: bytes, file: str) -> Any:
    text = _decode(data, file)
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise DataPackError("unreadable", file=file, row=exc.lineno, detail=exc.msg) from None
    except RecursionError:
        raise DataPackError("unreadable", file=file, detail="nested too deeply") from None


def read_dataset_bytes(key: str, filename: str, data: bytes) -> pd.DataFrame | gpd.GeoDataFrame:
    """Read one file for dataset ``key`` and check every cell against its schema.

    By the suffix of ``filename``: ``.csv`` (comma- or semicolon-separated, UTF-8 with or
    without BOM), ``.xlsx`` (first sheet, header in row 1; row numbers as the sheet shows
    them) or ``.geojson``/``.json`` (a FeatureCollection, EPSG:4326). The size limit is
    checked first. Checks of this one table only (cells, row count, unique keys, duplicate
    rows); checks across datasets are :meth:`DataPack.with_table`'s.

    Raises
    ------
    DataPackError
        Naming the file, row, column, the value and what was expected; nothing else.
    """
    schema = SCHEMAS.get(key)
    if schema is None:
        raise DataPackError("not_allowed", file=filename, got=key, expected=", ".join(SCHEMAS))
    if len(data) > MAX_FILE_BYTES:
        raise DataPackError("too_large", file=filename, got=f"{len(data) / 1024**2:.1f}", maximum=MAX_FILE_MB)
    try:
        return _read(schema, filename, data)
    except DataPackError:
        raise
    except Exception as exc:  # a safety net: a user must never see a traceback (tests assert it is unused)
        raise DataPackError("internal", file=filename, detail=type(exc).__name__) from None


def _read(schema: TableSchema, filename: str, data: bytes) -> pd.DataFrame:
    suffix = Path(filename).suffix.lower()
    spatial = schema.geometry == "polygon"
    if suffix in FORMATS["geojson"]:
        if not spatial:
            raise DataPackError("wrong_format", file=filename, expected="CSV / XLSX", got=suffix)
        return _read_geojson(data, schema, file=filename)
    if suffix not in (".csv", ".xlsx"):
        raise DataPackError("wrong_format", file=filename, expected=".csv, .xlsx, .geojson", got=suffix or "-")
    if spatial:
        raise DataPackError("wrong_format", file=filename, expected="GeoJSON", got=suffix)
    rows, records = _xlsx_records(data, filename) if suffix == ".xlsx" else _csv_records(data, filename)
    return _table(records, rows, schema, file=filename)


def read_table(path: Path, schema: TableSchema, *, label: str | None = None) -> pd.DataFrame:
    """Read one dataset file (CSV, XLSX or GeoJSON, by suffix) and check it against ``schema``."""
    path = Path(path)
    label = label or path.name
    return _read(schema, label, _read_bytes(path, label))


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


def _table(records: list[dict[str, Any]], rows: list[int], schema: TableSchema, *, file: str) -> pd.DataFrame:
    present = set().union(*records) if records else set()
    if records:
        missing = [c.name for c in schema.columns if c.required and c.name not in present]
        if missing:
            raise DataPackError("missing_column", file=file, row=1, column=missing[0], expected=", ".join(schema.names))
        extra = sorted(present - set(schema.names))
        if extra and not schema.extra_columns_allowed:
            raise DataPackError("unknown_column", file=file, row=1, column=extra[0], expected=", ".join(schema.names))
    frame = typed_frame(records, rows, schema, file=file)
    if schema.geometry == "point" and schema.lonlat:
        lon_col, lat_col = schema.lonlat
        geometry = gpd.points_from_xy(frame[lon_col], frame[lat_col])
        for point, row in zip(geometry, rows, strict=True):
            check_bounds(point, file=file, row=row, column=lon_col)
        frame = gpd.GeoDataFrame(frame, geometry=geometry, crs=WGS84)
    return frame


def _read_geojson(data: bytes, schema: TableSchema, *, file: str) -> gpd.GeoDataFrame:
    """A GeoJSON FeatureCollection whose properties follow ``schema``; every JSON type checked."""
    doc = _load_json(data, file)
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
    if not records:
        raise DataPackError("empty", file=file)
    frame = _table(records, rows, schema, file=file)
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


# --------------------------------------------------------------------------------------
# The whole pack


def load_pack(root: Path | str, *, today: dt.date | None = None) -> DataPack:
    """Read, verify (size and SHA-256), validate and cross-check every dataset the manifest lists.

    ``today`` decides which years have ended (default: the system date).
    """
    root = Path(root)
    today = today or dt.date.today()
    version, metas, count = load_manifest(root)
    files: dict[str, bytes] = {}
    for key, meta in metas.items():  # every seal first: a half-written file is named before anything is parsed
        data = _read_bytes(root / meta.file, meta.file)
        if len(data) != meta.bytes or hashlib.sha256(data).hexdigest() != meta.sha256:
            raise DataPackError("checksum", file=meta.file, got=len(data), expected=meta.bytes, command=SEAL_COMMAND)
        if Path(meta.file).suffix.lower() not in FORMATS[meta.format]:
            raise DataPackError("wrong_format", file=meta.file, expected=meta.format, got=Path(meta.file).suffix)
        files[key] = data
    tables: dict[str, pd.DataFrame] = {}
    for key, meta in metas.items():
        table = read_dataset_bytes(key, meta.file, files[key])
        if meta.rows is not None and len(table) != meta.rows:
            raise DataPackError("row_count", file=meta.file, expected=meta.rows, got=len(table), command=SEAL_COMMAND)
        tables[key] = table
    _cross_check(tables, metas, kelurahan_count=count, today=today)
    return DataPack(
        root=root,
        version=version,
        metas=MappingProxyType(metas),
        tables=MappingProxyType(tables),
        kelurahan_count=count,
        today=today,
    )


def _cross_check(
    tables: Mapping[str, pd.DataFrame],
    metas: Mapping[str, DatasetMeta],
    *,
    kelurahan_count: int | None,
    today: dt.date,
) -> None:
    """Every check across datasets (:func:`smartcity_geo.schema.check_pack`) with the manifest's files and statuses."""
    check_pack(
        tables,
        files={key: meta.file for key, meta in metas.items()},
        row_statuses={key: meta.allowed_statuses() for key, meta in metas.items()},
        kelurahan_count=kelurahan_count,
        today=today,
    )
