"""A map file changed on disk after it was written is never served: the page runs only what the app wrote.

The app writes the map's scripts into its cache folder once per view (named by their
content) and serves them from there. Someone who can change such a file would run script in
every viewer's page; the app checks each file against its name before every use and writes
it again when it differs.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import Browser, expect
from test_map_screen import KELURAHAN_COUNT, MAP_IFRAME, kelurahan_polygons, wait_until_idle

if TYPE_CHECKING:
    from conftest import AppServer

INJECTED = "window.__pwned = true; (window.parent || window).__pwned = true;\n"


@pytest.fixture
def cached_server(tmp_path: Path, server_with) -> tuple[AppServer, Path]:
    cache = tmp_path / "mapcache"
    server = server_with({"SMARTCITY_MAP_CACHE": str(cache), "SMARTCITY_STORE_DIR": str(tmp_path / "store")})
    return server, cache


def _visit(browser: Browser, server: AppServer) -> tuple[bool, bool, list[str]]:
    """Open the map in a fresh context (another viewer, empty browser cache): (pwned in page, in map frame, errors)."""
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    errors: list[str] = []
    page = context.new_page()
    page.on("pageerror", lambda err: errors.append(f"{err.name}: {err.message}"))
    try:
        page.goto(server.url)
        expect(kelurahan_polygons(page)).to_have_count(KELURAHAN_COUNT)
        wait_until_idle(page)
        frame = page.locator(MAP_IFRAME).element_handle().content_frame()
        assert frame is not None
        in_frame = frame.evaluate("() => window.__pwned === true")
        in_page = page.evaluate("() => window.__pwned === true")
        return in_page, in_frame, errors
    finally:
        context.close()


def test_a_tampered_map_file_is_never_served(browser: Browser, cached_server) -> None:
    server, cache = cached_server
    assert _visit(browser, server) == (False, False, [])
    layers = sorted(cache.glob("layers-*.js"))
    assert layers, f"the map wrote no layers file into {cache}: {sorted(p.name for p in cache.iterdir())}"
    originals = {path: path.read_text(encoding="utf-8") for path in [*layers, *cache.glob("map-*.js")]}
    for path, text in originals.items():  # as a local attacker would: same name, script in front
        path.write_text(INJECTED + text, encoding="utf-8")

    in_page, in_frame, errors = _visit(browser, server)  # the same view, cached by the server

    assert (in_page, in_frame) == (False, False), "a changed map file was served and its script ran"
    assert errors == []
    for path, text in originals.items():
        assert path.read_text(encoding="utf-8") == text  # written again from what the app rendered
