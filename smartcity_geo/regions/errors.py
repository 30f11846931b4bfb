"""The region builder's refusal: one sentence in the user's language naming the code or file."""

from __future__ import annotations

from ..strings import t


class RegionError(Exception):
    """A region pack cannot be built; ``key`` is a ``build.<key>`` string, ``params`` fill it."""

    def __init__(self, key: str, **params: object) -> None:
        self.key = key
        self.params = params
        super().__init__(self.message("en"))

    def message(self, lang: str = "id") -> str:
        return t(f"build.{self.key}", lang, **self.params)
