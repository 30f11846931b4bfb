"""Map screen: the 34 kelurahan with every infrastructure layer and the headline figures."""

from __future__ import annotations

import streamlit as st
from streamlit_folium import st_folium

from smartcity_geo import analytics
from smartcity_geo.badges import status_badge
from smartcity_geo.formatting import format_number, format_percent
from smartcity_geo.layers import BASEMAPS, LAYERS, build_base_map, build_layers, legend_html, selection_layer, view_for
from ui import chrome, loaders, offline, state

ctx = chrome.context()
lang, t = ctx.lang, ctx.t
data = loaders.map_data()
pack = ctx.pack
MAP_HEIGHT = chrome.map_height(ctx.presentation)

st.title(t("app.title"))
st.caption(t("app.subtitle"))

# Headline figures: the whole city, or the selection.
summary = analytics.selection_summary(data.figures, ctx.selection)
if not ctx.selection:  # the whole city: coverage measured over the dissolved outline, prepared once
    summary.update(share_4g=data.city.share_4g, share_3g_only=data.city.share_3g_only)
facts = pack.table("facts").set_index("key")
cols = st.columns(5)
cols[0].metric(t("kpi.kelurahan"), format_number(summary["kelurahan"], lang),
               help=t("kpi.kelurahan_detail", n=summary["kecamatan"]))
cols[0].caption(t("kpi.kelurahan_detail", n=summary["kecamatan"]))
cols[1].metric(t("kpi.hotspots"), format_number(summary["hotspots_public"] + summary["hotspots_internal"], lang))
cols[1].markdown(
    t("kpi.hotspots_detail", public=summary["hotspots_public"], internal=summary["hotspots_internal"])
    + " " + status_badge(pack.meta("hotspots").status, lang), unsafe_allow_html=True)
cols[2].metric(t("kpi.coverage_4g"), format_percent(summary["share_4g"], lang))
cols[2].markdown(t("kpi.coverage_4g_detail", share=format_percent(summary["share_3g_only"], lang)) + " "
                 + status_badge(pack.meta("cell_sites").status, lang), unsafe_allow_html=True)
cols[3].metric(t("kpi.fibre"), format_number(summary["kelurahan_with_fibre"], lang))
cols[3].markdown(t("kpi.fibre_detail", total=summary["kelurahan"]) + " "
                 + status_badge(pack.meta("broadband").status, lang), unsafe_allow_html=True)
if "wifi_public_points_2023" in facts.index:
    fact = facts.loc["wifi_public_points_2023"]
    cols[4].metric(t("kpi.wifi_official"), format_number(fact["value"], lang))
    cols[4].markdown(f"{fact['label_en' if lang == 'en' else 'label_id']} ({fact['as_of']}) "
                     + status_badge(fact["status"], lang), unsafe_allow_html=True)

map_col, side_col = st.columns([3, 1], gap="medium")
with side_col:
    st.subheader(t("map.layers"))
    for spec in LAYERS:
        box_col, legend_col = st.columns([5, 3], gap="small", vertical_alignment="center")
        box_col.checkbox(spec.label(lang), key=state.layer_key(spec.key))
        legend_col.markdown(
            legend_html(spec.legend(lang), labels=False) + status_badge(spec.status(pack), lang),
            unsafe_allow_html=True,
        )
    st.selectbox(t("map.basemap"), BASEMAPS, key=state.BASEMAP,
                 format_func=lambda b: t(f"map.basemap.{b}"))
    if st.session_state.get(state.BASEMAP, "none") != "none":
        st.caption(t("map.tiles_offline"))
    st.caption(t("map.click_hint"))


with map_col:
    base = build_base_map(data, lang, st.session_state.get(state.BASEMAP, "none"), height=MAP_HEIGHT)
    groups = build_layers([spec.key for spec in LAYERS if st.session_state.get(state.layer_key(spec.key))], data, lang)
    groups.append(selection_layer(data, ctx.selection, lang))
    offline.localize(base, groups)  # Leaflet from this machine; no CDN
    center, zoom = view_for(data, ctx.selection, height_px=MAP_HEIGHT)
    st_folium(
        base,
        key=state.MAP,
        height=MAP_HEIGHT,
        use_container_width=True,
        returned_objects=["last_clicked"],
        feature_group_to_add=groups,
        center=center,
        zoom=zoom,
    )
    st.markdown(chrome.status_line(pack.meta("kelurahan"), lang), unsafe_allow_html=True)
