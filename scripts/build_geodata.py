#!/usr/bin/env python
"""Build the bundled spatial data pack in ``geodata/`` from the 34 kelurahan polygons.

NOTE: longer than the house's 450 lines on purpose: a build script run by hand, not part of the
app; each dataset's placement rules are a short function, kept in one file so that the build
reads top to bottom and ``tests/test_build.py`` can rerun it byte for byte.

The boundaries come from the region builder (:mod:`smartcity_geo.regions`, the code behind
``python -m smartcity_geo region``), reading Kota Pasuruan (35.75) from the upstream datasets in
their own layout: by default the excerpt kept in ``tests/fixtures/wilayah/`` (``--upstream``
takes a folder holding clones ``wilayah_boundaries/`` and ``wilayah/``, e.g. ``../shared/data``).
With ``geodata/manifest.json`` and the seed records in ``scripts/seed/`` (see its README) it
writes into the output folder::

    kelurahan.geojson  hotspots.csv  gov_sites.csv  network_links.csv  cell_sites.csv
    broadband.csv  tourism_areas.geojson  facts.csv  manifest.json

``manifest.json`` is the input manifest with the region builder's ``pack.region``,
``metric_crs``, ``kelurahan_count`` and ``kelurahan`` entry, and one entry per other output
added (or refreshed in place) right after the ``kelurahan`` entry. ``geodata/SOURCES.md`` is
written by hand, not here.

The script is deterministic: no randomness, no network, fixed formatting, so a rerun
reproduces every file byte for byte (``tests/test_build.py`` rebuilds the pack into a
temporary folder and compares). Metric work (buffers, distances, placing points) is done in
EPSG:32749 (UTM 49S); files store EPSG:4326 rounded to 6 decimals.

NOTE: no position written here comes from a source coordinate. Every point is placed
approximately inside a kelurahan polygon (``position_method`` and ``position_note`` say how),
and the cell sites, broadband figures and network links are illustrative sample data.

Usage::

    python scripts/build_geodata.py              # rewrite geodata/ in place
    python scripts/build_geodata.py --out DIR    # write the generated files into DIR instead
    python scripts/build_geodata.py --upstream ../shared/data   # the boundaries from full clones
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import math
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import shapely
import translate_notes  # scripts/translate_notes.py, beside this script
from pyproj import Transformer
from shapely.geometry import Point, Polygon, shape
from shapely.ops import nearest_points

ROOT = Path(__file__).resolve().parents[1]
GEODATA = ROOT / "geodata"
SEED = Path(__file__).resolve().parent / "seed"
sys.path.insert(0, str(ROOT))
from smartcity_geo.regions import collect_region, kelurahan_geojson  # noqa: E402  (the library, from a checkout)
from smartcity_geo.regions.pack import boundary_entry, region_block  # noqa: E402
from smartcity_geo.schema import NumberError, parse_number  # noqa: E402
from smartcity_geo.seal import seal  # noqa: E402

#: The upstream excerpt in the repository (also the tests' fixture): 35.75, 35.76 and 35.79.
UPSTREAM = ROOT / "tests" / "fixtures" / "wilayah"
REGION_CODE = "35.75"

TO_UTM = Transformer.from_crs("EPSG:4326", "EPSG:32749", always_xy=True)
TO_WGS = Transformer.from_crs("EPSG:32749", "EPSG:4326", always_xy=True)

# Placement rules (metres, UTM 49S)
EDGE_MARGIN_M = 40.0  # a placed point keeps this far from its own boundary and from every other polygon
RING_STEP_M = 90.0  # sites sharing a kelurahan are spread on rings of 90, 180, 270 m ...
MIN_SPACING_M = 60.0  # ... and kept at least this far apart

# Sourced reference points (lat, lon) from shared/data/pasuruan_places.csv
ALUN_ALUN = (-7.641913, 112.906703)  # decoded Plus Code 6P4J9W54+6MP; approximate
CITY_POINT = (-7.6406222, 112.9064778)  # Wikipedia infobox city point; not a building

FACTS_COLUMNS = ["key", "label_id", "label_en", "value", "unit", "as_of", "source", "status"]

# --------------------------------------------------------------------------------------
# Seed records (scripts/seed/)


@dataclass(frozen=True)
class Seed:
    """The literal records the pack is built from; ``{NAME}`` in a text is a citation of ``texts.json``."""

    texts: dict[str, str]  # citations (SRC keys) and shared notes, for str.format
    hotspots: list[dict]
    gov_sites: list[dict]
    cell_sites: list[dict]
    tourism_areas: list[dict]
    facts: list[dict]
    manifest_entries: list[dict]


def _json(name: str):
    return json.loads((SEED / name).read_text(encoding="utf-8"))


def _csv(name: str) -> list[dict]:
    with (SEED / name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def load_seed() -> Seed:
    texts = _json("texts.json")
    return Seed(
        texts={**texts["sources"], "positions_point": texts["positions_point"]},
        hotspots=_json("hotspots.json"),
        gov_sites=_json("gov_sites.json"),
        cell_sites=_csv("cell_sites.csv"),
        tourism_areas=_json("tourism_areas.json"),
        facts=_csv("facts.csv"),
        manifest_entries=_json("manifest_entries.json"),
    )


def fill(text: str, texts: dict[str, str], **context: str) -> str:
    """``text`` with its ``{NAME}`` citations and ``{code}``-style fields filled in."""
    return text.format_map({**texts, **context})


# --------------------------------------------------------------------------------------
# Geometry helpers


def to_utm(geom):
    return shapely.transform(geom, lambda xy: np.column_stack(TO_UTM.transform(xy[:, 0], xy[:, 1])))


def to_wgs(geom):
    return shapely.transform(geom, lambda xy: np.column_stack(TO_WGS.transform(xy[:, 0], xy[:, 1])))


def round6(geom):
    return shapely.transform(geom, lambda xy: np.round(xy, 6))


def lonlat(point_utm: Point) -> tuple[float, float]:
    lon, lat = TO_WGS.transform(point_utm.x, point_utm.y)
    return round(lon, 6), round(lat, 6)


def utm_point(lat: float, lon: float) -> Point:
    x, y = TO_UTM.transform(lon, lat)
    return Point(x, y)


@dataclass(frozen=True)
class Kelurahan:
    code: str
    name: str
    kec_code: str
    kec_name: str
    geom_wgs: Polygon
    geom: Polygon  # UTM 49S


def load_kelurahan(source: Path) -> list[Kelurahan]:
    data = json.loads((source / "kelurahan.geojson").read_text(encoding="utf-8"))
    out = []
    for feature in data["features"]:
        p = feature["properties"]
        g = shape(feature["geometry"])
        out.append(Kelurahan(p["kode"], p["kelurahan"], p["kode_kecamatan"], p["kecamatan"], g, to_utm(g)))
    out.sort(key=lambda k: k.code)
    if len(out) != 34:
        raise SystemExit(f"expected 34 kelurahan in kelurahan.geojson, found {len(out)}")
    return out


class Placer:
    """Places points inside one kelurahan, clear of every other polygon, spread apart."""

    def __init__(self, kels: list[Kelurahan]):
        self.kels = {k.code: k for k in kels}
        self.by_name = {k.name: k for k in kels}
        self.safe: dict[str, object] = {}
        for k in kels:
            others = shapely.union_all([o.geom for o in kels if o.code != k.code and o.geom.distance(k.geom) < 200])
            self.safe[k.code] = k.geom.buffer(-EDGE_MARGIN_M).difference(others.buffer(EDGE_MARGIN_M))
        self.placed: dict[str, list[Point]] = {k.code: [] for k in kels}
        self.sites: dict[str, tuple[str, Point]] = {}

    def anchor(self, code: str, near: Point | None = None) -> Point:
        """Point-on-surface of the polygon (or the given point), moved into the safe area if needed."""
        safe = self.safe[code]
        start = near if near is not None else self.kels[code].geom.point_on_surface()
        if safe.contains(start):
            return start
        return nearest_points(safe.buffer(-5.0), start)[0]

    def site(self, key: str, code: str, near: Point | None = None) -> Point:
        """Place (once) the physical site ``key`` inside kelurahan ``code``; later calls reuse it."""
        if key in self.sites:
            placed_code, point = self.sites[key]
            assert placed_code == code, (key, placed_code, code)
            return point
        centre = self.anchor(code, near)
        safe = self.safe[code]
        taken = self.placed[code]
        candidates = [centre]
        for ring in range(1, 12):
            r = RING_STEP_M * ring
            for step in range(8 * ring):
                angle = math.pi / 2 - 2 * math.pi * step / (8 * ring)  # start north, go clockwise
                candidates.append(Point(centre.x + r * math.cos(angle), centre.y + r * math.sin(angle)))
        for cand in candidates:
            if safe.contains(cand) and all(cand.distance(t) >= MIN_SPACING_M for t in taken):
                # round-trip through 6-decimal lon/lat so checks see the stored position
                lon, lat = lonlat(cand)
                stored = utm_point(lat, lon)
                if not safe.contains(stored):
                    continue
                taken.append(stored)
                self.sites[key] = (code, stored)
                return stored
        raise SystemExit(f"could not place {key} inside {code}")

    def nearest_code(self, point: Point) -> str:
        return min(self.safe, key=lambda c: (self.safe[c].distance(point), c))


# --------------------------------------------------------------------------------------
# Writers (fixed formatting, "\n" line ends, UTF-8)


def fmt(value, column: str = "") -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and column in ("lon", "lat"):
        return f"{value:.6f}"
    if isinstance(value, float):
        text = f"{value:.6f}".rstrip("0").rstrip(".")
        text = text if text not in ("", "-0") else "0"
        try:
            parse_number(text)
        except NumberError:  # "39.109" could be read as thousands: write "39.1090" (README, "How numbers are read")
            text += "0"
        return text
    return str(value)


def write_csv(out: Path, name: str, columns: list[str], rows: list[dict]) -> None:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        assert list(row) == columns, (name, list(row))
        writer.writerow([fmt(row[c], c) for c in columns])
    (out / name).write_text(buf.getvalue(), encoding="utf-8", newline="")


def geometry_json(geom) -> dict | None:
    if geom is None:
        return None
    geom = shapely.orient_polygons(geom, exterior_cw=False)  # RFC 7946: exterior counter-clockwise

    def ring(r):
        return [[round(x, 6), round(y, 6)] for x, y in r.coords]

    def poly(p):
        return [ring(p.exterior)] + [ring(i) for i in p.interiors]

    if geom.geom_type == "Polygon":
        return {"type": "Polygon", "coordinates": poly(geom)}
    if geom.geom_type == "MultiPolygon":
        return {"type": "MultiPolygon", "coordinates": [poly(p) for p in geom.geoms]}
    raise SystemExit(f"unexpected geometry type {geom.geom_type}")


def write_geojson(out: Path, name: str, features: list[tuple[dict, object]]) -> None:
    lines = ['{"type":"FeatureCollection","features":[']
    for i, (props, geom) in enumerate(features):
        feature = {"type": "Feature", "properties": props, "geometry": geometry_json(geom)}
        text = json.dumps(feature, ensure_ascii=False, separators=(",", ":"))
        lines.append(text + ("," if i < len(features) - 1 else ""))
    lines.append("]}")
    (out / name).write_text("\n".join(lines) + "\n", encoding="utf-8", newline="")


# --------------------------------------------------------------------------------------
# Datasets


def point_columns(point: Point) -> dict:
    lon, lat = lonlat(point)
    return {"lon": lon, "lat": lat}


def place_sites(kels: list[Kelurahan], placer: Placer) -> None:
    """Place every physical site once; hotspots and government sites share them (one position per site)."""
    pekuncen = placer.by_name["Pekuncen"].code
    sekargadung = placer.by_name["Sekargadung"].code

    # Order matters: each kelurahan office takes its kelurahan's anchor point first.
    for k in kels:
        placer.site(f"kel-office-{k.code}", k.code)
    placer.site("kantor-walikota", pekuncen)
    placer.site("diskominfotik", pekuncen)
    placer.site("dispendukcapil", pekuncen)
    placer.site("taman-kota", pekuncen)
    # Radio Ramapati is at Taman Kota: start the search at the Taman Kota point.
    placer.site("radio-ramapati", pekuncen, near=placer.sites["taman-kota"][1])
    placer.site("gedung-kesenian", pekuncen)
    placer.site("telecenter", sekargadung)
    city_point = utm_point(*CITY_POINT)
    placer.site("gor", placer.nearest_code(city_point), near=city_point)
    for kec_code, kec_name in sorted({(k.kec_code, k.kec_name) for k in kels}):
        same = placer.by_name[kec_name]  # the kelurahan named like its kecamatan
        assert same.kec_code == kec_code
        placer.site(f"kec-office-{kec_code}", same.code)


def expand(records: list[dict], kels: list[Kelurahan]) -> list[tuple[dict, dict[str, str]]]:
    """Each seed record with the fields its texts use; ``for_each`` records once per kelurahan/kecamatan."""
    out = []
    for rec in records:
        each = rec.get("for_each")
        if each == "kelurahan":
            out += [(rec, {"code": k.code, "name": k.name}) for k in kels]
        elif each == "kecamatan":
            kecamatan = sorted({(k.kec_code, k.kec_name) for k in kels})
            out += [(rec, {"kec_code": code, "kec_name": name}) for code, name in kecamatan]
        elif each is None:
            out.append((rec, {}))
        else:
            raise SystemExit(f"unknown for_each {each!r} in a seed record")
    return out


HOTSPOTS_COLUMNS = ["id", "name", "type", "site_kind", "kelurahan_code", "lon", "lat"] + [
    "position_method",
    "position_note",
    "status",
    "source",
]
GOV_SITES_COLUMNS = ["id", "name", "role", "kelurahan_code", "lon", "lat"] + [
    "position_method",
    "position_note",
    "status",
    "source",
]


def build_site_rows(
    records: list[dict], columns: list[str], kels: list[Kelurahan], placer: Placer, seed: Seed
) -> list[dict]:
    """Rows of hotspots.csv or gov_sites.csv: the seed record's texts, its site's kelurahan and position."""
    rows = []
    gor_kelurahan = placer.kels[placer.sites["gor"][0]].name
    for rec, context in expand(records, kels):
        unknown = set(rec) - set(columns) - {"for_each", "site"}
        if unknown:
            raise SystemExit(f"seed record {rec['id']} has unknown fields {sorted(unknown)}")
        context = {**context, "gor_kelurahan": gor_kelurahan}
        code, point = placer.sites[fill(rec["site"], seed.texts, **context)]
        placed = {"kelurahan_code": code, **point_columns(point)}
        rows.append({c: placed[c] if c in placed else fill(rec[c], seed.texts, **context) for c in columns})
    return rows


def build_sites(kels: list[Kelurahan], placer: Placer, seed: Seed) -> tuple[list[dict], list[dict]]:
    place_sites(kels, placer)
    return (
        build_site_rows(seed.hotspots, HOTSPOTS_COLUMNS, kels, placer, seed),
        build_site_rows(seed.gov_sites, GOV_SITES_COLUMNS, kels, placer, seed),
    )


def build_broadband(kels: list[Kelurahan], placer: Placer) -> tuple[list[dict], dict[str, bool]]:
    """Sample fibre picture: a distance-decay rule from the Alun-alun (the old centre).

    The 7 kelurahan whose anchor point is farthest from the Alun-alun have no fibre; elsewhere
    the share of households passed falls with distance and the provider count with it.
    """
    centre = utm_point(*ALUN_ALUN)
    dist = {k.code: placer.anchor(k.code).distance(centre) / 1000.0 for k in kels}
    far = sorted(dist, key=lambda c: (-dist[c], c))[:7]
    rows, fibre_of = [], {}
    for k in kels:
        d = dist[k.code]
        fibre = k.code not in far
        share = round(min(0.92, max(0.25, 0.95 - 0.2 * d)), 2) if fibre else 0.0
        providers = (4 if d < 1.2 else 3 if d < 2.2 else 2 if d < 3.0 else 1) if fibre else 0
        fibre_of[k.code] = fibre
        rows.append(
            {
                "kelurahan_code": k.code,
                "fibre": fibre,
                "households_passed_share": share,
                "providers": providers,
                "status": "sample",
            }
        )
    return rows, fibre_of


def build_links(gov: list[dict], fibre_of: dict[str, bool], placer: Placer) -> list[dict]:
    """Sample star topology from the server room; kelurahan links fibre or wireless by rule."""
    hub = next(g for g in gov if g["role"] == "server_room")
    hub_point = utm_point(hub["lat"], hub["lon"])
    links = []
    for g in gov:
        if g is hub:
            continue
        if g["role"] in ("opd", "kecamatan_office"):
            medium = "fibre"
        else:
            far = utm_point(g["lat"], g["lon"]).distance(hub_point) > 3000.0
            medium = "wireless" if (not fibre_of[g["kelurahan_code"]] or far) else "fibre"
        links.append({"from_id": hub["id"], "to_id": g["id"], "medium": medium, "status": "sample"})
    return links


def build_cells(placer: Placer, city_outline, seed: Seed) -> tuple[list[dict], dict[str, float]]:
    """Sample cell sites (``seed/cell_sites.csv``): a fixed offset from a kelurahan's anchor point."""
    rows, discs = [], {"4G": [], "3G": []}
    for site in seed.cell_sites:
        id_, tech, radius = site["id"], site["technology"], int(site["radius_m"])
        anchor = placer.anchor(placer.by_name[site["kelurahan"]].code)
        lon, lat = lonlat(Point(anchor.x + int(site["dx_m"]), anchor.y + int(site["dy_m"])))
        point = utm_point(lat, lon)
        if not city_outline.buffer(-EDGE_MARGIN_M).contains(point):
            raise SystemExit(f"{id_} falls outside the city")
        discs[tech].append(point.buffer(radius, quad_segs=32))
        rows.append(
            {
                "id": id_,
                "operator": site["operator"],
                "technology": tech,
                "lon": lon,
                "lat": lat,
                "radius_m": float(radius),
                "status": "sample",
            }
        )
    cover4 = shapely.union_all(discs["4G"]).intersection(city_outline)
    cover3 = shapely.union_all(discs["3G"]).intersection(city_outline).difference(cover4)
    area = city_outline.area
    shares = {
        "4G": cover4.area / area,
        "3G only": cover3.area / area,
        "none": 1 - (cover4.area + cover3.area) / area,
    }
    return rows, shares


TOURISM_PROPERTIES = ["id", "name_id", "name_en", "theme", "designation", "designation_source"] + [
    "kelurahan_codes",
    "extent_method",
    "extent_note",
]


def build_tourism(kels: list[Kelurahan], placer: Placer, city_outline, seed: Seed) -> list[tuple[dict, object]]:
    """Tourism areas (``seed/tourism_areas.json``); the extent is drawn from its ``extent`` rule.

    ``{"circle_around_alun_alun_m": r}``: a circle around the Alun-alun point, clipped to the city
    outline, touching the kelurahan it overlaps by more than 500 m²; ``{"kelurahan": [names]}``:
    those kelurahan polygons (merged); ``null``: not mapped (no geometry, kelurahan ``-``).
    """
    features = []
    for rec in seed.tourism_areas:
        extent = rec["extent"]
        if extent is None:
            geom, codes = None, "-"
        elif "circle_around_alun_alun_m" in extent:
            circle = utm_point(*ALUN_ALUN).buffer(float(extent["circle_around_alun_alun_m"]), quad_segs=16)
            circle = circle.intersection(city_outline)
            geom = round6(to_wgs(circle))
            codes = "; ".join(sorted(k.code for k in kels if k.geom.intersection(circle).area > 500.0))
        else:
            named = [placer.by_name[name] for name in extent["kelurahan"]]
            geoms = [k.geom_wgs for k in named]
            geom = geoms[0] if len(geoms) == 1 else round6(shapely.union_all(geoms))
            codes = "; ".join(sorted(k.code for k in named))
        props = {key: codes if key == "kelurahan_codes" else fill(rec[key], seed.texts) for key in TOURISM_PROPERTIES}
        if geom is not None and not geom.is_valid:
            raise SystemExit(f"invalid geometry for {props['id']}")
        features.append((props, geom))
    return features


def build_facts(seed: Seed) -> list[dict]:
    """City facts (``seed/facts.csv``), all official."""
    return [
        {
            "key": rec["key"],
            "label_id": rec["label_id"],
            "label_en": rec["label_en"],
            "value": float(rec["value"]) if rec["value"] else None,  # empty: a statement, not a number
            "unit": rec["unit"] or None,
            "as_of": rec["as_of"],
            "source": fill(rec["source"], seed.texts),
            "status": "official",
        }
        for rec in seed.facts
    ]


# --------------------------------------------------------------------------------------
# Manifest


def build_manifest(source: Path, seed: Seed, region) -> dict:
    """The manifest of ``source`` with this script's entries added, or refreshed in place (order kept).

    The region builder's part (``pack.region``, ``metric_crs``, ``kelurahan_count`` and the
    ``kelurahan`` entry) replaces the input's, keeping the keys it does not write (the seal).
    """
    data = json.loads((source / "manifest.json").read_text(encoding="utf-8"))
    data["pack"] = {
        **data["pack"],
        "metric_crs": region.metric_crs(),
        "kelurahan_count": region.count(),
        "region": region_block(region),
    }
    data["datasets"] = [{**e, **boundary_entry(region)} if e["key"] == "kelurahan" else e for e in data["datasets"]]
    entries = [
        {key: fill(value, seed.texts) if isinstance(value, str) else value for key, value in entry.items()}
        for entry in seed.manifest_entries
    ]
    ours = {e["key"]: e for e in entries}
    datasets = data["datasets"]
    if any(e["key"] in ours for e in datasets):
        # refresh in place, keep order and keys this script does not write (row_statuses, the seal)
        data["datasets"] = [{**e, **ours.get(e["key"], {})} for e in datasets]
        missing = [e for e in entries if e["key"] not in {d["key"] for d in datasets}]
        if missing:
            raise SystemExit(f"manifest has some but not all pack entries; missing {[m['key'] for m in missing]}")
    else:
        at = next(i for i, e in enumerate(datasets) if e["key"] == "kelurahan") + 1
        data["datasets"] = datasets[:at] + entries + datasets[at:]
    return data


# --------------------------------------------------------------------------------------


def build(out: Path, source: Path = GEODATA, upstream: Path = UPSTREAM) -> None:
    """Write the boundaries, the generated datasets and the manifest into ``out``.

    The boundaries are built from ``upstream`` by the region builder; ``source`` gives the
    manifest the entries are added to.
    """
    seed = load_seed()
    region = collect_region(REGION_CODE, upstream / "wilayah_boundaries", upstream / "wilayah")
    out.mkdir(parents=True, exist_ok=True)
    (out / "kelurahan.geojson").write_text(kelurahan_geojson(region.villages), encoding="utf-8", newline="")
    kels = load_kelurahan(out)
    placer = Placer(kels)
    city = shapely.union_all([k.geom for k in kels])
    if city.geom_type != "Polygon":
        raise SystemExit(f"expected the dissolved city to be one polygon, got {city.geom_type}")
    city_outline = Polygon(city.exterior)  # sliver holes between neighbours filled

    hotspots, gov = build_sites(kels, placer, seed)
    broadband, fibre_of = build_broadband(kels, placer)
    links = build_links(gov, fibre_of, placer)
    cells, shares = build_cells(placer, city_outline, seed)
    tourism = build_tourism(kels, placer, city_outline, seed)
    facts = build_facts(seed)
    manifest = build_manifest(source, seed, region)

    write_csv(out, "hotspots.csv", HOTSPOTS_COLUMNS, hotspots)
    write_csv(out, "gov_sites.csv", GOV_SITES_COLUMNS, gov)
    write_csv(out, "network_links.csv", list(links[0]), links)
    write_csv(out, "cell_sites.csv", list(cells[0]), cells)
    write_csv(out, "broadband.csv", list(broadband[0]), broadband)
    write_geojson(out, "tourism_areas.geojson", tourism)
    write_csv(out, "facts.csv", FACTS_COLUMNS, facts)
    text = json.dumps(manifest, indent=2, ensure_ascii=False) + "\n"
    (out / "manifest.json").write_text(text, encoding="utf-8", newline="")
    translate_notes.main(out)  # both languages: <field>_id / <field>_en columns and manifest fields
    if out.resolve() == GEODATA.resolve():
        seal(out)  # bytes, SHA-256 and rows of every file, as load_pack verifies them

    print(
        f"hotspots {len(hotspots)}, gov_sites {len(gov)}, network_links {len(links)}, cell_sites {len(cells)}, "
        f"broadband {len(broadband)}, tourism_areas {len(tourism)}, facts {len(facts)}"
    )
    print(f"city outline (sliver holes filled): {city_outline.area / 1e6:.3f} km²")
    print(
        f"sample mobile coverage: 4G {shares['4G']:.1%}, 3G only {shares['3G only']:.1%}, "
        f"none {shares['none']:.1%} of the city area"
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=GEODATA, help="output folder (default: geodata/, in place)")
    parser.add_argument(
        "--upstream",
        type=Path,
        default=UPSTREAM,
        help="folder with wilayah_boundaries/ and wilayah/ (default: tests/fixtures/wilayah)",
    )
    args = parser.parse_args(argv)
    build(args.out, upstream=args.upstream)


if __name__ == "__main__":
    main()
