"""Class breaks of a per-kelurahan measure for the choropleth (no folium).

Breaks come from mapclassify's Fisher-Jenks natural breaks (deterministic, optimal for
one dimension) with :data:`K` classes; a measure with at most ``K`` distinct values gets
one class per value instead (a count such as "Wi-Fi points" often has three). Kelurahan
without a value are drawn grey and listed as "no data".
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import mapclassify
import numpy as np
import pandas as pd

from .datapack import DataPack
from .formatting import format_number, format_percent
from .registry import CHOROPLETH_COLORS, CHOROPLETH_MISSING, INDICATOR_PREFIX, measure_info
from .rules import unit_decimals, weakest_status
from .strings import has, t

K = 5


@dataclass(frozen=True)
class Classes:
    """A classified measure, ready to draw.

    ``bins`` are the upper bounds of the classes; ``legend`` is (text, colour) per class
    (plus "no data" when some kelurahan have none); ``rows`` is (code, colour, kelurahan
    name, value text) per kelurahan.
    """

    measure: str
    label: str
    status: str
    bins: tuple[float, ...]
    legend: tuple[tuple[str, str], ...]
    rows: tuple[tuple[str, str, str, str], ...]


def _colors(n: int) -> list[str]:
    if n <= 0:
        return []
    if n == 1:
        return [CHOROPLETH_COLORS[-2]]
    return [CHOROPLETH_COLORS[int(round(i))] for i in np.linspace(0, len(CHOROPLETH_COLORS) - 1, n)]


def _fmt(value: float, kind: str, lang: str, decimals: int) -> str:
    return format_percent(value, lang, decimals) if kind == "share" else format_number(value, lang, decimals)


def breaks(values: np.ndarray, k: int = K) -> tuple[np.ndarray, bool]:
    """Upper class bounds of ``values`` and whether each class is one distinct value."""
    unique = np.unique(values)
    if len(unique) <= k:
        return unique, True
    with warnings.catch_warnings():
        # mapclassify says it runs without numba (slower); for 34 to a few thousand values that is fine.
        warnings.filterwarnings("ignore", message="Numba not installed", category=UserWarning)
        return np.asarray(mapclassify.FisherJenks(values, k=k).bins), False


def classify(figures: pd.DataFrame, measure: str, pack: DataPack, lang: str, k: int = K) -> Classes:
    """Classify ``measure`` over the kelurahan figures.

    ``measure`` is a key of :data:`registry.MEASURES` or an indicator measure
    (``ind:<code prefix>``, :func:`indicator_measures`); an unknown key raises ``KeyError``.
    """
    if measure.startswith(INDICATOR_PREFIX):
        return _classify_indicator(figures, measure, pack, lang, k)
    info = measure_info(measure)
    raw = pd.to_numeric(figures[info.column], errors="coerce").astype(float)
    return _classify(figures, raw, measure, info.label(lang), info.status(pack), info.kind, lang, k)


def _classify(
    figures, raw: pd.Series, measure: str, label: str, status: str, kind: str, lang: str, k: int, min_decimals: int = 0
) -> Classes:
    raw = pd.Series(raw.to_numpy(dtype=float), index=figures.index)
    present = raw.dropna().to_numpy()
    bins, single = breaks(present, k) if len(present) else (np.array([]), True)
    colors = _colors(len(bins))
    lows = [float(present.min())] + [float(b) for b in bins[:-1]] if len(bins) else []

    decimals = min_decimals
    for decimals in range(min_decimals, max(min_decimals, 2) + 1):  # fewest decimals at which no two bounds print alike
        texts = [_fmt(b, kind, lang, decimals) for b in bins]
        if len(set(texts)) == len(texts):
            break
    legend = []
    for i, high in enumerate(bins):
        if single or lows[i] == float(high):
            text = _fmt(high, kind, lang, decimals)
        else:
            text = f"{_fmt(lows[i], kind, lang, decimals)} – {_fmt(high, kind, lang, decimals)}"
        legend.append((text, colors[i]))
    if raw.isna().any():
        legend.append((t("legend.no_data", lang), CHOROPLETH_MISSING))

    rows = []
    for code, name, value in zip(figures["kode"], figures["kelurahan"], raw, strict=True):
        if np.isnan(value):
            rows.append((code, CHOROPLETH_MISSING, name, t("legend.no_data", lang)))
            continue
        index = min(int(np.searchsorted(bins, value, side="left")), len(bins) - 1)
        rows.append((code, colors[index], name, _fmt(value, kind, lang, decimals)))
    return Classes(
        measure=measure,
        label=label,
        status=status,
        bins=tuple(float(b) for b in bins),
        legend=tuple(legend),
        rows=tuple(rows),
    )


# --------------------------------------------------------------------------------------
# Kelurahan-level indicators of the programme (one indicator per kelurahan, grouped)


@dataclass(frozen=True)
class IndicatorMeasure:
    """Indicators that measure the same thing in several kelurahan (codes ``<group>-<kelurahan>``)."""

    key: str
    name_id: str
    name_en: str
    unit: str

    def label(self, lang: str) -> str:
        name = self.name_en if lang == "en" else self.name_id
        unit = t(f"prog.unit.{self.unit}", lang) if has(f"prog.unit.{self.unit}") else self.unit
        return f"{name} ({unit})"


def _indicator_group(code: str) -> str:
    return str(code).rsplit("-", 1)[0]


def indicator_measures(pack: DataPack) -> tuple[IndicatorMeasure, ...]:
    """The kelurahan-level indicators of the pack, one measure per group, in code order."""
    if not pack.has("indicators"):
        return ()
    ind = pack.table("indicators")
    ind = ind[ind["kelurahan_code"].notna()].sort_values("code")
    measures = {}
    for _, row in ind.iterrows():
        key = INDICATOR_PREFIX + _indicator_group(row["code"])
        measures.setdefault(key, IndicatorMeasure(key, str(row["name_id"]), str(row["name_en"]), str(row["unit"])))
    return tuple(measures.values())


def _classify_indicator(figures, measure: str, pack: DataPack, lang: str, k: int) -> Classes:
    info = next((m for m in indicator_measures(pack) if m.key == measure), None)
    if info is None:
        raise KeyError(measure)
    group = measure[len(INDICATOR_PREFIX) :]
    ind = pack.table("indicators")
    ind = ind[ind["kelurahan_code"].notna() & (ind["code"].map(_indicator_group) == group)]
    values = pack.table("indicator_values")
    values = values[values["indicator"].isin(set(ind["code"])) & values["actual"].notna()]
    latest = values.sort_values("year").groupby("indicator").tail(1)  # the latest measured year of each
    kel_of = dict(zip(ind["code"], ind["kelurahan_code"], strict=True))
    by_kel = {kel_of[r["indicator"]]: float(r["actual"]) for _, r in latest.iterrows()}
    raw = pd.Series([by_kel.get(code, np.nan) for code in figures["kode"]], dtype=float)
    statuses = list(latest["status"]) or [pack.meta("indicator_values").status]
    status = weakest_status(statuses)
    return _classify(figures, raw, measure, info.label(lang), status, "count", lang, k, unit_decimals(info.unit))
