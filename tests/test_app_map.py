"""The map screen through Streamlit's AppTest: no exception, both languages, selection in
sync between the sidebar filter, a map click and the URL."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import pytest
from streamlit.testing.v1 import AppTest

from smartcity_geo import WGS84
from smartcity_geo.badges import plain
from smartcity_geo.strings import t
from smartcity_geo.viewstate import from_query

UTM49S = "EPSG:32749"  # the bundled pack's metric CRS (pack.metric_crs)

ROOT = Path(__file__).resolve().parent.parent
KEBONSARI = "35.75.04.1005"


def _app(query: dict[str, str] | None = None) -> AppTest:
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=90)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    return at.run()


def _metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def _inside_point(pack, code: str) -> tuple[float, float]:
    poly = pack.table("kelurahan").set_index("kode").to_crs(UTM49S).loc[code].geometry
    point = gpd.GeoSeries([poly.representative_point()], crs=UTM49S).to_crs(WGS84).iloc[0]
    return point.x, point.y


def test_map_screen_in_indonesian_by_default(pack):
    at = _app()
    assert not at.exception
    assert at.title[0].value == "Peta Kota Cerdas Pasuruan"
    metrics = _metrics(at)
    assert metrics["Kelurahan"] == "34"
    public = int((pack.table("hotspots")["type"] == "public").sum())
    internal = int((pack.table("hotspots")["type"] == "internal").sum())
    assert metrics["Hotspot terpetakan"] == str(public + internal)
    assert metrics["Kelurahan dengan fiber"] == str(int(pack.table("broadband")["fibre"].sum()))
    assert metrics["Luas kota dengan 4G"].endswith("%")
    # every layer has a toggle and its status beside it
    labels = [c.label for c in at.checkbox]
    assert "Cakupan 4G · contoh" in labels and "Kawasan wisata · resmi" in labels
    assert any("contoh" in m.value for m in at.markdown)
    assert dict(at.query_params) == {}


def test_english_is_one_click_away_and_goes_into_the_url():
    at = _app()
    at.radio(key="lang").set_value("en").run()
    assert not at.exception
    assert at.title[0].value == "Pasuruan Smart City Map"
    assert "City area with 4G" in _metrics(at)
    assert any(m.value.startswith("sample") or "sample" in m.value for m in at.markdown)
    assert at.query_params["lang"] == "en"


def test_filter_and_map_click_give_the_same_state(pack):
    by_filter = _app()
    by_filter.multiselect(key="kel_sel").set_value([KEBONSARI]).run()
    assert not by_filter.exception

    by_click = _app()
    lon, lat = _inside_point(pack, KEBONSARI)
    by_click.session_state["map"] = {"last_clicked": {"lat": lat, "lng": lon}}
    by_click.run()
    assert not by_click.exception

    for at in (by_filter, by_click):
        assert at.multiselect(key="kel_sel").value == [KEBONSARI]
        assert _metrics(at)["Kelurahan"] == "1"
        assert at.query_params["kel"] == KEBONSARI
    assert _metrics(by_filter) == _metrics(by_click)

    # The same click value arriving again (the map keeps returning it) changes nothing:
    by_click.multiselect(key="kel_sel").set_value([]).run()
    assert by_click.multiselect(key="kel_sel").value == []
    assert _metrics(by_click)["Kelurahan"] == "34"


def test_a_click_outside_the_city_changes_nothing():
    at = _app()
    at.session_state["map"] = {"last_clicked": {"lat": -7.5, "lng": 112.5}}
    at.run()
    assert not at.exception
    assert at.multiselect(key="kel_sel").value == []


def test_kecamatan_picks_all_its_kelurahan_and_clear_returns_to_the_city(pack):
    at = _app()
    at.selectbox(key="kec_pick").set_value("Purworejo").run()
    kel = pack.table("kelurahan")
    expected = sorted(kel.loc[kel["kecamatan"] == "Purworejo", "kode"])
    assert at.multiselect(key="kel_sel").value == expected
    assert _metrics(at)["Kelurahan"] == "7"
    clear = next(b for b in at.button if b.label == "Hapus pilihan")
    clear.click().run()
    assert at.multiselect(key="kel_sel").value == []
    assert _metrics(at)["Kelurahan"] == "34"
    assert "kel" not in at.query_params


def test_a_shared_link_reopens_the_same_view():
    query = {"lang": "en", "kel": f"{KEBONSARI},35.75.01.1001", "layers": "tourism,network", "mode": "present"}
    at = _app(query)
    assert not at.exception
    assert at.radio(key="lang").value == "en"
    assert at.multiselect(key="kel_sel").value == ["35.75.01.1001", KEBONSARI]
    assert at.toggle(key="presentation").value is True
    on = {c.key for c in at.checkbox if c.value}
    assert on == {"layer_tourism", "layer_network"}
    # and the URL written back is the same view
    written = {k: at.query_params[k] for k in at.query_params}
    assert from_query(written) == from_query(query)
    assert written["kel"] == f"35.75.01.1001,{KEBONSARI}"


def test_a_broken_link_falls_back_to_defaults():
    at = _app({"kel": "<script>alert(1)</script>", "lang": "xx", "layers": "nope"})
    assert not at.exception
    assert at.multiselect(key="kel_sel").value == []
    assert at.radio(key="lang").value == "id"


def test_an_upload_is_used_by_the_whole_session(pack):
    import re

    text = (ROOT / "geodata" / "broadband.csv").read_text(encoding="utf-8")
    rows = text.splitlines()
    all_fibre = [rows[0]] + [
        re.sub(r",false,0(\.0)?,0,", ",true,0.4,1,", r).replace(",sample", ",official") for r in rows[1:]
    ]
    at = _app()
    before = _metrics(at)["Kelurahan dengan fiber"]
    at.session_state["_uploads"] = {"broadband": ("fiber_kota.csv", "\n".join(all_fibre).encode())}
    at.run()
    assert not at.exception
    assert before != "34" and _metrics(at)["Kelurahan dengan fiber"] == "34"
    # an upload never claims official, whatever its rows say: the screen shows it as uploaded
    fibre_note = next(m.value for m in at.markdown if m.value.startswith("dari 34"))
    assert "status-uploaded" in fibre_note and "status-official" not in fibre_note
    assert "diunggah, belum diverifikasi" in fibre_note


@pytest.mark.parametrize("lang", ["id", "en"])
def test_a_broken_data_pack_shows_one_message_and_no_traceback(tmp_path, monkeypatch, lang):
    import shutil

    from smartcity_geo.seal import seal

    broken = tmp_path / "geodata"
    shutil.copytree(ROOT / "geodata", broken)
    hotspots = broken / "hotspots.csv"
    lines = hotspots.read_text(encoding="utf-8").splitlines()
    lines[5] = lines[5].replace(",public,", ",publik,", 1)  # row 6: an unknown hotspot type
    hotspots.write_text("\n".join(lines) + "\n", encoding="utf-8")
    seal(broken)  # re-sealed, so the check reaches the cell (an unsealed edit is refused by its checksum)
    monkeypatch.setenv("SMARTCITY_DATA_DIR", str(broken))

    at = _app({"lang": lang})
    assert not at.exception
    assert len(at.error) == 1
    message = at.error[0].value
    if lang == "en":
        assert message.startswith("The data pack could not be loaded. File hotspots.csv, row 6, column type:")
    else:
        assert message.startswith("Paket data tidak dapat dimuat. Berkas hotspots.csv, baris 6, kolom type:")
    assert "publik" in message
    assert not at.metric  # nothing half-drawn


@pytest.mark.parametrize("lang", ["id", "en"])
def test_selection_headline_says_selection(lang):
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=90)
    at.query_params["lang"] = lang
    at.query_params["kel"] = f"35.75.04.1009,{KEBONSARI}"
    at.run()
    labels = [m.label for m in at.metric]
    assert t("kpi.coverage_4g_selection", lang) in labels and t("kpi.coverage_4g", lang) not in labels
    at.multiselect(key="kel_sel").set_value(["35.75.04.1009"]).run()
    assert t("kpi.coverage_4g_kelurahan", lang) in [m.label for m in at.metric]


def _query(at: AppTest) -> dict[str, str]:
    return {k: at.query_params[k] for k in at.query_params}


def test_layers_basemap_and_measure_survive_switching_screens():
    at = _app({"layers": "tourism,network", "base": "osm"})
    at.selectbox(key="measure").set_value("share_4g").run()
    assert not at.exception
    before = _query(at)
    assert before == {"layers": "network,tourism", "base": "osm", "measure": "share_4g"}  # registry order

    at.switch_page("pages/kelurahan.py").run()
    assert not at.exception
    assert not [c for c in at.checkbox if c.key and c.key.startswith("layer_")]  # the map's widgets are gone
    assert _query(at) == before  # ... but not the view

    at.switch_page("pages/map.py").run()
    assert not at.exception
    assert {c.key for c in at.checkbox if c.key.startswith("layer_") and c.value} == {"layer_tourism", "layer_network"}
    assert at.selectbox(key="basemap").value == "osm"
    assert at.selectbox(key="measure").value == "share_4g"
    assert _query(at) == before


def test_a_layer_changed_on_the_map_screen_is_kept_after_a_round_trip():
    at = _app()
    at.checkbox(key="layer_tourism").check().run()
    at.checkbox(key="layer_coverage_4g").uncheck().run()
    layers = _query(at)["layers"]
    assert "tourism" in layers.split(",") and "coverage_4g" not in layers.split(",")
    at.switch_page("pages/budget.py").run()
    at.switch_page("pages/map.py").run()
    assert not at.exception
    assert at.checkbox(key="layer_tourism").value is True
    assert at.checkbox(key="layer_coverage_4g").value is False
    assert _query(at)["layers"] == layers


def test_a_measure_colours_the_map_and_shows_its_status():
    at = _app({"lang": "en"})
    assert at.selectbox(key="measure").value == "none"
    at.selectbox(key="measure").set_value("fibre_households").run()
    assert not at.exception
    assert at.query_params["measure"] == "fibre_households"
    assert any("sample" in m.value for m in at.markdown)
    # an unknown measure from a link falls back to none
    assert _app({"measure": "<b>x</b>"}).selectbox(key="measure").value == "none"


def test_hotspots_without_the_internal_one_draw_an_empty_layer(pack):
    text = (ROOT / "geodata" / "hotspots.csv").read_text(encoding="utf-8")
    kept = [line for line in text.splitlines() if ",internal," not in line]
    assert len(kept) == len(text.splitlines()) - 1
    at = _app()
    at.session_state["_uploads"] = {"hotspots": ("hotspots.csv", "\n".join(kept).encode())}
    at.run()
    assert not at.exception
    assert not at.error
    assert _metrics(at)["Kelurahan"] == "34"


# --------------------------------------------------------------------------------------
# Rendered once: the map's unchanged parts are strings made once, the selection is tiny


@pytest.fixture(scope="module")
def map_data(pack):
    from smartcity_geo.mapdata import prepare_map_data

    return prepare_map_data(pack)


def _rendered_base(map_data):
    from smartcity_geo.assets import use_local_assets
    from smartcity_geo.layers import build_base_map
    from ui import mapview, offline

    m = build_base_map(map_data, "id")
    use_local_assets(m, base_url=offline.LEAFLET_URL, plugin_urls=offline.PLUGIN_URLS)
    return mapview.render_map(m)


def test_the_base_map_renders_to_the_same_component_arguments_every_time(map_data):
    first, second = _rendered_base(map_data), _rendered_base(map_data)
    for name in ("script", "header", "html", "js_links", "css_links"):
        assert getattr(first, name) == getattr(second, name), name
    assert first.hash_key("map") == second.hash_key("map")  # the browser keeps its map


def test_a_filter_change_renders_only_a_small_selection_script(map_data):
    from smartcity_geo.layers import build_layers, selection_layer
    from smartcity_geo.registry import DEFAULT_LAYERS
    from ui import mapview

    layers = mapview.render_groups(build_layers(DEFAULT_LAYERS, map_data, "id"))
    selection = mapview.render_groups([selection_layer(map_data, [KEBONSARI], "id")], start=layers.count)
    assert f"feature_group_feature_group_{layers.count}" in selection.script
    assert "coordinates" not in selection.script  # the outline reuses the base map's polygons
    assert len(selection.script.encode()) < 3_000
    again = mapview.render_groups(build_layers(DEFAULT_LAYERS, map_data, "id"))
    assert again == layers  # byte-identical, so nothing but the selection differs between runs


@pytest.mark.parametrize("codes", [(), (KEBONSARI,), ("35.75.01.1001", KEBONSARI, "35.75.04.1009"), ("35.75.99.9999",)])
def test_the_selection_template_gives_exactly_what_rendering_the_selection_gives(map_data, codes):
    """A run fills the codes into a script rendered once; the bytes are those of a fresh render."""
    from smartcity_geo.layers import selection_group, selection_layer, selection_values
    from ui import mapview

    template = mapview.selection_template(selection_group({}), selection_group(mapview.SLOT_VALUES), start=3)
    filled = template.fill(selection_values(map_data, codes))
    assert filled == mapview.render_groups([selection_layer(map_data, codes, "id")], start=3)
    known = [c for c in codes if c in set(map_data.kelurahan["kode"])]
    assert all(code in filled.script for code in known)
    assert mapview.compact_json(mapview.SLOT_VALUES) not in filled.script


def test_a_layer_needing_a_file_the_base_map_does_not_load_is_refused(map_data):
    import folium
    import folium.elements
    from branca.element import MacroElement

    from smartcity_geo.assets import OfflineAssetError
    from ui import mapview

    class Extra(folium.elements.JSCSSMixin, MacroElement):
        default_js = [("extra", "../ui.offline.leaflet/extra.js")]

    base = _rendered_base(map_data)
    group = folium.FeatureGroup()
    Extra().add_to(group)
    with pytest.raises(OfflineAssetError, match="extra.js"):
        mapview.show(base, [mapview.render_groups([group])], key="map", height=640, center=(0, 0), zoom=13)


def test_published_map_parts_are_files_and_a_run_carries_only_their_names(map_data, tmp_path):
    from smartcity_geo.layers import build_layers
    from smartcity_geo.registry import DEFAULT_LAYERS
    from ui import mapview

    base = _rendered_base(map_data)
    published = mapview.publish(base, tmp_path, "../ui.offline.mapcache/")
    (name,) = [p.name for p in tmp_path.iterdir()]
    assert (tmp_path / name).read_text(encoding="utf-8") == base.script
    assert published.js_links[-1] == f"../ui.offline.mapcache/{name}" and name in published.script
    assert len(published.script) < 100 and published.hash_key("map") != base.hash_key("map")

    layers = mapview.render_groups(build_layers(DEFAULT_LAYERS, map_data, "id"))
    loader = mapview.publish_groups(layers, tmp_path, "../ui.offline.mapcache/")
    assert len(loader.script.encode()) < 1_000 < len(layers.script.encode())
    assert loader.count == layers.count
    files = {p.read_text(encoding="utf-8") for p in tmp_path.iterdir()}
    assert layers.script in files
    # publishing again (another session) writes nothing new
    mapview.publish_groups(layers, tmp_path, "../ui.offline.mapcache/")
    assert len(list(tmp_path.iterdir())) == 2


def test_rendering_in_parallel_sessions_gives_the_same_bytes(map_data):
    """Each render uses its own folium objects: concurrent sessions never share or swap state."""
    from concurrent.futures import ThreadPoolExecutor

    from smartcity_geo.layers import build_layers, selection_layer
    from smartcity_geo.registry import LAYER_KEYS
    from ui import mapview

    def render(code: str) -> tuple[str, str]:
        layers = mapview.render_groups(build_layers(LAYER_KEYS, map_data, "en"))
        selection = mapview.render_groups([selection_layer(map_data, [code], "en")], start=layers.count)
        return layers.script, selection.script

    codes = [KEBONSARI, "35.75.01.1001"] * 3
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(render, codes))
    assert len({layers for layers, _ in results}) == 1
    assert {code: sel for code, (_, sel) in zip(codes, results, strict=True)} == {
        code: render(code)[1] for code in set(codes)
    }


def test_a_kelurahan_indicator_can_colour_the_map_and_a_missing_one_falls_back():
    def official_badges(at: AppTest) -> int:
        return sum("status-official" in m.value for m in at.markdown)

    at = _app({"measure": "ind:SS-CO-12", "lang": "en"})
    assert not at.exception
    assert at.selectbox(key="measure").value == "ind:SS-CO-12"
    assert official_badges(at) == official_badges(_app({"lang": "en"})) + 1  # the measure's own badge
    at = _app({"measure": "ind:ZZ-ZZ-99"})
    assert not at.exception
    assert at.selectbox(key="measure").value == "none"
    assert "measure" not in at.query_params


@pytest.mark.parametrize(
    ("lang", "label"),
    [
        ("id", "Titik layanan internet (Wi-Fi) gratis (21 Okt 2023)"),
        ("en", "Free public internet (Wi-Fi) points (21 Oct 2023)"),
    ],
)
def test_the_official_wifi_figure_is_labelled_and_dated_in_the_users_language(lang, label):
    at = _app({"lang": lang})
    assert not at.exception
    assert any(plain(label) in m.value for m in at.markdown)


def test_the_view_survives_streamlit_dropping_its_widgets_state():
    """Streamlit resets widget state on a run that switches pages; the view does not live there.

    A presenter who changed the language while a screen switch was still running once got
    presentation mode switched off. Putting every sidebar and bar widget back at its default,
    as such a reset does, must leave the language, the selection and presentation mode as
    they were.
    """
    at = _app({"lang": "en", "kel": KEBONSARI, "mode": "present"})
    # what a reset leaves: every sidebar and bar widget back at its default value
    defaults = {"lang": "id", "kel_sel": [], "presentation": False, "lang_bar": "id", "kel_sel_bar": []}
    for key, value in defaults.items():
        at.session_state[key] = value
    at.run()
    assert not at.exception
    assert at.toggle(key="presentation").value is True
    assert at.radio(key="lang").value == "en"
    assert at.multiselect(key="kel_sel").value == [KEBONSARI]
    assert at.query_params["mode"] == "present" and at.query_params["lang"] == "en"


def test_a_filter_change_asks_the_store_once_and_prepares_nothing_again(monkeypatch):
    """Per run: one question to the store (the newest revision); the pack and the map data come
    from the cache, and the map's parts are not rendered again."""
    from smartcity_geo.store.revisions import Store
    from ui import loaders, mapview

    at = _app()
    at.run()
    calls = {"revision": 0, "prepare": 0, "render": 0}

    def counting(name, original):
        def wrapper(*args, **kwargs):
            calls[name] += 1
            return original(*args, **kwargs)

        return wrapper

    monkeypatch.setattr(Store, "latest_revision_id", counting("revision", Store.latest_revision_id))
    monkeypatch.setattr(loaders, "prepare_map_data", counting("prepare", loaders.prepare_map_data))
    monkeypatch.setattr(mapview, "render_groups", counting("render", mapview.render_groups))
    for codes in (["35.75.01.1001"], ["35.75.01.1001", "35.75.04.1009"], []):
        at.multiselect(key="kel_sel").set_value(codes).run()
        assert not at.exception
    assert calls == {"revision": 3, "prepare": 0, "render": 0}
