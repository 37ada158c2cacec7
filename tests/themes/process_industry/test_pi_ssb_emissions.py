"""Emissions on SSB's table 13931 (process_industry.ssb_emissions): series, rates, target path.

Arithmetic on a small frame shaped like the statistics loader's output, worked by hand; the
loader itself against the recorded table, values read by hand from the JSON-stat file."""

from __future__ import annotations

import math
import os
from pathlib import Path

import pandas as pd
import pytest

from helpers.themes.process_industry import ssb_emissions as se


def _frame(levels: dict[int, float], source: str = "2") -> pd.DataFrame:
    rows = []
    for year, kt in levels.items():
        rows.append({"UtslpTilLuft": source, "UtslpEnergivare": "VT0", "UtslpKomp": "A10",
                     "Tid": str(year), "value": kt, "status": ""})
        rows.append({"UtslpTilLuft": source, "UtslpEnergivare": "VT0", "UtslpKomp": "K11",
                     "Tid": str(year), "value": kt * 0.8, "status": ""})
        rows.append({"UtslpTilLuft": source, "UtslpEnergivare": "VT9", "UtslpKomp": "A10",
                     "Tid": str(year), "value": kt * 0.6, "status": ""})
    return pd.DataFrame(rows)


def test_total_series_in_mt_and_only_manufacturing():
    frame = pd.concat([_frame({1990: 20000.0, 1991: 19000.0}),
                       _frame({1990: 999.0}, source="0")])
    s = se.total_series(frame)
    assert s.to_dict() == {1990: 20.0, 1991: 19.0}
    assert se.by_gas(frame).loc[1990, "CO\u2082"] == pytest.approx(16.0)
    assert se.by_product(frame).loc[1991].iloc[0] == pytest.approx(11.4)


def test_missing_year_is_left_out_not_zero():
    frame = _frame({1990: 20000.0, 1991: math.nan, 1992: 18000.0})
    s = se.total_series(frame)
    assert list(s.index) == [1990, 1992]
    obs = se.observations(s)
    assert obs["after_gap"].tolist() == [False, True]


def test_annual_rate_one_year_window_is_that_years_change():
    s = pd.Series({2020: 10.0, 2021: 9.0})
    assert se.annual_rate(s, 2020, 2021) == pytest.approx(-0.1)


def test_annual_rate_hand_worked_and_bad_windows():
    s = pd.Series({1990: 20.0, 2000: 16.2, 2010: 10.0})
    # (10/20)**(1/20) - 1 = 0.5**0.05 - 1 = -3.4064 %
    assert se.annual_rate(s, 1990, 2010) == pytest.approx(-0.034064, abs=1e-6)
    with pytest.raises(ValueError, match="end must come after"):
        se.annual_rate(s, 2000, 2000)
    with pytest.raises(ValueError, match="no emission level for 1995"):
        se.annual_rate(s, 1995, 2010)


def test_target_path_hand_worked_and_total_cut():
    s = pd.Series({1990: 20.0, 2005: 16.0, 2024: 10.0})
    c = se.compare_base(s, 1990, 2030, 0.55)
    assert c.target == pytest.approx(9.0)             # 20 * 0.45
    assert c.change_pct == pytest.approx(-50.0)
    # required: (9/10)**(1/6) - 1 = -1.7407 %; historical 0.5**(1/34) - 1 = -2.0180 %
    assert c.required_rate == pytest.approx(-0.017407, abs=1e-6)
    assert c.historical_rate == pytest.approx(-0.020180, abs=1e-6)
    assert c.landing == pytest.approx(10 * 0.5 ** (6 / 34))
    c2005 = se.compare_base(s, 2005, 2030, 0.55)
    assert c2005.target == pytest.approx(7.2)
    total = se.compare_base(s, 1990, 2030, 1.0)
    assert total.target == 0 and total.required_rate is None
    assert se.compare_base(s, 1990, 2024, 0.55).required_rate is None
    with pytest.raises(ValueError, match="before the last observation"):
        se.compare_base(s, 1990, 2020, 0.55)


def test_rate_table_rows_for_window_1990_and_2005():
    s = pd.Series({1990: 20.0, 2005: 16.0, 2020: 11.0, 2021: 10.0})
    t = se.rate_table(s, 2020, 2021, True, 2030, 0.55)
    assert t["periode"].tolist() == ["valgt periode 2020–2021 (mål fra 1990)",
                                     "fra 1990 til 2021", "fra 2005 til 2021"]
    assert t.iloc[0, 1] == pytest.approx(100 * (10 / 11 - 1))
    # the chosen period's row is filled: its rate carried to 2030, the target from 1990
    assert t.iloc[0, 2] == pytest.approx(10 * (10 / 11) ** 9)
    assert t.iloc[0, 3] == pytest.approx(20 * 0.45) and t.iloc[0, 4] == t.iloc[1, 4]
    assert not t.iloc[0].isna().any()
    # a chosen period equal to a base row is not shown twice
    assert len(se.rate_table(s, 1990, None, False, 2030, 0.55)) == 1
    assert len(se.rate_table(s, 2005, None, True, 2030, 0.55)) == 2


EXTERNAL = Path(os.environ.get("INDUSTRIRAPPORTER_EXTERNAL_DIR", "/nonexistent"))


@pytest.mark.skipif(not (EXTERNAL / "ssb_jsonstat" / "greenhouse-gas.json").is_file(),
                    reason="recorded SSB table 13931 not available "
                    "(set INDUSTRIRAPPORTER_EXTERNAL_DIR)")
def test_recorded_13931_against_hand_read_values():
    # Read by hand in greenhouse-gas.json (UtslpTilLuft 2, VT0, A10): 1990 19140,
    # 2005 14876, 2023 10812, 2024 10587 (1 000 t CO2-eq, AR5, updated 2025-06-06).
    pytest.importorskip("helpers.core.statistics")
    frame = se.load()
    s = se.total_series(frame)
    assert s.loc[1990] == pytest.approx(19.140)
    assert s.loc[2005] == pytest.approx(14.876)
    assert s.loc[2023] == pytest.approx(10.812)
    assert s.loc[2024] == pytest.approx(10.587)
    assert list(s.index) == list(range(1990, 2025))
    assert se.vintage(frame) == "2025-06-06"
    gases = se.by_gas(frame)
    assert gases.loc[2024].sum() == pytest.approx(s.loc[2024], rel=0.01)
