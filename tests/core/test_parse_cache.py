"""Parses and clean validations shared by the kernels of a build (``helpers.core.parse_cache``):
the next report takes them from the build's cache, a changed file or reader computes anew, a
file with problems is checked (and refused) every time, and outside a build nothing is stored."""

from __future__ import annotations

import pytest
from test_data import FIELDS, write_dataset

from helpers.core import data, parse_cache, shared_results
from helpers.core import statistics as core_statistics
from helpers.sources import statistics as sources

CSV = "year,kind,value\n2020,a,1.5\n2021,b,2\n"


@pytest.fixture
def root(tmp_path, monkeypatch):
    folder = tmp_path / "data"
    monkeypatch.setenv(data.DATA_DIR_ENV, str(folder))
    return folder


def in_build(monkeypatch, folder) -> None:
    monkeypatch.setenv(shared_results.SHARED_CACHE_ENV, shared_results.setting(folder, {}))


def next_kernel() -> None:
    """A new report's kernel: nothing read in this process yet."""
    data._load_file.cache_clear()
    core_statistics._read_cached.cache_clear()


def entries(tmp_path, pattern: str) -> list:
    return list((tmp_path / "cache" / parse_cache.SUBFOLDER).glob(pattern))


def no_call(what: str):
    def refuse(*args, **kwargs):
        raise AssertionError(f"{what} ran again")
    return refuse


def test_a_valid_file_is_validated_once_per_build(root, tmp_path, monkeypatch):
    in_build(monkeypatch, tmp_path / "cache")
    write_dataset(root, "series", CSV)
    first = data.load("series")
    assert len(list(entries(tmp_path, "valid-*.pickle"))) == 1
    next_kernel()
    monkeypatch.setattr(data, "validate_file", no_call("validation"))
    assert data.load("series").equals(first)


def test_a_changed_file_is_validated_again_and_its_problems_reported(root, tmp_path,
                                                                      monkeypatch):
    in_build(monkeypatch, tmp_path / "cache")
    write_dataset(root, "series", CSV)
    data.load("series")
    next_kernel()
    (root / "public" / "series.csv").write_text("year,kind,value\n2020,c,1\n", encoding="utf-8")
    for _ in range(2):  # refused each time: a file with problems is never remembered
        next_kernel()
        with pytest.raises(data.SchemaError, match="kind"):
            data.load("series")
    assert len(list(entries(tmp_path, "valid-*.pickle"))) == 1


def test_a_changed_schema_is_validated_again(root, tmp_path, monkeypatch):
    in_build(monkeypatch, tmp_path / "cache")
    write_dataset(root, "series", CSV)
    data.load("series")
    next_kernel()
    narrower = [dict(f, constraints={"enum": ["a"]}) if f["name"] == "kind" else f
                for f in FIELDS]
    write_dataset(root, "series", CSV, fields=narrower)
    with pytest.raises(data.SchemaError, match="kind"):
        data.load("series")


def test_outside_a_build_nothing_is_stored(root, tmp_path, monkeypatch):
    monkeypatch.delenv(shared_results.SHARED_CACHE_ENV, raising=False)
    write_dataset(root, "series", CSV)
    data.load("series")
    assert shared_results.cache_folder() is None
    assert not list(tmp_path.rglob("*.pickle"))


def test_a_damaged_entry_is_computed_again_and_replaced(tmp_path, monkeypatch):
    in_build(monkeypatch, tmp_path / "cache")
    place = parse_cache.entry("table-x", ["digest"], parse_cache.READERS)
    assert parse_cache.reuse(place, lambda: [1, 2]) == [1, 2]
    place.write_bytes(b"not a pickle")
    assert parse_cache.reuse(place, lambda: [3]) == [3]
    assert parse_cache.reuse(place, no_call("the computation")) == [3]


def test_the_key_follows_the_reading_code(tmp_path, monkeypatch):
    package = tmp_path / "readers_fixture"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "csv_reader.py").write_text("SEP = ','\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    before = parse_cache.code_key(("readers_fixture",), ())
    parse_cache.code_key.cache_clear()
    (package / "csv_reader.py").write_text("SEP = ';'\n")
    assert parse_cache.code_key(("readers_fixture",), ()) != before
    parse_cache.code_key.cache_clear()


def test_the_workbook_is_parsed_once_per_build(recorded, tmp_path, monkeypatch):
    # the slowest read of the collection: SSB's 11713 workbook (openpyxl, about 2 s)
    in_build(monkeypatch, tmp_path / "cache")
    next_kernel()
    first = core_statistics.load_statistic("ssb_11713")
    assert len(list(entries(tmp_path, "table-ssb_11713-*.pickle"))) == 1
    next_kernel()
    monkeypatch.setattr(sources, "read", no_call("the workbook's parse"))
    second = core_statistics.load_statistic("ssb_11713")
    assert second.equals(first)
    assert second.attrs["provenance"] == first.attrs["provenance"]
    assert second.attrs["provenance"]["table"] == "11713"
    assert "ssb_11713" in data.loaded()
