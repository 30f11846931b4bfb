"""A province pack: ``python -m smartcity_geo region PP`` (every kab/kota, geometry per zoom band).

Built from the excerpt in ``tests/fixtures/wilayah/`` (the province as those files make it: three
kota) and from a copy of it where the code list names one more kab/kota that has no polygon
file. With ``../shared/data`` (``-m upstream``): the whole of Jawa Timur.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest
import shapely
from shapely.geometry import shape
from test_regions import FIXTURE, build, listed, polygon_codes
from upstream import shared_upstream

from smartcity_geo.regions import RegionError, bands, build_province, collect_region, read_band

EXTRA = ("35.98", "Kabupaten Tanpa Poligon")
EXTRA_ROWS = [f"('{EXTRA[0]}','{EXTRA[1]}'),", "('35.98.01','Kecamatan Satu'),", "('35.98.01.2001','Desa Satu'),"]


def _with_extra_kabkota(root: Path) -> Path:
    """A copy of the fixture whose code list names a kab/kota without any polygon file."""
    shutil.copytree(FIXTURE, root / "up")
    sql = root / "up" / "wilayah" / "db" / "wilayah.sql"
    lines = sql.read_text(encoding="utf-8").splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("('35.79',"))
    sql.write_text("\n".join([*lines[: at + 1], *EXTRA_ROWS, *lines[at + 1 :]]) + "\n", encoding="utf-8")
    return root / "up"


@pytest.fixture(scope="module")
def packs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("province")
    status, out, err = build("35", root / "35")
    assert status == 0 and err == "", err
    upstream = _with_extra_kabkota(root)
    status, out_extra, err = build("35", root / "35x", upstream, "--lang", "en")
    assert status == 0 and err == "", err
    return {"pack": root / "35", "extra": root / "35x", "upstream": upstream, "out": out, "out_extra": out_extra}


def _pack(folder: Path) -> dict:
    return json.loads((folder / "manifest.json").read_text(encoding="utf-8"))["pack"]


def test_the_manifest_says_province_its_kabkota_and_villages(packs) -> None:
    pack = _pack(packs["pack"])
    region = pack["region"]
    names = listed(FIXTURE / "wilayah", "35")
    assert (region["code"], region["name"], region["kind"]) == ("35", names["35"], "provinsi")
    assert region["province"] == {"code": "35", "name": names["35"]}
    kabkota = sorted(c for c in names if c.count(".") == 1)
    assert [k["code"] for k in region["kabkota"]] == kabkota
    total = 0
    for k in region["kabkota"]:
        codes = polygon_codes(FIXTURE / "wilayah_boundaries", k["code"])
        assert k["name"] == names[k["code"]] and k["kind"] == "kota"
        assert k["villages"]["total"] == len(codes)
        assert k["villages"]["kelurahan"] == sum(1 for c in codes if c.rsplit(".", 1)[1].startswith("1"))
        assert k["villages"]["kelurahan"] + k["villages"]["desa"] == len(codes)
        assert k["kecamatan"] == sum(1 for c in names if c.startswith(k["code"] + ".") and c.count(".") == 2)
        assert k["missing"] == 0
        total += len(codes)
    assert region["villages"]["total"] == pack["kelurahan_count"] == total
    assert region["kabkota_without_polygons"] == [] and region["missing_boundaries"] == []
    assert pack["metric_crs"].startswith("EPSG:327") and len(region["bounds"]) == 4
    assert region["source_url"] and "MIT" in region["licence"]


def test_kecamatan_and_villages_are_grouped_by_kabkota(packs) -> None:
    region = _pack(packs["pack"])["region"]
    names = listed(FIXTURE / "wilayah", "35")
    kec = sorted(c for c in names if c.count(".") == 2)
    assert [k["code"] for k in region["kecamatan"]] == kec
    assert all(k["kabkota"] == k["code"][:5] and k["name"] == names[k["code"]] for k in region["kecamatan"])
    features = json.loads((packs["pack"] / "kelurahan.geojson").read_text(encoding="utf-8"))["features"]
    for f in features:
        p = f["properties"]
        assert p["kode_kabkota"] == p["kode"][:5] and p["kabkota"] == names[p["kode"][:5]]
        assert p["kode_kecamatan"] == p["kode"][:8]


def test_a_kabkota_without_polygons_is_listed_not_fatal(packs) -> None:
    region = _pack(packs["extra"])["region"]
    assert region["kabkota_without_polygons"] == [{"code": EXTRA[0], "name": EXTRA[1]}]
    assert {"code": "35.98.01.2001", "name": "Desa Satu", "kind": "desa"} in region["missing_boundaries"]
    entry = next(k for k in region["kabkota"] if k["code"] == EXTRA[0])
    assert entry["villages"]["total"] == 0 and entry["missing"] == 1 and entry["kecamatan"] == 1
    assert f"{EXTRA[0]} {EXTRA[1]}" in packs["out_extra"] and len(packs["out_extra"].splitlines()) == 1
    assert "35.98.01.2001" in packs["out_extra"]
    assert (packs["pack"] / "SOURCES.md").is_file()
    assert EXTRA[1] in (packs["extra"] / "SOURCES.md").read_text(encoding="utf-8")


def test_the_band_files_are_sealed_and_a_tampered_one_is_refused(packs, tmp_path: Path) -> None:
    pack = _pack(packs["pack"])
    entries = pack["geometry_bands"]
    assert [(e["max_zoom"], e["tolerance_m"], e["decimals"]) for e in entries] == [
        (b.max_zoom, b.tolerance_m, b.decimals) for b in bands.BANDS
    ]
    codes = [f["properties"]["kode"] for f in read_band(packs["pack"], entries[0], "villages")["features"]]
    assert codes == sorted(codes) and len(codes) == pack["kelurahan_count"]
    for entry in entries:
        assert entry["villages"]["file"] == f"geometry/kelurahan.z{entry['max_zoom']}.geojson"
        assert entry["kabkota"]["file"] == f"geometry/kabkota.z{entry['max_zoom']}.geojson"
        outlines = read_band(packs["pack"], entry, "kabkota")["features"]
        assert [f["properties"] for f in outlines] == [
            {"kode": k["code"], "nama": k["name"]} for k in pack["region"]["kabkota"]
        ]
    copy = tmp_path / "pack"
    shutil.copytree(packs["pack"], copy)
    path = copy / entries[0]["villages"]["file"]
    path.write_bytes(path.read_bytes().replace(b'"kode"', b'"KODE"', 1))
    with pytest.raises(RegionError) as refused:
        read_band(copy, entries[0], "villages")
    assert refused.value.key == "band_mismatch" and str(path) in refused.value.message("en")
    assert refused.value.message("id") != refused.value.message("en")
    path.unlink()
    with pytest.raises(RegionError):
        read_band(copy, entries[0], "villages")


def _band_metric(pack: Path, entry: dict, crs: str) -> np.ndarray:
    features = read_band(pack, entry, "villages")["features"]
    return bands.to_metric([shape(f["geometry"]) for f in features], crs)


def _check_quality(pack: Path, villages) -> dict:
    """Every band: no overlap nor new gap over 1 m²; the most detailed band keeps every area within 2 %."""
    manifest = _pack(pack)
    crs = manifest["metric_crs"]
    codes = [v.code for v in villages]
    full = bands.to_metric([v.shape.geometry for v in villages], crs)
    cleaned = bands.clean(full)
    figures = {}
    for entry in manifest["geometry_bands"]:
        band = _band_metric(pack, entry, crs)
        q = bands.quality(cleaned, band, codes)
        assert q.max_overlap_m2 <= 1.0 and q.max_gap_m2 <= 1.0, (entry["max_zoom"], q)
        figures[entry["max_zoom"]] = q
    detailed = _band_metric(pack, manifest["geometry_bands"][-1], crs)
    q = bands.quality(cleaned, detailed, codes)
    assert q.worst_area_pct <= 2.0, q
    return figures


def test_the_bands_keep_the_coverage_and_the_areas(packs) -> None:
    villages = [v for c in ("35.75", "35.76", "35.79") for v in collect_region(c, *_roots(FIXTURE)).villages]
    _check_quality(packs["pack"], villages)
    # against the upstream polygons themselves: neighbours that share an edge still touch, without overlap
    crs = _pack(packs["pack"])["metric_crs"]
    full = bands.to_metric([v.shape.geometry for v in villages], crs)
    area = shapely.area(full)
    for entry in _pack(packs["pack"])["geometry_bands"]:
        band = _band_metric(packs["pack"], entry, crs)
        left, right = shapely.STRtree(full).query(full, predicate="intersects")
        for i, j in zip(left, right, strict=True):
            if i < j and shapely.length(shapely.intersection(full[i].boundary, full[j].boundary)) > 50:
                assert band[i].intersects(band[j])
                assert shapely.area(shapely.intersection(band[i], band[j])) <= 1.0
    detailed = _band_metric(packs["pack"], _pack(packs["pack"])["geometry_bands"][-1], crs)
    assert float(np.max(np.abs(shapely.area(detailed) - area) / area)) <= 0.02


def _roots(upstream: Path) -> tuple[Path, Path]:
    return upstream / "wilayah_boundaries", upstream / "wilayah"


def test_the_output_names_the_province(packs) -> None:
    out = packs["out"]
    assert len(out.splitlines()) == 1 and "35" in out and "provinsi" in out


@pytest.mark.parametrize("code", ["36", "3"])
def test_a_bad_province_is_one_line_and_nothing_is_written(tmp_path: Path, code: str) -> None:
    status, out, err = build(code, tmp_path / "out" / "pack", FIXTURE, "--lang", "en")
    assert status == 1 and out == "" and len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert not (tmp_path / "out").exists() or list((tmp_path / "out").iterdir()) == []


def test_an_existing_out_is_refused_before_reading(tmp_path: Path) -> None:
    (tmp_path / "pack").mkdir()
    with pytest.raises(RegionError) as refused:
        build_province("35", *_roots(FIXTURE), tmp_path / "pack")
    assert refused.value.key == "out_exists"


def test_the_kabkota_reader_still_refuses_a_province_code() -> None:
    with pytest.raises(RegionError) as refused:
        collect_region("35", *_roots(FIXTURE))
    assert refused.value.key == "province_not_supported" and "region 35" in refused.value.message("en")


# --------------------------------------------------------------------------------------
# The whole province from ../shared/data


@pytest.fixture(scope="module")
def real(tmp_path_factory: pytest.TempPathFactory):
    upstream = shared_upstream()
    out = tmp_path_factory.mktemp("province_real") / "35"
    return out, build_province("35", *_roots(upstream), out), upstream


@pytest.mark.upstream
def test_the_real_province_counts_agree_with_the_code_list(real) -> None:
    out, province, upstream = real
    names = listed(upstream / "wilayah", "35")
    region = _pack(out)["region"]
    assert [k["code"] for k in region["kabkota"]] == sorted(c for c in names if c.count(".") == 1)
    drawn = set()
    for k in region["kabkota"]:
        codes = polygon_codes(upstream / "wilayah_boundaries", k["code"])
        listed_villages = {c for c in names if c.startswith(k["code"] + ".") and c.count(".") == 3}
        assert k["villages"]["total"] == len(set(codes) & listed_villages)
        assert k["missing"] == len(listed_villages - set(codes))
        drawn |= set(codes) & listed_villages
    villages = {c for c in names if c.count(".") == 3}
    assert region["villages"]["total"] == len(drawn)
    assert {m["code"] for m in region["missing_boundaries"]} == villages - drawn
    assert len(region["kecamatan"]) == sum(1 for c in names if c.count(".") == 2)
    assert region["kabkota_without_polygons"] == []


@pytest.mark.upstream
def test_the_real_bands_keep_the_coverage_and_the_areas(real) -> None:
    out, province, _ = real
    _check_quality(out, province.whole.villages)


@pytest.mark.parametrize("parts", [2, 3])
def test_a_coverage_cleaned_in_strips_is_as_clean_as_one_cleaned_at_once(parts: int) -> None:
    """``bands.clean`` cuts a large coverage into strips by longitude, cleans them on threads,
    then cleans the seams again: the fixture province's 76 villages, forced into strips, give a
    valid coverage with no overlap, no gap the clean fills, and every area as one clean gives."""
    villages = [v for c in ("35.75", "35.76", "35.79") for v in collect_region(c, *_roots(FIXTURE)).villages]
    full = bands.to_metric([v.shape.geometry for v in villages], "EPSG:32749")
    at_once = bands.clean(full, parts=1)
    strips = bands.clean(full, parts=parts)
    assert bool(shapely.coverage_is_valid(strips))
    assert bool(shapely.coverage_is_valid(strips, gap_width=bands.GAP_M)) == bool(
        shapely.coverage_is_valid(at_once, gap_width=bands.GAP_M)
    )
    left, right = shapely.STRtree(strips).query(strips, predicate="intersects")
    pairs = left < right
    assert float(np.max(shapely.area(shapely.intersection(strips[left[pairs]], strips[right[pairs]])))) <= 1.0
    assert abs(float(shapely.area(strips).sum() - shapely.area(at_once).sum())) <= 1.0
    assert float(np.max(np.abs(shapely.area(strips) - shapely.area(at_once)) / shapely.area(at_once))) <= 0.005
