"""The one caching seam: data is read from the store once per latest revision.

The bundled pack (``geodata/``) is the read-only seed: on first start it fills a new store
(SQLite under ``SMARTCITY_STORE_DIR``, or PostgreSQL when ``SMARTCITY_DATABASE_URL`` is
set). Every run asks the store one cheap question, the newest revision id; the pack and
the prepared map data are cached by it, so viewers see an editor's import on their next
interaction, without a restart, on every app server.

NOTE: the pack and the prepared map data are immutable by convention (frozen dataclasses,
read-only mappings), so they are cached with ``st.cache_resource`` and shared, instead of
``st.cache_data``, which would pickle and copy GeoDataFrames on every rerun.
"""

from __future__ import annotations

import os
from pathlib import Path

import streamlit as st
from sqlalchemy.exc import SQLAlchemyError

from smartcity_geo.datapack import DataPack, load_pack
from smartcity_geo.errors import DataPackError
from smartcity_geo.layers import MapData, prepare_map_data
from smartcity_geo.store import Store, open_store
from smartcity_geo.store.engine import database_url

DATA_DIR = Path(os.environ.get("SMARTCITY_DATA_DIR", Path(__file__).resolve().parent.parent / "geodata"))


def pack_signature(root: Path | None = None) -> str:
    """Changes whenever a file of the bundled pack changes (name, size, mtime)."""
    parts = []
    for path in sorted(Path(root or DATA_DIR).glob("*")):
        if path.is_file():
            stat = path.stat()
            parts.append(f"{path.name}:{stat.st_size}:{stat.st_mtime_ns}")
    return "|".join(parts)


UPLOADS = "_uploads"  # session key: {dataset key: (file name, bytes)} replacing datasets for this session

Uploads = tuple[tuple[str, str, bytes], ...]


def session_uploads() -> Uploads:
    """This session's uploaded replacements, as a hashable cache key."""
    files = st.session_state.get(UPLOADS, {})
    return tuple(sorted((key, name, data) for key, (name, data) in files.items()))


# --------------------------------------------------------------------------------------
# The store (a connection: cache_resource) and the bundled seed


@st.cache_resource(show_spinner=False)
def _store(url: str) -> Store:
    return open_store(url)


def store() -> Store:
    """The data store this server uses (created and migrated on first use)."""
    return _store(database_url())


@st.cache_resource(show_spinner=False, max_entries=4)
def _bundled(root: str, signature: str) -> DataPack:
    return load_pack(Path(root))


@st.cache_resource(show_spinner=False, max_entries=8)
def _seeded(url: str, root: str, signature: str) -> int:
    return _store(url).seed(_bundled(root, signature))


def seed_pack() -> DataPack:
    """The bundled pack as shipped (read-only): templates and the seed of the store."""
    return _bundled(str(DATA_DIR), pack_signature(DATA_DIR))


Key = tuple[str, str, str, int]


def _key() -> Key:
    """(store URL, bundled folder, bundled signature, newest revision id): one cheap query per run.

    Raises :class:`DataPackError` for a broken bundled pack or an unreachable database.
    """
    url, root, signature = database_url(), str(DATA_DIR), pack_signature(DATA_DIR)
    _bundled(root, signature)
    try:
        _seeded(url, root, signature)
        revision = _store(url).latest_revision_id()
    except SQLAlchemyError as err:
        detail = str(getattr(err, "orig", None) or err).strip().splitlines()[0][:160]
        raise DataPackError("store_unreachable", detail=detail) from None
    return url, root, signature, revision


@st.cache_resource(show_spinner=False, max_entries=8)
def _pack(url: str, root: str, signature: str, revision: int, uploads: Uploads = ()) -> DataPack:
    pack = _store(url).current_pack(_bundled(root, signature))
    if uploads:
        pack = pack.with_uploads({key: (name, data) for key, name, data in uploads})
    return pack


def pack() -> DataPack:
    """The store's latest revisions, with this session's uploaded replacements applied."""
    return _pack(*_key(), session_uploads())


def bundled_pack() -> DataPack:
    """The store's latest revisions without this session's uploads."""
    return _pack(*_key())


def latest_revision() -> int:
    return _key()[3]


@st.cache_resource(show_spinner=False, max_entries=8)
def _map_data(url: str, root: str, signature: str, revision: int, uploads: Uploads = ()) -> MapData:
    return prepare_map_data(_pack(url, root, signature, revision, uploads))


def map_data() -> MapData:
    return _map_data(*_key(), session_uploads())


def try_upload(key: str, name: str, data: bytes) -> None:
    """Use an uploaded CSV for dataset ``key`` in this session, if the whole pack stays valid.

    Raises :class:`~smartcity_geo.errors.DataPackError` (naming file, row and column) and
    changes nothing when the file is refused.
    """
    files = dict(st.session_state.get(UPLOADS, {}))
    files[key] = (name, data)
    bundled_pack().with_uploads(files)  # validates everything; raises before any change
    st.session_state[UPLOADS] = files


def drop_uploads() -> None:
    st.session_state.pop(UPLOADS, None)
