"""What the pack holds, for the data & sources screen: datasets with provenance, and facts.

Pure functions of a :class:`~smartcity_geo.datapack.DataPack`; every word through strings.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from . import rules
from .badges import status_word
from .datapack import DataPack
from .formatting import MISSING, format_number, format_rupiah, is_missing
from .i18n import format_as_of, localized
from .strings import t


def dataset_table(pack: DataPack, lang: str, uploaded: Iterable[str] = ()) -> pd.DataFrame:
    """One row per dataset: title, status, source, licence, as-of, how positions were obtained.

    Datasets in ``uploaded`` (keys replaced by an upload in this session) show the status
    ``uploaded`` whatever their file declares: an upload is never verified.
    """
    uploaded = set(uploaded)
    rows = []
    for meta in pack.metas.values():
        status = rules.UPLOADED if meta.key in uploaded else meta.status
        rows.append(
            {
                t("catalog.dataset", lang): meta.title(lang),
                t("catalog.file", lang): meta.file,
                t("status.label", lang): status_word(status, lang),
                t("catalog.rows", lang): len(pack.table(meta.key)),
                t("common.source", lang): localized(meta, "source", lang),
                t("catalog.link", lang): meta.source_url or None,
                t("common.licence", lang): meta.licence,
                t("common.as_of", lang): format_as_of(meta.as_of, lang),
                t("catalog.positions", lang): localized(meta, "positions", lang),
                t("catalog.note", lang): meta.note(lang),
            }
        )
    return pd.DataFrame(rows)


def format_fact(value: float, unit: str | None, lang: str) -> str:
    """A fact's value in the user's language: rupiah in juta/miliar, km² with decimals."""
    if is_missing(value):  # a fact that is a statement: its label says it all
        return MISSING
    unit = "" if is_missing(unit) else str(unit).strip()
    if unit == "Rp":
        return format_rupiah(value, lang)
    if float(value).is_integer():
        text = format_number(value, lang)
    else:
        decimals = min(3, len(f"{value}".split(".")[-1]))
        text = format_number(value, lang, decimals=decimals)
    return f"{text} {unit}".strip()


def facts_table(pack: DataPack, lang: str) -> pd.DataFrame:
    """The official city-wide facts, each with its value, as-of date, source and status."""
    facts = pack.table("facts")
    label = "label_en" if lang == "en" else "label_id"
    return pd.DataFrame(
        {
            t("catalog.fact", lang): facts[label],
            t("catalog.value", lang): [
                format_fact(v, u, lang) for v, u in zip(facts["value"], facts["unit"], strict=True)
            ],
            t("common.as_of", lang): [format_as_of(v, lang) for v in facts["as_of"]],
            t("status.label", lang): [status_word(s, lang) for s in facts["status"]],
            t("common.source", lang): facts["source"],
        }
    )


def region_lines(pack: DataPack, lang: str) -> list[str]:
    """The region in plain sentences: name, kind, code, province; its villages and kecamatan counted.

    Empty for a pack without a region block.
    """
    region = pack.region
    if region is None:
        return []
    return [
        t(
            "region.identity",
            lang,
            name=region.name,
            kind=region.kind_label(lang),
            code=region.code,
            province=region.province_name,
        ),
        t(
            "region.villages",
            lang,
            total=region.villages_total,
            kelurahan=region.kelurahan,
            desa=region.desa,
            kecamatan=len(region.kecamatan),
            drawn=len(pack.table("kelurahan")),
        ),
    ]


def kecamatan_table(pack: DataPack, lang: str) -> pd.DataFrame:
    """One row per kecamatan of the region: code, name and how many kelurahan/desa it has on the map."""
    kel = pack.table("kelurahan")
    counts = kel.groupby("kode_kecamatan").size().to_dict()
    if pack.region is not None:
        pairs = [(k.code, k.name) for k in pack.region.kecamatan]
    else:
        pairs = sorted(set(zip(kel["kode_kecamatan"], kel["kecamatan"], strict=True)))
    return pd.DataFrame(
        {
            t("catalog.code", lang): [c for c, _ in pairs],
            t("kel.col.kecamatan", lang): [n for _, n in pairs],
            t("catalog.villages_drawn", lang): [int(counts.get(c, 0)) for c, _ in pairs],
        }
    )


def missing_boundaries_table(pack: DataPack, lang: str) -> pd.DataFrame:
    """The region's village codes with a name but no boundary polygon (listed, never dropped)."""
    rows = () if pack.region is None else pack.region.missing_boundaries
    return pd.DataFrame(
        {
            t("catalog.code", lang): [m.code for m in rows],
            t("catalog.name", lang): [m.name for m in rows],
            t("catalog.kind", lang): [m.kind for m in rows],
        }
    )
