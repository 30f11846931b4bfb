"""What the store records: a revision as the history shows it, an editor's declaration, a preview.

The value types shared by :mod:`.revisions` (the transactions) and :mod:`.packing` (files
and packs), plus the file digest every revision carries.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

import pandas as pd

from . import models
from .diff import ChangeSummary

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
    restored_from: int | None
    base_revision_id: int | None


INFO_COLUMNS = [getattr(models.revision.c, name) for name in RevisionInfo.__dataclass_fields__]


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
    base_revision_id: int | None  # the dataset's latest revision when previewed
    pack_revision_id: int | None  # the store's latest revision when previewed
    summary: ChangeSummary
    old_table: pd.DataFrame | None


def sha256(data: bytes) -> str:
    """The SHA-256 of a file's bytes, in hex."""
    return hashlib.sha256(data).hexdigest()
