"""Long tables page: a kabupaten's hundreds of desa (a province's thousands) are filtered and
sorted whole, then shown one page at a time; the city's 34 stay one table.

The library half (``smartcity_geo.paging``) on small frames; the screen through AppTest on the
bundled city with a page of 10 rows (``PAGE_ROWS`` patched), so 34 kelurahan make 4 pages.
"""

from __future__ import annotations

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest
from test_app_kelurahan import _open, _select

from smartcity_geo import paging
from smartcity_geo.strings import t

FRAME = pd.DataFrame(
    {
        "kode": ["35.07.01.2001", "35.07.01.2002", "35.07.02.2001", "35.24.01.1001", "35.24.01.1002"],
        "kelurahan": ["Sumberejo", "Sumbersari", "Kepuharjo", "Kota Baru", "Séndang"],
        "kecamatan": ["Donomulyo", "Donomulyo", "Kalipare", "Lamongan", "Lamongan"],
        "share_4g": [0.9, None, 0.2, 0.5, 0.7],
    }
)


@pytest.mark.parametrize(
    ("query", "names"),
    [
        ("", ["Sumberejo", "Sumbersari", "Kepuharjo", "Kota Baru", "Séndang"]),
        ("sumber", ["Sumberejo", "Sumbersari"]),
        ("SUMBER  donomulyo", ["Sumberejo", "Sumbersari"]),  # every word, in any searched column
        ("sendang", ["Séndang"]),  # accents and case do not matter
        ("35.24", ["Kota Baru", "Séndang"]),  # a code prefix
        ("kota baru", ["Kota Baru"]),
        (".*", []),  # the user's text is compared, never a pattern
        ("<b>x</b>", []),
    ],
)
def test_the_filter_finds_names_and_codes(query: str, names: list[str]) -> None:
    assert list(paging.filter_rows(FRAME, query)["kelurahan"]) == names


def test_sorting_takes_the_whole_table_with_blanks_last() -> None:
    assert list(paging.sort_rows(FRAME, "share_4g")["kelurahan"]) == [
        "Kepuharjo", "Kota Baru", "Séndang", "Sumberejo", "Sumbersari",
    ]  # fmt: skip
    assert list(paging.sort_rows(FRAME, "share_4g", descending=True)["kelurahan"])[-1] == "Sumbersari"
    assert list(paging.sort_rows(FRAME, "kelurahan")["kelurahan"])[:2] == ["Kepuharjo", "Kota Baru"]
    assert paging.sort_rows(FRAME, None) is FRAME and paging.sort_rows(FRAME, "nope") is FRAME


@pytest.mark.parametrize(
    ("rows", "number", "expected"),
    [(0, 1, (1, 1, 0, 0)), (10, 1, (1, 1, 1, 10)), (50, 1, (1, 1, 1, 50)), (51, 2, (2, 2, 51, 51)),
     (8492, 170, (170, 170, 8451, 8492)), (8492, 999, (170, 170, 8451, 8492)), (120, 0, (1, 3, 1, 50))],
)  # fmt: skip
def test_a_page_is_cut_and_clamped(rows: int, number: int, expected: tuple[int, int, int, int]) -> None:
    page = paging.page_of(pd.DataFrame({"n": range(rows)}), number)
    assert (page.number, page.pages, page.first, page.last) == expected
    assert list(page.rows["n"]) == list(range(max(page.first - 1, 0), page.last)) and page.matched == rows


@pytest.fixture
def ten_rows(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(paging, "PAGE_ROWS", 10)


def _comparison(at: AppTest) -> pd.DataFrame:
    return at.dataframe[1].value  # after the pinned averages


@pytest.mark.parametrize("lang", ["id", "en"])
def test_all_kelurahan_compared_a_page_at_a_time(ten_rows, lang: str, pack) -> None:
    at = _open(lang)
    first = _comparison(at)
    codes = sorted(pack.table("kelurahan")["kode"])
    assert list(first["kode"]) == codes[:10]
    assert t("table.showing", lang, first=1, last=10, matched=34, total=34) in [c.value for c in at.caption]
    at.number_input(key="kel_compare_page").set_value(4).run()
    assert list(_comparison(at)["kode"]) == codes[30:]
    # sorted whole, not page by page: the largest kelurahan of all come first
    at.selectbox(key="kel_compare_sort").set_value("area_km2").run()
    at.toggle(key="kel_compare_desc").set_value(True).run()
    at.number_input(key="kel_compare_page").set_value(1).run()
    figures = at.dataframe[1].value
    assert not at.exception
    areas = pack.table("kelurahan").set_index("kode")
    assert len(figures) == 10 and list(figures["area_km2"]) == sorted(figures["area_km2"], reverse=True)
    assert figures["area_km2"].min() >= _comparison_all_areas(at, pack)[9] - 1e-9
    assert set(figures["kode"]) <= set(areas.index)


def _comparison_all_areas(at: AppTest, pack) -> list[float]:
    """Every kelurahan's area as the comparison computes it, largest first (from the map data)."""
    from smartcity_geo.mapdata import prepare_map_data  # noqa: PLC0415

    return sorted(prepare_map_data(pack).figures["area_km2"], reverse=True)


def test_a_filter_narrows_and_the_page_follows(ten_rows, pack) -> None:
    at = _open("en")
    at.number_input(key="kel_compare_page").set_value(4).run()
    kel = pack.table("kelurahan")
    name = kel["kecamatan"].iloc[0]
    at.text_input(key="kel_compare_find").set_value(name.lower()).run()
    assert not at.exception
    shown = _comparison(at)
    expected = sorted(kel.loc[kel["kecamatan"] == name, "kode"])
    assert at.number_input(key="kel_compare_page").value <= -(-len(expected) // 10)  # brought back within the pages
    assert set(shown["kode"]) <= set(expected) and len(shown) > 0
    at.text_input(key="kel_compare_find").set_value("zzz-no-such-place").run()
    assert len(_comparison(at)) == 0
    assert t("table.no_match", "en", total=34) in [c.value for c in at.caption]


def test_a_selection_shorter_than_a_page_has_no_pager(ten_rows, pack) -> None:
    at = _open("id")
    codes = sorted(pack.table("kelurahan")["kode"])[:3]
    at = _select(at, codes)
    assert list(_comparison(at)["kode"]) == codes
    assert not [w for w in at.number_input if w.key == "kel_compare_page"]


def test_the_gap_list_pages_and_the_download_holds_everything(ten_rows) -> None:
    at = _open("id")
    at.slider(key="gap_4g").set_value(100).run()  # every kelurahan under 100 % 4G has a gap
    gap = [d.value for d in at.dataframe if "reasons" in d.value.columns][0]
    assert len(gap) == 10
    assert [w for w in at.number_input if w.key == "kel_gaps_page"]
