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

import hashlib
import inspect
import os
from datetime import date
from pathlib import Path

import folium
import streamlit as st
from sqlalchemy.exc import SQLAlchemyError

from smartcity_geo import charts, choropleth, geometry, layers, programme
from smartcity_geo.datapack import DataPack, load_pack
from smartcity_geo.errors import DataPackError
from smartcity_geo.mapdata import MapData, prepare_map_data
from smartcity_geo.registry import NO_MEASURE
from smartcity_geo.store import Store, open_store
from smartcity_geo.store.engine import database_url

from . import clock, mapview, offline

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


_RUN_KEY = "_data_key"  # session key: this run's answer of _fresh_key() (see begin_run)


def begin_run() -> Key:
    """Ask the store once at the start of a run (``dashboard.py`` via ``chrome.load_pack_or_stop``).

    Every loader of the same run reuses the answer instead of asking again (a run used to ask
    14 times). Callbacks, such as an editor's import, run before the script, so the run that
    follows an import already sees the new revision.
    """
    key = _fresh_key()
    st.session_state[_RUN_KEY] = key
    return key


def _key() -> Key:
    """This run's key (:func:`begin_run`), or a fresh one outside the dashboard's runs."""
    key = st.session_state.get(_RUN_KEY)
    return key if key is not None else _fresh_key()


def _fresh_key() -> Key:
    """(store URL, bundled folder, bundled signature, newest revision id): one cheap query.

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


@st.cache_resource(show_spinner=False, max_entries=8)
def _programme_rollups(key: Key, uploads: Uploads = ()) -> programme.Rollups:
    return programme.rollups(programme.tables_of(_pack(*key, uploads)))


def programme_rollups() -> programme.Rollups:
    """Indicator and budget roll-ups of this session's pack, computed once per data version.

    Pass them to the chart builders (``rollups=``); they are shared read-only across sessions.
    """
    return _programme_rollups(_key(), session_uploads())


@st.cache_resource(show_spinner=False, max_entries=256)
def _programme_chart(key: Key, uploads: Uploads, day: str, name: str, args: tuple, kwargs: tuple):
    builder = getattr(charts, name)
    tables = programme.tables_of(_pack(*key, uploads))
    extra = dict(kwargs)
    parameters = inspect.signature(builder).parameters
    if "rollups" in parameters:
        extra["rollups"] = _programme_rollups(key, uploads)
    if "today" in parameters:  # the charts shade the years that have not ended: the app's day
        extra["today"] = date.fromisoformat(day)
    return builder(tables, *args, **extra)


def programme_chart(name: str, *args, **kwargs):
    """``charts.<name>(tables, *args, **kwargs)``, built once per data version, day and arguments.

    The day is part of the key because the charts shade the years that have not ended.

    NOTE: the figure is shared by every session and must stay read-only; ``st.plotly_chart``
    only reads it (it serialises a copy).
    """
    return _programme_chart(
        _key(),
        session_uploads(),
        clock.today().isoformat(),
        name,
        args,
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


# --------------------------------------------------------------------------------------
# Browser geometry of the map: prepared once per data version and language


def data_version() -> str:
    """A short key for the data this session sees: store, bundled pack, newest revision and uploads."""
    digest = hashlib.sha256()
    digest.update(repr(_key()).encode())
    for key, name, data in session_uploads():
        digest.update(f"\0{key}\0{name}\0".encode())
        digest.update(hashlib.sha256(data).digest())
    return digest.hexdigest()[:20]


@st.cache_resource(show_spinner=False, max_entries=256)
def _layer_parts(version: str, key: str, lang: str, _data: MapData) -> dict:
    # NOTE: keyed by (version, key, lang); ``_data`` (not hashed) is the map data of that version.
    return geometry.layer_parts(key, _data, lang)


def layer_parts(key: str, lang: str) -> dict:
    """What layer ``key`` sends to the browser (GeoJSON / values per kelurahan), cached."""
    return _layer_parts(data_version(), key, lang, map_data())


@st.cache_resource(show_spinner=False, max_entries=16)
def _base_geometry(version: str, lang: str, _data: MapData) -> tuple[dict, dict, list]:
    return geometry.kelurahan_geojson(_data, lang), geometry.kecamatan_geojson(_data), geometry.kelurahan_labels(_data)


def base_geometry(lang: str) -> tuple[dict, dict, list]:
    """(kelurahan GeoJSON, kecamatan GeoJSON, kelurahan labels) of the base map, cached."""
    return _base_geometry(data_version(), lang, map_data())


@st.cache_resource(show_spinner=False, max_entries=128)
def _choropleth(version: str, measure: str, lang: str, _data: MapData) -> choropleth.Classes:
    return choropleth.classify(_data.figures, measure, _data.pack, lang)


@st.cache_resource(show_spinner=False, max_entries=16)
def _indicator_measures(version: str, _data: MapData) -> tuple[choropleth.IndicatorMeasure, ...]:
    return choropleth.indicator_measures(_data.pack)


def indicator_measures() -> tuple[choropleth.IndicatorMeasure, ...]:
    """The pack's kelurahan-level indicators, offered as choropleth measures."""
    return _indicator_measures(data_version(), map_data())


def choropleth_classes(measure: str, lang: str) -> choropleth.Classes:
    """The class breaks and colours of ``measure`` per kelurahan, cached."""
    return _choropleth(data_version(), measure, lang, map_data())


# --------------------------------------------------------------------------------------
# The map rendered once: base map per (data, language, basemap, height), layers per
# (data, language, layer set, measure, size). Values are immutable strings (thread-safe).


@st.cache_resource(show_spinner=False, max_entries=16)
def _rendered_base(version: str, lang: str, basemap: str, height: int, _data: MapData) -> mapview.RenderedMap:
    kel, kec, labels = _base_geometry(version, lang, _data)
    m = layers.build_base_map(_data, lang, basemap, height=height, kelurahan=kel, kecamatan=kec, labels=labels)
    rendered = mapview.render_map(offline.localize(m))
    return mapview.publish(rendered, offline.map_cache_dir(), offline.MAP_CACHE_URL)


def rendered_base(lang: str, basemap: str, height: int) -> mapview.RenderedMap:
    """The base map as the map component receives it, rendered once per data version.

    NOTE: nothing that presentation mode changes is in it (the larger kelurahan names follow the
    layers' legend), so toggling the mode updates the one map component instead of adding one."""
    return _rendered_base(data_version(), lang, basemap, height, map_data())


@st.cache_resource(show_spinner=False, max_entries=64)
def _rendered_layers(
    version: str, lang: str, keys: tuple[str, ...], measure: str, large: bool, _data: MapData
) -> mapview.RenderedGroups:
    parts = {key: _layer_parts(version, key, lang, _data) for key in keys}
    classes = _choropleth(version, measure, lang, _data) if measure != NO_MEASURE else None
    groups = [layers.build_choropleth(classes, lang)] if classes is not None else []
    groups += layers.build_layers(keys, _data, lang, parts)
    groups.append(layers.build_legend(_data, lang, keys, parts, classes, large=large))
    offline.localize(folium.Map(tiles=None), groups)  # refuses anything that would need a CDN
    return mapview.publish_groups(mapview.render_groups(groups), offline.map_cache_dir(), offline.MAP_CACHE_URL)


def rendered_layers(lang: str, keys: tuple[str, ...], measure: str, large: bool) -> mapview.RenderedGroups:
    """The visible layers, the choropleth and the legend as one script, rendered once per view."""
    return _rendered_layers(data_version(), lang, tuple(keys), measure, large, map_data())
