"""The 2023 energy table (process_industry.energy).

Expected values are worked out by hand from document 003 (Prosess21, status report 2024),
not read back from the helper."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from helpers.core import data
from helpers.themes import process_industry as pi

# --------------------------------------------------------------------------- energy


def test_energy_markers_are_kept_apart_from_zero():
    e = data.load(pi.ENERGY).set_index(["row_id", "energy_product"])
    assert e.loc[("12.1.3", "Kull og kullprodukter"), "value_status"] == "."
    assert math.isnan(e.loc[("12.1.3", "Kull og kullprodukter"), "value"])
    assert e.loc[("12.1.6", "Avfall"), "value_status"] == "-"
    assert e.loc[("12.1.6", "Avfall"), "value"] == 0


def test_energy_shares_hand_worked():
    el = pi.electricity_shares()
    assert el["energiintensive_andel_av_el"] == pytest.approx(100 * 36187 / 45647)
    assert el["el_andel_industri"] == pytest.approx(100 * 45647 / 71956)
    mix = pi.energy_mix(rows=["12.1.3"])
    assert mix.loc["12.1.3", "Elektrisitet"] == pytest.approx(100 * 21407 / 22206)
    assert math.isnan(mix.loc["12.1.3", "Kull og kullprodukter"])


def test_energy_totals_check_on_document_table():
    summary = pi.energy_totals_summary(pi.energy_totals_check())
    assert summary["utenfor_avrunding"] == 0
    assert summary["ikke_sammenlignbare"] == 3      # the '.' totals of item 11
    assert summary["største_avvik"] == 3


def test_energy_totals_check_finds_a_wrong_total():
    rows = []
    products = ("Alle energiprodukter", "Elektrisitet", "Naturgass")
    for rid, role, parent, cells in [
        ("T", "total", "", ("30", "20", "10")),
        ("A", "branch", "T", ("10", "10", ".")),
        ("B", "branch", "T", ("25", "15", "10")),
    ]:
        for product, v in zip(products, cells, strict=True):
            rows.append({"row_id": rid, "industry": rid, "row_role": role, "parent": parent,
                         "energy_product": product, "value": v})
    frame = pd.DataFrame(rows)
    frame["value_status"] = frame["value"].where(frame["value"] == ".", "")
    frame["value"] = pd.to_numeric(frame["value"], errors="coerce")
    chk = pi.energy_totals_check(frame).set_index(["kontroll", "rad", "energiprodukt"])
    # column: 10 + 25 = 35 against 30; electricity 10 + 15 = 25 against 20
    assert chk.loc[("kolonne", "T", "Alle energiprodukter"), "differanse"] == 5
    assert chk.loc[("kolonne", "T", "Elektrisitet"), "differanse"] == 5
    assert chk.loc[("kolonne", "T", "Naturgass"), "punkter"] == 1
    # row B: 15 + 10 = 25 = its total
    assert chk.loc[("rad", "B", "Alle energiprodukter"), "differanse"] == 0
    assert pi.energy_totals_summary(chk.reset_index())["utenfor_avrunding"] == 2




def test_row_labels_for_readers():
    # SSB's code kept, "Produksjon av" dropped, the printed "TOTAL" as "i alt", our own group
    # ids (EI) not shown
    assert pi.row_label("12.1", "Industri og bergverk TOTAL") == "12.1 Industri og bergverk i alt"
    assert pi.row_label("EI", "TOTAL energiintensive industrier") == (
        "Energiintensive industrier i alt")
    assert pi.row_label("12.1.2", "Produksjon av kjemiske og farmasøytiske produkter") == (
        "12.1.2 kjemiske og farmasøytiske produkter")
    shown = pi.energy_display()["næring (kode)"]
    assert not shown.str.contains("TOTAL").any()
