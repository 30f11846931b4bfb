"""Scripts and stylesheets of a folium map, served from this machine instead of CDNs.

folium declares the files a map needs as data (``default_js`` / ``default_css`` on every
:class:`folium.elements.JSCSSMixin` element); streamlit-folium collects them from the map
and everything in it, feature groups added with ``feature_group_to_add`` included, and
loads each one inside its iframe. By default they point at public CDNs: Leaflet, jQuery,
Bootstrap, Font Awesome, Leaflet.awesome-markers. With no internet the map stays blank.

:func:`use_local_assets` rewrites those declarations so that the only files left are
Leaflet's own ``leaflet.js`` and ``leaflet.css``, at a URL the app chooses (the files come
from the installed ``xstatic-leaflet`` package, :func:`leaflet_dir`). What our layers do not
use is dropped; an element that would need a dropped or unknown remote file is refused
with :class:`OfflineAssetError`, so a new layer cannot quietly bring a CDN back.

One folium plugin is served the same way: ``folium.plugins.Fullscreen`` (the map's
full-screen button) gets its script and stylesheet from :func:`plugin_dir`
(leaflet.fullscreen 3.0.0, MIT, vendored in ``smartcity_geo/static/leaflet.fullscreen``)
at ``plugin_urls["fullscreen"]``. Any other plugin is still refused.

Why dropping is safe for our layers: ``GeoJson``, ``GeoJsonTooltip``, ``CircleMarker``,
``FeatureGroup`` and ``TileLayer`` use plain Leaflet. jQuery is used only by
``folium.Popup`` (``$(...)`` around the popup HTML) and by ``Map.keep_in_front``;
Bootstrap, its glyphicons, Font Awesome and awesome-markers only by ``folium.Icon``.
Those are exactly the cases refused below.

:func:`tile_notice` is the other half of working offline: an optional tile basemap that
cannot load says so on the map, once, instead of failing silently.

NOTE: the library only rewrites the declarations; serving the directory under
``base_url`` is the app's job (``ui/offline.py`` registers it as a Streamlit component).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import branca.colormap
import folium
import folium.elements
import folium.plugins
from branca.element import Element, MacroElement
from jinja2 import Template

LEAFLET_VERSION = "1.9.3"  # the Leaflet folium 0.20 is written for
LEAFLET_JS = "leaflet.js"
LEAFLET_CSS = "leaflet.css"
# folium.Map's own declarations that the offline map drops (not used by our layers).
DROPPED_JS = frozenset({"jquery", "bootstrap", "awesome_markers"})
DROPPED_CSS = frozenset(
    {"bootstrap_css", "glyphicons_css", "awesome_markers_font_css", "awesome_markers_css", "awesome_rotate_css"}
)
_REMOTE_PREFIXES = ("http://", "https://", "//")
STATIC_DIR = Path(__file__).resolve().parent / "static"
#: Plugins served from this machine: name -> (directory under static/, {declared name: file}).
PLUGINS: dict[str, tuple[str, dict[str, str]]] = {
    "fullscreen": (
        "leaflet.fullscreen",
        {"Control.Fullscreen.js": "Control.FullScreen.js", "Control.FullScreen.css": "Control.FullScreen.css"},
    ),
}


class OfflineAssetError(ValueError):
    """A map element needs a file that is not served from this machine."""


def leaflet_dir() -> Path:
    """The directory holding ``leaflet.js``, ``leaflet.css`` and ``images/`` (xstatic-leaflet).

    Raises :class:`OfflineAssetError` when the package is missing, incomplete, or ships
    another Leaflet than the one folium's templates are written for.
    """
    try:
        from xstatic.pkg import leaflet
    except ImportError as err:  # pragma: no cover - requirements.txt pins it
        raise OfflineAssetError(
            "expected the Python package xstatic-leaflet (Leaflet's files), got none installed; "
            "fix: python -m pip install -r requirements.txt"
        ) from err
    root = Path(leaflet.BASE_DIR)
    if not str(leaflet.VERSION).startswith(LEAFLET_VERSION):
        raise OfflineAssetError(
            f"expected Leaflet {LEAFLET_VERSION} from xstatic-leaflet (the version folium uses), "
            f"got {leaflet.VERSION}; fix: install the version pinned in requirements.txt"
        )
    missing = [name for name in (LEAFLET_JS, LEAFLET_CSS, "images/layers.png") if not (root / name).is_file()]
    if missing:
        raise OfflineAssetError(f"expected {', '.join(missing)} in {root}, got no such file; reinstall xstatic-leaflet")
    return root


def plugin_dir(name: str) -> Path:
    """The directory holding plugin ``name``'s files (a key of :data:`PLUGINS`)."""
    folder, files = PLUGINS[name]
    root = STATIC_DIR / folder
    missing = [file for file in files.values() if not (root / file).is_file()]
    if missing:
        raise OfflineAssetError(f"expected {', '.join(missing)} in {root}, got no such file; restore it from git")
    return root


def _plugin_of(element: Element) -> str | None:
    if isinstance(element, folium.plugins.Fullscreen):
        return "fullscreen"
    return None


def is_remote(url: str) -> bool:
    return url.strip().lower().startswith(_REMOTE_PREFIXES)


def walk(element: Element) -> Iterator[Element]:
    """The element and everything below it, depth first (as streamlit-folium walks a map).

    NOTE: also the template marker of a ``GeoJson(marker=...)``, which is not a child but
    is drawn for every point (an ``Icon`` there needs awesome-markers too).
    """
    yield element
    marker = getattr(element, "marker", None)
    if isinstance(marker, Element):
        yield from walk(marker)
    for child in getattr(element, "_children", {}).values():
        yield from walk(child)


def _describe(element: Element) -> str:
    return f"{type(element).__name__} {element.get_name()!r}"


def _refuse_unsupported(element: Element) -> None:
    """Raise for elements whose templates need the libraries the offline map drops."""
    if isinstance(element, folium.Icon):
        raise OfflineAssetError(
            f"{_describe(element)} needs Leaflet.awesome-markers, Bootstrap and Font Awesome from a CDN, "
            "which the offline map does not load; use folium.CircleMarker or folium.DivIcon instead"
        )
    if isinstance(element, folium.Popup):
        raise OfflineAssetError(
            f"{_describe(element)} needs jQuery from a CDN, which the offline map does not load; "
            "use folium.GeoJsonPopup or a tooltip instead"
        )
    if isinstance(element, folium.Map) and getattr(element, "objects_to_stay_in_front", None):
        raise OfflineAssetError(
            f"{_describe(element)}.keep_in_front needs jQuery from a CDN, which the offline map does not "
            "load; order the layers by adding them in the wanted order instead"
        )
    if isinstance(element, branca.colormap.ColorMap):
        raise OfflineAssetError(
            f"{_describe(element)}: streamlit-folium loads d3 from a CDN for any colormap; "
            "draw the legend with layers.MapLegend instead"
        )


def _local_links(
    element: Element,
    declared: list[tuple[str, str]],
    dropped: frozenset[str],
    local: dict[str, str],
    kind: str,
) -> list[tuple[str, str]]:
    """``declared`` with the map's unused links dropped and Leaflet's pointed at ``local``."""
    is_map = isinstance(element, folium.Map)
    kept = []
    for name, url in declared:
        if is_map and name in dropped:
            continue
        if is_map and name in local:
            url = local[name]
        if is_remote(url):
            raise OfflineAssetError(
                f"{_describe(element)} declares {kind} {name!r} at {url}, expected a file served by the app; "
                f"serve it locally (element.add_{kind}_link({name!r}, <local url>)) or leave the element out"
            )
        kept.append((name, url))
    return kept


def use_local_assets(*elements: Element, base_url: str, plugin_urls: dict[str, str] | None = None) -> None:
    """Rewrite the JS/CSS declarations of ``elements`` and everything in them, in place.

    Parameters
    ----------
    elements
        The ``folium.Map`` and any feature groups that will be added to it later (for
        example through streamlit-folium's ``feature_group_to_add``).
    base_url
        Where the app serves :func:`leaflet_dir`, ending in ``/``: absolute
        (``/static/leaflet/``) or relative to the page that shows the map.
    plugin_urls
        Where the app serves each plugin's :func:`plugin_dir` (``{"fullscreen": ".../"}``);
        a plugin without one is refused.

    Raises
    ------
    OfflineAssetError
        An element needs a remote file: a folium plugin, an ``Icon``, a ``Popup``,
        ``keep_in_front`` or a colormap.

    NOTE: declarations are set on the instances (``element.default_js = [...]``), never on
    the classes, so other maps in the same process keep folium's defaults.
    """
    plugin_urls = plugin_urls or {}
    for url in (base_url, *plugin_urls.values()):
        if not url.endswith("/"):
            raise OfflineAssetError(f"expected base_url to end with '/', got {url!r}")
    for root in elements:
        for element in walk(root):
            _refuse_unsupported(element)
            if not isinstance(element, folium.elements.JSCSSMixin):
                continue
            plugin = _plugin_of(element)
            if plugin is not None and plugin in plugin_urls:
                files = PLUGINS[plugin][1]
                element.default_js = [(n, plugin_urls[plugin] + files.get(n, n)) for n, _ in element.default_js]
                element.default_css = [(n, plugin_urls[plugin] + files.get(n, n)) for n, _ in element.default_css]
                continue
            element.default_js = _local_links(
                element, list(element.default_js), DROPPED_JS, {"leaflet": base_url + LEAFLET_JS}, "js"
            )
            element.default_css = _local_links(
                element, list(element.default_css), DROPPED_CSS, {"leaflet_css": base_url + LEAFLET_CSS}, "css"
            )


def asset_links(*elements: Element) -> tuple[list[str], list[str]]:
    """The (js, css) URLs streamlit-folium would load for ``elements``, in its order."""
    js: list[str] = []
    css: list[str] = []
    for root in elements:
        for element in walk(root):
            if isinstance(element, folium.elements.JSCSSMixin):
                js.extend(url for _, url in element.default_js)
                css.extend(url for _, url in element.default_css)
    return list(dict.fromkeys(js)), list(dict.fromkeys(css))


class TileNotice(MacroElement):
    """A small control on the map, shown on the first ``tileerror`` of a tile layer.

    The message is inserted as JSON (``tojson`` escapes ``<``, ``>``, ``&`` and quotes) and
    shown with ``textContent``, so it cannot break out of the script or inject markup.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
            var map = {{ this._parent.get_name() }};
            var tiles = {{ this.tile_layer.get_name() }};
            var shown = false;
            var Notice = L.Control.extend({
                options: { position: "bottomleft" },
                onAdd: function () {
                    var div = L.DomUtil.create("div", "leaflet-control sc-tile-notice");
                    div.setAttribute("role", "status");
                    div.style.cssText = "background:rgba(255,255,255,.92);padding:4px 8px;border-radius:4px;"
                        + "font-size:12px;color:#1B2733;box-shadow:0 1px 4px rgba(0,0,0,.25)";
                    div.textContent = {{ this.message|tojson }};
                    return div;
                }
            });
            tiles.on("tileerror", function () {
                if (shown) { return; }
                shown = true;
                new Notice().addTo(map);
            });
        })();
        {% endmacro %}
        """
    )

    def __init__(self, tile_layer: folium.TileLayer, message: str) -> None:
        super().__init__()
        self._name = "TileNotice"
        self.tile_layer = tile_layer
        self.message = str(message)


def tile_notice(m: folium.Map, tile_layer: folium.TileLayer, message: str) -> TileNotice:
    """Add a :class:`TileNotice` for ``tile_layer`` to ``m`` (after the tile layer)."""
    notice = TileNotice(tile_layer, message)
    notice.add_to(m)
    return notice
