"""The store's transactions: seed, import with preview, restore, history and export.

All database reads and writes of the library happen here (and in :mod:`.users` for
editors). A revision is never updated or deleted; the latest revision of each dataset is
what the app shows. Imports use exactly the checks of the bundled pack
(:func:`~smartcity_geo.datapack.read_dataset_bytes` for the file, then
:meth:`~smartcity_geo.datapack.DataPack.with_table` for the whole pack) and write in one
transaction, refused if another import landed after the preview. The value types are in
:mod:`.records`; turning revisions into a pack and files into the pack layout in
:mod:`.packing`.

Over 450 lines on purpose: every transaction of the store stays in this one module, so no
write's checks and commit are split across files.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pandas as pd
from sqlalchemy import Connection, Engine, func, insert, select, update
from sqlalchemy.exc import SQLAlchemyError

from ..datapack import DataPack, DatasetMeta, load_pack, read_dataset_bytes
from ..errors import DataPackError
from ..rules import DATA_STATUSES, dataset_status
from ..schema import SCHEMAS
from . import models, records
from .diff import ChangeSummary, summarise
from .engine import data_dir, database_url, make_engine, migrate, store_fault
from .errors import StoreError
from .packing import allowed_row_statuses, build_pack, canonical, export_folder, features
from .records import INFO_COLUMNS, SYSTEM, Declaration, ImportPreview, Progress, RevisionInfo, info_query, sha256
from .users import Clock, Editor, utcnow, verify

__all__ = ["Declaration", "ImportPreview", "RevisionInfo", "Store", "open_store"]


def _step(progress: Progress | None, fraction: float, step: str) -> None:
    if progress is not None:
        progress(fraction, step)


class Store:
    """The revisions of every dataset in one database (SQLite or PostgreSQL/PostGIS).

    Parameters
    ----------
    engine
        From :func:`open_store` or :func:`~smartcity_geo.store.engine.make_engine`.
    clock
        Returns "now" (timezone-aware); tests inject a fixed one.
    """

    def __init__(self, engine: Engine, *, clock: Clock = utcnow) -> None:
        self.engine = engine
        self.clock = clock
        self.bundled: DataPack | None = None  # the seed pack, remembered by seed() / current_pack()

    @property
    def postgres(self) -> bool:
        return self.engine.dialect.name == "postgresql"

    # ----------------------------------------------------------------------------------
    # Reading

    def latest_revision_id(self) -> int:
        """The newest revision of any dataset (0 when empty): the app's cache key."""
        with self.engine.connect() as conn:
            return int(conn.execute(select(func.max(models.revision.c.id))).scalar() or 0)

    def latest_of(self, key: str) -> int | None:
        with self.engine.connect() as conn:
            return conn.execute(select(models.dataset.c.latest_revision_id).where(models.dataset.c.key == key)).scalar()

    def history(self, key: str | None = None) -> list[RevisionInfo]:
        """Revisions, newest first (of one dataset, or of all)."""
        query = info_query().order_by(models.revision.c.id.desc())
        if key is not None:
            query = query.where(models.revision.c.dataset_key == key)
        with self.engine.connect() as conn:
            return [RevisionInfo(**row._mapping) for row in conn.execute(query)]

    def revision(self, revision_id: int) -> RevisionInfo:
        with self.engine.connect() as conn:
            row = conn.execute(info_query().where(models.revision.c.id == revision_id)).first()
        if row is None:
            raise StoreError("unknown_revision", revision=revision_id)
        return RevisionInfo(**row._mapping)

    def numbered(self, key: str, number: int) -> RevisionInfo:
        """Revision ``number`` of dataset ``key`` (1, 2, 3 ... as the history counts them)."""
        rev = models.revision
        with self.engine.connect() as conn:
            row = conn.execute(info_query().where(rev.c.dataset_key == key, rev.c.number == number)).first()
        if row is None:
            raise StoreError("unknown_revision", revision=number)
        return RevisionInfo(**row._mapping)

    def content(self, revision_id: int) -> tuple[str, bytes]:
        """(file name in the pack layout, validated bytes) of a revision."""
        with self.engine.connect() as conn:
            row = conn.execute(
                select(models.revision.c.content_name, models.revision.c.content).where(
                    models.revision.c.id == revision_id
                )
            ).first()
        if row is None:
            raise StoreError("unknown_revision", revision=revision_id)
        return row[0], bytes(row[1])

    def _latest_rows(self, conn: Connection) -> dict[str, dict]:
        rev = models.revision
        query = select(rev).join(models.dataset, models.dataset.c.latest_revision_id == rev.c.id)
        return {row.dataset_key: dict(row._mapping) for row in conn.execute(query)}

    def current_pack(self, bundled: DataPack) -> DataPack:
        """The pack the app shows: the latest revision of every dataset, cross-checked as a whole."""
        self.bundled = bundled
        with self.engine.connect() as conn:
            latest = self._latest_rows(conn)
        return build_pack(bundled, latest)

    # ----------------------------------------------------------------------------------
    # Seeding from the bundled pack

    def seed(self, bundled: DataPack) -> int:
        """Give every dataset of the bundled pack a first revision; follow later bundled updates.

        A dataset no editor has touched follows the bundled pack: when its bundled file
        changes (a new version of the app), a new ``seed`` revision records it. A dataset
        with any import or restore keeps the editors' data. Returns the revisions written.
        """
        self.bundled = bundled
        written = 0
        with self.engine.connect().execution_options(write=True) as conn, conn.begin():
            self._lock_all(conn)
            latest = self._latest_rows(conn)
            known = set(conn.execute(select(models.dataset.c.key)).scalars())
            for key, meta in bundled.metas.items():
                data = (Path(bundled.root) / meta.file).read_bytes()
                digest = sha256(data)
                current = latest.get(key)
                if current is not None:
                    touched = conn.execute(
                        select(func.count())
                        .select_from(models.revision)
                        .where(models.revision.c.dataset_key == key, models.revision.c.action != "seed")
                    ).scalar()
                    if touched or current["sha256"] == digest:
                        continue
                if key not in known:
                    conn.execute(insert(models.dataset).values(key=key, latest_revision_id=None))
                old = None
                if current is not None:
                    old = read_dataset_bytes(key, current["content_name"], bytes(current["content"]), allow_empty=True)
                table = bundled.table(key)
                self._write(
                    conn,
                    key=key,
                    action="seed",
                    author=SYSTEM,
                    file_name=meta.file,
                    digest=digest,
                    size=len(data),
                    table=table,
                    summary=summarise(key, old, table),
                    declaration=Declaration(
                        status=meta.status,
                        reason="bundled data pack" if current is None else "bundled data pack updated",
                        source=meta.source,
                        as_of=meta.as_of,
                        source_url=meta.source_url,
                    ),
                    content_name=meta.file,
                    content=data,
                    original=None,
                    restored_from=None,
                    base=None if current is None else current["id"],
                )
                written += 1
        return written

    def _lock_all(self, conn: Connection) -> None:
        if self.postgres:
            conn.exec_driver_sql("LOCK TABLE dataset IN SHARE ROW EXCLUSIVE MODE")

    # ----------------------------------------------------------------------------------
    # Import: validate -> preview -> commit

    def preview_import(
        self,
        pack: DataPack,
        key: str,
        file_name: str,
        data: bytes,
        *,
        progress: Progress | None = None,
        sheet: str | None = None,
    ) -> ImportPreview:
        """Validate a file for dataset ``key`` against ``pack`` and say what it would change.

        ``sheet``: the sheet of an .xlsx to read (default: its first visible sheet).

        Raises :class:`~smartcity_geo.errors.DataPackError` (file, row, column, value) for a
        refused file, :class:`ImportCancelled` when ``progress`` raises it. Writes nothing.
        """
        if key not in pack.metas or key not in SCHEMAS:
            raise StoreError("unknown_dataset", dataset=key, known=", ".join(pack.metas))
        with self.engine.connect() as conn:
            base = conn.execute(select(models.dataset.c.latest_revision_id).where(models.dataset.c.key == key)).scalar()
            base_number = conn.execute(select(models.revision.c.number).where(models.revision.c.id == base)).scalar()
            pack_revision = conn.execute(select(func.max(models.revision.c.id))).scalar()
        _step(progress, 0.05, "read")
        try:
            table = read_dataset_bytes(key, file_name, data, sheet=sheet)
        except DataPackError as err:
            raise err.for_region(pack.region) from None
        _step(progress, 0.4, "cross_check")
        # NOTE: the status is declared at the confirm, after this preview: the file is checked
        # here as if the strongest status were declared, and commit_import() then checks every
        # row's status against the one actually declared.
        # (errors across the pack name the editor's file, as the cell checks do)
        pack.with_table(key, table, replace(pack.meta(key), status=DATA_STATUSES[0], file=file_name))
        _step(progress, 0.7, "normalise")
        content_name = pack.meta(key).file
        content = canonical(key, file_name, data, table, content_name)
        _step(progress, 0.85, "compare")
        old = pack.table(key)
        summary = summarise(key, old, table)
        _step(progress, 1.0, "done")
        return ImportPreview(
            key=key,
            file_name=file_name,
            sha256=sha256(data),
            size_bytes=len(data),
            table=table,
            content=content,
            content_name=content_name,
            original=None if content == data else data,
            base_revision_id=base,
            pack_revision_id=pack_revision,
            summary=summary,
            old_table=old,
            base_number=base_number,
        )

    def commit_import(
        self, editor: Editor, preview: ImportPreview, declaration: Declaration, *, today: date | None = None
    ) -> RevisionInfo:
        """Write a previewed import as a new revision, in one transaction, or refuse and write nothing.

        ``today`` is the app's day (``ui.clock``, the command line's ``SMARTCITY_TODAY``) the
        declared as-of date is checked against; default: the store clock's date.
        """
        editor = verify(editor)
        meta = self.bundled.metas.get(preview.key) if self.bundled is not None else None
        declaration = self._checked(declaration, preview.table, meta, today or self.clock().date(), preview.file_name)
        return self._commit(
            editor,
            key=preview.key,
            action="import",
            file_name=preview.file_name,
            digest=preview.sha256,
            size=preview.size_bytes,
            table=preview.table,
            declaration=declaration,
            content_name=preview.content_name,
            content=preview.content,
            original=preview.original,
            restored_from=None,
            base=preview.base_revision_id,
            pack_revision=preview.pack_revision_id,
        )

    def restore(
        self, editor: Editor, key: str, revision_id: int, reason: str, *, base_revision_id: int | None = None
    ) -> RevisionInfo:
        """Make an earlier revision of ``key`` the latest again, as a new revision.

        ``base_revision_id`` is the latest revision the editor saw (default: the current
        latest); the restore is refused if another one landed since.
        """
        editor = verify(editor)
        target = self.revision(revision_id)
        if target.dataset_key != key:
            raise StoreError("unknown_revision", revision=revision_id)
        if not reason.strip():
            raise StoreError("reason_required")
        records.check_declared_text("reason", reason.strip())
        content_name, content = self.content(revision_id)
        table = read_dataset_bytes(key, content_name, content)
        base = self.latest_of(key) if base_revision_id is None else base_revision_id
        return self._commit(
            editor,
            key=key,
            action="restore",
            file_name=target.file_name,
            digest=target.sha256,
            size=target.size_bytes,
            table=table,
            declaration=Declaration(
                status=target.status,
                reason=reason.strip(),
                source=target.source,
                as_of=target.as_of,
                source_url=target.source_url,
            ),
            content_name=content_name,
            content=content,
            original=None,
            restored_from=revision_id,
            base=base,
            pack_revision=None,
        )

    def _checked(
        self,
        declaration: Declaration,
        table: pd.DataFrame,
        meta: DatasetMeta | None,
        today: date,
        file_name: str = "",
    ) -> Declaration:
        status = declaration.status
        if status not in DATA_STATUSES:
            raise StoreError("bad_status", got=status, expected=", ".join(DATA_STATUSES))
        if not declaration.reason.strip():
            raise StoreError("reason_required")
        records.check_declaration(declaration, today)
        as_of = declaration.as_of.strip()
        if status == "official" and not declaration.source.strip():
            raise StoreError("official_needs_source")
        if status == "official" and not as_of:
            raise StoreError("official_needs_as_of")
        if "status" in table.columns:
            allowed = allowed_row_statuses(meta, status)
            for value, row in zip(table["status"], table["_row"], strict=True):
                if value in DATA_STATUSES and value not in allowed:
                    raise StoreError("row_status_stronger", file=file_name, row=row, got=value, declared=status)
                # A weaker row would make the whole dataset show that status (rules.dataset_status):
                # refused, so the revision records the status it is shown with.
                if value in DATA_STATUSES and dataset_status(status, [value]) != status:
                    raise StoreError("row_status_weaker", file=file_name, row=row, got=value, declared=status)
        return replace(
            declaration,
            reason=declaration.reason.strip(),
            source=declaration.source.strip(),
            as_of=as_of or today.isoformat(),
            source_url=declaration.source_url.strip(),
        )

    def _commit(
        self, editor: Editor, *, key: str, base: int | None, pack_revision: int | None, **values
    ) -> RevisionInfo:
        with self.engine.connect().execution_options(write=True) as conn, conn.begin():
            query = select(models.dataset.c.latest_revision_id).where(models.dataset.c.key == key)
            if self.postgres:
                query = query.with_for_update()
            row = conn.execute(query).first()
            if row is None:
                raise StoreError("unknown_dataset", dataset=key, known="")
            latest = row[0]
            if latest != base:
                other = conn.execute(select(*INFO_COLUMNS).where(models.revision.c.id == latest)).first()
                seen = conn.execute(select(models.revision.c.number).where(models.revision.c.id == base)).scalar()
                raise StoreError(
                    "stale",
                    dataset=key,
                    base=seen,
                    latest=other.number if other else "",
                    author=other.author if other else "",
                    when=other.created_at.strftime("%Y-%m-%d %H:%M") if other else "",
                )
            latest_rows = self._latest_rows(conn)
            old_row = latest_rows.get(key)
            values["declaration"] = _cited(values["declaration"], old_row, f"{values['file_name']} ({editor.name})")
            old = None
            if old_row is not None:
                old = read_dataset_bytes(key, old_row["content_name"], bytes(old_row["content"]), allow_empty=True)
            newest = conn.execute(select(func.max(models.revision.c.id))).scalar()
            if pack_revision is None or newest != pack_revision:
                # Another dataset changed since the preview (or this is a restore): check the
                # file against the pack as it is now, inside the transaction.
                bundled = self.bundled if self.bundled is not None else load_pack(data_dir())
                build_pack(bundled, latest_rows).with_table(key, values["table"], None)
            values["summary"] = summarise(key, old, values["table"])
            revision_id = self._write(conn, key=key, author=editor.name, base=base, **values)
        return self.revision(revision_id)

    def _write(
        self,
        conn: Connection,
        *,
        key: str,
        action: str,
        author: str,
        file_name: str,
        digest: str,
        size: int,
        table: pd.DataFrame,
        summary: ChangeSummary,
        declaration: Declaration,
        content_name: str,
        content: bytes,
        original: bytes | None,
        restored_from: int | None,
        base: int | None,
    ) -> int:
        number = (
            conn.execute(
                select(func.max(models.revision.c.number)).where(models.revision.c.dataset_key == key)
            ).scalar()
            or 0
        ) + 1
        revision_id = conn.execute(
            insert(models.revision)
            .values(
                dataset_key=key,
                number=number,
                action=action,
                author=author,
                created_at=self.clock(),
                file_name=file_name,
                sha256=digest,
                size_bytes=size,
                row_count=len(table),
                rows_added=len(summary.added),
                rows_changed=len(summary.changed),
                rows_removed=len(summary.removed),
                status=declaration.status,
                source=declaration.source,
                source_url=declaration.source_url,
                as_of=declaration.as_of,
                reason=declaration.reason,
                restored_from=restored_from,
                base_revision_id=base,
                content_name=content_name,
                content=content,
                original=original,
            )
            .returning(models.revision.c.id)
        ).scalar_one()
        rows = features(key, table, revision_id)
        if rows:  # a dataset not yet supplied has none (an empty executemany would insert one blank row)
            conn.execute(insert(models.feature), rows)
        conn.execute(update(models.dataset).where(models.dataset.c.key == key).values(latest_revision_id=revision_id))
        return revision_id

    # ----------------------------------------------------------------------------------
    # Export

    def export(self, bundled: DataPack, folder: Path) -> Path:
        """Write the current data as a pack folder in the bundled layout (files + manifest).

        The result loads with :func:`~smartcity_geo.datapack.load_pack`, so a city can hand
        its data over or start a fresh server from it (``SMARTCITY_DATA_DIR``).
        """
        with self.engine.connect() as conn:
            latest = self._latest_rows(conn)
        return export_folder(bundled, latest, folder)


def _cited(declaration: Declaration, previous: dict | None, fallback: str) -> Declaration:
    """A revision that gives no source keeps the dataset's citation (source and link); only a
    dataset with none yet is cited by its file and editor."""
    if declaration.source:
        return declaration
    if previous is not None and str(previous["source"]).strip():
        return replace(declaration, source=previous["source"], source_url=previous["source_url"])
    return replace(declaration, source=fallback)


def open_store(url: str | None = None, *, clock: Clock = utcnow) -> Store:
    """Connect to the store (``url`` or the environment's), bringing its schema to ``head``.

    Raises :class:`StoreError` naming the store configured when it cannot be opened or migrated.
    """
    url = url or database_url()
    engine = make_engine(url)
    try:
        migrate(engine)
    except (SQLAlchemyError, OSError) as err:
        engine.dispose()
        raise store_fault(err, url) from None
    return Store(engine, clock=clock)
