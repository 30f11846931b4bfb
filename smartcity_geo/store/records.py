"""What the store records: a revision as the history shows it, an editor's declaration, a preview.

The value types shared by :mod:`.revisions` (the transactions) and :mod:`.packing` (files
and packs), plus the file digest every revision carries.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

import pandas as pd
from sqlalchemy import select

from ..rules import as_of_problem
from ..schema.columns import starts_formula, url_problem
from . import models
from .diff import ChangeSummary
from .errors import DeclarationError

SYSTEM = "system"
Progress = Callable[[float, str], None]  # (fraction done, step key) -> None; may raise ImportCancelled


@dataclass(frozen=True)
class RevisionInfo:
    """One revision as the history shows it (without its file)."""

    id: int
    dataset_key: str
    number: int
    action: str
    author: str
    created_at: datetime
    file_name: str
    sha256: str
    size_bytes: int
    row_count: int
    rows_added: int
    rows_changed: int
    rows_removed: int
    status: str
    source: str
    source_url: str
    as_of: str
    reason: str
    restored_from: int | None  # database id: for the store's own use, never shown
    base_revision_id: int | None
    restored_from_number: int | None = None  # the dataset's revision number it restored, as people count


#: The columns of a :class:`RevisionInfo`, each an attribute of the ``revision`` table but the
#: restored revision's number, which :func:`info_query` joins in.
INFO_COLUMNS = [
    getattr(models.revision.c, name) for name in RevisionInfo.__dataclass_fields__ if name != "restored_from_number"
]
_ORIGIN = models.revision.alias("origin")


def info_query():
    """``SELECT`` of :class:`RevisionInfo` rows: each revision with the number of the one it restored.

    NOTE: revision numbers count per dataset (1, 2, 3 ...); the ids are database keys shared
    by every dataset, so a message or table shows the numbers, never an id.
    """
    rev = models.revision
    return select(*INFO_COLUMNS, _ORIGIN.c.number.label("restored_from_number")).select_from(
        rev.outerjoin(_ORIGIN, _ORIGIN.c.id == rev.c.restored_from)
    )


@dataclass(frozen=True)
class Declaration:
    """What the editor declares about an import: status, source, as-of date and the reason."""

    status: str
    reason: str
    source: str = ""
    as_of: str = ""
    source_url: str = ""


@dataclass(frozen=True)
class ImportPreview:
    """A validated file and what it would change; :meth:`Store.commit_import` writes it."""

    key: str
    file_name: str
    sha256: str
    size_bytes: int
    table: pd.DataFrame
    content: bytes
    content_name: str
    original: bytes | None
    base_revision_id: int | None  # the dataset's latest revision when previewed (database id)
    pack_revision_id: int | None  # the store's latest revision when previewed
    summary: ChangeSummary
    old_table: pd.DataFrame | None
    base_number: int | None = None  # that revision's number in the dataset's history, as shown


def sha256(data: bytes) -> str:
    """The SHA-256 of a file's bytes, in hex."""
    return hashlib.sha256(data).hexdigest()


def check_declared_text(field: str, text: str) -> None:
    """Free text an editor declares follows the data cells' formula rule (``schema.starts_formula``)."""
    if starts_formula(text):
        raise DeclarationError(field, "formula", got=text[:40])


def check_declaration(declaration: Declaration, today: date) -> None:
    """What an editor declares, through the same rules as data; raises :class:`DeclarationError`.

    Source and reason are formula-safe like every text cell; the as-of date is a real
    calendar date, not after ``today`` (the app's day) and not before any source could
    exist (:func:`~smartcity_geo.rules.as_of_problem`, the rule of the files' ``as_of``); the
    source link is an ``http``/``https`` address (``schema.url_problem``, the manifest's rule).
    """
    check_declared_text("source", declaration.source.strip())
    check_declared_text("reason", declaration.reason.strip())
    as_of = declaration.as_of.strip()
    if as_of:
        problem = as_of_problem(as_of, today)
        if problem is not None:
            raise DeclarationError("as_of", problem[0], **problem[1])
    problem = url_problem(declaration.source_url)
    if problem is not None:
        raise DeclarationError("source_url", problem[0], **problem[1])
