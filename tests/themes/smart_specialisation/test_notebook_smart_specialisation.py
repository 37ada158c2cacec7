"""The smart-specialisation notebook runs through the pipeline for every county, and bad
parameters are refused before any kernel starts."""

from __future__ import annotations

import pytest
from notebook_outputs import executed_outputs, per_output

from helpers.pipeline.build import run_report
from helpers.pipeline.config import ConfigError
from helpers.themes import smart_specialisation as ss

NOTEBOOK = "smart_specialisation"






@pytest.mark.parametrize("county", ss.COUNTIES)
def test_notebook_runs_for_every_county(county, tmp_path):
    result = run_report(NOTEBOOK, {"county": county}, tmp_path / "out", formats=("html",))
    assert result.status == "built", result.error
    text = executed_outputs(result)
    assert "Dokumentkontroller" in text or "Kontroller av dokumentets tall" in text
    assert "Tall som hviler på ikke-offentlige data" in text
    assert f"Balassa-indeks for fastlandseksport, {ss.county_label(county)}" in text
    # the 2024 municipality codes come from KLASS: no gap to explain, no script named
    assert not any("import_klass_municipalities.py" in o for o in per_output(result))
    assert "Balassa index on VA" not in text and "engelske etiketter" not in text
    if county == "Akershus":
        assert "De fem største næringene målt i verdiskaping per kommune" in text
        assert "Data mangler" in text  # no price index in data/
    if county in ("Buskerud", "Østfold"):
        # thinner reports say what is missing instead of filling the gap
        assert "ikke er en del av dette prosjektet" in text
        assert "De fem største næringene målt i verdiskaping per kommune" not in text


def test_focus_area_and_reference_change_the_report(tmp_path):
    params = {"county": "Østfold", "balassa_reference": "viken", "focus_area": "bioøkonomi",
              "weight_growth": 1.0, "weight_productivity": 0.0}
    result = run_report(NOTEBOOK, params, tmp_path / "out", formats=("html",))
    assert result.status == "built", result.error
    text = executed_outputs(result)
    assert "Østfold mot Viken (Østfold + Akershus + Buskerud)" in text
    assert "Bioøkonomi: fortrinn, nisjer, barrierer og tiltak" in text
    assert "Helseindustri: fortrinn, nisjer, barrierer og tiltak" not in text
    # the weights reach the reconstruction: its note states the normalised weights
    assert "Normaliserte vekter: vekst 1,00, produktivitet 0,00" in text


@pytest.mark.parametrize("params, words", [
    ({"county": "Telemark"}, "Telemark"),
    ({"county": "Viken", "balassa_reference": "viken"}, "itself"),
])
def test_bad_parameters_are_refused_before_execution(params, words, tmp_path):
    with pytest.raises(ConfigError, match=words):
        run_report(NOTEBOOK, params, tmp_path / "out", formats=("html",))
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").glob("*.ipynb"))
