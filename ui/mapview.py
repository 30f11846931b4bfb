"""Show the map through streamlit-folium's component, rendering what did not change only once.

``st_folium`` re-renders the whole folium map on every run (Jinja templates, GeoJSON to
JSON, every layer's script) and adds the extra feature groups *to the map object it is
given*, so a map cached between runs would grow and be shared across sessions' threads.
Here the map is split in three strings, each made from fresh folium objects:

- :class:`RenderedMap`: the base map's script, header and links; made once per data
  version, language, basemap and height (``ui.loaders.map_view``);
- the layers' script (choropleth, layers, legend): made once per data version, language,
  layer set, measure and size (``ui.loaders.map_view``);
- the selection's script: rendered once per group number (:class:`SelectionTemplate`); a
  run fills in the selected codes (a few hundred bytes).

:func:`show` passes them to the same component with the same arguments ``st_folium`` would,
so the browser side is unchanged. Cached values are immutable strings: nothing shared is
mutated, so concurrent sessions are safe.

NOTE: streamlit-folium's private helpers are reached through one adapter,
:mod:`ui.folium_component` (pinned in requirements.txt; its contract is tested in
``tests/test_seams.py``, and ``tests/test_app_map.py`` and the browser tests fail loudly too).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

import folium
import streamlit as st

from smartcity_geo.assets import OfflineAssetError, asset_links
from smartcity_geo.geometry import compact_json
from smartcity_geo.mapcache import Published, files_in

from . import folium_component as fc


@dataclass(frozen=True)
class RenderedMap:
    """The base map as the component receives it (immutable, shareable)."""

    script: str
    header: str
    html: str
    map_id: str
    js_links: tuple[str, ...]
    css_links: tuple[str, ...]
    published: tuple[Published, ...] = ()  # the served files it loads, checked before each use

    def hash_key(self, key: str) -> str:
        return fc.js_hash(self.script, key, False)


@dataclass(frozen=True)
class RenderedGroups:
    """Feature groups as one script, and how many there are (the next group's index)."""

    script: str
    count: int
    js_links: tuple[str, ...]
    css_links: tuple[str, ...]
    published: tuple[Published, ...] = ()


def render_map(m: folium.Map) -> RenderedMap:
    """Render ``m`` (already localised) the way ``st_folium`` does, once."""
    m.get_root().render()
    m.render()
    html = fc.map_html(m)
    header = fc.map_header(m)
    map_id = fc.full_id(m)
    js, css = asset_links(m)
    script = fc.map_script(m)
    return RenderedMap(script, header, html, map_id, tuple(js), tuple(css))


def publish(rendered: RenderedMap, directory: Path, base_url: str) -> RenderedMap:
    """Move the base map's script into a file served at ``base_url`` (named by its content).

    The component loads ``js_links`` in order before it runs ``script``, in the page's
    global scope, so the file defines the map exactly as the inline script did; what
    travels with every run is its URL. The file is written atomically (safe when several
    sessions publish the same map at once). An existing file of that name is used only if
    its content still hashes to the name (:mod:`smartcity_geo.mapcache`), and :func:`show`
    checks it again before every use.
    """
    published = _write(rendered.script, directory, "map")
    return replace(
        rendered,
        script=f"/* {published.name} */\n",
        js_links=(*rendered.js_links, base_url + published.name),
        published=(*rendered.published, published),
    )


def _write(text: str, directory: Path, prefix: str) -> Published:
    """Write ``text`` under a name made from its content (or check the file already there)."""
    files = files_in(directory)
    return Published(files, files.write(text, prefix), text)


# Runs inside the component's eval of the feature-group script: fetches the file once per
# map (kept in window.scFiles), then evaluates it in the same place the inline text would be.
_LOADER = """var scUrl = {url};
window.scFiles = window.scFiles || {{}};
if (!window.scFiles[scUrl]) {{
  var scReq = new XMLHttpRequest();
  scReq.open("GET", scUrl, false);
  scReq.send(null);
  if (scReq.status !== 200) {{ throw new Error("map layers not served: " + scUrl); }}
  window.scFiles[scUrl] = scReq.responseText;
}}
eval(window.scFiles[scUrl]);
"""


def publish_groups(rendered: RenderedGroups, directory: Path, base_url: str) -> RenderedGroups:
    """Move the groups' script into a served file; what travels on a run is a small loader.

    NOTE: the loader fetches synchronously so that the groups exist, in order, before the
    component adds the next ones (the selection), exactly as with the inline script.
    """
    if not rendered.script:
        return rendered
    published = _write(rendered.script, directory, "layers")
    return replace(
        rendered,
        script=_LOADER.format(url=json.dumps(base_url + published.name)),
        published=(*rendered.published, published),
    )


def render_groups(groups: Iterable[folium.FeatureGroup], start: int = 0) -> RenderedGroups:
    """The script that adds ``groups`` to the map, numbered from ``start``.

    Each group is rendered on a throwaway host map (``st_folium`` renames the map to
    ``map_div`` in the browser anyway), never on a shared one.
    """
    host = folium.Map(tiles=None)
    groups = list(groups)
    parts = [fc.group_script(group, host, idx=start + i) for i, group in enumerate(groups)]
    js, css = asset_links(*groups)
    return RenderedGroups("".join(parts), len(groups), tuple(js), tuple(css))


#: The stand-in selection a :class:`SelectionTemplate` is rendered with; its JSON marks the slot.
SLOT_VALUES = {"sc-selection-slot": {}}


@dataclass(frozen=True)
class SelectionTemplate:
    """The selection's group rendered once: a run only puts the selected codes into its slot.

    ``fill(values)`` gives exactly what rendering ``selection_group(values)`` gives (tested
    byte for byte), without building and rendering folium objects on every run.
    """

    empty: RenderedGroups
    filled: RenderedGroups
    slot: str

    def fill(self, values: dict) -> RenderedGroups:
        if not values:
            return self.empty
        return replace(self.filled, script=self.filled.script.replace(self.slot, compact_json(values)))


def selection_template(empty: folium.FeatureGroup, filled: folium.FeatureGroup, *, start: int) -> SelectionTemplate:
    """``empty`` is the group with nothing selected, ``filled`` the group drawn with :data:`SLOT_VALUES`."""
    slot = compact_json(SLOT_VALUES)
    template = SelectionTemplate(render_groups([empty], start=start), render_groups([filled], start=start), slot)
    if template.filled.script.count(slot) != 1:
        raise ValueError("the selection group must carry its values exactly once")
    return template


@dataclass(frozen=True)
class MapView:
    """What the map shows but the selection, as made once per data version and view (``ui.loaders.map_view``)."""

    base: RenderedMap
    layers: RenderedGroups
    selection: SelectionTemplate  # numbered after the layers
    max_zoom: float  # the closest zoom at which the shown layers are still honest


def show(
    base: RenderedMap,
    groups: Iterable[RenderedGroups],
    *,
    key: str,
    height: int,
    center: tuple[float, float],
    zoom: float,
    returned_objects: tuple[str, ...] = ("last_clicked",),
):
    """Draw the map component; the map's returned value lands in ``st.session_state[key]``."""
    groups = list(groups)
    for published in (*base.published, *(p for group in groups for p in group.published)):
        published.ensure()  # a served file changed since it was written is written again first
    for group in groups:
        extra = (set(group.js_links) - set(base.js_links)) | (set(group.css_links) - set(base.css_links))
        if extra:  # the component loads files only with the first map; a layer cannot bring new ones
            raise OfflineAssetError(f"a map layer needs files the base map does not load: {sorted(extra)}")
    hash_key = base.hash_key(key)

    def on_change() -> None:
        st.session_state[key] = st.session_state.get(hash_key, {})

    defaults = {name: None for name in returned_objects}
    return fc.component(
        script=base.script,
        header=base.header,
        html=base.html,
        id=base.map_id,
        key=hash_key,
        height=height,
        width=None,
        returned_objects=list(returned_objects),
        default=defaults,
        zoom=zoom,
        center=list(center),
        feature_group="".join(group.script for group in groups),
        return_on_hover=False,
        layer_control=None,
        pixelated=False,
        css_links=list(base.css_links),
        js_links=list(base.js_links),
        on_change=on_change,
        wrap_longitude=False,
    )
