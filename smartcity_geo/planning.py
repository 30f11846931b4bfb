"""Planning views of the per-kelurahan figures: comparison, averages, gaps and their data status.

Pure functions of :func:`smartcity_geo.analytics.kelurahan_figures` output (one row per
kelurahan) and the pack's tables; no I/O, no Streamlit. Words come from
:mod:`smartcity_geo.strings`, numbers through :mod:`smartcity_geo.formatting`.

Every figure names the dataset it comes from (:data:`COLUMNS`), so a screen can show its
data status from the manifest and the rows, never hard-coded. A figure the dashboard
computes (an area from the simplified boundary polygons, a coverage share from cell
sites) is ``computed`` at best and never borrows its source's ``official``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

import pandas as pd

from . import rules
from .datapack import DataPack
from .formatting import format_number, format_percent, format_share, is_missing
from .strings import t

if TYPE_CHECKING:
    from pandas.io.formats.style import Styler


def city_code(figures: pd.DataFrame) -> str:
    """The region's Kemendagri code (from its village codes): the code of the region-average row.

    ``PP.KK`` when every village is in one kab/kota, else the province's ``PP``.
    """
    if not len(figures):
        return ""
    kabkota = {".".join(str(code).split(".")[:2]) for code in figures["kode"]}
    return kabkota.pop() if len(kabkota) == 1 else str(figures["kode"].iloc[0]).split(".")[0]


Average = Literal["mean", "area_weighted", "share_true"]


@dataclass(frozen=True)
class FigureColumn:
    """One figure of the comparison: its column, source dataset, how the city averages it,
    and whether the dashboard computes it (then its status is ``computed`` at best)."""

    name: str
    dataset: str
    average: Average
    computed: bool = False


COLUMNS: tuple[FigureColumn, ...] = (
    FigureColumn("area_km2", "kelurahan", "mean", computed=True),
    FigureColumn("hotspots_public", "hotspots", "mean"),
    FigureColumn("hotspots_internal", "hotspots", "mean"),
    FigureColumn("share_4g", "cell_sites", "area_weighted", computed=True),
    FigureColumn("share_3g_only", "cell_sites", "area_weighted", computed=True),
    FigureColumn("share_no_mobile", "cell_sites", "area_weighted", computed=True),
    FigureColumn("fibre", "broadband", "share_true"),
    FigureColumn("households_passed_share", "broadband", "mean"),
    FigureColumn("providers", "broadband", "mean"),
    FigureColumn("tourism_areas", "tourism_areas", "mean"),
)
FIGURE_NAMES: tuple[str, ...] = tuple(c.name for c in COLUMNS)
LABEL_NAMES: tuple[str, ...] = ("kode", "kelurahan", "kecamatan")
GAP_REASONS: tuple[str, ...] = ("no_public_hotspot", "low_4g", "no_fibre")
MEASURES: tuple[str, ...] = (
    "share_4g",
    "share_3g_only",
    "share_no_mobile",
    "households_passed_share",
    "hotspots_public",
    "hotspots_internal",
    "providers",
    "area_km2",
)  # figures a planner can chart (see :func:`average_rows`)
_NOISE = 1e-9  # shares from polygon arithmetic carry ~1e-14 residue; below this is 0


def _check_codes(figures: pd.DataFrame, codes: Iterable[str]) -> list[str]:
    codes = list(dict.fromkeys(codes))
    unknown = sorted(set(codes) - set(figures["kode"]))
    if unknown:
        raise ValueError(
            f"unknown kelurahan code(s) {', '.join(unknown)}: expected codes of the figures table "
            "(PP.KK.CC.DDDD); pass codes from the pack's kelurahan table"
        )
    return codes


def select(figures: pd.DataFrame, codes: Iterable[str] = ()) -> pd.DataFrame:
    """The rows of ``codes`` (in the figures' order), or every row when ``codes`` is empty."""
    codes = _check_codes(figures, codes)
    part = figures[figures["kode"].isin(codes)] if codes else figures
    return part.reset_index(drop=True)


def numeric(figures: pd.DataFrame) -> pd.DataFrame:
    """The figures as numbers: shares clipped to 0..1, fibre as 1.0/0.0 (NaN unknown)."""
    out = figures[list(LABEL_NAMES)].copy()
    out["area_km2"] = figures["area_km2"].astype("float64")
    for name in ("hotspots_public", "hotspots_internal"):
        out[name] = figures[name].astype("int64")
    for name in ("share_4g", "share_3g_only", "share_no_mobile", "households_passed_share"):
        share = pd.to_numeric(figures[name], errors="coerce").astype("float64").clip(0.0, 1.0)
        out[name] = share.mask(share.abs() < _NOISE, 0.0)
    out["fibre"] = [float("nan") if is_missing(v) else float(bool(v)) for v in figures["fibre"]]
    out["providers"] = pd.to_numeric(figures["providers"], errors="coerce").astype("float64")
    out["tourism_areas"] = [len(ids) for ids in figures["tourism_area_ids"]]
    return out


def city_average(figures: pd.DataFrame) -> dict[str, float]:
    """The city-average figures over *all* rows of ``figures`` (see :func:`comparison_table`)."""
    num = numeric(figures)
    area = num["area_km2"]
    result: dict[str, float] = {}
    for col in COLUMNS:
        values = num[col.name].astype("float64")
        known = values.notna()
        if col.average == "area_weighted":
            weight = area[known].sum()
            result[col.name] = float((values[known] * area[known]).sum() / weight) if weight else float("nan")
        else:  # "mean", and "share_true" (the mean of 1.0/0.0 is the share of True)
            result[col.name] = float(values[known].mean()) if known.any() else float("nan")
    return result


def comparison_table(figures: pd.DataFrame, codes: Sequence[str] = (), *, lang: str = "id") -> pd.DataFrame:
    """The selected kelurahan (all when ``codes`` is empty) and a final city-average row.

    Columns: ``kode, kelurahan, kecamatan``, the figures of :data:`COLUMNS` and ``is_city``.
    Kelurahan rows hold each kelurahan's figures; ``fibre`` is 1.0 / 0.0 (NaN when not
    known) and ``tourism_areas`` the number of tourism areas.

    The last row (``kode`` = :func:`city_code`, the region's code; ``is_city`` True) is the average of the
    **whole city** (all rows of ``figures``, whatever the selection), defined per column:

    - shares of area (``share_4g``, ``share_3g_only``, ``share_no_mobile``): weighted by
      kelurahan area, ``sum(share_i * area_i) / sum(area_i)``: the share of the city's
      area;
    - counts (``hotspots_*``, ``providers``, ``tourism_areas``) and ``area_km2``: the
      mean per kelurahan;
    - ``households_passed_share``: the unweighted mean per kelurahan (the pack has no
      household counts to weight by);
    - ``fibre``: the share of kelurahan with fibre.

    Missing values are left out of an average, never counted as 0.

    NOTE: the area-weighted shares sum the kelurahan polygons, which overlap and leave
    slivers a little (the source polygons were simplified one by one), so they can differ
    in the third digit from :func:`smartcity_geo.analytics.city_summary`, which measures
    the dissolved city outline.
    """
    rows = numeric(select(figures, codes))
    rows["is_city"] = False
    city = {
        "kode": city_code(figures),
        "kelurahan": t("kel.city_average", lang),
        "kecamatan": t("common.city", lang),
        **city_average(figures),
        "is_city": True,
    }
    table = pd.concat([rows, pd.DataFrame([city])], ignore_index=True)[[*LABEL_NAMES, *FIGURE_NAMES, "is_city"]]
    for name in ("hotspots_public", "hotspots_internal", "tourism_areas"):
        table[name] = table[name].astype("float64")  # the city row holds means
    return table


def kelurahan_rows(figures: pd.DataFrame, codes: Sequence[str] = ()) -> pd.DataFrame:
    """The selected kelurahan (all when ``codes`` is empty) as numbers, without any average row.

    The sortable part of the comparison; the averages stay apart (:func:`average_rows`).
    """
    rows = numeric(select(figures, codes))
    for name in ("hotspots_public", "hotspots_internal", "tourism_areas"):
        rows[name] = rows[name].astype("float64")
    rows["is_city"] = False
    return rows[[*LABEL_NAMES, *FIGURE_NAMES, "is_city"]].reset_index(drop=True)


def average_rows(
    figures: pd.DataFrame,
    codes: Sequence[str] = (),
    *,
    lang: str = "id",
    kabkota: Mapping[str, str] | None = None,
    above: Sequence[Mapping] = (),
) -> pd.DataFrame:
    """The averages a selection is compared with: the whole city, then each kecamatan it touches.

    Same columns as :func:`comparison_table` (``is_city`` True on every row). A kecamatan
    row averages *every* kelurahan of that kecamatan (whatever the selection), defined per
    column as the city average is; its ``kode`` is the kecamatan code (``PP.KK.CC``).
    With no selection, every kecamatan gets a row.

    A province's figures (``kabkota``: kab/kota code -> name) get a row per kab/kota the
    selection touches (every one with none), coded ``PP.KK``, between the province's row and
    the kecamatan. ``above``: rows placed first, as they are (one kab/kota of a province
    passes the province's own row, :func:`region_row`).
    """
    part = select(figures, codes)
    rows = [*above, region_row(figures, lang)]
    if kabkota:
        kab_of = figures["kode"].astype(str).str[:5]
        for kode in sorted(set(part["kode"].astype(str).str[:5])):
            name = kabkota.get(kode, kode)
            rows.append(
                {
                    "kode": kode,
                    "kelurahan": t("kel.kabkota_average", lang, kabkota=name),
                    "kecamatan": name,
                    **city_average(figures[(kab_of == kode).to_numpy()].reset_index(drop=True)),
                    "is_city": True,
                }
            )
    kecamatan = dict(zip(part["kode_kecamatan"], part["kecamatan"], strict=True))
    for kode in sorted(kecamatan):
        members = figures[figures["kode_kecamatan"] == kode].reset_index(drop=True)
        rows.append(
            {
                "kode": kode,
                "kelurahan": t("kel.kecamatan_average", lang, kecamatan=kecamatan[kode]),
                "kecamatan": kecamatan[kode],
                **city_average(members),
                "is_city": True,
            }
        )
    return pd.DataFrame(rows)[[*LABEL_NAMES, *FIGURE_NAMES, "is_city"]]


def region_row(figures: pd.DataFrame, lang: str = "id", *, name: str | None = None) -> dict:
    """The region's average row (the city, kabupaten or province of ``figures``), as :func:`average_rows`
    gives it; ``name``: a province's name, for its row shown above one of its kab/kota."""
    return {
        "kode": city_code(figures),
        "kelurahan": t("kel.province_average", lang, province=name) if name else t("kel.city_average", lang),
        "kecamatan": name or t("common.city", lang),
        **city_average(figures),
        "is_city": True,
    }


def averages_for(averages: pd.DataFrame, figures: pd.DataFrame, codes: Sequence[str] = ()) -> pd.DataFrame:
    """The rows of ``average_rows(figures)`` (every kecamatan) that a selection is compared with.

    Gives what :func:`average_rows` gives for ``codes``: the rows above, the city, then each
    kab/kota (a province's) and kecamatan the selection touches. The averages do not depend
    on the selection, so the app works them out once per data version and language and only
    picks rows here on each run.
    """
    touched = set(select(figures, codes)["kode_kecamatan"])
    touched |= {code[:5] for code in touched}
    keep = _region_or_above(averages, figures) | averages["kode"].isin(touched)
    return averages[keep].reset_index(drop=True)


def region_averages(averages: pd.DataFrame, figures: pd.DataFrame) -> pd.DataFrame:
    """The rows of :func:`average_rows` for the region and above it (one kab/kota of a province:
    the province and the kab/kota), without its kab/kota and kecamatan: the whole region's references."""
    return averages[_region_or_above(averages, figures)].reset_index(drop=True)


def _region_or_above(averages: pd.DataFrame, figures: pd.DataFrame) -> pd.Series:
    region = city_code(figures)
    return (averages["kode"] == region) | (averages["kode"].astype(str).str.count(r"\.") < region.count("."))


def gaps(
    figures: pd.DataFrame,
    *,
    min_share_4g: float = rules.MIN_SHARE_4G,
    codes: Sequence[str] = (),
    lang: str = "id",
) -> pd.DataFrame:
    """Kelurahan lacking a public hotspot, enough 4G, or fibre; one row per kelurahan with a gap.

    Columns: ``kode, kelurahan, kecamatan, share_4g``, one boolean per reason
    (:data:`GAP_REASONS`: ``no_public_hotspot``, ``low_4g``, ``no_fibre``) and ``reasons``,
    the reasons in words (``lang``) joined by ``"; "``. Searched among ``codes`` (all when
    empty), in the figures' order.

    - ``no_public_hotspot``: no hotspot of type ``public`` recorded in the kelurahan;
    - ``low_4g``: ``share_4g`` strictly below ``min_share_4g`` (a fraction, 0.5 = 50 %);
    - ``no_fibre``: the broadband table says there is no fibre.

    NOTE: an unknown value is not a gap: a kelurahan missing from the broadband table, or
    with no 4G share, is not listed for that reason.
    """
    if not 0.0 <= float(min_share_4g) <= 1.0:
        raise ValueError(f"min_share_4g must be a fraction between 0 and 1 (0.5 = 50 %), got {min_share_4g!r}")
    num = numeric(select(figures, codes))
    table = num[["kode", "kelurahan", "kecamatan", "share_4g"]].copy()
    table["no_public_hotspot"] = num["hotspots_public"] == 0
    table["low_4g"] = num["share_4g"].notna() & (num["share_4g"] < min_share_4g)
    table["no_fibre"] = num["fibre"] == 0.0
    table = table[table[list(GAP_REASONS)].any(axis=1)].reset_index(drop=True)
    percent = min_share_4g * 100
    threshold = format_percent(
        min_share_4g, lang, next((d for d in (0, 1) if round(percent, d) == round(percent, 6)), 2)
    )

    def words(row: pd.Series) -> str:
        parts = []
        if row["no_public_hotspot"]:
            parts.append(t("gap.reason.no_public_hotspot", lang))
        if row["low_4g"]:
            share = format_share(row["share_4g"], lang, min_share_4g)
            parts.append(t("gap.reason.low_4g", lang, share=share, threshold=threshold))
        if row["no_fibre"]:
            parts.append(t("gap.reason.no_fibre", lang))
        return "; ".join(parts)

    table["reasons"] = [words(row) for _, row in table.iterrows()] if len(table) else pd.Series(dtype="object")
    return table


GAP_DATASETS: dict[str, tuple[str, bool]] = {
    "no_public_hotspot": ("hotspots", False),
    "low_4g": ("cell_sites", True),  # a computed coverage share
    "no_fibre": ("broadband", False),
}


def gap_statuses(gap: pd.DataFrame, pack: DataPack) -> list[str]:
    """The data status of each row of :func:`gaps`: the weakest of the data behind its reasons."""
    out = []
    for _, row in gap.iterrows():
        statuses = [
            dataset_status(pack, dataset, [row["kode"]], computed=computed)
            for reason, (dataset, computed) in GAP_DATASETS.items()
            if row[reason]
        ]
        out.append(weakest(*statuses))
    return out


def style_comparison(table: pd.DataFrame, lang: str = "id", min_share_4g: float = rules.MIN_SHARE_4G) -> Styler:
    """A pandas ``Styler`` that shows :func:`comparison_table` in ``lang`` (Babel numbers).

    The cells keep their numbers (so a grid sorts numerically); only the shown text is
    formatted. Shares through :func:`~smartcity_geo.formatting.format_share` (the 4G share
    against ``min_share_4g``, as the gap list writes it). Kelurahan rows show whole counts
    and ``ya``/``tidak`` for fibre; average rows (``is_city``) show means with one decimal
    and the share of kelurahan with fibre, and are set in bold on a tinted background.
    """
    city = table.index[table["is_city"].astype(bool)]
    kel = table.index[~table["is_city"].astype(bool)]

    def fibre(value: object) -> str:
        if is_missing(value):
            return t("kel.fig.fibre_unknown", lang)
        return t("common.yes" if value else "common.no", lang)

    def percent(value: object) -> str:
        return format_share(value, lang)

    def share_4g(value: object) -> str:
        return format_share(value, lang, min_share_4g)

    def number(decimals: int):
        return lambda value: format_number(value, lang, decimals)

    styler = table.style
    counts = ["hotspots_public", "hotspots_internal", "providers", "tourism_areas"]
    shares = ["share_3g_only", "share_no_mobile", "households_passed_share"]
    styler = styler.format(number(rules.AREA_DECIMALS), subset=["area_km2"])
    styler = styler.format(percent, subset=shares)
    styler = styler.format(share_4g, subset=["share_4g"])
    styler = styler.format(number(0), subset=pd.IndexSlice[kel, counts])
    styler = styler.format(fibre, subset=pd.IndexSlice[kel, ["fibre"]])
    styler = styler.format(number(1), subset=pd.IndexSlice[city, counts])
    styler = styler.format(lambda v: format_percent(v, lang), subset=pd.IndexSlice[city, ["fibre"]])  # kel. with fibre
    return styler.apply(
        lambda r: ["font-weight: 700; background-color: #F1F5F9" if r["is_city"] else "" for _ in r], axis=1
    )


# --------------------------------------------------------------------------------------
# Data status


def dataset_status(pack: DataPack, dataset: str, codes: Iterable[str] = (), *, computed: bool = False) -> str:
    """The status of figures from ``dataset``: the weakest of its manifest status and its rows'.

    ``codes`` narrows the rows to those kelurahan (when the table has ``kelurahan_code``);
    ``computed`` adds ``computed`` (a figure the dashboard derives is never ``official``).
    """
    statuses: list[object] = [rules.COMPUTED] if computed else []
    if dataset in pack.metas:
        statuses.append(pack.meta(dataset).declared_status)  # the rows chosen settle it
        every, by_code = pack.row_statuses(dataset)
        codes = list(codes)
        if codes and by_code is not None:
            for code in codes:
                statuses += by_code.get(code, ())
        else:
            statuses += every
    return weakest(*statuses)


def column_statuses(pack: DataPack, codes: Iterable[str] = ()) -> dict[str, str]:
    """Figure column -> data status of the figure (:func:`dataset_status` of its dataset)."""
    codes = list(codes)
    return {
        col.name: dataset_status(pack, col.dataset, codes, computed=col.computed)
        for col in COLUMNS
        if col.dataset in pack.metas
    }


def datasets_shown(names: Iterable[str] = FIGURE_NAMES) -> tuple[str, ...]:
    """The datasets the given figure columns come from, in :data:`COLUMNS` order, once each."""
    wanted = set(names)
    return tuple(dict.fromkeys(c.dataset for c in COLUMNS if c.name in wanted))


def supplied_names(pack: DataPack, names: Iterable[str] = FIGURE_NAMES) -> tuple[str, ...]:
    """The figure columns among ``names`` whose dataset the region has supplied (the others have no figure)."""
    dataset = {c.name: c.dataset for c in COLUMNS}
    return tuple(n for n in names if n not in dataset or pack.supplied(dataset[n]))


def weakest(*statuses: object) -> str:
    """:func:`rules.weakest_status` of ``statuses`` (none known: :data:`rules.NO_STATUS`)."""
    return rules.weakest_status(statuses)
