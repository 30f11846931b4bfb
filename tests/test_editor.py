"""The editors' screen: viewers see no write control, crafted state writes nothing, editors import and restore."""

from __future__ import annotations

import re

import pytest
from store_helpers import NEW_ID, PASSWORD, ROOT, changed_hotspots, cheap_hasher
from streamlit.testing.v1 import AppTest

from smartcity_geo.datapack import load_pack
from smartcity_geo.store import open_store
from smartcity_geo.store.engine import database_url
from smartcity_geo.store.users import Editor


@pytest.fixture
def store_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("SMARTCITY_STORE_DIR", str(tmp_path))
    monkeypatch.setenv("SMARTCITY_EDITORS", f"ana:{cheap_hasher().hash(PASSWORD)}")
    return tmp_path


def _open(page: str = "pages/editor.py", lang: str = "en", state: dict | None = None) -> AppTest:
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=90)
    at.query_params["lang"] = lang
    at.run()
    for key, value in (state or {}).items():
        at.session_state[key] = value
    if page != "pages/map.py":
        at.switch_page(page)
    at.run()
    assert not at.exception
    return at


def _write_controls(at: AppTest) -> list[str]:
    keys = [w.key for w in (*at.button, *at.selectbox, *at.text_input) if w.key]
    return [k for k in keys if k.startswith("editor_")] + [u for u in at.get("file_uploader")]


def shown(value: str) -> str:
    """What a reader sees of a Markdown text whose every special character is backslash-escaped."""
    return re.sub(r"\\(.)", r"\1", value)


def _revisions(store_dir) -> int:
    store = open_store(database_url({"SMARTCITY_STORE_DIR": str(store_dir)}, pack_dir=ROOT / "geodata"))
    return len(store.history())


def _sign_in(at: AppTest, name: str, password: str) -> AppTest:
    at.text_input(key="auth_name").input(name)
    at.text_input(key="auth_password").input(password)
    at.button(key="FormSubmitter:auth_form-Sign in").click()
    return at.run()


def test_a_viewer_sees_only_the_sign_in_form(store_dir):
    at = _open()
    assert [w.label for w in at.text_input] == ["Editor name", "Password"]
    assert _write_controls(at) == []
    assert at.subheader[0].value == "Sign in as an editor"


@pytest.mark.parametrize(
    "forged",
    [
        Editor(name="ana", issued="2026-11-29T08:00:00+00:00", signature="f" * 64),
        {"name": "ana", "issued": "2026-11-29T08:00:00+00:00", "signature": "f" * 64},
        "ana",
    ],
)
def test_editor_state_crafted_into_the_session_reaches_no_write(store_dir, forged):
    at = _open(state={"_editor": forged})
    assert _write_controls(at) == []
    assert "_editor" not in at.session_state
    assert _revisions(store_dir) == 13  # the seed only


def test_wrong_passwords_are_refused_then_rate_limited(store_dir):
    at = _open()
    at = _sign_in(at, "ana", "not the password")
    assert [shown(e.value) for e in at.error] == ["Wrong name or password."]
    for _ in range(4):
        at = _sign_in(at, "ana", "not the password")
    at = _sign_in(at, "ana", PASSWORD)  # right, but too many failures just now
    assert shown(at.error[0].value).startswith("Too many failed sign-ins")
    assert _write_controls(at) == []


def test_an_editor_previews_confirms_and_viewers_see_it_then_restores(store_dir):
    at = _open()
    at = _sign_in(at, "ana", PASSWORD)
    assert not at.error
    at.selectbox(key="editor_dataset").set_value("hotspots").run()
    assert at.get("file_uploader")  # the editor now sees the upload control

    # the preview a file upload would make (AppTest cannot drive a file uploader)
    store = open_store(database_url({"SMARTCITY_STORE_DIR": str(store_dir)}, pack_dir=ROOT / "geodata"))
    bundled = load_pack(ROOT / "geodata")
    preview = store.preview_import(store.current_pack(bundled), "hotspots", "hotspots-2026.csv", changed_hotspots())
    at.session_state["_editor_preview"] = preview
    at.run()
    assert at.subheader[0].value == "Preview: 1 rows added, 1 changed, 1 removed."
    changes = at.dataframe[0].value
    assert sorted(changes["Change"]) == ["added", "changed", "removed"]
    assert len(at.get("plotly_chart")) == 1

    at.text_input(key="editor_reason").input("")
    at.button(key="FormSubmitter:editor_confirm-Save as a new revision").click().run()
    assert shown(at.error[0].value) == "Give a reason for the change; nothing was written."
    assert len(store.history("hotspots")) == 1

    at.text_input(key="editor_reason").input("survey of November 2026")
    at.button(key="FormSubmitter:editor_confirm-Save as a new revision").click().run()
    assert shown(at.success[0].value).startswith("Saved: revision 2 of")
    assert store.history("hotspots")[0].author == "ana"

    viewer = _open("pages/map.py")  # another session, signed out: the new figures at once
    assert NEW_ID in set(viewer.session_state["_ctx"].pack.table("hotspots")["id"])

    at.selectbox(key="editor_restore_pick").set_value(store.history("hotspots")[1].id)
    at.text_input(key="editor_restore_reason").input("wrong survey file")
    at.button(key="editor_restore").click().run()
    assert shown(at.success[0].value) == "Revision 1 restored as revision 3."
    viewer.run()
    assert NEW_ID not in set(viewer.session_state["_ctx"].pack.table("hotspots")["id"])


@pytest.mark.parametrize(
    ("field", "value", "says"),
    [
        ("editor_source_url", "javascript:alert(document.cookie)", "Source link: a source link must be a full web"),
        ("editor_as_of", "2999-01-01", "As-of date: the date “2999-01-01” is in the future (today is 2026-11-28)"),
        ("editor_source", "=HYPERLINK(1)", "Source: the text “=HYPERLINK(1)” starts with = + - @"),
    ],
)
def test_what_an_editor_types_on_the_screen_follows_the_data_rules(store_dir, field, value, says):
    at = _sign_in(_open(), "ana", PASSWORD)
    at.selectbox(key="editor_dataset").set_value("hotspots").run()
    store = open_store(database_url({"SMARTCITY_STORE_DIR": str(store_dir)}, pack_dir=ROOT / "geodata"))
    preview = store.preview_import(
        store.current_pack(load_pack(ROOT / "geodata")), "hotspots", "h.csv", changed_hotspots()
    )
    at.session_state["_editor_preview"] = preview
    at.run()
    at.text_input(key="editor_reason").input("survey of November 2026")
    at.text_input(key=field).input(value)
    at.button(key="FormSubmitter:editor_confirm-Save as a new revision").click().run()
    assert shown(at.error[0].value).startswith(says)
    assert len(store.history("hotspots")) == 1  # nothing written


def test_the_sources_screen_shows_each_datasets_history(store_dir):
    at = _open("pages/sources.py", lang="id")
    at.selectbox(key="history_dataset").set_value("hotspots").run()
    table = at.table[-1].value
    assert list(table.index) == ["#1"]
    assert table.iloc[0]["Tindakan"] == "paket bawaan"
    assert table.iloc[0]["Status data"] == "paparan kota"


@pytest.mark.parametrize(
    "payload",
    ["![x](http://example.org/x.png)", "[click](javascript:alert(1))", "<img src=x onerror=alert(1)>", "**bold**"],
)
def test_a_value_from_a_file_is_shown_as_written_in_a_message(payload):
    from smartcity_geo.store.preview import plain_markdown

    message = f"File wifi.csv, row 2, column type: unknown value “{payload}”."
    escaped = plain_markdown(message)
    # every character that could start a link, an image, emphasis or a tag is escaped
    assert re.search(r"(?<!\\)[\[\]()<>!*:]", escaped) is None, escaped
    assert shown(escaped) == message


def test_the_history_table_says_which_revision_of_the_dataset_was_restored(tmp_path):
    """broadband's first revision is the store's 6th row: the table says "revisi 1", never 6."""
    from smartcity_geo.store import Declaration, Users
    from ui.history import history_table

    store = open_store(f"sqlite:///{tmp_path / 'store.sqlite'}")
    bundled = load_pack(ROOT / "geodata")
    store.seed(bundled)
    users = Users(store.engine, env={}, hasher=cheap_hasher())
    users.add("ana", PASSWORD)
    ana = users.authenticate("ana", PASSWORD)
    first = store.latest_of("broadband")
    data = (ROOT / "geodata" / "broadband.csv").read_bytes()
    preview = store.preview_import(store.current_pack(bundled), "broadband", "broadband.csv", data)
    store.commit_import(ana, preview, Declaration(status="sample", reason="again"))
    store.restore(ana, "broadband", first, "undo")
    table = history_table(store.history("broadband"), "id")
    assert list(table["Revisi"]) == ["#3", "#2", "#1"]
    assert table["Tindakan"].iloc[0].endswith("(dipulihkan dari revisi 1)")
    assert first != 1
