"""A link reopens the same view: every part of the view round-trips through the URL."""

from __future__ import annotations

from smartcity_geo.layers import DEFAULT_LAYERS, LAYER_KEYS
from smartcity_geo.viewstate import ViewState, from_query, to_query


def test_default_view_makes_an_empty_query_and_back():
    assert to_query(ViewState()) == {}
    assert from_query({}) == ViewState()


def test_every_part_round_trips():
    view = ViewState(
        lang="en",
        kelurahan=("35.75.01.1001", "35.75.04.1005"),
        layers=("coverage_3g", "tourism"),
        basemap="osm",
        presentation=True,
    )
    query = to_query(view)
    assert query == {
        "lang": "en",
        "kel": "35.75.01.1001,35.75.04.1005",
        "layers": "coverage_3g,tourism",
        "base": "osm",
        "mode": "present",
    }
    assert from_query(query) == view


def test_all_layers_off_is_kept():
    view = ViewState(layers=())
    assert to_query(view) == {"layers": "none"}
    assert from_query(to_query(view)).layers == ()


def test_untrusted_values_are_dropped_not_raised():
    known = ["35.75.01.1001"]
    view = from_query(
        {"lang": "<script>", "kel": "35.75.01.1001,35.75.99.0001,'; drop", "layers": "tourism,evil",
         "base": "javascript:alert(1)", "mode": "x"},
        known,
    )
    assert view == ViewState(kelurahan=("35.75.01.1001",), layers=("tourism",))
    assert from_query({"layers": ""}).layers == ()
    assert set(DEFAULT_LAYERS) <= set(LAYER_KEYS)
