"""The briefing: one self-contained HTML document about the view shown in a meeting.

Officials screen-share the dashboard with assessors and send this document afterwards. It
holds, for the view (whole city or a selection of kelurahan): the headline figures, the
official facts with their sources, the gaps, the six elements' achievement and the budget
of the last complete year(s), a data-status legend, the sources, and a link that reopens
the same view.

Pure functions, no Streamlit. The document has inline CSS only: no script, no external
asset (no font, image or stylesheet is fetched), so it opens offline and prints to an A4
PDF from any browser.

NOTE: every value that comes from the data pack or the URL is escaped with
:func:`html.escape` here, and only ``http``/``https`` addresses become links; strings
from :mod:`smartcity_geo.strings` are escaped too, so a translation can never inject markup.
"""

from __future__ import annotations

import datetime
import html
import re
from collections.abc import Iterable, Sequence
from dataclasses import replace
from urllib.parse import urlencode, urlsplit, urlunsplit

import pandas as pd
from babel.dates import format_date

from . import analytics, planning, programme
from .badges import status_badge
from .catalog import format_fact
from .datapack import DataPack
from .formatting import (
    MISSING,
    format_number,
    format_percent,
    format_rupiah,
    format_signed_percent,
    format_year,
    is_missing,
)
from .layers import LAYERS
from .rules import last_complete_year
from .schema import PERIOD_START
from .strings import normalise_lang, t
from .viewstate import ViewState, to_query

PAGE_PATH = "briefing"  # the briefing page's url_path, stripped from the app URL
MIN_SHARE_4G = 0.5  # a kelurahan with less of its area under 4G is a gap
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
_URL = re.compile(r"https?://[^\s<>\"']+")
_URL_TRAIL = ".,;:)]"

CSS = """
@page { size: A4; margin: 16mm 15mm 16mm 15mm; }
* { box-sizing: border-box; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
html { background: #F4F6F8; }
body {
  margin: 0 auto; max-width: 190mm; padding: 14mm 15mm; background: #FFFFFF;
  font-family: "Segoe UI", "Noto Sans", "Helvetica Neue", Arial, sans-serif;
  font-size: 10.5pt; line-height: 1.45; color: #1B2733;
}
header { border-bottom: 2px solid #1B2733; padding-bottom: 8px; margin-bottom: 14px; }
.kicker { font-size: 8.5pt; letter-spacing: 0.06em; text-transform: uppercase; color: #5B6776; margin: 0; }
h1 { font-size: 20pt; line-height: 1.2; margin: 4px 0 2px 0; font-weight: 650; }
.meta { color: #5B6776; font-size: 9pt; margin: 0; }
h2 {
  font-size: 12.5pt; margin: 18px 0 6px 0; padding-top: 6px; border-top: 1px solid #D5DCE4;
  font-weight: 650; break-after: avoid; page-break-after: avoid;
}
p { margin: 4px 0 8px 0; }
.lead { font-size: 10.5pt; }
.note { color: #4B5563; font-size: 9pt; }
.callout {
  border-left: 4px solid #C98A3D; background: #FDF6EC; padding: 6px 10px; margin: 8px 0;
  font-size: 9.5pt;
}
.callout.flag { border-left-color: #B5483B; background: #FBEFED; }
.callout p { margin: 2px 0; }
table { width: 100%; border-collapse: collapse; margin: 4px 0 8px 0; font-size: 9.5pt; }
th {
  text-align: left; font-weight: 600; color: #374151; font-size: 8.5pt; border-bottom: 1.5px solid #9AA5B1;
  padding: 4px 6px; vertical-align: bottom;
}
td { border-bottom: 1px solid #E3E8EE; padding: 4px 6px; vertical-align: top; }
tr { break-inside: avoid; page-break-inside: avoid; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.mark { text-align: center; color: #B5483B; }
td.src { font-size: 8.5pt; color: #4B5563; overflow-wrap: anywhere; }
table.figures td:first-child { width: 40%; }
table.facts td:first-child { width: 30%; }
table.facts td.src { width: 34%; }
tr.total td { font-weight: 600; border-top: 1.5px solid #9AA5B1; }
tr.flagged td { background: #FBEFED; }
.value { font-weight: 650; font-size: 11pt; font-variant-numeric: tabular-nums; }
.detail { display: block; color: #5B6776; font-size: 8.5pt; }
.status-badge { font-size: 7.5pt !important; vertical-align: 1px; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 4px 0 8px 0; }
dt { color: #5B6776; }
dd { margin: 0; }
ul.plain { margin: 2px 0; padding-left: 18px; }
.legend p { margin: 3px 0; }
.link { font-family: "Consolas", "DejaVu Sans Mono", monospace; font-size: 9pt; overflow-wrap: anywhere; }
a { color: #1D4E89; }
footer { margin-top: 18px; padding-top: 6px; border-top: 1px solid #D5DCE4; color: #5B6776; font-size: 8.5pt; }
@media print {
  html { background: #FFFFFF; }
  body { max-width: none; padding: 0; }
}
"""


# --------------------------------------------------------------------------------------
# Link and file name


def view_link(app_url: str | None, view: ViewState, *, page: str = PAGE_PATH) -> str:
    """The address that reopens ``view``: the app's base URL plus the view's query string.

    ``app_url`` is the address the browser shows (``st.context.url``, e.g.
    ``https://host/base/briefing``); its query and fragment are dropped and so is the
    trailing ``page`` segment, so that an app served under a base path keeps it. When
    ``app_url`` is missing or not http(s), a relative link (``?lang=en&kel=...``) is returned.
    """
    query = urlencode(to_query(view))
    parts = urlsplit(app_url or "")
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return "?" + query if query else "?"
    path = parts.path.rstrip("/")
    if page and path.split("/")[-1] == page:
        path = path[: -len(page)]
    path = path.rstrip("/") + "/"
    return urlunsplit((parts.scheme, parts.netloc, path, query, ""))


def briefing_filename(view: ViewState, generated: datetime.date) -> str:
    """``briefing_pasuruan_<semua|codes>_<yyyymmdd>.html`` (``_en`` added for English).

    Up to three kelurahan codes are named (joined by ``-``); more are written as their
    number (``12kel``) to keep the name short.
    """
    codes = sorted(view.kelurahan)
    if not codes:
        scope = "semua"
    elif len(codes) <= 3:
        scope = "-".join(codes)
    else:
        scope = f"{len(codes)}kel"
    suffix = "_en" if normalise_lang(view.lang) == "en" else ""
    return f"briefing_pasuruan_{scope}_{generated:%Y%m%d}{suffix}.html"


# --------------------------------------------------------------------------------------
# Small HTML helpers (everything that goes into the document passes through these)


def _e(value: object) -> str:
    return html.escape("" if is_missing(value) else str(value))


def _is_web_link(url: str) -> bool:
    parts = urlsplit(url.strip())
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc) and url.strip() == url


def _anchor(url: str, text: str | None = None) -> str:
    """``<a>`` for an http(s) address, else the escaped text: never a ``javascript:`` link."""
    if not _is_web_link(url):
        return _e(text if text is not None else url)
    return f'<a href="{html.escape(url, quote=True)}">{_e(text if text is not None else url)}</a>'


def _linkify(text: object, *, host_only: bool = False) -> str:
    """Escape ``text``; its http(s) addresses become links (shown as their host if ``host_only``)."""
    raw = "" if is_missing(text) else str(text)
    out, last = [], 0
    for match in _URL.finditer(raw):
        url = match.group(0).rstrip(_URL_TRAIL)
        end = match.start() + len(url)
        out.append(_e(raw[last : match.start()]))
        out.append(_anchor(url, urlsplit(url).netloc if host_only else url))
        last = end
    out.append(_e(raw[last:]))
    return "".join(out)


def _badge(status: object, lang: str) -> str:
    return MISSING if is_missing(status) else status_badge(str(status), lang)


def _weakest(*statuses: object) -> str:
    return programme.weakest_status(statuses) or "sample"


def _table(heads: Sequence[tuple[str, str]], rows: Iterable[str], css_class: str = "") -> str:
    """A table from (escaped head, css class) pairs and ready ``<tr>`` rows."""
    cls_attr = f' class="{css_class}"' if css_class else ""
    head = "".join(f'<th class="{cls}">{text}</th>' if cls else f"<th>{text}</th>" for text, cls in heads)
    return f"<table{cls_attr}><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def _date(generated: datetime.date, lang: str) -> str:
    return format_date(generated, format="long", locale=normalise_lang(lang))


def _as_of(text: object, lang: str) -> str:
    """``2023-10-21`` -> ``21 Okt 2023``; ``2025-06`` -> ``Jun 2025``; anything else unchanged."""
    raw = "" if is_missing(text) else str(text).strip()
    locale = normalise_lang(lang)
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", raw):
            return format_date(datetime.date.fromisoformat(raw), format="d MMM y", locale=locale)
        if re.fullmatch(r"\d{4}-\d{2}", raw):
            return format_date(datetime.date.fromisoformat(raw + "-01"), format="MMM y", locale=locale)
    except ValueError:
        return raw
    return raw


def _section(heading: str, body: str) -> str:
    return f"<section><h2>{_e(heading)}</h2>{body}</section>"


# --------------------------------------------------------------------------------------
# Sections


def _check_codes(figures: pd.DataFrame, codes: Sequence[str]) -> list[str]:
    unknown = sorted(set(codes) - set(figures["kode"]))
    if unknown:
        raise ValueError(
            f"unknown kelurahan code(s) {', '.join(unknown)} in the view: expected codes of the figures "
            "table (35.75.KK.DDDD); read the view with viewstate.from_query(params, known_codes)"
        )
    return sorted(dict.fromkeys(codes))


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


def _view_section(figures: pd.DataFrame, view: ViewState, codes: list[str], lang: str) -> str:
    if codes:
        items = "".join(f"<li>{_e(item)}</li>" for item in _area_items(figures, codes, lang))
        area = f"{_e(t('brief.view.selection', lang, n=len(codes)))}<ul class=\"plain\">{items}</ul>"
    else:
        area = _e(t("brief.view.city", lang, n=len(figures), k=figures["kode_kecamatan"].nunique()))
    layers = ", ".join(spec.label(lang) for spec in LAYERS if spec.key in view.layers)
    basemap = t(f"map.basemap.{view.basemap}", lang) if view.basemap in ("none", "osm", "light") else view.basemap
    rows = [
        (t("brief.view.area", lang), area),
        (t("brief.view.layers", lang), _e(layers or t("brief.view.layers_none", lang))),
        (t("brief.view.basemap", lang), _e(basemap)),
        (t("brief.view.language", lang), _e(t(f"brief.language.{normalise_lang(lang)}", lang))),
    ]
    body = "".join(f"<dt>{_e(k)}</dt><dd>{v}</dd>" for k, v in rows)
    return _section(t("brief.view.heading", lang), f"<dl>{body}</dl>")


def whole_city(pack: DataPack, figures: pd.DataFrame) -> analytics.CitySummary:
    """The whole-city summary, coverage measured over the city outline as the map screen does.

    NOTE: this buffers every cell site; the app passes the summary it prepared once
    (``MapData.city``) instead of calling this on every rerun.
    """
    outline = analytics.city_outline(pack.table("kelurahan"))
    coverage = analytics.coverage_areas(pack.table("cell_sites"), outline)
    return analytics.city_summary(figures, pack.table("hotspots"), coverage, outline)


def _scope_figures(
    pack: DataPack, figures: pd.DataFrame, codes: Sequence[str], city: analytics.CitySummary
) -> dict[str, object]:
    """The headline numbers of ``codes`` (all kelurahan when empty) and each one's data status."""
    summary = analytics.selection_summary(figures, list(codes))
    if not codes:  # the whole city: coverage over the city outline, as the map screen shows it
        summary.update(share_4g=city.share_4g, share_3g_only=city.share_3g_only)
    in_scope = set(codes) if codes else set(figures["kode"])
    hotspots = pack.table("hotspots")
    broadband = pack.table("broadband")
    statuses = {
        "kelurahan": _weakest(pack.meta("kelurahan").status),
        "hotspots": _weakest(
            pack.meta("hotspots").status, *hotspots.loc[hotspots["kelurahan_code"].isin(in_scope), "status"]
        ),
        "coverage": _weakest(pack.meta("cell_sites").status),
        "fibre": _weakest(
            pack.meta("broadband").status, *broadband.loc[broadband["kelurahan_code"].isin(in_scope), "status"]
        ),
    }
    return {**summary, "statuses": statuses}


def _figure_cells(fig: dict[str, object], lang: str) -> dict[str, str]:
    """Value cells (value, detail, status badge) of one scope, by figure key."""
    status = fig["statuses"]

    def cell(value: str, status: str, detail: str = "") -> str:
        more = f'<span class="detail">{_e(detail)}</span>' if detail else ""
        return f'<span class="value">{_e(value)}</span> {_badge(status, lang)}{more}'

    public, internal = int(fig["hotspots_public"]), int(fig["hotspots_internal"])
    return {
        "kelurahan": cell(
            format_number(fig["kelurahan"], lang),
            status["kelurahan"],
            t("brief.fig.kelurahan_detail", lang, n=format_number(fig["kecamatan"], lang)),
        ),
        "hotspots": cell(
            f"{format_number(public, lang)} / {format_number(internal, lang)}",
            status["hotspots"],
            t(
                "brief.fig.hotspots_detail",
                lang,
                public=format_number(public, lang),
                internal=format_number(internal, lang),
            ),
        ),
        "share_4g": cell(format_percent(fig["share_4g"], lang), status["coverage"]),
        "share_3g": cell(format_percent(fig["share_3g_only"], lang), status["coverage"]),
        "fibre": cell(
            format_number(fig["kelurahan_with_fibre"], lang),
            status["fibre"],
            t("brief.fig.fibre_detail", lang, total=format_number(fig["kelurahan"], lang)),
        ),
    }


def _figures_section(
    pack: DataPack, figures: pd.DataFrame, codes: list[str], lang: str, summary: analytics.CitySummary
) -> str:
    keys = ("kelurahan", "hotspots", "share_4g", "share_3g", "fibre")
    city = _figure_cells(_scope_figures(pack, figures, [], summary), lang)
    if codes:
        chosen = _figure_cells(_scope_figures(pack, figures, codes, summary), lang)
        heads = [(_e(t("brief.col.figure", lang)), ""), (_e(t("brief.col.selection", lang)), ""),
                 (_e(t("brief.col.city", lang)), "")]
        rows = [f"<tr><td>{_e(t(f'brief.fig.{k}', lang))}</td><td>{chosen[k]}</td><td>{city[k]}</td></tr>" for k in keys]
    else:
        heads = [(_e(t("brief.col.figure", lang)), ""), (_e(t("brief.col.value", lang)), "")]
        rows = [f"<tr><td>{_e(t(f'brief.fig.{k}', lang))}</td><td>{city[k]}</td></tr>" for k in keys]
    note = f'<p class="note">{_e(t("brief.figures.note", lang))}</p>'
    return _section(t("brief.figures.heading", lang), _table(heads, rows, "figures") + note)


def _facts_section(pack: DataPack, lang: str) -> str:
    if not pack.has("facts"):
        return ""
    facts = pack.table("facts")
    label = "label_en" if normalise_lang(lang) == "en" else "label_id"
    rows = [
        "<tr>"
        f"<td>{_e(rec[label])}</td>"
        f'<td class="num"><span class="value">{_e(format_fact(rec["value"], rec["unit"], lang))}</span></td>'
        f'<td class="num">{_e(_as_of(rec["as_of"], lang))}</td>'
        f"<td>{_badge(rec['status'], lang)}</td>"
        f'<td class="src">{_linkify(rec["source"], host_only=True)}</td>'
        "</tr>"
        for _, rec in facts.iterrows()
    ]
    heads = [
        (_e(t("catalog.fact", lang)), ""),
        (_e(t("catalog.value", lang)), "num"),
        (_e(t("common.as_of", lang)), "num"),
        (_e(t("status.label", lang)), ""),
        (_e(t("common.source", lang)), ""),
    ]
    return _section(t("brief.facts.heading", lang), _table(heads, rows, "facts"))


def _decimals_below(share: float, threshold: float) -> int:
    """Fewest decimals (0-2) at which ``share`` still reads below ``threshold`` (49,6 %, not 50 %)."""
    for decimals in (0, 1, 2):
        if round(share * 100, decimals) < round(threshold * 100, decimals):
            return decimals
    return 2


def _gaps_section(pack: DataPack, figures: pd.DataFrame, codes: list[str], lang: str) -> str:
    table = planning.gaps(figures, min_share_4g=MIN_SHARE_4G, codes=codes, lang=lang)
    threshold = format_percent(MIN_SHARE_4G, lang)
    intro = f"<p>{_e(t('brief.gaps.intro', lang, threshold=threshold))}</p>"
    if table.empty:
        return _section(t("brief.gaps.heading", lang), intro + f"<p>{_e(t('brief.gaps.none', lang))}</p>")
    total = len(codes) if codes else len(figures)
    count = f"<p>{_e(t('gap.count', lang, n=len(table), total=total))}</p>"
    reason_status = {
        "no_public_hotspot": pack.meta("hotspots").status,
        "low_4g": pack.meta("cell_sites").status,
        "no_fibre": pack.meta("broadband").status,
    }
    mark = _e(t("brief.gaps.mark", lang))
    heads = [(_e(t("tip.kelurahan", lang)), ""), (_e(t("tip.kecamatan", lang)), "")] + [
        (f"{_e(t(f'gap.col.{r}', lang))}<br>{_badge(reason_status[r], lang)}", "")
        for r in planning.GAP_REASONS
    ]
    rows = []
    for _, rec in table.iterrows():
        cells = []
        for reason in planning.GAP_REASONS:
            if not rec[reason]:
                cells.append('<td class="mark"></td>')
            elif reason == "low_4g":
                share = format_percent(rec["share_4g"], lang, _decimals_below(rec["share_4g"], MIN_SHARE_4G))
                cells.append(f'<td class="mark">{mark} {_e(share)}</td>')
            else:
                cells.append(f'<td class="mark">{mark}</td>')
        rows.append(f"<tr><td>{_e(rec['kelurahan'])}</td><td>{_e(rec['kecamatan'])}</td>{''.join(cells)}</tr>")
    return _section(t("brief.gaps.heading", lang), intro + count + _table(heads, rows))


def _elements_section(pack: DataPack, year: int, lang: str) -> str:
    heading = t("brief.elements.heading", lang, year=format_year(year))
    if not programme.has_programme(pack):
        return _section(heading, f"<p>{_e(t('prog.missing_datasets', lang))}</p>")
    tables = programme.tables_of(pack)
    rollup = programme.element_rollup(tables["indicators"], tables["indicator_values"], years=[year])
    if rollup.empty:
        return _section(heading, f"<p>{_e(t('brief.elements.none', lang, year=format_year(year)))}</p>")
    name_col = "name_en" if normalise_lang(lang) == "en" else "name_id"
    names = dict(zip(tables["elements"]["code"], tables["elements"][name_col], strict=True))
    order = {code: i for i, code in enumerate(tables["elements"]["code"])}
    rollup = rollup.sort_values("element", key=lambda s: s.map(order).fillna(len(order)), kind="stable")
    rows = []
    for _, rec in rollup.iterrows():
        rows.append(
            "<tr>"
            f"<td>{_e(names.get(rec['element'], rec['element']))}</td>"
            f'<td class="num"><span class="value">{_e(format_percent(rec["achievement"], lang))}</span></td>'
            f'<td class="num">{_e(format_number(rec["n_on_track"], lang))}</td>'
            f'<td class="num">{_e(format_number(rec["n_behind"], lang))}</td>'
            f'<td class="num">{_e(format_number(rec["n_no_data"], lang))}</td>'
            f"<td>{_badge(rec['status'], lang)}</td>"
            "</tr>"
        )
    sums = {k: int(rollup[k].sum()) for k in ("n_on_track", "n_behind", "n_no_data")}
    rows.append(
        '<tr class="total">'
        f"<td>{_e(t('brief.total', lang))}</td><td></td>"
        + "".join(f'<td class="num">{_e(format_number(v, lang))}</td>' for v in sums.values())
        + f"<td>{_badge(programme.weakest_status(rollup['status']), lang)}</td></tr>"
    )
    heads = [
        (_e(t("prog.element", lang)), ""),
        (_e(t("ind.col.achievement", lang)), "num"),
        (_e(t("ind.state.on_track", lang)), "num"),
        (_e(t("ind.state.behind", lang)), "num"),
        (_e(t("ind.state.no_data", lang)), "num"),
        (_e(t("status.label", lang)), ""),
    ]
    summary = t(
        "ind.state_counts",
        lang,
        on_track=format_number(sums["n_on_track"], lang),
        behind=format_number(sums["n_behind"], lang),
        no_data=format_number(sums["n_no_data"], lang),
    )
    note = f'<p class="note">{_e(t("brief.elements.note", lang, year=format_year(year)))}</p>'
    return _section(heading, f"<p>{_e(summary)}</p>" + _table(heads, rows) + note)


def _budget_section(pack: DataPack, year: int, lang: str) -> str:
    if not programme.has_programme(pack):
        return ""
    totals = programme.budget_totals(pack.table("budget"))
    shown = totals[(totals["year"] >= PERIOD_START) & (totals["year"] <= year)]
    if shown.empty:
        heading = t("brief.budget.heading", lang, first=format_year(PERIOD_START), last=format_year(year))
        return _section(heading, f"<p>{_e(t('brief.budget.none', lang))}</p>")
    first, last = int(shown["year"].min()), int(shown["year"].max())
    heading = t("brief.budget.heading", lang, first=format_year(first), last=format_year(last))
    rows = []
    for _, rec in shown.iterrows():
        flagged = bool(rec["not_rising"])
        rows.append(
            f'<tr class="{"flagged" if flagged else ""}">'
            f"<td>{_e(format_year(rec['year']))}</td>"
            f'<td class="num"><span class="value">{_e(format_rupiah(rec["planned"], lang))}</span></td>'
            f'<td class="num">{_e(format_rupiah(rec["realised"], lang))}</td>'
            f'<td class="num">{_e(format_rupiah(rec["change"], lang, signed=True))}</td>'
            f'<td class="num">{_e(format_signed_percent(rec["change_pct"], lang))}</td>'
            f"<td>{_e(t('bud.flag', lang)) if flagged else ''}</td>"
            f"<td>{_badge(rec['status'], lang)}</td>"
            "</tr>"
        )
    heads = [
        (_e(t("bud.col.year", lang)), ""),
        (_e(t("bud.col.planned", lang)), "num"),
        (_e(t("bud.col.realised", lang)), "num"),
        (_e(t("bud.col.change", lang)), "num"),
        (_e(t("bud.col.change_pct", lang)), "num"),
        (_e(t("bud.col.flag", lang)), ""),
        (_e(t("bud.col.data_status", lang)), ""),
    ]
    flags = shown[shown["not_rising"]]
    if len(flags):
        sentences = "".join(
            "<p>"
            + _e(
                t(
                    "bud.flag_detail",
                    lang,
                    year=format_year(rec["year"]),
                    previous=format_year(int(rec["year"]) - 1),
                    change=format_rupiah(rec["change"], lang, signed=True),
                    change_pct=format_signed_percent(rec["change_pct"], lang),
                )
            )
            + "</p>"
            for _, rec in flags.iterrows()
        )
        flag_box = f'<div class="callout flag">{sentences}</div>'
    else:
        flag_box = f"<p>{_e(t('bud.all_rising', lang))}</p>"
    note = f'<p class="note">{_e(t("brief.budget.note", lang))}</p>'
    return _section(heading, flag_box + _table(heads, rows) + note)


def _legend_section(lang: str) -> str:
    lines = "".join(
        f"<p>{status_badge(s, lang)} {_e(t(f'status.help.{s}', lang))}</p>" for s in programme.STATUS_ORDER
    )
    return _section(t("brief.status.heading", lang), f'<div class="legend">{lines}</div>')


def _sources_section(pack: DataPack, lang: str) -> str:
    rows = []
    for key in SOURCE_DATASETS:
        if key not in pack.metas:
            continue
        meta = pack.meta(key)
        link = f"<br>{_anchor(meta.source_url)}" if meta.source_url else ""
        rows.append(
            "<tr>"
            f"<td>{_e(meta.title(lang))}</td>"
            f"<td>{_badge(meta.status, lang)}</td>"
            f'<td class="src">{_linkify(meta.source)}{link}</td>'
            f'<td class="num">{_e(_as_of(meta.as_of, lang))}</td>'
            "</tr>"
        )
    heads = [
        (_e(t("catalog.dataset", lang)), ""),
        (_e(t("status.label", lang)), ""),
        (_e(t("common.source", lang)), ""),
        (_e(t("common.as_of", lang)), "num"),
    ]
    return _section(t("brief.sources.heading", lang), _table(heads, rows))


def _link_section(link: str, lang: str) -> str:
    if _is_web_link(link):
        shown = f'<p class="link">{_anchor(link)}</p>'
    else:  # relative or unusable: shown as text, never as a link
        shown = f'<p>{_e(t("brief.link.relative", lang))}</p><p class="link">{_e(link)}</p>'
    return _section(t("brief.link.heading", lang), f"<p>{_e(t('brief.link.note', lang))}</p>{shown}")


# --------------------------------------------------------------------------------------
# The document


def build_briefing(
    pack: DataPack,
    figures: pd.DataFrame,
    view: ViewState,
    lang: str,
    *,
    link: str,
    generated: datetime.date,
    city: analytics.CitySummary | None = None,
) -> str:
    """The briefing for ``view`` as one self-contained HTML document in ``lang``.

    Parameters
    ----------
    pack
        The data pack (tables and their manifest entries).
    figures
        Per-kelurahan figures (:func:`smartcity_geo.analytics.kelurahan_figures`).
    view
        The view shown; its ``kelurahan`` codes are the selection (empty = whole city).
    lang
        ``"id"`` (default) or ``"en"``.
    link
        The address that reopens the view (see :func:`view_link`); rendered as a link
        only when it is http(s), otherwise as text.
    generated
        The date printed on the document; the last complete year is the year before it.
    city
        The whole-city summary if the caller has it (``MapData.city``); computed by
        :func:`whole_city` otherwise.

    Raises
    ------
    ValueError
        When the view names a kelurahan code that is not in ``figures``.
    """
    lang = normalise_lang(lang)
    codes = _check_codes(figures, view.kelurahan)
    year = last_complete_year(generated)
    title = t("brief.title", lang)
    scope = (
        ", ".join(figures.loc[figures["kode"].isin(codes), "kelurahan"]) if codes else t("sidebar.selection_all", lang)
    )
    sample_note = f'<div class="callout"><p>{_e(t("brief.sample_note", lang))}</p></div>'
    body = "".join(
        [
            "<header>",
            f'<p class="kicker">{_e(t("brief.kicker", lang))}</p>',
            f"<h1>{_e(title)} \u2013 {_e(t('common.city', lang))}</h1>",
            f'<p class="meta">{_e(t("brief.meta", lang, date=_date(generated, lang), version=pack.version))}</p>',
            "</header>",
            f'<p class="lead">{_e(t("brief.intro", lang))}</p>',
            sample_note,
            _view_section(figures, view, codes, lang),
            _figures_section(pack, figures, codes, lang, city or whole_city(pack, figures)),
            _facts_section(pack, lang),
            _gaps_section(pack, figures, codes, lang),
            _elements_section(pack, year, lang),
            _budget_section(pack, year, lang),
            _legend_section(lang),
            _sources_section(pack, lang),
            _link_section(link, lang),
            f"<footer>{_e(t('brief.footer', lang))}</footer>",
        ]
    )
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_e(title)} \u2013 {_e(scope)} \u2013 {_e(_date(generated, lang))}</title>\n"
        f"<style>{CSS}</style>\n</head>\n<body>\n{body}\n</body>\n</html>\n"
    )


def briefing_for_view(
    pack: DataPack,
    figures: pd.DataFrame,
    view: ViewState,
    lang: str,
    *,
    app_url: str | None,
    generated: datetime.date,
    city: analytics.CitySummary | None = None,
) -> str:
    """:func:`build_briefing` with the link built from ``app_url`` for ``view`` in ``lang``."""
    lang = normalise_lang(lang)
    link = view_link(app_url, replace(view, lang=lang))
    return build_briefing(pack, figures, view, lang, link=link, generated=generated, city=city)
