"""The data pack's schemas, declared as data, and the checks that enforce them.

One home for every rule a data file must follow, in three rooms:

- :mod:`.columns`: the vocabulary (:class:`Column`, :class:`TableSchema`, :data:`STATUSES`,
  the code and date patterns, the city's box and tolerances), the programme constants
  (:data:`UNITS`, :data:`ELEMENT_CODES`, :data:`PERIOD_START` ...) and the cell checks
  (:func:`parse_cell`, :func:`parse_number`: types, ranges, signs, allowed values,
  formula-safe text);
- :mod:`.datasets`: the schema of every dataset (:data:`SCHEMAS`);
- :mod:`.checks`: the table checks (:func:`typed_frame`, :func:`check_table`) and the checks
  across datasets (:func:`check_pack`: kelurahan codes and names agree, completeness,
  references, positions inside the city and their kelurahan, statuses no stronger than the
  manifest allows, and the programme's :func:`cross_check`).

Every check raises :class:`~smartcity_geo.errors.DataPackError` naming file, row, column,
the value found and what was expected. Reading bytes into records is
:mod:`smartcity_geo.datapack`'s job. Import from here (``from smartcity_geo.schema import
SCHEMAS``); the rooms are an implementation detail.

NOTE: a plain dataclass schema (not pandera): the checks must name the spreadsheet row and
column in Indonesian and English and stop at the first fault, which pandera's lazy,
English-only error reports would have to be translated back into anyway.
"""

from __future__ import annotations

from .checks import check_bounds, check_pack, check_table, cross_check, typed_frame
from .columns import (
    BUDGET_FIRST_YEAR,
    CITY_TOLERANCE_M,
    CODE_PATTERN,
    DATE_PATTERN,
    DIRECTIONS,
    ELEMENT_CODES,
    FORMULA_STARTS,
    KECAMATAN_CODE_PATTERN,
    KELURAHAN_TOLERANCE_M,
    LAT_RANGE,
    LON_RANGE,
    PERIOD_END,
    PERIOD_START,
    POSITION_METHODS,
    STATUSES,
    UNITS,
    Column,
    ColumnKind,
    GeometryKind,
    NumberError,
    TableSchema,
    parse_cell,
    parse_number,
)
from .datasets import PROGRAMME_SCHEMAS, SCHEMAS, SPATIAL_SCHEMAS

__all__ = [
    "BUDGET_FIRST_YEAR",
    "CITY_TOLERANCE_M",
    "CODE_PATTERN",
    "DATE_PATTERN",
    "DIRECTIONS",
    "ELEMENT_CODES",
    "FORMULA_STARTS",
    "KECAMATAN_CODE_PATTERN",
    "KELURAHAN_TOLERANCE_M",
    "LAT_RANGE",
    "LON_RANGE",
    "PERIOD_END",
    "PERIOD_START",
    "POSITION_METHODS",
    "PROGRAMME_SCHEMAS",
    "SCHEMAS",
    "SPATIAL_SCHEMAS",
    "STATUSES",
    "UNITS",
    "Column",
    "ColumnKind",
    "GeometryKind",
    "NumberError",
    "TableSchema",
    "check_bounds",
    "check_pack",
    "check_table",
    "cross_check",
    "parse_cell",
    "parse_number",
    "typed_frame",
]
