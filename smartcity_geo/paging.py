"""Long tables in pages: filter by name or code, sort the whole table, then cut one page.

A kota has a few dozen kelurahan; a kabupaten 300-500 desa; a province thousands. The comparison and gap
tables used to show every row at full height, and a browser sorting a column sorts only what it
was sent. Here the whole table is filtered and sorted first (:func:`filter_rows`,
:func:`sort_rows`), then one page is cut (:func:`page_of`), so "the 50 desa with the least 4G"
is the first page, whichever page the planner was on. Downloads are not paged: they take the
whole table (``export``).

Pure functions on DataFrames (no streamlit); ``ui/paging.py`` draws the filter, the sort and
the page number, and only for tables longer than :data:`PAGE_ROWS`.
"""

from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass

import pandas as pd

#: Rows on one page: a small kota's kelurahan stay one table (a kota of 57 is two pages), a
#: kabupaten's desa are a few pages of a screen and a half each.
PAGE_ROWS = 50
#: The columns a filter searches: names and the Kemendagri code.
SEARCHED = ("kelurahan", "kecamatan", "kabkota", "kode")


def fold(text: object) -> str:
    """``text`` compared loosely: case-folded, accents dropped, spaces collapsed ("Kota  Baru" = "kota baru")."""
    decomposed = unicodedata.normalize("NFKD", str(text))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(bare.casefold().split())


def filter_rows(frame: pd.DataFrame, query: str | None, columns=SEARCHED) -> pd.DataFrame:
    """The rows where every word of ``query`` appears in one of ``columns`` (all rows for a blank query).

    Text from the user is only compared, never interpreted (no regular expression, no query
    language): ``"35.07"`` finds the codes that contain it, ``"sumber"`` every Sumber... name.
    """
    words = fold(query or "").split()
    if not words or frame.empty:
        return frame
    present = [c for c in columns if c in frame.columns]
    if not present:
        return frame.iloc[0:0]
    haystack = frame[present].astype("string").fillna("").agg(" ".join, axis=1).map(fold)
    keep = pd.Series(True, index=frame.index)
    for word in words:
        keep &= haystack.str.contains(word, regex=False)
    return frame[keep]


def sort_rows(frame: pd.DataFrame, column: str | None, *, descending: bool = False) -> pd.DataFrame:
    """``frame`` sorted by ``column`` (stable; blanks last either way); unchanged for None or an unknown column."""
    if not column or column not in frame.columns:
        return frame
    values = frame[column]
    if values.dtype == object or pd.api.types.is_string_dtype(values):
        values = values.map(lambda v: None if v is None or (isinstance(v, float) and math.isnan(v)) else fold(v))
    order = values.sort_values(ascending=not descending, kind="stable", na_position="last").index
    return frame.loc[order]


@dataclass(frozen=True)
class Page:
    """One page of a (filtered, sorted) table."""

    rows: pd.DataFrame
    number: int  # 1-based, within 1..pages
    pages: int  # at least 1 (an empty table has one empty page)
    first: int  # 1-based position of the first row shown (0 when none)
    last: int
    matched: int  # rows after the filter


def page_count(rows: int, size: int = PAGE_ROWS) -> int:
    return max(1, -(-rows // size))


def page_of(frame: pd.DataFrame, number: int, size: int = PAGE_ROWS) -> Page:
    """Page ``number`` of ``frame`` (clamped to the pages there are)."""
    pages = page_count(len(frame), size)
    number = min(max(1, int(number)), pages)
    start = (number - 1) * size
    rows = frame.iloc[start : start + size]
    return Page(rows, number, pages, start + 1 if len(rows) else 0, start + len(rows), len(frame))
