"""Reading one data file into a checked table: CSV, XLSX or GeoJSON bytes to typed rows.

:func:`read_dataset_bytes` reads one file for a dataset by its suffix and checks every cell
against the dataset's schema (:data:`~smartcity_geo.schema.SCHEMAS`) and the rules of that
one table; the checks across datasets are :mod:`smartcity_geo.datapack`'s. Every fault is a
:class:`~smartcity_geo.errors.DataPackError` naming file, row, column, the value and what
was expected; no input file makes it raise anything else.

NOTE: row numbers are spreadsheet rows: the header is row 1, the first data row is row 2.
For GeoJSON files the "row" is the 1-based feature number. Encoding faults name the line.

Over 450 lines on purpose, for now: the bounded readers of the three formats share the
limits and the row/cell counting; the spreadsheet section (``_xlsx_*``, the formula and
unpacked-size checks) is the next piece to move into a module of its own.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import ParseError, iterparse

import geopandas as gpd
import openpyxl
import pandas as pd
from openpyxl.worksheet._read_only import ReadOnlyWorksheet
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

# Bounded work: what one file may make the server do, whoever sends it. Each limit is checked
# before the file is parsed where its bytes tell (lines and separators of a CSV, the unpacked
# size of an .xlsx, the rows a sheet declares) and again while it streams, so any file up to
# MAX_FILE_MB is accepted or refused in a few seconds and a few hundred MB at most
# (bench/bench_upload_bombs.py measures it). The largest dataset holds a few hundred rows.
#: Data rows (CSV: lines; XLSX: sheet rows; GeoJSON: features) a file may hold.
MAX_ROWS = 10_000
#: Columns a header may name (the widest dataset has 15; extra columns are ignored).
MAX_COLUMNS = 200
#: Cells a file may hold, counted as the rows stream (10 000 rows of 15 columns).
MAX_CELLS = 150_000
#: Separators (and lines) a CSV may hold, counted in its bytes before it is parsed (quoted
#: text may hold separators too, hence more than MAX_CELLS).
MAX_SEPARATORS = 1_000_000
#: The unpacked size of an .xlsx (every member of its zip), in MB.
MAX_XLSX_UNPACKED_MB = 40
MAX_XLSX_UNPACKED_BYTES = MAX_XLSX_UNPACKED_MB * 1024 * 1024
#: The unpacked size of an .xlsx's shared strings, in MB: openpyxl reads them all when the
#: workbook opens (10 000 rows of a few distinct short texts fit).
MAX_XLSX_STRINGS_MB = 3


def read_file_bytes(path: Path, label: str, *, max_bytes: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of ``path`` (``label`` names it in messages): missing, too large or unreadable is refused."""
    if not path.is_file():
        raise DataPackError("missing_file", file=label)
    size = path.stat().st_size
    if size > max_bytes:
        raise DataPackError("too_large", file=label, got=f"{size / _MB:.1f}", maximum=f"{max_bytes / _MB:g}")
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
    key: str,
    filename: str,
    data: bytes,
    *,
    sheet: str | None = None,
    allow_empty: bool = False,
    max_bytes: int = MAX_FILE_BYTES,
) -> pd.DataFrame | gpd.GeoDataFrame:
    """Read one file for dataset ``key`` and check every cell against its schema.

    By the suffix of ``filename``: ``.csv`` (comma- or semicolon-separated, UTF-8 with or
    without BOM), ``.xlsx`` (the first visible sheet, or the one named ``sheet``; header in
    row 1; row numbers as the sheet shows them; a formula without a saved result is refused
    naming its cell) or ``.geojson``/``.json`` (a FeatureCollection, EPSG:4326). The size
    and work limits (:data:`MAX_FILE_MB`, :data:`MAX_ROWS`, :data:`MAX_CELLS`,
    :data:`MAX_XLSX_UNPACKED_MB`) are checked first. Checks of this one table only (cells,
    row count, unique keys, duplicate rows); checks across datasets are
    :meth:`DataPack.with_table`'s. ``allow_empty``: a dataset the region has not yet supplied
    (status ``none``) is a header-only CSV or an empty FeatureCollection, read as a table of
    no rows. ``max_bytes``: larger only for a sealed pack's boundary file (``datapack``).

    Raises
    ------
    DataPackError
        Naming the file, row, column, the value and what was expected; nothing else.
    """
    schema = SCHEMAS.get(key)
    if schema is None:
        raise DataPackError("not_allowed", file=filename, got=key, expected=", ".join(SCHEMAS))
    if len(data) > max_bytes:
        raise DataPackError("too_large", file=filename, got=f"{len(data) / _MB:.1f}", maximum=f"{max_bytes / _MB:g}")
    try:
        return _read(schema, filename, data, sheet=sheet, allow_empty=allow_empty)
    except DataPackError:
        raise
    except Exception as exc:  # a safety net: a user must never see a traceback (tests assert it is unused)
        raise DataPackError("internal", file=filename, detail=type(exc).__name__) from None


def _read(
    schema: TableSchema, filename: str, data: bytes, *, sheet: str | None = None, allow_empty: bool = False
) -> pd.DataFrame:
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
    if suffix == ".xlsx":
        rows, records = _xlsx_records(data, filename, sheet=sheet)
    else:
        rows, records = _csv_records(data, filename)
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
    if len(header) > MAX_COLUMNS:
        raise DataPackError("too_many_columns", file=file, row=1, got=len(header), maximum=MAX_COLUMNS)
    seen: set[str] = set()
    for name in header:
        if name in seen and name:
            raise DataPackError("duplicate_column", file=file, row=1, column=name)
        seen.add(name)
    return header


def _records(
    raw_rows: Iterable[Any], header: list[str], file: str, first_row: int, *, pad: bool = False
) -> tuple[list[int], list[dict[str, Any]]]:
    """Match cells to the header; refuse short, long and repeated-header rows; skip blank rows.

    ``raw_rows`` may stream: it is read one row at a time, never kept. ``pad``: a short row
    is filled with empty cells (a spreadsheet does not store the empty cells at a row's end);
    in a CSV a short row is refused (a file cut short).
    """
    rows: list[int] = []
    records: list[dict[str, Any]] = []
    width = len(header)
    for row, cells in enumerate(raw_rows, start=first_row):
        if row - 1 > MAX_ROWS:
            raise DataPackError("too_many_rows", file=file, row=row, maximum=MAX_ROWS)
        if not any(c is not None and (not isinstance(c, str) or c.strip() != "") for c in cells):
            continue
        cells = list(cells)
        extra = cells[width:]
        if any(c is not None and str(c).strip() != "" for c in extra):
            raise DataPackError("too_many_cells", file=file, row=row, expected=width, got=len(cells))
        if len(cells) < width:
            if not pad:
                raise DataPackError("too_few_cells", file=file, row=row, expected=width, got=len(cells))
            cells.extend([None] * (width - len(cells)))
        if [str(c).strip() for c in cells[:width]] == header:
            raise DataPackError("header_repeated", file=file, row=row)
        rows.append(row)
        records.append(dict(zip(header, cells, strict=False)))
    return rows, records


def _csv_records(data: bytes, file: str) -> tuple[list[int], list[dict[str, Any]]]:
    """Rows of a comma- or semicolon-separated file (the header line decides which).

    Bounded before parsing: more lines than :data:`MAX_ROWS` (+ the header) or more
    separators and lines than :data:`MAX_CELLS` is refused from the bytes alone; then the
    rows stream through the reader one at a time.
    """
    lines = data.count(b"\n") + (not data.endswith(b"\n"))
    if lines - 1 > MAX_ROWS:
        raise DataPackError("too_many_rows", file=file, row=MAX_ROWS + 2, maximum=MAX_ROWS)
    text = _decode(data, file)
    first_line = text.split("\n", 1)[0] if len(text) < 1_000_000 else text[:1_000_000].split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    if first_line.count(delimiter) + 1 > MAX_COLUMNS:
        raise DataPackError(
            "too_many_columns", file=file, row=1, got=first_line.count(delimiter) + 1, maximum=MAX_COLUMNS
        )
    if data.count(delimiter.encode()) + lines > MAX_SEPARATORS:
        raise DataPackError("too_many_separators", file=file, maximum=MAX_SEPARATORS)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    del text

    def stream() -> Iterator[list[str]]:
        try:
            yield from reader
        except csv.Error as exc:
            key = "field_too_large" if "field limit" in str(exc) else "unreadable"
            raise DataPackError(
                key,
                file=file,
                row=reader.line_num + (key == "unreadable"),
                detail=str(exc),
                maximum=csv.field_size_limit(),
            ) from None

    lines_iter = stream()
    first = next(lines_iter, None)
    if first is None:
        raise DataPackError("empty", file=file)
    header = _header(first, file)
    return _records(_cells_counted(lines_iter, file), header, file, first_row=2)


# --------------------------------------------------------------------------------------
# Spreadsheets: as a person sees them, with bounded work

_FORMULA_HINTS = (b"<f>", b"<f ", b"<f/>", b":f>", b":f ", b":f/>")  # fast finds before the regex
_FORMULA_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?f[\s>/]")
_DIMENSION = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?dimension\s+ref=\"[A-Z]*\d*:?[A-Z]*(\d+)\"")


# NOTE: openpyxl (3.1) learns a read-only sheet's size, when the sheet opens, by parsing it
# until a <dimension> element, i.e. the whole sheet when it declares none: a million-row
# sheet was parsed in full before the first row could be refused. The size is read here from
# the sheet's first 64 KB instead (where Excel and every writer put <dimension>); the rows
# are not padded to it (reset_dimensions) and are counted as they stream.
def _sheet_size_from_head(self) -> None:
    with self._get_source() as src:
        head = src.read(1 << 16)
    found = _DIMENSION.search(head)
    if found:
        self._max_row = int(found.group(1))


ReadOnlyWorksheet._get_size = _sheet_size_from_head


def _xlsx_records(data: bytes, file: str, *, sheet: str | None = None) -> tuple[list[int], list[dict[str, Any]]]:
    """Rows of the first visible sheet of a workbook (or ``sheet``); header in row 1; dates as ISO text.

    Before openpyxl reads anything: the zip's unpacked size (:data:`MAX_XLSX_UNPACKED_MB`)
    and the rows the sheet declares (:data:`MAX_ROWS`); a formula whose result was not saved
    (a file written by a program that does not compute formulas) is refused naming its cell.
    Then the sheet streams (openpyxl read-only mode), row by row, within the same limits.
    """
    _check_unpacked_size(data, file)
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, zlib.error, KeyError, ValueError, OSError, TypeError, ParseError) as exc:
        raise DataPackError("unreadable", file=file, detail=f"not an .xlsx workbook ({type(exc).__name__})") from None
    try:
        ws = _pick_sheet(book, file, sheet)
        member = ws._worksheet_path  # noqa: SLF001 - the sheet's part in the zip: read it before openpyxl does
        archive = book._archive  # noqa: SLF001
        declared = ws.max_row
        if declared is not None and declared - 1 > MAX_ROWS:
            raise DataPackError("too_many_rows", file=file, row=declared, maximum=MAX_ROWS)
        uncached = _uncached_formula(archive, member)
        ws.reset_dimensions()  # rows as stored: never padded to a (possibly false) declared size
        lines = ((_xlsx_value(v) for v in line) for line in ws.iter_rows(values_only=True))
        first = next(lines, None)
        if first is None:
            raise DataPackError("empty", file=file)
        header = _header(list(first), file)
        if uncached is not None:
            column, row = uncached
            name = header[column - 1] if 0 < column <= len(header) else None
            raise DataPackError("formula_no_value", file=file, row=row, column=name, cell=_cell_name(column, row))
        return _records(_cells_counted(lines, file), header, file, first_row=2, pad=True)
    except (zipfile.BadZipFile, zlib.error, KeyError, OSError, ParseError, EOFError) as exc:
        raise DataPackError("unreadable", file=file, detail=f"not an .xlsx workbook ({type(exc).__name__})") from None
    finally:
        book.close()


def _check_unpacked_size(data: bytes, file: str) -> None:
    """An .xlsx is a zip: refuse it, from its directory alone, if its parts unpack beyond the limit."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise DataPackError("unreadable", file=file, detail=f"not an .xlsx workbook ({type(exc).__name__})") from None
    unpacked = sum(info.file_size for info in infos)
    if unpacked > MAX_XLSX_UNPACKED_BYTES:
        raise DataPackError("xlsx_too_large", file=file, got=f"{unpacked / 1024**2:.0f}", maximum=MAX_XLSX_UNPACKED_MB)
    strings = sum(info.file_size for info in infos if info.filename.lower().endswith("sharedstrings.xml"))
    if strings > MAX_XLSX_STRINGS_MB * 1024 * 1024:
        raise DataPackError(
            "xlsx_strings_too_large", file=file, got=f"{strings / 1024**2:.0f}", maximum=MAX_XLSX_STRINGS_MB
        )


def _pick_sheet(book, file: str, sheet: str | None):
    """The sheet named ``sheet``, else the first sheet a person sees (hidden sheets skipped)."""
    if sheet is not None:
        for ws in book.worksheets:
            if ws.title == sheet:
                return ws
        raise DataPackError("sheet_missing", file=file, got=sheet, expected=", ".join(book.sheetnames))
    for ws in book.worksheets:
        if ws.sheet_state == "visible":
            return ws
    raise DataPackError("empty", file=file)


def _cells_counted(lines: Iterator, file: str) -> Iterator[list[Any]]:
    """The rows of a sheet, refused once they hold more than :data:`MAX_CELLS` cells."""
    cells = 0
    for row, line in enumerate(lines, start=2):
        values = list(line)
        cells += len(values)
        if cells > MAX_CELLS:
            raise DataPackError("too_many_cells_file", file=file, row=row, maximum=MAX_CELLS)
        yield values


def _uncached_formula(archive: zipfile.ZipFile, member: str) -> tuple[int, int] | None:
    """The (column, row) of the first formula cell without a saved result, or None.

    openpyxl reads such a cell as empty; a person sees its result. The sheet is searched for
    a formula tag first (a fast scan of the bytes; most uploads have none), and only then
    parsed, streaming, up to :data:`MAX_ROWS` rows.
    """
    with archive.open(member) as fh:
        tail, found = b"", False
        while chunk := fh.read(1 << 20):
            window = tail + chunk
            if any(tok in window for tok in _FORMULA_HINTS) and _FORMULA_TAG.search(window):
                found = True
                break
            tail = chunk[-64:]
    if not found:
        return None
    rows = 0
    with archive.open(member) as fh:
        for _, elem in iterparse(fh, events=("end",)):
            tag = elem.tag.rsplit("}", 1)[-1]
            if tag == "row":
                rows += 1
                elem.clear()
                if rows > MAX_ROWS + 1:
                    return None  # too many rows: refused while streaming
            elif tag == "c":
                children = {child.tag.rsplit("}", 1)[-1]: child for child in elem}
                value = children.get("v")
                if "f" in children and "is" not in children and (value is None or not (value.text or "").strip()):
                    return _cell_position(elem.get("r") or "")
    return None


def _cell_position(ref: str) -> tuple[int, int]:
    """ "C5" -> (3, 5)."""
    letters = "".join(ch for ch in ref if ch.isalpha()).upper()
    digits = "".join(ch for ch in ref if ch.isdigit())
    column = 0
    for ch in letters:
        column = column * 26 + ord(ch) - ord("A") + 1
    return column, int(digits or 0)


def _cell_name(column: int, row: int) -> str:
    """(3, 5) -> "C5"."""
    letters = ""
    while column > 0:
        column, rest = divmod(column - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return f"{letters}{row}"


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
    _check_crs(doc.get("crs"), file=file)
    features = doc.get("features")
    if not isinstance(features, list):
        raise DataPackError("bad_json_type", file=file, column="features", expected="a list of features")
    if len(features) > MAX_ROWS:
        raise DataPackError("too_many_rows", file=file, row=MAX_ROWS + 1, maximum=MAX_ROWS)
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


#: The names a GeoJSON ``crs`` member may give, exactly (the old GeoJSON 2008 form; RFC 7946
#: drops the member and means CRS84). Lon/lat on WGS 84 either way.
CRS_NAMES: tuple[str, ...] = (
    "urn:ogc:def:crs:OGC:1.3:CRS84",
    "urn:ogc:def:crs:OGC::CRS84",
    "CRS84",
    "OGC:CRS84",
    "EPSG:4326",
    "urn:ogc:def:crs:EPSG::4326",
    "urn:ogc:def:crs:EPSG:6.6:4326",
)


def _check_crs(crs: object, *, file: str) -> None:
    """A ``crs`` member, when present, names exactly CRS84 or EPSG:4326 (never ``EPSG:43260``)."""
    if crs is None:  # absent (RFC 7946: CRS84) or null, as before
        return
    props = crs.get("properties") if isinstance(crs, dict) else None
    name = props.get("name") if isinstance(props, dict) else None
    if not isinstance(name, str):
        raise DataPackError(
            "bad_json_type",
            file=file,
            column="crs",
            expected='{"type": "name", "properties": {"name": "EPSG:4326"}}',
        )
    if name.strip() not in CRS_NAMES:
        raise DataPackError("bad_crs", file=file, column="crs", got=name)


def _check_rings(geom_json: dict, *, file: str, row: int) -> None:
    """Every ring of a (Multi)Polygon is closed: at least 4 positions, the last the first (RFC 7946 3.1.6)."""
    kind, coords = geom_json.get("type"), geom_json.get("coordinates")
    polygons = [coords] if kind == "Polygon" else coords if kind == "MultiPolygon" else None
    if not isinstance(polygons, list):
        return  # other types and malformed coordinates are refused by shape() or the type check
    number = 0
    for polygon in polygons:
        if not isinstance(polygon, list):
            return
        for ring in polygon:
            number += 1
            if not isinstance(ring, list):
                return
            if len(ring) < 4 or ring[0] != ring[-1]:
                raise DataPackError(
                    "ring_not_closed", file=file, row=row, column="geometry", ring=number, got=len(ring)
                )


def _geometry(geom_json: dict | None, *, record: dict, file: str, row: int):
    where = {"file": file, "row": row, "column": "geometry"}
    geom = None
    if geom_json is not None:
        _check_rings(geom_json, file=file, row=row)
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
