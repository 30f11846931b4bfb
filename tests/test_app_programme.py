"""The indicator and budget screens through Streamlit's AppTest, in both languages."""

from __future__ import annotations

import html
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from smartcity_geo.strings import t

ROOT = Path(__file__).resolve().parent.parent
TAMBAAN = "35.75.04.1002"  # has kelurahan-level indicators
GENTONG = "35.75.01.1002"  # has none


def _open(page: str, lang: str = "id", *, selection: list[str] | None = None) -> AppTest:
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    at.run()
    if lang == "en":
        at.radio(key="lang").set_value("en").run()
    if selection:
        at.multiselect(key="kel_sel").set_value(selection).run()
    at.switch_page(page).run()
    return at


def _plotly_titles(at: AppTest) -> list[str]:
    import json

    titles = []
    for chart in at.get("plotly_chart"):
        spec = json.loads(chart.proto.spec)
        titles.append(spec["layout"]["title"]["text"])
    return titles


@pytest.mark.parametrize(
    ("lang", "title", "overview", "status_word"),
    [
        ("id", "Kemajuan indikator kota cerdas", "Capaian enam elemen", "contoh"),
        ("en", "Smart-city indicator progress", "Six elements' achievement", "sample"),
    ],
)
def test_indicator_screen(lang, title, overview, status_word):
    at = _open("pages/indicators.py", lang)
    assert not at.exception
    assert at.title[0].value == title
    titles = _plotly_titles(at)
    assert len(titles) == 3  # overview, element by year, one indicator
    assert titles[0].startswith(overview)
    assert all(status_word in t for t in titles[:2])  # the data status is in the title
    assert len(at.dataframe) == 1
    assert at.selectbox(key="ind_year").value == 2025  # the last complete year


def test_indicator_drilldown_follows_element_and_subdimension():
    at = _open("pages/indicators.py", "en")
    at.selectbox(key="ind_element").set_value("SN").run()
    assert not at.exception
    assert "Smart Environment" in _plotly_titles(at)[1]
    at.selectbox(key="ind_sub").set_value("SN-WA").run()
    assert not at.exception
    codes = list(at.dataframe[0].value["Code"])
    assert codes and all(code.startswith("SN-WA-") for code in codes)
    at.selectbox(key="ind_year").set_value(2023).run()
    assert not at.exception


def test_kelurahan_indicators_follow_the_sidebar_selection():
    at = _open("pages/indicators.py", "id", selection=[TAMBAAN])
    assert not at.exception
    assert any("Tamba'an" in html.unescape(s.value) for s in at.subheader)  # names are escaped, shown as written
    assert len(at.dataframe) == 2
    assert any("Tamba'an" in t for t in _plotly_titles(at))

    none = _open("pages/indicators.py", "en", selection=[GENTONG])
    assert not none.exception
    assert any("No kelurahan-level indicators for Gentong" in i.value for i in none.info)


@pytest.mark.parametrize(
    ("lang", "title", "flag", "rupiah"),
    [
        ("id", "Komitmen anggaran kota cerdas", "tidak naik", "miliar"),
        ("en", "Smart-city budget commitment", "did not rise", "billion"),
    ],
)
def test_budget_screen(lang, title, flag, rupiah):
    at = _open("pages/budget.py", lang)
    assert not at.exception
    assert at.title[0].value == title
    assert at.warning and all(flag in w.value for w in at.warning)
    assert len(_plotly_titles(at)) == 3
    assert rupiah in at.metric[0].value
    assert len(at.dataframe) == 3  # year totals, lines, before the masterplan


def test_budget_screen_in_presentation_mode():
    at = _open("pages/budget.py", "id")
    at.toggle(key="presentation").set_value(True).run()
    assert not at.exception
    assert len(_plotly_titles(at)) == 3


@pytest.mark.parametrize("lang", ["id", "en"])
def test_budget_headline_and_warnings_carry_their_status(lang):
    """The budget is sample data: the headline and each "did not rise" warning say so."""
    at = _open("pages/budget.py", lang)
    assert not at.exception
    sample = t("status.sample", lang)
    badges = [m.value for m in at.markdown if m.value.startswith('<span class="status-badge')]
    assert len(badges) >= len(at.metric) == 2
    assert all(f">{sample}</span>" in b for b in badges[: len(at.metric)])
    assert at.warning
    for warning in at.warning:
        assert warning.value.endswith(t("bud.status", lang, status=sample))
