"""Programme analytics, validation, formatting and the programme data files.

Expected values are worked out by hand in the comments, not copied from the code's output.
"""

from __future__ import annotations

import json
import math
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from smartcity_geo import programme as prog
from smartcity_geo import rules
from smartcity_geo.errors import DataPackError
from smartcity_geo.formatting import (
    format_area_km2,
    format_number,
    format_percent,
    format_rupiah,
    format_signed_percent,
)
from smartcity_geo.schema import cross_check
from smartcity_geo.strings import TEXT

ROOT = Path(__file__).resolve().parent.parent
GEODATA = ROOT / "geodata"


# --------------------------------------------------------------------------------------
# Small hand-made tables


def _indicators(rows):
    cols = ["code", "subdimension", "direction", "unit", "kelurahan_code"]
    frame = pd.DataFrame(rows, columns=cols)
    frame["kelurahan_code"] = frame["kelurahan_code"].astype(object).where(frame["kelurahan_code"].notna(), None)
    return frame


def _values(rows):
    frame = pd.DataFrame(rows, columns=["indicator", "year", "target", "actual", "status"])
    frame["year"] = frame["year"].astype("Int64")
    frame["target"] = frame["target"].astype("float64")
    frame["actual"] = frame["actual"].astype("float64")
    frame["source"] = "test"
    return frame


def _budget(rows):
    frame = pd.DataFrame(rows, columns=["year", "element", "planned_idr", "realised_idr", "status"])
    frame["year"] = frame["year"].astype("Int64")
    frame["planned_idr"] = frame["planned_idr"].astype("float64")
    frame["realised_idr"] = frame["realised_idr"].astype("float64")
    return frame


# --------------------------------------------------------------------------------------
# Achievement: direction, missing values, capping


def test_higher_is_better_divides_actual_by_target():
    assert prog.achievement(80, 100, "higher") == pytest.approx(0.8)
    assert prog.achievement(120, 100, "higher") == pytest.approx(1.2)


def test_lower_is_better_divides_target_by_actual():
    # target 2 days, actual 4 days: twice as slow as wanted -> 50 %
    assert prog.achievement(4, 2, "lower") == pytest.approx(0.5)
    # actual 1 day beats a 2-day target -> 200 % raw
    assert prog.achievement(1, 2, "lower") == pytest.approx(2.0)


def test_missing_actual_or_target_is_nan_not_zero():
    assert math.isnan(prog.achievement(None, 100, "higher"))
    assert math.isnan(prog.achievement(50, float("nan"), "higher"))
    assert math.isnan(prog.achievement(pd.NA, 3, "lower"))


def test_zero_denominator_means_target_met():
    assert prog.achievement(0, 0, "lower") == 1.0
    assert prog.achievement(0, 5, "lower") == math.inf  # zero incidents beat any target
    assert prog.cap_achievement(math.inf) == prog.ACHIEVEMENT_CAP


def test_unknown_direction_is_refused():
    with pytest.raises(ValueError, match="higher' or 'lower"):
        prog.achievement(1, 1, "up")


def test_capping_keeps_the_raw_value():
    ind = _indicators([("A", "SG-SV", "higher", "count", None)])
    val = _values([("A", 2022, 10, 30, "sample")])  # 300 % raw
    table = prog.achievement_table(ind, val, years=[2022])
    assert table.loc[0, "achievement_raw"] == pytest.approx(3.0)
    assert table.loc[0, "achievement"] == pytest.approx(1.5)


def test_missing_years_are_rows_with_nan():
    ind = _indicators([("A", "SG-SV", "higher", "percent", None)])
    val = _values([("A", 2022, 50, 40, "sample"), ("A", 2024, 60, None, "sample")])
    table = prog.achievement_table(ind, val, years=[2022, 2023, 2024]).set_index("year")
    assert list(table.index) == [2022, 2023, 2024]
    assert table.loc[2022, "achievement"] == pytest.approx(0.8)
    assert math.isnan(table.loc[2023, "achievement"])  # no row at all
    assert math.isnan(table.loc[2024, "achievement"])  # target but no actual
    assert (table["achievement"].fillna(-1) != 0).all()


def test_default_years_span_the_masterplan():
    ind = _indicators([("A", "SG-SV", "higher", "percent", None)])
    table = prog.achievement_table(ind, _values([]))
    assert list(table["year"]) == list(range(2022, 2032))


# --------------------------------------------------------------------------------------
# Status per indicator and year


def test_state_on_track_behind_no_data():
    ind = _indicators(
        [
            ("A", "SG-SV", "higher", "percent", None),  # 60 of 60: on track
            ("B", "SG-SV", "lower", "days", None),  # 5 days against 4: behind
            ("C", "SG-SV", "higher", "percent", None),  # no actual: no data
            ("D", "SG-SV", "higher", "percent", None),  # no row at all: no data
        ]
    )
    val = _values([("A", 2025, 60, 60, "sample"), ("B", 2025, 4, 5, "sample"), ("C", 2025, 70, None, "sample")])
    states = prog.indicator_status(ind, val, 2025).set_index("indicator")["state"].to_dict()
    assert states == {"A": "on_track", "B": "behind", "C": "no_data", "D": "no_data"}


# --------------------------------------------------------------------------------------
# Roll-ups


def _rollup_case():
    # SG-SV: A 100 %, B 50 %  -> mean 75 %
    # SG-BU: C 150 % (capped from 200 %)
    # SG-PO: D without data
    # element SG = mean(75 %, 150 %) = 112.5 %  (an indicator mean would give 100 %)
    ind = _indicators(
        [
            ("A", "SG-SV", "higher", "percent", None),
            ("B", "SG-SV", "higher", "percent", None),
            ("C", "SG-BU", "higher", "count", None),
            ("D", "SG-PO", "higher", "count", None),
            ("K", "SG-SV", "higher", "count", "35.75.04.1002"),  # kelurahan-level: left out
        ]
    )
    val = _values(
        [
            ("A", 2024, 10, 10, "official"),
            ("B", 2024, 10, 5, "sample"),
            ("C", 2024, 10, 20, "sample"),
            ("D", 2024, 10, None, "sample"),
            ("K", 2024, 10, 0, "sample"),
        ]
    )
    return ind, val


def test_subdimension_rollup_is_the_mean_of_its_indicators():
    ind, val = _rollup_case()
    roll = prog.subdimension_rollup(ind, val, years=[2024]).set_index("subdimension")
    assert roll.loc["SG-SV", "achievement"] == pytest.approx(0.75)
    assert roll.loc["SG-SV", "n_indicators"] == 2  # K is kelurahan-level
    assert roll.loc["SG-SV", "n_on_track"] == 1 and roll.loc["SG-SV", "n_behind"] == 1
    assert roll.loc["SG-SV", "status"] == "sample"  # official + sample -> the weaker
    assert roll.loc["SG-BU", "achievement"] == pytest.approx(1.5)
    assert math.isnan(roll.loc["SG-PO", "achievement"])
    assert roll.loc["SG-PO", "n_no_data"] == 1


def test_element_rollup_weighs_subdimensions_equally():
    ind, val = _rollup_case()
    roll = prog.element_rollup(ind, val, years=[2024]).set_index("element")
    assert roll.loc["SG", "achievement"] == pytest.approx(1.125)
    assert roll.loc["SG", "n_subdimensions_with_data"] == 2
    assert roll.loc["SG", "n_indicators"] == 4


def test_kelurahan_indicators_can_be_included():
    ind, val = _rollup_case()
    roll = prog.subdimension_rollup(ind, val, years=[2024], include_kelurahan=True).set_index("subdimension")
    # A 100 %, B 50 %, K 0 %  -> 50 %
    assert roll.loc["SG-SV", "achievement"] == pytest.approx(0.5)


def test_indicators_for_a_kelurahan():
    ind, _ = _rollup_case()
    assert set(prog.indicators_for(ind)["code"]) == {"A", "B", "C", "D"}
    assert set(prog.indicators_for(ind, "35.75.04.1002")["code"]) == {"A", "B", "C", "D", "K"}
    assert prog.kelurahan_with_indicators(ind) == ["35.75.04.1002"]


def test_weakest_status():
    assert rules.weakest_status(["official", "official"]) == "official"
    assert rules.weakest_status(["official", "seed"]) == "seed"
    assert rules.weakest_status(["official", None, "sample"]) == "sample"
    assert rules.weakest_status([None, float("nan")]) == rules.NO_STATUS == "sample"  # "no status": one answer


# --------------------------------------------------------------------------------------
# Budget: totals, year-on-year change, the not-rising flag


def _budget_case():
    # 2019: 11 bn (before the masterplan)
    # 2022: 5 + 3 = 8 bn;  2023: 10 bn (+2 bn, +25 %);  2024: 10 bn (+0: did not rise)
    # 2025: 9 bn (-1 bn, -10 %: did not rise);  2027: 12 bn (2026 missing: no change, no flag)
    return _budget(
        [
            (2019, "SG", 11e9, None, "official"),
            (2022, "SG", 5e9, 4e9, "sample"),
            (2022, "SB", 3e9, 3e9, "sample"),
            (2023, "SG", 10e9, None, "sample"),
            (2024, "SG", 6e9, 5e9, "official"),
            (2024, "SB", 4e9, None, "sample"),
            (2025, "SG", 9e9, 8e9, "sample"),
            (2027, "SG", 12e9, None, "sample"),
        ]
    )


def test_budget_totals_change_and_flag():
    totals = prog.budget_totals(_budget_case()).set_index("year")
    assert list(totals.index) == [2022, 2023, 2024, 2025, 2027]  # 2019 is before the masterplan
    assert totals.loc[2022, "planned"] == pytest.approx(8e9)
    assert math.isnan(totals.loc[2022, "change"])
    assert totals.loc[2023, "change"] == pytest.approx(2e9)
    assert totals.loc[2023, "change_pct"] == pytest.approx(0.25)
    assert totals.loc[2024, "change"] == pytest.approx(0.0)
    assert totals.loc[2025, "change_pct"] == pytest.approx(-0.1)
    assert math.isnan(totals.loc[2027, "change"])
    flags = totals["not_rising"].to_dict()
    assert flags == {2022: False, 2023: False, 2024: True, 2025: True, 2027: False}
    assert prog.not_rising_years(_budget_case()) == [2024, 2025]


def test_realised_total_only_when_every_line_is_known():
    totals = prog.budget_totals(_budget_case()).set_index("year")
    assert totals.loc[2022, "realised"] == pytest.approx(7e9)
    assert totals.loc[2022, "realisation_rate"] == pytest.approx(7 / 8)
    assert math.isnan(totals.loc[2024, "realised"])  # one of two lines unknown
    assert math.isnan(totals.loc[2024, "realisation_rate"])


def test_budget_by_year_and_element():
    by_el = prog.budget_by_year_element(_budget_case()).set_index(["year", "element"])
    assert by_el.loc[(2024, "SG"), "planned"] == pytest.approx(6e9)
    assert by_el.loc[(2024, "SG"), "status"] == "official"
    assert math.isnan(by_el.loc[(2024, "SB"), "realised"])


def test_pre_masterplan_lines_are_kept_apart():
    before = prog.pre_masterplan_budget(_budget_case())
    assert list(before["year"]) == [2019]
    with_all = prog.budget_totals(_budget_case(), start=None).set_index("year")
    assert 2019 in with_all.index


# --------------------------------------------------------------------------------------
# Formatting (Babel)


def test_rupiah_in_indonesian_and_english():
    assert format_rupiah(11_000_000_000, "id") == "Rp 11,0 miliar"
    assert format_rupiah(11_000_000_000, "en") == "Rp 11.0 billion"
    assert format_rupiah(550_000_000, "id") == "Rp 550,0 juta"
    assert format_rupiah(550_000_000, "en") == "Rp 550.0 million"
    assert format_rupiah(2_500_000_000_000, "id") == "Rp 2,5 triliun"
    assert format_rupiah(1_297_975_000, "en") == "Rp 1.3 billion"


def test_rupiah_small_negative_signed_and_rounding_up_a_scale():
    assert format_rupiah(750_000, "id") == "Rp 750.000"
    assert format_rupiah(750_000, "en") == "Rp 750,000"
    assert format_rupiah(-2_000_000_000, "id") == "\u2212Rp 2,0 miliar"
    assert format_rupiah(3_300_000_000, "en", signed=True) == "+Rp 3.3 billion"
    # 999.96 million would read "1,000.0 million": it is 1.0 billion
    assert format_rupiah(999_960_000, "en") == "Rp 1.0 billion"


def test_numbers_percent_area_and_missing():
    assert format_number(1234567.891, "id", 1) == "1.234.567,9"
    assert format_number(1234567.891, "en", 1) == "1,234,567.9"
    assert format_percent(0.94, "id") == "94%"
    assert format_percent(0.943, "id", 1) == "94,3%"
    assert format_signed_percent(-0.064, "en") == "\u22126.4%"
    assert format_area_km2(35.29, "id") == "35,29 km\u00b2"
    for fmt in (format_number, format_percent, format_rupiah, format_area_km2):
        assert fmt(None, "id") == "\u2013"
        assert fmt(float("nan"), "en") == "\u2013"


# --------------------------------------------------------------------------------------
# Validation across the programme tables


def _valid_tables():
    elements = pd.DataFrame({"code": ["SG"], "name_id": ["a"], "name_en": ["a"]})
    subs = pd.DataFrame(
        {"code": ["SG-SV", "SG-BU", "SG-PO"], "element": ["SG"] * 3, "name_id": list("abc"), "name_en": list("abc")}
    )
    indicators = pd.DataFrame(
        {
            "code": ["SG-SV-01", "SG-BU-01"],
            "subdimension": ["SG-SV", "SG-BU"],
            "unit": ["percent", "score_0_4"],
            "direction": ["higher", "higher"],
            "baseline": [40.0, float("nan")],
            "baseline_year": pd.array([2021, None], dtype="Int64"),
            "kelurahan_code": [None, "35.75.04.1002"],
        }
    )
    values = pd.DataFrame(
        {
            "indicator": ["SG-SV-01", "SG-SV-01", "SG-BU-01"],
            "year": pd.array([2024, 2025, 2022], dtype="Int64"),
            "target": [50.0, 60.0, 3.0],
            "actual": [55.0, float("nan"), 3.16],
            "status": ["sample", "sample", "official"],
        }
    )
    budget = pd.DataFrame(
        {
            "year": pd.array([2024, 2025], dtype="Int64"),
            "element": ["SG", "SG"],
            "planned_idr": [10e9, 12e9],
            "realised_idr": [9e9, float("nan")],
            "status": ["sample", "sample"],
        }
    )
    kelurahan = pd.DataFrame({"kode": ["35.75.04.1002", "35.75.04.1005"]})
    return {
        "elements": elements,
        "subdimensions": subs,
        "indicators": indicators,
        "indicator_values": values,
        "budget": budget,
        "kelurahan": kelurahan,
    }


def test_valid_tables_pass(today):
    cross_check(_valid_tables(), today=today)


@pytest.mark.parametrize(
    ("table", "column", "index", "bad", "key", "file", "row"),
    [
        ("indicators", "subdimension", 1, "SG-XX", "unknown_reference", "indicators.csv", 3),
        ("indicator_values", "indicator", 2, "SG-NOPE", "unknown_reference", "indicator_values.csv", 4),
        ("budget", "element", 0, "SZ", "unknown_reference", "budget.csv", 2),
        ("subdimensions", "element", 2, "SX", "unknown_reference", "subdimensions.csv", 4),
        ("indicators", "kelurahan_code", 1, "35.75.04.1099", "unknown_code", "indicators.csv", 3),
        ("indicator_values", "actual", 0, 120.0, "out_of_range", "indicator_values.csv", 2),  # 120 %
        ("indicator_values", "target", 2, 4.5, "out_of_range", "indicator_values.csv", 4),  # 4.5 of 0-4
        ("indicator_values", "actual", 1, 70.0, "prog_future_actual", "indicator_values.csv", 3),  # year 2026
        ("budget", "realised_idr", 0, 11e9, "prog_realised_above_planned", "budget.csv", 2),
        ("indicators", "baseline_year", 0, 2025, "prog_baseline_year", "indicators.csv", 2),
    ],
)
def test_cross_check_names_file_row_and_column(table, column, index, bad, key, file, row, today):
    tables = _valid_tables()
    frame = tables[table].copy()
    if table == "indicator_values" and key == "prog_future_actual":
        frame["year"] = pd.array([2024, 2026, 2022], dtype="Int64")  # 2026 has not ended on 28 Nov 2026
    frame.loc[index, column] = bad
    tables[table] = frame
    with pytest.raises(DataPackError) as info:
        cross_check(tables, today=today)
    err = info.value
    assert (err.key, err.file, err.row, err.column) == (key, file, row, column)
    assert err.message("en") and err.message("id") != err.message("en")


def test_duplicate_indicator_year_is_refused(today):
    tables = _valid_tables()
    tables["indicator_values"].loc[1, "year"] = 2024
    with pytest.raises(DataPackError, match="more than once"):
        cross_check(tables, today=today)


def test_an_actual_for_2025_is_fine_on_28_november_2026_but_not_before_2026(today):
    tables = _valid_tables()
    tables["indicator_values"].loc[1, "actual"] = 58.0  # 2025
    cross_check(tables, today=today)
    with pytest.raises(DataPackError, match="has not ended"):
        cross_check(tables, today=date(2025, 6, 1))


def test_pack_row_numbers_are_used_when_present(today):
    tables = _valid_tables()
    tables["budget"] = tables["budget"].assign(_row=[7, 9])
    tables["budget"].loc[1, "element"] = "XX"
    with pytest.raises(DataPackError) as info:
        cross_check(tables, today=today)
    assert info.value.row == 9


def test_every_element_needs_three_subdimensions(today):
    tables = _valid_tables()
    tables["subdimensions"] = tables["subdimensions"].iloc[:2]
    tables["indicators"] = tables["indicators"].iloc[:1].assign(subdimension="SG-SV")
    tables["indicator_values"] = tables["indicator_values"].iloc[:2]
    with pytest.raises(DataPackError, match="exactly 3 sub-dimensions"):
        cross_check(tables, today=today)


def test_error_keys_exist_in_both_languages():
    for key in (
        "prog_sub_code",
        "prog_sub_count",
        "prog_future_actual",
        "prog_baseline_year",
        "prog_realised_above_planned",
    ):
        indonesian, english = TEXT[f"error.{key}"]
        assert indonesian and english and indonesian != english


# --------------------------------------------------------------------------------------
# The data files themselves


@pytest.fixture(scope="module")
def files(programme_files):
    return programme_files


def test_data_files_read_and_cross_check(files, today):
    cross_check(files, today=today)
    assert len(files["elements"]) == 6
    assert len(files["subdimensions"]) == 18
    city = prog.city_indicators(files["indicators"])
    assert 40 <= len(city) <= 55
    assert (files["subdimensions"]["code"].isin(city["subdimension"])).all()  # every sub-dimension has one


def test_real_figures_are_official_and_exact(files):
    values = files["indicator_values"].set_index(["indicator", "year"])
    assert values.loc[("SG-BU-03", 2022), "actual"] == 3.16
    assert values.loc[("SG-BU-03", 2022), "status"] == "official"
    assert values.loc[("SS-CO-02", 2023), "actual"] == 415
    assert values.loc[("SG-PO-01", 2025), "actual"] == 94
    budget = files["budget"]
    kominfo = budget[(budget["year"] == 2019) & (budget["element"] == "SG")]
    assert list(kominfo["planned_idr"]) == [11e9] and list(kominfo["status"]) == ["official"]


def test_no_actual_after_the_last_complete_year(files):
    values = files["indicator_values"]
    assert values.loc[values["actual"].notna(), "year"].max() <= 2025
    budget = files["budget"]
    assert budget.loc[budget["realised_idr"].notna(), "year"].max() <= 2025


def test_sample_budget_shows_a_year_that_did_not_rise(files):
    years = prog.not_rising_years(files["budget"])
    assert years, "the sample budget must show the not-rising flag at least once"
    totals = prog.budget_totals(files["budget"]).set_index("year")
    for year in years:
        assert totals.loc[year, "planned"] <= totals.loc[year - 1, "planned"]


def test_kelurahan_level_indicators_exist_for_several_kelurahan(files):
    codes = prog.kelurahan_with_indicators(files["indicators"])
    assert len(codes) >= 3
    assert set(codes) <= set(files["kelurahan"]["kode"])


# --------------------------------------------------------------------------------------
# Every roll-up at once (what the app caches once per data version)


def test_rollups_once_give_the_same_figures_as_each_function(files):
    ind, val, budget = files["indicators"], files["indicator_values"], files["budget"]
    roll = prog.rollups(files)
    pd.testing.assert_frame_equal(roll.subdimensions, prog.subdimension_rollup(ind, val), check_like=True)
    pd.testing.assert_frame_equal(roll.elements, prog.element_rollup(ind, val), check_like=True)
    pd.testing.assert_frame_equal(roll.elements_in(2024), prog.element_rollup(ind, val, years=[2024]))
    pd.testing.assert_frame_equal(roll.budget_totals, prog.budget_totals(budget))
    pd.testing.assert_frame_equal(roll.budget_by_element, prog.budget_by_year_element(budget))
    states = prog.indicator_status(prog.city_indicators(ind), val, 2024)["state"]
    assert list(roll.states(2024)) == list(states)
    # the per-status budget parts add up to each year and element's planned total
    parts = roll.budget_by_element_status.groupby(["year", "element"])["planned"].sum()
    whole = roll.budget_by_element.set_index(["year", "element"])["planned"]
    pd.testing.assert_series_equal(parts.sort_index(), whole.sort_index(), check_names=False)


def test_rollups_on_the_hand_made_case():
    ind, val = _rollup_case()
    tables = {"indicators": ind, "indicator_values": val, "budget": _budget_case()}
    roll = prog.rollups(tables)
    sg = roll.elements_in(2024).set_index("element")
    assert sg.loc["SG", "achievement"] == pytest.approx(1.125)  # as element_rollup: kelurahan K left out
    assert dict(roll.states(2024).value_counts()) == {"on_track": 2, "behind": 1, "no_data": 1}
    assert list(roll.states(2024, city=False).sort_index()) == ["on_track", "behind", "on_track", "no_data", "behind"]
    by_status = roll.budget_by_element_status.set_index(["year", "element", "status"])["planned"]
    assert by_status[(2024, "SG", "official")] == pytest.approx(6e9)
    assert by_status[(2024, "SB", "sample")] == pytest.approx(4e9)


def test_charts_drawn_from_cached_rollups_equal_charts_that_compute_their_own(files, today):
    """The indicator charts take the cached roll-ups; the budget charts are cached whole (ui.loaders)."""
    from smartcity_geo import charts

    roll = prog.rollups(files)
    cases = [
        (charts.element_progress_chart, ("SG", "en"), {"today": today}),
        (charts.element_overview_chart, (2024, "id"), {}),
    ]

    def spec(fig) -> dict:  # floats to 12 digits: a mean summed in another order may differ in the last bit
        return json.loads(fig.to_json(), parse_float=lambda text: round(float(text), 12))

    for builder, args, kwargs in cases:
        assert spec(builder(files, *args, rollups=roll, **kwargs)) == spec(builder(files, *args, **kwargs))
    assert charts.state_counts(files, 2024, element="SS", rollups=roll) == charts.state_counts(
        files, 2024, element="SS"
    )
