"""Collect one kab/kota from the upstream datasets and write its sealed, empty-but-useful pack.

:func:`collect_region` reads and checks everything (every refusal happens here, before
anything is written); :func:`write_pack` writes the pack into a temporary folder beside
``out`` and renames it into place, so an error never leaves a half-written pack.
:func:`kelurahan_geojson` is the one way a boundary file is written: the bundled pack's
``geodata/kelurahan.geojson`` is made by it too (``scripts/build_geodata.py``).

Over 450 lines on purpose: this module is the pack contract in one reading (what is
collected, every refusal, and what is written), so that no refusal can slip in after the
first file is written; the upstream readers and the shapes are already their own modules.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import shapely

from ..schema import SCHEMAS
from ..seal import seal
from ..strings import has, t
from .errors import RegionError
from .shapes import Shape, ShapeError, shape_from_path, utm_epsg
from .upstream import KEL_DIR, NAMES_FILE, read_boundaries, read_names

#: The bundled pack: the list of datasets a region pack carries, and the national ones it copies.
BUNDLED = Path(__file__).resolve().parents[2] / "geodata"
#: Datasets that are the same for every region (the six elements and their sub-dimensions).
NATIONAL = ("elements", "subdimensions")
BOUNDARY_KEY = "kelurahan"
BOUNDARY_FILE = "kelurahan.geojson"
BOUNDARIES_URL = "https://github.com/cahyadsn/wilayah_boundaries"
NAMES_URL = "https://github.com/cahyadsn/wilayah"
DECREE = "Kepmendagri No 300.2.2-2138 Tahun 2025"

_PROVINCE = re.compile(r"\d{2}")
_KABKOTA = re.compile(r"\d{2}\.\d{2}")
_SMALLER = re.compile(r"\d{2}\.\d{2}\.\d{2}(?:\.\d{4})?")
_COPYRIGHT = re.compile(r"copyright \(c\) (\d{4}) by ([^;\n]+)", re.IGNORECASE)


def village_kind(code: str) -> str:
    """``kelurahan`` when the 4th part of the code starts with 1, else ``desa`` (Kemendagri numbering)."""
    return "kelurahan" if code.rsplit(".", 1)[-1].startswith("1") else "desa"


@dataclass(frozen=True)
class Village:
    code: str
    name: str
    kecamatan_code: str
    kecamatan: str
    centroid_lat: float | None
    centroid_lng: float | None
    shape: Shape

    @property
    def kind(self) -> str:
        return village_kind(self.code)


@dataclass(frozen=True)
class Region:
    """Everything a pack says about one kab/kota, read from the two upstream datasets."""

    code: str
    name: str
    kind: str  # kota | kabupaten
    province_code: str
    province_name: str
    kecamatan: tuple[tuple[str, str], ...]
    villages: tuple[Village, ...]
    missing: tuple[tuple[str, str], ...]  # named in wilayah.sql, no polygon
    unlisted: tuple[tuple[str, str], ...]  # a polygon whose code wilayah.sql does not name (left out)
    boundary_file: str  # as upstream names it: db/kel/PP/wilayah_boundaries_kel_PP.KK.sql
    boundaries_updated: str
    names_updated: str
    boundaries_commit: str
    names_commit: str
    copyright: str
    licence_texts: tuple[tuple[str, str], ...]  # (upstream, LICENSE text or "")

    @property
    def repaired(self) -> list[str]:
        return [v.code for v in self.villages if v.shape.repaired]

    def count(self, kind: str | None = None) -> int:
        return sum(1 for v in self.villages if kind is None or v.kind == kind)

    def metric_crs(self) -> str:
        centre = shapely.MultiPolygon(
            [p for v in self.villages for p in getattr(v.shape.geometry, "geoms", [v.shape.geometry])]
        ).centroid
        return utm_epsg(centre.x, centre.y)

    def bounds(self) -> list[float]:
        box = shapely.total_bounds([v.shape.geometry for v in self.villages])
        return [round(float(b), 6) for b in box]

    def as_of(self) -> str:
        """The latest update date of the upstream files read (``YYYY-MM-DD``), ``"unknown"`` if none says."""
        dates = [d for d in (self.boundaries_updated, self.names_updated) if d]
        return max(dates) if dates else "unknown"

    def version(self) -> str:
        as_of = self.as_of()
        return as_of.replace("-", ".") if as_of != "unknown" else "unversioned"


# --------------------------------------------------------------------------------------
# Reading


def _git_commit(root: Path) -> str:
    """The short commit of a git clone at ``root`` (read from ``.git``, no subprocess); ``""`` if none."""
    git = Path(root) / ".git"
    try:
        head = (git / "HEAD").read_text(encoding="utf-8").strip()
        if not head.startswith("ref:"):
            return head[:7]
        ref = head.split(":", 1)[1].strip()
        if (git / ref).is_file():
            return (git / ref).read_text(encoding="utf-8").strip()[:7]
        for line in (git / "packed-refs").read_text(encoding="utf-8").splitlines():
            if line.endswith(" " + ref):
                return line[:7]
    except OSError:
        pass
    return ""


def _licence(root: Path) -> str:
    try:
        return (Path(root) / "LICENSE").read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):
        return ""


def check_code(code: str) -> str:
    """``code`` stripped when it is a kab/kota code (``PP.KK``); refused otherwise, naming it."""
    code = (code or "").strip()
    if _PROVINCE.fullmatch(code):
        raise RegionError("province_not_supported", code=code, example=f"{code}.KK")
    if _SMALLER.fullmatch(code):
        raise RegionError("not_kabkota", code=code, kabkota=code[:5])
    if not _KABKOTA.fullmatch(code):
        raise RegionError("bad_code", code=code)
    return code


def _kabkota_example(province: str, names: Path) -> str:
    """The first and last kab/kota codes of ``province`` in the code list, for the refusal of a province code."""
    try:
        kabkota = sorted(c for c in read_names(names, province).names if c.count(".") == 1)
    except RegionError:
        kabkota = []
    return f"{kabkota[0]} \u2026 {kabkota[-1]}" if kabkota else f"{province}.KK"


def collect_region(code: str, boundaries: Path, names: Path, *, listed=None) -> Region:
    """Read kab/kota ``code`` from the two upstream folders; :class:`RegionError` on any bad input.

    Village names and kecamatan names are the code list's (``db/wilayah.sql``, the decree's
    spelling); a polygon whose code the list does not hold is left out and listed. ``listed``:
    the province's code list already read (a province pack reads it once for all its kab/kota).
    """
    if _PROVINCE.fullmatch((code or "").strip()):
        raise RegionError("province_not_supported", code=code.strip(), example=_kabkota_example(code.strip(), names))
    code = check_code(code)
    province = code.split(".")[0]
    listed = listed if listed is not None else read_names(names, province)
    if code not in listed.names:
        raise RegionError("unknown_code", code=code, file=str(listed.file))
    name = listed.names[code]
    rows = read_boundaries(boundaries, code)
    upstream_file = (KEL_DIR / province / f"wilayah_boundaries_kel_{code}.sql").as_posix()
    if rows is None or not rows.rows:
        raise RegionError("no_polygons", code=code, name=name, file=upstream_file)
    prefix = code + "."
    kecamatan = tuple(sorted((c, n) for c, n in listed.names.items() if c.startswith(prefix) and c.count(".") == 2))
    kec_names = dict(kecamatan)
    villages: list[Village] = []
    unlisted: list[tuple[str, str]] = []
    for row in rows.rows:
        kec_code = row.code.rsplit(".", 1)[0]
        if row.code not in listed.names or kec_code not in kec_names:
            unlisted.append((row.code, row.name))
            continue
        try:
            shape = shape_from_path(row.path)
        except ShapeError as exc:
            raise RegionError(
                "bad_polygon", file=str(rows.file), line=row.line, code=row.code, detail=str(exc)
            ) from None
        villages.append(
            Village(row.code, listed.names[row.code], kec_code, kec_names[kec_code], row.lat, row.lng, shape)
        )
    if not villages:
        raise RegionError("no_polygons", code=code, name=name, file=upstream_file)
    villages.sort(key=lambda v: v.code)
    drawn = {v.code for v in villages}
    missing = tuple(
        (c, n) for c, n in sorted(listed.names.items()) if c.startswith(prefix) and c.count(".") == 3 and c not in drawn
    )
    header = rows.file.read_text(encoding="utf-8", errors="replace")[:4000]
    found = _COPYRIGHT.search(header)
    copyright_line = (
        f"copyright (c) {found.group(1)} by {found.group(2).strip()}" if found else "copyright (c) cahya dsn"
    )
    kind = "kota" if name.startswith("Kota ") else "kabupaten" if name.startswith("Kabupaten ") else None
    if kind is None:
        kind = "kota" if int(code.split(".")[1]) >= 71 else "kabupaten"
    return Region(
        code=code,
        name=name,
        kind=kind,
        province_code=province,
        province_name=listed.names.get(province, ""),
        kecamatan=kecamatan,
        villages=tuple(villages),
        missing=missing,
        unlisted=tuple(sorted(unlisted)),
        boundary_file=upstream_file,
        boundaries_updated=rows.updated_at,
        names_updated=listed.updated_at,
        boundaries_commit=_git_commit(boundaries),
        names_commit=_git_commit(names),
        copyright=copyright_line,
        licence_texts=(("cahyadsn/wilayah", _licence(names)), ("cahyadsn/wilayah_boundaries", _licence(boundaries))),
    )


# --------------------------------------------------------------------------------------
# Files


def kelurahan_geojson(villages, kabkota: dict[str, str] | None = None) -> str:
    """The boundary file: one compact feature per line, properties as the bundled pack has them.

    ``kabkota`` (code -> name, a province pack) adds ``kode_kabkota`` and ``kabkota`` to each feature.
    """
    lines = ['{"type":"FeatureCollection","features":[']
    villages = list(villages)
    for i, v in enumerate(villages):
        props = {
            "kode": v.code,
            "kode_kecamatan": v.kecamatan_code,
            "kecamatan": v.kecamatan,
            "kelurahan": v.name,
            "centroid_lat": v.centroid_lat,
            "centroid_lng": v.centroid_lng,
        }
        if kabkota is not None:
            props["kode_kabkota"] = v.code[:5]
            props["kabkota"] = kabkota.get(v.code[:5], "")
        feature = {"type": "Feature", "properties": props, "geometry": v.shape.geojson}
        text = json.dumps(feature, ensure_ascii=False, separators=(",", ":"))
        lines.append(text + ("," if i < len(villages) - 1 else ""))
    lines.append("]}")
    return "\n".join(lines) + "\n"


def _header_csv(columns) -> str:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerow(columns)
    return buf.getvalue()


EMPTY_GEOJSON = '{"type":"FeatureCollection","features":[\n]}\n'


def _both(key: str, **params) -> tuple[str, str]:
    return t(key, "id", **params), t(key, "en", **params)


def _words(region: Region) -> tuple[str, str]:
    """How the villages are called: ``kelurahan``, ``desa`` or ``kelurahan dan desa`` (id, en)."""
    kel, desa = region.count("kelurahan"), region.count("desa")
    which = "mixed" if kel and desa else "kelurahan" if kel else "desa"
    return _both(f"build.villages.{which}")


def _source(region: Region, *, lang: str) -> str:
    def version(commit: str, updated: str) -> str:
        if commit:
            return f"commit {commit}"
        return t("build.file_updated", lang, date=updated) if updated else ""

    bver = version(region.boundaries_commit, region.boundaries_updated)
    nver = version(region.names_commit, region.names_updated)
    return t(
        "build.boundary_source",
        lang,
        file=region.boundary_file + (f" ({bver})" if bver else ""),
        names=NAMES_FILE.as_posix() + (f" ({nver})" if nver else ""),
        decree=DECREE,
    )


def licence_line(region: Region) -> str:
    return f"MIT License, {region.copyright} (cahyadsn/wilayah, cahyadsn/wilayah_boundaries; notice in SOURCES.md)"


def region_block(region: Region) -> dict:
    """The manifest's ``pack.region``: what the app reads to be this region's dashboard."""
    return {
        "code": region.code,
        "name": region.name,
        "kind": region.kind,
        "province": {"code": region.province_code, "name": region.province_name},
        "villages": {
            "total": region.count(),
            "kelurahan": region.count("kelurahan"),
            "desa": region.count("desa"),
        },
        "kecamatan": [{"code": c, "name": n} for c, n in region.kecamatan],
        "missing_boundaries": [{"code": c, "name": n, "kind": village_kind(c)} for c, n in region.missing],
        "unlisted_boundaries": [{"code": c, "name": n} for c, n in region.unlisted],
        "repaired_boundaries": region.repaired,
        "bounds": region.bounds(),
        "source": _source(region, lang="en"),
        "source_url": BOUNDARIES_URL,
        "licence": licence_line(region),
    }


def boundary_entry(region: Region) -> dict:
    """The manifest entry of the boundary dataset (unsealed)."""
    words_id, words_en = _words(region)
    n = region.count()
    repaired = len(region.repaired)
    positions = _both("build.positions", count=repaired) if repaired else _both("build.positions_clean")
    return {
        "key": BOUNDARY_KEY,
        "file": BOUNDARY_FILE,
        "format": "geojson",
        "title_id": t("build.boundary_title", "id", count=n, words=words_id),
        "title_en": t("build.boundary_title", "en", count=n, words=words_en),
        "status": "official",
        "source": _source(region, lang="en"),
        "source_id": _source(region, lang="id"),
        "source_en": _source(region, lang="en"),
        "source_url": BOUNDARIES_URL,
        "licence": licence_line(region),
        "as_of": region.boundaries_updated or region.names_updated,
        "positions": positions[1],
        "positions_id": positions[0],
        "positions_en": positions[1],
    }


def empty_entry(region: Region, bundled: dict) -> dict:
    """A dataset the region has not supplied: present, empty, ``status: none``, saying how to add it."""
    key = bundled["key"]
    title_key = f"build.title.{key}"
    kel, desa = region.count("kelurahan"), region.count("desa")
    vil = "kelurahan/desa" if kel and desa else "desa" if desa else "kelurahan"  # as smartcity_geo.region names them
    title_id, title_en = _both(title_key, vil=vil) if has(title_key) else (bundled["title_id"], bundled["title_en"])
    source_id, source_en = _both("build.not_supplied", name=region.name)
    note_id, note_en = _both("build.note_empty", name=region.name, dataset=key, file=bundled["file"])
    positions_id, positions_en = _both("build.no_data")
    return {
        "key": key,
        "file": bundled["file"],
        "format": bundled["format"],
        "title_id": title_id,
        "title_en": title_en,
        "status": "none",
        "supplied": False,
        "source": source_en,
        "source_id": source_id,
        "source_en": source_en,
        "source_url": "",
        "licence": t("build.licence_none", "en"),
        "as_of": region.as_of(),  # "not supplied as of the pack's upstream date"
        "positions": positions_en,
        "positions_id": positions_id,
        "positions_en": positions_en,
        "note_id": note_id,
        "note_en": note_en,
    }


def sources_md(region: Region) -> str:
    """The pack's SOURCES.md: what the boundaries and names are, and both upstream MIT notices."""
    r = region
    lines = [
        f"# Sources of this data pack: {r.name} ({r.code})",
        "",
        "Built by `python -m smartcity_geo region` from two datasets by Cahya DSN, both under the MIT License.",
        "",
        f"- **Boundaries** ({BOUNDARY_FILE}): {BOUNDARIES_URL}, `{r.boundary_file}`"
        + (f", commit {r.boundaries_commit}" if r.boundaries_commit else "")
        + (f", file updated {r.boundaries_updated}" if r.boundaries_updated else "")
        + ". One SQL row per kelurahan/desa; the path is latitude first. Axes swapped to lon/lat, coordinates "
        "rounded to 6 decimals (at most 0.06 m), exterior rings counter-clockwise (RFC 7946); nothing simplified "
        "or snapped. The upstream polygons are simplified: polygon areas are not official areas.",
        f"- **Codes and names** (villages, kecamatan, the region): {NAMES_URL}, `{NAMES_FILE.as_posix()}`"
        + (f", commit {r.names_commit}" if r.names_commit else "")
        + (f", file updated {r.names_updated}" if r.names_updated else "")
        + f", following {DECREE}. Village and kecamatan names are this list's spelling.",
        "",
        f"Villages with a polygon: {r.count()} ({r.count('kelurahan')} kelurahan, {r.count('desa')} desa) "
        f"in {len(r.kecamatan)} kecamatan.",
    ]
    if r.missing:
        lines += ["", "Named in the code list but without a polygon (not drawn):", ""]
        lines += [f"- {c} {n} ({village_kind(c)})" for c, n in r.missing]
    if r.unlisted:
        lines += ["", "A polygon whose code the code list does not hold (left out):", ""]
        lines += [f"- {c} {n}" for c, n in r.unlisted]
    if r.repaired:
        lines += ["", "Polygons repaired with shapely make_valid (not valid as published): " + ", ".join(r.repaired)]
    lines += [
        "",
        "Every other dataset of this pack is empty: the region has not yet supplied it. The six smart-city",
        "elements and their sub-dimensions are the national programme's (see the manifest).",
    ]
    for upstream, text in r.licence_texts:
        lines += ["", f"## Licence of {upstream}", "", "```", text or _MIT.format(copyright=r.copyright), "```"]
    return "\n".join(lines) + "\n"


_MIT = """MIT License

{copyright}

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
SOFTWARE."""


def manifest(region: Region, bundled: dict) -> dict:
    """The region pack's manifest (unsealed): the bundled list of datasets, this region's content."""
    datasets = []
    for entry in bundled["datasets"]:
        key = entry["key"]
        if key == BOUNDARY_KEY:
            datasets.append(boundary_entry(region))
        elif key in NATIONAL:
            datasets.append({k: v for k, v in entry.items() if k not in ("bytes", "sha256", "rows")})
        else:
            datasets.append(empty_entry(region, entry))
    return {
        "pack": {
            "name": t("build.pack_name", "en", name=region.name),
            "version": region.version(),
            "crs": "EPSG:4326",
            "metric_crs": region.metric_crs(),
            "kelurahan_count": region.count(),
            "region": region_block(region),
        },
        "datasets": datasets,
    }


def _files(region: Region, bundled_root: Path, bundled: dict) -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    for entry in bundled["datasets"]:
        key, name = entry["key"], entry["file"]
        if key == BOUNDARY_KEY:
            files[name] = kelurahan_geojson(region.villages).encode("utf-8")
        elif key in NATIONAL:
            files[name] = (bundled_root / name).read_bytes()
        elif entry["format"] == "geojson":
            files[name] = EMPTY_GEOJSON.encode("utf-8")
        else:
            files[name] = _header_csv(SCHEMAS[key].names).encode("utf-8")
    return files


def write_pack(region: Region, out: Path, *, force: bool = False, bundled_root: Path = BUNDLED) -> Path:
    """Write ``region``'s sealed pack to ``out``: built in a temporary folder beside it, then renamed.

    An existing ``out`` is refused unless ``force`` (then replaced whole). On any error the
    temporary folder is removed and ``out`` is as it was.
    """
    out = Path(out)
    if out.resolve() == Path(bundled_root).resolve():
        raise RegionError("out_is_bundled", path=str(out))
    if out.exists() and not (force and out.is_dir()):
        raise RegionError("out_exists", path=str(out))
    try:
        bundled = json.loads((Path(bundled_root) / "manifest.json").read_text(encoding="utf-8"))
        files = _files(region, Path(bundled_root), bundled)
    except (OSError, ValueError, KeyError) as exc:
        raise RegionError("no_template", path=str(bundled_root), detail=type(exc).__name__) from None
    text = json.dumps(manifest(region, bundled), indent=2, ensure_ascii=False) + "\n"
    files["SOURCES.md"] = sources_md(region).encode("utf-8")
    return write_sealed(out, files, text)


def template(bundled_root: Path = BUNDLED) -> dict:
    """The bundled manifest (the list of datasets a pack carries); refused in one line if unreadable."""
    try:
        return json.loads((Path(bundled_root) / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise RegionError("no_template", path=str(bundled_root), detail=type(exc).__name__) from None


def write_sealed(out: Path, files: dict[str, bytes], manifest_text: str) -> Path:
    """``files`` (relative path -> bytes) and the manifest into a temporary folder, sealed, renamed to ``out``."""
    out = Path(out)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.building-", dir=out.parent))
    except OSError as exc:
        raise RegionError("cannot_write", path=str(out), detail=exc.strerror or type(exc).__name__) from None
    try:
        for name, data in files.items():
            (tmp / name).parent.mkdir(parents=True, exist_ok=True)
            (tmp / name).write_bytes(data)
        (tmp / "manifest.json").write_text(manifest_text, encoding="utf-8", newline="")
        seal(tmp)
        os.chmod(tmp, 0o755)
        if out.exists():
            old = tmp.with_name(tmp.name.replace(".building-", ".old-"))
            os.rename(out, old)
            try:
                os.rename(tmp, out)
            except OSError:
                os.rename(old, out)
                raise
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.rename(tmp, out)
    except OSError as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        raise RegionError("cannot_write", path=str(out), detail=exc.strerror or type(exc).__name__) from None
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return out


def build_region(
    code: str, boundaries: Path, names: Path, out: Path, *, force: bool = False, bundled_root: Path = BUNDLED
) -> Region:
    """Read kab/kota ``code`` and write its sealed pack to ``out`` (see :func:`write_pack`)."""
    region = collect_region(code, boundaries, names)
    write_pack(region, out, force=force, bundled_root=bundled_root)
    return region
