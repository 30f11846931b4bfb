"""The app's day: ``SMARTCITY_TODAY`` when set, else the machine's date.

Read only at the edges (``ui.clock`` for the app, :mod:`smartcity_geo.cli` for the command
line) and passed into the library as ``today``, so validation and display agree on one day:
an actual value, an as-of date or a budget year is judged against the same day it is shown on.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, date, datetime

from . import settings

ENV = settings.BY_NAME["today"].env


def app_today(env: Mapping[str, str] | None = None) -> date:
    """``SMARTCITY_TODAY`` when set (ISO date), else :func:`datetime.date.today`.

    Raises
    ------
    ValueError
        ``SMARTCITY_TODAY`` is set but is not a ``YYYY-MM-DD`` date (a deployment error, not user input).
    """
    fixed = settings.get("today", env=env)
    if not fixed:
        return date.today()
    try:
        return date.fromisoformat(fixed)
    except ValueError as err:
        raise ValueError(f"{ENV}={fixed!r} is not a YYYY-MM-DD date") from err


def utc_now() -> datetime:
    """The machine's clock as an aware UTC instant: the default clock of the store's revision and
    sign-in timestamps (injected there, so tests pass their own)."""
    return datetime.now(UTC)
