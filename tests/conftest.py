"""Shared fixtures and the suite's house rules.

Fixtures
--------
``pack``                 the bundled data pack, loaded once per session (read-only: do not mutate its tables)
``map_data``             the pack's map data (``prepare_map_data``), prepared once per session
``programme_files``      the programme tables read from ``geodata/`` (elements ... budget, kelurahan)
``programme_tables``     small hand-made programme tables, fresh per test (mutate freely)
``today``                the fixed date tests use instead of the wall clock
``pack_copy``            a factory: ``pack_copy()`` copies ``geodata/`` into ``tmp_path`` for a test to mutate

``store_url``            a store seeded from the bundled pack: SQLite always, PostgreSQL+PostGIS when
                         ``SMARTCITY_TEST_DATABASE_URL`` names a server (``.ci/run`` starts one; with ``CI``
                         set and no server, those tests fail instead of skipping)

House rules enforced here
-------------------------
- "today" is injected: ``SMARTCITY_TODAY`` is set for the whole session, so the app under
  AppTest or a browser test reads the same fixed date (``ui.clock.today``).
- Every test in ``tests/browser/`` carries the ``browser`` marker, and the few that read the
  full Jawa Timur data the ``upstream`` marker: ``pytest -m "not browser and not upstream" -n
  auto`` is the quick loop (README).
- Every app the tests start (AppTest or a browser's server) keeps its data store in a tmp
  folder (``SMARTCITY_STORE_DIR``), never ``./var/``.
- The suite leaves the working tree as it found it: ``git status --porcelain`` is compared
  before and after the run, and a difference fails the run.
"""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
import subprocess
import uuid
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from smartcity_geo import settings

ROOT = Path(__file__).resolve().parent.parent
GEODATA = ROOT / "geodata"
BROWSER_DIR = Path(__file__).resolve().parent / "browser"

TODAY = date(2026, 11, 28)  # the last complete year is 2025
TODAY_ENV = "SMARTCITY_TODAY"


# --------------------------------------------------------------------------------------
# Session hooks


# Files a run may leave behind: bytecode and tool caches (all git-ignored).
_SCRATCH = ("__pycache__/", ".pytest_cache/", ".ruff_cache/", ".venv/", ".egg-info/")
# The app's own runtime folder (its SQLite store, e.g. var/store.sqlite-wal): an app running
# from this checkout writes there while the tests run; the tests themselves never do (their
# store is in a tmp folder, _store_in_tmp).
_RUNTIME = (f"{settings.DEFAULT_STORE_DIR}/",)


def _git_status() -> set[str] | None:
    """``git status --porcelain`` of the working tree, ignored files included (``test-artifacts/``
    is git-ignored but still a write into the tree), or None outside a git checkout."""
    try:
        done = subprocess.run(
            ["git", "status", "--porcelain", "--ignored", "--untracked-files=all"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        )
    except (OSError, subprocess.CalledProcessError):
        return None
    lines = set(done.stdout.splitlines())
    if settings.get("update_screenshots"):  # asked for: the docs' pictures are refreshed
        lines = {line for line in lines if not (line[3:].startswith("docs/") and line.endswith(".png"))}
    lines = {line for line in lines if not any(part in line for part in _SCRATCH)}
    lines = {line for line in lines if not line[3:].strip('"').startswith(_RUNTIME)}
    return {f"{line} {_digest(ROOT / line[3:].strip().strip(chr(34)))}" for line in lines}


def _digest(path: Path) -> str:
    """The content's hash: a file already modified before the run must not change during it."""
    if not path.is_file():
        return "-"
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16]


_STATUS_KEY = pytest.StashKey[set[str] | None]()


def pytest_configure(config: pytest.Config) -> None:
    os.environ[TODAY_ENV] = TODAY.isoformat()  # the app under test reads this day, whatever the shell says
    config.stash[_STATUS_KEY] = _git_status()


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if BROWSER_DIR in Path(str(item.path)).parents:
            item.add_marker(pytest.mark.browser)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    before = session.config.stash.get(_STATUS_KEY, None)
    if before is None:
        return
    after = _git_status()
    if after is not None and after != before:
        changed = sorted(after ^ before)
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        message = "the test run changed the working tree (tests must write into tmp_path):\n  " + "\n  ".join(changed)
        if reporter is not None:
            reporter.write_line(message, red=True, bold=True)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


class _Notices(logging.Handler):
    """Collects what Streamlit's deprecation helper logs (it logs, it does not warn)."""

    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@pytest.fixture(autouse=True)
def _no_streamlit_deprecation_notice() -> Iterator[None]:
    """A Streamlit deprecation notice raised by our pages fails the test that caused it.

    Streamlit reports a deprecated argument (``use_container_width``, ``**kwargs`` ...) through
    ``streamlit.deprecation_util``'s logger, never as a ``DeprecationWarning``; without this the
    day it becomes an error would be the first anyone hears of it.
    """
    notices = _Notices()
    logger = logging.getLogger("streamlit.deprecation_util")
    logger.addHandler(notices)
    try:
        yield
    finally:
        logger.removeHandler(notices)
    if notices.messages:
        pytest.fail("Streamlit deprecation notice: " + "\n".join(notices.messages), pytrace=False)


# --------------------------------------------------------------------------------------
# Fixtures


@pytest.fixture(autouse=True)
def _bundled_region_words() -> Iterator[None]:
    """A test's own calls of ``strings.t`` name the bundled pack's region, as the app's runs do.

    The app sets the region of the pack it shows at the start of every run
    (``ui.chrome.load_pack_or_stop``); a test that compares the screen with ``t(...)`` needs
    the same words. A test of another region's pack sets that region itself
    (``smartcity_geo.region.text_context``).
    """
    from smartcity_geo.datapack import load_region
    from smartcity_geo.region import text_context

    region, _crs = load_region(GEODATA)
    with text_context(region):
        yield


@pytest.fixture(scope="session")
def today() -> date:
    """The fixed "today" of every test (the app reads the same date from ``SMARTCITY_TODAY``)."""
    return TODAY


@pytest.fixture(scope="session")
def pack():
    """The bundled data pack, loaded once per session."""
    from smartcity_geo.datapack import load_pack

    return load_pack(GEODATA)


@pytest.fixture(scope="session")
def map_data(pack):
    """Everything the map draws for the bundled pack, prepared once per session."""
    from smartcity_geo.mapdata import prepare_map_data

    return prepare_map_data(pack)


@pytest.fixture(scope="session")
def programme_files() -> dict[str, pd.DataFrame]:
    """The programme tables as read from ``geodata/`` (plus the kelurahan table they refer to)."""
    from smartcity_geo.datapack import read_table
    from smartcity_geo.schema import PROGRAMME_SCHEMAS as SCHEMAS
    from smartcity_geo.schema import SCHEMAS as ALL_SCHEMAS

    tables = {key: read_table(GEODATA / f"{key}.csv", schema) for key, schema in SCHEMAS.items()}
    tables["kelurahan"] = read_table(GEODATA / "kelurahan.geojson", ALL_SCHEMAS["kelurahan"])
    return tables


@pytest.fixture()
def pack_copy(tmp_path: Path) -> Callable[[], Path]:
    """A factory: ``root = pack_copy()`` is a copy of ``geodata/`` in ``tmp_path`` to mutate."""

    def make(name: str = "geodata") -> Path:
        root = tmp_path / name
        shutil.copytree(GEODATA, root)
        return root

    return make


ELEMENTS = [
    ("SG", "Tata Kelola", "Governance"),
    ("SB", "Pencitraan", "Branding"),
    ("SE", "Ekonomi", "Economy"),
    ("SL", "Kehidupan", "Living"),
    ("SS", "Masyarakat", "Society"),
    ("SN", "Lingkungan", "Environment"),
]


@pytest.fixture()
def programme_tables() -> dict[str, pd.DataFrame]:
    """Small hand-made programme tables, built fresh for each test.

    SG-AA-1 official actuals 2022-2023 (100 %, 90 %), 2024 a gap; SG-BB-1 lower is better
    (50 %, 100 %); SB-AA-1 only a target; SS-AA-K kelurahan-level. Budget totals: 2022
    10 bn; 2023 12 bn (+20 %); 2024 11 bn (did not rise); 2025 13 bn; 2019 before the masterplan.
    """
    elements = pd.DataFrame(ELEMENTS, columns=["code", "name_id", "name_en"])
    subs = pd.DataFrame(
        [(f"{e}-{s}", e, f"{e} sub {s} id", f"{e} sub {s} en") for e, *_ in ELEMENTS for s in ("AA", "BB", "CC")],
        columns=["code", "element", "name_id", "name_en"],
    )
    indicators = pd.DataFrame(
        [
            (
                "SG-AA-1",
                "SG-AA",
                "Layanan daring",
                "Online services",
                "percent",
                "higher",
                30.0,
                2021,
                None,
                "official",
            ),
            ("SG-BB-1", "SG-BB", "Waktu aduan", "Complaint time", "days", "lower", None, None, None, "sample"),
            ("SB-AA-1", "SB-AA", "Wisata", "Tourism", "count", "higher", None, None, None, "sample"),
            (
                "SS-AA-K",
                "SS-AA",
                "Wi-Fi kelurahan",
                "Kelurahan Wi-Fi",
                "count",
                "higher",
                None,
                None,
                "35.75.04.1002",
                "sample",
            ),
        ],
        columns=[
            "code",
            "subdimension",
            "name_id",
            "name_en",
            "unit",
            "direction",
            "baseline",
            "baseline_year",
            "kelurahan_code",
            "status",
        ],
    )
    indicators["baseline_year"] = indicators["baseline_year"].astype("Int64")
    indicators["agency"] = "Diskominfotik"
    indicators["source"] = "definition source"
    indicators["note"] = None
    values = pd.DataFrame(
        [
            ("SG-AA-1", 2022, 40.0, 40.0, "official", "sample"),  # 100 %
            ("SG-AA-1", 2023, 50.0, 45.0, "official", "sample"),  # 90 %
            ("SG-AA-1", 2024, 60.0, None, "sample", None),  # gap
            ("SG-BB-1", 2022, 5.0, 10.0, "sample", None),  # 50 %
            ("SG-BB-1", 2023, 4.0, 4.0, "sample", None),  # 100 %
            ("SB-AA-1", 2023, 10.0, None, "sample", None),
            ("SS-AA-K", 2023, 5.0, 6.0, "sample", None),
        ],
        columns=["indicator", "year", "target", "actual", "status", "target_status"],
    )
    values["year"] = values["year"].astype("Int64")
    values["source"] = "value source"
    values["note"] = None
    budget = pd.DataFrame(
        [
            (2019, "SG", 11e9, None, "official"),
            (2022, "SG", 6e9, 5e9, "sample"),
            (2022, "SS", 4e9, 4e9, "sample"),
            (2023, "SG", 7e9, 6e9, "sample"),
            (2023, "SS", 5e9, None, "official"),
            (2024, "SG", 6e9, 5e9, "sample"),
            (2024, "SS", 5e9, 4e9, "sample"),
            (2025, "SG", 13e9, None, "sample"),
        ],
        columns=["year", "element", "planned_idr", "realised_idr", "status"],
    )
    budget["year"] = budget["year"].astype("Int64")
    budget["programme"] = None
    budget["agency"] = None
    budget["source"] = "test source"
    budget["note"] = None
    kelurahan = pd.DataFrame({"kode": ["35.75.04.1002"], "kelurahan": ["Tamba'an"]})
    return {
        "elements": elements,
        "subdimensions": subs,
        "indicators": indicators,
        "indicator_values": values,
        "budget": budget,
        "kelurahan": kelurahan,
    }


# --------------------------------------------------------------------------------------
# The data store (smartcity_geo.store)


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
    admin = settings.get("test_database_url")
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
        if settings.get("ci"):
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
