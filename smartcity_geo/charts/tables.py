"""Tables shown beside the programme charts: formatted strings, headers in the language,
a data-status column on every row."""

from __future__ import annotations

import pandas as pd

from .. import programme as prog
from .. import rules
from ..formatting import (
    MISSING,
    format_number,
    format_rupiah,
    format_signed_percent,
    format_year,
    is_missing,
)
from ..i18n import localized, localized_column
from ..rules import status_mix
from ..schema import PERIOD_START
from ..strings import normalise_lang, t
from .budget import budget_totals
from .style import (
    Tables,
    _pct,
    _status_label,
    kelurahan_names,
    name_map,
)

# --------------------------------------------------------------------------------------
# Tables shown beside the charts (formatted strings, headers in the language)


def indicator_table(
    tables: Tables,
    year: int,
    lang: str = "id",
    *,
    element: str | None = None,
    subdimension: str | None = None,
    kelurahan_code: str | None = None,
    city: bool = True,
) -> pd.DataFrame:
    """Drill-down table: each indicator's target, actual, achievement, state and source.

    ``element`` / ``subdimension`` narrow the rows; ``city`` keeps city-wide indicators;
    ``kelurahan_code`` adds (or, with ``city=False``, shows only) that kelurahan's ones.
    """
    lang = normalise_lang(lang)
    defs = tables["indicators"]
    mask = pd.Series(False, index=defs.index)
    if city:
        mask |= defs["kelurahan_code"].isna()
    if kelurahan_code:
        mask |= defs["kelurahan_code"] == kelurahan_code
    if subdimension:
        mask &= defs["subdimension"] == subdimension
    elif element:
        mask &= defs["subdimension"].astype(str).str.startswith(f"{element}-")
    defs = defs[mask]
    status = prog.indicator_status(defs, tables["indicator_values"], year).set_index("indicator")
    values = tables["indicator_values"]
    this_year = values[values["year"] == year]
    notes = dict(zip(this_year["indicator"], localized_column(this_year, "note", lang), strict=True))
    names = name_map(tables["indicators"], lang)
    sub_names = name_map(tables["subdimensions"], lang)
    kel_names = kelurahan_names(tables)
    records = []
    for _, row in defs.iterrows():
        code = row["code"]
        rec = status.loc[code]
        unit = str(row["unit"])
        decimals = rules.unit_decimals(unit)

        def num(value: object, decimals: int = decimals) -> str:
            return format_number(value, lang, decimals) if not is_missing(value) else MISSING

        data_status = status_mix(
            ([rec["status"]] if not is_missing(rec["actual"]) else [])
            + ([rec["target_status"]] if not is_missing(rec["target"]) else [])
        )
        note = notes.get(code) or localized(row, "note", lang)
        record = {
            t("ind.col.code", lang): code,
            t("ind.col.name", lang): names[code],
            t("ind.col.target", lang): num(rec["target"]),
            t("ind.col.actual", lang): num(rec["actual"]),
            t("ind.col.achievement", lang): _pct(rec["achievement"], lang),
            t("ind.col.state", lang): t(f"ind.state.{rec['state']}", lang),
            t("ind.col.data_status", lang): ", ".join(_status_label(s, lang) for s in data_status) or MISSING,
            t("ind.col.unit", lang): t(f"prog.unit.{unit}", lang),
            t("ind.col.direction", lang): t(f"prog.direction.{row['direction']}", lang),
            t("ind.col.baseline", lang): (
                f"{num(row['baseline'])} ({int(row['baseline_year'])})"
                if not is_missing(row["baseline"]) and not is_missing(row["baseline_year"])
                else num(row["baseline"])
            ),
            t("prog.subdimension", lang): sub_names.get(row["subdimension"], row["subdimension"]),
            t("ind.col.agency", lang): row["agency"],
            t("ind.col.source", lang): rec["source"] if not is_missing(rec["actual"]) else row["source"],
            t("ind.col.note", lang): "" if is_missing(note) else str(note),
        }
        if kelurahan_code:
            record[t("ind.col.kelurahan", lang)] = (
                kel_names.get(row["kelurahan_code"], row["kelurahan_code"])
                if not is_missing(row["kelurahan_code"])
                else MISSING
            )
        records.append(record)
    return pd.DataFrame.from_records(records)


def state_counts(
    tables: Tables, year: int, *, element: str | None = None, rollups: prog.Rollups | None = None
) -> dict[str, int]:
    """How many city-wide indicators are on track / behind / without data in ``year``."""
    if rollups is not None:
        states = rollups.states(year, element=element)
        return {state: int((states == state).sum()) for state in prog.STATES}
    defs = prog.city_indicators(tables["indicators"])
    if element:
        defs = defs[defs["subdimension"].astype(str).str.startswith(f"{element}-")]
    states = prog.indicator_status(defs, tables["indicator_values"], year)["state"]
    return {state: int((states == state).sum()) for state in prog.STATES}


def budget_table(tables: Tables, lang: str = "id") -> pd.DataFrame:
    """Year totals: planned, realised, share spent, change, flag and data status."""
    lang = normalise_lang(lang)
    totals = budget_totals(tables["budget"])
    records = []
    for _, rec in totals.iterrows():
        records.append(
            {
                t("bud.col.year", lang): format_year(rec["year"]),
                t("bud.col.planned", lang): format_rupiah(rec["planned"], lang),
                t("bud.col.realised", lang): format_rupiah(rec["realised"], lang),
                t("bud.col.rate", lang): _pct(rec["realisation_rate"], lang),
                t("bud.col.change", lang): format_rupiah(rec["change"], lang, signed=True),
                t("bud.col.change_pct", lang): format_signed_percent(rec["change_pct"], lang),
                t("bud.col.flag", lang): t("bud.flag", lang) if rec["not_rising"] else "",
                t("bud.col.data_status", lang): _status_label(rec["status"], lang)
                if not is_missing(rec["status"])
                else MISSING,
            }
        )
    return pd.DataFrame.from_records(records)


def budget_lines_table(tables: Tables, lang: str = "id", *, before_masterplan: bool = False) -> pd.DataFrame:
    """Budget lines with programme, agency, source and note.

    ``before_masterplan=True`` gives only the lines before 2022 (context, not compared).
    """
    lang = normalise_lang(lang)
    budget = tables["budget"]
    years = budget["year"].astype(int)
    lines = budget[years < PERIOD_START] if before_masterplan else budget[years >= PERIOD_START]
    names = name_map(tables["elements"], lang)
    records = []
    for _, rec in lines.iterrows():
        records.append(
            {
                t("bud.col.year", lang): format_year(rec["year"]),
                t("bud.col.element", lang): names.get(rec["element"], rec["element"]),
                t("bud.col.programme", lang): localized(rec, "programme", lang),
                t("bud.col.agency", lang): "" if is_missing(rec["agency"]) else rec["agency"],
                t("bud.col.planned", lang): format_rupiah(rec["planned_idr"], lang),
                t("bud.col.realised", lang): format_rupiah(rec["realised_idr"], lang),
                t("bud.col.data_status", lang): _status_label(rec["status"], lang),
                t("bud.col.source", lang): rec["source"],
                t("bud.col.note", lang): localized(rec, "note", lang),
            }
        )
    return pd.DataFrame.from_records(records)


def framework_table(tables: dict[str, pd.DataFrame], lang: str) -> pd.DataFrame:
    """The national framework: each of the six elements with its sub-dimensions (codes and names).

    Shown where a region has no indicators yet: what its indicators will be measured against.
    """
    column = "name_en" if normalise_lang(lang) == "en" else "name_id"
    elements = dict(zip(tables["elements"]["code"], tables["elements"][column], strict=True))
    subs = tables["subdimensions"].sort_values("code")
    return pd.DataFrame(
        {
            t("ind.col.element", lang): [elements.get(e, e) for e in subs["element"]],
            t("ind.col.code", lang): list(subs["code"]),
            t("ind.col.subdimension", lang): list(subs[column]),
        }
    )
