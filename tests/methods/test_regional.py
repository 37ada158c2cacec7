"""Balassa index / location quotient and Dunn's shift-share on hand-worked examples."""

import pandas as pd
import pytest

from helpers.methods import regional


def test_balassa_hand_worked():
    # region: A 30, B 70 (30 %, 70 %); reference: A 10, B 90 (10 %, 90 %)
    b = regional.balassa({"A": 30, "B": 70}, {"A": 10, "B": 90})
    assert b["A"] == pytest.approx(3.0)
    assert b["B"] == pytest.approx(0.7 / 0.9)


def test_balassa_document_footnote_example():
    # 10 % of the region's value added against 5 % of the nation's gives 2
    b = regional.balassa({"x": 10, "rest": 90}, {"x": 5, "rest": 95})
    assert b["x"] == pytest.approx(2.0)


def test_region_equal_to_reference_gives_one_everywhere():
    values = pd.Series({"Handel": 53.4, "Bygg": 30.7, "IKT": 12.0, "Petroleum": 0.5})
    b = regional.balassa(values, values)
    assert (b - 1.0).abs().max() < 1e-12
    # scaling the reference does not change the index either
    assert (regional.balassa(values, values * 7.5) - 1.0).abs().max() < 1e-12


def test_reference_switch_changes_the_index():
    region = pd.Series({"A": 20.0, "B": 80.0})
    national = pd.Series({"A": 10.0, "B": 90.0})
    wider = pd.Series({"A": 40.0, "B": 60.0})
    assert regional.balassa(region, national)["A"] == pytest.approx(2.0)
    assert regional.balassa(region, wider)["A"] == pytest.approx(0.5)


def test_balassa_share_weighted_mean_is_one():
    # sum_i s_ir... the reference-share-weighted mean of the index is always 1
    region = pd.Series({"A": 5.0, "B": 1.0, "C": 4.0})
    ref = pd.Series({"A": 2.0, "B": 3.0, "C": 5.0})
    b = regional.balassa(region, ref)
    assert (b * regional.shares(ref)).sum() == pytest.approx(1.0)


def test_balassa_rejects_mismatched_industries():
    with pytest.raises(regional.RegionalError, match="only in region: \\['C'\\]"):
        regional.balassa({"A": 1, "B": 1, "C": 1}, {"A": 1, "B": 1})


def test_balassa_rejects_negative_and_empty():
    with pytest.raises(regional.RegionalError, match="negative"):
        regional.balassa({"A": -1, "B": 2}, {"A": 1, "B": 1})
    with pytest.raises(regional.RegionalError, match="total is zero"):
        regional.balassa({"A": 0, "B": 0}, {"A": 1, "B": 1})


def test_industry_absent_from_reference_gives_nan():
    b = regional.balassa({"A": 1, "B": 1}, {"A": 0, "B": 1})
    assert pd.isna(b["A"])
    assert b["B"] == pytest.approx(0.5)


def test_aggregate_sums_regions_and_checks_coverage():
    frame = pd.DataFrame({
        "region": ["X", "X", "Y", "Y"],
        "industry": ["A", "B", "A", "B"],
        "value": [1.0, 2.0, 3.0, 4.0],
    })
    total = regional.aggregate(frame, ["X", "Y"])
    assert total.to_dict() == {"A": 4.0, "B": 6.0}
    with pytest.raises(regional.RegionalError, match="'Z'"):
        regional.aggregate(frame, ["X", "Z"])
    with pytest.raises(regional.RegionalError, match="same industries"):
        regional.aggregate(frame.iloc[:3], ["X", "Y"])


def test_shift_share_hand_worked():
    # nation: A 100 -> 120 (+20 %), B 100 -> 100 (0 %); total +10 %
    # region: A 10 -> 15, B 20 -> 18
    out = regional.shift_share({"A": 10, "B": 20}, {"A": 15, "B": 18},
                               {"A": 100, "B": 100}, {"A": 120, "B": 100})
    assert out.loc["A", "national_share"] == pytest.approx(1.0)       # 10 * 0.10
    assert out.loc["A", "industry_mix"] == pytest.approx(1.0)         # 10 * (0.20 - 0.10)
    assert out.loc["A", "regional_shift"] == pytest.approx(3.0)       # 10 * (1.5 - 1.2)
    assert out.loc["B", "national_share"] == pytest.approx(2.0)
    assert out.loc["B", "industry_mix"] == pytest.approx(-2.0)
    assert out.loc["B", "regional_shift"] == pytest.approx(-2.0)      # 20 * (0.9 - 1.0)
    parts = out[["national_share", "industry_mix", "regional_shift"]].sum(axis=1)
    assert (parts - out["change"]).abs().max() < 1e-12
    assert out.loc["Totalt", "change"] == pytest.approx(3.0)


def test_shift_share_rejects_zero_reference_start():
    with pytest.raises(regional.RegionalError, match="zero"):
        regional.shift_share({"A": 1}, {"A": 2}, {"A": 0}, {"A": 5})
