"""A shared link to any screen works as the very first request a fresh server gets.

Streamlit reads a ``pages/`` folder the multipage-v1 way until the entry point has run
once (see ``ui.chrome.leave_legacy_pages_mode``): without care, a meeting room that opens
``/kelurahan?...`` on a just-started dashboard gets the page without its sidebar, language
or selection, or a "Page not found" dialog.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import Page, expect

from smartcity_geo.strings import t

if TYPE_CHECKING:
    from conftest import AppServer, Traffic

PEKUNCEN = "35.75.04.1009"


@pytest.mark.parametrize(
    ("path", "heading"),
    [("kelurahan", "Pekuncen"), ("indicators", t("ind.title", "en")), ("briefing", t("nav.briefing", "en"))],
)
def test_first_request_to_a_screen_opens_that_screen_with_the_view(
    page: Page, fresh_server: AppServer, traffic: Traffic, path: str, heading: str
) -> None:
    page.goto(f"{fresh_server.url}/{path}?kel={PEKUNCEN}&lang=en")

    expect(page.get_by_role("heading", name=heading).first).to_be_visible()
    sidebar = page.get_by_test_id("stSidebar")
    expect(sidebar.get_by_role("radio", name="English")).to_be_checked()
    expect(sidebar.get_by_test_id("stMultiSelect").get_by_label("Pekuncen (Panggungrejo)", exact=True)).to_be_visible()
    # the navigation is the app's own (translated titles), not the file names
    expect(sidebar.get_by_role("link", name=t("nav.indicators", "en"))).to_be_visible()
    # must NOT happen: a "Page not found" dialog, any request off this machine, a JS error
    expect(page.get_by_text("Page not found")).to_have_count(0)
    traffic.assert_only_local()
    traffic.assert_no_js_errors()
