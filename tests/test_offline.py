"""The map needs nothing from the internet: checked on the real base map and every layer.

No browser and no Streamlit: the links are collected the way streamlit-folium 0.27.4's
``st_folium`` collects them (every ``JSCSSMixin`` in the map, feature groups added to the
map first; any branca colormap makes it add d3 from a CDN), and the HTML is folium's own
rendering of the whole figure.
"""

from __future__ import annotations

import re
from pathlib import Path

import branca.colormap
import folium
import folium.elements
import folium.plugins
import pytest

from smartcity_geo import choropleth
from smartcity_geo.assets import (
    LEAFLET_CSS,
    LEAFLET_JS,
    PLUGINS,
    OfflineAssetError,
    TileNotice,
    leaflet_dir,
    plugin_dir,
    use_local_assets,
)
from smartcity_geo.layers import build_base_map, build_choropleth, build_layer, build_legend, selection_layer
from smartcity_geo.registry import BASEMAPS, LAYER_KEYS, LAYERS, TILES

ROOT = Path(__file__).resolve().parents[1]
BASE_URL = "../ui.offline.leaflet/"  # what ui/offline.py passes
PLUGIN_URLS = {"fullscreen": "../ui.offline.fullscreen/"}
URL = re.compile(r"""https?://[^\s"'`<>)\\]+""")
SVG_NS = "http://www.w3.org/2000/svg"  # a namespace name in the legend's script, never fetched


@pytest.fixture(scope="module")
def data(map_data):
    return map_data


def offline_map(data, basemap: str = "none", lang: str = "id") -> tuple[folium.Map, list[folium.FeatureGroup]]:
    """The map and groups the page sends: base map, choropleth, every layer, a selection, the legend; rewritten."""
    m = build_base_map(data, lang, basemap)
    classes = choropleth.classify(data.figures, "share_4g", data.pack, lang)
    groups = [build_choropleth(classes, lang)]
    groups += [build_layer(spec.key, data, lang) for spec in LAYERS]
    groups.append(selection_layer(data, [data.kelurahan["kode"].iloc[0]], lang))
    groups.append(build_legend(data, lang, LAYER_KEYS, classes=classes))
    use_local_assets(m, *groups, base_url=BASE_URL, plugin_urls=PLUGIN_URLS)
    return m, groups


def links_st_folium_loads(m: folium.Map, groups: list[folium.FeatureGroup]) -> list[str]:
    """The js_links + css_links streamlit-folium would send to its iframe."""
    for group in groups:
        group.add_to(m)  # st_folium adds feature_group_to_add to the map before walking it

    def walk(element):
        yield element
        for child in getattr(element, "_children", {}).values():
            yield from walk(child)

    links = []
    for element in walk(m):
        if isinstance(element, branca.colormap.ColorMap):
            links.append("https://d3js.org/d3.v4.min.js")
        if isinstance(element, folium.elements.JSCSSMixin):
            links += [url for _, url in element.default_js] + [url for _, url in element.default_css]
    return links


@pytest.mark.parametrize("basemap", BASEMAPS)
def test_map_links_are_only_local_leaflet_and_fullscreen(data, basemap: str) -> None:
    m, groups = offline_map(data, basemap)

    links = links_st_folium_loads(m, groups)

    fullscreen = [PLUGIN_URLS["fullscreen"] + name for name in PLUGINS["fullscreen"][1].values()]
    assert sorted(set(links)) == sorted({BASE_URL + LEAFLET_JS, BASE_URL + LEAFLET_CSS, *fullscreen})


@pytest.mark.parametrize("basemap", BASEMAPS)
def test_rendered_map_has_no_remote_url_but_the_chosen_tiles(data, basemap: str) -> None:
    m, groups = offline_map(data, basemap)
    for group in groups:
        group.add_to(m)

    html = m.get_root().render()

    allowed = {TILES[basemap][0]} if basemap in TILES else set()
    assert set(URL.findall(html)) - {SVG_NS} == allowed
    assert BASE_URL + LEAFLET_JS in html


def test_tile_notice_only_with_a_tile_basemap(data) -> None:
    def notices(basemap: str) -> list[TileNotice]:
        m = build_base_map(data, "en", basemap)
        return [c for c in m._children.values() if isinstance(c, TileNotice)]

    assert notices("none") == []
    (notice,) = notices("osm")
    assert notice.message == "Basemap tiles unavailable (no internet)"
    assert isinstance(notice.tile_layer, folium.TileLayer)


def test_tile_notice_message_is_escaped() -> None:
    m = folium.Map(tiles=None)
    tiles = folium.TileLayer("https://tiles.example/{z}/{x}/{y}.png", attr="x").add_to(m)
    TileNotice(tiles, '</script><img src=x onerror="alert(1)">').add_to(m)

    html = m.get_root().render()

    assert "</script><img" not in html
    assert "\\u003c/script\\u003e\\u003cimg" in html
    assert "textContent" in html and "innerHTML" not in html


def test_rewrite_touches_instances_not_folium_classes(data) -> None:
    before_js, before_css = list(folium.Map.default_js), list(folium.Map.default_css)

    m, _ = offline_map(data)

    assert folium.Map.default_js == before_js and folium.Map.default_css == before_css
    assert folium.Map().default_js == before_js  # another map in the process keeps folium's CDN links
    assert m.default_js == [("leaflet", BASE_URL + LEAFLET_JS)]


@pytest.mark.parametrize(
    ("make", "match"),
    [
        (lambda m: folium.Marker([-7.64, 112.9], icon=folium.Icon(color="red")).add_to(m), "awesome-markers"),
        (
            lambda m: folium.GeoJson(
                {"type": "Point", "coordinates": [112.9, -7.64]}, marker=folium.Marker(icon=folium.Icon())
            ).add_to(m),
            "awesome-markers",
        ),
        (lambda m: folium.Marker([-7.64, 112.9], popup="hello").add_to(m), "jQuery"),
        (lambda m: m.keep_in_front(folium.FeatureGroup().add_to(m)), "keep_in_front"),
        (lambda m: branca.colormap.LinearColormap(["red", "blue"]).add_to(m), "d3"),
        (lambda m: folium.plugins.MarkerCluster().add_to(m), "MarkerCluster.*serve it locally"),
    ],
    ids=["icon", "geojson-icon", "popup", "keep_in_front", "colormap", "plugin"],
)
def test_elements_needing_a_cdn_are_refused(make, match: str) -> None:
    m = folium.Map(tiles=None)
    make(m)
    with pytest.raises(OfflineAssetError, match=match):
        use_local_assets(m, base_url=BASE_URL)


def test_a_group_added_later_is_checked_too() -> None:
    m = folium.Map(tiles=None)
    late = folium.FeatureGroup()
    folium.plugins.MarkerCluster().add_to(late)
    with pytest.raises(OfflineAssetError, match="MarkerCluster"):
        use_local_assets(m, late, base_url=BASE_URL)


def test_fullscreen_without_a_local_url_is_refused() -> None:
    m = folium.Map(tiles=None)
    folium.plugins.Fullscreen().add_to(m)
    with pytest.raises(OfflineAssetError, match="Fullscreen"):
        use_local_assets(m, base_url=BASE_URL)


def test_fullscreen_files_are_vendored_with_their_icon_and_licence() -> None:
    root = plugin_dir("fullscreen")
    js_name, css_name = PLUGINS["fullscreen"][1].values()
    assert "leaflet.control.fullscreen = " in (root / js_name).read_text(encoding="utf-8")
    css = (root / css_name).read_text(encoding="utf-8")
    fetched = set(re.findall(r"url\(\s*['\"]?([^'\")]+)", css))
    assert fetched == {"icon-fullscreen.svg"} and all((root / u).is_file() for u in fetched)
    assert "MIT" in (root / "LICENSE").read_text(encoding="utf-8") or "Permission is hereby granted" in (
        root / "LICENSE"
    ).read_text(encoding="utf-8")
    assert not URL.findall((root / js_name).read_text(encoding="utf-8").split("*/", 1)[-1])


def test_base_url_must_be_a_directory() -> None:
    with pytest.raises(OfflineAssetError, match="end with '/'"):
        use_local_assets(folium.Map(tiles=None), base_url="../ui.offline.leaflet")


def test_leaflet_files_are_installed_with_their_images() -> None:
    root = leaflet_dir()
    css = (root / LEAFLET_CSS).read_text(encoding="utf-8")
    # Every file the stylesheet refers to ("#default#VML" is an old-IE behaviour, never fetched).
    fetched = {u for u in re.findall(r"url\(\s*['\"]?([^'\")]+)", css) if not u.startswith("#")}

    assert fetched, "leaflet.css no longer refers to images/..."
    assert all(url.startswith("images/") and (root / url).is_file() for url in fetched), fetched
