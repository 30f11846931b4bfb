"""Budget charts, and the budget's "did not rise" messages with the status they carry."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd
import plotly.graph_objects as go

from .. import programme as prog
from .. import rules
from ..day import app_today
from ..formatting import (
    format_percent,
    format_rupiah,
    format_signed_percent,
    format_year,
    is_missing,
)
from ..rules import last_complete_year
from ..schema import PERIOD_END, PERIOD_START
from ..strings import normalise_lang, t
from .style import (
    ELEMENT_COLOURS,
    FLAG_COLOUR,
    PATTERN,
    PLANNED_COLOUR,
    REALISED_COLOUR,
    RISE_COLOUR,
    TARGET_COLOUR,
    TEXT_COLOUR,
    Tables,
    _e,
    _finish,
    _patterns,
    _shade_future,
    _sizes,
    _status_label,
    _year_axis,
    name_map,
)

# --------------------------------------------------------------------------------------
# Budget charts


def budget_totals(budget: pd.DataFrame) -> pd.DataFrame:
    """:func:`smartcity_geo.programme.budget_totals`, each year's ``status`` the weakest of its
    lines by :mod:`smartcity_geo.rules` (which knows ``computed`` and ``uploaded`` too)."""
    totals = prog.budget_totals(budget)
    return totals.assign(status=[budget_status(budget, [year]) for year in totals["year"]])


def budget_by_element_chart(tables: Tables, lang: str = "id", *, presentation: bool = False) -> go.Figure:
    """Each year's planned budget stacked by element, with the total and the change.

    Above each bar: the total and its change from the year before. Years whose total
    did not rise are marked in red ("did not rise") with a shaded band.
    """
    lang = normalise_lang(lang)
    budget = tables["budget"]
    by_el = prog.budget_by_year_element(budget)
    totals = budget_totals(budget)
    years = list(range(PERIOD_START, PERIOD_END + 1))
    names = name_map(tables["elements"], lang)
    fig = go.Figure()
    # One trace per element and data status, so official parts stay solid in a hatched stack.
    for code in tables["elements"]["code"]:
        shown = False
        for status in rules.STATUS_ORDER:
            lines = budget[(budget["element"] == code) & (budget["status"] == status)]
            rows = prog.budget_by_year_element(lines).set_index("year").reindex(years)
            if rows["planned"].isna().all():
                continue
            fig.add_trace(
                go.Bar(
                    x=years,
                    y=[None if is_missing(v) else v / 1e9 for v in rows["planned"]],
                    name=_e(names.get(code, code)),
                    legendgroup=code,
                    showlegend=not shown,
                    marker={
                        "color": ELEMENT_COLOURS.get(code, TARGET_COLOUR),
                        "pattern": {"shape": PATTERN[status], "fillmode": "overlay", "fgcolor": "white"},
                    },
                    hovertext=[
                        f"{_e(names.get(code, code))} {y}: {format_rupiah(v, lang)} ({_status_label(status, lang)})"
                        for y, v in zip(years, rows["planned"], strict=True)
                    ],
                    hovertemplate="%{hovertext}<extra></extra>",
                    meta={"element": code, "status": status},
                )
            )
            shown = True
    totals_by_year = totals.set_index("year")
    for year in years:
        if year not in totals_by_year.index:
            continue
        rec = totals_by_year.loc[year]
        lines = [format_rupiah(rec["planned"], lang)]
        if not is_missing(rec["change_pct"]):
            lines.append(format_signed_percent(rec["change_pct"], lang))
        flagged = bool(rec["not_rising"])
        if flagged:
            lines.append(t("bud.flag", lang))
            fig.add_vrect(
                x0=year - 0.5, x1=year + 0.5, fillcolor="rgba(181, 72, 59, 0.10)", line_width=0, layer="below"
            )
        fig.add_annotation(
            x=year,
            y=rec["planned"] / 1e9,
            text="<br>".join(lines),
            showarrow=False,
            yanchor="bottom",
            yshift=4,
            font={"color": FLAG_COLOUR if flagged else TEXT_COLOUR, "size": _sizes(presentation)["font"] - 2},
            name=f"total-{year}" + ("-flag" if flagged else ""),
        )
    fig.update_layout(barmode="stack", bargap=0.25)
    _year_axis(fig, years)
    top = totals["planned"].max() / 1e9 if not totals.empty else 1.0
    fig.update_yaxes(range=[0, top * 1.25], tickformat=",.0f")
    return _finish(
        fig,
        title=t("bud.chart.by_element", lang),
        statuses=list(by_el["status"]),
        lang=lang,
        presentation=presentation,
        x_title=t("prog.axis.year", lang),
        y_title=t("bud.axis.rupiah", lang),
    )


def budget_change_chart(tables: Tables, lang: str = "id", *, presentation: bool = False) -> go.Figure:
    """The year-on-year change of the total budget; years that did not rise in red."""
    lang = normalise_lang(lang)
    totals = budget_totals(tables["budget"])
    years = list(range(PERIOD_START, PERIOD_END + 1))
    fig = go.Figure()
    known = totals[totals["change_pct"].notna()]
    for flagged, colour, key in (
        (False, RISE_COLOUR, "bud.legend.rising"),
        (True, FLAG_COLOUR, "bud.legend.not_rising"),
    ):
        part = known[known["not_rising"] == flagged]
        if part.empty:
            continue
        fig.add_trace(
            go.Bar(
                x=list(part["year"]),
                y=list(part["change_pct"]),
                name=t(key, lang),
                marker={
                    "color": colour,
                    "pattern": {"shape": _patterns(part["status"]), "fillmode": "overlay", "fgcolor": "white"},
                },
                text=[format_signed_percent(v, lang) for v in part["change_pct"]],
                textposition="outside",
                constraintext="none",
                cliponaxis=False,
                hovertext=[
                    f"{y}: {format_rupiah(c, lang, signed=True)} ({format_signed_percent(p, lang)})"
                    for y, c, p in zip(part["year"], part["change"], part["change_pct"], strict=True)
                ],
                hovertemplate="%{hovertext}<extra></extra>",
                meta={"not_rising": flagged},
            )
        )
    fig.add_hline(y=0, line={"color": TARGET_COLOUR, "width": 1})
    _year_axis(fig, years)
    span = known["change_pct"].abs().max() if not known.empty else 0.1
    fig.update_yaxes(tickformat=".0%", range=[-span * 1.4 if (known["change_pct"] < 0).any() else 0, span * 1.4])
    return _finish(
        fig,
        title=t("bud.chart.change", lang),
        statuses=list(known["status"]),
        lang=lang,
        presentation=presentation,
        x_title=t("prog.axis.year", lang),
        y_title=t("bud.axis.change", lang),
    )


def budget_planned_realised_chart(
    tables: Tables, lang: str = "id", *, presentation: bool = False, today=None
) -> go.Figure:
    """Planned against realised totals per year, realised only where every line is known."""
    lang = normalise_lang(lang)
    totals = budget_totals(tables["budget"])
    last_year = last_complete_year(today or app_today())
    years = list(range(PERIOD_START, PERIOD_END + 1))
    totals = totals.set_index("year").reindex(years)
    pattern = _patterns(totals["status"])
    fig = go.Figure()
    for column, colour in (("planned", PLANNED_COLOUR), ("realised", REALISED_COLOUR)):
        label = t(f"bud.legend.{column}", lang)
        fig.add_trace(
            go.Bar(
                x=years,
                y=[None if is_missing(v) else v / 1e9 for v in totals[column]],
                name=label,
                marker={"color": colour, "pattern": {"shape": pattern, "fillmode": "overlay", "fgcolor": "white"}},
                hovertext=[
                    f"{label} {y}: {format_rupiah(v, lang)}" for y, v in zip(years, totals[column], strict=True)
                ],
                hovertemplate="%{hovertext}<extra></extra>",
                meta={"role": column},
            )
        )
    small = _sizes(presentation)["font"] - 2
    for year in years:
        rec = totals.loc[year]
        if is_missing(rec["planned"]):
            continue
        if not is_missing(rec["realisation_rate"]):
            fig.add_annotation(
                x=year,
                y=rec["planned"] / 1e9,
                text=t("bud.rate", lang, rate=format_percent(rec["realisation_rate"], lang)),
                showarrow=False,
                yanchor="bottom",
                yshift=4,
                font={"size": small},
                name=f"rate-{year}",
            )
        elif year <= last_year:
            fig.add_annotation(
                x=year + 0.2,
                y=0,
                text=t("bud.realised_unknown", lang),
                showarrow=False,
                yanchor="bottom",
                textangle=-90,
                yshift=4,
                font={"color": "#6B7785", "size": small},
                name=f"unknown-{year}",
            )
    _shade_future(fig, lang, last_year)
    fig.update_layout(barmode="group", bargap=0.25)
    _year_axis(fig, years)
    top = totals["planned"].max() / 1e9 if totals["planned"].notna().any() else 1.0
    fig.update_yaxes(range=[0, top * 1.35], tickformat=",.0f")
    return _finish(
        fig,
        title=t("bud.chart.planned_realised", lang),
        statuses=list(totals["status"].dropna()),
        lang=lang,
        presentation=presentation,
        x_title=t("prog.axis.year", lang),
        y_title=t("bud.axis.rupiah", lang),
    )


def budget_status(budget: pd.DataFrame, years: Iterable[int]) -> str:
    """The weakest status of the budget lines of ``years`` (a total or a change carries it)."""
    wanted = {int(y) for y in years}
    lines = budget[budget["year"].astype(int).isin(wanted)]
    return rules.weakest_status(lines["status"])


def budget_flags(tables: Tables, lang: str = "id") -> list[tuple[str, str]]:
    """``(sentence, status)`` per year whose total did not rise over the year before.

    The status is the weakest of the lines of both years compared.
    """
    lang = normalise_lang(lang)
    budget = tables["budget"]
    totals = budget_totals(budget)
    return [
        (message, budget_status(budget, (int(rec["year"]), int(rec["year"]) - 1)))
        for message, (_, rec) in zip(flag_messages(tables, lang), totals[totals["not_rising"]].iterrows(), strict=True)
    ]


def flag_messages(tables: Tables, lang: str = "id") -> list[str]:
    """One sentence per year whose total did not rise over the year before."""
    lang = normalise_lang(lang)
    totals = budget_totals(tables["budget"])
    return [
        t(
            "bud.flag_detail",
            lang,
            year=format_year(rec["year"]),
            previous=format_year(int(rec["year"]) - 1),
            change=format_rupiah(rec["change"], lang, signed=True),
            change_pct=format_signed_percent(rec["change_pct"], lang),
        )
        for _, rec in totals[totals["not_rising"]].iterrows()
    ]
