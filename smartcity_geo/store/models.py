"""The store's tables (SQLAlchemy Core), shared by SQLite and PostgreSQL/PostGIS.

- ``dataset``: one row per dataset key, pointing at its latest revision. The import
  transaction locks this row (``SELECT ... FOR UPDATE`` on PostgreSQL; SQLite's
  ``BEGIN IMMEDIATE`` locks the whole file) so two editors cannot both write on one base.
- ``revision``: every import, restore and seed, never updated or deleted; it keeps the
  validated file (``content``) so a restore and an export reproduce it byte for byte.
- ``feature``: the rows of each revision, with geometry, so the data can be queried in SQL
  (PostGIS) without parsing files.
- ``editor``: editors' names and argon2 password hashes (never a password).
- ``signin_failure``: failed sign-ins per name and client and per client, with the lock they earned.

NOTE: geometry is a PostGIS ``geometry(Geometry, 4326)`` column on PostgreSQL and WKT text
on SQLite. SpatiaLite is a system library that pip cannot install, and the default store
must work after ``pip install -r requirements.txt`` alone; the app's own spatial work is
done in geopandas, so SQLite only needs to keep the shapes.
"""

from __future__ import annotations

from geoalchemy2 import Geometry
from sqlalchemy import (
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData()

GEOMETRY = Text().with_variant(Geometry(geometry_type="GEOMETRY", srid=4326, spatial_index=False), "postgresql")

dataset = Table(
    "dataset",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("latest_revision_id", Integer, nullable=True),
)

revision = Table(
    "revision",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("dataset_key", String(64), ForeignKey("dataset.key"), nullable=False),
    Column("number", Integer, nullable=False),  # 1, 2, 3 ... per dataset
    Column("action", String(16), nullable=False),  # seed | import | restore
    Column("author", String(200), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("file_name", String(400), nullable=False),  # as the editor uploaded it
    Column("sha256", String(64), nullable=False),  # of the uploaded file
    Column("size_bytes", Integer, nullable=False),
    Column("row_count", Integer, nullable=False),
    Column("rows_added", Integer, nullable=False),
    Column("rows_changed", Integer, nullable=False),
    Column("rows_removed", Integer, nullable=False),
    Column("status", String(16), nullable=False),
    Column("source", Text, nullable=False),
    Column("source_url", Text, nullable=False, default=""),
    Column("as_of", String(10), nullable=False),
    Column("reason", Text, nullable=False),
    Column("restored_from", Integer, ForeignKey("revision.id"), nullable=True),
    Column("base_revision_id", Integer, nullable=True),  # the revision the import was previewed on
    Column("content_name", String(400), nullable=False),  # file name in the pack layout
    Column("content", LargeBinary, nullable=False),  # the validated file, in the pack layout
    Column("original", LargeBinary, nullable=True),  # the file as uploaded, when it differs
    UniqueConstraint("dataset_key", "number", name="uq_revision_dataset_number"),
)

feature = Table(
    "feature",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("revision_id", Integer, ForeignKey("revision.id"), nullable=False),
    Column("row", Integer, nullable=False),
    Column("row_key", Text, nullable=False),
    Column("properties", Text, nullable=False),  # JSON object of the row's cells
    Column("geom", GEOMETRY, nullable=True),
    Index("ix_feature_revision", "revision_id"),
)

editor = Table(
    "editor",
    metadata,
    Column("name", String(200), primary_key=True),
    Column("password_hash", Text, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

# Failed sign-ins, shared by every app server and the command line on this store. ``key`` is
# what is counted: a name from one client (``name:<name>|client:<client>``) or a client
# (``client:<client>``); see ``users.SignInLimiter``.
signin_failure = Table(
    "signin_failure",
    metadata,
    Column("key", String(400), primary_key=True),
    Column("failures", Integer, nullable=False),
    Column("last_failure", Float, nullable=False),  # seconds since 1970 (UTC), portable
    Column("locked_until", Float, nullable=True),
)
