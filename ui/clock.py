"""The app's "today": the one place the dashboard reads the date.

``SMARTCITY_TODAY=YYYY-MM-DD`` fixes it (tests, a demo frozen on a given day); otherwise it is
the machine's date. Pages pass it to the library, which never reads the clock itself.
"""

from __future__ import annotations

from datetime import date

from smartcity_geo import settings

ENV = settings.BY_NAME["today"].env


def today() -> date:
    """``SMARTCITY_TODAY`` when set (ISO date), else :func:`datetime.date.today`.

    Raises
    ------
    ValueError
        ``SMARTCITY_TODAY`` is set but is not a ``YYYY-MM-DD`` date (a deployment error, not user input).
    """
    fixed = settings.get("today")
    if not fixed:
        return date.today()
    try:
        return date.fromisoformat(fixed)
    except ValueError as err:
        raise ValueError(f"{ENV}={fixed!r} is not a YYYY-MM-DD date") from err
