"""Every screen on a region with no city data: a pack built by ``python -m smartcity_geo region``.

A new region's pack holds its boundaries and the national elements, nothing else. Every
screen must open (both languages, presentation mode too), name only that region, call its
villages by the right word (kelurahan, desa or kelurahan/desa), and say plainly what is
missing instead of showing zeros or empty charts. The packs are built from the upstream
excerpt in ``tests/fixtures/wilayah`` (Kota Batu: 5 kelurahan and 19 desa; Kota Mojokerto:
kelurahan only); with ``../shared/data`` (always in CI) also a kota, the kabupaten with the
most desa (Lamongan, 474) and Kota Surabaya from the full upstream copy.
"""

from __future__ import annotations

import datetime as dt
import html
import re
import shutil
import sqlite3
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest
from upstream import shared_upstream

from smartcity_geo.briefing import build_briefing
from smartcity_geo.datapack import load_pack
from smartcity_geo.mapdata import prepare_map_data
from smartcity_geo.region import text_context
from smartcity_geo.regions import build_region
from smartcity_geo.strings import t
from smartcity_geo.viewstate import ViewState
from ui import state

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "wilayah"
PAGES = (
    None,
    "pages/kelurahan.py",
    "pages/indicators.py",
    "pages/budget.py",
    "pages/sources.py",
    "pages/briefing.py",
    "pages/editor.py",
)
KINDS_OF_TEXT = ("title", "header", "subheader", "markdown", "caption", "info", "warning", "error", "success")


def _region_names(names_root: Path, province: str = "35") -> dict[str, str]:
    """Every kab/kota code -> name of ``province`` in the upstream code list (``wilayah.sql``).

    NOTE: the national elements cite evaluations of other provinces' cities as their source
    (e.g. Kota Ambon); those are sources of the national framework, not another region's data.
    """
    sql = (names_root / "db" / "wilayah.sql").read_text(encoding="utf-8", errors="replace")
    return {c: n for c, n in re.findall(r"'(\d{2}\.\d{2})',\s*'([^']+)'", sql) if c.startswith(province + ".")}


def _build(code: str, upstream: Path, out: Path) -> Path:
    build_region(code, upstream / "wilayah_boundaries", upstream / "wilayah", out)
    return out


@pytest.fixture(scope="module")
def fixture_packs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("region_packs")
    return {code: _build(code, FIXTURE, root / code) for code in ("35.79", "35.76")}


def _texts(at: AppTest) -> list[str]:
    """Every text the screen shows (markup unescaped): headings, paragraphs, notices, metrics,
    table cells and headers, widget labels and options."""
    out: list[str] = []
    for kind in KINDS_OF_TEXT:
        out += [html.unescape(str(el.value)) for el in getattr(at, kind)]
    for metric in at.metric:
        out += [str(metric.label), str(metric.value)]
    for frame in at.dataframe:
        value = frame.value
        out += [str(c) for c in value.columns]
        out += [str(v) for v in value.astype(str).to_numpy().ravel()]
    for widget in (*at.selectbox, *at.multiselect):
        out.append(str(widget.label))
        out += [str(o) for o in widget.options]
    out += [str(box.label) for box in at.checkbox]
    return [re.sub(r"<[^>]+>", " ", text) for text in out]


def _open(monkeypatch, pack: Path, page: str | None, lang: str, *, present: bool = False) -> AppTest:
    monkeypatch.setenv("SMARTCITY_DATA_DIR", str(pack))  # read on every run (settings.data_dir)
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=180)
    at.query_params["lang"] = lang
    if present:
        at.query_params["mode"] = "present"
    at.run()
    if page:
        at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _foreign(text: str, own_code: str, names: dict[str, str]) -> list[str]:
    """Names of other kab/kota (and the bundled region) found in ``text``."""
    own = names.get(own_code, "")
    found = [name for code, name in names.items() if code != own_code and name in text and name not in own]
    if "pasuruan" in text.lower() and "pasuruan" not in own.lower():
        found.append("Pasuruan")
    return found


def _check_region(monkeypatch, pack: Path, code: str, names: dict[str, str], lang: str, pages=PAGES) -> None:
    loaded = load_pack(pack)
    region = loaded.region
    assert region is not None and region.code == code
    word = region.village_word
    for page in pages:
        texts = _texts(_open(monkeypatch, pack, page, lang))
        blob = "\n".join(texts)
        assert not _foreign(blob, code, names), (page, _foreign(blob, code, names))
        if region.desa == 0:  # a region of kelurahan only never speaks of desa
            assert "kelurahan/desa" not in blob.lower(), page
        if page is None:  # the map: the title names the region, the count carries the village word
            assert region.short_name(lang) in blob
            assert word[:1].upper() + word[1:] in texts  # the headline count's label
    # presentation mode on the map
    texts = _texts(_open(monkeypatch, pack, None, lang, present=True))
    assert not _foreign("\n".join(texts), code, names)
    # the briefing document itself (the page embeds it in a frame)
    data = prepare_map_data(loaded)
    document = build_briefing(data, ViewState(), lang, generated=dt.date(2026, 11, 30), with_map=False)
    plain = html.unescape(re.sub(r"<[^>]+>", " ", re.sub(r"<style.*?</style>", "", document, flags=re.S)))
    assert not _foreign(plain, code, names)
    assert region.name in plain
    with text_context(region):
        assert t("missing.figure", lang) in plain  # every empty dataset explained, not shown as 0


@pytest.mark.parametrize("lang", ["id", "en"])
def test_every_screen_of_a_mixed_kota_with_no_city_data(monkeypatch, fixture_packs, lang):
    """Kota Batu: 5 kelurahan and 19 desa, no city data at all."""
    _check_region(monkeypatch, fixture_packs["35.79"], "35.79", _region_names(FIXTURE / "wilayah"), lang)


@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_map_of_a_region_says_what_is_missing_and_shows_no_zero(monkeypatch, fixture_packs, lang):
    pack = fixture_packs["35.79"]
    region = load_pack(pack).region
    at = _open(monkeypatch, pack, None, lang)
    with text_context(region):
        title = t("app.title", lang)
        village_label = t("kpi.kelurahan", lang)
        hotspots = t("kpi.hotspots", lang)
        missing = t("missing.intro", lang, items="")[:20]
    assert at.title[0].value == title and "Batu" in title
    metrics = {m.label: m.value for m in at.metric}
    assert village_label == "Kelurahan/desa" and metrics[village_label] == "24"
    assert hotspots not in metrics  # no data: no number (least of all a 0)
    assert any(info.value.startswith(missing) for info in at.info)
    hotspot_layer = next(box for box in at.checkbox if box.key == state.layer_key("hotspots_public"))
    assert hotspot_layer.disabled  # nothing to draw: the layer cannot be switched on


@pytest.mark.parametrize("lang", ["id", "en"])
def test_a_kota_of_kelurahan_only_never_says_desa(monkeypatch, fixture_packs, lang):
    """Kota Mojokerto: 18 kelurahan, no desa."""
    pages = (None, "pages/kelurahan.py", "pages/sources.py", "pages/briefing.py")
    _check_region(monkeypatch, fixture_packs["35.76"], "35.76", _region_names(FIXTURE / "wilayah"), lang, pages)


def test_the_sources_screen_lists_the_codes_without_a_boundary(monkeypatch, tmp_path):
    """A code with a name but no polygon is listed on the sources screen, never dropped."""
    upstream = tmp_path / "upstream"
    shutil.copytree(FIXTURE, upstream)
    kel = upstream / "wilayah_boundaries" / "db" / "kel" / "35" / "wilayah_boundaries_kel_35.79.sql"
    lines = kel.read_text(encoding="utf-8").splitlines(keepends=True)
    dropped = next(line for line in lines if "'35.79.03." in line)
    code = re.search(r"'(35\.79\.03\.\d{4})'", dropped).group(1)
    kel.write_text("".join(line for line in lines if line is not dropped), encoding="utf-8")
    pack = _build("35.79", upstream, tmp_path / "pack")
    assert [m.code for m in load_pack(pack).region.missing_boundaries] == [code]
    # another pack of the same region: its own store (the shared one already holds the full pack's)
    monkeypatch.setenv("SMARTCITY_STORE_DIR", str(tmp_path / "var"))
    at = _open(monkeypatch, pack, "pages/sources.py", "en")
    tables = [frame.value for frame in at.dataframe]
    assert any(code in set(table.iloc[:, 0]) for table in tables if len(table.columns))


def test_each_region_keeps_its_own_store(monkeypatch, fixture_packs, _store_in_tmp):
    """Two regions on one machine: each has its own store file; neither sees the other's revisions."""
    _open(monkeypatch, fixture_packs["35.79"], "pages/sources.py", "en")
    _open(monkeypatch, fixture_packs["35.76"], "pages/sources.py", "en")
    files = {code: _store_in_tmp / code / "store.sqlite" for code in ("35.79", "35.76")}
    assert all(path.is_file() for path in files.values())
    for code, path in files.items():
        other = {"35.79": "Kota Mojokerto", "35.76": "Kota Batu"}[code]
        with sqlite3.connect(path) as db:
            sources = [row[0] for row in db.execute("SELECT source FROM revision")]
        assert sources and not any(other in s for s in sources)
        assert any(load_pack(fixture_packs[code]).region.name in s for s in sources)


# --------------------------------------------------------------------------------------
# With the full upstream copy (../shared/data; always in CI)


@pytest.mark.parametrize(
    "code",
    [
        "35.73",  # Kota Malang: a kota
        "35.24",  # Kabupaten Lamongan: the most desa of Jawa Timur (474)
        "35.78",  # Kota Surabaya: the largest kota
    ],
)
@pytest.mark.upstream
@pytest.mark.parametrize("lang", ["id", "en"])
def test_every_screen_of_upstream_regions(monkeypatch, tmp_path, code, lang):
    shared = shared_upstream()
    pack = _build(code, shared, tmp_path / code)
    region = load_pack(pack).region
    if code == "35.24":
        assert region.kind == "kabupaten" and region.desa > 350
    _check_region(monkeypatch, pack, code, _region_names(shared / "wilayah"), lang)


@pytest.mark.parametrize("lang", ["id", "en"])
def test_a_village_profile_with_no_city_data(monkeypatch, fixture_packs, lang):
    """One desa selected: its area and kecamatan, and plainly what is not known yet (no zeros)."""
    pack = fixture_packs["35.79"]
    loaded = load_pack(pack)
    kel = loaded.table("kelurahan")
    desa = kel[kel["kode"].str.split(".").str[3].str.startswith("2")].iloc[0]
    monkeypatch.setenv("SMARTCITY_DATA_DIR", str(pack))  # read on every run (settings.data_dir)
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=180)
    at.query_params["lang"] = lang
    at.query_params["kel"] = desa["kode"]
    at.run()
    at.switch_page("pages/kelurahan.py").run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.header[0].value == desa["kelurahan"]
    texts = "\n".join(_texts(at))
    assert desa["kecamatan"] in texts
    with text_context(loaded.region):
        assert t("status.none", lang) in texts  # each figure without data says so
        labels = [m.label for m in at.metric]
        assert t("kel.fig.area", lang) in labels  # what the boundaries give
        assert t("kel.fig.hotspots", lang) not in labels  # no count of what nobody mapped
