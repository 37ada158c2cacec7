"""The smart-specialisation helpers (document 002): parameters, growth, Balassa on published
exports, the document's tables and checks, and the data's places in the document's text."""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

import pandas as pd
import pytest
import yaml

from helpers import checks
from helpers.core import data
from helpers.methods import growth
from helpers.pipeline.config import load_config
from helpers.pipeline.params import ParameterError
from helpers.themes import smart_specialisation as ss

ROOT = Path(__file__).resolve().parents[3]
SEED = ROOT.parent / "shared" / "seeds" / "002_0d67dc43d0b9b633.txt"
DEFAULTS = {"county": "Akershus", "balassa_reference": "norge", "base_year": 2011, "year": 2021,
            "focus_area": "alle", "weight_growth": 0.5, "weight_productivity": 0.5}


# --------------------------------------------------------------------------- parameters


def test_defaults_are_valid():
    ss.validate_parameters(DEFAULTS)


def test_unknown_county_is_rejected_with_the_valid_ones():
    with pytest.raises(ParameterError) as err:
        _declaration().resolve({"county": "Vestfold"})
    msg = str(err.value)
    assert "smart_specialisation" in msg and "'Vestfold'" in msg
    for county in ("Akershus", "Buskerud", "Østfold", "Viken"):
        assert county in msg


@pytest.mark.parametrize("change, words", [
    ({"county": "Viken", "balassa_reference": "viken"}, "itself"),
    ({"base_year": 2021, "year": 2021}, "base_year"),
    ({"weight_growth": 0.0, "weight_productivity": 0.0}, "all zero"),
])
def test_impossible_combinations_are_rejected(change, words):
    with pytest.raises(ValueError, match=words):
        ss.validate_parameters({**DEFAULTS, **change})


@pytest.mark.parametrize("change, words", [
    ({"balassa_reference": "sverige"}, "balassa_reference"),
    ({"focus_area": "turisme"}, "focus_area"),
    ({"weight_growth": -0.1}, "weight_growth"),
])
def test_single_values_are_checked_by_the_declaration(change, words):
    """Single values are declared in reports.yaml (the validator checks combinations only)."""
    with pytest.raises(ParameterError, match=words):
        _declaration().resolve(change)


def _declaration():
    return load_config(ROOT / "reports.yaml").notebook('smart_specialisation').declaration


def test_viken_against_norway_is_allowed():
    ss.validate_parameters({**DEFAULTS, "county": "Viken"})


def test_reports_yaml_declares_the_notebook_defaults():
    config = yaml.safe_load((ROOT / "reports.yaml").read_text(encoding="utf-8"))
    block = config["notebooks"]["smart_specialisation"]
    declared = {k: v["default"] for k, v in block["parameters"].items()}
    assert declared == DEFAULTS
    assert block["validator"] == "helpers.themes.smart_specialisation:validate_parameters"
    assert set(block["sets"]) == {"akershus", "buskerud", "ostfold", "viken"}
    assert block["parameters"]["county"]["allowed"] == list(ss.COUNTIES)
    nb = json.loads((ROOT / block["path"]).read_text(encoding="utf-8"))
    cell = next(c for c in nb["cells"] if "parameters" in c["metadata"].get("tags", []))
    ns: dict = {}
    exec("".join(cell["source"]), ns)  # the parameters cell holds literals only
    assert {k: ns[k] for k in DEFAULTS} == DEFAULTS
    assert all(not c.get("outputs") for c in nb["cells"] if c["cell_type"] == "code")


# --------------------------------------------------------------------------- growth


def test_document_growth_reconciliation():
    g = ss.document_growth()
    # 146 -> 260 over ten years
    assert g["nominal_growth"] == pytest.approx(260 / 146 - 1)
    assert g["cagr_from_real"] == pytest.approx(1.43 ** 0.1 - 1)
    assert g["real_from_cagr"] == pytest.approx(1.037 ** 10 - 1)
    lo, hi = g["real_consistent"]
    # the real growth must print as 43 (below 43.5 %) and give an annual rate printing as 3.7
    assert lo == pytest.approx(1.0365 ** 10 - 1)
    assert hi == pytest.approx(0.435)
    p_lo, p_hi = g["price_rise"]
    assert p_lo == pytest.approx((260 / 146) / 1.435 - 1)
    assert p_hi == pytest.approx((260 / 146) / (1.0365 ** 10) - 1)
    r_lo, r_hi = g["price_rise_with_rounding"]
    assert r_lo < p_lo < p_hi < r_hi


def test_growth_table_deflates_to_the_stated_real_growth():
    table = ss.growth_table().set_index("år")
    real = table["faste 2011-priser (mrd. kr)"]
    assert real.loc[2011] == pytest.approx(146)
    # deflated with the implied index, the real growth is the stated 43 %
    assert growth.growth(real.loc[2011], real.loc[2021]) == pytest.approx(0.43)
    assert table.loc[2021, "løpende priser (mrd. kr)"] == pytest.approx(260)


# --------------------------------------------------------------------------- Balassa on exports


def _sitc(region: str, year: int) -> pd.Series:
    exp = data.load(ss.EXPORTS)
    sel = exp[(exp["region"] == region) & (exp["year"] == year)
              & exp["industry"].str.startswith("SITC") & ~exp["industry"].str.startswith("SITC 03")]
    return sel.set_index("industry")["value"].astype(float)


def test_export_balassa_against_norway_by_hand():
    table = ss.export_balassa("Akershus", "norge", 2015).set_index("varegruppe")
    ak, no = _sitc("Akershus", 2015), _sitc("Hele landet", 2015)
    group = "SITC 5 Kjemiske produkter"
    expected = (ak[group] / ak.sum()) / (no[group] / no.sum())
    assert table.loc[group, "balassa"] == pytest.approx(expected)
    # the seven groups add up to the county total printed by SSB
    exp = data.load(ss.EXPORTS)
    total = exp[(exp["region"] == "Akershus") & (exp["year"] == 2015)
                & (exp["industry"] == "Total fastlandseksport")]["value"].iloc[0]
    assert abs(ak.sum() - float(total)) <= 3


def test_viken_reference_is_the_sum_of_the_three_counties():
    viken = sum(_sitc(c, 2015) for c in ss.VIKEN_PARTS)
    table = ss.export_balassa("Buskerud", "viken", 2015).set_index("varegruppe")
    bu = _sitc("Buskerud", 2015)
    group = "SITC 8 Forskjellige ferdigvarer"
    assert table.loc[group, "balassa"] == pytest.approx(
        (bu[group] / bu.sum()) / (viken[group] / viken.sum()))


def test_viken_against_itself_is_one_everywhere():
    table = ss.export_balassa("Viken", "viken", 2015)
    assert (table["balassa"] - 1).abs().max() < 1e-12


def test_sensitivity_has_both_references_except_for_viken():
    assert ss.balassa_sensitivity("Østfold", 2015).shape[1] == 3
    assert ss.balassa_sensitivity("Viken", 2015).shape[1] == 2


def test_export_year_choice():
    assert ss.export_years() == [2014, 2015]
    assert ss.export_year_for(2021) == 2015
    assert ss.export_year_for(2014) == 2014
    assert ss.export_year_for(2013) is None


def test_export_shift_share_adds_up():
    out = ss.export_shift_share("Østfold", "norge", 2014, 2015)
    parts = out[["national_share", "industry_mix", "regional_shift"]].sum(axis=1)
    assert (parts - out["change"]).abs().max() < 1e-9
    assert out.loc["Totalt", "change"] == pytest.approx(
        _sitc("Østfold", 2015).sum() - _sitc("Østfold", 2014).sum())


# --------------------------------------------------------------------------- document tables


def test_top5_covers_the_21_municipalities_of_the_footnote():
    top = ss.top5_municipalities()
    assert len(top) == 21
    assert not top.isna().any().any()
    listed = set(ss.municipality_list("Akershus")["municipality_name"])
    assert set(top["kommune"]) == listed


def test_top5_frequency_counts_each_municipality_once_per_rank():
    freq = ss.top5_frequency()
    assert freq["blant_fem_største"].sum() == 21 * 5
    assert freq["størst"].sum() == 21


def test_baerum_reconstruction_by_hand():
    b = ss.baerum_figures()
    assert b["baerum_productivity_m"] == pytest.approx(0.53 * 260e3 / (0.27 * 213_000))
    assert b["baerum_va_bn"] + b["rest_va_bn"] == pytest.approx(260)


def test_area_filter_and_unknown_area():
    health = ss.area_elements("helseindustri")
    assert set(health["område"]) == {"Helseindustri"}
    assert set(health["element"]) == {"fortrinn", "nisje", "barriere", "tiltak"}
    assert len(ss.area_elements("alle")["område"].unique()) == 5
    with pytest.raises(ValueError, match="focus_area"):
        ss.area_elements("turisme")


def test_akershus_prioritises_three_areas():
    status = ss.area_status("Akershus")
    special = status[(status["region"] == "Akershus") & (status["status"] == "særlig relevant")]
    assert len(special) == 3
    assert set(ss.area_status("Buskerud")["region"]) == {"Viken"}


def test_membership_overlap_adds_up_to_the_total():
    ov = ss.membership_overlap()
    assert ov["virksomheter"].sum() == pytest.approx(checks.stated("002-1341-a").value)
    assert ov["andel (%)"].sum() == pytest.approx(100)


def test_attractiveness_weights_decide_the_ranking():
    only_growth = ss.attractiveness({"vekst": 1.0, "produktivitet": 0.0})
    by_growth = ss.attractiveness_indicators().sort_values("vekst", ascending=False)
    assert only_growth["sektor"].iloc[0] == by_growth["sektor"].iloc[0]
    assert only_growth["poeng"].between(0, 1).all()
    both = ss.attractiveness({"vekst": 1.0, "produktivitet": 1.0})
    assert both["poeng"].max() <= 1.0
    with pytest.raises(ValueError, match="unknown attractiveness component"):
        ss.attractiveness({"sdg": 1.0})
    with pytest.raises(ValueError, match="not all zero"):
        ss.attractiveness({"vekst": 0.0, "produktivitet": 0.0})


def test_attractiveness_indicator_by_hand():
    ind = ss.attractiveness_indicators().set_index("sektor")
    pi = data.load(ss.PRODUCTION_INDEX)
    pi = pi[(pi["industry"] == "Metallindustri")
            & (pi["measure"] == "production index, annual average, calendar adjusted")]
    start = float(pi[pi["year"] == 2012]["value"].iloc[0])
    end = float(pi[pi["year"] == 2020]["value"].iloc[0])
    assert ind.loc["Metallindustri", "vekst"] == pytest.approx(((end / start) ** (1 / 8) - 1) * 100)


def test_non_public_figures():
    figs = ss.non_public_figures()
    ids = set(figs["id"])
    assert "002-0940-a" in ids        # productivity from Menon's accounts
    assert "002-2053-a" in ids        # patents from Orbis
    assert "002-2599-a" not in ids    # SkatteFUNN totals are public
    summary = ss.non_public_summary()
    assert summary["antall"].sum() == len(figs)


def test_attractiveness_inputs_list_every_component_and_the_weights():
    inputs = ss.attractiveness_inputs({"vekst": 3.0, "produktivitet": 1.0}).set_index("komponent")
    assert list(inputs.index[:2]) == list(ss.ATTRACTIVENESS_COMPONENTS)
    assert inputs.loc["vekst", "normalisert vekt"] == pytest.approx(0.75)
    assert inputs.loc["produktivitet", "vekt"] == 1.0
    assert inputs.loc["vekst", "periode"] == "{}–{}".format(*ss.ATTRACTIVENESS_YEARS["vekst"])
    # the document's third component is listed as left out, with no weight
    sdg = inputs.loc["bærekraft (SDG-score)"]
    assert "utelatt" in sdg["indikator"] and math.isnan(sdg["vekt"])
    assert ss.weights_text({"vekst": 1.0, "produktivitet": 0.0}) == \
        "vekst 1,00, produktivitet 0,00"
    assert set(ss.ATTRACTIVENESS_LABELS) == set(ss.attractiveness({"vekst": 1.0}).columns)


def test_profile_in_norwegian_with_ranges_and_notes():
    akershus = ss.document_profile("Akershus").set_index("størrelse")
    assert akershus.loc["Sysselsatte i alt", "oppgitt"] == "360 000 personer"
    assert akershus.loc["Sysselsatte i alt", "merknad"] == "«i underkant av»"
    assert akershus.loc["Realvekst i verdiskaping 2011–2021", "periode"] == "2011–2021"
    buskerud = ss.document_profile("Buskerud")
    exports = buskerud[buskerud["størrelse"].str.startswith("Eksport")].iloc[0]
    assert exports["oppgitt"] == "20–30 mrd. kr"        # the range, not "mrd. kr hver"
    assert "merknad" not in buskerud.columns            # no empty column
    text = " ".join(" ".join(ss.document_profile(c).astype(str).to_numpy().ravel())
                    for c in ss.COUNTIES)
    assert not re.search(r"NOK|persons|just under|approx", text)


def test_document_balassa_in_norwegian():
    table = ss.document_balassa()
    assert table["størrelse"].str.startswith(("Balassa-indeks", "Regneeksempel")).all()
    assert table["merknad"].iloc[0] == "nedre grense («mer enn»)"
    assert "10 %" in table["merknad"].iloc[1] and "5 %" in table["merknad"].iloc[1]


def test_municipality_tables_say_what_the_list_lacks():
    overview = ss.municipality_overview("Viken").set_index("fylke")
    assert overview["kommuner"].to_dict() == {"Østfold": 12, "Akershus": 21, "Buskerud": 18}
    shipped = data.load(ss.MUNICIPALITIES)
    filled = (shipped["municipality_code"].fillna("").str.strip() != "").sum()
    assert overview["med kommunenr. 2024"].sum() == filled
    assert filled == 51  # every 2024 code, from KLASS
    assert (overview["navnene fra"] == "SSBs kommuneinndeling (KLASS)").all()
    # columns empty for every municipality are dropped; the county column only for Viken
    akershus = ss.municipality_table("Akershus")
    assert "fylke" not in akershus.columns and len(akershus) == 21
    for col in akershus.columns:
        assert (akershus[col].fillna("").astype(str).str.strip() != "").any(), col
    names = ss.municipality_names("Viken").set_index("fylke")["kommuner"]
    assert names["Akershus"].count(", ") == 20
    assert list(ss.municipality_names("Buskerud").columns) == ["kommuner"]
    assert ss.municipality_names("Buskerud")["kommuner"].iloc[0].count(", ") == 17


def test_display_helpers_write_norwegian_numbers():
    assert ss.whole(-0.4) == "0" and ss.whole(-1234.6) == "\u22121\u202f235"
    assert ss.and_list([2014, 2015]) == "2014 og 2015" and ss.and_list([2014]) == "2014"
    assert ss.area_overview().columns.name is None
    assert ss.same_ranking(pd.Series([3, 1, 2]), pd.Series([30, 10, 20]))
    assert not ss.same_ranking(pd.Series([3, 1, 2]), pd.Series([10, 30, 20]))




# --------------------------------------------------------------------------- checks


def test_document_checks_verdicts():
    results = ss.document_checks()
    assert all(isinstance(r, checks.CheckResult) and r.document == "002" for r in results)
    by = {}
    for r in results:
        by.setdefault(r.figure_id, []).append(r)
    assert by["002-0940-a"][0].verdict is checks.Verdict.AGREES_WITHIN_ROUNDING
    assert by["002-1046-b"][0].verdict is checks.Verdict.DISAGREES
    assert by["002-1271-a"][0].verdict is checks.Verdict.DISAGREES
    assert by["002-0996-b"][0].verdict is checks.Verdict.AGREES
    # exports per employee: the document divides by all employed, not by firm employment
    verdicts = {r.how: r.verdict for r in by["002-1030-a"]}
    assert verdicts["70 mrd. kr / 360 000 personer (alle sysselsatte)"].name == \
        "AGREES_WITHIN_ROUNDING"
    assert verdicts["70 mrd. kr / 213 000 personer (regnskapspliktige foretak)"].name == \
        "DISAGREES"
    # method texts quote the stated figures as printed, so they follow the data
    assert by["002-0940-a"][0].how == "260 mrd. kr / 213 000 personer"
    done, twice, cannot = ss.checks_display(results)
    assert len(done) + len(twice) + len(cannot) == len(results)
    assert len(twice) == len(ss.REPEATS)
    assert len(cannot) == len(ss.CANNOT)
    # the engine's Norwegian formatting: claims from label_nb with the line, units in Norwegian
    assert "Verdiskaping per sysselsatt, Akershus (2021; l. 940)" in set(done["påstand"])
    row = done[done["påstand"].str.endswith("l. 940)")].iloc[0]
    assert row["oppgitt"] == "1,2 mill. kr per sysselsatt" and row["beregnet"] == "1,22"
    # thousands: no decimal beyond the printed ones
    exports = done[done["påstand"].str.endswith("l. 1030)")]
    assert set(exports["beregnet"]) == {"194\u202f444", "328\u202f638"}
    assert not done["oppgitt"].str.contains("NOK|persons|count", regex=True).any()
    assert list(twice.columns) == ["påstand", "oppgitt", "også oppgitt", "vurdering"]
    assert twice["også oppgitt"].str.startswith("l. ").all()


def test_checks_collected_by_the_audit():
    audit = checks.collect_all(("helpers.themes.smart_specialisation",))
    assert not audit.failures
    assert len(audit.results) == len(ss.document_checks())


# --------------------------------------------------------------------------- the document's text

SMART = ["smart_top5_industries_municipality", "smart_industry_definitions", "smart_area_elements",
         "smart_area_status", "smart_clusters", "smart_cluster_overlaps", "smart_top5_firms_county",
         "smart_construction_actors", "smart_data_basis"]


def _seed_lines() -> list[str]:
    if not SEED.is_file():
        pytest.skip(f"document text not found at {SEED} (../shared is not beside the project)")
    return SEED.read_text(encoding="utf-8").split("\n")


def _text(lines: list[str], ranges: str) -> str:
    parts = []
    for seg in str(ranges).split(";"):
        a, _, b = seg.strip().partition("-")
        parts.append(" ".join(lines[int(a) - 1:int(b or a)]))
    joined = re.sub(r"-\s+", "", " ".join(parts))
    return re.sub(r"[\s\u00a0-]+", "", joined).lower()


def _norm(word: str) -> str:
    return re.sub(r"[\s\u00a0-]+", "", str(word)).lower()


@pytest.mark.parametrize("name", SMART)
def test_smart_rows_stand_at_their_cited_lines(name):
    lines = _seed_lines()
    frame = data.load(name)
    probe = {"smart_top5_industries_municipality": "industry",
             "smart_top5_firms_county": "firm", "smart_construction_actors": "actor"}
    col = probe.get(name, "keyword")
    missing = [(r["lines"], r[col]) for _, r in frame.iterrows()
               if _norm(r[col]) not in _text(lines, r["lines"])]
    assert not missing, f"{name}: not found at the cited lines: {missing[:5]}"


def test_stated_figures_002_stand_at_their_cited_lines():
    lines = _seed_lines()
    frame = ss.stated_figures()
    missing = []
    for _, r in frame.iterrows():
        a, _, b = r["lines"].partition("-")
        text = re.sub(r"\s+", " ", " ".join(lines[int(a) - 1:int(b or a)]))
        if not re.search(r"(?<![\d,])" + re.escape(r["printed"]).replace("\\ ", r"\s") + r"(?!\d)",
                         text):
            missing.append((r["id"], r["printed"]))
    assert not missing, missing[:10]
    # value and printed agree (up to sign and scale of the unit)
    for _, r in frame.iterrows():
        printed = float(checks.parse_printed(r["printed"])[0])
        assert math.isclose(abs(r["value"]), printed), (r["id"], r["value"], r["printed"])
