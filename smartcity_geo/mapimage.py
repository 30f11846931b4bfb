"""A static picture of the map view, drawn on the server with no internet (matplotlib, Agg).

The briefing embeds it as a PNG ``data:`` URI, so the document stays one file that opens
offline and prints. It shows what the map screen shows for a view: the kelurahan outlines
and kecamatan borders, the selection highlighted (and framed, as the map zooms to it), the
shown layers with the map's colours, kelurahan names, a north arrow, a scale bar, and a
legend whose every entry carries the data status of what it draws.

Drawing is in the region's metric CRS (metres), so the scale bar is exact. The figure is built with
matplotlib's object API (``Figure`` + ``FigureCanvasAgg``): no ``pyplot``, no global state,
no display; the PNG carries no timestamp or version, so the same view gives the same bytes.

NOTE: text from the data (kelurahan names) is drawn with ``parse_math=False``: a ``$`` in
a name is a dollar sign, never mathtext.
"""

from __future__ import annotations

import base64
import io
from collections.abc import Sequence

import geopandas as gpd
import matplotlib
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import LineCollection, PathCollection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.path import Path
from shapely.geometry import MultiPolygon, Polygon

from . import mapnames, rules
from .choropleth import Classes
from .mapdata import MapData
from .registry import BASE_STYLES, LAYER_KEYS, LayerInfo, LegendItem, Style, layer_info, legend_items
from .strings import normalise_lang, t

WIDTH_IN, HEIGHT_IN, DPI = 7.2, 6.4, 110  # ~790 x 700 px; A4 text width at ~110 dpi
PLACEHOLDER = "placeholder"  # a hotspot's position_method when its location is unknown
MIN_SPAN_M = 1800.0  # a selection is framed at least this wide: never closer than the data's precision
_TEXT = {"parse_math": False}


# --------------------------------------------------------------------------------------
# Drawing helpers


def _utm(frame: gpd.GeoDataFrame, crs: str) -> gpd.GeoDataFrame:
    return frame.to_crs(crs)


def _frame_extent(data: MapData, kel: gpd.GeoDataFrame, codes: Sequence[str]) -> tuple[float, float, float, float]:
    """(minx, miny, maxx, maxy) in metres: the selection (padded, at least MIN_SPAN_M) or the city."""
    chosen = kel[kel["kode"].isin(list(codes))] if codes else kel
    if chosen.empty:
        chosen = kel
    minx, miny, maxx, maxy = chosen.total_bounds
    pad = 0.08 * max(maxx - minx, maxy - miny)
    cx, cy = (minx + maxx) / 2, (miny + maxy) / 2
    half_w = max((maxx - minx) / 2 + pad, MIN_SPAN_M / 2)
    half_h = max((maxy - miny) / 2 + pad, MIN_SPAN_M / 2)
    return cx - half_w, cy - half_h, cx + half_w, cy + half_h


def _fit_aspect(extent: tuple[float, float, float, float], aspect: float) -> tuple[float, float, float, float]:
    """Grow ``extent`` so that width / height == ``aspect`` (the axes' shape), keeping its centre."""
    minx, miny, maxx, maxy = extent
    w, h = maxx - minx, maxy - miny
    if w / h < aspect:
        w = h * aspect
    else:
        h = w / aspect
    cx, cy = (minx + maxx) / 2, (miny + maxy) / 2
    return cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2


def _nice_length(span_m: float) -> float:
    """A round scale-bar length near a fifth of ``span_m`` (100 m, 200 m, 500 m, 1 km ...)."""
    target = span_m / 5
    for step in (50, 100, 200, 250, 500, 1000, 2000, 2500, 5000, 10000):
        if step >= target:
            return float(step)
    return 10000.0


def _scale_label(metres: float, lang: str) -> str:
    from .formatting import format_number

    if metres >= 1000:
        return f"{format_number(metres / 1000, lang, 0 if metres % 1000 == 0 else 1)} km"
    return f"{format_number(metres, lang)} m"


def _polygons(geoms) -> list[Polygon]:
    out: list[Polygon] = []
    for geom in geoms:
        if isinstance(geom, Polygon) and not geom.is_empty:
            out.append(geom)
        elif isinstance(geom, MultiPolygon):
            out += [part for part in geom.geoms if not part.is_empty]
    return out


def _fill(ax, frame: gpd.GeoDataFrame, style: Style, zorder: int, *, opacity: float | None = None) -> None:
    """Fill the polygons of ``frame`` (holes kept) as one collection, in ``style``'s fill.

    NOTE: drawn with matplotlib directly: ``GeoDataFrame.plot`` redraws the whole figure on
    every call, which made one picture take seconds.
    """
    paths = [
        Path.make_compound_path(*(Path(list(ring.coords), closed=True) for ring in (p.exterior, *p.interiors)))
        for p in _polygons(frame.geometry)
    ]
    alpha = style.fill_opacity if opacity is None else opacity
    if paths:
        ax.add_collection(
            PathCollection(paths, facecolors=style.fill_color, edgecolors="none", alpha=alpha, zorder=zorder)
        )


def _outline(ax, frame: gpd.GeoDataFrame, style: Style, zorder: int) -> None:
    """Draw the rings of the polygons of ``frame`` as lines in ``style``."""
    rings = [list(ring.coords) for p in _polygons(frame.geometry) for ring in (p.exterior, *p.interiors)]
    if rings:
        ax.add_collection(_lines(rings, style, zorder))


def _lines(segments, style: Style, zorder: int) -> LineCollection:
    return LineCollection(
        segments,
        colors=style.color,
        linewidths=style.line_width(),
        linestyles=style.line_style(),
        alpha=style.opacity,
        zorder=zorder,
    )


def _area(ax, frame: gpd.GeoDataFrame, style: Style, zorder: int) -> None:
    if len(frame):
        _fill(ax, frame, style, zorder)
        _outline(ax, frame, style, zorder)


def _draw_points(ax, frame: gpd.GeoDataFrame, style: Style, zorder: int) -> None:
    """Points as the map draws a sourced one (a solid dot); a placeholder position as a ring."""
    if not len(frame):
        return
    unknown = frame["position_method"] == PLACEHOLDER if "position_method" in frame else frame.index != frame.index
    size = style.point_size()
    solid = frame[~unknown]
    if len(solid):
        ax.scatter(
            solid.geometry.x,
            solid.geometry.y,
            s=size,
            c=style.color,
            edgecolors="#FFFFFF",
            linewidths=0.9,
            zorder=zorder,
        )
    if unknown.any():  # location unknown: a ring, never a dot that reads as a place
        part = frame[unknown]
        ax.scatter(
            part.geometry.x,
            part.geometry.y,
            s=size,
            facecolors="#FFFFFF",
            edgecolors=style.color,
            linewidths=1.6,
            zorder=zorder,
        )


# --------------------------------------------------------------------------------------
# One drawer per layer: (ax, info, data, kel) -> None, styles from the registry


def _hotspots(ax, info: LayerInfo, data: MapData, kel: gpd.GeoDataFrame) -> None:
    hs = _utm(data.pack.table("hotspots"), data.pack.metric_crs)
    _draw_points(ax, hs[hs["type"] == info.key.removeprefix("hotspots_")], info.style("point"), 8)


def _coverage(ax, info: LayerInfo, data: MapData, kel: gpd.GeoDataFrame) -> None:
    tech = "4G" if info.key == "coverage_4g" else "3G_only"
    _area(ax, _utm(data.coverage[data.coverage["technology"] == tech], data.pack.metric_crs), info.style("area"), 2)


def _cell_sites(ax, info: LayerInfo, data: MapData, kel: gpd.GeoDataFrame) -> None:
    _draw_points(ax, _utm(data.pack.table("cell_sites"), data.pack.metric_crs), info.style("point"), 7)


def _broadband(ax, info: LayerInfo, data: MapData, kel: gpd.GeoDataFrame) -> None:
    fibre = kel["kode"].map(data.figures.set_index("kode")["fibre"]).fillna(False).astype(bool)
    for has, part in ((True, "fibre_yes"), (False, "fibre_no")):
        _area(ax, kel[fibre == has], info.style(part), 2)


def _network(ax, info: LayerInfo, data: MapData, kel: gpd.GeoDataFrame) -> None:
    sites = _utm(data.pack.table("gov_sites"), data.pack.metric_crs).set_index("id")
    links = data.pack.table("network_links")
    xy = dict(zip(sites.index, zip(sites.geometry.x, sites.geometry.y, strict=True), strict=True))
    segments = [[xy[a], xy[b]] for a, b in zip(links["from_id"], links["to_id"], strict=True)]
    if segments:
        ax.add_collection(_lines(segments, info.style("link"), 5))
    server = sites["role"] == "server_room"
    _draw_points(ax, sites[~server], info.style("site"), 6)
    _draw_points(ax, sites[server], info.style("server"), 6)


def _gaps(ax, info: LayerInfo, data: MapData, kel: gpd.GeoDataFrame) -> None:
    from .planning import gaps

    table = gaps(data.figures, min_share_4g=rules.MIN_SHARE_4G)
    _area(ax, kel[kel["kode"].isin(list(table["kode"]))], info.style("area"), 3)


def _tourism(ax, info: LayerInfo, data: MapData, kel: gpd.GeoDataFrame) -> None:
    _area(ax, _utm(data.pack.table("tourism_areas"), data.pack.metric_crs), info.style("area"), 3)


DRAWERS = {
    "hotspots_public": _hotspots,
    "hotspots_internal": _hotspots,
    "coverage_4g": _coverage,
    "coverage_3g": _coverage,
    "cell_sites": _cell_sites,
    "broadband": _broadband,
    "network": _network,
    "gaps": _gaps,
    "tourism": _tourism,
}
assert set(DRAWERS) == set(LAYER_KEYS), "every registered layer needs a drawer in the picture"


def _legend_handle(item: LegendItem):
    """The legend symbol of ``item``: a dot, a ring, a (dashed) line or a filled patch."""
    if item.shape in ("dot", "ring"):
        ring = item.shape == "ring"
        face, edge = ("#FFFFFF", item.color) if ring else (item.color, "#FFFFFF")
        return Line2D(
            [], [], marker="o", linestyle="none", markersize=7, markerfacecolor=face, markeredgecolor=edge,
            markeredgewidth=1.6 if ring else None, label=item.label,
        )  # fmt: skip
    if item.shape in ("dash", "line"):
        style = (0, (3, 2)) if item.shape == "dash" else "-"
        return Line2D([], [], color=item.color, linewidth=2, linestyle=style, label=item.label)
    return Patch(facecolor=item.color, edgecolor=item.color, alpha=0.45, label=item.label)


def legend_entries(
    data: MapData, layer_keys: Sequence[str], lang: str, *, selected: bool, classes: Classes | None = None
) -> list[LegendItem]:
    """The legend of the picture: every symbol with its text and the data status of what it draws."""
    lang = normalise_lang(lang)

    def with_status(label: str, status: str) -> str:
        return f"{label} ({t(f'status.{status}', lang)})"

    kel_status = data.pack.meta("kelurahan").status
    items = [LegendItem(with_status(t("layer.kelurahan", lang), kel_status), BASE_STYLES["kelurahan"].color, "line")]
    if selected:
        items.append(LegendItem(t("brief.map.selection", lang), BASE_STYLES["selection"].color, "line"))
    if classes is not None:
        items += [
            LegendItem(f"{classes.label}: {text} ({t(f'status.{classes.status}', lang)})", colour, "fill")
            for text, colour in classes.legend
        ]
    for key in LAYER_KEYS:
        if key in layer_keys:
            info = layer_info(key)
            status = info.status(data.pack)
            items += [
                LegendItem(with_status(item.label, status), item.color, item.shape)
                for item in legend_items(info, data.pack, lang)
            ]
    hotspots = data.pack.table("hotspots")
    shown_kinds = {key.removeprefix("hotspots_") for key in layer_keys if key.startswith("hotspots_")}
    if (hotspots["type"].isin(shown_kinds) & (hotspots["position_method"] == PLACEHOLDER)).any():
        color = layer_info("hotspots_public").style("point").color
        items.append(LegendItem(t(f"position.{PLACEHOLDER}", lang), color, "ring"))  # type: ignore[arg-type]
    return items


# --------------------------------------------------------------------------------------
# The picture


def _north_and_scale(ax, extent: tuple[float, float, float, float], lang: str) -> None:
    """A north arrow (top right) and a scale bar (bottom left), in axes and data units."""
    minx, miny, maxx, maxy = extent
    ax.annotate(
        "N",
        xy=(0.955, 0.965),
        xytext=(0.955, 0.875),
        xycoords="axes fraction",
        ha="center",
        va="center",
        fontsize=10,
        fontweight="bold",
        color="#1B2733",
        zorder=11,
        arrowprops={"arrowstyle": "-|>", "color": "#1B2733", "linewidth": 1.4},
    )
    length = _nice_length(maxx - minx)
    x0, y0 = minx + 0.03 * (maxx - minx), miny + 0.035 * (maxy - miny)
    ax.plot([x0, x0 + length], [y0, y0], color="#1B2733", linewidth=3, solid_capstyle="butt", zorder=11)
    ax.text(
        x0 + length / 2,
        y0 + 0.015 * (maxy - miny),
        _scale_label(length, lang),
        ha="center",
        va="bottom",
        fontsize=7.5,
        color="#1B2733",
        zorder=11,
        **_TEXT,
    )


def _legend(fig: Figure, items: list[LegendItem]) -> None:
    """The legend under the map, two columns; its texts are plain text (never mathtext)."""
    legend = fig.legend(
        handles=[_legend_handle(item) for item in items],
        loc="lower center",
        ncol=2,
        frameon=False,
        fontsize=7.5,
        bbox_to_anchor=(0.5, 0.005),
        handlelength=2.2,
        columnspacing=1.6,
        borderaxespad=0.2,
    )
    for text in legend.get_texts():
        text.set_parse_math(False)


def _map_axes(fig: Figure, n_items: int):
    """The map's axes above a legend of ``n_items`` in two columns; (axes, width / height)."""
    legend_h = min(0.34, 0.045 + 0.036 * -(-n_items // 2))
    ax = fig.add_axes((0.01, legend_h, 0.98, 0.99 - legend_h))
    ax.set_axis_off()
    box = ax.get_position()
    return ax, (box.width * WIDTH_IN) / (box.height * HEIGHT_IN)


def _draw_map(
    ax, data: MapData, kel, kec, shown: Sequence[str], codes: Sequence[str], classes: Classes | None = None
) -> None:
    """Kelurahan (in the measure's colours), the shown layers (``DRAWERS``), kecamatan borders and
    the selection, bottom to top."""
    # NOTE: the picture has no basemap under it: its kelurahan fill is opaque (the map's is 0.45)
    _fill(ax, kel, BASE_STYLES["kelurahan"], 1, opacity=0.9)
    if classes is not None:  # the measure's colours, as the map draws them
        colour_of = {code: colour for code, colour, _name, _text in classes.rows}
        for colour in dict.fromkeys(colour_of.values()):
            paths = [
                Path.make_compound_path(*(Path(list(r.coords), closed=True) for r in (p.exterior, *p.interiors)))
                for p in _polygons(kel[kel["kode"].map(colour_of) == colour].geometry)
            ]
            if paths:
                ax.add_collection(PathCollection(paths, facecolors=colour, edgecolors="none", alpha=0.78, zorder=1.5))
    _outline(ax, kel, BASE_STYLES["kelurahan"], 1)
    for key in shown:
        DRAWERS[key](ax, layer_info(key), data, kel)
    _outline(ax, kec, BASE_STYLES["kecamatan"], 4)
    if codes:
        chosen = kel[kel["kode"].isin(codes)]
        _fill(ax, chosen, BASE_STYLES["selection"], 4)
        _outline(ax, chosen, BASE_STYLES["selection"], 9)


def render_map_png(
    data: MapData,
    codes: Sequence[str] = (),
    layer_keys: Sequence[str] = (),
    lang: str = "id",
    *,
    dpi: int = DPI,
    classes: Classes | None = None,
) -> bytes:
    """A PNG of the map view: ``codes`` selected (none = whole city), ``layer_keys`` shown.

    Parameters
    ----------
    data
        The prepared map data (:func:`smartcity_geo.mapdata.prepare_map_data`).
    codes
        Selected kelurahan codes; the picture frames them (at least ``MIN_SPAN_M`` wide).
    layer_keys
        The layers shown on the map; unknown keys are ignored.
    lang
        Language of the legend and the scale.
    dpi
        Resolution; the picture is ``WIDTH_IN`` x ``HEIGHT_IN`` inches.
    classes
        The choropleth measure the map is coloured by (:func:`smartcity_geo.choropleth.classify`):
        the kelurahan in its colours, and its classes in the legend with its status.

    Returns
    -------
    bytes
        The PNG file; the same arguments always give the same bytes.
    """
    lang = normalise_lang(lang)
    codes = sorted(set(codes))
    shown = [k for k in LAYER_KEYS if k in set(layer_keys)]
    kel = _utm(data.kelurahan, data.pack.metric_crs)
    kec = _utm(data.kecamatan, data.pack.metric_crs)

    with matplotlib.rc_context({"font.family": "DejaVu Sans", "font.size": 8, "svg.hashsalt": "briefing"}):
        fig = Figure(figsize=(WIDTH_IN, HEIGHT_IN), dpi=dpi, facecolor="#FFFFFF")
        FigureCanvasAgg(fig)
        items = legend_entries(data, shown, lang, selected=bool(codes), classes=classes)
        ax, aspect = _map_axes(fig, len(items))
        minx, miny, maxx, maxy = _fit_aspect(_frame_extent(data, kel, codes), aspect)

        _draw_map(ax, data, kel, kec, shown, codes, classes)

        ax.set_xlim(minx, maxx)
        ax.set_ylim(miny, maxy)
        ax.set_aspect("equal", adjustable="box")
        mapnames.draw_names(ax, fig, kel, mapnames.symbols(data, shown), codes, lang, dpi)

        _north_and_scale(ax, (minx, miny, maxx, maxy), lang)
        _legend(fig, items)

        out = io.BytesIO()
        fig.savefig(out, format="png", dpi=dpi, facecolor="#FFFFFF", metadata={"Software": None})
    return out.getvalue()


def png_data_uri(png: bytes) -> str:
    """``data:image/png;base64,...`` for embedding ``png`` in an HTML document."""
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


__all__ = [
    "DRAWERS",
    "LAYER_KEYS",
    "legend_entries",
    "png_data_uri",
    "render_map_png",
]
