"""Map layers, declared as data, and the folium builders they name.

:data:`LAYERS` is the registry: each :class:`LayerSpec` says which datasets it draws (and so
which data status it shows), its legend, whether it is on by default, and the builder that
turns the prepared :class:`MapData` into a ``folium.FeatureGroup``. A new layer is one more
entry here; no page changes.

The base map (:func:`build_base_map`) holds only what never changes with a click: the
kelurahan polygons (clickable, with tooltips) and the kecamatan borders. Layers and the
selection highlight travel separately (streamlit-folium's ``feature_group_to_add``), so
toggling a layer or selecting a kelurahan does not rebuild the map.

All geometry sent to the browser passes through :func:`to_browser`: EPSG:4326, rounded
coordinates, only the properties a tooltip needs, every text value HTML-escaped.
"""

from __future__ import annotations

import html
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

import folium
import geopandas as gpd
import pandas as pd
import shapely
from branca.element import MacroElement
from jinja2 import Template
from shapely.geometry import LineString, mapping

from . import WGS84, analytics, rules
from .assets import tile_notice
from .datapack import DataPack
from .formatting import format_number, format_percent
from .strings import t

Basemap = Literal["none", "osm", "light"]
BASEMAPS: tuple[Basemap, ...] = ("none", "osm", "light")
_TILES = {
    "osm": (
        "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
        "&copy; OpenStreetMap contributors",
    ),
    "light": (
        "https://basemaps.cartocdn.com/light_all/{z}/{x}/{y}.png",
        "&copy; OpenStreetMap contributors &copy; CARTO",
    ),
}
PALETTE = {
    "kelurahan_fill": "#DCE6EE",
    "kelurahan_line": "#6B7F91",
    "kecamatan_line": "#1B2733",
    "selection": "#D97706",
    "hotspot_public": "#0F766E",
    "hotspot_internal": "#B91C1C",
    "coverage_4g": "#2563EB",
    "coverage_3g": "#F59E0B",
    "cell_site": "#475569",
    "fibre_yes": "#0E7490",
    "fibre_no": "#E11D48",
    "network": "#7C3AED",
    "tourism": "#A21CAF",
    "gap": "#DC2626",
}
KELURAHAN_CLASS = "sc-kelurahan"  # CSS class of each kelurahan polygon's SVG path (browser tests find them by it)
COORD_DECIMALS = 6  # ~0.1 m; the source is rounded to 6 decimals already


# --------------------------------------------------------------------------------------
# Prepared data


@dataclass(frozen=True)
class MapData:
    """Everything the map draws, prepared once per data-pack version (EPSG:4326).

    NOTE: the browser GeoJSON of each layer is made on first use per language and kept
    with this (immutable) object, so a rerun that shows the same layers reuses it; what a
    rerun still pays is folium turning it into JavaScript.
    """

    pack: DataPack
    kelurahan: gpd.GeoDataFrame
    kecamatan: gpd.GeoDataFrame
    outline: gpd.GeoDataFrame
    coverage: gpd.GeoDataFrame
    figures: pd.DataFrame
    city: analytics.CitySummary  # whole-city headline figures (coverage over the dissolved outline)
    _browser: dict = field(default_factory=dict, repr=False, compare=False)

    def browser(self, key: tuple, make: Callable[[], dict]) -> dict:
        """The browser GeoJSON stored under ``key``, made by ``make()`` the first time."""
        if key not in self._browser:
            self._browser[key] = make()
        return self._browser[key]

    @property
    def bounds(self) -> tuple[float, float, float, float]:
        return analytics.bounds_lonlat(self.outline)


def prepare_map_data(pack: DataPack) -> MapData:
    kel = pack.table("kelurahan")
    outline = analytics.city_outline(kel)
    coverage = analytics.coverage_areas(pack.table("cell_sites"), outline)
    figures = analytics.kelurahan_figures(
        kel, pack.table("hotspots"), coverage, pack.table("broadband"), pack.table("tourism_areas")
    )
    return MapData(
        pack=pack,
        kelurahan=kel,
        kecamatan=analytics.kecamatan(kel).to_crs(WGS84),
        outline=outline.to_crs(WGS84),
        coverage=coverage.to_crs(WGS84),
        figures=figures,
        city=analytics.city_summary(figures, pack.table("hotspots"), coverage, outline),
    )


def _round_coords(geom, decimals: int = COORD_DECIMALS):
    return shapely.set_precision(geom, 10 ** -decimals) if geom is not None else None


def to_browser(frame: gpd.GeoDataFrame, props: dict[str, Callable[[pd.Series], object]]) -> dict:
    """A GeoJSON dict for the browser: EPSG:4326, rounded, only ``props``, text escaped."""
    frame = frame.to_crs(WGS84) if frame.crs is not None else frame
    features = []
    for _, row in frame.iterrows():
        if row.geometry is None or row.geometry.is_empty:
            continue
        properties = {}
        for name, getter in props.items():
            value = getter(row)
            properties[name] = html.escape(str(value)) if isinstance(value, str) else value
        features.append(
            {
                "type": "Feature",
                "id": str(len(features)),  # folium would otherwise add ids to a shared dict
                "properties": properties,
                "geometry": mapping(_round_coords(row.geometry)),
            }
        )
    return {"type": "FeatureCollection", "features": features}


def status_text(status: str, lang: str) -> str:
    return t(f"status.{status}", lang)


# --------------------------------------------------------------------------------------
# Legend and registry


@dataclass(frozen=True)
class LegendItem:
    label: str
    color: str
    shape: Literal["fill", "line", "dot", "dash"] = "fill"


@dataclass(frozen=True)
class LayerSpec:
    key: str
    datasets: tuple[str, ...]
    builder: Callable[[MapData, str], folium.FeatureGroup]
    legend: Callable[[str], list[LegendItem]]
    default: bool = False
    z: int = 0  # drawing order: areas (0) under lines (1) under sites (2) under hotspots (3)

    def label(self, lang: str) -> str:
        return t(f"layer.{self.key}", lang)

    def status(self, pack: DataPack) -> str:
        """The weakest status among the layer's datasets (sample < seed < official)."""
        return rules.weakest_status(pack.meta(k).status for k in self.datasets)


def _tooltip(fields: list[str], aliases: list[str]) -> folium.GeoJsonTooltip:
    return folium.GeoJsonTooltip(fields=fields, aliases=aliases, sticky=True)


def _points_layer(name: str, geojson: dict, color: str, radius: float, fields, aliases) -> folium.FeatureGroup:
    group = folium.FeatureGroup(name=name)
    folium.GeoJson(
        geojson,
        name=name,
        marker=folium.CircleMarker(radius=radius, fill=True, fill_opacity=0.9, weight=1.5, color="#FFFFFF"),
        style_function=lambda _f, c=color: {"fillColor": c, "color": "#FFFFFF", "weight": 1.5, "fillOpacity": 0.9},
        tooltip=_tooltip(fields, aliases),
    ).add_to(group)
    return group


def _hotspots(kind: str) -> Callable[[MapData, str], folium.FeatureGroup]:
    def build(data: MapData, lang: str) -> folium.FeatureGroup:
        hs = data.pack.table("hotspots")
        hs = hs[hs["type"] == kind]
        names = dict(zip(data.kelurahan["kode"], data.kelurahan["kelurahan"], strict=True))
        geojson = data.browser(("hotspots", kind, lang), lambda: to_browser(
            hs,
            {
                "name": lambda r: r["name"],
                "kel": lambda r: names.get(r["kelurahan_code"], ""),
                "type": lambda r: t(f"hotspot.{r['type']}", lang),
                "position": lambda r: t(f"position.{r['position_method']}", lang),
                "status": lambda r: status_text(r["status"], lang),
            },
        ))
        aliases = [t("tip.kelurahan", lang) if f == "kel" else t(f"tip.{f}", lang) for f in ("type", "kel", "position", "status")]
        return _points_layer(
            t(f"layer.hotspots_{kind}", lang),
            geojson,
            PALETTE[f"hotspot_{kind}"],
            7 if kind == "public" else 8,
            ["name", "type", "kel", "position", "status"],
            ["", *aliases],
        )

    return build


def _coverage(tech: str) -> Callable[[MapData, str], folium.FeatureGroup]:
    key = "coverage_4g" if tech == "4G" else "coverage_3g"

    def build(data: MapData, lang: str) -> folium.FeatureGroup:
        cov = data.coverage[data.coverage["technology"] == tech]
        status = status_text(data.pack.meta("cell_sites").status, lang)
        label = t(f"layer.{key}", lang)
        geojson = data.browser(
            (key, lang), lambda: to_browser(cov, {"label": lambda _r: label, "status": lambda _r: status})
        )
        group = folium.FeatureGroup(name=label)
        color = PALETTE[key]
        folium.GeoJson(
            geojson,
            style_function=lambda _f, c=color: {"fillColor": c, "color": c, "weight": 0.8, "fillOpacity": 0.28},
            tooltip=_tooltip(["label", "status"], ["", t("tip.status", lang)]),
        ).add_to(group)
        return group

    return build


def _cell_sites(data: MapData, lang: str) -> folium.FeatureGroup:
    sites = data.pack.table("cell_sites")
    geojson = data.browser(("cell_sites", lang), lambda: to_browser(
        sites,
        {
            "id": lambda r: r["id"],
            "operator": lambda r: r["operator"],
            "technology": lambda r: r["technology"],
            "radius": lambda r: f"{format_number(r['radius_m'], lang)} m",
            "status": lambda r: status_text(r["status"], lang),
        },
    ))
    fields = ["id", "operator", "technology", "radius", "status"]
    aliases = ["", *(t(f"tip.{f}", lang) for f in fields[1:])]
    return _points_layer(t("layer.cell_sites", lang), geojson, PALETTE["cell_site"], 4, fields, aliases)


def _broadband(data: MapData, lang: str) -> folium.FeatureGroup:
    fig = data.figures.set_index("kode")
    status = status_text(data.pack.meta("broadband").status, lang)

    def fibre(r) -> str:
        value = fig.loc[r["kode"], "fibre"]
        return t("legend.fibre_yes" if value else "legend.fibre_no", lang)

    geojson = data.browser(("broadband", lang), lambda: to_browser(
        data.kelurahan,
        {
            "kelurahan": lambda r: r["kelurahan"],
            "fibre": fibre,
            "households": lambda r: format_percent(fig.loc[r["kode"], "households_passed_share"], lang),
            "status": lambda _r: status,
            "has_fibre": lambda r: bool(fig.loc[r["kode"], "fibre"]),
        },
    ))
    group = folium.FeatureGroup(name=t("layer.broadband", lang))
    folium.GeoJson(
        geojson,
        style_function=lambda f: {
            "fillColor": PALETTE["fibre_yes"] if f["properties"]["has_fibre"] else PALETTE["fibre_no"],
            "color": PALETTE["fibre_yes"] if f["properties"]["has_fibre"] else PALETTE["fibre_no"],
            "weight": 1,
            "fillOpacity": 0.22 if f["properties"]["has_fibre"] else 0.3,
        },
        tooltip=_tooltip(
            ["kelurahan", "fibre", "households", "status"],
            ["", t("tip.fibre", lang), t("tip.households", lang), t("tip.status", lang)],
        ),
    ).add_to(group)
    return group


def _network_lines(data: MapData, lang: str) -> dict:
    sites = data.pack.table("gov_sites").set_index("id")
    links = data.pack.table("network_links")
    lines = []
    for _, link in links.iterrows():
        a, b = sites.loc[link["from_id"]].geometry, sites.loc[link["to_id"]].geometry
        lines.append({"name": f"{sites.loc[link['from_id'], 'name']} – {sites.loc[link['to_id'], 'name']}",
                      "medium": link["medium"], "status": link["status"], "geometry": LineString([a, b])})
    line_frame = gpd.GeoDataFrame(lines, geometry="geometry", crs=WGS84)
    return to_browser(line_frame, {"name": lambda r: r["name"], "status": lambda r: status_text(r["status"], lang)})


def _network(data: MapData, lang: str) -> folium.FeatureGroup:
    group = folium.FeatureGroup(name=t("layer.network", lang))
    folium.GeoJson(
        data.browser(("network_lines", lang), lambda: _network_lines(data, lang)),
        style_function=lambda _f: {"color": PALETTE["network"], "weight": 1.6, "opacity": 0.7, "dashArray": "4 4"},
        tooltip=_tooltip(["name", "status"], ["", t("tip.status", lang)]),
    ).add_to(group)
    site_frame = data.pack.table("gov_sites")
    server = site_frame[site_frame["role"] == "server_room"]
    others = site_frame[site_frame["role"] != "server_room"]
    site_props = {
        "name": lambda r: r["name"],
        "role": lambda r: t(f"role.{r['role']}", lang),
        "position": lambda r: t(f"position.{r['position_method']}", lang),
        "status": lambda r: status_text(r["status"], lang),
    }
    fields = list(site_props)
    aliases = ["", t("tip.role", lang), t("tip.position", lang), t("tip.status", lang)]
    for part, frame, radius, color in (
        ("sites", others, 3.5, PALETTE["network"]),
        ("server", server, 10, PALETTE["kecamatan_line"]),
    ):
        folium.GeoJson(
            data.browser(("network", part, lang), lambda frame=frame: to_browser(frame, site_props)),
            marker=folium.CircleMarker(radius=radius, fill=True, fill_opacity=1.0, weight=2, color="#FFFFFF"),
            style_function=lambda _f, c=color: {"fillColor": c, "color": "#FFFFFF", "weight": 2, "fillOpacity": 1.0},
            tooltip=_tooltip(fields, aliases),
        ).add_to(group)
    return group


def _tourism(data: MapData, lang: str) -> folium.FeatureGroup:
    areas = data.pack.table("tourism_areas")
    name_col = "name_en" if lang == "en" else "name_id"
    geojson = data.browser(("tourism", lang), lambda: to_browser(
        areas,
        {
            "name": lambda r: r[name_col],
            "theme": lambda r: t(f"theme.{r['theme']}", lang),
            "designation": lambda r: r["designation"],
            "extent": lambda r: t(f"extent.{r['extent_method']}", lang),
        },
    ))
    group = folium.FeatureGroup(name=t("layer.tourism", lang))
    folium.GeoJson(
        geojson,
        style_function=lambda _f: {
            "fillColor": PALETTE["tourism"], "color": PALETTE["tourism"], "weight": 2,
            "dashArray": "6 4", "fillOpacity": 0.18,
        },
        tooltip=_tooltip(["name", "theme", "designation", "extent"],
                         ["", t("tip.theme", lang), t("tip.designation", lang), t("tip.extent", lang)]),
    ).add_to(group)
    return group


GAP_MIN_SHARE_4G = 0.5  # the gaps layer's 4G threshold (the kelurahan screen lets planners change it)


def _gaps(data: MapData, lang: str) -> folium.FeatureGroup:
    from .planning import gaps  # planning builds on the pack, not on layers: imported here to keep layers light

    def make() -> dict:
        table = gaps(data.figures, min_share_4g=GAP_MIN_SHARE_4G, lang=lang)
        reasons = dict(zip(table["kode"], table["reasons"], strict=True))
        chosen = data.kelurahan[data.kelurahan["kode"].isin(list(reasons))]
        return to_browser(
            chosen,
            {"kode": lambda r: r["kode"], "kelurahan": lambda r: r["kelurahan"], "reasons": lambda r: reasons[r["kode"]]},
        )

    group = folium.FeatureGroup(name=t("layer.gaps", lang))
    folium.GeoJson(
        data.browser(("gaps", lang), make),
        style_function=lambda _f: {
            "color": PALETTE["gap"], "weight": 2.5, "dashArray": "2 5", "fillColor": PALETTE["gap"], "fillOpacity": 0.12,
        },
        tooltip=_tooltip(["kelurahan", "reasons"], ["", t("tip.gaps", lang)]),
    ).add_to(group)
    return group


LAYERS: tuple[LayerSpec, ...] = (
    LayerSpec(
        "hotspots_public", ("hotspots",), _hotspots("public"),
        lambda lang: [LegendItem(t("layer.hotspots_public", lang), PALETTE["hotspot_public"], "dot")], default=True, z=3,
    ),
    LayerSpec(
        "hotspots_internal", ("hotspots",), _hotspots("internal"),
        lambda lang: [LegendItem(t("layer.hotspots_internal", lang), PALETTE["hotspot_internal"], "dot")],
        default=True, z=3,
    ),
    LayerSpec(
        "coverage_4g", ("cell_sites",), _coverage("4G"),
        lambda lang: [LegendItem(t("layer.coverage_4g", lang), PALETTE["coverage_4g"])], default=True,
    ),
    LayerSpec(
        "coverage_3g", ("cell_sites",), _coverage("3G_only"),
        lambda lang: [LegendItem(t("layer.coverage_3g", lang), PALETTE["coverage_3g"])],
    ),
    LayerSpec(
        "cell_sites", ("cell_sites",), _cell_sites,
        lambda lang: [LegendItem(t("layer.cell_sites", lang), PALETTE["cell_site"], "dot")], z=2,
    ),
    LayerSpec(
        "broadband", ("broadband",), _broadband,
        lambda lang: [LegendItem(t("legend.fibre_yes", lang), PALETTE["fibre_yes"]),
                      LegendItem(t("legend.fibre_no", lang), PALETTE["fibre_no"])],
    ),
    LayerSpec(
        "network", ("gov_sites", "network_links"), _network,
        lambda lang: [LegendItem(t("legend.server_room", lang), PALETTE["kecamatan_line"], "dot"),
                      LegendItem(t("legend.link", lang), PALETTE["network"], "dash")], z=1,
    ),
    LayerSpec(
        "gaps", ("hotspots", "cell_sites", "broadband"), _gaps,
        lambda lang: [LegendItem(t("layer.gaps", lang), PALETTE["gap"], "dash")],
    ),
    LayerSpec(
        "tourism", ("tourism_areas",), _tourism,
        lambda lang: [LegendItem(t("layer.tourism", lang), PALETTE["tourism"], "dash")],
    ),
)
LAYER_KEYS: tuple[str, ...] = tuple(spec.key for spec in LAYERS)
DEFAULT_LAYERS: tuple[str, ...] = tuple(spec.key for spec in LAYERS if spec.default)


def layer_spec(key: str) -> LayerSpec:
    for spec in LAYERS:
        if spec.key == key:
            return spec
    raise KeyError(key)


def build_layer(key: str, data: MapData, lang: str) -> folium.FeatureGroup:
    return layer_spec(key).builder(data, lang)


def build_layers(keys: list[str] | tuple[str, ...], data: MapData, lang: str) -> list[folium.FeatureGroup]:
    """The groups of the visible layers, in drawing order (areas first, hotspots on top)."""
    specs = sorted((layer_spec(k) for k in keys), key=lambda spec: spec.z)  # stable: registry order within a level
    return [spec.builder(data, lang) for spec in specs]


# --------------------------------------------------------------------------------------
# Base map and selection


def kelurahan_geojson(data: MapData, lang: str) -> dict:
    return data.browser(("kelurahan", lang), lambda: to_browser(
        data.kelurahan,
        {
            "kode": lambda r: r["kode"],
            "kelurahan": lambda r: r["kelurahan"],
            "kecamatan": lambda r: r["kecamatan"],
        },
    ))


class MetricScale(MacroElement):
    """Leaflet's scale bar in metres only (folium's ``control_scale`` adds feet and miles)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        L.control.scale({imperial: false, position: "bottomleft"}).addTo({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )


def build_base_map(data: MapData, lang: str, basemap: Basemap = "none", *, height: int = 640) -> folium.Map:
    """The stable part of the map: kelurahan (clickable), kecamatan borders, optional tiles.

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
    )
    if basemap in _TILES:
        url, attribution = _TILES[basemap]
        tiles = folium.TileLayer(url, attr=attribution, name=basemap, max_zoom=19).add_to(m)
        tile_notice(m, tiles, t("map.tiles_unavailable", lang))
    folium.GeoJson(
        kelurahan_geojson(data, lang),
        name=t("layer.kelurahan", lang),
        style_function=lambda _f: {
            "fillColor": PALETTE["kelurahan_fill"], "color": PALETTE["kelurahan_line"],
            "weight": 1, "fillOpacity": 0.45, "className": KELURAHAN_CLASS,
        },
        highlight_function=lambda _f: {"weight": 3, "color": PALETTE["selection"], "fillOpacity": 0.55},
        tooltip=_tooltip(["kelurahan", "kecamatan", "kode"],
                         [t("tip.kelurahan", lang), t("tip.kecamatan", lang), t("tip.code", lang)]),
    ).add_to(m)
    folium.GeoJson(
        data.browser(("kecamatan",), lambda: to_browser(data.kecamatan, {"kecamatan": lambda r: r["kecamatan"]})),
        name=t("layer.kecamatan", lang),
        style_function=lambda _f: {"color": PALETTE["kecamatan_line"], "weight": 2.6, "fill": False},
        interactive=False,
    ).add_to(m)
    MetricScale().add_to(m)
    m.fit_bounds([[miny, minx], [maxy, maxx]])
    return m


def selection_layer(data: MapData, codes: list[str] | tuple[str, ...], lang: str) -> folium.FeatureGroup:
    """Outline of the selected kelurahan (empty group when nothing is selected)."""
    group = folium.FeatureGroup(name="selection")
    chosen = data.kelurahan[data.kelurahan["kode"].isin(list(codes))]
    if len(chosen):
        folium.GeoJson(
            to_browser(chosen, {"kelurahan": lambda r: r["kelurahan"]}),
            style_function=lambda _f: {"color": PALETTE["selection"], "weight": 4, "fillOpacity": 0.08,
                                       "fillColor": PALETTE["selection"]},
            interactive=False,
        ).add_to(group)
    return group


def view_for(
    data: MapData, codes: list[str] | tuple[str, ...] = (), *, width_px: int = 1100, height_px: int = 640
) -> tuple[tuple[float, float], float]:
    """Centre (lat, lon) and zoom that fit the selection (or the whole city) in the map.

    Web-Mercator arithmetic: the zoom at which the bounds span the map with a margin,
    snapped down to a tenth of a level (the map's ``zoom_snap``).
    """
    frame = data.kelurahan[data.kelurahan["kode"].isin(list(codes))] if codes else data.outline
    if frame.empty:
        frame = data.outline
    minx, miny, maxx, maxy = analytics.bounds_lonlat(frame)

    def merc_y(lat: float) -> float:
        rad = math.radians(lat)
        return math.log(math.tan(math.pi / 4 + rad / 2))

    world = 256.0
    dx = max(maxx - minx, 1e-6) / 360.0
    dy = max(abs(merc_y(maxy) - merc_y(miny)), 1e-9) / (2 * math.pi)
    zoom = min(math.log2(width_px * 0.9 / world / dx), math.log2(height_px * 0.9 / world / dy), 18.0)
    zoom = math.floor(zoom * 10) / 10
    return ((miny + maxy) / 2, (minx + maxx) / 2), zoom


def legend_html(items: list[LegendItem], *, labels: bool | None = None) -> str:
    """Small inline-HTML legend (labels escaped) for the page beside the map.

    ``labels=None`` shows labels only when there is more than one item (a single item's
    label repeats the layer name beside it).
    """
    show = len(items) > 1 if labels is None else labels
    parts = []
    for item in items:
        if item.shape == "dot":
            swatch = f"border-radius:50%;background:{item.color};width:12px;height:12px"
        elif item.shape == "dash":
            swatch = f"border-top:3px dashed {item.color};width:18px;height:0;margin-top:6px"
        elif item.shape == "line":
            swatch = f"border-top:3px solid {item.color};width:18px;height:0;margin-top:6px"
        else:
            swatch = f"background:{item.color};opacity:.6;width:18px;height:12px"
        parts.append(
            f'<span style="display:inline-flex;gap:6px;align-items:center;margin-right:14px">'
            f'<span style="display:inline-block;{swatch}" title="{html.escape(item.label)}"></span>'
            f'{html.escape(item.label) if show else ""}</span>'
        )
    return "".join(parts)
