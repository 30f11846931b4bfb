"""Indicator charts: an element's achievement by year, the six-element overview, one indicator."""

from __future__ import annotations

import plotly.graph_objects as go

from .. import programme as prog
from .. import rules
from ..day import app_today
from ..formatting import (
    MISSING,
    format_number,
    format_year,
    is_missing,
)
from ..rules import last_complete_year
from ..schema import PERIOD_END, PERIOD_START
from ..strings import normalise_lang, t
from .style import (
    _WEAK,
    ELEMENT_COLOURS,
    MEAN_COLOUR,
    REALISED_COLOUR,
    SUB_COLOURS,
    SUB_DASHES,
    TARGET_COLOUR,
    Tables,
    _e,
    _finish,
    _patterns,
    _pct,
    _shade_future,
    _sizes,
    _status_label,
    _symbols,
    _with_status,
    _year_axis,
    kelurahan_names,
    name_map,
)

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
    if rollups is None:  # NOTE: pass the cached roll-ups (ui.loaders.programme_rollups) to skip this
        rollups = prog.rollups(tables)
    roll, elem = rollups.subdimensions, rollups.elements
    elem = elem[elem["element"] == element].set_index("year").reindex(years)
    size = _sizes(presentation)
    fig = go.Figure()
    statuses = _add_subdimension_lines(fig, roll, sub_codes, name_map(subs_table, lang), years, size, lang)
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
    _shade_future(fig, lang, last_complete_year(today or app_today()))
    _year_axis(fig, years)
    fig.update_yaxes(tickformat=".0%", range=[0, prog.ACHIEVEMENT_CAP + 0.05], rangemode="tozero")
    element_name = _e(name_map(tables["elements"], lang).get(element, element))
    return _finish(
        fig,
        title=t("ind.chart.element", lang, element=element_name),
        statuses=statuses,
        lang=lang,
        presentation=presentation,
        x_title=t("prog.axis.year", lang),
        y_title=t("ind.axis.achievement", lang),
    )


def _add_subdimension_lines(fig: go.Figure, roll, sub_codes, sub_names, years, size: dict, lang: str) -> list[object]:
    """One line per sub-dimension (its mean capped achievement by year); the statuses of the points drawn."""
    statuses: list[object] = []
    for index, code in enumerate(sub_codes):
        rows = roll[roll["subdimension"] == code].set_index("year").reindex(years)
        status = list(rows["status"])
        statuses += [s for s, a in zip(status, rows["achievement"], strict=True) if not is_missing(a)]
        fig.add_trace(
            go.Scatter(
                x=years,
                y=list(rows["achievement"]),
                name=_e(sub_names.get(code, code)),
                mode="lines+markers",
                connectgaps=False,
                line={"color": SUB_COLOURS[index % 3], "dash": SUB_DASHES[index % 3], "width": size["line"]},
                marker={"size": size["marker"], "symbol": _symbols(status)},
                hovertext=[
                    f"{_e(sub_names.get(code, code))} · {y}: {_pct(a, lang)} "
                    f"({format_number(n, lang)}/{format_number(m, lang)} {t('prog.indicator', lang).lower()})"
                    for y, a, n, m in zip(
                        years, rows["achievement"], rows["n_with_data"], rows["n_indicators"], strict=True
                    )
                ],
                hovertemplate="%{hovertext}<extra></extra>",
                meta={"subdimension": code},
            )
        )
    return statuses


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
    labels = [_e(names.get(c, c)) for c in elements]
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
    decimals = rules.unit_decimals(unit)

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
    statuses = target_status + _add_actuals(fig, table, size, fmt, lang)
    x_years = list(years)
    base_year = _add_baseline(fig, row, size, fmt, lang)
    if base_year is not None:
        statuses.append(row["status"])
        x_years = [min(base_year, years[0]), *years]
    _shade_future(fig, lang, last_complete_year(today or app_today()))
    _year_axis(fig, x_years)
    fig.update_yaxes(rangemode="tozero")
    if UNIT_MAX.get(unit):
        fig.update_yaxes(range=[0, UNIT_MAX[unit] * 1.05])
    title = _indicator_title(tables, row, indicator, lang)
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


def _add_actuals(fig: go.Figure, table, size: dict, fmt, lang: str) -> list[object]:
    """One marker trace per status of the actual values (filled: strong; hollow: weak); the statuses drawn."""
    actual_statuses: list[object] = []
    for status in rules.STATUS_ORDER:
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
                    "symbol": "circle" if status not in _WEAK else "circle-open",
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
    return actual_statuses


def _add_baseline(fig: go.Figure, row, size: dict, fmt, lang: str) -> int | None:
    """The indicator's baseline as one diamond, when it has one; its year (else ``None``)."""
    if is_missing(row["baseline"]) or is_missing(row["baseline_year"]):
        return None
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
    return base_year


def _indicator_title(tables: Tables, row, indicator: str, lang: str) -> str:
    """The indicator's name (and its kelurahan's, for a kelurahan-level indicator), escaped."""
    names = name_map(tables["indicators"], lang)
    kel = row["kelurahan_code"]
    if is_missing(kel):
        return t("ind.chart.indicator", lang, name=_e(names[indicator]))
    kel_name = _e(kelurahan_names(tables).get(str(kel), str(kel)))
    return t("ind.chart.indicator_kelurahan", lang, name=_e(names[indicator]), kelurahan=kel_name)


UNIT_MAX: dict[str, float] = {"percent": 100.0, "score_0_4": 4.0, "score_0_5": 5.0, "index_0_100": 100.0}
