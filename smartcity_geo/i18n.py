"""Text from the data pack in the user's language, and dates in one style.

The pack keeps a text that a screen shows in both languages as two columns (or manifest
fields) ``<field>_id`` and ``<field>_en``, e.g. ``position_note_id`` / ``position_note_en``,
``source_id`` / ``source_en``, ``name_en`` beside a site's ``name``. :func:`localized`
picks the one for the user's language and falls back, in order, to the plain ``<field>``
(a site's own name) and to the other language, so a pack that has only one text (or an
upload without the new columns) still shows something rather than nothing.

Dates: :func:`format_as_of` writes every as-of date through Babel in one style
(``21 Okt 2023`` / ``21 Oct 2023``; ``Jun 2025``; a year stays a year).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from .formatting import format_date, is_missing
from .strings import normalise_lang

#: Key of the fact naming the national tourism strategic area the city belongs to.
TOURISM_AREA_FACT = "kspn_bromo_tengger_semeru"


def _text(value: Any) -> str:
    return "" if is_missing(value) else str(value).strip()


def localized(row: Mapping[str, Any] | Any, field: str, lang: str) -> str:
    """``row[field + "_" + lang]``, else ``row[field]``, else the other language's, else "".

    ``row`` is anything indexable by column name with ``.get`` (a dict, a pandas Series, a
    manifest entry) or an object with those attributes (a ``DatasetMeta``).
    """
    code = normalise_lang(lang)
    other = "id" if code == "en" else "en"
    for name in (f"{field}_{code}", field, f"{field}_{other}"):
        value = row.get(name) if hasattr(row, "get") else getattr(row, name, None)
        text = _text(value)
        if text:
            return text
    return ""


def localized_column(table: pd.DataFrame, field: str, lang: str) -> pd.Series:
    """:func:`localized` for every row of ``table`` (a Series of str, same index)."""
    return pd.Series([localized(row, field, lang) for _, row in table.iterrows()], index=table.index, dtype=object)


def format_as_of(value: Any, lang: str) -> str:
    """An as-of date in the one display style (:func:`smartcity_geo.formatting.format_date`):
    ``2023-10-21`` -> ``21 Okt 2023`` (id) / ``21 Oct 2023`` (en); ``2025-06`` -> ``Jun 2025``;
    anything else (a year) unchanged; a missing date is ""."""
    raw = _text(value)
    return format_date(raw, normalise_lang(lang)) if raw else ""


def tourism_area_fact(facts: pd.DataFrame, lang: str) -> dict[str, str] | None:
    """The national tourism strategic area the city belongs to, as a sourced fact.

    Returns ``{"text", "source", "as_of", "status"}`` (text in ``lang``), or None when the
    pack has no such fact. For the tourism layer's legend and the sources screen.
    """
    if "key" not in facts.columns:
        return None
    rows = facts[facts["key"] == TOURISM_AREA_FACT]
    if rows.empty:
        return None
    row = rows.iloc[0]
    return {
        "text": localized(row, "label", lang),
        "source": _text(row.get("source")),
        "as_of": format_as_of(row.get("as_of"), lang),
        "status": _text(row.get("status")),
    }
