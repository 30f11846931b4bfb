"""Faults in the store never blank the dashboard.

- a store that cannot be opened (a folder that cannot be made, a file that is no database,
  a database that is down): every screen draws the bundled pack, or the last data read from
  the store, read-only, under one warning naming the problem;
- a write the store refuses (a full disk) on the editors' confirm: one clear message,
  nothing written.
"""

from __future__ import annotations

import html

import pytest
from sqlalchemy import text
from sqlalchemy.exc import OperationalError
from store_helpers import NEW_ID, PASSWORD, ROOT, changed_hotspots, cheap_hasher
from streamlit.testing.v1 import AppTest

from smartcity_geo.datapack import load_pack
from smartcity_geo.store import Declaration, Store, Users, open_store

PAGES = [
    "pages/map.py",
    "pages/kelurahan.py",
    "pages/indicators.py",
    "pages/budget.py",
    "pages/sources.py",
    "pages/briefing.py",
    "pages/editor.py",
]


REGION = "35.75"  # the bundled pack's region: its store is <SMARTCITY_STORE_DIR>/35.75/store.sqlite


def _faults(tmp_path) -> dict[str, tuple[dict[str, str], str]]:
    """name -> (environment, words of the problem the warning must name)."""
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the store's folder should be")
    garbage = tmp_path / "garbage"
    (garbage / REGION).mkdir(parents=True)
    (garbage / REGION / "store.sqlite").write_bytes(b"this is not an SQLite database, just text " * 200)
    return {
        "a folder that cannot be created": ({"SMARTCITY_STORE_DIR": str(blocker / "var")}, "Not a directory"),
        "a store file that is no database": ({"SMARTCITY_STORE_DIR": str(garbage)}, "file is not a database"),
        "a database that is down": (
            {"SMARTCITY_DATABASE_URL": "postgresql://nobody@127.0.0.1:1/nothing"},
            "127.0.0.1",
        ),
    }


def _region_store(store_dir):
    """Where the app keeps the bundled region's store under ``SMARTCITY_STORE_DIR``."""
    (store_dir / REGION).mkdir(parents=True, exist_ok=True)
    return store_dir / REGION / "store.sqlite"


def _warnings(at: AppTest) -> list[str]:
    """The warnings as a reader sees them (the text is escaped as character references)."""
    return [html.unescape(w.value) for w in at.warning]


def _every_screen(at: AppTest) -> dict[str, list[str]]:
    """Each screen in turn: the warnings it shows; fails on any exception or error box."""
    seen = {}
    for page in PAGES:
        at.switch_page(page).run()
        assert not at.exception, (page, [e.value for e in at.exception])
        assert not at.error, (page, [e.value for e in at.error])
        assert at.title, page  # the screen drew its content, not just a message
        seen[page] = _warnings(at)
    return seen


@pytest.mark.parametrize(
    "fault", ["a folder that cannot be created", "a store file that is no database", "a database that is down"]
)
def test_every_screen_draws_the_bundled_pack_read_only_when_the_store_cannot_be_opened(fault, tmp_path, monkeypatch):
    env, problem = _faults(tmp_path)[fault]
    monkeypatch.delenv("SMARTCITY_DATABASE_URL", raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=90)
    at.query_params["lang"] = "en"
    at.run()
    pack = at.session_state["_ctx"].pack
    assert set(pack.metas) == set(load_pack(ROOT / "geodata").metas)  # the whole bundled pack is shown
    for page, warnings in _every_screen(at).items():
        named = [w for w in warnings if "read-only" in w]
        assert len(named) == 1, (page, warnings)
        assert problem in named[0] and "bundled data pack, read-only" in named[0], named[0]
    assert not [b for b in at.button if (b.key or "").startswith("editor_")]  # no write control
    assert "Importing and restoring are unavailable" in at.info[0].value


def test_the_last_good_data_stays_on_screen_when_the_store_stops_answering(tmp_path, monkeypatch):
    monkeypatch.setenv("SMARTCITY_STORE_DIR", str(tmp_path))
    store = open_store(f"sqlite:///{_region_store(tmp_path)}")
    bundled = load_pack(ROOT / "geodata")
    store.seed(bundled)
    users = Users(store.engine, env={}, hasher=cheap_hasher())
    users.add("ana", PASSWORD)
    preview = store.preview_import(store.current_pack(bundled), "hotspots", "h.csv", changed_hotspots())
    store.commit_import(users.authenticate("ana", PASSWORD), preview, Declaration(status="seed", reason="survey"))

    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=90)
    at.query_params["lang"] = "en"
    at.run()
    assert NEW_ID in set(at.session_state["_ctx"].pack.table("hotspots")["id"])
    assert not _warnings(at)

    def down(self):
        raise OperationalError("SELECT max(id)", {}, Exception("disk I/O error"))

    monkeypatch.setattr(Store, "latest_revision_id", down)
    for page, warnings in _every_screen(at).items():
        named = [w for w in warnings if "read-only" in w]
        assert len(named) == 1 and "disk I/O error" in named[0], (page, warnings)
        assert "last data read from the data store, read-only" in named[0]
    assert NEW_ID in set(at.session_state["_ctx"].pack.table("hotspots")["id"])  # the editors' data, not the seed


def test_a_full_disk_on_the_editors_confirm_is_one_message_and_writes_nothing(tmp_path, monkeypatch):
    monkeypatch.setenv("SMARTCITY_STORE_DIR", str(tmp_path))
    monkeypatch.setenv("SMARTCITY_EDITORS", f"ana:{cheap_hasher().hash(PASSWORD)}")
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=90)
    at.query_params["lang"] = "en"
    at.run()
    at.switch_page("pages/editor.py").run()
    at.text_input(key="auth_name").input("ana")
    at.text_input(key="auth_password").input(PASSWORD)
    at.button(key="FormSubmitter:auth_form-Sign in").click().run()
    at.selectbox(key="editor_dataset").set_value("hotspots").run()
    store = open_store(f"sqlite:///{_region_store(tmp_path)}")
    bundled = load_pack(ROOT / "geodata")
    at.session_state["_editor_preview"] = store.preview_import(
        store.current_pack(bundled), "hotspots", "hotspots-2026.csv", changed_hotspots()
    )
    at.run()
    before = len(store.history())
    write = Store._write

    def disk_full(self, conn, **values):
        write(self, conn, **values)  # the revision and its rows are inserted, then the disk fills up
        conn.execute(text("SELECT 1"))
        raise OperationalError("INSERT INTO feature", {}, Exception("database or disk is full"))

    monkeypatch.setattr(Store, "_write", disk_full)
    at.text_input(key="editor_reason").input("survey of November 2026")
    at.button(key="FormSubmitter:editor_confirm-Save as a new revision").click().run()
    assert not at.exception
    assert [e.value for e in at.error] and len(at.error) == 1
    message = at.error[0].value.replace("\\", "")
    assert message.startswith("The data could not be saved") and "database or disk is full" in message
    assert "Nothing was written" in message
    assert len(store.history()) == before  # the transaction was rolled back: no half revision
    assert NEW_ID not in set(store.current_pack(bundled).table("hotspots")["id"])
