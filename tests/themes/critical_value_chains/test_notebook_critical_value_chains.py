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
    # the report says in words which sections lack which data, with no command or path
    assert "Denne utgaven er laget uten" in text
    assert "«Forsyningskonsentrasjon» mangler USGS" in text
    assert "python -m" not in text and "data/external" not in text
    assert external.EXTERNAL_DIR_ENV not in text
    assert "Hovedfunn" in text
    # document-based sections are there, with the classification
    assert "Definisjoner i dokumentet" in text and "Rammeverk som dokumentet" in text
    assert "wolfram" in text and "titan" in text
    assert "Materialenes status i rapporten" in text
    assert "Tall i dokumentet som ikke kan kontrolleres" in text
    # the sections that need data say so instead of showing numbers
    assert "Største produsentland og HHI" not in text
    assert "Bortfall av" not in text
    assert text.count("som ikke var tilgjengelig da rapporten ble laget") >= 4


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
    assert "Styringsvektet konsentrasjon og delvis forsyningsrisiko" in text
    assert "øvre grense (vår" not in text
    assert "Alle oppføringer for Norge i EU-studien 2023" in text
    assert "Bortfall av Kina" in text and "Bortfall av China" not in text
    assert "gjenværende leverandører" in text
    assert "Hovedfunn" in text and '#scenario' in text
    assert "Kilde: " in text and "USGS Mineral Commodity Summaries 2025" in text
    assert "<svg" in text  # the charts are embedded


def test_impossible_parameters_are_refused_before_execution(tmp_path):
    with pytest.raises(ConfigError, match="names no material for value_chain 'hydrogen'"):
        run_report(NOTEBOOK, {"value_chain": "hydrogen"}, tmp_path / "out", formats=("html",))
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").glob("*.ipynb"))


def _sets() -> dict:
    import yaml

    root = Path(__file__).resolve().parents[3]
    cfg = yaml.safe_load((root / "reports.yaml").read_text(encoding="utf-8"))
    return cfg["notebooks"]["critical_value_chains"]["sets"]


@pytest.mark.skipif(
    not EXTERNAL or not Path(EXTERNAL).is_dir(),
    reason=f"${external.EXTERNAL_DIR_ENV} is unset or absent: the external datasets are needed",
)
def test_every_configured_set_builds_and_their_findings_differ(tmp_path):
    import re

    found = {}
    for name, overrides in _sets().items():
        result = run_report(NOTEBOOK, overrides, tmp_path / name, formats=("html",))
        assert result.status == "built", (name, result.error)
        text = executed_outputs(result)
        box = re.search(r"<h2>Hovedfunn</h2>(.*?)</section>", text, flags=re.S)
        assert box, name
        found[name] = box.group(1)
    assert len(set(found.values())) == len(found), "two sets have the same Hovedfunn"
    assert "Uten Kina" in found["kina-bortfall"] and "Uten Russland" in found["russland-bortfall"]
    assert "titanmalm (23" in found["forsvar"]
