"""The store keeps every revision: seed, import with preview, refusals, restore, concurrency, export.

Each test runs on SQLite, and on PostgreSQL+PostGIS when SMARTCITY_TEST_DATABASE_URL is set
(see ``store_url`` in conftest.py).
"""

from __future__ import annotations

import threading
from dataclasses import replace

import pandas as pd
import pytest
from sqlalchemy import func, select, text
from store_helpers import (
    GEODATA,
    NEW_ID,
    PASSWORD,
    Clock,
    changed_hotspots,
    cheap_hasher,
    removed_id,
    renamed_id,
    rows,
    to_csv,
)

from smartcity_geo.datapack import load_pack
from smartcity_geo.errors import DataPackError
from smartcity_geo.store import Declaration, ImportCancelled, NotAuthorised, StoreError, Users, models, open_store
from smartcity_geo.store.users import Editor


@pytest.fixture(scope="module")
def bundled():
    return load_pack(GEODATA)


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def store(store_url, bundled, clock):
    s = open_store(store_url, clock=clock)
    s.seed(bundled)
    yield s
    s.engine.dispose()


@pytest.fixture
def editor(store, clock):
    users = Users(store.engine, clock=clock, env={}, hasher=cheap_hasher())
    users.add("ana", PASSWORD)
    return users.authenticate("ana", PASSWORD, session="s1")


def _count(store, table=models.revision) -> int:
    with store.engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(table)).scalar()


SEED = Declaration(status="seed", reason="survey of November 2026")


def test_a_new_store_is_seeded_from_the_bundled_pack_once(store, bundled):
    history = store.history()
    assert sorted(r.dataset_key for r in history) == sorted(bundled.metas)
    assert {r.action for r in history} == {"seed"}
    assert store.seed(bundled) == 0  # a second start writes nothing
    pack = store.current_pack(bundled)
    for key in bundled.metas:
        pd.testing.assert_frame_equal(pack.table(key), bundled.table(key))
        assert pack.meta(key) == bundled.meta(key)


def test_preview_lists_added_changed_removed_rows_and_writes_nothing(store, bundled):
    before = (store.latest_revision_id(), _count(store), _count(store, models.feature))
    preview = store.preview_import(store.current_pack(bundled), "hotspots", "hotspots.csv", changed_hotspots())
    assert preview.summary.added == [NEW_ID]
    assert preview.summary.changed == [renamed_id()]
    assert preview.summary.removed == [removed_id()]
    assert preview.base_revision_id == store.latest_of("hotspots")
    assert (store.latest_revision_id(), _count(store), _count(store, models.feature)) == before


def test_a_cancelled_preview_writes_nothing(store, bundled):
    steps: list[str] = []

    def cancel_after_reading(done: float, step: str) -> None:
        steps.append(step)
        if step == "cross_check":
            raise ImportCancelled()

    before = (store.latest_revision_id(), _count(store), _count(store, models.feature))
    with pytest.raises(ImportCancelled):
        store.preview_import(
            store.current_pack(bundled), "hotspots", "h.csv", changed_hotspots(), progress=cancel_after_reading
        )
    assert steps == ["read", "cross_check"]
    assert (store.latest_revision_id(), _count(store), _count(store, models.feature)) == before


def test_an_import_becomes_the_latest_revision_with_who_when_what_and_why(store, bundled, editor, clock):
    data = changed_hotspots(status="official")
    preview = store.preview_import(store.current_pack(bundled), "hotspots", "hotspots-2026.csv", data)
    rev = store.commit_import(
        editor,
        preview,
        Declaration(status="official", reason="survey 2026", source="Surat 555/12/423.107/2026", as_of="2026-11-01"),
    )
    assert (rev.author, rev.action, rev.number, rev.file_name) == ("ana", "import", 2, "hotspots-2026.csv")
    assert rev.created_at.replace(tzinfo=None) == clock.now.replace(tzinfo=None)
    import hashlib

    assert rev.sha256 == hashlib.sha256(data).hexdigest()
    # every row now says official (40 kept rows changed: one renamed, all re-statused)
    assert (rev.row_count, rev.rows_added, rev.rows_changed, rev.rows_removed) == (41, 1, 40, 1)
    pack = store.current_pack(bundled)
    assert NEW_ID in set(pack.table("hotspots")["id"])
    assert removed_id() not in set(pack.table("hotspots")["id"])
    meta = pack.meta("hotspots")
    assert (meta.status, meta.source, meta.as_of) == ("official", "Surat 555/12/423.107/2026", "2026-11-01")
    assert meta.title("id") == bundled.meta("hotspots").title("id")  # titles and licence stay the pack's


@pytest.mark.parametrize(
    ("mutate", "where"),
    [
        (lambda r: r.__setitem__("type", "publik"), "row 2, column type"),
        (lambda r: r.__setitem__("kelurahan_code", "35.75.09.9999"), "row 2, column kelurahan_code"),
        (lambda r: r.__setitem__("lat", "-7.2"), "row 2, column lon"),
    ],
)
def test_a_refused_file_changes_nothing(store, bundled, mutate, where):
    header, records = rows("hotspots.csv")
    mutate(records[0])
    before = (store.latest_revision_id(), _count(store), _count(store, models.feature))
    with pytest.raises(DataPackError) as err:
        store.preview_import(store.current_pack(bundled), "hotspots", "mine.csv", to_csv(header, records))
    assert err.value.message("en").startswith(f"File mine.csv, {where}")
    assert (store.latest_revision_id(), _count(store), _count(store, models.feature)) == before
    pd.testing.assert_frame_equal(store.current_pack(bundled).table("hotspots"), bundled.table("hotspots"))


@pytest.mark.parametrize(
    ("declaration", "key"),
    [
        (Declaration(status="official", reason="x", as_of="2026-11-01"), "official_needs_source"),
        (Declaration(status="official", reason="x", source="Surat 1"), "official_needs_as_of"),
        (Declaration(status="seed", reason="  "), "reason_required"),
        (Declaration(status="seed", reason="x", as_of="1 Nov 2026"), "bad_date"),
        (Declaration(status="resmi", reason="x"), "bad_status"),
    ],
)
def test_a_declaration_without_its_source_date_or_reason_is_refused(store, bundled, editor, declaration, key):
    preview = store.preview_import(store.current_pack(bundled), "hotspots", "h.csv", changed_hotspots())
    before = _count(store)
    with pytest.raises(StoreError) as err:
        store.commit_import(editor, preview, declaration)
    assert err.value.key == key
    assert _count(store) == before


def test_a_row_claiming_more_than_the_declared_status_is_refused(store, bundled, editor):
    header, records = rows("broadband.csv")
    records[3]["status"] = "official"
    preview = store.preview_import(store.current_pack(bundled), "broadband", "b.csv", to_csv(header, records))
    with pytest.raises(StoreError, match="File b.csv, row 5, column status: claims status “official”"):
        store.commit_import(editor, preview, Declaration(status="sample", reason="x"))


def test_rows_still_saying_sample_under_a_declared_official_are_refused_naming_the_row(store, bundled, editor):
    """The bug of issue 19: broadband.csv imported as official while its rows say sample."""
    data = (GEODATA / "broadband.csv").read_bytes()
    preview = store.preview_import(store.current_pack(bundled), "broadband", "broadband.csv", data)
    before = _count(store)
    official = Declaration(status="official", reason="x", source="Surat 555/1", as_of="2026-11-01")
    with pytest.raises(StoreError) as err:
        store.commit_import(editor, preview, official)
    assert err.value.key == "row_status_weaker"
    assert err.value.message("en").startswith(
        "File broadband.csv, row 2, column status: says “sample”, weaker than the revision's “official”"
    )
    assert _count(store) == before
    assert store.current_pack(bundled).meta("broadband").status == "sample"


def test_restore_is_a_new_revision_that_brings_back_the_exact_file(store, bundled, editor):
    first = store.latest_of("hotspots")
    preview = store.preview_import(store.current_pack(bundled), "hotspots", "h.csv", changed_hotspots())
    store.commit_import(editor, preview, SEED)
    features = _count(store, models.feature)
    rev = store.restore(editor, "hotspots", first, "the survey file was the wrong one")
    assert (rev.action, rev.restored_from, rev.number) == ("restore", first, 3)
    assert rev.restored_from_number == 1 != first  # hotspots' first revision, not its database id
    assert store.history("hotspots")[0].restored_from_number == 1
    assert (rev.rows_added, rev.rows_changed, rev.rows_removed) == (1, 1, 1)
    assert [r.number for r in store.history("hotspots")] == [3, 2, 1]  # nothing deleted
    assert _count(store, models.feature) == features + 41
    assert store.content(rev.id)[1] == (GEODATA / "hotspots.csv").read_bytes()
    pack = store.current_pack(bundled)
    pd.testing.assert_frame_equal(pack.table("hotspots"), bundled.table("hotspots"))
    assert pack.meta("hotspots") == bundled.meta("hotspots")


def test_a_semicolon_csv_with_decimal_commas_is_stored_as_the_pack_writes_it(store, bundled, editor):
    header, records = rows("broadband.csv")
    records[0]["households_passed_share"] = "0.125"
    semicolon = to_csv(header, records, delimiter=";").replace(b";0.125;", b";0,125;")
    preview = store.preview_import(store.current_pack(bundled), "broadband", "broadband.csv", semicolon)
    assert preview.summary.changed == [records[0]["kelurahan_code"]]
    lines = preview.content.decode().splitlines()
    assert lines[0] == ",".join(header)
    assert ",0.1250," in lines[1]  # three decimals get a fourth digit: never read as a thousands group
    rev = store.commit_import(editor, preview, Declaration(status="sample", reason="x"))
    table = store.current_pack(bundled).table("broadband")
    assert table["households_passed_share"].iloc[0] == 0.125
    assert store.content(rev.id)[1] == preview.content


def test_an_xlsx_workbook_is_read_with_the_same_checks(store, bundled, tmp_path):
    import openpyxl

    header, records = rows("broadband.csv")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(header)
    for record in records:
        sheet.append([record[h] for h in header])
    sheet.cell(row=3, column=4, value="banyak")  # providers of row 3
    path = tmp_path / "broadband.xlsx"
    book.save(path)
    with pytest.raises(DataPackError) as err:
        store.preview_import(store.current_pack(bundled), "broadband", path.name, path.read_bytes())
    assert err.value.message("en").startswith("File broadband.xlsx, row 3, column providers")


def test_an_import_previewed_on_an_older_revision_is_refused(store, bundled, editor):
    pack = store.current_pack(bundled)
    mine = store.preview_import(pack, "hotspots", "mine.csv", changed_hotspots(rename=False))
    theirs = store.preview_import(pack, "hotspots", "theirs.csv", changed_hotspots(add=False))
    store.commit_import(editor, theirs, SEED)
    before = _count(store)
    with pytest.raises(StoreError) as err:
        store.commit_import(editor, mine, SEED)
    assert err.value.key == "stale"
    assert "ana imported hotspots (revision 2, " in err.value.message("en")
    assert "after your preview of revision 1." in err.value.message("en")  # per-dataset numbers, not ids
    assert "Nothing was written" in err.value.message("en")
    assert _count(store) == before


def test_two_concurrent_imports_one_is_written_the_other_refused(store, bundled, editor):
    pack = store.current_pack(bundled)
    previews = [
        store.preview_import(pack, "hotspots", "a.csv", changed_hotspots(rename=False)),
        store.preview_import(pack, "hotspots", "b.csv", changed_hotspots(add=False)),
    ]
    start = threading.Barrier(2)
    outcomes: list[object] = [None, None]

    def run(i: int) -> None:
        start.wait()
        try:
            outcomes[i] = store.commit_import(editor, previews[i], SEED)
        except StoreError as err:
            outcomes[i] = err

    threads = [threading.Thread(target=run, args=(i,)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    refused = [o for o in outcomes if isinstance(o, StoreError)]
    written = [o for o in outcomes if not isinstance(o, StoreError)]
    assert len(written) == 1 and len(refused) == 1, outcomes
    assert refused[0].key == "stale"
    assert [r.number for r in store.history("hotspots")] == [2, 1]
    assert store.latest_of("hotspots") == written[0].id


@pytest.mark.parametrize(
    "forged",
    [None, "ana", {"name": "ana"}, Editor(name="ana", issued="2026-11-29T08:00:00+00:00", signature="0" * 64)],
)
def test_no_write_without_a_signed_in_editor(store, bundled, editor, forged):
    preview = store.preview_import(store.current_pack(bundled), "hotspots", "h.csv", changed_hotspots())
    before = _count(store)
    with pytest.raises(NotAuthorised):
        store.commit_import(forged, preview, SEED)
    with pytest.raises(NotAuthorised):
        store.restore(forged, "hotspots", store.latest_of("hotspots"), "x")
    # an editor token with its name changed does not verify either
    with pytest.raises(NotAuthorised):
        store.commit_import(replace(editor, name="budi"), preview, SEED)
    assert _count(store) == before


def test_failed_sign_ins_are_rate_limited_per_name_and_client_and_per_client(store, clock):
    users = Users(store.engine, clock=clock, env={}, hasher=cheap_hasher())
    users.add("ana", PASSWORD)
    for _ in range(5):
        with pytest.raises(StoreError, match="Wrong name or password"):
            users.authenticate("ana", "wrong password", client="s1")
    with pytest.raises(StoreError) as err:
        users.authenticate("ana", PASSWORD, client="s1")  # right password, but this client is locked
    assert err.value.key == "rate_limited"
    with pytest.raises(StoreError) as err:
        users.authenticate("budi", "anything", client="s1")  # another name from the same client
    assert err.value.key == "rate_limited"
    assert users.authenticate("ana", PASSWORD, client="s2").name == "ana"  # the editor elsewhere is not locked out
    clock.advance(31)
    assert users.authenticate("ana", PASSWORD, client="s1").name == "ana"


def test_editors_from_the_environment_sign_in_with_an_argon2_hash(store, clock):
    users = Users(store.engine, clock=clock, env={"SMARTCITY_EDITORS": f"citra:{cheap_hasher().hash(PASSWORD)}"})
    assert users.authenticate("citra", PASSWORD).name == "citra"
    with pytest.raises(StoreError, match="Wrong name or password"):
        users.authenticate("citra", PASSWORD + "x")
    with store.engine.connect() as conn:  # stored as a hash, never as the password
        assert PASSWORD not in str(conn.execute(select(models.editor)).all())


def test_export_writes_a_pack_that_loads_and_keeps_untouched_files_byte_for_byte(store, bundled, editor, tmp_path):
    preview = store.preview_import(store.current_pack(bundled), "hotspots", "h.csv", changed_hotspots())
    store.commit_import(editor, preview, SEED)
    folder = store.export(bundled, tmp_path / "handover")
    exported = load_pack(folder)
    pd.testing.assert_frame_equal(exported.table("hotspots"), store.current_pack(bundled).table("hotspots"))
    assert exported.meta("hotspots").source == bundled.meta("hotspots").source  # no new source: the citation stays
    for key in bundled.metas:
        if key != "hotspots":
            assert (folder / bundled.meta(key).file).read_bytes() == (GEODATA / bundled.meta(key).file).read_bytes()
    with pytest.raises(StoreError, match="already holds files"):
        store.export(bundled, folder)


def _seal(root) -> None:
    try:
        from smartcity_geo.seal import seal
    except ImportError:  # a pack without seals (bytes/sha256 in the manifest) needs none
        return
    seal(root)


def test_a_changed_bundled_file_is_followed_only_where_no_editor_wrote(store, bundled, editor, tmp_path):
    import shutil

    root = tmp_path / "geodata"
    shutil.copytree(GEODATA, root)
    for name, column, value in (("hotspots.csv", "status", "sample"), ("cell_sites.csv", "radius_m", "1234")):
        header, records = rows(name)
        records[0][column] = value
        (root / name).write_bytes(to_csv(header, records))
    _seal(root)  # a deliberate edit of a sealed pack is re-sealed, as its README says
    preview = store.preview_import(store.current_pack(bundled), "hotspots", "h.csv", changed_hotspots())
    store.commit_import(editor, preview, SEED)
    assert store.seed(load_pack(root)) == 1  # cell_sites follows the new bundled file; hotspots keeps the import
    assert store.history("cell_sites")[0].reason == "bundled data pack updated"
    assert store.history("hotspots")[0].author == "ana"


def test_rows_are_kept_with_their_geometry(store):
    with store.engine.connect() as conn:
        kel = store.latest_of("kelurahan")
        count = conn.execute(
            select(func.count())
            .select_from(models.feature)
            .where(models.feature.c.revision_id == kel, models.feature.c.geom.is_not(None))
        ).scalar()
        assert count == 34
        if store.postgres:  # real PostGIS geometry, queryable in SQL
            srid, area = conn.execute(
                text(
                    "SELECT ST_SRID(geom), sum(ST_Area(geom::geography)) FROM feature WHERE revision_id = :r GROUP BY 1"
                ),
                {"r": kel},
            ).one()
            assert srid == 4326
            assert 30e6 < area < 45e6  # Kota Pasuruan is about 35 km²


def test_the_migrations_build_exactly_the_models(store_url):
    """Alembic's ``compare_metadata``: the migrated schema is the models' (a model change needs a migration)."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext
    from sqlalchemy import Column, Integer, MetaData

    from smartcity_geo.store.engine import make_engine

    engine = make_engine(store_url)
    try:
        with engine.connect() as conn:
            context = MigrationContext.configure(conn)
            assert compare_metadata(context, models.metadata) == []
            changed = MetaData()
            for table in models.metadata.tables.values():
                table.to_metadata(changed)
            changed.tables["revision"].append_column(Column("not_migrated", Integer))
            assert compare_metadata(context, changed), "a column the migrations lack is noticed"
    finally:
        engine.dispose()


def test_an_import_without_a_source_keeps_the_datasets_citation(store, bundled, editor):
    cited = store.current_pack(bundled).meta("hotspots")
    preview = store.preview_import(store.current_pack(bundled), "hotspots", "hotspots.csv", changed_hotspots())
    rev = store.commit_import(editor, preview, Declaration(status="seed", reason="new survey"))
    assert (rev.source, rev.source_url) == (cited.source, cited.source_url)
    assert "(ana)" not in store.current_pack(bundled).meta("hotspots").source


def test_an_import_that_gives_a_source_replaces_the_citation(store, bundled, editor):
    preview = store.preview_import(store.current_pack(bundled), "hotspots", "hotspots.csv", changed_hotspots())
    declaration = Declaration(status="seed", reason="new survey", source="Survei Diskominfo 2026")
    store.commit_import(editor, preview, declaration)
    meta = store.current_pack(bundled).meta("hotspots")
    assert (meta.source, meta.source_url) == ("Survei Diskominfo 2026", "")


def test_a_preview_names_the_revision_it_compares_with_by_its_number_in_the_dataset(store, bundled, editor):
    pack = store.current_pack(bundled)
    preview = store.preview_import(pack, "broadband", "broadband.csv", (GEODATA / "broadband.csv").read_bytes())
    assert preview.base_number == 1 and preview.base_revision_id != 1  # broadband is seeded 6th
    store.commit_import(editor, preview, Declaration(status="sample", reason="same again"))
    again = store.preview_import(store.current_pack(bundled), "broadband", "b.csv", preview.content)
    assert again.base_number == 2
    assert store.numbered("broadband", 2).id == store.latest_of("broadband")
    with pytest.raises(StoreError, match="revision 3 does not exist"):
        store.numbered("broadband", 3)
