"""Comparison, gaps, profile and exports, on a synthetic case whose answers are computed by hand.

The synthetic figures have the shape of :func:`smartcity_geo.analytics.kelurahan_figures`:

====  ====  ======  ========  ===  ===  ===  =====  ===  =====  =======
code  area  public  internal  4G   3G   no   fibre  hh   prov.  tourism
====  ====  ======  ========  ===  ===  ===  =====  ===  =====  =======
A     1.0   2       0         0.8  0.2  0.0  True   0.6  2      t1
B     3.0   0       1         0.4  0.4  0.2  False  0.0  0      -
C     2.0   1       0         0.5  0.3  0.2  ?      ?    ?      -
====  ====  ======  ========  ===  ===  ===  =====  ===  =====  =======

City average, by hand: 4G (0.8*1 + 0.4*3 + 0.5*2) / 6 = 0.5; 3G only 2.0/6; no signal 1.0/6;
area mean 2.0; public hotspots mean 1.0, internal 1/3; fibre 1 of the 2 known = 0.5;
households passed mean of the known 0.3; providers mean of the known 1.0; tourism 1/3.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from datetime import date
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
from shapely.geometry import box

from smartcity_geo import WGS84, export, planning, profile, rules
from smartcity_geo.datapack import load_pack

UTM49S = "EPSG:32749"  # the bundled pack's metric CRS (pack.metric_crs)

ROOT = Path(__file__).resolve().parent.parent
GEODATA = ROOT / "geodata"
A, B, C = "35.75.01.1001", "35.75.01.1002", "35.75.02.1001"


def _figures() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "kode": [A, B, C],
            "kelurahan": ["Alpha", "Beta", "Gamma"],
            "kode_kecamatan": ["35.75.01", "35.75.01", "35.75.02"],
            "kecamatan": ["K1", "K1", "K2"],
            "area_km2": [1.0, 3.0, 2.0],
            "hotspots_public": [2, 0, 1],
            "hotspots_internal": [0, 1, 0],
            "hotspot_ids": [["h1", "h2"], ["h3"], ["h4"]],
            "share_4g": [0.8, 0.4, 0.5],
            "share_3g_only": [0.2, 0.4, 0.3],
            "share_no_mobile": [0.0, 0.2, 0.2],
            "fibre": [True, False, None],
            "households_passed_share": [0.6, 0.0, np.nan],
            "providers": [2, 0, pd.NA],
            "tourism_area_ids": [["t1"], [], []],
        }
    )


# --------------------------------------------------------------------------------------
# Comparison


def test_city_average_by_hand():
    avg = planning.city_average(_figures())
    expected = {
        "area_km2": 2.0,
        "hotspots_public": 1.0,
        "hotspots_internal": 1 / 3,
        "share_4g": 0.5,
        "share_3g_only": 2 / 6,
        "share_no_mobile": 1 / 6,
        "fibre": 0.5,
        "households_passed_share": 0.3,
        "providers": 1.0,
        "tourism_areas": 1 / 3,
    }
    assert avg == pytest.approx(expected)


def test_comparison_of_all_ends_with_the_city_row():
    table = planning.comparison_table(_figures(), lang="en")
    assert list(table["kode"]) == [A, B, C, planning.city_code(_figures())]
    assert list(table["is_city"]) == [False, False, False, True]
    city = table.iloc[-1]
    assert city["kelurahan"] == "City average"
    assert city["share_4g"] == pytest.approx(0.5)
    assert city["fibre"] == pytest.approx(0.5)
    assert list(table["fibre"].iloc[:2]) == [1.0, 0.0] and np.isnan(table["fibre"].iloc[2])
    assert list(table["tourism_areas"].iloc[:3]) == [1, 0, 0]
    assert list(table.columns) == [*planning.LABEL_NAMES, *planning.FIGURE_NAMES, "is_city"]


def test_comparison_of_a_selection_keeps_the_whole_city_average():
    table = planning.comparison_table(_figures(), [C, A], lang="id")
    assert list(table["kode"]) == [A, C, planning.city_code(_figures())]  # the figures' order
    assert table.iloc[-1]["kelurahan"] == "Rata-rata kota"
    assert table.iloc[-1]["share_4g"] == pytest.approx(0.5)  # not the selection's 0.6
    assert table.iloc[-1]["area_km2"] == pytest.approx(2.0)


def test_comparison_rejects_unknown_codes():
    with pytest.raises(ValueError, match=r"unknown kelurahan code\(s\) 35\.75\.09\.9999"):
        planning.comparison_table(_figures(), ["35.75.09.9999"])


def test_comparison_styler_formats_in_the_language():
    table = planning.comparison_table(_figures(), lang="id")
    shown = planning.style_comparison(table, "id").to_html()
    assert "Rata-rata kota" in shown and "0,3" in shown  # tourism mean 1/3
    english = planning.style_comparison(planning.comparison_table(_figures(), lang="en"), "en")
    lines = [line.split("|") for line in english.to_string(delimiter="|").splitlines()]
    header, city_row = lines[0], lines[-1]
    assert city_row[header.index("fibre")] == "50%"  # the share of kelurahan with fibre, short enough for the column
    assert city_row[header.index("tourism_areas")] == "0.3"


# --------------------------------------------------------------------------------------
# Gaps


def test_gaps_at_half():
    gaps = planning.gaps(_figures(), min_share_4g=0.5, lang="id")
    # A has everything; C sits exactly at 50 % (not below) and its fibre is unknown.
    assert list(gaps["kode"]) == [B]
    row = gaps.iloc[0]
    assert (row["no_public_hotspot"], row["low_4g"], row["no_fibre"]) == (True, True, True)
    assert row["reasons"] == "tanpa hotspot publik; 4G 40,0% (di bawah 50%); tanpa fiber"


def test_gaps_threshold_moves_the_list():
    gaps = planning.gaps(_figures(), min_share_4g=0.55, lang="en")
    assert list(gaps["kode"]) == [B, C]
    assert list(gaps["low_4g"]) == [True, True]
    assert gaps.iloc[1]["reasons"] == "4G 50.0% (below 55%)"
    at_zero = planning.gaps(_figures(), min_share_4g=0.0)  # B still lacks a hotspot and fibre
    assert list(at_zero["kode"]) == [B] and list(at_zero["low_4g"]) == [False]


def test_gaps_never_round_a_share_up_to_the_threshold():
    figures = _figures().assign(share_4g=[0.8, 0.4, 0.4996])
    gaps = planning.gaps(figures, min_share_4g=0.5, codes=[C], lang="en")
    assert gaps.iloc[0]["reasons"] == "4G 49.96% (below 50%)"


def test_gaps_within_a_selection_and_bad_threshold():
    assert planning.gaps(_figures(), codes=[A, C]).empty
    with pytest.raises(ValueError, match="between 0 and 1"):
        planning.gaps(_figures(), min_share_4g=50)


# --------------------------------------------------------------------------------------
# CSV: formula injection


@pytest.mark.parametrize("text", ["=1+1", "+1", "-5", "@SUM(A1:A2)", "\tcmd", "\rcmd", '=HYPERLINK("x")'])
def test_formula_prefixes_are_quoted(text):
    assert export.escape_cell(text) == "'" + text


@pytest.mark.parametrize("value", ["Tamba'an", "35.75.04.1009", "", " =padded", 3, -5, 1.5, True, None])
def test_other_cells_are_left_alone(value):
    assert export.escape_cell(value) == value


def _read_csv(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf"), "UTF-8 byte-order mark for Excel"
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_csv_bytes_escape_text_but_not_numbers():
    frame = pd.DataFrame(
        {
            "=name": ["=cmd|' /C calc'!A0", "Tamba'an", "-5", "@x"],
            "value": [-5, 2, 3, 4],
            "ids": [["=a", "b"], [], ["c"], ["d"]],
            "note": ["\tx", "\ry", None, "plain km²"],
        }
    )
    rows = _read_csv(export.to_csv_bytes(frame))
    assert rows[0] == ["'=name", "value", "ids", "note"]
    assert rows[1] == ["'=cmd|' /C calc'!A0", "-5", "'=a; b", "'\tx"]
    assert rows[2] == ["Tamba'an", "2", "", "'\ry"]
    assert rows[3] == ["'-5", "3", "c", ""]
    assert rows[4] == ["'@x", "4", "d", "plain km²"]


# --------------------------------------------------------------------------------------
# GeoJSON


def _utm_squares() -> gpd.GeoDataFrame:
    x0, y0 = 700_000.0, 9_150_000.0
    return gpd.GeoDataFrame(
        {"kode": [A, B], "name": ["=not a formula here", "Beta"], "ids": [["h1"], []], "share": [0.25, np.nan]},
        geometry=[box(x0, y0, x0 + 1000, y0 + 1000), box(x0 + 1000, y0, x0 + 2000, y0 + 1000)],
        crs=UTM49S,
    )


def test_geojson_is_lonlat_and_round_trips():
    gdf = _utm_squares()
    data = export.to_geojson_bytes(gdf)
    doc = json.loads(data)
    assert doc["type"] == "FeatureCollection" and "crs" not in doc
    lon, lat = doc["features"][0]["geometry"]["coordinates"][0][0]
    assert 112.7 < lon < 113.1 and -7.8 < lat < -7.5  # lon first (RFC 7946)
    assert doc["features"][0]["properties"] == {"kode": A, "name": "=not a formula here", "ids": ["h1"], "share": 0.25}
    assert doc["features"][1]["properties"]["share"] is None

    back = gpd.read_file(io.BytesIO(data))
    assert back.crs.to_epsg() == 4326
    expected = gdf.to_crs(WGS84)
    for got, want in zip(back.geometry, expected.geometry, strict=True):
        assert got.equals_exact(want, tolerance=1e-9)
    assert list(back["kode"]) == [A, B]
    assert back.to_crs(UTM49S).geometry.area.round(3).tolist() == pytest.approx([1e6, 1e6], rel=1e-6)


def test_geojson_refuses_a_frame_without_crs():
    with pytest.raises(ValueError, match="no CRS: expected one"):
        export.to_geojson_bytes(_utm_squares().set_crs(None, allow_override=True))


def test_file_names():
    day = date(2026, 11, 28)
    assert export.export_filename([], "csv", day) == "pasuruan_kelurahan_semua_20261128.csv"
    assert (
        export.export_filename([B, A], "geojson", day)
        == "pasuruan_kelurahan_pilihan_3575011001-3575011002_20261128.geojson"
    )
    assert export.export_filename([B], "csv", day, "en") == "pasuruan_kelurahan_selection_3575011002_20261128.csv"
    assert export.export_filename([], "csv", day, "en", excel=True) == "pasuruan_kelurahan_all_20261128_excel.csv"
    assert export.export_filename([f"35.75.04.10{i:02d}" for i in range(1, 7)], "csv", day).endswith(
        "_6kel_20261128.csv"
    )


# --------------------------------------------------------------------------------------
# With the real data pack: profile, statuses, exports of the selection


@pytest.fixture(scope="module")
def real(pack, map_data):
    return pack, map_data


def test_profile_of_pekuncen(real):
    pack, data = real
    code = "35.75.04.1009"
    prof = profile.profile(pack, data.figures, code, "en")
    hotspots = pack.table("hotspots")
    here = hotspots[hotspots["kelurahan_code"] == code]
    assert prof.name == "Pekuncen"
    assert len(prof.hotspots) == len(here)
    by_key = {f.key: f for f in prof.figures}
    assert by_key["hotspots"].value == str(len(here))
    assert by_key["hotspots"].status == pack.meta("hotspots").status
    assert by_key["share_4g"].status == "sample" and by_key["fibre"].status == "sample"
    # an area computed from the simplified polygons is never "official", and says so
    assert by_key["area"].status == "computed"
    assert by_key["area"].detail == "computed from the simplified boundary polygons; not the official area"
    placeholder = here["position_method"] == "placeholder"
    assert (prof.hotspots["position"] == "location unknown: illustrative point").sum() == placeholder.sum()
    areas = pack.table("tourism_areas").set_index("id")
    ids = data.figures.set_index("kode").loc[code, "tourism_area_ids"]
    assert list(prof.tourism["name"]) == [areas.loc[i, "name_en"] for i in ids]
    assert "Jalan Pahlawan heritage corridor" in list(prof.tourism["name"])
    defs = pack.table("indicators")
    assert prof.indicators is not None
    assert len(prof.indicators) == int((defs["kelurahan_code"] == code).sum()) > 0


def test_profile_without_indicator_datasets_has_no_indicator_table(real, pack_copy):
    root = pack_copy()
    manifest = json.loads((root / "manifest.json").read_text(encoding="utf-8"))
    programme_keys = {"elements", "subdimensions", "indicators", "indicator_values", "budget"}
    manifest["datasets"] = [d for d in manifest["datasets"] if d["key"] not in programme_keys]
    (root / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    for key in programme_keys:
        (root / f"{key}.csv").unlink()
    pack = load_pack(root)
    assert not pack.has("indicators")
    assert profile.profile(pack, real[1].figures, "35.75.04.1009", "en").indicators is None


def test_profile_shows_kelurahan_indicators_when_the_pack_has_them(real, tmp_path):
    root = tmp_path / "geodata"
    shutil.copytree(GEODATA, root)
    manifest = json.loads((root / "manifest.json").read_text(encoding="utf-8"))
    present = {d["key"] for d in manifest["datasets"]}
    for key in ("elements", "subdimensions", "indicators", "indicator_values", "budget"):
        if key not in present:
            manifest["datasets"].append(
                {
                    "key": key,
                    "file": f"{key}.csv",
                    "format": "csv",
                    "title_id": key,
                    "title_en": key,
                    "status": "sample",
                    "source": "test",
                    "licence": "test",
                    "as_of": "2026",
                    "positions": "none",
                }
            )
    (root / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    pack = load_pack(root)
    figures = real[1].figures
    defs = pack.table("indicators")
    code = defs["kelurahan_code"].dropna().iloc[0]
    prof = profile.profile(pack, figures, code, "id")
    assert prof.indicators is not None
    assert len(prof.indicators) == int((defs["kelurahan_code"] == code).sum()) > 0
    assert set(prof.indicators["status_key"]) <= {"official", "seed", "sample"}
    without = sorted(set(figures["kode"]) - set(defs["kelurahan_code"].dropna()))[0]
    assert profile.profile(pack, figures, without, "id").indicators.empty


def test_selection_exports_carry_statuses(real):
    pack, data = real
    codes = ["35.75.04.1009", "35.75.01.1001"]
    table = export.selection_table(data.figures, codes, pack)
    assert list(table["kode"]) == ["35.75.01.1001", "35.75.04.1009"]
    assert set(table["status_coverage"]) == {pack.meta("cell_sites").status}
    rows = _read_csv(export.to_csv_bytes(table))
    assert rows[0][0] == "kode" and len(rows) == 3
    gdf = export.selection_geodataframe(data.kelurahan, data.figures, codes, pack)
    back = gpd.read_file(io.BytesIO(export.to_geojson_bytes(gdf)))
    assert back.crs.to_epsg() == 4326 and list(back["kode"]) == list(table["kode"])
    assert back.geometry.iloc[0].equals_exact(
        data.kelurahan.set_index("kode").geometry.loc["35.75.01.1001"], tolerance=1e-9
    )


def test_areas_are_computed_and_coverage_carries_its_weakest_input(real):
    pack, data = real
    table = export.selection_table(data.figures, [], pack)
    assert set(table["status_area"]) == {"computed"}  # never the boundary file's "official"
    assert set(table["status_coverage"]) == {"sample"}  # computed from sample cell sites: sample
    statuses = planning.column_statuses(pack)
    assert statuses["area_km2"] == "computed" and statuses["share_4g"] == "sample"


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        (
            "id",
            {
                "code": "Kode",
                "area": "Luas (km²)",
                "share": "Luas 4G",
                "status": "Status luas",
                "fibre": "Fiber",
                "yes": "ya",
                "no": "tidak",
                "computed": "dihitung",
                "sample": "contoh",
                "decimal": ",",
            },
        ),
        (
            "en",
            {
                "code": "Code",
                "area": "Area (km²)",
                "share": "4G area",
                "status": "Area status",
                "fibre": "Fibre",
                "yes": "yes",
                "no": "no",
                "computed": "computed",
                "sample": "sample",
                "decimal": ".",
            },
        ),
    ],
)
def test_csv_in_the_users_language(real, lang, words):
    pack, data = real
    raw = export.to_csv_bytes(export.localized_table(data.figures, [], pack, lang))
    assert raw.startswith("\ufeff".encode())  # Excel opens it as UTF-8
    rows = _read_csv(raw)
    header = rows[0]
    assert header[0] == words["code"] and words["area"] in header and words["share"] in header
    by_name = [dict(zip(header, row, strict=True)) for row in rows[1:]]
    assert len(by_name) == 34
    for row in by_name:
        share = row[words["share"]]
        assert share.endswith("%") and words["decimal"] in share  # 62,4% / 62.4%, never 0.6245
        assert 0 <= float(share.rstrip("%").replace(",", ".")) <= 100
        assert row[words["fibre"]] in (words["yes"], words["no"], "")  # never True/False
        assert row[words["status"]] == words["computed"]
    coverage = "Status cakupan" if lang == "id" else "Coverage status"
    assert {row[coverage] for row in by_name} == {words["sample"]}
    assert "True" not in raw.decode("utf-8-sig") and "False" not in raw.decode("utf-8-sig")


def test_csv_for_excel_in_indonesian(real):
    pack, data = real
    raw = export.to_csv_bytes(export.localized_table(data.figures, ["35.75.04.1009"], pack, "id"), excel=True)
    assert raw.startswith("\ufeff".encode())
    text = raw.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    header, row = rows[0], dict(zip(rows[0], rows[1], strict=True))
    assert len(header) == len(export.LOCALIZED_COLUMNS)
    area = data.figures.set_index("kode").loc["35.75.04.1009", "area_km2"]
    assert row["Luas (km²)"] == f"{round(area, rules.AREA_DECIMALS)}".replace(".", ",")  # as shown, decimal comma
    assert row["Fiber"] in ("ya", "tidak") and row["Luas 4G"].endswith("%")


def test_each_gap_carries_the_status_of_the_data_behind_it(real):
    pack, data = real
    gap = planning.gaps(data.figures)
    statuses = planning.gap_statuses(gap, pack)
    assert len(statuses) == len(gap)
    for (_, row), status in zip(gap.iterrows(), statuses, strict=True):
        if row["low_4g"] or row["no_fibre"]:  # sample cell sites / broadband
            assert status == "sample"
        else:  # only the hotspot list (city presentation)
            assert status == planning.dataset_status(pack, "hotspots", [row["kode"]])


def test_excel_csv_has_decimal_commas_whatever_the_headers(real):
    pack, data = real
    table = export.localized_table(data.figures, ["35.75.04.1009"], pack, "en", number_lang="id")
    rows = list(csv.reader(io.StringIO(export.to_csv_bytes(table, excel=True).decode("utf-8-sig")), delimiter=";"))
    row = dict(zip(rows[0], rows[1], strict=True))
    assert "4G area" in row and row["4G area"] == "100,0%" and "," in row["Area (km²)"]


def test_a_figure_takes_the_weakest_status_of_the_rows_of_the_chosen_kelurahan(real):
    """One illustrative hotspot row makes its kelurahan's hotspot figure "sample", not its neighbours'."""
    pack, _ = real
    hotspots = pack.table("hotspots").copy()
    marked = hotspots["kelurahan_code"].iloc[0]
    neighbour = next(c for c in hotspots["kelurahan_code"] if c != marked)
    hotspots.loc[hotspots.index[0], "status"] = "sample"
    changed = pack.with_table("hotspots", hotspots)
    dataset = pack.meta("hotspots").status
    assert planning.dataset_status(changed, "hotspots", [marked]) == "sample"
    assert planning.dataset_status(changed, "hotspots", [neighbour]) == dataset != "sample"
    assert planning.dataset_status(changed, "hotspots", [neighbour, marked]) == "sample"
    assert planning.dataset_status(changed, "hotspots") == "sample"  # the whole city
    assert planning.dataset_status(changed, "hotspots", [neighbour], computed=True) == rules.weakest_status(
        [rules.COMPUTED, dataset]
    )
    assert planning.dataset_status(pack, "hotspots", [marked]) == dataset  # the first pack is untouched


def test_the_averages_worked_out_once_give_each_selection_its_own_rows(real):
    """Picking a selection's rows from the averages of every kecamatan equals averaging for it."""
    _, data = real
    figures = data.figures
    codes = list(figures["kode"])
    for selection in ([], codes[:1], [codes[0], codes[-1]], codes[5:20]):
        expected = planning.average_rows(figures, selection, lang="en")
        picked = planning.averages_for(planning.average_rows(figures, (), lang="en"), figures, selection)
        pd.testing.assert_frame_equal(picked, expected)


def test_a_province_is_compared_by_kabkota_and_one_kabkota_with_its_province(real):
    """A province's averages: the province, each kab/kota touched, each kecamatan touched; one
    kab/kota of it puts the province's own row first. Picking rows equals averaging for them."""
    _, data = real
    city = data.figures
    other = city.copy()  # a second kab/kota: the same villages under 35.99, twice the hotspots
    other["kode"] = other["kode"].str.replace("35.75.", "35.99.", regex=False)
    other["kode_kecamatan"] = other["kode_kecamatan"].str.replace("35.75.", "35.99.", regex=False)
    other["hotspots_public"] = other["hotspots_public"] * 2
    figures = pd.concat([city, other], ignore_index=True)
    names = {"35.75": "Kota Pasuruan", "35.99": "Kota Lain"}
    table = planning.average_rows(figures, (), lang="en", kabkota=names)
    assert list(table["kode"][:3]) == ["35", "35.75", "35.99"]
    assert list(table["kelurahan"][1:3]) == ["Kota Pasuruan average", "Kota Lain average"]
    by_code = table.set_index("kode")["hotspots_public"]
    assert by_code["35.99"] == pytest.approx(2 * by_code["35.75"]) and by_code["35.75"] > 0
    assert by_code["35"] == pytest.approx((by_code["35.75"] + by_code["35.99"]) / 2)
    assert len(table) == 3 + 2 * city["kode_kecamatan"].nunique()
    one = other["kode"].iloc[0]
    picked = planning.averages_for(table, figures, [one])
    assert list(picked["kode"]) == ["35", "35.99", other["kode_kecamatan"].iloc[0]]
    pd.testing.assert_frame_equal(picked, planning.average_rows(figures, [one], lang="en", kabkota=names))
    assert list(planning.region_averages(table, figures)["kode"]) == ["35"]
    # one kab/kota of the province: the province's row above its own
    above = planning.region_row(figures, "en", name="Jawa Timur")
    assert above["kelurahan"] == "Jawa Timur province average" and above["kode"] == "35"
    scoped = planning.average_rows(other, (), lang="en", above=[above])
    assert list(scoped["kode"][:2]) == ["35", "35.99"]
    assert list(planning.region_averages(scoped, other)["kode"]) == ["35", "35.99"]
    assert list(planning.averages_for(scoped, other, [one])["kode"]) == ["35", "35.99", other["kode_kecamatan"].iloc[0]]
