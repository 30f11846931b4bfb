"""The folium builders of the map: base map, layers, choropleth, selection and legend.

NOTE: about 470 lines on purpose. Its one job is turning prepared map parts into folium
objects; the registry (what the layers are), the browser geometry and our own Leaflet
elements already live in their own modules, and each builder left here is a short
function per layer kind that reads best beside the others it shares styles and panes with.

What the layers are (keys, labels, legend entries, status) is data in
:mod:`smartcity_geo.registry`; what they send to the browser is prepared in
:mod:`smartcity_geo.geometry`; our own Leaflet elements (overlay on the shared kelurahan
polygons, legend, labels, scale) are in :mod:`smartcity_geo.mapelements`. Builders take
the prepared parts (the app caches them in ``ui/loaders.py``) and compute them only when
called without.

The base map (:func:`build_base_map`) holds what never changes with a click: the
kelurahan polygons (clickable, with tooltips, and shared with every layer drawn on the
kelurahan), their names as labels where they fit, the kecamatan borders, the scale and a
full-screen button. Layers, the legend and the selection travel separately
(streamlit-folium's ``feature_group_to_add``), so a click does not rebuild the map.

Drawing order with every layer on: the choropleth in its own pane under every outline,
then areas, lines, sites and hotspots (:func:`registry.drawing_order`), labels on top.
"""

from __future__ import annotations

import math

import folium
import folium.plugins

from . import labels
from .assets import tile_notice
from .choropleth import Classes
from .geometry import (
    feature_count,
    kecamatan_geojson,
    kelurahan_geojson,
    layer_parts,
    position_classes,
)
from .mapdata import MapData
from .mapdetail import VillageDetail
from .mapelements import (
    LABEL_FONT_PX,
    LABEL_FONT_PX_LARGE,
    FocusTarget,
    KelurahanLabels,
    KelurahanNames,
    KelurahanOverlay,
    LegendAwareView,
    MapLegend,
    MetricScale,
    SharedKelurahan,
)
from .registry import (
    BASE_STYLES,
    BOUNDARY_MAX_ZOOM,
    KELURAHAN_CLASS,
    LAYER_KEYS,
    POSITION_MAX_ZOOM,
    TILES,
    Basemap,
    LayerInfo,
    LegendItem,
    drawing_order,
    layer_info,
    legend_items,
    position_class,
    position_legend,
    status_word,
)
from .rules import STATUS_COLORS
from .strings import t

# --------------------------------------------------------------------------------------
# Symbols


def point_style(pclass: str, color: str, radius: float) -> dict:
    """The CircleMarker style of a point whose position is of precision class ``pclass``.

    Solid dot: sourced; hollow ring: approximate; dashed ring: placeholder; dotted ring: sample.
    """
    if pclass == "exact":
        return {"fillColor": color, "color": "#FFFFFF", "weight": 1.5, "fillOpacity": 0.95, "radius": radius}
    if pclass == "approximate":
        return {"fillColor": "#FFFFFF", "color": color, "weight": 3, "fillOpacity": 0.85, "radius": radius}
    if pclass == "sample":
        return {
            "fillColor": color,
            "color": color,
            "weight": 2.5,
            "fillOpacity": 0.2,
            "dashArray": "1 4",
            "lineCap": "round",
            "radius": radius,
        }
    return {
        "fillColor": "#FFFFFF",
        "color": color,
        "weight": 2.5,
        "fillOpacity": 0.5,
        "dashArray": "4 3",
        "radius": radius,
    }


_TIP_STYLE = "max-width: 340px; white-space: normal;"


def _tooltip(fields: list[str], aliases: list[str]) -> folium.GeoJsonTooltip:
    return folium.GeoJsonTooltip(fields=fields, aliases=aliases, sticky=True, style=_TIP_STYLE)


def _points(group: folium.FeatureGroup, geojson: dict, color: str, radius: float, fields, aliases) -> None:
    if not geojson["features"]:
        return  # an empty layer: nothing drawn; the legend says so
    folium.GeoJson(
        geojson,
        marker=folium.CircleMarker(radius=radius, fill=True),
        style_function=lambda f, c=color, r=radius: point_style(f["properties"].get("pclass", "exact"), c, r),
        tooltip=_tooltip(fields, aliases),
    ).add_to(group)


def _areas(group: folium.FeatureGroup, geojson: dict, style: dict, fields, aliases) -> None:
    if not geojson["features"]:
        return
    folium.GeoJson(geojson, style_function=lambda _f, s=style: s, tooltip=_tooltip(fields, aliases)).add_to(group)


# --------------------------------------------------------------------------------------
# Layer builders: (data, lang, parts) -> FeatureGroup


def _hotspots(kind: str):
    def build(data: MapData, lang: str, parts: dict) -> folium.FeatureGroup:
        group = folium.FeatureGroup(name=t(f"layer.hotspots_{kind}", lang))
        fields = ["name", "type", "kel", "position", "note", "status"]
        aliases = [
            "",
            t("tip.type", lang),
            t("tip.kelurahan", lang),
            t("tip.position", lang),
            t("tip.position_note", lang),
            t("tip.status", lang),
        ]
        style = layer_info(f"hotspots_{kind}").style("point")
        _points(group, parts["points"], style.color, style.radius, fields, aliases)
        return group

    return build


def _coverage(key: str):
    def build(data: MapData, lang: str, parts: dict) -> folium.FeatureGroup:
        group = folium.FeatureGroup(name=t(f"layer.{key}", lang))
        style = layer_info(key).style("area").leaflet()
        _areas(group, parts["areas"], style, ["label", "status"], ["", t("tip.status", lang)])
        return group

    return build


def _cell_sites(data: MapData, lang: str, parts: dict) -> folium.FeatureGroup:
    group = folium.FeatureGroup(name=t("layer.cell_sites", lang))
    fields = ["id", "operator", "technology", "radius", "position", "status"]
    aliases = ["", *(t(f"tip.{f}", lang) for f in fields[1:])]
    style = layer_info("cell_sites").style("point")
    _points(group, parts["points"], style.color, style.radius, fields, aliases)
    return group


def _broadband(data: MapData, lang: str, parts: dict) -> folium.FeatureGroup:
    group = folium.FeatureGroup(name=t("layer.broadband", lang))
    info = layer_info("broadband")
    styles = {True: info.style("fibre_yes").leaflet(), False: info.style("fibre_no").leaflet()}
    values = {code: {"s": styles[bool(value["on"])], "tip": value["tip"]} for code, value in parts["kelurahan"].items()}
    if values:
        KelurahanOverlay(values).add_to(group)
    return group


def _network(data: MapData, lang: str, parts: dict) -> folium.FeatureGroup:
    group = folium.FeatureGroup(name=t("layer.network", lang))
    info = layer_info("network")
    if parts["lines"]["features"]:
        link = info.style("link").leaflet()
        folium.GeoJson(
            parts["lines"],
            style_function=lambda _f: link,
            tooltip=_tooltip(["name", "status"], ["", t("tip.status", lang)]),
        ).add_to(group)
    fields = ["name", "role", "position", "note", "status"]
    aliases = ["", t("tip.role", lang), t("tip.position", lang), t("tip.position_note", lang), t("tip.status", lang)]
    for part, style in (("sites", info.style("site")), ("server", info.style("server"))):
        _points(group, parts[part], style.color, style.radius, fields, aliases)
    return group


def _gaps(data: MapData, lang: str, parts: dict) -> folium.FeatureGroup:
    group = folium.FeatureGroup(name=t("layer.gaps", lang))
    style = layer_info("gaps").style("area").leaflet()
    values = {code: {"s": style, "tip": value["tip"]} for code, value in parts["kelurahan"].items()}
    if values:
        KelurahanOverlay(values).add_to(group)
    return group


def _tourism(data: MapData, lang: str, parts: dict) -> folium.FeatureGroup:
    group = folium.FeatureGroup(name=t("layer.tourism", lang))
    style = layer_info("tourism").style("area").leaflet()
    _areas(
        group,
        parts["areas"],
        style,
        ["name", "frame", "theme", "designation", "extent", "extent_note"],
        [
            "",
            t("tip.frame", lang),
            t("tip.theme", lang),
            t("tip.designation", lang),
            t("tip.extent", lang),
            t("tip.extent_note", lang),
        ],
    )
    return group


BUILDERS = {
    "hotspots_public": _hotspots("public"),
    "hotspots_internal": _hotspots("internal"),
    "coverage_4g": _coverage("coverage_4g"),
    "coverage_3g": _coverage("coverage_3g"),
    "cell_sites": _cell_sites,
    "broadband": _broadband,
    "network": _network,
    "gaps": _gaps,
    "tourism": _tourism,
}
assert set(BUILDERS) == set(LAYER_KEYS), "every registered layer needs a builder"


def build_layer(key: str, data: MapData, lang: str, parts: dict | None = None) -> folium.FeatureGroup:
    """The feature group of layer ``key`` (``parts`` from :func:`geometry.layer_parts`, cached by the app)."""
    return BUILDERS[key](data, lang, layer_parts(key, data, lang) if parts is None else parts)


def build_layers(keys, data: MapData, lang: str, parts: dict[str, dict] | None = None) -> list[folium.FeatureGroup]:
    """The groups of the visible layers, in drawing order (areas first, hotspots on top)."""
    parts = parts or {}
    return [build_layer(k, data, lang, parts.get(k)) for k in drawing_order(keys)]


# --------------------------------------------------------------------------------------
# Choropleth


def build_choropleth(classes: Classes, lang: str) -> folium.FeatureGroup:
    """The kelurahan coloured by class, in a pane under every outline (the base fill is hidden)."""
    group = folium.FeatureGroup(name=t("map.measure", lang))
    values = {
        code: {
            "s": {"fillColor": color, "fillOpacity": 0.78, "weight": 0, "stroke": False},
            "tip": [["", name], [classes.label, text]],
        }
        for code, color, name, text in classes.rows
    }
    KelurahanOverlay(values, interactive=False, pane="scChoropleth", hide_base_fill=True).add_to(group)
    return group


# --------------------------------------------------------------------------------------
# Legend on the map


def legend_section(title: str, items: list[LegendItem], status: str | None, lang: str, note: str = "") -> dict:
    """One section of the on-map legend (plain data; the control renders it as text)."""
    background, color = STATUS_COLORS.get(status, ("#EEF0F3", "#374151")) if status else ("", "")
    return {
        "title": title,
        "status": status_word(status, lang) if status else "",
        "status_bg": background,
        "status_fg": color,
        "items": [[item.label, item.color, item.shape] for item in items],
        "note": note,
    }


def layer_legend(info: LayerInfo, data: MapData, lang: str, parts: dict) -> dict:
    """The legend section of a layer: its symbols, position symbols present, status, "none" note."""
    items = legend_items(info, data.pack, lang)
    if info.points:
        items += position_legend(lang, position_classes(parts))
    note = "" if feature_count(parts) else t("legend.empty", lang)
    return legend_section(info.label(lang), items, info.status(data.pack), lang, note)


def _borders_key(data: MapData) -> str:
    """The borders drawn over the villages: kecamatan, or a province's kab/kota (``geometry.kecamatan_geojson``)."""
    return "layer.kabkota" if data.province is not None else "layer.kecamatan"


def build_legend(
    data: MapData,
    lang: str,
    layers,
    parts: dict[str, dict] | None = None,
    classes: Classes | None = None,
    *,
    large: bool = False,
) -> folium.FeatureGroup:
    """The on-map legend for the visible ``layers`` (and the choropleth ``classes``); ``large`` for presentation."""
    parts = parts or {}
    sections = [
        legend_section(
            t("layer.kelurahan", lang),
            [
                LegendItem(t("layer.kelurahan", lang), BASE_STYLES["kelurahan"].color, "line"),
                LegendItem(t(_borders_key(data), lang), BASE_STYLES["kecamatan"].color, "line"),
                LegendItem(t("legend.selection", lang), BASE_STYLES["selection"].color, "line"),
            ],
            data.pack.meta("kelurahan").status,
            lang,
        )
    ]
    if classes is not None:
        items = [LegendItem(label, color, "fill") for label, color in classes.legend]
        sections.append(
            legend_section(classes.label, items, classes.status, lang, "" if classes.rows else t("legend.empty", lang))
        )
    for key in reversed(drawing_order(layers)):  # top-most first, as they are stacked
        key_parts = parts.get(key)
        if key_parts is None:
            key_parts = layer_parts(key, data, lang)
        sections.append(layer_legend(layer_info(key), data, lang, key_parts))
    group = folium.FeatureGroup(name="legend")
    MapLegend(t("map.legend", lang), sections, large=large).add_to(group)
    return group


# --------------------------------------------------------------------------------------
# Kelurahan names

#: The zooms the names are placed for (tenths, the map's zoomSnap): from a whole city on a
#: small screen to a kelurahan; closer than the last, its placements are used.
NAME_ZOOMS = labels.zoom_steps(12.6, 15.6)


def symbol_positions(data: MapData, keys) -> list[tuple[float, float]]:
    """(lon, lat) of every site symbol the shown point layers draw: the names keep clear of them."""
    out: list[tuple[float, float]] = []
    for key in keys:
        info = layer_info(key)
        if not info.points:
            continue
        table = data.pack.table(info.points).to_crs(4326)
        out += [(g.x, g.y) for g in table.geometry if g is not None and not g.is_empty]
    return out


def point_layers(keys) -> tuple[str, ...]:
    """The shown layers that draw site symbols (the names' placement depends on these only)."""
    return tuple(key for key in keys if layer_info(key).points)


#: A province's names are its kab/kota's, from the whole province on a small screen to one
#: kab/kota (8,494 village names at once can neither be placed in time nor read).
PROVINCE_NAME_ZOOMS = labels.zoom_steps(7.0, 10.0)


def names_table(data: MapData, keys=(), *, large: bool = False) -> dict:
    """Where the live map draws each kelurahan name at each zoom (:func:`smartcity_geo.labels.zoom_table`);
    a province's kab/kota names."""
    font = LABEL_FONT_PX_LARGE if large else LABEL_FONT_PX
    if data.province is not None:
        kab = data.province.kabkota
        shapes = list(zip(kab["kode"], kab["nama"], kab.geometry, strict=True))
        return labels.zoom_table(shapes, font, PROVINCE_NAME_ZOOMS, obstacles=symbol_positions(data, keys))
    kel = data.kelurahan.to_crs(4326)
    shapes = list(zip(kel["kode"], kel["kelurahan"], kel.geometry, strict=True))
    return labels.zoom_table(shapes, font, NAME_ZOOMS, obstacles=symbol_positions(data, keys))


def build_names(table: dict, lang: str, *, max_zoom: float) -> folium.FeatureGroup:
    """The names' placements for the base map's renderer, with the closest honest zoom."""
    group = folium.FeatureGroup(name="names")
    KelurahanNames(
        table, max_zoom=max_zoom, key_title=t("map.names_key", lang), zoom_hint=t("map.names_zoom", lang)
    ).add_to(group)
    return group


# --------------------------------------------------------------------------------------
# Base map and selection


_KELURAHAN_STYLE = {**BASE_STYLES["kelurahan"].leaflet(), "className": KELURAHAN_CLASS}
_KECAMATAN_STYLE = {**BASE_STYLES["kecamatan"].leaflet(), "fill": False}


def build_base_map(
    data: MapData,
    lang: str,
    basemap: Basemap = "none",
    *,
    height: int = 640,
    kelurahan: dict | None = None,
    kecamatan: dict | None = None,
    detail: tuple[int, tuple[tuple[str, tuple[float, float, float, float], str], ...]] | None = None,
) -> folium.Map:
    """The stable part of the map: kelurahan (clickable), kecamatan borders, tiles, controls.

    ``kelurahan`` and ``kecamatan`` are the prepared browser data (the app passes its cached
    copies); made here when not given. The names' renderer is here; what it draws comes with
    the layers (:func:`build_names`). ``detail`` (a province: the zoom from which the finer
    villages are fetched and each kab/kota's ``(code, bounds, url)``) adds
    :class:`~smartcity_geo.mapdetail.VillageDetail`.

    NOTE: with ``basemap="none"`` the map needs no internet at all; tiles are an optional
    extra whose failure leaves the plain background.
    """
    minx, miny, maxx, maxy = data.bounds
    m = folium.Map(
        location=[(miny + maxy) / 2, (minx + maxx) / 2],
        zoom_start=13,
        tiles=None,
        control_scale=False,
        zoom_snap=0.1,
        height=height,
        # a province's 8,494 villages on one canvas: a zoom step redraws in a third of the
        # time SVG takes (bench/province_browser.py, section h); a city or kab/kota stays SVG
        prefer_canvas=data.province is not None,
    )
    if basemap in TILES:
        url, attribution = TILES[basemap]
        tiles = folium.TileLayer(url, attr=attribution, name=basemap, max_zoom=19).add_to(m)
        tile_notice(m, tiles, t("map.tiles_unavailable", lang))
    kel_layer = folium.GeoJson(
        kelurahan if kelurahan is not None else kelurahan_geojson(data, lang),
        name=t("layer.kelurahan", lang),
        style_function=lambda _f: _KELURAHAN_STYLE,
        highlight_function=lambda _f: {"weight": 3, "color": BASE_STYLES["selection"].color},
        tooltip=_tooltip(
            ["kelurahan", "kecamatan", "kode"],
            [t("tip.kelurahan", lang), t("tip.kecamatan", lang), t("tip.code", lang)],
        ),
    ).add_to(m)
    SharedKelurahan(kel_layer).add_to(m)
    borders = folium.GeoJson(
        kecamatan if kecamatan is not None else kecamatan_geojson(data),
        name=t(_borders_key(data), lang),
        style_function=lambda _f: _KECAMATAN_STYLE,
        interactive=False,
    ).add_to(m)
    if detail is not None:
        VillageDetail(borders, detail[1], min_zoom=detail[0]).add_to(m)
    KelurahanLabels().add_to(m)
    MetricScale().add_to(m)
    LegendAwareView().add_to(m)
    folium.plugins.Fullscreen(
        position="topleft", title=t("map.fullscreen", lang), title_cancel=t("map.fullscreen_exit", lang)
    ).add_to(m)
    fit = folium.FitBounds([[miny, minx], [maxy, maxx]])
    # NOTE: not animated: the server's view follows at once (LegendAwareView), and a zoom still
    # animating towards the city would end there, after it.
    fit.options["animate"] = False
    fit.add_to(m)
    return m


SELECTION_STYLE = BASE_STYLES["selection"].leaflet()


def selection_values(data: MapData, codes) -> dict[str, dict]:
    """What the selection overlay draws: the selected (known) kelurahan codes and their outline style."""
    known = set(data.kelurahan["kode"])
    return {code: {"s": SELECTION_STYLE} for code in sorted(c for c in codes if c in known)}


def selection_group(values: dict[str, dict]) -> folium.FeatureGroup:
    """The selection's outline on the shared polygons from :func:`selection_values` (empty group for none)."""
    group = folium.FeatureGroup(name="selection")
    if values:
        KelurahanOverlay(values, interactive=False).add_to(group)
    FocusTarget().add_to(group)  # what the view is about: this outline, or the city when empty
    return group


def selection_layer(data: MapData, codes, lang: str) -> folium.FeatureGroup:
    """Outline of the selected kelurahan on the shared polygons (empty group when nothing is selected)."""
    return selection_group(selection_values(data, codes))


def max_zoom_for(data: MapData, layers=(), parts: dict[str, dict] | None = None) -> float:
    """The closest zoom at which what is shown is still drawn honestly.

    Never closer than the simplified boundaries allow; with point layers on, never closer
    than the least precise position among them (an "inside its kelurahan" point must not
    look like a surveyed address at a 200 m scale).
    """
    parts = parts or {}
    cap = BOUNDARY_MAX_ZOOM
    for key in layers:
        info = layer_info(key)
        if not info.points:
            continue
        key_parts = parts.get(key)
        classes = (
            position_classes(key_parts)
            if key_parts is not None
            else {position_class(m) for m in data.pack.table(info.points).get("position_method", ["sample"])}
        )
        for pclass in classes:
            cap = min(cap, POSITION_MAX_ZOOM[pclass])
    return cap


def view_for(
    data: MapData,
    codes=(),
    *,
    width_px: int = 1100,
    height_px: int = 640,
    max_zoom: float = BOUNDARY_MAX_ZOOM,
) -> tuple[tuple[float, float], float]:
    """Centre (lat, lon) and zoom that fit the selection (or the whole city) in the map.

    Web-Mercator arithmetic: the zoom at which the bounds span the map with a margin,
    snapped down to a tenth of a level (the map's ``zoom_snap``), and never above
    ``max_zoom`` (see :func:`max_zoom_for`).
    """
    minx, miny, maxx, maxy = data.selection_bounds(codes)

    def merc_y(lat: float) -> float:
        rad = math.radians(lat)
        return math.log(math.tan(math.pi / 4 + rad / 2))

    world = 256.0
    dx = max(maxx - minx, 1e-6) / 360.0
    dy = max(abs(merc_y(maxy) - merc_y(miny)), 1e-9) / (2 * math.pi)
    zoom = min(math.log2(width_px * 0.9 / world / dx), math.log2(height_px * 0.9 / world / dy), max_zoom)
    zoom = math.floor(zoom * 10) / 10
    return ((miny + maxy) / 2, (minx + maxx) / 2), zoom
