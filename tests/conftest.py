"""Shared test set-up: the data store always lives in a temporary folder, never in the tree.

``store_url`` gives a store test a fresh database: an SQLite file always, and a PostgreSQL
(+PostGIS) database when ``SMARTCITY_TEST_DATABASE_URL`` names a server (``.ci/run`` starts
one). Locally that backend is skipped when the variable is unset; with ``CI`` set it fails.
"""

from __future__ import annotations

import os
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


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A URL of an empty database: SQLite, and PostgreSQL+PostGIS when configured."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'store.sqlite'}"
        return
    admin = os.environ.get("SMARTCITY_TEST_DATABASE_URL", "").strip()
    if not admin:
        if os.environ.get("CI"):
            pytest.fail("CI is set but SMARTCITY_TEST_DATABASE_URL is not: the PostgreSQL store tests cannot run")
        pytest.skip("SMARTCITY_TEST_DATABASE_URL is not set: PostgreSQL store tests skipped")
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    from smartcity_geo.store.engine import database_url

    admin_url = make_url(database_url({"SMARTCITY_DATABASE_URL": admin}))
    name = f"store_test_{uuid.uuid4().hex[:12]}"
    engine = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield admin_url.set(database=name).render_as_string(hide_password=False)
    finally:
        with engine.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        engine.dispose()
