"""Norway's role: every row the EU 2023 files give for Norway, with its place."""

from __future__ import annotations

import pytest
from statistics_support import needs_external as needs_external_dir

from helpers.core import data
from helpers.sources import external
from helpers.themes import critical_value_chains as vc

needs_external = needs_external_dir("the EU 2023 files")


@needs_external
def test_every_norway_row_of_the_eu_files_is_shown_with_its_share():
    rows = vc.norway_eu_rows(vc.materials_of("alle"))
    names = data.load("value_chains_eu_names")
    for dataset, column in (("eu_crm_2023_eu_shares", "eu_share"),
                            ("eu_crm_2023_global_shares", "global_share")):
        nor = external.load(dataset)
        nor = nor[(nor["iso3"] == "NOR") & nor["material"].isin(names["eu_name"])
                  & nor["share"].notna()]
        assert len(nor) > 5
        for r in nor.itertuples():
            got = rows[(rows["eu_name"] == r.material) & (rows["stage"] == r.stage)]
            assert len(got) == 1, (r.material, r.stage)
            assert got[column].iloc[0] == pytest.approx(r.share)


@needs_external
def test_titanium_ores_extraction_norway_is_the_eus_largest_source():
    rows = vc.norway_eu_rows(["titanium"]).set_index(["eu_name", "stage"])
    ores = rows.loc[("Titanium ores", "extraction")]
    assert ores["eu_share"] == pytest.approx(0.23)
    assert ores["eu_rank"] == 1
    nor = vc.norway_shares(["titanium"], 2023).set_index("stage")
    assert nor.loc["extraction", "eu"] == pytest.approx(0.23)  # the old "ingen data" gap
    text = vc.norway_eu_text(vc.norway_eu_rows(vc.materials_of("alle")))
    assert "silisiummetall, prosessering (33 %, nr. 1)" in text
    assert "titanmalm, utvinning (23 %, nr. 1)" in text
