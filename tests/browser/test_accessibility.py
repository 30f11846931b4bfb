"""Every screen, in the normal layout and in presentation mode, passes axe-core's WCAG 2 A
and AA rules with no serious or critical violation.

axe-core is the copy shipped inside the installed ``axe-playwright-python`` package (no CDN);
it audits the app's own document (the sidebar, the presentation bar, every caption, badge
and table). The map is a component iframe that axe does not enter.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from axe_playwright_python.sync_playwright import Axe
from conftest import wait_until_settled
from playwright.sync_api import Page, expect

from smartcity_geo.registry import KELURAHAN_CLASS

if TYPE_CHECKING:
    from conftest import AppServer, Traffic

pytestmark = pytest.mark.browser

PEKUNCEN = "35.75.04.1009"
MAP_IFRAME = 'iframe[title="streamlit_folium.st_folium"]'
SCREENS = ["", "kelurahan", "indicators", "budget", "sources", "briefing"]
MODES = {"normal": "", "presentation": "&mode=present"}
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa"]}, "resultTypes": ["violations"]}
BLOCKING = ("serious", "critical")


def describe(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"][:5]:
            lines.append(f"    {node['target']}: {node.get('failureSummary', '').splitlines()[-1:]}")
    return "\n".join(lines)


@pytest.mark.parametrize("mode", list(MODES))
@pytest.mark.parametrize("screen", SCREENS, ids=[s or "map" for s in SCREENS])
def test_screen_has_no_serious_accessibility_violation(
    page: Page, app_server: AppServer, traffic: Traffic, screen: str, mode: str
) -> None:
    # A kelurahan is selected so that the profile, tables and badges are all on screen.
    page.goto(f"{app_server.url}/{screen}?kel={PEKUNCEN}{MODES[mode]}")
    expect(page.get_by_role("heading", level=1).first).to_be_visible()
    if screen == "":  # the map has drawn (its first value back to the app may rerun the page)
        expect(page.frame_locator(MAP_IFRAME).locator(f"path.{KELURAHAN_CLASS}")).to_have_count(34)
    page.wait_for_load_state("networkidle")
    # The run is over and nothing is stale: Streamlit fades stale elements, which would be
    # reported as low contrast.
    # (and our stylesheet, rendered just after the run, is in effect: conftest.wait_until_settled)
    wait_until_settled(page)

    results = Axe().run(page, options=AXE_OPTIONS)

    assert results.response["passes"], "axe-core checked nothing: the page was empty"
    blocking = [v for v in results.response["violations"] if v["impact"] in BLOCKING]
    assert not blocking, f"axe-core found on /{screen} ({mode}):\n" + describe(blocking)
    traffic.assert_only_local()
    traffic.assert_no_js_errors()
