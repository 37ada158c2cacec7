"""Results shared between the reports of a build (``helpers.core.shared_results``): computed
once, reused while nothing they read changed, recomputed after a change or from a damaged
entry, and recorded in the report's read log and loaded datasets either way."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from helpers.core import data, parse_cache, shared_results
from helpers.pipeline import provenance as prov
from helpers.pipeline import rebuild, shared_cache

FIXTURE_DATA = Path(__file__).parent / "fixtures" / "pipeline" / "data"


@pytest.fixture
def kernel(tmp_path, monkeypatch):
    """A kernel's view: a data folder of its own, a read log, and no datasets loaded yet."""
    folder = tmp_path / "data"
    shutil.copytree(FIXTURE_DATA, folder)
    monkeypatch.setenv(data.DATA_DIR_ENV, str(folder))
    log = tmp_path / "read.log"
    monkeypatch.setenv(data.READ_LOG_ENV, str(log))
    monkeypatch.setattr(data, "_LOADED", {})
    monkeypatch.setattr(data, "_OUTSIDE", {})
    return {"data": folder, "log": log, "cache": tmp_path / "cache"}


def theme_function(calls: list[int]):
    """A theme's checks in the making: sums the fixture series and counts its own runs."""

    def document_checks() -> list[float]:
        calls.append(1)
        frame = data.load("fixture_series")
        data.note_loaded("published_table", {"title": "Publisert tabell", "citation": "SSB"})
        return [float(frame["value"].sum())]

    document_checks.__module__ = "helpers.themes.fixture_theme.document_checks"
    return shared_results.shared_result(document_checks)


def use_cache(monkeypatch, folder: Path, key: str = "k" * 64) -> None:
    monkeypatch.setenv(shared_results.SHARED_CACHE_ENV,
                       shared_results.setting(folder, {"fixture_theme": key}))


def new_report(kernel, monkeypatch) -> None:
    """The next report's kernel: a fresh read log and nothing loaded."""
    kernel["log"].unlink(missing_ok=True)
    monkeypatch.setattr(data, "_LOADED", {})
    monkeypatch.setattr(data, "_OUTSIDE", {})


def test_a_cached_result_is_reused_with_the_same_reads_and_loaded_datasets(kernel, monkeypatch):
    use_cache(monkeypatch, kernel["cache"])
    calls: list[int] = []
    checks = theme_function(calls)
    data.load("fixture_series")  # the report itself loaded it before: still counted below
    first = checks()
    reads, loaded = prov.read_log(kernel["log"]), data.loaded()
    new_report(kernel, monkeypatch)
    second = checks()
    assert calls == [1]
    assert second == first == [61.25]
    assert prov.read_log(kernel["log"]) == reads
    assert data.loaded() == loaded == ["fixture_series", "published_table"]
    assert data.sources("published_table")["citation"] == "SSB"
    assert len(list(kernel["cache"].glob("*.pickle"))) == 1


def test_a_changed_input_file_invalidates_the_result(kernel, monkeypatch):
    use_cache(monkeypatch, kernel["cache"])
    calls: list[int] = []
    checks = theme_function(calls)
    assert checks() == [61.25]
    csv = kernel["data"] / "public" / "fixture_series.csv"
    csv.write_text(csv.read_text().replace("10.5", "20.5"))
    new_report(kernel, monkeypatch)
    assert checks() == [71.25]
    assert calls == [1, 1]
    new_report(kernel, monkeypatch)
    assert checks() == [71.25]  # the new result is stored in turn
    assert calls == [1, 1]


def test_a_changed_key_computes_anew(kernel, monkeypatch):
    calls: list[int] = []
    checks = theme_function(calls)
    use_cache(monkeypatch, kernel["cache"], key="a" * 64)
    checks()
    use_cache(monkeypatch, kernel["cache"], key="b" * 64)  # e.g. the theme's code changed
    checks()
    assert calls == [1, 1]


@pytest.mark.parametrize("damage", [b"", b"not a pickle", b"\x80\x05K\x01."])
def test_a_damaged_cache_file_is_ignored_and_replaced(kernel, monkeypatch, damage):
    use_cache(monkeypatch, kernel["cache"])
    calls: list[int] = []
    checks = theme_function(calls)
    checks()
    (entry,) = kernel["cache"].glob("*.pickle")
    entry.write_bytes(damage)
    new_report(kernel, monkeypatch)
    assert checks() == [61.25]
    assert calls == [1, 1]
    assert prov.read_log(kernel["log"]) == [
        (kernel["data"] / "public" / name).resolve()
        for name in ("fixture_series.csv", "fixture_series.resource.json")]
    new_report(kernel, monkeypatch)
    checks()
    assert calls == [1, 1]  # rewritten whole


def test_without_a_build_every_call_computes_and_nothing_is_written(kernel, monkeypatch):
    monkeypatch.delenv(shared_results.SHARED_CACHE_ENV, raising=False)
    calls: list[int] = []
    checks = theme_function(calls)
    assert checks() == checks() == [61.25]
    assert calls == [1, 1]
    assert not kernel["cache"].exists()
    assert data.loaded() == ["fixture_series", "published_table"]


def test_a_failing_computation_is_not_stored_and_its_reads_still_count(kernel, monkeypatch):
    use_cache(monkeypatch, kernel["cache"])

    def document_checks() -> None:
        data.load("fixture_series")
        raise ValueError("broken")

    document_checks.__module__ = "helpers.themes.fixture_theme.document_checks"
    with pytest.raises(ValueError, match="broken"):
        shared_results.shared_result(document_checks)()
    assert not list(kernel["cache"].glob("*.pickle"))
    assert data.loaded() == ["fixture_series"]
    assert len(prov.read_log(kernel["log"])) == 2


def test_the_build_keys_each_theme_and_removes_entries_no_key_uses(tmp_path):
    out = tmp_path / "reports"
    context = rebuild.KeyContext()
    value = json.loads(shared_cache.prepare(out, context))
    assert value["dir"] == str((out / shared_cache.CACHE_DIR).absolute())
    assert set(value["keys"]) == set(rebuild.theme_names())
    current = next(iter(value["keys"].values()))[:32]
    folder = out / shared_cache.CACHE_DIR
    folder.mkdir(parents=True)
    kept = folder / f"helpers.themes.x.document_checks-{current}.pickle"
    stale = folder / f"helpers.themes.x.document_checks-{'0' * 32}.pickle"
    parse = folder / parse_cache.SUBFOLDER / "table-x-0123.pickle"  # last build's parse
    parse.parent.mkdir()
    for path in (kept, stale, parse):
        path.write_bytes(b"x")
    assert json.loads(shared_cache.prepare(out, context)) == value
    assert kept.exists() and not stale.exists() and not parse.exists()
    shared_cache.prepare(out, context, force=True)
    assert not folder.exists()


def fixture_job(tmp_path, shared: str):
    from helpers.pipeline.job import Job

    return Job(notebook="hello", set_name="small", title="t",
               nb_path=FIXTURE_DATA.parent / "notebooks" / "hello.ipynb", params={},
               out_dir=tmp_path / "out", staging_root=tmp_path / "staging", formats=("html",),
               show_code=False, cell_timeout=60, components={}, git={}, stem="hello-small",
               shared_cache=shared)


def test_a_kernel_sees_the_build_s_cache_and_no_other(tmp_path, monkeypatch):
    import os
    import tempfile

    from helpers.pipeline import kernel

    monkeypatch.setattr(os, "environ", dict(os.environ))
    monkeypatch.setattr(tempfile, "tempdir", tempfile.tempdir)
    value = shared_results.setting(tmp_path / "cache", {"fixture_theme": "k" * 64})
    job = fixture_job(tmp_path, value)
    job.staging.mkdir(parents=True)
    kernel.kernel_environment(job, tmp_path / "read.log")
    assert os.environ[shared_results.SHARED_CACHE_ENV] == value
    kernel.kernel_environment(fixture_job(tmp_path, ""), tmp_path / "read.log")
    assert shared_results.SHARED_CACHE_ENV not in os.environ  # not inherited from a build


def test_a_dask_worker_computes_shared_results_itself(tmp_path, monkeypatch):
    from helpers.pipeline.executors import dask_tasks
    from helpers.pipeline.job import Result

    seen = []

    def run_jobs(jobs, *args, **kwargs):
        seen.extend(jobs)
        return [Result("hello", "small", "failed", jobs[0].out_dir, error="stopped here")]

    monkeypatch.setattr(dask_tasks, "run_jobs", run_jobs)
    job = fixture_job(tmp_path, shared_results.setting(tmp_path / "cache", {"x": "k" * 64}))
    outcome = dask_tasks.run_remote(job, "build-1")
    assert outcome.status == "failed" and outcome.error == "stopped here"
    assert [j.shared_cache for j in seen] == [""]  # the build's folder is not on the worker
