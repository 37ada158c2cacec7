"""The process-industry notebook runs through the pipeline for every configured parameter set
and for edge parameters; impossible parameters are refused before any kernel starts."""

from __future__ import annotations

from pathlib import Path

import pytest
from notebook_outputs import executed_outputs

from helpers.core.formatting import fmt_number
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
    full = {**_collection().notebook(NOTEBOOK).declaration.defaults(), **params}
    return pi.emission_plan(pi.emission_series(full["emission_source"]), full["base_year"],
                            full["target_year"], full["target_cut"])


def test_parameters_cell_matches_declaration():
    nb = _collection().notebook(NOTEBOOK)
    assert notebook_defaults(nb.path) == nb.declaration.defaults()
    assert set(nb.sets) >= {"standard", "mal-2035", "eur"}


@pytest.mark.parametrize("set_name", list(_collection().notebook(NOTEBOOK).sets))
def test_notebook_runs_for_each_set(set_name, tmp_path):
    params = _collection().notebook(NOTEBOOK).sets[set_name]
    text = _run(params, tmp_path)
    plan = _plan(params)
    assert f"<td>{fmt_number(plan.target, 2)}</td>" in text      # the plan table
    assert "Hva dataene støtter" in text and "Hva tallene sier" in text   # sections 7 and 2
    assert "Kraftintensiv industris andel av industriens kraftforbruk" in text   # label_nb
    assert "Tall i dokumentet kontrollert mot beregninger" in text
    assert "Datasett brukt i rapporten" in text
    assert "stemmer ikke" in text                      # the document's own 19,6 vs 43,3 %
    currency = params.get("currency", "NOK")
    assert f"mrd. {currency}" in text
    doc_base, doc_cut, doc_year = pi.document_target()
    user_scenario = (plan.base_year, plan.target_year, plan.cut) != (doc_base, doc_year, doc_cut)
    assert ("Brukerscenario" in text) == user_scenario


def test_edge_target_year_is_latest_data_year(tmp_path):
    text = _run({"target_year": 2023}, tmp_path)
    assert "Ingen nødvendig årlig endring" in text
    assert "målåret er lik siste år med data" in text


def test_edge_cut_zero_with_one_branch(tmp_path):
    text = _run({"target_cut": 0.0, "branch": "metaller", "currency": "EUR"}, tmp_path)
    assert "allerede nådd" in text
    assert "Metallindustri (i alt)" in text
    assert "Gummi, plast, mineralsk industri mv." not in text
    assert "72-83 Uedle metaller" in text and "25-27 Mineralske produkter" not in text


def test_edge_total_cut_on_ssb_series(tmp_path):
    text = _run({"target_cut": 1.0, "emission_source": "ssb", "base_year": 2016,
                 "branch": "treforedling"}, tmp_path)
    assert "fast årlig prosentvis endring" in text
    assert "serie «ssb»" in text
    assert "Blandede versjoner" in text                 # 2016 (AR4) against 2023 (AR5)


@pytest.mark.parametrize(
    ("params", "message"),
    [({"target_year": 2020}, "before the last observation"),
     ({"target_cut": 1.5}, "target_cut"),
     ({"base_year": 2005}, "has no emission level")],
)
def test_impossible_parameters_are_refused_before_execution(params, message, tmp_path):
    with pytest.raises(ConfigError, match=message):
        run_report(NOTEBOOK, params, tmp_path, formats=("html",))
    assert not list(tmp_path.glob("*.ipynb"))
