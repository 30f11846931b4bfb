"""Indicator screen: six-element overview, achievement by year per element, drill-down
element -> sub-dimension -> indicator, and kelurahan-level indicators for the selection."""

from __future__ import annotations

import streamlit as st

from smartcity_geo import charts, programme
from smartcity_geo.badges import plain
from smartcity_geo.formatting import format_percent
from smartcity_geo.rules import last_complete_year
from smartcity_geo.schema import PERIOD_START
from ui import chrome, clock, loaders, notices

ctx = chrome.context()
lang, t, pack = ctx.lang, ctx.t, ctx.pack
PLOT = {"config": {"displaylogo": False}}

st.title(t("ind.title"))
st.caption(t("ind.intro"))
if not programme.has_programme(pack):
    st.warning(t("prog.missing_datasets"))
    st.stop()
tables = programme.tables_of(pack)
if notices.missing(pack, ("indicators", "indicator_values"), lang):
    # A region without indicators yet: the national framework its indicators will fill, no empty charts.
    st.subheader(t("ind.framework"))
    st.caption(t("ind.framework_note"))
    st.dataframe(charts.framework_table(tables, lang), hide_index=True)
    st.stop()
rollups = loaders.programme_rollups(ctx.run)  # computed once per data version
notices.show_status(pack.meta("indicators"), lang)
notices.show_status(pack.meta("indicator_values"), lang)

last_year = last_complete_year(clock.today())
years = list(range(PERIOD_START, last_year + 1))
year = st.selectbox(t("prog.year"), years, index=len(years) - 1, key="ind_year")

# ---- six-element overview for the chosen year
st.subheader(t("ind.overview"))
st.plotly_chart(
    loaders.programme_chart(ctx.run, "element_overview_chart", year, lang, presentation=ctx.presentation),
    key="ind_overview",
    **PLOT,
)
st.caption(t("ind.state_counts", **charts.state_counts(tables, year, rollups=rollups)))

# ---- one element: achievement by year against target
st.subheader(t("ind.by_element"))
element_names = charts.name_map(tables["elements"], lang)
element = st.selectbox(t("prog.element"), list(element_names), format_func=element_names.get, key="ind_element")
st.plotly_chart(
    loaders.programme_chart(ctx.run, "element_progress_chart", element, lang, presentation=ctx.presentation),
    key="ind_element_chart",
    **PLOT,
)
st.caption(t("ind.state_counts", **charts.state_counts(tables, year, element=element, rollups=rollups)))

# ---- drill-down: sub-dimension -> indicator, with status and source
st.subheader(t("ind.drilldown"))
subs = tables["subdimensions"]
sub_names = charts.name_map(subs[subs["element"] == element], lang)
sub = st.selectbox(
    t("prog.subdimension"),
    list(sub_names),
    format_func=sub_names.get,
    index=None,
    placeholder=t("ind.all_subdimensions"),
    key="ind_sub",
)
table = charts.indicator_table(tables, year, lang, element=element, subdimension=sub)
st.dataframe(table, hide_index=True)
codes = list(table[t("ind.col.code")])
indicator_names = charts.name_map(tables["indicators"], lang)
if codes:
    code = st.selectbox(
        t("prog.indicator"), codes, format_func=lambda c: f"{c} · {indicator_names[c]}", key="ind_indicator"
    )
    st.plotly_chart(
        loaders.programme_chart(ctx.run, "indicator_chart", code, lang, presentation=ctx.presentation),
        key="ind_indicator_chart",
        **PLOT,
    )

# ---- kelurahan-level indicators follow the sidebar selection
kel_names = charts.kelurahan_names(tables)
available = programme.kelurahan_with_indicators(tables["indicators"])
available_names = plain(", ".join(kel_names.get(c, c) for c in available))  # data: shown, never run
chosen = [c for c in ctx.selection if c in available]
if not ctx.selection:
    st.caption(t("ind.kelurahan_hint", names=available_names))
elif not chosen:
    selected = plain(", ".join(kel_names.get(c, c) for c in ctx.selection))
    st.info(t("ind.kelurahan_none", kelurahan=selected, names=available_names))
for kel in chosen:
    st.subheader(t("ind.kelurahan_heading", kelurahan=plain(kel_names.get(kel, kel))))
    kel_table = charts.indicator_table(tables, year, lang, kelurahan_code=kel, city=False)
    st.dataframe(kel_table, hide_index=True)
    kel_codes = list(kel_table[t("ind.col.code")])
    kel_code = st.selectbox(
        t("prog.indicator"), kel_codes, format_func=lambda c: indicator_names[c], key=f"ind_kel_indicator_{kel}"
    )
    st.plotly_chart(
        loaders.programme_chart(ctx.run, "indicator_chart", kel_code, lang, presentation=ctx.presentation),
        key=f"ind_kel_chart_{kel}",
        **PLOT,
    )

with st.expander(t("ind.method_heading")):
    st.markdown(t("ind.method", cap=format_percent(programme.ACHIEVEMENT_CAP, lang), last_year=last_year))
