"""Serve Leaflet's files from this machine and point the map at them.

Streamlit serves the directory of a declared (v1) component under
``<base path>/component/<module>.<name>/``, with a MIME type guessed from the file name.
Declaring Leaflet's directory (from the installed ``xstatic-leaflet``) as the component
``ui.offline.leaflet`` makes ``leaflet.js``, ``leaflet.css`` and ``images/*.png`` available
at ``/component/ui.offline.leaflet/...``; the component itself is never drawn.

streamlit-folium runs the map inside its own component iframe, served from
``<base path>/component/streamlit_folium.st_folium/index.html``, and adds the map's script
and stylesheet links to that document. The links are therefore relative to that iframe
(``../ui.offline.leaflet/leaflet.js``), which keeps working when the app is served under
a base URL path (``server.baseUrlPath``) or behind a proxy. Leaflet's CSS refers to its
images relatively (``images/layers.png``), so they come from the same place.

The map's full-screen button (leaflet.fullscreen, vendored in the library) is served the
same way, as the component ``ui.offline.fullscreen``.
"""

from __future__ import annotations

import logging
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

import folium
import streamlit.components.v1 as components
from streamlit.runtime import get_instance
from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

from smartcity_geo import settings
from smartcity_geo.assets import PLUGINS, leaflet_dir, plugin_dir, use_local_assets
from smartcity_geo.mapcache import cache_dir

COMPONENT = "leaflet"
# __name__ is "ui.offline" when imported by the app; Streamlit names the component
# "<module>.<name>".
COMPONENT_NAME = f"{__name__}.{COMPONENT}"
# Relative to the streamlit-folium iframe at <base>/component/streamlit_folium.st_folium/.
LEAFLET_URL = f"../{COMPONENT_NAME}/"
#: Each served plugin: its component name is "<module>.<plugin>", its URL beside Leaflet's.
PLUGIN_URLS = {name: f"../{__name__}.{name}/" for name in PLUGINS}
#: Rendered map scripts that never change for a data version (ui.mapview.publish), served
#: beside Leaflet so the browser fetches them once instead of receiving them on every run.
MAP_CACHE = "mapcache"
MAP_CACHE_URL = f"../{__name__}.{MAP_CACHE}/"


#: Names the folder of rendered map scripts (default: a private folder under the system's temp dir).
CACHE_ENV = settings.BY_NAME["map_cache"].env
_log = logging.getLogger(__name__)
_warned: set[str] = set()


def default_cache_dir() -> Path:
    return Path(tempfile.gettempdir()) / f"smartcity-map-{os.getuid() if hasattr(os, 'getuid') else 'user'}"


def map_cache_dir() -> Path:
    """Where rendered map scripts are written: a folder private to this user (outside the working tree).

    ``SMARTCITY_MAP_CACHE`` names it (refused with :class:`~smartcity_geo.mapcache.MapCacheError`
    unless it is a directory of this user closed to everyone else); by default
    ``$TMPDIR/smartcity-map-<uid>``, created 0700, or, when another user got there first, a
    fresh private folder for this process (logged once).
    """
    path, passed_over = cache_dir(settings.get("map_cache"), default_cache_dir())
    if passed_over is not None and passed_over.folder not in _warned:
        _warned.add(passed_over.folder)
        _log.warning("%s; using %s instead", passed_over.message("en"), path)
    return path


def register() -> None:
    """Declare Leaflet's directory as a component so Streamlit serves its files.

    Idempotent, and cheap once done: a runtime whose registry already serves this process's
    map-file folder is left alone (declaring inspects the caller's stack frame, which costs
    more than the lookup). Called on every run of the map screen so that a fresh runtime (a
    restarted server, a test runtime) always has it.
    """
    cache = os.path.abspath(map_cache_dir())
    registry = _registry()
    if registry is not None and registry.get_component_path(f"{__name__}.{MAP_CACHE}") == cache:
        return
    components.declare_component(COMPONENT, path=str(leaflet_dir()))
    for name in PLUGINS:
        components.declare_component(name, path=str(plugin_dir(name)))
    components.declare_component(MAP_CACHE, path=cache)


def _registry():
    """This runtime's component registry, or None outside a script run (as ``declare_component``)."""
    return get_instance().component_registry if get_script_run_ctx() is not None else None


def localize(m: folium.Map, groups: Iterable[folium.Element] = ()) -> folium.Map:
    """Serve Leaflet locally and make ``m`` and ``groups`` load nothing else; returns ``m``."""
    register()
    use_local_assets(m, *groups, base_url=LEAFLET_URL, plugin_urls=PLUGIN_URLS)
    return m
