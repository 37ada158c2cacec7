"""The build's shared work done before its reports (``helpers.pipeline.warm_up``): which
tasks a build gets, each run in its own process into the build's cache, a failing or
overrunning task left to the reports, and a warmed result used by a report exactly as if the
report had computed it."""

from __future__ import annotations

import json
import shutil
import sys
import types
from pathlib import Path

import pytest

from helpers.core import data, parse_cache, shared_results
from helpers.pipeline import provenance as prov
from helpers.pipeline import warm_up

FIXTURE_DATA = Path(__file__).parent / "fixtures" / "pipeline" / "data"


def test_tasks_are_the_themes_with_two_reports_and_a_key_after_the_data_task():
    notebooks = ["process_industry", "critical_value_chains", "process_industry",
                 "smart_specialisation", "smart_specialisation", "smart_specialisation",
                 "document_checks", "manufacturing_strategy"]
    keyed = ["process_industry", "critical_value_chains", "smart_specialisation",
             "manufacturing_strategy"]
    assert warm_up.tasks_for(notebooks, keyed) == [
        warm_up.DATA_TASK, "smart_specialisation", "process_industry"]
    # without a key (a data folder without the external catalogue) a theme is left alone
    assert warm_up.tasks_for(notebooks, ["process_industry"]) == [
        warm_up.DATA_TASK, "process_industry"]
    # one report per theme, or notebooks outside the themes: nothing to share, no task
    assert warm_up.tasks_for(["process_industry", "smart_specialisation"], keyed) == []
    assert warm_up.tasks_for(["hello", "hello", "document_checks"], keyed) == []


@pytest.fixture
def build_cache(tmp_path, monkeypatch):
    """A build's view: a data folder of its own and the kernels' cache setting."""
    folder = tmp_path / "data"
    shutil.copytree(FIXTURE_DATA, folder)
    monkeypatch.setenv(data.DATA_DIR_ENV, str(folder))
    cache = tmp_path / "cache"
    setting = shared_results.setting(cache, {"fixture_theme": "k" * 64})
    return {"data": folder, "cache": cache, "setting": setting}


def test_the_data_task_validates_every_file_once_into_the_build_cache(build_cache):
    record = warm_up.run([warm_up.DATA_TASK], build_cache["setting"], jobs=1)
    assert isinstance(record["tasks"][warm_up.DATA_TASK], float)
    stored = json.loads((build_cache["cache"] / warm_up.WARM_UP_FILE).read_text())
    assert stored["tasks"] == record["tasks"]
    files = sorted(data.catalogue(build_cache["data"]))
    valid = list((build_cache["cache"] / parse_cache.SUBFOLDER).glob("valid-*"))
    assert files and len(valid) == len(files)  # one per file of the fixture data folder


def test_a_failing_or_overrunning_task_is_left_to_the_reports(build_cache):
    record = warm_up.run(["no_such_theme"], build_cache["setting"], jobs=2)
    assert record["tasks"] == {"no_such_theme": None}  # and nothing raised
    stopped = warm_up.run([warm_up.DATA_TASK], build_cache["setting"], jobs=1, limit=0.0)
    assert stopped["tasks"] == {warm_up.DATA_TASK: None}


def test_without_a_cache_folder_nothing_runs(build_cache):
    assert warm_up.run([warm_up.DATA_TASK], "", jobs=1) == {}


def test_a_warmed_result_is_what_the_report_would_have_computed(build_cache, tmp_path,
                                                                monkeypatch):
    calls: list[int] = []

    def document_checks() -> list[float]:
        calls.append(1)
        return [float(data.load("fixture_series")["value"].sum())]

    document_checks.__module__ = "helpers.themes.fixture_theme.document_checks"
    shared = shared_results.shared_result(document_checks)
    theme = types.ModuleType("helpers.themes.fixture_theme")
    theme.document_checks = shared
    theme.not_shared = lambda: calls.append(99)
    monkeypatch.setitem(sys.modules, "helpers.themes.fixture_theme", theme)
    monkeypatch.setenv(shared_results.SHARED_CACHE_ENV, build_cache["setting"])
    assert warm_up.shared_functions(theme) == [shared]
    monkeypatch.setattr(data, "_LOADED", {})
    warm_up.warm_theme("fixture_theme")  # in this process: the worker does the same
    assert calls == [1]
    # the report: a fresh kernel with its own read log
    log = tmp_path / "read.log"
    monkeypatch.setenv(data.READ_LOG_ENV, str(log))
    monkeypatch.setattr(data, "_LOADED", {})
    assert shared() == [61.25]
    assert calls == [1]  # not computed again
    assert data.loaded() == ["fixture_series"]
    assert any(p.name == "fixture_series.csv" for p in prov.read_log(log))
