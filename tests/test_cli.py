"""``python -m smartcity_geo``: every command's exit code and the line it prints."""

from __future__ import annotations

import contextlib
import io
import os
import subprocess
import sys

import pytest
from store_helpers import GEODATA, NEW_ID, PASSWORD, ROOT, changed_hotspots, rows, to_csv

from smartcity_geo.cli import main
from smartcity_geo.datapack import load_pack


@pytest.fixture
def env(tmp_path, monkeypatch):
    monkeypatch.setenv("SMARTCITY_STORE_DIR", str(tmp_path / "store"))
    monkeypatch.delenv("SMARTCITY_DATABASE_URL", raising=False)
    monkeypatch.delenv("SMARTCITY_EDITORS", raising=False)
    monkeypatch.setenv("SMARTCITY_PASSWORD", PASSWORD)
    return tmp_path


def run(*argv: str) -> tuple[int, list[str], list[str]]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out=out, err=err)
    return code, out.getvalue().splitlines(), err.getvalue().splitlines()


def write(path, data: bytes):
    path.write_bytes(data)
    return str(path)


def test_validate_says_valid_or_names_file_row_column(env):
    assert run("validate", str(GEODATA / "hotspots.csv"), "--lang", "en") == (
        0,
        ["hotspots.csv: valid for hotspots (41 rows)."],
        [],
    )
    header, records = rows("hotspots.csv")
    records[4]["type"] = "publik"
    bad = write(env / "wifi.csv", to_csv(header, records))
    code, out, err = run("validate", bad, "--dataset", "hotspots", "--lang", "en")
    assert (code, out) == (1, [])
    assert err == ["File wifi.csv, row 6, column type: unknown value “publik”; allowed: public, internal."]
    code, _, err = run("validate", bad, "--dataset", "hotspots")  # Indonesian by default
    assert err[0].startswith("Berkas wifi.csv, baris 6, kolom type")


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("validate", "missing.csv", "--dataset", "hotspots"), "missing.csv: file not found."),
        (("validate", str(GEODATA / "hotspots.csv"), "--dataset", "wifi"), "unknown dataset “wifi”"),
        (("validate", str(GEODATA / "SOURCES.md")), "SOURCES.md: cannot tell the dataset from the file name"),
        (("history", "--dataset", "wifi"), "unknown dataset “wifi”"),
        (
            ("restore", "--dataset", "hotspots", "--revision", "7", "--editor", "ana", "--reason", "x"),
            "revision 7 does not exist",
        ),
    ],
)
def test_a_wrong_name_is_one_line_and_exit_1(env, argv, message):
    code, out, err = run(*argv, "--lang", "en")
    assert code == 1 and len(err) == 1 and message in err[0], err


def test_users_add_reset_list(env, monkeypatch):
    assert run("users", "add", "ana", "--lang", "en") == (0, ["Editor “ana” added."], [])
    assert run("users", "add", "ana", "--lang", "en")[0] == 1
    assert run("users", "reset", "ana", "--lang", "en") == (0, ["Password of editor “ana” changed."], [])
    assert run("users", "reset", "budi", "--lang", "en") == (1, [], ["editor “budi” does not exist."])
    assert run("users", "list") == (0, ["ana"], [])
    monkeypatch.setenv("SMARTCITY_PASSWORD", "short")
    assert run("users", "add", "citra", "--lang", "en") == (1, [], ["The password must be at least 10 characters."])


def test_import_needs_a_signed_in_editor_and_writes_one_revision(env, monkeypatch):
    run("users", "add", "ana")
    path = write(env / "hotspots.csv", changed_hotspots())
    args = ("import", path, "--status", "seed", "--reason", "survey 2026", "--lang", "en")
    assert run(*args, "--yes") == (
        1,
        [],
        ["Name the editor who writes: --editor NAME (password asked or from SMARTCITY_PASSWORD)."],
    )
    monkeypatch.setenv("SMARTCITY_PASSWORD", "wrong password!")
    assert run(*args, "--editor", "ana", "--yes") == (1, [], ["Wrong name or password."])
    monkeypatch.setenv("SMARTCITY_PASSWORD", PASSWORD)

    code, out, _ = run(*args, "--dry-run")
    assert code == 0
    assert out[0] == "hotspots: would add 1, change 1, remove 1 rows (from revision 1)."
    assert f"  + {NEW_ID}" in out and out[-1] == "Dry run: nothing was written."
    assert len(run("history", "--dataset", "hotspots")[1]) == 1

    code, out, _ = run(*args, "--editor", "ana", "--yes")
    assert code == 0
    assert out[-1] == "hotspots: revision 2 written: 1 rows added, 1 changed, 1 removed."
    history = run("history", "--dataset", "hotspots", "--lang", "en")[1]
    assert len(history) == 2 and " import ana · hotspots.csv · " in history[0] and "survey 2026" in history[0]


def test_official_without_a_source_is_refused(env):
    run("users", "add", "ana")
    path = write(env / "hotspots.csv", changed_hotspots())
    code, _, err = run(
        "import",
        path,
        "--status",
        "official",
        "--as-of",
        "2026-11-01",
        "--reason",
        "x",
        "--editor",
        "ana",
        "--yes",
        "--lang",
        "en",
    )
    assert (code, err) == (1, ["Status official needs a source reference (document, link or letter number)."])


def test_restore_and_export(env):
    run("users", "add", "ana")
    run(
        "import",
        write(env / "h.csv", changed_hotspots()),
        "--dataset",
        "hotspots",
        "--status",
        "seed",
        "--reason",
        "x",
        "--editor",
        "ana",
        "--yes",
    )
    code, out, _ = run(
        "restore",
        "--dataset",
        "hotspots",
        "--revision",
        "1",
        "--editor",
        "ana",
        "--reason",
        "wrong file",
        "--lang",
        "en",
    )
    assert (code, out) == (0, ["hotspots: revision 1 restored as revision 3."])
    code, out, _ = run("export", str(env / "handover"), "--lang", "en")
    assert code == 0 and out[0].startswith("Current data exported to")
    assert (env / "handover" / "hotspots.csv").read_bytes() == (GEODATA / "hotspots.csv").read_bytes()
    load_pack(env / "handover")
    code, _, err = run("export", str(env / "handover"), "--lang", "en")
    assert code == 1 and "already holds files" in err[0]


def test_an_unreachable_database_is_one_line(env, monkeypatch):
    monkeypatch.setenv("SMARTCITY_DATABASE_URL", "postgresql://nobody@127.0.0.1:1/nothing")
    code, out, err = run("history", "--lang", "en")
    assert code == 1 and len(err) == 1 and err[0].startswith("The database cannot be reached")


def test_the_module_runs_and_never_prints_a_traceback(env):
    """Every refusal is one line with exit 1; ``python -m smartcity_geo`` itself is started once
    (an interpreter costs a second: the other commands run in process, where an escaping
    exception would fail the test just as a traceback would)."""
    header, records = rows("broadband.csv")
    bad = write(env / "broadband.csv", to_csv(header, records[:-1] + [{**records[-1], "providers": "-3"}]))
    for argv in (["validate", bad], ["import", bad], ["nonsense"]):
        usage = io.StringIO()  # argparse's refusals go to sys.stderr and exit
        try:
            with contextlib.redirect_stderr(usage):
                code, _out, err = run(*argv)
        except SystemExit as exc:
            code, err = exc.code, usage.getvalue().splitlines()
        assert code == 1 and len(err) == 1, (argv, err)
    done = subprocess.run(
        [sys.executable, "-m", "smartcity_geo", "validate", bad, "--lang", "en"],
        cwd=env,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1, done.stderr
    assert "row 35, column providers" in done.stderr
    # the store lives where SMARTCITY_STORE_DIR says, in the folder of the pack's region code
    assert (env / "store" / "35.75" / "store.sqlite").is_file()


def test_revision_numbers_count_per_dataset_in_the_preview_the_history_and_restore(env):
    """broadband is the 6th dataset the store seeds: its revisions are 1, 2, 3, never the database's ids."""
    run("users", "add", "ana")
    header, records = rows("broadband.csv")
    changed = [{**records[0], "providers": str(int(records[0]["providers"]) + 1)}, *records[1:]]
    path = write(env / "broadband.csv", to_csv(header, changed))
    common = ("--status", "sample", "--reason", "update", "--editor", "ana", "--lang", "en")
    code, out, _ = run("import", path, *common, "--yes")
    assert code == 0 and out[0].endswith("rows (from revision 1).")
    assert out[-1] == "broadband: revision 2 written: 0 rows added, 1 changed, 0 removed."
    restore = ("restore", "--dataset", "broadband", "--revision", "1", "--editor", "ana", "--reason", "undo")
    assert run(*restore, "--lang", "en")[1] == ["broadband: revision 1 restored as revision 3."]
    history = run("history", "--dataset", "broadband", "--lang", "en")[1]
    assert [line.split()[1] for line in history] == ["#3", "#2", "#1"]
    assert history[0].endswith("[restored from revision 1]")
    assert not any("(id " in line for line in history)
    assert run("import", path, *common, "--dry-run")[1][0].endswith("(from revision 3).")
    code, _, err = run(*restore[:4], "9", *restore[5:], "--lang", "en")
    assert (code, err) == (1, ["revision 9 does not exist for this dataset."])


def test_failed_sign_ins_on_the_command_line_count_in_the_store(env, monkeypatch):
    from smartcity_geo.store import Users, open_store
    from smartcity_geo.store.engine import database_url

    run("users", "add", "ana")
    app = Users(open_store(database_url()).engine, env={})  # an app server on the same store
    for _ in range(4):
        with pytest.raises(Exception, match="Wrong name or password"):
            app.authenticate("ana", "wrong password!", client="cli")
    monkeypatch.setenv("SMARTCITY_PASSWORD", "wrong password!")
    args = ("restore", "--dataset", "hotspots", "--revision", "1", "--editor", "ana", "--reason", "x", "--lang", "en")
    assert run(*args) == (1, [], ["Wrong name or password."])  # the fifth, counted with the app's four
    monkeypatch.setenv("SMARTCITY_PASSWORD", PASSWORD)
    assert run(*args) == (1, [], ["Too many failed sign-ins. Try again in 1 minutes."])  # a new process: still locked


@pytest.mark.parametrize(
    ("option", "value", "says"),
    [
        ("--as-of", "2999-01-01", "As-of date: the date “2999-01-01” is in the future (today is 2026-11-28)"),
        ("--as-of", "2026-02-30", "As-of date: expected a date that exists in the calendar"),
        ("--source-url", "javascript:alert(1)", "Source link: a source link must be a full web address"),
        ("--source", "=cmd|' /C calc'!A0", "Source: the text “=cmd|' /C calc'!A0” starts with = + - @"),
    ],
)
def test_what_an_editor_declares_on_the_command_line_follows_the_data_rules(env, monkeypatch, option, value, says):
    monkeypatch.setenv("SMARTCITY_PASSWORD", "never asked for")
    path = write(env / "hotspots.csv", changed_hotspots())
    argv = ("import", path, "--status", "seed", "--reason", "x", "--editor", "ana", "--yes", "--lang", "en")
    code, out, err = run(*argv, option, value)
    assert (code, out, len(err)) == (1, [], 1)
    assert err[0].startswith(says) and err[0].endswith("Nothing was written.")
    assert len(run("history", "--dataset", "hotspots")[1]) == 1
