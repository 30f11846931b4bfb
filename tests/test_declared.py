"""Dates, formulas and links follow one rule, in a data file and in what an editor declares.

An ``as_of`` is a real calendar date, not after the app's day and not before any source could
exist (``rules.as_of_problem``): in facts.csv, in the manifest, on the command line's
``--as-of`` and on the editors' screen. A declared source or reason is formula-safe like a
text cell; a source link is ``http``/``https`` only.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import pytest
from store_helpers import GEODATA, PASSWORD, Clock, changed_hotspots, cheap_hasher

from smartcity_geo import rules
from smartcity_geo.datapack import MANIFEST, load_pack
from smartcity_geo.errors import DataPackError
from smartcity_geo.seal import seal
from smartcity_geo.store import Declaration, StoreError, Users, open_store

BAD_DATES = [
    ("2999-01-01", "in the future (today is 2026-11-28)"),
    ("2026-13-45", "expected a date that exists in the calendar"),
    ("2026-02-30", "expected a date that exists in the calendar"),
    ("1850", "earlier than any source could exist (earliest 1945-08-17)"),
    ("2026-12", "in the future"),  # a month that starts after the day
]


def _facts_with_as_of(root, value: str) -> int:
    """facts.csv in ``root`` with the third data row's as_of set to ``value``; returns that row's number."""
    path = root / "facts.csv"
    records = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    column = records[0].index("as_of")
    records[3][column] = value
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(records)
    path.write_text(out.getvalue(), encoding="utf-8")
    seal(root)
    return 4  # the header is row 1


@pytest.mark.parametrize(("value", "says"), BAD_DATES)
def test_a_facts_as_of_that_cannot_be_is_refused_naming_file_row_and_column(pack_copy, today, value, says):
    root = pack_copy()
    row = _facts_with_as_of(root, value)
    with pytest.raises(DataPackError) as err:
        load_pack(root, today=today)
    assert err.value.message("en").startswith(f"File facts.csv, row {row}, column as_of: ")
    assert says in err.value.message("en")
    assert err.value.message("id").startswith(f"Berkas facts.csv, baris {row}, kolom as_of: ")


def test_a_real_past_as_of_is_kept_in_every_form(pack_copy, today):
    for value in ("2024", "2024-02", "2024-02-29", today.isoformat()):
        root = pack_copy(f"p{value}")
        row = _facts_with_as_of(root, value)
        assert load_pack(root, today=today).table("facts")["as_of"].iloc[row - 2] == value


@pytest.mark.parametrize(
    ("field", "value", "says"),
    [
        ("as_of", "2999-01-01", "column as_of: the date “2999-01-01” is in the future"),
        ("as_of", "2026-02-30", "column as_of: expected a date that exists"),
        ("source_url", "javascript:alert(1)", "column source_url: a source link must be a full web address"),
    ],
)
def test_the_manifest_follows_the_same_rules(pack_copy, today, field, value, says):
    root = pack_copy()
    manifest = json.loads((root / MANIFEST).read_text(encoding="utf-8"))
    manifest["datasets"][2][field] = value
    (root / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=2), encoding="utf-8")
    with pytest.raises(DataPackError) as err:
        load_pack(root, today=today)
    assert err.value.message("en").startswith(f"File manifest.json, row 3, {says}")


def test_the_day_decides_what_is_in_the_future():
    assert rules.as_of_problem("2026-12-05", date(2026, 12, 4))[0] == "date_future"
    assert rules.as_of_problem("2026-12-04", date(2026, 12, 4)) is None
    assert rules.as_of_problem("2026-12", date(2026, 12, 4)) is None  # the month has begun
    assert rules.as_of_problem("1945-08-16", date(2026, 12, 4))[0] == "date_too_early"
    assert rules.as_of_problem("1945", date(2026, 12, 4)) is None  # the year holds a possible day


# --------------------------------------------------------------------------------------
# What an editor declares


@pytest.fixture(scope="module")
def bundled(today):
    return load_pack(GEODATA, today=today)


@pytest.fixture
def store(store_url, bundled):
    s = open_store(store_url, clock=Clock())
    s.seed(bundled)
    yield s
    s.engine.dispose()


@pytest.fixture
def editor(store):
    users = Users(store.engine, clock=store.clock, env={}, hasher=cheap_hasher())
    users.add("ana", PASSWORD)
    return users.authenticate("ana", PASSWORD, session="s1")


DECLARED = [
    ({"as_of": "2999-01-01"}, "As-of date: the date “2999-01-01” is in the future (today is 2026-11-28)"),
    ({"as_of": "2026-13-45"}, "As-of date: expected a date that exists in the calendar"),
    ({"as_of": "2026-02-30"}, "As-of date: expected a date that exists in the calendar"),
    ({"as_of": "1850-01-01"}, "As-of date: the date “1850-01-01” is earlier than any source could exist"),
    ({"source": '=HYPERLINK("http://x")'}, 'Source: the text “=HYPERLINK("http://x")” starts with = + - @'),
    ({"source": "+62 341 1234"}, "Source: the text “+62 341 1234” starts with = + - @"),
    ({"reason": "@SUM(A1)"}, "Reason: the text “@SUM(A1)” starts with = + - @"),
    ({"source_url": "javascript:alert(document.cookie)"}, "Source link: a source link must be a full web address"),
    ({"source_url": "data:text/html,<b>x</b>"}, "Source link: a source link must be a full web address"),
    ({"source_url": "https://x.go.id/a b"}, "Source link: a source link must be a full web address"),
]


@pytest.mark.parametrize(("fields", "says"), DECLARED)
def test_what_an_editor_declares_follows_the_data_rules_and_nothing_is_written(
    store, bundled, editor, today, fields, says
):
    preview = store.preview_import(store.current_pack(bundled), "hotspots", "h.csv", changed_hotspots())
    before = store.latest_revision_id()
    declaration = Declaration(**{"status": "seed", "reason": "survey", "source": "Surat 1", **fields})
    with pytest.raises(StoreError) as err:
        store.commit_import(editor, preview, declaration, today=today)
    assert err.value.message("en").startswith(says)
    assert err.value.message("en").endswith("Nothing was written.")
    assert err.value.message("id").endswith("Tidak ada yang ditulis.")
    assert store.latest_revision_id() == before


def test_the_as_of_is_judged_against_the_app_day_not_the_store_clock(store, bundled, editor):
    preview = store.preview_import(store.current_pack(bundled), "hotspots", "h.csv", changed_hotspots())
    declaration = Declaration(status="seed", reason="survey", as_of="2026-11-20")
    with pytest.raises(StoreError, match="today is 2026-11-01"):
        store.commit_import(editor, preview, declaration, today=date(2026, 11, 1))
    rev = store.commit_import(
        editor,
        preview,
        Declaration(
            status="official",
            reason="survey",
            as_of="2026-11-20",
            source="Surat 1",
            source_url="https://pasuruankota.go.id/surat-1",
        ),
        today=date(2026, 11, 28),
    )
    assert (rev.as_of, rev.source_url) == ("2026-11-20", "https://pasuruankota.go.id/surat-1")


def test_a_restore_reason_is_formula_safe(store, editor):
    first = store.latest_of("hotspots")
    with pytest.raises(StoreError, match="Reason: the text “=1\\+1”"):
        store.restore(editor, "hotspots", first, "=1+1")
