"""The city's own figures: revisions of every dataset in SQLite (default) or PostgreSQL/PostGIS.

- :mod:`.engine` — where the store lives (environment), connecting, ``alembic upgrade head``;
- :mod:`.models` — the tables; :mod:`.migrations` — their versioned history (Alembic);
- :mod:`.revisions` — the transactions: seed, import with preview, restore, history, export;
- :mod:`.records` — what a revision, a declaration and a preview hold;
- :mod:`.packing` — the pack the app shows, files in the pack layout, the export folder;
- :mod:`.diff` — what an import changes; :mod:`.preview` — the changes as a table and a map;
- :mod:`.users` — editors, argon2 hashes, sign-in with rate limiting, editor tokens.

NOTE: like the rest of the library, this package never imports Streamlit.
"""

from __future__ import annotations

from .errors import ImportCancelled, NotAuthorised, StoreError
from .revisions import Declaration, ImportPreview, RevisionInfo, Store, open_store
from .users import Editor, SignInLimiter, Users

__all__ = [
    "Declaration",
    "Editor",
    "ImportCancelled",
    "ImportPreview",
    "NotAuthorised",
    "RevisionInfo",
    "SignInLimiter",
    "Store",
    "StoreError",
    "Users",
    "open_store",
]
