"""Programme analytics: indicator achievement and budget commitment.

NOTE: about 460 lines on purpose. This is one job, the arithmetic of the masterplan's
programme tables, and :class:`Rollups` hands the screens, exports and briefing the
indicator roll-ups and the budget totals together, computed once from the same tables
and the same period; half of the module is this docstring and the per-function
definitions of each figure, which belong beside the code that computes them.

Pure functions of the programme tables (see :mod:`smartcity_geo.schema`); no I/O,
no styling, no words. Achievements and shares are fractions (``1.0`` = 100 %).

Achievement of an indicator in a year
    Direction-aware ratio of actual to target:

    - ``higher`` is better: ``actual / target``;
    - ``lower`` is better: ``target / actual`` (twice the target gives 50 %).

    The raw ratio is kept (``achievement_raw``); the shown value (``achievement``) is
    capped to ``0 .. ACHIEVEMENT_CAP`` (150 %) so one runaway indicator cannot dominate
    an average. A missing actual or target gives ``NaN`` - never 0.

Status of an indicator in a year (:func:`indicator_status`)
    ``on_track``
        actual and target are both known for that year and the actual meets or beats
        the target (raw achievement >= ``threshold``, default 100 %);
    ``behind``
        both known and the actual falls short of the target;
    ``no_data``
        the actual or the target for that year is missing (including years that have
        not ended yet).

Roll-ups
    A sub-dimension's achievement is the mean of the capped achievements of its
    indicators that have data in that year; an element's is the mean of its
    sub-dimensions' means, so each of the three sub-dimensions weighs the same however
    many indicators it has. Kelurahan-level indicators (``kelurahan_code`` set) are left
    out of the city roll-ups by default: they describe a few kelurahan, not the city.

Budget
    Budget lines are additive. Year totals compare each year with the calendar year
    before it; a year whose total is not higher than the year before is flagged
    ``not_rising`` (the city commits to raising its smart-city budget every year). The
    first year, or a year after a year without lines, has no change and no flag.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd

from . import rules
from .schema import PERIOD_END, PERIOD_START

ACHIEVEMENT_CAP = 1.5
ON_TRACK_THRESHOLD = 1.0

IndicatorState = Literal["on_track", "behind", "no_data"]
STATES: tuple[str, ...] = ("on_track", "behind", "no_data")
# Provenance from strongest to weakest; a combination takes the weakest part.
STATUS_ORDER: tuple[str, ...] = rules.STATUS_ORDER  # one home: smartcity_geo.rules


TABLE_KEYS: tuple[str, ...] = ("elements", "subdimensions", "indicators", "indicator_values", "budget")


# --------------------------------------------------------------------------------------
# Small helpers


def tables_of(pack) -> dict[str, pd.DataFrame]:
    """The programme tables (and ``kelurahan`` when present) of a data pack, by key."""
    keys = [*TABLE_KEYS, *(["kelurahan"] if pack.has("kelurahan") else [])]
    return {key: pack.table(key) for key in keys}


def has_programme(pack) -> bool:
    """True when the pack holds every programme dataset."""
    return all(pack.has(key) for key in TABLE_KEYS)


def _isna(value: object) -> bool:
    return value is None or bool(pd.isna(value))


def city_indicators(indicators: pd.DataFrame) -> pd.DataFrame:
    """Indicators of the whole city (no kelurahan code)."""
    return indicators[indicators["kelurahan_code"].isna()]


def indicators_for(indicators: pd.DataFrame, kelurahan_code: str | None = None) -> pd.DataFrame:
    """City-wide indicators, plus those of ``kelurahan_code`` when one is selected."""
    mask = indicators["kelurahan_code"].isna()
    if kelurahan_code:
        mask = mask | (indicators["kelurahan_code"] == kelurahan_code)
    return indicators[mask]


def kelurahan_with_indicators(indicators: pd.DataFrame) -> list[str]:
    """Kelurahan codes that have kelurahan-level indicators, sorted."""
    return sorted(str(c) for c in indicators["kelurahan_code"].dropna().unique())


# --------------------------------------------------------------------------------------
# Achievement


def achievement(actual: object, target: object, direction: str) -> float:
    """Raw direction-aware achievement (uncapped); ``NaN`` if either value is missing.

    >>> achievement(80, 100, "higher")
    0.8
    >>> achievement(4, 2, "lower")
    0.5

    NOTE: a zero denominator means the target is met by any value: ``higher`` with
    target 0, or ``lower`` with actual 0. The ratio is then ``inf`` (``1.0`` if both are
    0) and the capped value is the cap.
    """
    if _isna(actual) or _isna(target):
        return float("nan")
    a, t = float(actual), float(target)  # type: ignore[arg-type]
    if direction == "higher":
        num, den = a, t
    elif direction == "lower":
        num, den = t, a
    else:
        raise ValueError(f"direction must be 'higher' or 'lower', got {direction!r}")
    if den == 0:
        return 1.0 if num == 0 else float("inf")
    return num / den


def cap_achievement(raw: object, cap: float = ACHIEVEMENT_CAP) -> float:
    """``raw`` clipped to ``0 .. cap``; ``NaN`` stays ``NaN``."""
    if _isna(raw):
        return float("nan")
    return float(min(max(float(raw), 0.0), cap))  # type: ignore[arg-type]


def achievement_table(
    indicators: pd.DataFrame,
    values: pd.DataFrame,
    *,
    years: Iterable[int] | None = None,
    cap: float = ACHIEVEMENT_CAP,
) -> pd.DataFrame:
    """One row per indicator and year, with target, actual and achievement.

    Every indicator gets every year in ``years`` (default: the masterplan period
    2022-2031), so a missing year is a row with ``NaN`` - a gap in a chart, never a 0.

    Columns: ``indicator, year, subdimension, element, direction, unit, kelurahan_code,
    target, actual, achievement_raw, achievement, status, target_status, source``.
    """
    years = list(range(PERIOD_START, PERIOD_END + 1) if years is None else years)
    defs = indicators[["code", "subdimension", "direction", "unit", "kelurahan_code"]].rename(
        columns={"code": "indicator"}
    )
    defs = defs.assign(element=defs["subdimension"].astype(str).str.split("-").str[0])
    grid = defs.merge(pd.DataFrame({"year": years}), how="cross")
    cols = ["indicator", "year", "target", "actual", "status", "target_status", "source"]
    vals = values[[c for c in cols if c in values.columns]].copy()
    vals["year"] = vals["year"].astype(int)
    if "target_status" not in vals.columns:
        vals["target_status"] = None
    table = grid.merge(vals, on=["indicator", "year"], how="left")
    table["target"] = pd.to_numeric(table["target"], errors="coerce").astype("float64")
    table["actual"] = pd.to_numeric(table["actual"], errors="coerce").astype("float64")
    table["target_status"] = table["target_status"].where(table["target_status"].notna(), table["status"])
    table["achievement_raw"] = [
        achievement(a, t, d) for a, t, d in zip(table["actual"], table["target"], table["direction"], strict=True)
    ]
    table["achievement"] = [cap_achievement(r, cap) for r in table["achievement_raw"]]
    order = [
        "indicator",
        "year",
        "subdimension",
        "element",
        "direction",
        "unit",
        "kelurahan_code",
        "target",
        "actual",
        "achievement_raw",
        "achievement",
        "status",
        "target_status",
        "source",
    ]
    return table[order].sort_values(["indicator", "year"], kind="stable").reset_index(drop=True)


def state_of(raw: object, threshold: float = ON_TRACK_THRESHOLD) -> IndicatorState:
    """``on_track`` / ``behind`` / ``no_data`` for one raw achievement (see module notes)."""
    if _isna(raw):
        return "no_data"
    return "on_track" if float(raw) >= threshold else "behind"  # type: ignore[arg-type]


def indicator_status(
    indicators: pd.DataFrame,
    values: pd.DataFrame,
    year: int,
    *,
    threshold: float = ON_TRACK_THRESHOLD,
    cap: float = ACHIEVEMENT_CAP,
) -> pd.DataFrame:
    """Each indicator's figures and state in ``year`` (one row per indicator).

    Columns: those of :func:`achievement_table` plus ``state``.
    """
    table = achievement_table(indicators, values, years=[year], cap=cap)
    table["state"] = [state_of(r, threshold) for r in table["achievement_raw"]]
    return table


# --------------------------------------------------------------------------------------
# Roll-ups


def _rollup_groups(table: pd.DataFrame, by: list[str], threshold: float) -> pd.DataFrame:
    table = table.assign(state=[state_of(r, threshold) for r in table["achievement_raw"]])
    grouped = table.groupby(by, sort=True, dropna=False)
    out = grouped.agg(
        achievement=("achievement", "mean"),
        n_indicators=("indicator", "nunique"),
        n_with_data=("achievement", "count"),
    )
    states = table.groupby([*by, "state"]).size().unstack("state").reindex(columns=list(STATES), fill_value=0)
    out = out.join(states.fillna(0).astype(int).add_prefix("n_"))
    # Provenance of the figures actually used: actual statuses and target statuses.
    used = pd.concat(
        [
            table.loc[table["actual"].notna(), [*by, "status"]],
            table.loc[table["target"].notna(), [*by, "target_status"]].rename(columns={"target_status": "status"}),
        ]
    )
    status = (
        used.groupby(by, sort=True)["status"].agg(rules.weakest_status) if not used.empty else pd.Series(dtype=object)
    )
    out["status"] = status.reindex(out.index).astype(object)
    out["status"] = out["status"].where(out["status"].notna(), None)
    return out.reset_index()


def subdimension_rollup(
    indicators: pd.DataFrame,
    values: pd.DataFrame,
    *,
    years: Iterable[int] | None = None,
    include_kelurahan: bool = False,
    threshold: float = ON_TRACK_THRESHOLD,
) -> pd.DataFrame:
    """Mean capped achievement per sub-dimension and year.

    Columns: ``subdimension, year, element, achievement, n_indicators, n_with_data,
    n_on_track, n_behind, n_no_data, status`` (``status`` = weakest provenance of the
    figures used; ``None`` if none).
    """
    defs = indicators if include_kelurahan else city_indicators(indicators)
    table = achievement_table(defs, values, years=years)
    out = _rollup_groups(table, ["subdimension", "year"], threshold)
    out["element"] = out["subdimension"].astype(str).str.split("-").str[0]
    return out


def element_rollup(
    indicators: pd.DataFrame,
    values: pd.DataFrame,
    *,
    years: Iterable[int] | None = None,
    include_kelurahan: bool = False,
    threshold: float = ON_TRACK_THRESHOLD,
) -> pd.DataFrame:
    """Achievement per element and year: the mean of its sub-dimensions' means.

    Columns: ``element, year, achievement, n_subdimensions_with_data, n_indicators,
    n_with_data, n_on_track, n_behind, n_no_data, status``.
    """
    subs = subdimension_rollup(
        indicators, values, years=years, include_kelurahan=include_kelurahan, threshold=threshold
    )
    return element_rollup_of(subs)


def element_rollup_of(subs: pd.DataFrame) -> pd.DataFrame:
    """:func:`element_rollup` from a sub-dimension roll-up already computed."""
    grouped = subs.groupby(["element", "year"], sort=True)
    out = grouped.agg(
        achievement=("achievement", "mean"),
        n_subdimensions_with_data=("achievement", "count"),
        n_indicators=("n_indicators", "sum"),
        n_with_data=("n_with_data", "sum"),
        n_on_track=("n_on_track", "sum"),
        n_behind=("n_behind", "sum"),
        n_no_data=("n_no_data", "sum"),
    )
    out["status"] = grouped["status"].agg(rules.weakest_status)
    return out.reset_index()


# --------------------------------------------------------------------------------------
# Budget


def _realised_sum(series: pd.Series) -> float:
    """Sum of realised amounts, or ``NaN`` unless every line has one (no partial sums)."""
    if series.empty or series.isna().any():
        return float("nan")
    return float(series.sum())


def budget_by_year_element(budget: pd.DataFrame, *, start: int | None = PERIOD_START) -> pd.DataFrame:
    """Planned and realised rupiah per year and element (years >= ``start``).

    ``realised`` is ``NaN`` unless every line of that year and element has a realised
    amount: a partial sum would understate spending. Columns: ``year, element, planned,
    realised, n_lines, status``.
    """
    lines = budget if start is None else budget[budget["year"].astype(int) >= start]
    lines = lines.assign(year=lines["year"].astype(int))
    grouped = lines.groupby(["year", "element"], sort=True)
    out = grouped.agg(planned=("planned_idr", "sum"), n_lines=("planned_idr", "size"))
    out["realised"] = grouped["realised_idr"].agg(_realised_sum)
    out["status"] = grouped["status"].agg(rules.weakest_status)
    return out.reset_index()[["year", "element", "planned", "realised", "n_lines", "status"]]


def budget_totals(budget: pd.DataFrame, *, start: int | None = PERIOD_START) -> pd.DataFrame:
    """Year totals with the change from the year before and the not-rising flag.

    Columns: ``year, planned, realised, realisation_rate, change, change_pct,
    not_rising, status``:

    - ``change`` = planned total minus the previous *calendar* year's planned total
      (``NaN`` when that year has no lines); ``change_pct`` = change / previous total;
    - ``not_rising`` is True when ``change <= 0`` - the total did not rise;
    - ``realised`` is ``NaN`` unless every line of the year has a realised amount;
      ``realisation_rate`` = realised / planned.
    """
    lines = budget if start is None else budget[budget["year"].astype(int) >= start]
    lines = lines.assign(year=lines["year"].astype(int))
    grouped = lines.groupby("year", sort=True)
    out = grouped.agg(planned=("planned_idr", "sum"))
    out["realised"] = grouped["realised_idr"].agg(_realised_sum)
    out["status"] = grouped["status"].agg(rules.weakest_status)
    out = out.reset_index()
    previous = out.set_index("year")["planned"].rename(lambda y: y + 1)
    prev = out["year"].map(previous).astype("float64")
    out["change"] = out["planned"] - prev
    out["change_pct"] = np.where(prev > 0, out["change"] / prev, np.nan)
    out["not_rising"] = (out["change"] <= 0).fillna(False).astype(bool)
    out["realisation_rate"] = np.where(out["planned"] > 0, out["realised"] / out["planned"], np.nan)
    return out[["year", "planned", "realised", "realisation_rate", "change", "change_pct", "not_rising", "status"]]


def not_rising_years(budget: pd.DataFrame, *, start: int | None = PERIOD_START) -> list[int]:
    """Years whose total budget did not rise over the year before."""
    totals = budget_totals(budget, start=start)
    return [int(y) for y in totals.loc[totals["not_rising"], "year"]]


def pre_masterplan_budget(budget: pd.DataFrame) -> pd.DataFrame:
    """Budget lines from before the masterplan period (context only, not comparable)."""
    return budget[budget["year"].astype(int) < PERIOD_START].sort_values("year", kind="stable")


# --------------------------------------------------------------------------------------
# Every roll-up at once (computed once per data version by the app's cache)


@dataclass(frozen=True)
class Rollups:
    """The programme roll-ups the screens show, each computed once.

    Treat the frames as read-only: one instance is shared by every session.

    Attributes
    ----------
    achievements : DataFrame
        :func:`achievement_table` of every indicator (city and kelurahan) and every year
        of the masterplan, with ``state`` (:func:`state_of`).
    subdimensions, elements : DataFrame
        :func:`subdimension_rollup` and :func:`element_rollup` (city indicators), every year.
    budget_by_element : DataFrame
        :func:`budget_by_year_element` of every line from the masterplan's start.
    budget_by_element_status : DataFrame
        The same per data status too (``year, element, status, planned, ...``), so a
        stacked bar keeps official parts apart from sample ones.
    budget_totals : DataFrame
        :func:`budget_totals`.
    """

    achievements: pd.DataFrame
    subdimensions: pd.DataFrame
    elements: pd.DataFrame
    budget_by_element: pd.DataFrame
    budget_by_element_status: pd.DataFrame
    budget_totals: pd.DataFrame

    def elements_in(self, year: int) -> pd.DataFrame:
        """The element roll-up of one year (as ``element_rollup(..., years=[year])``)."""
        return self.elements[self.elements["year"] == year].reset_index(drop=True)

    def states(self, year: int, *, element: str | None = None, city: bool = True) -> pd.Series:
        """The ``state`` of each indicator in ``year`` (city-wide ones when ``city``)."""
        rows = self.achievements[self.achievements["year"] == year]
        if city:
            rows = rows[rows["kelurahan_code"].isna()]
        if element:
            rows = rows[rows["element"] == element]
        return rows["state"]


def rollups(tables: Mapping[str, pd.DataFrame], *, threshold: float = ON_TRACK_THRESHOLD) -> Rollups:
    """Every roll-up of :class:`Rollups` from the programme tables, each computed once."""
    years = list(range(PERIOD_START, PERIOD_END + 1))
    indicators, values, budget = tables["indicators"], tables["indicator_values"], tables["budget"]
    table = achievement_table(indicators, values, years=years)
    table["state"] = [state_of(r, threshold) for r in table["achievement_raw"]]
    city = table[table["kelurahan_code"].isna()]
    subs = _rollup_groups(city.drop(columns="state"), ["subdimension", "year"], threshold)
    subs["element"] = subs["subdimension"].astype(str).str.split("-").str[0]
    by_status = [
        budget_by_year_element(budget[budget["status"] == status]).drop(columns="status").assign(status=status)
        for status in STATUS_ORDER
        if (budget["status"] == status).any()
    ]
    return Rollups(
        achievements=table,
        subdimensions=subs,
        elements=element_rollup_of(subs),
        budget_by_element=budget_by_year_element(budget),
        budget_by_element_status=pd.concat(by_status, ignore_index=True)
        if by_status
        else pd.DataFrame(columns=["year", "element", "planned", "realised", "n_lines", "status"]),
        budget_totals=budget_totals(budget),
    )
