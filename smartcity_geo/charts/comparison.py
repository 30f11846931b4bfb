"""The kelurahan comparison chart: one measure per kelurahan with the averages as lines."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from .. import rules
from ..formatting import (
    MISSING,
    format_number,
    format_share,
    is_missing,
)
from ..strings import normalise_lang, t
from .style import (
    MEAN_COLOUR,
    PATTERN,
    REALISED_COLOUR,
    TARGET_COLOUR,
    _e,
    _finish,
)

# --------------------------------------------------------------------------------------
# Kelurahan comparison


def comparison_chart(
    rows: pd.DataFrame,
    averages: pd.DataFrame,
    measure: str,
    status: str,
    lang: str = "id",
    *,
    presentation: bool = False,
    min_share_4g: float = rules.MIN_SHARE_4G,
) -> go.Figure:
    """One measure for the kelurahan in ``rows``, bars sorted high to low, averages as lines.

    ``rows`` and ``averages`` come from :func:`smartcity_geo.planning.kelurahan_rows` and
    :func:`~smartcity_geo.planning.average_rows`; ``measure`` is a figure column
    (:data:`smartcity_geo.planning.MEASURES`); ``status`` the figure's data status, shown
    in the subtitle and by the bars' hatching. Shares are plotted as percentages.

    Over 80 lines on purpose: the bars, the average lines named in the legend and the 4G
    threshold share one scale and one text formatter, built in this one place.
    """
    lang = normalise_lang(lang)
    share = measure.startswith("share_") or measure.endswith("_share")
    part = rows.sort_values(measure, ascending=False, na_position="last", kind="stable")

    def text(value: object) -> str:
        if is_missing(value):
            return MISSING
        if share:  # as the table and the gap list write it
            return format_share(value, lang, min_share_4g if measure == "share_4g" else None)
        return format_number(value, lang, rules.AREA_DECIMALS if measure == "area_km2" else 0)

    label = t(f"kel.col.{measure}", lang)
    fig = go.Figure(
        go.Bar(
            x=[_e(n) for n in part["kelurahan"]],
            y=list(part[measure]),
            name=label,
            marker={
                "color": REALISED_COLOUR,
                "pattern": {"shape": PATTERN.get(status, "/"), "fillmode": "overlay", "fgcolor": "white"},
            },
            text=[text(v) for v in part[measure]],
            textposition="outside",
            cliponaxis=False,
            hovertext=[f"{_e(n)}: {text(v)}" for n, v in zip(part["kelurahan"], part[measure], strict=True)],
            hovertemplate="%{hovertext}<extra></extra>",
            customdata=list(part["kode"]),
            showlegend=False,
        )
    )
    # Each average is a line across the bars, named in the legend below the chart (never on the
    # line: averages close together would write their labels over each other and over the lines).
    dashes = ("dash", "dot", "dashdot", "longdash", "longdashdot")
    for index, (_, avg) in enumerate(averages.iterrows()):
        if is_missing(avg[measure]):
            continue
        line = {
            "color": MEAN_COLOUR if index == 0 else TARGET_COLOUR,
            "dash": dashes[index % len(dashes)],
            "width": 2 if index == 0 else 1.5,
        }
        fig.add_hline(y=float(avg[measure]), line=line, name=f"average-{avg['kode']}")
        fig.add_trace(
            go.Scatter(
                x=[None],
                y=[None],
                mode="lines",
                line=line,
                name=f"{_e(avg['kelurahan'])}: {text(avg[measure])}",
                hoverinfo="skip",
                showlegend=True,
            )
        )
    if share:
        fig.update_yaxes(tickformat=".0%", rangemode="tozero")
    else:
        fig.update_yaxes(rangemode="tozero")
    return _finish(
        fig,
        title=t("kel.chart.title", lang, measure=label),
        statuses=[status],
        lang=lang,
        presentation=presentation,
        y_title=label,
    )
