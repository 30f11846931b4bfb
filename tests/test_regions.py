"""A region pack from its Kemendagri code: ``python -m smartcity_geo region CODE``.

The expected figures are read from the upstream files themselves (the code list
``db/wilayah.sql`` and the boundary rows), with a plain reading independent of the builder's.
Packs are built from the excerpt in ``tests/fixtures/wilayah/`` (Kota Batu mixes kelurahan
and desa; Kota Mojokerto; Kota Pasuruan, the bundled pack) and, when ``../shared/data`` is
beside the checkout (always in CI), for every kab/kota of Jawa Timur.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
import shapely
from shapely.geometry import shape
from upstream import shared_upstream

from smartcity_geo import cli
from smartcity_geo.regions import RegionError, build_region, utm_epsg
from smartcity_geo.regions import pack as region_pack
from smartcity_geo.schema import SCHEMAS
from smartcity_geo.seal import count_rows, seal

ROOT = Path(__file__).resolve().parent.parent
GEODATA = ROOT / "geodata"
FIXTURE = Path(__file__).resolve().parent / "fixtures" / "wilayah"
NATIONAL = ("elements", "subdimensions")


# --------------------------------------------------------------------------------------
# An independent reading of the upstream files (what the pack must agree with)


def listed(names_root: Path, region: str) -> dict[str, str]:
    """code -> name of every row of ``db/wilayah.sql`` under ``region`` (the region itself included)."""
    out = {}
    for line in (names_root / "db" / "wilayah.sql").read_text(encoding="utf-8").splitlines():
        if line.startswith(f"('{region}'") or line.startswith(f"('{region}."):
            code, name = line.rstrip(",;")[1:-1].split(",", 1)
            out[code.strip("'")] = name.strip("'").replace("''", "'")
    return out


def polygon_codes(boundaries_root: Path, region: str) -> list[str]:
    path = boundaries_root / "db" / "kel" / region[:2] / f"wilayah_boundaries_kel_{region}.sql"
    return re.findall(r"^\s*\(\s*'([0-9.]+)'", path.read_text(encoding="utf-8"), flags=re.MULTILINE)


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = cli.main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def build(code: str, out: Path, upstream: Path = FIXTURE, *extra: str) -> tuple[int, str, str]:
    return run(
        "region",
        code,
        "--boundaries",
        str(upstream / "wilayah_boundaries"),
        "--names",
        str(upstream / "wilayah"),
        "--out",
        str(out),
        *extra,
    )


def manifest(folder: Path) -> dict:
    return json.loads((folder / "manifest.json").read_text(encoding="utf-8"))


def features(folder: Path) -> list[dict]:
    return json.loads((folder / "kelurahan.geojson").read_text(encoding="utf-8"))["features"]


@pytest.fixture(scope="module")
def packs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("region_packs")
    built = {}
    for code in ("35.79", "35.76", "35.75"):
        status, out, err = build(code, root / code)
        assert status == 0, err
        assert err == "" and len(out.splitlines()) == 1
        built[code] = root / code
    return built


# --------------------------------------------------------------------------------------
# What the pack says about the region


@pytest.mark.parametrize("code", ["35.79", "35.76"])
def test_the_pack_counts_kelurahan_and_desa_as_the_code_list_does(packs, code: str) -> None:
    names = listed(FIXTURE / "wilayah", code)
    villages = {c: n for c, n in names.items() if c.count(".") == 3}
    region = manifest(packs[code])["pack"]["region"]
    assert region["code"] == code and region["name"] == names[code]
    assert region["kind"] == ("kota" if names[code].startswith("Kota ") else "kabupaten")
    assert region["province"] == {"code": "35", "name": listed(FIXTURE / "wilayah", "35")["35"]}
    assert region["missing_boundaries"] == []
    kelurahan = sum(1 for c in villages if c.split(".")[3].startswith("1"))
    desa = sum(1 for c in villages if c.split(".")[3].startswith("2"))
    assert region["villages"] == {"total": len(villages), "kelurahan": kelurahan, "desa": desa}
    assert manifest(packs[code])["pack"]["kelurahan_count"] == len(villages)
    assert region["kecamatan"] == [{"code": c, "name": n} for c, n in sorted(names.items()) if c.count(".") == 2]
    drawn = features(packs[code])
    assert [f["properties"]["kode"] for f in drawn] == sorted(villages)
    for feature in drawn:
        props = feature["properties"]
        assert props["kelurahan"] == villages[props["kode"]]
        assert props["kode_kecamatan"] == props["kode"].rsplit(".", 1)[0]
        assert props["kecamatan"] == names[props["kode_kecamatan"]]


def test_kota_batu_mixes_kelurahan_and_desa(packs) -> None:
    counts = manifest(packs["35.79"])["pack"]["region"]["villages"]
    assert counts["kelurahan"] > 0 and counts["desa"] > 0
    title = manifest(packs["35.79"])["datasets"][0]
    assert "kelurahan" in title["title_id"] and "desa" in title["title_id"]
    assert "kelurahan" in title["title_en"] and "desa" in title["title_en"]
    counts = manifest(packs["35.76"])["pack"]["region"]["villages"]
    assert counts["desa"] == 0 and counts["total"] == counts["kelurahan"] > 0


@pytest.mark.parametrize("code", ["35.79", "35.76", "35.75"])
def test_polygons_are_lon_lat_valid_counter_clockwise_and_bounded(packs, code: str) -> None:
    drawn = features(packs[code])
    geoms = [shape(f["geometry"]) for f in drawn]
    assert all(g.is_valid and not g.is_empty and g.area > 0 for g in geoms)
    minx, miny, maxx, maxy = shapely.total_bounds(geoms)
    assert 110.0 < minx < maxx < 117.0 and -9.0 < miny < maxy < -6.0  # x is the longitude in Jawa Timur
    assert manifest(packs[code])["pack"]["region"]["bounds"] == [round(float(v), 6) for v in (minx, miny, maxx, maxy)]
    for g in geoms:
        for part in getattr(g, "geoms", [g]):
            assert part.exterior.is_ccw
            assert all(not ring.is_ccw for ring in part.interiors)
    for g in geoms:  # rounded to 6 decimals, like the bundled file
        coords = shapely.get_coordinates(g)
        assert (abs(coords - coords.round(6)) < 1e-9).all()


@pytest.mark.parametrize(
    ("lon", "lat", "expected"),
    [(112.9, -7.6, "EPSG:32749"), (113.99, -7.0, "EPSG:32749"), (114.0, -8.2, "EPSG:32750"), (114.4, -8.3, "EPSG:32750"),
     (111.0, -7.9, "EPSG:32749"), (106.8, -6.2, "EPSG:32748"), (98.7, 3.6, "EPSG:32647")],
)  # fmt: skip
def test_utm_zone_of_a_point(lon: float, lat: float, expected: str) -> None:
    assert utm_epsg(lon, lat) == expected


@pytest.mark.parametrize("code", ["35.79", "35.76", "35.75"])
def test_metric_projection_is_the_utm_zone_of_the_regions_centroid(packs, code: str) -> None:
    geoms = [shape(f["geometry"]) for f in features(packs[code])]
    centre = shapely.MultiPolygon([p for g in geoms for p in getattr(g, "geoms", [g])]).centroid
    zone = int((centre.x + 180) // 6) + 1
    assert manifest(packs[code])["pack"]["metric_crs"] == f"EPSG:{32700 + zone}"


# --------------------------------------------------------------------------------------
# Every other dataset: present, empty, explained; national ones copied; nothing from Pasuruan


def test_every_bundled_dataset_is_in_the_pack_and_only_the_national_ones_have_rows(packs) -> None:
    bundled = manifest(GEODATA)["datasets"]
    built = manifest(packs["35.79"])["datasets"]
    assert [d["key"] for d in built] == [d["key"] for d in bundled]
    for entry, original in zip(built, bundled, strict=True):
        path = packs["35.79"] / entry["file"]
        key = entry["key"]
        if key == "kelurahan":
            assert entry["status"] == "official" and entry["rows"] == 24
        elif key in NATIONAL:
            assert path.read_bytes() == (GEODATA / entry["file"]).read_bytes()
            assert entry == original  # the same entry, seal included
        else:
            assert entry["rows"] == 0 and entry["supplied"] is False and entry["status"] == "none"
            for lang in ("id", "en"):
                assert "Kota Batu" in entry[f"note_{lang}"]
                assert "python -m smartcity_geo import" in entry[f"note_{lang}"]
            assert entry["note_id"] != entry["note_en"]
            if entry["format"] == "csv":
                rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
                assert rows == [list(SCHEMAS[key].names)]
            else:
                assert json.loads(path.read_text(encoding="utf-8")) == {"type": "FeatureCollection", "features": []}


@pytest.mark.parametrize("code", ["35.79", "35.76"])
def test_nothing_of_kota_pasuruan_is_copied_into_another_region(packs, code: str) -> None:
    for path in packs[code].iterdir():
        text = path.read_text(encoding="utf-8")
        assert "Pasuruan" not in text, path.name
        assert "35.75" not in text, path.name
    bundled_ids = set()
    for name in ("hotspots.csv", "gov_sites.csv", "cell_sites.csv", "facts.csv"):
        with (GEODATA / name).open(encoding="utf-8") as fh:
            bundled_ids |= {row[0] for row in list(csv.reader(fh))[1:]}
    everything = "".join(p.read_text(encoding="utf-8") for p in packs[code].iterdir())
    assert not [i for i in bundled_ids if i in everything]


@pytest.mark.parametrize("code", ["35.79", "35.76"])
def test_the_pack_is_sealed(packs, code: str, tmp_path: Path) -> None:
    for entry in manifest(packs[code])["datasets"]:
        data = (packs[code] / entry["file"]).read_bytes()
        assert entry["bytes"] == len(data)
        assert entry["sha256"] == hashlib.sha256(data).hexdigest()
        assert entry["rows"] == count_rows(packs[code] / entry["file"])
    copy = shutil.copytree(packs[code], tmp_path / "copy")
    assert seal(copy) == []  # sealing again changes nothing


def test_sources_md_carries_both_upstream_mit_notices(packs) -> None:
    text = (packs["35.79"] / "SOURCES.md").read_text(encoding="utf-8")
    assert "cahyadsn/wilayah_boundaries" in text and "https://github.com/cahyadsn/wilayah" in text
    assert text.count("Permission is hereby granted, free of charge") == 2
    assert "Copyright (c) 2017-2025 Cahya DSN" in text and "Copyright (c) 2024 Cahya DSN" in text
    licence = manifest(packs["35.79"])["pack"]["region"]["licence"]
    assert licence.startswith("MIT License, copyright (c) 2025 by cahya dsn")


# --------------------------------------------------------------------------------------
# One way to make a boundary file: 35.75 is the bundled pack's


def test_building_35_75_reproduces_the_bundled_boundaries(packs) -> None:
    assert (packs["35.75"] / "kelurahan.geojson").read_bytes() == (GEODATA / "kelurahan.geojson").read_bytes()
    built, bundled = manifest(packs["35.75"]), manifest(GEODATA)
    assert built["pack"]["region"] == bundled["pack"]["region"]
    assert built["pack"]["metric_crs"] == bundled["pack"]["metric_crs"]
    assert built["pack"]["kelurahan_count"] == bundled["pack"]["kelurahan_count"]
    kel = {k: v for k, v in built["datasets"][0].items()}
    assert kel == bundled["datasets"][0]


# --------------------------------------------------------------------------------------
# Codes with a name and no polygon, and polygons that need make_valid


def _upstream_copy(tmp_path: Path) -> Path:
    copy = tmp_path / "upstream"
    shutil.copytree(FIXTURE, copy)
    for path in copy.rglob("*"):
        path.chmod(0o755 if path.is_dir() else 0o644)
    return copy


def _kel_file(upstream: Path, code: str) -> Path:
    return upstream / "wilayah_boundaries" / "db" / "kel" / "35" / f"wilayah_boundaries_kel_{code}.sql"


def test_a_code_without_a_polygon_is_listed_not_dropped(tmp_path: Path) -> None:
    upstream = _upstream_copy(tmp_path)
    path = _kel_file(upstream, "35.79")
    lines = path.read_text(encoding="utf-8").split("\n")
    desa = next(i for i, line in enumerate(lines) if re.match(r"\s*\('35\.79\.\d\d\.2", line))
    code = re.match(r"\s*\('([0-9.]+)'", lines[desa])[1]
    path.write_text("\n".join(lines[:desa] + lines[desa + 1 :]), encoding="utf-8")
    status, out, _ = build("35.79", tmp_path / "pack", upstream)
    assert status == 0 and code in out
    region = manifest(tmp_path / "pack")["pack"]["region"]
    name = listed(upstream / "wilayah", "35.79")[code]
    assert region["missing_boundaries"] == [{"code": code, "name": name, "kind": "desa"}]
    assert region["villages"]["total"] == len(polygon_codes(upstream / "wilayah_boundaries", "35.79"))
    assert code not in {f["properties"]["kode"] for f in features(tmp_path / "pack")}
    assert code in (tmp_path / "pack" / "SOURCES.md").read_text(encoding="utf-8")


def test_an_invalid_polygon_is_repaired_and_listed(tmp_path: Path) -> None:
    upstream = _upstream_copy(tmp_path)
    path = _kel_file(upstream, "35.76")
    text = path.read_text(encoding="utf-8")
    first = re.search(r"^\s*\('(35\.76\.[0-9.]+)'.*?,'(\[\[\[.*?\]\]\])'\)", text, flags=re.MULTILINE)
    lats, lngs = zip(*json.loads(first[2])[0], strict=True)
    (s, n), (w, e) = (min(lats), max(lats)), (min(lngs), max(lngs))
    ring = [[s, w], [n, e], [s, e], [n, w], [s, w]]  # a bow tie: the ring crosses itself
    path.write_text(text.replace(first[2], json.dumps([ring], separators=(",", ":"))), encoding="utf-8")
    assert not shapely.Polygon([(lng, lat) for lat, lng in ring]).is_valid
    status, _, err = build("35.76", tmp_path / "pack", upstream)
    assert status == 0, err
    region = manifest(tmp_path / "pack")["pack"]["region"]
    assert region["repaired_boundaries"] == [first[1]]
    repaired = next(f for f in features(tmp_path / "pack") if f["properties"]["kode"] == first[1])
    assert shape(repaired["geometry"]).is_valid
    assert "make_valid" in manifest(tmp_path / "pack")["datasets"][0]["positions_en"]


# --------------------------------------------------------------------------------------
# Bad input: one line in the user's language naming the code or file, exit 1, nothing left


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


@pytest.mark.parametrize(
    ("code", "named"),
    [("35.99", "35.99"), ("36", "36"), ("35.79.01", "35.79.01"), ("Batu", "Batu"), ("35.77", "35.77")],
)
def test_a_bad_code_is_refused_in_one_line(tmp_path: Path, code: str, named: str) -> None:
    messages = set()
    for lang in ("id", "en"):
        status, out, err = build(code, tmp_path / "out" / "pack", FIXTURE, "--lang", lang)
        assert status == 1 and out == ""
        assert len(err.strip().splitlines()) == 1 and named in err and "Traceback" not in err
        messages.add(err)
        assert _leftovers(tmp_path / "out") == []
    assert len(messages) == 2  # Indonesian and English differ


def test_a_province_code_builds_a_province_pack(tmp_path: Path) -> None:
    """``region 35`` builds the province pack (``tests/test_province.py``); the kab/kota reader still refuses it."""
    status, out, err = build("35", tmp_path / "pack", FIXTURE, "--lang", "en")
    assert status == 0 and err == "" and "province" in out
    with pytest.raises(RegionError) as refused:
        region_pack.collect_region("35", FIXTURE / "wilayah_boundaries", FIXTURE / "wilayah")
    kabkota = sorted(c for c in listed(FIXTURE / "wilayah", "35") if c.count(".") == 1)
    assert f"{kabkota[0]} \u2026 {kabkota[-1]}" in refused.value.message("en")  # the codes to give instead
    assert "provinsi" in refused.value.message("id")


def _break(upstream: Path, what: str) -> tuple[list[str], str]:
    """Damage the upstream copy; the extra CLI arguments and the text the message must name."""
    kel = _kel_file(upstream, "35.79")
    if what == "no polygons":
        kel.unlink()
        return [], "wilayah_boundaries_kel_35.79.sql"
    if what == "truncated boundary row":
        text = kel.read_text(encoding="utf-8")
        kel.write_text(text[: len(text) // 2] + "\n", encoding="utf-8")
        return [], kel.name
    if what == "bad path json":
        text = kel.read_text(encoding="utf-8")
        kel.write_text(text.replace("]]]'", "]]'", 1), encoding="utf-8")
        return [], kel.name
    if what == "malformed code list":
        names = upstream / "wilayah" / "db" / "wilayah.sql"
        names.write_text(names.read_text(encoding="utf-8").replace("('35.79.01','Batu'),", "('35.79.01',Batu),"))
        return [], "wilayah.sql"
    if what == "not the boundaries layout":
        return ["--boundaries", str(upstream / "wilayah")], str(upstream / "wilayah")
    if what == "not the names layout":
        return ["--names", str(upstream)], str(upstream)
    raise AssertionError(what)


@pytest.mark.parametrize(
    "what",
    [
        "no polygons",
        "truncated boundary row",
        "bad path json",
        "malformed code list",
        "not the boundaries layout",
        "not the names layout",
    ],
)
def test_bad_upstream_data_is_refused_in_one_line_and_nothing_is_written(tmp_path: Path, what: str) -> None:
    upstream = _upstream_copy(tmp_path)
    extra, named = _break(upstream, what)
    status, out, err = build("35.79", tmp_path / "out" / "35.79", upstream, *extra)
    assert status == 1 and out == ""
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert named in err
    assert _leftovers(tmp_path / "out") == []


def test_an_existing_folder_is_kept_unless_forced(packs, tmp_path: Path) -> None:
    out = tmp_path / "35.79"
    out.mkdir()
    (out / "mine.txt").write_text("keep me", encoding="utf-8")
    status, _, err = build("35.79", out)
    assert status == 1 and str(out) in err and len(err.strip().splitlines()) == 1
    assert _leftovers(out) == ["mine.txt"] and _leftovers(tmp_path) == ["35.79"]
    status, _, err = build("35.79", out, FIXTURE, "--force")
    assert status == 0, err
    assert "mine.txt" not in _leftovers(out) and _leftovers(tmp_path) == ["35.79"]
    assert (out / "kelurahan.geojson").read_bytes() == (packs["35.79"] / "kelurahan.geojson").read_bytes()


def test_the_bundled_pack_is_never_overwritten(tmp_path: Path) -> None:
    before = (GEODATA / "manifest.json").read_bytes()
    status, _, err = build("35.79", GEODATA, FIXTURE, "--force")
    assert status == 1 and len(err.strip().splitlines()) == 1
    assert (GEODATA / "manifest.json").read_bytes() == before


def test_an_error_while_writing_leaves_no_half_written_pack(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken_seal(root):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(region_pack, "seal", broken_seal)
    with pytest.raises(RegionError) as caught:
        build_region("35.79", FIXTURE / "wilayah_boundaries", FIXTURE / "wilayah", tmp_path / "out" / "35.79")
    assert "No space left on device" in caught.value.message("en")
    assert _leftovers(tmp_path / "out") == []


def test_the_command_as_a_user_runs_it(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "smartcity_geo", "region", "36", "--out", str(tmp_path / "p")]
        + ["--boundaries", str(FIXTURE / "wilayah_boundaries"), "--names", str(FIXTURE / "wilayah"), "--lang", "en"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 1 and done.stdout == ""
    assert done.stderr.count("\n") == 1 and "36" in done.stderr and "Traceback" not in done.stderr
    assert _leftovers(tmp_path) == []


# --------------------------------------------------------------------------------------
# The app's loader reads a region pack (needs the loader of status "none" datasets, issue 16)


def _loader_reads_empty_datasets() -> bool:
    from smartcity_geo import rules

    return getattr(rules, "NONE", None) == "none"


@pytest.mark.skipif(not _loader_reads_empty_datasets(), reason="load_pack does not yet read status 'none' datasets")
@pytest.mark.parametrize("code", ["35.79", "35.76"])
def test_a_region_pack_loads(packs, code: str, today) -> None:
    from smartcity_geo.datapack import load_pack

    loaded = load_pack(packs[code], today=today)
    written = manifest(packs[code])
    region = written["pack"]["region"]
    assert len(loaded.table("kelurahan")) == written["pack"]["kelurahan_count"] == region["villages"]["total"]
    assert loaded.region.code == code and loaded.region.name == region["name"] and loaded.region.kind == region["kind"]
    assert (loaded.region.kelurahan, loaded.region.desa) == (
        region["villages"]["kelurahan"],
        region["villages"]["desa"],
    )
    assert loaded.metric_crs == written["pack"]["metric_crs"]
    assert loaded.unsupplied == {d["key"] for d in written["datasets"] if d["status"] == "none"}
    assert {"elements", "subdimensions", "kelurahan"}.isdisjoint(loaded.unsupplied)


# --------------------------------------------------------------------------------------
# Every kab/kota of Jawa Timur from the full upstream copy (../shared/data; always in CI)


@pytest.mark.upstream
def test_every_kab_kota_of_jawa_timur_builds_in_under_10_s_and_loads(tmp_path: Path, today) -> None:
    shared = shared_upstream()
    names = listed(shared / "wilayah", "35")
    codes = sorted(c for c in names if c.count(".") == 1)
    assert len(codes) == 38
    slow = {}
    for code in codes:
        started = time.perf_counter()
        status, _, err = build(code, tmp_path / code, shared)
        took = time.perf_counter() - started
        assert status == 0, err
        if took >= 10:
            slow[code] = round(took, 1)
        region = manifest(tmp_path / code)["pack"]["region"]
        villages = {c for c in names if c.startswith(code + ".") and c.count(".") == 3}
        missing = {m["code"] for m in region["missing_boundaries"]}
        assert missing <= villages
        assert region["villages"]["total"] == len(villages - missing) == len(features(tmp_path / code))
        assert region["kind"] == ("kota" if int(code[3:]) >= 71 else "kabupaten")
        assert region["name"] == names[code]
        if _loader_reads_empty_datasets():
            from smartcity_geo.datapack import load_pack

            loaded = load_pack(tmp_path / code, today=today)
            assert len(loaded.table("kelurahan")) == region["villages"]["total"]
        shutil.rmtree(tmp_path / code)
    assert not slow, f"built in 10 s or more: {slow}"


@pytest.mark.upstream
def test_the_fixture_excerpt_is_the_upstream_unchanged() -> None:
    shared = shared_upstream()
    for code in ("35.75", "35.76", "35.79"):
        name = f"wilayah_boundaries_kel_{code}.sql"
        upstream = shared / "wilayah_boundaries" / "db" / "kel" / "35" / name
        assert _kel_file(FIXTURE, code).read_bytes() == upstream.read_bytes()
        assert listed(FIXTURE / "wilayah", code) == listed(shared / "wilayah", code)


@pytest.mark.upstream
def test_building_35_75_from_the_full_upstream_reproduces_the_bundled_boundaries(tmp_path: Path) -> None:
    shared = shared_upstream()
    status, _, err = build("35.75", tmp_path / "35.75", shared)
    assert status == 0, err
    assert (tmp_path / "35.75" / "kelurahan.geojson").read_bytes() == (GEODATA / "kelurahan.geojson").read_bytes()
