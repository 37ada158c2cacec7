"""Stated-figure lookups: one table shared by every lookup while the files are unchanged, every
lookup counted as a read of the dataset, and an edited file seen at once."""

from __future__ import annotations

from pathlib import Path

from helpers import checks
from helpers.core import data
from helpers.pipeline import provenance as prov


def test_lookups_share_one_table_and_each_counts_as_a_read(fixture_data, tmp_path,
                                                            monkeypatch):
    log = tmp_path / "read.log"
    monkeypatch.setenv(data.READ_LOG_ENV, str(log))
    monkeypatch.setattr(data, "_LOADED", {})
    assert checks.stated("003-0047-a").value == 43.3
    loads = []
    monkeypatch.setattr(data, "load", lambda *a, **k: loads.append(a) or None)
    assert checks.stated("003-0050-a").printed == "360 000"
    assert loads == []  # the second lookup loaded nothing
    # ... and still counts as a read: a shared result recording it keeps the dataset
    log.unlink()
    monkeypatch.setattr(data, "_LOADED", {})
    checks.stated("003-0060-a")
    assert data.loaded() == ["stated_figures"]
    read = {Path(p).name for p in prov.read_log(log)}
    assert "stated_figures.resource.json" in read and "stated_figures_003.csv" in read


def test_an_edited_file_is_read_again(fixture_data):
    part = fixture_data / "documents" / "stated_figures_003.csv"
    assert checks.stated("003-0070-a").value == 120
    part.write_text(part.read_text(encoding="utf-8").replace(
        "003-0070-a,003,70,120,120", "003-0070-a,003,70,125,125"), encoding="utf-8")
    assert checks.stated("003-0070-a").value == 125
