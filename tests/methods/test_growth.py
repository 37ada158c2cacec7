import math

import pandas as pd
import pytest

from helpers.methods import growth


def test_growth_and_cagr_hand_worked():
    assert growth.growth(200, 250) == pytest.approx(0.25)
    # 100 -> 121 over two years is 10 % a year
    assert growth.cagr(100, 121, 2) == pytest.approx(0.10)


def test_cagr_inverse_of_compound():
    rate = growth.cagr(51.3, 29.1, 33)
    assert rate < 0
    assert 51.3 * (1 + growth.compound(rate, 33)) == pytest.approx(29.1)


def test_annualise_matches_cagr():
    assert growth.annualise(0.21, 2) == pytest.approx(0.10)
    with pytest.raises(ValueError, match="-100 %"):
        growth.annualise(-1.0, 3)


@pytest.mark.parametrize("start,end,years", [(0, 10, 2), (-5, 10, 2), (10, 20, 0)])
def test_cagr_rejects_impossible_inputs(start, end, years):
    with pytest.raises(ValueError):
        growth.cagr(start, end, years)


def test_deflate_to_base_year_prices():
    values = pd.Series([100.0, 110.0], index=[2011, 2021])
    index = pd.Series([80.0, 100.0], index=[2011, 2021])
    real = growth.deflate(values, index, base=2011)
    assert real.loc[2011] == pytest.approx(100.0)
    assert real.loc[2021] == pytest.approx(88.0)


def test_deflate_names_missing_years():
    with pytest.raises(ValueError, match="2015"):
        growth.deflate(pd.Series([1.0], index=[2015]), pd.Series([1.0], index=[2011]), base=2011)


def test_required_rate_and_pathway_reach_target():
    rate = growth.required_rate(10.8, 5.0, 7)
    path = growth.pathway(2023, 10.8, 2030, rate)
    assert list(path.index) == list(range(2023, 2031))
    assert path.iloc[-1] == pytest.approx(5.0)
    assert path.iloc[0] == pytest.approx(10.8)
    assert all(path.diff().dropna() < 0)


def test_required_rate_zero_target_is_an_error():
    with pytest.raises(ValueError, match="zero"):
        growth.required_rate(10, 0, 5)


def test_pathway_rejects_reversed_years():
    with pytest.raises(ValueError, match="before"):
        growth.pathway(2030, 1, 2020, 0.1)


def test_zero_rate_is_flat():
    assert not math.isnan(growth.cagr(5, 5, 3))
    assert growth.cagr(5, 5, 3) == 0


def test_cagr_to_zero_is_minus_one_and_growth_is_exact_for_round_changes():
    assert growth.cagr(10, 0, 2) == -1.0
    assert growth.growth(100, 80) == -0.2  # (end - start) / start: no float noise here
