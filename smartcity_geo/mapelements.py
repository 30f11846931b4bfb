"""Leaflet elements of our own, for the map (folium/branca ``MacroElement``s).

Each writes a small script; text from data reaches the browser only as JSON
(:func:`geometry.compact_json`) and is shown with ``textContent``, never as HTML:

- :class:`SharedKelurahan` publishes the base map's kelurahan layer for the overlays;
- :class:`KelurahanOverlay` draws on those polygons from values per kelurahan code;
- :class:`MapLegend` is the legend control on the map;
- :class:`FocusTarget` and :class:`LegendAwareView` keep the selection out from under the legend;
- :class:`KelurahanLabels` shows kelurahan names where they fit;
- :class:`MetricScale` is Leaflet's scale bar in metres.

NOTE: over the house's 450 lines on purpose, for now: one class per element, each a script
template and its few options; the meeting-room map work (issue 18) is changing these elements
in parallel, so the split into per-element modules waits until it has landed.
"""

from __future__ import annotations

import re

import folium
from branca.element import MacroElement
from jinja2 import Template

from .geometry import compact_json
from .labels import FONT_CSS, FRAME_MARGIN_PX, wire_table

_HEX = re.compile(r"#[0-9A-Fa-f]{6}")


class KelurahanOverlay(MacroElement):
    """A layer drawn on the base map's kelurahan polygons (sent once): only values travel.

    ``values`` maps a kelurahan code to ``{"s": leaflet style, "tip": [[label, text], ...]}``;
    the tooltip is built with ``textContent`` (text from data is never HTML). With ``pane``
    the polygons go into that map pane (the choropleth's sits under every outline).
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
            var group = {{ this._parent.get_name() }};
            var base = window.scKelurahan;
            if (!base) { return; }
            var values = {{ this.values_json }};
            var map = base._map;
            {% if this.pane %}
            if (map && !map.getPane({{ this.pane|tojson }})) {
                var pane = map.createPane({{ this.pane|tojson }});
                pane.style.zIndex = 350;
            }
            {% endif %}
            var layer = L.geoJson(base.toGeoJSON(), {
                {% if this.pane %}pane: {{ this.pane|tojson }},{% endif %}
                interactive: {{ this.interactive|tojson }},
                filter: function (f) { return Object.prototype.hasOwnProperty.call(values, f.properties.kode); },
                style: function (f) { return values[f.properties.kode].s; },
                onEachFeature: function (f, l) {
                    var rows = values[f.properties.kode].tip;
                    if (rows) { l.bindTooltip(window.scTip(rows), {sticky: true}); }
                }
            });
            group.addLayer(layer);
            window.scOverlay(layer);
            {% if this.hide_base_fill %}
            // The base polygons keep their outlines and tooltips but lose their fill while
            // this layer is on (also after a hover, which re-applies options.style).
            var own = base.options.style;
            function clear(f) { var s = L.Util.extend({}, own(f)); s.fillOpacity = 0; return s; }
            group.on("add", function () { base.options.style = clear; base.setStyle(clear); });
            group.on("remove", function () { base.options.style = own; base.setStyle(own); });
            {% endif %}
        })();
        {% endmacro %}
        """
    )

    def __init__(self, values: dict, *, interactive: bool = True, pane: str = "", hide_base_fill: bool = False):
        super().__init__()
        self._name = "KelurahanOverlay"
        self.values = values
        self.values_json = compact_json(values)
        self.interactive = interactive
        self.pane = pane
        self.hide_base_fill = hide_base_fill


class SharedKelurahan(MacroElement):
    """Publish the base map's kelurahan layer as ``window.scKelurahan`` for the overlays, and
    what every overlay calls (sent once with the base map, not with each run's selection):
    ``scTip`` (a tooltip from rows of text) and ``scOverlay`` (the overlay listed for refining)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        window.scKelurahan = {{ this.layer.get_name() }};
        // once drawn (SVG or canvas), the map says how many villages it drew: data-sc-drawn
        L.Util.requestAnimFrame(function () {
            var base = window.scKelurahan, drawn = 0;
            if (!base._map) { return; }
            base.eachLayer(function (l) { if (l._map) { drawn += 1; } });
            base._map.getContainer().setAttribute("data-sc-drawn", String(drawn));
        });
        // an overlay's tooltip: its rows [label, text] as text nodes (never HTML)
        window.scTip = function (rows) {
            return function () {
                var box = document.createElement("div");
                rows.forEach(function (row) {
                    var line = document.createElement("div");
                    if (row[0]) {
                        var b = document.createElement("b");
                        b.textContent = row[0] + ": ";
                        line.appendChild(b);
                    }
                    line.appendChild(document.createTextNode(row[1]));
                    box.appendChild(line);
                });
                return box;
            };
        };
        // the overlays on the map, refined with the base when a province's finer villages
        // arrive (mapdetail.VillageDetail); those no longer on the map are dropped
        window.scOverlay = function (layer) {
            window.scVillageLayers = (window.scVillageLayers || []).filter(function (l) { return l._map; });
            window.scVillageLayers.push(layer);
        };
        {% endmacro %}
        """
    )

    def __init__(self, layer: folium.GeoJson):
        super().__init__()
        self._name = "SharedKelurahan"
        self.layer = layer


LEGEND_CSS = """
.sc-legend { background: rgba(255,255,255,.96); padding: 6px 10px 8px; border-radius: 6px;
  box-shadow: 0 1px 5px rgba(0,0,0,.3); font: 13px/1.35 system-ui, sans-serif; color: #1B2733;
  max-width: 290px; max-height: calc(100vh - 90px); overflow-y: auto; }
.sc-legend.sc-large { font-size: 18px; max-width: 380px; }
.sc-legend button.sc-legend-title { font: inherit; font-weight: 700; background: none; border: 0;
  padding: 0 0 2px; cursor: pointer; color: #1B2733; }
.sc-legend .sc-sec { margin-top: 6px; }
.sc-legend .sc-sec-title { font-weight: 600; }
.sc-legend .sc-item { display: flex; gap: 6px; align-items: center; white-space: normal; }
.sc-legend .sc-item svg { flex: none; }
.sc-legend .sc-status { display: inline-block; border-radius: 999px; padding: 0 7px; font-size: .9em;
  font-weight: 600; margin-left: 6px; white-space: nowrap; }
.sc-legend .sc-note { font-style: italic; color: #374151; }
"""


class MapLegend(MacroElement):
    """A legend control on the map: every symbol and colour with its text and status word.

    Built from data with ``textContent`` (no markup from data); wraps instead of
    truncating, scrolls when taller than the map, and folds with its title button.
    Shown while its feature group is on the map.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
            var group = {{ this._parent.get_name() }};
            var data = {{ this.data_json }};
            // The legend travels with the layers (not in the map's header), so it brings its own style.
            if (!document.getElementById("sc-legend-css")) {
                var css = document.createElement("style");
                css.id = "sc-legend-css";
                css.textContent = {{ this.css|tojson }};
                document.head.appendChild(css);
            }
            var NS = "http://www.w3.org/2000/svg";
            function swatch(shape, color) {
                var svg = document.createElementNS(NS, "svg");
                svg.setAttribute("width", "20"); svg.setAttribute("height", "16");
                svg.setAttribute("aria-hidden", "true");
                var el;
                if (shape === "line" || shape === "dash") {
                    el = document.createElementNS(NS, "line");
                    el.setAttribute("x1", "1"); el.setAttribute("y1", "8"); el.setAttribute("x2", "19"); el.setAttribute("y2", "8");
                    el.setAttribute("stroke", color); el.setAttribute("stroke-width", "3");
                    if (shape === "dash") { el.setAttribute("stroke-dasharray", "4 3"); }
                } else if (shape === "fill") {
                    el = document.createElementNS(NS, "rect");
                    el.setAttribute("x", "1"); el.setAttribute("y", "2"); el.setAttribute("width", "18"); el.setAttribute("height", "12");
                    el.setAttribute("fill", color); el.setAttribute("fill-opacity", "0.75");
                    el.setAttribute("stroke", color); el.setAttribute("stroke-width", "1");
                } else {
                    el = document.createElementNS(NS, "circle");
                    el.setAttribute("cx", "10"); el.setAttribute("cy", "8"); el.setAttribute("r", "5.5");
                    el.setAttribute("stroke", color);
                    if (shape === "dot") { el.setAttribute("fill", color); el.setAttribute("stroke", "#FFFFFF"); el.setAttribute("stroke-width", "1"); }
                    else { el.setAttribute("fill", "#FFFFFF"); el.setAttribute("stroke-width", "2.5"); }
                    if (shape === "dashed_ring") { el.setAttribute("stroke-dasharray", "4 3"); }
                    if (shape === "dotted_ring") { el.setAttribute("stroke-dasharray", "1 3"); el.setAttribute("stroke-linecap", "round"); }
                }
                svg.appendChild(el);
                return svg;
            }
            var Legend = L.Control.extend({
                options: { position: "bottomright" },
                onAdd: function (map) {
                    // presentation mode travels with the layers: the kelurahan names follow it
                    map.getContainer().classList.toggle("sc-large-labels", !!data.large);
                    map.fire("sclabels");
                    var div = L.DomUtil.create("div", "leaflet-control sc-legend" + (data.large ? " sc-large" : ""));
                    div.setAttribute("role", "region");
                    div.setAttribute("aria-label", data.title);
                    L.DomEvent.disableClickPropagation(div);
                    L.DomEvent.disableScrollPropagation(div);
                    var title = document.createElement("button");
                    title.className = "sc-legend-title";
                    title.type = "button";
                    div.appendChild(title);
                    var body = document.createElement("div");
                    body.className = "sc-legend-body";
                    div.appendChild(body);
                    function show(open) {  // presentation mode starts folded: a one-line key, a click unfolds it
                        body.style.display = open ? "" : "none";
                        title.setAttribute("aria-expanded", open ? "true" : "false");
                        title.textContent = (open ? "\u25be " : "\u25b8 ") + data.title;
                    }
                    show(!data.large);
                    title.addEventListener("click", function () {
                        show(body.style.display === "none");
                        if (window.scRefit) { window.scRefit(); }  // the view makes room, or takes it back
                    });
                    data.sections.forEach(function (sec) {
                        var box = document.createElement("div");
                        box.className = "sc-sec";
                        var head = document.createElement("div");
                        head.className = "sc-sec-title";
                        head.textContent = sec.title;
                        if (sec.status) {
                            var pill = document.createElement("span");
                            pill.className = "sc-status";
                            pill.textContent = sec.status;
                            pill.style.background = sec.status_bg;
                            pill.style.color = sec.status_fg;
                            head.appendChild(pill);
                        }
                        box.appendChild(head);
                        sec.items.forEach(function (item) {
                            var row = document.createElement("div");
                            row.className = "sc-item";
                            row.appendChild(swatch(item[2], item[1]));
                            var text = document.createElement("span");
                            text.textContent = item[0];
                            row.appendChild(text);
                            box.appendChild(row);
                        });
                        if (sec.note) {
                            var note = document.createElement("div");
                            note.className = "sc-note";
                            note.textContent = sec.note;
                            box.appendChild(note);
                        }
                        body.appendChild(box);
                    });
                    return div;
                }
            });
            var control = new Legend();
            group.on("add", function () { control.addTo(this._map); });
            group.on("remove", function () { control.remove(); });
        })();
        {% endmacro %}
        """
    )

    def __init__(self, title: str, sections: list[dict], *, large: bool = False):
        super().__init__()
        self._name = "MapLegend"
        self.css = LEGEND_CSS
        for section in sections:
            for _label, color, _shape in section["items"]:
                if not _HEX.fullmatch(color):
                    raise ValueError(f"legend colour must be #RRGGBB, got {color!r}")
        self.data = {"title": title, "sections": sections, "large": large}
        self.data_json = compact_json(self.data)


class FocusTarget(MacroElement):
    """Publish what the view is about: the bounds of its group's layers (the selection), else the city.

    Sets ``window.scFocus`` to a function giving those bounds; :class:`LegendAwareView` reads it.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
            var group = {{ this._parent.get_name() }};
            window.scFocus = function () {
                var bounds = null;
                group.eachLayer(function (layer) {
                    var b = layer.getBounds ? layer.getBounds() : null;
                    if (b && b.isValid()) { bounds = bounds ? bounds.extend(b) : L.latLngBounds(b.getSouthWest(), b.getNorthEast()); }
                });
                return bounds || (window.scKelurahan ? window.scKelurahan.getBounds() : null);
            };
            window.scSelected = function () {  // the selected codes, for the names (always drawn)
                var codes = [];
                group.eachLayer(function (layer) {
                    if (layer.eachLayer) { layer.eachLayer(function (f) { if (f.feature) { codes.push(f.feature.properties.kode); } }); }
                });
                return codes;
            };
            if (window.scNamesUpdate) { window.scNamesUpdate(); }
            if (window.scSettle) { window.scSettle(); }
        })();
        {% endmacro %}
        """
    )

    def __init__(self):
        super().__init__()
        self._name = "FocusTarget"


class LegendAwareView(MacroElement):
    """Fit what the view is about (:class:`FocusTarget`) to the room the on-map legend leaves.

    The server sets a view for a map it cannot measure. In the browser the view is fitted
    again to the map's real size, beside the legend (left of it, or above it when that
    leaves more room), zooming in as well as out (fractional zoom, the map's ``zoomSnap``),
    never closer than ``window.scMaxZoom`` (the shown data's precision, published with the
    layers by :class:`KelurahanNames`) and keeping ``margin`` px around it for the names
    placed beside the city (:data:`smartcity_geo.labels.FRAME_MARGIN_PX`).

    NOTE: it wraps the map's ``setView`` and acts only on calls with exactly two arguments:
    the map component's, bringing the server's view. Leaflet's own calls (zoom buttons, pans,
    ``fitBounds``) always pass their options argument and are left alone. The view is fitted
    again two frames later, when the legend has its place on the page (on the first draw it
    has not), and when the map changes size or the legend folds (``window.scRefit``). Views
    are set without animation: a zoom still animating would end after the fit.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
            var map = {{ this._parent.get_name() }};
            if (map.scPlainSetView) { return; }
            var plain = map.setView;
            map.scPlainSetView = plain;
            // The map fills its frame, whose height the page sets (ui.chrome's CSS), and follows
            // it: Leaflet measures its size once, so a change is told with invalidateSize.
            var el = map.getContainer();
            el.style.setProperty("height", "100vh", "important");
            if (window.ResizeObserver) {
                new ResizeObserver(function () { map.invalidateSize({pan: false}); }).observe(el);
            }
            map.invalidateSize({pan: false});
            var margin = {{ this.margin }};
            function box(el) {
                var outer = map.getContainer().getBoundingClientRect(), r = el.getBoundingClientRect();
                return {left: r.left - outer.left, top: r.top - outer.top, right: r.right - outer.left, bottom: r.bottom - outer.top};
            }
            function fitIn(target, rect, cap) {  // the target centred in rect ([x0, y0, x1, y1], px)
                var size = map.getSize();
                var w = rect[2] - rect[0], h = rect[3] - rect[1];
                if (w < 4 * margin || h < 4 * margin) { return null; }
                var z = map.getBoundsZoom(target, false, L.point(size.x - w + 2 * margin, size.y - h + 2 * margin));
                if (cap !== null) { z = Math.min(z, cap); }
                var offset = L.point((rect[0] + rect[2] - size.x) / 2, (rect[1] + rect[3] - size.y) / 2);
                return [map.unproject(map.project(target.getCenter(), z).subtract(offset), z), z];
            }
            function fitted(center, zoom) {
                var legend = map.getContainer().querySelector(".sc-legend");
                var target = window.scFocus ? window.scFocus() : null;
                map.scPending = !legend || !legend.offsetWidth || !target || !target.isValid();
                if (map.scPending) { return null; }  // drawn in a moment: scSettle() fits again then
                var size = map.getSize(), l = box(legend);
                var cap = typeof window.scMaxZoom === "number" ? window.scMaxZoom : null;
                var rooms = [[0, 0, l.left - 4, size.y], [0, 0, size.x, l.top - 4],
                             [l.right + 4, 0, size.x, size.y], [0, l.bottom + 4, size.x, size.y]];
                var best = null;
                rooms.forEach(function (rect) {
                    var view = fitIn(target, rect, cap);
                    if (view && (!best || view[1] > best[1])) { best = view; }
                });
                return best;
            }
            function fitNow() {
                map.scFrame = null;
                var server = map.scServerView;
                var view = server ? fitted(server[0], server[1]) : null;
                if (view) { plain.call(map, view[0], view[1], {animate: false}); }
                map.fire("scfitted");
            }
            function fitSoon() {  // once the legend and the map have their final size on the page
                if (map.scFrame) { cancelAnimationFrame(map.scFrame); }
                map.scFrame = requestAnimationFrame(function () { map.scFrame = requestAnimationFrame(fitNow); });
            }
            map.setView = function (center, zoom, options) {
                if (arguments.length !== 2) { return plain.apply(map, arguments); }
                map.scServerView = [center, zoom];  // the map component: the server's view
                var view = fitted(center, zoom) || [center, zoom];
                plain.call(map, view[0], view[1], {animate: false});
                fitSoon();  // again once laid out: on the first draw the legend is not placed yet
                return map;
            };
            map.on("resize", function () { if (map.scServerView) { fitSoon(); } });
            window.scRefit = function () { if (map.scServerView) { fitSoon(); } };
            // The layers (with the legend) and the selection may be drawn after the view is set:
            // they call this, and the view is fitted again.
            window.scSettle = function () { if (map.scServerView) { fitSoon(); } };
        })();
        {% endmacro %}
        """
    )

    def __init__(self, *, margin: int = FRAME_MARGIN_PX + 6):
        super().__init__()
        self._name = "LegendAwareView"
        self.margin = int(margin)


class MetricScale(MacroElement):
    """Leaflet's scale bar in metres only (folium's ``control_scale`` adds feet and miles)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        L.control.scale({imperial: false, position: "bottomleft"}).addTo({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )


#: Font size of the kelurahan names on the map (px): normally, and in presentation mode.
LABEL_FONT_PX = 14
LABEL_FONT_PX_LARGE = 18


class KelurahanLabels(MacroElement):
    """The renderer of the kelurahan names (in the base map); what to draw comes with the layers.

    :class:`KelurahanNames` hands it the placements :func:`smartcity_geo.labels.zoom_table`
    computed for every tenth of a zoom level; at each zoom the names of the nearest lower
    step are drawn as Leaflet markers (text set with ``textContent``, not catching the
    mouse), with their leader lines, and the names with no room are listed in a small key.
    A selected kelurahan's name is always drawn (at its anchor, when it had no place).
    """

    _template = Template(
        """
        {% macro header(this, kwargs) %}
        <style>
        .sc-label-icon { background: none; border: 0; }
        .sc-label { position: absolute; left: 0; top: 0; transform: translate(-50%, -50%); white-space: nowrap;
          font-family: {{ this.font_css }}; font-weight: 700; line-height: 1.2; color: #111827;
          pointer-events: none; text-shadow: 0 0 3px #fff, 0 0 3px #fff, 0 0 2px #fff, 0 0 1px #fff; }
        .sc-label.sc-picked { color: #0B3D91; text-decoration: underline; }
        .sc-names-key { background: rgba(255,255,255,.92); padding: 2px 8px; border-radius: 6px; max-width: min(560px, 70%);
          box-shadow: 0 1px 4px rgba(0,0,0,.3); font: 14px/1.3 system-ui, sans-serif; color: #1B2733; }
        </style>
        {% endmacro %}
        {% macro script(this, kwargs) %}
        (function () {
            var map = {{ this._parent.get_name() }};
            var group = L.layerGroup().addTo(map);
            var state = {table: null};
            var Key = L.Control.extend({
                options: { position: "bottomleft" },
                onAdd: function () {
                    var div = L.DomUtil.create("div", "leaflet-control sc-names-key");
                    div.style.display = "none";
                    return div;
                }
            });
            var key = new Key().addTo(map);
            function stepFor(table, z) {  // null further out than the first placed zoom: no room for names
                var steps = Object.keys(table.zooms).map(parseFloat).sort(function (a, b) { return a - b; });
                if (z < steps[0] - 0.05) { return null; }
                var pick = steps[0];
                steps.forEach(function (s) { if (s <= z + 1e-6) { pick = s; } });
                return pick.toFixed(1);
            }
            function label(text, latlng, font, picked) {
                var el = document.createElement("span");
                el.className = "sc-label" + (picked ? " sc-picked" : "");
                el.style.fontSize = font + "px";
                el.textContent = text;
                return L.marker(latlng, {
                    icon: L.divIcon({html: el, className: "sc-label-icon", iconSize: [0, 0]}),
                    interactive: false, keyboard: false
                });
            }
            function update() {
                var table = state.table;
                group.clearLayers();
                if (!table) { return; }
                var z = map.getZoom(), step = stepFor(table, z);
                var picked = window.scSelected ? window.scSelected() : [];
                var drawn = {};
                var h = table.font_px * 1.2;
                (step === null ? [] : table.zooms[step]).forEach(function (row) {
                    var i = row[0], anchor = L.latLng(table.anchors[i]);
                    var a = map.latLngToLayerPoint(anchor);
                    var c = a.add([row[1], row[2]]);
                    var isPicked = picked.indexOf(table.codes[i]) >= 0;
                    group.addLayer(label(table.names[i], map.layerPointToLatLng(c), table.font_px, isPicked));
                    if (row[3]) {
                        var w = table.widths[i];
                        var end = L.point(Math.min(Math.max(a.x, c.x - w / 2), c.x + w / 2),
                                          Math.min(Math.max(a.y, c.y - h / 2), c.y + h / 2));
                        group.addLayer(L.polyline([anchor, map.layerPointToLatLng(end)],
                            {color: "#111827", weight: 1.5, opacity: 0.9, interactive: false, className: "sc-leader"}));
                        group.addLayer(L.circleMarker(anchor, {radius: 2, color: "#111827", weight: 1,
                            fillColor: "#111827", fillOpacity: 1, interactive: false}));
                    }
                    drawn[i] = true;
                });
                var missing = [];
                table.names.forEach(function (name, i) {
                    if (drawn[i]) { return; }
                    if (picked.indexOf(table.codes[i]) >= 0) {  // a selected name is always drawn
                        group.addLayer(label(name, L.latLng(table.anchors[i]), table.font_px, true));
                    } else if (map.getBounds().contains(table.anchors[i])) {
                        missing.push(name);
                    }
                });
                var box = key.getContainer();  // a short key lists them; a long one would cover the map
                box.textContent = !missing.length ? "" : missing.length <= table.key_max
                    ? table.key_title + ": " + missing.join(", ") : table.zoom_hint;
                box.style.display = missing.length ? "" : "none";
            }
            function expand(table) {  // the runs back into rows per step (labels.rows_from_runs)
                var zooms = {};
                table.steps.forEach(function (s) { zooms[s] = []; });
                table.runs.slice().sort(function (a, b) { return a[0] - b[0]; }).forEach(function (r) {
                    for (var k = r[1]; k <= r[2]; k++) { zooms[table.steps[k]].push([r[0], r[3], r[4], r[5]]); }
                });
                table.zooms = zooms;
                return table;
            }
            window.scNames = function (table) {
                state.table = expand(table);
                window.scMaxZoom = table.max_zoom;
                update();
            };
            window.scNamesUpdate = update;
            map.on("zoomend moveend", update);
        })();
        {% endmacro %}
        """
    )

    def __init__(self):
        super().__init__()
        self._name = "KelurahanLabels"
        self.font_css = FONT_CSS


class KelurahanNames(MacroElement):
    """The names to draw (:func:`smartcity_geo.labels.zoom_table`), the closest honest zoom and
    the key's title: travels with the layers, drawn by the base map's :class:`KelurahanLabels`."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
            var table = {{ this.table_json }};
            if (window.scNames) { window.scNames(table); }
            if (window.scSettle) { window.scSettle(); }
        })();
        {% endmacro %}
        """
    )

    def __init__(self, table: dict, *, max_zoom: float, key_title: str, zoom_hint: str = "", key_max: int = 12):
        super().__init__()
        self._name = "KelurahanNames"
        self.table_json = compact_json(
            {
                **wire_table(table),
                "max_zoom": float(max_zoom),
                "key_title": key_title,
                "zoom_hint": zoom_hint or key_title,
                "key_max": key_max,  # more names without room than this: "zoom in" instead of a list
            }
        )
