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
                    if (!rows) { return; }
                    l.bindTooltip(function () {
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
                    }, {sticky: true});
                }
            });
            group.addLayer(layer);
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
    """Publish the base map's kelurahan layer as ``window.scKelurahan`` for the overlays."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        window.scKelurahan = {{ this.layer.get_name() }};
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
                    title.textContent = data.title;
                    title.setAttribute("aria-expanded", "true");
                    div.appendChild(title);
                    var body = document.createElement("div");
                    body.className = "sc-legend-body";
                    div.appendChild(body);
                    title.addEventListener("click", function () {
                        var open = body.style.display === "none";
                        body.style.display = open ? "" : "none";
                        title.setAttribute("aria-expanded", open ? "true" : "false");
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
            if (window.scSettle) { window.scSettle(); }
        })();
        {% endmacro %}
        """
    )

    def __init__(self):
        super().__init__()
        self._name = "FocusTarget"


class LegendAwareView(MacroElement):
    """Keep what the view is about (:class:`FocusTarget`) out from under the on-map legend.

    The server fits the view to the selection for a map it cannot measure. In the browser,
    when the legend would cover part of that, the view is fitted again to the space left of
    the legend: never closer than the server's zoom (its cap for the data's precision), and
    only for a map wide enough to spare the room (else the legend folds with its title).

    NOTE: it wraps the map's ``setView`` and acts only on calls with exactly two arguments:
    the map component's, bringing the server's view. Leaflet's own calls (zoom buttons, pans,
    ``fitBounds``) always pass their options argument and are left alone. The view is fitted
    again two frames later, when the legend has its place on the page (on the first draw it
    has not), and when the map changes size or the legend folds (``window.scRefit``). The
    server's view is set without animation: a zoom still animating would end on it, after
    the fit (the base map's first ``fitBounds`` is not animated either).
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
            var map = {{ this._parent.get_name() }};
            if (map.scPlainSetView) { return; }
            var plain = map.setView;
            map.scPlainSetView = plain;
            function box(el) {
                var outer = map.getContainer().getBoundingClientRect(), r = el.getBoundingClientRect();
                return {left: r.left - outer.left, top: r.top - outer.top, right: r.right - outer.left, bottom: r.bottom - outer.top};
            }
            function covered(target, center, zoom, legend) {
                var size = map.getSize();
                var origin = map.project(center, zoom).subtract(size.divideBy(2));
                var nw = map.project(target.getNorthWest(), zoom).subtract(origin);
                var se = map.project(target.getSouthEast(), zoom).subtract(origin);
                var l = box(legend);
                return se.x > l.left && nw.x < l.right && se.y > l.top && nw.y < l.bottom;
            }
            function clear(center, zoom) {
                var legend = map.getContainer().querySelector(".sc-legend");
                var target = window.scFocus ? window.scFocus() : null;
                map.scPending = !legend || !legend.offsetWidth || !target || !target.isValid();
                if (map.scPending) { return null; }  // drawn in a moment: scSettle() fits again then
                center = L.latLng(center);
                if (!covered(target, center, zoom, legend)) { return null; }
                var size = map.getSize();
                var room = size.x - box(legend).left;  // the legend and its margin, from the right edge
                if (size.x - room < size.x * {{ this.min_share }}) { return null; }
                var margin = {{ this.margin }};
                var fit = map.getBoundsZoom(target, false, L.point(room + 2 * margin, 2 * margin));
                var z = Math.min(zoom, fit);
                var middle = map.project(target.getCenter(), z).add([room / 2, 0]);
                return [map.unproject(middle, z), z];
            }
            function fitNow() {
                map.scFrame = null;
                var server = map.scServerView;
                var view = server ? clear(server[0], server[1]) : null;
                if (view) { plain.call(map, view[0], view[1], {animate: false}); }
            }
            function fitSoon() {  // once the legend and the map have their final size on the page
                if (map.scFrame) { cancelAnimationFrame(map.scFrame); }
                map.scFrame = requestAnimationFrame(function () { map.scFrame = requestAnimationFrame(fitNow); });
            }
            map.setView = function (center, zoom, options) {
                if (arguments.length !== 2) { return plain.apply(map, arguments); }
                map.scServerView = [center, zoom];  // the map component: the server's view
                // NOTE: without animation: a zoom still animating towards the server's view
                // would end there, after the fit below.
                var view = clear(center, zoom) || [center, zoom];
                plain.call(map, view[0], view[1], {animate: false});
                fitSoon();  // again once laid out: on the first draw the legend is not placed yet
                return map;
            };
            map.on("resize", function () { if (map.scServerView) { fitSoon(); } });
            window.scRefit = function () {
                var server = map.scServerView;
                if (server) { plain.call(map, server[0], server[1], {animate: false}); fitSoon(); }
            };
            // The layers (with the legend) and the selection may be drawn after the view is set:
            // they call this, and the view is fitted again if it had to wait for them.
            window.scSettle = function () {
                if (map.scPending) { fitSoon(); }
            };
        })();
        {% endmacro %}
        """
    )

    def __init__(self, *, min_share: float = 0.45, margin: int = 16):
        super().__init__()
        self._name = "LegendAwareView"
        self.min_share = float(min_share)
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
LABEL_FONT_PX = 12
LABEL_FONT_PX_LARGE = 18


class KelurahanLabels(MacroElement):
    """Kelurahan names on the map, each shown only at zooms where it fits inside its polygon.

    Text is set with ``textContent``; the labels do not catch the mouse. In presentation mode
    (the map carries the class ``sc-large-labels``, set by :class:`MapLegend` with ``large``)
    they are set at :data:`LABEL_FONT_PX_LARGE`; a larger name needs more room, so fewer show
    at a given zoom.
    """

    _template = Template(
        """
        {% macro header(this, kwargs) %}
        <style>
        .sc-label-icon { background: none; border: 0; }
        .sc-label { display: inline-block; transform: translate(-50%, -50%); white-space: nowrap;
          font: 600 {{ this.sizes.normal.font_px }}px/1.1 system-ui, sans-serif; color: #111827; pointer-events: none;
          margin-top: 10px; text-shadow: 0 0 3px #fff, 0 0 3px #fff, 0 0 2px #fff; }
        .sc-large-labels .sc-label { font-size: {{ this.sizes.large.font_px }}px; }
        </style>
        {% endmacro %}
        {% macro script(this, kwargs) %}
        (function () {
            var map = {{ this._parent.get_name() }};
            var labels = {{ this.labels_json }};
            var group = L.layerGroup().addTo(map);
            var markers = labels.map(function (d) {
                var el = document.createElement("span");
                el.className = "sc-label";
                el.textContent = d[2];
                var marker = L.marker([d[0], d[1]], {
                    icon: L.divIcon({html: el, className: "sc-label-icon", iconSize: null}),
                    interactive: false, keyboard: false
                });
                marker.scLabel = d;
                return marker;
            });
            var sizes = {{ this.sizes_json }};
            function update() {
                // presentation mode: the layers' legend puts "sc-large-labels" on the map (see MapLegend)
                var size = sizes[map.getContainer().classList.contains("sc-large-labels") ? "large" : "normal"];
                markers.forEach(function (m) {
                    var d = m.scLabel;
                    var a = map.latLngToContainerPoint([d[4], d[3]]);
                    var b = map.latLngToContainerPoint([d[6], d[5]]);
                    var fits = Math.abs(b.x - a.x) * 0.7 >= d[2].length * size.char_px + 6
                && Math.abs(b.y - a.y) * 0.5 >= size.line_px;
                    if (fits && !group.hasLayer(m)) { group.addLayer(m); }
                    if (!fits && group.hasLayer(m)) { group.removeLayer(m); }
                });
            }
            map.on("zoomend sclabels", update);
            map.whenReady(update);
        })();
        {% endmacro %}
        """
    )

    def __init__(self, labels: list[list]):
        super().__init__()
        self._name = "KelurahanLabels"
        self.labels = labels
        self.labels_json = compact_json(labels)
        # Both sizes are in the base map, so toggling presentation mode changes no base-map script
        # (a changed script would make a new map component beside the old one).
        self.sizes = {"normal": _label_size(LABEL_FONT_PX), "large": _label_size(LABEL_FONT_PX_LARGE)}
        self.sizes_json = compact_json(self.sizes)


def _label_size(font_px: int) -> dict[str, float]:
    """Font size of a label and the room it needs: average character width and line height (px)."""
    return {"font_px": font_px, "char_px": round(font_px * 0.58, 1), "line_px": round(font_px * 1.17)}
