"""The document's investment table (process_industry.investments).

Expected values are worked out by hand from document 003 (Prosess21, status report 2024),
not read back from the helper."""

from __future__ import annotations

import pytest

from helpers.themes import process_industry as pi

# --------------------------------------------------------------------------- investments


def test_investment_totals_show_the_printed_sum_counts_parts_twice():
    tot = pi.investment_totals()
    # 2021-2023, l. 451-461: groups 5797 + 3496 + 7015 = 16308; all rows add 3477 + 5944
    assert tot.loc["2021-2023", "groups_only"] == 16308
    assert tot.loc["2021-2023", "all_rows"] == 16308 + 3477 + 5944
    assert tot.loc["2021-2023", "printed"] == 25728
    assert tot["printed_minus_all_rows"].abs().max() <= 1
    assert (tot["printed_minus_groups"] > 3000).all()


def test_investment_table_marks_parts_and_adds_both_totals():
    t = pi.investment_table().set_index("næringsgruppe")
    assert "– herav Kjemiske råvarer" in t.index
    assert "– herav Ikke-jernholdige metaller" in t.index
    assert t.loc["Sum hovedgrupper (beregnet)", "2009-2011"] == 4341 + 1148 + 1612
    assert t.loc["SUM som trykt", "2009-2011"] == 10619
    metals = pi.investment_table(branch="metaller")
    assert metals["næringsgruppe"].tolist() == [
        "Metallindustri (i alt)", "– herav Ikke-jernholdige metaller"]


def test_investment_growth_hand_worked():
    g = pi.investment_growth().set_index("næringsgruppe")
    # Metallindustri 3737 -> 7015: +87.72 %; 1612 -> 7015 over 2010 -> 2022 (12 years)
    metals = g.loc["Metallindustri (i alt)"]
    assert metals["2018-2020 → 2021-2023"] == pytest.approx(87.717, abs=1e-3)
    assert g.loc["Metallindustri (i alt)", "hele perioden"] == pytest.approx(335.17, abs=1e-2)
    assert g.loc["Metallindustri (i alt)", "årlig rate"] == pytest.approx(
        100 * ((7015 / 1612) ** (1 / 12) - 1))


def test_ten_year_average_from_three_year_means():
    # 2014 from 2012-2014 (3767), then three years each of 4796, 6392, 5797 -> 5472.2
    avg = pi.ten_year_average(pi.investments(), "Oljeraff., kjemisk farmas. industri (i alt)",
                              2023, 10)
    assert avg == pytest.approx((3767 + 3 * (4796 + 6392 + 5797)) / 10)
    with pytest.raises(pi.ProcessIndustryError, match="2005"):
        pi.ten_year_average(pi.investments(), "Kjemiske råvarer", 2010, 6)


