"""helpers.sources.readers: the readers on small hand-made files in each published format."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from helpers.sources import readers
from helpers.sources.external import ExternalDataError

FIX = Path(__file__).parent / "fixtures" / "external"


@pytest.mark.parametrize(
    ("cell", "value", "status"),
    [
        ("1200", 1200.0, ""),
        ("1,200", 1200.0, ""),
        (" 35 ", 35.0, ""),
        ("W", math.nan, "W"),
        ("NA", math.nan, "NA"),
        ("XX", math.nan, "XX"),
        ("--", 0.0, "zero"),
        ("\u2014", 0.0, "zero"),
        (">130000000", 130000000.0, ">"),
        (">17,000,000", 17000000.0, ">"),
        ("", math.nan, ""),
    ],
)
def test_parse_usgs_value(cell, value, status):
    got_value, got_status = readers.parse_usgs_value(cell)
    assert got_status == status
    assert (math.isnan(got_value) and math.isnan(value)) or got_value == value


def test_parse_usgs_value_rejects_text():
    with pytest.raises(ValueError, match="not a number or USGS marker"):
        readers.parse_usgs_value("about 5")


def test_read_usgs_world_markers_and_countries():
    df = readers.read_usgs_world(FIX / "usgs_world_sample.csv")
    prod = df[df["measure"] == "production"].set_index(["country", "year"])
    # withheld: empty cells whose notes say "W for 23-24"
    assert prod.loc[("United States", 2023), "status"] == "W"
    assert math.isnan(prod.loc[("United States", 2023), "value"])
    # "W" in the cell itself; thousands comma; trailing space in the country name
    assert prod.loc[("Russia", 2024), "status"] == "W"
    assert prod.loc[("Congo (Kinshasa)", 2023), "value"] == 1200.0
    assert prod.loc[("Congo (Kinshasa)", 2024), "estimate"]
    assert not prod.loc[("Congo (Kinshasa)", 2023), "estimate"]
    assert prod.loc[("Other Countries", 2024), "status"] == "zero"
    # the dash is zero, kept apart from "withheld"
    assert prod.loc[("Other Countries", 2024), "value"] == 0.0
    kinds = df.drop_duplicates("country").set_index("country")["row_kind"]
    assert kinds["World total (rounded)"] == "world"
    assert kinds["Other Countries"] == "other"
    codes = df.drop_duplicates("country").set_index("country")["iso3"]
    assert codes["Russia"] == "RUS" and codes["Congo (Kinshasa)"] == "COD"
    assert codes.isna()["World total (rounded)"]
    assert df["commodity"].unique().tolist() == ["Widgetium"]
    res = df[df["measure"] == "reserves"].set_index("country")
    assert res.loc["Russia", "value"] == 2000.0 and res.loc["Russia", "status"] == ">"
    assert res.loc["Congo (Kinshasa)", "status"] == "NA"


def test_read_usgs_world_wrong_format(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("COMMODITY,COUNTRY,VALUE\nX,Y,1\n", encoding="utf-8")
    with pytest.raises(ExternalDataError, match=r"missing column\(s\) TYPE, UNIT_MEAS"):
        readers.read_usgs_world(bad)


def test_read_usgs_world_unreadable_cell_names_row_and_column(tmp_path):
    text = (FIX / "usgs_world_sample.csv").read_text(encoding="utf-8-sig")
    bad = tmp_path / "bad.csv"
    bad.write_text(text.replace(",600,", ",six hundred,"), encoding="utf-8")
    with pytest.raises(ExternalDataError, match=r"row 3, column 'PROD_2023'"):
        readers.read_usgs_world(bad)


def test_read_wgi_wide_to_long():
    df = readers.read_wgi(FIX / "wgi_sample.csv")
    # the trailing comma of the DataBank file adds an unnamed column that is ignored
    assert sorted(df["year"].unique()) == [2021, 2022]
    # only the estimates are kept by default
    assert set(df["indicator"]) == {"RL.EST", "CC.EST"}
    by = df.set_index(["iso3", "indicator", "year"])["value"]
    assert by[("NOR", "RL.EST", 2022)] == pytest.approx(2.0)
    assert math.isnan(by[("RUR", "RL.EST", 2021)])  # ".." = not available
    assert math.isnan(by[("RUR", "CC.EST", 2021)])  # empty cell
    everything = readers.read_wgi(FIX / "wgi_sample.csv", indicators=None)
    assert "RL.NO.SRC" in set(everything["indicator"])


def test_read_eu_scores_not_assessed_and_multiline_name():
    df = readers.read_eu_scores(FIX / "eu_scores_sample.csv")
    by = df.set_index(["material", "year"])
    assert by.loc[("Widgetium", 2020), "sr"] == 1.2
    assert math.isnan(by.loc[("Widgetium", 2023), "ei"])
    assert by.loc[("Widgetium", 2023), "ei_status"] == "not assessed"
    assert ("Natural Teak wood", 2023) in by.index


def test_read_eu_shares_cp1252_percent_and_bounds():
    df = readers.read_eu_shares(FIX / "eu_shares_sample.csv")
    by = df.set_index("country")
    assert by.loc["Türkiye", "share"] == pytest.approx(0.125)
    assert by.loc["Türkiye", "iso3"] == "TUR"
    assert by.loc["Türkiye", "t"] == pytest.approx(1.2)
    assert by.loc["Congo, D.R.", "iso3"] == "COD"
    assert by.loc["Germany", "share"] == pytest.approx(0.06)
    assert by.loc["Germany", "share_status"] == "no % sign"
    assert math.isnan(by.loc["Norway", "share"])
    assert by.loc["Norway", "share_status"] == "<"
    assert by.loc["Norway", "share_upper"] == pytest.approx(0.001)
    assert set(df["stage"]) == {"extraction", "processing"}


def test_read_eu_shares_as_utf8_is_a_clear_error():
    with pytest.raises(ExternalDataError, match="not readable as utf-8"):
        readers.read_eu_shares(FIX / "eu_shares_sample.csv", encoding="utf-8")
