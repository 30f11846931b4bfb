"""Session keys of the shared view and their mirror in the URL query string.

Pages read and change the view only through this module. The keys are widget keys, so a
widget with that key shows and edits the value directly:

- ``lang``: "id" / "en"
- ``presentation``: bool
- ``kel_sel``: list of selected kelurahan codes
- ``layer_<key>``: bool per map layer
- ``basemap``: "none" / "osm" / "light"
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from smartcity_geo.layers import LAYER_KEYS
from smartcity_geo.viewstate import ViewState, from_query, to_query

LANG = "lang"
PRESENTATION = "presentation"
SELECTION = "kel_sel"
BASEMAP = "basemap"
_INIT = "_view_initialised"
_LAST_CLICK = "_map_last_click"


def layer_key(layer: str) -> str:
    return f"layer_{layer}"


def init(known_codes: list[str]) -> None:
    """On a session's first run, take the view from the URL (a shared link)."""
    if st.session_state.get(_INIT):
        return
    view = from_query(st.query_params.to_dict(), known_codes)
    st.session_state[LANG] = view.lang
    st.session_state[PRESENTATION] = view.presentation
    st.session_state[SELECTION] = list(view.kelurahan)
    st.session_state[BASEMAP] = view.basemap
    for layer in LAYER_KEYS:
        st.session_state[layer_key(layer)] = layer in view.layers
    st.session_state[_INIT] = True


def current() -> ViewState:
    return ViewState(
        lang=st.session_state.get(LANG, "id"),
        kelurahan=tuple(sorted(st.session_state.get(SELECTION, []))),
        layers=tuple(k for k in LAYER_KEYS if st.session_state.get(layer_key(k), False)),
        basemap=st.session_state.get(BASEMAP, "none"),
        presentation=bool(st.session_state.get(PRESENTATION, False)),
    )


def lang() -> str:
    """The language of this run; before :func:`init`, the one the link asks for."""
    if LANG in st.session_state:
        return st.session_state[LANG]
    return from_query(st.query_params.to_dict()).lang


def selection() -> list[str]:
    return list(st.session_state.get(SELECTION, []))


def set_selection(codes: list[str]) -> None:
    """Only from callbacks (before widgets are drawn) or before the selection widget."""
    st.session_state[SELECTION] = sorted(dict.fromkeys(codes))


def sync_url() -> None:
    """Write the current view into the query string (only what differs from the defaults)."""
    wanted = to_query(current())
    if st.query_params.to_dict() != wanted:
        st.query_params.from_dict(wanted)


MAP = "map"  # st_folium stores the map's last returned value under this key


def apply_map_click(locate: Callable[[float, float], str | None]) -> bool:
    """Apply a new map click once, before any widget is drawn: it selects that kelurahan alone.

    st_folium copies the map's returned value (``{"last_clicked": {"lat", "lng"}}``) into
    ``st.session_state["map"]`` when it changes, then reruns. Called at the top of every run,
    this turns a click it has not seen yet into a selection; the same value (which stays in
    the session) is never applied twice, so there is no rerun loop. ``locate(lon, lat)``
    returns the kelurahan code there, or None outside the city (ignored).
    Returns True when the selection changed.
    """
    clicked = (st.session_state.get(MAP) or {}).get("last_clicked")
    if not clicked:
        return False
    marker = (round(float(clicked.get("lat", 0)), 7), round(float(clicked.get("lng", 0)), 7))
    if st.session_state.get(_LAST_CLICK) == marker:
        return False
    st.session_state[_LAST_CLICK] = marker
    code = locate(float(clicked["lng"]), float(clicked["lat"]))
    if code is None:
        return False
    set_selection([code])
    return True
