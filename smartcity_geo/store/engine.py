"""Where the store lives, how to connect, and bringing its schema up to date.

The settings (``SMARTCITY_DATABASE_URL``, ``SMARTCITY_STORE_DIR``, ``SMARTCITY_DATA_DIR``) are
read through :mod:`smartcity_geo.settings`, the one table of settings.

``postgresql://`` URLs are read with psycopg 3 (``postgresql+psycopg://``).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url

from .. import settings

SQLITE_FILE = "store.sqlite"
DEFAULT_STORE_DIR = settings.DEFAULT_STORE_DIR
MIGRATIONS = Path(__file__).resolve().parent / "migrations"
_PG_LOCK = 7_357_001  # pg_advisory_lock key: one server migrates and seeds at a time


data_dir = settings.data_dir


def database_url(env: Mapping[str, str] | None = None) -> str:
    """The store's SQLAlchemy URL from the settings (PostgreSQL if named, else SQLite)."""
    url = settings.get("database_url", env=env)
    if url:
        if url.startswith("postgres://"):
            url = "postgresql://" + url[len("postgres://") :]
        if url.startswith("postgresql://"):
            url = "postgresql+psycopg://" + url[len("postgresql://") :]
        return url
    folder = settings.store_dir(env)
    return f"sqlite:///{folder.resolve() / SQLITE_FILE}"


def make_engine(url: str) -> Engine:
    """An engine for ``url``; SQLite gets WAL, a busy timeout and ``BEGIN IMMEDIATE`` for writes.

    NOTE: a connection opened with ``execution_options(write=True)`` starts its transaction
    with ``BEGIN IMMEDIATE`` on SQLite, so the check "has anyone written since my preview?"
    and the write happen under one lock. Reads use a plain ``BEGIN``.
    """
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True)
    if parsed.database:
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"timeout": 30, "check_same_thread": False})

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection, _record):  # pragma: no cover - exercised by every test
        dbapi_connection.isolation_level = None  # we issue BEGIN ourselves
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(conn):  # pragma: no cover - exercised by every test
        conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get("write") else "BEGIN")

    return engine


def migrate(engine: Engine) -> None:
    """``alembic upgrade head`` on ``engine``, from any working directory.

    On PostgreSQL an advisory lock makes concurrent servers take turns.
    """
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.connect().execution_options(write=True) as conn:
        postgres = conn.dialect.name == "postgresql"
        if postgres:
            conn.execute(text("SELECT pg_advisory_lock(:k)"), {"k": _PG_LOCK})
            conn.commit()
        try:
            config.attributes["connection"] = conn
            command.upgrade(config, "head")
            conn.commit()
        finally:
            if postgres:
                conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": _PG_LOCK})
                conn.commit()
