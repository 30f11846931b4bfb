"""Plotly figure builders for the programme screens, and the tables shown beside them.

One function per chart. Each takes the programme tables (a mapping with the keys
``elements``, ``subdimensions``, ``indicators``, ``indicator_values``, ``budget`` and,
optionally, ``kelurahan``), a language and ``presentation`` (large type for the
meeting-room screen), and returns a ``go.Figure``. Every word comes from
:mod:`smartcity_geo.strings`, every number from :mod:`smartcity_geo.formatting`.

How the data status shows (sample figures must never look like facts):

- the title carries a suffix when any figure is a sample, and its subtitle names the
  data status of what is plotted;
- bars built from sample figures are hatched; markers of sample figures are hollow,
  markers of official figures are filled;
- a chart made only of sample figures carries a faint "CONTOH" / "SAMPLE" watermark.

NOTE: years are plotted as integers with ``tickformat="d"``; Plotly's own number
formatting follows ``layout.separators`` (decimal comma in Indonesian), and hover and
label texts are pre-formatted with Babel.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import pandas as pd
import plotly.graph_objects as go

from . import programme as prog
from .formatting import (
    MISSING,
    format_number,
    format_percent,
    format_rupiah,
    format_signed_percent,
    format_year,
    is_missing,
)
from .programme_schema import PERIOD_END, PERIOD_START, last_complete_year
from .strings import normalise_lang, t

Tables = Mapping[str, pd.DataFrame]

# Calm, colour-blind-friendly element colours (muted Tableau 10).
ELEMENT_COLOURS: dict[str, str] = {
    "SG": "#4E79A7",
    "SB": "#B07AA1",
    "SE": "#D4A13A",
    "SL": "#59A14F",
    "SS": "#76B7B2",
    "SN": "#9C755F",
}
SUB_COLOURS: tuple[str, ...] = ("#4E79A7", "#E08E45", "#5E9C8F")
SUB_DASHES: tuple[str, ...] = ("solid", "dot", "dash")
TARGET_COLOUR = "#6B7785"
MEAN_COLOUR = "#2F3E4E"
GRID_COLOUR = "#E3E8EE"
FLAG_COLOUR = "#B5483B"
RISE_COLOUR = "#5E9C8F"
PLANNED_COLOUR = "#A9BCD0"
REALISED_COLOUR = "#4E79A7"
FUTURE_FILL = "rgba(120, 130, 140, 0.08)"
TEXT_COLOUR = "#1B2733"
PATTERN: dict[str, str] = {"official": "", "seed": ".", "sample": "/"}


# --------------------------------------------------------------------------------------
# Shared helpers


def name_map(table: pd.DataFrame, lang: str) -> dict[str, str]:
    """``code -> name`` in ``lang`` from a table with ``name_id``/``name_en`` columns."""
    column = "name_en" if normalise_lang(lang) == "en" else "name_id"
    return dict(zip(table["code"], table[column], strict=True))


def kelurahan_names(tables: Tables) -> dict[str, str]:
    """``kode -> kelurahan name`` when the kelurahan table is present, else empty."""
    kel = tables.get("kelurahan")
    if kel is None:
        return {}
    return dict(zip(kel["kode"], kel["kelurahan"], strict=True))


def _sizes(presentation: bool) -> dict[str, int]:
    if presentation:
        return {"font": 20, "title": 28, "subtitle": 18, "height": 600, "marker": 13, "line": 4}
    return {"font": 13, "title": 18, "subtitle": 12, "height": 430, "marker": 8, "line": 2.5}


def _status_label(status: str, lang: str) -> str:
    return t(f"status.{status}", lang)


def _status_texts(statuses: Iterable[object], lang: str) -> tuple[str, str]:
    """(title suffix, subtitle) describing the provenance of the plotted figures."""
    mix = prog.status_mix(statuses)
    if not mix:
        return "", t("prog.no_data", lang)
    if len(mix) == 1:
        suffix = t("prog.title_suffix.sample", lang) if mix[0] == "sample" else ""
        return suffix, t(f"prog.status_note.{mix[0]}", lang)
    names = ", ".join(_status_label(s, lang) for s in mix)
    suffix = t("prog.title_suffix.mixed", lang) if "sample" in mix else ""
    return suffix, t("prog.status_note.mixed", lang, statuses=names)


def _finish(
    fig: go.Figure,
    *,
    title: str,
    statuses: Iterable[object],
    lang: str,
    presentation: bool,
    x_title: str | None = None,
    y_title: str | None = None,
) -> go.Figure:
    """Title with status, fonts, separators, grid and (for all-sample charts) watermark."""
    size = _sizes(presentation)
    statuses = list(statuses)
    suffix, subtitle = _status_texts(statuses, lang)
    fig.update_layout(
        title={
            "text": f"{title} {suffix}".strip(),
            "font": {"size": size["title"]},
            "subtitle": {"text": subtitle, "font": {"size": size["subtitle"]}},
            "x": 0.0,
            "xanchor": "left",
        },
        font={"size": size["font"], "color": TEXT_COLOUR},
        height=size["height"],
        separators=",." if normalise_lang(lang) == "id" else ".,",
        plot_bgcolor="white",
        paper_bgcolor="white",
        margin={"l": 70, "r": 30, "t": 110 if presentation else 90, "b": 40},
        legend={"orientation": "h", "yanchor": "top", "y": -0.2, "x": 0.0, "font": {"size": size["font"]}},
        hoverlabel={"font": {"size": size["font"]}},
    )
    fig.update_xaxes(title_text=x_title, gridcolor=GRID_COLOUR, zeroline=False)
    fig.update_yaxes(title_text=y_title, gridcolor=GRID_COLOUR, zeroline=False)
    if prog.status_mix(statuses) == ("sample",):
        fig.add_annotation(
            text=t("prog.watermark", lang),
            xref="paper",
            yref="paper",
            x=0.5,
            y=0.5,
            showarrow=False,
            textangle=-20,
            font={"size": 90 if presentation else 64, "color": "rgba(120, 130, 140, 0.13)"},
            name="watermark",
        )
    return fig


def _year_axis(fig: go.Figure, years: Sequence[int]) -> None:
    fig.update_xaxes(tickmode="linear", dtick=1, tickformat="d", range=[min(years) - 0.5, max(years) + 0.5])


def _shade_future(fig: go.Figure, lang: str, last_year: int, end: int = PERIOD_END) -> None:
    if last_year >= end:
        return
    fig.add_vrect(
        x0=last_year + 0.5,
        x1=end + 0.5,
        fillcolor=FUTURE_FILL,
        line_width=0,
        layer="below",
        annotation_text=t("prog.future_years", lang),
        annotation_position="bottom left",
        annotation_font_color="#6B7785",
    )


def _symbols(statuses: Iterable[object], base: str = "circle") -> list[str]:
    """Filled marker for official/seed figures, hollow for sample (and unknown)."""
    return [base if s in ("official", "seed") else f"{base}-open" for s in statuses]


def _patterns(statuses: Iterable[object]) -> list[str]:
    return [PATTERN.get(str(s), "/") for s in statuses]


def _pct(value: object, lang: str) -> str:
    return MISSING if is_missing(value) else format_percent(value, lang)


# --------------------------------------------------------------------------------------
# Indicator charts


def element_progress_chart(
    tables: Tables,
    element: str,
    lang: str = "id",
    *,
    presentation: bool = False,
    today=None,
    rollups: prog.Rollups | None = None,
) -> go.Figure:
    """One element's achievement against target by year: a line per sub-dimension.

    Lines show the mean capped achievement of the sub-dimension's city-wide indicators;
    a thicker line is the element's mean; the dashed line at 100 % is the target.
    Years without data are gaps (``connectgaps=False``), never zeros. Years that have
    not ended are shaded.
    """
    lang = normalise_lang(lang)
    years = list(range(PERIOD_START, PERIOD_END + 1))
    subs_table = tables["subdimensions"]
    sub_codes = list(subs_table.loc[subs_table["element"] == element, "code"])
    sub_names = name_map(subs_table, lang)
    if rollups is None:  # NOTE: pass the cached roll-ups (ui.loaders.programme_rollups) to skip this
        rollups = prog.rollups(tables)
    roll, elem = rollups.subdimensions, rollups.elements
    elem = elem[elem["element"] == element].set_index("year").reindex(years)
    size = _sizes(presentation)
    fig = go.Figure()
    statuses: list[object] = []
    for index, code in enumerate(sub_codes):
        rows = roll[roll["subdimension"] == code].set_index("year").reindex(years)
        status = list(rows["status"])
        statuses += [s for s, a in zip(status, rows["achievement"], strict=True) if not is_missing(a)]
        fig.add_trace(
            go.Scatter(
                x=years,
                y=list(rows["achievement"]),
                name=sub_names.get(code, code),
                mode="lines+markers",
                connectgaps=False,
                line={"color": SUB_COLOURS[index % 3], "dash": SUB_DASHES[index % 3], "width": size["line"]},
                marker={"size": size["marker"], "symbol": _symbols(status)},
                hovertext=[
                    f"{sub_names.get(code, code)} · {y}: {_pct(a, lang)} "
                    f"({format_number(n, lang)}/{format_number(m, lang)} {t('prog.indicator', lang).lower()})"
                    for y, a, n, m in zip(
                        years, rows["achievement"], rows["n_with_data"], rows["n_indicators"], strict=True
                    )
                ],
                hovertemplate="%{hovertext}<extra></extra>",
                meta={"subdimension": code},
            )
        )
    fig.add_trace(
        go.Scatter(
            x=years,
            y=list(elem["achievement"]),
            name=t("ind.legend.element_mean", lang),
            mode="lines+markers",
            connectgaps=False,
            line={"color": MEAN_COLOUR, "width": size["line"] * 2},
            marker={"size": size["marker"] + 2, "symbol": _symbols(elem["status"])},
            hovertext=[f"{y}: {_pct(a, lang)}" for y, a in zip(years, elem["achievement"], strict=True)],
            hovertemplate="%{hovertext}<extra></extra>",
            meta={"element": element},
        )
    )
    fig.add_trace(
        go.Scatter(
            x=[years[0] - 0.5, years[-1] + 0.5],
            y=[1.0, 1.0],
            mode="lines",
            name=t("ind.legend.target", lang),
            line={"color": TARGET_COLOUR, "dash": "dash", "width": 1.5},
            hoverinfo="skip",
            meta={"role": "target"},
        )
    )
    _shade_future(fig, lang, last_complete_year(today))
    _year_axis(fig, years)
    fig.update_yaxes(tickformat=".0%", range=[0, prog.ACHIEVEMENT_CAP + 0.05], rangemode="tozero")
    element_name = name_map(tables["elements"], lang).get(element, element)
    return _finish(
        fig,
        title=t("ind.chart.element", lang, element=element_name),
        statuses=statuses,
        lang=lang,
        presentation=presentation,
        x_title=t("prog.axis.year", lang),
        y_title=t("ind.axis.achievement", lang),
    )


def element_overview_chart(
    tables: Tables, year: int, lang: str = "id", *, presentation: bool = False, rollups: prog.Rollups | None = None
) -> go.Figure:
    """The six elements' achievement against target in ``year`` (horizontal bars).

    An element without data in that year gets no bar and the words "no data" - never
    a bar of length zero. Bars of sample figures are hatched.
    """
    lang = normalise_lang(lang)
    elements = list(tables["elements"]["code"])
    names = name_map(tables["elements"], lang)
    if rollups is not None:
        roll = rollups.elements_in(year)
    else:
        roll = prog.element_rollup(tables["indicators"], tables["indicator_values"], years=[year])
    roll = roll.set_index("element").reindex(elements)
    labels = [names.get(c, c) for c in elements]
    texts = [
        t(
            "ind.bar_text",
            lang,
            value=_pct(a, lang),
            n=format_number(n, lang),
            total=format_number(m, lang),
        )
        if not is_missing(a)
        else ""
        for a, n, m in zip(
            roll["achievement"], roll["n_with_data"].fillna(0), roll["n_indicators"].fillna(0), strict=True
        )
    ]
    fig = go.Figure(
        go.Bar(
            x=list(roll["achievement"]),
            y=labels,
            orientation="h",
            name=t("ind.axis.achievement", lang),
            marker={
                "color": [ELEMENT_COLOURS.get(c, TARGET_COLOUR) for c in elements],
                "pattern": {"shape": _patterns(roll["status"]), "fillmode": "overlay", "fgcolor": "white"},
            },
            text=texts,
            textposition="outside",
            cliponaxis=False,
            hovertext=[f"{lbl}: {txt or t('prog.no_data', lang)}" for lbl, txt in zip(labels, texts, strict=True)],
            hovertemplate="%{hovertext}<extra></extra>",
            customdata=elements,
            showlegend=False,
        )
    )
    for label, value in zip(labels, roll["achievement"], strict=True):
        if is_missing(value):
            fig.add_annotation(
                x=0.02,
                y=label,
                text=t("prog.no_data", lang),
                showarrow=False,
                xanchor="left",
                font={"color": "#6B7785"},
            )
    fig.add_vline(
        x=1.0,
        line={"color": TARGET_COLOUR, "dash": "dash", "width": 1.5},
        annotation_text=t("ind.legend.target", lang),
        annotation_position="top",
    )
    fig.update_xaxes(tickformat=".0%", range=[0, prog.ACHIEVEMENT_CAP + 0.35])
    fig.update_yaxes(autorange="reversed")
    statuses = [s for s, a in zip(roll["status"], roll["achievement"], strict=True) if not is_missing(a)]
    return _finish(
        fig,
        title=t("ind.chart.overview", lang, year=format_year(year)),
        statuses=statuses,
        lang=lang,
        presentation=presentation,
        x_title=t("ind.axis.achievement", lang),
        y_title=None,
    )


def indicator_chart(
    tables: Tables,
    indicator: str,
    lang: str = "id",
    *,
    presentation: bool = False,
    today=None,
) -> go.Figure:
    """One indicator's yearly target and actual values in its own unit, with baseline.

    The target is a dashed line; the actual a solid line with gaps for missing years,
    its markers filled for official figures and hollow for sample ones.
    """
    lang = normalise_lang(lang)
    defs = tables["indicators"].set_index("code")
    row = defs.loc[indicator]
    years = list(range(PERIOD_START, PERIOD_END + 1))
    table = prog.achievement_table(
        tables["indicators"].loc[tables["indicators"]["code"] == indicator], tables["indicator_values"], years=years
    )
    size = _sizes(presentation)
    unit = str(row["unit"])
    decimals = 0 if unit in ("count", "people") else 1 if unit not in ("score_0_4", "score_0_5") else 2

    def fmt(value: object) -> str:
        return format_number(value, lang, decimals) if not is_missing(value) else MISSING

    fig = go.Figure()
    target_status = [s for s, v in zip(table["target_status"], table["target"], strict=True) if not is_missing(v)]
    fig.add_trace(
        go.Scatter(
            x=years,
            y=list(table["target"]),
            mode="lines+markers",
            connectgaps=False,
            name=_with_status(t("ind.legend.target_values", lang), target_status, lang),
            line={"color": TARGET_COLOUR, "dash": "dash", "width": size["line"] * 0.7},
            marker={"size": size["marker"] - 2, "symbol": _symbols(table["target_status"], "square")},
            hovertext=[
                f"{t('ind.col.target', lang)} {y}: {fmt(v)}" for y, v in zip(years, table["target"], strict=True)
            ],
            hovertemplate="%{hovertext}<extra></extra>",
            meta={"role": "target"},
        )
    )
    fig.add_trace(
        go.Scatter(
            x=years,
            y=list(table["actual"]),
            mode="lines",
            connectgaps=False,
            name=t("ind.legend.actual", lang),
            line={"color": REALISED_COLOUR, "width": size["line"]},
            hoverinfo="skip",
            showlegend=False,
            meta={"role": "actual_line"},
        )
    )
    actual_statuses: list[object] = []
    for status in prog.STATUS_ORDER:
        mask = (table["status"] == status) & table["actual"].notna()
        if not mask.any():
            continue
        actual_statuses.append(status)
        part = table[mask]
        fig.add_trace(
            go.Scatter(
                x=list(part["year"]),
                y=list(part["actual"]),
                mode="markers",
                name=t("ind.legend.actual_status", lang, status=_status_label(status, lang)),
                marker={
                    "size": size["marker"] + 3,
                    "color": REALISED_COLOUR,
                    "symbol": "circle" if status != "sample" else "circle-open",
                    "line": {"width": 2, "color": REALISED_COLOUR},
                },
                hovertext=[
                    f"{t('ind.col.actual', lang)} {y}: {fmt(v)} · {_pct(a, lang)} · {_status_label(status, lang)}"
                    for y, v, a in zip(part["year"], part["actual"], part["achievement"], strict=True)
                ],
                hovertemplate="%{hovertext}<extra></extra>",
                meta={"role": "actual", "status": status},
            )
        )
    statuses = target_status + actual_statuses
    x_years = list(years)
    if not is_missing(row["baseline"]) and not is_missing(row["baseline_year"]):
        base_year = int(row["baseline_year"])
        fig.add_trace(
            go.Scatter(
                x=[base_year],
                y=[float(row["baseline"])],
                mode="markers",
                name=f"{t('ind.legend.baseline', lang)} ({base_year}, {_status_label(str(row['status']), lang)})",
                marker={
                    "size": size["marker"] + 3,
                    "color": TARGET_COLOUR,
                    "symbol": _symbols([row["status"]], "diamond")[0],
                    "line": {"width": 2, "color": TARGET_COLOUR},
                },
                hovertext=[f"{t('ind.col.baseline', lang)} {base_year}: {fmt(row['baseline'])}"],
                hovertemplate="%{hovertext}<extra></extra>",
                meta={"role": "baseline"},
            )
        )
        statuses.append(row["status"])
        x_years = [min(base_year, years[0]), *years]
    _shade_future(fig, lang, last_complete_year(today))
    _year_axis(fig, x_years)
    fig.update_yaxes(rangemode="tozero")
    if UNIT_MAX.get(unit):
        fig.update_yaxes(range=[0, UNIT_MAX[unit] * 1.05])
    names = name_map(tables["indicators"], lang)
    kel = row["kelurahan_code"]
    if is_missing(kel):
        title = t("ind.chart.indicator", lang, name=names[indicator])
    else:
        kel_name = kelurahan_names(tables).get(str(kel), str(kel))
        title = t("ind.chart.indicator_kelurahan", lang, name=names[indicator], kelurahan=kel_name)
    direction = t(f"prog.direction.{row['direction']}", lang)
    return _finish(
        fig,
        title=title,
        statuses=statuses,
        lang=lang,
        presentation=presentation,
        x_title=t("prog.axis.year", lang),
        y_title=f"{t(f'prog.unit.{unit}', lang)} ({direction})",
    )


UNIT_MAX: dict[str, float] = {"percent": 100.0, "score_0_4": 4.0, "score_0_5": 5.0, "index_0_100": 100.0}


def _with_status(label: str, statuses: Iterable[object], lang: str) -> str:
    mix = prog.status_mix(statuses)
    if not mix:
        return label
    return f"{label} ({', '.join(_status_label(s, lang) for s in mix)})"


# --------------------------------------------------------------------------------------
# Budget charts


def budget_by_element_chart(
    tables: Tables, lang: str = "id", *, presentation: bool = False, rollups: prog.Rollups | None = None
) -> go.Figure:
    """Each year's planned budget stacked by element, with the total and the change.

    Above each bar: the total and its change from the year before. Years whose total
    did not rise are marked in red ("did not rise") with a shaded band.
    """
    lang = normalise_lang(lang)
    if rollups is None:
        rollups = prog.rollups(tables)
    by_el, totals, parts = rollups.budget_by_element, rollups.budget_totals, rollups.budget_by_element_status
    years = list(range(PERIOD_START, PERIOD_END + 1))
    names = name_map(tables["elements"], lang)
    fig = go.Figure()
    # One trace per element and data status, so official parts stay solid in a hatched stack.
    for code in tables["elements"]["code"]:
        shown = False
        for status in prog.STATUS_ORDER:
            rows = parts[(parts["element"] == code) & (parts["status"] == status)].set_index("year").reindex(years)
            if rows["planned"].isna().all():
                continue
            fig.add_trace(
                go.Bar(
                    x=years,
                    y=[None if is_missing(v) else v / 1e9 for v in rows["planned"]],
                    name=names.get(code, code),
                    legendgroup=code,
                    showlegend=not shown,
                    marker={
                        "color": ELEMENT_COLOURS.get(code, TARGET_COLOUR),
                        "pattern": {"shape": PATTERN[status], "fillmode": "overlay", "fgcolor": "white"},
                    },
                    hovertext=[
                        f"{names.get(code, code)} {y}: {format_rupiah(v, lang)} ({_status_label(status, lang)})"
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


def budget_change_chart(
    tables: Tables, lang: str = "id", *, presentation: bool = False, rollups: prog.Rollups | None = None
) -> go.Figure:
    """The year-on-year change of the total budget; years that did not rise in red."""
    lang = normalise_lang(lang)
    totals = rollups.budget_totals if rollups is not None else prog.budget_totals(tables["budget"])
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
    tables: Tables, lang: str = "id", *, presentation: bool = False, today=None, rollups: prog.Rollups | None = None
) -> go.Figure:
    """Planned against realised totals per year, realised only where every line is known."""
    lang = normalise_lang(lang)
    totals = rollups.budget_totals if rollups is not None else prog.budget_totals(tables["budget"])
    last_year = last_complete_year(today)
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
                hovertext=[f"{label} {y}: {format_rupiah(v, lang)}" for y, v in zip(years, totals[column], strict=True)],
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


# --------------------------------------------------------------------------------------
# Tables shown beside the charts (formatted strings, headers in the language)


def indicator_table(
    tables: Tables,
    year: int,
    lang: str = "id",
    *,
    element: str | None = None,
    subdimension: str | None = None,
    kelurahan_code: str | None = None,
    city: bool = True,
) -> pd.DataFrame:
    """Drill-down table: each indicator's target, actual, achievement, state and source.

    ``element`` / ``subdimension`` narrow the rows; ``city`` keeps city-wide indicators;
    ``kelurahan_code`` adds (or, with ``city=False``, shows only) that kelurahan's ones.
    """
    lang = normalise_lang(lang)
    defs = tables["indicators"]
    mask = pd.Series(False, index=defs.index)
    if city:
        mask |= defs["kelurahan_code"].isna()
    if kelurahan_code:
        mask |= defs["kelurahan_code"] == kelurahan_code
    if subdimension:
        mask &= defs["subdimension"] == subdimension
    elif element:
        mask &= defs["subdimension"].astype(str).str.startswith(f"{element}-")
    defs = defs[mask]
    status = prog.indicator_status(defs, tables["indicator_values"], year).set_index("indicator")
    values = tables["indicator_values"]
    notes = {}
    if "note" in values.columns:
        for code, note in zip(
            values.loc[values["year"] == year, "indicator"], values.loc[values["year"] == year, "note"], strict=True
        ):
            notes[code] = note
    names = name_map(tables["indicators"], lang)
    sub_names = name_map(tables["subdimensions"], lang)
    kel_names = kelurahan_names(tables)
    records = []
    for _, row in defs.iterrows():
        code = row["code"]
        rec = status.loc[code]
        unit = str(row["unit"])
        decimals = 0 if unit in ("count", "people") else 2 if unit.startswith("score") else 1

        def num(value: object, decimals: int = decimals) -> str:
            return format_number(value, lang, decimals) if not is_missing(value) else MISSING

        data_status = prog.status_mix(
            ([rec["status"]] if not is_missing(rec["actual"]) else [])
            + ([rec["target_status"]] if not is_missing(rec["target"]) else [])
        )
        note = notes.get(code)
        if is_missing(note):
            note = row.get("note")
        record = {
            t("ind.col.code", lang): code,
            t("ind.col.name", lang): names[code],
            t("ind.col.target", lang): num(rec["target"]),
            t("ind.col.actual", lang): num(rec["actual"]),
            t("ind.col.achievement", lang): _pct(rec["achievement"], lang),
            t("ind.col.state", lang): t(f"ind.state.{rec['state']}", lang),
            t("ind.col.data_status", lang): ", ".join(_status_label(s, lang) for s in data_status) or MISSING,
            t("ind.col.unit", lang): t(f"prog.unit.{unit}", lang),
            t("ind.col.direction", lang): t(f"prog.direction.{row['direction']}", lang),
            t("ind.col.baseline", lang): (
                f"{num(row['baseline'])} ({int(row['baseline_year'])})"
                if not is_missing(row["baseline"]) and not is_missing(row["baseline_year"])
                else num(row["baseline"])
            ),
            t("prog.subdimension", lang): sub_names.get(row["subdimension"], row["subdimension"]),
            t("ind.col.agency", lang): row["agency"],
            t("ind.col.source", lang): rec["source"] if not is_missing(rec["actual"]) else row["source"],
            t("ind.col.note", lang): "" if is_missing(note) else str(note),
        }
        if kelurahan_code:
            record[t("ind.col.kelurahan", lang)] = (
                kel_names.get(row["kelurahan_code"], row["kelurahan_code"])
                if not is_missing(row["kelurahan_code"])
                else MISSING
            )
        records.append(record)
    return pd.DataFrame.from_records(records)


def state_counts(
    tables: Tables, year: int, *, element: str | None = None, rollups: prog.Rollups | None = None
) -> dict[str, int]:
    """How many city-wide indicators are on track / behind / without data in ``year``."""
    if rollups is not None:
        states = rollups.states(year, element=element)
        return {state: int((states == state).sum()) for state in prog.STATES}
    defs = prog.city_indicators(tables["indicators"])
    if element:
        defs = defs[defs["subdimension"].astype(str).str.startswith(f"{element}-")]
    states = prog.indicator_status(defs, tables["indicator_values"], year)["state"]
    return {state: int((states == state).sum()) for state in prog.STATES}


def budget_table(tables: Tables, lang: str = "id", *, rollups: prog.Rollups | None = None) -> pd.DataFrame:
    """Year totals: planned, realised, share spent, change, flag and data status."""
    lang = normalise_lang(lang)
    totals = rollups.budget_totals if rollups is not None else prog.budget_totals(tables["budget"])
    records = []
    for _, rec in totals.iterrows():
        records.append(
            {
                t("bud.col.year", lang): format_year(rec["year"]),
                t("bud.col.planned", lang): format_rupiah(rec["planned"], lang),
                t("bud.col.realised", lang): format_rupiah(rec["realised"], lang),
                t("bud.col.rate", lang): _pct(rec["realisation_rate"], lang),
                t("bud.col.change", lang): format_rupiah(rec["change"], lang, signed=True),
                t("bud.col.change_pct", lang): format_signed_percent(rec["change_pct"], lang),
                t("bud.col.flag", lang): t("bud.flag", lang) if rec["not_rising"] else "",
                t("bud.col.data_status", lang): _status_label(rec["status"], lang)
                if not is_missing(rec["status"])
                else MISSING,
            }
        )
    return pd.DataFrame.from_records(records)


def budget_lines_table(tables: Tables, lang: str = "id", *, before_masterplan: bool = False) -> pd.DataFrame:
    """Budget lines with programme, agency, source and note.

    ``before_masterplan=True`` gives only the lines before 2022 (context, not compared).
    """
    lang = normalise_lang(lang)
    budget = tables["budget"]
    years = budget["year"].astype(int)
    lines = budget[years < PERIOD_START] if before_masterplan else budget[years >= PERIOD_START]
    names = name_map(tables["elements"], lang)
    records = []
    for _, rec in lines.iterrows():
        records.append(
            {
                t("bud.col.year", lang): format_year(rec["year"]),
                t("bud.col.element", lang): names.get(rec["element"], rec["element"]),
                t("bud.col.programme", lang): "" if is_missing(rec["programme"]) else rec["programme"],
                t("bud.col.agency", lang): "" if is_missing(rec["agency"]) else rec["agency"],
                t("bud.col.planned", lang): format_rupiah(rec["planned_idr"], lang),
                t("bud.col.realised", lang): format_rupiah(rec["realised_idr"], lang),
                t("bud.col.data_status", lang): _status_label(rec["status"], lang),
                t("bud.col.source", lang): rec["source"],
                t("bud.col.note", lang): "" if is_missing(rec.get("note")) else rec["note"],
            }
        )
    return pd.DataFrame.from_records(records)


def flag_messages(tables: Tables, lang: str = "id", *, rollups: prog.Rollups | None = None) -> list[str]:
    """One sentence per year whose total did not rise over the year before."""
    lang = normalise_lang(lang)
    totals = rollups.budget_totals if rollups is not None else prog.budget_totals(tables["budget"])
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
