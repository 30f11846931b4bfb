"""Geometry and tooltip data prepared for the browser (no folium, no caching).

Every GeoJSON the map sends passes through :func:`to_browser`: EPSG:4326, coordinates at
:data:`COORD_DECIMALS` (the precision the data has, about 1 m), only the properties a
tooltip needs, every text value HTML-escaped (folium's tooltips insert them as HTML).

The kelurahan polygons are sent once, with the base map. Layers drawn on the kelurahan
(fibre, gaps, the choropleth, the selection) send only a value per kelurahan code
(:func:`layer_parts` ``"kelurahan"`` part); the browser reuses the base map's polygons.
Their tooltip rows are plain text, shown with ``textContent``.

The app caches these functions' results (``ui/loaders.py``); they are pure.
"""

from __future__ import annotations

import html
import json
from collections.abc import Callable

import geopandas as gpd
import pandas as pd
import shapely
from shapely.geometry import LineString, mapping

from . import WGS84
from .formatting import format_number, format_percent
from .i18n import localized
from .mapdata import MapData
from .planning import gaps
from .registry import POSITION_CLASS, position_class, status_word, tourism_frame
from .rules import MIN_SHARE_4G
from .strings import t

COORD_DECIMALS = 5  # ~1 m at the equator; the pack's 6 decimals (~0.1 m) claim more than the data has


def round_geometry(geom, decimals: int | None = COORD_DECIMALS):
    """``geom`` on a grid of ``decimals`` (None: as it is, for a zoom band already on its own grid)."""
    if geom is None or decimals is None:
        return geom
    return shapely.set_precision(geom, 10**-decimals)


def compact_json(value: object) -> str:
    """JSON without spaces, safe inside a ``<script>`` (``<``, ``>``, ``&``, ``'`` escaped)."""
    text = json.dumps(value, separators=(",", ":"), ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026").replace("'", "\\u0027")


def to_browser(
    frame: gpd.GeoDataFrame, props: dict[str, Callable[[pd.Series], object]], decimals: int | None = COORD_DECIMALS
) -> dict:
    """A GeoJSON dict for the browser: EPSG:4326, rounded, only ``props``, text escaped.

    ``decimals`` None keeps the coordinates as they are: a province's zoom band is a coverage
    simplified on its own grid, and rounding each polygon again would open gaps between them.
    """
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
                "geometry": mapping(round_geometry(row.geometry, decimals)),
            }
        )
    return {"type": "FeatureCollection", "features": features}


def feature_count(parts: dict) -> int:
    """How many features a layer's parts hold (0: an empty layer)."""
    total = 0
    for value in parts.values():
        if isinstance(value, dict) and value.get("type") == "FeatureCollection":
            total += len(value["features"])
        elif isinstance(value, dict):
            total += len(value)
    return total


# --------------------------------------------------------------------------------------
# Base map


def kelurahan_geojson(data: MapData, lang: str) -> dict:
    """The kelurahan polygons with code, name and kecamatan (sent once, with the base map;
    a province's from its lightest zoom band, :attr:`MapData.drawn`)."""
    return to_browser(
        data.drawn,
        {"kode": lambda r: r["kode"], "kelurahan": lambda r: r["kelurahan"], "kecamatan": lambda r: r["kecamatan"]},
        None if data.province is not None else COORD_DECIMALS,
    )


def kecamatan_geojson(data: MapData) -> dict:
    """The borders drawn over the villages: the kecamatan, or a province's kab/kota outlines."""
    if data.province is not None:
        return to_browser(data.province.kabkota, {"kecamatan": lambda r: r["nama"], "kode": lambda r: r["kode"]}, None)
    return to_browser(data.kecamatan, {"kecamatan": lambda r: r["kecamatan"]})


# --------------------------------------------------------------------------------------
# Layers


def _point_props(lang: str, extra: dict[str, Callable[[pd.Series], object]]) -> dict:
    props = dict(extra)
    props.update(
        {
            "position": lambda r: (
                t(f"position.{r['position_method']}", lang)
                if str(r["position_method"]) in POSITION_CLASS
                else str(r["position_method"])
            ),
            "note": lambda r: localized(r, "position_note", lang),
            "status": lambda r: status_word(r["status"], lang),
            "pclass": lambda r: position_class(r["position_method"]),
        }
    )
    return props


def _hotspots(kind: str, data: MapData, lang: str) -> dict:
    hs = data.pack.table("hotspots")
    hs = hs[hs["type"] == kind]
    names = dict(zip(data.kelurahan["kode"], data.kelurahan["kelurahan"], strict=True))
    props = _point_props(
        lang,
        {
            "name": lambda r: localized(r, "name", lang),
            "type": lambda r: t(f"hotspot.{r['type']}", lang),
            "kel": lambda r: names.get(r["kelurahan_code"], ""),
        },
    )
    return {"points": to_browser(hs, props)}


def _coverage(tech: str, key: str, data: MapData, lang: str) -> dict:
    cov = data.coverage[data.coverage["technology"] == tech]
    status = status_word(data.pack.meta("cell_sites").status, lang)
    label = t(f"layer.{key}", lang)
    return {"areas": to_browser(cov, {"label": lambda _r: label, "status": lambda _r: status})}


def _cell_sites(data: MapData, lang: str) -> dict:
    sites = data.pack.table("cell_sites")
    return {
        "points": to_browser(
            sites,
            {
                "id": lambda r: r["id"],
                "operator": lambda r: r["operator"],
                "technology": lambda r: r["technology"],
                "radius": lambda r: f"{format_number(r['radius_m'], lang)} m",
                "position": lambda r: t(f"position.{r.get('position_method', 'sample')}", lang),
                "status": lambda r: status_word(r["status"], lang),
                "pclass": lambda r: position_class(r.get("position_method", "sample")),
            },
        )
    }


def _broadband(data: MapData, lang: str) -> dict:
    status = status_word(data.pack.meta("broadband").status, lang)
    values = {}
    for _, row in data.figures.iterrows():
        if row["fibre"] is None or pd.isna(row["fibre"]):
            continue
        values[row["kode"]] = {
            "on": bool(row["fibre"]),
            "tip": [
                ["", row["kelurahan"]],
                [t("tip.fibre", lang), t("legend.fibre_yes" if row["fibre"] else "legend.fibre_no", lang)],
                [t("tip.households", lang), format_percent(row["households_passed_share"], lang)],
                [t("tip.status", lang), status],
            ],
        }
    return {"kelurahan": values}


def _network(data: MapData, lang: str) -> dict:
    sites = data.pack.table("gov_sites").set_index("id")
    links = data.pack.table("network_links")
    lines = []
    for _, link in links.iterrows():
        a, b = sites.loc[link["from_id"]].geometry, sites.loc[link["to_id"]].geometry
        lines.append(
            {
                "name": f"{localized(sites.loc[link['from_id']], 'name', lang)} – "
                f"{localized(sites.loc[link['to_id']], 'name', lang)}",
                "status": link["status"],
                "geometry": LineString([a, b]),
            }
        )
    line_frame = gpd.GeoDataFrame(lines, columns=["name", "status", "geometry"], geometry="geometry", crs=WGS84)
    site_frame = data.pack.table("gov_sites")
    props = _point_props(
        lang, {"name": lambda r: localized(r, "name", lang), "role": lambda r: t(f"role.{r['role']}", lang)}
    )
    return {
        "lines": to_browser(
            line_frame, {"name": lambda r: r["name"], "status": lambda r: status_word(r["status"], lang)}
        ),
        "sites": to_browser(site_frame[site_frame["role"] != "server_room"], props),
        "server": to_browser(site_frame[site_frame["role"] == "server_room"], props),
    }


def _gaps(data: MapData, lang: str) -> dict:
    table = gaps(data.figures, min_share_4g=MIN_SHARE_4G, lang=lang)
    return {
        "kelurahan": {
            row["kode"]: {"tip": [["", row["kelurahan"]], [t("tip.gaps", lang), row["reasons"]]]}
            for _, row in table.iterrows()
        }
    }


def _tourism(data: MapData, lang: str) -> dict:
    areas = data.pack.table("tourism_areas")
    frame = tourism_frame(data.pack, lang)
    return {
        "areas": to_browser(
            areas,
            {
                "name": lambda r: localized(r, "name", lang),
                "frame": lambda _r: frame,
                "theme": lambda r: t(f"theme.{r['theme']}", lang),
                "designation": lambda r: localized(r, "designation", lang),
                "extent": lambda r: t(f"extent.{r['extent_method']}", lang),
                "extent_note": lambda r: localized(r, "extent_note", lang),
            },
        )
    }


_PARTS: dict[str, Callable[[MapData, str], dict]] = {
    "hotspots_public": lambda d, lang: _hotspots("public", d, lang),
    "hotspots_internal": lambda d, lang: _hotspots("internal", d, lang),
    "coverage_4g": lambda d, lang: _coverage("4G", "coverage_4g", d, lang),
    "coverage_3g": lambda d, lang: _coverage("3G_only", "coverage_3g", d, lang),
    "cell_sites": _cell_sites,
    "broadband": _broadband,
    "network": _network,
    "gaps": _gaps,
    "tourism": _tourism,
}


def layer_parts(key: str, data: MapData, lang: str) -> dict:
    """What layer ``key`` sends to the browser: GeoJSON parts, or values per kelurahan code.

    An empty layer (no row in its dataset) gives parts with no features, never an error.
    """
    return _PARTS[key](data, lang)


def position_classes(parts: dict) -> set[str]:
    """The precision classes of the points in a layer's parts."""
    return {
        f["properties"]["pclass"]
        for value in parts.values()
        if isinstance(value, dict) and value.get("type") == "FeatureCollection"
        for f in value["features"]
        if "pclass" in f["properties"]
    }
