"""Seams into Streamlit internals: each fails loudly the day a Streamlit upgrade changes it."""

from __future__ import annotations

import inspect

import pytest
from streamlit.runtime import pages_manager
from streamlit.runtime.pages_manager import PagesManager

from ui import chrome


def test_streamlit_still_has_the_legacy_pages_flag() -> None:
    # ui.chrome.leave_legacy_pages_mode switches this flag off so that a shared link to
    # /kelurahan, the first request a fresh server sees, goes through dashboard.py. If this
    # fails after an upgrade, check tests/browser/test_shared_link.py and that function.
    assert hasattr(PagesManager, chrome.LEGACY_PAGES_FLAG), (
        f"Streamlit renamed or removed PagesManager.{chrome.LEGACY_PAGES_FLAG}: "
        "ui.chrome.leave_legacy_pages_mode no longer does anything"
    )
    assert getattr(PagesManager, chrome.LEGACY_PAGES_FLAG) in (None, True, False)


def test_streamlit_still_decides_v1_mode_from_that_flag() -> None:
    # Writing the flag only helps while Streamlit reads it where it decides v1 mode.
    source = inspect.getsource(pages_manager)
    assert f"PagesManager.{chrome.LEGACY_PAGES_FLAG}" in source


def test_without_the_flag_the_guard_does_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delattr(PagesManager, chrome.LEGACY_PAGES_FLAG)
    chrome.leave_legacy_pages_mode()  # no AttributeError, no rerun outside a script run
    assert not hasattr(PagesManager, chrome.LEGACY_PAGES_FLAG)


def test_presentation_charts_meet_the_rooms_minimum_text_size(programme_tables) -> None:
    # One home for the presentation sizes: the room's minimum is ui.chrome.PRESENT_TEXT_PX,
    # chart sizes are smartcity_geo.charts.style's; every chart text a presenter shows meets it.
    from smartcity_geo import charts

    for fig in (
        charts.element_overview_chart(programme_tables, 2023, "id", presentation=True),
        charts.budget_by_element_chart(programme_tables, "en", presentation=True),
    ):
        sizes = [fig.layout.font.size, fig.layout.title.font.size]
        sizes += [a.font.size for a in fig.layout.annotations if a.font and a.font.size]
        assert min(sizes) >= chrome.PRESENT_TEXT_PX, sizes


def test_the_map_adapter_matches_streamlit_folium() -> None:
    """ui.folium_component: the private helpers exist and st_folium calls its component with the
    same keywords the adapter passes (so the browser side receives what it expects)."""
    import ast
    import inspect
    import textwrap

    import streamlit_folium

    from ui import folium_component

    missing = [name for name in folium_component.HELPERS if not callable(getattr(streamlit_folium, name, None))]
    assert not missing, f"streamlit-folium no longer has {missing}"
    tree = ast.parse(textwrap.dedent(inspect.getsource(streamlit_folium.st_folium)))
    calls = [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "_component_func"
    ]
    assert len(calls) == 1, "st_folium calls its component in one place"
    assert {kw.arg for kw in calls[0].keywords} == folium_component.COMPONENT_KEYWORDS
    with pytest.raises(TypeError, match="the map component takes"):
        folium_component.component(script="")
