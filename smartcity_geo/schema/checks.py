"""The checks of one table and of the whole pack.

- one table (:func:`typed_frame`, :func:`check_table`: row counts, unique keys, no
  duplicate rows; :func:`check_bounds`: a geometry inside the city's box);
- across datasets (:func:`check_pack`: kelurahan codes and names agree, completeness,
  references, positions inside the city and their kelurahan, statuses no stronger than
  the manifest allows) and the programme's :func:`cross_check` (references, unit ranges,
  no actual for a year that has not ended, realised budget within the planned amount).

Every check raises :class:`~smartcity_geo.errors.DataPackError` at the first problem.

NOTE: over the house's 450 lines on purpose, for now: the schema rules are being changed in
parallel (issue 19); :func:`cross_check` (its four programme checks in the order a reader meets
the files) is split after that lands.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import date
from typing import Any

import pandas as pd
import pyproj
import shapely
from shapely.geometry import Point

from .. import WGS84, rules
from ..analytics import metric_crs as _metric_crs
from ..errors import DataPackError
from .columns import (
    CITY_TOLERANCE_M,
    KELURAHAN_TOLERANCE_M,
    LAT_RANGE,
    LON_RANGE,
    PERIOD_END,
    PERIOD_START,
    UNITS,
    TableSchema,
    is_missing,
    parse_cell,
    short_number,
)
from .datasets import PROGRAMME_SCHEMAS, SCHEMAS

# ======================================================================================
# One table


def typed_frame(
    records: list[dict[str, Any]], rows: list[int], schema: TableSchema, *, file: str, allow_empty: bool = False
) -> pd.DataFrame:
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
    if not (allow_empty and frame.empty):
        check_table(frame, schema, file=file)
    return frame


def check_table(frame: pd.DataFrame, schema: TableSchema, *, file: str) -> None:
    """Rules across the rows of one table.

    Row count; unique columns and keys (a second row with the same key is refused naming
    both rows); unordered pairs (``schema.unordered_pair``: (B, A) repeats (A, B), and a
    pair of the same value twice is refused); rows dated before the masterplan only with
    ``schema.before_masterplan_status``; no duplicate rows.
    """
    if frame.empty:
        raise DataPackError("empty", file=file)
    if len(frame) < schema.min_rows:
        raise DataPackError("too_few_rows", file=file, expected=schema.min_rows, got=len(frame))
    rows = [int(r) for r in frame["_row"]] if "_row" in frame.columns else list(range(2, len(frame) + 2))
    if schema.unordered_pair:
        _check_pairs(frame, schema.unordered_pair, rows, file=file)
    if schema.before_masterplan_status and "year" in frame.columns and "status" in frame.columns:
        for year, status, row in zip(frame["year"].tolist(), frame["status"].tolist(), rows, strict=True):
            if (
                is_missing(year)
                or int(year) >= PERIOD_START
                or status in (schema.before_masterplan_status, rules.UPLOADED)
            ):
                continue
            raise DataPackError(
                "before_masterplan",
                file=file,
                row=row,
                column="year",
                got=int(year),
                first_year=PERIOD_START,
                last_year=PERIOD_END,
                status=status,
                expected=schema.before_masterplan_status,
            )
    keys = [(c.name,) for c in schema.columns if c.unique]
    if schema.key_columns:
        keys.append(schema.key_columns)
    keys.append(schema.names)  # the whole row
    for key in keys:
        seen: dict[tuple, int] = {}
        values = zip(*(frame[name].tolist() for name in key), strict=True)
        for value, row in zip(values, rows, strict=True):
            value = tuple(None if is_missing(v) else v for v in value)
            if value in seen:
                if key == schema.names:
                    raise DataPackError("duplicate_row", file=file, row=row, got=seen[value])
                shown = " / ".join("\u2013" if v is None else str(v) for v in value)
                raise DataPackError(
                    "duplicate" if len(key) == 1 else "duplicate_key",
                    file=file,
                    row=row,
                    column=" + ".join(key),
                    got=shown,
                    first=seen[value],
                )
            seen[value] = row


def _check_pairs(frame: pd.DataFrame, pair: tuple[str, str], rows: list[int], *, file: str) -> None:
    """Two columns naming the ends of something without a direction: no loop, no pair twice."""
    first, second = pair
    seen: dict[frozenset, tuple[int, str, str]] = {}
    for a, b, row in zip(frame[first].tolist(), frame[second].tolist(), rows, strict=True):
        if is_missing(a) or is_missing(b):
            continue
        if a == b:
            raise DataPackError("self_pair", file=file, row=row, column=second, got=b, other=first)
        ends = frozenset((a, b))
        if ends in seen:
            then, then_a, then_b = seen[ends]
            raise DataPackError(
                "duplicate_pair",
                file=file,
                row=row,
                column=f"{first} + {second}",
                got=f"{a} \u2013 {b}",
                first=then,
                expected=f"{then_a} \u2013 {then_b}",
            )
        seen[ends] = (row, a, b)


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
            tolerance=short_number(CITY_TOLERANCE_M),
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
    metric_crs: str | None = None,
    region_code: str | None = None,
    unsupplied: frozenset[str] | set[str] = frozenset(),
) -> None:
    """Every check across the datasets of a pack; raises at the first problem.

    ``files``: dataset key -> file name for messages; ``row_statuses``: dataset key -> the
    statuses its rows may declare (from the manifest); ``kelurahan_count``: how many
    kelurahan the boundary file must hold (``None``: any number); ``metric_crs``: the
    region's metric projection (positions are measured in it; ``None``: the boundaries' UTM
    zone); ``region_code``: every village code starts with it (``35.79``); ``unsupplied``:
    datasets the region has not supplied yet (status ``none``, no rows), exempt from the
    one-row-per-kelurahan rule.
    """
    if "kelurahan" not in tables:
        raise DataPackError("missing_file", file=files.get("kelurahan", "kelurahan.geojson"))
    kel = tables["kelurahan"]
    kel_file = files.get("kelurahan", "kelurahan.geojson")
    _check_boundaries(kel, file=kel_file, kelurahan_count=kelurahan_count, region_code=region_code)
    codes = set(kel["kode"])
    crs = _metric_crs(kel, metric_crs)
    polygons, widened, city = _outline(kel, crs)
    names = dict(zip(kel["kode"], kel["kelurahan"], strict=True))

    for key, table in tables.items():
        file = files.get(key, key)
        schema = SCHEMAS[key]
        _check_statuses(table, schema, row_statuses.get(key), file=file)
        for col in schema.columns:
            if col.kind == "date":
                _check_dates(table, col.name, file=file, today=today)
            if col.kind in ("code", "codes"):
                _check_codes(table, col.name, col.kind, codes, file=file, target=kel_file)
        if schema.per_kelurahan and key not in unsupplied:
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
            _check_positions(
                table, schema, file=file, city=city, polygons=polygons, widened=widened, names=names, crs=crs
            )

    if "network_links" in tables and "gov_sites" in tables:
        _check_links(tables["network_links"], set(tables["gov_sites"]["id"]), files=files)
    if all(k in tables for k in PROGRAMME_SCHEMAS):
        cross_check(tables, files=files, today=today)


def _check_boundaries(kel: pd.DataFrame, *, file: str, kelurahan_count: int | None, region_code: str | None) -> None:
    """The boundary file alone: its count, its rows, and every code inside the region."""
    if kelurahan_count is not None and len(kel) != kelurahan_count:
        raise DataPackError("feature_count", file=file, expected=kelurahan_count, got=len(kel))
    _check_kelurahan(kel, file=file)
    if region_code is not None:
        for code, row in zip(kel["kode"], _rows(kel), strict=True):
            if not code.startswith(region_code + "."):
                raise DataPackError("bad_code", file=file, row=row, column="kode", got=code)


def _check_codes(table: pd.DataFrame, column: str, kind: str, codes: set, *, file: str, target: str) -> None:
    """Every village code in ``column`` (one per cell, or ``;``-separated for ``codes``) is a known one."""
    for value, row in zip(table[column], _rows(table), strict=True):
        if kind == "code":
            found = [] if is_missing(value) else [value]
        else:
            found = [c for c in (c.strip() for c in str(value).split(";")) if c not in ("", "-")]
        for code in found:
            if code not in codes:
                raise DataPackError("unknown_code", file=file, row=row, column=column, got=code, target=target)


def _check_links(links: pd.DataFrame, site_ids: set, *, files: Mapping[str, str]) -> None:
    """Both ends of every network link are sites of gov_sites."""
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


def _check_dates(table: pd.DataFrame, column: str, *, file: str, today: date) -> None:
    """Every date of ``column`` is real, not after ``today`` and not before any source (``rules.as_of_problem``)."""
    for value, row in zip(table[column], _rows(table), strict=True):
        if is_missing(value):
            continue
        problem = rules.as_of_problem(str(value), today)
        if problem is not None:
            key, params = problem
            raise DataPackError(key, file=file, row=row, column=column, **params)


def _check_kelurahan(kel: pd.DataFrame, *, file: str) -> None:
    """Kecamatan code = the first three parts of the kelurahan code; names and codes agree."""
    kecamatan: dict[str, tuple[str, int]] = {}
    by_name: dict[tuple[str, str], str] = {}  # (kab/kota code, kecamatan name) -> its code
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
        # one name, one code, within a kab/kota (a province's kab/kota may each have a "Kauman")
        other = by_name.setdefault((kec_code[:5], kec_name), kec_code)
        if other != kec_code:
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
            if not is_missing(value) and value not in allowed:
                raise DataPackError(
                    "status_not_earned", file=file, row=row, column=col.name, got=value, expected=", ".join(allowed)
                )


_OUTLINES: dict[tuple, tuple[dict, dict, Any]] = {}


def _outline(kel: pd.DataFrame, crs) -> tuple[dict, dict, Any]:
    """The villages' polygons in metres by code, each widened by its tolerance, and the region's widened outline.

    NOTE: cached by the boundary's content (codes, geometries, CRS) and the metric CRS, a few
    boundaries at most: every ``with_table`` re-checks a whole pack whose boundary seldom
    changes, and the union is the costliest step of the check. The values are shared: read
    them, never change them.
    """
    key = (tuple(kel["kode"]), tuple(kel.geometry.to_wkb()), str(kel.crs), str(crs))
    if key not in _OUTLINES:
        polygons = dict(zip(kel["kode"], kel.to_crs(crs).geometry, strict=True))
        widened = {code: poly.buffer(KELURAHAN_TOLERANCE_M) for code, poly in polygons.items()}
        city = shapely.union_all(list(polygons.values())).buffer(CITY_TOLERANCE_M)
        shapely.prepare(city)
        if len(_OUTLINES) >= 4:
            _OUTLINES.pop(next(iter(_OUTLINES)))
        _OUTLINES[key] = (polygons, widened, city)
    return _OUTLINES[key]


def _check_positions(table, schema: TableSchema, *, file: str, city, polygons, widened, names, crs) -> None:
    """Points and polygons lie inside the region's outline; points inside their own kelurahan."""
    if table.empty:
        return
    column = schema.lonlat[0] if schema.lonlat else "geometry"
    utm = table.to_crs(crs).geometry
    own = schema.geometry == "point" and "kelurahan_code" in table
    codes = table["kelurahan_code"].tolist() if own else [None] * len(table)
    for idx, (geom, row, code) in enumerate(zip(utm, _rows(table), codes, strict=True)):
        if geom is None or geom.is_empty:
            continue
        if not city.covers(geom):
            lonlat = table.geometry.iloc[idx].representative_point()
            if schema.geometry == "polygon":
                outside = geom.difference(city).representative_point()
                to_lonlat = pyproj.Transformer.from_crs(crs, WGS84, always_xy=True)
                lonlat = Point(*to_lonlat.transform(outside.x, outside.y))
            raise DataPackError(
                "outside_city",
                file=file,
                row=row,
                column=column,
                lon=f"{lonlat.x:.5f}",
                lat=f"{lonlat.y:.5f}",
                tolerance=short_number(CITY_TOLERANCE_M),
            )
        if code is not None and not widened[code].covers(geom):
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

    NOTE: long on purpose, for now (see the module's note): one pass per file, in order.
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
        if kel_codes is not None and not is_missing(kel) and kel not in kel_codes:
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
        if not is_missing(record.get("actual")) and year > last_year:
            raise DataPackError("prog_future_actual", column="actual", got=year, maximum=last_year, **where)

    for record, row in zip(_records(indicators), _rows(indicators), strict=True):
        base_year = record.get("baseline_year")
        if is_missing(base_year) or record["code"] not in first_year:
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
        if is_missing(realised):
            continue
        if int(record["year"]) > last_year:
            raise DataPackError(
                "prog_future_actual", column="realised_idr", got=int(record["year"]), maximum=last_year, **where
            )
        if float(realised) > float(record["planned_idr"]):
            raise DataPackError(
                "prog_realised_above_planned",
                column="realised_idr",
                got=short_number(float(realised)),
                maximum=short_number(float(record["planned_idr"])),
                **where,
            )


def _check_unit_range(unit: str, value: object, *, column: str, file: str, row: int) -> None:
    if is_missing(value):
        return
    lo, hi = UNITS[unit]
    number = float(value)  # type: ignore[arg-type]
    if not lo <= number <= hi:
        raise DataPackError(
            "out_of_range",
            file=file,
            row=row,
            column=column,
            got=short_number(number),
            minimum=short_number(lo),
            maximum=short_number(hi),
        )
