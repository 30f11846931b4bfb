"""The briefing's city-wide sections: facts, the six elements, the budget and the sources.

These are the same whatever kelurahan are selected; :mod:`.sections` puts them after the
sections of the view. Every figure carries the status of the data it came from.
"""

from __future__ import annotations

import pandas as pd

from .. import programme
from ..catalog import format_fact
from ..formatting import (
    format_number,
    format_percent,
    format_rupiah,
    format_signed_percent,
    format_year,
    is_missing,
)
from ..i18n import format_as_of, localized
from ..mapdata import MapData
from ..schema import PERIOD_START
from ..strings import t
from .model import Cell, Head, Part, Row, Section, Table, figure, is_web_link, linkify, text, weakest

# The datasets the briefing draws on, in the order of its sections (the source list).
SOURCE_DATASETS: tuple[str, ...] = (
    "kelurahan",
    "hotspots",
    "cell_sites",
    "broadband",
    "facts",
    "elements",
    "subdimensions",
    "indicators",
    "indicator_values",
    "budget",
)


def facts_section(data: MapData, lang: str) -> Section | None:
    pack = data.pack
    if not pack.has("facts"):
        return None
    if not pack.supplied("facts"):
        return Section("facts", t("brief.facts.heading", lang), before=(text(t("missing.figure", lang)),))
    facts = pack.table("facts")
    rows = []
    for _, rec in facts.iterrows():
        what = text(localized(rec, "label", lang))
        if note := localized(rec, "note", lang):
            what += (Part(note, detail=True),)
        rows.append(
            Row(
                (
                    Cell(what),
                    Cell(
                        figure(
                            format_fact(rec["value"], rec["unit"], lang),
                            weakest(pack.meta("facts").declared_status, rec["status"]),
                        ),
                        num=True,
                    ),
                    Cell(text(format_as_of(rec["as_of"], lang)), num=True),
                    Cell(linkify(rec["source"], host_only=True)),
                )
            )
        )
    heads = (
        Head(t("catalog.fact", lang)),
        Head(t("catalog.value", lang), num=True),
        Head(t("common.as_of", lang), num=True),
        Head(t("common.source", lang)),
    )
    return Section("facts", t("brief.facts.heading", lang), table=Table(heads, tuple(rows), "facts"))


def elements_section(data: MapData, year: int, lang: str) -> Section:
    pack = data.pack
    heading = t("brief.elements.heading", lang, year=format_year(year))
    if not programme.has_programme(pack):
        return Section("elements", heading, before=(text(t("prog.missing_datasets", lang)),))
    if not (pack.supplied("indicators") and pack.supplied("indicator_values")):
        return Section("elements", heading, before=(text(t("missing.figure", lang)),))
    tables = programme.tables_of(pack)
    rollup = programme.element_rollup(tables["indicators"], tables["indicator_values"], years=[year])
    if rollup.empty:
        none = t("brief.elements.none", lang, year=format_year(year))
        return Section("elements", heading, before=(text(none),))
    names = dict(zip(tables["elements"]["code"], tables["elements"][f"name_{lang}"], strict=True))
    order = {code: i for i, code in enumerate(tables["elements"]["code"])}
    rollup = rollup.sort_values("element", key=lambda s: s.map(order).fillna(len(order)), kind="stable")
    rows = []
    for _, rec in rollup.iterrows():
        rows.append(
            Row(
                (
                    Cell(text(names.get(rec["element"], rec["element"]))),
                    Cell((Part(format_percent(rec["achievement"], lang), value=True),), num=True),
                    *(
                        Cell((Part(format_number(rec[k], lang), value=True),), num=True)
                        for k in ("n_on_track", "n_behind", "n_no_data")
                    ),
                    Cell((Part(status=rec["status"]),)),
                )
            )
        )
    sums = {k: int(rollup[k].sum()) for k in ("n_on_track", "n_behind", "n_no_data")}
    total_status = weakest(*rollup["status"])
    rows.append(
        Row(
            (
                Cell(text(t("brief.total", lang))),
                Cell(),
                *(Cell((Part(format_number(v, lang), value=True),), num=True) for v in sums.values()),
                Cell((Part(status=total_status),)),
            ),
            "total",
        )
    )
    heads = (
        Head(t("prog.element", lang)),
        Head(t("ind.col.achievement", lang), num=True),
        Head(t("ind.state.on_track", lang), num=True),
        Head(t("ind.state.behind", lang), num=True),
        Head(t("ind.state.no_data", lang), num=True),
        Head(t("status.label", lang)),
    )
    summary = t(
        "ind.state_counts",
        lang,
        on_track=format_number(sums["n_on_track"], lang),
        behind=format_number(sums["n_behind"], lang),
        no_data=format_number(sums["n_no_data"], lang),
    )
    return Section(
        "elements",
        heading,
        before=(text(summary) + (Part(status=total_status),),),
        table=Table(heads, tuple(rows), "elements"),
        notes=(t("brief.elements.note", lang, year=format_year(year)),),
    )


def budget_section(data: MapData, year: int, lang: str) -> Section | None:
    pack = data.pack
    if not programme.has_programme(pack):
        return None
    totals = programme.budget_totals(pack.table("budget"))
    shown = totals[(totals["year"] >= PERIOD_START) & (totals["year"] <= year)]
    if not pack.supplied("budget"):
        heading = t("brief.budget.heading", lang, first=format_year(PERIOD_START), last=format_year(year))
        return Section("budget", heading, before=(text(t("missing.figure", lang)),))
    if shown.empty:
        heading = t("brief.budget.heading", lang, first=format_year(PERIOD_START), last=format_year(year))
        return Section("budget", heading, before=(text(t("brief.budget.none", lang)),))
    first, last = int(shown["year"].min()), int(shown["year"].max())
    heading = t("brief.budget.heading", lang, first=format_year(first), last=format_year(last))
    meta_status = pack.meta("budget").status

    def status_of(rec: pd.Series) -> str:
        return weakest(meta_status, rec["status"])

    rows = [_budget_row(rec, status_of(rec), lang) for _, rec in shown.iterrows()]
    column_status = weakest(*(status_of(rec) for _, rec in shown.iterrows()))
    heads = (
        Head(t("bud.col.year", lang)),
        Head(t("bud.col.planned", lang), num=True),
        Head(t("bud.col.realised", lang), num=True),
        Head(t("bud.col.change", lang), num=True),
        Head(t("bud.col.change_pct", lang), num=True),
        Head(t("bud.col.flag", lang)),
        Head(t("bud.col.data_status", lang)),
    )
    latest = shown.iloc[-1]
    headline = (
        Part(t("brief.budget.headline", lang, year=format_year(latest["year"]))),
        *figure(format_rupiah(latest["planned"], lang), status_of(latest)),
    )
    if not is_missing(latest["change"]):
        headline += (
            Part(
                t(
                    "brief.budget.headline_change",
                    lang,
                    change=format_rupiah(latest["change"], lang, signed=True),
                    change_pct=format_signed_percent(latest["change_pct"], lang),
                )
            ),
        )
    flags = shown[shown["not_rising"]]
    callouts = tuple(
        (
            Part(
                t(
                    "bud.flag_detail",
                    lang,
                    year=format_year(rec["year"]),
                    previous=format_year(int(rec["year"]) - 1),
                    change=format_rupiah(rec["change"], lang, signed=True),
                    change_pct=format_signed_percent(rec["change_pct"], lang),
                )
            ),
            Part(status=status_of(rec)),
        )
        for _, rec in flags.iterrows()
    )
    before = (headline,) if len(flags) else (headline, text(t("bud.all_rising", lang)) + (Part(status=column_status),))
    return Section(
        "budget",
        heading,
        before=before,
        callouts=callouts,
        table=Table(heads, tuple(rows)),
        notes=(t("brief.budget.note", lang), *_budget_line_notes(pack.table("budget"), first, last, lang)),
    )


def _budget_row(rec: pd.Series, status: str, lang: str) -> Row:
    """One year of the budget table: the amounts, the "not rising" flag and the status."""
    flagged = bool(rec["not_rising"])
    amounts = (
        format_rupiah(rec["planned"], lang),
        format_rupiah(rec["realised"], lang),
        format_rupiah(rec["change"], lang, signed=True),
        format_signed_percent(rec["change_pct"], lang),
    )
    cells = (
        Cell(text(format_year(rec["year"]))),
        *(Cell((Part(value, value=True),), num=True) for value in amounts),
        Cell(text(t("bud.flag", lang) if flagged else "")),
        Cell((Part(status=status),)),
    )
    return Row(cells, "flagged" if flagged else "")


def _budget_line_notes(budget: pd.DataFrame, first: int, last: int, lang: str) -> tuple[str, ...]:
    """The notes of the budget lines of the years shown, in the user's language."""
    years = budget["year"].astype(int)
    notes = []
    for _, rec in budget[(years >= first) & (years <= last)].iterrows():
        note = localized(rec, "note", lang)
        if note:
            programme_name = localized(rec, "programme", lang)  # its English name where the pack has one
            notes.append(
                t(
                    "brief.budget.line_note",
                    lang,
                    year=format_year(rec["year"]),
                    programme=programme_name or t("bud.col.programme", lang),
                    status=t(f"status.{rec['status']}", lang),
                    note=note,
                )
            )
    return tuple(notes)


def sources_section(data: MapData, lang: str) -> Section:
    pack = data.pack
    rows = []
    for key in SOURCE_DATASETS:
        if key not in pack.metas:
            continue
        meta = pack.meta(key)
        source = linkify(localized(meta, "source", lang))
        if meta.source_url:
            url = str(meta.source_url)
            source += (Part(url, href=url, detail=True) if is_web_link(url) else Part(url, detail=True),)
        rows.append(
            Row(
                (
                    Cell(text(meta.title(lang))),
                    Cell((Part(status=meta.status),)),
                    Cell(source),
                    Cell(text(format_as_of(meta.as_of, lang)), num=True),
                )
            )
        )
    heads = (
        Head(t("catalog.dataset", lang)),
        Head(t("status.label", lang)),
        Head(t("common.source", lang)),
        Head(t("common.as_of", lang), num=True),
    )
    return Section("sources", t("brief.sources.heading", lang), table=Table(heads, tuple(rows), "sources"))
