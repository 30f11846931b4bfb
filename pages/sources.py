"""Data & sources screen: every dataset's provenance and status, and the official facts."""

from __future__ import annotations

import streamlit as st

from smartcity_geo.catalog import dataset_table, facts_table
from smartcity_geo.errors import DataPackError
from smartcity_geo.i18n import tourism_area_fact
from smartcity_geo.strings import t
from ui import chrome, loaders

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
if (kspn := tourism_area_fact(pack.table("facts"), lang)) is not None:  # the national tourism frame
    chrome.show_fact(kspn, lang)

sources_md = pack.root / "SOURCES.md"
if sources_md.is_file():
    with st.expander(t("catalog.sources_md", lang)):
        st.markdown(sources_md.read_text(encoding="utf-8"))

# ---- try the city's own figures in this session: validated, all-or-nothing
st.subheader(t("upload.title", lang))
st.caption(t("upload.intro", lang))
csv_keys = [key for key, meta in pack.metas.items() if meta.format == "csv"]
key = st.selectbox(
    t("upload.dataset", lang), csv_keys, format_func=lambda k: pack.meta(k).title(lang), key="upload_dataset"
)
bundled = loaders.bundled_pack().meta(key)
st.download_button(
    t("upload.template", lang),
    data=(pack.root / bundled.file).read_bytes(),
    file_name=bundled.file,
    mime="text/csv",
    key="upload_template",
)
upload = st.file_uploader(t("upload.file", lang), type=["csv"], key="upload_file")
if upload is not None and st.button(t("upload.apply", lang), key="upload_apply"):
    try:
        loaders.try_upload(key, upload.name, upload.getvalue())
    except DataPackError as err:
        st.error(f"{t('upload.refused', lang)} {err.message(lang)}")
    else:
        st.rerun()  # the whole app now reads the replaced dataset
active = loaders.session_uploads()
if active:
    st.info(t("upload.active", lang, items=", ".join(f"{pack.meta(k).title(lang)} ({name})" for k, name, _ in active)))
    st.button(t("upload.reset", lang), on_click=loaders.drop_uploads, key="upload_reset")
