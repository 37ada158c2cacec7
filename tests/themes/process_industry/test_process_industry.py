"""Unit tests for helpers.themes.process_industry, with hand-worked numbers.

Figures from document 003 (Prosess21, status report 2024) are quoted with their lines; the
expected values are worked out by hand from them, not read back from the helper.
"""

from __future__ import annotations

import math
import re
from pathlib import Path

import pandas as pd
import pytest

from helpers import checks
from helpers.core import data
from helpers.pipeline.config import load_config
from helpers.pipeline.params import ParameterError
from helpers.themes import process_industry as pi

ROOT = Path(__file__).resolve().parents[3]
SEED = ROOT.parent / "shared" / "seeds" / "003_a7f0a07a0cfd3d0f.txt"


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


def test_ssb_series_derives_1990_and_keeps_latest_release():
    s = pi.emission_series("ssb").set_index("year")
    # SSB final 2023 (Nov 2024): 10.8 Mt, -43.5 % since 1990 -> 10.8 / 0.565 = 19.115
    assert s.loc[2023, "value"] == 10.8
    assert s.loc[1990, "value"] == pytest.approx(19.115, abs=1e-3)
    assert s.loc[1990, "kind"] == "avledet"
    assert list(s.index) == sorted(s.index)


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


# --------------------------------------------------------------------------- exports, currency


def test_currency_conversion_with_document_rates():
    assert pi.convert(11421, 2023, "EUR") == pytest.approx(1000)   # 11.421 NOK/EUR (l. 643)
    assert pi.convert(500, 2020, "NOK") == 500
    # 9.853 -> 11.421: +15.914 % (the document prints 15,9, l. 599)
    assert pi.currency_change("NOK_per_EUR", 2019, 2023) == pytest.approx(15.914, abs=1e-3)
    with pytest.raises(pi.ProcessIndustryError, match="2018"):
        pi.nok_per("EUR", 2018)
    with pytest.raises(pi.ProcessIndustryError, match="currency"):
        pi.nok_per("USD", 2023)


def test_export_table_shares_and_currency():
    nok = pi.export_table("NOK").set_index("varegruppe")
    total = nok.loc["Eksport i alt"]
    assert total["Norge (mrd. NOK)"] == pytest.approx(1881.134453231)
    assert total["andel av gruppen (%)"] == pytest.approx(100 * 227601621133 / 1881134453231)
    metals = nok.loc["72-83 Uedle metaller"]
    assert metals["andel av gruppen (%)"] == pytest.approx(100 * 95614616895 / 112043618703)
    eur = pi.export_table("EUR").set_index("varegruppe")
    assert eur.loc["Eksport i alt", "prosessindustri (mrd. EUR)"] == pytest.approx(
        227.601621133 / 11.421)
    only = pi.export_table("NOK", "treforedling")
    assert only["varegruppe"].tolist() == ["44-49 Tre, trevarer og tremasse", "Sum"]


def test_every_printed_export_share_is_recomputed():
    chk = pi.export_share_check()
    assert len(chk) == 39
    assert chk["stemmer"].all()


def test_export_change_in_nok_and_eur():
    # 2023: 227.60 bn (table); 2019 = 227.60 - 61 (l. 515) = 166.60 bn
    nok, eur = pi.export_change("NOK"), pi.export_change("EUR")
    assert nok.value_2019 == pytest.approx(166.601621133)
    assert nok.change_pct == pytest.approx(100 * 61 / 166.601621133)
    assert eur.value_2019 == pytest.approx(166.601621133 / 9.853)
    assert eur.value_2023 == pytest.approx(227.601621133 / 11.421)
    assert eur.change_pct < nok.change_pct / 2


# --------------------------------------------------------------------------- energy


def test_energy_markers_are_kept_apart_from_zero():
    e = data.load(pi.ENERGY).set_index(["row_id", "energy_product"])
    assert e.loc[("12.1.3", "Kull og kullprodukter"), "value_status"] == "."
    assert math.isnan(e.loc[("12.1.3", "Kull og kullprodukter"), "value"])
    assert e.loc[("12.1.6", "Avfall"), "value_status"] == "-"
    assert e.loc[("12.1.6", "Avfall"), "value"] == 0


def test_energy_shares_hand_worked():
    el = pi.electricity_shares()
    assert el["energiintensive_andel_av_el"] == pytest.approx(100 * 36187 / 45647)
    assert el["el_andel_industri"] == pytest.approx(100 * 45647 / 71956)
    mix = pi.energy_mix(rows=["12.1.3"])
    assert mix.loc["12.1.3", "Elektrisitet"] == pytest.approx(100 * 21407 / 22206)
    assert math.isnan(mix.loc["12.1.3", "Kull og kullprodukter"])


def test_energy_totals_check_on_document_table():
    summary = pi.energy_totals_summary(pi.energy_totals_check())
    assert summary["utenfor_avrunding"] == 0
    assert summary["ikke_sammenlignbare"] == 3      # the '.' totals of item 11
    assert summary["største_avvik"] == 3


def test_energy_totals_check_finds_a_wrong_total():
    rows = []
    products = ("Alle energiprodukter", "Elektrisitet", "Naturgass")
    for rid, role, parent, cells in [
        ("T", "total", "", ("30", "20", "10")),
        ("A", "branch", "T", ("10", "10", ".")),
        ("B", "branch", "T", ("25", "15", "10")),
    ]:
        for product, v in zip(products, cells, strict=True):
            rows.append({"row_id": rid, "industry": rid, "row_role": role, "parent": parent,
                         "energy_product": product, "value": v})
    frame = pd.DataFrame(rows)
    frame["value_status"] = frame["value"].where(frame["value"] == ".", "")
    frame["value"] = pd.to_numeric(frame["value"], errors="coerce")
    chk = pi.energy_totals_check(frame).set_index(["kontroll", "rad", "energiprodukt"])
    # column: 10 + 25 = 35 against 30; electricity 10 + 15 = 25 against 20
    assert chk.loc[("kolonne", "T", "Alle energiprodukter"), "differanse"] == 5
    assert chk.loc[("kolonne", "T", "Elektrisitet"), "differanse"] == 5
    assert chk.loc[("kolonne", "T", "Naturgass"), "punkter"] == 1
    # row B: 15 + 10 = 25 = its total
    assert chk.loc[("rad", "B", "Alle energiprodukter"), "differanse"] == 0
    assert pi.energy_totals_summary(chk.reset_index())["utenfor_avrunding"] == 2


# --------------------------------------------------------------------------- ripple, checks


def test_ripple_multipliers_are_ratios_of_stated_figures():
    r = pi.ripple_multipliers().set_index("størrelse")
    assert r.loc["verdiskaping", "multiplikator"] == pytest.approx(168 / 68)   # l. 1073, 1081
    assert r.loc["sysselsetting", "multiplikator"] == pytest.approx(94000 / 22000)
    assert r.loc["verdiskaping", "indirekte og avledet"] == 100


def test_document_checks_verdicts():
    results = pi.document_checks()
    assert results and all(r.document == "003" for r in results)
    by_id = {}
    for r in results:
        by_id.setdefault(r.figure_id, []).append(r)
    V = checks.Verdict
    # 19.6 -> 10.8 is -44.9 %, not -43.3 % (l. 946); 19.6 - 10.8 = 8.8, not 7.8 (l. 944)
    assert by_id["003-0946-a"][0].verdict is V.DISAGREES
    assert by_id["003-0946-a"][0].recomputed == pytest.approx(100 * (1 - 10.8 / 19.6))
    assert by_id["003-0944-a"][0].recomputed == pytest.approx(8.8)
    assert by_id["003-0944-a"][0].verdict is V.DISAGREES
    assert by_id["003-0739-a"][0].verdict is V.AGREES
    assert by_id["003-0599-a"][0].verdict is V.AGREES_WITHIN_ROUNDING
    assert by_id["003-0404-a"][0].verdict is V.AGREES_WITHIN_ROUNDING
    assert {r.verdict for r in by_id["003-1028-a"]} == {V.DISAGREES}
    assert by_id["003-0400-a"][0].verdict is V.CANNOT_CHECK
    assert "10,1" in by_id["003-0400-a"][0].why
    # the report shows the engine's table: our Norwegian claim (label_nb) for every check
    table = checks.table(results)
    assert len(table) == len(results)
    assert not hasattr(pi, "checks_table") and not hasattr(pi, "LABELS_NO")
    row = table[table["linje"] == "1028"].iloc[0]
    assert row["påstand"] == "Kraftintensiv industris andel av industriens kraftforbruk"
    assert row["oppgitt"] == "89 %"


# --------------------------------------------------------------------------- report tables


def test_stated_table_shows_norwegian_numbers_and_units():
    # l. 324 prints "24,000" (English separator), l. 1081 "94.000" FTE, l. 883 "9.9" Mt
    t = pi.stated_table(["003-0324-a", "003-1081-b", "003-0883-b", "003-0682-a"])
    assert list(t.columns) == ["hva", "oppgitt", "periode", "linje"]
    assert t["oppgitt"].tolist() == ["24\u202f000 personer", "94\u202f000 årsverk",
                                     "9,9 mill. tonn CO\u2082-ekv.", "39,6 TWh"]
    assert t["periode"].iloc[0] == "2019\u20132023"
    assert t["hva"].iloc[0] == "Sysselsatte i prosessindustrien, nedre grense"


def test_employment_summary_hand_worked():
    # l. 324: 24,000-25,000; l. 1073: 22.000 direct in the power-processing industry (2022)
    e = pi.employment_summary()
    assert (e["low"], e["high"], e["mid"]) == (24000, 25000, 24500)
    assert e["half_range_pct"] == pytest.approx(100 * 500 / 24500)
    assert (e["gap_low"], e["gap_high"]) == (2000, 3000)
    assert e["power_year"] == "2022" and e["power_lines"] == "1073"


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


@pytest.mark.parametrize(("target_year", "cut"), [(2030, 0.55), (2023, 0.55), (2030, 0.0)])
def test_pathway_chart_is_labelled_in_norwegian(target_year, cut):
    import matplotlib.pyplot as plt

    series = _series({1990: 19.6, 2023: 10.8})
    plan = pi.emission_plan(series, 1990, target_year, cut)
    fig = pi.pathway_chart(plan, series, "dokument", _series({2016: 11.7, 2022: 11.6}))
    left, right = fig.axes
    assert left.get_ylabel() == pi.EMISSION_UNIT and left.get_xlabel() == "år"
    assert left.get_ylim()[0] == 0 and right.get_ylim() == left.get_ylim()
    fig.canvas.draw()
    ticks = [t.get_text() for t in left.get_yticklabels()]
    assert "2,5" in ticks and not any("." in t for t in ticks)     # decimal comma
    legend = [t.get_text() for t in left.get_legend().get_texts()]
    assert f"mål {target_year}: {pi.fmt_number(plan.target, 1)} mill. tonn" in legend
    assert any(t.startswith("historisk takt") for t in legend) == bool(plan.years_left)
    if plan.years_left:
        name = "nødvendig takt" if plan.required_rate < 0 else "høyeste tillatte takt"
        assert any(t.startswith(name) for t in legend)
        notes = [t.get_text() for t in right.texts]
        assert pi.fmt_number(plan.landing, 1) in notes
    plt.close(fig)


def test_indicator_test_applies_last_intensity_to_next_year():
    frame = pd.DataFrame({"year": [2022, 2023], "el_twh": [40.0, 36.0],
                          "utslipp_mt": [12.0, 11.0]})
    t = pi.indicator_test(frame)
    assert (t.first_year, t.year) == (2022, 2023)
    assert t.intensity == pytest.approx(0.3)
    assert t.predicted == pytest.approx(10.8)                       # 0.3 * 36
    assert t.error_pct == pytest.approx(100 * (10.8 - 11) / 11)
    assert pi.indicator_test(frame.iloc[:1]) is None


def test_share_estimates_cite_sources_not_dataset_names():
    est = pi.industry_electricity_share_estimates()
    assert set(est["datasett"]) <= set(data.catalogue())
    assert not set(est["kilde"]) & set(est["datasett"])


# --------------------------------------------------------------------------- parameters

BASE = {"base_year": 1990, "target_year": 2030, "target_cut": 0.55, "currency": "NOK",
        "branch": "alle", "emission_source": "dokument"}


def test_validator_accepts_configured_and_edge_parameters():
    pi.validate_parameters(BASE)
    pi.validate_parameters({**BASE, "target_year": 2023, "target_cut": 0})
    pi.validate_parameters({**BASE, "target_year": 2035, "target_cut": 0.7, "currency": "EUR"})
    pi.validate_parameters({**BASE, "emission_source": "ssb", "base_year": 2016})


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"target_year": 2020}, "'target_year' = 2020 is before the last observation \\(2023\\)"),
        ({"base_year": 2005}, "'base_year' = 2005 has no emission level"),
        ({"base_year": 2023}, "'base_year' = 2023"),
        ({"emission_source": "ssb", "base_year": 2023}, "must be before the last observation"),
    ],
)
def test_validator_rejects_with_clear_message(change, message):
    with pytest.raises(ValueError, match=message) as info:
        pi.validate_parameters({**BASE, **change})
    assert "process_industry" in str(info.value)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"target_cut": 1.5}, "'target_cut': value 1.5 is above the maximum 1"),
        ({"target_cut": -0.1}, "'target_cut': value -0.1 is below the minimum 0"),
        ({"currency": "USD"}, "'currency': value 'USD' is not an allowed value"),
        ({"branch": "fisk"}, "'branch': value 'fisk' is not an allowed value"),
        ({"emission_source": "eu"}, "'emission_source': value 'eu' is not an allowed value"),
        ({"target_year": "2030"}, "'target_year': value '2030' has the wrong type"),
    ],
)
def test_declaration_rejects_single_values_with_clear_message(change, message):
    """Single values are declared in reports.yaml (the validator checks combinations only)."""
    with pytest.raises(ParameterError) as info:
        _declaration().resolve(change)
    assert message in str(info.value) and "process_industry" in str(info.value)


def test_declared_values_are_those_the_module_knows():
    specs = _declaration().specs
    assert list(specs["branch"].allowed) == list(pi.BRANCH_LABELS)
    assert set(specs["currency"].allowed) == set(pi.CURRENCIES)
    assert set(specs["emission_source"].allowed) == set(pi.EMISSION_SOURCES)
    assert _declaration().defaults() == BASE


def _declaration():
    return load_config(ROOT / "reports.yaml").notebook("process_industry").declaration


# --------------------------------------------------------------------------- data provenance


@pytest.mark.skipif(not SEED.is_file(), reason=f"document text not available at {SEED}")
def test_document_tables_match_the_seed_lines():
    lines = SEED.read_text(encoding="utf-8").splitlines()
    inv = data.load(pi.INVESTMENTS)
    for _, r in inv.iterrows():
        assert r["printed"] in lines[int(r["lines"]) - 1], r.to_dict()
    ex = data.load(pi.EXPORTS)
    for _, r in ex.iterrows():
        text = lines[int(r["lines"]) - 1]
        assert f"{int(r['export_value_norway']):,}".replace(",", " ") in text
    energy = data.load(pi.ENERGY)
    for (ln, _), g in energy.groupby(["lines", "row_id"], sort=False):
        printed = " ".join(
            s if s else f"{int(v):,}".replace(",", " ")
            for v, s in zip(g["value"], g["value_status"], strict=True)
        )
        assert printed in re.sub(r"\s+", " ", lines[int(ln) - 1]), ln


@pytest.mark.skipif(not SEED.is_file(), reason=f"document text not available at {SEED}")
def test_stated_figures_003_are_printed_at_their_lines():
    text = SEED.read_text(encoding="utf-8").splitlines()
    figs = data.load("stated_figures")
    figs = figs[figs["document"] == "003"]
    assert len(figs) > 150
    for _, f in figs.iterrows():
        a, _, b = f["lines"].partition("-")
        cited = " ".join(text[int(a) - 1:int(b or a)])
        assert f["printed"] in cited, (f["id"], f["printed"], f["lines"])
        assert f["id"].startswith(f"003-{int(a):04d}-")


@pytest.mark.parametrize("branch", list(pi.BRANCH_LABELS))
def test_every_branch_gives_tables(branch):
    keep = pi.branch_rows(branch, pi.EXPORTS)
    ex = pi.export_table("EUR", branch)
    assert len(ex) == (21 if keep is None else len(keep) + 1)
    energy = pi.energy_display(branch)
    assert energy["næring (kode)"].iloc[0].startswith("12.1 ")
    inv_keep = pi.branch_rows(branch, pi.INVESTMENTS)
    if inv_keep:
        assert len(pi.investment_table(branch=branch)) == len(inv_keep)
        assert len(pi.investment_growth(branch=branch)) == len(inv_keep)


def test_mixed_gwp_releases_are_flagged():
    ssb = pi.emission_series("ssb")
    assert pi.mixes_gwp(ssb, 2016)          # 2016 release used AR4, 2023 uses AR5
    assert not pi.mixes_gwp(ssb, 1990)      # 1990 derived from the 2023 (AR5) release
    assert not pi.mixes_gwp(ssb, 2022)


def test_release_dates_are_norwegian_text():
    assert pi.release_date("2024-11-05 (modified 2024-11-06)") == "publisert 2024-11-05"
    assert pi.release_date("not shown (2016 preliminary release)") == (
        "publiseringsdato ikke oppgitt")
    notes = " ".join(pi.emission_series("ssb")["note"])
    assert "modified" not in notes and "not shown" not in notes and "page timestamp" not in notes
