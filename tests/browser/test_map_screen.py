"""The map screen in a real browser, with no internet.

Each scenario ends with its "must NOT happen" check: the page (component iframe included)
sent no request to any host but the app's own, and threw no JavaScript error.
"""

from __future__ import annotations

import re
import shutil
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from playwright.sync_api import Frame, FrameLocator, Locator, Page, expect

from smartcity_geo import settings
from smartcity_geo.datapack import load_pack
from smartcity_geo.registry import KELURAHAN_CLASS
from smartcity_geo.strings import t

UTM49S = "EPSG:32749"  # the bundled pack's metric CRS (pack.metric_crs)

if TYPE_CHECKING:
    from conftest import AppServer, Traffic

ROOT = Path(__file__).resolve().parents[2]

MAP_IFRAME = 'iframe[title="streamlit_folium.st_folium"]'
KELURAHAN_COUNT = 34
LEAFLET_FILES = (
    "/component/ui.offline.leaflet/leaflet.js",
    "/component/ui.offline.leaflet/leaflet.css",
    "/component/ui.offline.fullscreen/Control.FullScreen.js",
    "/component/ui.offline.fullscreen/Control.FullScreen.css",
)
TILE_HOSTS = frozenset({"tile.openstreetmap.org"})


@cache
def largest_kelurahan() -> tuple[str, str, float, float]:
    """(code, label as the sidebar shows it, lat, lon of a point inside): the easiest to hit."""
    kel = load_pack(ROOT / "geodata").table("kelurahan")
    row = kel.loc[kel.to_crs(UTM49S).area.idxmax()]
    inside = row.geometry.representative_point()
    return row["kode"], f"{row['kelurahan']} ({row['kecamatan']})", inside.y, inside.x


# --------------------------------------------------------------------------------------
# Locators and waits


def map_frame(page: Page) -> FrameLocator:
    return page.frame_locator(MAP_IFRAME)


def kelurahan_polygons(page: Page) -> Locator:
    return map_frame(page).locator(f"path.{KELURAHAN_CLASS}")


def villages_drawn(page: Page, count: int) -> Locator:
    """The map once it has drawn ``count`` village polygons, on SVG or (a province) on a canvas,
    where no path is in the page: its ``data-sc-drawn`` (``mapelements.SharedKelurahan``)."""
    return map_frame(page).locator(f".leaflet-container[data-sc-drawn='{count}']")


def sidebar(page: Page) -> Locator:
    return page.get_by_test_id("stSidebar")


def metric_value(page: Page, label: str) -> Locator:
    label_el = page.get_by_test_id("stMetricLabel").get_by_text(label, exact=True)
    return page.get_by_test_id("stMetric").filter(has=label_el).get_by_test_id("stMetricValue")


def selected_chip(page: Page, label: str) -> Locator:
    """A selected value of the sidebar's kelurahan multiselect (its tag is labelled by name)."""
    return sidebar(page).get_by_test_id("stMultiSelect").get_by_label(label, exact=True)


def query_has(name: str, value: str) -> re.Pattern[str]:
    """The URL's query has ``name=value`` (a comma in ``value`` may arrive encoded as %2C)."""
    pattern = "(?:,|%2C)".join(re.escape(part) for part in value.split(","))
    return re.compile(rf"[?&]{re.escape(name)}={pattern}(&|$)")


def wait_until_idle(page: Page) -> None:
    """The script run is over (Streamlit marks its root with the run state)."""
    expect(page.get_by_test_id("stApp")).to_have_attribute("data-test-script-state", "notRunning")


def open_map(page: Page, server: AppServer, query: str = "") -> None:
    page.goto(f"{server.url}/{query}")
    expect(kelurahan_polygons(page)).to_have_count(KELURAHAN_COUNT)
    wait_until_idle(page)


def leaflet_frame(page: Page) -> Frame:
    frame = page.locator(MAP_IFRAME).element_handle().content_frame()
    assert frame is not None
    # Leaflet has finished moving to the view the app asked for.
    frame.wait_for_function(
        "() => window.map && !window.map._animatingZoom && !(window.map._panAnim && window.map._panAnim._inProgress)"
    )
    return frame


def click_on_map(page: Page, lat: float, lon: float) -> None:
    """Click the map where (lat, lon) is, as a user would (Leaflet gives the pixel)."""
    frame = leaflet_frame(page)
    x, y = frame.evaluate(
        "([lat, lon]) => { const p = window.map.latLngToContainerPoint([lat, lon]); return [p.x, p.y]; }", [lat, lon]
    )
    map_frame(page).locator("#map_div").click(position={"x": x, "y": y})


# --------------------------------------------------------------------------------------
# Scenarios


def test_map_draws_every_kelurahan_from_local_files(
    page: Page, app_server: AppServer, traffic: Traffic, artifacts: Path
) -> None:
    open_map(page, app_server)

    expect(kelurahan_polygons(page)).to_have_count(KELURAHAN_COUNT)
    # leaflet.css applied (from this machine): Leaflet's container rule clips the map.
    expect(map_frame(page).locator("#map_div")).to_have_css("overflow", "hidden")
    expect(metric_value(page, t("kpi.kelurahan", "id"))).to_have_text(str(KELURAHAN_COUNT))
    requested = {url.split("?")[0] for url, _, _ in traffic.requests}
    for path in LEAFLET_FILES:
        assert f"{app_server.url}{path}" in requested, f"{path} was not loaded from the app; got {sorted(requested)}"

    page.screenshot(path=artifacts / "map.png")
    if settings.get("update_screenshots"):  # refresh the README's picture on request
        shutil.copyfile(artifacts / "map.png", ROOT / "docs" / "screenshot.png")

    traffic.assert_only_local()
    traffic.assert_no_js_errors()


def test_click_on_a_kelurahan_selects_it(page: Page, app_server: AppServer, traffic: Traffic) -> None:
    code, label, lat, lon = largest_kelurahan()
    open_map(page, app_server)
    expect(selected_chip(page, label)).to_have_count(0)

    click_on_map(page, lat, lon)

    expect(selected_chip(page, label)).to_be_visible()
    expect(metric_value(page, t("kpi.kelurahan", "id"))).to_have_text("1")
    expect(page).to_have_url(query_has("kel", code))
    traffic.assert_only_local()
    traffic.assert_no_js_errors()


def test_language_switch_to_english(page: Page, app_server: AppServer, traffic: Traffic) -> None:
    open_map(page, app_server)
    expect(page.get_by_role("heading", name=t("app.title", "id"), level=1)).to_be_visible()

    sidebar(page).get_by_test_id("stRadio").get_by_text("English", exact=True).click()

    expect(page.get_by_role("heading", name=t("app.title", "en"), level=1)).to_be_visible()
    expect(sidebar(page).get_by_role("switch", name=t("sidebar.presentation", "en"))).to_be_visible()
    expect(sidebar(page).get_by_role("link", name=t("nav.map", "en"), exact=True)).to_be_visible()
    expect(page.get_by_test_id("stMetricLabel").get_by_text(t("kpi.hotspots", "en"), exact=True)).to_be_visible()
    expect(page).to_have_url(query_has("lang", "en"))
    expect(page).to_have_title(t("app.title", "en"))  # the browser tab too
    expect(kelurahan_polygons(page)).to_have_count(KELURAHAN_COUNT)
    traffic.assert_only_local()
    traffic.assert_no_js_errors()


def test_presentation_mode_toggles(page: Page, app_server: AppServer, traffic: Traffic) -> None:
    open_map(page, app_server)
    switch = sidebar(page).get_by_role("switch", name=t("sidebar.presentation", "id"))
    switch_label = sidebar(page).get_by_test_id("stCheckbox").get_by_text(t("sidebar.presentation", "id"), exact=True)
    # the map's drawn height follows the screen: most of it, all of it below the bar when presenting
    normal = f"() => {{ const f = document.querySelector('{MAP_IFRAME}'); return f && f.offsetHeight; }}"
    page.wait_for_function(f"() => ({normal})() >= 0.6 * window.innerHeight && ({normal})() < 0.8 * window.innerHeight")

    switch_label.click()

    expect(switch).to_be_checked()
    expect(page).to_have_url(query_has("mode", "present"))
    page.wait_for_function(f"() => ({normal})() >= 0.85 * window.innerHeight")
    # presentation is a full screen: the sidebar folds away; it opens again on request
    expect(sidebar(page)).to_have_attribute("data-collapsed", "true")
    page.get_by_test_id("stExpandSidebarButton").click()

    switch_label.click()

    expect(switch).not_to_be_checked()
    page.wait_for_function(f"() => ({normal})() < 0.8 * window.innerHeight")
    expect(page).not_to_have_url(re.compile(r"[?&]mode="))
    traffic.assert_only_local()
    traffic.assert_no_js_errors()


def test_shared_link_reopens_the_view(page: Page, app_server: AppServer, traffic: Traffic) -> None:
    code, label, _, _ = largest_kelurahan()

    open_map(page, app_server, f"?kel={code}&lang=en")

    expect(page.get_by_role("heading", name=t("app.title", "en"), level=1)).to_be_visible()
    expect(sidebar(page).get_by_role("radio", name="English")).to_be_checked()
    expect(selected_chip(page, label)).to_be_visible()
    expect(metric_value(page, t("kpi.kelurahan", "en"))).to_have_text("1")
    expect(page).to_have_url(query_has("kel", code))
    expect(page).to_have_url(query_has("lang", "en"))
    traffic.assert_only_local()
    traffic.assert_no_js_errors()


def test_tile_basemap_offline_says_so_on_the_map(page: Page, app_server: AppServer, traffic: Traffic) -> None:
    open_map(page, app_server, "?base=osm")

    notice = map_frame(page).get_by_role("status")
    expect(notice).to_have_text(t("map.tiles_unavailable", "id"))
    expect(notice).to_have_count(1)  # once, not once per failed tile
    expect(kelurahan_polygons(page)).to_have_count(KELURAHAN_COUNT)
    tile_requests = [url for url, kind, _ in traffic.requests if kind == "image" and "openstreetmap" in url]
    assert tile_requests, "the OSM basemap was chosen but no tile was requested"
    # Only the chosen tile server was tried (and refused: there is no internet).
    traffic.assert_only_local(allowed_hosts=TILE_HOSTS)
    traffic.assert_no_js_errors()


# --------------------------------------------------------------------------------------
# The map speaks for itself


def legend(page: Page) -> Locator:
    return map_frame(page).locator(".sc-legend")


def test_legend_labels_and_fullscreen_are_on_the_map(page: Page, app_server: AppServer, traffic: Traffic) -> None:
    open_map(page, app_server, "?layers=broadband,hotspots_public&lang=en")

    box = legend(page)
    expect(box).to_be_visible()
    expect(box).to_contain_text(t("map.legend", "en"))
    for text in (
        t("legend.fibre_yes", "en"),
        t("legend.fibre_no", "en"),
        t("layer.hotspots_public", "en"),
        t("legend.position.approximate", "en"),
        t("legend.position.placeholder", "en"),
        t("status.sample", "en"),
        t("status.seed", "en"),
    ):
        expect(box).to_contain_text(text)
    # nothing in the legend is cut off: every line fits in its box
    clipped = box.evaluate(
        "el => [...el.querySelectorAll('span, .sc-sec-title')].filter(e => e.scrollWidth > e.clientWidth + 1).length"
    )
    assert clipped == 0
    # kelurahan names as labels where they fit: some at the city view, more after zooming in
    labels = map_frame(page).locator(".sc-label")
    expect(labels.first).to_be_visible()
    at_city = labels.count()
    assert 0 < at_city <= KELURAHAN_COUNT
    frame = leaflet_frame(page)
    frame.evaluate("() => window.map.setZoom(window.map.getZoom() + 1.5, {animate: false})")
    expect(labels).not_to_have_count(at_city)
    assert labels.count() > at_city
    # the full-screen button, its icon from this machine
    button = map_frame(page).locator(".leaflet-control-zoom-fullscreen")
    expect(button).to_be_visible()
    expect(button).to_have_attribute("title", t("map.fullscreen", "en"))
    traffic.assert_only_local()
    traffic.assert_no_js_errors()


def test_choropleth_colours_every_kelurahan_under_the_outlines(
    page: Page, app_server: AppServer, traffic: Traffic
) -> None:
    open_map(page, app_server, "?measure=share_4g")

    pane = map_frame(page).locator(".leaflet-scChoropleth-pane path")
    expect(pane).to_have_count(KELURAHAN_COUNT)
    frame = leaflet_frame(page)
    # under the overlay pane (outlines, layers), above the tiles
    z = frame.evaluate(
        "() => [getComputedStyle(window.map.getPane('scChoropleth')).zIndex,"
        " getComputedStyle(window.map.getPane('overlayPane')).zIndex].map(Number)"
    )
    assert z[0] < z[1]
    fills = set(pane.evaluate_all("els => els.map(e => e.getAttribute('fill'))"))
    assert 2 <= len(fills) <= 5
    expect(legend(page)).to_contain_text(t("measure.share_4g", "id"))
    expect(legend(page)).to_contain_text(t("status.sample", "id"))
    # the base polygons keep their outline but no longer wash the colours out
    opacity = kelurahan_polygons(page).first.get_attribute("fill-opacity")
    assert opacity == "0"
    traffic.assert_only_local()
    traffic.assert_no_js_errors()


def test_layers_basemap_and_measure_survive_a_trip_to_another_screen(
    page: Page, app_server: AppServer, traffic: Traffic
) -> None:
    open_map(page, app_server, "?layers=tourism,network&measure=wifi_points")
    expect(page).to_have_url(query_has("layers", "network,tourism"))

    sidebar(page).get_by_role("link", name=t("nav.kelurahan", "id"), exact=True).click()
    expect(page).to_have_url(re.compile(r"/kelurahan"))
    wait_until_idle(page)
    expect(page).to_have_url(query_has("layers", "network,tourism"))
    expect(page).to_have_url(query_has("measure", "wifi_points"))

    sidebar(page).get_by_role("link", name=t("nav.map", "id"), exact=True).click()
    expect(kelurahan_polygons(page)).to_have_count(KELURAHAN_COUNT)
    wait_until_idle(page)
    expect(page).to_have_url(query_has("layers", "network,tourism"))
    expect(page).to_have_url(query_has("measure", "wifi_points"))
    expect(page.get_by_role("checkbox", name=t("layer.tourism", "id"))).to_be_checked()
    expect(page.get_by_role("checkbox", name=t("layer.coverage_4g", "id"))).not_to_be_checked()
    expect(legend(page)).to_contain_text(t("layer.tourism", "id"))
    expect(legend(page)).to_contain_text(t("measure.wifi_points", "id"))
    traffic.assert_only_local()
    traffic.assert_no_js_errors()
