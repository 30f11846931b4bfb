"""The store's first tables: dataset, revision, feature, editor.

Revision ID: 0001
Revises:
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from geoalchemy2 import Geometry

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    postgres = op.get_bind().dialect.name == "postgresql"
    if postgres:
        op.execute("CREATE EXTENSION IF NOT EXISTS postgis")
    op.create_table(
        "dataset",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("latest_revision_id", sa.Integer, nullable=True),
    )
    op.create_table(
        "revision",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("dataset_key", sa.String(64), sa.ForeignKey("dataset.key"), nullable=False),
        sa.Column("number", sa.Integer, nullable=False),
        sa.Column("action", sa.String(16), nullable=False),
        sa.Column("author", sa.String(200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("file_name", sa.String(400), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("size_bytes", sa.Integer, nullable=False),
        sa.Column("row_count", sa.Integer, nullable=False),
        sa.Column("rows_added", sa.Integer, nullable=False),
        sa.Column("rows_changed", sa.Integer, nullable=False),
        sa.Column("rows_removed", sa.Integer, nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("source_url", sa.Text, nullable=False),
        sa.Column("as_of", sa.String(10), nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("restored_from", sa.Integer, sa.ForeignKey("revision.id"), nullable=True),
        sa.Column("base_revision_id", sa.Integer, nullable=True),
        sa.Column("content_name", sa.String(400), nullable=False),
        sa.Column("content", sa.LargeBinary, nullable=False),
        sa.Column("original", sa.LargeBinary, nullable=True),
        sa.UniqueConstraint("dataset_key", "number", name="uq_revision_dataset_number"),
    )
    geom = Geometry(geometry_type="GEOMETRY", srid=4326, spatial_index=False) if postgres else sa.Text
    op.create_table(
        "feature",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("revision_id", sa.Integer, sa.ForeignKey("revision.id"), nullable=False),
        sa.Column("row", sa.Integer, nullable=False),
        sa.Column("row_key", sa.Text, nullable=False),
        sa.Column("properties", sa.Text, nullable=False),
        sa.Column("geom", geom, nullable=True),
    )
    op.create_index("ix_feature_revision", "feature", ["revision_id"])
    if postgres:
        op.create_index("ix_feature_geom", "feature", ["geom"], postgresql_using="gist")
    op.create_table(
        "editor",
        sa.Column("name", sa.String(200), primary_key=True),
        sa.Column("password_hash", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    # NOTE: the store never deletes data; a downgrade below the first revision is refused.
    raise RuntimeError("the store's first migration cannot be undone: it would delete every revision")
