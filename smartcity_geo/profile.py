"""The profile of one kelurahan: its headline figures with their status, hotspots,
tourism areas and kelurahan-level indicators, as text ready for the screen.

Pure functions of the pack and :func:`smartcity_geo.analytics.kelurahan_figures` output;
statuses through :func:`smartcity_geo.planning.dataset_status` (an area is ``computed``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from . import programme, rules
from .datapack import DataPack
from .formatting import MISSING, format_area_km2, format_number, format_percent, format_share, is_missing
from .i18n import localized, localized_column
from .planning import dataset_status, numeric, select, weakest
from .strings import has, t


@dataclass(frozen=True)
class ProfileFigure:
    """One headline figure: label, value and a detail line as text, and its data status."""

    key: str
    label: str
    value: str
    detail: str
    status: str
    dataset: str


@dataclass(frozen=True)
class KelurahanProfile:
    """Everything the profile of one kelurahan shows, as text ready for the screen.

    ``hotspots`` has columns ``name, type, position, status, note``; ``tourism`` has
    ``name, theme, extent, status``; ``indicators`` has ``name, unit, year, actual, target,
    achievement, status`` and is ``None`` when the pack holds no indicators at all (an
    empty frame means the pack has indicators but none for this kelurahan). ``status``
    columns hold the localised status words; ``*_status`` keys hold the raw status.
    """

    code: str
    name: str
    kecamatan: str
    figures: tuple[ProfileFigure, ...]
    hotspots: pd.DataFrame
    hotspots_status: str
    tourism: pd.DataFrame
    tourism_status: str
    indicators: pd.DataFrame | None
    datasets: tuple[str, ...]
    counts: Mapping[str, int]


def _fmt_value(value: object, lang: str) -> str:
    if is_missing(value):
        return MISSING
    number = float(value)  # type: ignore[arg-type]
    return format_number(number, lang, 0 if number.is_integer() else 1)


def _unit(unit: object, lang: str) -> str:
    key = f"prog.unit.{unit}"
    return t(key, lang) if has(key) else str(unit)


def kelurahan_indicators(pack: DataPack, code: str, lang: str = "id") -> pd.DataFrame | None:
    """The kelurahan-level indicators of ``code``: latest actual against that year's target.

    ``None`` when the pack holds no indicators (datasets ``indicators`` and
    ``indicator_values``); an empty frame when none is set for this kelurahan. An
    indicator with no actual yet shows its latest target and no year.
    """
    if not (pack.has("indicators") and pack.has("indicator_values")):
        return None
    defs = pack.table("indicators")
    values = pack.table("indicator_values")
    mine = defs[defs["kelurahan_code"] == code]
    name_col = "name_en" if lang == "en" else "name_id"
    rows = []
    for _, ind in mine.iterrows():
        own = values[values["indicator"] == ind["code"]].sort_values("year")
        with_actual = own[own["actual"].notna()]
        if len(with_actual):
            row = with_actual.iloc[-1]
            year, actual, target = int(row["year"]), row["actual"], row["target"]
        else:
            targets = own[own["target"].notna()]
            row = targets.iloc[-1] if len(targets) else None
            year, actual, target = None, None, (None if row is None else row["target"])
        statuses = [ind["status"]]
        if row is not None:
            statuses += [row["status"], row.get("target_status")]
        achieved = programme.achievement(actual, target, ind["direction"])
        status = weakest(*statuses)
        rows.append(
            {
                "name": ind[name_col],
                "unit": _unit(ind["unit"], lang),
                "year": MISSING if year is None else str(year),
                "actual": _fmt_value(actual, lang),
                "target": _fmt_value(target, lang),
                "achievement": format_percent(achieved, lang) if achieved == achieved else MISSING,
                "status": t(f"status.{status}", lang),
                "status_key": status,
            }
        )
    columns = ["name", "unit", "year", "actual", "target", "achievement", "status", "status_key"]
    return pd.DataFrame(rows, columns=columns)


def _hotspot_rows(hs: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The kelurahan's hotspots as text columns in ``lang``."""
    return pd.DataFrame(
        {
            "name": list(localized_column(hs, "name", lang)),
            "type": [t(f"hotspot.{v}", lang) for v in hs["type"]],
            "position": [t(f"position.{v}", lang) for v in hs["position_method"]],
            "status": [t(f"status.{v}", lang) for v in hs["status"]],
            "note": list(localized_column(hs, "position_note", lang)),
        },
        columns=["name", "type", "position", "status", "note"],
    )


def _tourism_rows(areas: pd.DataFrame, ids: list, status: str, lang: str) -> pd.DataFrame:
    """The tourism areas ``ids`` touching the kelurahan, as text columns in ``lang``."""
    tourism_status = status
    return pd.DataFrame(
        {
            "name": [localized(areas.loc[i], "name", lang) for i in ids],
            "theme": [t(f"theme.{areas.loc[i, 'theme']}", lang) for i in ids],
            "extent": [t(f"extent.{areas.loc[i, 'extent_method']}", lang) for i in ids],
            "status": [t(f"status.{tourism_status}", lang)] * len(ids),
        },
        columns=["name", "theme", "extent", "status"],
    )


def _profile_figures(num, n_tourism: int, statuses: dict[str, str], lang: str) -> tuple[ProfileFigure, ...]:
    """The headline figures of a profile, each with its status and dataset."""
    fibre = num["fibre"]
    fibre_text = (
        t("kel.fig.fibre_unknown", lang) if is_missing(fibre) else t("common.yes" if fibre else "common.no", lang)
    )
    public, internal = int(num["hotspots_public"]), int(num["hotspots_internal"])
    return (
        ProfileFigure(
            "area",
            t("kel.fig.area", lang),
            format_area_km2(num["area_km2"], lang),
            t("kel.fig.area_detail", lang),
            statuses["area"],
            "kelurahan",
        ),
        ProfileFigure(
            "hotspots",
            t("kel.fig.hotspots", lang),
            format_number(public + internal, lang),
            t(
                "kel.fig.hotspots_detail",
                lang,
                public=format_number(public, lang),
                internal=format_number(internal, lang),
            ),
            statuses["hotspots"],
            "hotspots",
        ),
        ProfileFigure(
            "share_4g",
            t("kel.fig.share_4g", lang),
            format_share(num["share_4g"], lang, rules.MIN_SHARE_4G),
            t(
                "kel.fig.share_4g_detail",
                lang,
                three=format_share(num["share_3g_only"], lang),
                none=format_share(num["share_no_mobile"], lang),
            ),
            statuses["coverage"],
            "cell_sites",
        ),
        ProfileFigure(
            "fibre",
            t("kel.fig.fibre", lang),
            fibre_text,
            t(
                "kel.fig.fibre_detail",
                lang,
                households=format_percent(num["households_passed_share"], lang),
                providers=_fmt_value(num["providers"], lang),
            ),
            statuses["broadband"],
            "broadband",
        ),
        ProfileFigure(
            "tourism",
            t("kel.fig.tourism", lang),
            format_number(n_tourism, lang),
            t("kel.fig.tourism_detail", lang),
            statuses["tourism"],
            "tourism_areas",
        ),
    )


def profile(pack: DataPack, figures: pd.DataFrame, code: str, lang: str = "id") -> KelurahanProfile:
    """The profile of kelurahan ``code``: figures with their status, hotspots, tourism, indicators.

    Each figure's status is the weakest of its dataset's manifest status and the statuses
    of the rows it is computed from (a seed list with one sample row counts as sample).
    """
    one = select(figures, [code])
    row, num = one.iloc[0], numeric(one).iloc[0]
    meta = pack.meta

    hs_all = pack.table("hotspots")
    hs = hs_all[hs_all["kelurahan_code"] == code]
    hotspots_status = weakest(meta("hotspots").declared_status, *hs["status"])
    hotspots = _hotspot_rows(hs, lang)

    bb = pack.table("broadband")
    bb_rows = bb[bb["kelurahan_code"] == code]
    broadband_status = weakest(meta("broadband").declared_status, *bb_rows["status"])
    coverage_status = dataset_status(pack, "cell_sites", computed=True)

    areas = pack.table("tourism_areas").set_index("id")
    ids = [i for i in row["tourism_area_ids"] if i in areas.index]
    tourism_status = weakest(meta("tourism_areas").status)
    tourism = _tourism_rows(areas, ids, tourism_status, lang)

    public, internal = int(num["hotspots_public"]), int(num["hotspots_internal"])
    statuses = {"hotspots": hotspots_status, "coverage": coverage_status, "broadband": broadband_status}
    area_status = dataset_status(pack, "kelurahan", computed=True)  # computed from the boundaries: never above them
    figs = _profile_figures(num, len(ids), {**statuses, "tourism": tourism_status, "area": area_status}, lang)
    datasets = ["kelurahan", "hotspots", "cell_sites", "broadband", "tourism_areas"]
    indicators = kelurahan_indicators(pack, code, lang)
    if indicators is not None:
        datasets.append("indicators")
    return KelurahanProfile(
        code=code,
        name=str(row["kelurahan"]),
        kecamatan=str(row["kecamatan"]),
        figures=figs,
        hotspots=hotspots,
        hotspots_status=hotspots_status,
        tourism=tourism,
        tourism_status=tourism_status,
        indicators=indicators,
        datasets=tuple(d for d in datasets if d in pack.metas),
        counts={"hotspots_public": public, "hotspots_internal": internal, "tourism_areas": len(ids)},
    )
