"""Norway's exports of the materials' goods: the SITC mapping and the yearly sums."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pandas as pd
import pytest

from helpers.core import data
from helpers.sources import external
from helpers.themes import critical_value_chains as vc

EXTERNAL = os.environ.get(external.EXTERNAL_DIR_ENV, "")
SSB_08818 = Path(EXTERNAL) / "ssb_jsonstat" / "export-value-sitc3.json" if EXTERNAL else None


def test_sitc_mapping_covers_norways_supplier_materials():
    mapping = data.load("value_chains_sitc_map")
    mat = data.load("value_chains_materials")
    suppliers = set(mat.loc[mat["norway_role"] == "supplier", "material"])
    assert suppliers <= set(mapping.loc[mapping["relation"] == "product", "material"])
    assert mapping["sitc"].str.fullmatch(r"\d{3}").all()
    # a group that holds more than the material says what else it holds
    broader = mapping[mapping["fit"] == "broader"]
    assert broader["note_no"].str.len().gt(10).all()
    assert dict(zip(mapping["material"], mapping["sitc"], strict=True))["aluminium"] == "684"


@pytest.mark.skipif(SSB_08818 is None or not SSB_08818.is_file(),
                    reason="SSB table 08818 (recorded copy) is absent")
def test_sitc_groups_exist_in_ssb_08818_with_the_meaning_we_give_them():
    raw = json.loads(SSB_08818.read_text(encoding="utf-8"))
    raw = raw.get("dataset", raw)
    labels = raw["dimension"]["SITC"]["category"]["label"]
    mapping = data.load("value_chains_sitc_map")
    expected = {"684": "Aluminium", "683": "Nickel", "686": "Zinc", "671": "ferro-alloys",
                "522": "Inorganic chemical elements", "287": "Ores and concentrates of base",
                "689": "non-ferrous base metals", "562": "Fertilizers"}
    for code in mapping["sitc"].unique():
        assert expected[code] in labels[code], (code, labels[code])


def test_annual_exports_sum_full_years_only():
    months = [f"2008M{m:02d}" for m in range(3, 13)] + [f"2009M{m:02d}" for m in range(1, 13)] \
        + ["2010M01"]
    monthly = pd.DataFrame({"SITC": "684", "Tid": months, "value": 1000.0})
    monthly.loc[monthly["Tid"] == "2009M05", "value"] = 3000.0
    mapping = vc.sitc_map(["aluminium"])
    annual = vc.annual_exports(monthly, mapping)
    assert list(annual["year"]) == [2009]  # 2008 (from March) and 2010 (one month) are partial
    assert annual["value_mnok"].iloc[0] == pytest.approx((11 * 1000 + 3000) / 1000)
    shown = vc.exports_display(annual)
    assert shown.iloc[0]["varegruppe (SITC)"] == "684 aluminium"
    assert shown.iloc[0]["dekning"] == "bare materialet"


def test_groups_shared_by_materials_are_counted_once():
    months = [f"2020M{m:02d}" for m in range(1, 13)]
    monthly = pd.DataFrame({"SITC": "689", "Tid": months, "value": 500.0})
    annual = vc.annual_exports(monthly, vc.sitc_map(["cobalt", "magnesium"]))
    assert len(annual) == 1
    assert annual["materials"].iloc[0] == "kobolt, magnesium"
    assert annual["value_mnok"].iloc[0] == pytest.approx(6.0)


def test_confidential_groups_are_named_not_dropped_silently():
    months = [f"2020M{m:02d}" for m in range(1, 13)]
    monthly = pd.concat([
        pd.DataFrame({"SITC": "684", "Tid": months, "value": 1000.0}),
        pd.DataFrame({"SITC": "562", "Tid": months, "value": float("nan")}),
    ])
    mapping = vc.sitc_map(["aluminium", "phosphate"])
    annual = vc.annual_exports(monthly, mapping)
    assert set(annual["sitc"]) == {"684"}
    from helpers.themes.critical_value_chains import exports

    annual.attrs["suppressed"] = exports.suppressed_groups(monthly, mapping)
    assert annual.attrs["suppressed"] == ["562 gjødsel (unntatt råvarer), for eruptivt fosfat"]
    assert "skjermet" in vc.exports_text(annual)


def test_worked_example_reads_the_export_groups_of_its_chain():
    months = [f"2023M{m:02d}" for m in range(1, 13)]
    monthly = pd.concat([pd.DataFrame({"SITC": c, "Tid": months, "value": v})
                         for c, v in (("684", 2_000_000.0), ("287", 100_000.0))])
    annual = vc.annual_exports(monthly, vc.sitc_map(vc.materials_of("alle")))
    defence = vc.worked_example("defence", "extraction", 0.65, None, None, annual)
    step6 = defence.iloc[-1, 1]
    assert "684 aluminium 24,0 mrd. kr" in step6 and "287 malm" in step6
    batteries = vc.worked_example("batteries", "processing", 0.65, None, None, annual)
    assert "ingen av kjedens materialer" in batteries.iloc[-1, 1]


def test_worked_example_counts_the_documents_own_links_apart_from_the_reports():
    lk = vc.links()
    for chain, name in [("process_industry", "prosessindustri"), ("energy", "energi")]:
        part = lk[lk["chain"] == chain]
        table = vc.worked_example(chain, "processing", 0.65, None, None, None)
        step3 = table.iloc[:, 1][table["trinn"] == 3].iloc[0]
        n_doc = int((part["basis"] == "document").sum())
        n_own = int((part["basis"] == "own").sum())
        if n_doc:
            assert step3.startswith(f"dokumentet knytter {n_doc} materialer til {name}"), step3
        else:
            assert step3.startswith("dokumentet knytter ingen materialer direkte"), step3
        assert f"{n_own} etter egen vurdering" in step3, step3
        for m in part.loc[part["basis"] == "own", "material"]:
            assert vc.label(m) in step3.split("egen vurdering")[1], (m, step3)
