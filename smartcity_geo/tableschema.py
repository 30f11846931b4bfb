"""Building blocks of table schemas: :class:`Column`, :class:`TableSchema` and shared constants.

A module of its own so that :mod:`schema` (spatial datasets) and :mod:`programme_schema`
(programme datasets) can both build on it without importing each other.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

ColumnKind = Literal["str", "int", "float", "bool", "date", "code", "status"]
GeometryKind = Literal["none", "point", "polygon"]
Status = Literal["official", "seed", "sample"]

STATUSES: tuple[str, ...] = ("official", "seed", "sample")
CODE_PATTERN = re.compile(r"^35\.75\.0[1-4]\.\d{4}$")
KECAMATAN_CODE_PATTERN = re.compile(r"^35\.75\.0[1-4]$")

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

    ``kind="code"`` is a Kemendagri kelurahan code (``35.75.KK.DDDD``) that must be one of
    the 34 kelurahan; ``kind="status"`` is one of :data:`STATUSES`.
    """

    name: str
    kind: ColumnKind = "str"
    required: bool = True
    allowed: tuple[str, ...] | None = None
    minimum: float | None = None
    maximum: float | None = None
    unique: bool = False


@dataclass(frozen=True)
class TableSchema:
    key: str
    columns: tuple[Column, ...]
    geometry: GeometryKind = "none"
    # For point tables: names of the lon/lat columns (stored in EPSG:4326).
    lonlat: tuple[str, str] | None = None
    extra_columns_allowed: bool = True
    min_rows: int = 1
    notes: str = ""

    def column(self, name: str) -> Column:
        for col in self.columns:
            if col.name == name:
                return col
        raise KeyError(name)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)
