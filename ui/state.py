"""Session keys of the shared view and their mirror in the URL query string.

Pages read and change the view only through this module.

The shared view lives in plain session keys that no widget owns:

- ``view_lang``: "id" / "en"
- ``view_presentation``: bool
- ``view_selection``: list of selected kelurahan codes

Each is edited by a widget in the sidebar (keys ``lang``, ``presentation``, ``kel_sel``, see
:data:`WIDGET_KEYS`) and, for the language and the selection, one in the presentation bar
(``lang_bar``, ``kel_sel_bar``). A widget's key is filled from the shared value before the
widget is drawn, and its ``on_change`` copies a change back (``ui.chrome``).

NOTE: a widget's own value is not safe to keep the view in: Streamlit resets the widget
state of a run that switches pages, and a click that arrives while a page switch is still
running (a presenter changing the language at once) came back once with presentation mode
off. The shared keys are never reset that way.

The map's view (layers, basemap, measure) is edited by widgets drawn only on the map
screen, and Streamlit forgets the value of a widget that a run does not draw. So its
canonical value lives in plain session keys (``view_layers``, ``view_basemap``,
``view_measure``) that no widget owns: the map screen copies them into its widget keys
(``layer_<key>``, ``basemap``, ``measure``) before drawing the widgets
(:func:`bind_map_widgets`), and the widgets copy a change back (:func:`store_map_widgets`,
their ``on_change``). Every other screen, the URL and the briefing read the canonical keys.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from smartcity_geo.registry import BASEMAPS, LAYER_KEYS, NO_MEASURE, is_measure_key
from smartcity_geo.viewstate import ViewState, from_query, to_query

LANG = "view_lang"
PRESENTATION = "view_presentation"
SELECTION = "view_selection"
KAB = "view_kab"  # a province pack's kab/kota ("" the whole province)
#: The sidebar widget that edits each shared value (the tests and the benchmark drive these keys).
WIDGET_KEYS = {LANG: "lang", PRESENTATION: "presentation", SELECTION: "kel_sel"}
BASEMAP = "basemap"  # widget key
MEASURE = "measure"  # widget key
VIEW_LAYERS = "view_layers"
VIEW_BASEMAP = "view_basemap"
VIEW_MEASURE = "view_measure"
_INIT = "_view_initialised"
_LAST_CLICK = "_map_last_click"


def layer_key(layer: str) -> str:
    """The widget key of a layer's checkbox."""
    return f"layer_{layer}"


def init(known_codes: list[str]) -> None:
    """On a session's first run, take the view from the URL (a shared link)."""
    if st.session_state.get(_INIT):
        return
    view = from_query(st.query_params.to_dict(), known_codes)
    st.session_state[LANG] = view.lang
    st.session_state[PRESENTATION] = view.presentation
    st.session_state[SELECTION] = list(view.kelurahan)
    st.session_state.setdefault(KAB, view.kab)
    st.session_state[VIEW_LAYERS] = tuple(view.layers)
    st.session_state[VIEW_BASEMAP] = view.basemap
    st.session_state[VIEW_MEASURE] = view.measure
    st.session_state[_INIT] = True


def layers() -> tuple[str, ...]:
    """The visible map layers, in registry order."""
    on = set(st.session_state.get(VIEW_LAYERS, ()))
    return tuple(k for k in LAYER_KEYS if k in on)


def basemap() -> str:
    value = st.session_state.get(VIEW_BASEMAP, "none")
    return value if value in BASEMAPS else "none"


def measure() -> str:
    value = st.session_state.get(VIEW_MEASURE, NO_MEASURE)
    return value if is_measure_key(value) else NO_MEASURE


def set_measure(measure: str) -> None:
    """Before the map screen's widgets are drawn (e.g. a link's measure this pack lacks)."""
    st.session_state[VIEW_MEASURE] = measure if is_measure_key(measure) else NO_MEASURE


def bind_map_widgets() -> None:
    """Give the map screen's widgets the canonical view; call before drawing them."""
    on = set(layers())
    for key in LAYER_KEYS:
        st.session_state[layer_key(key)] = key in on
    st.session_state[BASEMAP] = basemap()
    st.session_state[MEASURE] = measure()


def store_map_widgets() -> None:
    """``on_change`` of the map screen's widgets: their values become the canonical view."""
    st.session_state[VIEW_LAYERS] = tuple(k for k in LAYER_KEYS if st.session_state.get(layer_key(k), False))
    if BASEMAP in st.session_state:
        st.session_state[VIEW_BASEMAP] = st.session_state[BASEMAP]
    if MEASURE in st.session_state:
        st.session_state[VIEW_MEASURE] = st.session_state[MEASURE]


def current() -> ViewState:
    return ViewState(
        lang=st.session_state.get(LANG, "id"),
        kelurahan=tuple(sorted(st.session_state.get(SELECTION, []))),
        layers=layers(),
        basemap=basemap(),
        presentation=bool(st.session_state.get(PRESENTATION, False)),
        measure=measure(),
        kab=st.session_state.get(KAB, ""),
    )


def kab() -> str:
    """The kab/kota this run shows of a province pack; before :func:`init`, the one the link asks for."""
    if KAB in st.session_state:
        return st.session_state[KAB]
    return from_query(st.query_params.to_dict()).kab


def set_kab(code: str) -> None:
    """A dropped or changed kab/kota (before the run is loaded): its villages are another selection."""
    if st.session_state.get(KAB, "") != code:
        st.session_state[SELECTION] = []
    st.session_state[KAB] = code


def drill_down(run) -> bool:
    """After a click on the whole province's map (a village selected): show that village's
    kab/kota with the village still selected. True when the run must start again on it.

    ``run``: this run's :class:`ui.loaders.Run` (a province's, with no kab/kota chosen, or nothing happens).
    """
    chosen = selection()
    if run.province is None or run.kab or len(chosen) != 1:
        return False
    kab = run.province.kabkota_of(chosen[0])
    if kab is None:
        return False
    set_kab(kab.code)
    set_selection(chosen)
    return True


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
