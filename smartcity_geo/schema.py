"""The data pack's schemas, declared as data, and the checks that enforce them.

One home for every rule a data file must follow:

- the vocabulary (:class:`Column`, :class:`TableSchema`), the schema of every dataset
  (:data:`SCHEMAS`) and the programme constants (:data:`UNITS`, :data:`ELEMENT_CODES`,
  :data:`PERIOD_START` ...);
- the cell checks (:func:`parse_cell`, :func:`parse_number`: types, ranges, signs, allowed
  values, formula-safe text);
- the table checks (:func:`check_table`: row counts, unique keys, no duplicate rows);
- the checks across datasets (:func:`check_pack`: kelurahan codes and names agree,
  completeness, references, positions inside the city and their kelurahan, statuses no
  stronger than the manifest allows, and the programme's :func:`cross_check`).

Every check raises :class:`~smartcity_geo.errors.DataPackError` naming file, row, column,
the value found and what was expected. Reading bytes into records is
:mod:`smartcity_geo.datapack`'s job.

NOTE: a plain dataclass schema (not pandera): the checks must name the spreadsheet row and
column in Indonesian and English and stop at the first fault, which pandera's lazy,
English-only error reports would have to be translated back into anyway.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

import pandas as pd
import pyproj
import shapely
from shapely.geometry import Point

from . import UTM49S, WGS84, rules
from .errors import DataPackError

# ======================================================================================
# Vocabulary

ColumnKind = Literal["str", "int", "float", "idr", "bool", "date", "code", "codes", "status"]
GeometryKind = Literal["none", "point", "polygon"]

#: Statuses a data row may declare (strongest first); ``uploaded`` is set by the app only.
STATUSES: tuple[str, ...] = rules.DATA_STATUSES
CODE_PATTERN = re.compile(r"^35\.75\.0[1-4]\.\d{4}$")
KECAMATAN_CODE_PATTERN = re.compile(r"^35\.75\.0[1-4]$")
DATE_PATTERN = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")

#: Positions may lie this far outside the city's outline (the union of the kelurahan
#: polygons), in metres: the simplified boundary polygons are not exact.
CITY_TOLERANCE_M = 25.0
#: A point may lie this far outside its own kelurahan polygon, in metres.
KELURAHAN_TOLERANCE_M = 1.0
#: Plausible lon/lat box around Kota Pasuruan (generous): a quick test that catches swapped axes.
LON_RANGE = (112.7, 113.1)
LAT_RANGE = (-7.8, -7.5)
_TO_LONLAT = pyproj.Transformer.from_crs(UTM49S, WGS84, always_xy=True)

# Text a spreadsheet would run as a formula when it starts a cell.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_TRUE = {"true", "1", "yes", "ya", "y"}
_FALSE = {"false", "0", "no", "tidak", "n"}

# How a point's position was obtained. Shown on screen; never call an approximate position exact.
POSITION_METHODS: tuple[str, ...] = (
    "sourced",  # a coordinate from a cited source
    "address",  # placed approximately from a sourced street address / description
    "kelurahan",  # placed approximately inside its kelurahan (only the kelurahan is known)
    "placeholder",  # location not found: an illustrative point, to be replaced
    "sample",  # an invented (sample) position for a sample dataset
)


@dataclass(frozen=True)
class Column:
    """One column: its name, kind and constraints.

    ``kind``: ``code`` is a Kemendagri kelurahan code (``35.75.KK.DDDD``) that must be one of
    the pack's kelurahan; ``codes`` a ``;``-separated list of them or ``-``; ``status`` one
    of :data:`STATUSES`; ``int``/``float``/``idr`` numbers as :func:`parse_number` reads
    them (``idr``: rupiah, a leading ``Rp`` allowed). ``formula_safe`` text (every ``str``
    column unless switched off) may not start with ``= + - @``, a tab or a carriage return.
    """

    name: str
    kind: ColumnKind = "str"
    required: bool = True
    allowed: tuple[str, ...] | None = None
    minimum: float | None = None
    maximum: float | None = None
    unique: bool = False
    formula_safe: bool = True


@dataclass(frozen=True)
class TableSchema:
    """A dataset's columns and the rules across its rows.

    ``extra_columns_allowed``: columns beyond ``columns`` are ignored (else refused);
    ``key_columns``: together unique (a second row with the same key is refused);
    ``per_kelurahan``: the column that must name every kelurahan of the pack exactly once.
    Duplicate rows are refused in every dataset.
    """

    key: str
    columns: tuple[Column, ...]
    geometry: GeometryKind = "none"
    # For point tables: names of the lon/lat columns (stored in EPSG:4326).
    lonlat: tuple[str, str] | None = None
    extra_columns_allowed: bool = True
    min_rows: int = 1
    key_columns: tuple[str, ...] = ()
    per_kelurahan: str | None = None
    notes: str = ""

    def column(self, name: str) -> Column:
        for col in self.columns:
            if col.name == name:
                return col
        raise KeyError(name)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)


# ======================================================================================
# Programme constants

PERIOD_START = 2022  # Masterplan Smart City Kota Pasuruan 2022-2031
PERIOD_END = 2031
BUDGET_FIRST_YEAR = 2015  # budget lines before the masterplan are kept as context (e.g. 2019)

ELEMENT_CODES: tuple[str, ...] = ("SG", "SB", "SE", "SL", "SS", "SN")
DIRECTIONS: tuple[str, ...] = ("higher", "lower")

# Unit key -> (minimum, maximum) of a plausible value. Names are strings ``prog.unit.<key>``.
UNITS: dict[str, tuple[float, float]] = {
    "percent": (0.0, 100.0),
    "count": (0.0, math.inf),
    "people": (0.0, math.inf),
    "thousand_visits": (0.0, math.inf),
    "score": (0.0, math.inf),  # a published score whose scale is not fixed here
    "score_0_4": (0.0, 4.0),
    "score_0_5": (0.0, 5.0),
    "index_0_100": (0.0, 100.0),
    "days": (0.0, 366.0),
    "minutes": (0.0, 24 * 60.0),
    "hectare": (0.0, 4000.0),  # the city is about 35-39 km²
    "tonnes_per_day": (0.0, math.inf),
    "mwh_per_year": (0.0, math.inf),
    "kwp": (0.0, math.inf),
    "rp_billion": (0.0, math.inf),
}

# ======================================================================================
# The datasets

# NOTE: no numeric range on lon/lat here: positions are checked against the city's box and
# outline, with a message that suggests swapped axes.
_POINT_COLUMNS = (Column("lon", "float"), Column("lat", "float"))
_POSITION = (
    Column("position_method", "str", allowed=POSITION_METHODS),
    Column("position_note", "str", required=False),
    Column("position_note_id", "str", required=False),  # the note in Indonesian / English (i18n.localized)
    Column("position_note_en", "str", required=False),
)
_STATUS = Column("status", "status")
_SOURCE = Column("source", "str")

SPATIAL_SCHEMAS: dict[str, TableSchema] = {
    "kelurahan": TableSchema(
        "kelurahan",
        (
            Column("kode", "code", unique=True),
            Column("kode_kecamatan", "str"),
            Column("kecamatan", "str"),
            Column("kelurahan", "str"),
        ),
        geometry="polygon",
        notes="One feature per kelurahan; how many is the manifest's pack.kelurahan_count.",
    ),
    "hotspots": TableSchema(
        "hotspots",
        (
            Column("id", "str", unique=True),
            Column("name", "str"),
            Column("name_en", "str", required=False),  # the site's name in English, where it differs
            Column("type", "str", allowed=("public", "internal")),
            Column("site_kind", "str", allowed=("kelurahan_office", "public_facility", "government_office")),
            Column("kelurahan_code", "code"),
            *_POINT_COLUMNS,
            *_POSITION,
            _STATUS,
            _SOURCE,
        ),
        geometry="point",
        lonlat=("lon", "lat"),
    ),
    "gov_sites": TableSchema(
        "gov_sites",
        (
            Column("id", "str", unique=True),
            Column("name", "str"),
            Column("name_en", "str", required=False),  # the site's name in English, where it differs
            Column(
                "role",
                "str",
                allowed=("server_room", "opd", "kecamatan_office", "kelurahan_office", "puskesmas"),
            ),
            Column("kelurahan_code", "code"),
            *_POINT_COLUMNS,
            *_POSITION,
            _STATUS,
            _SOURCE,
        ),
        geometry="point",
        lonlat=("lon", "lat"),
    ),
    "network_links": TableSchema(
        "network_links",
        (
            Column("from_id", "str"),
            Column("to_id", "str"),
            Column("medium", "str", allowed=("fibre", "wireless", "leased_line")),
            _STATUS,
        ),
        key_columns=("from_id", "to_id"),
    ),
    "cell_sites": TableSchema(
        "cell_sites",
        (
            Column("id", "str", unique=True),
            Column("operator", "str"),
            Column("technology", "str", allowed=("4G", "3G")),
            *_POINT_COLUMNS,
            Column("radius_m", "float", minimum=50, maximum=10000),
            _STATUS,
        ),
        geometry="point",
        lonlat=("lon", "lat"),
    ),
    "broadband": TableSchema(
        "broadband",
        (
            Column("kelurahan_code", "code", unique=True),
            Column("fibre", "bool"),
            Column("households_passed_share", "float", minimum=0, maximum=1),
            Column("providers", "int", minimum=0, maximum=50),
            _STATUS,
        ),
        per_kelurahan="kelurahan_code",
    ),
    "tourism_areas": TableSchema(
        "tourism_areas",
        (
            Column("id", "str", unique=True),
            Column("name_id", "str"),
            Column("name_en", "str"),
            Column(
                "theme", "str", allowed=("religi", "heritage", "harbour", "marina", "ecotourism", "kampung_tematik")
            ),
            Column("designation", "str"),
            Column("designation_id", "str", required=False),  # Indonesian / English (i18n.localized)
            Column("designation_en", "str", required=False),
            Column("designation_source", "str"),
            Column("kelurahan_codes", "codes", formula_safe=False),
            Column("extent_method", "str", allowed=("kelurahan", "buffer", "not_mapped")),
            Column("extent_note", "str"),
            Column("extent_note_id", "str", required=False),
            Column("extent_note_en", "str", required=False),
        ),
        geometry="polygon",
    ),
    "facts": TableSchema(
        "facts",
        (
            Column("key", "str", unique=True),
            Column("label_id", "str"),
            Column("label_en", "str"),
            Column("value", "float", required=False, minimum=0),  # empty for a fact that is a statement
            Column("unit", "str", required=False),
            Column("as_of", "date"),
            _SOURCE,
            _STATUS,
        ),
    ),
}

PROGRAMME_SCHEMAS: dict[str, TableSchema] = {
    "elements": TableSchema(
        "elements",
        (
            Column("code", "str", allowed=ELEMENT_CODES, unique=True),
            Column("name_id", "str"),
            Column("name_en", "str"),
        ),
        min_rows=len(ELEMENT_CODES),
        notes="The six smart-city elements (dimensi) of the Gerakan Menuju Smart City.",
    ),
    "subdimensions": TableSchema(
        "subdimensions",
        (
            Column("code", "str", unique=True),
            Column("element", "str", allowed=ELEMENT_CODES),
            Column("name_id", "str"),
            Column("name_en", "str"),
        ),
        min_rows=3 * len(ELEMENT_CODES),
        notes="Three sub-dimensions per element; code = '<element>-<two letters>'.",
    ),
    "indicators": TableSchema(
        "indicators",
        (
            Column("code", "str", unique=True),
            Column("subdimension", "str"),
            Column("name_id", "str"),
            Column("name_en", "str"),
            Column("unit", "str", allowed=tuple(UNITS)),
            Column("direction", "str", allowed=DIRECTIONS),
            Column("baseline", "float", required=False, minimum=0),
            Column("baseline_year", "int", required=False, minimum=2010, maximum=PERIOD_END),
            Column("agency", "str"),
            Column("kelurahan_code", "code", required=False),
            _SOURCE,
            _STATUS,
            Column("note", "str", required=False),
            Column("note_id", "str", required=False),  # the note in Indonesian / English (i18n.localized)
            Column("note_en", "str", required=False),
        ),
        notes="Indicator definitions; kelurahan_code set for kelurahan-level indicators.",
    ),
    "indicator_values": TableSchema(
        "indicator_values",
        (
            Column("indicator", "str"),
            Column("year", "int", minimum=PERIOD_START, maximum=PERIOD_END),
            Column("target", "float", required=False, minimum=0),
            Column("actual", "float", required=False, minimum=0),
            _STATUS,
            Column("target_status", "status", required=False),
            _SOURCE,
            Column("note", "str", required=False),
            Column("note_id", "str", required=False),  # the note in Indonesian / English (i18n.localized)
            Column("note_en", "str", required=False),
        ),
        key_columns=("indicator", "year"),
        notes="Yearly target and actual per indicator; actual only for years that have passed.",
    ),
    "budget": TableSchema(
        "budget",
        (
            Column("year", "int", minimum=BUDGET_FIRST_YEAR, maximum=PERIOD_END),
            Column("element", "str", allowed=ELEMENT_CODES),
            Column("programme", "str", required=False),
            Column("agency", "str", required=False),
            Column("planned_idr", "idr", minimum=0),
            Column("realised_idr", "idr", required=False, minimum=0),
            _STATUS,
            _SOURCE,
            Column("note", "str", required=False),
            Column("note_id", "str", required=False),  # the note in Indonesian / English (i18n.localized)
            Column("note_en", "str", required=False),
        ),
        notes="Additive budget lines (rupiah); element total = sum of its lines for the year.",
    ),
}

#: Every dataset's schema, by dataset key.
SCHEMAS: dict[str, TableSchema] = {**SPATIAL_SCHEMAS, **PROGRAMME_SCHEMAS}


# ======================================================================================
# Cells


def _is_missing(value: Any) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


_RUPIAH = re.compile(r"^rp\.?\s*", re.IGNORECASE)
_GROUPS = {".": re.compile(r"^\d{1,3}(\.\d{3})+$"), ",": re.compile(r"^\d{1,3}(,\d{3})+$")}


class NumberError(ValueError):
    """Why a text is not a number: ``key`` is ``not_number`` or ``ambiguous_number``."""

    def __init__(self, key: str, **params: object) -> None:
        super().__init__(key)
        self.key = key
        self.params = params


def parse_number(text: str, *, rupiah: bool = False) -> float:
    """Read a number as Indonesians and English speakers write it, refusing what is ambiguous.

    The same rule in every file (comma- or semicolon-separated CSV, spreadsheet text cells):

    - digits with an optional leading ``-``: ``1500``;
    - one decimal mark, ``.`` or ``,``: ``1500.75``, ``1500,75``, ``1,5``, ``0.500``;
    - thousands groups of three with the other mark as decimal: ``1.500,75``, ``1,500.75``;
      thousands alone when the mark appears twice or more: ``11.000.000``;
    - ``Rp`` / ``Rp.`` in front only where ``rupiah`` (``*_idr`` columns): ``Rp 11.000.000``.

    A single mark followed by exactly three digits after a non-zero whole part (``1.500``,
    ``1,500``, ``12.000``) could be a thousand or a decimal: it is refused
    (:class:`NumberError` ``ambiguous_number``), never guessed.
    """
    s = text.replace("\u00a0", " ").strip()
    if rupiah:
        s = _RUPIAH.sub("", s)
    sign = ""
    if s.startswith("-"):
        sign, s = "-", s[1:]
    if s.isdigit() and s.isascii():
        return float(sign + s)
    if not s or not set(s) <= set("0123456789.,") or not s[0].isdigit() or not s[-1].isdigit():
        raise NumberError("not_number")
    dots, commas = s.count("."), s.count(",")
    if dots and commas:
        decimal = "." if s.rfind(".") > s.rfind(",") else ","
        thousands = "," if decimal == "." else "."
        whole, _, frac = s.rpartition(decimal)
        if s.count(decimal) != 1 or not _GROUPS[thousands].match(whole) or not frac.isdigit():
            raise NumberError("not_number")
        return float(sign + whole.replace(thousands, "") + "." + frac)
    mark = "." if dots else ","
    if dots + commas > 1:
        if not _GROUPS[mark].match(s):
            raise NumberError("not_number")
        return float(sign + s.replace(mark, ""))
    whole, _, frac = s.partition(mark)
    if len(frac) == 3 and len(whole) <= 3 and whole.strip("0"):
        shorter = frac.rstrip("0")
        decimal = whole + ("." + shorter if shorter else "") + ("0" if len(shorter) == 3 else "")
        raise NumberError("ambiguous_number", thousand=sign + whole + frac, decimal=sign + decimal)
    return float(sign + whole + "." + frac)


def parse_cell(value: Any, col: Column, *, file: str, row: int) -> Any:
    """Convert one raw cell (text, or a number from a spreadsheet/JSON) to its typed value.

    Raises :class:`DataPackError` naming file, row, column, the value and what was expected.
    """
    where = {"file": file, "row": row, "column": col.name}
    if isinstance(value, (dict, list, tuple)):
        raise DataPackError("not_scalar", got=type(value).__name__, **where)
    if isinstance(value, bool):
        value = "true" if value else "false"
    if isinstance(value, (int, float)) and not _is_missing(value):
        got = _number_text(value)
        if col.kind in ("int", "float", "idr"):
            return _check_number(float(value), col, got=got, **where)
        value = got
    text = "" if _is_missing(value) else str(value).strip()
    if "\x00" in text:
        raise DataPackError("nul_byte", **where)
    if text == "":
        if col.required:
            raise DataPackError("required", **where)
        return None
    if col.kind in ("int", "float", "idr"):
        try:
            number = parse_number(text, rupiah=col.kind == "idr")
        except NumberError as exc:
            raise DataPackError(exc.key, got=text, **exc.params, **where) from None
        return _check_number(number, col, got=text, **where)
    if col.kind == "bool":
        low = text.lower()
        if low in _TRUE:
            return True
        if low in _FALSE:
            return False
        raise DataPackError("not_boolean", got=text, **where)
    if col.kind == "date" and not DATE_PATTERN.match(text):
        raise DataPackError("bad_date", got=text, **where)
    if col.kind == "code" and not CODE_PATTERN.match(text):
        raise DataPackError("bad_code", got=text, **where)
    if col.kind == "codes" and text != "-":
        for code in (c.strip() for c in text.split(";")):
            if not CODE_PATTERN.match(code):
                raise DataPackError("bad_code", got=code, **where)
    if col.kind == "status" and text not in STATUSES:
        raise DataPackError("bad_status", got=text, expected=", ".join(STATUSES), **where)
    if col.allowed is not None and text not in col.allowed:
        raise DataPackError("not_allowed", got=text, expected=", ".join(col.allowed), **where)
    if (
        col.kind == "str"
        and col.formula_safe
        and (text.startswith(FORMULA_STARTS) or str(value).startswith(FORMULA_STARTS))
    ):
        raise DataPackError("formula", got=text[:40], **where)
    return text


def _number_text(value: float) -> str:
    """A number from a spreadsheet or JSON as text: 2019.0 -> "2019", 0.48 -> "0.48"."""
    if isinstance(value, float) and math.isfinite(value) and value == int(value):
        return str(int(value))
    return repr(value)


def _check_number(number: float, col: Column, *, got: str, **where: Any) -> Any:
    if not math.isfinite(number):
        raise DataPackError("not_number", got=got, **where)
    if col.kind == "int":
        if number != int(number):
            raise DataPackError("not_integer", got=got, **where)
        number = int(number)
    lo = -math.inf if col.minimum is None else col.minimum
    hi = math.inf if col.maximum is None else col.maximum
    if not lo <= number <= hi:
        key = "negative" if number < 0 <= lo else "out_of_range"
        raise DataPackError(key, got=got, minimum=_fmt(lo), maximum=_fmt(hi), **where)
    return number


def _fmt(value: float) -> str:
    return f"{value:g}"


# ======================================================================================
# One table


def typed_frame(records: list[dict[str, Any]], rows: list[int], schema: TableSchema, *, file: str) -> pd.DataFrame:
    """Check and type raw records (one dict per row, spreadsheet row numbers in ``rows``)."""
    columns: dict[str, list[Any]] = {c.name: [] for c in schema.columns}
    for record, row in zip(records, rows, strict=True):
        for col in schema.columns:
            columns[col.name].append(parse_cell(record.get(col.name), col, file=file, row=row))
    index = pd.RangeIndex(len(records))
    series: dict[str, pd.Series] = {}
    for col in schema.columns:
        values = columns[col.name]
        if col.kind == "int":
            series[col.name] = pd.Series(pd.array(values, dtype="Int64"), index=index)
        elif col.kind in ("float", "idr"):
            series[col.name] = pd.Series([math.nan if v is None else v for v in values], dtype="float64", index=index)
        elif col.kind == "bool" and col.required:
            series[col.name] = pd.Series(values, dtype=bool, index=index)
        else:  # text stays object (None where empty), as every screen expects
            series[col.name] = pd.Series(values, dtype="object", index=index)
    series["_row"] = pd.Series(rows, dtype="int64", index=index)
    frame = pd.DataFrame(series)
    check_table(frame, schema, file=file)
    return frame


def check_table(frame: pd.DataFrame, schema: TableSchema, *, file: str) -> None:
    """Rules across the rows of one table: row count, unique columns and keys, no duplicate rows."""
    if frame.empty:
        raise DataPackError("empty", file=file)
    if len(frame) < schema.min_rows:
        raise DataPackError("too_few_rows", file=file, expected=schema.min_rows, got=len(frame))
    rows = [int(r) for r in frame["_row"]] if "_row" in frame.columns else list(range(2, len(frame) + 2))
    keys = [(c.name,) for c in schema.columns if c.unique]
    if schema.key_columns:
        keys.append(schema.key_columns)
    keys.append(schema.names)  # the whole row
    for key in keys:
        seen: dict[tuple, int] = {}
        values = zip(*(frame[name].tolist() for name in key), strict=True)
        for value, row in zip(values, rows, strict=True):
            value = tuple(None if _is_missing(v) else v for v in value)
            if value in seen:
                if key == schema.names:
                    raise DataPackError("duplicate_row", file=file, row=row, got=seen[value])
                raise DataPackError(
                    "duplicate",
                    file=file,
                    row=row,
                    column=" + ".join(key),
                    got=" ".join(str(v) for v in value),
                    first=seen[value],
                )
            seen[value] = row


def check_bounds(geom, *, file: str, row: int, column: str) -> None:
    """A geometry's lon/lat box lies in the box around the city (catches swapped axes)."""
    minx, miny, maxx, maxy = geom.bounds
    if not (LON_RANGE[0] <= minx and maxx <= LON_RANGE[1] and LAT_RANGE[0] <= miny and maxy <= LAT_RANGE[1]):
        raise DataPackError(
            "outside_city",
            file=file,
            row=row,
            column=column,
            lon=f"{minx:.5f}",
            lat=f"{miny:.5f}",
            tolerance=_fmt(CITY_TOLERANCE_M),
        )


# ======================================================================================
# Across datasets


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """The rows of ``frame`` as dicts (faster than ``to_dict("records")``; missing stays missing)."""
    names = list(frame.columns)
    return [dict(zip(names, values, strict=True)) for values in zip(*(frame[c].tolist() for c in names), strict=True)]


def _rows(frame: pd.DataFrame) -> list[int]:
    """Spreadsheet row numbers (header = row 1): the pack's ``_row`` column, else position."""
    if "_row" in frame.columns:
        return [int(r) for r in frame["_row"]]
    return list(range(2, len(frame) + 2))


def check_pack(
    tables: Mapping[str, pd.DataFrame],
    *,
    files: Mapping[str, str],
    row_statuses: Mapping[str, tuple[str, ...]],
    kelurahan_count: int | None,
    today: date,
) -> None:
    """Every check across the datasets of a pack; raises at the first problem.

    ``files``: dataset key -> file name for messages; ``row_statuses``: dataset key -> the
    statuses its rows may declare (from the manifest); ``kelurahan_count``: how many
    kelurahan the boundary file must hold (``None``: any number).
    """
    if "kelurahan" not in tables:
        raise DataPackError("missing_file", file=files.get("kelurahan", "kelurahan.geojson"))
    kel = tables["kelurahan"]
    kel_file = files.get("kelurahan", "kelurahan.geojson")
    if kelurahan_count is not None and len(kel) != kelurahan_count:
        raise DataPackError("feature_count", file=kel_file, expected=kelurahan_count, got=len(kel))
    _check_kelurahan(kel, file=kel_file)
    codes = set(kel["kode"])
    kel_utm = kel.to_crs(UTM49S)
    polygons = dict(zip(kel["kode"], kel_utm.geometry, strict=True))
    names = dict(zip(kel["kode"], kel["kelurahan"], strict=True))
    city = shapely.union_all(list(polygons.values())).buffer(CITY_TOLERANCE_M)
    shapely.prepare(city)

    for key, table in tables.items():
        file = files.get(key, key)
        schema = SCHEMAS[key]
        _check_statuses(table, schema, row_statuses.get(key), file=file)
        for col in schema.columns:
            if col.kind == "code":
                for value, row in zip(table[col.name], _rows(table), strict=True):
                    if not _is_missing(value) and value not in codes:
                        raise DataPackError(
                            "unknown_code", file=file, row=row, column=col.name, got=value, target=kel_file
                        )
            if col.kind == "codes":
                for value, row in zip(table[col.name], _rows(table), strict=True):
                    for code in (c.strip() for c in str(value).split(";")):
                        if code not in ("", "-") and code not in codes:
                            raise DataPackError(
                                "unknown_code", file=file, row=row, column=col.name, got=code, target=kel_file
                            )
        if schema.per_kelurahan:
            missing = sorted(codes - set(table[schema.per_kelurahan]))
            if missing:
                raise DataPackError(
                    "incomplete",
                    file=file,
                    column=schema.per_kelurahan,
                    got=missing[0],
                    name=names[missing[0]],
                    expected=len(codes),
                    found=len(table),
                )
        if key != "kelurahan" and schema.geometry != "none" and "geometry" in table.columns:
            _check_positions(table, schema, file=file, city=city, polygons=polygons, names=names)

    if "network_links" in tables and "gov_sites" in tables:
        site_ids = set(tables["gov_sites"]["id"])
        links = tables["network_links"]
        for col_name in ("from_id", "to_id"):
            for value, row in zip(links[col_name], _rows(links), strict=True):
                if value not in site_ids:
                    raise DataPackError(
                        "unknown_reference",
                        file=files.get("network_links"),
                        row=row,
                        column=col_name,
                        got=value,
                        target=files.get("gov_sites"),
                    )
    if all(k in tables for k in PROGRAMME_SCHEMAS):
        cross_check(tables, files=files, today=today)


def _check_kelurahan(kel: pd.DataFrame, *, file: str) -> None:
    """Kecamatan code = the first three parts of the kelurahan code; names and codes agree."""
    kecamatan: dict[str, tuple[str, int]] = {}
    kelurahan: dict[tuple[str, str], int] = {}
    for code, kec_code, kec_name, name, row in zip(
        kel["kode"], kel["kode_kecamatan"], kel["kecamatan"], kel["kelurahan"], _rows(kel), strict=True
    ):
        if kec_code != code.rsplit(".", 1)[0]:
            raise DataPackError(
                "kecamatan_code",
                file=file,
                row=row,
                column="kode_kecamatan",
                got=kec_code,
                expected=code.rsplit(".", 1)[0],
            )
        if kec_code in kecamatan and kecamatan[kec_code][0] != kec_name:
            first_name, first_row = kecamatan[kec_code]
            raise DataPackError(
                "name_mismatch",
                file=file,
                row=row,
                column="kecamatan",
                got=kec_name,
                expected=first_name,
                code=kec_code,
                first=first_row,
            )
        other = next((c for c, (n, _) in kecamatan.items() if n == kec_name and c != kec_code), None)
        if other is not None:
            raise DataPackError(
                "name_mismatch",
                file=file,
                row=row,
                column="kode_kecamatan",
                got=kec_code,
                expected=other,
                code=kec_name,
                first=kecamatan[other][1],
            )
        kecamatan.setdefault(kec_code, (kec_name, row))
        if (kec_code, name) in kelurahan:
            raise DataPackError(
                "duplicate", file=file, row=row, column="kelurahan", got=name, first=kelurahan[(kec_code, name)]
            )
        kelurahan[(kec_code, name)] = row


def _check_statuses(table: pd.DataFrame, schema: TableSchema, allowed: tuple[str, ...] | None, *, file: str) -> None:
    """No row declares a status the manifest does not grant its dataset."""
    if allowed is None:
        return
    for col in schema.columns:
        if col.kind != "status" or col.name not in table.columns:
            continue
        for value, row in zip(table[col.name], _rows(table), strict=True):
            if not _is_missing(value) and value not in allowed:
                raise DataPackError(
                    "status_not_earned", file=file, row=row, column=col.name, got=value, expected=", ".join(allowed)
                )


def _check_positions(table, schema: TableSchema, *, file: str, city, polygons, names) -> None:
    """Points and polygons lie inside the city's outline; points inside their own kelurahan."""
    column = schema.lonlat[0] if schema.lonlat else "geometry"
    utm = table.to_crs(UTM49S).geometry
    for idx, (geom, row) in enumerate(zip(utm, _rows(table), strict=True)):
        if geom is None or geom.is_empty:
            continue
        if not city.covers(geom):
            lonlat = table.geometry.iloc[idx].representative_point()
            if schema.geometry == "polygon":
                outside = geom.difference(city).representative_point()
                lonlat = Point(*_TO_LONLAT.transform(outside.x, outside.y))
            raise DataPackError(
                "outside_city",
                file=file,
                row=row,
                column=column,
                lon=f"{lonlat.x:.5f}",
                lat=f"{lonlat.y:.5f}",
                tolerance=_fmt(CITY_TOLERANCE_M),
            )
        code = table["kelurahan_code"].iloc[idx] if schema.geometry == "point" and "kelurahan_code" in table else None
        if code is not None and not polygons[code].buffer(KELURAHAN_TOLERANCE_M).covers(geom):
            inside = [names[c] for c, poly in polygons.items() if poly.contains(geom)]
            raise DataPackError(
                "outside_kelurahan",
                file=file,
                row=row,
                column=column,
                expected=names[code],
                got=", ".join(inside) or "-",
            )


# --------------------------------------------------------------------------------------
# The programme datasets

_PROGRAMME_FILES = {key: f"{key}.csv" for key in PROGRAMME_SCHEMAS}


def cross_check(tables: Mapping[str, pd.DataFrame], *, files: Mapping[str, str] | None = None, today: date) -> None:
    """Check the programme datasets against each other and against the calendar.

    Raises :class:`~smartcity_geo.errors.DataPackError` at the first problem:

    - a sub-dimension whose element is unknown, or whose code does not start with it;
    - an element without exactly three sub-dimensions;
    - an indicator whose sub-dimension is unknown; a kelurahan code that is not one of
      the kelurahan (when ``tables`` holds ``kelurahan``);
    - a value row whose indicator is unknown, or a second row for the same indicator
      and year;
    - a value (target, actual, baseline) outside its unit's range (a share above 100 %,
      a score above 4 on the 0-4 scale ...);
    - an actual for a year that has not ended by ``today``, or a baseline year after the
      first year with values;
    - a budget line whose element is unknown, a realised amount above the planned
      amount (APBD spending cannot exceed its ceiling), or a realised amount for a year
      that has not ended.

    ``files`` maps dataset keys to file names for the messages (default ``<key>.csv``).
    """
    files = {**_PROGRAMME_FILES, **(files or {})}
    last_year = rules.last_complete_year(today)

    elements = tables["elements"]
    element_codes = set(elements["code"])
    subs = tables["subdimensions"]
    sub_codes = set(subs["code"])
    for code, element, row in zip(subs["code"], subs["element"], _rows(subs), strict=True):
        if element not in element_codes:
            raise DataPackError(
                "unknown_reference",
                file=files["subdimensions"],
                row=row,
                column="element",
                got=element,
                target=files["elements"],
            )
        if not str(code).startswith(f"{element}-"):
            raise DataPackError(
                "prog_sub_code", file=files["subdimensions"], row=row, column="code", got=code, expected=element
            )
    counts = subs["element"].value_counts()
    for code in elements["code"]:
        if int(counts.get(code, 0)) != 3:
            raise DataPackError(
                "prog_sub_count",
                file=files["subdimensions"],
                column="element",
                got=int(counts.get(code, 0)),
                expected=code,
            )

    indicators = tables["indicators"]
    kel_codes = set(tables["kelurahan"]["kode"]) if "kelurahan" in tables else None
    units: dict[str, str] = {}
    for record, row in zip(_records(indicators), _rows(indicators), strict=True):
        where = {"file": files["indicators"], "row": row}
        if record["subdimension"] not in sub_codes:
            raise DataPackError(
                "unknown_reference",
                column="subdimension",
                got=record["subdimension"],
                target=files["subdimensions"],
                **where,
            )
        kel = record.get("kelurahan_code")
        if kel_codes is not None and not _is_missing(kel) and kel not in kel_codes:
            raise DataPackError("unknown_code", column="kelurahan_code", got=kel, target="kelurahan", **where)
        _check_unit_range(record["unit"], record.get("baseline"), column="baseline", **where)
        units[record["code"]] = record["unit"]

    values = tables["indicator_values"]
    first_year: dict[str, int] = {}
    seen: dict[tuple[str, int], int] = {}
    for record, row in zip(_records(values), _rows(values), strict=True):
        where = {"file": files["indicator_values"], "row": row}
        code = record["indicator"]
        if code not in units:
            raise DataPackError("unknown_reference", column="indicator", got=code, target=files["indicators"], **where)
        year = int(record["year"])
        if (code, year) in seen:
            raise DataPackError("duplicate", column="year", got=f"{code} {year}", first=seen[(code, year)], **where)
        seen[(code, year)] = row
        first_year[code] = min(year, first_year.get(code, year))
        for column in ("target", "actual"):
            _check_unit_range(units[code], record.get(column), column=column, **where)
        if not _is_missing(record.get("actual")) and year > last_year:
            raise DataPackError("prog_future_actual", column="actual", got=year, maximum=last_year, **where)

    for record, row in zip(_records(indicators), _rows(indicators), strict=True):
        base_year = record.get("baseline_year")
        if _is_missing(base_year) or record["code"] not in first_year:
            continue
        if int(base_year) > first_year[record["code"]]:
            raise DataPackError(
                "prog_baseline_year",
                file=files["indicators"],
                row=row,
                column="baseline_year",
                got=int(base_year),
                maximum=first_year[record["code"]],
            )

    budget = tables["budget"]
    for record, row in zip(_records(budget), _rows(budget), strict=True):
        where = {"file": files["budget"], "row": row}
        if record["element"] not in element_codes:
            raise DataPackError(
                "unknown_reference", column="element", got=record["element"], target=files["elements"], **where
            )
        realised = record.get("realised_idr")
        if _is_missing(realised):
            continue
        if int(record["year"]) > last_year:
            raise DataPackError(
                "prog_future_actual", column="realised_idr", got=int(record["year"]), maximum=last_year, **where
            )
        if float(realised) > float(record["planned_idr"]):
            raise DataPackError(
                "prog_realised_above_planned",
                column="realised_idr",
                got=_fmt(float(realised)),
                maximum=_fmt(float(record["planned_idr"])),
                **where,
            )


def _check_unit_range(unit: str, value: object, *, column: str, file: str, row: int) -> None:
    if _is_missing(value):
        return
    lo, hi = UNITS[unit]
    number = float(value)  # type: ignore[arg-type]
    if not lo <= number <= hi:
        raise DataPackError(
            "out_of_range", file=file, row=row, column=column, got=_fmt(number), minimum=_fmt(lo), maximum=_fmt(hi)
        )
