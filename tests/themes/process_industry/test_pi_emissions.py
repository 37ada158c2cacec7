"""Emission levels, target level and annual rates (helpers.themes.process_industry.emissions).

Expected values are worked out by hand from document 003 (Prosess21, status report 2024),
not read back from the helper."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers.core.formatting import fmt_number
from helpers.themes import process_industry as pi

# --------------------------------------------------------------------------- emissions maths


def _series(points: dict[int, float]) -> pd.DataFrame:
    return pd.DataFrame({"year": list(points), "value": list(points.values())})


def test_target_level_hand_worked():
    # document: 19.6 Mt in 1990 (l. 940), 55 % cut (l. 1624) -> 19.6 * 0.45 = 8.82
    assert pi.target_level(19.6, 0.55) == pytest.approx(8.82)
    assert pi.target_level(19.6, 0) == pytest.approx(19.6)
    assert pi.target_level(19.6, 1) == 0
    with pytest.raises(ValueError, match="between 0 and 1"):
        pi.target_level(19.6, 1.2)


def test_emission_plan_hand_worked():
    # 100 in 1990, 50 in 2020: half in 30 years -> 0.5**(1/30) - 1 = -2.284 % a year.
    # Target 60 % cut -> 40 in 2030; required (40/50)**(1/10) - 1 = -2.207 % a year.
    # Historical rate for 10 more years: 50 * 0.5**(10/30) = 50 * 0.7937 = 39.685.
    plan = pi.emission_plan(_series({1990: 100.0, 2020: 50.0}), 1990, 2030, 0.6)
    assert plan.target == pytest.approx(40.0)
    assert plan.historical_rate == pytest.approx(-0.022840, abs=1e-6)
    assert plan.required_rate == pytest.approx(-0.022067, abs=1e-6)
    assert plan.landing == pytest.approx(39.685, abs=1e-3)
    assert plan.remaining_cut == pytest.approx(10.0)
    assert plan.remaining_cut_pct == pytest.approx(20.0)
    assert plan.achieved_cut_pct == pytest.approx(50.0)
    assert plan.landing_cut_pct == pytest.approx(60.315, abs=1e-3)
    assert plan.years_left == 10


def test_emission_plan_with_document_figures():
    # 19.6 (1990) -> 10.8 (2023): (10.8/19.6)**(1/33) - 1 = -1.790 %;
    # 2023 -> 2030 to 8.82: (8.82/10.8)**(1/7) - 1 = -2.852 %; remaining 10.8 - 8.82 = 1.98.
    plan = pi.emission_plan(pi.emission_series("dokument"), 1990, 2030, 0.55)
    assert (plan.base_level, plan.last_level, plan.last_year) == (19.6, 10.8, 2023)
    assert plan.historical_rate == pytest.approx(-0.01790, abs=1e-5)
    assert plan.required_rate == pytest.approx(-0.02852, abs=1e-5)
    assert plan.remaining_cut == pytest.approx(1.98)


def test_pathway_starts_at_last_level_and_reaches_target():
    plan = pi.emission_plan(_series({1990: 100.0, 2020: 50.0}), 1990, 2030, 0.6)
    frame = pi.pathway_frame(plan)
    assert list(frame.index) == list(range(2020, 2031))
    assert frame.loc[2020].tolist() == pytest.approx([50.0, 50.0])
    assert frame.loc[2030, "nødvendig takt"] == pytest.approx(40.0)
    assert frame.loc[2030, "historisk takt"] == pytest.approx(plan.landing)
    # monotone decline along both paths
    assert (frame.diff().dropna() < 0).all().all()


def test_no_required_rate_when_target_year_is_last_year_or_cut_is_total():
    same = pi.emission_plan(_series({1990: 100.0, 2020: 50.0}), 1990, 2020, 0.6)
    assert same.required_rate is None
    assert same.remaining_cut == pytest.approx(10.0)
    assert list(pi.pathway_frame(same).columns) == ["historisk takt"]
    total = pi.emission_plan(_series({1990: 100.0, 2020: 50.0}), 1990, 2030, 1.0)
    assert total.required_rate is None and total.target == 0


def test_cut_zero_can_mean_room_to_grow():
    plan = pi.emission_plan(_series({1990: 100.0, 2020: 50.0}), 1990, 2030, 0.0)
    assert plan.target == 100.0
    assert plan.remaining_cut == pytest.approx(-50.0)
    assert plan.required_rate == pytest.approx(2 ** 0.1 - 1)


@pytest.mark.parametrize(
    ("base", "target", "message"),
    [(2005, 2030, "no emission level"), (2020, 2030, "before the last observation"),
     (1990, 2019, "before the last observation")],
)
def test_emission_plan_rejects_impossible_years(base, target, message):
    with pytest.raises(pi.ProcessIndustryError, match=message):
        pi.emission_plan(_series({1990: 100.0, 2020: 50.0}), base, target, 0.5)


def test_ssb_series_is_table_13931_in_one_gwp_version():
    if not pi.ssb_series_available():
        pytest.skip("SSB table 13931 cannot be read here (statistics loader or recorded copy "
                    "missing)")
    s = pi.emission_series("ssb").set_index("year")
    # greenhouse-gas.json, manufacturing and mining, all gases: 1990 19 140, 2023 10 812 kt
    assert s.loc[1990, "value"] == pytest.approx(19.140)
    assert s.loc[2023, "value"] == pytest.approx(10.812)
    assert set(s["kind"]) == {"publisert"}
    assert all(n.startswith("AR5, publisert 6. juni 2025") for n in s["note"])


def test_plan_table_rows_and_units():
    plan = pi.emission_plan(_series({1990: 19.6, 2023: 10.8}), 1990, 2030, 0.55)
    t = pi.plan_table(plan).set_index("størrelse")
    assert t.loc["målnivå 2030 (55 % kutt)", "verdi"] == "8,82"
    assert t.loc["målnivå 2030 (55 % kutt)", "enhet"] == pi.EMISSION_UNIT
    assert t.loc["gjenstående kutt", "verdi"] == "1,98"             # 10.8 - 8.82
    assert t.loc["gjenstående kutt, andel", "verdi"] == "18,3"      # 1.98 / 10.8
    assert t.loc["nødvendig årlig endring 2023–2030", "verdi"] == "\u22122,85"
    assert t.loc["nødvendig årlig endring 2023–2030", "enhet"] == "% per år"
    # no years left: no required rate
    none = pi.plan_table(pi.emission_plan(_series({1990: 19.6, 2023: 10.8}), 1990, 2023, 0.55))
    assert none.set_index("størrelse").loc["nødvendig årlig endring 2023–2023", "verdi"] == "–"


def test_release_dates_are_norwegian_text():
    assert pi.release_date("2024-11-05 (modified 2024-11-06)") == "publisert 5. november 2024"
    assert pi.release_date("not shown (2016 preliminary release)") == (
        "publiseringsdato ikke oppgitt")
    notes = " ".join(pi.emission_series("dokument")["note"])
    assert "l." not in notes


def test_plan_text_and_table_print_one_gap():
    # 19.146 Mt in 1990, 10.586 in 2024, 55 % cut: target 8.6157 (printed 8,62), landing
    # 9.5349 (printed 9,53); unrounded the gap is 0.919 (0,92), printed levels give 0,91
    plan = pi.emission_plan(_series({1990: 19.146, 2024: 10.586}), 1990, 2030, 0.55)
    t = pi.plan_table(plan).set_index("størrelse")["verdi"]
    assert t["målnivå 2030 (55 % kutt)"] == "8,62"
    assert t["nivå i 2030 med historisk endringstakt"] == "9,53"
    text, kind = pi.plan_text(plan)
    assert kind is None
    assert "9,53 mill. tonn, 0,91 mill. tonn over målnivået" in text
    # the remaining cut in the table is the difference of the printed levels too
    assert t["utslipp siste år med data (2024)"] == "10,59"
    assert t["gjenstående kutt"] == "1,97"  # 10,59 - 8,62 (unrounded 1.970)


def test_plan_text_says_when_the_target_is_met_or_cannot_be_reached_at_a_rate():
    met = pi.emission_plan(_series({1990: 100.0, 2020: 30.0}), 1990, 2030, 0.6)
    text, kind = pi.plan_text(met)
    assert kind == "note" and text.startswith("Målnivået (40,00 mill. tonn) er allerede nådd")
    none = pi.emission_plan(_series({1990: 19.6, 2023: 10.8}), 1990, 2023, 0.55)
    assert pi.plan_text(none)[1] == "note"


def test_the_chosen_rate_period_drives_the_plan_and_its_words():
    """rate_from/rate_to set the historical rate (the path, the landing, the text), the base
    year only the target."""
    series = _series({1990: 100.0, 2005: 80.0, 2020: 50.0})
    plan = pi.emission_plan(series, 1990, 2030, 0.6, rate_from=2005)
    assert plan.historical_rate == pytest.approx((50 / 80) ** (1 / 15) - 1)
    assert plan.target == pytest.approx(40.0)
    assert plan.landing == pytest.approx(50 * (50 / 80) ** (10 / 15))
    assert plan.rate_period == "siden 2005" and plan.rate_years == "2005–2020"
    table = pi.plan_table(plan)
    assert "historisk årlig endring 2005–2020" in table["størrelse"].tolist()
    assert "perioden 2005–2020" in pi.plan_text(plan)[0]
    default = pi.emission_plan(series, 1990, 2030, 0.6)
    assert default.rate_period == "siden 1990"
    assert pi.emission_plan(series, 1990, 2030, 0.6, 1990, 2005).rate_period == "i 1990–2005"


def test_the_scenario_finding_uses_the_chosen_period():
    params = {"base_year": 1990, "target_year": 2035, "target_cut": 0.7, "currency": "EUR",
              "branch": "alle", "emission_source": "ssb", "rate_from": 2005, "rate_to": None,
              "compare_2005": False}
    plan = pi.plan_for(params)
    if pi.effective_source("ssb") != "ssb":
        pytest.skip("SSB's series is not at hand")
    assert plan.rate_from == 2005
    text = pi.findings(params)[1].text
    assert "siden 2005" in text and "siden 1990" not in text
    assert fmt_number(-100 * plan.historical_rate, 2) in text
