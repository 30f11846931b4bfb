"""Data & sources screen: every dataset's provenance and status, and the official facts."""

from __future__ import annotations

import streamlit as st

from smartcity_geo import rules
from smartcity_geo.badges import labelled, plain, status_badge
from smartcity_geo.catalog import (
    dataset_table,
    facts_table,
    kecamatan_table,
    missing_boundaries_table,
    region_lines,
)
from smartcity_geo.errors import DataPackError
from smartcity_geo.i18n import tourism_area_fact
from smartcity_geo.strings import t
from ui import chrome, history, loaders, notices

ctx = chrome.context()
lang, pack = ctx.lang, ctx.pack

st.title(t("catalog.title", lang))
st.caption(t("catalog.intro", lang) + " " + t("catalog.version", lang, version=pack.version))
shown = (*rules.STATUS_ORDER, rules.NONE) if pack.unsupplied else rules.STATUS_ORDER
for status in shown:
    st.markdown(f"{status_badge(status, lang)} {plain(t(f'status.help.{status}', lang))}", unsafe_allow_html=True)
active = ctx.run.uploads
uploaded = [key for key, _, _ in active if key in pack.metas]

st.subheader(t("catalog.datasets", lang))
notices.missing(pack, list(pack.metas), lang)
st.dataframe(
    dataset_table(pack, lang, uploaded=uploaded),
    hide_index=True,
    width="stretch",
    column_config={t("catalog.link", lang): st.column_config.LinkColumn(display_text="↗")},
)
st.subheader(t("catalog.facts", lang))
if pack.supplied("facts"):
    st.dataframe(facts_table(pack, lang), hide_index=True, width="stretch")
else:
    st.caption(t("missing.figure", lang))
if (kspn := tourism_area_fact(pack.table("facts"), lang)) is not None:  # the national tourism frame
    chrome.show_fact(kspn, lang)

# ---- the region: what it is, its kecamatan, and the codes with no boundary (never dropped in silence)
if pack.region is not None:
    st.subheader(t("catalog.region", lang))
    for line in region_lines(pack, lang):
        st.markdown(plain(line))
    with st.expander(t("catalog.kecamatan", lang)):
        st.dataframe(kecamatan_table(pack, lang), hide_index=True, width="stretch")
    if pack.region.missing_boundaries:
        st.markdown(f"**{plain(t('catalog.missing_boundaries', lang))}**")
        st.caption(t("catalog.missing_boundaries_note", lang))
        st.dataframe(missing_boundaries_table(pack, lang), hide_index=True, width="stretch")
    else:
        st.caption(t("catalog.no_missing_boundaries", lang))

sources_md = pack.root / "SOURCES.md"
if sources_md.is_file():
    with st.expander(t("catalog.sources_md", lang)):
        # part of the data pack: shown as the text it is, never rendered as Markdown or HTML
        st.code(sources_md.read_text(encoding="utf-8"), language=None, wrap_lines=True)

# ---- try the city's own figures in this session: validated, all-or-nothing
st.subheader(t("upload.title", lang))
st.caption(t("upload.intro", lang))
csv_keys = [key for key, meta in pack.metas.items() if meta.format == "csv"]
key = st.selectbox(
    t("upload.dataset", lang), csv_keys, format_func=lambda k: pack.meta(k).title(lang), key="upload_dataset"
)
bundled = ctx.run.bundled_pack.meta(key)
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
        loaders.try_upload(ctx.run, key, upload.name, upload.getvalue())
    except DataPackError as err:
        st.error(f"{t('upload.refused', lang)} {err.message(lang)}")
    else:
        st.rerun()  # the whole app now reads the replaced dataset
if active:
    for k, name, _ in active:  # each uploaded dataset with its own badge
        st.markdown(labelled(f"{pack.meta(k).title(lang)} ({name})", rules.UPLOADED, lang), unsafe_allow_html=True)
    st.button(t("upload.reset", lang), on_click=loaders.drop_uploads, key="upload_reset")
history.show(ctx.run, lang)  # the store's history of every dataset (ui/history.py)
