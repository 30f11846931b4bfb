"""The server reads and prepares its data before the first visitor comes (``serve.py``'s lifespan,
``ui.loaders.warm``): the visitor's run then finds the pack, its map data and its map's geometry
in the cache; a broken pack is only logged there (the visitor gets the app's own message)."""

from __future__ import annotations

import logging
import threading
from pathlib import Path

import pytest
import streamlit as st

from smartcity_geo import mapdata

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def fresh_caches(monkeypatch, tmp_path):
    monkeypatch.setenv("SMARTCITY_STORE_DIR", str(tmp_path / "var"))
    monkeypatch.setenv("SMARTCITY_TODAY", "2026-12-04")
    st.cache_resource.clear()
    yield
    st.cache_resource.clear()


def test_a_visit_after_warming_prepares_nothing_again(monkeypatch, fresh_caches) -> None:
    from ui import loaders  # noqa: PLC0415

    calls = []
    prepare = mapdata.prepare_map_data
    monkeypatch.setattr(loaders, "prepare_map_data", lambda pack: calls.append(pack) or prepare(pack))
    version = loaders.warm()
    assert len(calls) == 1
    run = loaders.begin_run()  # what the first visitor's run asks
    assert run.version == version and run.map_data.figures is not None
    assert len(calls) == 1  # found in the cache, not prepared again
    assert loaders._base_geometry(version=version, lang="id", _data=run.map_data)[0]["features"]


def test_serve_warms_in_the_background_and_only_logs_a_broken_pack(monkeypatch, fresh_caches, tmp_path, caplog):
    import serve  # noqa: PLC0415

    broken = tmp_path / "pack"
    broken.mkdir()
    (broken / "manifest.json").write_text("{ not json", encoding="utf-8")
    monkeypatch.setenv("SMARTCITY_DATA_DIR", str(broken))
    with caplog.at_level(logging.INFO, logger="smartcity.serve"):
        serve._warm()  # never raises
    assert "warming the data failed" in caplog.text

    started = []
    monkeypatch.setattr(serve, "_warm", lambda: started.append(threading.current_thread().name))
    import asyncio  # noqa: PLC0415

    async def start() -> None:
        async with serve.lifespan(serve.app):
            for _ in range(100):
                if started:
                    break
                await asyncio.sleep(0.01)

    # on a thread of its own: in a full run Playwright's sync API keeps an event loop running
    # in the main thread, where asyncio.run refuses to start another
    runner = threading.Thread(target=lambda: asyncio.run(start()))
    runner.start()
    runner.join(timeout=30)
    assert started == ["smartcity-warm"]  # on a thread of its own: the server answers meanwhile


def test_the_map_component_is_served_even_when_imported_outside_a_run(monkeypatch) -> None:
    """The warm-up thread imports streamlit-folium before any visitor: Streamlit then never
    registered its component, and the map's iframe answered 404 (every map blank). The first
    run registers it; the runs after find it and change nothing."""
    from types import SimpleNamespace  # noqa: PLC0415

    from streamlit.components.lib.local_component_registry import LocalComponentRegistry  # noqa: PLC0415

    from ui import folium_component  # noqa: PLC0415

    registry = LocalComponentRegistry()  # a runtime's registry as the warm-up thread left it: empty
    monkeypatch.setattr(folium_component, "get_instance", lambda: SimpleNamespace(component_registry=registry))
    name = folium_component._component_func.name
    monkeypatch.setattr(folium_component, "get_script_run_ctx", lambda: None)
    folium_component.ensure_registered()  # outside a run: nothing to register with
    assert registry.get_component_path(name) is None

    monkeypatch.setattr(folium_component, "get_script_run_ctx", lambda: object())
    folium_component.ensure_registered()
    served = registry.get_component_path(name)
    assert served is not None and (Path(served) / "index.html").is_file()
    calls = []
    monkeypatch.setattr(registry, "register_component", calls.append)
    folium_component.ensure_registered()
    assert calls == []  # registered once
