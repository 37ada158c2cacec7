"""helpers.methods.concentration on hand-worked examples."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from helpers.methods import concentration as cc


def test_single_supplier_has_hhi_one():
    assert cc.hhi({"CHN": 1.0}) == 1.0


@pytest.mark.parametrize("n", [1, 2, 3, 4, 7, 10])
def test_n_equal_suppliers_give_one_over_n(n):
    assert cc.hhi([1 / n] * n) == pytest.approx(1 / n)


def test_hhi_hand_worked():
    # 0.5² + 0.3² + 0.2² = 0.25 + 0.09 + 0.04
    assert cc.hhi({"A": 0.5, "B": 0.3, "C": 0.2}) == pytest.approx(0.38)


def test_hhi_with_unlisted_rest_is_a_lower_bound():
    # 40 % spread over many small producers that are not listed
    assert cc.hhi([0.6]) == pytest.approx(0.36)


@pytest.mark.parametrize("bad", [[50, 30, 20], [0.7, 0.5], [-0.1, 0.5], [math.nan, 0.5]])
def test_hhi_rejects_percent_overfull_negative_and_missing(bad):
    with pytest.raises(cc.ConcentrationError):
        cc.hhi(bad)


def test_rounded_published_shares_may_exceed_one_slightly():
    assert cc.hhi([0.505, 0.503]) == pytest.approx(0.505**2 + 0.503**2)


def test_top_share_and_threshold_is_strictly_more_than():
    shares = {"CHN": 0.65, "AUS": 0.35}
    assert cc.top_share(shares) == ("CHN", 0.65)
    assert not cc.above_threshold(shares, 0.65)  # document 004: "over 65 %"
    assert cc.above_threshold({"CHN": 0.66, "AUS": 0.34}, 0.65)
    with pytest.raises(cc.ConcentrationError, match=r"\[0, 1\]"):
        cc.above_threshold(shares, 65)


@pytest.mark.parametrize(("est", "scaled"), [(2.5, 0.0), (-2.5, 10.0), (0.0, 5.0),
                                             (1.0, 3.0), (3.0, 0.0), (-2.7, 10.0)])
def test_scale_wgi_higher_is_worse(est, scaled):
    assert cc.scale_wgi(est) == pytest.approx(scaled)


def test_governance_scores_mean_of_all_dimensions_then_scaled():
    rows = []
    for ind in ("VA", "PV", "GE", "RQ", "RL", "CC"):
        rows.append({"iso3": "AAA", "indicator": f"{ind}.EST", "year": 2022, "value": 1.0})
        rows.append({"iso3": "BBB", "indicator": f"{ind}.EST", "year": 2022,
                     "value": -1.0 if ind != "CC" else -2.5})
        if ind != "CC":  # CCC lacks one dimension: no score rather than a biased one
            rows.append({"iso3": "CCC", "indicator": f"{ind}.EST", "year": 2022, "value": 0.0})
    rows.append({"iso3": "AAA", "indicator": "VA.EST", "year": 2021, "value": -2.5})
    scores = cc.governance_scores(pd.DataFrame(rows), 2022)
    assert scores["AAA"] == pytest.approx(3.0)
    # BBB: mean (-1·5 - 2.5)/6 = -1.25 → 10·(2.5 + 1.25)/5 = 7.5
    assert scores["BBB"] == pytest.approx(7.5)
    assert "CCC" not in scores.index
    with pytest.raises(cc.ConcentrationError, match="2030"):
        cc.governance_scores(pd.DataFrame(rows), 2030)


def test_hhi_wgi_hand_worked():
    shares = {"A": 0.6, "B": 0.4}
    wgi = {"A": 8.0, "B": 2.0}
    t = {"A": 1.2}  # B has no trade variable: 1
    # 0.36·8·1.2 + 0.16·2·1 = 3.456 + 0.32
    result = cc.hhi_wgi(shares, wgi, t)
    assert result.value == pytest.approx(3.776)
    assert result.missing == () and result.covered_share == pytest.approx(1.0)
    # equal governance everywhere and t = 1: HHI times the score
    assert cc.hhi_wgi(shares, {"A": 5.0, "B": 5.0}).value == pytest.approx(5 * cc.hhi(shares))


def test_hhi_wgi_lists_suppliers_without_score():
    result = cc.hhi_wgi({"A": 0.5, "X": 0.5}, {"A": 4.0})
    assert result.value == pytest.approx(0.25 * 4.0)
    assert result.missing == ("X",)
    assert result.covered_share == pytest.approx(0.5)
    with pytest.raises(cc.ConcentrationError, match="0-10"):
        cc.hhi_wgi({"A": 1.0}, {"A": -1.0})


def test_supply_risk_with_every_input():
    # [4·0.5/2 + 2·(1 − 0.5/2)] · (1 − 0.2) · 0.9 = (1 + 1.5) · 0.72
    sr = cc.supply_risk(4.0, 2.0, ir=0.5, eol_rir=0.2, si_sr=0.9)
    assert not sr.partial
    assert sr.value == pytest.approx(1.8)


def test_supply_risk_without_import_reliance_is_an_interval():
    # IR = 0 → EUS = 2; IR = 1 → 4/2 + 2/2 = 3
    sr = cc.supply_risk(4.0, 2.0, eol_rir=0.0, si_sr=1.0)
    assert sr.partial and sr.value is None
    assert (sr.low, sr.high) == (pytest.approx(2.0), pytest.approx(3.0))
    assert sr.missing == ("IR",)
    assert "mangler IR" in sr.label()


def test_supply_risk_without_recycling_and_substitution_has_zero_floor():
    sr = cc.supply_risk(4.0, 2.0, ir=1.0)
    assert sr.low == 0.0 and sr.high == pytest.approx(3.0)
    assert sr.missing == ("EoL_RIR", "SI_SR")


def test_supply_risk_without_eu_sourcing_has_no_upper_end():
    sr = cc.supply_risk(4.0, None, ir=1.0, eol_rir=0.0, si_sr=1.0)
    assert math.isinf(sr.high)
    assert sr.low == pytest.approx(2.0)  # the global term alone at IR = 1
    assert "HHI_WGI,EUS" in sr.missing


@pytest.mark.parametrize("kw", [{"ir": 1.5}, {"eol_rir": -0.1}, {"si_sr": 2}])
def test_supply_risk_rejects_inputs_outside_unit_interval(kw):
    with pytest.raises(cc.ConcentrationError):
        cc.supply_risk(1.0, 1.0, **kw)


def test_economic_importance_hand_worked():
    # (0.5·100 + 0.5·50) · 0.8 = 60, scaled by the largest sector's value added (100) to 0-10
    ei = cc.economic_importance({"C24": 0.5, "C29": 0.5}, {"C24": 100.0, "C29": 50.0}, 0.8)
    assert ei == pytest.approx(6.0)
    assert cc.economic_importance({"C24": 1.0}, {"C24": 100.0}) == pytest.approx(10.0)
    with pytest.raises(cc.ConcentrationError, match="sum to 1"):
        cc.economic_importance({"C24": 0.5}, {"C24": 100.0})
    with pytest.raises(cc.ConcentrationError, match="C29"):
        cc.economic_importance({"C24": 0.5, "C29": 0.5}, {"C24": 100.0})


@pytest.mark.parametrize(("sr", "ei", "critical"), [(1.0, 2.8, True), (0.99, 5.0, False),
                                                    (2.0, 2.79, False), (4.1, 7.4, True)])
def test_is_critical_uses_both_thresholds(sr, ei, critical):
    assert cc.is_critical(sr, ei) is critical


def test_remove_supplier_scenario():
    shares = {"CHN": 0.6, "AUS": 0.3, "CHL": 0.1}
    d = cc.remove_supplier(shares, "CHN")
    assert d.lost_share == pytest.approx(0.6)
    assert d.hhi_before == pytest.approx(0.46)
    # what is left: AUS 0.75, CHL 0.25 → 0.5625 + 0.0625
    assert d.hhi_after == pytest.approx(0.625)
    assert d.top_after == ("AUS", pytest.approx(0.75))
    assert d.remaining.sum() == pytest.approx(1.0)


def test_remove_non_supplier_and_sole_supplier():
    same = cc.remove_supplier({"AUS": 0.7, "CHL": 0.3}, "CHN")
    assert same.lost_share == 0.0 and same.hhi_after == pytest.approx(same.hhi_before)
    gone = cc.remove_supplier({"CHN": 1.0}, "CHN")
    assert gone.lost_share == 1.0 and gone.hhi_after is None and gone.top_after is None
