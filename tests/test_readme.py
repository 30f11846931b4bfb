"""The README a newcomer follows lists what the app accepts: every screen's path and URL value."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from smartcity_geo.registry import LAYER_KEYS, MEASURE_KEYS, NO_MEASURE

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
SCREENS = re.findall(r'url_path="([a-z_]+)"', (ROOT / "dashboard.py").read_text(encoding="utf-8"))


def test_the_dashboard_declares_its_screens() -> None:
    assert {"kelurahan", "editor", "briefing"} <= set(SCREENS)


@pytest.mark.parametrize("path", SCREENS)
def test_the_readme_names_every_screen_path(path: str) -> None:
    assert f"`/{path}`" in README


@pytest.mark.parametrize("value", [*LAYER_KEYS, *MEASURE_KEYS, NO_MEASURE, "ind:<code>"])
def test_the_readme_lists_every_url_value(value: str) -> None:
    assert f"`{value}`" in README
