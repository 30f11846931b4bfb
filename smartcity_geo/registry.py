"""The map's layers, symbols and measures, declared as data (no folium here).

This is what the URL model (:mod:`smartcity_geo.viewstate`), the briefing and the screens
need to know about the map without drawing it: the layer keys and their order, labels,
legend entries (a text for every symbol and colour), default visibility, the datasets a
layer draws (and so the data status it shows), the basemaps, the symbol of each way a
position was obtained, and the measures a choropleth can show.

The folium builders that draw these layers live in :mod:`smartcity_geo.layers`; the
GeoJSON sent to the browser is prepared in :mod:`smartcity_geo.geometry`. A new layer is
one more :class:`LayerInfo` here plus its builder there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from .i18n import tourism_area_fact
from .rules import COMPUTED, weakest_status
from .strings import has, t

# --------------------------------------------------------------------------------------
# Basemaps

Basemap = Literal["none", "osm", "light"]
BASEMAPS: tuple[Basemap, ...] = ("none", "osm", "light")
TILES: dict[str, tuple[str, str]] = {
    "osm": (
        "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
        "&copy; OpenStreetMap contributors",
    ),
    "light": (
        "https://basemaps.cartocdn.com/light_all/{z}/{x}/{y}.png",
        "&copy; OpenStreetMap contributors &copy; CARTO",
    ),
}

# --------------------------------------------------------------------------------------
# Colours

PALETTE: dict[str, str] = {
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
    "gov_site": "#5B21B6",
    "tourism": "#A21CAF",
    "gap": "#DC2626",
}
#: Five sequential classes (ColorBrewer YlGnBu), light = low; readable under outlines.
CHOROPLETH_COLORS: tuple[str, ...] = ("#FFFFCC", "#A1DAB4", "#41B6C4", "#2C7FB8", "#253494")
CHOROPLETH_MISSING = "#BDBDBD"
KELURAHAN_CLASS = "sc-kelurahan"  # CSS class of each kelurahan polygon's SVG path (browser tests find them by it)

# --------------------------------------------------------------------------------------
# Positions: how a point was obtained decides its symbol and how close the map may zoom

Shape = Literal["fill", "line", "dash", "dot", "ring", "dashed_ring", "dotted_ring"]

#: position_method -> precision class.
POSITION_CLASS: dict[str, str] = {
    "sourced": "exact",
    "surveyed": "exact",
    "address": "approximate",
    "kelurahan": "approximate",
    "placeholder": "placeholder",
    "sample": "sample",
}
#: precision class -> symbol (distinct on the map and in the legend).
POSITION_SHAPE: dict[str, Shape] = {
    "exact": "dot",
    "approximate": "ring",
    "placeholder": "dashed_ring",
    "sample": "dotted_ring",
}
#: precision class -> the closest zoom at which such a point may be shown after a selection.
#: Zoom 15 at 7.6° S (Jawa Timur) is about 4.7 m per pixel (a 500 m scale bar): an
#: "inside its kelurahan" point does not look like an address there.
POSITION_MAX_ZOOM: dict[str, float] = {"exact": 18.0, "approximate": 15.0, "placeholder": 15.0, "sample": 15.0}
#: The boundaries are simplified polygons: never closer than this, whatever is shown.
BOUNDARY_MAX_ZOOM = 16.0


def position_class(method: str) -> str:
    """The precision class of a ``position_method`` (unknown methods count as placeholders)."""
    return POSITION_CLASS.get(str(method), "placeholder")


# --------------------------------------------------------------------------------------
# Styles: one record per drawn part, read by the live map (layers.py) and the picture (mapimage.py)

#: The picture is smaller than the screen: its line widths and point sizes are the map's, scaled.
PICTURE_LINE_SCALE = 0.7  # matplotlib points per Leaflet pixel of line width
PICTURE_POINT_SCALE = 0.42  # matplotlib points per Leaflet pixel of point radius


@dataclass(frozen=True)
class Style:
    """How one part of a layer is drawn: colour, line weight (px), dash pattern (px on, px off,
    ...), fill, opacity and point radius (px). The same record draws the live map and the picture."""

    color: str
    weight: float = 1.0
    dash: tuple[float, ...] = ()
    fill: str | None = None  # fill colour; None: the line colour
    fill_opacity: float = 0.0
    opacity: float = 1.0
    radius: float = 0.0

    @property
    def fill_color(self) -> str:
        return self.fill or self.color

    def leaflet(self) -> dict:
        """The Leaflet path options of this style (``dashArray`` as Leaflet writes it)."""
        out: dict = {"color": self.color, "weight": self.weight}
        if self.fill_opacity:
            out |= {"fillColor": self.fill_color, "fillOpacity": self.fill_opacity}
        if self.opacity != 1.0:
            out["opacity"] = self.opacity
        if self.dash:
            out["dashArray"] = " ".join(f"{d:g}" for d in self.dash)
        return out

    def line_width(self) -> float:
        """The picture's line width (points)."""
        return self.weight * PICTURE_LINE_SCALE

    def line_style(self):
        """The picture's line style: the same dash pattern relative to the line's width.

        matplotlib scales a dash pattern by the line width (Leaflet does not), so the pattern
        in pixels is divided by the weight.
        """
        return (0, tuple(d / self.weight for d in self.dash)) if self.dash else "solid"

    def point_size(self) -> float:
        """The picture's marker area (points²) for a point of this style's radius."""
        return (2 * self.radius * PICTURE_POINT_SCALE) ** 2


#: The base map's parts (not layers): kelurahan, kecamatan borders, the selection.
BASE_STYLES: dict[str, Style] = {
    "kelurahan": Style(PALETTE["kelurahan_line"], 1, fill=PALETTE["kelurahan_fill"], fill_opacity=0.45),
    "kecamatan": Style(PALETTE["kecamatan_line"], 2.6),
    "selection": Style(PALETTE["selection"], 4, fill_opacity=0.08),
}


# --------------------------------------------------------------------------------------
# Legend entries and layers


@dataclass(frozen=True)
class LegendItem:
    """One symbol of a legend and its text (already in the user's language)."""

    label: str
    color: str
    shape: Shape = "fill"


@dataclass(frozen=True)
class LegendEntry:
    """A legend item as data: the string key of its text, its colour and its symbol."""

    text: str
    color: str
    shape: Shape = "fill"

    def item(self, lang: str) -> LegendItem:
        return LegendItem(t(self.text, lang), self.color, self.shape)


@dataclass(frozen=True)
class LayerInfo:
    """A map layer as data.

    ``points`` names the point table whose ``position_method`` decides the symbols (and
    adds one legend entry per precision class present); ``z`` is the drawing order:
    areas (0) under lines (1) under sites (2) under hotspots (3).
    """

    key: str
    datasets: tuple[str, ...]
    legend_entries: tuple[LegendEntry, ...]
    default: bool = False
    z: int = 0
    points: str | None = None
    computed: bool = False  # the layer shows figures the dashboard derives (never "official")
    styles: tuple[tuple[str, Style], ...] = ()  # (part, style): what the map and the picture draw

    def style(self, part: str) -> Style:
        """The style of ``part`` (``point``, ``area``, ``link`` ...) of this layer."""
        return dict(self.styles)[part]

    def label(self, lang: str) -> str:
        return t(f"layer.{self.key}", lang)

    def legend(self, lang: str) -> list[LegendItem]:
        return [entry.item(lang) for entry in self.legend_entries]

    def supplied(self, pack) -> bool:
        """Whether the region has supplied every dataset the layer draws (else it has nothing to show)."""
        return all(pack.supplied(k) for k in self.datasets)

    def status(self, pack) -> str:
        """The weakest status among the layer's datasets (``computed`` for derived figures)."""
        statuses = [pack.meta(k).status for k in self.datasets]
        return weakest_status([*statuses, COMPUTED] if self.computed else statuses)


LAYERS: tuple[LayerInfo, ...] = (
    LayerInfo(
        "hotspots_public",
        ("hotspots",),
        (LegendEntry("layer.hotspots_public", PALETTE["hotspot_public"], "dot"),),
        default=True,
        z=3,
        points="hotspots",
        styles=(("point", Style(PALETTE["hotspot_public"], radius=7)),),
    ),
    LayerInfo(
        "hotspots_internal",
        ("hotspots",),
        (LegendEntry("layer.hotspots_internal", PALETTE["hotspot_internal"], "dot"),),
        default=True,
        z=3,
        points="hotspots",
        styles=(("point", Style(PALETTE["hotspot_internal"], radius=8)),),
    ),
    LayerInfo(
        "coverage_4g",
        ("cell_sites",),
        (LegendEntry("layer.coverage_4g", PALETTE["coverage_4g"]),),
        default=True,
        computed=True,
        styles=(("area", Style(PALETTE["coverage_4g"], 0.8, fill_opacity=0.28)),),
    ),
    LayerInfo(
        "coverage_3g",
        ("cell_sites",),
        (LegendEntry("layer.coverage_3g", PALETTE["coverage_3g"]),),
        computed=True,
        styles=(("area", Style(PALETTE["coverage_3g"], 0.8, fill_opacity=0.28)),),
    ),
    LayerInfo(
        "cell_sites",
        ("cell_sites",),
        (LegendEntry("layer.cell_sites", PALETTE["cell_site"], "dot"),),
        z=2,
        points="cell_sites",
        styles=(("point", Style(PALETTE["cell_site"], radius=4.5)),),
    ),
    LayerInfo(
        "broadband",
        ("broadband",),
        (LegendEntry("legend.fibre_yes", PALETTE["fibre_yes"]), LegendEntry("legend.fibre_no", PALETTE["fibre_no"])),
        styles=(
            ("fibre_yes", Style(PALETTE["fibre_yes"], 1.2, fill_opacity=0.22)),
            ("fibre_no", Style(PALETTE["fibre_no"], 1.2, fill_opacity=0.3)),
        ),
    ),
    LayerInfo(
        "network",
        ("gov_sites", "network_links"),
        (
            LegendEntry("legend.server_room", PALETTE["kecamatan_line"], "dot"),
            LegendEntry("legend.gov_site", PALETTE["gov_site"], "dot"),
            LegendEntry("legend.link", PALETTE["network"], "dash"),
        ),
        z=1,
        points="gov_sites",
        styles=(
            ("link", Style(PALETTE["network"], 1.6, dash=(4, 4), opacity=0.7)),
            ("site", Style(PALETTE["gov_site"], radius=4.5)),
            ("server", Style(PALETTE["kecamatan_line"], radius=10)),
        ),
    ),
    LayerInfo(
        "gaps",
        ("hotspots", "cell_sites", "broadband"),
        (LegendEntry("layer.gaps", PALETTE["gap"], "dash"),),
        computed=True,
        styles=(("area", Style(PALETTE["gap"], 2.5, dash=(2, 5), fill_opacity=0.12)),),
    ),
    LayerInfo(
        "tourism",
        ("tourism_areas",),
        (LegendEntry("layer.tourism", PALETTE["tourism"], "dash"),),
        styles=(("area", Style(PALETTE["tourism"], 2, dash=(6, 4), fill_opacity=0.18)),),
    ),
)
LAYER_KEYS: tuple[str, ...] = tuple(info.key for info in LAYERS)
DEFAULT_LAYERS: tuple[str, ...] = tuple(info.key for info in LAYERS if info.default)


def layer_info(key: str) -> LayerInfo:
    for info in LAYERS:
        if info.key == key:
            return info
    raise KeyError(key)


def tourism_frame(pack, lang: str) -> str:
    """The national tourism strategic area the city belongs to, short, with the fact's status
    word (``KSPN Bromo–Tengger–Semeru · resmi``), from the sourced fact; "" when the pack lacks it."""
    fact = tourism_area_fact(pack.table("facts"), lang) if pack.has("facts") else None
    if fact is None:
        return ""
    return t("tourism.kspn", lang, status=status_word(fact["status"], lang))


def legend_items(info: LayerInfo, pack, lang: str) -> list[LegendItem]:
    """The legend of layer ``info`` for ``pack``: its symbols; the tourism layer names the
    national tourism strategic area from the sourced fact when the pack has it."""
    items = info.legend(lang)
    frame = tourism_frame(pack, lang) if info.key == "tourism" else ""
    if frame:
        first = items[0]
        items[0] = LegendItem(t("legend.tourism_kspn", lang, frame=frame), first.color, first.shape)
    return items


def drawing_order(keys) -> list[str]:
    """``keys`` in drawing order (areas first, hotspots on top; registry order within a level)."""
    return [info.key for info in sorted((layer_info(k) for k in keys), key=lambda info: info.z)]


def position_legend(lang: str, classes) -> list[LegendItem]:
    """One hollow/solid symbol per precision class in ``classes`` (grey: the shape is the message)."""
    order = ("exact", "approximate", "placeholder", "sample")
    return [LegendItem(t(f"legend.position.{c}", lang), "#334155", POSITION_SHAPE[c]) for c in order if c in classes]


def status_word(status: str, lang: str) -> str:
    """The status in words (``official`` -> "resmi"), the key itself when no text exists yet."""
    return t(f"status.{status}", lang) if has(f"status.{status}") else status


# --------------------------------------------------------------------------------------
# Measures a choropleth can show (one value per kelurahan)


@dataclass(frozen=True)
class MeasureInfo:
    """A per-kelurahan measure: the column of the kelurahan figures it reads.

    ``kind`` is ``share`` (a fraction shown as a percentage) or ``count``.
    """

    key: str
    column: str
    datasets: tuple[str, ...]
    kind: Literal["share", "count"] = "share"
    computed: bool = False

    def label(self, lang: str) -> str:
        return t(f"measure.{self.key}", lang)

    def supplied(self, pack) -> bool:
        return all(pack.supplied(k) for k in self.datasets)

    def status(self, pack) -> str:
        statuses = [pack.meta(k).status for k in self.datasets]
        return weakest_status([*statuses, COMPUTED] if self.computed else statuses)


MEASURES: tuple[MeasureInfo, ...] = (
    MeasureInfo("share_4g", "share_4g", ("cell_sites",), computed=True),
    MeasureInfo("share_3g_only", "share_3g_only", ("cell_sites",), computed=True),
    MeasureInfo("share_no_mobile", "share_no_mobile", ("cell_sites",), computed=True),
    MeasureInfo("fibre_households", "households_passed_share", ("broadband",)),
    MeasureInfo("providers", "providers", ("broadband",), kind="count"),
    MeasureInfo("wifi_points", "hotspots_public", ("hotspots",), kind="count"),
)
MEASURE_KEYS: tuple[str, ...] = tuple(m.key for m in MEASURES)
NO_MEASURE = "none"
#: Kelurahan-level programme indicators are measures too: ``ind:<indicator code without
#: its kelurahan suffix>`` (``ind:SS-CO-11``); which exist depends on the pack.
INDICATOR_PREFIX = "ind:"
_INDICATOR_MEASURE = re.compile(r"ind:[A-Z]{2}-[A-Z]{2}-[0-9]{2}")


def is_measure_key(key: str) -> bool:
    """Whether ``key`` names a measure (fixed, or a well-formed indicator measure)."""
    return key in MEASURE_KEYS or bool(_INDICATOR_MEASURE.fullmatch(str(key)))


def measure_info(key: str) -> MeasureInfo:
    for info in MEASURES:
        if info.key == key:
            return info
    raise KeyError(key)
