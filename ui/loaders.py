"""The one caching seam: data is loaded and prepared once per data-pack version.

NOTE: the pack and the prepared map data are immutable by convention (frozen dataclasses,
read-only mappings), so they are cached with ``st.cache_resource`` and shared, instead of
``st.cache_data``, which would pickle and copy GeoDataFrames on every rerun.
"""

from __future__ import annotations

import inspect
import os
from datetime import date
from pathlib import Path

import streamlit as st

from smartcity_geo import charts, programme
from smartcity_geo.datapack import DataPack, load_pack
from smartcity_geo.layers import MapData, prepare_map_data

DATA_DIR = Path(os.environ.get("SMARTCITY_DATA_DIR", Path(__file__).resolve().parent.parent / "geodata"))


def pack_signature(root: Path = DATA_DIR) -> str:
    """Changes whenever a file of the pack changes (name, size, mtime): the cache key."""
    parts = []
    for path in sorted(Path(root).glob("*")):
        if path.is_file():
            stat = path.stat()
            parts.append(f"{path.name}:{stat.st_size}:{stat.st_mtime_ns}")
    return "|".join(parts)


UPLOADS = "_uploads"  # session key: {dataset key: (file name, bytes)} replacing bundled datasets

Uploads = tuple[tuple[str, str, bytes], ...]


def session_uploads() -> Uploads:
    """This session's uploaded replacements, as a hashable cache key."""
    files = st.session_state.get(UPLOADS, {})
    return tuple(sorted((key, name, data) for key, (name, data) in files.items()))


@st.cache_resource(show_spinner=False, max_entries=8)
def _pack(root: str, signature: str, uploads: Uploads = ()) -> DataPack:
    pack = load_pack(Path(root))
    if uploads:
        pack = pack.with_uploads({key: (name, data) for key, name, data in uploads})
    return pack


def pack() -> DataPack:
    """The bundled pack, with this session's uploaded replacements applied."""
    return _pack(str(DATA_DIR), pack_signature(), session_uploads())


def bundled_pack() -> DataPack:
    return _pack(str(DATA_DIR), pack_signature())


@st.cache_resource(show_spinner=False, max_entries=8)
def _map_data(root: str, signature: str, uploads: Uploads = ()) -> MapData:
    return prepare_map_data(_pack(root, signature, uploads))


def map_data() -> MapData:
    return _map_data(str(DATA_DIR), pack_signature(), session_uploads())


@st.cache_resource(show_spinner=False, max_entries=8)
def _programme_rollups(root: str, signature: str, uploads: Uploads = ()) -> programme.Rollups:
    return programme.rollups(programme.tables_of(_pack(root, signature, uploads)))


def programme_rollups() -> programme.Rollups:
    """Indicator and budget roll-ups of this session's pack, computed once per data version.

    Pass them to the chart builders (``rollups=``); they are shared read-only across sessions.
    """
    return _programme_rollups(str(DATA_DIR), pack_signature(), session_uploads())


@st.cache_resource(show_spinner=False, max_entries=256)
def _programme_chart(
    root: str, signature: str, uploads: Uploads, day: str, name: str, args: tuple, kwargs: tuple
):
    builder = getattr(charts, name)
    tables = programme.tables_of(_pack(root, signature, uploads))
    extra = dict(kwargs)
    if "rollups" in inspect.signature(builder).parameters:
        extra["rollups"] = _programme_rollups(root, signature, uploads)
    return builder(tables, *args, **extra)


def programme_chart(name: str, *args, **kwargs):
    """``charts.<name>(tables, *args, **kwargs)``, built once per data version, day and arguments.

    The day is part of the key because the charts shade the years that have not ended.

    NOTE: the figure is shared by every session and must stay read-only; ``st.plotly_chart``
    only reads it (it serialises a copy).
    """
    return _programme_chart(
        str(DATA_DIR), pack_signature(), session_uploads(), date.today().isoformat(), name, args,
        tuple(sorted(kwargs.items())),
    )


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
