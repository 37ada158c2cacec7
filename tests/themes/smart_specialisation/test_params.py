"""Parameters of the smart-specialisation report: the declaration in reports.yaml, the
notebook's parameters cell, and the combinations the validator refuses."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from helpers.pipeline.config import load_config
from helpers.pipeline.params import ParameterError
from helpers.themes import smart_specialisation as ss

ROOT = Path(__file__).resolve().parents[3]


def _block() -> dict:
    return yaml.safe_load((ROOT / "reports.yaml").read_text(encoding="utf-8"))[
        "notebooks"]["smart_specialisation"]


def _defaults() -> dict:
    return {k: v["default"] for k, v in _block()["parameters"].items()}


def test_defaults_are_valid_and_the_notebook_cell_matches_them():
    ss.validate_parameters(_defaults())
    nb = json.loads((ROOT / _block()["path"]).read_text(encoding="utf-8"))
    cell = next(c for c in nb["cells"] if "parameters" in c["metadata"].get("tags", []))
    ns: dict = {}
    exec("".join(cell["source"]), ns)  # the parameters cell holds literals only
    assert {k: ns[k] for k in _defaults()} == _defaults()
    assert all(not c.get("outputs") for c in nb["cells"] if c["cell_type"] == "code")


def test_every_parameter_has_a_reader_label_and_the_title_names_the_county():
    block = _block()
    assert all(spec.get("label") for spec in block["parameters"].values())
    nb = load_config(ROOT / "reports.yaml").notebook("smart_specialisation")
    titles = {nb.title_for(nb.params_for(s)) for s in nb.sets}
    assert len(titles) == len(nb.sets)
    assert any("Telemark" in t for t in titles) and any("Viken" in t for t in titles)
    assert {"akershus", "buskerud", "ostfold", "viken", "vestfold", "telemark"} <= set(nb.sets)


@pytest.mark.parametrize("change, words", [
    ({"county": "Telemark", "reference": "Telemark"}, "itself"),
    ({"start_year": 2019, "year": 2019}, "start_year"),
    ({"weight_growth": 0.0, "weight_productivity": 0.0, "weight_productivity_growth": 0.0},
     "all zero"),
])
def test_impossible_combinations_are_rejected(change, words):
    with pytest.raises(ValueError, match=words):
        ss.validate_parameters({**_defaults(), **change})


@pytest.mark.parametrize("change, words", [
    ({"county": "Vikenland"}, "county"),
    ({"reference": "sverige"}, "reference"),
    ({"focus_area": "turisme"}, "focus_area"),
    ({"weight_growth": -0.1}, "weight_growth"),
    ({"year": 2021}, "year"),
])
def test_single_values_are_checked_by_the_declaration(change, words):
    declaration = load_config(ROOT / "reports.yaml").notebook("smart_specialisation").declaration
    with pytest.raises(ParameterError, match=words):
        declaration.resolve(change)


def test_configured_sets_differ_in_their_findings():
    import os

    if not os.environ.get("INDUSTRIRAPPORTER_EXTERNAL_DIR"):
        pytest.skip("$INDUSTRIRAPPORTER_EXTERNAL_DIR is unset: the county accounts are needed")
    nb = load_config(ROOT / "reports.yaml").notebook("smart_specialisation")
    texts = {s: tuple(f.text for f in ss.findings(nb.params_for(s))) for s in nb.sets}
    assert len(set(texts.values())) == len(texts)
    for s, found in texts.items():
        assert 4 <= len(found) <= 6, s
