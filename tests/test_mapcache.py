"""The map-file folder is the app's own, and a served map file is checked against its name before use."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from smartcity_geo import mapcache
from smartcity_geo.mapcache import MapCacheError, cache_dir, content_name, files_in, private_dir

posix = pytest.mark.skipif(not hasattr(os, "getuid"), reason="owners and modes are POSIX")


def _mode(path: Path) -> int:
    return stat.S_IMODE(os.lstat(path).st_mode)


@posix
def test_a_new_folder_is_created_private(tmp_path):
    folder = private_dir(tmp_path / "cache")
    assert _mode(folder) == 0o700


@posix
def test_a_configured_folder_open_to_others_is_refused_with_the_fix(tmp_path):
    folder = tmp_path / "shared"
    folder.mkdir()
    folder.chmod(0o777)
    with pytest.raises(MapCacheError) as err:
        cache_dir(str(folder), tmp_path / "default")
    assert err.value.message("en").startswith(f"The map is not shown: the map-file folder {folder} can be read or")
    assert "chmod 700" in err.value.message("en") and "chmod 700" in err.value.message("id")


@posix
def test_a_folder_of_another_user_is_never_used(tmp_path, monkeypatch):
    planted = tmp_path / "smartcity-map-1000"
    planted.mkdir(mode=0o777)
    monkeypatch.setattr(mapcache, "_uid", lambda: os.getuid() + 1)  # as if another user made it first
    with pytest.raises(MapCacheError, match="belongs to another user"):
        private_dir(planted)
    with pytest.raises(MapCacheError, match="belongs to another user"):
        cache_dir(str(planted), tmp_path / "x")  # configured: refused
    monkeypatch.setattr(mapcache, "_FALLBACK", {})
    folder, passed_over = cache_dir("", planted)  # the default: a fresh private folder instead
    assert passed_over is not None and passed_over.key == "not_owner"
    assert folder != planted and folder.is_dir()
    monkeypatch.undo()
    assert _mode(folder) == 0o700 and os.lstat(folder).st_uid == os.getuid()


@posix
def test_a_symbolic_link_is_not_a_folder(tmp_path):
    target = tmp_path / "elsewhere"
    target.mkdir(mode=0o700)
    link = tmp_path / "cache"
    link.symlink_to(target)
    with pytest.raises(MapCacheError, match="not a plain folder"):
        private_dir(link)


@posix
def test_the_default_folder_of_this_user_left_open_is_closed(tmp_path):
    folder = tmp_path / "smartcity-map"
    folder.mkdir()
    folder.chmod(0o755)  # as the app before this change made it
    assert cache_dir("", folder) == (folder, None)
    assert _mode(folder) == 0o700


def test_a_tampered_file_is_written_again_before_use(tmp_path):
    files = files_in(private_dir(tmp_path / "cache"))
    text = "var scLayers = 1;\n"
    name = files.write(text, "layers")
    assert name == content_name(text, "layers")
    path = files.directory / name
    assert files.ensure(name, text) is False  # unchanged: nothing to do

    path.write_text("window.__pwned = true;\n", encoding="utf-8")  # changed in place
    assert files.ensure(name, text) is True
    assert path.read_text(encoding="utf-8") == text

    path.unlink()
    path.symlink_to(tmp_path / "evil.js")  # replaced by a link
    (tmp_path / "evil.js").write_text("window.__pwned = true;\n", encoding="utf-8")
    assert files.ensure(name, text) is True
    assert not path.is_symlink() and path.read_text(encoding="utf-8") == text
    assert (tmp_path / "evil.js").read_text(encoding="utf-8") == "window.__pwned = true;\n"  # not written through


def test_a_file_planted_under_the_right_name_before_the_first_write_is_replaced(tmp_path):
    folder = private_dir(tmp_path / "cache")
    text = "var scMap = 2;\n"
    name = content_name(text, "map")
    (folder / name).write_text("window.__pwned = true;\n", encoding="utf-8")
    assert files_in(folder).write(text, "map") == name
    assert (folder / name).read_text(encoding="utf-8") == text


def test_the_map_screen_names_a_refused_folder_and_shows_no_traceback(tmp_path, monkeypatch):
    from streamlit.testing.v1 import AppTest

    folder = tmp_path / "shared"
    folder.mkdir()
    folder.chmod(0o777)
    monkeypatch.setenv("SMARTCITY_MAP_CACHE", str(folder))
    at = AppTest.from_file(str(Path(__file__).resolve().parent.parent / "dashboard.py"), default_timeout=120)
    at.query_params["lang"] = "en"
    at.run()
    assert not at.exception
    assert [e.value for e in at.error] == [
        f"The map is not shown: the map-file folder {folder} can be read or written by other users. "
        "Fix it (chmod 700, owned by the app's user) or leave SMARTCITY_MAP_CACHE unset."
    ]
    assert list(folder.iterdir()) == []  # nothing written into it
