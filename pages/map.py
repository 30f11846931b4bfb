"""Map screen: the region's kelurahan/desa with every infrastructure layer and the headline figures."""

from __future__ import annotations

import streamlit as st

from smartcity_geo import analytics, planning, rules
from smartcity_geo.badges import labelled, plain, status_badge
from smartcity_geo.formatting import format_number, format_share
from smartcity_geo.i18n import format_as_of, localized
from smartcity_geo.layers import selection_values, view_for
from smartcity_geo.mapcache import MapCacheError
from smartcity_geo.registry import BASEMAPS, LAYERS, MEASURES, NO_MEASURE, status_word
from ui import chrome, loaders, mapview, notices, state

ctx = chrome.context()
lang, t = ctx.lang, ctx.t
data = ctx.run.map_data
pack = ctx.pack
MAP_HEIGHT = chrome.map_height(ctx.presentation)

# What the region has not supplied yet, and how an editor adds it (nothing for a full pack).
MISSING = ("hotspots", "cell_sites", "broadband", "gov_sites", "network_links", "tourism_areas")
# Presentation mode puts the map first: the map fills the screen below the control bar and the
# title and headline figures sit in a band beside it (two figures a row); the map's settings
# fold into the band's expander. Otherwise: title, a row of figures, the map and its settings.
if ctx.presentation:
    map_col, band = st.columns([5, 2], gap="small")
    with band:
        st.title(t("app.title"))
        notices.missing(pack, MISSING, lang)
        if ctx.selection:  # a click on the map (or the bar's picker) focuses on it: its name, large
            kel_names = pack.table("kelurahan").set_index("kode")["kelurahan"]
            chosen = [str(kel_names[c]) for c in ctx.selection if c in kel_names.index]
            st.markdown(
                f"<p class='sc-focus-name'>{plain(', '.join(chosen[:3]) + (' …' if len(chosen) > 3 else ''))}</p>",
                unsafe_allow_html=True,
            )
        grid = st.columns(2, gap="small")
        cols = [grid[i % 2] for i in range(5)]
        side_col = st.expander(t("map.settings"), expanded=False)
else:
    st.title(t("app.title"))
    st.caption(t("app.subtitle"))
    notices.missing(pack, MISSING, lang)
    cols = st.columns(5)

# Headline figures: the whole city, or the selection. Each carries the status of the data it
# comes from (the weakest of the rows used); coverage is computed from the cell sites.
summary = analytics.selection_summary(data.figures, ctx.selection)
if not ctx.selection:  # the whole city: coverage measured over the dissolved outline, prepared once
    summary.update(share_4g=data.city.share_4g, share_3g_only=data.city.share_3g_only)
facts = pack.table("facts").set_index("key")
codes = list(ctx.selection)
cols[0].metric(
    t("kpi.kelurahan"),
    format_number(summary["kelurahan"], lang),
    help=t("kpi.kelurahan_detail", n=summary["kecamatan"]),
)
if not ctx.presentation:  # the band has no room for it (the figure's help says it)
    cols[0].caption(t("kpi.kelurahan_detail", n=summary["kecamatan"]))


def no_figure(col, label: str) -> None:
    """A headline figure the region has no data for yet: its label and "not yet supplied", no number."""
    col.markdown(f"**{plain(label)}**")
    col.markdown(status_badge(rules.NONE, lang), unsafe_allow_html=True)


if pack.supplied("hotspots"):
    cols[1].metric(t("kpi.hotspots"), format_number(summary["hotspots_public"] + summary["hotspots_internal"], lang))
    cols[1].markdown(
        labelled(
            t("kpi.hotspots_detail", public=summary["hotspots_public"], internal=summary["hotspots_internal"]),
            planning.dataset_status(pack, "hotspots", codes),
            lang,
        ),
        unsafe_allow_html=True,
    )
else:
    no_figure(cols[1], t("kpi.hotspots"))
coverage_label = t({0: "kpi.coverage_4g", 1: "kpi.coverage_4g_kelurahan"}.get(len(codes), "kpi.coverage_4g_selection"))
if pack.supplied("cell_sites"):
    cols[2].metric(coverage_label, format_share(summary["share_4g"], lang, rules.MIN_SHARE_4G))
    cols[2].markdown(
        labelled(
            t("kpi.coverage_4g_detail", share=format_share(summary["share_3g_only"], lang)),
            planning.dataset_status(pack, "cell_sites", codes, computed=True),
            lang,
        ),
        unsafe_allow_html=True,
    )
else:
    no_figure(cols[2], coverage_label)
if pack.supplied("broadband"):
    cols[3].metric(t("kpi.fibre"), format_number(summary["kelurahan_with_fibre"], lang))
    cols[3].markdown(
        labelled(
            t("kpi.fibre_detail", total=summary["kelurahan"]), planning.dataset_status(pack, "broadband", codes), lang
        ),
        unsafe_allow_html=True,
    )
else:
    no_figure(cols[3], t("kpi.fibre"))
if "wifi_public_points_2023" in facts.index:
    fact = facts.loc["wifi_public_points_2023"]
    cols[4].metric(t("kpi.wifi_official"), format_number(fact["value"], lang))
    # the label and date come from facts.csv: text, never markup (badges.labelled escapes them)
    fact_label = f"{localized(fact, 'label', lang)} ({format_as_of(fact['as_of'], lang)})"
    cols[4].markdown(
        labelled(fact_label, rules.weakest_status([pack.meta("facts").status, fact["status"]]), lang),
        unsafe_allow_html=True,
    )

if not ctx.presentation:
    map_col, side_col = st.columns([3, 1], gap="medium")
indicator_labels = {m.key: m.label(lang) for m in loaders.indicator_measures(ctx.run)}
# Only what the region has data for can colour the map or be drawn on it.
measures = (NO_MEASURE, *(m.key for m in MEASURES if m.supplied(pack)), *indicator_labels)
drawable = {spec.key for spec in LAYERS if spec.supplied(pack)}
if state.measure() not in measures:  # a link's indicator this pack does not have
    state.set_measure(NO_MEASURE)
state.bind_map_widgets()  # the view outlives this screen's widgets (see ui.state)
layers, basemap, measure = [k for k in state.layers() if k in drawable], state.basemap(), state.measure()
classes = loaders.choropleth_classes(ctx.run, measure, lang) if measure != NO_MEASURE else None
with side_col:
    st.selectbox(
        t("map.measure"),
        measures,
        key=state.MEASURE,
        on_change=state.store_map_widgets,
        format_func=lambda key: (
            t("map.measure.none") if key == NO_MEASURE else indicator_labels.get(key) or t(f"measure.{key}")
        ),
        help=t("map.measure_help"),
    )
    if classes is not None:
        st.markdown(status_badge(classes.status, lang), unsafe_allow_html=True)
    st.subheader(t("map.layers"))
    # Layer names wrap in the narrow column instead of being cut off with "..." (our CSS, no data in it).
    st.markdown(
        "<style>[class*='st-key-layer_'] label p, [class*='st-key-layer_'] label div "
        "{white-space: normal !important; overflow: visible !important; text-overflow: clip !important;}"
        "</style>",
        unsafe_allow_html=True,
    )
    for spec in LAYERS:  # the status word is part of the label: it wraps, never truncated away
        st.checkbox(
            f"{spec.label(lang)} · {status_word(spec.status(pack), lang)}",
            key=state.layer_key(spec.key),
            on_change=state.store_map_widgets,
            disabled=spec.key not in drawable,
        )
    st.selectbox(
        t("map.basemap"),
        BASEMAPS,
        key=state.BASEMAP,
        on_change=state.store_map_widgets,
        format_func=lambda b: t(f"map.basemap.{b}"),
    )
    if basemap != "none":
        st.caption(t("map.tiles_offline"))
    st.caption(t("map.click_hint_province" if ctx.run.province is not None and not ctx.run.kab else "map.click_hint"))


with map_col, st.container(key=chrome.MAP_AREA):  # its height follows the screen (chrome's CSS)
    # Base map, layers and the selection's script rendered once per view and data version
    # (ui.loaders); this run only fills in the selected codes.
    try:
        view = loaders.map_view(ctx.run, lang, basemap, MAP_HEIGHT, layers, measure, ctx.presentation)
    except MapCacheError as err:  # a deployment problem (SMARTCITY_MAP_CACHE): said once, never a traceback
        st.error(err.message(lang))
        st.stop()
    center, zoom = view_for(data, ctx.selection, height_px=MAP_HEIGHT, max_zoom=view.max_zoom)
    mapview.show(
        view.base,
        [view.layers, view.selection.fill(selection_values(data, ctx.selection))],
        key=state.MAP,
        height=MAP_HEIGHT,
        center=center,
        zoom=zoom,
    )
    notices.show_status(pack.meta("kelurahan"), lang)
