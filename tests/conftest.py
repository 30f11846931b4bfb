"""Shared test set-up: the data store always lives in a temporary folder, never in the tree.

``store_url`` gives a store test a fresh database seeded from the bundled pack: an SQLite
file always, and a PostgreSQL (+PostGIS) database when ``SMARTCITY_TEST_DATABASE_URL`` names a server (``.ci/run`` starts
one). Locally that backend is skipped when the variable is unset; with ``CI`` set it fails.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest


@pytest.fixture(scope="session", autouse=True)
def _store_in_tmp(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Every app the tests start (AppTest or a browser's server) keeps its store in a tmp folder."""
    folder = tmp_path_factory.mktemp("store")
    patch = pytest.MonkeyPatch()
    patch.setenv("SMARTCITY_STORE_DIR", str(folder))
    patch.delenv("SMARTCITY_DATABASE_URL", raising=False)
    patch.delenv("SMARTCITY_EDITORS", raising=False)
    yield folder
    patch.undo()


def _admin_url() -> str | None:
    admin = os.environ.get("SMARTCITY_TEST_DATABASE_URL", "").strip()
    if not admin:
        return None
    from smartcity_geo.store.engine import database_url

    return database_url({"SMARTCITY_DATABASE_URL": admin})


@pytest.fixture(scope="session")
def _seeded_templates(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, object]]:
    """A migrated store seeded from the bundled pack, made once per session, per backend.

    Each test then starts from a copy (a file copy for SQLite, ``CREATE DATABASE ... TEMPLATE``
    for PostgreSQL) instead of migrating and seeding again.
    """
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    from smartcity_geo.datapack import load_pack
    from smartcity_geo.store import open_store

    bundled = load_pack(Path(__file__).resolve().parent.parent / "geodata")
    templates: dict[str, object] = {}
    sqlite_file = tmp_path_factory.mktemp("template") / "store.sqlite"
    store = open_store(f"sqlite:///{sqlite_file}")
    store.seed(bundled)
    store.engine.dispose()
    templates["sqlite"] = sqlite_file
    admin = _admin_url()
    engine = None
    if admin:
        name = f"store_tmpl_{uuid.uuid4().hex[:12]}"
        engine = create_engine(admin, isolation_level="AUTOCOMMIT")
        with engine.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        url = make_url(admin).set(database=name)
        store = open_store(url.render_as_string(hide_password=False))
        store.seed(bundled)
        store.engine.dispose()
        templates["postgresql"] = (engine, url, name)
    yield templates
    if engine is not None:
        with engine.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{templates["postgresql"][2]}" WITH (FORCE)'))
        engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path, _seeded_templates) -> Iterator[str]:
    """A URL of a store seeded from the bundled pack: SQLite, and PostgreSQL+PostGIS when configured."""
    if request.param == "sqlite":
        target = tmp_path / "store.sqlite"
        shutil.copyfile(_seeded_templates["sqlite"], target)
        yield f"sqlite:///{target}"
        return
    if "postgresql" not in _seeded_templates:
        if os.environ.get("CI"):
            pytest.fail("CI is set but SMARTCITY_TEST_DATABASE_URL is not: the PostgreSQL store tests cannot run")
        pytest.skip("SMARTCITY_TEST_DATABASE_URL is not set: PostgreSQL store tests skipped")
    from sqlalchemy import text

    engine, url, template = _seeded_templates["postgresql"]
    name = f"store_test_{uuid.uuid4().hex[:12]}"
    with engine.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{template}"'))
    try:
        yield url.set(database=name).render_as_string(hide_password=False)
    finally:
        with engine.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
