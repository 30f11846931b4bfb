"""The briefing document (library) and its page (AppTest).

Figures are checked against numbers computed here from the pack's own tables, not from
the functions the briefing calls. "Today" is injected (``GENERATED``); nothing is written
into the working tree.
"""

from __future__ import annotations

import base64
import datetime
import html
import io
import re
import subprocess
import sys
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from markupsafe import escape
from PIL import Image

from smartcity_geo import programme, rules
from smartcity_geo.briefing import briefing_filename, build_briefing, view_link
from smartcity_geo.datapack import load_pack
from smartcity_geo.formatting import format_area_km2, format_number, format_share
from smartcity_geo.mapdata import prepare_map_data
from smartcity_geo.mapimage import legend_entries, render_map_png
from smartcity_geo.registry import DEFAULT_LAYERS, LAYER_KEYS
from smartcity_geo.strings import t
from smartcity_geo.viewstate import ViewState

ROOT = Path(__file__).resolve().parent.parent
GENERATED = datetime.date(2026, 11, 28)  # last complete year: 2025
LAST_YEAR = 2025
BUGUL_KIDUL = "35.75.03"
KRAPYAKREJO = "35.75.01.1007"  # Gadingrejo: low 4G, no fibre (sample broadband)
WIROGUNAN = "35.75.02.1002"  # Purworejo: a gap, but outside the selection below
PUBLIC = "https://peta.pasuruankota.example/dasbor"


@pytest.fixture(scope="module")
def pack():
    return load_pack(ROOT / "geodata")


@pytest.fixture(scope="module")
def data(pack):
    return prepare_map_data(pack)


@pytest.fixture(scope="module")
def figures(data):
    return data.figures


def _brief(data, codes=(), lang="id", *, public_url=PUBLIC, with_map=False, layers=DEFAULT_LAYERS):
    view = ViewState(lang=lang, kelurahan=tuple(codes), layers=tuple(layers))
    return build_briefing(data, view, lang, generated=GENERATED, public_url=public_url, with_map=with_map)


def _section(doc: str, heading: str) -> str:
    """The ``<section>`` whose ``<h2>`` starts with ``heading``."""
    for part in re.split(r"<section[^>]*>", doc)[1:]:
        if part.lstrip("\n").startswith(f"<h2>{escape(heading)}"):
            return part.split("</section>")[0]
    raise AssertionError(f"no section {heading!r}")


def _value_with_status(value: str, status: str) -> str:
    """A figure as the document shows it: the value, then its status badge beside it."""
    return rf'<span class="value">{re.escape(value)}</span> <span class="status-badge status-{status}"'


def _bugul_kidul(pack) -> list[str]:
    kel = pack.table("kelurahan")
    return sorted(kel.loc[kel["kode"].str.startswith(BUGUL_KIDUL), "kode"])


def _row(part: str, first_cell: str) -> str:
    """The ``<tr>`` of a table whose first cell is ``first_cell``."""
    return part.split(f"<td>{first_cell}</td>")[1].split("</tr>")[0]


# --------------------------------------------------------------------------------------
# Every figure with its status


class _Figures(HTMLParser):
    """Collects, for every figure (``span.value``), whether a status badge covers it.

    A badge covers a figure when it is in the same cell or paragraph, in the column's head,
    or in the same table row (a "data status" column).
    """

    def __init__(self) -> None:
        super().__init__()
        self.uncovered: list[str] = []
        self.figures = 0
        self._head_badges: list[bool] = []
        self._col = -1
        self._in_th = False
        self._cell: dict | None = None  # {"value": [...], "badge": bool}
        self._row: list[dict] = []
        self._para: dict | None = None
        self._in_value = False

    def handle_starttag(self, tag, attrs):
        cls = dict(attrs).get("class") or ""
        if tag == "table":
            self._head_badges = []
        elif tag == "tr":
            self._row, self._col = [], -1
        elif tag == "th":
            self._in_th = True
            self._head_badges.append(False)
        elif tag == "td":
            self._col += 1
            self._cell = {"values": [], "badge": False, "col": self._col}
        elif tag in ("p", "li") and self._cell is None:
            self._para = {"values": [], "badge": False}
        elif tag == "span" and "status-badge" in cls:
            if self._in_th:
                self._head_badges[-1] = True
            for holder in (self._cell, self._para):
                if holder is not None:
                    holder["badge"] = True
        elif tag == "span" and cls == "value":
            self._in_value = True
            self.figures += 1
            holder = self._cell if self._cell is not None else self._para
            assert holder is not None, "a figure outside any cell or paragraph"
            holder["values"].append("")

    def handle_data(self, data):
        if self._in_value:
            holder = self._cell if self._cell is not None else self._para
            holder["values"][-1] += data

    def handle_endtag(self, tag):
        if tag == "span":
            self._in_value = False
        elif tag == "th":
            self._in_th = False
        elif tag == "td" and self._cell is not None:
            self._row.append(self._cell)
            self._cell = None
        elif tag == "tr":
            row_badge = any(cell["badge"] for cell in self._row)
            for cell in self._row:
                head = self._head_badges[cell["col"]] if cell["col"] < len(self._head_badges) else False
                if cell["values"] and not (cell["badge"] or head or row_badge):
                    self.uncovered += cell["values"]
        elif tag in ("p", "li") and self._para is not None:
            if self._para["values"] and not self._para["badge"]:
                self.uncovered += self._para["values"]
            self._para = None


def _uncovered(doc: str) -> tuple[int, list[str]]:
    parser = _Figures()
    parser.feed(doc)
    return parser.figures, parser.uncovered


@pytest.mark.parametrize("lang", ["id", "en"])
@pytest.mark.parametrize("selection", [False, True])
def test_every_figure_carries_its_status(pack, data, lang, selection):
    codes = [*_bugul_kidul(pack), KRAPYAKREJO] if selection else []
    count, uncovered = _uncovered(_brief(data, codes, lang))
    assert count > 100  # headline, table of kelurahan, facts, gaps, elements, budget
    assert uncovered == []


def test_a_figure_without_a_badge_is_caught():
    # the check above can fail: a bare figure in a paragraph or in a table without statuses
    bare = '<p><span class="value">12</span></p><table><tr><th>x</th></tr><tr><td><span class="value">3</span></td></tr></table>'
    assert _uncovered(bare) == (2, ["12", "3"])


def test_budget_headline_and_not_rising_warning_carry_their_status(pack, data):
    for lang, heading in (("id", "Anggaran kota cerdas"), ("en", "Smart-city budget")):
        part = _section(_brief(data, lang=lang), heading)
        status = rules.weakest_status(pack.table("budget")["status"])
        assert status == "sample"  # the bundled budget is illustrative
        callout = part.split('<div class="callout flag">')[1].split("</div>")[0]
        assert f"status-{status}" in callout
        headline = part.split("</h2>")[1].split("</p>")[0]
        assert f"{LAST_YEAR}" in headline and f"status-{status}" in headline


def test_computed_areas_never_read_official(pack, data, figures):
    assert pack.meta("kelurahan").status == "official"
    doc = _brief(data, lang="en")
    head = _section(doc, "Headline figures")
    area_row = _row(head, t("brief.fig.area", "en"))
    assert re.search(_value_with_status(format_area_km2(data.city.area_km2, "en"), rules.COMPUTED), area_row)
    assert "status-official" not in area_row
    table = _section(doc, "All 34 kelurahan")
    area_head = re.findall(r"<th[ >].*?</th>", table)[2]
    assert "Area km" in area_head and f"status-{rules.COMPUTED}" in area_head
    legend = _section(doc, "Data status")
    assert f"status-{rules.COMPUTED}" in legend and t("status.help.computed", "en").split(" (")[0] in legend


# --------------------------------------------------------------------------------------
# Figures


def test_whole_city_headline_figures_with_status(pack, data, figures):
    doc = _brief(data)
    hs = pack.table("hotspots")
    public, internal = int((hs["type"] == "public").sum()), int((hs["type"] == "internal").sum())
    fibre = int(pack.table("broadband")["fibre"].astype(bool).sum())
    kel = len(pack.table("kelurahan"))
    head = _section(doc, "Angka utama")
    assert re.search(_value_with_status(str(kel), pack.meta("kelurahan").status), head)
    assert re.search(_value_with_status(f"{public} / {internal}", "seed"), head)  # the 2020 list
    assert re.search(_value_with_status(str(fibre), "sample"), head)
    # 4G share of the city's area, weighted by kelurahan area (independent of the outline)
    share_4g = (figures["share_4g"] * figures["area_km2"]).sum() / figures["area_km2"].sum()
    assert re.search(_value_with_status(format_share(share_4g, "id", rules.MIN_SHARE_4G), "sample"), head)
    assert "Seluruh kota: 34 kelurahan di 4 kecamatan" in doc


def test_selection_headline_figures_and_names(pack, data, figures):
    codes = [*_bugul_kidul(pack), KRAPYAKREJO]
    doc = _brief(data, codes)
    hs = pack.table("hotspots")
    mine = hs[hs["kelurahan_code"].isin(codes)]
    public, internal = int((mine["type"] == "public").sum()), int((mine["type"] == "internal").sum())
    bb = pack.table("broadband")
    fibre = int(bb.loc[bb["kelurahan_code"].isin(codes), "fibre"].astype(bool).sum())
    part = figures[figures["kode"].isin(codes)]
    share_4g = (part["share_4g"] * part["area_km2"]).sum() / part["area_km2"].sum()

    head = _section(doc, "Angka utama")
    assert "Pilihan" in head and "Seluruh kota" in head  # the selection beside the city
    assert re.search(_value_with_status(str(len(codes)), "official"), head)
    assert re.search(_value_with_status(f"{public} / {internal}", "seed"), head)
    assert re.search(_value_with_status(str(fibre), "sample"), head)
    assert re.search(_value_with_status(format_share(share_4g, "id", rules.MIN_SHARE_4G), "sample"), head)
    view = _section(doc, "Tampilan yang diperlihatkan")
    assert f"Kecamatan Bugul Kidul (seluruh {len(codes) - 1} kelurahan)" in view
    assert "Krapyakrejo (Kec. Gadingrejo)" in view


def _table_rows(part: str) -> list[list[str]]:
    body = part.split("<tbody>")[1].split("</tbody>")[0]
    rows = []
    for tr in body.split("</tr>")[:-1]:
        cells = [re.sub(r"<[^>]+>", "", "<td" + c).strip() for c in tr.split("<td")[1:]]
        rows.append([html.unescape(c) for c in cells])
    return rows


@pytest.mark.parametrize("codes", [(), (KRAPYAKREJO,), ("35.75.03.1001", "35.75.03.1002", WIROGUNAN)])
def test_kelurahan_table_rows_match_the_selection(pack, figures, data, codes):
    doc = _brief(data, codes, "en")
    heading = f"Selected kelurahan ({len(codes)})" if codes else "All 34 kelurahan"
    rows = _table_rows(_section(doc, heading))
    expected = figures[figures["kode"].isin(codes)] if codes else figures
    assert [r[0] for r in rows] == list(expected["kelurahan"])
    hs = pack.table("hotspots")
    bb = pack.table("broadband").set_index("kelurahan_code")
    for row, (_, rec) in zip(rows, expected.iterrows(), strict=True):
        code = rec["kode"]
        here = hs[hs["kelurahan_code"] == code]
        area_km2 = pack.table("kelurahan").to_crs(32749).set_index("kode").loc[code].geometry.area / 1e6
        assert row[1] == rec["kecamatan"]
        assert row[2] == format_number(area_km2, "en", 2)
        assert row[5] == ("yes" if bb.loc[code, "fibre"] else "no")
        assert row[6] == f"{(here['type'] == 'public').sum()} / {(here['type'] == 'internal').sum()}"


def test_table_and_gaps_print_the_same_share(data, figures):
    # a share just under the threshold reads the same (and below it) in both places
    doc = _brief(data, lang="en")
    table = _section(doc, "All 34 kelurahan")
    gaps = _section(doc, "Gaps")
    near = figures[(figures["share_4g"] < rules.MIN_SHARE_4G)].copy()
    assert len(near)
    for _, rec in near.iterrows():
        in_table = _table_rows(table)[list(figures["kode"]).index(rec["kode"])][3]
        assert in_table in _row(gaps, rec["kelurahan"])
        assert float(in_table.rstrip("%")) < rules.MIN_SHARE_4G * 100


def test_gaps_follow_the_selection(pack, data, figures):
    bb = pack.table("broadband").set_index("kelurahan_code")
    city = _section(_brief(data), "Kesenjangan")
    no_fibre = [code for code in figures["kode"] if code in bb.index and not bb.loc[code, "fibre"]]
    for name in figures.loc[figures["kode"].isin(no_fibre), "kelurahan"]:
        assert f"<td>{name}</td>" in city
    assert "<td>Wirogunan</td>" in city

    codes = [*_bugul_kidul(pack), KRAPYAKREJO]
    chosen = _section(_brief(data, codes), "Kesenjangan")
    assert "<td>Krapyakrejo</td>" in chosen
    assert "<td>Wirogunan</td>" not in chosen  # not selected
    for _, row in figures[figures["kode"].isin(codes) & (figures["share_4g"] < 0.5)].iterrows():
        line = _row(chosen, row["kelurahan"])
        assert "\u25cf 50%" not in line
        assert f"\u25cf {format_share(row['share_4g'], 'id', rules.MIN_SHARE_4G)}" in line  # as the screens


def test_official_facts_with_sources(pack, data):
    facts = _section(_brief(data, lang="en"), "Official city-wide facts")
    row = pack.table("facts").set_index("key").loc["wifi_public_points_2023"]
    assert int(row["value"]) == 415
    line = next(tr for tr in facts.split("<tr>") if row["label_en"] in tr)
    assert re.search(_value_with_status("415", "official"), line)
    assert "21 Oct 2023" in line  # the one date style of the screens (i18n.format_as_of)
    assert 'href="https://jatim-timur.tribunnews.com/' in line


def test_elements_last_complete_year(pack, data):
    part = _section(_brief(data, lang="en"), f"Six elements' achievement, {LAST_YEAR}")
    ind = pack.table("indicators")
    ind = ind[ind["kelurahan_code"].isna()].set_index("code")
    vals = pack.table("indicator_values")
    vals = vals[(vals["year"].astype(int) == LAST_YEAR) & vals["indicator"].isin(ind.index)].set_index("indicator")
    on_track = behind = 0
    for code in ind.index:
        if code not in vals.index or pd.isna(vals.loc[code, "actual"]) or pd.isna(vals.loc[code, "target"]):
            continue
        actual, target = float(vals.loc[code, "actual"]), float(vals.loc[code, "target"])
        met = actual >= target if ind.loc[code, "direction"] == "higher" else actual <= target
        on_track += met
        behind += not met
    no_data = len(ind) - on_track - behind
    assert f"{on_track} on track \u00b7 {behind} behind \u00b7 {no_data} without data" in part
    for name in pack.table("elements")["name_en"]:
        assert name in part
    assert part.count("status-sample") >= 6


def test_budget_flags_the_years_that_did_not_rise(pack, data):
    budget = pack.table("budget")
    totals = budget.assign(year=budget["year"].astype(int)).groupby("year")["planned_idr"].sum()
    shown = [y for y in totals.index if 2022 <= y <= LAST_YEAR]
    flat = [y for y in shown if y - 1 in totals.index and totals[y] <= totals[y - 1]]
    assert flat, "the sample budget is expected to hold a year that did not rise"
    for lang, heading, flag in (
        ("id", "Anggaran kota cerdas", "tidak naik"),
        ("en", "Smart-city budget", "did not rise"),
    ):
        part = _section(_brief(data, lang=lang), heading)
        for year in shown:
            assert (f'<tr class="flagged"><td>{year}</td>' in part) == (year in flat), year
        for year in flat:
            assert re.search(rf"{year}[^<]*{flag} (dari|from) {year - 1}", part)
        assert f"<td>{LAST_YEAR + 1}</td>" not in part  # only years that have ended


@pytest.mark.parametrize(("lang", "other", "heading"), [("en", "id", "Smart-city budget"), ("id", "en", "Anggaran")])
def test_budget_line_notes_are_in_the_users_language(pack, data, lang, other, heading):
    budget = pack.table("budget")
    line = budget[(budget["year"] == 2023) & budget["programme"].str.startswith("Operasional internet", na=False)]
    assert len(line) == 1, "the bundled pack holds the 2023 operating-cost line"
    note = line.iloc[0]
    part = _section(_brief(data, lang=lang), heading)
    assert escape(note[f"note_{lang}"]) in part
    assert escape(note[f"note_{other}"]) not in part
    # the programme in English where the pack has its English name, as the sources name it otherwise
    shown, hidden = (
        (note["programme_en"], note["programme"]) if lang == "en" else (note["programme"], note["programme_en"])
    )
    assert escape(shown) in part and escape(hidden) not in part


def test_a_programme_typed_in_one_language_stays_as_typed_in_both(pack):
    """An editor's line with no English name shows its programme as typed on English screens too."""
    from smartcity_geo import charts

    budget = pack.table("budget").copy()
    budget["programme_en"] = budget["programme_en"].where(budget["year"] != 2019, None)
    tables = {**{key: pack.table(key) for key in ("elements", "subdimensions")}, "budget": budget}
    for lang in ("id", "en"):
        before = charts.budget_lines_table(tables, lang, before_masterplan=True)
        column = before.columns[2]
        assert "Jaringan dan integrasi aplikasi OPD" in list(before[column]), lang


def test_both_languages(data):
    doc_id, doc_en = _brief(data, lang="id"), _brief(data, lang="en")
    assert '<html lang="id">' in doc_id and '<html lang="en">' in doc_en
    for words in ("Angka utama", "Kesenjangan", "Status data", "Buka kembali tampilan ini", "contoh", "28 Nov 2026"):
        assert words in doc_id
    for words in ("Headline figures", "Gaps", "Data status", "Reopen this view", "sample", "28 Nov 2026"):
        assert words in doc_en
    assert format_number(213469, "id") in doc_id and format_number(213469, "en") in doc_en


def test_status_legend_and_sources(pack, data):
    doc = _brief(data, lang="en")
    legend = _section(doc, "Data status")
    for status in ("official", "computed", "seed", "sample"):
        assert f"status-{status}" in legend
    assert "status-uploaded" not in legend  # only the statuses the document uses
    sources = _section(doc, "Data sources")
    for key in ("kelurahan", "hotspots", "cell_sites", "broadband", "budget"):
        assert str(escape(pack.meta(key).title("en"))) in sources
    assert "Illustrative sample generated by scripts/build_geodata.py" in sources


# --------------------------------------------------------------------------------------
# The map picture


def _png(doc: str) -> bytes:
    uris = re.findall(r'<img src="data:image/png;base64,([A-Za-z0-9+/=]+)"', doc)
    assert len(uris) == 1
    return base64.b64decode(uris[0])


def test_map_picture_is_embedded_and_follows_the_selection(data):
    city = _png(_brief(data, with_map=True))
    chosen = _png(_brief(data, [KRAPYAKREJO], with_map=True))
    for png in (city, chosen):
        assert png.startswith(b"\x89PNG\r\n\x1a\n")
        image = Image.open(io.BytesIO(png))
        image.verify()
        assert 600 <= image.size[0] <= 1200 and 500 <= image.size[1] <= 1200
        assert 20_000 < len(png) < 600_000
    assert city != chosen


def test_map_picture_is_deterministic_and_shows_the_layers(data):
    base = render_map_png(data, (KRAPYAKREJO,), DEFAULT_LAYERS, "id")
    assert render_map_png(data, (KRAPYAKREJO,), DEFAULT_LAYERS, "id") == base
    assert render_map_png(data, (KRAPYAKREJO,), LAYER_KEYS, "id") != base
    assert render_map_png(data, (KRAPYAKREJO,), DEFAULT_LAYERS, "en") != base  # the legend's language


def test_map_picture_draws_the_selection_in_its_colour(data):
    from smartcity_geo.registry import PALETTE

    def orange_pixels(png: bytes) -> int:
        pixels = np.asarray(Image.open(io.BytesIO(png)).convert("RGB"), dtype=int)
        target = np.array([int(PALETTE["selection"][i : i + 2], 16) for i in (1, 3, 5)])
        return int((np.abs(pixels - target).max(axis=2) <= 12).sum())

    assert orange_pixels(render_map_png(data, (), (), "id")) < 50  # only the legend would have it (no selection)
    assert orange_pixels(render_map_png(data, (KRAPYAKREJO,), (), "id")) > 500


def test_map_picture_legend_has_a_status_for_every_layer_and_marks_placeholders(data):
    statuses = {t(f"status.{s}", "en") for s in rules.STATUS_ORDER}
    items = legend_entries(data, LAYER_KEYS, "en", selected=True)
    layered = [item for item in items if item.label != t("brief.map.selection", "en")]
    placeholder = t("position.placeholder", "en")
    for item in layered:
        if item.label != placeholder:
            assert any(item.label.endswith(f"({word})") for word in statuses), item.label
    assert any(item.label.startswith(t("layer.coverage_4g", "en")) for item in layered)
    # two hotspots have no known location: drawn as rings, said so in the legend
    assert (data.pack.table("hotspots")["position_method"] == "placeholder").sum() == 2
    assert placeholder in [item.label for item in items]
    assert placeholder not in [item.label for item in legend_entries(data, ("coverage_4g",), "en", selected=False)]


def test_map_picture_draws_names_as_plain_text(data):
    # a "$" in a name is a dollar sign: read as mathtext, this name would raise
    kelurahan = data.kelurahan.copy()
    kelurahan["kelurahan"] = kelurahan["kelurahan"] + r" $\bogus{x$"
    png = render_map_png(replace(data, kelurahan=kelurahan), (KRAPYAKREJO,), (), "id")
    assert png.startswith(b"\x89PNG")


# --------------------------------------------------------------------------------------
# The reopen link and the file name


def test_public_link_when_configured(data):
    part = _section(_brief(data, [KRAPYAKREJO], "en", public_url=PUBLIC), "Reopen this view")
    assert f'href="{PUBLIC}/?lang=en&amp;kel=35.75.01.1007"' in part


def test_no_link_without_a_public_address(data):
    for public_url in (None, "", "localhost:8501", "javascript:alert(1)"):
        part = _section(_brief(data, [KRAPYAKREJO], "en", public_url=public_url), "Reopen this view")
        assert "href=" not in part and "localhost" not in part
        assert "SMARTCITY_PUBLIC_URL" in part


@pytest.mark.parametrize(
    ("public_url", "expected"),
    [
        ("https://kota.example/peta/", "https://kota.example/peta/?lang=en&kel=35.75.01.1007%2C35.75.03.1001"),
        ("https://kota.example/peta?x=1#y", "https://kota.example/peta/?lang=en&kel=35.75.01.1007%2C35.75.03.1001"),
        ("HTTPS://kota.example", "https://kota.example/?lang=en&kel=35.75.01.1007%2C35.75.03.1001"),
        (None, None),
        ("  ", None),
        ("javascript:alert(1)", None),
        ("https:///nohost", None),
        ("https://kota.example/a b", None),
    ],
)
def test_view_link(public_url, expected):
    view = ViewState(lang="en", kelurahan=("35.75.03.1001", KRAPYAKREJO))
    assert view_link(public_url, view) == expected


def test_view_link_to_a_screen():
    view = ViewState(kelurahan=(KRAPYAKREJO,))
    assert (
        view_link("https://kota.example", view, path="kelurahan") == "https://kota.example/kelurahan?kel=35.75.01.1007"
    )
    assert view_link("https://kota.example", ViewState()) == "https://kota.example/"


def test_briefing_filename_follows_the_language():
    day = datetime.date(2026, 11, 29)
    assert briefing_filename(ViewState(lang="en"), day) == "briefing_whole-city_2026-11-29_en.html"
    assert briefing_filename(ViewState(), day) == "ringkasan_seluruh-kota_2026-11-29_id.html"
    assert briefing_filename(ViewState(lang="en", kelurahan=(KRAPYAKREJO,)), day) == (
        "briefing_35.75.01.1007_2026-11-29_en.html"
    )
    many = tuple(f"35.75.03.100{i}" for i in range(1, 6))
    assert briefing_filename(ViewState(kelurahan=many), day) == "ringkasan_5-kelurahan_2026-11-29_id.html"


# --------------------------------------------------------------------------------------
# Text is text: escaping and no external asset

PAYLOADS = (
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(2)">',
    '<iframe srcdoc="<script>top.alert(3)</script>"></iframe>',
    '<svg onload="alert(4)">',
    '<a href="javascript:alert(5)">klik</a>',
    "javascript:alert(6)",
    "[link](javascript:alert(7)) ![img](https://evil.example/x.png)",
)
MARKUP = ("<script", "<img src=x", "<iframe", "<svg", '<a href="javascript')


def _assert_no_asset(doc: str) -> None:
    low = doc.lower()
    for needle in ("<script", "<link", "@import", "url(", "<iframe", "<object", "<embed", "<svg"):
        assert needle not in low, needle
    for src in re.findall(r'src="([^"]*)"', doc):
        assert src.startswith("data:image/png;base64,"), src[:40]
    for href in re.findall(r'href="([^"]*)"', doc):
        assert href.startswith(("http://", "https://")), href


def _poisoned(pack, data, payload: str):
    """The pack with ``payload`` in every text column the briefing shows."""
    facts = pack.table("facts").copy()
    for column in ("label_id", "label_en", "source"):
        facts[column] = facts[column] + " " + payload
    facts["note_id"] = payload
    facts["note_en"] = payload
    hotspots = pack.table("hotspots").copy()
    hotspots["name"] = hotspots["name"] + payload
    meta = replace(pack.meta("hotspots"), source=payload, title_en=payload, title_id=payload)
    bad = pack.with_table("facts", facts).with_table("hotspots", hotspots, meta)
    figures = data.figures.copy()
    figures["kelurahan"] = figures["kelurahan"] + payload
    kelurahan = data.kelurahan.copy()
    kelurahan["kelurahan"] = kelurahan["kelurahan"] + payload
    return replace(data, pack=bad, figures=figures, kelurahan=kelurahan)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_text_from_the_data_is_text(pack, data, payload):
    bad = _poisoned(pack, data, payload)
    for lang in ("id", "en"):
        doc = build_briefing(
            bad,
            ViewState(lang=lang, kelurahan=(KRAPYAKREJO,)),
            lang,
            generated=GENERATED,
            public_url=PUBLIC,
            with_map=lang == "en" and payload == PAYLOADS[0],
        )
        for needle in MARKUP:
            assert needle not in doc, needle
        assert str(escape(payload)) in doc  # shown, as text
        _assert_no_asset(doc)


def test_the_escaping_check_can_fail(pack, data):
    doc = _brief(data).replace("</body>", f"{PAYLOADS[0]}</body>")
    with pytest.raises(AssertionError):
        _assert_no_asset(doc)


@pytest.mark.parametrize("lang", ["id", "en"])
@pytest.mark.parametrize("selection", [False, True])
def test_self_contained(pack, data, lang, selection):
    codes = [*_bugul_kidul(pack), KRAPYAKREJO] if selection else []
    doc = _brief(data, codes, lang, with_map=True)
    assert doc.startswith("<!DOCTYPE html>")
    assert "<style>" in doc and "@page" in doc and "size: A4" in doc
    _assert_no_asset(doc)


def test_unknown_code_raises(data):
    with pytest.raises(ValueError, match=r"unknown kelurahan code\(s\) 35\.75\.09\.9999"):
        _brief(data, ["35.75.09.9999"])


def test_templates_are_found_from_any_directory(tmp_path):
    # run from an unrelated directory: the template and stylesheet are found beside the code,
    # and nothing is written (that the library never imports streamlit: tests/test_imports.py)
    code = (
        "import datetime, sys; from pathlib import Path; root = Path(sys.argv[1]);"
        "from smartcity_geo.datapack import load_pack; from smartcity_geo.mapdata import prepare_map_data;"
        "from smartcity_geo.briefing import build_briefing; from smartcity_geo.viewstate import ViewState;"
        "doc = build_briefing(prepare_map_data(load_pack(root / 'geodata')), ViewState(), 'id',"
        " generated=datetime.date(2026, 11, 28), with_map=False);"
        "assert '@page' in doc and 'Angka utama' in doc, 'template or stylesheet missing'"
    )
    env = {"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin", "MPLCONFIGDIR": str(tmp_path / "mpl")}
    work = tmp_path / "elsewhere"
    work.mkdir()
    subprocess.run([sys.executable, "-c", code, str(ROOT)], cwd=work, check=True, env=env)
    assert list(work.iterdir()) == []


def test_last_complete_year_follows_the_date(data):
    doc = build_briefing(data, ViewState(), "en", generated=datetime.date(2025, 1, 2), with_map=False)
    assert "Six elements&#39; achievement, 2024" in doc
    assert "Smart-city budget 2022\u20132024" in doc
    assert programme.not_rising_years(data.pack.table("budget")) == [2025]  # not shown before it has ended
    assert '<tr class="flagged">' not in doc


# --------------------------------------------------------------------------------------
# The page


@pytest.mark.parametrize(("lang", "title", "label"), [("id", "Ringkasan", "Unduh"), ("en", "Briefing", "Download")])
def test_page(lang, title, label, monkeypatch):
    from streamlit.testing.v1 import AppTest

    if lang == "en":
        monkeypatch.setenv("SMARTCITY_PUBLIC_URL", PUBLIC)
    else:
        monkeypatch.delenv("SMARTCITY_PUBLIC_URL", raising=False)
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=90).run()
    if lang == "en":
        at.radio(key="lang").set_value("en").run()
    at.multiselect(key="kel_sel").set_value([KRAPYAKREJO]).run()
    at.switch_page("pages/briefing.py").run()
    assert not at.exception
    assert at.title[0].value == title
    buttons = at.get("download_button")
    assert len(buttons) == 2
    assert all(b.proto.label.startswith(label) for b in buttons)
    assert buttons[0].proto.label.endswith("(English)" if lang == "en" else "(Bahasa Indonesia)")
    frames = at.get("iframe")
    assert len(frames) == 1
    document = frames[0].proto.srcdoc
    if lang == "en":
        assert f'href="{PUBLIC}/?lang=en&amp;kel={KRAPYAKREJO}"' in document
    else:
        assert "SMARTCITY_PUBLIC_URL" in document and "localhost" not in document
        assert any("SMARTCITY_PUBLIC_URL" in c.value for c in at.caption)


@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_briefing_shows_the_measure_the_map_was_coloured_by(data, lang):
    """A ``measure=`` view is briefed as the screen showed it: in "The view shown", and in the
    map picture's colours and legend, with the measure's status."""
    from smartcity_geo import mapimage
    from smartcity_geo.choropleth import classify

    classes = classify(data.figures, "share_4g", data.pack, lang)
    view = ViewState(lang=lang, layers=("hotspots_public",), measure="share_4g")
    doc = build_briefing(data, view, lang, generated=GENERATED, public_url=PUBLIC, with_map=False)
    shown = _section(doc, t("brief.view.heading", lang))
    assert escape(f"{classes.label} ({t(f'status.{classes.status}', lang)})") in shown
    plain_doc = build_briefing(data, ViewState(lang=lang), lang, generated=GENERATED, public_url=PUBLIC, with_map=False)
    assert escape(t("brief.view.measure_none", lang)) in _section(plain_doc, t("brief.view.heading", lang))

    items = mapimage.legend_entries(data, ("hotspots_public",), lang, selected=False, classes=classes)
    coloured = [item for item in items if item.shape == "fill" and item.label.startswith(classes.label)]
    assert [item.color for item in coloured] == [colour for _text, colour in classes.legend]
    assert all(f"({t(f'status.{classes.status}', lang)})" in item.label for item in coloured)
    with_measure = mapimage.render_map_png(data, (), ("hotspots_public",), lang, classes=classes)
    without = mapimage.render_map_png(data, (), ("hotspots_public",), lang)
    assert with_measure != without
