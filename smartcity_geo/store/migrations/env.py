"""Alembic environment of the store: runs on the connection the store hands over.

Run programmatically by :func:`smartcity_geo.store.engine.migrate` (``upgrade head`` at
start-up), so it works from any working directory; no ``alembic.ini`` is needed.
"""

from __future__ import annotations

from alembic import context

from smartcity_geo.store.models import metadata

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
