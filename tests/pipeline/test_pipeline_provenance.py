"""Provenance records: read log, file hashes, dataset citations, git state."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

from helpers.pipeline import provenance as prov
from helpers.pipeline import rebuild


def test_read_log_each_file_once_in_order(tmp_path):
    log = tmp_path / "read.log"
    log.write_text("/a/x.csv\n/a/y.csv\n/a/x.csv\n\n")
    assert prov.read_log(log) == [Path("/a/x.csv"), Path("/a/y.csv")]
    assert prov.read_log(tmp_path / "absent.log") == []


def test_file_records_and_sources(tmp_path, monkeypatch):
    data = tmp_path / "data"
    (data / "public").mkdir(parents=True)
    (data / "external").mkdir()
    csv = data / "public" / "s.csv"
    csv.write_text("a\n1\n")
    desc = data / "public" / "s.resource.json"
    desc.write_text(json.dumps({
        "name": "s", "citation": "SSB, tabell 1", "title": "Serie", "published": "2024-05-02",
        "sources": [{"publisher": "Statistisk sentralbyrå", "table": "1"}, "not a mapping"]}))
    ext = data / "external" / "big.csv"
    ext.write_text("b\n2\n")
    unknown = data / "external" / "other.csv"
    unknown.write_text("c\n")
    monkeypatch.setenv("INDUSTRIRAPPORTER_DATA", str(data))
    monkeypatch.delenv(rebuild.EXTERNAL_DIR_ENV, raising=False)
    ext_sha = hashlib.sha256(ext.read_bytes()).hexdigest()
    monkeypatch.setattr(prov, "_external_by_sha", lambda: {
        ext_sha: {"name": "big", "citation": "USGS 2025", "title": "World data"}})

    records = prov.file_records([csv, desc, tmp_path / "gone.csv"])
    assert [r["sha256"] for r in records] == [hashlib.sha256(csv.read_bytes()).hexdigest(),
                                              hashlib.sha256(desc.read_bytes()).hexdigest()]
    assert records[0]["path"].endswith("data/public/s.csv")

    assert prov.dataset_sources([csv, desc, ext, unknown]) == [
        {"name": "s", "citation": "SSB, tabell 1", "title": "Serie",
         "publishers": ["Statistisk sentralbyrå"], "tables": ["1"], "published": "2024-05-02",
         "retrieved": ""},
        {"name": "big", "citation": "USGS 2025", "title": "World data"},
    ]


def test_git_state_of_the_project():
    state = prov.git_state(Path(__file__).resolve().parents[1])
    assert re.fullmatch(r"[0-9a-f]{40}", state["commit"]) and isinstance(state["dirty"], bool)


def test_git_state_outside_git(tmp_path):
    assert prov.git_state(tmp_path) == {"commit": "unknown", "dirty": None}
