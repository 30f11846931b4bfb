"""A province pack: every kab/kota of a province in one pack, with its geometry per zoom band.

:func:`collect_province` reads each kab/kota with :func:`~.pack.collect_region` (the code list
read once); a kab/kota without any polygon is not fatal here: it is listed
(``kabkota_without_polygons``) and its villages are in ``missing_boundaries``. The province is
then one :class:`~.pack.Region` (``kind: provinsi``), so the pack's datasets, SOURCES.md and
most of the manifest are the kab/kota pack's; :func:`write_province` adds the province's
blocks and the band files (:mod:`.bands`) and writes through :func:`~.pack.write_sealed`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from pathlib import Path

from . import bands
from .errors import RegionError
from .pack import (
    BOUNDARY_FILE,
    BUNDLED,
    Region,
    _files,
    collect_region,
    kelurahan_geojson,
    manifest,
    sources_md,
    template,
    village_kind,
    write_sealed,
)
from .upstream import KEL_DIR, read_names

KIND = "provinsi"


@dataclass(frozen=True)
class Province:
    """The province as one region (``whole``), its kab/kota with polygons and those without."""

    whole: Region
    kabkota: tuple[Region, ...]
    names: dict[str, str]  # every kab/kota code of the province -> name
    without_polygons: tuple[tuple[str, str], ...]


def collect_province(code: str, boundaries: Path, names: Path) -> Province:
    """Read every kab/kota of province ``code``; :class:`RegionError` on bad input (see the module notes)."""
    code = (code or "").strip()
    listed = read_names(names, code)
    if code not in listed.names:
        raise RegionError("unknown_code", code=code, file=str(listed.file))
    kab = {c: n for c, n in sorted(listed.names.items()) if c.count(".") == 1}
    regions, without = [], []
    for c, n in kab.items():
        try:
            regions.append(collect_region(c, boundaries, names, listed=listed))
        except RegionError as exc:
            if exc.key != "no_polygons":
                raise
            without.append((c, n))
    folder = (KEL_DIR / code).as_posix() + "/"
    if not regions:
        raise RegionError("no_polygons", code=code, name=listed.names[code], file=folder)
    undrawn = {c for c, _ in without}
    missing = [m for r in regions for m in r.missing]
    missing += [(c, n) for c, n in listed.names.items() if c.count(".") == 3 and c[:5] in undrawn]
    first = regions[0]
    whole = replace(
        first,
        code=code,
        name=listed.names[code],
        kind=KIND,
        kecamatan=tuple(sorted((c, n) for c, n in listed.names.items() if c.count(".") == 2)),
        villages=tuple(v for r in regions for v in r.villages),
        missing=tuple(sorted(missing)),
        unlisted=tuple(sorted(u for r in regions for u in r.unlisted)),
        boundary_file=(KEL_DIR / code / f"wilayah_boundaries_kel_{code}.*.sql").as_posix(),
        boundaries_updated=max((r.boundaries_updated for r in regions), default=""),
    )
    return Province(whole, tuple(regions), kab, tuple(without))


def kabkota_block(province: Province) -> list[dict]:
    """One entry per kab/kota of the province (those without polygons too, with 0 villages)."""
    drawn = {r.code: r for r in province.kabkota}
    whole = province.whole
    out = []
    for code, name in province.names.items():
        region = drawn.get(code)
        villages = [v for v in whole.villages if v.code.startswith(code + ".")]
        kind = region.kind if region else ("kota" if int(code.split(".")[1]) >= 71 else "kabupaten")
        out.append(
            {
                "code": code,
                "name": name,
                "kind": kind,
                "villages": {
                    "total": len(villages),
                    "kelurahan": sum(1 for v in villages if v.kind == "kelurahan"),
                    "desa": sum(1 for v in villages if v.kind == "desa"),
                },
                "kecamatan": sum(1 for c, _ in whole.kecamatan if c.startswith(code + ".")),
                "missing": sum(1 for c, _ in whole.missing if c.startswith(code + ".")),
            }
        )
    return out


def province_manifest(province: Province, bundled: dict, band_entries: list[dict]) -> dict:
    """The kab/kota manifest of the whole province, with the province's own blocks."""
    whole = province.whole
    out = manifest(whole, bundled)
    region = out["pack"]["region"]
    region["kabkota"] = kabkota_block(province)
    region["kecamatan"] = [{"code": c, "name": n, "kabkota": c[:5]} for c, n in whole.kecamatan]
    region["missing_boundaries"] = [{"code": c, "name": n, "kind": village_kind(c)} for c, n in whole.missing]
    region["kabkota_without_polygons"] = [{"code": c, "name": n} for c, n in province.without_polygons]
    out["pack"]["geometry_bands"] = band_entries
    return out


def _sources(province: Province) -> str:
    text = sources_md(province.whole)
    lines = [""]
    if province.without_polygons:
        lines += ["Kab/kota without any polygon (their villages are listed above as without a polygon):", ""]
        lines += [f"- {c} {n}" for c, n in province.without_polygons]
        lines += [""]
    lines += [
        "Geometry per zoom band (geometry/): the villages made an edge-matched coverage (shapely "
        "coverage_clean), simplified with shapely coverage_simplify per band and rounded; see "
        "manifest.json pack.geometry_bands. Above the last band's zoom the full-detail kelurahan.geojson is drawn.",
    ]
    return text + "\n".join(lines) + "\n"


def province_files(province: Province, bundled_root: Path, bundled: dict) -> tuple[dict[str, bytes], list[dict]]:
    """Every file of the province pack (relative path -> bytes) and the sealed ``geometry_bands`` entries."""
    whole = province.whole
    try:
        files = _files(whole, Path(bundled_root), bundled)
    except (OSError, ValueError, KeyError) as exc:
        raise RegionError("no_template", path=str(bundled_root), detail=type(exc).__name__) from None
    files[BOUNDARY_FILE] = kelurahan_geojson(whole.villages, kabkota=province.names).encode("utf-8")
    crs = whole.metric_crs()
    codes = [v.code for v in whole.villages]
    cleaned = bands.clean(bands.to_metric([v.shape.geometry for v in whole.villages], crs))
    entries = []
    for made in bands.make_bands(cleaned, codes, province.names, crs):
        files[made.band.file("kelurahan")] = made.villages.encode("utf-8")
        files[made.band.file("kabkota")] = made.kabkota.encode("utf-8")
        entries.append(bands.band_entry(made))
    files["SOURCES.md"] = _sources(province).encode("utf-8")
    return files, entries


def build_province(
    code: str, boundaries: Path, names: Path, out: Path, *, force: bool = False, bundled_root: Path = BUNDLED
) -> Province:
    """Read province ``code`` and write its sealed pack to ``out`` (temporary folder, then renamed)."""
    out = Path(out)
    if out.resolve() == Path(bundled_root).resolve():
        raise RegionError("out_is_bundled", path=str(out))
    if out.exists() and not (force and out.is_dir()):
        raise RegionError("out_exists", path=str(out))
    province = collect_province(code, boundaries, names)
    bundled = template(bundled_root)
    files, entries = province_files(province, bundled_root, bundled)
    text = json.dumps(province_manifest(province, bundled, entries), indent=2, ensure_ascii=False) + "\n"
    write_sealed(out, files, text)
    return province
