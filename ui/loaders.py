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
import threading
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import folium
import pandas as pd
import streamlit as st
from sqlalchemy.exc import SQLAlchemyError

from smartcity_geo import charts, choropleth, geometry, layers, planning, programme
from smartcity_geo.briefing import build_briefing
from smartcity_geo.datapack import DataPack, load_pack
from smartcity_geo.mapdata import MapData, prepare_map_data
from smartcity_geo.registry import NO_MEASURE
from smartcity_geo.store import Store, open_store
from smartcity_geo.store.engine import database_url, store_fault

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
#
# NOTE: every cached function here is called with keyword arguments only. Streamlit looks a
# positional argument's name up with ``inspect.signature`` on every call (to skip names
# starting with "_"); keywords carry their name, which saves that on each of a run's calls.
# The data a function works on is passed as an "_"-named argument (not hashed) beside the
# short ``version`` string that identifies it.


@st.cache_resource(show_spinner=False)
def _store(*, url: str) -> Store:
    return open_store(url)


def store() -> Store:
    """The data store this server uses (created and migrated on first use)."""
    return _store(url=database_url(pack_dir=DATA_DIR))


@st.cache_resource(show_spinner=False, max_entries=4)
def _bundled(*, root: str, signature: str, day: str) -> DataPack:
    # validated against the app's day (ui.clock), the day the screens show it on: an actual
    # for a year that has not ended on that day is refused here, not shown there
    return load_pack(Path(root), today=date.fromisoformat(day))


@st.cache_resource(show_spinner=False, max_entries=8)
def _seeded(*, url: str, root: str, signature: str, day: str) -> Store:
    """The store at ``url``, seeded from the bundled pack of that signature (once per server and day)."""
    store = _store(url=url)
    store.seed(_bundled(root=root, signature=signature, day=day))
    return store


def seed_pack() -> DataPack:
    """The bundled pack as shipped (read-only): templates and the seed of the store."""
    return _bundled(root=str(DATA_DIR), signature=pack_signature(DATA_DIR), day=clock.today().isoformat())


Key = tuple[str, str, str, int, str]


def _fresh_key() -> Key:
    """(store URL, bundled folder, bundled signature, newest revision id, the app's day): one cheap query.

    Raises :class:`DataPackError` for a broken bundled pack, :class:`StoreError` for a store
    that cannot be opened (naming the SQLite file or the database URL configured).
    """
    url, root, signature, day = (
        database_url(pack_dir=DATA_DIR),
        str(DATA_DIR),
        pack_signature(DATA_DIR),
        clock.today().isoformat(),
    )
    try:
        revision = _seeded(url=url, root=root, signature=signature, day=day).latest_revision_id()
    except SQLAlchemyError as err:  # one message naming the store configured (SQLite file or database URL)
        raise store_fault(err, url) from None
    return url, root, signature, revision, day


def _version(key: Key, uploads: Uploads) -> str:
    """A short name for (key, uploads): what every cached value of that data is filed under."""
    digest = hashlib.sha256()
    digest.update(repr(key).encode())
    for dataset, name, data in uploads:
        digest.update(f"\0{dataset}\0{name}\0".encode())
        digest.update(hashlib.sha256(data).digest())
    return digest.hexdigest()[:20]


@dataclass
class _Run:
    """What one run of the script has asked already: the store's answer and the data it names."""

    key: Key
    uploads: Uploads
    version: str
    memo: dict[str, object] = field(default_factory=dict)


def _make_run(key: Key) -> _Run:
    uploads = session_uploads()
    return _Run(key, uploads, _version(key, uploads))


# This run's answer. NOTE: Streamlit runs every script run (and the callbacks before it) on a
# thread of its own, so a thread-local value lives exactly as long as one run; reading it
# costs nothing, where session state costs a lookup through Streamlit's proxies.
_this_run = threading.local()


def begin_run() -> Key:
    """Ask the store once at the start of a run (``dashboard.py`` via ``chrome.load_pack_or_stop``).

    Every loader of the same run reuses the answer instead of asking again (a run used to ask
    14 times), and gets the pack and the map data once. Callbacks, such as an editor's import,
    run before the script, so the run that follows an import already sees the new revision.
    """
    _this_run.run = _make_run(_fresh_key())
    return _this_run.run.key


def _run() -> _Run:
    """This run's answer (:func:`begin_run`), or a fresh one outside the dashboard's runs."""
    run = getattr(_this_run, "run", None)
    return run if run is not None else _make_run(_fresh_key())


def _uploads_changed() -> None:
    """This session's uploads changed during the run: same store answer, new data version."""
    run = getattr(_this_run, "run", None)
    if run is not None:
        _this_run.run = _make_run(run.key)


def _once(name: str, make):
    """``make(run)`` once per run (the value is a shared cached resource, held only by reference).

    ``make`` gets the run whose memo keeps the value, so the store's answer it uses is that
    run's (outside a run, :func:`_run` answers afresh on every call).
    """
    run = _run()
    if name not in run.memo:
        run.memo[name] = make(run)
    return run.memo[name]


@st.cache_resource(show_spinner=False, max_entries=8)
def _pack(*, version: str, _key: Key, _uploads: Uploads) -> DataPack:
    url, root, signature, _revision, day = _key
    pack = _store(url=url).current_pack(_bundled(root=root, signature=signature, day=day))
    if _uploads:
        pack = pack.with_uploads({key: (name, data) for key, name, data in _uploads})
    return pack


def pack() -> DataPack:
    """The store's latest revisions, with this session's uploaded replacements applied."""
    return _once("pack", lambda run: _pack(version=run.version, _key=run.key, _uploads=run.uploads))


def bundled_pack() -> DataPack:
    """The store's latest revisions without this session's uploads."""
    key = _run().key
    return _pack(version=_version(key, ()), _key=key, _uploads=())


def latest_revision() -> int:
    return _run().key[3]


def data_version() -> str:
    """A short key for the data this session sees: store, bundled pack, newest revision and uploads."""
    return _run().version


@st.cache_resource(show_spinner=False, max_entries=8)
def _map_data(*, version: str, _pack: DataPack) -> MapData:
    return prepare_map_data(_pack)


def map_data() -> MapData:
    return _once("map_data", lambda run: _map_data(version=run.version, _pack=pack()))


@st.cache_resource(show_spinner=False, max_entries=8)
def _programme_rollups(*, version: str, _pack: DataPack) -> programme.Rollups:
    return programme.rollups(programme.tables_of(_pack))


def programme_rollups() -> programme.Rollups:
    """Indicator and budget roll-ups of this session's pack, computed once per data version.

    Pass them to the chart builders (``rollups=``); they are shared read-only across sessions.
    """
    return _programme_rollups(version=data_version(), _pack=pack())


@st.cache_resource(show_spinner=False, max_entries=256)
def _programme_chart(*, version: str, day: str, name: str, args: tuple, kwargs: tuple, _pack: DataPack):
    builder = getattr(charts, name)
    tables = programme.tables_of(_pack)
    extra = dict(kwargs)
    parameters = inspect.signature(builder).parameters
    if "rollups" in parameters:
        extra["rollups"] = _programme_rollups(version=version, _pack=_pack)
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
        version=data_version(),
        day=clock.today().isoformat(),
        name=name,
        args=args,
        kwargs=tuple(sorted(kwargs.items())),
        _pack=pack(),
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
    _uploads_changed()


def drop_uploads() -> None:
    st.session_state.pop(UPLOADS, None)
    _uploads_changed()


# --------------------------------------------------------------------------------------
# Browser geometry of the map: prepared once per data version and language


@st.cache_resource(show_spinner=False, max_entries=16)
def _average_rows(*, version: str, lang: str, _figures) -> pd.DataFrame:
    return planning.average_rows(_figures, (), lang=lang)


def kelurahan_averages(codes, lang: str) -> pd.DataFrame:
    """The city and kecamatan averages a selection is compared with (``planning.average_rows``).

    Worked out once per data version and language; a run picks the rows of the selection.
    The cached table is shared and never handed out: the rows picked are a new frame.
    """
    figures = map_data().figures
    return planning.averages_for(_average_rows(version=data_version(), lang=lang, _figures=figures), figures, codes)


@st.cache_resource(show_spinner=False, max_entries=32)
def _briefing(*, version: str, view_key: str, lang: str, day: str, public_url: str | None, _data: MapData, _view):
    return build_briefing(_data, _view, lang, generated=date.fromisoformat(day), public_url=public_url)


def briefing_document(view, lang: str, today: date, public_url: str | None) -> str:
    """``briefing.build_briefing`` of this view, made once per data version, view, language and day."""
    return _briefing(
        version=data_version(),
        view_key=repr(view),
        lang=lang,
        day=today.isoformat(),
        public_url=public_url,
        _data=map_data(),
        _view=view,
    )


@st.cache_resource(show_spinner=False, max_entries=256)
def _layer_parts(*, version: str, key: str, lang: str, _data: MapData) -> dict:
    return geometry.layer_parts(key, _data, lang)


def layer_parts(key: str, lang: str) -> dict:
    """What layer ``key`` sends to the browser (GeoJSON / values per kelurahan), cached."""
    return _layer_parts(version=data_version(), key=key, lang=lang, _data=map_data())


@st.cache_resource(show_spinner=False, max_entries=16)
def _base_geometry(*, version: str, lang: str, _data: MapData) -> tuple[dict, dict, list]:
    return geometry.kelurahan_geojson(_data, lang), geometry.kecamatan_geojson(_data), geometry.kelurahan_labels(_data)


def base_geometry(lang: str) -> tuple[dict, dict, list]:
    """(kelurahan GeoJSON, kecamatan GeoJSON, kelurahan labels) of the base map, cached."""
    return _base_geometry(version=data_version(), lang=lang, _data=map_data())


@st.cache_resource(show_spinner=False, max_entries=128)
def _choropleth(*, version: str, measure: str, lang: str, _data: MapData) -> choropleth.Classes:
    return choropleth.classify(_data.figures, measure, _data.pack, lang)


@st.cache_resource(show_spinner=False, max_entries=16)
def _indicator_measures(*, version: str, _data: MapData) -> tuple[choropleth.IndicatorMeasure, ...]:
    return choropleth.indicator_measures(_data.pack)


def indicator_measures() -> tuple[choropleth.IndicatorMeasure, ...]:
    """The pack's kelurahan-level indicators, offered as choropleth measures."""
    return _indicator_measures(version=data_version(), _data=map_data())


def choropleth_classes(measure: str, lang: str) -> choropleth.Classes:
    """The class breaks and colours of ``measure`` per kelurahan, cached."""
    return _choropleth(version=data_version(), measure=measure, lang=lang, _data=map_data())


# --------------------------------------------------------------------------------------
# The map rendered once: base map per (data, language, basemap, height), layers per
# (data, language, layer set, measure, size). Values are immutable strings (thread-safe).


@st.cache_resource(show_spinner=False, max_entries=16)
def _rendered_base(*, version: str, lang: str, basemap: str, height: int, _data: MapData) -> mapview.RenderedMap:
    kel, kec, labels = _base_geometry(version=version, lang=lang, _data=_data)
    m = layers.build_base_map(_data, lang, basemap, height=height, kelurahan=kel, kecamatan=kec, labels=labels)
    rendered = mapview.render_map(offline.localize(m))
    return mapview.publish(rendered, offline.map_cache_dir(), offline.MAP_CACHE_URL)


@st.cache_resource(show_spinner=False, max_entries=64)
def _rendered_layers(
    *, version: str, lang: str, keys: tuple[str, ...], measure: str, large: bool, _data: MapData
) -> mapview.RenderedGroups:
    parts = {key: _layer_parts(version=version, key=key, lang=lang, _data=_data) for key in keys}
    classes = _choropleth(version=version, measure=measure, lang=lang, _data=_data) if measure != NO_MEASURE else None
    groups = [layers.build_choropleth(classes, lang)] if classes is not None else []
    groups += layers.build_layers(keys, _data, lang, parts)
    groups.append(layers.build_legend(_data, lang, keys, parts, classes, large=large))
    offline.localize(folium.Map(tiles=None), groups)  # refuses anything that would need a CDN
    return mapview.publish_groups(mapview.render_groups(groups), offline.map_cache_dir(), offline.MAP_CACHE_URL)


@st.cache_resource(show_spinner=False, max_entries=16)
def _selection_template(*, start: int) -> mapview.SelectionTemplate:
    empty, filled = layers.selection_group({}), layers.selection_group(mapview.SLOT_VALUES)
    offline.localize(folium.Map(tiles=None), [empty, filled])  # refuses anything that would need a CDN
    return mapview.selection_template(empty, filled, start=start)


@st.cache_resource(show_spinner=False, max_entries=128)
def _map_view(
    *,
    version: str,
    lang: str,
    basemap: str,
    height: int,
    keys: tuple[str, ...],
    measure: str,
    large: bool,
    _data: MapData,
) -> mapview.MapView:
    base = _rendered_base(version=version, lang=lang, basemap=basemap, height=height, _data=_data)
    drawn = _rendered_layers(version=version, lang=lang, keys=keys, measure=measure, large=large, _data=_data)
    parts = {key: _layer_parts(version=version, key=key, lang=lang, _data=_data) for key in keys}
    return mapview.MapView(
        base=base,
        layers=drawn,
        selection=_selection_template(start=drawn.count),
        max_zoom=layers.max_zoom_for(_data, keys, parts),
    )


def map_view(lang: str, basemap: str, height: int, keys, measure: str, large: bool) -> mapview.MapView:
    """Everything the map shows but the selection, rendered once per data version and view.

    The base map (per language, basemap and height), the visible layers with the choropleth
    and the legend (per layer set, measure and size), the selection's template and the
    closest honest zoom: one cache lookup per run. Also makes sure this runtime serves
    Leaflet and the map files (:func:`offline.register`): the cached map may have been
    rendered for another runtime of this process.

    NOTE: nothing that presentation mode changes is in the base map (the larger kelurahan
    names follow the layers' legend), so toggling the mode updates the one map component
    instead of adding one.
    """
    offline.register()
    return _map_view(
        version=data_version(),
        lang=lang,
        basemap=basemap,
        height=height,
        keys=tuple(keys),
        measure=measure,
        large=large,
        _data=map_data(),
    )
