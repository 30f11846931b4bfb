"""The data & sources screen lists every dataset with its status, and the official facts."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from smartcity_geo.i18n import format_as_of
from smartcity_geo.strings import t

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("lang", ["id", "en"])
def test_sources_screen_lists_every_dataset_and_fact(lang, pack):
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=90)
    at.query_params["lang"] = lang
    at.run()
    at.switch_page("pages/sources.py").run()
    assert not at.exception
    datasets, facts, *_region = (df.value for df in at.dataframe)  # then the region's kecamatan
    title_col = "Dataset"
    status_col = "Data status" if lang == "en" else "Status data"
    assert sorted(datasets[title_col]) == sorted(m.title(lang) for m in pack.metas.values())
    expected = {"official": "resmi", "seed": "paparan kota", "sample": "contoh"}
    if lang == "en":
        expected = {"official": "official", "seed": "city presentation", "sample": "sample"}
    by_title = dict(zip(datasets[title_col], datasets[status_col], strict=True))
    for meta in pack.metas.values():
        assert by_title[meta.title(lang)] == expected[meta.status]
    assert len(facts) == len(pack.table("facts"))
    value_col = "Value" if lang == "en" else "Nilai"
    assert ("Rp 11.0 billion" if lang == "en" else "Rp 11,0 miliar") in set(facts[value_col])


UPLOAD_NAME = "<img src=x onerror=alert(1)>broadband.csv"


def _with_upload(page: str | None, lang: str = "id") -> AppTest:
    """The app with the bundled broadband.csv uploaded in this session (under a hostile name)."""
    data = (ROOT / "geodata" / "broadband.csv").read_bytes()
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=90)
    at.query_params["lang"] = lang
    at.session_state["_uploads"] = {"broadband": (UPLOAD_NAME, data)}
    at.run()
    if page:
        at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _notice(at: AppTest) -> list[str]:
    return [
        w.value for w in at.warning if w.value.startswith(t("upload.notice", at.session_state["lang"], items="")[:12])
    ]


@pytest.mark.parametrize(
    "page",
    [None, "pages/kelurahan.py", "pages/indicators.py", "pages/budget.py", "pages/sources.py", "pages/briefing.py"],
)
def test_every_screen_says_uploaded_data_is_in_use(page):
    at = _with_upload(page)
    [notice] = _notice(at)
    assert "Broadband" in notice or "broadband" in notice.lower()
    assert "<img" not in notice and "&#60;img" in notice  # the file name is shown as text, never run
    assert [b for b in at.button if b.key == "upload_notice_back"]


def test_one_click_back_to_the_citys_data():
    at = _with_upload("pages/kelurahan.py", "en")
    at.button(key="upload_notice_back").click().run()
    assert not at.exception
    assert not _notice(at) and "_uploads" not in at.session_state
    assert at.title[0].value == t("nav.kelurahan", "en")  # the same screen, now with the city's data


def test_sources_screen_shows_the_upload_with_its_own_badge():
    at = _with_upload("pages/sources.py", "en")
    datasets = at.dataframe[0].value
    by_file = dict(zip(datasets["File"], datasets["Data status"], strict=True))
    assert by_file[UPLOAD_NAME] == t("status.uploaded", "en")
    badges = [m.value for m in at.markdown if "status-uploaded" in m.value and "broadband" in m.value.lower()]
    assert badges and f">{t('status.uploaded', 'en')}</span>" in badges[0]


def test_without_upload_no_notice():
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=90).run()
    assert not _notice(at) and not [b for b in at.button if b.key == "upload_notice_back"]


@pytest.mark.parametrize(("lang", "other"), [("id", "en"), ("en", "id")])
def test_source_lines_and_the_kspn_fact_are_in_the_users_language(lang, other, pack):
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=90)
    at.query_params["lang"] = lang
    at.run()
    at.switch_page("pages/sources.py").run()
    assert not at.exception
    datasets = at.dataframe[0].value
    source_col = "Source" if lang == "en" else "Sumber"
    sources = dict(zip(datasets["Dataset"], datasets[source_col], strict=True))
    meta = pack.meta("kelurahan")
    assert meta.source_id != meta.source_en  # the bundled pack translates this one
    assert sources[meta.title(lang)] == getattr(meta, f"source_{lang}")
    assert getattr(meta, f"source_{other}") not in set(datasets[source_col])
    # the national tourism strategic area, as a sourced fact with its status
    kspn = next(m.value for m in at.markdown if "Bromo–Tengger–Semeru" in m.value)
    assert ("kawasan pariwisata prioritas" if lang == "id" else "priority tourism area") in kspn
    assert f">{t('status.official', lang)}</span>" in kspn
    assert format_as_of("2021-12-02", lang) in kspn  # dated in the one style
