"""The one door to streamlit-folium's private parts (the adapter :mod:`ui.mapview` uses).

streamlit-folium's public ``st_folium`` renders the whole folium map on every run; the app
renders the parts that did not change once and hands them to the same component with the
same arguments ``st_folium`` would (``ui/mapview.py``). That needs helpers streamlit-folium
does not export publicly; they are imported here and nowhere else, and
``tests/test_seams.py`` checks the contract: every helper still exists, and ``st_folium``
still calls the component with exactly :data:`COMPONENT_KEYWORDS`. An upgrade of
streamlit-folium (pinned in requirements.txt) that changes either fails that test first.
"""

from __future__ import annotations

from streamlit.runtime import get_instance
from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx
from streamlit_folium import (
    _component_func,
    _get_feature_group_string,
    _get_header,
    _get_html,
    _get_map_string,
    generate_js_hash,
    get_full_id,
)

#: The private helpers used (checked by the contract test).
HELPERS = (
    "_component_func",
    "_get_feature_group_string",
    "_get_header",
    "_get_html",
    "_get_map_string",
    "generate_js_hash",
    "get_full_id",
)
#: The keywords ``st_folium`` passes to its component (and :func:`component` requires).
COMPONENT_KEYWORDS = frozenset(
    {
        "script",
        "header",
        "html",
        "id",
        "key",
        "height",
        "width",
        "returned_objects",
        "default",
        "zoom",
        "center",
        "feature_group",
        "return_on_hover",
        "layer_control",
        "pixelated",
        "css_links",
        "js_links",
        "on_change",
        "wrap_longitude",
    }
)

map_html = _get_html
map_header = _get_header
map_script = _get_map_string
group_script = _get_feature_group_string
js_hash = generate_js_hash
full_id = get_full_id


def component(**kwargs):
    """The streamlit-folium component, called with exactly the keywords ``st_folium`` uses."""
    if set(kwargs) != COMPONENT_KEYWORDS:
        raise TypeError(f"the map component takes {sorted(COMPONENT_KEYWORDS)}; got {sorted(kwargs)}")
    ensure_registered()
    return _component_func(**kwargs)


def ensure_registered() -> None:
    """Make this runtime serve streamlit-folium's files (its iframe), whoever imported it first.

    streamlit-folium declares its component when it is imported, and Streamlit registers a
    declaration only inside a script run (``declare_component``). Imported first outside one
    (``serve.py``'s warm-up thread, before any visitor), the declaration was never registered
    and the map's iframe answered 404: every map blank. A dictionary lookup when all is well.
    """
    if get_script_run_ctx() is None:
        return
    registry = get_instance().component_registry
    if registry.get_component_path(_component_func.name) is None:
        registry.register_component(_component_func)
