"""The kelurahan screen through the whole app (AppTest): profile, comparison, gaps, downloads.

NOTE: no fixture is needed for the ``pages/`` folder: the first run of a fresh app goes
the multipage-v1 way and ``ui.chrome.leave_legacy_pages_mode`` switches it (tested here,
since AppTest starts every app fresh).
"""

from __future__ import annotations

import html
import json
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pytest
from streamlit.testing.v1 import AppTest

from smartcity_geo import export
from smartcity_geo.badges import plain
from smartcity_geo.mapdata import prepare_map_data
from smartcity_geo.strings import t

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "dashboard.py")
PAGE = "pages/kelurahan.py"
PEKUNCEN, KEBONSARI, KARANGKETUG = "35.75.04.1009", "35.75.04.1005", "35.75.01.1001"


def _open(lang: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    at.switch_page(PAGE).run()
    if lang != "id":
        at.radio(key="lang").set_value(lang).run()
    assert not at.exception
    assert at.title[0].value == t("nav.kelurahan", lang)
    return at


def _select(at: AppTest, codes: list[str]) -> AppTest:
    at.multiselect(key="kel_sel").set_value(codes).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


@pytest.mark.parametrize("lang", ["id", "en"])
@pytest.mark.parametrize("code", [PEKUNCEN, KEBONSARI])
def test_one_kelurahan_shows_its_profile(lang, code, pack):
    at = _select(_open(lang), [code])
    kel = pack.table("kelurahan").set_index("kode")
    hotspots = pack.table("hotspots")
    count = int((hotspots["kelurahan_code"] == code).sum())

    assert [h.value for h in at.header][0] == kel.loc[code, "kelurahan"]
    metrics = {m.label: m.value for m in at.metric}
    assert metrics[t("kel.fig.hotspots", lang)] == str(count)
    assert len(at.dataframe[0].value) == count  # the hotspots, listed
    # every figure carries its status badge, sample figures labelled as such
    badges = " ".join(m.value for m in at.markdown if "status-badge" in m.value)
    assert f">{t('status.sample', lang)}</span>" in badges
    assert f">{t('status.' + pack.meta('hotspots').status, lang)}</span>" in badges
    defs = pack.table("indicators")
    names = set(defs.loc[defs["kelurahan_code"] == code, "name_en" if lang == "en" else "name_id"])
    assert names, "both kelurahan of this test have kelurahan-level indicators in the bundled pack"
    assert set(at.dataframe[1].value["name"]) == names  # the second table lists this kelurahan's, no other


@pytest.mark.parametrize("lang", ["id", "en"])
def test_several_kelurahan_are_compared_with_the_city(lang):
    at = _select(_open(lang), [PEKUNCEN, KARANGKETUG])
    assert [h.value for h in at.header][0] == t("kel.compare.heading", lang)
    assert not at.metric
    averages, table = at.dataframe[0].value, at.dataframe[1].value
    assert list(table["kode"]) == [KARANGKETUG, PEKUNCEN]  # the kelurahan, sortable
    # pinned apart: the city, then each kecamatan the selection touches
    assert list(averages["kode"]) == ["35.75", "35.75.01", "35.75.04"]
    assert averages["kelurahan"].iloc[0] == t("kel.city_average", lang)


@pytest.mark.parametrize("lang", ["id", "en"])
def test_no_selection_compares_all_34(lang):
    at = _open(lang)
    _select(at, [PEKUNCEN])
    at = _select(at, [])
    averages, table = at.dataframe[0].value, at.dataframe[1].value
    assert len(table) == 34 and not table["is_city"].any()
    assert averages["kelurahan"].iloc[0] == t("kel.city_average", lang) and len(averages) == 1 + 4
    assert at.caption[1].value == t("kel.compare.scope_all", lang, n=34)


def test_gap_threshold_changes_the_list():
    at = _open("en")
    counts = []
    for threshold in (0, 50, 100):
        at.slider(key="gap_4g").set_value(threshold).run()
        assert not at.exception
        gap_tables = [d.value for d in at.dataframe if "reasons" in d.value.columns]
        counts.append(len(gap_tables[0]) if gap_tables else 0)
    assert counts[0] <= counts[1] <= counts[2]
    assert counts[2] > counts[0]


def test_downloads_are_offered_for_the_selection():
    at = _select(_open("id"), [PEKUNCEN, KEBONSARI])
    buttons = at.get("download_button")
    assert [b.proto.label for b in buttons] == [
        t("export.csv", "id"),
        t("export.csv_excel", "id"),
        t("export.geojson", "id"),
    ]


# --------------------------------------------------------------------------------------
# Helpers reading what the user sees


def _shown(frame) -> pd.DataFrame:
    """The texts a styled table shows (Babel-formatted), not the numbers behind them."""
    styler = frame.proto.arrow_data.styler
    return pa.ipc.open_stream(styler.display_values).read_all().to_pandas()


@pytest.fixture(scope="module")
def figures(pack):
    return prepare_map_data(pack).figures


def test_table_gaps_and_csv_agree_on_every_4g_figure(pack, figures):
    """Kepel (49.6 % of its area under 4G) reads below 50 % in the table, the gaps and the CSV."""
    at = _open("id")
    table = _shown(at.dataframe[1])
    shown = dict(zip(table["kelurahan"], table["share_4g"], strict=True))
    gap_tables = [d.value for d in at.dataframe if "reasons" in d.value.columns]
    in_gaps = {}
    for _, row in gap_tables[0].iterrows():
        if row["low_4g"]:
            in_gaps[row["kelurahan"]] = row["reasons"].split("4G ")[1].split(" (")[0]
    csv = export.localized_table(figures, [], pack, "id")
    in_csv = dict(zip(csv[t("export.col.kelurahan", "id")], csv[t("export.col.share_4g", "id")], strict=True))
    assert in_gaps, "no kelurahan below the threshold: nothing compared"
    for name, share in in_gaps.items():
        assert shown[name] == share == in_csv[name], name
        assert float(share.rstrip("%").replace(",", ".")) < 50  # reads below the threshold it is listed under
    assert shown == in_csv  # every kelurahan, not only the gaps
    shares = figures.set_index("kelurahan")["share_4g"]
    near = [n for n, s in shares.items() if 0.49 < s < 0.5]
    assert near  # Kepel, in the bundled pack
    for name in near:  # just below the threshold: never "50,0%"
        assert shown[name] != "50,0%" and shown[name].startswith("49,")


def test_choosing_a_kecamatan_keeps_it_shown_with_its_average(pack):
    at = _open("en")
    kel = pack.table("kelurahan")
    at.selectbox(key="kec_pick").set_value("Gadingrejo").run()
    assert not at.exception
    assert at.selectbox(key="kec_pick").value == "Gadingrejo"  # the box does not go back to "Whole city"
    members = sorted(kel.loc[kel["kecamatan"] == "Gadingrejo", "kode"])
    assert sorted(at.multiselect(key="kel_sel").value) == members
    averages, rows = at.dataframe[0].value, at.dataframe[1].value
    assert list(averages["kelurahan"]) == ["City average", "Kecamatan Gadingrejo average"]
    assert sorted(rows["kode"]) == members
    # changing the selection by hand: the box no longer claims a kecamatan
    at.multiselect(key="kel_sel").set_value(members[:2]).run()
    assert at.selectbox(key="kec_pick").value is None


@pytest.mark.parametrize("lang", ["id", "en"])
def test_measure_chart_with_average_lines_and_status(lang):
    at = _select(_open(lang), [PEKUNCEN, KEBONSARI, KARANGKETUG])
    at.selectbox(key="kel_measure").set_value("share_4g").run()
    [chart] = [c for c in at.get("plotly_chart") if "kel_measure_chart" in c.proto.id]
    spec = json.loads(chart.proto.spec)
    bars = spec["data"][0]
    assert len(bars["x"]) == 3 and bars["y"] == sorted(bars["y"], reverse=True)
    lines = [s for s in spec["layout"]["shapes"] if s.get("name", "").startswith("average-")]
    assert [s["name"] for s in lines] == ["average-35.75", "average-35.75.01", "average-35.75.04"]
    assert t("prog.status_note.sample", lang) in spec["layout"]["title"]["subtitle"]["text"]
    badges = [m.value for m in at.markdown if "status-badge" in m.value and t("kel.chart.status", lang)[:5] in m.value]
    assert badges and f">{t('status.sample', lang)}</span>" in badges[0]


def test_area_is_computed_never_official():
    at = _select(_open("id"), [PEKUNCEN])
    area = [m for m in at.markdown if t("kel.fig.area_detail", "id")[:20] in html.unescape(m.value)]
    assert area and f">{t('status.computed', 'id')}</span>" in area[0].value
    assert f">{t('status.official', 'id')}</span>" not in area[0].value


@pytest.mark.parametrize(("lang", "other"), [("id", "en"), ("en", "id")])
def test_hotspot_names_and_position_notes_are_in_the_users_language(lang, other, pack):
    """Pekuncen's Wi-Fi points: their names and position notes in the screen's language only."""
    at = _select(_open(lang), [PEKUNCEN])
    listed = at.dataframe[0].value
    hs = pack.table("hotspots")
    mine = hs[hs["kelurahan_code"] == PEKUNCEN].set_index("id")
    row = mine.loc["hs-dispendukcapil"]
    name = row["name_en"] if lang == "en" else row["name"]
    assert name in set(listed["name"])
    assert listed.set_index("name").loc[name, "note"] == row[f"position_note_{lang}"]
    differ = mine[mine[f"position_note_{lang}"] != mine[f"position_note_{other}"]]
    assert len(differ), "the bundled pack has translated notes here"
    assert not set(listed["note"]) & set(differ[f"position_note_{other}"])  # never the other language's note


@pytest.mark.parametrize(("lang", "other"), [("id", "en"), ("en", "id")])
def test_source_lines_are_in_the_users_language(lang, other, pack):
    """The screen's source lines (under each section) quote the pack's text in this language."""
    at = _open(lang)
    shown = " ".join(m.value for m in at.markdown)
    meta = pack.meta("hotspots")
    assert meta.source_id != meta.source_en

    def first_words(text: str) -> str:  # escaped as the line shows it
        return plain(text)[:40]

    assert first_words(getattr(meta, f"source_{lang}")) in shown
    assert first_words(getattr(meta, f"source_{other}")) not in shown
