"""Data & sources screen: every dataset's provenance and status, and the official facts."""

from __future__ import annotations

import streamlit as st

from smartcity_geo.catalog import dataset_table, facts_table
from smartcity_geo.strings import t
from ui import chrome

ctx = chrome.context()
lang, pack = ctx.lang, ctx.pack

st.title(t("catalog.title", lang))
st.caption(t("catalog.intro", lang) + " " + t("catalog.version", lang, version=pack.version))
for status in ("official", "seed", "sample"):
    st.markdown(
        f"{chrome.status_badge(status, lang)} {t(f'status.help.{status}', lang)}", unsafe_allow_html=True
    )

st.subheader(t("catalog.datasets", lang))
st.dataframe(
    dataset_table(pack, lang),
    hide_index=True,
    width="stretch",
    column_config={t("catalog.link", lang): st.column_config.LinkColumn(display_text="↗")},
)
st.subheader(t("catalog.facts", lang))
st.dataframe(facts_table(pack, lang), hide_index=True, width="stretch")

sources_md = pack.root / "SOURCES.md"
if sources_md.is_file():
    with st.expander(t("catalog.sources_md", lang)):
        st.markdown(sources_md.read_text(encoding="utf-8"))
