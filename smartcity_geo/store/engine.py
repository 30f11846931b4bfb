"""Where the store lives, how to connect, and bringing its schema up to date.

The settings (``SMARTCITY_DATABASE_URL``, ``SMARTCITY_STORE_DIR``, ``SMARTCITY_DATA_DIR``) are
read through :mod:`smartcity_geo.settings`, the one table of settings. The SQLite file is per
region: ``<SMARTCITY_STORE_DIR>/<region code>/store.sqlite``.

``postgresql://`` URLs are read with psycopg 3 (``postgresql+psycopg://``).
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Mapping
from pathlib import Path

from sqlalchemy import URL, Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from .. import settings
from .errors import StoreError

SQLITE_FILE = "store.sqlite"
DEFAULT_STORE_DIR = settings.DEFAULT_STORE_DIR
MIGRATIONS = Path(__file__).resolve().parent / "migrations"
_CODE = re.compile(r"^\d{2}\.\d{2}$")
_PG_LOCK = 7_357_001  # pg_advisory_lock key: one server migrates and seeds at a time


data_dir = settings.data_dir


def region_code(folder: Path) -> str | None:
    """The Kemendagri code of the pack in ``folder`` (its manifest's ``pack.region.code``), if any."""
    try:
        pack = json.loads((Path(folder) / "manifest.json").read_text(encoding="utf-8")).get("pack", {})
        code = pack.get("region", {}).get("code")
    except (OSError, ValueError, AttributeError):
        return None
    return code if isinstance(code, str) and _CODE.match(code) else None


def database_url(env: Mapping[str, str] | None = None, *, pack_dir: Path | None = None) -> str:
    """The store's SQLAlchemy URL from the settings (PostgreSQL if named, else SQLite).

    The default SQLite file is per region: ``<SMARTCITY_STORE_DIR>/<region code>/store.sqlite``
    for the pack in ``pack_dir`` (default: :func:`data_dir`), so a second region served on the
    same machine never sees the first one's revisions. A pack without a region block keeps
    ``<SMARTCITY_STORE_DIR>/store.sqlite``. A PostgreSQL URL is the operator's choice: give
    each region its own database.
    """
    url = settings.get("database_url", env=env)
    if url:
        if url.startswith("postgres://"):
            url = "postgresql://" + url[len("postgres://") :]
        if url.startswith("postgresql://"):
            url = "postgresql+psycopg://" + url[len("postgresql://") :]
        return url
    folder = settings.store_dir(env)
    code = region_code(pack_dir if pack_dir is not None else data_dir(env))
    if code is not None:
        folder = folder / code
    return f"sqlite:///{folder.resolve() / SQLITE_FILE}"


#: The databases the store runs on (SQLAlchemy backend names).
SUPPORTED_BACKENDS = ("sqlite", "postgresql")


def _parse(url: str) -> URL:
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise StoreError("unsupported_url", got=_scheme(url)) from None
    if parsed.get_backend_name() not in SUPPORTED_BACKENDS:
        raise StoreError("unsupported_url", got=_scheme(url))
    return parsed


def _scheme(url: str) -> str:
    return url.split("://", 1)[0] + "://" if "://" in url else url[:40]


def sqlite_file(url: str) -> Path | None:
    """The file of a SQLite store URL, or ``None`` for another database."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        return None
    if parsed.get_backend_name() != "sqlite":
        return None
    return Path(parsed.database) if parsed.database else None


def store_fault(err: BaseException, url: str) -> StoreError:
    """One message for a store that cannot be opened, naming the store actually configured.

    A SQLite file (``SMARTCITY_STORE_DIR``: its folder must exist or be creatable, and be
    writable) and a database server (``SMARTCITY_DATABASE_URL``) fail for different reasons
    and are fixed in different places; the message says which.
    """
    detail = str(getattr(err, "orig", None) or err).strip().splitlines()
    detail = (detail[0] if detail else type(err).__name__)[:200]
    file = sqlite_file(url)
    if file is not None:
        return StoreError("sqlite_unusable", file=str(file), detail=detail)
    return StoreError("unreachable", detail=detail)


def make_engine(url: str) -> Engine:
    """An engine for ``url``; SQLite gets WAL, a busy timeout and ``BEGIN IMMEDIATE`` for writes.

    Raises :class:`StoreError` for a database the store does not run on (``mysql://`` ...)
    and for a SQLite folder that cannot be created.

    NOTE: a connection opened with ``execution_options(write=True)`` starts its transaction
    with ``BEGIN IMMEDIATE`` on SQLite, so the check "has anyone written since my preview?"
    and the write happen under one lock. Reads use a plain ``BEGIN``.
    """
    parsed = _parse(url)
    if parsed.get_backend_name() != "sqlite":
        # NOTE: a database that is down must refuse within seconds, not hang a viewer's page.
        return create_engine(url, pool_pre_ping=True, connect_args={"connect_timeout": 10})
    if parsed.database:
        try:
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        except OSError as err:
            raise StoreError("sqlite_unusable", file=parsed.database, detail=err.strerror or str(err)) from None
        _private_files(Path(parsed.database))
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


#: The store's files: the editors' password hashes are in them, so only the app's user may read them.
PRIVATE_FILE_MODE = 0o600
_SQLITE_SIDE_FILES = ("", "-wal", "-shm", "-journal")


def _private_files(database: Path) -> None:
    """Create the SQLite file (and its WAL and shared-memory files) readable by the app's user only.

    SQLite creates its files with the process's umask (usually 0644: every local user could
    read the hashes). The main file is created here, empty, with mode 0600 before SQLite opens
    it; SQLite gives the ``-wal`` and ``-shm`` files the main file's mode. Files that exist and
    belong to this user are closed to others too.
    """
    if not hasattr(os, "getuid"):
        return
    try:
        fd = os.open(database, os.O_CREAT | os.O_WRONLY | getattr(os, "O_NOFOLLOW", 0), PRIVATE_FILE_MODE)
        os.close(fd)
    except OSError as err:
        raise StoreError("sqlite_unusable", file=str(database), detail=err.strerror or str(err)) from None
    for suffix in _SQLITE_SIDE_FILES:
        path = Path(f"{database}{suffix}")
        try:
            info = path.lstat()
        except FileNotFoundError:
            continue
        if info.st_uid == os.getuid() and info.st_mode & 0o077 and not path.is_symlink():
            path.chmod(PRIVATE_FILE_MODE)
