"""Build order and stage timings: longest first even on a first build; every built report
records how long each stage took."""

from __future__ import annotations

import json
from pathlib import Path

from helpers.pipeline.build import (
    DURATIONS_FILE,
    _expected_seconds,
    _known_durations,
    _load_durations,
    _store_durations,
)
from helpers.pipeline.config import load_config
from helpers.pipeline.job import Result

FIXTURE = Path(__file__).parent / "fixtures" / "pipeline"
STAGES = {"setup", "kernel_start", "cells", "kernel_shutdown", "record", "html", "pdf_layout",
          "pdf_write", "publish"}


def test_expected_seconds_prefers_what_is_known():
    collection = load_config(FIXTURE / "reports.yaml")
    hello, boom = collection.notebook("hello"), collection.notebook("boom")
    stored = {"hello:large": 7.0}
    assert _expected_seconds(hello, "small", {"duration_seconds": 3.0}, stored) == 3.0
    assert _expected_seconds(hello, "large", None, stored) == 7.0
    assert _expected_seconds(hello, "small", None, stored) == 7.0  # its notebook's mean
    # nothing known: a first build puts the bigger notebook first, both before known ones
    first = _expected_seconds(hello, "small", None, {})
    second = _expected_seconds(boom, "standard", None, {})
    assert (first > second) == (hello.path.stat().st_size > boom.path.stat().st_size)
    assert min(first, second) > 7.0


def test_durations_are_stored_in_the_output_root(tmp_path):
    results = [Result("hello", "small", "built", tmp_path, seconds=4.2),
               Result("boom", "standard", "failed", tmp_path, seconds=1.0)]
    _store_durations(tmp_path, {"hello:large": 7.0}, results)
    assert _load_durations(tmp_path) == {"hello:large": 7.0, "hello:small": 4.2}
    (tmp_path / DURATIONS_FILE).write_text("not json")
    assert _load_durations(tmp_path) == {}


def test_a_fresh_output_is_ordered_by_the_collection_s_own_durations(tmp_path):
    import shutil

    shutil.copytree(FIXTURE, tmp_path / "coll")
    collection = load_config(tmp_path / "coll" / "reports.yaml")
    (tmp_path / "coll" / "reports").mkdir()
    (tmp_path / "coll" / "reports" / DURATIONS_FILE).write_text(
        json.dumps({"boom:standard": 30.0, "hello:small": 2.0}))
    fresh = tmp_path / "fresh"
    known = _known_durations(collection, fresh, {"hello:small": 9.0})
    assert known == {"boom:standard": 30.0, "hello:small": 9.0}  # the output's own first
    boom = collection.notebook("boom")
    assert _expected_seconds(boom, "standard", None, known) == 30.0
    assert _known_durations(collection, (tmp_path / "coll" / "reports").absolute(), {}) == {}


def test_provenance_records_stage_timings(tmp_path, monkeypatch):
    from helpers.core.data import DATA_DIR_ENV
    from helpers.pipeline import run_report

    monkeypatch.setenv(DATA_DIR_ENV, str(FIXTURE / "data"))
    result = run_report("hello", {"n": 2}, tmp_path / "r", formats=("html", "pdf"),
                        config=FIXTURE / "reports.yaml")
    assert result.status == "built", result.error
    record = json.loads((tmp_path / "r" / "provenance.json").read_text())
    stages = record["stage_seconds"]
    assert set(stages) == STAGES
    assert all(v >= 0 for v in stages.values()) and stages["cells"] > 0
    assert sum(stages.values()) <= record["duration_seconds"] + 0.05
