"""The map is the picture: the meeting-room screen, measured in a real browser (issue 18).

At 1366x768 (the projector) and 1920x1080, in both languages, opened as the meeting room
opens it (``?mode=present``, offline):

- the map fills the screen below the control bar (>= 70 % of the viewport's height, no
  scrolling); outside presentation mode it is >= 60 % of a 1080 px screen;
- the whole city spans >= 75 % of the map's width or height, and the legend covers none of it;
- the kelurahan names drawn, measured from their DOM boxes: >= 30 (1920x1080) and >= 24
  (1366x768) that overlap no other name and no site symbol, at >= 18 px (14 px normally);
- the sidebar takes no width on any screen while presenting, also after moving from the
  bar and after a reload; no table is wider than the screen.

``SMARTCITY_UPDATE_SCREENSHOTS=1`` (``python scripts/screenshots.py``) copies the map
screenshots to ``docs/meeting_room_<w>x<h>_<lang>.png``.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from axe_playwright_python.sync_playwright import Axe
from conftest import wait_until_settled
from playwright.sync_api import Frame, Page, expect

from smartcity_geo.layers import KELURAHAN_CLASS
from smartcity_geo.mapelements import LABEL_FONT_PX, LABEL_FONT_PX_LARGE
from smartcity_geo.strings import t

if TYPE_CHECKING:
    from conftest import AppServer, Traffic

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
MAP_IFRAME = 'iframe[title="streamlit_folium.st_folium"]'
BAR = ".st-key-present_bar"
PROJECTOR = {"width": 1366, "height": 768}
FULL_HD = {"width": 1920, "height": 1080}
SCREENS = pytest.mark.parametrize("viewport", [PROJECTOR, FULL_HD], ids=["1366x768", "1920x1080"])
LANGS = pytest.mark.parametrize("lang", ["id", "en"])
MIN_NAMES = {1366: 24, 1920: 30}
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa"]}, "resultTypes": ["violations"]}

# In the map's frame, once the view is fitted: the city's box, the legend's box, whether the
# legend touches a kelurahan outline, and every name and site symbol drawn.
MEASURE_JS = """() => {
  const map = window.map, outer = map.getContainer().getBoundingClientRect();
  const rel = (r) => [r.left - outer.left, r.top - outer.top, r.right - outer.left, r.bottom - outer.top];
  const city = window.scKelurahan.getBounds();
  const nw = map.latLngToContainerPoint(city.getNorthWest()), se = map.latLngToContainerPoint(city.getSouthEast());
  const legend = rel(map.getContainer().querySelector('.sc-legend').getBoundingClientRect());
  // the legend touches the city when a vertex of an outline lies in its box, or a corner of
  // its box lies inside a kelurahan polygon
  const inBox = (p, b) => p.x >= b[0] && p.x <= b[2] && p.y >= b[1] && p.y <= b[3];
  const inRing = (p, ring) => {
    let inside = false;
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const a = ring[i], b = ring[j];
      if ((a.y > p.y) !== (b.y > p.y) && p.x < ((b.x - a.x) * (p.y - a.y)) / (b.y - a.y) + a.x) inside = !inside;
    }
    return inside;
  };
  const corners = [[legend[0], legend[1]], [legend[2], legend[1]], [legend[0], legend[3]], [legend[2], legend[3]],
                   [(legend[0] + legend[2]) / 2, (legend[1] + legend[3]) / 2]].map((c) => L.point(c[0], c[1]));
  let touches = false;
  window.scKelurahan.eachLayer((layer) => {
    const flat = (ll) => (Array.isArray(ll[0]) ? ll.flatMap(flat) : [ll]);
    const rings = [];
    const walk = (ll) => { if (ll.length && ll[0] instanceof L.LatLng) rings.push(ll); else ll.forEach(walk); };
    walk(layer.getLatLngs());
    rings.forEach((ring) => {
      const pts = ring.map((ll) => map.latLngToContainerPoint(ll));
      if (pts.some((p) => inBox(p, legend)) || corners.some((c) => inRing(c, pts))) touches = true;
    });
  });
  const names = [...document.querySelectorAll('.sc-label')].filter((el) => el.getClientRects().length)
    .map((el) => ({text: el.textContent, box: rel(el.getBoundingClientRect()),
                   px: parseFloat(getComputedStyle(el).fontSize)}));
  const symbols = [...document.querySelectorAll('.leaflet-overlay-pane path.leaflet-interactive')]
    .map((el) => rel(el.getBoundingClientRect()))
    .filter((b) => b[2] - b[0] <= 24 && b[3] - b[1] <= 24);
  const drawn = map.getSize();
  return {size: [outer.width, outer.height], leaflet: [drawn.x, drawn.y], frame: [window.innerWidth, window.innerHeight], city: [nw.x, nw.y, se.x, se.y], legend, touches, names, symbols,
          key: (document.querySelector('.sc-names-key') || {}).textContent || ''};
}"""
SETTLED_JS = """() => !!(window.map && window.map.scServerView && window.scFocus && !window.map.scFrame
  && !window.map.scPending && document.querySelector('.sc-legend') && document.querySelectorAll('.sc-label').length)"""


def overlaps(a: list[float], b: list[float], slack: float = 0.5) -> bool:
    return a[0] + slack < b[2] and b[0] + slack < a[2] and a[1] + slack < b[3] and b[1] + slack < a[3]


def clear_names(view: dict) -> list[dict]:
    """The names that overlap no other name and no site symbol, and lie on the map."""
    width, height = view["size"]
    out = []
    for i, name in enumerate(view["names"]):
        box = name["box"]
        if box[0] < 0 or box[1] < 0 or box[2] > width or box[3] > height:
            continue
        if any(overlaps(box, other["box"]) for j, other in enumerate(view["names"]) if j != i):
            continue
        if any(overlaps(box, symbol) for symbol in view["symbols"]):
            continue
        out.append(name)
    return out


def wait_until_idle(page: Page) -> None:
    """The run is over, nothing is faded as stale, our stylesheet is in effect (``conftest``)."""
    wait_until_settled(page)


def map_frame(page: Page) -> Frame:
    expect(page.frame_locator(MAP_IFRAME).locator(f"path.{KELURAHAN_CLASS}")).to_have_count(34)
    wait_until_idle(page)
    frame = page.locator(MAP_IFRAME).element_handle().content_frame()
    assert frame is not None
    frame.wait_for_function(SETTLED_JS)
    return frame


def sidebar_width(page: Page) -> float:
    """How much of the screen the sidebar takes (0 when folded away)."""
    return page.get_by_test_id("stSidebar").evaluate(
        "el => { const r = el.getBoundingClientRect(); "
        "return Math.max(0, Math.min(r.right, window.innerWidth) - Math.max(r.left, 0)); }"
    )


def keep_screenshot(page: Page, tmp_path: Path, name: str) -> None:
    shot = tmp_path / name
    page.screenshot(path=shot)
    if os.environ.get("SMARTCITY_UPDATE_SCREENSHOTS"):
        shutil.copyfile(shot, ROOT / "docs" / name)


# --------------------------------------------------------------------------------------


@SCREENS
@LANGS
def test_the_map_fills_the_meeting_room_screen_and_names_the_kelurahan(
    page: Page, app_server: AppServer, traffic: Traffic, tmp_path: Path, lang: str
) -> None:
    page.goto(f"{app_server.url}/?mode=present&lang={lang}")
    expect(page.locator(BAR)).to_be_visible()
    frame = map_frame(page)
    size = page.viewport_size
    assert size is not None

    # The map fills the screen below the bar: no scrolling to see it.
    bar = page.locator(BAR).bounding_box()
    box = page.locator(MAP_IFRAME).bounding_box()
    assert bar is not None and box is not None
    assert box["y"] >= bar["y"] + bar["height"] - 1, f"the map starts under the bar: {box} / {bar}"
    assert box["y"] + box["height"] <= size["height"] + 1, f"the map runs below the screen: {box}"
    assert box["height"] >= 0.70 * size["height"], f"the map is {box['height']:.0f} px of {size['height']} px"
    assert page.get_by_test_id("stMain").evaluate("el => el.scrollTop") == 0
    assert sidebar_width(page) == 0

    view = frame.evaluate(MEASURE_JS)
    keep_screenshot(page, tmp_path, f"meeting_room_{size['width']}x{size['height']}_{lang}.png")
    # The map fills its frame, and Leaflet draws for that size (not the size it was created at).
    assert view["size"] == view["leaflet"] == view["frame"], view
    # The city fills the map and the legend (folded to one line) covers none of it.
    x0, y0, x1, y1 = view["city"]
    width, height = view["size"]
    assert (x1 - x0) >= 0.75 * width or (y1 - y0) >= 0.75 * height, view
    assert 0 <= x0 and 0 <= y0 and x1 <= width and y1 <= height, f"part of the city is off the map: {view}"
    assert not view["touches"], f"the legend covers part of the city: {view['legend']}"
    # Every kelurahan named, legibly, at 18 px, nothing on top of another name or a site symbol.
    assert all(name["px"] >= LABEL_FONT_PX_LARGE for name in view["names"]), view["names"]
    clear = clear_names(view)
    assert len(clear) >= MIN_NAMES[size["width"]], (
        f"{len(clear)} of 34 names drawn clear of each other and of the sites; key: {view['key']!r}"
    )
    # The legend unfolds with a click, and the city moves out from under it.
    frame.locator(".sc-legend-title").click()
    frame.wait_for_function(SETTLED_JS)
    unfolded = frame.evaluate(MEASURE_JS)
    assert not unfolded["touches"], f"the unfolded legend covers part of the city: {unfolded['legend']}"

    traffic.assert_only_local()
    traffic.assert_no_js_errors()


@pytest.mark.parametrize("viewport", [FULL_HD], ids=["1920x1080"])
def test_outside_presentation_the_map_is_most_of_the_screen(
    page: Page, app_server: AppServer, traffic: Traffic
) -> None:
    page.goto(f"{app_server.url}/")
    frame = map_frame(page)
    box = page.locator(MAP_IFRAME).bounding_box()
    assert box is not None and box["height"] >= 0.60 * FULL_HD["height"], box
    view = frame.evaluate(MEASURE_JS)
    assert not view["touches"], f"the legend covers part of the city: {view['legend']}"
    assert all(name["px"] >= LABEL_FONT_PX for name in view["names"]), view["names"]
    assert len(clear_names(view)) >= MIN_NAMES[1920], view["key"]
    traffic.assert_no_js_errors()


def test_a_selected_kelurahan_is_named(page: Page, app_server: AppServer, traffic: Traffic) -> None:
    page.goto(f"{app_server.url}/?mode=present&kel=35.75.04.1009")  # Pekuncen
    frame = map_frame(page)
    view = frame.evaluate(MEASURE_JS)
    assert "Pekuncen" in [name["text"] for name in view["names"]]
    traffic.assert_no_js_errors()


@pytest.mark.parametrize("viewport", [PROJECTOR], ids=["1366x768"])
@LANGS
def test_presentation_is_a_full_screen_on_every_screen(
    page: Page, app_server: AppServer, traffic: Traffic, lang: str
) -> None:
    page.goto(f"{app_server.url}/?mode=present&lang={lang}")
    expect(page.locator(BAR)).to_be_visible()
    wait_until_idle(page)
    assert sidebar_width(page) == 0
    for screen, path in (("nav.kelurahan", "kelurahan"), ("nav.indicators", "indicators"), ("nav.budget", "budget")):
        page.locator(BAR).get_by_role("link", name=t(screen, lang), exact=True).click()
        expect(page).to_have_url(re.compile(rf"/{path}\?"))
        wait_until_idle(page)
        assert sidebar_width(page) == 0, f"the sidebar is open on /{path}"
        wide = page.evaluate(
            """() => [...document.querySelectorAll('[data-testid="stDataFrame"], [data-testid="stTable"], table')]
                 .filter((el) => el.getClientRects().length)
                 .map((el) => el.getBoundingClientRect())
                 .filter((r) => r.right > window.innerWidth + 1 || r.left < -1).map((r) => [r.left, r.right])"""
        )
        assert wide == [], f"a table wider than the screen on /{path}: {wide}"
        assert page.get_by_test_id("stMain").evaluate("el => el.scrollWidth <= el.clientWidth + 1")
    page.reload()
    expect(page.locator(BAR)).to_be_visible()
    wait_until_idle(page)
    assert sidebar_width(page) == 0, "the sidebar opened after a reload"
    traffic.assert_only_local()
    traffic.assert_no_js_errors()


@SCREENS
@LANGS
def test_no_meeting_room_screen_has_a_serious_accessibility_finding(
    page: Page, app_server: AppServer, traffic: Traffic, lang: str
) -> None:
    """axe-core (WCAG 2 A and AA) on every screen in presentation mode, at both sizes and in
    both languages: no serious or critical finding (``test_accessibility.py`` checks the
    normal layout)."""
    found = {}
    for screen in ("", "kelurahan", "indicators", "budget", "sources", "briefing"):
        page.goto(f"{app_server.url}/{screen}?mode=present&lang={lang}")
        if screen == "":
            map_frame(page)
        else:
            expect(page.get_by_role("heading", level=1).first).to_be_visible()
            wait_until_idle(page)
        page.wait_for_load_state("networkidle")
        wait_until_idle(page)
        results = Axe().run(page, options=AXE_OPTIONS)
        assert results.response["passes"], f"axe-core checked nothing on /{screen}"
        blocking = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
        if blocking:
            found[screen or "map"] = [(v["id"], [n["target"] for n in v["nodes"][:3]]) for v in blocking]
    assert not found, found
    traffic.assert_only_local()
    traffic.assert_no_js_errors()


# Every text of every chart on the screen: its size (px), its colour's contrast on white.
CHART_TEXT_JS = """() => {
  const lum = (c) => {
    const m = c.match(/\\d+(\\.\\d+)?/g).map(Number);
    const [r, g, b] = m.slice(0, 3).map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const out = [];
  for (const el of document.querySelectorAll('.js-plotly-plot .main-svg text, .js-plotly-plot .main-svg tspan')) {
    const text = el.textContent.trim();
    if (!text || el.getClientRects().length === 0 || el.closest('.hoverlayer')) continue;
    const style = getComputedStyle(el);
    if (parseFloat(style.opacity) === 0 || style.visibility === 'hidden') continue;
    if (parseFloat(style.fillOpacity) < 0.3) continue;  // the faint "SAMPLE" watermark: a mark, not text to read
    const size = parseFloat(style.fontSize);
    const fill = style.fill;
    let contrast = 21;
    if (fill && fill.startsWith('rgb')) {
      const alpha = (fill.match(/rgba\\(.*,\\s*([\\d.]+)\\)/) || [])[1];
      if (alpha !== undefined && parseFloat(alpha) < 0.3) continue;
      contrast = 1.05 / (lum(fill) + 0.05);
    }
    out.push({text: text.slice(0, 40), size, contrast: Math.round(contrast * 100) / 100});
  }
  return out;
}"""


@pytest.mark.parametrize("viewport", [PROJECTOR], ids=["1366x768"])
@pytest.mark.parametrize("path", ["indicators", "budget", "kelurahan"])
def test_chart_text_reads_from_the_back_of_the_room(
    page: Page, app_server: AppServer, traffic: Traffic, path: str
) -> None:
    joiner = "&" if "?" in path else "?"
    page.goto(f"{app_server.url}/{path}{joiner}mode=present")
    expect(page.locator(".js-plotly-plot").first).to_be_visible()
    wait_until_idle(page)
    page.wait_for_function("() => document.querySelectorAll('.js-plotly-plot .main-svg text').length > 5")
    texts = page.evaluate(CHART_TEXT_JS)
    assert texts, "no chart text found"
    small = [t for t in texts if t["size"] < 18]
    faint = [t for t in texts if t["contrast"] < 4.5]
    assert not small, f"chart text under 18 px on /{path}: {small[:12]}"
    assert not faint, f"chart text under AA contrast on /{path}: {faint[:12]}"
    traffic.assert_no_js_errors()


@pytest.mark.parametrize("viewport", [PROJECTOR], ids=["1366x768"])
def test_a_click_on_the_map_focuses_on_that_kelurahan(
    page: Page, app_server: AppServer, traffic: Traffic, map_data
) -> None:
    """A click zooms to the kelurahan, names it large beside the map with its figures, and the
    bar's picker shows it too."""
    from shapely.ops import polylabel

    kel = map_data.kelurahan.to_crs(4326)
    row = kel.loc[kel.to_crs(32749).geometry.area.idxmax()]  # the largest, measured in metres
    inside = polylabel(max(getattr(row.geometry, "geoms", [row.geometry]), key=lambda g: g.area))
    page.goto(f"{app_server.url}/?mode=present")
    frame = map_frame(page)
    point = frame.evaluate(f"() => window.map.latLngToContainerPoint([{inside.y}, {inside.x}])")
    box = page.locator(MAP_IFRAME).bounding_box()
    assert box is not None
    page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])

    expect(page).to_have_url(re.compile(rf"[?&]kel={re.escape(row['kode'])}(&|$)"))
    wait_until_idle(page)
    expect(page.locator("p.sc-focus-name")).to_have_text(str(row["kelurahan"]))
    size = page.locator("p.sc-focus-name").evaluate("el => parseFloat(getComputedStyle(el).fontSize)")
    assert size >= 32
    expect(
        page.locator(BAR).get_by_test_id("stMultiSelect").get_by_label(str(row["kelurahan"]), exact=True)
    ).to_be_visible()
    assert page.get_by_test_id("stMetricValue").count() >= 4  # its headline figures beside the map
    frame = map_frame(page)
    frame.wait_for_function(
        """() => { const b = window.scFocus(), m = window.map, s = m.getSize();
                   const nw = m.latLngToContainerPoint(b.getNorthWest()), se = m.latLngToContainerPoint(b.getSouthEast());
                   return (se.x - nw.x) >= 0.4 * s.x || (se.y - nw.y) >= 0.4 * s.y; }"""
    )
    names = [name["text"] for name in frame.evaluate(MEASURE_JS)["names"]]
    assert str(row["kelurahan"]) in names
    traffic.assert_no_js_errors()


@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_uploader_speaks_the_pages_language(page: Page, app_server: AppServer, lang: str) -> None:
    """Streamlit's own uploader words ("Upload", "20MB per file") give way to ours, in the page's language."""
    page.goto(f"{app_server.url}/sources?lang={lang}")
    zone = page.get_by_test_id("stFileUploaderDropzone")
    expect(zone).to_be_visible()
    wait_until_idle(page)
    shown = zone.evaluate(
        """el => [...el.querySelectorAll('*')]
             .filter((e) => e.getClientRects().length && parseFloat(getComputedStyle(e).fontSize) > 0)
             .map((e) => [e.childNodes.length && [...e.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim())
                          ? e.textContent.trim() : '', getComputedStyle(e, '::after').content])
             .flat().filter((s) => s && s !== 'none' && s !== 'normal').join(' | ')"""
    )
    assert t("upload.button", lang) in shown and "MB" in shown, shown
    if lang == "id":
        assert "Upload" not in shown and "per file" not in shown, shown
    expect(zone.get_by_test_id("stBaseButton-secondary")).to_be_visible()
