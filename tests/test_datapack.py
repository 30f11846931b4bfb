"""The bundled data pack is complete and true to its sources; bad files are refused clearly."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import re
import shutil
import tomllib
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from smartcity_geo import settings
from smartcity_geo.datapack import MAX_FILE_BYTES, MAX_FILE_MB, load_pack, read_dataset_bytes, read_table
from smartcity_geo.errors import DataPackError
from smartcity_geo.rules import last_complete_year
from smartcity_geo.schema import SCHEMAS, NumberError, parse_number
from smartcity_geo.seal import main as seal_main
from smartcity_geo.seal import seal

UTM49S = "EPSG:32749"  # the bundled pack's metric CRS (pack.metric_crs)

GEODATA = Path(__file__).resolve().parent.parent / "geodata"
SHARED = Path(os.environ.get("SMARTCITY_SHARED_DATA") or Path(__file__).resolve().parents[2] / "shared" / "data")


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


def test_kelurahan_file_keeps_the_shared_transcription_but_one_renamed_kelurahan():
    # shared/data/pasuruan_kelurahan.geojson is the hand transcription of upstream commit 3f013c4;
    # the bundled file is now built from 3c5a796 by smartcity_geo.regions: same codes and vertices,
    # and 35.75.04.1011 spelled as the upstream files (and the decree's code list) now spell it.
    if not SHARED.exists():
        pytest.skip("shared/data is not beside this checkout")
    bundled = json.loads((GEODATA / "kelurahan.geojson").read_text())
    transcribed = json.loads((SHARED / "pasuruan_kelurahan.geojson").read_text())
    renamed = {"35.75.04.1011": ("Kandang Sapi", "Kandangsapi")}
    assert len(bundled["features"]) == len(transcribed["features"]) == 34
    for ours, theirs in zip(bundled["features"], transcribed["features"], strict=True):
        assert ours["geometry"] == theirs["geometry"]
        old, new = renamed.get(theirs["properties"]["kode"], (None, None))
        expected = {**theirs["properties"], "kelurahan": new} if old else theirs["properties"]
        if old:
            assert theirs["properties"]["kelurahan"] == old
        assert ours["properties"] == expected


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


def test_a_point_in_the_wrong_kelurahan_is_refused(tmp_path, pack):
    root = _copy_pack(tmp_path)
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
    before = pack.table("broadband").copy()  # a snapshot, not the pack's own object
    broken = pack.table("broadband").copy()
    broken.loc[0, "kelurahan_code"] = "35.75.09.9999"
    with pytest.raises(DataPackError):
        pack.with_table("broadband", broken)
    assert pack.table("broadband").equals(before)
    assert len(pack.table("kelurahan")) == 34


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


# ---------------------------------------------------------------------------------------
# Issue 8: everything declared is enforced; every structural fault is one DataPackError.


def _pack_with(tmp_path: Path, file: str, data: bytes | str, *, rows: bool = True) -> Path:
    """A sealed copy of the pack with ``file`` replaced (``rows=False`` keeps the recorded row counts)."""
    root = _copy_pack(tmp_path)
    path = root / file
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    seal(root, rows=rows)
    return root


def _refused(root: Path) -> DataPackError:
    today = date.fromisoformat(settings.get("today"))  # the suite's day, set by conftest (SMARTCITY_TODAY)
    with pytest.raises(DataPackError) as err:
        load_pack(root, today=today)
    return err.value


def _text(file: str) -> str:
    return (GEODATA / file).read_text(encoding="utf-8")


def _content(pack) -> dict:
    """What a user sees of a pack: every table's cells and geometry and every dataset's provenance."""

    def cells(table):
        plain = pd.DataFrame(table).copy()
        if "geometry" in plain.columns:
            plain["geometry"] = [None if g is None else g.wkt for g in plain["geometry"]]
        return plain.to_json(default_handler=str)

    return {key: (pack.meta(key), cells(pack.table(key))) for key in pack.tables}


def test_the_bundled_pack_is_sealed_and_loads(today):
    manifest = json.loads((GEODATA / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["pack"]["kelurahan_count"] == 34
    for entry in manifest["datasets"]:
        data = (GEODATA / entry["file"]).read_bytes()
        assert entry["bytes"] == len(data) and entry["sha256"] == hashlib.sha256(data).hexdigest(), entry["file"]
    pack = load_pack(GEODATA, today=today)
    assert {key: len(pack.table(key)) for key in pack.tables} == {e["key"]: e["rows"] for e in manifest["datasets"]}


def test_a_hand_edited_file_is_refused_with_the_command_that_reseals_it(tmp_path, today):
    root = _copy_pack(tmp_path)
    path = root / "budget.csv"
    path.write_bytes(path.read_bytes().replace(b"11000000000", b"12000000000", 1))
    err = _refused(root)
    assert (err.key, err.file) == ("checksum", "budget.csv")
    for lang in ("id", "en"):
        assert "python -m smartcity_geo.seal geodata" in err.message(lang)
    assert seal_main([str(root)]) == 0
    assert load_pack(root, today=today).table("budget")["planned_idr"].iloc[0] == 12_000_000_000


def test_sealing_is_deterministic_and_keeps_every_other_key(tmp_path):
    root = _copy_pack(tmp_path)
    before = (root / "manifest.json").read_text(encoding="utf-8")
    assert seal(root) == []
    assert (root / "manifest.json").read_text(encoding="utf-8") == before
    assert before == (GEODATA / "manifest.json").read_text(encoding="utf-8")


def test_a_file_cut_at_a_line_boundary_is_refused_by_its_row_count(tmp_path):
    lines = _text("budget.csv").splitlines(keepends=True)
    root = _pack_with(tmp_path, "budget.csv", "".join(lines[:2]), rows=False)
    err = _refused(root)
    assert (err.key, err.file, err.params["expected"], err.params["got"]) == ("row_count", "budget.csv", 64, 1)


def test_a_file_cut_inside_a_row_names_the_row(tmp_path):
    text = _text("broadband.csv")
    cut = text[: text.index("35.75.01.1004") + 20]
    err = _refused(_pack_with(tmp_path, "broadband.csv", cut))
    assert (err.key, err.file, err.row) == ("too_few_cells", "broadband.csv", 5)
    assert _refused(_pack_with(tmp_path / "b", "broadband.csv", text.splitlines()[0] + "\n")).key == "empty"


def test_a_per_kelurahan_file_must_cover_every_kelurahan(tmp_path):
    lines = _text("broadband.csv").splitlines()
    dropped = next(i for i, line in enumerate(lines) if line.startswith("35.75.02.1003"))
    err = _refused(_pack_with(tmp_path, "broadband.csv", "\n".join(lines[:dropped] + lines[dropped + 1 :]) + "\n"))
    assert (err.key, err.file, err.column, err.params["got"]) == (
        "incomplete",
        "broadband.csv",
        "kelurahan_code",
        "35.75.02.1003",
    )
    assert "33" in err.message("en") and "34" in err.message("en")


def test_duplicate_rows_and_keys_are_refused(tmp_path):
    budget = _text("budget.csv").splitlines()
    err = _refused(_pack_with(tmp_path / "a", "budget.csv", "\n".join(budget + [budget[5]]) + "\n"))
    assert (err.key, err.file, err.row, err.params["first"]) == ("duplicate_key", "budget.csv", 66, 6)
    links = _text("network_links.csv").splitlines()
    relinked = (
        links[3].replace(",fibre,", ",wireless,")
        if ",fibre," in links[3]
        else links[3].replace(",wireless,", ",fibre,")
    )
    err = _refused(_pack_with(tmp_path / "b", "network_links.csv", "\n".join(links + [relinked]) + "\n"))
    assert (err.key, err.row, err.column) == ("duplicate_pair", len(links) + 1, "from_id + to_id")
    err = _refused(_pack_with(tmp_path / "c", "network_links.csv", "\n".join(links + [links[0]]) + "\n"))
    assert (err.key, err.row) == ("header_repeated", len(links) + 1)


def _edit_feature(file: str, index: int, edit) -> str:
    doc = json.loads(_text(file))
    edit(doc["features"][index])
    return json.dumps(doc)


def test_kelurahan_codes_and_names_must_agree(tmp_path):
    def wrong_kecamatan_code(feature):
        feature["properties"]["kode_kecamatan"] = "35.75.02"

    err = _refused(
        _pack_with(tmp_path / "a", "kelurahan.geojson", _edit_feature("kelurahan.geojson", 0, wrong_kecamatan_code))
    )
    assert (err.key, err.row, err.column, err.params["expected"]) == ("kecamatan_code", 1, "kode_kecamatan", "35.75.01")

    def wrong_kecamatan_name(feature):
        feature["properties"]["kecamatan"] = "Purworejo"

    err = _refused(
        _pack_with(tmp_path / "b", "kelurahan.geojson", _edit_feature("kelurahan.geojson", 3, wrong_kecamatan_name))
    )
    assert (err.key, err.row, err.column) == ("name_mismatch", 4, "kecamatan")


def test_a_polygon_outside_the_city_is_refused_not_just_outside_its_box(tmp_path):
    from shapely import affinity
    from shapely.geometry import mapping, shape

    def moved(feature):  # about 13 km east: still inside the generous lon/lat box
        feature["geometry"] = mapping(affinity.translate(shape(feature["geometry"]), xoff=0.12))

    err = _refused(_pack_with(tmp_path, "tourism_areas.geojson", _edit_feature("tourism_areas.geojson", 1, moved)))
    assert (err.key, err.file, err.row, err.params["tolerance"]) == ("outside_city", "tourism_areas.geojson", 2, "25")


def test_a_point_in_the_box_but_outside_the_city_is_refused(tmp_path):
    root = _copy_pack(tmp_path)
    _replace_cell(root / "cell_sites.csv", 3, "lon", "113.05")
    err = _refused(root)
    assert (err.key, err.file, err.row, err.column) == ("outside_city", "cell_sites.csv", 3, "lon")


def test_a_negative_fact_is_refused(tmp_path):
    root = _copy_pack(tmp_path)
    _replace_cell(root / "facts.csv", 2, "value", "-415")
    err = _refused(root)
    assert (err.key, err.row, err.column) == ("negative", 2, "value")


def test_a_row_cannot_claim_a_status_its_dataset_does_not_have(tmp_path):
    root = _copy_pack(tmp_path)
    _replace_cell(root / "broadband.csv", 3, "status", "official")
    err = _refused(root)
    assert (err.key, err.file, err.row, err.column) == ("status_not_earned", "broadband.csv", 3, "status")
    assert "official" in err.message("id") and "sample" in err.message("id")


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_formula_text_is_refused_in_name_columns(tmp_path, start):
    root = _copy_pack(tmp_path)
    _replace_cell(root / "hotspots.csv", 4, "name", f'{start}HYPERLINK("http://x","klik")')
    err = _refused(root)
    assert (err.key, err.file, err.row, err.column) == ("formula", "hotspots.csv", 4, "name")
    assert "formula" in err.message("en") and "rumus" in err.message("id")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1500", 1500),
        ("1500.75", 1500.75),
        ("1500,75", 1500.75),
        ("1,5", 1.5),
        ("0.500", 0.5),
        ("1.500,75", 1500.75),
        ("1,500.75", 1500.75),
        ("11.000.000", 11_000_000),
        ("-2,25", -2.25),
    ],
)
def test_numbers_that_can_be_read_only_one_way_are_read(text, expected):
    assert parse_number(text) == expected


@pytest.mark.parametrize("text", ["1.500", "1,500", "12.000", "-1.500", "250,000"])
def test_numbers_that_could_be_thousands_or_decimals_are_refused(text):
    with pytest.raises(NumberError) as err:
        parse_number(text)
    assert err.value.key == "ambiguous_number"


@pytest.mark.parametrize("text", ["1.5.0", "1.50.000", "1,500.000,5", "Rp 5", "1e3", "12 000", "", "."])
def test_malformed_numbers_are_not_numbers(text):
    with pytest.raises(NumberError):
        parse_number(text)


def _csv_bytes(rows: list[list[str]], delimiter: str = ",") -> bytes:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\n").writerows(rows)
    return out.getvalue().encode("utf-8")


def _budget_csv(delimiter: str, planned: str) -> bytes:
    header = ["year", "element", "programme", "agency", "planned_idr", "realised_idr", "status", "source", "note"]
    cells = ["2024", "SG", "Jaringan", "Diskominfotik", planned, "", "sample", "contoh", ""]
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    writer.writerow(header)
    writer.writerow(cells)
    return out.getvalue().encode("utf-8")


@pytest.mark.parametrize("delimiter", [",", ";"])
def test_numbers_read_the_same_in_comma_and_semicolon_files(delimiter):
    def planned(value):
        return read_dataset_bytes("budget", "b.csv", _budget_csv(delimiter, value))["planned_idr"].iloc[0]

    assert planned("Rp 11.000.000") == 11_000_000
    assert planned("Rp11.000.000,50") == 11_000_000.5
    assert planned("1.500,75") == 1500.75
    assert planned("1,5") == 1.5
    with pytest.raises(DataPackError) as err:
        planned("1.500")
    assert (err.value.key, err.value.row, err.value.column) == ("ambiguous_number", 2, "planned_idr")
    assert "1500" in err.value.message("id") and "1.5" in err.value.message("id")
    with pytest.raises(DataPackError, match="not_number|expected a number"):
        read_dataset_bytes("cell_sites", "c.csv", _text("cell_sites.csv").replace(",1200,", ",Rp 1200,").encode())


def test_a_semicolon_file_as_indonesian_excel_saves_it_is_read():
    text = _text("broadband.csv")
    rows = list(csv.reader(io.StringIO(text)))
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    for row in rows:
        writer.writerow([c.replace(".", ",") if c.startswith("0.") else c for c in row])
    semi = read_dataset_bytes("broadband", "fiber.csv", b"\xef\xbb\xbf" + out.getvalue().encode("utf-8"))
    comma = read_dataset_bytes("broadband", "fiber.csv", text.encode())
    pd.testing.assert_frame_equal(semi, comma)


def test_a_spreadsheet_file_is_read_with_the_rows_it_shows(tmp_path):
    import openpyxl

    rows = list(csv.reader(io.StringIO(_text("broadband.csv"))))
    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows:
        sheet.append([float(c) if re.fullmatch(r"\d+\.\d+", c) else c for c in row])
    sheet["B6"] = "mungkin"
    buf = io.BytesIO()
    book.save(buf)
    with pytest.raises(DataPackError) as err:
        read_dataset_bytes("broadband", "fiber.xlsx", buf.getvalue())
    assert (err.value.file, err.value.row, err.value.column) == ("fiber.xlsx", 6, "fibre")
    sheet["B6"] = "true"
    buf = io.BytesIO()
    book.save(buf)
    table = read_dataset_bytes("broadband", "fiber.xlsx", buf.getvalue())
    assert len(table) == 34 and table["households_passed_share"].between(0, 1).all()
    with pytest.raises(DataPackError) as err:
        read_dataset_bytes("broadband", "fiber.xlsx", b"PK\x03\x04 not a workbook")
    assert err.value.key == "unreadable"


def test_encoding_faults_name_the_row():
    text = _text("hotspots.csv")
    lines = text.encode("utf-8").split(b"\n")
    lines[6] = lines[6].replace(b"Wi-Fi", "Wi-Fi caf\xe9".encode("latin-1"), 1)
    with pytest.raises(DataPackError) as err:
        read_dataset_bytes("hotspots", "hs.csv", b"\n".join(lines))
    assert (err.value.key, err.value.row) == ("encoding", 7)
    assert "UTF-8" in err.value.message("id")
    with pytest.raises(DataPackError) as err:
        read_dataset_bytes("hotspots", "hs.csv", text.encode("utf-16"))
    assert err.value.key == "encoding_utf16"
    with pytest.raises(DataPackError) as err:
        read_dataset_bytes("hotspots", "hs.csv", text.encode("utf-16-le"))
    assert (err.value.key, err.value.row) == ("nul_byte", 1)
    nul = text.replace("Taman Kota", "Taman\x00Kota", 1)
    with pytest.raises(DataPackError) as err:
        read_dataset_bytes("hotspots", "hs.csv", nul.encode())
    assert err.value.key == "nul_byte" and err.value.row == nul[: nul.index("\x00")].count("\n") + 1


def test_an_over_long_cell_names_its_row():
    lines = _text("facts.csv").splitlines()
    lines[3] = (
        lines[3].replace("Ramapati", "R" * (csv.field_size_limit() + 10), 1)
        if "Ramapati" in lines[3]
        else (lines[3] + "x" * (csv.field_size_limit() + 10))
    )
    with pytest.raises(DataPackError) as err:
        read_dataset_bytes("facts", "facts.csv", "\n".join(lines).encode())
    assert err.value.key in ("field_too_large", "too_many_cells") and err.value.row == 4
    header = "key" + "k" * (csv.field_size_limit() + 10) + ",label_id\n"
    with pytest.raises(DataPackError) as err:
        read_dataset_bytes("facts", "facts.csv", header.encode())
    assert (err.value.key, err.value.row) == ("field_too_large", 1)


@pytest.mark.parametrize(
    ("edit", "row", "column"),
    [
        (lambda d: d.update(crs="EPSG:4326"), None, "crs"),
        (lambda d: d["features"].__setitem__(2, None), 3, None),
        (lambda d: d["features"][1].update(properties=["kode"]), 2, "properties"),
        (lambda d: d.update(features={"a": 1}), None, "features"),
        (lambda d: d["features"][4].update(geometry="POLYGON((0 0, 1 1, 1 0, 0 0))"), 5, "geometry"),
        (lambda d: d.update(type="Feature"), None, "type"),
    ],
)
def test_wrong_json_types_are_refused_naming_the_feature(edit, row, column):
    doc = json.loads(_text("kelurahan.geojson"))
    edit(doc)
    with pytest.raises(DataPackError) as err:
        read_dataset_bytes("kelurahan", "kel.geojson", json.dumps(doc).encode())
    assert (err.value.key, err.value.row, err.value.column) == ("bad_json_type", row, column)


def test_an_upload_can_never_claim_official(pack):
    data = (GEODATA / "indicators.csv").read_bytes()
    new = pack.with_uploads({"indicators": ("indikator.csv", data)})
    assert new.meta("indicators").status == "uploaded"
    assert set(new.table("indicators")["status"]) == {"uploaded"}
    assert new.meta("indicators").file == "indikator.csv"
    assert pack.meta("indicators").status == "sample"


BAD_UPLOADS = {
    "short broadband": ("broadband", "\n".join(_text("broadband.csv").splitlines()[:30]) + "\n"),
    "ambiguous budget": ("budget", _text("budget.csv").replace(",1297975000,", ',"1.297",', 1)),
    "duplicate link": ("network_links", _text("network_links.csv") + _text("network_links.csv").splitlines()[1]),
    "formula name": ("cell_sites", _text("cell_sites.csv").replace("Operator A", "=cmd|' /C calc'!A0", 1)),
    "negative fact": ("facts", _text("facts.csv").replace(",415,", ",-415,", 1)),
    "latin-1": ("facts", _text("facts.csv").replace("±", "\xb1").encode("latin-1", errors="replace")),
    "geojson for csv": ("facts", _text("kelurahan.geojson")),
}


@pytest.mark.parametrize("case", sorted(BAD_UPLOADS))
def test_each_refused_file_changes_nothing(pack, case):
    key, data = BAD_UPLOADS[case]
    before = _content(pack)
    name = "x.geojson" if case == "geojson for csv" else "x.csv"
    with pytest.raises(DataPackError) as err:
        pack.with_uploads({key: (name, data.encode("utf-8") if isinstance(data, str) else data)})
    assert err.value.file in (name, pack.meta(key).file, pack.meta("kelurahan").file)
    assert _content(pack) == before
    with pytest.raises(DataPackError):
        pack.with_table(key, pack.table(key).iloc[:0])
    assert _content(pack) == before


def test_read_dataset_bytes_checks_the_size_first():
    with pytest.raises(DataPackError) as err:
        read_dataset_bytes("facts", "big.csv", b"x" * (MAX_FILE_BYTES + 1))
    assert err.value.key == "too_large"
    table = read_dataset_bytes("facts", "facts.csv", (GEODATA / "facts.csv").read_bytes())
    assert list(table["_row"])[:2] == [2, 3] and table["value"].iloc[8] == pytest.approx(39.109)


def test_streamlit_refuses_uploads_above_the_apps_own_limit():
    config = tomllib.loads((GEODATA.parent / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["maxUploadSize"] == MAX_FILE_MB


def test_the_browser_and_the_app_count_the_upload_limit_alike():
    """The browser's uploader refuses above maxUploadSize x 1000 x 1000 bytes (x 1024 x 1024 on Windows);
    the app's limit is the smaller, so one number holds in every browser and the server never cuts a file short."""
    config = tomllib.loads((GEODATA.parent / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    browser_bytes = config["server"]["maxUploadSize"] * 1000 * 1000  # streamlit frontend: 1e3 unless Windows
    server_bytes = config["server"]["maxUploadSize"] * 1024 * 1024  # streamlit server: MiB
    assert MAX_FILE_BYTES == browser_bytes == 20_000_000 and MAX_FILE_BYTES < server_bytes
    with pytest.raises(DataPackError) as err:
        read_dataset_bytes("facts", "big.csv", b"x" * (browser_bytes + 1))
    assert err.value.message("en") == "File big.csv: the file is too large (20.0 MB; at most 20 MB)."


def test_the_kelurahan_count_comes_from_the_manifest(tmp_path, today):
    root = _copy_pack(tmp_path)
    doc = json.loads(_text("kelurahan.geojson"))
    doc["features"] = doc["features"][:3]
    (root / "kelurahan.geojson").write_text(json.dumps(doc), encoding="utf-8")
    codes = [f["properties"]["kode"] for f in doc["features"]]
    lines = _text("broadband.csv").splitlines()
    (root / "broadband.csv").write_text("\n".join([lines[0]] + [x for x in lines if x[:13] in codes]) + "\n")
    manifest = json.loads((root / "manifest.json").read_text(encoding="utf-8"))
    manifest["datasets"] = [d for d in manifest["datasets"] if d["key"] in ("kelurahan", "broadband")]
    (root / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    seal(root)
    err = _refused(root)
    assert (err.key, err.params["expected"], err.params["got"]) == ("feature_count", 34, 3)
    manifest = json.loads((root / "manifest.json").read_text(encoding="utf-8"))
    manifest["pack"]["kelurahan_count"] = 3
    (root / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    small = load_pack(root, today=today)
    assert len(small.table("kelurahan")) == 3 and len(small.table("broadband")) == 3


def test_last_complete_year_needs_today():
    assert last_complete_year(date(2026, 1, 1)) == 2025
    with pytest.raises(TypeError):
        last_complete_year()  # type: ignore[call-arg]


def _set(path: list, value):
    def edit(manifest):
        target = manifest
        for step in path[:-1]:
            target = target[step]
        target[path[-1]] = value

    return edit


@pytest.mark.parametrize(
    "edit",
    [
        _set(["datasets"], {"key": "kelurahan"}),
        _set(["datasets", 0], "kelurahan"),
        _set(["datasets", 0, "key"], ["kelurahan"]),
        _set(["datasets", 0, "row_statuses"], [{"official": 1}]),
        _set(["datasets", 0, "row_statuses"], ["resmi"]),
        _set(["datasets", 0, "bytes"], "44138"),
        _set(["datasets", 0, "sha256"], None),
        _set(["datasets", 0, "rows"], "34"),
        _set(["datasets", 0, "file"], "../kelurahan.geojson"),
        _set(["datasets", 0, "format"], "shapefile"),
        _set(["datasets", 0, "status"], "uploaded"),
        _set(["pack"], ["x"]),
        _set(["pack", "kelurahan_count"], "34"),
        _set(["pack", "kelurahan_count"], 33),
        _set(["datasets", 1, "key"], "kelurahan"),
        _set(["datasets", 1, "key"], "wifi"),
    ],
)
def test_a_broken_manifest_is_one_message(tmp_path, edit):
    root = _copy_pack(tmp_path)
    manifest = json.loads((root / "manifest.json").read_text(encoding="utf-8"))
    edit(manifest)
    (root / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    err = _refused(root)
    assert err.key != "internal" and err.file in ("manifest.json", "kelurahan.geojson")
    assert err.message("id").startswith("Berkas ")


def test_every_refusal_has_a_message_in_both_languages():
    from smartcity_geo.strings import TEXT

    root = GEODATA.parent / "smartcity_geo"
    files = [root / "datapack.py", root / "datafiles.py", *sorted((root / "schema").glob("*.py"))]
    source = "".join(p.read_text(encoding="utf-8") for p in files)
    keys = set(re.findall(r'DataPackError\(\s*"(\w+)"', source)) | {"ambiguous_number", "not_number"}
    assert len(keys) > 30
    for key in keys:
        indonesian, english = TEXT[f"error.{key}"]
        assert indonesian and english and indonesian != english, key


def test_a_schema_that_allows_no_extra_columns_refuses_them(tmp_path):
    from dataclasses import replace

    path = tmp_path / "elements.csv"
    rows = list(csv.reader(io.StringIO(_text("elements.csv"))))
    path.write_bytes(_csv_bytes([rows[0] + ["warna"]] + [row + ["hijau"] for row in rows[1:]]))
    assert len(read_table(path, SCHEMAS["elements"])) == 6  # the bundled schemas ignore extra columns
    with pytest.raises(DataPackError) as err:
        read_table(path, replace(SCHEMAS["elements"], extra_columns_allowed=False))
    assert (err.value.key, err.value.row, err.value.column) == ("unknown_column", 1, "warna")
