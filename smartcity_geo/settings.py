"""Every setting of the dashboard, in one table: name, environment variable, secret, default, help.

The one module that reads the environment. A setting is read from its environment variable
first, then (for the app) from its key in ``.streamlit/secrets.toml``, else its default. An
empty or blank value counts as unset, for every setting.

The library never imports Streamlit: the app reads ``st.secrets`` in ``ui/config.py`` and
passes it in as a plain mapping (``secrets=``); the CLI and the library pass none.

``python -m smartcity_geo settings`` prints the table; the README lists every setting (a test
checks both).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA_DIR = ROOT / "geodata"
DEFAULT_STORE_DIR = "var"


@dataclass(frozen=True)
class Setting:
    """One setting: where it is read from, what it is when unset, and what it is for."""

    name: str
    env: str | None  # environment variable, or None (a secret only)
    secret: str | None  # key in .streamlit/secrets.toml, or None (environment only)
    default: str  # "" when unset means "not configured"
    help: str
    scope: str = "app"  # "app" (the dashboard), "cli" (the command line), "tests" (the test suite)


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "data_dir",
        "SMARTCITY_DATA_DIR",
        None,
        str(DEFAULT_DATA_DIR),
        "the bundled (seed) data pack folder (default: geodata/)",
    ),
    Setting(
        "store_dir",
        "SMARTCITY_STORE_DIR",
        None,
        DEFAULT_STORE_DIR,
        "folder of the SQLite store files (one per region: <dir>/<region code>/store.sqlite)",
    ),
    Setting(
        "database_url", "SMARTCITY_DATABASE_URL", None, "", "a PostgreSQL (+PostGIS) store; unset: SQLite in store_dir"
    ),
    Setting(
        "map_cache",
        "SMARTCITY_MAP_CACHE",
        None,
        "",
        "folder of the rendered map files, private to the app's user (unset: <tmp>/smartcity-map-<uid>)",
    ),
    Setting("today", "SMARTCITY_TODAY", None, "", "fixes the app's date (YYYY-MM-DD); unset: the machine's date"),
    Setting("public_url", "SMARTCITY_PUBLIC_URL", "public_url", "", "the dashboard's public address (briefing link)"),
    Setting("editors", "SMARTCITY_EDITORS", "editors", "", "editors with argon2 password hashes (name:hash;...)"),
    Setting("editors_sso", None, "editors_sso", "", "accounts of the identity provider that may edit (a list)"),
    Setting("auth", None, "auth", "", "the identity provider for st.login (a [auth] table)"),
    Setting("lang", "SMARTCITY_LANG", None, "id", "the command line's language, id or en", "cli"),
    Setting("password", "SMARTCITY_PASSWORD", None, "", "the editor's password for import/restore", "cli"),
    Setting(
        "test_database_url", "SMARTCITY_TEST_DATABASE_URL", None, "", "a PostgreSQL server for the store tests", "tests"
    ),
    Setting(
        "chromium",
        "SMARTCITY_CHROMIUM",
        None,
        "/usr/bin/chromium",
        "the browser tests' Chromium (/usr/bin/chromium)",
        "tests",
    ),
    Setting("artifacts", "SMARTCITY_ARTIFACTS", None, "", "where browser tests keep screenshots", "tests"),
    Setting(
        "update_screenshots", "SMARTCITY_UPDATE_SCREENSHOTS", None, "", "1: refresh docs/*.png from the tests", "tests"
    ),
    Setting("ci", "CI", None, "", "set on CI: the PostgreSQL store tests must run", "tests"),
)

BY_NAME: dict[str, Setting] = {setting.name: setting for setting in SETTINGS}


def raw(name: str, *, env: Mapping[str, str] | None = None, secrets: Mapping[str, object] | None = None) -> object:
    """Setting ``name`` as configured: environment, then secrets, then the default.

    Blank strings count as unset. A secret may be a table or a list (``editors``, ``editors_sso``).
    """
    setting = BY_NAME[name]
    env = os.environ if env is None else env
    if setting.env is not None:
        value = str(env.get(setting.env, "") or "").strip()
        if value:
            return value
    if setting.secret is not None and secrets is not None:
        value = secrets.get(setting.secret)
        if isinstance(value, str):
            value = value.strip()
        if value:
            return value
    return setting.default


def get(name: str, *, env: Mapping[str, str] | None = None, secrets: Mapping[str, object] | None = None) -> str:
    """Setting ``name`` as a string (see :func:`raw`)."""
    value = raw(name, env=env, secrets=secrets)
    return value if isinstance(value, str) else str(value)


def data_dir(env: Mapping[str, str] | None = None) -> Path:
    """The bundled data pack the store is seeded from (``SMARTCITY_DATA_DIR``)."""
    return Path(get("data_dir", env=env))


def store_dir(env: Mapping[str, str] | None = None) -> Path:
    """The folder of the default SQLite store (``SMARTCITY_STORE_DIR``)."""
    return Path(get("store_dir", env=env))


def table(scope: str | None = None) -> str:
    """The settings as a plain-text table (for ``--help`` and the docs)."""
    rows = [s for s in SETTINGS if scope is None or s.scope == scope]
    lines = [f"{'environment':<30} {'secret':<12} {'default':<10} help"]
    for s in rows:
        default = s.default if len(s.default) <= 10 else "(see help)"
        lines.append(f"{s.env or '-':<30} {s.secret or '-':<12} {default or '-':<10} {s.help}")
    return "\n".join(lines)
