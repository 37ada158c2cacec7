"""One classification per material: the status every section shows comes from
``classification``, with its basis, proxies and the disagreements between the Act and the
EU 2023 scores."""

from __future__ import annotations

from pathlib import Path

from statistics_support import needs_external as needs_external_dir

from helpers.themes import critical_value_chains as vc
from helpers.themes.critical_value_chains import classification as cl

needs_external = needs_external_dir("the EU 2023 files")


def test_status_follows_the_act_annexes():
    status = cl.status_of(vc.materials_of("alle"))
    assert status["silicon"] == "strategisk og kritisk"
    assert status["phosphate"] == "kritisk"  # Annex II only
    assert status["nickel"] == "strategisk og kritisk"  # battery grade on both annexes
    assert status["ferroalloys"] == "ikke på EUs lister"
    assert status["zinc"] == "ikke på EUs lister"


def test_material_status_is_the_same_in_every_section():
    selected = vc.materials_of("alle")
    status = cl.status_of(selected)
    table = vc.materials_table(selected)
    by_label = dict(zip(table["materiale"], table["status i rapporten"], strict=True))
    assert by_label == {vc.label(m): s for m, s in status.items()}
    shown = cl.classification_display(cl.classify(selected))
    assert dict(zip(shown["materiale"], shown["status i rapporten"], strict=True)) == by_label


@needs_external
def test_status_in_supply_risk_table_and_chart_matches_the_classification():
    import matplotlib

    matplotlib.use("Agg")
    selected = vc.materials_of("alle")
    status = cl.status_of(selected)
    gov = vc.governance_table(selected)
    assert dict(zip(gov["material"], gov["status"], strict=True)).items() <= status.items()
    shown = vc.governance_display(gov)
    for lab, st in zip(vc.gov_labels(gov), shown["status i rapporten"], strict=True):
        material = gov.loc[vc.gov_labels(gov).index(lab), "material"]
        assert st == status[material]
    # the chart colours ferro-alloys (not on the lists) blue although manganese's scores
    # are over the thresholds, and nickel red although its scores are under them
    fig = vc.chart_sr_ei(gov)
    colours = fig.axes[0].collections[0].get_facecolors()
    pts = gov.dropna(subset=["sr_published", "ei_published"]).drop_duplicates("eu_material")
    red = {m for m, c in zip(pts["material"], colours, strict=True) if c[0] > 0.6}
    assert "nickel" in red and "ferroalloys" not in red


@needs_external
def test_disagreements_are_named_where_act_and_scores_differ():
    c = cl.classify(vc.materials_of("alle")).set_index("material")
    assert "under tersklene" in c.loc["nickel", "disagreement"]
    assert c.loc["nickel", "scores_meet"] is False or not c.loc["nickel", "scores_meet"]
    assert "mangan" in c.loc["ferroalloys", "disagreement"]
    assert "mangan" in c.loc["ferroalloys", "proxy"] or "Mangan" in c.loc["ferroalloys", "proxy"]
    assert "titan" in c.loc["titanium", "disagreement"]  # ores under, metal over
    assert c.loc["silicon", "disagreement"] == ""
    text = cl.disagreements_text(c.reset_index())
    assert "nikkel" in text and "ferrolegeringer" in text


@needs_external
def test_partial_supply_risk_is_named_against_the_eu_value():
    gov = vc.governance_table(vc.materials_of("alle")).set_index("eu_material")
    assert gov.loc["Cobalt", "sr_partial"] < gov.loc["Cobalt", "sr_published"]
    shown = vc.governance_display(gov.reset_index())
    assert "øvre grense" not in " ".join(shown.columns)
    assert set(shown["vår mot EU"]) <= {"under", "over", "lik", "–"}
    assert vc.comparison_word(1.36, 2.8) == "under"


def _set_params() -> dict[str, dict]:
    import yaml

    root = Path(__file__).resolve().parents[3]
    block = yaml.safe_load((root / "reports.yaml").read_text(encoding="utf-8"))
    block = block["notebooks"]["critical_value_chains"]
    defaults = {k: v["default"] for k, v in block["parameters"].items()}
    return {name: {**defaults, **o} for name, o in block["sets"].items()}


def test_value_chain_sets_show_their_own_materials_with_reasons_for_the_rest():
    sets = _set_params()
    chosen = {name: tuple(vc.resolve_materials(p["value_chain"], p["materials"]))
              for name, p in sets.items() if p["disrupted_country"] is None}
    assert len(set(chosen.values())) == len(chosen)  # alle, energi, forsvar, prosessindustri
    for name, p in sets.items():
        selected = vc.resolve_materials(p["value_chain"], p["materials"])
        dropped = vc.excluded_materials(p["value_chain"], selected, p["stage"])
        kept = set(vc.material_keys(selected, p["stage"])["material"])
        # every material of the document is either analysed or has a reason
        assert len(kept) + len(dropped) == len(vc.material_ids()), name
        assert dropped["hvorfor det ikke er med"].str.len().gt(10).all()
    energy = vc.excluded_materials("energy", vc.materials_of("energy"), "processing")
    reasons = dict(zip(energy["materiale"], energy["hvorfor det ikke er med"], strict=True))
    assert "bare for utvinning" in reasons["grafitt"]
    assert "knytter ikke" in reasons["eruptivt fosfat"]


@needs_external
def test_findings_differ_between_sets_and_link_to_sections():
    found = {name: vc.findings(p) for name, p in _set_params().items()}
    texts = {name: tuple(f.text for f in fs) for name, fs in found.items()}
    assert len(set(texts.values())) == len(texts)
    for name, fs in found.items():
        assert 4 <= len(fs) <= 6, (name, len(fs))
        assert all(f.anchor in vc.SECTIONS for f in fs)
    assert any("Norge blir da nr. 2 for silisium" in t for t in texts["kina-bortfall"])
    # a scenario always makes it into the six, however many other findings there are
    params = {**_set_params()["prosessindustri"], "disrupted_country": "CHN"}
    many = vc.findings(params)
    assert len(many) == 6 and any(f.anchor == "scenario" for f in many)
    for name, p in _set_params().items():
        if p["disrupted_country"]:
            assert any(f.anchor == "scenario" for f in found[name]), name


def test_selection_gaps_tell_materials_outside_from_materials_without_data():
    # energy (processing): graphite is in the selection, it only lacks processing figures
    selected = vc.materials_of("energy")
    outside, no_data = vc.selection_gaps(selected, "processing")
    assert "graphite" in selected and "graphite" not in outside and "graphite" in no_data
    assert set(outside) == set(vc.material_ids()) - set(selected)
    assert len(outside) + len(selected) == len(vc.material_ids())


def test_findings_count_only_materials_outside_the_selection():
    for name, p in _set_params().items():
        if p["value_chain"] == "alle":
            continue
        selected = vc.resolve_materials(p["value_chain"], p["materials"])
        outside = [vc.label(m) for m in vc.material_ids() if m not in selected]
        text = next(f.text for f in vc.findings(p) if "ikke med i dette utvalget" in f.text)
        assert text.startswith(f"{len(outside)} av dokumentets materialer"), (name, text)
        named = text.split("blant dem ")[1].split(".")[0]
        # every material named as left out is really outside the selection
        for material in [vc.label(m) for m in selected]:
            assert material not in named.replace(" og ", ", ").split(", "), (name, material)


@needs_external
def test_norway_world_finding_names_its_source_and_follows_the_sets_stage():
    from helpers.core.formatting import fmt_number

    for name, p in _set_params().items():
        selected = vc.resolve_materials(p["value_chain"], p["materials"])
        text = next(f.text for f in vc.findings(p)
                    if f.text.startswith(("Norges største andel av verdensforsyningen",
                                          "I leddet")))
        assert "EU-studien fra 2023" in text, (name, text)
        other = {"processing": "extraction", "extraction": "processing"}[p["stage"]]
        stage_no, other_no = vc.STAGE_NO[p["stage"]], vc.STAGE_NO[other]
        if f"leddet {other_no}" in text:  # the other stage only when said so
            assert text.startswith(f"I leddet {stage_no} har Norge ingen andel"), (name, text)
        else:
            assert f"leddet {stage_no}" in text, (name, text)
        # USGS' figure beside it is the one the report's Norway table shows
        nor = vc.norway_shares(selected, p["year"])
        usgs = nor[nor["stage"] == p["stage"]].dropna(subset=["usgs"])
        if "USGS" in text:
            assert any(f"{fmt_number(v, 1, percent=True)} av {vc.label(m)}" in text
                       for m, v in zip(usgs["material"], usgs["usgs"], strict=True)), text
