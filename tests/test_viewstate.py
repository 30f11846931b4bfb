"""A link reopens the same view: every part of the view round-trips through the URL."""

from __future__ import annotations

import pytest

from smartcity_geo.registry import DEFAULT_LAYERS, LAYER_KEYS, MEASURE_KEYS
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
        measure="share_4g",
    )
    query = to_query(view)
    assert query == {
        "lang": "en",
        "kel": "35.75.01.1001,35.75.04.1005",
        "layers": "coverage_3g,tourism",
        "base": "osm",
        "measure": "share_4g",
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
        {
            "lang": "<script>",
            "kel": "35.75.01.1001,35.75.99.0001,'; drop",
            "layers": "tourism,evil",
            "base": "javascript:alert(1)",
            "mode": "x",
            "measure": "<svg onload=alert(1)>",
        },
        known,
    )
    assert view == ViewState(kelurahan=("35.75.01.1001",), layers=("tourism",))
    assert from_query({"layers": ""}).layers == ()
    assert set(DEFAULT_LAYERS) <= set(LAYER_KEYS)


def test_every_measure_round_trips():
    for measure in MEASURE_KEYS:
        assert from_query(to_query(ViewState(measure=measure))).measure == measure
    assert from_query({"measure": "none"}) == ViewState()


def test_an_indicator_measure_round_trips_and_junk_does_not():
    assert from_query(to_query(ViewState(measure="ind:SS-CO-11"))).measure == "ind:SS-CO-11"
    for junk in ("ind:", "ind:<script>", "ind:SS-CO-11-011001x", "share_4g;drop"):
        assert from_query({"measure": junk}).measure == "none"


@pytest.mark.parametrize("value", ["nope", "nope,evil", "<script>", "x,,y"])
def test_a_layers_value_naming_no_known_layer_falls_back_to_the_default_layers(value):
    assert from_query({"layers": value}).layers == DEFAULT_LAYERS


@pytest.mark.parametrize("value", ["none", "", "none,nope"])
def test_layers_none_or_empty_still_means_every_layer_off(value):
    assert from_query({"layers": value}).layers == ()
