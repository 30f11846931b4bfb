"""One status per figure: a dataset's status is decided once and every place that shows it agrees.

The places: the sources table, the map legend of each layer drawn from it, each choropleth
measure, the headline figures, the kelurahan profile, the CSV export's status columns and
the briefing (its figures and its sources table). Titles carry no status word of their own.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime
import io
import json

import pytest
from store_helpers import GEODATA, PASSWORD, Clock, cheap_hasher

from smartcity_geo import catalog, export, planning, profile, rules
from smartcity_geo.briefing.sections import build_model
from smartcity_geo.datapack import load_pack
from smartcity_geo.registry import LAYERS, MEASURES
from smartcity_geo.schema import PERIOD_START, SCHEMAS
from smartcity_geo.store import Declaration, StoreError, Users, open_store
from smartcity_geo.strings import t
from smartcity_geo.viewstate import ViewState

BUNDLED = load_pack(GEODATA)
KEYS = list(BUNDLED.metas)
WITH_ROW_STATUS = [k for k in KEYS if any(c.kind == "status" for c in SCHEMAS[k].columns)]


def words() -> dict[str, str]:
    """Status word -> status, in both languages, with the region's words of the running test."""
    return {t(f"status.{s}", lang): s for s in rules.STATUS_ORDER for lang in ("id", "en")}


CODE = "35.75.04.1005"


def _others(pack, datasets, key) -> list[str]:
    return [pack.meta(k).status for k in datasets if k != key]


def places(pack, map_data, key: str, expected: str) -> dict[str, str]:
    """Every place that shows dataset ``key`` -> the status it shows for it. A place that combines
    the dataset with others (a layer of two datasets, a computed figure) shows ``expected`` when
    its status is the weakest of ``expected`` and the others'."""

    def alone(status: str, *others: str) -> str:
        combined = rules.weakest_status([expected, *others])
        return expected if status == combined else f"{status} (expected {combined})"

    found: dict[str, str] = {}
    table = catalog.dataset_table(pack, "en")
    row = table[table["Dataset"] == pack.meta(key).title("en")].iloc[0]
    found["sources table"] = words()[row["Data status"]]
    for info in LAYERS:
        if key in info.datasets:
            extra = [*_others(pack, info.datasets, key), *([rules.COMPUTED] if info.computed else [])]
            found[f"legend {info.key}"] = alone(info.status(pack), *extra)
    for measure in MEASURES:
        if key in measure.datasets:
            extra = [rules.COMPUTED] if measure.computed else []
            found[f"measure {measure.key}"] = alone(measure.status(pack), *extra)
    found["headline"] = planning.dataset_status(pack, key)
    figures = map_data.figures
    exported = export.selection_table(figures, [], pack)
    for column, name in export.STATUS_COLUMNS.items():
        col = next(c for c in planning.COLUMNS if c.name == name)
        if col.dataset == key:
            found[f"export {column}"] = alone(exported[column].iloc[0], *([rules.COMPUTED] if col.computed else []))
    prof = profile.profile(pack, figures, CODE, "en")
    for fig in prof.figures:
        if fig.dataset == key:
            found[f"profile {fig.key}"] = alone(fig.status, *([rules.COMPUTED] if fig.status == rules.COMPUTED else []))
    if key == "hotspots":
        found["profile hotspots"] = prof.hotspots_status
    if key == "tourism_areas":
        found["profile tourism"] = prof.tourism_status
    model = build_model(
        dataclasses.replace(map_data, pack=pack),
        ViewState(lang="en"),
        "en",
        generated=datetime.date(2026, 11, 1),
        link=None,
        with_map=False,
    )
    sections = {s.key: s for s in model.sections}
    for brow in sections["sources"].table.rows:
        if brow.cells[0].parts[0].text == pack.meta(key).title("en"):
            found["briefing sources"] = brow.cells[1].parts[0].status
    headline = {"hotspots": "Wi-Fi hotspots", "broadband": "Kelurahan with fibre"}
    if key in headline:
        for brow in sections["figures"].table.rows:
            if brow.cells[0].parts[0].text.startswith(headline[key]):
                found["briefing headline"] = next(p.status for p in brow.cells[1].parts if p.status)
    return found


@pytest.mark.parametrize("key", KEYS)
def test_no_dataset_title_carries_a_status_word(key):
    meta = BUNDLED.meta(key)
    for lang in ("id", "en"):
        title = meta.title(lang).lower()
        assert not [w for w in words() if w.lower() in title], title


@pytest.mark.parametrize("key", WITH_ROW_STATUS)
def test_a_dataset_declared_official_whose_rows_say_otherwise_shows_one_status_everywhere(key, map_data):
    """The bundled pack, a hand-edited manifest or an older revision: the rows' weakest status wins everywhere."""
    declared = dataclasses.replace(BUNDLED.meta(key), status="official")
    pack = BUNDLED.with_table(key, BUNDLED.table(key), declared)
    expected = rules.weakest_status(BUNDLED.table(key)["status"])
    shown = places(pack, map_data, key, expected)
    assert pack.meta(key).status == expected
    assert shown and set(shown.values()) == {expected}, shown


@pytest.fixture(scope="module")
def seeded(tmp_path_factory):
    """A store seeded from the bundled pack, its file copied for each test, and an editor."""
    folder = tmp_path_factory.mktemp("one_status")
    store = open_store(f"sqlite:///{folder / 'store.sqlite'}")
    store.seed(BUNDLED)
    users = Users(store.engine, env={}, hasher=cheap_hasher())
    users.add("ana", PASSWORD)
    store.engine.dispose()
    return folder / "store.sqlite"


def _with_status(key: str, status: str) -> tuple[str, bytes]:
    """The bundled file of ``key`` with every status cell set to ``status`` (the file as is without one)."""
    meta = BUNDLED.meta(key)
    data = (GEODATA / meta.file).read_bytes()
    names = [c.name for c in SCHEMAS[key].columns if c.kind == "status"]
    if not names:
        return meta.file, data
    if meta.format != "csv":  # GeoJSON: properties
        collection = json.loads(data)
        for feature in collection["features"]:
            feature["properties"].update({n: status for n in names if feature["properties"].get(n)})
        return meta.file, json.dumps(collection).encode()
    reader = csv.DictReader(io.StringIO(data.decode("utf-8")))
    out = io.StringIO()
    writer = csv.DictWriter(out, reader.fieldnames or [], lineterminator="\n")
    writer.writeheader()
    for record in reader:
        if key == "budget" and int(record["year"]) < PERIOD_START and status != "official":
            continue  # a line before the masterplan is sourced context, official only (README, Ranges)
        writer.writerow({**record, **{n: status for n in names if record[n]}})
    return meta.file, out.getvalue().encode("utf-8")


@pytest.mark.parametrize("status", rules.DATA_STATUSES)
@pytest.mark.parametrize("key", KEYS)
def test_a_dataset_imported_under_each_status_shows_that_status_everywhere(key, status, seeded, tmp_path, map_data):
    target = tmp_path / "store.sqlite"
    target.write_bytes(seeded.read_bytes())
    store = open_store(f"sqlite:///{target}", clock=Clock())
    ana = Users(store.engine, env={}, hasher=cheap_hasher()).authenticate("ana", PASSWORD)
    name, data = _with_status(key, status)
    preview = store.preview_import(store.current_pack(BUNDLED), key, name, data)
    declaration = Declaration(status=status, reason="test", source="Surat 555/1/2026", as_of="2026-10-01")
    try:
        rev = store.commit_import(ana, preview, declaration)
    except StoreError as err:  # only a dataset that cannot hold this status (a manifest allowance) may refuse
        pytest.fail(err.message("en"))
    pack = store.current_pack(BUNDLED)
    assert rev.status == pack.meta(key).status == status
    shown = places(pack, map_data, key, status)
    assert set(shown.values()) == {status}, shown
    store.engine.dispose()
