"""The one caching seam: data is read from the store once per latest revision.

Everything the app caches is here (``st.cache_resource``), filed under one notion of version
(:class:`Run`'s ``version``). A run asks :func:`begin_run` once and gets a frozen :class:`Run`
(version, pack, map data, uploads); the page context carries it and every loader takes it.

The bundled pack (``geodata/``) is the read-only seed: on first start it fills a new store
(SQLite under ``SMARTCITY_STORE_DIR``, or PostgreSQL when ``SMARTCITY_DATABASE_URL`` is
set). Every run asks the store one cheap question, the newest revision id; the pack and
the prepared map data are cached by it, so viewers see an editor's import on their next
interaction, without a restart, on every app server.

NOTE: the pack and the prepared map data are immutable by convention (frozen dataclasses,
read-only mappings), so they are cached with ``st.cache_resource`` and shared, instead of
``st.cache_data``, which would pickle and copy GeoDataFrames on every rerun.

Over 450 lines on purpose: the one caching seam, with the store-fault fallback its keys
depend on, stays in one module (``tests/test_house.py`` checks nothing else caches).
"""

from __future__ import annotations

import hashlib
import inspect
import time
from dataclasses import dataclass, replace
from datetime import date
from functools import cached_property
from pathlib import Path

import folium
import pandas as pd
import streamlit as st
from alembic.util import CommandError
from sqlalchemy.exc import SQLAlchemyError

from smartcity_geo import charts, choropleth, geometry, layers, levels, limits, mapdetail, planning, programme, settings
from smartcity_geo.briefing import build_briefing
from smartcity_geo.datapack import DataPack, load_pack
from smartcity_geo.mapcache import Published, files_in
from smartcity_geo.mapdata import MapData, prepare_map_data
from smartcity_geo.region import Region
from smartcity_geo.registry import NO_MEASURE
from smartcity_geo.store import Store, StoreError, Users, open_store
from smartcity_geo.store.engine import database_url, store_fault

from . import clock, mapview, offline


def pack_signature(root: Path | None = None) -> str:
    """Changes whenever a file of the bundled pack changes (name, size, mtime)."""
    parts = []
    for path in sorted(Path(root or settings.data_dir()).glob("*")):
        if path.is_file():
            stat = path.stat()
            parts.append(f"{path.name}:{stat.st_size}:{stat.st_mtime_ns}")
    return "|".join(parts)


UPLOAD_TIMES = "_upload_times"  # session key: when this session tried its uploads (limits.session_allows)
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
    """The data store this server uses (created and migrated on first use).

    Raises one of :data:`STORE_FAULTS` when it cannot be opened; screens that write check
    :func:`store_problem` first.
    """
    return _store(url=database_url())


@st.cache_resource(show_spinner=False)
def _users(*, url: str, env_editors: str, secret_editors: tuple[tuple[str, str], ...]) -> Users:
    # one per store and editor list: its rate limiter counts failures across sessions
    return Users(_store(url=url).engine, extra=dict(secret_editors), env={"SMARTCITY_EDITORS": env_editors})


def users(env_editors: str, secret_editors: tuple[tuple[str, str], ...]) -> Users:
    """The editors of this store (table, ``SMARTCITY_EDITORS`` and ``[editors]``), one per list."""
    return _users(url=database_url(), env_editors=env_editors, secret_editors=secret_editors)


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


#: Where a run's data comes from: (store URL, bundled folder, bundled signature, newest revision id, the app's day).
Source = tuple[str, str, str, int, str]


def _source() -> Source:
    """The store's answer for this run: one cheap query.

    Raises :class:`DataPackError` for a broken bundled pack. A store that cannot be opened
    or read gives a read-only key instead (see :func:`store_problem`).
    """
    folder = settings.data_dir()  # read on every run: one treatment of an empty value (settings)
    url, root, signature, day = database_url(), str(folder), pack_signature(folder), clock.today().isoformat()
    _bundled(root=root, signature=signature, day=day)  # a broken bundled pack is its own error, not the store's
    if _recently_failed(url):
        return url, root, signature, _read_only_revision(url), day
    try:
        revision = _seeded(url=url, root=root, signature=signature, day=day).latest_revision_id()
    except STORE_FAULTS as err:
        _failed(url, err)
        return url, root, signature, _read_only_revision(url), day
    _FAILED.pop(url, None)
    return url, root, signature, revision, day


# --------------------------------------------------------------------------------------
# A store that cannot be opened or read (a read-only or missing folder, a full disk, a
# database that is down): viewers keep the last good data this server read from it, or the
# bundled pack, read-only, under a warning naming the problem. The key's revision is then
# negative: -(last good revision + 1), so each fallback is its own data version. The store
# is tried again at most every RETRY_S seconds (a database that is down can take a while to
# refuse), and the first run after it answers again shows its data.

#: What opening or reading the store can raise besides a refusal of the store itself.
STORE_FAULTS: tuple[type[BaseException], ...] = (SQLAlchemyError, OSError, CommandError, StoreError)
RETRY_S = 30.0
_FAILED: dict[str, tuple[float, StoreError]] = {}  # store URL -> (time.monotonic() of the failure, what failed)
_LAST_GOOD: dict[str, tuple[int, DataPack]] = {}  # store URL -> (newest revision, its pack) last read


def _failed(url: str, err: BaseException) -> None:
    """Remember the failure as one message naming the store configured (``store.engine.store_fault``)."""
    _FAILED[url] = (time.monotonic(), err if isinstance(err, StoreError) else store_fault(err, url))


def _recently_failed(url: str) -> bool:
    failed = _FAILED.get(url)
    return failed is not None and time.monotonic() - failed[0] < RETRY_S


def _read_only_revision(url: str) -> int:
    last = _LAST_GOOD.get(url)
    return -((last[0] if last else 0) + 1)


def _read_only_pack(source: Source) -> DataPack:
    url, root, signature, revision, day = source
    last = _LAST_GOOD.get(url)
    if last is not None and -(last[0] + 1) == revision:
        return last[1]
    return _bundled(root=root, signature=signature, day=day)


@dataclass(frozen=True)
class StoreProblem:
    """Why this run shows read-only data, and what is shown instead."""

    error: StoreError | None  # names the store configured (SQLite file or database URL) and what failed
    last_good: bool  # True: the last data read from the store; False: the bundled pack


def store_problem(run: Run) -> StoreProblem | None:
    """None when the store answered this run; else what went wrong (viewers see read-only data)."""
    url, _root, _signature, revision, _day = run.source
    if revision >= 0:
        return None
    failed = _FAILED.get(url)
    return StoreProblem(error=failed[1] if failed else None, last_good=revision < -1)


def _version(source: Source, uploads: Uploads) -> str:
    """The one notion of version: a short name for (source, uploads) every cached value is filed under."""
    digest = hashlib.sha256()
    digest.update(repr(source).encode())
    for dataset, name, data in uploads:
        digest.update(f"\0{dataset}\0{name}\0".encode())
        digest.update(hashlib.sha256(data).digest())
    return digest.hexdigest()[:20]


@st.cache_resource(show_spinner=False, max_entries=8)
def _pack(*, version: str, _source: Source, _uploads: Uploads) -> DataPack:
    if _uploads:  # the session's files over the store's data, which is cached on its own
        base = _pack(version=_version(_source, ()), _source=_source, _uploads=())
        return base.with_uploads({key: (name, data) for key, name, data in _uploads})
    url, root, signature, revision, day = _source
    if revision < 0:  # the store cannot be read: its last good data, or the bundled pack
        pack = _read_only_pack(_source)
    else:
        pack = _store(url=url).current_pack(_bundled(root=root, signature=signature, day=day))
        _LAST_GOOD[url] = (revision, pack)
    return pack


@dataclass(frozen=True)
class Run:
    """One run's data, asked for once (:func:`begin_run`) and carried by the page context.

    ``version`` names the data (store, bundled pack, newest revision, this session's uploads);
    ``pack`` is the store's latest revisions with the uploads applied. The map data is fetched
    from the cache the first time a page asks for it (not every page draws a map).
    """

    version: str
    pack: DataPack
    uploads: Uploads
    source: Source
    province: Region | None = None  # a province pack's region (its kab/kota), whether or not one is chosen
    kab: str = ""  # the chosen kab/kota of a province pack: ``pack`` is that kab/kota alone
    whole: Run | None = None  # with a kab/kota chosen: the whole province's run (its averages)

    @cached_property
    def map_data(self) -> MapData:
        return _map_data(version=self.version, _pack=self.pack)

    @property
    def bundled_pack(self) -> DataPack:
        """The store's latest revisions without this session's uploads."""
        if not self.uploads:
            return self.pack
        return _pack(version=_version(self.source, ()), _source=self.source, _uploads=())


def begin_run(kab: str = "") -> Run:
    """Ask the store once at the start of a run (``dashboard.py`` via ``chrome.load_run_or_stop``).

    The value is frozen and passed on (``chrome.Context.run``): every loader of the run takes it,
    so nothing asks the store again and no per-run state is kept anywhere else. Callbacks, such
    as an editor's import, run before the script, so the run that follows sees the new revision.
    """
    source, uploads = _source(), session_uploads()
    try:
        return _scoped(_make_run(source, uploads), kab)
    except STORE_FAULTS as err:  # the store answered, then failed to give its data: read-only
        url, root, signature, _revision, day = source
        _failed(url, err)
        return _scoped(_make_run((url, root, signature, _read_only_revision(url), day), uploads), kab)


def warm(lang: str = "id") -> str:
    """Do, when the server starts, what its first visitor would otherwise wait for (``serve.py``).

    The store opened and seeded, the pack read, its map data prepared and its map's geometry
    made: for a province about 30 s of CPU (a 21 MB pack of 8,494 villages), for the bundled
    city about a second. Runs outside any session (no uploads, no kab/kota chosen); a
    visitor arriving meanwhile waits for the same cache entries instead of computing them
    again. Returns the data version warmed.
    """
    run = _make_run(_source(), ())
    _base_geometry(version=run.version, lang=lang, _data=run.map_data)
    if run.map_data.province is not None:  # its finer villages, cut per kab/kota and written (~2 s)
        _detail_files(version=run.version, _data=run.map_data)
    return run.version


def _make_run(source: Source, uploads: Uploads) -> Run:
    version = _version(source, uploads)
    return Run(version, _pack(version=version, _source=source, _uploads=uploads), uploads, source)


def _scoped(run: Run, kab: str) -> Run:
    """A province pack's run: the whole province, or (``kab`` one of its kab/kota) that kab/kota
    alone, every screen showing it as a kab/kota pack (``levels.scoped_pack``, cached)."""
    region = run.pack.region
    if region is None or not region.is_province:
        return run
    if not any(k.code == kab for k in region.kabkota):  # none chosen, or a kab/kota this pack lacks
        return Run(run.version, run.pack, run.uploads, run.source, province=region)
    version = f"{run.version}/{kab}"
    whole = Run(run.version, run.pack, run.uploads, run.source, province=region)
    kab_pack = _kab_pack(version=version, kab=kab, _pack=run.pack)
    return Run(version, kab_pack, run.uploads, run.source, region, kab, whole)


@st.cache_resource(show_spinner=False, max_entries=40)
def _kab_pack(*, version: str, kab: str, _pack: DataPack) -> DataPack:
    return levels.scoped_pack(_pack, kab)


@st.cache_resource(show_spinner=False, max_entries=8)
def _map_data(*, version: str, _pack: DataPack) -> MapData:
    return prepare_map_data(_pack)


@st.cache_resource(show_spinner=False, max_entries=8)
def _programme_rollups(*, version: str, _pack: DataPack) -> programme.Rollups:
    return programme.rollups(programme.tables_of(_pack))


def programme_rollups(run: Run) -> programme.Rollups:
    """Indicator and budget roll-ups of this session's pack, computed once per data version.

    Pass them to the chart builders (``rollups=``); they are shared read-only across sessions.
    """
    return _programme_rollups(version=run.version, _pack=run.pack)


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


def programme_chart(run: Run, name: str, *args, **kwargs):
    """``charts.<name>(tables, *args, **kwargs)``, built once per data version, day and arguments.

    The day is part of the key because the charts shade the years that have not ended.

    NOTE: the figure is shared by every session and must stay read-only; ``st.plotly_chart``
    only reads it (it serialises a copy).
    """
    return _programme_chart(
        version=run.version,
        day=clock.today().isoformat(),
        name=name,
        args=args,
        kwargs=tuple(sorted(kwargs.items())),
        _pack=run.pack,
    )


def try_upload(run: Run, key: str, name: str, data: bytes) -> None:
    """Use an uploaded CSV for dataset ``key`` in this session, if the whole pack stays valid.

    Raises :class:`~smartcity_geo.errors.DataPackError` (naming file, row and column) and
    changes nothing when the file is refused, when this session used its share of uploads,
    or when the server is already reading :data:`limits.MAX_CONCURRENT_PARSES` uploads. The
    page reruns after a success: the next run's :func:`begin_run` sees the upload.
    """
    st.session_state[UPLOAD_TIMES] = limits.session_allows(st.session_state.get(UPLOAD_TIMES, ()), now=time.monotonic())
    files = dict(st.session_state.get(UPLOADS, {}))
    files[key] = (name, data)
    uploads = tuple(sorted((k, n, d) for k, (n, d) in files.items()))  # as session_uploads() gives them
    with limits.parse_slot():  # refused at once when busy: never a queue the viewers wait behind
        # Validates everything (raises before any change) and keeps the pack: the rerun that
        # follows finds it in the cache instead of reading the file again outside the slot.
        _pack(version=_version(run.source, uploads), _source=run.source, _uploads=uploads)
    st.session_state[UPLOADS] = files


def drop_uploads() -> None:
    """Back to the store's data (a callback, or before :func:`begin_run` is asked again)."""
    st.session_state.pop(UPLOADS, None)


# --------------------------------------------------------------------------------------
# Browser geometry of the map: prepared once per data version and language


@st.cache_resource(show_spinner=False, max_entries=16)
def _average_rows(*, version: str, lang: str, _run: Run) -> pd.DataFrame:
    figures = _run.map_data.figures
    if _run.whole is not None:  # one kab/kota of a province: the province's own average first
        province = _run.whole
        row = _province_row(version=province.version, lang=lang, _run=province)
        return planning.average_rows(figures, (), lang=lang, above=[row])
    if _run.province is not None:  # the whole province: a row per kab/kota too
        kabkota = {k.code: k.name for k in _run.province.kabkota}
        return planning.average_rows(figures, (), lang=lang, kabkota=kabkota)
    return planning.average_rows(figures, (), lang=lang)


@st.cache_resource(show_spinner=False, max_entries=8)
def _province_row(*, version: str, lang: str, _run: Run) -> dict:
    return planning.region_row(_run.map_data.figures, lang, name=_run.province.name)


def kelurahan_averages(run: Run, codes, lang: str) -> pd.DataFrame:
    """The averages a selection is compared with (``planning.average_rows``): the region and
    each kecamatan; a province's kab/kota too, and above one kab/kota of a province the province.

    Worked out once per data version and language; a run picks the rows of the selection.
    The cached table is shared and never handed out: the rows picked are a new frame.
    """
    table = _average_rows(version=run.version, lang=lang, _run=run)
    return planning.averages_for(table, run.map_data.figures, codes)


@st.cache_resource(show_spinner=False, max_entries=32)
def _briefing(*, version: str, view_key: str, lang: str, day: str, public_url: str | None, _data: MapData, _view):
    return build_briefing(_data, _view, lang, generated=date.fromisoformat(day), public_url=public_url)


def briefing_document(run: Run, view, lang: str, today: date, public_url: str | None) -> str:
    """``briefing.build_briefing`` of this view, made once per data version, view, language and day."""
    return _briefing(
        version=run.version,
        view_key=repr(view),
        lang=lang,
        day=today.isoformat(),
        public_url=public_url,
        _data=run.map_data,
        _view=view,
    )


@st.cache_resource(show_spinner=False, max_entries=256)
def _layer_parts(*, version: str, key: str, lang: str, _data: MapData) -> dict:
    return geometry.layer_parts(key, _data, lang)


@st.cache_resource(show_spinner=False, max_entries=16)
def _base_geometry(*, version: str, lang: str, _data: MapData) -> tuple[dict, dict]:
    return geometry.kelurahan_geojson(_data, lang), geometry.kecamatan_geojson(_data)


@st.cache_resource(show_spinner=False, max_entries=128)
def _choropleth(*, version: str, measure: str, lang: str, _data: MapData) -> choropleth.Classes:
    return choropleth.classify(_data.figures, measure, _data.pack, lang)


@st.cache_resource(show_spinner=False, max_entries=16)
def _indicator_measures(*, version: str, _data: MapData) -> tuple[choropleth.IndicatorMeasure, ...]:
    return choropleth.indicator_measures(_data.pack)


def indicator_measures(run: Run) -> tuple[choropleth.IndicatorMeasure, ...]:
    """The pack's kelurahan-level indicators, offered as choropleth measures."""
    return _indicator_measures(version=run.version, _data=run.map_data)


def choropleth_classes(run: Run, measure: str, lang: str) -> choropleth.Classes:
    """The class breaks and colours of ``measure`` per kelurahan, cached."""
    return _choropleth(version=run.version, measure=measure, lang=lang, _data=run.map_data)


# --------------------------------------------------------------------------------------
# The map rendered once: base map per (data, language, basemap, height), layers per
# (data, language, layer set, measure, size). Values are immutable strings (thread-safe).


@st.cache_resource(show_spinner=False, max_entries=16)
def _rendered_base(*, version: str, lang: str, basemap: str, height: int, _data: MapData) -> mapview.RenderedMap:
    kel, kec = _base_geometry(version=version, lang=lang, _data=_data)
    detail = _detail_files(version=version, _data=_data) if _data.province is not None else None
    wired = None
    if detail is not None:
        wired = (detail[0], tuple((code, bounds, offline.MAP_CACHE_URL + p.name) for code, bounds, p in detail[1]))
    m = layers.build_base_map(_data, lang, basemap, height=height, kelurahan=kel, kecamatan=kec, detail=wired)
    rendered = mapview.render_map(offline.localize(m))
    published = mapview.publish(rendered, offline.map_cache_dir(), offline.MAP_CACHE_URL)
    if detail is None:
        return published
    # the finer villages' files are checked (and restored) before each use like the map's own
    return replace(published, published=(*published.published, *(p for _c, _b, p in detail[1])))


@st.cache_resource(show_spinner=False, max_entries=4)
def _detail_files(*, version: str, _data: MapData) -> tuple[int, tuple[tuple[str, tuple, Published], ...]] | None:
    """A province's finer band cut per kab/kota, written beside Leaflet once per data version
    (:mod:`smartcity_geo.mapdetail`); None for a pack with one band."""
    detail = mapdetail.kabkota_detail(_data.pack.root)
    if detail is None:
        return None
    files = files_in(offline.map_cache_dir())
    made = tuple((k.code, k.bounds, Published(files, files.write(k.text, "detail"), k.text)) for k in detail.kabkota)
    return detail.min_zoom, made


@st.cache_resource(show_spinner=False, max_entries=64)
def _rendered_layers(
    *, version: str, lang: str, keys: tuple[str, ...], measure: str, large: bool, _data: MapData
) -> mapview.RenderedGroups:
    parts = {key: _layer_parts(version=version, key=key, lang=lang, _data=_data) for key in keys}
    classes = _choropleth(version=version, measure=measure, lang=lang, _data=_data) if measure != NO_MEASURE else None
    groups = [layers.build_choropleth(classes, lang)] if classes is not None else []
    groups += layers.build_layers(keys, _data, lang, parts)
    groups.append(layers.build_legend(_data, lang, keys, parts, classes, large=large))
    names = _names_table(version=version, keys=layers.point_layers(keys), large=large, _data=_data)
    groups.append(layers.build_names(names, lang, max_zoom=layers.max_zoom_for(_data, keys, parts)))
    offline.localize(folium.Map(tiles=None), groups)  # refuses anything that would need a CDN
    return mapview.publish_groups(mapview.render_groups(groups), offline.map_cache_dir(), offline.MAP_CACHE_URL)


@st.cache_resource(show_spinner=False, max_entries=32)
def _names_table(*, version: str, keys: tuple[str, ...], large: bool, _data: MapData) -> dict:
    return layers.names_table(_data, keys, large=large)


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


def map_view(run: Run, lang: str, basemap: str, height: int, keys, measure: str, large: bool) -> mapview.MapView:
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
        version=run.version,
        lang=lang,
        basemap=basemap,
        height=height,
        keys=tuple(keys),
        measure=measure,
        large=large,
        _data=run.map_data,
    )
