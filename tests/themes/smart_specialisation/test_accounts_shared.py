"""Table 11713's workbook is read once per build: the next report of the build takes the
parsed table from the build's shared cache, with the same provenance, read log and loaded
datasets as a report that read the workbook itself."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from helpers.core import data, shared_results
from helpers.core import statistics as core_statistics
from helpers.pipeline import provenance as prov
from helpers.sources import statistics as stats
from helpers.themes.smart_specialisation import accounts as acc

EXTERNAL = os.environ.get("INDUSTRIRAPPORTER_EXTERNAL_DIR", "")
pytestmark = pytest.mark.skipif(
    not EXTERNAL or not (Path(EXTERNAL) / "ssb_11713").is_dir(),
    reason="$INDUSTRIRAPPORTER_EXTERNAL_DIR is unset or lacks ssb_11713 (SSB table 11713)")


def new_report(monkeypatch, log: Path) -> None:
    """A fresh kernel's state: nothing loaded, nothing read, nothing cached in the process."""
    log.unlink(missing_ok=True)
    monkeypatch.setattr(data, "_LOADED", {})
    monkeypatch.setattr(data, "_OUTSIDE", {})
    acc._raw.cache_clear()
    acc._tidy.cache_clear()
    core_statistics._read_cached.cache_clear()


def test_the_second_report_of_a_build_does_not_read_the_workbook(tmp_path, monkeypatch):
    log = tmp_path / "read.log"
    monkeypatch.setenv(data.READ_LOG_ENV, str(log))
    monkeypatch.setenv(shared_results.SHARED_CACHE_ENV, shared_results.setting(
        tmp_path / "cache", {"smart_specialisation": "k" * 64}))
    new_report(monkeypatch, log)
    first = acc._raw()
    reads, loaded = prov.read_log(log), data.loaded()
    source = data.sources("ssb_11713")
    assert "ssb_11713" in loaded and any("11713" in str(path) for path in reads)
    assert len(list((tmp_path / "cache").glob("*recorded_accounts*.pickle"))) == 1

    new_report(monkeypatch, log)

    def no_parse(*args, **kwargs):
        raise AssertionError("the workbook was parsed again")

    monkeypatch.setattr(stats, "read", no_parse)
    second = acc._raw()
    assert second.equals(first)
    assert second.attrs["provenance"] == first.attrs["provenance"]
    assert second.attrs["provenance"]["table"] == "11713"
    assert prov.read_log(log) == reads
    assert data.loaded() == loaded and data.sources("ssb_11713") == source
    assert acc.counties() == list(acc._counties())  # the rest of the module works on it
    new_report(monkeypatch, log)
