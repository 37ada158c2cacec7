"""Location quotients, shift-share and relatedness on SSB's county accounts (table 11713)."""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import pytest

from helpers.themes.smart_specialisation import accounts as acc
from helpers.themes.smart_specialisation import growth_decomposition as gd
from helpers.themes.smart_specialisation import relatedness as rel
from helpers.themes.smart_specialisation import structure as st

EXTERNAL = os.environ.get("INDUSTRIRAPPORTER_EXTERNAL_DIR", "")
pytestmark = pytest.mark.skipif(
    not EXTERNAL or not (Path(EXTERNAL) / "ssb_11713").is_dir(),
    reason="$INDUSTRIRAPPORTER_EXTERNAL_DIR is unset or lacks ssb_11713 (SSB table 11713)")

ICT, TRADE = "Informasjon og kommunikasjon", "Varehandel og reparasjon av motorvogner"


def test_counties_are_the_pre_2020_counties_with_one_trondelag():
    counties = acc.counties()
    assert len(counties) == 18
    assert {"Østfold", "Akershus", "Buskerud", "Vestfold", "Telemark", "Trøndelag"} <= set(counties)
    assert len(acc.industries()) == 35 and len(acc.manufacturing_groups()) == 11


def test_a_county_against_itself_has_quotient_one_everywhere():
    for measure in (acc.VALUE_ADDED, acc.EMPLOYED):
        lq = st.location_quotient("Telemark", "Telemark", measure, 2019).dropna()
        assert len(lq) > 25
        assert lq.round(12).eq(1.0).all()


def test_location_quotient_by_hand_akershus_2019():
    # Expected values computed by hand from the workbook's BNPB sheet with a separate pandas
    # snippet: Akershus' industry value / Akershus' "Totalt for næringer", over the sum of the
    # same industry over every county row (not "0 Hele landet") / the sum of the counties'
    # totals, all for 2019.
    #   ICT, value added:   (30230 / 295132) / (144678 / 2724305)  = 1.92875
    #   trade, value added: (43138 / 295132) / (258764 / 2724305)  = 1.53885
    #   ICT, employed:      (14.7 / 296.9) / (100.6 / 2827.4)       = 1.39154
    #   trade, employed:    (52.9 / 296.9) / (358.1 / 2827.4)       = 1.40679
    va = st.location_quotient("Akershus", "fylkene", acc.VALUE_ADDED, 2019)
    emp = st.location_quotient("Akershus", "fylkene", acc.EMPLOYED, 2019)
    assert va[ICT] == pytest.approx(1.92875, abs=5e-5)
    assert va[TRADE] == pytest.approx(1.53885, abs=5e-5)
    assert emp[ICT] == pytest.approx(1.39154, abs=5e-5)
    assert emp[TRADE] == pytest.approx(1.40679, abs=5e-5)


def test_reference_switch_changes_the_quotient():
    counties = st.location_quotient("Akershus", "fylkene", acc.VALUE_ADDED, 2019)
    country = st.location_quotient("Akershus", "landet", acc.VALUE_ADDED, 2019)
    viken = st.location_quotient("Akershus", "Viken", acc.VALUE_ADDED, 2019)
    # against the whole country (with the shelf's value added in the total) every mainland
    # industry's national share is smaller, so the quotient is larger
    assert country[ICT] > counties[ICT]
    assert viken[ICT] != pytest.approx(counties[ICT])
    shares = st.shares("Viken", acc.VALUE_ADDED, 2019)
    assert shares.sum() == pytest.approx(1.0, abs=1e-9)


def test_threshold_keeps_tiny_industries_out_of_the_ranking():
    table = st.lq_table("Rogaland", "fylkene", 2019, 2008, threshold_pct=1.0)
    top, bottom = st.ranked(table, "lq_va")
    assert len(top) == 5 and len(bottom) == 5
    assert table.loc[top.index, ["share_va", "ref_share_va", "share_emp",
                                 "ref_share_emp"]].max(axis=1).ge(1.0).all()
    # pipeline transport (Kårstø) is tiny in employment but enormous as a quotient: a threshold
    # of 0 lets it top the list, 1 % keeps it out
    loose = st.lq_table("Rogaland", "fylkene", 2019, 2008, threshold_pct=0.0)
    assert set(st.ranked(loose, "lq_emp")[0].index) != set(st.ranked(table, "lq_emp")[0].index)


def test_unpublished_cells_are_pooled_not_dropped():
    table = st.lq_table("Akershus", "fylkene", 2019, 2008, 1.0)
    assert "Transport utenom utenriks sjøfart" in st.unpublished("Akershus", 2019)
    assert st.UNPUBLISHED in table.index
    assert table["share_va"].sum() == pytest.approx(100.0, abs=1e-6)


@pytest.mark.parametrize("county, reference", [("Østfold", "fylkene"), ("Vestfold", "landet"),
                                               ("Viken", "Oslo")])
def test_shift_share_components_add_up_to_the_change(county, reference):
    table = gd.employment_shift_share(county, reference, 2011, 2019)
    parts = table[list(gd.COMPONENTS)].sum(axis=1)
    pd.testing.assert_series_equal(parts, table["change"], check_names=False, atol=1e-9)
    emp = acc.levels(county, acc.EMPLOYED)[acc.TOTAL]
    # the county's own change, up to the rounding of the published groups (0.1 = 100 persons)
    assert table.loc["Totalt", "change"] == pytest.approx(emp[2019] - emp[2011], abs=0.15)


def test_shift_share_refuses_a_reversed_period():
    with pytest.raises(acc.AccountsError, match="before"):
        gd.employment_shift_share("Telemark", "fylkene", 2019, 2011)


def test_relatedness_matrices():
    rca = rel.rca_matrix(acc.EMPLOYED, 2019)
    m = (rca >= 1).astype(int)
    phi = rel.proximity(m)
    assert (phi.values == phi.values.T).all() and phi.max().max() <= 1.0
    dens = rel.density(m, phi)
    assert dens.min().min() >= 0 and dens.max().max() <= 1.0
    opp = rel.opportunities("Telemark", acc.EMPLOYED, 2019)
    assert (opp["lq"] < 1).all() and opp["density"].is_monotonic_decreasing


def test_viken_is_the_sum_of_its_three_counties():
    viken = acc.levels("Viken", acc.VALUE_ADDED)[acc.TOTAL]
    parts = sum(acc.levels(c, acc.VALUE_ADDED)[acc.TOTAL] for c in acc.VIKEN_PARTS)
    pd.testing.assert_series_equal(viken, parts, check_names=False)
    with pytest.raises(acc.AccountsError, match="Viken"):
        acc.members("Vikenland")


def test_county_profile_levels_and_real_growth():
    from helpers.themes.smart_specialisation import county_profile as cp

    t = cp.totals("Akershus")
    # BNPB sheet, '02 Akershus (-2019)', 'Totalt for næringer', 2019: 295132 mill. kr, 296.9
    assert t.loc[2019, "value_added"] == 295132 and t.loc[2019, "employed"] == pytest.approx(296.9)
    assert t.loc[2019, "productivity"] == pytest.approx(295132 / 296.9)
    # the whole country's volume index is chained from its published annual changes
    country = cp.totals("landet")["real_index"]
    vol = acc.volume_change("landet")[acc.TOTAL]
    assert country[2010] == pytest.approx(100 * (1 + vol[2009] / 100) * (1 + vol[2010] / 100))
    ranks = cp.ranking(2008, 2019)
    assert len(ranks) == 18 and ranks["real"].is_monotonic_decreasing
    # without the shelf the counties grew faster in real terms than the whole country
    assert cp.growth("fylkene", 2008, 2019)["real"] > cp.growth("landet", 2008, 2019)["real"]
