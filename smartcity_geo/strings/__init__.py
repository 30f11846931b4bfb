"""Every user-facing word, in Indonesian (default) and English.

Texts live in one module per area (``common``, ``map``, ``programme``, ``kelurahan``,
``errors``), each a ``TEXT`` dict of ``key -> (indonesian, english)``. They are merged here
once; a key defined twice is a programming error and fails at import.

Use :func:`t`::

    t("map.title", "en")
    t("error.missing_column", "id", file="hotspots.csv", column="lat")
"""

from __future__ import annotations

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


def t(key: str, lang: str = DEFAULT_LANG, **params: object) -> str:
    """Translate ``key`` into ``lang`` and fill ``{placeholders}`` from ``params``.

    NOTE: an unknown key raises ``KeyError`` on purpose (tests catch missing strings);
    values in ``params`` are inserted as given, so escape them before putting the
    result into HTML.
    """
    pair = TEXT[key]
    text = pair[1] if normalise_lang(lang) == "en" else pair[0]
    return text.format(**params) if params else text


def has(key: str) -> bool:
    return key in TEXT
