"""README "The rules a data file follows", sentence by sentence.

Each test is named after the sentence it checks (section bullet, then the promise), so the
promise and its proof stay side by side. The rules live in ``smartcity_geo/schema/`` and
``smartcity_geo/datafiles.py``; every one of them is enforced when the pack loads, when a
file is uploaded and when the command line imports one (the last test shows all three).

Not here: the ``as_of`` date rules (a real calendar date, not in the future, not before its
source could exist) belong to issue 21's work.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import time
import zipfile
from pathlib import Path

import openpyxl
import pytest
from bombs import BOMBS, BUDGET_HEADER, xlsx_rows

from smartcity_geo import limits
from smartcity_geo.cli import main
from smartcity_geo.datafiles import (
    MAX_CELLS,
    MAX_COLUMNS,
    MAX_ROWS,
    MAX_SEPARATORS,
    MAX_XLSX_STRINGS_MB,
    MAX_XLSX_UNPACKED_MB,
    read_dataset_bytes,
)
from smartcity_geo.datapack import load_pack
from smartcity_geo.errors import DataPackError
from smartcity_geo.seal import seal

GEODATA = Path(__file__).resolve().parent.parent / "geodata"


def _text(file: str) -> str:
    return (GEODATA / file).read_text(encoding="utf-8")


def _lines(file: str) -> list[str]:
    return _text(file).splitlines()


def _csv(lines: list[str]) -> bytes:
    return ("\n".join(lines) + "\n").encode()


def _refused(key: str, name: str, data: bytes, **kwargs) -> DataPackError:
    with pytest.raises(DataPackError) as err:
        read_dataset_bytes(key, name, data, **kwargs)
    for lang in ("id", "en"):  # one sentence in either language, never a bare key
        assert not err.value.message(lang).startswith("error.")
    return err.value


def _budget_rows() -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(_text("budget.csv"))))


def _budget_csv(rows: list[dict[str, str]]) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode()


# ---------------------------------------------------------------------------------------
# Files


def _book(*sheets: tuple[str, list[list], str]) -> bytes:
    """A workbook of (title, rows, state) sheets, written by openpyxl (which saves no formula results)."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows, state in sheets:
        ws = book.create_sheet(title)
        ws.sheet_state = state
        for row in rows:
            ws.append(row)
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


def _links_rows(text: str) -> list[list]:
    return [row for row in csv.reader(io.StringIO(text))]


def test_files_xlsx_the_first_visible_sheet_is_read_hidden_sheets_skipped():
    good = _links_rows(_text("network_links.csv"))
    bad = [row[:] for row in good]
    bad[1][1] = bad[1][0]  # a loop: refused if this sheet were read
    data = _book(("old", bad, "hidden"), ("links", good, "visible"))
    table = read_dataset_bytes("network_links", "links.xlsx", data)
    assert len(table) == len(good) - 1
    # the hidden first sheet is read only when named
    err = _refused("network_links", "links.xlsx", data, sheet="old")
    assert (err.key, err.row) == ("self_pair", 2)


def test_files_xlsx_a_sheet_named_in_the_upload_is_read_and_an_unknown_name_is_refused():
    good = _links_rows(_text("network_links.csv"))
    data = _book(("notes", [["nothing here"]], "visible"), ("links", good, "visible"))
    assert len(read_dataset_bytes("network_links", "links.xlsx", data, sheet="links")) == len(good) - 1
    err = _refused("network_links", "links.xlsx", data, sheet="Sheet9")
    assert err.key == "sheet_missing" and "links" in err.message("en")


def test_files_xlsx_a_formula_without_a_saved_result_is_refused_naming_the_cell():
    rows = [list(BUDGET_HEADER), [2024, "SG", "", "Diskominfotik", 1_000_000, 500_000, "sample", "x"]]
    rows += [[2025, "SG", "", "Diskominfotik", 2_000_000, "=E3-1000", "sample", "x"]]  # realised_idr, F3
    err = _refused("budget", "budget.xlsx", _book(("budget", rows, "visible")))
    assert (err.file, err.row, err.column, err.params["cell"]) == ("budget.xlsx", 3, "realised_idr", "F3")
    assert "F3" in err.message("id") and "F3" in err.message("en")


def test_files_xlsx_a_formula_with_its_saved_result_is_read_as_the_result():
    table = read_dataset_bytes("budget", "budget.xlsx", _formula_with_value())
    assert table["realised_idr"].tolist() == [500_000.0]


def _formula_with_value() -> bytes:
    """A one-line budget sheet whose realised_idr is a formula with its saved result (as Excel writes)."""
    plain = xlsx_rows(iter([BUDGET_HEADER, (2024, "SG", "", "Diskominfotik", 1_000_000, 500_000, "sample", "x")]))
    src = zipfile.ZipFile(io.BytesIO(plain))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename.endswith("sheet1.xml"):
                body = body.replace(b'<c r="F2"><v>500000</v></c>', b'<c r="F2"><f>E2/2</f><v>500000</v></c>')
                assert b"<f>" in body
            dst.writestr(info.filename, body)
    return out.getvalue()


def _tourism(edit) -> bytes:
    doc = json.loads(_text("tourism_areas.geojson"))
    edit(doc)
    return json.dumps(doc).encode()


def _first_mapped(doc) -> dict:
    return next(f for f in doc["features"] if f["geometry"])


@pytest.mark.parametrize("name", ["EPSG:43260", "EPSG:43261", "EPSG:4326x", "EPSG:3857", "urn:ogc:def:crs:EPSG::43260"])
def test_files_geojson_crs_when_present_names_exactly_crs84_or_epsg_4326(name):
    data = _tourism(lambda d: d.update(crs={"type": "name", "properties": {"name": name}}))
    err = _refused("tourism_areas", "tourism_areas.geojson", data)
    assert (err.key, err.column, err.params["got"]) == ("bad_crs", "crs", name)


@pytest.mark.parametrize("name", ["EPSG:4326", "urn:ogc:def:crs:OGC:1.3:CRS84", "urn:ogc:def:crs:EPSG::4326"])
def test_files_geojson_crs_crs84_and_epsg_4326_are_read(name):
    data = _tourism(lambda d: d.update(crs={"type": "name", "properties": {"name": name}}))
    assert len(read_dataset_bytes("tourism_areas", "tourism_areas.geojson", data)) > 0


def test_files_geojson_a_ring_that_is_not_closed_is_refused():
    def cut(doc):
        feature = _first_mapped(doc)
        geom = feature["geometry"]
        polygon = geom["coordinates"] if geom["type"] == "Polygon" else geom["coordinates"][0]
        polygon[0] = polygon[0][:3]  # three positions, the last not the first

    doc = json.loads(_tourism(lambda d: None))
    row = doc["features"].index(_first_mapped(doc)) + 1
    err = _refused("tourism_areas", "tourism_areas.geojson", _tourism(cut))
    assert (err.key, err.row, err.column, err.params["got"]) == ("ring_not_closed", row, "geometry", 3)


def test_files_geojson_an_invalid_polygon_is_refused_never_repaired():
    def bowtie(doc):
        feature = _first_mapped(doc)
        (x0, y0), (x1, y1) = (112.90, -7.64), (112.91, -7.63)
        feature["geometry"] = {"type": "Polygon", "coordinates": [[[x0, y0], [x1, y1], [x1, y0], [x0, y1], [x0, y0]]]}

    err = _refused("tourism_areas", "tourism_areas.geojson", _tourism(bowtie))
    assert (err.key, err.column) == ("bad_geometry", "geometry") and "Self-intersection" in err.message("en")


# ---------------------------------------------------------------------------------------
# Keys and duplicates


def test_keys_a_link_has_no_direction_b_a_beside_a_b_is_refused_naming_both_rows():
    lines = _lines("network_links.csv")
    a, b, medium, status = lines[1].split(",")
    err = _refused("network_links", "network_links.csv", _csv([*lines, f"{b},{a},{medium},{status}"]))
    assert (err.key, err.row, err.column, err.params["first"]) == (
        "duplicate_pair",
        len(lines) + 1,
        "from_id + to_id",
        2,
    )
    assert "2" in err.message("en") and str(len(lines) + 1) in err.message("en")


def test_keys_no_site_is_linked_to_itself():
    lines = _lines("network_links.csv")
    a, _, medium, status = lines[2].split(",")
    lines[2] = f"{a},{a},{medium},{status}"
    err = _refused("network_links", "network_links.csv", _csv(lines))
    assert (err.key, err.row, err.column, err.params["got"]) == ("self_pair", 3, "to_id", a)


@pytest.mark.parametrize("column", ["note", "note_id", "note_en", "source"])
def test_keys_a_budget_line_is_what_it_funds_not_its_note_or_source(column):
    rows = _budget_rows()
    again = dict(rows[5], **{column: (rows[5][column] or "") + " (entered again)"})
    err = _refused("budget", "budget.csv", _budget_csv([*rows, again]))
    assert (err.key, err.row, err.params["first"]) == ("duplicate_key", len(rows) + 2, 7)
    assert err.column == "year + element + programme + agency"


def test_keys_budget_lines_differing_in_what_they_fund_are_two_lines():
    rows = _budget_rows()
    other = dict(rows[5], agency="Bappelitbangda")
    assert len(read_dataset_bytes("budget", "budget.csv", _budget_csv([*rows, other]))) == len(rows) + 1


# ---------------------------------------------------------------------------------------
# Ranges and signs: years in the masterplan


def test_ranges_a_sample_budget_line_before_the_masterplan_is_refused():
    rows = _budget_rows()
    line = next(i for i, r in enumerate(rows) if r["status"] == "sample")
    rows[line]["year"] = "2019"
    err = _refused("budget", "budget.csv", _budget_csv(rows))
    assert (err.key, err.row, err.column, err.params["got"]) == ("before_masterplan", line + 2, "year", 2019)


def test_ranges_an_official_budget_line_before_the_masterplan_is_sourced_context():
    table = read_dataset_bytes("budget", "budget.csv", (GEODATA / "budget.csv").read_bytes())
    early = table[table["year"] < 2022]
    assert len(early) and set(early["status"]) == {"official"} and early["source"].str.len().min() > 0


@pytest.mark.parametrize("year", ["2015", "2018"])
def test_ranges_a_budget_year_before_the_preparation_years_is_refused(year):
    rows = _budget_rows()
    rows[0]["year"] = year  # an official line
    err = _refused("budget", "budget.csv", _budget_csv(rows))
    assert (err.key, err.row, err.column, err.params["minimum"]) == ("out_of_range", 2, "year", "2019")


@pytest.mark.parametrize("year", ["2015", "2032"])
def test_ranges_an_indicator_baseline_year_outside_the_preparation_and_masterplan_years_is_refused(year):
    lines = _lines("indicators.csv")
    lines[1] = lines[1].replace(",300,2021,", f",300,{year},")
    err = _refused("indicators", "indicators.csv", _csv(lines))
    assert (err.key, err.row, err.column) == ("out_of_range", 2, "baseline_year")


@pytest.mark.parametrize("year", ["2021", "2032"])
def test_ranges_an_indicator_value_outside_the_masterplan_is_refused(year):
    lines = _lines("indicator_values.csv")
    lines[1] = lines[1].replace(",2022,", f",{year},", 1)
    err = _refused("indicator_values", "indicator_values.csv", _csv(lines))
    assert (err.key, err.row, err.column) == ("out_of_range", 2, "year")


# ---------------------------------------------------------------------------------------
# Bounded work


def test_bounded_work_the_limits_are_what_the_readme_says():
    readme = (GEODATA.parent / "README.md").read_text(encoding="utf-8")
    for figure in (MAX_ROWS, MAX_CELLS, MAX_SEPARATORS):
        assert f"{figure:,}".replace(",", "\u202f") in readme or f"{figure:,}".replace(",", " ") in readme
    assert f"{MAX_COLUMNS} columns" in readme
    assert f"{MAX_XLSX_UNPACKED_MB} MB" in readme and f"{MAX_XLSX_STRINGS_MB} MB" in readme


@pytest.mark.parametrize("name", sorted(BOMBS))
def test_bounded_work_a_file_that_would_expand_is_refused_quickly(name):
    data = BOMBS[name]()
    suffix = ".xlsx" if name.startswith("xlsx") else ".csv"
    start = time.process_time()
    err = _refused("budget", f"bomb{suffix}", data)
    cpu = time.process_time() - start
    assert err.key in (
        "too_many_rows",
        "too_many_columns",
        "too_many_separators",
        "too_many_cells_file",
        "xlsx_too_large",
        "xlsx_strings_too_large",
    )
    assert err.file == f"bomb{suffix}"
    # generous (a loaded CI machine); bench/bench_upload_bombs.py measures the real figures
    assert cpu < 10, f"{name}: {cpu:.1f} s of CPU"


def test_bounded_work_the_server_reads_two_uploads_at_once_and_refuses_a_third_at_once():
    with limits.parse_slot(), limits.parse_slot():
        start = time.process_time()
        with pytest.raises(DataPackError) as err, limits.parse_slot():
            pass
        assert time.process_time() - start < 0.5  # never queued
    assert err.value.key == "upload_busy"
    assert "coba lagi" in err.value.message("id") and "try again" in err.value.message("en")
    with limits.parse_slot():  # freed again
        pass


def test_bounded_work_a_session_may_try_ten_uploads_in_ten_minutes():
    times: tuple[float, ...] = ()
    for n in range(limits.MAX_UPLOADS_PER_SESSION):
        times = limits.session_allows(times, now=1000.0 + n)
    with pytest.raises(DataPackError) as err:
        limits.session_allows(times, now=1010.0)
    assert err.value.key == "upload_session_limit" and err.value.params["minutes"] == 10
    assert "10" in err.value.message("id") and "try again" in err.value.message("en")
    later = limits.session_allows(times, now=1000.0 + limits.SESSION_WINDOW_S + 0.5)  # the first one expired
    assert len(later) == limits.MAX_UPLOADS_PER_SESSION


def _upload_script():
    import streamlit as st

    from smartcity_geo.errors import DataPackError
    from ui import loaders

    try:
        loaders.try_upload(loaders.begin_run(), "budget", "budget.csv", b"year\n")
    except DataPackError as err:
        st.error(err.message(st.session_state.get("lang", "id")))


@pytest.mark.parametrize("lang", ["id", "en"])
def test_bounded_work_an_upload_while_the_server_is_busy_is_refused_at_once_in_the_users_language(lang):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_function(_upload_script)
    at.session_state["lang"] = lang
    with limits.parse_slot(), limits.parse_slot():
        at.run(timeout=30)
    assert [e.value for e in at.error] == [DataPackError("upload_busy").message(lang)]
    assert "_uploads" not in at.session_state


def test_bounded_work_the_eleventh_upload_of_a_session_is_refused():
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_function(_upload_script)
    at.session_state["lang"] = "en"
    at.session_state["_upload_times"] = (1e12,) * limits.MAX_UPLOADS_PER_SESSION  # ten just now
    at.run(timeout=30)
    assert len(at.error) == 1 and "this session has uploaded 10 files in 10 minutes" in at.error[0].value


# ---------------------------------------------------------------------------------------
# Everywhere: pack load, upload, command line


def _self_link() -> bytes:
    lines = _lines("network_links.csv")
    a, _, medium, status = lines[1].split(",")
    lines[1] = f"{a},{a},{medium},{status}"
    return _csv(lines)


def test_everywhere_a_rule_refuses_the_file_on_pack_load_upload_and_import(tmp_path, monkeypatch, today, pack):
    data = _self_link()
    root = tmp_path / "geodata"
    shutil.copytree(GEODATA, root)
    (root / "network_links.csv").write_bytes(data)
    seal(root)
    with pytest.raises(DataPackError) as loaded:
        load_pack(root, today=today)
    with pytest.raises(DataPackError) as uploaded:
        pack.with_uploads({"network_links": ("network_links.csv", data)})
    monkeypatch.setenv("SMARTCITY_STORE_DIR", str(tmp_path / "store"))
    monkeypatch.delenv("SMARTCITY_DATABASE_URL", raising=False)
    path = tmp_path / "network_links.csv"
    path.write_bytes(data)
    out, err = io.StringIO(), io.StringIO()
    code = main(["validate", str(path), "--dataset", "network_links", "--lang", "en"], out=out, err=err)
    assert (loaded.value.key, loaded.value.row) == (uploaded.value.key, uploaded.value.row) == ("self_pair", 2)
    assert code == 1 and uploaded.value.message("en") in err.getvalue() + out.getvalue()


def test_everywhere_the_command_lines_sheet_names_the_sheet_to_read(tmp_path, monkeypatch):
    good = _links_rows(_text("network_links.csv"))
    bad = [row[:] for row in good]
    bad[1][1] = bad[1][0]
    path = tmp_path / "links.xlsx"
    path.write_bytes(_book(("old", bad, "hidden"), ("links", good, "visible")))
    monkeypatch.setenv("SMARTCITY_STORE_DIR", str(tmp_path / "store"))
    monkeypatch.delenv("SMARTCITY_DATABASE_URL", raising=False)

    def validate(*extra: str) -> tuple[int, str]:
        out, err = io.StringIO(), io.StringIO()
        code = main(["validate", str(path), "--dataset", "network_links", "--lang", "en", *extra], out=out, err=err)
        return code, out.getvalue() + err.getvalue()

    assert validate()[0] == 0  # the first visible sheet
    code, said = validate("--sheet", "old")
    assert code == 1 and "row 2, column to_id" in said
