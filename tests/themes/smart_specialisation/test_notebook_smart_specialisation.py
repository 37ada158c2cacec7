"""The smart-specialisation notebook runs through the pipeline for every configured set and
for a county the document never mentions; the sets differ in their findings; bad parameters are
refused before any kernel starts."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from notebook_outputs import executed_outputs

from helpers.pipeline.build import run_report
from helpers.pipeline.config import ConfigError, load_config

NOTEBOOK = "smart_specialisation"
ROOT = Path(__file__).resolve().parents[3]
EXTERNAL = os.environ.get("INDUSTRIRAPPORTER_EXTERNAL_DIR", "")
pytestmark = pytest.mark.skipif(
    not EXTERNAL or not (Path(EXTERNAL) / "ssb_11713").is_dir(),
    reason="$INDUSTRIRAPPORTER_EXTERNAL_DIR is unset or lacks ssb_11713 (SSB table 11713)")


def _findings(text: str) -> str:
    """The Hovedfunn box's text."""
    match = re.search(r"Hovedfunn(.*?)</section>", text, re.S)
    assert match, "the report has no Hovedfunn box"
    return match.group(1)


SETS = load_config(ROOT / "reports.yaml").notebook(NOTEBOOK).sets


@pytest.mark.parametrize("set_name", list(SETS))
def test_every_configured_set_builds(set_name, tmp_path):
    nb = load_config(ROOT / "reports.yaml").notebook(NOTEBOOK)
    params = nb.params_for(set_name)
    result = run_report(NOTEBOOK, SETS[set_name], tmp_path / set_name, formats=("html",))
    assert result.status == "built", f"{set_name}: {result.error}"
    text = executed_outputs(result)
    assert params["county"] in _findings(text)
    assert "Lokaliseringskvotient" in text or "lokaliseringskvotient" in text
    assert "ssb_11713" not in text and "lq_va" not in text


def test_a_county_the_document_never_mentions(tmp_path):
    params = {"county": "Finnmark", "reference": "landet", "start_year": 2012, "threshold": 2.0}
    result = run_report(NOTEBOOK, params, tmp_path / "out", formats=("html",))
    assert result.status == "built", result.error
    text = executed_outputs(result)
    assert "Dokumentet oppgir ingen tall for Finnmark" in text
    assert "hele landet (med sokkelen)" in text
    assert "Kandidatområdene i dokumentet" not in text  # Viken's material stays out


@pytest.mark.parametrize("params, words", [
    ({"county": "Narnia"}, "Narnia"),
    ({"county": "Viken", "reference": "Viken"}, "itself"),
])
def test_bad_parameters_are_refused_before_execution(params, words, tmp_path):
    with pytest.raises(ConfigError, match=words):
        run_report(NOTEBOOK, params, tmp_path / "out", formats=("html",))
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").glob("*.ipynb"))
