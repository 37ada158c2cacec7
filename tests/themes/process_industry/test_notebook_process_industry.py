"""The process-industry notebook runs through the pipeline for every configured parameter set
and for edge parameters; impossible parameters are refused before any kernel starts."""

from __future__ import annotations

import html
from pathlib import Path

import pytest
from notebook_outputs import executed_outputs

from helpers.core.formatting import fmt_number, money_unit
from helpers.pipeline.build import run_report
from helpers.pipeline.config import ConfigError, load_config, notebook_defaults
from helpers.themes import process_industry as pi

NOTEBOOK = "process_industry"
ROOT = Path(__file__).resolve().parents[3]


def _collection():
    return load_config(ROOT / "reports.yaml")




def _run(params: dict, tmp_path: Path) -> str:
    result = run_report(NOTEBOOK, params, tmp_path, formats=("html",))
    assert result.status == "built", result.error
    return executed_outputs(result, allow_stderr=False)


def _plan(params: dict) -> pi.EmissionPlan:
    full = _full(params)
    return pi.emission_plan(pi.emission_series(pi.effective_source(full["emission_source"])),
                            full["base_year"], full["target_year"], full["target_cut"])


def _full(params: dict) -> dict:
    return {**_collection().notebook(NOTEBOOK).declaration.defaults(), **params}


def _findings_html(text: str) -> str:
    text = text.replace('\\"', '"')  # outputs are JSON-encoded
    start = text.index('id="hovedfunn"')
    return text[start:text.index("</section>", start)]


def test_parameters_cell_matches_declaration():
    nb = _collection().notebook(NOTEBOOK)
    assert notebook_defaults(nb.path) == nb.declaration.defaults()
    assert set(nb.sets) >= {"standard", "metaller", "kjemi", "mineraler", "treforedling"}


def test_every_configured_set_builds_and_their_findings_differ(tmp_path):
    sets = _collection().notebook(NOTEBOOK).sets
    assert {"metaller", "kjemi", "mineraler", "treforedling"} <= set(sets)
    shown = {}
    for set_name, params in sets.items():
        text = _run(params, tmp_path / set_name)
        plan = _plan(params)
        assert f"<td>{fmt_number(plan.target, 2)}</td>" in text      # the plan table
        assert "Tall i dokumentet kontrollert mot beregninger" in text
        assert "Tabell 1." in text and "Figur 1." in text            # numbered
        currency = params.get("currency", "NOK")
        assert money_unit(currency) in text
        assert "mrd. NOK" not in text  # kroner are "kr" to readers
        doc_base, doc_cut, doc_year = pi.document_target()
        user = (plan.base_year, plan.target_year, plan.cut) != (doc_base, doc_year, doc_cut)
        assert ("Brukerscenario" in text) == user
        findings = _findings_html(text)
        assert 4 <= findings.count("<li>") <= 6
        shown[set_name] = findings
    # every set's findings differ from every other set's in their numbers
    assert len(set(shown.values())) == len(shown), shown
    for name, params in sets.items():
        expected = pi.findings(_full(params))
        assert all(html.escape(f.text) in shown[name] for f in expected)


def test_edge_target_year_is_latest_data_year(tmp_path):
    text = _run({"target_year": 2023, "emission_source": "dokument"}, tmp_path)
    assert "Ingen nødvendig årlig endring" in text
    assert "målåret er lik siste år med data" in text


def test_edge_cut_zero_with_one_branch(tmp_path):
    text = _run({"target_cut": 0.0, "branch": "metaller", "currency": "EUR"}, tmp_path)
    assert "allerede nådd" in text
    assert "Metallindustri (i alt)" in text
    assert "Gummi, plast, mineralsk industri mv." not in text
    assert "72-83 Uedle metaller" in text and "25-27 Mineralske produkter" not in text


def test_edge_total_cut_with_document_levels(tmp_path):
    text = _run({"target_cut": 1.0, "emission_source": "dokument",
                 "branch": "treforedling"}, tmp_path)
    assert "fast årlig prosentvis endring" in text


@pytest.mark.parametrize(
    ("params", "message"),
    [({"target_year": 2020, "emission_source": "dokument"}, "before the last observation"),
     ({"target_cut": 1.5}, "target_cut"),
     ({"base_year": 2005, "emission_source": "dokument"}, "has no emission level")],
)
def test_impossible_parameters_are_refused_before_execution(params, message, tmp_path):
    with pytest.raises(ConfigError, match=message):
        run_report(NOTEBOOK, params, tmp_path, formats=("html",))
    assert not list(tmp_path.glob("*.ipynb"))
