"""A province's finer villages per kab/kota (``smartcity_geo.mapdetail``): cut from the pack's
finest zoom band, one file each, fetched by the map past the lightest band.

Built from the fixture province (three kota, 76 villages; ``tests/fixtures/wilayah``).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import shapely
from shapely.geometry import shape
from test_regions import build

from smartcity_geo import layers
from smartcity_geo.datapack import load_pack
from smartcity_geo.errors import DataPackError
from smartcity_geo.mapdata import prepare_map_data
from smartcity_geo.mapdetail import kabkota_detail
from smartcity_geo.regions import read_band


@pytest.fixture(scope="module")
def province(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("province") / "35"
    status, _out, err = build("35", root)
    assert status == 0, err
    return root


def _bands(root: Path) -> list[dict]:
    manifest = json.loads((root / "manifest.json").read_text(encoding="utf-8"))
    return sorted(manifest["pack"]["geometry_bands"], key=lambda e: e["max_zoom"])


def test_every_village_of_the_finest_band_is_in_its_kabkota_file_once(province: Path) -> None:
    entries = _bands(province)
    detail = kabkota_detail(province)
    assert detail is not None and detail.min_zoom == entries[0]["max_zoom"] + 1  # past the lightest band
    finest = {f["properties"]["kode"]: f["geometry"] for f in read_band(province, entries[-1], "villages")["features"]}
    outlines = {f["properties"]["kode"]: f["geometry"] for f in read_band(province, entries[-1], "kabkota")["features"]}
    assert [k.code for k in detail.kabkota] == list(outlines)
    seen: dict[str, str] = {}
    for kab in detail.kabkota:
        content = json.loads(kab.text)
        assert content["outline"] == outlines[kab.code]
        assert content["villages"], f"{kab.code} has no villages"
        for kode, geometry in content["villages"].items():
            assert kode.startswith(kab.code + ".") and kode not in seen
            seen[kode] = kab.code
            assert geometry == finest[kode]  # the band as sealed, not simplified again
            minx, miny, maxx, maxy = shapely.bounds(shape(geometry))
            assert kab.bounds[0] <= minx and kab.bounds[1] <= miny and maxx <= kab.bounds[2] and maxy <= kab.bounds[3]
    assert set(seen) == set(finest)
    lightest = {f["properties"]["kode"]: f["geometry"] for f in read_band(province, entries[0], "villages")["features"]}
    points = lambda g: len(shapely.get_coordinates(shape(g)))  # noqa: E731
    assert sum(map(points, finest.values())) > sum(map(points, lightest.values()))  # finer than what is drawn first


def test_a_tampered_band_is_one_clear_message(province: Path, tmp_path: Path) -> None:
    copy = tmp_path / "pack"
    shutil.copytree(province, copy)
    path = copy / _bands(copy)[-1]["villages"]["file"]
    path.write_bytes(path.read_bytes().replace(b'"kode"', b'"KODE"', 1))
    with pytest.raises(DataPackError) as refused:
        kabkota_detail(copy)
    assert refused.value.key == "band"


def test_the_province_map_wires_each_file_to_its_kabkota(province: Path) -> None:
    data = prepare_map_data(load_pack(province))
    detail = kabkota_detail(province)
    files = tuple((k.code, k.bounds, f"../files/{k.code}.js") for k in detail.kabkota)
    html = layers.build_base_map(data, "id", detail=(detail.min_zoom, files)).get_root().render()
    assert "data-sc-detail" in html
    for code, bounds, url in files:
        assert json.dumps([code, list(bounds), url], separators=(",", ":")) in html
    # the kab/kota outlines carry their code: the outline is refined with its villages
    assert all(f'"kode": "{code}"' in html or f'"kode":"{code}"' in html for code, _b, _u in files)
    plain = layers.build_base_map(data, "id").get_root().render()
    assert "data-sc-detail" not in plain  # without the files, nothing is fetched
