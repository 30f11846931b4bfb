"""A kabupaten's map in a real browser, offline: every desa and kelurahan of its pack is drawn.

The pack is built by the same code as ``python -m smartcity_geo region 35.24`` (Kabupaten
Lamongan, the Jawa Timur region with the most villages) from the full upstream copy
(``../shared/data`` beside the checkout, or ``SMARTCITY_SHARED_DATA``; always in CI). Without
it the test skips, and fails when ``CI`` is set. The app is served from that pack alone
(``SMARTCITY_DATA_DIR``); the page may reach no host but this machine.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

from conftest import EXPECT_TIMEOUT_MS, _is_local
from playwright.sync_api import Browser, expect
from shapely.ops import polylabel
from test_map_screen import MAP_IFRAME, click_on_map, kelurahan_polygons, query_has, villages_drawn, wait_until_idle
from test_meeting_room import overlaps
from test_presentation import ONE_LINE_PX
from test_regions import build
from upstream import shared_upstream

from smartcity_geo.datapack import load_pack
from smartcity_geo.mapdata import prepare_map_data
from smartcity_geo.regions import build_region, read_band
from smartcity_geo.strings import t

if TYPE_CHECKING:
    from conftest import Traffic

ROOT = Path(__file__).resolve().parents[2]
KABUPATEN = "35.24"  # Kabupaten Lamongan: 474 villages, the most in Jawa Timur
BUNDLED_CITY = "Pasuruan"  # the bundled pack's region: no word of it on another region's map


def _serve(server_with, pack_dir: Path, tmp_path: Path):
    """A server of the pack in ``pack_dir`` alone, its store and map files in ``tmp_path``."""
    return server_with(
        {
            "SMARTCITY_DATA_DIR": str(pack_dir),
            "SMARTCITY_STORE_DIR": str(tmp_path / "store"),
            "SMARTCITY_MAP_CACHE": str(tmp_path / "mapcache"),
            "SMARTCITY_TODAY": "2026-12-04",
        }
    )


def _offline_page(browser: Browser, traffic: Traffic, viewport: dict):
    """A new browser context that may reach no host but this machine, and its page, recorded in ``traffic``."""
    context = browser.new_context(viewport=viewport, locale="id-ID")
    context.set_default_timeout(EXPECT_TIMEOUT_MS)
    context.route(lambda url: not _is_local(url), lambda route: route.abort("internetdisconnected"))
    page = context.new_page()
    page.on("request", traffic.record)
    page.on("websocket", lambda ws: traffic.websockets.append(ws.url))
    page.on("pageerror", lambda err: traffic.js_errors.append(f"{err.name}: {err.message}"))
    return context, page


def test_a_kabupaten_map_draws_every_village_offline(
    browser: Browser, server_with, traffic: Traffic, tmp_path: Path
) -> None:
    upstream = shared_upstream()
    pack_dir = tmp_path / "pack"
    build_region(KABUPATEN, upstream / "wilayah_boundaries", upstream / "wilayah", pack_dir)
    pack = load_pack(pack_dir)
    villages = len(pack.table("kelurahan"))
    assert villages > 350  # the region this test is about: a kabupaten with hundreds of desa
    server = _serve(server_with, pack_dir, tmp_path)
    context, page = _offline_page(browser, traffic, {"width": 1920, "height": 1080})
    try:
        page.goto(server.url)
        expect(kelurahan_polygons(page)).to_have_count(villages, timeout=60_000)
        wait_until_idle(page)
        expect(kelurahan_polygons(page)).to_have_count(villages)
        shown = page.locator("body").inner_text()
        shown += page.frame_locator(MAP_IFRAME).locator("body").inner_text()
        assert pack.region.name.split()[-1] in shown  # the page is about this region ...
        assert BUNDLED_CITY not in shown  # ... and names no other
        # hundreds of desa at the whole-kabupaten zoom: the names drawn never overlap, and the
        # names without room are not listed by the hundred over the map
        frame = page.frame_locator(MAP_IFRAME)
        boxes = frame.locator(".sc-label").evaluate_all(
            "els => els.filter(e => e.getClientRects().length).map(e => { const r = e.getBoundingClientRect();"
            " return [r.left, r.top, r.right, r.bottom]; })"
        )
        assert not [(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1 :] if overlaps(a, b)]
        key = frame.locator(".sc-names-key").inner_text()
        assert key in ("", t("map.names_zoom", "id")) or key.count(",") < 12, key[:200]
        traffic.assert_only_local()
        traffic.assert_no_js_errors()
    finally:
        context.close()


def test_a_click_on_the_province_map_opens_its_kabkota_and_the_bar_stays_one_line(
    browser: Browser, server_with, traffic: Traffic, tmp_path: Path
) -> None:
    """The fixture province (three kota, 76 villages; no upstream copy needed): a click on a
    village of the province's map opens its kota at full detail with the village chosen; the
    presentation bar stays one line at 1366 px with the kab/kota picker (the whole province) or
    the arrow back up and the village picker (one kota), and the arrow brings the province back."""
    pack_dir = tmp_path / "province"
    status, _out, err = build("35", pack_dir)
    assert status == 0, err
    data = prepare_map_data(load_pack(pack_dir))
    batu = data.kelurahan[data.kelurahan["kode"].str.startswith("35.79.")]
    code = str(batu.loc[batu.to_crs(32749).area.idxmax(), "kode"])  # the largest: a click at province zoom hits it
    village = data.kelurahan.set_index("kode").to_crs(4326).loc[code]
    point = polylabel(village.geometry, tolerance=1e-5)
    server = _serve(server_with, pack_dir, tmp_path)
    context, page = _offline_page(browser, traffic, {"width": 1366, "height": 768})
    try:
        page.goto(f"{server.url}/?mode=present")
        expect(villages_drawn(page, 76)).to_have_count(1, timeout=60_000)  # the whole province
        wait_until_idle(page)
        click_on_map(page, point.y, point.x)
        expect(kelurahan_polygons(page)).to_have_count(len(batu), timeout=60_000)  # Kota Batu alone
        wait_until_idle(page)
        expect(page).to_have_url(query_has("kab", "35.79"))
        expect(page).to_have_url(query_has("kel", code))
        bar = page.locator(".st-key-present_bar")
        expect(bar.get_by_role("combobox", name=t("sidebar.kabkota", "id"))).to_have_count(0)  # an arrow up instead
        expect(bar.get_by_text(str(village["kelurahan"]), exact=True)).to_be_visible()  # the chosen village's chip
        box = bar.bounding_box()
        assert box is not None and box["height"] < ONE_LINE_PX, f"the control bar wrapped: {box['height']:.0f} px"
        bar.locator(".st-key-present_up").get_by_role("button").click()  # back to the whole province
        expect(villages_drawn(page, 76)).to_have_count(1, timeout=60_000)
        wait_until_idle(page)
        expect(bar.get_by_role("combobox", name=t("sidebar.kabkota", "id"))).to_be_visible()
        assert "kab=" not in page.url
        box = bar.bounding_box()
        assert box is not None and box["height"] < ONE_LINE_PX, f"the control bar wrapped: {box['height']:.0f} px"
        traffic.assert_only_local()
        traffic.assert_no_js_errors()
    finally:
        context.close()


def test_past_the_lightest_band_the_province_map_fetches_each_kabkota_s_finer_villages(
    browser: Browser, server_with, traffic: Traffic, tmp_path: Path
) -> None:
    """The fixture province, drawn on a canvas, fits at a zoom past its lightest band (z8): each kota's file of the
    finer band is fetched from this machine and every village drawn gets that band's rings (its
    vertex count), the kab/kota outlines too; moving the map fetches nothing twice."""
    pack_dir = tmp_path / "province"
    status, _out, err = build("35", pack_dir)
    assert status == 0, err
    entries = sorted(
        json.loads((pack_dir / "manifest.json").read_text(encoding="utf-8"))["pack"]["geometry_bands"],
        key=lambda e: e["max_zoom"],
    )

    def points(
        entry: dict,
    ) -> dict[str, int]:  # per village, as Leaflet keeps a polygon: rings without the closing point
        features = read_band(pack_dir, entry, "villages")["features"]
        return {f["properties"]["kode"]: _ring_points(f["geometry"]) for f in features}

    lightest, finest = points(entries[0]), points(entries[-1])
    assert lightest != finest
    server = _serve(server_with, pack_dir, tmp_path)
    context, page = _offline_page(browser, traffic, {"width": 1366, "height": 768})
    try:
        page.goto(server.url)
        expect(villages_drawn(page, 76)).to_have_count(1, timeout=60_000)
        wait_until_idle(page)
        frame = page.locator(MAP_IFRAME).element_handle().content_frame()
        assert frame.evaluate("() => window.map.getZoom()") > entries[0]["max_zoom"]
        # a province's villages are drawn on a canvas (a kab/kota's stay SVG paths)
        assert frame.evaluate("() => window.scKelurahan.getLayers()[0]._renderer instanceof L.Canvas")
        expect(kelurahan_polygons(page)).to_have_count(0)
        container = page.frame_locator(MAP_IFRAME).locator(".leaflet-container")
        expect(container).to_have_attribute("data-sc-detail", "35.75 35.76 35.79")
        drawn = frame.evaluate(
            """() => { var n = {}; window.scKelurahan.eachLayer(function (l) {
                n[l.feature.properties.kode] = l.getLatLngs().flat(3).length; }); return n; }"""
        )
        assert drawn == finest
        fetched = [url for url, _kind, _frame in traffic.requests if "/detail-" in url]
        assert len(fetched) == 3
        frame.evaluate("() => { window.map.panBy([200, 100], {animate: false}); }")
        frame.wait_for_timeout(800)  # longer than the map waits for a view to settle
        assert len([url for url, _kind, _frame in traffic.requests if "/detail-" in url]) == 3
        traffic.assert_only_local()
        traffic.assert_no_js_errors()
    finally:
        context.close()


def _ring_points(geometry: dict) -> int:
    polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    return sum(len(ring) - 1 for polygon in polygons for ring in polygon)
