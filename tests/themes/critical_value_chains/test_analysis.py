"""One parameter set's tables computed once: the findings and the sections read the same
tables, and a table the report never shows is never computed."""

from __future__ import annotations

import pytest
from statistics_support import needs_external as needs_external_dir

from helpers.themes import critical_value_chains as vc
from helpers.themes.critical_value_chains import analysis as an

needs_external = needs_external_dir("the USGS and EU 2023 files")

SCENARIO = {"value_chain": "alle", "materials": [], "stage": "processing",
            "concentration_threshold": 0.65, "disrupted_country": "CHN", "year": 2023}


@pytest.fixture
def counted(monkeypatch):
    """How often each table function the analysis wraps was called."""
    calls: dict[str, int] = {}
    for name in ("classify", "supply_shares", "concentration_table", "governance_table",
                 "norway_eu_rows", "norway_shares", "scenario_table"):
        real = getattr(an, name)

        def wrapper(*args, _real=real, _name=name, **kwargs):
            calls[_name] = calls.get(_name, 0) + 1
            return _real(*args, **kwargs)

        monkeypatch.setattr(an, name, wrapper)
    return calls


@needs_external
def test_findings_compute_each_table_once_and_the_sections_reuse_it(counted):
    a = vc.Analysis(SCENARIO)
    texts = [f.text for f in vc.findings(a)]
    computed = dict(counted)
    assert computed == {name: 1 for name in computed}  # nothing twice inside the findings
    assert {"classify", "supply_shares", "scenario_table"} <= computed.keys()
    # the sections read the same objects: no further computation
    assert a.scenario is a.scenario and a.concentration is a.concentration
    _ = (a.governance, a.norway, a.norway_eu)  # read as the sections read them
    assert all(n == 1 for n in counted.values())
    # same findings as from the parameters alone
    assert texts == [f.text for f in vc.findings(dict(SCENARIO))]


def test_a_set_without_a_country_never_computes_the_scenario(counted):
    a = vc.Analysis({**SCENARIO, "disrupted_country": None})
    assert a.country is None and a.scenario is None
    assert "scenario_table" not in counted


@needs_external
def test_governance_table_uses_the_classification_it_is_given():
    selected = vc.materials_of("alle")[:4]
    status = {m: f"status {i}" for i, m in enumerate(selected)}
    gov = vc.governance_table(selected, status=status)
    assert set(gov["status"]) <= set(status.values())
    table = vc.materials_table(selected, status)
    assert list(table["status i rapporten"]) == list(status.values())
