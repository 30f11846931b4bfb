"""Kelurahan screen: one kelurahan's profile, or a comparison of several; gaps; downloads."""

from __future__ import annotations

import html
from functools import partial

import streamlit as st

from smartcity_geo import export, planning
from smartcity_geo.badges import status_badge
from ui import chrome, clock, loaders

ctx = chrome.context()
lang, t, pack = ctx.lang, ctx.t, ctx.pack
data = loaders.map_data()
figures = data.figures
selection = tuple(ctx.selection)


def badges_line(datasets) -> str:
    """``Data status: <title> [badge] · ...`` for the given datasets (escaped)."""
    parts = [f"{html.escape(pack.meta(k).title(lang))} {status_badge(pack.meta(k).status, lang)}" for k in datasets]
    return f"<span style='font-size:0.9em'>{html.escape(t('kel.statuses'))} " + " · ".join(parts) + "</span>"


def sources(datasets) -> None:
    with st.expander(t("kel.sources")):
        for key in datasets:
            chrome.show_status(pack.meta(key), lang)


st.title(t("nav.kelurahan"))
st.caption(t("kel.intro"))

# ---- one kelurahan: its profile ---------------------------------------------------------
if len(selection) == 1:
    prof = planning.profile(pack, figures, selection[0], lang)
    st.header(prof.name)
    st.caption(t("kel.profile.subtitle", code=prof.code, kecamatan=prof.kecamatan))
    for col, fig in zip(st.columns(len(prof.figures)), prof.figures, strict=True):
        col.metric(fig.label, fig.value, help=t(f"status.help.{fig.status}"))
        col.markdown(f"{html.escape(fig.detail)} {status_badge(fig.status, lang)}", unsafe_allow_html=True)

    st.subheader(t("kel.hotspots.heading"))
    st.markdown(badges_line(["hotspots"]), unsafe_allow_html=True)
    if prof.hotspots.empty:
        st.info(t("kel.hotspots.none"))
    else:
        st.dataframe(prof.hotspots, hide_index=True, width="stretch",
                     column_config={c: t(f"kel.hotspots.col.{c}") for c in prof.hotspots.columns})

    st.subheader(t("kel.tourism.heading"))
    if prof.tourism.empty:
        st.info(t("kel.tourism.none"))
    else:
        st.markdown("\n".join(
            f"- **{html.escape(r['name'])}** ({html.escape(r['theme'])}; {html.escape(r['extent'])}) "
            f"{status_badge(prof.tourism_status, lang)}" for _, r in prof.tourism.iterrows()
        ), unsafe_allow_html=True)

    st.subheader(t("kel.indicators.heading"))
    if prof.indicators is None:
        st.info(t("kel.indicators.unavailable"))
    elif prof.indicators.empty:
        st.info(t("kel.indicators.none"))
    else:
        shown = prof.indicators.drop(columns=["status_key"])
        st.dataframe(shown, hide_index=True, width="stretch",
                     column_config={c: t(f"kel.ind.col.{c}") for c in shown.columns})
    sources(prof.datasets)

# ---- none or several: the comparison ---------------------------------------------------
else:
    st.header(t("kel.compare.heading"))
    scope = "kel.compare.scope_selection" if selection else "kel.compare.scope_all"
    st.caption(t(scope, n=len(selection) or len(figures)))
    table = planning.comparison_table(figures, selection, lang=lang)
    statuses = planning.column_statuses(pack)
    st.markdown(badges_line(planning.datasets_shown()), unsafe_allow_html=True)
    columns = [*planning.LABEL_NAMES, *planning.FIGURE_NAMES]
    config = {
        spec.name: st.column_config.Column(
            t(f"kel.col.{spec.name}"),
            help=t("kel.col.help", status=t(f"status.{statuses[spec.name]}"),
                   source=pack.meta(spec.dataset).title(lang)),
        )
        for spec in planning.COLUMNS
    }
    config.update({name: st.column_config.Column(t(f"kel.col.{name}"), pinned=name == "kelurahan")
                   for name in planning.LABEL_NAMES})
    st.dataframe(planning.style_comparison(table, lang), hide_index=True, width="stretch",
                 height=(len(table) + 1) * 35 + 3, column_order=columns, column_config=config, key="kel_compare")
    st.caption(t("kel.compare.average_note"))
    sources(planning.datasets_shown())

# ---- gaps -----------------------------------------------------------------------------
st.header(t("gap.heading"))
st.caption(t("gap.intro"))
threshold = st.slider(t("gap.threshold"), min_value=0, max_value=100, value=50, step=5, format="%d%%",
                      key="gap_4g", help=t("gap.threshold_help"))
gap = planning.gaps(figures, min_share_4g=threshold / 100, codes=selection, lang=lang)
st.markdown(badges_line(["hotspots", "cell_sites", "broadband"]), unsafe_allow_html=True)
if gap.empty:
    st.success(t("gap.none"))
else:
    st.caption(t("gap.count", n=len(gap), total=len(selection) or len(figures)))
    gap_columns = ["kelurahan", "kecamatan", *planning.GAP_REASONS, "reasons"]
    gap_config = {name: st.column_config.CheckboxColumn(t(f"gap.col.{name}")) for name in planning.GAP_REASONS}
    gap_config.update({"kelurahan": t("kel.col.kelurahan"), "kecamatan": t("kel.col.kecamatan"),
                       "reasons": t("gap.col.reasons")})
    st.dataframe(gap, hide_index=True, width="stretch", column_order=gap_columns,
                 column_config=gap_config)

# ---- downloads ------------------------------------------------------------------------
st.header(t("export.heading"))
st.caption(t("export.scope_selection", n=len(selection)) if selection else t("export.scope_all"))
csv_col, geo_col = st.columns(2)
csv_col.download_button(
    t("export.csv"),
    data=partial(lambda codes: export.to_csv_bytes(export.selection_table(figures, codes, pack)), selection),
    file_name=export.export_filename(selection, "csv", clock.today()),
    mime="text/csv",
    on_click="ignore",
    key="export_csv",
    width="stretch",
)
geo_col.download_button(
    t("export.geojson"),
    data=partial(lambda codes: export.to_geojson_bytes(
        export.selection_geodataframe(data.kelurahan, figures, codes, pack)), selection),
    file_name=export.export_filename(selection, "geojson", clock.today()),
    mime="application/geo+json",
    on_click="ignore",
    key="export_geojson",
    width="stretch",
)
st.caption(t("export.note"))
