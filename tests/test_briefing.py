"""The briefing document (library) and its page (AppTest).

Figures are checked against numbers computed here from the pack's own tables, not from
the functions the briefing calls.
"""

from __future__ import annotations

import datetime
import html
import re
from pathlib import Path

import pandas as pd
import pytest

from smartcity_geo import programme
from smartcity_geo.briefing import briefing_filename, build_briefing, view_link
from smartcity_geo.formatting import format_number, format_percent
from smartcity_geo.layers import prepare_map_data
from smartcity_geo.viewstate import ViewState

ROOT = Path(__file__).resolve().parent.parent
GENERATED = datetime.date(2026, 11, 28)  # last complete year: 2025
LAST_YEAR = 2025
BUGUL_KIDUL = "35.75.03"
KRAPYAKREJO = "35.75.01.1007"  # Gadingrejo: low 4G, no fibre (sample broadband)
WIROGUNAN = "35.75.02.1002"  # Purworejo: a gap, but outside the selection below


@pytest.fixture(scope="module")
def figures(map_data):
    return map_data.figures


def _brief(pack, figures, codes=(), lang="id", link="https://dash.example/?kel=x", **kw):
    view = ViewState(lang=lang, kelurahan=tuple(codes))
    return build_briefing(pack, figures, view, lang, link=link, generated=GENERATED, **kw)


def _section(doc: str, heading: str) -> str:
    """The ``<section>`` whose ``<h2>`` starts with ``heading``."""
    for part in doc.split("<section>")[1:]:
        if part.startswith(f"<h2>{html.escape(heading)}"):
            return part.split("</section>")[0]
    raise AssertionError(f"no section {heading!r}")


def _value_with_status(value: str, status: str) -> str:
    """A figure as the document shows it: the value, then its status badge beside it."""
    return rf'<span class="value">{re.escape(value)}</span> <span class="status-badge status-{status}"'


def _bugul_kidul(pack) -> list[str]:
    kel = pack.table("kelurahan")
    return sorted(kel.loc[kel["kode"].str.startswith(BUGUL_KIDUL), "kode"])


# --------------------------------------------------------------------------------------
# Figures


def test_whole_city_headline_figures_with_status(pack, figures):
    doc = _brief(pack, figures)
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
    assert re.search(_value_with_status(format_percent(share_4g, "id"), "sample"), head)
    assert "Seluruh kota: 34 kelurahan di 4 kecamatan" in doc


def test_selection_headline_figures_and_names(pack, figures):
    codes = [*_bugul_kidul(pack), KRAPYAKREJO]
    doc = _brief(pack, figures, codes)
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
    assert re.search(_value_with_status(format_percent(share_4g, "id"), "sample"), head)
    view = _section(doc, "Tampilan yang diperlihatkan")
    assert f"Kecamatan Bugul Kidul (seluruh {len(codes) - 1} kelurahan)" in view
    assert "Krapyakrejo (Kec. Gadingrejo)" in view


def test_gaps_follow_the_selection(pack, figures):
    bb = pack.table("broadband").set_index("kelurahan_code")
    city = _section(_brief(pack, figures), "Kesenjangan")
    no_fibre = [code for code in figures["kode"] if code in bb.index and not bb.loc[code, "fibre"]]
    for name in figures.loc[figures["kode"].isin(no_fibre), "kelurahan"]:
        assert f"<td>{name}</td>" in city
    assert "<td>Wirogunan</td>" in city

    codes = [*_bugul_kidul(pack), KRAPYAKREJO]
    chosen = _section(_brief(pack, figures, codes), "Kesenjangan")
    assert "<td>Krapyakrejo</td>" in chosen
    assert "<td>Wirogunan</td>" not in chosen  # not selected
    # a share just under the threshold never reads as the threshold itself (49,6%, not 50%)
    for _, row in figures[figures["kode"].isin(codes) & (figures["share_4g"] < 0.5)].iterrows():
        line = chosen.split(f"<td>{row['kelurahan']}</td>")[1].split("</tr>")[0]
        assert "\u25cf 50%" not in line
        assert f"\u25cf {format_percent(row['share_4g'], 'id', 0 if row['share_4g'] < 0.495 else 1)}" in line


def test_official_facts_with_sources(pack, figures):
    doc = _brief(pack, figures, lang="en")
    facts = _section(doc, "Official city-wide facts")
    row = pack.table("facts").set_index("key").loc["wifi_public_points_2023"]
    assert int(row["value"]) == 415
    line = next(tr for tr in facts.split("<tr>") if row["label_en"] in tr)
    assert '<span class="value">415</span>' in line
    assert "21 Oct 2023" in line
    assert "status-official" in line
    assert 'href="https://jatim-timur.tribunnews.com/' in line


def test_elements_last_complete_year(pack, figures):
    doc = _brief(pack, figures, lang="en")
    part = _section(doc, f"Six elements' achievement, {LAST_YEAR}")
    # independent count: each city-wide indicator's actual against its target in that year
    ind = pack.table("indicators")
    ind = ind[ind["kelurahan_code"].isna()].set_index("code")
    vals = pack.table("indicator_values")
    vals = vals[(vals["year"].astype(int) == LAST_YEAR) & vals["indicator"].isin(ind.index)].set_index("indicator")
    on_track = behind = 0
    for code in ind.index:
        if code not in vals.index or pd.isna(vals.loc[code, "actual"]) or pd.isna(vals.loc[code, "target"]):
            continue
        actual, target = float(vals.loc[code, "actual"]), float(vals.loc[code, "target"])
        if ind.loc[code, "direction"] == "higher":
            met = actual >= target
        else:
            met = actual <= target
        on_track += met
        behind += not met
    no_data = len(ind) - on_track - behind
    assert f"{on_track} on track \u00b7 {behind} behind \u00b7 {no_data} without data" in part
    for name in pack.table("elements")["name_en"]:
        assert name in part
    assert part.count("status-sample") >= 6  # every element's figures are (partly) sample


def test_budget_flags_the_years_that_did_not_rise(pack, figures):
    budget = pack.table("budget")
    totals = budget.assign(year=budget["year"].astype(int)).groupby("year")["planned_idr"].sum()
    shown = [y for y in totals.index if 2022 <= y <= LAST_YEAR]
    flat = [y for y in shown if y - 1 in totals.index and totals[y] <= totals[y - 1]]
    assert flat, "the sample budget is expected to hold a year that did not rise"
    for lang, heading, flag in (("id", "Anggaran kota cerdas", "tidak naik"), ("en", "Smart-city budget", "did not rise")):
        part = _section(_brief(pack, figures, lang=lang), heading)
        for year in shown:
            flagged = f'<tr class="flagged"><td>{year}</td>' in part
            assert flagged == (year in flat), year
        for year in flat:
            assert re.search(rf"{year}[^<]*{flag} (dari|from) {year - 1}", part)
        assert f"<td>{LAST_YEAR + 1}</td>" not in part  # only years that have ended
        assert "status-sample" in part


def test_both_languages(pack, figures):
    doc_id, doc_en = _brief(pack, figures, lang="id"), _brief(pack, figures, lang="en")
    assert '<html lang="id">' in doc_id and '<html lang="en">' in doc_en
    for words in ("Angka utama", "Kesenjangan", "Status data", "Buka kembali tampilan ini", "contoh", "28 November 2026"):
        assert words in doc_id
    for words in ("Headline figures", "Gaps", "Data status", "Reopen this view", "sample", "November 28, 2026"):
        assert words in doc_en
    assert format_number(213469, "id") in doc_id and format_number(213469, "en") in doc_en


def test_status_legend_and_sources(pack, figures):
    doc = _brief(pack, figures, lang="en")
    legend = _section(doc, "Data status")
    for status in ("official", "seed", "sample"):
        assert f"status-{status}" in legend
    sources = _section(doc, "Data sources")
    for key in ("kelurahan", "hotspots", "cell_sites", "broadband", "budget"):
        assert pack.meta(key).title("en") in sources.replace("&#x27;", "'")
    assert "Illustrative sample generated by scripts/build_geodata.py" in sources


# --------------------------------------------------------------------------------------
# Safety: escaping and no external asset


def _assert_no_asset(doc: str) -> None:
    low = doc.lower()
    for needle in ("<script", "<link", "src=", "@import", "url(", "<iframe", "<img", "<object", "<embed"):
        assert needle not in low, needle
    for href in re.findall(r'href="([^"]*)"', doc):
        assert href.startswith(("http://", "https://")), href


@pytest.mark.parametrize("lang", ["id", "en"])
@pytest.mark.parametrize("selection", [False, True])
def test_self_contained(pack, figures, lang, selection):
    codes = [*_bugul_kidul(pack), KRAPYAKREJO] if selection else []
    doc = _brief(pack, figures, codes, lang)
    assert doc.startswith("<!DOCTYPE html>")
    assert "<style>" in doc and "@page" in doc
    _assert_no_asset(doc)


def test_values_from_data_and_url_are_escaped(pack, figures):
    evil = "<script>alert(1)</script>"
    fig = figures.copy()
    fig.loc[fig["kode"] == KRAPYAKREJO, "kelurahan"] = f"Krapyak{evil}"
    facts = pack.table("facts").copy()
    facts.loc[0, "label_id"] = f"Wi-Fi {evil}"
    facts.loc[0, "source"] = 'Koran "x" https://ok.example/a?b=1&c=<script> javascript:alert(1)'
    bad_pack = pack.with_table("facts", facts)
    link = 'https://dash.example/?kel=35.75.01.1007&x="><script>alert(2)</script>'
    doc = _brief(bad_pack, fig, [KRAPYAKREJO], link=link)
    assert "<script" not in doc
    assert "Krapyak&lt;script&gt;alert(1)&lt;/script&gt;" in doc
    assert "Wi-Fi &lt;script&gt;alert(1)&lt;/script&gt;" in doc
    assert 'href="https://dash.example/?kel=35.75.01.1007&amp;x=&quot;&gt;&lt;script&gt;' in doc
    assert "javascript" not in re.findall(r'href="([^"]*)"', doc)
    _assert_no_asset(doc)


@pytest.mark.parametrize("link", ["javascript:alert(1)", "JavaScript:alert(1)", "data:text/html,<b>x</b>", " https://x.example/"])
def test_only_web_links_are_links(pack, figures, link):
    doc = _brief(pack, figures, link=link)
    part = _section(doc, "Buka kembali tampilan ini")
    assert "href=" not in part
    assert f'<p class="link">{link.replace("<", "&lt;").replace(">", "&gt;")}</p>' in part
    _assert_no_asset(doc)


def test_relative_link_is_text(pack, figures):
    view = ViewState(lang="en", kelurahan=(KRAPYAKREJO,))
    link = view_link(None, view)
    assert link == "?lang=en&kel=35.75.01.1007"
    part = _section(build_briefing(pack, figures, view, "en", link=link, generated=GENERATED), "Reopen this view")
    assert "href=" not in part and "?lang=en&amp;kel=35.75.01.1007" in part


def test_unknown_code_raises(pack, figures):
    with pytest.raises(ValueError, match=r"unknown kelurahan code\(s\) 35\.75\.09\.9999"):
        _brief(pack, figures, ["35.75.09.9999"])


# --------------------------------------------------------------------------------------
# Link and file name


@pytest.mark.parametrize(
    ("app_url", "expected"),
    [
        ("http://localhost:8501/briefing", "http://localhost:8501/?lang=en&kel=35.75.01.1007%2C35.75.03.1001"),
        ("https://kota.example/peta/briefing/", "https://kota.example/peta/?lang=en&kel=35.75.01.1007%2C35.75.03.1001"),
        ("https://kota.example/briefing?kel=old#x", "https://kota.example/?lang=en&kel=35.75.01.1007%2C35.75.03.1001"),
        ("https://kota.example", "https://kota.example/?lang=en&kel=35.75.01.1007%2C35.75.03.1001"),
        (None, "?lang=en&kel=35.75.01.1007%2C35.75.03.1001"),
        ("javascript:alert(1)", "?lang=en&kel=35.75.01.1007%2C35.75.03.1001"),
    ],
)
def test_view_link(app_url, expected):
    view = ViewState(lang="en", kelurahan=("35.75.03.1001", KRAPYAKREJO))
    assert view_link(app_url, view) == expected


def test_view_link_default_view_is_bare():
    assert view_link("http://localhost:8501/briefing", ViewState()) == "http://localhost:8501/"


def test_briefing_filename():
    day = datetime.date(2026, 3, 5)
    assert briefing_filename(ViewState(), day) == "briefing_pasuruan_semua_20260305.html"
    assert briefing_filename(ViewState(kelurahan=(KRAPYAKREJO,)), day) == (
        "briefing_pasuruan_35.75.01.1007_20260305.html"
    )
    assert briefing_filename(ViewState(lang="en", kelurahan=tuple(f"35.75.03.100{i}" for i in range(1, 6))), day) == (
        "briefing_pasuruan_5kel_20260305_en.html"
    )


def test_last_complete_year_follows_the_date(pack, figures):
    doc = build_briefing(pack, figures, ViewState(), "en", link="", generated=datetime.date(2025, 1, 2))
    assert "Six elements&#x27; achievement, 2024" in doc
    assert "Smart-city budget 2022\u20132024" in doc
    assert programme.not_rising_years(pack.table("budget")) == [2025]  # not shown before it has ended
    assert '<tr class="flagged">' not in doc


# --------------------------------------------------------------------------------------
# The page


@pytest.mark.parametrize(("lang", "title", "label"), [("id", "Ringkasan", "Unduh"), ("en", "Briefing", "Download")])
def test_page(lang, title, label):
    from streamlit.testing.v1 import AppTest

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
    assert len(at.get("iframe")) == 1


def test_the_summary_prepared_once_gives_the_same_briefing(pack, figures):
    # The app passes MapData.city (prepared once per pack); alone, the briefing computes it.
    city = prepare_map_data(pack).city
    for codes in ((), (KRAPYAKREJO,)):
        assert _brief(pack, figures, codes, city=city) == _brief(pack, figures, codes)
