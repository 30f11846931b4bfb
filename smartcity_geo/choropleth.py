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
from .registry import CHOROPLETH_COLORS, CHOROPLETH_MISSING, measure_info
from .strings import t

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
    """Classify ``measure`` (a key of :data:`registry.MEASURES`) over the kelurahan figures."""
    info = measure_info(measure)
    raw = pd.to_numeric(figures[info.column], errors="coerce").astype(float)
    present = raw.dropna().to_numpy()
    bins, single = breaks(present, k) if len(present) else (np.array([]), True)
    colors = _colors(len(bins))
    lows = [float(present.min())] + [float(b) for b in bins[:-1]] if len(bins) else []

    decimals = 0
    for decimals in (0, 1, 2):  # fewest decimals at which no two bounds print alike
        texts = [_fmt(b, info.kind, lang, decimals) for b in bins]
        if len(set(texts)) == len(texts):
            break
    legend = []
    for i, high in enumerate(bins):
        if single or lows[i] == float(high):
            text = _fmt(high, info.kind, lang, decimals)
        else:
            low_text = _fmt(lows[i], info.kind, lang, decimals)
            text = f"{low_text} – {_fmt(high, info.kind, lang, decimals)}"
        legend.append((text, colors[i]))
    if raw.isna().any():
        legend.append((t("legend.no_data", lang), CHOROPLETH_MISSING))

    rows = []
    for code, name, value in zip(figures["kode"], figures["kelurahan"], raw, strict=True):
        if np.isnan(value):
            rows.append((code, CHOROPLETH_MISSING, name, t("legend.no_data", lang)))
            continue
        index = int(np.searchsorted(bins, value, side="left"))
        index = min(index, len(bins) - 1)
        rows.append((code, colors[index], name, _fmt(value, info.kind, lang, decimals)))
    return Classes(
        measure=measure,
        label=info.label(lang),
        status=info.status(pack),
        bins=tuple(float(b) for b in bins),
        legend=tuple(legend),
        rows=tuple(rows),
    )
