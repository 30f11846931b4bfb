"""What the editors' screen shows before a write: the changed rows as a table and on a map.

The map is a plain plotly figure in lon/lat (kelurahan outlines plus the changed rows), so
it needs no map tiles and works with no internet.
"""

from __future__ import annotations

import html
import re

import pandas as pd
import plotly.graph_objects as go
from shapely import wkt

from ..datapack import DataPack
from ..strings import t
from .diff import ChangeSummary

_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:&])")


def plain_markdown(text: str) -> str:
    """``text`` with every Markdown/HTML character backslash-escaped: shown as written, never run.

    For messages that carry values from a file (``st.error``/``st.success`` render Markdown).
    """
    return _MARKDOWN.sub(r"\\\1", str(text))


COLOURS = {"added": "#1E8E3E", "changed": "#E37400", "removed": "#C5221F"}


def change_table(summary: ChangeSummary, lang: str) -> pd.DataFrame:
    """One row per added, changed or removed row: the change, the key and the row's values."""
    records = []
    for change, keys in (("added", summary.added), ("changed", summary.changed), ("removed", summary.removed)):
        for key in keys:
            old, new = summary.rows[key]
            shown = new if new is not None else old
            values = {k: ("" if v is None else str(v)) for k, v in shown.items() if k != "geometry"}
            if change == "changed" and old is not None:
                values = {
                    k: (v if old.get(k) == new.get(k) else f"{'' if old.get(k) is None else old.get(k)} → {v}")
                    for k, v in values.items()
                }
            records.append(
                {t("editor.change", lang): t(f"editor.change.{change}", lang), t("editor.key", lang): key, **values}
            )
    return pd.DataFrame(records)


def _position(record: dict | None):
    if record is None:
        return None
    if record.get("geometry"):
        return wkt.loads(record["geometry"])
    if record.get("lon") is not None and record.get("lat") is not None:
        from shapely.geometry import Point

        return Point(float(record["lon"]), float(record["lat"]))
    return None


def change_figure(pack: DataPack, summary: ChangeSummary, lang: str) -> go.Figure | None:
    """Kelurahan outlines and the changed rows (green new, orange changed, red removed); None if not spatial."""
    groups: dict[str, list] = {name: [] for name in COLOURS}
    for change, keys in (("added", summary.added), ("changed", summary.changed), ("removed", summary.removed)):
        for key in keys:
            old, new = summary.rows[key]
            geom = _position(old if change == "removed" else new)
            if geom is not None:
                groups[change].append((key, geom))
    if not any(groups.values()):
        return None
    fig = go.Figure()
    xs: list[float | None] = []
    ys: list[float | None] = []
    for geom in pack.table("kelurahan").geometry:
        for poly in getattr(geom, "geoms", [geom]):
            x, y = poly.exterior.xy
            xs += [*x, None]
            ys += [*y, None]
    fig.add_trace(
        go.Scatter(x=xs, y=ys, mode="lines", line={"color": "#9AA5B1", "width": 1}, hoverinfo="skip", showlegend=False)
    )
    for change, items in groups.items():
        points = [(k, g) for k, g in items if g.geom_type == "Point"]
        shapes = [(k, g) for k, g in items if g.geom_type != "Point"]
        if points:
            fig.add_trace(
                go.Scatter(
                    x=[g.x for _, g in points],
                    y=[g.y for _, g in points],
                    mode="markers",
                    marker={"size": 11, "color": COLOURS[change], "line": {"color": "white", "width": 1}},
                    name=t(f"editor.change.{change}", lang),
                    text=[html.escape(k) for k, _ in points],
                    hoverinfo="text",
                )
            )
        for key, geom in shapes:
            for poly in getattr(geom, "geoms", [geom]):
                x, y = poly.exterior.xy
                fig.add_trace(
                    go.Scatter(
                        x=list(x),
                        y=list(y),
                        mode="lines",
                        fill="toself",
                        opacity=0.5,
                        line={"color": COLOURS[change]},
                        name=t(f"editor.change.{change}", lang),
                        text=html.escape(key),
                        hoverinfo="text",
                        showlegend=False,
                    )
                )
    fig.update_yaxes(scaleanchor="x", scaleratio=1, visible=False)
    fig.update_xaxes(visible=False)
    fig.update_layout(
        height=420, margin={"l": 0, "r": 0, "t": 10, "b": 0}, plot_bgcolor="white", legend={"orientation": "h"}
    )
    return fig
