"""Parameter validation and the branch parameter (process_industry.params).

Expected values are worked out by hand from document 003 (Prosess21, status report 2024),
not read back from the helper."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers.pipeline.config import load_config
from helpers.pipeline.params import ParameterError
from helpers.themes import process_industry as pi

ROOT = Path(__file__).resolve().parents[3]
SEED = ROOT.parent / "shared" / "seeds" / "003_a7f0a07a0cfd3d0f.txt"



# --------------------------------------------------------------------------- parameters

BASE = {"base_year": 1990, "target_year": 2030, "target_cut": 0.55, "currency": "NOK",
        "branch": "alle", "emission_source": "ssb", "rate_from": 1990, "rate_to": None,
        "compare_2005": True}
DOC = {**BASE, "emission_source": "dokument"}


def test_validator_accepts_configured_and_edge_parameters():
    pi.validate_parameters(BASE)
    pi.validate_parameters({**DOC, "target_year": 2023, "target_cut": 0})
    pi.validate_parameters({**BASE, "target_year": 2035, "target_cut": 0.7, "currency": "EUR"})
    pi.validate_parameters({**DOC, "rate_from": 1990, "rate_to": 2023})


@pytest.mark.skipif(not pi.ssb_series_available(), reason="SSB table 13931 cannot be read here")
def test_validator_on_ssb_series_accepts_any_year_and_rejects_bad_windows():
    pi.validate_parameters({**BASE, "base_year": 2005, "rate_from": 2023, "rate_to": 2024})
    with pytest.raises(ValueError, match="'rate_to' = 2010 must come after 'rate_from' = 2010"):
        pi.validate_parameters({**BASE, "rate_from": 2010, "rate_to": 2010})
    with pytest.raises(ValueError, match="before the last observation \\(2024\\)"):
        pi.validate_parameters({**BASE, "target_year": 2023})


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"target_year": 2020}, "'target_year' = 2020 is before the last observation \\(2023\\)"),
        ({"base_year": 2005}, "'base_year' = 2005 has no emission level"),
        ({"base_year": 2023}, "'base_year' = 2023"),
    ],
)
def test_validator_rejects_with_clear_message(change, message):
    with pytest.raises(ValueError, match=message) as info:
        pi.validate_parameters({**DOC, **change})
    assert "process_industry" in str(info.value)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"target_cut": 1.5}, "'target_cut': value 1.5 is above the maximum 1"),
        ({"target_cut": -0.1}, "'target_cut': value -0.1 is below the minimum 0"),
        ({"currency": "USD"}, "'currency': value 'USD' is not an allowed value"),
        ({"branch": "fisk"}, "'branch': value 'fisk' is not an allowed value"),
        ({"emission_source": "eu"}, "'emission_source': value 'eu' is not an allowed value"),
        ({"target_year": "2030"}, "'target_year': value '2030' has the wrong type"),
    ],
)
def test_declaration_rejects_single_values_with_clear_message(change, message):
    """Single values are declared in reports.yaml (the validator checks combinations only)."""
    with pytest.raises(ParameterError) as info:
        _declaration().resolve(change)
    assert message in str(info.value) and "process_industry" in str(info.value)


def test_declared_values_are_those_the_module_knows():
    specs = _declaration().specs
    assert pi.allowed("branch") == tuple(specs["branch"].allowed)
    assert pi.branch_label("metaller") == specs["branch"].reader_value("metaller")
    with pytest.raises(ValueError, match="'branch' must be one of"):
        pi.branch_label("fisk")
    assert _declaration().defaults() == BASE


def _declaration():
    return load_config(ROOT / "reports.yaml").notebook("process_industry").declaration


@pytest.mark.parametrize("branch", list(pi.allowed("branch")))
def test_every_branch_gives_tables(branch):
    keep = pi.branch_rows(branch, pi.EXPORTS)
    ex = pi.export_table("EUR", branch)
    assert len(ex) == (21 if keep is None else len(keep) + 1)
    energy = pi.energy_display(branch)
    assert energy["næring (kode)"].iloc[0].startswith("12.1 ")
    inv_keep = pi.branch_rows(branch, pi.INVESTMENTS)
    if inv_keep:
        assert len(pi.investment_table(branch=branch)) == len(inv_keep)
        assert len(pi.investment_growth(branch=branch)) == len(inv_keep)


