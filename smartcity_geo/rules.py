"""The domain rules of the dashboard, each defined once.

Every screen, export, chart, map layer and the briefing reads these from here; nothing
else in the code may restate a threshold, a status order or the decimals of a unit.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable
from datetime import date

# --------------------------------------------------------------------------------------
# Data status

#: The statuses a data file may declare, strongest first.
DATA_STATUSES: tuple[str, ...] = ("official", "seed", "sample")
#: A figure the dashboard computes from a file (an area from the simplified boundaries, a
#: coverage share): it never borrows its source's ``official``; says "computed from ...".
COMPUTED = "computed"
#: A file uploaded in a browser session: never verified, never ``official``.
UPLOADED = "uploaded"
#: A dataset the region has not supplied yet (a new region's pack): no rows, never a figure.
#: Only a pack's manifest declares it; it is not one of :data:`DATA_STATUSES`, so no editor
#: can declare it for an import and no row can carry it.
NONE = "none"
#: Every status a figure can carry on screen, strongest first.
STATUS_ORDER: tuple[str, ...] = ("official", COMPUTED, "seed", "sample", UPLOADED)

#: Every status a badge can show: the figures' and :data:`NONE` (a dataset not yet supplied).
BADGE_STATUSES: tuple[str, ...] = (*STATUS_ORDER, NONE)

#: (background, text) colour of each status badge; text on background is at least 4.5:1.
STATUS_COLORS: dict[str, tuple[str, str]] = {
    "official": ("#E6F4EA", "#1E6B34"),
    "seed": ("#E8F0FB", "#1D4E89"),
    "sample": ("#FDF0E1", "#8A4B08"),
    COMPUTED: ("#EEF0F3", "#374151"),
    UPLOADED: ("#FCE8EC", "#8E1B3A"),
    NONE: ("#F3F4F6", "#4B5563"),
}


#: "No status": the answer of :func:`weakest_status` when no known status is given (nothing,
#: or only missing values such as ``None``/``NaN`` or unknown words). A figure nobody vouched
#: for reads as illustrative, never stronger, so it is ``sample``; every screen, chart, export
#: and the briefing get this one answer.
#:
#: A dataset a pack does not supply has the status :data:`NONE` ("not supplied"): it has no
#: rows and so no figures; a "figure" built from it is :data:`NONE` too (never shown as a
#: figure: what would show it says "not supplied" instead).
NO_STATUS = "sample"


def _known(statuses: Iterable[object]) -> set[str]:
    return {s for s in statuses if isinstance(s, str) and s in BADGE_STATUSES}


def weakest_status(statuses: Iterable[object]) -> str:
    """The weakest of ``statuses`` (a figure built from several sources carries this one).

    :data:`NONE` (a dataset not yet supplied) beats them all: such a "figure" is not shown.
    Missing values (``None``, ``NaN``) and unknown words are ignored; with none left the
    answer is :data:`NO_STATUS`.
    """
    present = _known(statuses)
    if NONE in present:  # built from a dataset not yet supplied: there is no figure
        return NONE
    for status in reversed(STATUS_ORDER):
        if status in present:
            return status
    return NO_STATUS


def status_mix(statuses: Iterable[object]) -> tuple[str, ...]:
    """The distinct known statuses present, strongest first (``("official", "sample")``); missing ignored."""
    present = _known(statuses)
    return tuple(s for s in STATUS_ORDER if s in present)


def dataset_status(declared: str, row_statuses: Iterable[object] = ()) -> str:
    """The one status a dataset carries wherever it is shown whole: legend, measure, sources
    table, profile, export, briefing.

    The weakest of the status declared for it (the manifest's, or the revision's) and the
    statuses its rows claim: a dataset declared ``official`` whose rows still say ``sample``
    is shown as ``sample`` everywhere, never as both. Rows may claim a *stronger* status only
    where the manifest allows it (``row_statuses``); that never lifts the dataset's status.
    An import is refused instead of settled (``store.row_status_weaker``), so a revision
    records the status it is shown with; this settles the bundled pack and older revisions.
    """
    return weakest_status([declared, *(s for s in row_statuses if s in STATUS_ORDER)])


# --------------------------------------------------------------------------------------
# Thresholds

#: Decimals of an area in km² wherever it is shown or exported (screens, CSV, briefing).
AREA_DECIMALS = 2
#: A kelurahan with less than this share of its area under 4G is a coverage gap.
MIN_SHARE_4G = 0.5


# --------------------------------------------------------------------------------------
# Rounding


def decimals_below(share: float, threshold: float) -> int:
    """Fewest decimals (of a percentage, 0-3) at which ``share`` still reads below ``threshold``.

    49.6 % against 50 % must not print as "50 % (below 50 %)".
    """
    for decimals in (0, 1, 2):
        if round(share * 100, decimals) < round(threshold * 100, decimals):
            return decimals
    return 3


def unit_decimals(unit: str) -> int:
    """Decimals shown for a value of an indicator unit (a key of ``schema.UNITS``)."""
    if unit in ("count", "people"):
        return 0
    if unit.startswith("score"):
        return 2
    return 1


# --------------------------------------------------------------------------------------
# Calendar

#: The bundled pack's Masterplan Smart City 2022-2031: every year a file gives (indicator
#: values, budget lines) lies in it, except the preparation years below.
MASTERPLAN_FIRST_YEAR = 2022
MASTERPLAN_LAST_YEAR = 2031
#: The first year of the city's way to the masterplan (the 2019 network plan, the readiness
#: pitch of October 2020, the 2021 Bimtek). An indicator's baseline may be measured from it;
#: a budget line may be dated from it only as sourced (``official``) context, shown apart
#: and never added to the masterplan's totals.
PREPARATION_FIRST_YEAR = 2019


def last_complete_year(today: date) -> int:
    """The last calendar year that has ended on ``today``: actual values are known up to it."""
    return today.year - 1


#: An as-of date as the pack writes it: a year, a month or a day (``2024``, ``2025-06``, ``2025-07-14``).
AS_OF_PATTERN = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
#: No source of this dashboard can be older: every figure it shows comes from the Republic of
#: Indonesia's agencies, the city and the operators, none of which existed before independence.
#: A fact dated 1850 is a typo, not history.
EARLIEST_AS_OF = date(1945, 8, 17)


def as_of_period(text: str) -> tuple[date, date]:
    """The first and last day an as-of text names (a year, a month or a day).

    Raises :class:`ValueError` when ``text`` is not one of the three forms or is not a
    calendar date (``2026-13-45``, ``2026-02-30``).
    """
    match = AS_OF_PATTERN.match(text.strip())
    if match is None:
        raise ValueError(text)
    year, month, day = (int(part) if part else None for part in match.groups())
    if month is None:
        return date(year, 1, 1), date(year, 12, 31)
    if not 1 <= month <= 12:
        raise ValueError(text)
    last = calendar.monthrange(year, month)[1]
    if day is None:
        return date(year, month, 1), date(year, month, last)
    if not 1 <= day <= last:
        raise ValueError(text)
    return date(year, month, day), date(year, month, day)


def as_of_problem(text: str, today: date) -> tuple[str, dict[str, str]] | None:
    """Why ``text`` cannot be an as-of date on ``today``, or ``None`` when it can.

    The one rule for every as-of date: a data file's ``as_of`` column, the manifest's
    ``as_of``, and what an editor declares (the command line's ``--as-of``, the editors'
    screen). Returns a message key of :mod:`smartcity_geo.strings.errors` with its values:

    - ``bad_date``: not ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``, or no such day;
    - ``date_future``: the period starts after ``today`` (the app's day, never the machine's);
    - ``date_too_early``: the period ends before :data:`EARLIEST_AS_OF`.
    """
    text = text.strip()
    try:
        first, last = as_of_period(text)
    except ValueError:
        return "bad_date", {"got": text}
    if first > today:
        return "date_future", {"got": text, "today": today.isoformat()}
    if last < EARLIEST_AS_OF:
        return "date_too_early", {"got": text, "earliest": EARLIEST_AS_OF.isoformat()}
    return None
