"""Briefing screen: a self-contained HTML summary of the current view, to send after a meeting.

Preview in the user's language; downloads in Indonesian and English; each links back to
the same view (see :func:`smartcity_geo.briefing.view_link`).
"""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from smartcity_geo.briefing import briefing_filename, briefing_for_view
from smartcity_geo.strings import t
from ui import chrome, clock, loaders, state

ctx = chrome.context()
lang, pack = ctx.lang, ctx.pack
data = loaders.map_data()
figures = data.figures
view = state.current()
today = clock.today()
app_url = st.context.url  # e.g. https://host/briefing; None without a browser (then a relative link)

st.title(t("nav.briefing", lang))
st.caption(t("brief.page.intro", lang))

documents = {
    code: briefing_for_view(pack, figures, view, code, app_url=app_url, generated=today, city=data.city)
    for code in ("id", "en")
}
row = st.container(horizontal=True)
for code in ("id", "en") if lang == "id" else ("en", "id"):
    row.download_button(
        t("brief.page.download", lang, language=t(f"brief.language.{code}", lang)),
        data=documents[code].encode("utf-8"),
        file_name=briefing_filename(replace(view, lang=code), today),
        mime="text/html",
        key=f"brief_download_{code}",
        on_click="ignore",
        type="primary" if code == lang else "secondary",
        icon=":material/download:",
    )
st.caption(t("brief.page.pdf", lang))

st.subheader(t("brief.page.preview", lang))
# NOTE: st.iframe (which replaces components.v1.html) runs what it is given; the document has no
# script and every value in it is escaped (smartcity_geo.briefing), so it is safe to embed.
st.iframe(documents[lang], height=900)
