"""A province pack in the app: the whole province on one map, then one kab/kota at full detail.

The province is the one the excerpt in ``tests/fixtures/wilayah/`` makes (three kota, 76
villages), built once into a temporary folder; with ``../shared/data`` the bench
(``bench/bench_province.py``) and the browser check the whole of Jawa Timur.
"""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import pytest
from streamlit.testing.v1 import AppTest
from test_regions import build

from smartcity_geo import geometry, layers, levels
from smartcity_geo.datapack import load_pack
from smartcity_geo.mapdata import prepare_map_data
from smartcity_geo.strings import t

ROOT = Path(__file__).resolve().parent.parent
KABKOTA = {"35.75": "Kota Pasuruan", "35.76": "Kota Mojokerto", "35.79": "Kota Batu"}


@pytest.fixture(scope="module")
def province(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("province") / "35"
    status, _out, err = build("35", out)
    assert status == 0 and err == "", err
    return out


@pytest.fixture(scope="module")
def province_data(province: Path):
    return prepare_map_data(load_pack(province))


def _open(monkeypatch, tmp_path: Path, province: Path, query: dict[str, str] | None = None) -> AppTest:
    monkeypatch.setenv("SMARTCITY_DATA_DIR", str(province))
    monkeypatch.setenv("SMARTCITY_STORE_DIR", str(tmp_path / "var"))
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=180)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_the_province_view_draws_simplified_villages_and_names_its_kabkota(province_data) -> None:
    data = province_data
    assert data.pack.region.is_province and len(data.kelurahan) == 76
    assert sorted(data.kabkota["kode_kabkota"]) == sorted(KABKOTA)
    sent = geometry.kelurahan_geojson(data, "id")
    assert len(sent["features"]) == 76  # every village, from the lightest band
    band = {f["properties"]["kode"]: f["geometry"] for f in sent["features"]}
    full = data.kelurahan.set_index("kode").geometry
    fewer = sum(len(str(band[c])) < len(str(full[c].__geo_interface__)) for c in band)
    assert fewer > 38  # most villages are sent lighter than their full detail
    borders = geometry.kecamatan_geojson(data)
    assert sorted(f["properties"]["kecamatan"] for f in borders["features"]) == sorted(KABKOTA.values())
    names = layers.names_table(data)
    assert sorted(names["names"]) == sorted(KABKOTA.values())  # the province's names are its kab/kota's
    assert names["steps"][0] == "7.0"


def test_one_kabkota_of_a_province_is_a_pack_of_its_own(province_data) -> None:
    scoped = levels.scoped_pack(province_data.pack, "35.79")
    assert (scoped.region.name, scoped.region.kind, scoped.region.code) == ("Kota Batu", "kota", "35.79")
    assert set(scoped.table("kelurahan")["kode"].str[:5]) == {"35.79"} and len(scoped.table("kelurahan")) == 24
    assert all(k.code.startswith("35.79.") for k in scoped.region.kecamatan) and not scoped.region.kabkota
    data = prepare_map_data(scoped)
    assert data.province is None and len(geometry.kelurahan_geojson(data, "id")["features"]) == 24


@pytest.mark.parametrize("lang", ["id", "en"])
def test_choosing_a_kabkota_shows_it_alone_and_the_link_reopens_it(monkeypatch, tmp_path, province, lang) -> None:
    at = _open(monkeypatch, tmp_path, province, {"lang": lang})
    assert "Jawa Timur" in at.title[0].value
    picker = at.selectbox(key="kab_pick")
    assert list(picker.options) == list(KABKOTA.values())
    assert picker.placeholder == t("sidebar.kabkota_all", lang, province="Jawa Timur")
    assert not [w for w in at.multiselect if w.key == "kel_sel"]  # no list of every village of the province
    picker.set_value("35.76").run()
    assert not at.exception
    assert "Mojokerto" in at.title[0].value
    villages = at.multiselect(key="kel_sel").options
    assert len(villages) == 18  # Kota Mojokerto's kelurahan only
    assert at.query_params["kab"] == "35.76"
    at.selectbox(key="kab_pick").set_value(None).run()
    assert "Jawa Timur" in at.title[0].value and "kab" not in at.query_params


def test_a_link_to_a_kabkota_opens_it_and_an_unknown_one_is_dropped(monkeypatch, tmp_path, province) -> None:
    at = _open(monkeypatch, tmp_path, province, {"kab": "35.79", "kel": "35.79.01.1001"})
    assert "Batu" in at.title[0].value and at.multiselect(key="kel_sel").value == ["35.79.01.1001"]
    at = _open(monkeypatch, tmp_path, province, {"kab": "35.07"})  # not in this pack
    assert "Jawa Timur" in at.title[0].value and "kab" not in at.query_params
    at = _open(monkeypatch, tmp_path, province, {"kab": "<b>35.79</b>"})  # malformed
    assert "Jawa Timur" in at.title[0].value


@pytest.mark.parametrize("lang", ["id", "en"])
def test_a_click_on_the_province_map_opens_that_kabkota_with_the_village_chosen(
    monkeypatch, tmp_path, province, province_data, lang
) -> None:
    at = _open(monkeypatch, tmp_path, province, {"lang": lang})
    assert t("map.click_hint_province", lang) in [c.value for c in at.caption]
    village = province_data.kelurahan.set_index("kode").loc["35.76.01.1003"]
    point = village.geometry.representative_point()
    lon, lat = gpd.GeoSeries([point], crs=province_data.kelurahan.crs).to_crs(4326).iloc[0].coords[0]
    at.session_state["map"] = {"last_clicked": {"lat": lat, "lng": lon}}
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert "Mojokerto" in at.title[0].value  # the kab/kota of the village clicked, at full detail
    assert at.selectbox(key="kab_pick").value == "35.76"
    assert at.multiselect(key="kel_sel").value == ["35.76.01.1003"]
    assert at.query_params["kab"] == "35.76" and at.query_params["kel"] == "35.76.01.1003"
    assert at.metric[0].value == "1"  # the headline counts the one village chosen
    # the same click value returned again changes nothing; a click on the kab/kota's map selects there
    at.multiselect(key="kel_sel").set_value([]).run()
    assert at.multiselect(key="kel_sel").value == [] and at.selectbox(key="kab_pick").value == "35.76"


def test_a_click_outside_the_province_changes_nothing(monkeypatch, tmp_path, province) -> None:
    at = _open(monkeypatch, tmp_path, province)
    at.session_state["map"] = {"last_clicked": {"lat": -8.9, "lng": 110.0}}  # the sea south of Java
    at.run()
    assert not at.exception and "Jawa Timur" in at.title[0].value and at.selectbox(key="kab_pick").value is None


def test_the_province_is_compared_by_kabkota_and_a_kabkota_with_its_province(monkeypatch, tmp_path, province) -> None:
    at = _open(monkeypatch, tmp_path, province, {"lang": "en"})
    at.switch_page("pages/kelurahan.py").run()
    assert not at.exception, [e.value for e in at.exception]
    averages = at.dataframe[0].value
    assert list(averages["kode"][:4]) == ["35", *sorted(KABKOTA)]  # the province, then each kab/kota
    assert list(averages["kelurahan"][1:4]) == [f"{KABKOTA[c]} average" for c in sorted(KABKOTA)]
    assert averages["kode"].str.count(r"\.").tolist()[4:] == [2] * 10  # then its 10 kecamatan
    at.selectbox(key="kab_pick").set_value("35.79").run()
    assert not at.exception, [e.value for e in at.exception]
    averages = at.dataframe[0].value
    assert list(averages["kode"][:2]) == ["35", "35.79"]  # the province's own average above Kota Batu's
    assert averages["kelurahan"][0] == "Jawa Timur province average"
    assert all(code.startswith("35.79.") for code in averages["kode"][2:])
    at.multiselect(key="kel_sel").set_value(["35.79.01.1001"]).run()
    averages = at.dataframe[1].value  # one village: its own row, then what it is compared with
    assert list(averages["kode"]) == ["35", "35.79", "35.79.01"]


def test_the_presentation_bar_chooses_a_kabkota_then_its_villages_and_goes_back_up(
    monkeypatch, tmp_path, province
) -> None:
    at = _open(monkeypatch, tmp_path, province, {"mode": "present"})
    assert not [w for w in at.multiselect if w.key.startswith("kel_sel")]  # no list of every village
    bar = at.selectbox(key="kab_pick_bar")
    assert list(bar.options) == list(KABKOTA.values()) and bar.value is None
    bar.set_value("35.75").run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.selectbox(key="kab_pick").value == "35.75"  # the sidebar's picker agrees
    assert not [w for w in at.selectbox if w.key == "kab_pick_bar"]  # one kota: its villages and an arrow up
    villages = at.multiselect(key="kel_sel_bar")
    assert len(villages.options) == 34 and at.query_params["kab"] == "35.75"
    villages.set_value(["35.75.01.1001"]).run()
    assert at.multiselect(key="kel_sel").value == ["35.75.01.1001"]
    assert at.button(key="present_up").help == t("present.up", "id", province="Jawa Timur")
    at.button(key="present_up").click().run()
    assert not at.exception and "kab" not in at.query_params and "Jawa Timur" in at.title[0].value
    assert at.selectbox(key="kab_pick_bar").value is None and at.selectbox(key="kab_pick").value is None
    at.selectbox(key="kab_pick").set_value("35.79").run()  # the sidebar's picker: the bar follows
    assert at.multiselect(key="kel_sel_bar").options and at.query_params["kab"] == "35.79"


def test_every_screen_opens_on_the_province_and_on_a_kabkota(monkeypatch, tmp_path, province) -> None:
    for query in ({}, {"kab": "35.75"}):
        at = _open(monkeypatch, tmp_path, province, query)
        for page in ("pages/kelurahan.py", "pages/indicators.py", "pages/budget.py", "pages/sources.py",
                     "pages/briefing.py", "pages/map.py"):  # fmt: skip
            at.switch_page(page).run()
            assert not at.exception, (query, page, [e.value for e in at.exception])
            assert not at.error, (query, page, [e.value for e in at.error])
