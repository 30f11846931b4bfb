"""Numbers, shares, rupiah and areas in the user's language, through Babel.

Indonesian (``id``) writes thousands with dots and decimals with a comma (``1.234,5``);
English (``en``) the other way round. Scale words for rupiah (juta/miliar/triliun,
million/billion/trillion) come from Babel's CLDR compact-number data, not from this file.

Missing values (``None``, ``NaN``, ``pd.NA``) become an en dash ``–``.
"""

from __future__ import annotations

import datetime
import re
from functools import lru_cache

from babel import Locale
from babel.dates import format_date as _babel_date
from babel.numbers import format_decimal, get_currency_symbol
from babel.numbers import format_percent as _babel_percent

from .rules import AREA_DECIMALS, decimals_below
from .strings import normalise_lang

MISSING = "\u2013"  # en dash
_SCALES = (12, 9, 6)  # triliun / miliar / juta


def _locale(lang: str) -> str:
    return normalise_lang(lang)


def is_missing(value: object) -> bool:
    """True for None, NaN and pandas' NA."""
    if value is None:
        return True
    try:
        return bool(value != value)  # NaN and pd.NA
    except TypeError:  # pd.NA raises on bool()
        return True


def _pattern(decimals: int) -> str:
    return "#,##0" + ("." + "0" * decimals if decimals > 0 else "")


def format_number(x: object, lang: str = "id", decimals: int = 0) -> str:
    """``1234567.8`` -> ``1.234.568`` (id) / ``1,234,568`` (en); ``decimals`` fixed digits."""
    if is_missing(x):
        return MISSING
    return format_decimal(float(x), format=_pattern(decimals), locale=_locale(lang))


def format_percent(share: object, lang: str = "id", decimals: int = 0) -> str:
    """A share (``0.94``) as a percentage: ``94%``; ``decimals`` fixed digits (``94,3%``).

    NOTE: takes a *fraction*, not a number of percent: pass ``0.94`` for 94 %.
    """
    if is_missing(share):
        return MISSING
    pattern = _pattern(decimals) + "%"
    return _babel_percent(float(share), format=pattern, locale=_locale(lang))


def format_share(share: object, lang: str = "id", threshold: float | None = None, decimals: int = 1) -> str:
    """A share of area as a percentage (``62,5%``), never read on the wrong side of ``threshold``.

    ``decimals`` digits, more when ``share`` sits just below ``threshold`` (a fraction):
    49.96 % against 50 % reads ``49,96%``, never ``50,0%`` (see :func:`rules.decimals_below`).
    Every screen, list and export of a 4G share formats it here, so they agree digit for digit.
    """
    if is_missing(share):
        return MISSING
    value = float(share)
    if threshold is not None and value < threshold:
        decimals = max(decimals, decimals_below(value, threshold))
    return format_percent(value, lang, decimals)


def format_signed_percent(share: object, lang: str = "id", decimals: int = 1) -> str:
    """A change as ``+4,2%`` / ``−3,0%`` (always with a sign; zero as ``±0%``)."""
    if is_missing(share):
        return MISSING
    value = float(share)
    body = format_percent(abs(value), lang, decimals)
    if round(value * 100, decimals) == 0:
        return "\u00b1" + body
    return ("+" if value > 0 else "\u2212") + body


@lru_cache(maxsize=8)
def _scale_words(lang: str) -> dict[int, str]:
    """Power of ten -> scale word (``9 -> "miliar"``) from CLDR's long compact decimals."""
    formats = Locale.parse(_locale(lang)).compact_decimal_formats["long"]
    plural = formats.get("other") or next(iter(formats.values()))
    words: dict[int, str] = {}
    for power in _SCALES:
        pattern = plural[str(10**power)].pattern  # e.g. '0 miliar'
        words[power] = pattern.replace("0", "").replace("\u00a0", " ").strip()
    return words


@lru_cache(maxsize=1)
def _rupiah_symbol() -> str:
    # "Rp" is the rupiah's own symbol; CLDR's English locale would print "IDR".
    return get_currency_symbol("IDR", locale="id")


def format_rupiah(value: object, lang: str = "id", *, decimals: int = 1, signed: bool = False) -> str:
    """Rupiah with a scale word: ``Rp 11,0 miliar`` (id) / ``Rp 11.0 billion`` (en).

    Amounts of a million or more are scaled (juta/miliar/triliun); smaller amounts are
    written out (``Rp 750.000``). ``signed=True`` adds ``+``/``−`` for a change.
    """
    if is_missing(value):
        return MISSING
    amount = float(value)
    sign = ""
    if amount < 0:
        sign = "\u2212"
    elif signed and amount > 0:
        sign = "+"
    magnitude = abs(amount)
    symbol = _rupiah_symbol()
    words = _scale_words(lang)
    # Largest scale first: the first at which the rounded amount reaches 1 wins, so
    # 999.96 million, which rounds to 1.0 billion, is written as 1.0 billion.
    for power in _SCALES:
        scaled = magnitude / 10**power
        if round(scaled, decimals) >= 1:
            return f"{sign}{symbol} {format_number(scaled, lang, decimals)} {words[power]}"
    return f"{sign}{symbol} {format_number(magnitude, lang, 0)}"


def format_area_km2(x: object, lang: str = "id", decimals: int = AREA_DECIMALS) -> str:
    """``35.29`` -> ``35,29 km²`` (id) / ``35.29 km²`` (en)."""
    if is_missing(x):
        return MISSING
    return f"{format_number(x, lang, decimals)} km\u00b2"


def format_year(year: object) -> str:
    """A year without thousands separators (``2025``, never ``2.025``)."""
    if is_missing(year):
        return MISSING
    return str(int(year))  # type: ignore[call-overload]


#: The one date style (Babel patterns): a day, a month.
DAY_FORMAT = "d MMM y"
MONTH_FORMAT = "MMM y"


def format_date(value: object, lang: str = "id") -> str:
    """A date in one style everywhere, through Babel: ``21 Okt 2023`` (id) / ``21 Oct 2023`` (en).

    Takes a :class:`datetime.date` or ISO text: ``2023-10-21`` (a day), ``2025-06`` (a month:
    ``Jun 2025``) or ``2025`` (a year). Any other text is returned unchanged. The screens,
    exports and the briefing all use this one style (:func:`smartcity_geo.i18n.format_as_of`
    calls it).
    """
    if is_missing(value):
        return MISSING
    locale = _locale(lang)
    if isinstance(value, datetime.date):
        return _babel_date(value, format=DAY_FORMAT, locale=locale)
    raw = str(value).strip()
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", raw):
            return _babel_date(datetime.date.fromisoformat(raw), format=DAY_FORMAT, locale=locale)
        if re.fullmatch(r"\d{4}-\d{2}", raw):
            return _babel_date(datetime.date.fromisoformat(raw + "-01"), format=MONTH_FORMAT, locale=locale)
    except ValueError:
        return raw
    return raw


def nan_to_none(value: object) -> object:
    """``None`` for missing values, else the value (for JSON and tables)."""
    return None if is_missing(value) else value


__all__ = [
    "MISSING",
    "format_area_km2",
    "format_date",
    "format_number",
    "format_percent",
    "format_rupiah",
    "format_share",
    "format_signed_percent",
    "format_year",
    "is_missing",
    "nan_to_none",
]
