"""Rebuild keys cover exactly the data a report read: its data/ files and its datasets."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

import helpers
from helpers.pipeline import inputs, rebuild
from helpers.sources import external, statistics

FIXTURE = Path(__file__).parents[1] / "sources" / "fixtures" / "statistics" / "jsonstat2_small.json"


def entry(path: str, body: bytes, **extra: object) -> dict:
    return {"path": path, "url": f"https://example.invalid/{path}",
            "sha256": hashlib.sha256(body).hexdigest(), "format": "jsonstat",
            "encoding": "utf-8", "title": "t", "publisher": "SSB", "licence": "CC BY 4.0",
            "citation": "SSB, tabell 1", "table": "1", **extra}


@pytest.fixture
def world(tmp_path, monkeypatch):
    """A data folder with two CSV files and a catalogue of two statistics datasets; the
    user's external directory holds only the first dataset's recorded copy."""
    data = tmp_path / "data"
    (data / "public").mkdir(parents=True)
    (data / "public" / "a.csv").write_text("x\n1\n")
    (data / "public" / "b.csv").write_text("y\n2\n")
    body = FIXTURE.read_bytes()
    live = {"table": "1", "selection": {"Tid": ["*"]}}
    cat = {"datasets": {"s_one": entry("ssb/one.json", body, live=live),
                        "s_two": entry("ssb/two.json", body + b" ", live=live)}}
    (data / external.CATALOGUE_FILE).write_text(json.dumps(cat))
    ext = tmp_path / "ext"
    (ext / "ssb").mkdir(parents=True)
    (ext / "ssb" / "one.json").write_bytes(body)
    monkeypatch.setenv("INDUSTRIRAPPORTER_DATA", str(data))
    monkeypatch.setenv(external.EXTERNAL_DIR_ENV, str(ext))
    monkeypatch.setenv(external.EXTERNAL_STORE_ENV, str(tmp_path / "store"))
    monkeypatch.delenv(statistics.SOURCE_ENV, raising=False)
    return data, ext, body


def key(inputs_: dict, nb: Path) -> str:
    ctx = rebuild.KeyContext()
    return rebuild.rebuild_key(ctx.components(nb, {}, {}, inputs=inputs_))


def test_inputs_of_a_read_log(world, tmp_path):
    data, ext, _ = world
    store_live = tmp_path / "store" / "ssb" / "two.live.json"
    read = [data / "public" / "a.csv", ext / "ssb" / "one.json", store_live,
            tmp_path / "elsewhere.txt"]
    got = inputs.inputs_of(read, declared=["s_two"])
    assert got == {"data": ["public/a.csv"], "datasets": ["s_one", "s_two"]}


def test_only_the_data_files_read_count(world, tmp_path):
    data, _, _ = world
    nb = tmp_path / "nb.ipynb"
    nb.write_text("{}")
    reads_a = {"data": ["public/a.csv"], "datasets": []}
    base = key(reads_a, nb)
    (data / "public" / "b.csv").write_text("y\n3\n")
    (data / "public" / "new.csv").write_text("z\n")
    assert key(reads_a, nb) == base  # files this report does not read
    (data / "public" / "a.csv").write_text("x\n2\n")
    assert key(reads_a, nb) != base


def test_a_dataset_that_appears_changes_or_is_refreshed(world, tmp_path):
    _, ext, body = world
    nb = tmp_path / "nb.ipynb"
    nb.write_text("{}")
    uses_two = {"data": [], "datasets": ["s_two"]}
    uses_one = {"data": [], "datasets": ["s_one"]}
    assert inputs.dataset_state("s_two") == "missing"
    before_two, before_one = key(uses_two, nb), key(uses_one, nb)
    # s_two appears: only the report that uses it changes
    (ext / "ssb" / "two.json").write_bytes(body + b" ")
    assert inputs.dataset_state("s_two").startswith("recorded:")
    assert key(uses_two, nb) != before_two
    assert key(uses_one, nb) == before_one
    # a damaged copy (another file under the same name) is a change too
    after_two = key(uses_two, nb)
    (ext / "ssb" / "two.json").write_bytes(body + b"  ")
    assert inputs.dataset_state("s_two") == "damaged" and key(uses_two, nb) != after_two
    # a live answer stored by a refresh: the report reads it, so its key changes
    statistics.write_live_record("s_one", {"response": json.loads(body), "retrieved": "x"})
    assert inputs.dataset_state("s_one").startswith("live:")
    assert key(uses_one, nb) != before_one


def test_without_inputs_the_whole_data_folder_counts(world, tmp_path):
    data, _, _ = world
    nb = tmp_path / "nb.ipynb"
    nb.write_text("{}")
    ctx = rebuild.KeyContext()
    base = rebuild.rebuild_key(ctx.components(nb, {}, {}))
    (data / "public" / "b.csv").write_text("y\n3\n")
    assert rebuild.rebuild_key(rebuild.KeyContext().components(nb, {}, {})) != base


def test_theme_declares_its_datasets_without_being_imported(world, tmp_path, monkeypatch,
                                                            capsys):
    pkg = tmp_path / "pkg"
    (pkg / "themes" / "demo").mkdir(parents=True)
    (pkg / "themes" / "demo" / "__init__.py").write_text(
        'import does_not_exist  # never imported\nSTATISTICS = ("s_one", "s_two")\n')
    (pkg / "themes" / "odd.py").write_text('STATISTICS = ("s_nine",)\n')
    monkeypatch.setattr(helpers, "__file__", str(pkg / "__init__.py"))
    assert statistics.needed_by("demo") == ("s_one", "s_two")
    assert statistics.needed_by("no_such_theme") == ()
    with pytest.raises(statistics.StatisticsError, match="s_nine"):
        statistics.needed_by("odd")
    got = inputs.ensure_for_build(["demo", "demo"])
    assert got.missing == {"s_two": "no connection"}  # example.invalid does not resolve
    err = capsys.readouterr().err
    assert err.count("missing") == 1 and err.startswith("note: 1 dataset(s) missing: s_two")


def test_provenance_names_a_live_answer(world):
    from helpers.pipeline import provenance

    _, ext, body = world
    live = statistics.write_live_record("s_one", {"response": json.loads(body)})
    sources = provenance.dataset_sources([ext / "ssb" / "one.json", live])
    assert [s["name"] for s in sources] == ["s_one", "s_one"]
    assert sources[1]["origin"] == "live" and sources[1]["citation"] == "SSB, tabell 1"
