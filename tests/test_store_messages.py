"""Every command-line problem is one line and exit code 1; a store problem names the store configured.

Also: the SQLite store's files are private to the app's user (the editors' hashes are in them).
"""

from __future__ import annotations

import io
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from store_helpers import ROOT

from smartcity_geo.cli import main
from smartcity_geo.store import Users, open_store


@pytest.fixture
def env(tmp_path, monkeypatch):
    monkeypatch.setenv("SMARTCITY_STORE_DIR", str(tmp_path / "store"))
    monkeypatch.delenv("SMARTCITY_DATABASE_URL", raising=False)
    return tmp_path


def run(*argv: str) -> tuple[int, list[str], list[str]]:
    out, err = io.StringIO(), io.StringIO()
    code = main([*argv, "--lang", "en"], out=out, err=err)
    return code, out.getvalue().splitlines(), err.getvalue().splitlines()


def test_export_into_a_file_is_one_line(env):
    target = env / "handover.zip"
    target.write_bytes(b"keep me")
    assert run("export", str(target)) == (1, [], [f"{target} is a file, not a folder; choose a new or empty folder."])
    assert target.read_bytes() == b"keep me"


def test_export_where_nothing_can_be_written_is_one_line_and_leaves_nothing(env):
    code, out, err = run("export", "/proc/smartcity-export")
    assert (code, out) == (1, [])
    assert err == [
        "folder /proc/smartcity-export cannot be written (No such file or directory); nothing was left there."
    ]


def test_a_database_the_store_does_not_run_on_is_one_line(env, monkeypatch):
    monkeypatch.setenv("SMARTCITY_DATABASE_URL", "mysql://ana:secret@db.example/pasuruan")
    code, out, err = run("history")
    assert (code, out) == (1, [])
    assert err == [
        "SMARTCITY_DATABASE_URL uses mysql://, which is not supported; use postgresql://..., or leave it unset for "
        "SQLite."
    ]
    assert "secret" not in err[0]


REGION = "35.75"  # the bundled pack's region: its store is <SMARTCITY_STORE_DIR>/35.75/store.sqlite


@pytest.mark.parametrize(
    ("make", "detail"),
    [
        (lambda root: (root / "store").write_text("a file where the folder should be"), "Not a directory"),
        (
            lambda root: (
                (root / "store" / REGION).mkdir(parents=True),
                (root / "store" / REGION / "store.sqlite").write_bytes(b"x" * 4096),
            ),
            "file is not a database",
        ),
    ],
)
def test_a_sqlite_store_that_cannot_be_opened_names_its_file_and_setting(env, make, detail):
    make(env)
    code, out, err = run("history")
    assert (code, out) == (1, [])
    assert err == [
        f"The data store file {env / 'store' / REGION / 'store.sqlite'} cannot be opened or written ({detail}). Check "
        "SMARTCITY_STORE_DIR: its folder must exist or be creatable, and be writable by the app's user."
    ]
    assert "SMARTCITY_DATABASE_URL" not in err[0]


def test_no_command_prints_a_traceback(env, monkeypatch):
    """Each store problem is one line with exit 1. The commands run in process (an escaping
    exception fails the test as a traceback would); one runs as ``python -m smartcity_geo``, the
    way an official types it."""
    (env / "afile").write_text("x")
    cases = (
        (["export", str(env / "afile")], {}),
        (["export", "/proc/x"], {}),
        (["history"], {"SMARTCITY_STORE_DIR": str(env / "afile")}),
    )
    for argv, extra_env in cases:
        with monkeypatch.context() as m:
            for name, value in extra_env.items():
                m.setenv(name, value)
            code, _out, err = run(*argv)
        assert code == 1 and len(err) == 1, (argv, err)
    done = subprocess.run(
        [sys.executable, "-m", "smartcity_geo", "history", "--lang", "en"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "SMARTCITY_DATABASE_URL": "mysql://u@h/db"},
        timeout=300,
    )
    assert done.returncode == 1, done.stderr
    assert len(done.stderr.splitlines()) == 1 and "Traceback" not in done.stderr, done.stderr


def test_the_app_names_the_sqlite_folder_not_the_database_url(env, monkeypatch):
    from streamlit.testing.v1 import AppTest

    (env / "store").write_text("a file where the folder should be")
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    at.query_params["lang"] = "en"
    at.run()
    assert not at.exception and not at.error  # viewers still see the bundled pack, read-only (issue 19)
    import html

    warnings = [html.unescape(w.value) for w in at.warning if "read-only" in html.unescape(w.value)]
    assert len(warnings) == 1
    shown = warnings[0]
    assert shown.startswith("The data store file ")
    assert "Check SMARTCITY_STORE_DIR" in shown and "SMARTCITY_DATABASE_URL" not in shown


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="file modes are POSIX")
def test_the_sqlite_store_and_its_wal_files_are_private(env):
    old = os.umask(0o022)  # the usual umask: files readable by every local user (restored below)
    try:
        store = open_store()
        Users(store.engine, env={}).add("ana", "correct horse battery staple")
        folder = Path(env / "store" / REGION)
        files = sorted(p.name for p in folder.iterdir())
        assert "store.sqlite" in files and "store.sqlite-wal" in files
        for name in files:
            assert stat.S_IMODE((folder / name).stat().st_mode) == 0o600, name
        store.engine.dispose()
    finally:
        os.umask(old)


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="file modes are POSIX")
def test_an_existing_store_left_readable_is_closed(env):
    folder = env / "store" / REGION
    open_store().engine.dispose()
    (folder / "store.sqlite").chmod(0o644)  # made by an earlier version
    open_store().engine.dispose()
    assert stat.S_IMODE((folder / "store.sqlite").stat().st_mode) == 0o600
