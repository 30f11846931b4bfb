"""The library's own error type.

The library raises :class:`DataPackError`; the edges translate it: a page shows one
``st.error(err.message(lang))`` and stops, a command line prints one line and exits 1.
"""

from __future__ import annotations

import contextlib

from .strings import region_words, t

#: A value from a file is quoted in a message up to this many characters.
MAX_QUOTED = 80


def _short(value: object) -> object:
    """A long text from a file, cut for the message (a 100 000-character cell stays readable)."""
    if isinstance(value, str) and len(value) > MAX_QUOTED:
        return value[: MAX_QUOTED - 1] + "\u2026"
    return value


class DataPackError(Exception):
    """A dataset could not be read or failed validation.

    Parameters
    ----------
    key
        Message key in :mod:`smartcity_geo.strings.errors` (``error.<key>``).
    file
        The file name the problem is in (as the user knows it, not a full path).
    row
        1-based data row as a spreadsheet shows it (the header is row 1, so the first
        data row is row 2), or ``None``.
    column
        Column (or property) name, or ``None``.
    params
        Extra values for the message (``expected``, ``got`` ...).
    """

    def __init__(
        self,
        key: str,
        *,
        file: str | None = None,
        row: int | None = None,
        column: str | None = None,
        **params: object,
    ) -> None:
        self.key = key
        self.file = file
        self.row = row
        self.column = column
        self.params = {
            k: _short(v) if k in ("got", "detail") else v
            for k, v in ((k, "" if v is None else v) for k, v in params.items())
        }
        self.words = None  # the region's words (``Region.words``) the message quotes, once known
        super().__init__(self.message("en"))

    def for_region(self, region) -> DataPackError:
        """Quote ``region``'s name and code pattern in the message (None: keep neutral words)."""
        if region is not None and self.words is None:
            self.words = region.words
            self.args = (self.message("en"),)
        return self

    def where(self, lang: str = "id") -> str:
        parts = []
        if self.file:
            parts.append(t("error.where.file", lang, file=self.file))
        if self.row is not None:
            parts.append(t("error.where.row", lang, row=self.row))
        if self.column:
            parts.append(t("error.where.column", lang, column=self.column))
        return ", ".join(parts)

    def message(self, lang: str = "id") -> str:
        """One sentence in ``lang``: where, what was expected, what was found."""
        with region_words(self.words) if self.words is not None else _nothing():
            body = t(f"error.{self.key}", lang, **self.params)
        where = self.where(lang)
        return f"{where}: {body}" if where else body


def _nothing():
    return contextlib.nullcontext()
