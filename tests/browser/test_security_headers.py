"""``streamlit run serve.py``: every answer carries the security headers, Streamlit's files come
gzip-compressed, and the dashboard still works under both.

The "must NOT happen" check: the browser refused nothing the dashboard needs (no
Content-Security-Policy violation, no JavaScript error), so the policy is not loosened by
someone later because the map went blank.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin

from playwright.sync_api import Browser, expect
from test_map_screen import KELURAHAN_COUNT, MAP_IFRAME, kelurahan_polygons, wait_until_idle

from smartcity_geo.compress import MIN_BYTES
from smartcity_geo.headers import security_headers


def test_the_hardened_server_sends_the_headers_and_the_map_draws(browser: Browser, server_with, tmp_path: Path) -> None:
    server = server_with({"SMARTCITY_STORE_DIR": str(tmp_path / "store")}, "serve.py")
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    page = context.new_page()
    refused: list[str] = []
    page.on("console", lambda msg: refused.append(msg.text) if "Content Security Policy" in msg.text else None)
    page.on("pageerror", lambda err: refused.append(f"{err.name}: {err.message}"))
    scripts: dict[str, tuple[str | None, int]] = {}  # Streamlit's own JavaScript: its encoding and length
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url))
    page.on(
        "response",
        lambda r: (
            scripts.__setitem__(r.url, (r.headers.get("content-encoding"), int(r.headers["content-length"])))
            if "/static/js/" in r.url
            else None
        ),
    )
    try:
        response = page.goto(server.url)
        assert response is not None
        for name, value in security_headers().items():
            assert response.headers.get(name.lower()) == value, name
        expect(kelurahan_polygons(page)).to_have_count(KELURAHAN_COUNT)
        wait_until_idle(page)
        frame_src = page.locator(MAP_IFRAME).get_attribute("src")
        assert frame_src, "the map's iframe has no address"
        component = context.request.get(urljoin(server.url + "/", frame_src))  # the map's own document
        assert (
            component.ok
            and component.headers.get("content-security-policy") == security_headers()["Content-Security-Policy"]
        )
        assert refused == [], "the browser refused part of the dashboard:\n" + "\n".join(refused)
        plain = {url: size for url, (coding, size) in scripts.items() if coding != "gzip" and size >= MIN_BYTES}
        assert scripts and not plain, f"sent uncompressed: {plain}"
        assert sum(size for _, size in scripts.values()) < 3_000_000  # about 8 MB as Streamlit sends them
        assert not [url for url in requested if "PlotlyChart" in url], "the map screen paid for the chart library"
    finally:
        context.close()
    charts_open_at_once(browser, server.url)


def charts_open_at_once(browser: Browser, url: str) -> None:
    """A link to a chart screen asks for Plotly's chunk with the page, before Streamlit's front end
    has asked its server anything (``smartcity_geo.preload``), and the charts draw from it."""
    context = browser.new_context(viewport={"width": 1366, "height": 768})  # a new browser: nothing cached
    page = context.new_page()
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url))
    errors: list[str] = []
    page.on("pageerror", lambda err: errors.append(f"{err.name}: {err.message}"))
    try:
        page.goto(f"{url}/budget")
        expect(page.locator('[data-testid="stPlotlyChart"] .main-svg g.trace').first).to_be_attached(timeout=30_000)
        chunk = next(n for n, u in enumerate(requested) if "/static/js/PlotlyChart." in u)
        first_question = next(n for n, u in enumerate(requested) if "/_stcore/" in u)
        assert chunk < first_question, requested[: first_question + 1]
        assert sum("/static/js/PlotlyChart." in u for u in requested) == 1  # Streamlit's import found it loaded
        assert errors == []
    finally:
        context.close()
