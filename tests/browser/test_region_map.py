"""A kabupaten's map in a real browser, offline: every desa and kelurahan of its pack is drawn.

The pack is built by the same code as ``python -m smartcity_geo region 35.24`` (Kabupaten
Lamongan, the Jawa Timur region with the most villages) from the full upstream copy
(``../shared/data`` beside the checkout, or ``SMARTCITY_SHARED_DATA``; always in CI). Without
it the test skips, and fails when ``CI`` is set. The app is served from that pack alone
(``SMARTCITY_DATA_DIR``); the page may reach no host but this machine.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from conftest import EXPECT_TIMEOUT_MS, _is_local
from playwright.sync_api import Browser, expect
from test_map_screen import MAP_IFRAME, kelurahan_polygons, wait_until_idle
from test_meeting_room import overlaps
from upstream import shared_upstream

from smartcity_geo.datapack import load_pack
from smartcity_geo.regions import build_region
from smartcity_geo.strings import t

if TYPE_CHECKING:
    from conftest import Traffic

ROOT = Path(__file__).resolve().parents[2]
KABUPATEN = "35.24"  # Kabupaten Lamongan: 474 villages, the most in Jawa Timur
BUNDLED_CITY = "Pasuruan"  # the bundled pack's region: no word of it on another region's map


def test_a_kabupaten_map_draws_every_village_offline(
    browser: Browser, server_with, traffic: Traffic, tmp_path: Path
) -> None:
    upstream = shared_upstream()
    pack_dir = tmp_path / "pack"
    build_region(KABUPATEN, upstream / "wilayah_boundaries", upstream / "wilayah", pack_dir)
    pack = load_pack(pack_dir)
    villages = len(pack.table("kelurahan"))
    assert villages > 350  # the region this test is about: a kabupaten with hundreds of desa
    server = server_with(
        {
            "SMARTCITY_DATA_DIR": str(pack_dir),
            "SMARTCITY_STORE_DIR": str(tmp_path / "store"),
            "SMARTCITY_MAP_CACHE": str(tmp_path / "mapcache"),
            "SMARTCITY_TODAY": "2026-12-04",
        }
    )

    context = browser.new_context(viewport={"width": 1920, "height": 1080}, locale="id-ID")
    context.set_default_timeout(EXPECT_TIMEOUT_MS)
    context.route(lambda url: not _is_local(url), lambda route: route.abort("internetdisconnected"))
    page = context.new_page()
    page.on("request", traffic.record)
    page.on("websocket", lambda ws: traffic.websockets.append(ws.url))
    page.on("pageerror", lambda err: traffic.js_errors.append(f"{err.name}: {err.message}"))
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
