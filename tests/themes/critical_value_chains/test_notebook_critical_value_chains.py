"""The critical-value-chains notebook builds through the pipeline without the external data
(document-based sections and a callout saying what is missing) and with them (read from
``$INDUSTRIRAPPORTER_EXTERNAL_DIR``), and impossible parameters are refused before execution."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from notebook_outputs import executed_outputs

from helpers.pipeline.build import run_report
from helpers.pipeline.config import ConfigError
from helpers.sources import external

NOTEBOOK = "critical_value_chains"
EXTERNAL = os.environ.get(external.EXTERNAL_DIR_ENV, "")




def test_builds_without_external_data(tmp_path, monkeypatch):
    empty = tmp_path / "no-external"
    empty.mkdir()
    monkeypatch.setenv(external.EXTERNAL_DIR_ENV, str(empty))
    monkeypatch.setenv(external.EXTERNAL_STORE_ENV, str(empty))  # ignore any downloads
    result = run_report(NOTEBOOK, {"value_chain": "defence", "disrupted_country": "CHN"},
                        tmp_path / "out", formats=("html",))
    assert result.status == "built", result.error
    text = executed_outputs(result)
    # the callout at the top names the sections, the data and the command
    assert "Eksterne datasett mangler" in text
    assert "python -m helpers data fetch" in text
    assert "avsnitt 3 (USGS 2025" in text and "USGS Mineral Commodity Summaries 2025" in text
    # document-based sections are there
    assert "Definisjoner i dokument 004" in text and "Rammeverk som dokument 004" in text
    assert "wolfram" in text and "titan" in text
    assert "Tall i dokument 004 som ikke kan kontrolleres" in text
    # the sections that need data are left out
    assert "Største produsentland og HHI" not in text
    assert "Bortfall av" not in text


@pytest.mark.skipif(
    not EXTERNAL or not Path(EXTERNAL).is_dir(),
    reason=f"${external.EXTERNAL_DIR_ENV} is unset or absent: the external datasets are needed",
)
def test_builds_with_external_data_and_scenario(tmp_path):
    result = run_report(NOTEBOOK, {"value_chain": "process_industry", "disrupted_country": "CHN"},
                        tmp_path / "out", formats=("html",))
    assert result.status == "built", result.error
    text = executed_outputs(result)
    assert "Eksterne datasett mangler" not in text
    assert "Største produsentland og HHI" in text
    assert "Styringsvektet HHI" in text and "delvis indikator" in text
    assert "Delvis forsyningsrisiko (vår beregning, øvre grense)" in text
    assert "Norges andel av verdensproduksjon og av EUs forsyning" in text
    assert "Bortfall av Kina" in text and "Bortfall av China" not in text
    assert "Bortfall av Kina: HHI før og etter og berørte verdikjeder" in text
    assert "Kilde: " in text and "USGS Mineral Commodity Summaries 2025" in text
    assert "<svg" in text  # the charts are embedded


def test_impossible_parameters_are_refused_before_execution(tmp_path):
    with pytest.raises(ConfigError, match="names no material for value_chain 'hydrogen'"):
        run_report(NOTEBOOK, {"value_chain": "hydrogen"}, tmp_path / "out", formats=("html",))
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").glob("*.ipynb"))
