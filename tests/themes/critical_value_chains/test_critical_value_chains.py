"""helpers.themes.critical_value_chains: document data consistency, the parameter validator,
document checks, and (with the external data) the supply assembly."""

from __future__ import annotations

import pandas as pd
import pytest
import yaml
from statistics_support import needs_external as needs_external_dir

from helpers import checks
from helpers.core import countries, data
from helpers.pipeline.config import load_config
from helpers.pipeline.params import ParameterError
from helpers.themes import critical_value_chains as vc

ROOT = data.project_root()
SEED = ROOT.parent / "shared" / "seeds" / "004_23b85e7916bcd229.txt"
DATASETS = ["value_chains_chains", "value_chains_materials", "value_chains_links",
            "value_chains_countries", "value_chains_concepts", "value_chains_steps",
            "value_chains_material_keys", "value_chains_crma_map", "value_chains_eu_names",
            "value_chains_sitc_map", "value_chains_document_sections"]


def _ranges(lines: str) -> list[tuple[int, int]]:
    out = []
    for part in str(lines).split(";"):
        a, _, b = part.strip().partition("-")
        out.append((int(a), int(b or a)))
    return out


@pytest.mark.parametrize("name", DATASETS)
def test_dataset_loads_with_provenance(name):
    frame = data.load(name)
    assert len(frame) > 0
    src = data.sources(name)
    assert src["citation"] and src["sources"]


@pytest.mark.skipif(not SEED.is_file(), reason=f"seed text {SEED} is absent")
def test_line_references_lie_in_the_document():
    n_lines = len(SEED.read_text(encoding="utf-8").splitlines())
    for name in DATASETS:
        frame = data.load(name)
        for col in ("lines", "role_lines"):
            if col not in frame:
                continue
            for cell in frame[col].dropna():
                if cell:
                    for a, b in _ranges(cell):
                        assert 1 <= a <= b <= n_lines, (name, col, cell)


@pytest.mark.skipif(not SEED.is_file(), reason=f"seed text {SEED} is absent")
def test_document_sections_start_at_their_headings_and_cover_the_text():
    text = SEED.read_text(encoding="utf-8").splitlines()
    sections = data.load("value_chains_document_sections")
    for row in sections.iloc[1:].itertuples():
        assert text[row.start - 1].strip() == row.heading
    assert (sections["start"].iloc[1:].to_numpy() == sections["end"].iloc[:-1].to_numpy() + 1).all()
    assert sections["end"].iloc[-1] == len(text)
    assert vc.document_section("201-203") == "«Norges posisjon»"


@pytest.mark.skipif(not SEED.is_file(), reason=f"seed text {SEED} is absent")
def test_material_and_chain_terms_stand_at_their_lines():
    """The Norwegian term (first word of label_no) is in the text at the lines cited."""
    text = SEED.read_text(encoding="utf-8").splitlines()
    for name, key in (("value_chains_materials", "material"), ("value_chains_chains", "chain")):
        for row in data.load(name).itertuples(index=False):
            word = row.label_no.split()[-1 if key == "material" else 0][:6].lower()
            first = _ranges(row.lines)[0]
            span = " ".join(text[first[0] - 1:first[1]]).lower()
            assert word in span, (name, getattr(row, key), word, row.lines)


def test_links_refer_to_known_chains_and_materials_and_every_material_is_linked():
    links = vc.links()
    assert set(links["chain"]) <= set(vc.chain_ids())
    assert set(links["material"]) == set(vc.material_ids())
    assert (links.loc[links["basis"] == "document", "lines"].fillna("") != "").all()


def test_crma_list_counts():
    lists = data.load("eu_crma_annex_lists")
    counts = lists["measure"].value_counts()
    assert counts["critical_raw_material"] == 34
    assert counts["strategic_raw_material"] == 17


def test_materials_of_chain():
    assert vc.materials_of("fertiliser") == ["phosphate"]
    assert vc.materials_of("hydrogen") == []
    assert vc.materials_of("alle") == vc.material_ids()
    assert {"titanium", "tungsten", "aluminium"} <= set(vc.materials_of("defence"))


def _defaults() -> dict:
    cfg = yaml.safe_load((ROOT / "reports.yaml").read_text(encoding="utf-8"))
    block = cfg["notebooks"]["critical_value_chains"]
    return {k: v["default"] for k, v in block["parameters"].items()}, block["sets"]


def test_configured_sets_pass_the_validator():
    defaults, sets = _defaults()
    assert set(sets) == {"alle", "prosessindustri", "forsvar", "energi", "kina-bortfall",
                         "russland-bortfall"}
    for overrides in sets.values():
        vc.validate_parameters({**defaults, **overrides})


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"value_chain": "hydrogen"}, "names no material for value_chain 'hydrogen'"),
        ({"value_chain": "fertiliser", "stage": "processing"}, "choose stage 'extraction'"),
        ({"concentration_threshold": 0}, "concentration_threshold"),
        ({"disrupted_country": "Atlantis"}, "disrupted_country 'Atlantis'"),
    ],
)
def test_validator_rejects_impossible_combinations(overrides, message):
    defaults, _ = _defaults()
    with pytest.raises(ValueError, match="critical_value_chains") as err:
        vc.validate_parameters({**defaults, **overrides})
    assert message in str(err.value)


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"value_chain": "spaceships"}, "'value_chain': value 'spaceships'"),
        ({"materials": ["unobtainium"]}, "contains 'unobtainium' which is not allowed"),
        ({"stage": "recycling"}, "'stage': value 'recycling'"),
        ({"year": 2019}, "'year': value 2019"),
    ],
)
def test_declaration_rejects_single_values(overrides, message):
    """Single values are declared in reports.yaml (the validator checks combinations only)."""
    with pytest.raises(ParameterError, match="critical_value_chains") as err:
        _declaration().resolve(overrides)
    assert message in str(err.value)


def test_declared_values_are_those_of_the_data():
    specs = _declaration().specs
    assert list(specs["value_chain"].allowed) == [vc.ALL_CHAINS, *vc.chain_ids()]
    assert list(specs["materials"].allowed) == vc.material_ids()
    assert list(specs["stage"].allowed) == list(vc.STAGES)
    assert specs["disrupted_country"].nullable and specs["disrupted_country"].default is None


def _declaration():
    return load_config(ROOT / "reports.yaml").notebook('critical_value_chains').declaration


def test_hydrogen_with_explicit_materials_is_accepted():
    defaults, _ = _defaults()
    vc.validate_parameters({**defaults, "value_chain": "hydrogen", "materials": ["nickel"]})


@pytest.mark.parametrize(("value", "code", "name"), [
    ("CHN", "CHN", "Kina"), ("China", "CHN", "Kina"), ("kina", "CHN", "Kina"),
    ("Congo, D.R.", "COD", "DR Kongo"), ("Sør-Afrika", "ZAF", "Sør-Afrika"), (None, None, None),
])
def test_resolve_country(value, code, name):
    got = vc.resolve_country(value)
    assert got == ((code, name) if code else None)


def test_unknown_country_is_a_clear_error():
    with pytest.raises(ValueError, match="not a known country"):
        vc.resolve_country("Atlantis")


def test_country_names_in_norwegian_with_their_basis():
    codes = data.load("country_codes")
    assert codes["name_nb"].notna().all() and codes["name_nb"].is_unique
    # our own labels are few and marked as such; the rest come from the iso-codes translation
    own = set(codes.loc[codes["name_nb_basis"] == "own", "iso3"])
    assert own == {"USA", "RUS", "COD", "XKX"}
    assert countries.country_name_nb("CHN") == "Kina"
    assert countries.country_name_nb("KOR") == "Sør-Korea"  # the common name, not "Korea, Rep."
    assert countries.country_name_nb("XXX") is None


def test_country_name_source_is_cited_in_reader_words():
    # the source line and the appendix show the citation and the publishers: Norwegian words
    # for readers (no package or platform names), still naming ISO 3166 and Debian
    src = data.sources("country_codes")
    shown = [src["citation"], *(s["publisher"] for s in src["sources"])]
    for text in shown:
        assert "iso-codes" not in text and "Weblate" not in text, text
    assert "norske landnavn etter ISO 3166" in src["citation"]
    assert any("Debian" in s["publisher"] and "ISO 3166" in s["publisher"]
               for s in src["sources"])


def test_links_table_has_one_row_per_chain_and_every_link_once():
    selected = vc.material_ids()
    table = vc.links_table(selected, "alle")
    lk = data.load("value_chains_links")
    assert len(table) == lk["chain"].nunique()
    cells = table.drop(columns="verdikjede").to_numpy().ravel()
    listed = sum(len(c.split(", ")) for c in cells if c)
    assert listed == len(lk)
    defence = vc.links_table(selected, "defence")
    assert list(defence["verdikjede"]) == ["forsvar"]
    # only the document links defence to its materials: the other basis columns are left out
    assert list(defence.columns) == ["verdikjede", "ifølge dokumentet"]
    assert "wolfram" in defence.iloc[0, 1] and "l. " not in defence.iloc[0, 1]


def test_coverage_notes_name_the_proxies():
    notes = vc.coverage_notes(["ferroalloys", "silicon"], "processing")
    assert list(notes["materiale"]) == ["ferrolegeringer"]  # silicon is covered as itself
    assert "stedfortreder" in notes.iloc[0, 1]
    keys = data.load("value_chains_material_keys")
    # every English note has its Norwegian counterpart and vice versa
    assert ((keys["note"].fillna("") == "") == (keys["note_no"].fillna("") == "")).all()


def test_checks_display_splits_checked_and_uncheckable():
    results = vc.document_checks()
    done, cannot = vc.checks_display(results)
    assert len(done) + len(cannot) == len(checks.table(results))
    assert list(done.columns) == ["påstand", "oppgitt", "beregnet", "vurdering", "metode"]
    assert "dokument" not in done.columns and "dokument" not in cannot.columns
    assert list(cannot.columns) == ["påstand", "oppgitt", "hvorfor ikke"]
    assert (done["vurdering"] != checks.Verdict.CANNOT_CHECK.label).all()
    # the document's section heading stands in the claim, not line numbers
    assert done["påstand"].str.contains("«").all()
    assert not done["påstand"].str.contains(r"l\. \d").any()
    assert cannot["hvorfor ikke"].str.len().gt(0).all()


def test_plant_facts_are_shown_in_norwegian():
    raw = data.load("norway_plant_facts")
    shown = vc.plant_facts_table()
    # every product and measure of the data has a Norwegian label
    assert set(raw["material"]) <= set(vc.PLANT_PRODUCT_NO)
    assert set(raw["measure"]) <= set(vc.PLANT_MEASURE_NO)
    assert not shown["produkt"].isin(raw["material"]).any()


def test_norway_roles_text_follows_the_data():
    text = vc.norway_roles_text()
    mat = data.load("value_chains_materials")
    for row in mat.itertuples():
        assert (row.label_no in text) == (row.norway_role in ("supplier", "dependant"))
    assert "«Norges posisjon»" in text and "l. " not in text


def test_concentration_display_fits_the_print_width():
    from helpers.pipeline.export_pdf import WIDE_COLUMNS

    conc = pd.DataFrame([{
        "material": "magnesium", "stage": "processing", "source": "USGS", "top_country": "Kina",
        "top_iso3": "CHN", "top_share": 0.9, "second": "Russland 3 %", "third": "–", "hhi": 0.81,
        "above_threshold": True, "notes": "",
    }])
    shown = vc.concentration_display(conc)
    assert len(shown.columns) <= WIDE_COLUMNS  # more would print in the small "wide" layout
    assert shown.loc[0, "største land"] == "Kina\u00a090\u00a0%"  # kept on one line
    assert shown.loc[0, "terskel"] == "over"
    assert shown.loc[0, "merknad"] == "–"


def test_document_checks_cover_the_checkable_figures():
    results = vc.document_checks()
    assert all(isinstance(r, checks.CheckResult) for r in results)
    ids = {fid for r in results for fid in r.figure_ids}  # a range check carries both ends
    stated = set(data.load("stated_figures").query("document == '004'")["id"])
    assert ids <= stated
    # every figure except the years is checked or said to be uncheckable
    years = set(data.load("stated_figures").query("document == '004' and kind == 'year'")["id"])
    assert ids == stated - years
    by = {r.figure_id: r for r in results}
    assert by["004-0123-a"].verdict is checks.Verdict.AGREES
    assert by["004-0081-a"].verdict is checks.Verdict.CANNOT_CHECK


needs_external = needs_external_dir("the external datasets")


@needs_external
def test_supply_assembly_with_external_data():
    selected = vc.resolve_materials("alle", [])
    shares = vc.supply_shares(selected, "processing", 2023)
    conc = vc.concentration_table(shares, 0.65).set_index("material")
    # USGS: China smelts most of the world's magnesium
    assert conc.loc["magnesium", "top_iso3"] == "CHN"
    assert conc.loc["magnesium", "top_country"] == "Kina"  # Norwegian display names
    assert conc.loc["magnesium", "source"] == "USGS"
    assert conc.loc["magnesium", "above_threshold"]
    assert 0 < conc.loc["magnesium", "hhi"] <= 1
    # nickel refining is not in USGS 2025: the EU 2023 shares fill in
    assert conc.loc["nickel", "source"] == "EU 2023"
    # silicon: Norway's share of EU sourcing sits inside the document's 30-40 % range
    results = {r.figure_id: r for r in vc.document_checks()}
    assert results["004-0221-a"].verdict is checks.Verdict.AGREES
    assert results["004-0221-a"].figure_ids == ("004-0221-a", "004-0221-b")
    assert 30 <= results["004-0221-a"].recomputed <= 40


def test_partial_sr_chart_says_what_is_missing_and_claims_no_bound():
    import math

    import matplotlib

    matplotlib.use("Agg")
    gov = pd.DataFrame([
        {"material": "cobalt", "eu_material": "Cobalt", "sr_partial": math.nan,
         "sr_published": 2.8},
        {"material": "rare_earths", "eu_material": "LREEs", "sr_partial": 4.1,
         "sr_published": 3.7},
        {"material": "rare_earths", "eu_material": "HREEs", "sr_partial": 4.1,
         "sr_published": 5.1},
    ])
    assert vc.gov_labels(gov) == ["kobolt", "lette sjeldne jordarter",
                                  "tunge sjeldne jordarter"]
    fig = vc.chart_supply_risk(gov)
    ax = fig.axes[0]
    texts = [t.get_text() for t in ax.texts]
    assert "vår: EU-forsyning mangler" in texts
    assert [t.get_text() for t in ax.get_yticklabels()][-1] == "kobolt"  # first row on top
    legend = " ".join(t.get_text() for t in fig.legends[0].get_texts())
    assert "delvis SR, vår beregning" in legend and "importavhengighet" in legend
    assert "øvre grense" not in legend + " ".join(texts)


def test_scenario_chart_shows_only_materials_that_lose_supply():
    import matplotlib

    matplotlib.use("Agg")
    sc = pd.DataFrame([
        {"material": "magnesium", "lost_share": 0.89, "top_after": "Kasakhstan",
         "top_after_share": 0.23},
        {"material": "silicon", "lost_share": 0.0, "top_after": "Kina", "top_after_share": 0.85},
    ])
    fig = vc.chart_scenario(sc, "Kina")
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["magnesium"]
    assert ax.texts[0].get_text() == "89 %; størst av de gjenværende: Kasakhstan 23 %"
    assert "Kina" in ax.get_xlabel()


def test_document_on_country_quotes_our_summary_with_lines():
    text = vc.document_on_country("CHN")
    assert text.startswith("Dokumentet om Kina (avsnittet «")
    assert "magnesium" in text
    assert vc.document_on_country("AUS") == (
        "Dokumentet nevner ikke Australia blant landene i verdikjedene.")


def _print_sizes(fig) -> list[tuple[str, float]]:
    """(text, size in points on paper) of every visible text of a figure: the stylesheet prints
    a chart at most 174 mm wide and 125 mm high, shrinking it as a whole beyond that."""
    w, h = fig.get_size_inches()
    scale = min(1.0, (174 / 25.4) / w, (125 / 25.4) / h)
    texts = [t for t in fig.findobj(lambda a: hasattr(a, "get_fontsize")
                                    and hasattr(a, "get_text"))
             if t.get_visible() and t.get_text().strip()]
    return [(t.get_text(), t.get_fontsize() * scale) for t in texts]


@needs_external
def test_charts_print_their_labels_at_about_8_pt_and_clear_of_the_threshold():
    import matplotlib

    matplotlib.use("Agg")
    sel = vc.materials_of("alle")  # the most rows any set has
    for stage in ("processing", "extraction"):
        conc = vc.concentration_table(vc.supply_shares(sel, stage, 2023), 0.65)
        fig = vc.chart_concentration(conc, 0.65)
        small = [(t, s) for t, s in _print_sizes(fig) if s < 7.8]
        assert not small, small
        # the threshold line never runs through a bar's label
        ax = fig.axes[0]
        fig.canvas.draw()
        renderer = fig.canvas.get_renderer()
        line = ax.transData.transform((65, 0))[0]
        for t in ax.texts:
            if "HHI" in t.get_text():
                bb = t.get_window_extent(renderer)
                assert not bb.x0 - 1 < line < bb.x1 + 1, t.get_text()
    gov = vc.governance_table(sel)
    shares = vc.supply_shares(sel, "processing", 2023)
    sc = vc.scenario_table(shares, ("CHN", "Kina"), sel)
    for fig in (vc.chart_supply_risk(gov), vc.chart_sr_ei(gov), vc.chart_scenario(sc, "Kina")):
        small = [(t, s) for t, s in _print_sizes(fig) if s < 7.8]
        assert not small, small
