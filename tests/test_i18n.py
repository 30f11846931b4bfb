"""Pack text in the user's language (smartcity_geo.i18n)."""

from __future__ import annotations

import datetime
from pathlib import Path

import pandas as pd

from smartcity_geo.datapack import load_pack
from smartcity_geo.formatting import format_date
from smartcity_geo.i18n import format_as_of, localized, tourism_area_fact

ROOT = Path(__file__).resolve().parents[1]


def test_localized_picks_the_language_then_the_plain_field_then_the_other() -> None:
    row = pd.Series({"note_id": "catatan", "note_en": "note", "name": "Wi-Fi publik", "name_en": "Public Wi-Fi"})
    assert localized(row, "note", "id") == "catatan"
    assert localized(row, "note", "en") == "note"
    assert localized(row, "name", "id") == "Wi-Fi publik"  # no name_id: the site's own name
    assert localized(row, "name", "en") == "Public Wi-Fi"
    assert localized({"note_en": "only English"}, "note", "id") == "only English"
    assert localized({"note_id": float("nan")}, "note", "id") == ""


def test_every_source_line_of_the_pack_reads_in_both_languages() -> None:
    pack = load_pack(ROOT / "geodata")
    for meta in pack.metas.values():
        indonesian, english = localized(meta, "source", "id"), localized(meta, "source", "en")
        assert indonesian and english and indonesian != english, meta.key


def test_dates_have_one_style_per_language() -> None:
    assert format_as_of("2023-10-21", "id") == "21 Okt 2023"
    assert format_as_of("2023-10-21", "en") == "21 Oct 2023"
    assert format_as_of("2025-06", "en") == "Jun 2025"
    assert format_as_of("2024", "id") == "2024"
    assert format_as_of(None, "en") == ""


def test_screens_and_briefing_share_the_one_date_style() -> None:
    """The briefing's dates (formatting.format_date, also for a date object) read as the screens'."""
    for lang in ("id", "en"):
        for value in ("2023-10-21", "2025-06", "2012"):
            assert format_date(value, lang) == format_as_of(value, lang)
        assert format_date(datetime.date(2026, 11, 28), lang) == format_as_of("2026-11-28", lang)
    assert format_date(datetime.date(2026, 11, 28), "en") == "28 Nov 2026"


def test_the_national_tourism_area_is_a_sourced_fact() -> None:
    facts = load_pack(ROOT / "geodata").table("facts")
    fact = tourism_area_fact(facts, "en")
    assert fact is not None
    assert "Bromo–Tengger–Semeru" in fact["text"] and "KSPN" in fact["text"]
    assert "faktualnews.co" in fact["source"] and fact["status"] == "official"
    assert "kawasan pariwisata prioritas" in tourism_area_fact(facts, "id")["text"]
    assert tourism_area_fact(facts[facts["key"] != "kspn_bromo_tengger_semeru"], "id") is None


def test_every_note_of_the_pack_reads_in_both_languages() -> None:
    pack = load_pack(ROOT / "geodata")
    pairs = {
        "hotspots": ["position_note"],
        "gov_sites": ["position_note"],
        "budget": ["note"],
        "indicators": ["note"],
        "indicator_values": ["note"],
        "tourism_areas": ["designation", "extent_note"],
    }
    for key, fields in pairs.items():
        for field in fields:
            for _, row in pack.table(key).iterrows():
                if localized(row, field, "en"):
                    indonesian = localized(row, field, "id")
                    assert indonesian and indonesian != localized(row, field, "en"), (key, field, row.get("id"))
    for meta in pack.metas.values():
        assert localized(meta, "positions", "id") != localized(meta, "positions", "en"), meta.key
