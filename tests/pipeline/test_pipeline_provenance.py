"""Provenance records: read log, file hashes, dataset citations, git state."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pytest

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


# --------------------------------------------------------------------------- readers' appendix

STATS_FIXTURE = (Path(__file__).parents[1] / "sources" / "fixtures" / "statistics"
                 / "jsonstat2_small.json")


def _catalogue(tmp_path, monkeypatch, files: dict[str, bytes], **extra: object) -> Path:
    """A data folder whose catalogue declares one SSB table per file (name → body) and an
    external directory holding the files; returns the external directory."""
    from helpers.sources import external, statistics

    data, ext = tmp_path / "data", tmp_path / "ext"
    data.mkdir()
    ext.mkdir()
    entries = {}
    for i, (name, body) in enumerate(files.items(), start=1):
        (ext / f"{name}.json").write_bytes(body)
        entries[name] = {
            "path": f"{name}.json", "url": f"https://example.invalid/{name}.json",
            "sha256": hashlib.sha256(body).hexdigest(), "format": "jsonstat",
            "encoding": "utf-8", "title": "t", "publisher": "Statistisk sentralbyrå (SSB)",
            "licence": "CC BY 4.0", "citation": f"SSB, tabell 0100{i}", "table": f"0100{i}",
            **extra}
    (data / external.CATALOGUE_FILE).write_text(json.dumps({"datasets": entries}))
    monkeypatch.setenv("INDUSTRIRAPPORTER_DATA", str(data))
    monkeypatch.setenv(external.EXTERNAL_DIR_ENV, str(ext))
    monkeypatch.setenv(external.EXTERNAL_STORE_ENV, str(tmp_path / "store"))
    monkeypatch.delenv(statistics.SOURCE_ENV, raising=False)
    return ext


def test_appendix_gives_an_ssb_table_its_table_vintage_and_retrieval(tmp_path, monkeypatch):
    from helpers.pipeline.export_html import NOT_STATED, norwegian_date, reader_sources
    from helpers.sources import statistics

    stat = json.loads(STATS_FIXTURE.read_text(encoding="utf-8"))
    recorded = {"dataset": stat, "_metadata": {"fetched_at": "2025-08-14T00:59:54.1",
                                               "url": "https://data.ssb.no/api/v0/x.json"}}
    ext = _catalogue(tmp_path, monkeypatch, {
        "with_meta": json.dumps(recorded).encode(),
        "bare": STATS_FIXTURE.read_bytes(),  # SSB's answer as it came: no fetch time kept
    }, updated="1999-01-01")  # the catalogue's transcription; the file's own date wins
    live = statistics.write_live_record("bare", {
        "response": stat, "updated": "2026-10-01T06:00:00Z", "retrieved": "2026-11-30T10:00:00",
        "url": "https://data.ssb.no/api/pxwebapi/v2/tables/01002/data"})

    rows = reader_sources(prov.dataset_sources([ext / "with_meta.json", ext / "bare.json"]))
    by_table = {r["tabell"]: r for r in rows}
    assert set(by_table) == {"01001", "01002"}
    assert by_table["01001"]["publisert"] == norwegian_date(stat["updated"])
    assert by_table["01001"]["hentet"] == norwegian_date("2025-08-14")
    # a copy that does not record when it was fetched says so rather than leaving a blank
    assert by_table["01002"]["publisert"] == norwegian_date(stat["updated"])
    assert by_table["01002"]["hentet"] == NOT_STATED

    [row] = reader_sources(prov.dataset_sources([live]))
    assert (row["tabell"], row["publisert"], row["hentet"]) == (
        "01002", norwegian_date("2026-10-01"), norwegian_date("2026-11-30"))


def test_appendix_rows_of_the_recorded_ssb_tables_are_complete():
    """Every recorded SSB table of the catalogue, as the appendix shows it: the table id, and
    a date (or "ikke oppgitt") in Publisert and Hentet, the vintage being the file's own."""
    from statistics_support import require_recorded

    from helpers.pipeline.export_html import norwegian_date, reader_sources
    from helpers.sources import external, statistics

    require_recorded()
    tables = {n: s for n, s in statistics.datasets().items() if s.table and external.available(n)}
    if not tables:
        pytest.skip("no recorded SSB table found (INDUSTRIRAPPORTER_EXTERNAL_DIR)")
    for name, src in tables.items():
        path = external.locate(name)
        [row] = reader_sources(prov.dataset_sources([path]))
        assert row["tabell"] == src.table, name
        assert row["publisert"] and row["hentet"], (name, row)
        if src.format == "jsonstat":
            body = json.loads(path.read_bytes())
            updated = body.get("dataset", body)["updated"]
            assert row["publisert"] == norwegian_date(updated), name
