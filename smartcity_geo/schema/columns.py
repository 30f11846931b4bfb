"""The vocabulary of a data pack's schema and the checks of one cell.

- :class:`Column` and :class:`TableSchema`, the statuses, code and date patterns, the
  city's box and tolerances, the position methods and the programme constants
  (:data:`UNITS`, :data:`ELEMENT_CODES`, :data:`PERIOD_START` ...);
- reading a number as Indonesians and English speakers write it (:func:`parse_number`)
  and checking one cell against its column (:func:`parse_cell`: types, ranges, signs,
  allowed values, formula-safe text).

Every check raises :class:`~smartcity_geo.errors.DataPackError` naming file, row, column,
the value found and what was expected.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any, Literal
from urllib.parse import urlsplit

import pandas as pd

from .. import rules
from ..errors import DataPackError

# ======================================================================================
# Vocabulary

ColumnKind = Literal["str", "int", "float", "idr", "bool", "date", "code", "codes", "status"]
GeometryKind = Literal["none", "point", "polygon"]

#: Statuses a data row may declare (strongest first); ``uploaded`` is set by the app only.
STATUSES: tuple[str, ...] = rules.DATA_STATUSES
#: A Kemendagri village code (province.kabkota.kecamatan.village); that it belongs to the
#: pack's region is checked across the pack (``check_pack(region_code=...)``).
CODE_PATTERN = re.compile(r"^\d{2}\.\d{2}\.\d{2}\.\d{4}$")
KECAMATAN_CODE_PATTERN = re.compile(r"^\d{2}\.\d{2}\.\d{2}$")
DATE_PATTERN = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")

#: Positions may lie this far outside the city's outline (the union of the kelurahan
#: polygons), in metres: the simplified boundary polygons are not exact.
CITY_TOLERANCE_M = 25.0
#: A point may lie this far outside its own kelurahan polygon, in metres.
KELURAHAN_TOLERANCE_M = 1.0
#: Plausible lon/lat box around Indonesia (generous): a quick test of one cell that catches
#: swapped axes; that a position lies inside the pack's region is checked across the pack.
LON_RANGE = (94.0, 142.0)
LAT_RANGE = (-12.0, 7.0)

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

    ``kind``: ``code`` is a Kemendagri kelurahan/desa code (``PP.KK.CC.DDDD``) that must be one of
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
    ``key_columns``: together unique (a second row with the same key is refused, naming
    both rows): what identifies a row, never its free text (a note, a source);
    ``unordered_pair``: two columns naming the two ends of something without a direction (a
    network link): (B, A) repeats (A, B), and both ends may not be the same;
    ``before_masterplan_status``: a row whose ``year`` is before the masterplan must have
    this status (sourced context, shown apart), or it is refused;
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
    unordered_pair: tuple[str, str] | None = None
    before_masterplan_status: str | None = None
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

PERIOD_START = rules.MASTERPLAN_FIRST_YEAR  # the bundled pack's Masterplan Smart City (2022-2031)
PERIOD_END = rules.MASTERPLAN_LAST_YEAR
#: The first year a budget line or an indicator's baseline may name: the city's way to the
#: masterplan (rules.PREPARATION_FIRST_YEAR); such a budget line must be ``official``.
BUDGET_FIRST_YEAR = rules.PREPARATION_FIRST_YEAR

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
# Cells


def is_missing(value: Any) -> bool:
    """An empty cell: ``None``, ``pd.NA`` or NaN."""
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
    if isinstance(value, (int, float)) and not is_missing(value):
        got = _number_text(value)
        if col.kind in ("int", "float", "idr"):
            return _check_number(float(value), col, got=got, **where)
        value = got
    text = "" if is_missing(value) else str(value).strip()
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
    if col.kind == "date":
        try:  # the calendar here; the app's day and the earliest date in check_pack (rules.as_of_problem)
            rules.as_of_period(text)
        except ValueError:
            raise DataPackError("bad_date", got=text, **where) from None
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
    if col.kind == "str" and col.formula_safe and (starts_formula(text) or starts_formula(str(value))):
        raise DataPackError("formula", got=text[:40], **where)
    return text


def starts_formula(text: str) -> bool:
    """A spreadsheet would run ``text`` as a formula (it starts with = + - @, a tab or a CR).

    The one formula rule: data cells (:func:`parse_cell`) and what an editor declares (source,
    reason, as-of; ``store.revisions``) are refused by it alike.
    """
    return text.startswith(FORMULA_STARTS)


#: The only schemes a source link may use: a ``javascript:`` or ``data:`` link never reaches a page.
URL_SCHEMES = ("http", "https")


def url_problem(text: str) -> tuple[str, dict[str, str]] | None:
    """Why ``text`` cannot be a source link (a message key of ``strings.errors``), or ``None``.

    An empty text is no link (``None``). Otherwise it must be an absolute ``http``/``https``
    URL with a host, and no spaces or control characters (they would let a link break out
    of the table cell or the Markdown it is placed in).
    """
    text = text.strip()
    if not text:
        return None
    try:
        parts = urlsplit(text)
    except ValueError:  # e.g. "http://[" (an unclosed IPv6 host)
        parts = urlsplit("")
    if (
        parts.scheme.lower() not in URL_SCHEMES
        or not parts.netloc
        or any(c.isspace() or ord(c) < 32 or c in "<>\"'`" for c in text)
    ):
        return "bad_url", {"got": text, "expected": ", ".join(f"{s}://" for s in URL_SCHEMES)}
    return None


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
        raise DataPackError(key, got=got, minimum=short_number(lo), maximum=short_number(hi), **where)
    return number


def short_number(value: float) -> str:
    """A limit or amount in a message, shortest form: 100.0 -> "100", inf -> "inf"."""
    return f"{value:g}"
