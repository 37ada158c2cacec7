"""helpers.sources.external: checksum verification, locating files, and the downloader (HTTP
mocked with ``responses``)."""

from __future__ import annotations

import hashlib
import re
import shutil
from pathlib import Path

import pytest
import requests
import responses

from helpers.pipeline import cli
from helpers.sources import external, readers

FIX = Path(__file__).parent / "fixtures" / "external"
URL = "https://example.org/pinned/widgetium.csv"


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
    from helpers.sources import statistics

    cat = external.sources()
    assert set(cat) - set(statistics.datasets()) == {
        "usgs_mcs2025_world", "wgi_2023", "eu_crm_2023_scores", "eu_crm_2023_global_shares",
        "eu_crm_2023_eu_shares"}
    for src in cat.values():
        assert re.fullmatch(r"[0-9a-f]{64}", src.sha256)
        assert src.url.startswith("https://")
        assert src.format in readers.READERS or src.format in statistics.READERS
        assert src.citation and src.publisher and src.licence
    assert len({s.path for s in cat.values()}) == len(cat)
