"""Ripple-effect ratios (process_industry.ripple).

Expected values are worked out by hand from document 003 (Prosess21, status report 2024),
not read back from the helper."""

from __future__ import annotations

import pytest

from helpers.themes import process_industry as pi

# --------------------------------------------------------------------------- ripple, checks


def test_ripple_multipliers_are_ratios_of_stated_figures():
    r = pi.ripple_multipliers().set_index("størrelse")
    assert r.loc["verdiskaping", "multiplikator"] == pytest.approx(168 / 68)   # l. 1073, 1081
    assert r.loc["sysselsetting", "multiplikator"] == pytest.approx(94000 / 22000)
    assert r.loc["verdiskaping", "indirekte og avledet"] == 100


