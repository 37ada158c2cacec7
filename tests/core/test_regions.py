"""Municipality codes and county borders from the recorded KLASS files."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pandas as pd
import pytest
from statistics_support import one

from helpers.core import data, regions
from helpers.sources import external
from helpers.sources import statistics as sources

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "make_municipalities_2024.py"


def test_shipped_municipality_file_has_51_klass_codes():
    # no recorded copies needed: the shipped file itself
    df = data.load("municipalities_2024")
    assert df.groupby("county_code").size().to_dict() == {"31": 12, "32": 21, "33": 18}
    assert (df["municipality_code"].str[:2] == df["county_code"]).all()
    assert df["municipality_code"].is_unique and df["previous_code"].is_unique
    assert df["previous_code"].str.fullmatch(r"30\d\d").all()
    assert one(df, municipality_name="Asker")[["municipality_code", "previous_code"]].tolist() \
        == ["3203", "3025"]


def test_municipalities_2024_valid_in_klass_history(recorded):
    munis = regions.municipalities_2024()
    assert munis.groupby("county_code").size().to_dict() == {"31": 12, "32": 21, "33": 18}
    hist = sources.read(sources.resolve("klass_regions_history"))
    hist = hist[hist["level"] == "municipality"].set_index("code")
    for rec in munis.itertuples(index=False):
        new, old = hist.loc[rec.municipality_code], hist.loc[rec.previous_code]
        assert str(new["valid_from"].date()) == "2024-01-01" and pd.isna(new["valid_to"])
        assert (str(old["valid_from"].date()), str(old["valid_to"].date())) == (
            "2020-01-01", "2024-01-01")
    # KLASS's qualifier kept; the Viken code found although its qualifier differs
    valer = one(munis, municipality_code="3114")
    assert (valer["municipality_name"], valer["previous_code"]) == ("Våler (Østfold)", "3018")
    # the transitions file has no edge for Aurskog-Høland: found by name in the history
    assert one(munis, municipality_code="3226")["previous_code"] == "3026"


def test_shipped_file_is_what_the_script_writes(recorded):
    spec = importlib.util.spec_from_file_location("make_municipalities_2024", SCRIPT)
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    built = script.build().reset_index(drop=True)
    shipped = pd.read_csv(script.CSV, dtype=str, keep_default_na=False)
    pd.testing.assert_frame_equal(built, shipped, check_dtype=False)


def test_border_table_2019_municipalities_per_2024_county(recorded):
    table = regions.border_table()
    # Østfold 2019 had 18, less Rømskog; Akershus 22 plus Røyken, Hurum, Rømskog, Lunner,
    # Jevnaker; Buskerud 21 less Røyken and Hurum, plus Svelvik
    assert table.groupby("county_2024").size().to_dict() == {"31": 17, "32": 27, "33": 20}
    assert table["municipality_2019"].is_unique
    moved = table[table["moved"]].set_index("municipality_2019_name")
    columns = ["county_2019_name", "municipality_2024_name", "county_2024_name"]
    assert {name: tuple(row) for name, row in moved[columns].iterrows()} == {
        # 2019 municipality: 2019 county, 2024 municipality, 2024 county
        "Røyken": ("Buskerud", "Asker", "Akershus"),
        "Hurum": ("Buskerud", "Asker", "Akershus"),
        "Rømskog": ("Østfold", "Aurskog-Høland", "Akershus"),
        "Lunner": ("Oppland", "Lunner", "Akershus"),
        "Jevnaker": ("Oppland", "Jevnaker", "Akershus"),
        "Svelvik": ("Vestfold", "Drammen", "Buskerud"),
    }
    # every 2019 county under its name valid on 2019-12-31, not the name a municipality's
    # record began with ("Akershus amt" for Bærum, valid since 1838)
    assert table.groupby("county_2019")["county_2019_name"].unique().map(list).to_dict() == {
        "01": ["Østfold"], "02": ["Akershus"], "05": ["Oppland"], "06": ["Buskerud"],
        "07": ["Vestfold"]}
    # mergers inside a county do not move the border
    nordre_follo = table[table["municipality_2024_name"] == "Nordre Follo"]
    assert sorted(nordre_follo["municipality_2019_name"]) == ["Oppegård", "Ski"]
    assert not nordre_follo["moved"].any()
    indre = table[table["municipality_2024_name"] == "Indre Østfold"]
    assert len(indre) == 5 and (indre["county_2019"] == "01").all()
    # the two old municipalities named Nes go to different places
    nes = table[table["municipality_2019_name"].str.match(r"Nes( \(|$)")]
    assert dict(zip(nes["municipality_2019"], nes["municipality_2024_name"], strict=True)) == {
        "0236": "Nes", "0616": "Nesbyen"}


def test_border_changes_per_county(recorded):
    buskerud = regions.border_changes("33")
    assert sorted(zip(buskerud["direction"], buskerud["municipality_2019_name"],
                      strict=True)) == [("inn", "Svelvik"), ("ut", "Hurum"), ("ut", "Røyken")]
    ostfold = regions.border_changes("31")
    assert ostfold[["direction", "municipality_2019_name", "municipality_2024_name"]].values \
        .tolist() == [["ut", "Rømskog", "Aurskog-Høland"]]


def test_a_change_row_that_disagrees_with_klass_is_refused(recorded, tmp_path, monkeypatch):
    ref = tmp_path / "data" / "reference"
    ref.mkdir(parents=True)
    src = data.descriptor_path(regions.CHANGES_2020)
    (ref / src.name).write_text(src.read_text(encoding="utf-8"), encoding="utf-8")
    csv = src.with_suffix("").with_suffix(".csv")
    text = csv.read_text(encoding="utf-8").replace("0627,Røyken", "0627,Røykenn")
    (ref / csv.name).write_text(text, encoding="utf-8")
    monkeypatch.setenv(data.DATA_DIR_ENV, str(tmp_path / "data"))
    monkeypatch.setattr(external, "catalogue_path", lambda: data.project_root() / "data" /
                        external.CATALOGUE_FILE)
    with pytest.raises(regions.RegionsError, match="0627 Røykenn"):
        regions.border_table()
