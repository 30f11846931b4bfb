"""The bundled data pack is complete and true to its sources; bad files are refused clearly."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest

from smartcity_geo import UTM49S
from smartcity_geo.datapack import load_pack, read_table
from smartcity_geo.errors import DataPackError
from smartcity_geo.schema import SCHEMAS
from smartcity_geo.seal import seal

GEODATA = Path(__file__).resolve().parent.parent / "geodata"
SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"


@pytest.fixture(scope="module")
def pack():
    return load_pack(GEODATA)


def test_library_does_not_import_streamlit():
    import subprocess

    code = "import smartcity_geo, smartcity_geo.layers, smartcity_geo.datapack, smartcity_geo.analytics, sys;" \
           "import smartcity_geo.viewstate, smartcity_geo.badges;" \
           "sys.exit(1 if 'streamlit' in sys.modules else 0)"
    assert subprocess.run([sys.executable, "-c", code], cwd=GEODATA.parent).returncode == 0


def test_34_kelurahan_with_unique_codes_in_4_kecamatan(pack):
    kel = pack.table("kelurahan")
    assert len(kel) == 34
    assert kel["kode"].is_unique
    assert kel["kode"].str.match(r"^35\.75\.0[1-4]\.\d{4}$").all()
    counts = kel.groupby("kecamatan").size().to_dict()
    assert counts == {"Gadingrejo": 8, "Purworejo": 7, "Bugul Kidul": 6, "Panggungrejo": 13}
    assert kel.geometry.is_valid.all()
    assert kel.crs.to_epsg() == 4326
    # lon/lat order: x is the longitude (~112.9), y the latitude (~-7.6).
    minx, miny, maxx, maxy = kel.total_bounds
    assert 112.8 < minx < maxx < 113.0 and -7.7 < miny < maxy < -7.6


def test_kelurahan_areas_match_the_sources_verification_table(pack):
    # geodata/SOURCES.md (from shared/data/SOURCES.md) gives these areas in EPSG:32749.
    areas = pack.table("kelurahan").to_crs(UTM49S).dissolve("kecamatan").area / 1e6
    assert areas["Gadingrejo"] == pytest.approx(8.717, abs=0.01)
    assert areas["Purworejo"] == pytest.approx(8.318, abs=0.01)
    assert areas["Bugul Kidul"] == pytest.approx(14.884, abs=0.01)
    assert areas["Panggungrejo"] == pytest.approx(7.078, abs=0.01)


def test_every_named_hotspot_site_is_present(pack):
    hs = pack.table("hotspots")
    names = " | ".join(hs["name"]).lower()
    for site in ("dispendukcapil", "gedung kesenian", "taman kota", "gor", "ramapati", "telecenter"):
        assert site in names, site
    offices = hs[hs["site_kind"] == "kelurahan_office"]
    assert sorted(offices["kelurahan_code"]) == sorted(pack.table("kelurahan")["kode"])
    internal = hs[hs["type"] == "internal"]
    assert len(internal) >= 1 and internal["name"].str.contains("Walikota|Wali Kota").any()


def test_every_site_lies_inside_its_own_kelurahan(pack):
    kel = pack.table("kelurahan").set_index("kode").to_crs(UTM49S)
    for key in ("hotspots", "gov_sites"):
        table = pack.table(key).to_crs(UTM49S)
        for _, row in table.iterrows():
            assert kel.loc[row["kelurahan_code"]].geometry.contains(row.geometry), (key, row["id"])


def test_no_position_is_called_exact_without_a_source(pack):
    for key in ("hotspots", "gov_sites"):
        table = pack.table(key)
        assert set(table["position_method"]) <= {"sourced", "address", "kelurahan", "placeholder", "sample"}
        # The facts have no sourced coordinate for any hotspot or office.
        assert not (table["position_method"] == "sourced").any(), key
        unsure = table[table["position_method"].isin(["address", "placeholder"])]
        assert unsure["position_note"].notna().all()


def test_server_room_is_at_the_kantor_walikota(pack):
    sites = pack.table("gov_sites")
    server = sites[sites["role"] == "server_room"]
    assert len(server) == 1
    assert "wali" in server["name"].iloc[0].lower()
    links = pack.table("network_links")
    assert set(links["from_id"]) | set(links["to_id"]) <= set(sites["id"])


def test_coverage_lies_inside_the_city(pack):
    from smartcity_geo import analytics

    outline = analytics.city_outline(pack.table("kelurahan"))
    coverage = analytics.coverage_areas(pack.table("cell_sites"), outline)
    city = outline.geometry.iloc[0].buffer(0.01)
    assert all(city.contains(geom) for geom in coverage.geometry)
    assert 0 < coverage["area_km2"].sum() <= outline.area.iloc[0] / 1e6


def test_manifest_records_provenance_for_every_file(pack):
    files = {p.name for p in GEODATA.iterdir() if p.suffix in (".csv", ".geojson")}
    listed = {meta.file for meta in pack.metas.values()}
    assert files == listed, "every data file is in the manifest and every manifest file exists"
    for meta in pack.metas.values():
        assert meta.status in ("official", "seed", "sample")
        assert meta.source and meta.licence and meta.as_of and meta.positions
    sources = (GEODATA / "SOURCES.md").read_text(encoding="utf-8")
    assert "MIT License" in sources and "copyright (c) 2025 by cahya dsn" in sources
    for meta in pack.metas.values():
        assert meta.file in sources, meta.file


def test_kelurahan_file_is_the_shared_source_unchanged():
    if not SHARED.exists():
        pytest.skip("shared/data is not beside this checkout")
    assert json.loads((GEODATA / "kelurahan.geojson").read_text()) == json.loads(
        (SHARED / "pasuruan_kelurahan.geojson").read_text()
    )


# ---------------------------------------------------------------------------------------
# Bad input: one clear message naming file, row and column; nothing half-loaded.


def _copy_pack(tmp_path: Path) -> Path:
    target = tmp_path / "geodata"
    shutil.copytree(GEODATA, target)
    return target


def _replace_cell(path: Path, row: int, column: str, value: str) -> None:
    import csv

    with path.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
        f.seek(0)
        header = next(csv.reader(f))
    rows[row - 2][column] = value
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=header)
        writer.writeheader()
        writer.writerows(rows)
    seal(path.parent)  # a deliberate edit, re-sealed: the test reaches validation


def test_a_bad_number_is_refused_naming_file_row_and_column(tmp_path):
    root = _copy_pack(tmp_path)
    _replace_cell(root / "cell_sites.csv", 4, "radius_m", "seribu")
    with pytest.raises(DataPackError) as err:
        load_pack(root)
    assert (err.value.file, err.value.row, err.value.column) == ("cell_sites.csv", 4, "radius_m")
    assert err.value.message("id") == (
        "Berkas cell_sites.csv, baris 4, kolom radius_m: diharapkan angka, tertulis \u201cseribu\u201d."
    )
    assert err.value.message("en").startswith("File cell_sites.csv, row 4, column radius_m: expected a number")


def test_swapped_lon_lat_is_refused(tmp_path):
    root = _copy_pack(tmp_path)
    path = root / "hotspots.csv"
    import csv

    with path.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    lon, lat = rows[0]["lon"], rows[0]["lat"]
    _replace_cell(path, 2, "lon", lat)
    _replace_cell(path, 2, "lat", lon)
    with pytest.raises(DataPackError, match=r"row 2, column lon: position .* outside Kota Pasuruan"):
        load_pack(root)


def test_a_point_in_the_wrong_kelurahan_is_refused(tmp_path):
    root = _copy_pack(tmp_path)
    pack = load_pack(GEODATA)
    hs = pack.table("hotspots")
    # Move the first hotspot's stated kelurahan to another kelurahan of the city.
    other = next(c for c in pack.table("kelurahan")["kode"] if c != hs["kelurahan_code"].iloc[0])
    _replace_cell(root / "hotspots.csv", 2, "kelurahan_code", other)
    with pytest.raises(DataPackError) as err:
        load_pack(root)
    assert err.value.key == "outside_kelurahan" and err.value.row == 2


def test_an_unknown_code_and_a_missing_column_are_named(tmp_path):
    root = _copy_pack(tmp_path)
    _replace_cell(root / "broadband.csv", 7, "kelurahan_code", "35.75.01.1999")
    with pytest.raises(DataPackError, match=r"broadband.csv, row 7, column kelurahan_code: region code"):
        load_pack(root)
    text = "id,name\nx,y\n"
    bad = tmp_path / "cells.csv"
    bad.write_text(text)
    with pytest.raises(DataPackError, match=r"row 1, column operator: a required column is missing"):
        read_table(bad, SCHEMAS["cell_sites"])


def test_a_missing_file_and_broken_json_are_named(tmp_path):
    root = _copy_pack(tmp_path)
    (root / "facts.csv").unlink()
    with pytest.raises(DataPackError, match=r"^File facts.csv: the file is missing"):
        load_pack(root)
    root2 = _copy_pack(tmp_path / "b")
    (root2 / "tourism_areas.geojson").write_text('{"type": "FeatureCollection", "features": [', encoding="utf-8")
    seal(root2)
    with pytest.raises(DataPackError, match=r"tourism_areas.geojson, row 1: the file could not be read"):
        load_pack(root2)


def test_replacing_a_table_with_bad_data_leaves_the_pack_untouched(pack):
    kel = pack.table("kelurahan")
    broken = pack.table("broadband").copy()
    broken.loc[0, "kelurahan_code"] = "35.75.09.9999"
    with pytest.raises(DataPackError):
        pack.with_table("broadband", broken)
    assert pack.table("broadband").loc[0, "kelurahan_code"] != "35.75.09.9999"
    assert pack.table("kelurahan") is kel


# ---------------------------------------------------------------------------------------
# Uploaded replacements (the city's own figures): all-or-nothing.


def test_an_uploaded_csv_replaces_a_dataset_and_records_its_provenance(pack):
    data = (GEODATA / "broadband.csv").read_bytes().replace(b",sample", b",official")
    data = data.replace(b"35.75.01.1007,false,0,0,", b"35.75.01.1007,true,0.5,1,")
    new = pack.with_uploads({"broadband": ("fiber_kota.csv", data)})
    table = new.table("broadband").set_index("kelurahan_code")
    assert bool(table.loc["35.75.01.1007", "fibre"]) is True
    # an upload never claims official: the dataset and every row say "uploaded"
    assert new.meta("broadband").status == "uploaded"
    assert set(new.table("broadband")["status"]) == {"uploaded"}
    assert new.meta("broadband").source == "upload: fiber_kota.csv"
    assert new.meta("broadband").file == "fiber_kota.csv"
    # the original pack is another object, untouched
    assert bool(pack.table("broadband").set_index("kelurahan_code").loc["35.75.01.1007", "fibre"]) is False
    assert pack.meta("broadband").status == "sample"


def test_a_bad_upload_is_refused_naming_row_and_column_and_changes_nothing(pack):
    lines = (GEODATA / "cell_sites.csv").read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    cells = lines[3].split(",")
    cells[header.index("technology")] = "5G"
    lines[3] = ",".join(cells)
    before = pack.table("cell_sites").copy()
    with pytest.raises(DataPackError) as err:
        pack.with_uploads({"cell_sites": ("bts.csv", "\n".join(lines).encode())})
    assert (err.value.file, err.value.row, err.value.column) == ("bts.csv", 4, "technology")
    assert "5G" in err.value.message("id") and "4G, 3G" in err.value.message("id")
    assert pack.table("cell_sites").equals(before)


def test_an_upload_that_breaks_a_reference_is_refused(pack):
    lines = (GEODATA / "gov_sites.csv").read_text(encoding="utf-8").splitlines()
    # drop the server room: every network link then points at a site that does not exist
    kept = [line for line in lines if "server_room" not in line]
    with pytest.raises(DataPackError, match=r"network_links.csv, row 2, column from_id"):
        pack.with_uploads({"gov_sites": ("kantor.csv", "\n".join(kept).encode())})


def test_a_non_utf8_or_geojson_upload_is_refused(pack):
    with pytest.raises(DataPackError, match="not UTF-8") as err:
        pack.with_uploads({"facts": ("facts.csv", "label;nilai\n\xe9".encode("latin-1"))})
    assert err.value.row == 2
    with pytest.raises(DataPackError, match="expected GeoJSON"):
        pack.with_uploads({"kelurahan": ("k.csv", b"kode\n")})
