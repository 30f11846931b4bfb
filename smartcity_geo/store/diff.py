"""What an import would change: rows added, changed and removed, by each dataset's key."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import pandas as pd

from ..schema import SCHEMAS

# Datasets without a single unique column: the columns that identify a row.
ROW_KEYS: dict[str, tuple[str, ...]] = {
    "network_links": ("from_id", "to_id"),
    "indicator_values": ("indicator", "year"),
    "budget": ("year", "element", "programme", "agency"),
}


def key_columns(key: str) -> tuple[str, ...]:
    """The columns that identify a row of dataset ``key``."""
    if key in ROW_KEYS:
        return ROW_KEYS[key]
    schema = SCHEMAS[key]
    unique = [c.name for c in schema.columns if c.unique]
    return (unique[0],) if unique else tuple(c.name for c in schema.columns)


def _plain(value: object) -> object:
    if value is None or value is pd.NA:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    return value


def row_values(table: pd.DataFrame, key: str) -> list[dict[str, object]]:
    """Each row as {column: plain value} over the schema's columns (plus polygon geometry as WKT)."""
    names = [c.name for c in SCHEMAS[key].columns if c.name in table.columns]
    columns = {name: [_plain(v) for v in table[name].tolist()] for name in names}
    if "geometry" in table.columns and SCHEMAS[key].geometry == "polygon":
        columns["geometry"] = [None if g is None else g.wkt for g in table.geometry]
    return [dict(zip(columns, values, strict=True)) for values in zip(*columns.values(), strict=True)]


def row_key(record: dict[str, object], columns: tuple[str, ...]) -> str:
    return " / ".join("" if record.get(c) is None else str(record.get(c)) for c in columns)


@dataclass(frozen=True)
class ChangeSummary:
    """Keys of the rows an import adds, changes and removes, and the rows themselves."""

    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    # key -> (old record or None, new record or None)
    rows: dict[str, tuple[dict | None, dict | None]] = field(default_factory=dict, repr=False)

    @property
    def unchanged(self) -> bool:
        return not (self.added or self.changed or self.removed)


def summarise(key: str, old: pd.DataFrame | None, new: pd.DataFrame) -> ChangeSummary:
    """Compare two versions of dataset ``key`` row by row, matching rows by their key columns."""
    columns = key_columns(key)
    old_rows = {} if old is None else {row_key(r, columns): r for r in row_values(old, key)}
    new_rows = {row_key(r, columns): r for r in row_values(new, key)}
    added = [k for k in new_rows if k not in old_rows]
    removed = [k for k in old_rows if k not in new_rows]
    changed = [k for k in new_rows if k in old_rows and new_rows[k] != old_rows[k]]
    rows = {k: (old_rows.get(k), new_rows.get(k)) for k in (*added, *changed, *removed)}
    return ChangeSummary(added=added, changed=changed, removed=removed, rows=rows)
