"""Briefing screen: a self-contained HTML summary of the current view, to send after a meeting.

Preview in the user's language; downloads in Indonesian and English (the other language is
built only when its button is pressed). The "reopen this view" link is built from the
dashboard's public address, a deployment setting read here (the library takes it as a
parameter): the environment variable ``SMARTCITY_PUBLIC_URL`` or ``public_url`` in
``.streamlit/secrets.toml``. Without one the briefing leaves the link out and says how to set it.
"""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from smartcity_geo.briefing import briefing_filename, build_briefing, public_base
from smartcity_geo.strings import t
from ui import chrome, clock, config, loaders, state

ctx = chrome.context()
lang = ctx.lang
data = ctx.run.map_data
view = state.current()
today = clock.today()
public_url = config.get("public_url") or None  # environment first, then secrets

st.title(t("nav.briefing", lang))
st.caption(t("brief.page.intro", lang))
if public_base(public_url) is None:
    st.caption(t("brief.link.unset", lang))

document = loaders.briefing_document(ctx.run, view, lang, today, public_url)  # made once per view and data version
other = "en" if lang == "id" else "id"
row = st.container(horizontal=True)
row.download_button(
    t("brief.page.download", lang, language=t(f"brief.language.{lang}", lang)),
    data=document.encode("utf-8"),
    file_name=briefing_filename(replace(view, lang=lang), today),
    mime="text/html",
    key=f"brief_download_{lang}",
    on_click="ignore",
    type="primary",
    icon=":material/download:",
)
row.download_button(
    t("brief.page.download", lang, language=t(f"brief.language.{other}", lang)),
    data=lambda: build_briefing(data, view, other, generated=today, public_url=public_url).encode("utf-8"),
    file_name=briefing_filename(replace(view, lang=other), today),
    mime="text/html",
    key=f"brief_download_{other}",
    on_click="ignore",
    type="secondary",
    icon=":material/download:",
)
st.caption(t("brief.page.pdf", lang))

st.subheader(t("brief.page.preview", lang))
# NOTE: st.iframe runs what it is given; the document has no script and every value in it is
# escaped by the template (smartcity_geo.briefing.render), so it is safe to embed.
st.iframe(document, height=900)
