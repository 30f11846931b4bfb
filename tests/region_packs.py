"""Packs of a region with no city data, for the tests of the empty-region screens.

:func:`empty_region_pack` writes a pack in the region-pack contract (the one
``python -m smartcity_geo region CODE`` writes): the boundary file, the national elements and
sub-dimensions, every other dataset present and empty with status ``none``, and a
``pack.region`` block. The villages are the bundled pack's polygons under another region's
code and invented names (half of them desa), so no name of the bundled region is in it.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from smartcity_geo.seal import seal

GEODATA = Path(__file__).resolve().parent.parent / "geodata"
NATIONAL = ("kelurahan", "elements", "subdimensions")  # the boundaries, and the same six elements everywhere
NOTE_ID = "belum disediakan; editor menambahkannya di layar editor atau dengan `python -m smartcity_geo import`"
NOTE_EN = "not yet supplied; an editor adds it on the editors' screen or with `python -m smartcity_geo import`"
#: Kecamatan names of the test region (none of them a kecamatan of the bundled region).
KECAMATAN = ("Wetan", "Kulon", "Tengah", "Lor")
REGION_NAMES = {"kota": "Kota Contoh", "kabupaten": "Kabupaten Contoh"}


def empty_region_pack(
    dest: Path, *, kind: str = "kabupaten", code: str = "35.98", desa: str = "half", missing: int = 1
) -> Path:
    """Write the pack of an invented region ``code`` with no city data into ``dest``.

    ``desa``: ``"none"`` (all kelurahan), ``"half"`` or ``"all"``; ``missing``: how many
    village codes the region block lists as lacking a boundary.
    """
    dest = Path(dest)
    dest.mkdir(parents=True, exist_ok=True)
    manifest = json.loads((GEODATA / "manifest.json").read_text(encoding="utf-8"))
    boundaries = json.loads((GEODATA / "kelurahan.geojson").read_text(encoding="utf-8"))
    kec_codes = sorted({f["properties"]["kode_kecamatan"] for f in boundaries["features"]})
    kec_new = {old: (f"{code}.{n:02d}", KECAMATAN[(n - 1) % len(KECAMATAN)]) for n, old in enumerate(kec_codes, 1)}
    counts = {"kelurahan": 0, "desa": 0}
    features = []
    for number, feature in enumerate(sorted(boundaries["features"], key=lambda f: f["properties"]["kode"]), 1):
        props = feature["properties"]
        kec_code, kec_name = kec_new[props["kode_kecamatan"]]
        is_desa = desa == "all" or (desa == "half" and number % 2 == 0)
        counts["desa" if is_desa else "kelurahan"] += 1
        village = f"{kec_code}.{2 if is_desa else 1}{number:03d}"
        features.append(
            {
                **feature,
                "properties": {
                    **props,
                    "kode": village,
                    "kode_kecamatan": kec_code,
                    "kecamatan": kec_name,
                    "kelurahan": f"Sumber {number:02d}",
                },
            }
        )
    (dest / "kelurahan.geojson").write_text(json.dumps({**boundaries, "features": features}), encoding="utf-8")
    lacking = [
        {"code": f"{code}.01.2{900 + n:03d}", "name": f"Tanpa Batas {n}", "kind": "desa"} for n in range(1, missing + 1)
    ]
    bounds = [
        min(c[0] for f in features for c in _coords(f["geometry"])),
        min(c[1] for f in features for c in _coords(f["geometry"])),
        max(c[0] for f in features for c in _coords(f["geometry"])),
        max(c[1] for f in features for c in _coords(f["geometry"])),
    ]
    datasets = []
    for entry in manifest["datasets"]:
        key, file = entry["key"], entry["file"]
        if key in NATIONAL:
            if key != "kelurahan":
                shutil.copyfile(GEODATA / file, dest / file)
            datasets.append({**entry, "title_id": entry["title_id"], "title_en": entry["title_en"]})
            continue
        if file.endswith(".geojson"):
            (dest / file).write_text('{"type": "FeatureCollection", "features": []}\n', encoding="utf-8")
        else:
            header = (GEODATA / file).read_text(encoding="utf-8").split("\n", 1)[0]
            (dest / file).write_text(header + "\n", encoding="utf-8")
        datasets.append(
            {
                "key": key,
                "file": file,
                "format": entry["format"],
                "title_id": entry["title_id"],
                "title_en": entry["title_en"],
                "status": "none",
                "supplied": False,
                "source": "-",
                "licence": "-",
                "as_of": "-",
                "positions": "-",
                "note_id": NOTE_ID,
                "note_en": NOTE_EN,
                "rows": 0,
            }
        )
    name = REGION_NAMES[kind]
    region = {
        "code": code,
        "name": name,
        "kind": kind,
        "province": {"code": code.split(".")[0], "name": "Jawa Timur"},
        "villages": {
            "total": len(features) + missing,
            "kelurahan": counts["kelurahan"],
            "desa": counts["desa"] + missing,
        },
        "kecamatan": [{"code": c, "name": n} for c, n in sorted(kec_new.values())],
        "missing_boundaries": lacking,
        "bounds": bounds,
        "source": "test fixture derived from geodata/kelurahan.geojson",
        "licence": "MIT (cahya dsn), see geodata/SOURCES.md",
    }
    pack = {
        "name": f"{name} data pack",
        "version": "test",
        "crs": "EPSG:4326",
        "metric_crs": manifest["pack"]["metric_crs"],
        "kelurahan_count": len(features),
        "region": region,
    }
    (dest / "manifest.json").write_text(
        json.dumps({"pack": pack, "datasets": datasets}, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    seal(dest)
    return dest


def _coords(geometry: dict):
    kind, coords = geometry["type"], geometry["coordinates"]
    rings = coords if kind == "Polygon" else [ring for polygon in coords for ring in polygon]
    for ring in rings:
        yield from ring
