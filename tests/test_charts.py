"""Chart builders tested by structure (fig.data, fig.layout, to_dict), not by pixels."""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go
import pytest

from smartcity_geo import charts
from smartcity_geo import programme as prog


@pytest.fixture()
def tables(programme_tables):
    """The hand-made programme tables of ``conftest.py`` (fresh per test)."""
    return programme_tables


def _trace(fig: go.Figure, **meta) -> go.BaseTraceType:
    found = [tr for tr in fig.data if tr.meta and all(tr.meta.get(k) == v for k, v in meta.items())]
    assert len(found) == 1, (meta, [tr.meta for tr in fig.data])
    return found[0]


def _annotations(fig: go.Figure) -> list[str]:
    return [a.text for a in fig.layout.annotations]


# --------------------------------------------------------------------------------------
# Indicator charts


def test_element_progress_has_a_line_per_subdimension_mean_and_target(tables, today):
    fig = charts.element_progress_chart(tables, "SG", "id", today=today)
    subs = [tr for tr in fig.data if tr.meta and "subdimension" in tr.meta]
    assert [tr.meta["subdimension"] for tr in subs] == ["SG-AA", "SG-BB", "SG-CC"]
    assert [tr.name for tr in subs] == ["SG sub AA id", "SG sub BB id", "SG sub CC id"]
    aa = subs[0]
    assert list(aa.x) == list(range(2022, 2032))
    assert aa.y[0] == pytest.approx(1.0) and aa.y[1] == pytest.approx(0.9)
    assert aa.y[2] is None or math.isnan(aa.y[2])  # 2024: a gap, not a zero
    assert aa.connectgaps is False
    mean = _trace(fig, element="SG")
    # 2022: mean(SG-AA 100 %, SG-BB 50 %) = 75 %;  2023: mean(90 %, 100 %) = 95 %
    assert mean.y[0] == pytest.approx(0.75) and mean.y[1] == pytest.approx(0.95)
    target = _trace(fig, role="target")
    assert set(target.y) == {1.0}
    assert fig.layout.yaxis.tickformat == ".0%"


def test_titles_and_axes_follow_the_language(tables, today):
    fig_id = charts.element_progress_chart(tables, "SG", "id", today=today)
    fig_en = charts.element_progress_chart(tables, "SG", "en", today=today)
    assert "Tata Kelola" in fig_id.layout.title.text and "capaian" in fig_id.layout.title.text
    assert "Governance" in fig_en.layout.title.text and "achievement" in fig_en.layout.title.text
    assert fig_id.layout.xaxis.title.text == "Tahun" and fig_en.layout.xaxis.title.text == "Year"
    assert fig_id.layout.separators == ",." and fig_en.layout.separators == ".,"
    assert "belum berakhir" in " ".join(map(str, _annotations(fig_id)))
    assert "not yet ended" in " ".join(map(str, _annotations(fig_en)))


def test_overview_has_six_bars_and_no_bar_without_data(tables):
    fig = charts.element_overview_chart(tables, 2023, "en")
    (bar,) = fig.data
    assert bar.type == "bar" and bar.orientation == "h"
    assert list(bar.customdata) == ["SG", "SB", "SE", "SL", "SS", "SN"]
    assert list(bar.y)[0] == "Governance"
    # SG 2023: mean(90 %, 100 %) = 95 %; SB has a target but no actual; SS only kelurahan-level
    assert bar.x[0] == pytest.approx(0.95)
    assert bar.x[1] is None or math.isnan(bar.x[1])
    assert bar.x[4] is None or math.isnan(bar.x[4])
    assert _annotations(fig).count("no data") == 5
    assert "2023" in fig.layout.title.text and fig.layout.title.text.startswith("Six elements")


def test_indicator_chart_marks_official_and_sample_actuals_apart(tables, today):
    fig = charts.indicator_chart(tables, "SG-AA-1", "en", today=today)
    official = _trace(fig, role="actual", status="official")
    assert list(official.x) == [2022, 2023] and list(official.y) == [40.0, 45.0]
    assert official.marker.symbol == "circle" and "official" in official.name
    assert not [tr for tr in fig.data if tr.meta and tr.meta.get("status") == "sample"]
    target = _trace(fig, role="target")
    assert target.line.dash == "dash" and "(sample)" in target.name
    baseline = _trace(fig, role="baseline")
    assert list(baseline.x) == [2021] and list(baseline.y) == [30.0]
    assert fig.layout.yaxis.title.text.startswith("%")
    assert "partly sample" in fig.layout.title.text
    assert "mixed" in fig.layout.title.subtitle.text


def test_kelurahan_indicator_chart_names_the_kelurahan(tables, today):
    fig = charts.indicator_chart(tables, "SS-AA-K", "id", today=today)
    assert "Tamba'an" in fig.layout.title.text
    sample = _trace(fig, role="actual", status="sample")
    assert sample.marker.symbol == "circle-open"


def test_sample_only_chart_is_labelled_and_watermarked(tables, today):
    fig = charts.indicator_chart(tables, "SG-BB-1", "id", today=today)
    assert "(data contoh)" in fig.layout.title.text
    assert "CONTOH" in fig.layout.title.subtitle.text
    assert "CONTOH" in _annotations(fig)
    fig_en = charts.indicator_chart(tables, "SG-BB-1", "en", today=today)
    assert "SAMPLE" in _annotations(fig_en) and "(sample data)" in fig_en.layout.title.text


def test_official_only_chart_has_no_sample_label(tables, today):
    t = tables
    t["indicator_values"]["target_status"] = None  # target now as official as the actuals
    t["indicator_values"] = t["indicator_values"][t["indicator_values"]["indicator"] != "SG-AA-1"]
    t["indicator_values"] = pd.concat(
        [
            t["indicator_values"],
            pd.DataFrame(
                {
                    "indicator": ["SG-AA-1"],
                    "year": pd.array([2022], dtype="Int64"),
                    "target": [40.0],
                    "actual": [40.0],
                    "status": ["official"],
                    "target_status": [None],
                    "source": ["s"],
                    "note": [None],
                }
            ),
        ],
        ignore_index=True,
    )
    fig = charts.indicator_chart(t, "SG-AA-1", "en", today=today)
    assert "sample" not in fig.layout.title.text.lower()
    assert "official" in fig.layout.title.subtitle.text
    assert "SAMPLE" not in _annotations(fig)


def test_presentation_mode_uses_larger_type(tables):
    normal = charts.element_overview_chart(tables, 2023, "id")
    big = charts.element_overview_chart(tables, 2023, "id", presentation=True)
    assert big.layout.font.size > normal.layout.font.size
    assert big.layout.title.font.size > normal.layout.title.font.size
    assert big.layout.height > normal.layout.height


# --------------------------------------------------------------------------------------
# Budget charts


def test_budget_by_element_stacks_rupiah_billions_and_flags_2024(tables):
    fig = charts.budget_by_element_chart(tables, "id")
    assert fig.layout.barmode == "stack"
    assert fig.layout.yaxis.title.text == "Miliar rupiah"
    # 2023 = SG 7 bn (sample) + SS 5 bn (official): an official part stays a trace of its own
    ss_official = _trace(fig, element="SS", status="official")
    assert ss_official.y[1] == pytest.approx(5.0) and ss_official.marker.pattern.shape == ""
    ss_sample = _trace(fig, element="SS", status="sample")
    assert ss_sample.marker.pattern.shape == "/"
    assert ss_official.showlegend is False or ss_sample.showlegend is False
    total_2023 = sum(tr.y[1] or 0 for tr in fig.data)
    assert total_2023 == pytest.approx(12.0)
    names = {a.name: a.text for a in fig.layout.annotations if a.name}
    assert "total-2024-flag" in names and "tidak naik" in names["total-2024-flag"]
    assert "Rp 11,0 miliar" in names["total-2024-flag"]
    assert "+20,0%" in names["total-2023"]
    assert not any(k.startswith("total-2019") for k in names)  # before the masterplan


def test_budget_change_colours_the_year_that_did_not_rise(tables):
    fig = charts.budget_change_chart(tables, "en")
    rising = _trace(fig, not_rising=False)
    falling = _trace(fig, not_rising=True)
    assert list(rising.x) == [2023, 2025]
    assert list(falling.x) == [2024]
    # 2024: 11 bn after 12 bn -> -1/12 = -8.3 %
    assert falling.y[0] == pytest.approx(-1 / 12)
    assert falling.text[0] == "\u22128.3%"
    assert falling.marker.color != rising.marker.color
    assert fig.layout.title.text.startswith("Change in budget")


def test_planned_vs_realised_leaves_unknown_realised_empty(tables, today):
    fig = charts.budget_planned_realised_chart(tables, "en", today=today)
    planned = _trace(fig, role="planned")
    realised = _trace(fig, role="realised")
    assert planned.y[:4] == pytest.approx((10.0, 12.0, 11.0, 13.0))
    assert realised.y[0] == pytest.approx(9.0)
    assert realised.y[1] is None  # one 2023 line has no realised amount
    assert realised.y[3] is None
    names = {a.name: a.text for a in fig.layout.annotations if a.name}
    assert names["rate-2022"] == "90% spent"
    assert names["unknown-2023"] == "realised not known"
    assert fig.layout.barmode == "group"


def test_figures_serialise(tables, today):
    for fig in (
        charts.element_progress_chart(tables, "SB", "id", today=today),
        charts.element_overview_chart(tables, 2025, "en"),
        charts.indicator_chart(tables, "SB-AA-1", "id", today=today),
        charts.budget_by_element_chart(tables, "en", presentation=True),
    ):
        data = fig.to_dict()
        assert data["data"] and data["layout"]["title"]["text"]


# --------------------------------------------------------------------------------------
# Tables beside the charts


def test_indicator_table_headers_states_and_sources(tables):
    table = charts.indicator_table(tables, 2023, "en", element="SG")
    assert list(table["Code"]) == ["SG-AA-1", "SG-BB-1"]
    assert list(table["Status"]) == ["behind", "on track"]
    assert list(table["Achievement"]) == ["90%", "100%"]
    assert list(table["Data status"]) == ["official, sample", "sample"]
    assert set(table["Source"]) == {"value source"}  # the source of the actual shown
    assert "Kelurahan" not in table.columns  # city-wide rows only
    table_id = charts.indicator_table(tables, 2024, "id", element="SG")
    assert list(table_id["Keadaan"]) == ["tidak ada data", "tidak ada data"]
    assert set(table_id["Sumber"]) == {"definition source"}  # no actual: the indicator's own source


def test_indicator_table_for_a_kelurahan_only(tables):
    table = charts.indicator_table(tables, 2023, "id", kelurahan_code="35.75.04.1002", city=False)
    assert list(table["Kode"]) == ["SS-AA-K"]
    assert list(table["Kelurahan"]) == ["Tamba'an"]


def test_budget_table_and_flag_messages(tables):
    table = charts.budget_table(tables, "id")
    assert list(table["Tahun"]) == ["2022", "2023", "2024", "2025"]
    assert list(table["Rencana"])[0] == "Rp 10,0 miliar"
    assert list(table["Tanda"]) == ["", "", "\u26a0 tidak naik", ""]
    (message,) = charts.flag_messages(tables, "en")
    assert message.startswith("The 2024 budget did not rise from 2023")
    before = charts.budget_lines_table(tables, "en", before_masterplan=True)
    assert list(before["Planned"]) == ["Rp 11.0 billion"]


# --------------------------------------------------------------------------------------
# The real data files draw without error


def test_every_chart_draws_from_the_data_files(programme_files, today):
    tables = programme_files
    roll = prog.rollups(tables)  # as the app does (ui.loaders.programme_rollups): computed once
    for lang in ("id", "en"):
        for code in tables["elements"]["code"]:
            assert charts.element_progress_chart(tables, code, lang, today=today, rollups=roll).data
        assert charts.element_overview_chart(tables, 2025, lang, rollups=roll).data
        for code in tables["indicators"]["code"]:
            assert charts.indicator_chart(tables, code, lang, today=today).data
        assert charts.budget_by_element_chart(tables, lang).data
        assert charts.budget_change_chart(tables, lang).data
        assert charts.budget_planned_realised_chart(tables, lang, today=today).data
        assert len(charts.indicator_table(tables, 2025, lang)) == len(
            tables["indicators"][tables["indicators"]["kelurahan_code"].isna()]
        )


def test_uploaded_budget_lines_are_cross_hatched_and_named(tables):
    """Uploaded lines (never verified) get their own hatching and status words, from the rules."""
    tables = dict(tables)
    tables["budget"] = tables["budget"].assign(status="uploaded")
    fig = charts.budget_change_chart(tables, "en")
    assert {p for trace in fig.data for p in trace.marker.pattern.shape} == {charts.PATTERN["uploaded"]}
    assert "UPLOADED" in fig.layout.title.subtitle.text and "(sample data)" in fig.layout.title.text
    assert charts.budget_status(tables["budget"], [2024]) == "uploaded"
    flags = charts.budget_flags(tables, "en")
    assert flags and {status for _, status in flags} == {"uploaded"}


def test_indicator_table_decimals_come_from_the_rules(tables):
    from smartcity_geo import rules

    table = charts.indicator_table(tables, 2023, "en")
    row = table[table["Code"] == "SG-AA-1"].iloc[0] if "Code" in table.columns else table.iloc[0]
    target = [v for v in row.values if isinstance(v, str) and v[:1].isdigit()][0]
    decimals = len(target.split(".")[1]) if "." in target else 0
    assert decimals == rules.unit_decimals("percent")


def test_comparison_chart_sorts_bars_and_draws_each_average():
    rows = pd.DataFrame({"kode": ["a", "b", "c"], "kelurahan": ["<b>A</b>", "B", "C"], "share_4g": [0.2, 0.9, 0.4956]})
    averages = pd.DataFrame({"kode": ["35.75", "35.75.01"], "kelurahan": ["City", "Kec"], "share_4g": [0.6, 0.5]})
    fig = charts.comparison_chart(rows, averages, "share_4g", "sample", "en")
    bar = fig.data[0]
    assert list(bar.y) == [0.9, 0.4956, 0.2] and list(bar.text) == ["90.0%", "49.6%", "20.0%"]
    assert "&lt;b&gt;A&lt;/b&gt;" in bar.x  # data text is escaped for Plotly's HTML labels
    assert [s.name for s in fig.layout.shapes] == ["average-35.75", "average-35.75.01"]
    assert list(bar.marker.pattern.shape) == [charts.PATTERN["sample"]] or bar.marker.pattern.shape == "/"
