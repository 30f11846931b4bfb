"""The editors' screen in a real browser: an editor imports a changed hotspot list, a signed-out
viewer sees the new point on the map, the editor restores the earlier revision and the point goes.

The server has a store of its own in a temporary folder and one editor from the environment.
Must NOT happen: the signed-out viewer sees any write control; anything leaves this machine.

NOTE: named ``test_editor_screen.py`` because ``tests/test_editor.py`` (AppTest) exists and
the test folders are not packages: two test modules may not share a name.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from argon2 import PasswordHasher
from playwright.sync_api import Browser, BrowserContext, Page, expect

from smartcity_geo.strings import t

ROOT = Path(__file__).resolve().parents[2]
MAP_IFRAME = 'iframe[title="streamlit_folium.st_folium"]'
PASSWORD = "correct horse battery staple"
NEW_NAME = "Wi-Fi publik Taman Kota"


def _new_hotspots() -> tuple[bytes, float, float]:
    """hotspots.csv plus one public hotspot 11 m east of the first; returns (file, lat, lon)."""
    reader = csv.DictReader(io.StringIO((ROOT / "geodata" / "hotspots.csv").read_text(encoding="utf-8")))
    records = list(reader)
    first = records[0]
    lon = round(float(first["lon"]) + 0.0001, 6)
    records.append({**first, "id": "hs-taman-kota-baru", "name": NEW_NAME, "lon": f"{lon:.6f}"})
    out = io.StringIO()
    writer = csv.DictWriter(out, list(reader.fieldnames or []), lineterminator="\n")
    writer.writeheader()
    writer.writerows(records)
    return out.getvalue().encode("utf-8"), float(first["lat"]), lon


@pytest.fixture
def editor_server(request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """A server of its own whose store is a fresh SQLite file in tmp, with editor "ana"."""
    hasher = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    monkeypatch.setenv("SMARTCITY_STORE_DIR", str(tmp_path / "store"))
    monkeypatch.setenv("SMARTCITY_EDITORS", f"ana:{hasher.hash(PASSWORD)}")
    monkeypatch.delenv("SMARTCITY_DATABASE_URL", raising=False)
    return request.getfixturevalue("fresh_server")


def _offline_context(browser: Browser, requests: list[str]) -> BrowserContext:
    context = browser.new_context(viewport={"width": 1600, "height": 1000}, locale="en-GB")
    context.set_default_timeout(60_000)
    local = {"127.0.0.1", "localhost"}

    def foreign(url: str) -> bool:
        parts = urlsplit(url)
        return parts.scheme in ("http", "https", "ws", "wss") and (parts.hostname or "") not in local

    context.route(foreign, lambda route: route.abort("internetdisconnected"))
    context.on("request", lambda r: requests.append(r.url))
    return context


def _idle(page: Page) -> None:
    expect(page.get_by_test_id("stApp")).to_have_attribute("data-test-script-state", "notRunning")


def _markers_at(page: Page, lat: float, lon: float, count: int) -> None:
    """Wait until the Leaflet map draws a point at (lat, lon) (``count`` 1) or none there (``count`` 0).

    NOTE: a point may be drawn as more than one Leaflet layer (its symbol says how its position was
    obtained: a ring and a dot), so "drawn" means at least one layer there."""
    frame = page.locator(MAP_IFRAME).element_handle(timeout=60_000).content_frame()
    assert frame is not None
    frame.wait_for_function(
        """([lat, lon, count]) => {
            if (!window.map) return false;
            let n = 0;
            window.map.eachLayer(l => {
                if (l.getLatLng && !l.getBounds) {
                    const p = l.getLatLng();
                    if (Math.abs(p.lat - lat) < 2e-5 && Math.abs(p.lng - lon) < 2e-5) n++;  // drawn at 5 decimals (about 1 m)
                }
            });
            return count === 0 ? n === 0 : n >= count;
        }""",
        arg=[lat, lon, count],
        timeout=60_000,
    )


def _select(page: Page, label: str, option: str) -> None:
    page.get_by_test_id("stSelectbox").filter(has=page.get_by_text(label, exact=True)).click()
    page.get_by_role("option", name=option, exact=True).click()
    _idle(page)


@pytest.fixture
def contexts(browser: Browser) -> Iterator[tuple[BrowserContext, BrowserContext, list[str]]]:
    requests: list[str] = []
    editor, viewer = _offline_context(browser, requests), _offline_context(browser, requests)
    yield editor, viewer, requests
    editor.close()
    viewer.close()


def test_an_editor_imports_a_viewer_sees_it_and_a_restore_takes_it_back(editor_server, contexts) -> None:
    editor_ctx, viewer_ctx, requests = contexts
    data, lat, lon = _new_hotspots()
    url = editor_server.url

    # A signed-out viewer: the map without the new point, and no write control on the editors' screen.
    viewer = viewer_ctx.new_page()
    viewer.goto(f"{url}/?lang=en")
    _markers_at(viewer, lat, lon, 0)
    viewer.goto(f"{url}/editor?lang=en")
    expect(viewer.get_by_role("button", name=t("auth.submit", "en"))).to_be_visible()
    expect(viewer.get_by_test_id("stFileUploader")).to_have_count(0)
    expect(viewer.get_by_role("button", name=t("editor.confirm", "en"))).to_have_count(0)

    # The editor signs in and imports the changed list.
    page = editor_ctx.new_page()
    page.goto(f"{url}/editor?lang=en")
    page.get_by_label(t("auth.name", "en")).fill("ana")
    page.get_by_role("textbox", name=t("auth.password", "en")).fill(PASSWORD)
    page.get_by_role("button", name=t("auth.submit", "en")).click()
    expect(page.get_by_text(t("auth.signed_in", "en", name="ana"))).to_be_visible()
    _select(page, t("editor.dataset", "en"), "Wi-Fi hotspots")
    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(
        files=[{"name": "hotspots.csv", "mimeType": "text/csv", "buffer": data}]
    )
    page.get_by_role("button", name=t("editor.check", "en")).click()
    expect(page.get_by_text(t("editor.preview", "en", added=1, changed=0, removed=0))).to_be_visible()
    form = page.get_by_test_id("stForm")
    form.get_by_label(t("editor.reason", "en")).fill("new hotspot at Taman Kota")
    form.get_by_role("button", name=t("editor.confirm", "en")).click()
    expect(page.get_by_text("Saved: revision 2 of")).to_be_visible()

    # The viewer's next interaction shows the new point; no restart.
    viewer.goto(f"{url}/?lang=en")
    _markers_at(viewer, lat, lon, 1)

    # The editor restores revision 1 (a new revision 3); the viewer's map loses the point again.
    page.get_by_test_id("stTextInput").filter(has=page.get_by_text(t("editor.reason", "en"))).last.locator(
        "input"
    ).fill("the survey file was the wrong one")
    page.get_by_role("button", name=t("editor.restore", "en")).click()
    expect(page.get_by_text(t("editor.restored", "en", restored=1, number=3))).to_be_visible()
    viewer.reload()
    _markers_at(viewer, lat, lon, 0)

    foreign = [
        u
        for u in requests
        if urlsplit(u).hostname not in ("127.0.0.1", "localhost", None)
        and urlsplit(u).scheme in ("http", "https", "ws", "wss")
    ]
    assert not foreign, foreign
