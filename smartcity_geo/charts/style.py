"""Chart style shared by every chart: palette, status hatching and markers, sizes, the
title-with-status and watermark finish, year axes, and the escape for data text in Plotly.

How the data status shows (sample figures must never look like facts):

- the title carries a suffix when any figure is sample or uploaded, and its subtitle
  names the data status of what is plotted;
- bars built from sample figures are hatched (uploaded: cross-hatched); markers of sample
  figures are hollow, markers of official figures are filled;
- a chart made only of sample figures carries a faint "CONTOH" / "SAMPLE" watermark.

NOTE: years are plotted as integers with ``tickformat="d"``; Plotly's own number
formatting follows ``layout.separators`` (decimal comma in Indonesian), and hover and
label texts are pre-formatted with Babel.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping, Sequence

import pandas as pd
import plotly.graph_objects as go

from .. import rules
from ..formatting import (
    MISSING,
    format_percent,
    is_missing,
)
from ..schema import PERIOD_END
from ..strings import normalise_lang, t

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
# Bar hatching per data status: solid for official, dotted for seed and computed, hatched for sample,
# cross-hatched for uploaded (not verified).
PATTERN: dict[str, str] = {"official": "", "seed": ".", rules.COMPUTED: ".", "sample": "/", rules.UPLOADED: "x"}
_WEAK = ("sample", rules.UPLOADED)  # statuses a chart marks as "not the city's figures"


def _e(text: object) -> str:
    """Text from the data, escaped for Plotly's HTML-like labels (it renders ``<b>``, ``<a>``...)."""
    return html.escape(str(text), quote=False)


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
    mix = rules.status_mix(statuses)
    if not mix:
        return "", t("prog.no_data", lang)
    if len(mix) == 1:
        suffix = t("prog.title_suffix.sample", lang) if mix[0] in _WEAK else ""
        return suffix, t(f"prog.status_note.{mix[0]}", lang)
    names = ", ".join(_status_label(s, lang) for s in mix)
    suffix = t("prog.title_suffix.mixed", lang) if set(mix) & set(_WEAK) else ""
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
    if rules.status_mix(statuses) == ("sample",):
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
    return [base if s in rules.STATUS_ORDER and s not in _WEAK else f"{base}-open" for s in statuses]


def _patterns(statuses: Iterable[object]) -> list[str]:
    return [PATTERN.get(str(s), "/") for s in statuses]


def _pct(value: object, lang: str) -> str:
    return MISSING if is_missing(value) else format_percent(value, lang)


def _with_status(label: str, statuses: Iterable[object], lang: str) -> str:
    mix = rules.status_mix(statuses)
    if not mix:
        return label
    return f"{label} ({', '.join(_status_label(s, lang) for s in mix)})"
