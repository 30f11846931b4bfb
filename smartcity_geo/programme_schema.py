"""Schemas of the programme datasets (elements, sub-dimensions, indicators, budget).

Five CSV datasets describe the smart-city programme of the Masterplan Smart City Kota
Pasuruan 2022-2031:

``elements``
    The six smart-city elements (code ``SG``, ``SB``, ``SE``, ``SL``, ``SS``, ``SN``).
``subdimensions``
    Their 18 sub-dimensions, three per element, with fixed codes ``<element>-<XX>``
    (``SG-SV`` = Smart Governance / Service ...).
``indicators``
    One row per indicator: sub-dimension, unit (a key of :data:`UNITS`), direction
    (``higher`` or ``lower`` is better), baseline, responsible agency (OPD), optional
    kelurahan code (kelurahan-level indicators), source and status of the definition.
``indicator_values``
    One row per indicator and year: target and actual (either may be empty). ``status``
    is the provenance of the row's figures; ``target_status`` (optional) that of the
    target where it differs, e.g. a sourced actual against an illustrative target.
``budget``
    Additive budget lines per year and element (optionally per programme and agency):
    planned and (for passed years) realised rupiah, with status.

Cell-level checks (types, ranges, allowed values, uniqueness of one column) are the
schemas below; :func:`cross_check` checks what spans rows and datasets.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import date

import pandas as pd

from .errors import DataPackError
from .tableschema import Column, TableSchema

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

_STATUS = Column("status", "status")
_SOURCE = Column("source", "str")

SCHEMAS: dict[str, TableSchema] = {
    "elements": TableSchema(
        "elements",
        (
            Column("code", "str", allowed=ELEMENT_CODES, unique=True),
            Column("name_id", "str"),
            Column("name_en", "str"),
        ),
        min_rows=6,
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
        min_rows=18,
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
        notes="Yearly target and actual per indicator; actual only for years that have passed.",
    ),
    "budget": TableSchema(
        "budget",
        (
            Column("year", "int", minimum=BUDGET_FIRST_YEAR, maximum=PERIOD_END),
            Column("element", "str", allowed=ELEMENT_CODES),
            Column("programme", "str", required=False),
            Column("agency", "str", required=False),
            Column("planned_idr", "float", minimum=0),
            Column("realised_idr", "float", required=False, minimum=0),
            _STATUS,
            _SOURCE,
            Column("note", "str", required=False),
            Column("note_id", "str", required=False),  # the note in Indonesian / English (i18n.localized)
            Column("note_en", "str", required=False),
        ),
        notes="Additive budget lines (rupiah); element total = sum of its lines for the year.",
    ),
}

_FILES = {key: f"{key}.csv" for key in SCHEMAS}


def last_complete_year(today: date | None = None) -> int:
    """The last calendar year that has ended: actual values are known up to this year."""
    return (today or date.today()).year - 1


def _rows(frame: pd.DataFrame) -> list[int]:
    """Spreadsheet row numbers (header = row 1): the pack's ``_row`` column, else position."""
    if "_row" in frame.columns:
        return [int(r) for r in frame["_row"]]
    return list(range(2, len(frame) + 2))


def _missing(value: object) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def _fmt(value: float) -> str:
    return f"{value:g}"


def cross_check(
    tables: Mapping[str, pd.DataFrame],
    *,
    files: Mapping[str, str] | None = None,
    today: date | None = None,
) -> None:
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
    - an actual for a year that has not ended yet (today decides; ``today`` for tests),
      or a baseline year after the first year with values;
    - a budget line whose element is unknown, a realised amount above the planned
      amount (APBD spending cannot exceed its ceiling), or a realised amount for a year
      that has not ended.

    ``files`` maps dataset keys to file names for the messages (default ``<key>.csv``).
    """
    files = {**_FILES, **(files or {})}
    last_year = last_complete_year(today)

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
    for record, row in zip(indicators.to_dict("records"), _rows(indicators), strict=True):
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
        if kel_codes is not None and not _missing(kel) and kel not in kel_codes:
            raise DataPackError("unknown_code", column="kelurahan_code", got=kel, **where)
        _check_unit_range(record["unit"], record.get("baseline"), column="baseline", **where)
        units[record["code"]] = record["unit"]

    values = tables["indicator_values"]
    first_year: dict[str, int] = {}
    seen: set[tuple[str, int]] = set()
    for record, row in zip(values.to_dict("records"), _rows(values), strict=True):
        where = {"file": files["indicator_values"], "row": row}
        code = record["indicator"]
        if code not in units:
            raise DataPackError("unknown_reference", column="indicator", got=code, target=files["indicators"], **where)
        year = int(record["year"])
        if (code, year) in seen:
            raise DataPackError("duplicate", column="year", got=f"{code} {year}", **where)
        seen.add((code, year))
        first_year[code] = min(year, first_year.get(code, year))
        for column in ("target", "actual"):
            _check_unit_range(units[code], record.get(column), column=column, **where)
        if not _missing(record.get("actual")) and year > last_year:
            raise DataPackError("prog_future_actual", column="actual", got=year, maximum=last_year, **where)

    for record, row in zip(indicators.to_dict("records"), _rows(indicators), strict=True):
        base_year = record.get("baseline_year")
        if _missing(base_year) or record["code"] not in first_year:
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
    for record, row in zip(budget.to_dict("records"), _rows(budget), strict=True):
        where = {"file": files["budget"], "row": row}
        if record["element"] not in element_codes:
            raise DataPackError(
                "unknown_reference", column="element", got=record["element"], target=files["elements"], **where
            )
        realised = record.get("realised_idr")
        if _missing(realised):
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
    if _missing(value):
        return
    lo, hi = UNITS[unit]
    number = float(value)  # type: ignore[arg-type]
    if not lo <= number <= hi:
        raise DataPackError(
            "out_of_range",
            file=file,
            row=row,
            column=column,
            got=_fmt(number),
            minimum=_fmt(lo),
            maximum=_fmt(hi),
        )
