"""Shared chrome, drawn once by ``dashboard.py``: sidebar (language, presentation mode,
kelurahan selection), presentation styling, and the helpers pages use to show status and
errors."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import streamlit as st

from smartcity_geo import badges
from smartcity_geo.badges import status_badge  # noqa: F401  (re-exported for pages)
from smartcity_geo.datapack import DataPack
from smartcity_geo.errors import DataPackError
from smartcity_geo.region import use_region
from smartcity_geo.store import StoreError
from smartcity_geo.store.preview import plain_markdown
from smartcity_geo.strings import t

from . import cycle, loaders, state

# Both modes. Captions in Streamlit's faded grey (text colour at 60 % opacity) are 4.16:1 on white and 4.03:1 on the
# sidebar (WCAG AA asks 4.5:1): they get the status line's slate instead (7.5:1 / 6.9:1).
# Labels wrap instead of ending in an ellipsis, so no status word is ever cut off. Static tables wrap
# long words (a file path in a source line) so they never scroll sideways: a scrolling region
# a keyboard cannot reach is an axe-core "serious" finding.
BASE_CSS = """
<style>
.block-container { padding-top: 1.6rem; }
[data-testid="stMetricValue"] { font-size: 2.1rem; }
[data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] p { color: #4B5563 !important; opacity: 1 !important; }
[data-testid="stWidgetLabel"] p, [data-testid="stCheckbox"] label p, [data-testid="stCheckbox"] label span,
[data-testid="stMetricLabel"] p, [data-testid="stMetricLabel"] div, [data-testid="stPageLink-NavLink"] span {
  white-space: normal !important; overflow: visible !important; text-overflow: clip !important;
  overflow-wrap: break-word; }
[data-testid="stMetricLabel"] { height: auto !important; min-height: 1.5rem; overflow: visible !important; }
.status-line { font-size: 0.85em; color: #4B5563; }
.status-badge { white-space: normal !important; display: inline-block; max-width: 100%; }
[data-testid="stTable"] td, [data-testid="stTable"] td * { white-space: normal !important; overflow-wrap: anywhere !important; }
</style>
"""

# Presentation mode: type that reads from the back of the room (body, table and widget text
# at least 18 px, headline figures at least 48 px) and a layout that fits a 1366x768
# projector. NOTE: Streamlit's header stays: it holds the button that reopens the sidebar.
# It is made see-through so that the control bar can sit at the very top; only its buttons
# take clicks. The tables of st.dataframe are drawn on a canvas, which CSS fonts cannot
# reach, so the whole grid is zoomed (14 px x 1.3 = 18.2 px). The CSS below gives body text
# 1.2rem (19.2 px) and headline figures 3.2rem (51.2 px); tests/browser/test_presentation.py
# measures them against these minimums in a real browser. Chart text in presentation mode is
# sized by smartcity_geo.charts.style (the pages pass presentation=ctx.presentation), and
# tests/test_seams.py checks it meets PRESENT_TEXT_PX too.
PRESENT_TEXT_PX = 18  # the smallest body, table and widget text in presentation mode
PRESENT_FIGURE_PX = 48  # the smallest headline figure (st.metric value) in presentation mode
PRESENT_BAR = "present_bar"  # the control bar's container key (CSS class st-key-present_bar)
PRESENTATION_CSS = """
<style>
[data-testid="stHeader"] { background: transparent !important; }
[data-testid="stHeader"], [data-testid="stHeader"] div { pointer-events: none !important; }
[data-testid="stHeader"] button, [data-testid="stHeader"] a, [data-testid="stHeader"] button * {
  pointer-events: auto !important; }
[data-testid="stDecoration"] { display: none; }
.block-container { padding: 0.4rem 3.5rem 1rem 3.5rem !important; max-width: 100%; }
[data-testid="stLayoutWrapper"]:has(> .st-key-present_bar) { position: sticky; top: 0; z-index: 999; }
.st-key-present_bar { background: #FFFFFF; border-bottom: 2px solid #0F5C8C; padding: 0.3rem 0 0.4rem 0; }
.st-key-present_bar [data-testid="stPageLink-NavLink"] { padding: 0.1rem 0.35rem; }
.st-key-present_bar { gap: 0.35rem !important; }
[data-testid="stMarkdownContainer"] p, [data-testid="stMarkdownContainer"] li,
[data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] p,
[data-testid="stWidgetLabel"] p, label p, [data-testid="stCheckbox"] label span,
[data-testid="stPageLink-NavLink"] span, [data-testid="stTable"] td, [data-testid="stTable"] th,
[data-testid="stMarkdownContainer"] td, [data-testid="stMarkdownContainer"] th,
button p, [data-baseweb="select"] span, [data-baseweb="select"] div, [data-baseweb="tag"] span,
[data-testid="stExpander"] summary p, [data-testid="stTabs"] button p, .status-badge, .status-line,
[data-testid="stIconMaterial"] {
  font-size: 1.2rem !important; line-height: 1.4 !important; }
h1 { font-size: 2.3rem !important; padding: 0.2rem 0 0.3rem 0 !important; }
h2, h3 { font-size: 1.8rem !important; padding: 0.4rem 0 0.3rem 0 !important; }
[data-testid="stMetricValue"], [data-testid="stMetricValue"] p, [data-testid="stMetricValue"] div {
  font-size: 3.2rem !important; line-height: 1.15 !important; }
[data-testid="stMetricLabel"] p { font-size: 1.3rem !important; }
.stApp [data-testid="stMultiSelect"] input, .stApp [data-testid="stSelectbox"] input,
.stApp [data-testid="stMultiSelect"] input::placeholder, .stApp [data-testid="stSelectbox"] input::placeholder {
  font-size: 1.2rem !important; }
[data-testid="stElementContainer"]:has([data-testid="stDataFrame"]) { zoom: 1.3; width: calc(100% / 1.3) !important; }
</style>
"""

# The map's height follows the screen: folium draws the map in an iframe whose height the
# component sets in px (MAP_HEIGHT, also what the server fits its first view to); this CSS
# overrides it, and the map inside fills its iframe (smartcity_geo.mapelements.LegendAwareView).
# Presentation mode: everything below the control bar (MAP_BELOW_BAR_PX: the bar and its
# padding); otherwise at least 60 % of a 1080 px screen, and never under 560 px.
# tests/browser/test_meeting_room.py measures both.
MAP_HEIGHT = 640
MAP_AREA = "map_area"  # the map's container key (CSS class st-key-map_area)
MAP_BELOW_BAR_PX = 92
MAP_CSS = f"""
<style>
.st-key-{MAP_AREA} iframe {{ height: max(560px, calc(100vh - 330px)) !important; }}
</style>
"""
PRESENT_MAP_CSS = f"""
<style>
.st-key-{MAP_AREA} iframe {{ height: calc(100vh - {MAP_BELOW_BAR_PX}px) !important; }}
.st-key-{MAP_AREA} {{ gap: 0.2rem; }}
[data-testid="stColumn"]:has(.st-key-{MAP_AREA}) + [data-testid="stColumn"] h1 {{
  font-size: 1.6rem !important; padding: 0 0 0.2rem 0 !important; }}
[data-testid="stColumn"]:has(.st-key-{MAP_AREA}) + [data-testid="stColumn"] p.sc-focus-name {{
  font-size: 2.2rem !important; font-weight: 700; line-height: 1.15 !important; color: #0B3D91; margin: 0; }}
[data-testid="stColumn"]:has(.st-key-{MAP_AREA}) + [data-testid="stColumn"] [data-testid="stMetricValue"] div {{
  font-size: 3rem !important; }}
</style>
"""


def uploader_css(lang: str) -> str:
    """The file uploader's own words in the user's language (Streamlit writes "Upload" and
    "20MB per file" in English whatever the page's language): its text is hidden and ours
    shown instead, as CSS generated content. NOTE: the button's own word is set to size 0,
    not removed: axe-core does not read generated content, and a button needs a name."""
    from smartcity_geo.datafiles import MAX_FILE_MB

    button = json.dumps(t("upload.button", lang), ensure_ascii=False)
    limit = json.dumps(t("upload.limit", lang, mb=MAX_FILE_MB), ensure_ascii=False)
    return f"""
<style>
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p {{ font-size: 0 !important; }}
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"]::after {{ content: {button}; }}
[data-testid="stFileUploaderDropzoneInstructions"] span {{ display: none; }}
[data-testid="stFileUploaderDropzoneInstructions"] > div::after {{ content: {limit}; }}
</style>
"""


def map_height(presentation: bool) -> int:
    """The map component's height in px (the CSS above makes it follow the screen)."""
    return MAP_HEIGHT


@dataclass(frozen=True)
class Context:
    lang: str
    presentation: bool
    selection: tuple[str, ...]
    run: loaders.Run  # this run's data (version, pack, map data, uploads)

    @property
    def pack(self) -> DataPack:
        return self.run.pack

    def t(self, key: str, **params: object) -> str:
        return t(key, self.lang, **params)


def load_run_or_stop(lang: str) -> loaders.Run:
    """This run's data (the store is asked once), or one clear message in the user's language and a stop."""
    try:
        run = loaders.begin_run(state.kab())  # the store is asked once per run; every loader takes this value
        if run.province is not None and run.kab != state.kab():  # a kab/kota this province lacks: dropped
            state.set_kab(run.kab)
        use_region(run.pack.region)  # every text of this run names the pack's region and its village word
        store_warning(lang, run)
        return run
    except DataPackError as err:
        if loaders.session_uploads():  # the bundled pack changed under this session's uploads
            loaders.drop_uploads()
            st.warning(f"{t('upload.dropped', lang)} {err.message(lang)}")
            return load_run_or_stop(lang)
        st.error(f"{t('common.load_error', lang)} {err.message(lang)}")
        st.stop()
        raise  # unreachable: st.stop() raises
    except StoreError as err:  # the store cannot be opened: named as configured (SQLite file or database URL)
        st.error(plain_markdown(f"{t('common.load_error', lang)} {err.message(lang)}"))
        st.stop()
        raise


def store_warning(lang: str, run: loaders.Run) -> None:
    """When the store cannot be opened or read: what failed, and that the data shown is read-only."""
    problem = loaders.store_problem(run)
    if problem is None:
        return
    kind = "last_good" if problem.last_good else "bundled"
    said = problem.error.message(lang) if problem.error is not None else ""
    text = t(f"store.read_only.{kind}", lang, problem=said)
    st.warning(badges.plain(text), icon=":material/database_off:")


LANG_NAMES = {"id": "Bahasa Indonesia", "en": "English"}


def _copy_to(widget_key: str, shared_key: str) -> None:
    st.session_state[shared_key] = st.session_state[widget_key]


def _shared(shared_key: str, compact: bool) -> dict[str, Any]:
    """Widget arguments that show and edit the shared view value ``shared_key`` (see ``ui.state``).

    NOTE: the language and the kelurahan selection have a picker in the sidebar, drawn in
    every run, and one in the presentation bar. Each picker has a key of its own, filled from
    the shared value before it is drawn and copying its changes back (callbacks run before
    the script), so both always agree. Giving both pickers the shared key is not possible
    (one key, one widget), and moving one widget between the bar and the sidebar would lose
    its value: Streamlit drops the state of a widget that is not drawn in a run.
    """
    widget_key = state.WIDGET_KEYS[shared_key] + ("_bar" if compact else "")
    st.session_state[widget_key] = st.session_state.get(shared_key)
    return {"key": widget_key, "on_change": _copy_to, "args": (widget_key, shared_key)}


def _language_picker(lang: str, *, compact: bool = False) -> None:
    st.radio(
        t("sidebar.language", lang),
        options=list(LANG_NAMES),
        format_func=(lambda code: code.upper()) if compact else LANG_NAMES.__getitem__,
        horizontal=True,
        label_visibility="collapsed" if compact else "visible",
        width="content" if compact else "stretch",
        **_shared(state.LANG, compact),
    )


def _kelurahan_picker(kel: Any, lang: str, *, compact: bool = False) -> None:
    names = dict(zip(kel["kode"], kel["kelurahan"], strict=True))
    kecamatan_of = dict(zip(kel["kode"], kel["kecamatan"], strict=True))
    st.multiselect(
        t("sidebar.kelurahan", lang),
        options=list(kel["kode"]),
        format_func=(lambda code: names[code]) if compact else (lambda code: f"{names[code]} ({kecamatan_of[code]})"),
        placeholder=t("sidebar.selection_all", lang),
        label_visibility="collapsed" if compact else "visible",
        width=180 if compact else "stretch",
        **_shared(state.SELECTION, compact),
    )


def _exit_presentation() -> None:
    st.session_state[state.PRESENTATION] = False


def presentation_bar(run: loaders.Run, pages: Sequence[Any], current: Any = None) -> None:
    """The control bar of presentation mode, always at the top of the screen.

    It holds what the presenter needs without the sidebar: a link to every screen, the
    language, the kelurahan picker (a province's: its kab/kota picker; with one chosen, an arrow
    back up to the province and that kab/kota's villages), automatic cycling through chosen
    screens (:mod:`ui.cycle`) and "exit presentation". The language and kelurahan pickers stay
    in the sidebar too; both show the same shared values (see :func:`_shared`).

    NOTE: the bar is one line at 1366 px (``tests/browser/test_presentation.py``,
    ``test_region_map.py``): a kab/kota's longer "Kelurahan/desa" link and a province's arrow
    fit because the exit button says "Keluar" (its help says the rest) and the village picker is 180 px.
    """
    lang = state.lang()
    with st.container(key=PRESENT_BAR, horizontal=True, vertical_alignment="center", gap="small"):
        for page in pages:
            st.page_link(page, label=page.title, icon="")  # no icons: the bar fits one line at 1366 px
        _language_picker(lang, compact=True)
        lang = state.lang()
        if run.province is not None and not run.kab:
            _kabkota_picker(run, lang, compact=True)
        else:
            if run.province is not None:  # back to the whole province: one icon, the bar stays one line
                st.button(
                    "",
                    key="present_up",
                    icon=":material/arrow_upward:",
                    help=t("present.up", lang, province=run.province.name),
                    on_click=state.set_kab,
                    args=("",),
                )
            _kelurahan_picker(run.pack.table("kelurahan"), lang, compact=True)
        cycle.controls(pages, current, lang)
        st.button(
            t("present.exit", lang),
            key="present_exit",
            help=t("present.exit_help", lang),
            icon=":material/close_fullscreen:",
            on_click=_exit_presentation,
        )


def sidebar(run: loaders.Run, pages: Sequence[Any] = (), current: Any = None) -> Context:
    """Draw the shared chrome (the sidebar, and the control bar when presenting) and return
    the page context."""
    pack = run.pack
    presenting = bool(st.session_state.get(state.PRESENTATION))
    if presenting:
        presentation_bar(run, pages, current)
    else:
        # NOTE: an empty slot where the bar would be keeps every page element at the same place
        # in the element tree in both modes, so toggling the mode updates the map in place
        # instead of drawing a second one beside the stale first.
        st.empty()
    lang = state.lang()
    kel = pack.table("kelurahan")
    kecamatan_of = dict(zip(kel["kode"], kel["kecamatan"], strict=True))
    with st.sidebar:
        _language_picker(lang)
        lang = state.lang()
        st.toggle(
            t("sidebar.presentation", lang),
            help=t("sidebar.presentation_help", lang),
            **_shared(state.PRESENTATION, compact=False),
        )
        st.divider()
        if run.province is not None and _kabkota_picker(run, lang):
            st.caption(t("sidebar.kabkota_first", lang))
            return _finish(run, lang, presenting)
        kecamatan = sorted(set(kel["kecamatan"]))

        def pick_kecamatan() -> None:
            chosen = st.session_state.get("kec_pick")
            if chosen:
                state.set_selection([c for c, k in kecamatan_of.items() if k == chosen])

        # the box shows the kecamatan whose kelurahan are exactly the selection (else "Whole city")
        st.session_state["kec_pick"] = next(
            (k for k in kecamatan if {c for c, kk in kecamatan_of.items() if kk == k} == set(state.selection())), None
        )  # noqa: E501
        st.selectbox(
            t("sidebar.kecamatan", lang),
            options=kecamatan,
            index=None,
            key="kec_pick",
            placeholder=t("sidebar.selection_all", lang),
            on_change=pick_kecamatan,
        )
        _kelurahan_picker(kel, lang)
        st.button(
            t("sidebar.clear", lang),
            on_click=state.set_selection,
            args=([],),
            disabled=not state.selection(),
            width="stretch",
        )
        st.caption(t("sidebar.share_help", lang))
    return _finish(run, lang, presenting)


def _finish(run: loaders.Run, lang: str, presenting: bool) -> Context:
    css = BASE_CSS + uploader_css(lang) + (PRESENTATION_CSS + PRESENT_MAP_CSS if presenting else MAP_CSS)
    st.markdown(css, unsafe_allow_html=True)
    return Context(lang=lang, presentation=presenting, selection=tuple(state.selection()), run=run)


def _kabkota_picker(run: loaders.Run, lang: str, *, compact: bool = False) -> bool:
    """A province pack's kab/kota (none: the whole province); True while none is chosen.

    Choosing one reruns the app on that kab/kota alone (``loaders.begin_run``); the village
    pickers follow it, since 8,494 villages in one list can be neither sent nor read. The
    presentation bar has one too (``compact``, key ``kab_pick_bar``): both are filled from
    the run's kab/kota before they are drawn, so they always agree.
    """
    names = {k.code: k.name for k in run.province.kabkota if k.villages_total}
    key = "kab_pick_bar" if compact else "kab_pick"
    st.session_state[key] = run.kab or None
    st.selectbox(
        t("sidebar.kabkota", lang),
        options=list(names),
        index=None,
        key=key,
        format_func=names.get,
        placeholder=t("sidebar.kabkota_all", lang, province=run.province.name),
        label_visibility="collapsed" if compact else "visible",
        width=200 if compact else "stretch",
        on_change=lambda: state.set_kab(st.session_state.get(key) or ""),
    )
    return not run.kab


# Streamlit's multipage-v1 switch (``PagesManager.uses_pages_directory``), see below.
LEGACY_PAGES_FLAG = "uses_pages_directory"
_MISSING = object()


def leave_legacy_pages_mode() -> None:
    """Make sure this run goes through ``dashboard.py``; call first thing in every page.

    NOTE: Streamlit treats a folder named ``pages/`` beside the entry point as a
    multipage-v1 app until the entry point has called ``st.navigation`` once in the
    server process. So the very first request a fresh server gets for ``/kelurahan`` (a
    shared link opened in the meeting room) would run ``pages/kelurahan.py`` on its own,
    without the sidebar, the language or the selection. When that happens we switch the
    process to ``st.navigation`` mode and rerun: the same URL then goes through
    ``dashboard.py`` and opens the right page with the link's view.

    NOTE: the flag is a class attribute Streamlit itself calls "a relic of v1 of Multipage
    apps"; it is read defensively, and ``tests/test_seams.py`` fails if Streamlit renames or
    drops it, so an upgrade that changes this is noticed before a shared link breaks.
    """
    from streamlit.runtime.pages_manager import PagesManager

    uses_pages_directory = getattr(PagesManager, LEGACY_PAGES_FLAG, _MISSING)
    if uses_pages_directory is _MISSING:  # gone from Streamlit: nothing to switch off
        return
    if uses_pages_directory:
        setattr(PagesManager, LEGACY_PAGES_FLAG, False)
        st.rerun()


def context() -> Context:
    """The context ``dashboard.py`` stored for this run (pages call this first)."""
    leave_legacy_pages_mode()
    return st.session_state["_ctx"]


def show_fact(fact: dict[str, str], lang: str) -> None:
    """A sourced statement (e.g. :func:`smartcity_geo.i18n.tourism_area_fact`) with its status
    badge, date and source, every value escaped as text."""
    st.markdown(
        f"{status_badge(fact['status'], lang)} {badges.plain(fact['text'])} "
        f"<span class='status-line'>({badges.plain(t('common.source', lang))}: {badges.plain(fact['source'])} · "
        f"{badges.plain(fact['as_of'])})</span>",
        unsafe_allow_html=True,
    )
