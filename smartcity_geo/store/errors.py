"""The store's own error type: a refused write or an unknown name, said in the user's language."""

from __future__ import annotations

from ..strings import t


class StoreError(Exception):
    """A store operation was refused; nothing was written.

    Parameters
    ----------
    key
        Message key in :mod:`smartcity_geo.strings.store` (``store.<key>``).
    params
        Values for the message's placeholders.
    """

    def __init__(self, key: str, **params: object) -> None:
        self.key = key
        self.params = {k: ("" if v is None else v) for k, v in params.items()}
        super().__init__(self.message("en"))

    def message(self, lang: str = "id") -> str:
        return t(f"store.{self.key}", lang, **self.params)


class NotAuthorised(StoreError):
    """A write was attempted without a signed-in editor's token."""

    def __init__(self) -> None:
        super().__init__("not_editor")


class ImportCancelled(StoreError):
    """The editor cancelled a long import before anything was written."""

    def __init__(self) -> None:
        super().__init__("cancelled")


class DeclarationError(StoreError):
    """What an editor declared (source, reason, as-of date, source link) breaks a data rule.

    Said as "<field>: <the data rule's own message>", with the message of
    :mod:`smartcity_geo.strings.errors` that a data cell breaking the same rule gets.
    """

    def __init__(self, field: str, key: str, **params: object) -> None:
        self.field = field
        super().__init__(key, **params)

    def message(self, lang: str = "id") -> str:
        field = t(f"store.field.{self.field}", lang)
        return t("store.declared", lang, field=field, problem=t(f"error.{self.key}", lang, **self.params))
