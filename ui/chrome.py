"""Shared chrome, drawn once by ``dashboard.py``: sidebar (language, presentation mode,
kelurahan selection), presentation styling, and the helpers pages use to show status and
errors."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from smartcity_geo import badges
from smartcity_geo.badges import status_badge  # noqa: F401  (re-exported for pages)
from smartcity_geo.datapack import DataPack, DatasetMeta
from smartcity_geo.errors import DataPackError
from smartcity_geo.strings import t

from . import loaders, state

# Presentation mode: larger type for the meeting-room screen. Streamlit sizes most text in
# px from its theme, so the text elements are named one by one.
PRESENTATION_CSS = """
<style>
[data-testid="stMarkdownContainer"] p, [data-testid="stMarkdownContainer"] li,
[data-testid="stCaptionContainer"], [data-testid="stWidgetLabel"] p, label p { font-size: 1.2rem !important; }
h1 { font-size: 3.1rem !important; }
h2, h3 { font-size: 2.0rem !important; }
[data-testid="stMetricValue"], [data-testid="stMetricValue"] p, [data-testid="stMetricValue"] div {
  font-size: 3.2rem !important; }
[data-testid="stMetricLabel"] p { font-size: 1.35rem !important; }
.status-badge { font-size: 0.95rem !important; }
[data-testid="stToolbar"], [data-testid="stDecoration"] { display: none; }
.block-container { padding-top: 1rem; max-width: 100%; }
</style>
"""
BASE_CSS = """
<style>
.block-container { padding-top: 1.6rem; }
[data-testid="stMetricValue"] { font-size: 2.1rem; }
</style>
"""


@dataclass(frozen=True)
class Context:
    lang: str
    presentation: bool
    selection: tuple[str, ...]
    pack: DataPack

    def t(self, key: str, **params: object) -> str:
        return t(key, self.lang, **params)


def load_pack_or_stop(lang: str) -> DataPack:
    """The cached pack, or one clear message in the user's language and a stop."""
    try:
        return loaders.pack()
    except DataPackError as err:
        if loaders.session_uploads():  # the bundled pack changed under this session's uploads
            loaders.drop_uploads()
            st.warning(f"{t('upload.dropped', lang)} {err.message(lang)}")
            return load_pack_or_stop(lang)
        st.error(f"{t('common.load_error', lang)} {err.message(lang)}")
        st.stop()
        raise  # unreachable: st.stop() raises


def sidebar(pack: DataPack) -> Context:
    """Draw the shared sidebar and return the page context."""
    lang = state.lang()
    kel = pack.table("kelurahan")
    names = dict(zip(kel["kode"], kel["kelurahan"], strict=True))
    kecamatan_of = dict(zip(kel["kode"], kel["kecamatan"], strict=True))
    with st.sidebar:
        st.radio(
            t("sidebar.language", lang),
            options=["id", "en"],
            format_func=lambda code: "Bahasa Indonesia" if code == "id" else "English",
            key=state.LANG,
            horizontal=True,
        )
        lang = state.lang()
        st.toggle(t("sidebar.presentation", lang), key=state.PRESENTATION, help=t("sidebar.presentation_help", lang))
        st.divider()
        kecamatan = sorted(set(kel["kecamatan"]))

        def pick_kecamatan() -> None:
            chosen = st.session_state.get("kec_pick")
            if chosen:
                state.set_selection([c for c, k in kecamatan_of.items() if k == chosen])

        # the box shows the kecamatan whose kelurahan are exactly the selection (else "Whole city")
        st.session_state["kec_pick"] = next((k for k in kecamatan if {c for c, kk in kecamatan_of.items() if kk == k} == set(state.selection())), None)  # noqa: E501
        st.selectbox(
            t("sidebar.kecamatan", lang),
            options=kecamatan,
            index=None,
            key="kec_pick",
            placeholder=t("sidebar.selection_all", lang),
            on_change=pick_kecamatan,
        )
        st.multiselect(
            t("sidebar.kelurahan", lang),
            options=list(kel["kode"]),
            format_func=lambda code: f"{names[code]} ({kecamatan_of[code]})",
            key=state.SELECTION,
            placeholder=t("sidebar.selection_all", lang),
        )
        st.button(
            t("sidebar.clear", lang),
            on_click=state.set_selection,
            args=([],),
            disabled=not state.selection(),
            width="stretch",
        )
        st.caption(t("sidebar.share_help", lang))
    st.markdown(PRESENTATION_CSS if st.session_state.get(state.PRESENTATION) else BASE_CSS, unsafe_allow_html=True)
    return Context(
        lang=lang,
        presentation=bool(st.session_state.get(state.PRESENTATION)),
        selection=tuple(state.selection()),
        pack=pack,
    )


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


def status_line(meta: DatasetMeta, lang: str) -> str:
    """Badge + dataset title + source + as-of, as one line of HTML (escaped)."""
    return badges.status_line(meta.status, meta.title(lang), meta.source, meta.as_of, lang)


def show_status(meta: DatasetMeta, lang: str) -> None:
    st.markdown(status_line(meta, lang), unsafe_allow_html=True)
