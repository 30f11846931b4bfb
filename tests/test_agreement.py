"""Every rounded figure of a kelurahan reads the same wherever it is shown.

The kelurahan screen's comparison table and its gap list (AppTest), the CSV download in its
plain and its Excel flavour, and the briefing's per-kelurahan table are parsed as the user
gets them; decimal marks are normalised (the Excel file always has decimal commas) and every
figure compared for all 34 kelurahan, in both languages: 4G share, 3G-only share, area,
fibre (flag and share of households), public and internal hotspot counts. One disagreement
means a second home for a rounding rule (``formatting.format_share``, ``rules.decimals_below``,
``rules.AREA_DECIMALS``).
"""

from __future__ import annotations

import csv
import datetime
import html
import io
import re
from pathlib import Path

import pyarrow as pa
import pytest
from streamlit.testing.v1 import AppTest

from smartcity_geo import export, rules
from smartcity_geo.briefing import build_briefing
from smartcity_geo.strings import t
from smartcity_geo.viewstate import ViewState

ROOT = Path(__file__).resolve().parent.parent
GENERATED = datetime.date(2026, 11, 28)
FIGURES = ("area", "share_4g", "share_3g_only", "fibre", "households", "hotspots_public", "hotspots_internal")


def _share(text: str) -> str:
    """``62,4%`` / ``62.4 %`` -> ``62.4%``: the digits as printed, with a decimal point."""
    return str(text).replace("\u00a0", "").replace(" ", "").replace(",", ".")


def _area(text: object) -> float:
    return float(str(text).replace(",", "."))


def _fibre(text: object, lang: str) -> bool | None:
    word = str(text).strip()
    if word == t("common.yes", lang):
        return True
    if word == t("common.no", lang):
        return False
    return None  # unknown, however a place spells it


def _row(share_4g, share_3g, area, fibre, households, public, internal, lang) -> dict:
    return {
        "area": _area(area),
        "share_4g": _share(share_4g),
        "share_3g_only": _share(share_3g),
        "fibre": _fibre(fibre, lang),
        "households": None if households is None else _share(households),
        "hotspots_public": int(public),
        "hotspots_internal": int(internal),
    }


def _screen(lang: str) -> tuple[dict[str, dict], dict[str, str]]:
    """The comparison table as shown (Babel-formatted texts) and the 4G share in the gap list."""
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=90)
    at.query_params["lang"] = lang
    at.run()
    at.switch_page("pages/kelurahan.py").run()
    assert not at.exception, [e.value for e in at.exception]
    table = next(d for d in at.dataframe if "share_4g" in d.value.columns and not d.value["is_city"].any())
    styler = table.proto.arrow_data.styler
    shown = pa.ipc.open_stream(styler.display_values).read_all().to_pandas()
    rows = {
        r["kode"]: _row(
            r["share_4g"],
            r["share_3g_only"],
            r["area_km2"],
            r["fibre"],
            r["households_passed_share"],
            r["hotspots_public"],
            r["hotspots_internal"],
            lang,
        )
        for _, r in shown.iterrows()
    }
    gaps = next(d.value for d in at.dataframe if "reasons" in d.value.columns)
    in_gaps = {}
    for _, r in gaps.iterrows():
        if r["low_4g"]:
            in_gaps[r["kode"]] = _share(re.search(r"4G ([0-9.,]+\s?%)", r["reasons"]).group(1))
        rows[r["kode"]]["gap_no_fibre"] = bool(r["no_fibre"])
    return rows, in_gaps


def _csv(pack, figures, lang: str, excel: bool) -> dict[str, dict]:
    table = export.localized_table(
        figures, (), pack, lang, min_share_4g=rules.MIN_SHARE_4G, number_lang="id" if excel else None
    )
    raw = export.to_csv_bytes(table, excel=excel).decode("utf-8-sig")
    reader = csv.DictReader(io.StringIO(raw), delimiter=";" if excel else ",")

    def col(name: str) -> str:
        return t(f"export.col.{name}", lang)

    return {
        r[col("kode")]: _row(
            r[col("share_4g")],
            r[col("share_3g_only")],
            r[col("area_km2")],
            r[col("fibre")],
            r[col("households_passed_share")],
            r[col("hotspots_public")],
            r[col("hotspots_internal")],
            lang,
        )
        for r in reader
    }


def _briefing(data, lang: str) -> dict[str, dict]:
    """The briefing's per-kelurahan table, keyed by kelurahan name (it prints no codes)."""
    doc = build_briefing(data, ViewState(lang=lang), lang, generated=GENERATED, public_url=None, with_map=False)
    body = doc.split('<table class="kelurahan">')[1].split("</table>")[0].split("<tbody>")[1]
    rows = {}
    for tr in re.findall(r"<tr[^>]*>(.*?)</tr>", body, flags=re.S):
        cells = [html.unescape(re.sub(r"<[^>]+>", "", c)).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", tr)]
        name, _kecamatan, area, share_4g, share_3g, fibre, hotspots = cells
        public, internal = (part.strip() for part in hotspots.split("/"))
        rows[name] = _row(share_4g, share_3g, area, fibre, None, public, internal, lang)
    return rows


@pytest.mark.parametrize("lang", ["id", "en"])
def test_screen_gaps_csv_and_briefing_agree_on_every_rounded_figure(lang, pack, map_data):
    figures = map_data.figures
    names = dict(zip(figures["kode"], figures["kelurahan"], strict=True))
    screen, in_gaps = _screen(lang)
    plain = _csv(pack, figures, lang, excel=False)
    excel = _csv(pack, figures, lang, excel=True)
    brief = _briefing(map_data, lang)
    assert set(screen) == set(plain) == set(excel) == set(names) and len(names) == 34
    assert set(brief) == set(names.values())
    for code, name in names.items():
        shown = screen[code]
        for figure in FIGURES:
            assert plain[code][figure] == shown[figure], (lang, name, figure, "CSV")
            assert excel[code][figure] == shown[figure], (lang, name, figure, "Excel CSV")
            if figure != "households":  # the briefing's table has no household share
                assert brief[name][figure] == shown[figure], (lang, name, figure, "briefing")
        # the gap list: the same 4G text, flagged exactly when it reads below the threshold
        share = map_data.figures.set_index("kode").loc[code, "share_4g"]
        assert (code in in_gaps) == (share < rules.MIN_SHARE_4G), (lang, name)
        if code in in_gaps:
            assert in_gaps[code] == shown["share_4g"], (lang, name, "gap list")
            assert float(in_gaps[code].rstrip("%")) < rules.MIN_SHARE_4G * 100, (lang, name)
        if "gap_no_fibre" in shown:
            assert shown["gap_no_fibre"] == (shown["fibre"] is False), (lang, name, "gap fibre flag")
    assert in_gaps, "the bundled pack has kelurahan below the 4G threshold: something was compared"


def test_a_share_just_below_the_threshold_never_reads_as_the_threshold(pack, map_data):
    """Kepel (49.6 % under 4G) reads below 50 % in every place, never "50%"."""
    shares = map_data.figures.set_index("kode")["share_4g"]
    near = [code for code, s in shares.items() if 0.49 < s < rules.MIN_SHARE_4G]
    assert near, "the bundled pack has a kelurahan just below the threshold"
    plain = _csv(pack, map_data.figures, "id", excel=False)
    brief = _briefing(map_data, "id")
    names = dict(zip(map_data.figures["kode"], map_data.figures["kelurahan"], strict=True))
    for code in near:
        for text in (plain[code]["share_4g"], brief[names[code]]["share_4g"]):
            assert float(text.rstrip("%")) < 50, text
