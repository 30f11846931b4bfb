"""Presentation mode in the meeting room, in a real browser, on both of its screens.

What the presenter needs, at 1366x768 (the projector) and 1920x1080:

- a control bar, always at the top, that changes screen, language and selection and leaves
  presentation mode, also on a ``?mode=present`` link whose sidebar starts folded away;
- the sidebar can always be reopened (the header that holds its button is never hidden);
- the headline figures and the whole map on the screen without scrolling;
- type that reads at 3 m (body text >= 18 px, headline figures >= 48 px) and no label cut
  off by an ellipsis.

Screenshots go to pytest's tmp dir; ``python scripts/screenshots.py`` (which sets
``SMARTCITY_UPDATE_SCREENSHOTS=1``) refreshes ``docs/presentation_<w>x<h>.png``.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from conftest import wait_until_settled
from playwright.sync_api import Locator, Page, expect

from smartcity_geo import settings
from smartcity_geo.registry import KELURAHAN_CLASS
from smartcity_geo.strings import t
from ui.chrome import PRESENT_FIGURE_PX as MIN_FIGURE_PX
from ui.chrome import PRESENT_TEXT_PX as MIN_TEXT_PX

if TYPE_CHECKING:
    from conftest import AppServer, Traffic

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
MAP_IFRAME = 'iframe[title="streamlit_folium.st_folium"]'
BAR = ".st-key-present_bar"
PROJECTOR = {"width": 1366, "height": 768}  # the same sizes as conftest.PROJECTOR / FULL_HD
FULL_HD = {"width": 1920, "height": 1080}
SCREENS = pytest.mark.parametrize("viewport", [PROJECTOR, FULL_HD], ids=["1366x768", "1920x1080"])
ONE_LINE_PX = 75  # one row of 40 px controls and the bar's padding

# Text a presenter reads as a label: it must never end in an ellipsis.
LABELS = ", ".join(
    [
        '[data-testid="stWidgetLabel"] p',
        '[data-testid="stCheckbox"] label p',
        '[data-testid="stMetricLabel"] p',
        '[data-testid="stPageLink-NavLink"] span',
        '[data-testid="stMarkdownContainer"] p',
        '[data-testid="stCaptionContainer"] p',
        '[data-baseweb="tag"] span',
        '[data-testid="stBaseButton-secondary"] p',
    ]
)
TRUNCATED_JS = """(selector) => [...document.querySelectorAll(selector)]
  .filter((el) => el.getClientRects().length > 0 && !el.closest('[data-collapsed="true"]'))
  .filter((el) => el.scrollWidth > el.clientWidth + 1)
  .map((el) => `${el.textContent.trim()} (${el.scrollWidth} > ${el.clientWidth} px)`)"""
# Every visible text in the main area whose type is below ``min`` px (iframes excluded).
SMALL_TEXT_JS = """(min) => {
  const out = [];
  const root = document.querySelector('[data-testid="stMain"]');
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent.trim();
    const el = node.parentElement;
    if (!text || el.getClientRects().length === 0) continue;
    const size = parseFloat(getComputedStyle(el).fontSize);
    if (size < min) out.push(`${size}px: ${text.slice(0, 50)}`);
  }
  for (const input of root.querySelectorAll('input[placeholder]')) {  // "Seluruh kota" in a picker
    const size = parseFloat(getComputedStyle(input, '::placeholder').fontSize);
    if (input.getClientRects().length > 0 && input.placeholder && size < min) out.push(`${size}px: ${input.placeholder}`);
  }
  return out;
}"""


def bar(page: Page) -> Locator:
    return page.locator(BAR)


def wait_until_idle(page: Page) -> None:
    """The run is over, nothing is faded as stale, our stylesheet is in effect (``conftest``)."""
    wait_until_settled(page)


def open_present(page: Page, server: AppServer, path: str = "", query: str = "") -> None:
    page.goto(f"{server.url}/{path}?mode=present{query}")
    expect(bar(page)).to_be_visible()
    wait_until_idle(page)


def query_has(name: str, value: str) -> re.Pattern[str]:
    return re.compile(rf"[?&]{re.escape(name)}={re.escape(value)}(&|$)")


def inside_viewport(page: Page, locator: Locator) -> None:
    """The element is entirely on the screen, without scrolling."""
    box = locator.bounding_box()
    size = page.viewport_size
    assert box is not None and size is not None, "element not laid out"
    assert box["y"] >= 0, f"top edge above the screen: {box}"
    assert box["y"] + box["height"] <= size["height"], (
        f"bottom edge at {box['y'] + box['height']:.0f} px, below the {size['height']} px screen"
    )
    assert box["x"] >= 0 and box["x"] + box["width"] <= size["width"], f"cut off at a side: {box}"


def assert_one_line(locator: Locator) -> None:
    """The control bar takes one line of controls (it wraps only on narrower screens)."""
    box = locator.bounding_box()
    assert box is not None and box["height"] < ONE_LINE_PX, f"the control bar wrapped: {box['height']:.0f} px high"


def keep_screenshot(page: Page, tmp_path: Path) -> None:
    size = page.viewport_size
    assert size is not None
    name = f"presentation_{size['width']}x{size['height']}.png"
    shot = tmp_path / name
    page.screenshot(path=shot)
    if settings.get("update_screenshots"):  # only on request: scripts/screenshots.py
        shutil.copyfile(shot, ROOT / "docs" / name)


# --------------------------------------------------------------------------------------
# Scenarios


@SCREENS
def test_present_link_fits_the_screen_and_reads_from_the_back(
    page: Page, app_server: AppServer, traffic: Traffic, tmp_path: Path
) -> None:
    open_present(page, app_server)
    iframe = page.locator(MAP_IFRAME)
    expect(iframe).to_be_visible()
    expect(page.frame_locator(MAP_IFRAME).locator(f"path.{KELURAHAN_CLASS}")).to_have_count(34)
    wait_until_idle(page)

    # The sidebar starts folded away, and the control bar is at the top of the screen.
    expect(page.get_by_test_id("stSidebar")).to_have_attribute("data-collapsed", "true")
    inside_viewport(page, bar(page))
    assert_one_line(bar(page))
    # Headline figures and the whole map: no scrolling needed.
    values = page.get_by_test_id("stMetricValue")
    assert values.count() >= 4
    for i in range(values.count()):
        inside_viewport(page, values.nth(i))
        size = float(values.nth(i).evaluate("el => parseFloat(getComputedStyle(el).fontSize)"))
        assert size >= MIN_FIGURE_PX, f"headline figure {values.nth(i).inner_text()!r} is {size} px"
    inside_viewport(page, iframe)
    # Type for the back of the room, and no label cut off.
    assert page.evaluate(SMALL_TEXT_JS, MIN_TEXT_PX) == []
    assert page.evaluate(TRUNCATED_JS, LABELS) == []

    keep_screenshot(page, tmp_path)
    traffic.assert_only_local()
    traffic.assert_no_js_errors()


@SCREENS
def test_control_bar_changes_screen_language_selection_and_exits(
    page: Page, app_server: AppServer, traffic: Traffic
) -> None:
    open_present(page, app_server)

    bar(page).get_by_role("link", name=t("nav.kelurahan", "id"), exact=True).click()
    expect(page).to_have_url(re.compile(r"/kelurahan\?"))
    expect(page).to_have_url(query_has("mode", "present"))
    expect(bar(page)).to_be_visible()

    bar(page).get_by_text("EN", exact=True).click()
    expect(bar(page).get_by_role("link", name=t("nav.indicators", "en"), exact=True)).to_be_visible()
    expect(page).to_have_url(query_has("lang", "en"))
    assert_one_line(bar(page))

    picker = bar(page).get_by_test_id("stMultiSelect")
    picker.click()
    page.keyboard.type("Pekuncen")
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")  # close the list, as a click elsewhere would
    expect(picker.get_by_label("Pekuncen", exact=True)).to_be_visible()
    expect(page).to_have_url(query_has("kel", "35.75.04.1009"))
    wait_until_idle(page)
    inside_viewport(page, bar(page))
    assert page.evaluate(TRUNCATED_JS, LABELS) == []

    bar(page).get_by_role("button", name=t("present.exit", "en"), exact=True).click()
    expect(bar(page)).to_have_count(0)
    expect(page).not_to_have_url(re.compile(r"[?&]mode="))
    # Back in the normal layout the sidebar, folded by the link, opens again and holds the view.
    page.get_by_test_id("stExpandSidebarButton").click()
    sidebar = page.get_by_test_id("stSidebar")
    expect(sidebar.get_by_role("radio", name="English")).to_be_checked()
    expect(sidebar.get_by_test_id("stMultiSelect").get_by_label("Pekuncen (Panggungrejo)", exact=True)).to_be_visible()
    traffic.assert_only_local()
    traffic.assert_no_js_errors()


@pytest.mark.parametrize("viewport", [PROJECTOR], ids=["1366x768"])
def test_sidebar_reopens_and_bar_stays_on_top_while_scrolling(
    page: Page, app_server: AppServer, traffic: Traffic
) -> None:
    open_present(page, app_server, "sources")

    # The header holding the sidebar's button is never hidden in presentation mode.
    page.get_by_test_id("stExpandSidebarButton").click()
    sidebar = page.get_by_test_id("stSidebar")
    expect(sidebar.get_by_role("switch", name=t("sidebar.presentation", "id"))).to_be_checked()
    expect(sidebar.get_by_role("link", name=t("nav.map", "id"), exact=True)).to_be_visible()

    page.get_by_test_id("stMain").evaluate("el => el.scrollTo(0, el.scrollHeight)")
    page.mouse.wheel(0, 5000)
    expect(bar(page).get_by_role("link", name=t("nav.map", "id"), exact=True)).to_be_in_viewport()
    inside_viewport(page, bar(page))
    traffic.assert_only_local()
    traffic.assert_no_js_errors()


@pytest.mark.parametrize("viewport", [PROJECTOR], ids=["1366x768"])
def test_auto_play_moves_through_the_chosen_screens(page: Page, app_server: AppServer, traffic: Traffic) -> None:
    open_present(page, app_server)
    bar(page).get_by_role("button", name=t("present.cycle", "id")).click()
    popover = page.get_by_test_id("stPopoverBody")
    screens = popover.get_by_test_id("stMultiSelect")
    for name in (t("nav.indicators", "id"), t("nav.budget", "id"), t("nav.sources", "id"), t("nav.briefing", "id")):
        screens.get_by_role("button", name=f"Remove {name}").click()  # the show: map, kelurahan
    popover.get_by_test_id("stSelectbox").click()
    page.get_by_role("option", name=t("present.seconds", "id", n=10)).click()
    popover.get_by_text(t("present.cycle_on", "id"), exact=True).click()
    page.keyboard.press("Escape")

    # After 10 s without interaction the show moves on, and on again, still presenting.
    expect(page).to_have_url(re.compile(r"/kelurahan"), timeout=40_000)
    expect(page.get_by_role("heading", name=t("nav.kelurahan", "id"), level=1)).to_be_visible()
    expect(page).to_have_url(query_has("mode", "present"))
    expect(bar(page)).to_be_visible()
    # still a full screen: the sidebar takes no width while the show moves on
    expect(page.get_by_test_id("stSidebar")).to_have_attribute("data-collapsed", "true")
    width = page.get_by_test_id("stSidebar").evaluate(
        "el => { const r = el.getBoundingClientRect(); return Math.max(0, Math.min(r.right, innerWidth) - Math.max(r.left, 0)); }"
    )
    assert width == 0
    # ... and on again: back to the map, the first screen of the show.
    expect(page).to_have_url(re.compile(r":\d+/\?"), timeout=40_000)
    expect(page.get_by_role("heading", name=t("app.title", "id"), level=1)).to_be_visible()
    traffic.assert_only_local()
    traffic.assert_no_js_errors()


# Where the focus of the view (the selection, else the city) is on the map, and the legend.
VIEW_JS = """() => {
  const map = window.map, outer = map.getContainer().getBoundingClientRect();
  const box = map.getContainer().querySelector('.sc-legend').getBoundingClientRect();
  const focus = window.scFocus();
  const nw = map.latLngToContainerPoint(focus.getNorthWest()), se = map.latLngToContainerPoint(focus.getSouthEast());
  return {focus: [nw.x, nw.y, se.x, se.y],
          legend: [box.left - outer.left, box.top - outer.top, box.right - outer.left, box.bottom - outer.top],
          size: [outer.width, outer.height], zoom: map.getZoom(), max_zoom: window.scMaxZoom};
}"""
CLEAR_JS = f"""() => {{
  if (!window.map || !window.map.scServerView || !window.scFocus || window.map.scFrame || window.map.scPending) return false;
  const v = ({VIEW_JS})();
  const [fx0, fy0, fx1, fy1] = v.focus, [lx0, ly0, lx1, ly1] = v.legend;
  return fx1 <= lx0 || fx0 >= lx1 || fy1 <= ly0 || fy0 >= ly1;
}}"""


@SCREENS
@pytest.mark.parametrize("query", ["", "&kel=35.75.03.1005"], ids=["city", "east-kelurahan"])
def test_the_legend_never_covers_the_city_or_the_selection(
    page: Page, app_server: AppServer, traffic: Traffic, query: str
) -> None:
    """On the meeting-room screen the whole city (or the selection) is visible beside the legend,
    folded to one line or unfolded, never closer than the shown data's precision allows."""
    open_present(page, app_server, query=query)
    frame = page.locator(MAP_IFRAME).element_handle().content_frame()
    assert frame is not None
    frame.wait_for_function(CLEAR_JS)
    view = frame.evaluate(VIEW_JS)
    x0, y0, x1, y1 = view["focus"]
    width, height = view["size"]
    assert 0 <= x0 and 0 <= y0 and x1 <= width and y1 <= height, f"not all of it is on the map: {view}"
    assert view["zoom"] <= view["max_zoom"] + 1e-9, view  # the data's precision still caps the zoom
    assert frame.locator(".sc-legend-title").get_attribute("aria-expanded") == "false"  # one line

    frame.locator(".sc-legend-title").click()  # unfolded: the view moves out from under it
    expect(frame.locator(".sc-legend-title")).to_have_attribute("aria-expanded", "true")
    frame.wait_for_function(CLEAR_JS)
    unfolded = frame.evaluate(VIEW_JS)
    assert unfolded["zoom"] <= view["zoom"] + 1e-9, unfolded  # less room: never closer
    traffic.assert_only_local()
    traffic.assert_no_js_errors()
