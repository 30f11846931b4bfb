"""Kelurahan screen: one kelurahan's profile, or a comparison of several; gaps; downloads.

Text from the data pack (names, notes) is shown as text: it goes through
:func:`smartcity_geo.badges.plain` before any Markdown, or into a table.
"""

from __future__ import annotations

from functools import partial

import streamlit as st

from smartcity_geo import charts, export, planning, profile, rules
from smartcity_geo.badges import badges_line, labelled, plain, status_badge, status_word
from ui import chrome, clock, loaders, notices, paging

ctx = chrome.context()
lang, t, pack = ctx.lang, ctx.t, ctx.pack
data = ctx.run.map_data
figures = data.figures
selection = tuple(ctx.selection)
PLOT = {"config": {"displaylogo": False}}
GAP_KEY = "gap_4g"
# the 4G threshold the planner set below (the table writes shares just under it as the gap list does)
threshold = st.session_state.get(GAP_KEY, round(rules.MIN_SHARE_4G * 100)) / 100


def statuses_line(datasets, codes=()) -> str:
    """``Data status: <title> [badge] · ...`` for the given datasets (escaped)."""
    items = [(pack.meta(k).title(lang), planning.dataset_status(pack, k, codes)) for k in datasets if k in pack.metas]
    return badges_line(items, lang)


def sources(datasets) -> None:
    with st.expander(t("kel.sources")):
        for key in datasets:
            notices.show_status(pack.meta(key), lang)


st.title(t("nav.kelurahan"))
st.caption(t("kel.intro"))

# The comparison table (one kelurahan against its kecamatan and the city, or several):
statuses = planning.column_statuses(pack, selection)
# only figures the region has data for: a column of zeros would claim what nobody measured
columns = [*planning.LABEL_NAMES, *planning.supplied_names(pack)]
config = {
    spec.name: st.column_config.Column(
        f"{t(f'kel.col.{spec.name}')} ({status_word(statuses[spec.name], lang)})",  # status in every header
        help=t(
            "kel.col.help",
            status=t(f"status.{statuses[spec.name]}"),
            source=plain(pack.meta(spec.dataset).title(lang)),
        ),  # tooltips read Markdown
    )
    for spec in planning.COLUMNS
}
config.update(
    {name: st.column_config.Column(t(f"kel.col.{name}"), pinned=name == "kelurahan") for name in planning.LABEL_NAMES}
)


# The averages stay pinned in their own small table; sorting the kelurahan never moves them.
def comparison(frame, key: str) -> None:
    st.dataframe(
        planning.style_comparison(frame, lang, threshold),
        hide_index=True,
        width="stretch",
        height=(len(frame) + 1) * 35 + 3,
        column_order=columns,
        column_config=config,
        key=key,
    )


# ---- one kelurahan: its profile ---------------------------------------------------------
if len(selection) == 1:
    prof = profile.profile(pack, figures, selection[0], lang)
    st.header(plain(prof.name))
    st.caption(t("kel.profile.subtitle", code=plain(prof.code), kecamatan=plain(prof.kecamatan)))
    notices.missing(pack, prof.datasets, lang)
    for col, fig in zip(st.columns(len(prof.figures)), prof.figures, strict=True):
        if fig.status == rules.NONE:  # no data yet: the label and "not yet supplied", never a 0
            col.markdown(f"**{plain(fig.label)}**")
            col.markdown(status_badge(fig.status, lang), unsafe_allow_html=True)
            continue
        col.metric(fig.label, fig.value, help=t(f"status.help.{fig.status}"))
        col.markdown(labelled(fig.detail, fig.status, lang), unsafe_allow_html=True)

    # its own figures beside its kecamatan's and the city's averages
    st.subheader(t("kel.profile.compare"))
    st.markdown(statuses_line(planning.datasets_shown(), selection), unsafe_allow_html=True)
    comparison(planning.kelurahan_rows(figures, selection), "kel_one")
    comparison(loaders.kelurahan_averages(ctx.run, selection, lang), "kel_one_averages")
    st.caption(t("kel.compare.average_note"))

    st.subheader(t("kel.hotspots.heading"))
    st.markdown(statuses_line(["hotspots"], selection), unsafe_allow_html=True)
    if not pack.supplied("hotspots"):
        st.caption(t("missing.figure"))
    elif prof.hotspots.empty:
        st.info(t("kel.hotspots.none"))
    else:
        st.dataframe(
            prof.hotspots,
            hide_index=True,
            width="stretch",
            column_config={c: t(f"kel.hotspots.col.{c}") for c in prof.hotspots.columns},
        )

    st.subheader(t("kel.tourism.heading"))
    if not pack.supplied("tourism_areas"):
        st.caption(t("missing.figure"))
    elif prof.tourism.empty:
        st.info(t("kel.tourism.none"))
    else:
        st.markdown(
            "\n".join(
                f"- <b>{plain(r['name'])}</b> ({plain(r['theme'])}; {plain(r['extent'])}) "
                f"{status_badge(prof.tourism_status, lang)}"
                for _, r in prof.tourism.iterrows()
            ),
            unsafe_allow_html=True,
        )

    st.subheader(t("kel.indicators.heading"))
    if prof.indicators is None:
        st.info(t("kel.indicators.unavailable"))
    elif prof.indicators.empty:
        st.info(t("kel.indicators.none"))
    else:
        shown = prof.indicators.drop(columns=["status_key"])
        st.dataframe(
            shown, hide_index=True, width="stretch", column_config={c: t(f"kel.ind.col.{c}") for c in shown.columns}
        )
    sources(prof.datasets)

# ---- none or several: the comparison ---------------------------------------------------
else:
    st.header(t("kel.compare.heading"))
    scope = "kel.compare.scope_selection" if selection else "kel.compare.scope_all"
    st.caption(t(scope, n=len(selection) or len(figures)))
    st.markdown(statuses_line(planning.datasets_shown(), selection), unsafe_allow_html=True)
    notices.missing(pack, planning.datasets_shown(), lang)
    averages = loaders.kelurahan_averages(ctx.run, selection, lang)
    rows = planning.kelurahan_rows(figures, selection)
    sortable = {name: t(f"kel.col.{name}") for name in columns if name != "kode"}
    st.caption(t("kel.averages.heading"))
    # pinned in their own table: sorting never moves them (a province's 666 kecamatan averages page)
    comparison(paging.paged(averages, "kel_averages", lang, sortable), "kel_averages")
    # a kabupaten's hundreds of desa: filtered, sorted whole, one page at a time (downloads hold all)
    comparison(paging.paged(rows, "kel_compare", lang, sortable), "kel_compare")
    st.caption(t("kel.compare.average_note"))

    measure = st.selectbox(
        t("kel.chart.measure"),
        planning.supplied_names(pack, planning.MEASURES),
        key="kel_measure",
        format_func=lambda m: t(f"kel.col.{m}"),
    )
    st.plotly_chart(
        # the whole region: its reference line (and its province's); a selection: each of its kecamatan too
        charts.comparison_chart(
            rows,
            averages if selection else planning.region_averages(averages, figures),
            measure,
            statuses[measure],
            lang,
            presentation=ctx.presentation,
            min_share_4g=threshold,
        ),
        key="kel_measure_chart",
        **PLOT,
    )
    st.markdown(f"{plain(t('kel.chart.status'))} {status_badge(statuses[measure], lang)}", unsafe_allow_html=True)
    sources(planning.datasets_shown())

# ---- gaps -----------------------------------------------------------------------------
st.header(t("gap.heading"))
st.caption(t("gap.intro"))
st.slider(
    t("gap.threshold"),
    min_value=0,
    max_value=100,
    value=round(rules.MIN_SHARE_4G * 100),
    step=5,
    format="%d%%",
    key=GAP_KEY,
    help=t("gap.threshold_help"),
)
GAP_DATA = ("hotspots", "cell_sites", "broadband")
gap = planning.gaps(figures, min_share_4g=threshold, codes=selection, lang=lang)
st.markdown(statuses_line(GAP_DATA, selection), unsafe_allow_html=True)
if notices.missing(pack, GAP_DATA, lang):
    pass  # a gap is a fact about hotspots, coverage and fibre: none is claimed without their data
elif gap.empty:
    st.success(t("gap.none"))
else:
    st.caption(t("gap.count", n=len(gap), total=len(selection) or len(figures)))
    gap = gap.assign(status=[status_word(s, lang) for s in planning.gap_statuses(gap, pack)])
    gap_columns = ["kelurahan", "kecamatan", *planning.GAP_REASONS, "reasons", "status"]
    gap_config = {name: st.column_config.CheckboxColumn(t(f"gap.col.{name}")) for name in planning.GAP_REASONS}
    gap_config.update(
        {
            "kelurahan": t("kel.col.kelurahan"),
            "kecamatan": t("kel.col.kecamatan"),
            "reasons": t("gap.col.reasons"),
            "status": t("status.label"),
        }
    )
    gap_sort = {"kelurahan": t("kel.col.kelurahan"), "kecamatan": t("kel.col.kecamatan")}
    gap_sort.update({name: t(f"gap.col.{name}") for name in planning.GAP_REASONS})
    st.dataframe(
        paging.paged(gap, "kel_gaps", lang, gap_sort),
        hide_index=True,
        width="stretch",
        column_order=gap_columns,
        column_config=gap_config,
        key="kel_gaps",
    )

# ---- downloads, in the user's language ------------------------------------------------
st.header(t("export.heading"))
st.caption(t("export.scope_selection", n=len(selection)) if selection else t("export.scope_all", n=len(figures)))
today = clock.today()


def csv_bytes(codes: tuple[str, ...], excel: bool) -> bytes:
    # Excel set to Indonesian reads decimal commas: every number of that file is written so
    table = export.localized_table(
        figures, codes, pack, lang, min_share_4g=threshold, number_lang="id" if excel else None
    )
    return export.to_csv_bytes(table, excel=excel)


csv_col, excel_col, geo_col = st.columns(3)
csv_col.download_button(
    t("export.csv"),
    data=partial(csv_bytes, selection, False),
    file_name=export.export_filename(selection, "csv", today, lang),
    mime="text/csv",
    on_click="ignore",
    key="export_csv",
    width="stretch",
)
excel_col.download_button(
    t("export.csv_excel"),
    data=partial(csv_bytes, selection, True),
    file_name=export.export_filename(selection, "csv", today, lang, excel=True),
    mime="text/csv",
    on_click="ignore",
    key="export_csv_excel",
    help=t("export.csv_excel_help"),
    width="stretch",
)
geo_col.download_button(
    t("export.geojson"),
    data=partial(
        lambda codes: export.to_geojson_bytes(export.selection_geodataframe(data.kelurahan, figures, codes, pack)),
        selection,
    ),
    file_name=export.export_filename(selection, "geojson", today, lang),
    mime="application/geo+json",
    on_click="ignore",
    key="export_geojson",
    width="stretch",
)
st.caption(t("export.note"))
