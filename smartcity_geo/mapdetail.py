"""A province's finer villages, fetched per kab/kota when the map is zoomed past its lightest band.

The province view draws the lightest zoom band (250 m, about 4 MB for Jawa Timur): right at
zoom 8, coarse at 10. The pack's finer band (20 m, every village within 2 % of its full-detail
area) is 19 MB for the whole province, too much for a first load. So it is cut per kab/kota
(:func:`kabkota_detail`, once per data version; about 0.5 MB each, Lamongan's 474 desa the
largest), written as content-named files beside Leaflet (``ui.loaders``), and
:class:`VillageDetail` fetches the files of the kab/kota in view when the map is zoomed past
the lightest band, then puts the finer rings into the polygons already drawn: the base map's,
every overlay's (choropleth, selection) and the kab/kota outline. Styles, tooltips and
clicks stay as they were; only the geometry changes. A file that cannot be fetched leaves the
lighter band in place and is tried again on the next move.

Both bands are simplified from one cleaned coverage (:mod:`smartcity_geo.regions.bands`), so
neighbouring kab/kota that are both fetched share their border exactly; a fetched kab/kota
beside one not yet fetched can differ along their common border by the lighter band's
tolerance until that one comes into view.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import shapely
from branca.element import MacroElement
from jinja2 import Template
from shapely.geometry import shape

from .geometry import compact_json
from .levels import sealed_band

SETTLE_MS = 300  # a view held this long is fetched for (a zoom or pan through it is not)


@dataclass(frozen=True)
class KabDetail:
    """One kab/kota's finer band: its code, lon/lat bounds and the file's JSON text."""

    code: str
    bounds: tuple[float, float, float, float]  # minx, miny, maxx, maxy (lon/lat)
    text: str  # {"villages": {kode: geometry}, "outline": geometry}


@dataclass(frozen=True)
class Detail:
    """What the map fetches past the lightest band: from ``min_zoom`` on, one file per kab/kota."""

    min_zoom: int
    kabkota: tuple[KabDetail, ...]


def kabkota_detail(root: Path) -> Detail | None:
    """The finest zoom band of a province pack cut per kab/kota (None: the pack has only one band).

    A band file that fails its seal is one clear message (:class:`DataPackError` ``band``),
    as for the lightest band (:func:`smartcity_geo.levels.sealed_band`).
    """
    entries, _finest, villages, outlines = sealed_band(root, finest=True)
    if len(entries) < 2:
        return None
    groups: dict[str, dict[str, dict]] = defaultdict(dict)
    for feature in villages["features"]:
        kode = feature["properties"]["kode"]
        groups[kode[:5]][kode] = feature["geometry"]
    made = []
    for feature in outlines["features"]:
        code = feature["properties"]["kode"]
        outline = feature["geometry"]
        bounds = tuple(float(v) for v in shapely.bounds(shape(outline)))
        made.append(KabDetail(code, bounds, compact_json({"villages": groups.get(code, {}), "outline": outline})))
    return Detail(int(entries[0]["max_zoom"]) + 1, tuple(made))


class VillageDetail(MacroElement):
    """Fetch the finer villages of the kab/kota in view once the map is past ``min_zoom`` - 1.

    ``files`` lists ``(code, (minx, miny, maxx, maxy), url)``; ``outline`` is the layer of
    kab/kota outlines (features carry ``kode``). The polygons to refine are the base map's
    (``window.scKelurahan``) and every overlay drawn on them (``window.scVillageLayers``, which
    :class:`~smartcity_geo.mapelements.KelurahanOverlay` fills). The map's container says which
    kab/kota are refined (``data-sc-detail``: codes, space-separated).
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
            var map = {{ this._parent.get_name() }};
            var outline = {{ this.outline.get_name() }};
            var files = {{ this.files_json }};
            var minZoom = {{ this.min_zoom|tojson }};
            var state = {};
            function rings(g) {
                return L.GeoJSON.coordsToLatLngs(g.coordinates, g.type === "Polygon" ? 1 : 2);
            }
            function refine(layer, geoms) {
                layer.eachLayer(function (l) {
                    var f = l.feature;
                    var g = f && f.properties && geoms[f.properties.kode];
                    if (g && l.setLatLngs) { f.geometry = g; l.setLatLngs(rings(g)); }
                });
            }
            function apply(code, detail) {
                if (window.scKelurahan) { refine(window.scKelurahan, detail.villages); }
                (window.scVillageLayers || []).forEach(function (l) { if (l._map) { refine(l, detail.villages); } });
                var own = {};
                own[code] = detail.outline;
                refine(outline, own);
                state[code] = "done";
                var done = Object.keys(state).filter(function (k) { return state[k] === "done"; }).sort();
                map.getContainer().setAttribute("data-sc-detail", done.join(" "));
            }
            function check() {
                if (map.getZoom() < minZoom) { return; }
                var view = map.getBounds();
                files.forEach(function (file) {
                    var code = file[0], b = file[1];
                    if (state[code] || !view.intersects(L.latLngBounds([b[1], b[0]], [b[3], b[2]]))) { return; }
                    state[code] = "loading";
                    fetch(file[2])
                        .then(function (r) { if (!r.ok) { throw new Error(String(r.status)); } return r.json(); })
                        .then(function (d) { apply(code, d); })
                        .catch(function () { delete state[code]; });
                });
            }
            // once the view has settled (the first view is passing: the map is then fitted to
            // the region and to the legend's room), never for a view only moved through
            var timer = null;
            function soon() { clearTimeout(timer); timer = setTimeout(check, {{ this.settle_ms|tojson }}); }
            map.on("moveend", soon);
            soon();
        })();
        {% endmacro %}
        """
    )

    def __init__(self, outline, files, *, min_zoom: int):
        super().__init__()
        self._name = "VillageDetail"
        self.outline = outline
        self.files_json = compact_json([[code, list(bounds), url] for code, bounds, url in files])
        self.min_zoom = int(min_zoom)
        self.settle_ms = SETTLE_MS
