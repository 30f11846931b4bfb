"""The briefing's sections, built from the prepared map data for a view and a language.

Each builder returns a :class:`~.model.Section` (or None when the pack lacks its data);
:func:`build_model` puts them together with the map picture into a :class:`~.model.Briefing`.
Every figure is given the status of the data it came from (:mod:`smartcity_geo.rules`):
the weakest of its file's and its rows' statuses, and ``computed`` for what the dashboard
derives (areas from the simplified boundaries, coverage shares), never the source's
``official``.

The sections of the view (selection, headline, kelurahan table, hotspots, gaps) are here;
the city-wide ones (facts, elements, budget, sources) are in :mod:`.citywide`.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence

import pandas as pd

from .. import planning, rules
from ..analytics import selection_summary
from ..formatting import (
    format_area_km2,
    format_date,
    format_number,
    format_percent,
    format_share,
    is_missing,
)
from ..i18n import localized
from ..mapdata import MapData
from ..mapimage import png_data_uri, render_map_png
from ..registry import LAYER_KEYS, layer_info
from ..rules import last_complete_year
from ..strings import normalise_lang, t
from ..viewstate import ViewState
from .citywide import budget_section, elements_section, facts_section, sources_section
from .model import (
    Briefing,
    Cell,
    Head,
    MapPicture,
    Part,
    Row,
    Section,
    Table,
    Text,
    figure,
    share_4g_text,
    text,
    weakest,
)


def _rows_status(pack, key: str, codes: Iterable[str] | None = None, column: str = "kelurahan_code") -> str:
    """The weakest of a dataset's manifest status and its rows' statuses (those in ``codes``)."""
    table = pack.table(key)
    statuses = [pack.meta(key).declared_status]  # the rows in scope settle it
    if "status" in table.columns:
        rows = table if codes is None else table[table[column].isin(set(codes))]
        statuses += list(rows["status"])
    return weakest(*statuses)


def _check_codes(figures: pd.DataFrame, codes: Sequence[str]) -> list[str]:
    unknown = sorted(set(codes) - set(figures["kode"]))
    if unknown:
        raise ValueError(
            f"unknown kelurahan code(s) {', '.join(unknown)} in the view: expected codes of the figures "
            "table (PP.KK.CC.DDDD); read the view with viewstate.from_query(params, known_codes)"
        )
    return sorted(dict.fromkeys(codes))


# --------------------------------------------------------------------------------------
# Sections


def _area_items(figures: pd.DataFrame, codes: Sequence[str], lang: str) -> list[str]:
    """Names of the selection: a whole kecamatan by its name, other kelurahan one by one."""
    chosen = set(codes)
    items = []
    for kecamatan, group in figures.groupby("kecamatan", sort=False):
        picked = group[group["kode"].isin(chosen)]
        if picked.empty:
            continue
        if len(picked) == len(group):
            items.append(t("brief.view.kecamatan_all", lang, name=kecamatan, n=len(group)))
        else:
            items += [
                t("brief.view.kelurahan_item", lang, name=name, kecamatan=kecamatan) for name in picked["kelurahan"]
            ]
    return items


def _measure_classes(data: MapData, view: ViewState, lang: str):
    """The view's choropleth measure classified as the map colours it (None: no measure, or unknown here)."""
    from ..choropleth import classify
    from ..registry import NO_MEASURE

    if view.measure == NO_MEASURE:
        return None
    try:
        return classify(data.figures, view.measure, data.pack, lang)
    except KeyError:  # an indicator this pack does not have: the map showed none either
        return None


def _measure_text(classes, lang: str) -> str:
    if classes is None:
        return t("brief.view.measure_none", lang)
    return f"{classes.label} ({t(f'status.{classes.status}', lang)})"


def _view_section(figures: pd.DataFrame, view: ViewState, codes: list[str], lang: str, classes=None) -> Section:
    if codes:
        area = (t("brief.view.selection", lang, n=len(codes)), *_area_items(figures, codes, lang))
    else:
        area = (t("brief.view.city", lang, n=len(figures), k=figures["kode_kecamatan"].nunique()),)
    layers = ", ".join(layer_info(k).label(lang) for k in LAYER_KEYS if k in view.layers)
    basemap = t(f"map.basemap.{view.basemap}", lang) if view.basemap in ("none", "osm", "light") else view.basemap
    terms = (
        (t("brief.view.area", lang), area),
        (t("brief.view.measure", lang), (_measure_text(classes, lang),)),
        (t("brief.view.layers", lang), (layers or t("brief.view.layers_none", lang),)),
        (t("brief.view.basemap", lang), (basemap,)),
        (t("brief.view.language", lang), (t(f"brief.language.{lang}", lang),)),
    )
    return Section("view", t("brief.view.heading", lang), terms=terms)


def _scope_cells(data: MapData, codes: Sequence[str], lang: str) -> dict[str, Text]:
    """The headline figures of ``codes`` (the whole city when empty), each with its status."""
    pack, figures = data.pack, data.figures
    fig = dict(selection_summary(figures, list(codes)))
    if not codes:  # the whole city: as the map data measured it over the city outline
        city = data.city
        fig.update(share_4g=city.share_4g, share_3g_only=city.share_3g_only, area_km2=city.area_km2)
    in_scope = list(codes) if codes else list(figures["kode"])
    kel_status = pack.meta("kelurahan").status
    coverage = weakest(rules.COMPUTED, _rows_status(pack, "cell_sites"))
    public, internal = int(fig["hotspots_public"]), int(fig["hotspots_internal"])
    return {
        "kelurahan": figure(
            format_number(fig["kelurahan"], lang),
            kel_status,
            t("brief.fig.kelurahan_detail", lang, n=format_number(fig["kecamatan"], lang)),
        ),
        "area": figure(format_area_km2(fig["area_km2"], lang), weakest(rules.COMPUTED, kel_status)),
        "hotspots": figure(
            f"{format_number(public, lang)} / {format_number(internal, lang)}",
            _rows_status(pack, "hotspots", in_scope),
            t(
                "brief.fig.hotspots_detail",
                lang,
                public=format_number(public, lang),
                internal=format_number(internal, lang),
            ),
        ),
        "share_4g": figure(share_4g_text(fig["share_4g"], lang), coverage),
        "share_3g": figure(format_share(fig["share_3g_only"], lang), coverage),
        "fibre": figure(
            format_number(fig["kelurahan_with_fibre"], lang),
            _rows_status(pack, "broadband", in_scope),
            t("brief.fig.fibre_detail", lang, total=format_number(fig["kelurahan"], lang)),
        ),
    }


def _headline_section(data: MapData, codes: list[str], lang: str) -> Section:
    keys = ("kelurahan", "area", "hotspots", "share_4g", "share_3g", "fibre")
    city = _scope_cells(data, [], lang)
    if codes:
        chosen = _scope_cells(data, codes, lang)
        heads = (
            Head(t("brief.col.figure", lang)),
            Head(t("brief.col.selection", lang)),
            Head(t("brief.col.city", lang)),
        )
        rows = tuple(Row((Cell(text(t(f"brief.fig.{k}", lang))), Cell(chosen[k]), Cell(city[k]))) for k in keys)
    else:
        heads = (Head(t("brief.col.figure", lang)), Head(t("brief.col.value", lang)))
        rows = tuple(Row((Cell(text(t(f"brief.fig.{k}", lang))), Cell(city[k]))) for k in keys)
    pack = data.pack
    absent = [k for k in pack.metas if not pack.supplied(k)]
    missing = (
        (
            text(
                f"{t('missing.intro', lang, items=', '.join(pack.meta(k).title(lang) for k in absent))} {t('missing.how', lang)}"
            ),
        )
        if absent
        else ()
    )
    notes = (t("brief.figures.computed_note", lang),)
    if pack.supplied("hotspots"):
        notes = (t("brief.figures.note", lang), *notes)
    return Section(
        "figures", t("brief.figures.heading", lang), before=missing, table=Table(heads, rows, "figures"), notes=notes
    )


def _kelurahan_section(data: MapData, codes: list[str], lang: str) -> Section:
    """One row per kelurahan of the selection (all when none): the figures the map shows."""
    pack, figures = data.pack, data.figures
    part = figures[figures["kode"].isin(codes)] if codes else figures
    in_scope = list(part["kode"])
    kel_status = pack.meta("kelurahan").status
    statuses = {
        "area": weakest(rules.COMPUTED, kel_status),
        "coverage": weakest(rules.COMPUTED, _rows_status(pack, "cell_sites")),
        "fibre": _rows_status(pack, "broadband", in_scope),
        "hotspots": _rows_status(pack, "hotspots", in_scope),
    }
    # a column from data the region has not supplied is left out: no column of zeros
    keep = [True, True, True] + [statuses[k] != rules.NONE for k in ("coverage", "coverage", "fibre", "hotspots")]
    heads = (
        Head(t("tip.kelurahan", lang)),
        Head(t("tip.kecamatan", lang)),
        Head(t("brief.kel.area", lang), statuses["area"], num=True),
        Head(t("brief.kel.share_4g", lang), statuses["coverage"], num=True),
        Head(t("brief.kel.share_3g", lang), statuses["coverage"], num=True),
        Head(t("brief.kel.fibre", lang), statuses["fibre"]),
        Head(t("brief.kel.hotspots", lang), statuses["hotspots"], num=True),
    )
    heads = tuple(h for h, k in zip(heads, keep, strict=True) if k)
    rows = []
    for _, rec in part.iterrows():
        fibre = rec["fibre"]
        fibre_word = "" if is_missing(fibre) else t("common.yes" if bool(fibre) else "common.no", lang)
        cells = (
            Cell(text(rec["kelurahan"])),
            Cell(text(rec["kecamatan"])),
            Cell((Part(format_number(rec["area_km2"], lang, rules.AREA_DECIMALS), value=True),), num=True),
            Cell((Part(share_4g_text(rec["share_4g"], lang), value=True),), num=True),
            Cell((Part(format_share(rec["share_3g_only"], lang), value=True),), num=True),
            Cell((Part(fibre_word or format_number(None, lang), value=True),)),
            Cell(
                (
                    Part(
                        f"{format_number(rec['hotspots_public'], lang)} / "
                        f"{format_number(rec['hotspots_internal'], lang)}",
                        value=True,
                    ),
                ),
                num=True,
            ),
        )
        rows.append(Row(tuple(c for c, k in zip(cells, keep, strict=True) if k)))
    heading = t("brief.kel.heading_selection" if codes else "brief.kel.heading_city", lang, n=len(rows))
    return Section(
        "kelurahan", heading, table=Table(heads, tuple(rows), "kelurahan"), notes=(t("brief.kel.note", lang),)
    )


def _hotspots_section(data: MapData, codes: list[str], lang: str) -> Section | None:
    """The mapped Wi-Fi hotspots of the selection, by name, with how each was placed."""
    if not codes:
        return None
    hs = data.pack.table("hotspots")
    hs = hs[hs["kelurahan_code"].isin(codes)]
    names = dict(zip(data.figures["kode"], data.figures["kelurahan"], strict=True))
    heads = (
        Head(t("brief.hs.name", lang)),
        Head(t("tip.kelurahan", lang)),
        Head(t("tip.type", lang)),
        Head(t("tip.position", lang)),
        Head(t("status.label", lang)),
    )
    rows = []
    for _, rec in hs.iterrows():
        name = localized(rec, "name", lang)
        rows.append(
            Row(
                (
                    Cell(text(name)),
                    Cell(text(names.get(rec["kelurahan_code"], rec["kelurahan_code"]))),
                    Cell(text(t(f"hotspot.{rec['type']}", lang))),
                    Cell(text(t(f"position.{rec['position_method']}", lang))),
                    Cell((Part(status=weakest(data.pack.meta("hotspots").declared_status, rec["status"])),)),
                )
            )
        )
    if not rows:
        return Section("hotspots", t("brief.hs.heading", lang), before=(text(t("brief.hs.none", lang)),))
    return Section(
        "hotspots", t("brief.hs.heading", lang), table=Table(heads, tuple(rows)), notes=(t("brief.hs.note", lang),)
    )


def _gaps_section(data: MapData, codes: list[str], lang: str) -> Section:
    pack, figures = data.pack, data.figures
    table = planning.gaps(figures, min_share_4g=rules.MIN_SHARE_4G, codes=codes, lang=lang)
    intro = text(t("brief.gaps.intro", lang, threshold=format_percent(rules.MIN_SHARE_4G, lang)))
    heading = t("brief.gaps.heading", lang)
    absent = [k for k in ("hotspots", "cell_sites", "broadband") if not pack.supplied(k)]
    if absent:  # a gap is a fact about these datasets: none is claimed without them
        items = ", ".join(pack.meta(k).title(lang) for k in absent)
        return Section("gaps", heading, before=(intro, text(t("missing.intro", lang, items=items))))
    if table.empty:
        return Section("gaps", heading, before=(intro, text(t("brief.gaps.none", lang))))
    total = len(codes) if codes else len(figures)
    in_scope = list(table["kode"])
    reason_status = {
        "no_public_hotspot": _rows_status(pack, "hotspots", in_scope),
        "low_4g": weakest(rules.COMPUTED, _rows_status(pack, "cell_sites")),
        "no_fibre": _rows_status(pack, "broadband", in_scope),
    }
    mark = t("brief.gaps.mark", lang)
    heads = (Head(t("tip.kelurahan", lang)), Head(t("tip.kecamatan", lang))) + tuple(
        Head(t(f"gap.col.{r}", lang), reason_status[r]) for r in planning.GAP_REASONS
    )
    rows = []
    for _, rec in table.iterrows():
        cells = [Cell(text(rec["kelurahan"])), Cell(text(rec["kecamatan"]))]
        for reason in planning.GAP_REASONS:
            if not rec[reason]:
                cells.append(Cell(mark=True))
            elif reason == "low_4g":
                cells.append(Cell((Part(f"{mark} {share_4g_text(rec['share_4g'], lang)}", value=True),), mark=True))
            else:
                cells.append(Cell((Part(mark, value=True),), mark=True))
        rows.append(Row(tuple(cells)))
    count = text(t("gap.count", lang, n=len(table), total=total))
    return Section("gaps", heading, before=(intro, count), table=Table(heads, tuple(rows)))


# --------------------------------------------------------------------------------------
# The document


def _statuses_used(sections: Iterable[Section], extra: Iterable[str] = ()) -> tuple[str, ...]:
    used = set(extra)
    for section in sections:
        pieces: list[Text] = [*section.before, *section.callouts]
        if section.table is not None:
            used |= {h.status for h in section.table.heads if h.status}
            pieces += [cell.parts for row in section.table.rows for cell in row.cells]
        used |= {p.status for parts in pieces for p in parts if p.status}
    return tuple(s for s in rules.BADGE_STATUSES if s in used)


def build_model(
    data: MapData,
    view: ViewState,
    lang: str,
    *,
    generated: datetime.date,
    link: str | None,
    with_map: bool = True,
) -> Briefing:
    """The briefing of ``view`` in ``lang`` as data (see :func:`smartcity_geo.briefing.build_briefing`)."""
    lang = normalise_lang(lang)
    figures = data.figures
    codes = _check_codes(figures, view.kelurahan)
    year = last_complete_year(generated)
    scope = (
        ", ".join(figures.loc[figures["kode"].isin(codes), "kelurahan"]) if codes else t("sidebar.selection_all", lang)
    )
    classes = _measure_classes(data, view, lang)
    sections = tuple(
        s
        for s in (
            _view_section(figures, view, codes, lang, classes),
            _headline_section(data, codes, lang),
            _kelurahan_section(data, codes, lang),
            _hotspots_section(data, codes, lang),
            facts_section(data, lang),
            _gaps_section(data, codes, lang),
            elements_section(data, year, lang),
            budget_section(data, year, lang),
            sources_section(data, lang),
        )
        if s is not None
    )
    picture = None
    map_statuses: list[str] = [data.pack.meta("kelurahan").status]
    if with_map:
        shown = [k for k in LAYER_KEYS if k in view.layers]
        map_statuses += [layer_info(k).status(data.pack) for k in shown]
        layers = ", ".join(
            f"{layer_info(k).label(lang)} ({t(f'status.{layer_info(k).status(data.pack)}', lang)})" for k in shown
        )
        if classes is not None:  # the measure the map was coloured by, with its status
            map_statuses.append(classes.status)
            layers = ", ".join(part for part in (_measure_text(classes, lang), layers) if part)
        picture = MapPicture(
            uri=png_data_uri(render_map_png(data, codes, shown, lang, classes=classes)),
            alt=t("brief.map.alt", lang, scope=scope, layers=layers or t("brief.view.layers_none", lang)),
            caption=t("brief.map.caption", lang, layers=layers or t("brief.view.layers_none", lang)),
        )
    statuses = _statuses_used(sections, map_statuses)
    return Briefing(
        lang=lang,
        title=t("brief.title", lang),
        scope=scope,
        kicker=t("brief.kicker", lang),
        date=format_date(generated, lang),
        meta=t("brief.meta", lang, date=format_date(generated, lang), version=data.pack.version),
        intro=t("brief.intro", lang),
        sample_note=t("brief.sample_note", lang) if "sample" in statuses else None,
        map=picture,
        sections=sections,
        statuses=statuses,
        link=link,
        link_note=t("brief.link.note", lang) if link else t("brief.link.unset", lang),
        footer=t("brief.footer", lang),
    )
