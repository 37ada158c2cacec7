"""SSB series narrowed to a branch (process_industry.ssb_series): SITC mapping, exports by
year and currency, price and production indices, deflation. Small frames shaped like the
statistics loader's output; expected values worked by hand."""

from __future__ import annotations

import math
import os
from pathlib import Path

import pandas as pd
import pytest

from helpers.core import data
from helpers.themes.process_industry import ssb_series as ss


def test_sitc_mapping_covers_every_group_the_document_counts():
    m = data.load(ss.SITC_MAP)
    ex = data.load("process_exports_2023")
    groups = ex.loc[(ex["row_role"] == "group") & ex["export_value_process_industry"].notna(),
                    "hs_chapters"]
    assert set(groups) <= set(m["hs_chapters"])
    # every included row names a branch, every row a reason
    assert m.loc[m["included"], "branch"].notna().all()
    assert m["reason"].str.len().gt(10).all()
    # the document's own notes: silicon (522), aluminium (684), nickel (683), ferro-alloys (671),
    # refined petroleum (334) and fertiliser (562) count; crude oil (333) does not
    included = set(m.loc[m["included"], "sitc"])
    assert {"522", "684", "683", "671", "334", "562"} <= included
    assert "333" not in included
    assert set(ss.sitc_codes("metaller")) < set(ss.sitc_codes("alle"))


def _months(code: str, year: int, per_month: float, months: int = 12) -> list[dict]:
    return [{"SITC": code, "Tid": f"{year}M{m:02d}", "value": per_month}
            for m in range(13 - months, 13)]


def test_annual_exports_sum_months_in_nok_and_flag_part_years():
    frame = pd.DataFrame(_months("684", 2008, 100.0, months=10) + _months("684", 2009, 100.0)
                         + _months("683", 2009, 50.0) + _months("333", 2009, 1e6))
    ex = ss.annual_exports(frame, ["684", "683"])
    # 12 months × (100 + 50) thousand NOK = 1.8 million NOK
    assert ex.loc[2009, "nok"] == pytest.approx(1_800_000.0)
    assert ex.loc[2008, "months"] == 10
    assert list(ss.full_years(ex).index) == [2009]


def test_currency_only_with_a_published_rate_for_the_year():
    rates = pd.DataFrame({"year": [2019, 2020], "pair": ["NOK_per_EUR"] * 2,
                          "value": [10.0, 12.5]})
    nok = pd.Series({2018: 100.0, 2019: 100.0, 2020: 100.0})
    eur = ss.in_currency(nok, "EUR", rates)
    assert eur.loc[2019] == pytest.approx(10.0) and eur.loc[2020] == pytest.approx(8.0)
    assert math.isnan(eur.loc[2018])
    assert ss.in_currency(nok, "NOK", rates).equals(nok)


def test_deflation_hand_worked():
    nominal = pd.Series({2020: 110.0, 2021: 120.0, 2022: 150.0, 2023: 10.0})
    prices = pd.Series({2020: 90.0, 2021: 100.0, 2022: 125.0})
    real = ss.deflate(nominal, prices, 2021)
    # 110 * 100/90 = 122.22; 150 * 100/125 = 120
    assert real.loc[2020] == pytest.approx(122.222, abs=1e-3)
    assert real.loc[2021] == pytest.approx(120.0)
    assert real.loc[2022] == pytest.approx(120.0)
    assert math.isnan(real.loc[2023])
    with pytest.raises(ValueError, match="base year 2019"):
        ss.deflate(nominal, prices, 2019)


def test_period_prices_average_the_years_of_each_period():
    prices = pd.Series({2018: 90.0, 2019: 96.0, 2020: 96.0, 2021: 100.0})
    periods = pd.DataFrame({"period": ["2018-2020", "2019-2021", "2021-2023"],
                            "period_start": [2018, 2019, 2021], "period_end": [2020, 2021, 2023]})
    p = ss.period_prices(prices, periods)
    assert p.loc["2018-2020"] == pytest.approx(94.0)
    assert p.loc["2019-2021"] == pytest.approx(97.333, abs=1e-3)
    assert math.isnan(p.loc["2021-2023"])


def _index_frame(code: str, market: str, year: int, values: list[float]) -> list[dict]:
    return [{"NaringUtenriks": code, "Marked": market, "ContentsCode": ss.PRICE_LEVEL,
             "Tid": f"{year}M{m + 1:02d}", "value": v} for m, v in enumerate(values)]


def test_branch_prices_annual_mean_and_export_fallback():
    rows = (_index_frame("SNN24", "02", 2021, [100.0] * 6 + [110.0] * 6)
            + _index_frame("SNN24", "02", 2022, [120.0] * 11)            # 11 months: no year
            + _index_frame("SNN23", "00", 2021, [80.0] * 12))
    frame = pd.DataFrame(rows)
    metals = ss.branch_prices(frame, "metaller", ss.MARKET_EXPORT)
    assert metals.to_dict() == {2021: pytest.approx(105.0)}
    # no export index for mineral products: both markets together stand in
    minerals = ss.branch_prices(frame, "mineraler", ss.MARKET_EXPORT)
    assert minerals.loc[2021] == pytest.approx(80.0)


def test_energy_by_product_sums_the_branch_and_share():
    rows = []
    for code, total, el in (("N.03.07.00", 100.0, 80.0), ("N.03.03.02", 50.0, 20.0)):
        for prod, v in (("EPTOT03", total), ("EP07", el)):
            rows.append({"Energiregnpost": ss.CONSUMPTION, "ContentsCode": ss.GWH,
                         "NaringMiljo": code, "Energiprodukter": prod, "Tid": "2023",
                         "value": v})
    frame = pd.DataFrame(rows)
    e = ss.energy_by_product(frame, ["N.03.07.00", "N.03.03.02"])
    assert e.loc[2023, "i alt"] == 150.0 and e.loc[2023, "elektrisitet"] == 100.0
    assert ss.electricity_share(e).loc[2023] == pytest.approx(66.667, abs=1e-3)
    assert ss.branch_codes("metaller", ss.ENERGY) == ["N.03.07.00"]
    assert len(ss.branch_codes("alle", ss.ENERGY)) == 4


EXTERNAL = Path(os.environ.get("INDUSTRIRAPPORTER_EXTERNAL_DIR", "/nonexistent"))
RECORDED = EXTERNAL / "ssb_jsonstat"


@pytest.mark.skipif(not (RECORDED / "export-value-sitc3.json").is_file(),
                    reason="recorded SSB tables not available (set INDUSTRIRAPPORTER_EXTERNAL_DIR)")
def test_loaders_against_hand_read_cells_of_the_recorded_tables():
    pytest.importorskip("helpers.core.statistics")
    # energy-consumption.json, A01ur / N.03.07.00 / 2023 / GWh: all products 32 783, EP07 26 285
    e = ss.energy_by_product(ss.load(ss.ENERGY), ["N.03.07.00"])
    assert e.loc[2023, "i alt"] == 32783 and e.loc[2023, "elektrisitet"] == 26285
    # export-value-sitc3.json, SITC 684 (aluminium), 2023M01..M12 in 1 000 NOK: sum 48 505 861
    ex = ss.annual_exports(ss.load(ss.EXPORTS), ["684"])
    assert ex.loc[2023, "nok"] == pytest.approx(48_505_861_000)
    assert ex.loc[2023, "months"] == 12
    # producer-price-index-industries.json, SNN24, both markets, 2023 months: mean 128.1667
    p = ss.annual_index(ss.load(ss.PRICES), "NaringUtenriks", "SNN24", ss.PRICE_LEVEL,
                        ss.MARKET_TOTAL)
    assert p.loc[2023] == pytest.approx(128.1667, abs=1e-4)
    assert p.loc[2021] == pytest.approx(100.0, abs=0.05)        # the index base
    # production-index-by-industry.json, P113 unadjusted 2023 months: mean 92.1417
    q = ss.annual_index(ss.load(ss.PRODUCTION), "PKoder", "P113", ss.PRODUCTION_UNADJUSTED)
    assert q.loc[2023] == pytest.approx(92.1417, abs=1e-4)
