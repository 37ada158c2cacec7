"""Scope and employment (process_industry.profile, common.stated_table).

Expected values are worked out by hand from document 003 (Prosess21, status report 2024),
not read back from the helper."""

from __future__ import annotations

import pytest

from helpers.themes import process_industry as pi

# --------------------------------------------------------------------------- report tables


def test_stated_table_shows_norwegian_numbers_and_units():
    # l. 324 prints "24,000" (English separator), l. 1081 "94.000" FTE, l. 883 "9.9" Mt
    t = pi.stated_table(["003-0324-a", "003-1081-b", "003-0883-b", "003-0682-a"])
    assert list(t.columns) == ["hva", "oppgitt", "periode"]
    assert t["oppgitt"].tolist() == ["24\u202f000 personer", "94\u202f000 årsverk",
                                     "9,9 mill. tonn CO\u2082-ekv.", "39,6 TWh"]
    assert t["periode"].iloc[0] == "2019\u20132023"
    assert t["hva"].iloc[0] == "Sysselsatte i prosessindustrien, nedre grense"


def test_employment_summary_hand_worked():
    # l. 324: 24,000-25,000; l. 1073: 22.000 direct in the power-processing industry (2022)
    e = pi.employment_summary()
    assert (e["low"], e["high"], e["mid"]) == (24000, 25000, 24500)
    assert e["half_range_pct"] == pytest.approx(100 * 500 / 24500)
    assert (e["gap_low"], e["gap_high"]) == (2000, 3000)
    assert e["power_year"] == "2022" and e["power_lines"] == "1073"


def test_amounts_never_print_as_zero():
    assert pi.amount(0.02) == "under 0,1"
    assert pi.amount(-0.02) == "under 0,1"
    assert pi.amount(0.05) == "0,1"
    assert pi.amount(0.0) == "0,0"
    assert pi.amount(float("nan")) == "–"
    assert pi.amount(1234.56, 0) == "1\u202f235"
