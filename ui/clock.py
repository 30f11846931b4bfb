"""The app's "today": the one place the dashboard reads the date.

``SMARTCITY_TODAY=YYYY-MM-DD`` fixes it (tests, a demo frozen on a given day); otherwise it is
the machine's date (:func:`smartcity_geo.day.app_today`, which the command line reads too).
Pages and loaders pass it to the library, which never reads the clock itself: the bundled
pack is validated against this day as well (``ui.loaders``), so a screen never shows what
the pack's own rules would refuse on the day it is shown.
"""

from __future__ import annotations

from datetime import date

from smartcity_geo.day import ENV, app_today

__all__ = ["ENV", "today"]


def today() -> date:
    """``SMARTCITY_TODAY`` when set (ISO date), else the machine's date.

    Raises
    ------
    ValueError
        ``SMARTCITY_TODAY`` is set but is not a ``YYYY-MM-DD`` date (a deployment error, not user input).
    """
    return app_today()
