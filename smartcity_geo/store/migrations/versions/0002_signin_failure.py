"""Failed sign-ins counted in the store, shared by every server and the command line.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "signin_failure",
        sa.Column("key", sa.String(400), primary_key=True),
        sa.Column("failures", sa.Integer, nullable=False),
        sa.Column("last_failure", sa.Float, nullable=False),  # seconds since 1970 (UTC)
        sa.Column("locked_until", sa.Float, nullable=True),
    )


def downgrade() -> None:
    op.drop_table("signin_failure")  # only counters: nothing of value is lost
