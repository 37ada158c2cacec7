"""Indicators on the recorded SSB tables, against values worked out by hand from the recorded
JSON-stat files (summing the cells named in each comment)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from helpers.themes import manufacturing_strategy as ms

EXTERNAL = os.environ.get("INDUSTRIRAPPORTER_EXTERNAL_DIR", "")
pytestmark = pytest.mark.skipif(
    not EXTERNAL or not (Path(EXTERNAL) / "ssb_jsonstat").is_dir(),
    reason="the recorded SSB tables are not here (set INDUSTRIRAPPORTER_EXTERNAL_DIR)")


@pytest.fixture(scope="module")
def series():
    return ms.indicator_series()


def test_employment_sums_both_sexes(series):
    # 07984: Region 0, NACE 10-33, 15-74 years, by place of work, females + males
    emp = series["sysselsatte"]
    assert emp[2015] == 215650 and emp[2024] == 217339


def test_business_rd_in_fixed_prices(series):
    # 11010: Sektor 1 (business enterprise), UtgIaltFast
    assert series["fou"][2015] == pytest.approx(27782.4)
    assert series["fou"][2023] == pytest.approx(35939.2)


def test_manufactured_exports_and_share(series):
    # 08818: SITC groups 5xx-8xx over the twelve months, NOK 1 000 → billion; TOTAL ("-")
    assert series["eksport"][2015] == pytest.approx(246.683868)
    assert series["eksport"][2024] == pytest.approx(384.886701)
    assert series["eksportandel"][2024] == pytest.approx(100 * 384886701 / 1808171539)
    assert 2008 not in series["eksport"]  # the table starts in March 2008: no full year


def test_weighted_indices_are_100_in_the_weight_year(series):
    assert series["produksjon"][2021] == pytest.approx(100.0, abs=0.05)
    assert series["eksportpriser"][2021] == pytest.approx(100.0, abs=0.05)


def test_summary_baseline_latest_trend(series):
    table = ms.indicator_table(series, (2015, 2024)).set_index("key")
    emp = table.loc["sysselsatte"]
    assert (emp["baseline_year"], emp["latest_year"]) == (2015, 2024)
    assert emp["trend_pct"] == pytest.approx(100 * ((217339 / 215650) ** (1 / 9) - 1))
    rd = table.loc["fou"]  # R&D ends in 2023: the latest year inside the period
    assert rd["latest_year"] == 2023
    assert rd["trend_pct"] == pytest.approx(100 * ((35939.2 / 27782.4) ** (1 / 8) - 1))
    assert table.loc["eksport", "retning"] == "opp"
    assert table.loc["eksportandel", "retning"] == "ned"


def test_indicators_per_area_differ():
    keys = {a: {i.key for i in ms.indicators_for(a)} for a in ms.area_choices()}
    assert keys["alle"] == {i.key for i in ms.INDICATORS}
    assert keys["markeder"] == {"eksport", "eksportandel", "eksportpriser"}
    assert keys["forskning"] == {"fou"}
    assert keys["produktivitet"] == {"produksjon", "produktivitet"}
    assert not keys["markeder"] & keys["produktivitet"]


def test_rd_gdp_note(series):
    note = ms.rd_gdp_note(ms.rd_share_of_gdp(), ms.load_table("ssb_11010"))
    assert note is not None
    assert note["share_2022"] < note["share_2021"] and note["spend_growth_pct"] > 0
    assert note["implied_gdp_growth_pct"] > note["spend_growth_pct"]


def test_production_per_employed_is_production_over_employment(series):
    # both indices are 100 in 2021, so the ratio is 100 there; 2024 by hand from the two series
    ppe = series["produktivitet"]
    emp = series["sysselsatte"]
    assert ppe[2021] == pytest.approx(100.0, abs=0.05)
    assert ppe[2024] == pytest.approx(series["produksjon"][2024] / (emp[2024] / emp[2021]))


def test_sources_table_states_vintage_and_years(series):
    table = ms.sources_table(series, (2015, 2024)).set_index("tabell")
    assert table.loc["07095", "SSB oppdatert"] == "7. august 2025"  # the recorded copy's "updated"
    assert table.loc["11010", "år brukt"] == "2015–2023"
    assert table.loc["07984", "år brukt"] == "2015–2024"


def test_series_comparison_same_year_and_period(series):
    table = ms.series_comparison(series).set_index("tall i strategien")
    # 07984, 2023: 215 337 against the strategy's 224 000 (national accounts)
    row = table.loc["Sysselsatte i industrien (2023)"]
    assert (row["oppgitt"], row["i serien"]) == ("224 000", "215\u202f337")
    change = table.loc["Endring i sysselsettingen (2018–2023)"]
    assert change["i serien"] == "3,1 %"   # 215 337 / 208 825 − 1 = 3,12 %
    assert change["oppgitt"] == "4 %"
    assert "07984 (oppdatert 26. februar 2025)" in change["serie og utgave"]
    assert "Industriens andel av eksportinntektene (2023)" in table.index


def test_county_employment_adds_up_to_the_whole_country():
    table, years = ms.county_employment((2015, 2024))
    assert years == (2015, 2019)   # the county accounts end in 2019
    assert len(table) == 18        # counties before 2020, Trøndelag as one
    first = table.columns[1]
    assert table[first].sum() == pytest.approx(227.0)   # "Hele landet" 2015 in 11713
    trondelag = table.set_index("fylke").loc["Trøndelag"]
    assert trondelag[first] == pytest.approx(12.9 + 5.9)  # Sør- + Nord-Trøndelag 2015
    assert "9 av 18 fylker" in ms.county_text(table, years)
