"""The village names on the briefing's map picture: the map's one placement rule
(:func:`smartcity_geo.labels.place_labels`) applied in the figure's pixels.

Split from :mod:`smartcity_geo.mapimage` (the picture) so each stays readable.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

import geopandas as gpd
import shapely
from matplotlib.figure import Figure

from . import labels
from .mapdata import MapData
from .registry import LAYER_KEYS, layer_info
from .strings import t

TEXT = {"parse_math": False}  # names are text, never matplotlib mathtext


NAME_PT = 6.0  # the names' size (points); in px at the figure's dpi for the placement


def symbols(data: MapData, shown: Sequence[str]) -> list[tuple[float, float]]:
    """(x, y) in metres of every site symbol drawn: the names keep clear of them."""
    out: list[tuple[float, float]] = []
    for key in LAYER_KEYS:
        spec = layer_info(key)
        if spec.key in shown and spec.points:
            frame = data.pack.table(spec.points).to_crs(data.pack.metric_crs)
            if spec.key.startswith("hotspots_"):
                frame = frame[frame["type"] == spec.key.removeprefix("hotspots_")]
            out += [(g.x, g.y) for g in frame.geometry if g is not None and not g.is_empty]
    return out


def draw_names(ax, fig: Figure, kel: gpd.GeoDataFrame, symbols, codes: Sequence[str], lang: str, dpi: int) -> None:
    """Every kelurahan name where the map's rule puts it: inside, or beside with a leader line;
    the names with no room are listed under the map (a selected name is placed first)."""
    ax.apply_aspect()
    height = fig.bbox.height
    to_px = ax.transData.transform
    from_px = ax.transData.inverted().transform

    def screen(xy):  # display px with y down, as the rule expects
        out = to_px(xy)
        out[:, 1] = height - out[:, 1]
        return out

    shapes = [
        (code, str(name), shapely.transform(geom, screen))
        for code, name, geom in zip(kel["kode"], kel["kelurahan"], kel.geometry, strict=True)
    ]
    frame_box = ax.get_window_extent()
    frame = (frame_box.x0, height - frame_box.y1, frame_box.x1, height - frame_box.y0)
    fw, fh = frame[2] - frame[0], frame[3] - frame[1]
    keep_out = [
        (frame[0] + 0.90 * fw, frame[1], frame[2], frame[1] + 0.16 * fh),  # the north arrow
        (frame[0], frame[1] + 0.90 * fh, frame[0] + 0.30 * fw, frame[3]),  # the scale bar
        (frame[0], frame[1], frame[0] + 0.60 * fw, frame[1] + 0.05 * fh),  # the key of names with no room
    ]
    points = screen(symbols).tolist() if symbols else []
    font_px = NAME_PT * dpi / 72
    layout = labels.place_labels(
        shapes, font_px, frame=frame, obstacles=points, keep_out=keep_out, priority=codes, max_leader_px=font_px * 4
    )
    picked = set(codes)
    for p in layout.placed:
        x, y = from_px([[p.x, height - p.y]])[0]
        beside = p.anchor is not None
        ax.text(
            x,
            y,
            p.text,
            ha="center",
            va="center",
            zorder=10,
            fontsize=NAME_PT,
            fontweight="bold",
            color="#0B3D91" if p.code in picked else "#1B2733",
            clip_on=True,
            bbox={"boxstyle": "square,pad=0.05", "facecolor": "#FFFFFF", "alpha": 0.6, "edgecolor": "none"}
            if beside
            else None,
            **TEXT,
        )
        line = p.leader()
        if line is not None:
            (ax_, ay_), (bx_, by_) = line
            (x0, y0), (x1, y1) = from_px([[ax_, height - ay_], [bx_, height - by_]])
            ax.plot([x0, x1], [y0, y1], color="#1B2733", linewidth=0.7, zorder=9.5)
            ax.plot([x0], [y0], marker="o", markersize=1.6, color="#1B2733", zorder=9.5)
    if layout.unplaced:
        names = dict(zip(kel["kode"], kel["kelurahan"], strict=True))
        key = f"{t('map.names_key', lang)}: {', '.join(str(names[c]) for c in layout.unplaced)}"
        ax.text(
            0.01,
            0.995,
            "\n".join(textwrap.wrap(key, 110)),
            transform=ax.transAxes,
            ha="left",
            va="top",
            fontsize=6.5,
            color="#1B2733",
            zorder=11,
            bbox={"boxstyle": "round,pad=0.3", "facecolor": "#FFFFFF", "alpha": 0.9, "edgecolor": "none"},
            **TEXT,
        )
