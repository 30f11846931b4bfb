"""Smart-city map dashboard of one kota or kabupaten (the data pack's region): entry point and navigation.

Run with ``streamlit run dashboard.py``. Draws the shared chrome once (language,
presentation mode, kelurahan selection, URL state) and hands over to the chosen page.
"""

from __future__ import annotations

import streamlit as st

from smartcity_geo import analytics
from smartcity_geo.strings import t
from ui import chrome, notices, state

st.set_page_config(
    page_title=t("app.name", state.lang()),  # the region's title follows once the pack is read
    page_icon="🗺️",  # an emoji favicon is drawn locally; ":material/...:" would fetch it from fonts.gstatic.com
    layout="wide",
    # Presentation mode is a full screen: a link opened in it, a reload, and every move between
    # screens (the bar's links carry no query) start with the sidebar folded away.
    initial_sidebar_state="collapsed"
    if st.query_params.get("mode") == "present" or st.session_state.get(state.PRESENTATION)
    else "expanded",
)

run = chrome.load_run_or_stop(state.lang())  # this run's data, asked for once and carried by the context
kelurahan = run.pack.table("kelurahan")
state.init(list(kelurahan["kode"]))
if state.apply_map_click(lambda lon, lat: analytics.kelurahan_at(kelurahan, lon, lat)) and state.drill_down(run):
    st.rerun()  # a click on a province's map: that village's kab/kota at full detail, the village chosen
lang = state.lang()
st.set_page_config(page_title=t("app.title", lang))  # the browser tab follows the language

# NOTE: each url_path is its file's stem, so that a fresh server, which first reads the
# pages/ folder the multipage-v1 way, finds the same page (see ui.chrome.leave_legacy_pages_mode).
PAGES = [
    st.Page("pages/map.py", title=t("nav.map", lang), icon=":material/map:", default=True),
    st.Page(
        "pages/kelurahan.py", title=t("nav.kelurahan", lang), icon=":material/location_city:", url_path="kelurahan"
    ),
    st.Page("pages/indicators.py", title=t("nav.indicators", lang), icon=":material/insights:", url_path="indicators"),
    st.Page("pages/budget.py", title=t("nav.budget", lang), icon=":material/payments:", url_path="budget"),
    st.Page("pages/sources.py", title=t("nav.sources", lang), icon=":material/dataset:", url_path="sources"),
    st.Page("pages/briefing.py", title=t("nav.briefing", lang), icon=":material/summarize:", url_path="briefing"),
]
# The editors' screen is in the navigation, not in the presentation bar: nobody edits on the meeting-room screen.
EDITOR = st.Page("pages/editor.py", title=t("nav.editor", lang), icon=":material/edit_note:", url_path="editor")
page = st.navigation([*PAGES, EDITOR], position="sidebar")
st.session_state["_ctx"] = chrome.sidebar(run, PAGES, page)
notices.upload_notice(st.session_state["_ctx"])  # uploaded, unverified data: said on every screen
page.run()
state.sync_url()
