"""The emailed briefing in a real browser: opens with no network, shows its map picture,
prints to a few clean A4 pages.

The document is written to ``tmp_path`` and opened as a file; every request that is not the
file itself or a ``data:`` URI is aborted and recorded (it must not happen).
"""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

from smartcity_geo.briefing import build_briefing
from smartcity_geo.datapack import load_pack
from smartcity_geo.mapdata import prepare_map_data
from smartcity_geo.registry import LAYER_KEYS
from smartcity_geo.viewstate import ViewState

ROOT = Path(__file__).resolve().parents[2]
GENERATED = datetime.date(2026, 11, 28)
KRAPYAKREJO = "35.75.01.1007"


@pytest.fixture(scope="module")
def data():
    return prepare_map_data(load_pack(ROOT / "geodata"))


@pytest.mark.parametrize(("lang", "codes"), [("en", (KRAPYAKREJO,)), ("id", ())])
def test_briefing_opens_offline_and_prints_to_a4(browser: Browser, tmp_path: Path, data, lang, codes):
    view = ViewState(lang=lang, kelurahan=codes, layers=LAYER_KEYS)
    doc = build_briefing(data, view, lang, generated=GENERATED, public_url="https://peta.example/")
    path = tmp_path / "briefing.html"
    path.write_text(doc, encoding="utf-8")

    context = browser.new_context(viewport={"width": 1000, "height": 1200})
    foreign: list[str] = []

    def only_local(route):
        url = route.request.url
        if url.startswith(("file:", "data:")):
            route.continue_()
        else:
            foreign.append(url)
            route.abort()

    context.route("**/*", only_local)
    try:
        page = context.new_page()
        page.goto(path.as_uri())
        picture = page.locator("figure.map img")
        expect(picture).to_be_visible()
        width = page.evaluate(
            "() => { const i = document.querySelector('figure.map img'); return i.complete ? i.naturalWidth : 0; }"
        )
        assert width > 600  # the embedded PNG decoded

        page.emulate_media(media="print")
        overflowing = page.evaluate(
            "() => Array.from(document.querySelectorAll('table, figure'))"
            ".filter(e => e.getBoundingClientRect().right > document.body.getBoundingClientRect().right + 1).length"
        )
        assert overflowing == 0  # no table or picture sticks out of the page
        pdf = page.pdf(format="A4", print_background=True, prefer_css_page_size=True)
        pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
        assert 3 <= pages <= 9, pages
        assert foreign == []  # nothing was fetched
    finally:
        context.close()
