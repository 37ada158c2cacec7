"""helpers.sources.external: loaders on small hand-made files in each published format, checksum
verification, locating files, and the downloader (HTTP mocked with ``responses``)."""

from __future__ import annotations

import hashlib
import math
import re
import shutil
from pathlib import Path

import pytest
import requests
import responses

from helpers.pipeline import cli
from helpers.sources import external

FIX = Path(__file__).parent / "fixtures" / "external"
URL = "https://example.org/pinned/widgetium.csv"


# --------------------------------------------------------------------------- loaders


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
    got_value, got_status = external.parse_usgs_value(cell)
    assert got_status == status
    assert (math.isnan(got_value) and math.isnan(value)) or got_value == value


def test_parse_usgs_value_rejects_text():
    with pytest.raises(ValueError, match="not a number or USGS marker"):
        external.parse_usgs_value("about 5")


def test_read_usgs_world_markers_and_countries():
    df = external.read_usgs_world(FIX / "usgs_world_sample.csv")
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
    with pytest.raises(external.ExternalDataError, match=r"missing column\(s\) TYPE, UNIT_MEAS"):
        external.read_usgs_world(bad)


def test_read_usgs_world_unreadable_cell_names_row_and_column(tmp_path):
    text = (FIX / "usgs_world_sample.csv").read_text(encoding="utf-8-sig")
    bad = tmp_path / "bad.csv"
    bad.write_text(text.replace(",600,", ",six hundred,"), encoding="utf-8")
    with pytest.raises(external.ExternalDataError, match=r"row 3, column 'PROD_2023'"):
        external.read_usgs_world(bad)


def test_read_wgi_wide_to_long():
    df = external.read_wgi(FIX / "wgi_sample.csv")
    # the trailing comma of the DataBank file adds an unnamed column that is ignored
    assert sorted(df["year"].unique()) == [2021, 2022]
    # only the estimates are kept by default
    assert set(df["indicator"]) == {"RL.EST", "CC.EST"}
    by = df.set_index(["iso3", "indicator", "year"])["value"]
    assert by[("NOR", "RL.EST", 2022)] == pytest.approx(2.0)
    assert math.isnan(by[("RUR", "RL.EST", 2021)])  # ".." = not available
    assert math.isnan(by[("RUR", "CC.EST", 2021)])  # empty cell
    everything = external.read_wgi(FIX / "wgi_sample.csv", indicators=None)
    assert "RL.NO.SRC" in set(everything["indicator"])


def test_read_eu_scores_not_assessed_and_multiline_name():
    df = external.read_eu_scores(FIX / "eu_scores_sample.csv")
    by = df.set_index(["material", "year"])
    assert by.loc[("Widgetium", 2020), "sr"] == 1.2
    assert math.isnan(by.loc[("Widgetium", 2023), "ei"])
    assert by.loc[("Widgetium", 2023), "ei_status"] == "not assessed"
    assert ("Natural Teak wood", 2023) in by.index


def test_read_eu_shares_cp1252_percent_and_bounds():
    df = external.read_eu_shares(FIX / "eu_shares_sample.csv")
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
    with pytest.raises(external.ExternalDataError, match="not readable as utf-8"):
        external.read_eu_shares(FIX / "eu_shares_sample.csv", encoding="utf-8")


# --------------------------------------------------------------------------- locate and verify


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def pinned(monkeypatch, tmp_path):
    """A catalogue with one pinned file (the USGS sample), an empty store and no env dir."""
    sample = FIX / "usgs_world_sample.csv"
    src = external.ExternalSource(
        name="widgets", path="usgs/world.csv", url=URL, sha256=_sha(sample),
        format="usgs_mcs_world", encoding="utf-8-sig", title="Widget data",
        publisher="Test", licence="public domain", citation="Widget survey",
    )
    monkeypatch.setattr(external, "sources", lambda: {"widgets": src})
    store = tmp_path / "store"
    monkeypatch.setenv(external.EXTERNAL_STORE_ENV, str(store))
    monkeypatch.delenv(external.EXTERNAL_DIR_ENV, raising=False)
    return src, sample, store


def test_missing_file_names_places_and_command(pinned):
    with pytest.raises(external.MissingExternalData) as err:
        external.locate("widgets")
    msg = str(err.value)
    assert "python -m helpers data fetch widgets" in msg
    assert "usgs/world.csv" in msg and external.EXTERNAL_DIR_ENV in msg
    assert not external.available("widgets")


def test_file_from_env_dir_is_verified_and_loaded(pinned, monkeypatch, tmp_path):
    src, sample, _ = pinned
    env = tmp_path / "shared"
    (env / "usgs").mkdir(parents=True)
    shutil.copy(sample, env / "usgs" / "world.csv")
    monkeypatch.setenv(external.EXTERNAL_DIR_ENV, str(env))
    assert external.locate("widgets") == env / "usgs" / "world.csv"
    df = external.load("widgets")
    assert df.attrs["citation"] == "Widget survey"
    assert "Widgetium" in set(df["commodity"])


def test_checksum_mismatch_is_an_error_not_a_fallback(pinned, monkeypatch, tmp_path):
    src, sample, store = pinned
    env = tmp_path / "shared"
    (env / "usgs").mkdir(parents=True)
    (env / "usgs" / "world.csv").write_bytes(sample.read_bytes() + b"tampered\n")
    (store / "usgs").mkdir(parents=True)
    shutil.copy(sample, store / "usgs" / "world.csv")  # a good copy later in the search
    monkeypatch.setenv(external.EXTERNAL_DIR_ENV, str(env))
    with pytest.raises(external.ChecksumMismatch) as err:
        external.locate("widgets")
    assert src.sha256 in str(err.value) and "world.csv" in str(err.value)
    assert not external.available("widgets")


def test_verify_accepts_the_right_checksum(tmp_path):
    f = tmp_path / "a.csv"
    f.write_bytes(b"a,b\n1,2\n")
    external.verify(f, hashlib.sha256(b"a,b\n1,2\n").hexdigest())
    with pytest.raises(external.ChecksumMismatch, match="expected 0{64}"):
        external.verify(f, "0" * 64)


# --------------------------------------------------------------------------- download


@responses.activate
def test_fetch_downloads_verifies_and_stores(pinned):
    src, sample, store = pinned
    responses.add(responses.GET, URL, body=sample.read_bytes(), status=200)
    got = external.fetch(["widgets"])
    target = store / "usgs" / "world.csv"
    assert got == {"widgets": target}
    assert target.read_bytes() == sample.read_bytes()
    assert external.locate("widgets") == target
    # already there and valid: no second request
    external.fetch(["widgets"])
    assert len(responses.calls) == 1


@responses.activate
def test_fetch_with_wrong_checksum_stores_nothing(pinned):
    src, sample, store = pinned
    responses.add(responses.GET, URL, body=b"something else", status=200)
    with pytest.raises(external.ChecksumMismatch, match="nothing was stored"):
        external.fetch(["widgets"])
    assert not any(p.is_file() for p in store.rglob("*"))


@responses.activate
def test_fetch_http_error(pinned):
    responses.add(responses.GET, URL, status=404)
    with pytest.raises(external.DownloadError, match=r"HTTP 404 from https://example.org"):
        external.fetch(["widgets"])
    assert not any(p.is_file() for p in pinned[2].rglob("*"))


@responses.activate
def test_fetch_without_connection_suggests_the_directory(pinned):
    responses.add(responses.GET, URL, body=requests.ConnectionError("no route to host"))
    with pytest.raises(external.DownloadError, match=external.EXTERNAL_DIR_ENV):
        external.fetch(["widgets"])


@responses.activate
def test_cli_fetch_exit_codes(pinned, capsys):
    src, sample, store = pinned
    responses.add(responses.GET, URL, body=b"wrong bytes", status=200)
    assert cli.main(["data", "fetch", "widgets"]) == 1
    assert "SHA-256" in capsys.readouterr().err
    responses.replace(responses.GET, URL, body=sample.read_bytes(), status=200)
    assert cli.main(["data", "fetch", "widgets"]) == 0
    assert "SHA-256 verified" in capsys.readouterr().out
    assert cli.main(["data", "status"]) == 0
    assert "widgets" in capsys.readouterr().out


def test_unknown_dataset_lists_the_known(pinned):
    with pytest.raises(external.ExternalDataError, match="known: widgets"):
        external.locate("usgs")


# --------------------------------------------------------------------------- the real catalogue


def test_catalogue_pins_every_file():
    cat = external.sources()
    assert set(cat) == {"usgs_mcs2025_world", "wgi_2023", "eu_crm_2023_scores",
                        "eu_crm_2023_global_shares", "eu_crm_2023_eu_shares"}
    for src in cat.values():
        assert re.fullmatch(r"[0-9a-f]{64}", src.sha256)
        assert src.url.startswith("https://")
        assert src.format in external.READERS
        assert src.citation and src.publisher and src.licence
    assert len({s.path for s in cat.values()}) == len(cat)
