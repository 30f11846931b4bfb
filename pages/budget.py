"""Budget screen: each year's smart-city commitment by element, the change from the year
before with the years that did not rise flagged, and planned against realised."""

from __future__ import annotations

import streamlit as st

from smartcity_geo import charts, programme
from smartcity_geo.formatting import format_rupiah, format_year, is_missing
from smartcity_geo.programme_schema import last_complete_year
from ui import chrome, loaders

ctx = chrome.context()
lang, t, pack = ctx.lang, ctx.t, ctx.pack
PLOT = {"config": {"displaylogo": False}}

st.title(t("bud.title"))
st.caption(t("bud.intro"))
if not programme.has_programme(pack):
    st.warning(t("prog.missing_datasets"))
    st.stop()
tables = programme.tables_of(pack)
rollups = loaders.programme_rollups()  # computed once per data version
chrome.show_status(pack.meta("budget"), lang)

# ---- headline: the last complete year, and every year that did not rise
totals = rollups.budget_totals.set_index("year")
last_year = last_complete_year()
if last_year in totals.index:
    rec = totals.loc[last_year]
    cols = st.columns(2)
    delta = None if is_missing(rec["change"]) else format_rupiah(rec["change"], lang, signed=True)
    cols[0].metric(
        t("bud.metric.total", year=format_year(last_year)),
        format_rupiah(rec["planned"], lang),
        delta=delta.replace("\u2212", "-") if delta else None,
    )  # st.metric reads the sign from "-"
    cols[1].metric(t("bud.metric.realised", year=format_year(last_year)), format_rupiah(rec["realised"], lang))
flags = charts.flag_messages(tables, lang, rollups=rollups)
for message in flags:
    st.warning(message, icon="⚠️")
if not flags:
    st.success(t("bud.all_rising"))

# ---- charts, full width: ten years of labels need the room
st.plotly_chart(
    loaders.programme_chart("budget_by_element_chart", lang, presentation=ctx.presentation),
    key="bud_by_element",
    **PLOT,
)
st.plotly_chart(
    loaders.programme_chart("budget_change_chart", lang, presentation=ctx.presentation), key="bud_change", **PLOT
)
st.plotly_chart(
    loaders.programme_chart("budget_planned_realised_chart", lang, presentation=ctx.presentation),
    key="bud_planned_realised",
    **PLOT,
)
st.dataframe(charts.budget_table(tables, lang, rollups=rollups), hide_index=True)
with st.expander(t("bud.lines")):
    st.dataframe(charts.budget_lines_table(tables, lang), hide_index=True)

# ---- official figures from before the masterplan: context, not compared
before = charts.budget_lines_table(tables, lang, before_masterplan=True)
if not before.empty:
    st.subheader(t("bud.pre_masterplan"))
    st.caption(t("bud.pre_masterplan_note"))
    st.dataframe(before, hide_index=True)
