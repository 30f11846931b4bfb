"""Where the kelurahan names go: one placement rule for the live map and the briefing's picture.

:func:`place_labels` takes the kelurahan polygons already in screen pixels (x right, y down),
the font size and what must stay uncovered (site symbols, the legend), and decides for
each name, in this order:

1. **inside** its polygon, where the name's box fits (at the polygon's pole of
   inaccessibility, or a little off it);
2. **beside** it, as close as room allows (at most ``max_leader_px`` away), with a short
   leader line from inside the polygon to the name;
3. otherwise **not drawn**: the name is listed in the small key under the map
   (:attr:`Layout.unplaced`). Names are never shortened.

No name overlaps another name, a site symbol or a keep-out box (the legend), and none
leaves the frame. Selected kelurahan (``priority``) are placed first, so a selected name
is always drawn when any room is left for it; then the smallest polygons, whose names have
the fewest places to go.

The sizes of names are measured with the font the map uses (DejaVu Sans Bold, the font
matplotlib ships and Debian's browsers use), so what is placed here is what is drawn.

Two renderers use it: :func:`zoom_table` computes the live map's placements at every tenth
of a zoom level (the map's ``zoomSnap``) from Web-Mercator pixels, so the browser only
draws them (:class:`smartcity_geo.mapelements.KelurahanLabels`); :mod:`smartcity_geo.mapimage`
calls :func:`place_labels` with its figure's pixels.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry
from shapely.ops import polylabel

#: The font of the names, as CSS and matplotlib name it.
FONT_FAMILY = "DejaVu Sans"
FONT_CSS = '"DejaVu Sans", Verdana, sans-serif'
FONT_WEIGHT = 700
LINE_FACTOR = 1.2  # a name's box is this many times its font size high
PAD_PX = 2.0  # kept clear around each name
SYMBOL_RADIUS_PX = 7.0  # a site symbol's radius and its white edge
INSIDE_SHARE = 0.92  # share of a name's box that must lie inside its polygon to count as "inside"
ANGLES = 16  # directions tried around a polygon for a name beside it

Box = tuple[float, float, float, float]  # x0, y0, x1, y1 (px)


@lru_cache(maxsize=1)
def _font():
    from matplotlib import font_manager
    from matplotlib.ft2font import FT2Font

    path = font_manager.findfont(font_manager.FontProperties(family=FONT_FAMILY, weight="bold"))
    return FT2Font(path)


@lru_cache(maxsize=4096)
def text_width(text: str, font_px: float) -> float:
    """The width (px) of ``text`` in the names' font at ``font_px``."""
    font = _font()
    font.set_size(font_px, 72)  # 72 dpi: one point is one pixel
    font.set_text(text, 0.0)
    return font.get_width_height()[0] / 64.0 + 1.0


@dataclass(frozen=True)
class Placement:
    """One name: its box's centre and size (px), and where its leader line starts (``None`` inside)."""

    code: str
    text: str
    x: float
    y: float
    width: float
    height: float
    anchor: tuple[float, float] | None = None

    @property
    def box(self) -> Box:
        return (self.x - self.width / 2, self.y - self.height / 2, self.x + self.width / 2, self.y + self.height / 2)

    @property
    def inside(self) -> bool:
        return self.anchor is None

    def leader(self) -> tuple[tuple[float, float], tuple[float, float]] | None:
        """The leader line: from the anchor (inside the polygon) to the nearest point of the name's box."""
        if self.anchor is None:
            return None
        x0, y0, x1, y1 = self.box
        ax, ay = self.anchor
        return (ax, ay), (min(max(ax, x0), x1), min(max(ay, y0), y1))


@dataclass(frozen=True)
class Layout:
    placed: tuple[Placement, ...]
    unplaced: tuple[str, ...]  # codes of the names listed in the key instead

    def by_code(self) -> dict[str, Placement]:
        return {p.code: p for p in self.placed}


def _overlaps(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _segment_hits(p: tuple[float, float], q: tuple[float, float], b: Box) -> bool:
    """Whether the segment p-q crosses box ``b`` (Liang-Barsky clipping)."""
    dx, dy = q[0] - p[0], q[1] - p[1]
    t0, t1 = 0.0, 1.0
    for edge_p, edge_q in ((-dx, p[0] - b[0]), (dx, b[2] - p[0]), (-dy, p[1] - b[1]), (dy, b[3] - p[1])):
        if edge_p == 0:
            if edge_q < 0:
                return False
            continue
        r = edge_q / edge_p
        if edge_p < 0:
            t0 = max(t0, r)
        else:
            t1 = min(t1, r)
        if t0 > t1:
            return False
    return True


def _span(p: tuple[float, float], q: tuple[float, float]) -> Box:
    """The bounding box of the segment p-q."""
    return (min(p[0], q[0]), min(p[1], q[1]), max(p[0], q[0]), max(p[1], q[1]))


class _Grid:
    """Items filed by the square cells (``cell`` px) their box touches: :meth:`near` gives only
    the items whose cells a box touches, so each test of a candidate name looks at its
    neighbours, not at every name placed (474 names over 31 zoom steps: 24 s -> ~1 s).
    An item touching several cells is given once per cell; the tests are the same either way."""

    def __init__(self, cell: float) -> None:
        self.cell = cell
        self.cells: dict[tuple[int, int], list] = {}

    def _keys(self, b: Box):
        c = self.cell
        for i in range(math.floor(b[0] / c), math.floor(b[2] / c) + 1):
            for j in range(math.floor(b[1] / c), math.floor(b[3] / c) + 1):
                yield i, j

    def add(self, b: Box, item) -> None:
        for key in self._keys(b):
            self.cells.setdefault(key, []).append(item)

    def near(self, b: Box):
        cells = self.cells
        for key in self._keys(b):
            yield from cells.get(key, ())


def _anchor(poly: BaseGeometry) -> tuple[float, float]:
    """The point deepest inside the polygon (its largest part's pole of inaccessibility)."""
    part = max(getattr(poly, "geoms", [poly]), key=lambda g: g.area)
    point = polylabel(part, tolerance=max(1.0, math.sqrt(part.area) / 50))
    return point.x, point.y


def place_labels(
    polygons: Sequence[tuple[str, str, BaseGeometry]],
    font_px: float,
    *,
    frame: Box | None = None,
    obstacles: Iterable[tuple[float, float]] = (),
    keep_out: Iterable[Box] = (),
    priority: Iterable[str] = (),
    max_leader_px: float | None = None,
    symbol_radius_px: float = SYMBOL_RADIUS_PX,
    anchors: Mapping[str, tuple[float, float]] | None = None,
) -> Layout:
    """Place the name of every polygon (``(code, name, polygon in px)``); see the module docstring.

    Over 80 lines on purpose: one greedy pass (selected names first, then inside, then beside
    with a leader, then the key) whose order is the placement rule; split, the rule would be
    read across several functions.

    ``anchors`` (px, by code) replaces each polygon's own anchor: the live map passes one anchor
    per name for every zoom, so a name's place is the same few pixel offsets at every zoom.
    """
    height = font_px * LINE_FACTOR
    max_leader = max_leader_px if max_leader_px is not None else font_px * 4.5
    r = symbol_radius_px
    blocked = _Grid(max(font_px * 8, 32.0))  # symbols, keep-out boxes and names placed so far (padded)
    for b in [(x - r, y - r, x + r, y + r) for x, y in obstacles] + list(keep_out):
        blocked.add(b, b)
    taken = _Grid(blocked.cell)  # names placed so far (with their padding), for leader lines
    leaders = _Grid(blocked.cell)  # leader lines drawn so far, filed by their bounding box
    first = set(priority)

    items = []
    for code, name, poly in polygons:
        if poly is None or poly.is_empty:
            continue
        text = str(name)
        anchor = anchors[code] if anchors is not None else _anchor(poly)
        items.append((code, text, poly, text_width(text, font_px), anchor))
    items.sort(key=lambda it: (it[0] not in first, it[2].area, it[0]))

    def free(b: Box) -> bool:
        if frame is not None and (b[0] < frame[0] or b[1] < frame[1] or b[2] > frame[2] or b[3] > frame[3]):
            return False
        if any(_overlaps(b, o) for o in blocked.near(b)):
            return False
        return not any(_segment_hits(p, q, b) for p, q in leaders.near(b))

    placed: list[Placement] = []
    unplaced: list[str] = []
    for code, text, poly, width, (ax, ay) in items:
        w, h = width + 2 * PAD_PX, height + 2 * PAD_PX
        found: Placement | None = None
        # 1. inside: at the anchor, then a little off it (never where the polygon's own box is
        # too small to hold INSIDE_SHARE of the name's box: no geometry is asked then)
        px0, py0, px1, py1 = poly.bounds
        fits = (min(w, px1 - px0) * min(h, py1 - py0)) >= INSIDE_SHARE * w * h
        for dx, dy in ((0, 0), (0, -h * 0.6), (0, h * 0.6), (-w * 0.2, 0), (w * 0.2, 0), (0, -h * 1.2), (0, h * 1.2)):
            if not fits:
                break
            cx, cy = ax + dx, ay + dy
            b = (cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2)
            if not free(b):
                continue
            # the share of the box inside: GEOS's rectangle clip (no overlay, no box built)
            if shapely.clip_by_rect(poly, *b).area >= INSIDE_SHARE * w * h:
                found = Placement(code, text, cx, cy, width, height)
                break
        # 2. beside, nearest first, with a leader line that crosses no other name
        if found is None:
            steps = [h * 0.3, h * 0.8, h * 1.5, h * 2.3, h * 3.2]
            for gap in [g for g in steps if g <= max_leader]:
                for k in range(ANGLES):
                    angle = 2 * math.pi * k / ANGLES
                    c, s = math.cos(angle), math.sin(angle)
                    cx, cy = ax + c * (gap + w / 2), ay + s * (gap + h / 2)
                    b = (cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2)
                    if not free(b):
                        continue
                    candidate = Placement(code, text, cx, cy, width, height, anchor=(ax, ay))
                    p, q = candidate.leader()  # type: ignore[misc]
                    if any(_segment_hits(p, q, o) for o in taken.near(_span(p, q))):
                        continue
                    found = candidate
                    break
                if found is not None:
                    break
        if found is None:
            unplaced.append(code)
            continue
        placed.append(found)
        x0, y0, x1, y1 = found.box
        padded = (x0 - PAD_PX, y0 - PAD_PX, x1 + PAD_PX, y1 + PAD_PX)
        blocked.add(padded, padded)
        taken.add(padded, padded)
        if found.anchor is not None:
            line = found.leader()
            leaders.add(_span(*line), line)  # type: ignore[misc]
    order = {code: i for i, (code, _n, _p) in enumerate(polygons)}
    placed.sort(key=lambda p: order[p.code])
    unplaced.sort(key=lambda c: order[c])
    return Layout(tuple(placed), tuple(unplaced))


# --------------------------------------------------------------------------------------
# The live map: Web-Mercator pixels at every tenth of a zoom level


TILE_PX = 256.0
#: Room (px) kept around the city for names beside it: the map's view keeps this margin too
#: (:class:`smartcity_geo.mapelements.LegendAwareView`).
FRAME_MARGIN_PX = 34


def mercator(lon: float, lat: float) -> tuple[float, float]:
    """World pixel coordinates at zoom 0 (x right, y down), as Leaflet's ``project``."""
    lat = max(min(lat, 85.0511), -85.0511)
    sin = math.sin(math.radians(lat))
    x = TILE_PX * (lon + 180.0) / 360.0
    y = TILE_PX * (0.5 - math.log((1 + sin) / (1 - sin)) / (4 * math.pi))
    return x, y


def _project(geom: BaseGeometry) -> BaseGeometry:
    return shapely.transform(geom, lambda xy: [list(mercator(lon, lat)) for lon, lat in xy])


def zoom_table(
    shapes: Sequence[tuple[str, str, BaseGeometry]],
    font_px: float,
    zooms: Sequence[float],
    *,
    obstacles: Iterable[tuple[float, float]] = (),
) -> dict:
    """The live map's names at each zoom in ``zooms``: what :class:`KelurahanLabels` draws.

    ``shapes`` are ``(code, name, polygon in lon/lat)``, ``obstacles`` site symbols (lon, lat).
    Returns ``{"codes", "names", "anchors": [[lat, lon]...], "widths", "font_px", "steps":
    [zoom...], "runs": [[i, first, last, dx, dy, leader]...], "zooms": {zoom: [[i, dx, dy,
    leader]...]}, "unplaced": {zoom: [i...]}}``: a name's box centre is its anchor moved by
    (dx, dy) px; ``leader`` 1 draws a line from the anchor. ``runs`` say the same as ``zooms``
    in a fraction of the bytes (what the browser is sent, :func:`wire_table`): name ``i`` sits
    at (dx, dy) from step ``first`` to step ``last`` of ``steps``. The frame is the city's box
    with :data:`FRAME_MARGIN_PX` around it.
    """
    world = [(code, name, _project(poly)) for code, name, poly in shapes]
    points = [mercator(lon, lat) for lon, lat in obstacles]
    minx = min(p.bounds[0] for _c, _n, p in world)
    miny = min(p.bounds[1] for _c, _n, p in world)
    maxx = max(p.bounds[2] for _c, _n, p in world)
    maxy = max(p.bounds[3] for _c, _n, p in world)
    anchors0 = [_anchor(p) for _c, _n, p in world]
    geoms = np.array([p for _c, _n, p in world], dtype=object)
    index = {code: i for i, (code, _n, _p) in enumerate(world)}
    table: dict[str, list] = {}
    missing: dict[str, list] = {}
    runs: list[list] = []
    open_runs: dict[int, list] = {}  # name -> its run reaching the previous step
    for step, zoom in enumerate(zooms):
        scale = 2.0**zoom
        scaled = shapely.transform(geoms, lambda xy, s=scale: xy * s)  # one call for every polygon
        polys = [(code, name, scaled[i]) for i, (code, name, _p) in enumerate(world)]
        m = FRAME_MARGIN_PX
        frame = (minx * scale - m, miny * scale - m, maxx * scale + m, maxy * scale + m)
        at = {code: (anchors0[i][0] * scale, anchors0[i][1] * scale) for code, i in index.items()}
        layout = place_labels(
            polys, font_px, frame=frame, obstacles=[(x * scale, y * scale) for x, y in points], anchors=at
        )
        rows = []
        reached: dict[int, list] = {}
        for p in layout.placed:
            i = index[p.code]
            ax, ay = at[p.code]
            row = [i, round(p.x - ax, 1), round(p.y - ay, 1), int(p.anchor is not None)]
            rows.append(row)
            run = open_runs.get(i)
            if run is not None and run[3:] == row[1:]:
                run[2] = step
            else:
                run = [i, step, step, *row[1:]]
                runs.append(run)
            reached[i] = run
        open_runs = reached
        key = f"{zoom:.1f}"
        table[key] = rows
        missing[key] = [index[c] for c in layout.unplaced]
    anchors = []
    for x, y in anchors0:
        lon = x / TILE_PX * 360.0 - 180.0
        lat = math.degrees(math.atan(math.sinh(math.pi * (1 - 2 * y / TILE_PX))))
        anchors.append([round(lat, 6), round(lon, 6)])
    return {
        "codes": [c for c, _n, _p in world],
        "names": [str(n) for _c, n, _p in world],
        "anchors": anchors,
        "widths": [round(text_width(str(n), font_px), 1) for _c, n, _p in world],
        "font_px": font_px,
        "steps": [f"{zoom:.1f}" for zoom in zooms],
        "runs": runs,
        "zooms": table,
        "unplaced": missing,
    }


def wire_table(table: dict) -> dict:
    """What the browser is sent of a :func:`zoom_table`: its ``runs`` without the per-zoom rows
    (the browser rebuilds those, :func:`rows_from_runs` in Python), and the unplaced names."""
    return {key: value for key, value in table.items() if key != "zooms"}


def rows_from_runs(table: dict) -> dict[str, list]:
    """The per-zoom rows the browser rebuilds from a :func:`wire_table` (as ``KelurahanLabels``'s
    ``expand`` does): the same rows as ``zoom_table(...)["zooms"]``."""
    rows: dict[str, list] = {step: [] for step in table["steps"]}
    for i, first, last, dx, dy, lead in sorted(table["runs"], key=lambda run: run[0]):
        for step in table["steps"][first : last + 1]:
            rows[step].append([i, dx, dy, lead])
    return rows


def zoom_steps(low: float, high: float, step: float = 0.1) -> list[float]:
    """``low`` .. ``high`` in tenths (the map's ``zoomSnap``)."""
    n = round((high - low) / step)
    return [round(low + i * step, 1) for i in range(n + 1)]


__all__ = [
    "FONT_CSS",
    "FONT_FAMILY",
    "FRAME_MARGIN_PX",
    "Layout",
    "Placement",
    "mercator",
    "place_labels",
    "text_width",
    "zoom_steps",
    "zoom_table",
]
