"""The region a pack is for (smartcity_geo.region) and the datasets a region has not supplied yet."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from store_helpers import PASSWORD, Clock

from smartcity_geo import analytics, rules
from smartcity_geo.datapack import load_pack
from smartcity_geo.errors import DataPackError
from smartcity_geo.mapdata import prepare_map_data
from smartcity_geo.region import parse_region, text_context, utm_crs
from smartcity_geo.regions import build_region
from smartcity_geo.seal import seal
from smartcity_geo.store import Declaration, Users, open_store
from smartcity_geo.strings import t

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "wilayah"


@pytest.fixture(scope="module")
def batu(tmp_path_factory) -> Path:
    """Kota Batu (5 kelurahan, 19 desa), built from the upstream excerpt: no city data."""
    out = tmp_path_factory.mktemp("batu") / "35.79"
    build_region("35.79", FIXTURE / "wilayah_boundaries", FIXTURE / "wilayah", out)
    return out


def _block(**changes) -> dict:
    block = {
        "code": "35.24",
        "name": "Kabupaten Lamongan",
        "kind": "kabupaten",
        "province": {"code": "35", "name": "Jawa Timur"},
        "villages": {"total": 474, "kelurahan": 12, "desa": 462},
        "kecamatan": [{"code": "35.24.01", "name": "Sukorame"}],
        "missing_boundaries": [],
        "bounds": [112.0, -7.3, 112.6, -6.8],
    }
    block.update(changes)
    return block


def test_the_bundled_region_is_read_from_the_manifest(pack):
    region = pack.region
    assert (region.code, region.name, region.kind) == ("35.75", "Kota Pasuruan", "kota")
    assert (region.villages_total, region.kelurahan, region.desa, len(region.kecamatan)) == (34, 34, 0, 4)
    assert pack.metric_crs == "EPSG:32749"
    words = region.words("en")
    assert (words["vil"], words["unit"], words["region_short"], words["code_pattern"]) == (
        "kelurahan",
        "city",
        "Pasuruan",
        "35.75.KK.DDDD",
    )


@pytest.mark.parametrize(
    ("kelurahan", "desa", "word"),
    [(12, 0, "kelurahan"), (0, 12, "desa"), (5, 7, "kelurahan/desa")],
)
def test_the_village_word_follows_the_counts(kelurahan, desa, word):
    region = parse_region(
        _block(villages={"total": kelurahan + desa, "kelurahan": kelurahan, "desa": desa}), metric_crs="EPSG:32749"
    )
    assert region.village_word == word
    with text_context(region):
        assert t("kpi.kelurahan", "id") == word[0].upper() + word[1:]
        assert t("kpi.kelurahan", "en") == word[0].upper() + word[1:]


def test_a_kabupaten_is_a_regency_in_english():
    region = parse_region(_block(), metric_crs="EPSG:32749")
    assert (region.kind_label("id"), region.kind_label("en")) == ("Kabupaten", "Regency")
    with text_context(region):
        assert t("app.title", "id") == "Peta Kota Cerdas Kabupaten Lamongan"
        assert t("app.title", "en") == "Lamongan Regency Smart City Map"
        assert t("sidebar.selection_all", "en") == "Whole regency"


@pytest.mark.parametrize(
    ("change", "column"),
    [
        ({"kind": "negara"}, "region.kind"),
        ({"kind": "provinsi"}, "region.code"),  # a province's code is PP
        ({"code": "35"}, "region.code"),
        (
            {"missing_boundaries": [{"code": "35.07.01.2001", "name": "X", "kind": "desa"}]},
            "region.missing_boundaries.code",
        ),
        ({"villages": {"total": 10, "kelurahan": 2, "desa": 3}}, "region.villages.total"),
        ({"kecamatan": [{"code": "35.07.01", "name": "X"}]}, "region.kecamatan.code"),
        ({"bounds": [112.6, -7.3, 112.0, -6.8]}, "region.bounds"),
        (
            {"missing_boundaries": [{"code": "35.24.01.2001", "name": "X", "kind": "dusun"}]},
            "region.missing_boundaries.kind",
        ),
    ],
)
def test_a_malformed_region_block_is_one_clear_message_in_both_languages(change, column):
    with pytest.raises(DataPackError) as err:
        parse_region(_block(**change), metric_crs="EPSG:32749")
    assert err.value.column == column and err.value.file == "manifest.json"
    assert err.value.message("id").startswith("Berkas manifest.json") and "wilayah" in err.value.message("id")
    assert "region block is malformed" in err.value.message("en")


def test_a_metric_crs_that_is_not_a_southern_utm_zone_is_refused():
    with pytest.raises(DataPackError, match="metric_crs"):
        parse_region(_block(), metric_crs="EPSG:4326")


@pytest.mark.parametrize(("lon", "crs"), [(111.2, "EPSG:32749"), (112.9, "EPSG:32749"), (114.2, "EPSG:32750")])
def test_the_utm_zone_of_a_longitude(lon, crs):
    assert utm_crs(lon) == crs


def test_an_empty_region_loads_with_every_unsupplied_dataset_empty(batu):
    pack = load_pack(batu)
    assert pack.region.village_word == "kelurahan/desa" and len(pack.table("kelurahan")) == 24
    assert pack.unsupplied == {k for k in pack.metas if k not in ("kelurahan", "elements", "subdimensions")}
    for key in pack.unsupplied:
        assert pack.table(key).empty and pack.meta(key).status == rules.NONE
        assert "python -m smartcity_geo import" in pack.meta(key).note("en")
    data = prepare_map_data(pack)  # the map's figures from boundaries alone
    assert data.city.kelurahan == 24 and data.city.area_km2 > 100


def test_not_yet_supplied_is_never_a_figures_status():
    assert rules.NONE not in rules.DATA_STATUSES  # no editor can declare it
    assert rules.weakest_status(["official", rules.NONE, rules.COMPUTED]) == rules.NONE
    assert t("status.none", "id") == "belum tersedia" and t("status.none", "en") == "not yet supplied"


def test_an_unsupplied_dataset_must_be_empty(batu, tmp_path):
    copy = shutil.copytree(batu, tmp_path / "pack")
    manifest = json.loads((copy / "manifest.json").read_text(encoding="utf-8"))
    entry = next(e for e in manifest["datasets"] if e["key"] == "broadband")
    entry["rows"] = 3
    (copy / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    with pytest.raises(DataPackError) as err:
        load_pack(copy)
    assert err.value.key == "unsupplied_rows" and err.value.column == "rows"


def test_validation_messages_quote_the_regions_own_code(batu):
    pack = load_pack(batu)
    header = "kelurahan_code,fibre,households_passed_share,providers,status\n"
    with pytest.raises(DataPackError) as err:
        pack.with_uploads({"broadband": ("broadband.csv", (header + "3579011001,true,0.5,2,official\n").encode())})
    assert "35.79.KK.DDDD" in err.value.message("id") and "35.79.KK.DDDD" in err.value.message("en")
    assert "35.75" not in err.value.message("en")
    code = pack.table("kelurahan")["kode"].iloc[0]
    foreign = code.replace("35.79", "35.75", 1)
    with pytest.raises(DataPackError) as err:
        pack.with_uploads({"broadband": ("broadband.csv", (header + f"{foreign},true,0.5,2,official\n").encode())})
    assert err.value.key == "unknown_code" and foreign in err.value.message("en")


def test_measures_are_made_in_the_packs_metric_crs(batu, tmp_path):
    """The projection is the pack's: the same boundaries measured in the neighbouring zone differ."""
    pack = load_pack(batu)
    copy = shutil.copytree(batu, tmp_path / "pack")
    manifest = json.loads((copy / "manifest.json").read_text(encoding="utf-8"))
    manifest["pack"]["metric_crs"] = "EPSG:32750"
    (copy / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    seal(copy)
    other = load_pack(copy)
    assert (pack.metric_crs, other.metric_crs) == ("EPSG:32749", "EPSG:32750")
    zone49, zone50 = (prepare_map_data(p).city.area_km2 for p in (pack, other))
    kel = pack.table("kelurahan")
    assert zone49 == pytest.approx(analytics.to_utm(kel, "EPSG:32749").union_all().area / 1e6, rel=1e-3)
    assert zone50 != pytest.approx(zone49, rel=1e-4)  # a different zone gives a different (distorted) area


def test_an_editor_supplies_a_missing_dataset_through_the_store(batu, tmp_path):
    pack = load_pack(batu)
    store = open_store(f"sqlite:///{tmp_path / 'store.sqlite'}", clock=Clock())
    store.seed(pack)
    assert store.current_pack(pack).unsupplied == pack.unsupplied
    users = Users(store.engine, clock=Clock(), env={})
    users.add("ana", PASSWORD)
    editor = users.authenticate("ana", PASSWORD, session="s1")
    codes = list(pack.table("kelurahan")["kode"])
    body = "".join(f"{code},true,0.5,2,official\n" for code in codes)
    data = ("kelurahan_code,fibre,households_passed_share,providers,status\n" + body).encode()
    preview = store.preview_import(store.current_pack(pack), "broadband", "broadband-batu.csv", data)
    store.commit_import(
        editor,
        preview,
        Declaration(status="official", reason="first data", source="Diskominfo Batu", as_of="2026-11-01"),
    )
    now = store.current_pack(pack)
    assert now.supplied("broadband") and "broadband" not in now.unsupplied
    assert len(now.table("broadband")) == 24 and now.meta("broadband").status == "official"
    store.engine.dispose()
