"""The disruption scenario: shares after the disruption sum to 100 %, volumes lost are the
country's production, remaining suppliers and Norway's place follow from the shares."""

from __future__ import annotations

import pandas as pd
import pytest
from statistics_support import needs_external as needs_external_dir

from helpers.sources import external
from helpers.themes import critical_value_chains as vc
from helpers.themes.critical_value_chains import scenario

needs_external = needs_external_dir("USGS and EU 2023 files")


def test_disrupt_rescales_the_rest_and_keeps_the_unlisted_residual():
    shares = pd.Series({"CHN": 0.6, "NOR": 0.1, "BRA": 0.2})  # 10 % not listed
    out = scenario.disrupt(shares, "CHN")
    assert out.lost_share == pytest.approx(0.6)
    assert out.after.sum() == pytest.approx(1.0)
    assert out.after["BRA"] == pytest.approx(0.5)
    assert out.after["NOR"] == pytest.approx(0.25)
    assert out.after[scenario.OTHERS] == pytest.approx(0.25)
    assert out.rank_before["NOR"] == 3 and out.rank_after["NOR"] == 2
    # concentration among the remaining listed suppliers only (BRA 2/3, NOR 1/3)
    assert out.hhi_remaining == pytest.approx((2 / 3) ** 2 + (1 / 3) ** 2)


def test_disrupt_of_a_country_that_is_not_listed_loses_nothing():
    shares = pd.Series({"CHN": 0.6, "NOR": 0.4})
    out = scenario.disrupt(shares, "RUS")
    assert out.lost_share == 0
    assert out.after.drop(scenario.OTHERS).to_dict() == pytest.approx({"CHN": 0.6, "NOR": 0.4})


@needs_external
def test_china_scenario_volumes_and_norway_in_silicon():
    sel = vc.materials_of("alle")
    shares = vc.supply_shares(sel, "processing", 2023)
    sc = scenario.scenario_table(shares, ("CHN", "Kina"), sel).set_index("material")
    si = sc.loc["silicon"]
    usgs = external.load("usgs_mcs2025_world")
    row = usgs[(usgs["commodity"] == "Silicon") & (usgs["iso3"] == "CHN")
               & usgs["type"].str.startswith("Plant production, silicon metal")
               & (usgs["measure"] == "production") & (usgs["year"] == 2023)]
    assert si["lost_volume"] == pytest.approx(float(row["value"].sum()))
    assert si["lost_share"] == pytest.approx(si["lost_volume"] / si["world_total"], abs=0.01)
    assert (si["norway_before"], si["norway_after"]) == (3, 2)
    assert si["remaining"].split(";")[1].strip().startswith("Norge")
    # magnesium: the remaining suppliers are spread, which the table does not call a gain
    assert sc.loc["magnesium", "lost_share"] > 0.8
    shown = scenario.scenario_display(sc.reset_index())
    assert "HHI etter" not in shown.columns
    text = " ".join(scenario.scenario_findings(sc.reset_index(), "Kina"))
    assert "Uten Kina blir Norge nr. 2 (fra nr. 3) for silisium" in text
    assert "magnesium" in text  # Norway imports it


@needs_external
def test_eu_sourcing_lost_is_the_countrys_row_in_the_eu_file():
    sel = ["magnesium"]
    shares = vc.supply_shares(sel, "processing", 2023)
    sc = scenario.scenario_table(shares, ("CHN", "Kina"), sel)
    eus = external.load("eu_crm_2023_eu_shares")
    row = eus[(eus["material"] == "Magnesium") & (eus["stage"] == "processing")
              & (eus["iso3"] == "CHN")]
    assert sc["eu_lost_share"].iloc[0] == pytest.approx(float(row["share"].sum()))


@needs_external
def test_scenario_amounts_are_printed_in_tonnes_whatever_usgs_unit():
    from helpers.core.formatting import fmt_number

    sel = vc.materials_of("alle")
    shares = vc.supply_shares(sel, "processing", 2023)
    sc = scenario.scenario_table(shares, ("CHN", "Kina"), sel).reset_index(drop=True)
    shown = scenario.scenario_display(sc)
    amounts = [a for a in shown["tapt mengde"] if a != "–"]
    assert amounts and all(a.replace("\u00a0", " ").endswith(" t") for a in amounts), amounts
    si = sc[sc["material"] == "silicon"].iloc[0]
    assert si["unit"] == "thousand metric tons"  # USGS gives silicon in thousand tonnes
    printed = shown.loc[sc["material"] == "silicon", "tapt mengde"].iloc[0]
    assert printed.replace("\u00a0", " ") == \
        f"{fmt_number(si['lost_volume'] * 1000, 0)} t".replace("\u00a0", " ")
    with pytest.raises(ValueError):
        scenario._volume(5.0, "million carats")
