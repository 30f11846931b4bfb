"""Budget screen: each year's smart-city commitment by element, the change from the year
before with the years that did not rise flagged, and planned against realised.

Every figure carries the status of the budget lines it comes from (the weakest of them).
"""

from __future__ import annotations

import streamlit as st

from smartcity_geo import charts, programme, rules
from smartcity_geo.badges import status_badge, status_word
from smartcity_geo.formatting import format_rupiah, format_year, is_missing
from smartcity_geo.rules import last_complete_year
from ui import chrome, clock, loaders, notices

ctx = chrome.context()
lang, t, pack = ctx.lang, ctx.t, ctx.pack
PLOT = {"config": {"displaylogo": False}}

st.title(t("bud.title"))
st.caption(t("bud.intro"))
if not programme.has_programme(pack):
    st.warning(t("prog.missing_datasets"))
    st.stop()
if notices.missing(pack, ("budget",), lang):
    st.stop()  # no budget line yet: nothing to chart, nothing rose or fell
tables = programme.tables_of(pack)
rollups = loaders.programme_rollups(ctx.run)  # computed once per data version
notices.show_status(pack.meta("budget"), lang)
meta_status = pack.meta("budget").status


def status_of(*years: int) -> str:
    """Weakest of the manifest's status and the lines of ``years``."""
    return rules.weakest_status([meta_status, charts.budget_status(tables["budget"], years)])


# ---- headline: the last complete year, and every year that did not rise
totals = rollups.budget_totals.set_index("year")
last_year = last_complete_year(clock.today())
if last_year in totals.index:
    rec = totals.loc[last_year]
    cols = st.columns(2)
    delta = None if is_missing(rec["change"]) else format_rupiah(rec["change"], lang, signed=True)
    total_status = status_of(last_year, last_year - 1) if delta else status_of(last_year)
    cols[0].metric(
        t("bud.metric.total", year=format_year(last_year)),
        format_rupiah(rec["planned"], lang),
        delta=delta.replace("\u2212", "-") if delta else None,  # st.metric reads the sign from "-"
        help=t(f"status.help.{total_status}"),
    )
    cols[0].markdown(status_badge(total_status, lang), unsafe_allow_html=True)
    realised_status = status_of(last_year)
    cols[1].metric(
        t("bud.metric.realised", year=format_year(last_year)),
        format_rupiah(rec["realised"], lang),
        help=t(f"status.help.{realised_status}"),
    )
    cols[1].markdown(status_badge(realised_status, lang), unsafe_allow_html=True)
flags = charts.budget_flags(tables, lang)
for message, line_status in flags:
    flag_status = rules.weakest_status([meta_status, line_status])
    st.warning(f"{message} {t('bud.status', status=status_word(flag_status, lang))}", icon="⚠️")
if not flags:
    st.success(t("bud.all_rising"))

# ---- charts, full width: ten years of labels need the room
st.plotly_chart(
    loaders.programme_chart(ctx.run, "budget_by_element_chart", lang, presentation=ctx.presentation),
    key="bud_by_element",
    **PLOT,
)
st.plotly_chart(
    loaders.programme_chart(ctx.run, "budget_change_chart", lang, presentation=ctx.presentation),
    key="bud_change",
    **PLOT,
)
st.plotly_chart(
    loaders.programme_chart(ctx.run, "budget_planned_realised_chart", lang, presentation=ctx.presentation),
    key="bud_planned_realised",
    **PLOT,
)
st.dataframe(charts.budget_table(tables, lang), hide_index=True)
with st.expander(t("bud.lines")):
    st.dataframe(charts.budget_lines_table(tables, lang), hide_index=True)

# ---- official figures from before the masterplan: context, not compared
before = charts.budget_lines_table(tables, lang, before_masterplan=True)
if not before.empty:
    st.subheader(t("bud.pre_masterplan"))
    st.caption(t("bud.pre_masterplan_note"))
    st.dataframe(before, hide_index=True)
