"""The shareable view: what a link must reopen, and its URL query-string form.

Pure functions, no Streamlit: the app mirrors :class:`ViewState` into ``st.query_params``.
The screen itself is the page's URL path (``/``, ``/kelurahan``, ``/indikator`` ...);
everything else lives in the query string:

===========  ==========================================  ======================
parameter    meaning                                     example
===========  ==========================================  ======================
``lang``     language (``id`` default, ``en``)           ``lang=en``
``kab``      a province pack's kab/kota (none: the       ``kab=PP.KK``
             whole province)
``kel``      selected kelurahan codes, comma-separated   ``kel=PP.KK.CC.DDDD``
``layers``   visible map layers, comma-separated         ``layers=tourism,network``
             (``none`` or empty: no layer; no known
             layer named: the default layers)
``base``     basemap (``none`` default)                  ``base=osm``
``measure``  choropleth measure (``none`` default)       ``measure=share_4g``
``mode``     ``present`` for presentation mode           ``mode=present``
===========  ==========================================  ======================

Unknown or malformed values are dropped, never raised: a link is untrusted input.
Layer keys, basemaps and measures come from :mod:`smartcity_geo.registry` (data, no folium).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from .registry import BASEMAPS, DEFAULT_LAYERS, LAYER_KEYS, NO_MEASURE, is_measure_key
from .schema import CODE_PATTERN

KAB_PATTERN = re.compile(r"^\d{2}\.\d{2}$")

#: ``layers=none``: every layer off (``layers=`` says the same).
NO_LAYERS = "none"


@dataclass(frozen=True)
class ViewState:
    lang: str = "id"
    kelurahan: tuple[str, ...] = ()
    layers: tuple[str, ...] = field(default=DEFAULT_LAYERS)
    basemap: str = "none"
    presentation: bool = False
    measure: str = NO_MEASURE
    kab: str = ""  # a province pack's kab/kota ("": the whole province, or a kab/kota pack)


def _first(value: object) -> str:
    if isinstance(value, (list, tuple)):
        value = value[0] if value else ""
    return str(value or "")


def _csv(value: object) -> list[str]:
    return [part.strip() for part in _first(value).split(",") if part.strip()]


def _layers(params: Mapping[str, object]) -> tuple[str, ...]:
    """The visible layers: the known keys named; none for ``layers=none`` or ``layers=``; else the default.

    A value naming no known layer (``layers=nope``) is malformed, so it is dropped like any
    other: the default layers, not an empty map.
    """
    if "layers" not in params:
        return DEFAULT_LAYERS
    wanted = _csv(params.get("layers"))
    layers = tuple(k for k in LAYER_KEYS if k in wanted)
    if layers or not wanted or NO_LAYERS in wanted:
        return layers
    return DEFAULT_LAYERS


def from_query(params: Mapping[str, object], known_codes: Iterable[str] | None = None) -> ViewState:
    """Read a view from query parameters; anything unknown falls back to the default."""
    codes = set(known_codes) if known_codes is not None else None
    kel = []
    for code in _csv(params.get("kel", "")):
        if CODE_PATTERN.match(code) and (codes is None or code in codes) and code not in kel:
            kel.append(code)
    layers = _layers(params)
    base = _first(params.get("base", "none"))
    measure = _first(params.get("measure", NO_MEASURE))
    kab = _first(params.get("kab", "")).strip()
    return ViewState(
        lang="en" if _first(params.get("lang", "id")).lower() == "en" else "id",
        kelurahan=tuple(sorted(kel)),
        layers=layers,
        basemap=base if base in BASEMAPS else "none",
        presentation=_first(params.get("mode", "")) == "present",
        measure=measure if is_measure_key(measure) else NO_MEASURE,
        kab=kab if KAB_PATTERN.match(kab) else "",  # a kab/kota the pack lacks is dropped by the loader
    )


def to_query(state: ViewState) -> dict[str, str]:
    """The query parameters for ``state``; defaults are left out to keep links short."""
    query: dict[str, str] = {}
    if state.lang != "id":
        query["lang"] = state.lang
    if state.kab:
        query["kab"] = state.kab
    if state.kelurahan:
        query["kel"] = ",".join(sorted(state.kelurahan))
    if tuple(state.layers) != DEFAULT_LAYERS:
        query["layers"] = ",".join(k for k in LAYER_KEYS if k in state.layers) or NO_LAYERS
    if state.basemap != "none":
        query["base"] = state.basemap
    if state.measure != NO_MEASURE:
        query["measure"] = state.measure
    if state.presentation:
        query["mode"] = "present"
    return query
