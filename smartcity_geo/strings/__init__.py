"""Every user-facing word, in Indonesian (default) and English.

Texts live in one module per area (``common``, ``map``, ``programme``, ``kelurahan``,
``errors``), each a ``TEXT`` dict of ``key -> (indonesian, english)``. They are merged here
once; a key defined twice is a programming error and fails at import.

Use :func:`t`::

    t("map.title", "en")
    t("error.missing_column", "id", file="hotspots.csv", column="lat")
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from typing import Literal

from . import briefing, build, common, errors, kelurahan, map, programme, store

Lang = Literal["id", "en"]
DEFAULT_LANG: Lang = "id"

_MODULES = (common, map, errors, programme, kelurahan, briefing, store, build)


def _merge() -> dict[str, tuple[str, str]]:
    merged: dict[str, tuple[str, str]] = {}
    for module in _MODULES:
        for key, pair in module.TEXT.items():
            if key in merged:
                raise RuntimeError(f"string key {key!r} defined twice ({module.__name__})")
            if not (isinstance(pair, tuple) and len(pair) == 2):
                raise RuntimeError(f"string key {key!r} must map to (id, en)")
            merged[key] = pair
    return merged


TEXT: dict[str, tuple[str, str]] = _merge()


def normalise_lang(lang: str | None) -> Lang:
    """Return ``"en"`` for English, else the default Indonesian."""
    return "en" if (lang or "").lower().startswith("en") else "id"


#: The region's placeholders when no region is set (a library call outside the app):
#: neutral words, never a particular region's name. See :mod:`smartcity_geo.region`.
NEUTRAL_WORDS: dict[str, tuple[str, str]] = {
    "region": ("wilayah ini", "this region"),
    "region_short": ("Wilayah", "Region"),
    "region_code": ("PP.KK", "PP.KK"),
    "unit": ("wilayah", "region"),
    "Unit": ("Wilayah", "Region"),
    "vil": ("kelurahan/desa", "kelurahan/desa"),
    "Vil": ("Kelurahan/desa", "Kelurahan/desa"),
    "n_vil": ("semua", "all"),
    "n_kec": ("semua", "all"),
    "code_pattern": ("PP.KK.CC.DDDD", "PP.KK.CC.DDDD"),
    "gov": ("Pemda", "local government"),
    "gov_long": ("Pemerintah Daerah", "Local government"),
}

RegionWords = Callable[[str], dict[str, str]]
_REGION_WORDS: ContextVar[RegionWords | None] = ContextVar("region_words", default=None)


def _neutral(lang: str) -> dict[str, str]:
    return {name: pair[1] if lang == "en" else pair[0] for name, pair in NEUTRAL_WORDS.items()}


def set_region_words(words: RegionWords | None) -> None:
    """Make ``words(lang)`` the default placeholders of :func:`t` in this thread (one app run)."""
    _REGION_WORDS.set(words)


@contextlib.contextmanager
def region_words(words: RegionWords | None) -> Iterator[None]:
    """:func:`set_region_words` for the code inside the ``with`` block, then the previous words again."""
    token = _REGION_WORDS.set(words)
    try:
        yield
    finally:
        _REGION_WORDS.reset(token)


def words(lang: str = DEFAULT_LANG) -> dict[str, str]:
    """The region placeholders in force (``{vil}``, ``{region}`` ...) in ``lang``."""
    code = normalise_lang(lang)
    maker = _REGION_WORDS.get()
    return maker(code) if maker is not None else _neutral(code)


def t(key: str, lang: str = DEFAULT_LANG, **params: object) -> str:
    """Translate ``key`` into ``lang`` and fill ``{placeholders}`` from ``params``.

    The region's words (``{region}``, ``{vil}``, ``{n_vil}``, ``{code_pattern}`` ... see
    :meth:`smartcity_geo.region.Region.words`) fill in by default; ``params`` win over them.

    NOTE: an unknown key raises ``KeyError`` on purpose (tests catch missing strings);
    values in ``params`` are inserted as given, so escape them before putting the
    result into HTML.
    """
    pair = TEXT[key]
    text = pair[1] if normalise_lang(lang) == "en" else pair[0]
    if "{" not in text:
        return text
    if not params:  # a template filled later (``t(key).format(...)``) keeps its other placeholders
        return text.format_map(_Keep(words(lang)))
    return text.format(**{**words(lang), **params})


class _Keep(dict):
    def __missing__(self, name: str) -> str:
        return "{" + name + "}"


def has(key: str) -> bool:
    return key in TEXT
