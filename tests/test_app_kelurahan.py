"""The kelurahan screen through the whole app (AppTest): profile, comparison, gaps, downloads.

NOTE: no fixture is needed for the ``pages/`` folder: the first run of a fresh app goes
the multipage-v1 way and ``ui.chrome.leave_legacy_pages_mode`` switches it (tested here,
since AppTest starts every app fresh).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from smartcity_geo.datapack import load_pack
from smartcity_geo.strings import t

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "dashboard.py")
PAGE = "pages/kelurahan.py"
PEKUNCEN, KEBONSARI, KARANGKETUG = "35.75.04.1009", "35.75.04.1005", "35.75.01.1001"


@pytest.fixture(scope="module")
def pack():
    return load_pack(ROOT / "geodata")


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
    if not pack.has("indicators"):
        assert t("kel.indicators.unavailable", lang) in [i.value for i in at.info]
        return
    defs = pack.table("indicators")
    names = set(defs.loc[defs["kelurahan_code"] == code, "name_en" if lang == "en" else "name_id"])
    if names:  # the second table lists this kelurahan's indicators, no other
        assert set(at.dataframe[1].value["name"]) == names
    else:
        assert t("kel.indicators.none", lang) in [i.value for i in at.info]


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
    assert [b.proto.label for b in buttons] == [t("export.csv", "id"), t("export.csv_excel", "id"),
                                                 t("export.geojson", "id")]
