"""Read and validate the data pack (``geodata/``).

All file reading of the library happens here and in :mod:`.datafiles` (one file to a
checked table). :func:`load_pack` reads the manifest, checks every listed file's size and
SHA-256 against it, reads each file with :func:`read_dataset_bytes` (every cell checked
against :data:`~smartcity_geo.schema.SCHEMAS`), then checks the datasets against each other
(:func:`smartcity_geo.schema.check_pack`). It returns an immutable :class:`DataPack` or
raises :class:`~smartcity_geo.errors.DataPackError`
naming the file, row, column, the value and what was expected. No input file makes it raise
anything else.

:func:`read_dataset_bytes`, :func:`read_table`, :data:`MAX_FILE_MB` and
:data:`MAX_FILE_BYTES` live in :mod:`.datafiles` and are imported from here as before.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from types import MappingProxyType

import pandas as pd

from . import rules
from .datafiles import FORMATS, MAX_FILE_BYTES, MAX_FILE_MB, load_json, read_dataset_bytes, read_file_bytes, read_table
from .day import app_today
from .errors import DataPackError
from .region import Region, parse_region, utm_crs
from .schema import SCHEMAS, STATUSES, check_pack, check_table
from .schema.columns import url_problem

__all__ = [
    "MANIFEST",
    "MAX_FILE_BYTES",
    "MAX_FILE_MB",
    "SEAL_COMMAND",
    "DataPack",
    "DatasetMeta",
    "load_manifest",
    "load_pack",
    "read_dataset_bytes",
    "read_table",
]

MANIFEST = "manifest.json"
#: The one command that re-seals the manifest after a deliberate edit of a data file.
SEAL_COMMAND = "python -m smartcity_geo.seal geodata"
MANIFEST_FIELDS = ("key", "file", "format", "title_id", "title_en", "status", "source", "licence", "as_of", "positions")


@dataclass(frozen=True)
class DatasetMeta:
    """Provenance of one dataset, as the manifest records it.

    ``row_statuses``: statuses the manifest lets single rows declare beyond ``status`` and
    the weaker ones (e.g. a sample dataset with a few sourced ``official`` rows);
    ``bytes``/``sha256``/``rows``: the seal of the file (``python -m smartcity_geo.seal``).
    """

    key: str
    file: str
    format: str
    title_id: str
    title_en: str
    status: str
    source: str
    licence: str
    as_of: str
    positions: str
    source_url: str = ""
    source_id: str = ""  # optional: the source line in Indonesian / English (the "room" branch reads them)
    source_en: str = ""
    positions_id: str = ""  # optional: how positions were obtained, in Indonesian / English
    positions_en: str = ""
    row_statuses: tuple[str, ...] = ()
    bytes: int | None = None
    sha256: str = ""
    rows: int | None = None
    note_id: str = ""  # optional: why the dataset is empty / what to do (a dataset not yet supplied)
    note_en: str = ""

    @property
    def supplied(self) -> bool:
        """False for a dataset the region has not supplied yet (status ``none``, no rows)."""
        return self.status != rules.NONE

    def note(self, lang: str = "id") -> str:
        return self.note_en if lang == "en" else self.note_id

    declared: str = ""  # the declared status, when ``status`` was settled weaker by the rows (see _settled)

    @property
    def declared_status(self) -> str:
        """The status declared for the dataset (manifest or revision), before its rows settle it.

        A figure made from *some* rows (a selection, one row) carries the weakest of this and
        those rows' statuses; ``status`` is that over all rows (:func:`rules.dataset_status`).
        """
        return self.declared or self.status

    def title(self, lang: str = "id") -> str:
        return self.title_en if lang == "en" else self.title_id

    def allowed_statuses(self) -> tuple[str, ...]:
        """Statuses a row of this dataset may declare: its own, weaker ones, and ``row_statuses``."""
        if self.status == rules.NONE:  # not supplied: no rows at all
            return ()
        if self.status not in STATUSES:  # uploaded: every row is uploaded
            return (self.status,)
        weaker = STATUSES[STATUSES.index(self.status) :]
        return tuple(s for s in STATUSES if s in weaker or s in self.row_statuses)


@dataclass(frozen=True)
class DataPack:
    """The validated data pack: provenance and typed tables, keyed by dataset key.

    Tables are GeoDataFrames (EPSG:4326) for datasets with geometry, DataFrames otherwise.
    Treat them as read-only; :meth:`with_table` returns a new pack. ``today`` is the date
    the pack was validated against (actual values only for years that have ended).
    """

    root: Path
    version: str
    metas: Mapping[str, DatasetMeta]
    tables: Mapping[str, pd.DataFrame] = field(repr=False)
    kelurahan_count: int | None = None
    today: dt.date = field(default_factory=dt.date.today)
    region: Region | None = None
    declared_crs: str | None = None  # the manifest's pack.metric_crs

    @cached_property
    def metric_crs(self) -> str:
        """The region's metric projection (its UTM zone, south): the manifest's, else the boundaries'."""
        if self.declared_crs:
            return self.declared_crs
        minx, _, maxx, _ = self.tables["kelurahan"].total_bounds
        return utm_crs((minx + maxx) / 2)

    def supplied(self, key: str) -> bool:
        """Whether dataset ``key`` is present and supplied (not an empty ``none`` placeholder)."""
        return key in self.metas and self.metas[key].supplied

    @property
    def unsupplied(self) -> frozenset[str]:
        return frozenset(key for key, meta in self.metas.items() if not meta.supplied)

    def table(self, key: str) -> pd.DataFrame:
        return self.tables[key]

    def meta(self, key: str) -> DatasetMeta:
        return self.metas[key]

    def has(self, key: str) -> bool:
        return key in self.tables

    def row_statuses(self, key: str) -> tuple[frozenset, Mapping[str, frozenset] | None]:
        """The statuses the rows of dataset ``key`` carry: (all of them, {kelurahan code: its rows'}).

        The mapping is None for a table without ``kelurahan_code``; both are empty without a
        ``status`` column. Worked out once per pack (tables are read-only), so a figure's
        status for a selection is a few set unions on every run.
        """
        return self._row_statuses.get(key, (frozenset(), None))

    @cached_property
    def _row_statuses(self) -> Mapping[str, tuple[frozenset, Mapping[str, frozenset] | None]]:
        out = {}
        for key, table in self.tables.items():
            if "status" not in table.columns:
                continue
            by_code = None
            if "kelurahan_code" in table.columns:
                groups = table.groupby("kelurahan_code", sort=False)["status"]
                by_code = MappingProxyType({str(code): frozenset(rows) for code, rows in groups})
            out[key] = (frozenset(table["status"]), by_code)
        return MappingProxyType(out)

    def with_table(self, key: str, table: pd.DataFrame, meta: DatasetMeta | None = None) -> DataPack:
        """A new pack with ``key`` replaced by ``table``, cross-checked as a whole.

        ``table`` is checked as a table (row count, unique keys, duplicate rows) and then with
        the whole pack. NOTE: raises before anything is replaced, so the caller's pack is
        untouched on error.
        """
        file = meta.file if meta is not None else self.metas[key].file if key in self.metas else key
        check_table(table, SCHEMAS[key], file=file)
        tables = dict(self.tables)
        tables[key] = table
        metas = dict(self.metas)
        if meta is not None:
            metas[key] = meta
        _cross_check(tables, metas, kelurahan_count=self.kelurahan_count, today=self.today, pack=self)
        return replace(self, tables=MappingProxyType(tables), metas=MappingProxyType(_settled(tables, metas)))

    def with_uploads(self, files: Mapping[str, tuple[str, bytes]]) -> DataPack:
        """A new pack in which each dataset ``key`` is replaced by an uploaded file.

        ``files`` maps a dataset key to ``(file name, bytes)``. Every file is untrusted: it is
        read by :func:`read_dataset_bytes` (cell by cell), then the whole pack is
        cross-checked once with all replacements in place. Any problem raises
        :class:`DataPackError` naming the file, row and column, and this pack is untouched.

        An upload never claims a status: its dataset's status, and every status cell of its
        rows, become :data:`rules.UPLOADED`; its provenance names the uploaded file.
        """
        tables = dict(self.tables)
        metas = dict(self.metas)
        for key, (filename, data) in files.items():
            if key not in self.metas:
                raise DataPackError("not_allowed", file=filename, got=key, expected=", ".join(self.metas))
            try:
                table = read_dataset_bytes(key, filename, data).copy()
            except DataPackError as err:
                raise err.for_region(self.region) from None
            for col in SCHEMAS[key].columns:
                if col.kind == "status":
                    table[col.name] = table[col.name].where(table[col.name].isna(), rules.UPLOADED)
            tables[key] = table
            metas[key] = replace(
                self.meta(key),
                source=f"upload: {filename}",
                source_url="",
                source_id="",
                source_en="",
                status=rules.UPLOADED,
                declared="",
                row_statuses=(),
                file=filename,
                bytes=len(data),
                sha256=hashlib.sha256(data).hexdigest(),
                rows=len(table),
            )
        _cross_check(tables, metas, kelurahan_count=self.kelurahan_count, today=self.today, pack=self)
        return replace(self, tables=MappingProxyType(tables), metas=MappingProxyType(_settled(tables, metas)))


# --------------------------------------------------------------------------------------
# Manifest


def load_manifest(root: Path) -> tuple[str, dict[str, DatasetMeta], int | None]:
    """The pack's version, each dataset's provenance and seal, and the expected kelurahan count."""
    version, metas, count, _pack = _manifest(root)
    return version, metas, count


def load_region(root: Path) -> tuple[Region | None, str | None]:
    """The manifest's ``pack.region`` (None when the block is absent) and ``pack.metric_crs``."""
    return _region_of(_manifest(root)[3])


def _region_of(pack: dict) -> tuple[Region | None, str | None]:
    crs = pack.get("metric_crs")
    if "region" not in pack:
        if crs is not None and not isinstance(crs, str):
            raise DataPackError("bad_json_type", file=MANIFEST, column="metric_crs", expected="an EPSG code")
        return None, crs
    region = parse_region(pack["region"], metric_crs=crs)
    return region, region.metric_crs


def _manifest(root: Path) -> tuple[str, dict[str, DatasetMeta], int | None, dict]:
    data = load_json(read_file_bytes(Path(root) / MANIFEST, MANIFEST), MANIFEST)
    if not isinstance(data, dict) or not isinstance(data.get("datasets"), list):
        raise DataPackError("bad_json_type", file=MANIFEST, column="datasets", expected="a list of datasets")
    pack = data.get("pack", {})
    if not isinstance(pack, dict):
        raise DataPackError("bad_json_type", file=MANIFEST, column="pack", expected="an object")
    count = pack.get("kelurahan_count")
    if count is not None and (not isinstance(count, int) or isinstance(count, bool) or count < 1):
        raise DataPackError("bad_json_type", file=MANIFEST, column="kelurahan_count", expected="a whole number")
    metas: dict[str, DatasetMeta] = {}
    for number, entry in enumerate(data["datasets"], start=1):
        where = {"file": MANIFEST, "row": number}
        if not isinstance(entry, dict):
            raise DataPackError("bad_json_type", column="datasets", expected="an object per dataset", **where)
        for name in MANIFEST_FIELDS:
            if not isinstance(entry.get(name), str) or not entry[name].strip():
                raise DataPackError("manifest_field", column=name, **where)
        if entry["status"] not in (*STATUSES, rules.NONE):
            raise DataPackError(
                "bad_status", column="status", got=entry["status"], expected=", ".join(STATUSES), **where
            )
        if entry["status"] == rules.NONE and (entry.get("rows") != 0 or entry["key"] == "kelurahan"):
            raise DataPackError("unsupplied_rows", column="rows", got=entry.get("rows"), **where)
        row_statuses = entry.get("row_statuses", [])
        if not isinstance(row_statuses, list) or not all(isinstance(s, str) and s in STATUSES for s in row_statuses):
            raise DataPackError(
                "bad_status", column="row_statuses", got=str(row_statuses), expected=", ".join(STATUSES), **where
            )
        if entry["key"] in metas:
            first = 1 + list(metas).index(entry["key"])
            raise DataPackError("duplicate", column="key", got=entry["key"], first=first, **where)
        if entry["key"] not in SCHEMAS:
            raise DataPackError("not_allowed", column="key", got=entry["key"], expected=", ".join(SCHEMAS), **where)
        if Path(entry["file"]).name != entry["file"] or entry["format"] not in FORMATS:
            raise DataPackError("manifest_field", column="file", **where)
        size, digest, rows = entry.get("bytes"), entry.get("sha256"), entry.get("rows")
        if not isinstance(size, int) or not isinstance(digest, str) or len(digest) != 64:
            raise DataPackError("not_sealed", column="sha256", command=SEAL_COMMAND, **where)
        if rows is not None and not isinstance(rows, int):
            raise DataPackError("bad_json_type", column="rows", expected="a whole number", **where)
        metas[entry["key"]] = DatasetMeta(
            **{name: entry[name] for name in MANIFEST_FIELDS},
            source_url=str(entry.get("source_url", "")),
            source_id=str(entry.get("source_id", "")),
            source_en=str(entry.get("source_en", "")),
            positions_id=str(entry.get("positions_id", "")),
            positions_en=str(entry.get("positions_en", "")),
            row_statuses=tuple(row_statuses),
            bytes=size,
            sha256=digest,
            rows=rows,
            note_id=str(entry.get("note_id", "")),
            note_en=str(entry.get("note_en", "")),
        )
    return str(pack.get("version", "unversioned")), metas, count, pack


# --------------------------------------------------------------------------------------
# The whole pack


def load_pack(root: Path | str, *, today: dt.date | None = None) -> DataPack:
    """Read, verify (size and SHA-256), validate and cross-check every dataset the manifest lists.

    ``today`` decides which years have ended (default: the system date).
    """
    root = Path(root)
    today = today or app_today()
    version, metas, count, pack_block = _manifest(root)
    region, crs = _region_of(pack_block)
    try:
        check_manifest_dates(metas, today=today)
        return _load(root, today, version, metas, count, region, crs)
    except DataPackError as err:
        raise err.for_region(region) from None


#: A province's boundary file (8,494 villages at full detail, about 21 MB) is larger than any
#: upload may be; it is the pack's own sealed file, its size and SHA-256 checked before parsing.
PACK_BOUNDARY_MB = 100


def _max_bytes(key: str) -> int:
    return PACK_BOUNDARY_MB * 1000 * 1000 if key == "kelurahan" else MAX_FILE_BYTES


def _load(root, today, version, metas, count, region, crs) -> DataPack:
    files: dict[str, bytes] = {}
    for key, meta in metas.items():  # every seal first: a half-written file is named before anything is parsed
        data = read_file_bytes(root / meta.file, meta.file, max_bytes=_max_bytes(key))
        if len(data) != meta.bytes or hashlib.sha256(data).hexdigest() != meta.sha256:
            raise DataPackError("checksum", file=meta.file, got=len(data), expected=meta.bytes, command=SEAL_COMMAND)
        if Path(meta.file).suffix.lower() not in FORMATS[meta.format]:
            raise DataPackError("wrong_format", file=meta.file, expected=meta.format, got=Path(meta.file).suffix)
        files[key] = data
    tables: dict[str, pd.DataFrame] = {}
    for key, meta in metas.items():
        table = read_dataset_bytes(key, meta.file, files[key], allow_empty=not meta.supplied, max_bytes=_max_bytes(key))
        if meta.rows is not None and len(table) != meta.rows:
            raise DataPackError("row_count", file=meta.file, expected=meta.rows, got=len(table), command=SEAL_COMMAND)
        tables[key] = table
    _cross_check(tables, metas, kelurahan_count=count, today=today, crs=crs, region=region)
    return DataPack(
        root=root,
        version=version,
        metas=MappingProxyType(_settled(tables, metas)),
        tables=MappingProxyType(tables),
        kelurahan_count=count,
        today=today,
        region=region,
        declared_crs=crs,
    )


def _settled(tables: Mapping[str, pd.DataFrame], metas: Mapping[str, DatasetMeta]) -> dict[str, DatasetMeta]:
    """Each dataset's meta with the one status it is shown with (:func:`rules.dataset_status`).

    NOTE: a status settled downwards keeps every row status the declared one allowed (as
    ``row_statuses``), so the pack still passes its own cross-check.
    """
    out = dict(metas)
    for key, meta in metas.items():
        table = tables.get(key)
        if table is None or "status" not in table.columns:
            continue
        declared = meta.declared_status
        status = rules.dataset_status(declared, table["status"].dropna().unique())
        if status != meta.status:
            allowed = replace(meta, status=declared).allowed_statuses()
            out[key] = replace(meta, status=status, row_statuses=allowed, declared=declared)
        elif status == declared and meta.declared:
            out[key] = replace(meta, declared="")
    return out


def check_manifest_dates(metas: Mapping[str, DatasetMeta], *, today: dt.date) -> None:
    """Each dataset's ``as_of`` (:func:`rules.as_of_problem`) and ``source_url`` (http/https only).

    Raises :class:`DataPackError` naming ``manifest.json``, the dataset's row and the field.
    """
    for number, meta in enumerate(metas.values(), start=1):
        where = {"file": MANIFEST, "row": number}
        problem = rules.as_of_problem(meta.as_of, today)
        if problem is not None:
            raise DataPackError(problem[0], column="as_of", **problem[1], **where)
        problem = url_problem(meta.source_url)
        if problem is not None:
            raise DataPackError(problem[0], column="source_url", **problem[1], **where)


def _cross_check(
    tables: Mapping[str, pd.DataFrame],
    metas: Mapping[str, DatasetMeta],
    *,
    kelurahan_count: int | None,
    today: dt.date,
    pack: DataPack | None = None,
    crs: str | None = None,
    region: Region | None = None,
) -> None:
    """Every check across datasets (:func:`smartcity_geo.schema.check_pack`) with the manifest's files and statuses."""
    if pack is not None:
        crs, region = pack.declared_crs, pack.region
    try:
        _check(tables, metas, kelurahan_count=kelurahan_count, today=today, crs=crs, region=region)
    except DataPackError as err:
        raise err.for_region(region) from None


def _check(tables, metas, *, kelurahan_count, today, crs, region) -> None:
    check_pack(
        tables,
        files={key: meta.file for key, meta in metas.items()},
        row_statuses={key: meta.allowed_statuses() for key, meta in metas.items()},
        kelurahan_count=kelurahan_count,
        today=today,
        metric_crs=crs,
        region_code=None if region is None else region.code,
        unsupplied=frozenset(key for key, meta in metas.items() if not meta.supplied and tables[key].empty),
    )
