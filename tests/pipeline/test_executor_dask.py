"""The Dask executor against a real scheduler and two worker processes on 127.0.0.1.

The module starts ``dask scheduler`` and two ``dask worker`` processes (each with a nanny, one
thread) and stops them at the end; every build is the real command line
(``build --executor dask --scheduler tcp://...``) on a copy of the fixture collection, HTML
only to keep it fast.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("distributed", reason="the cluster extra (dask distributed) is not installed")

from distributed import Client  # noqa: E402
from filelock import FileLock  # noqa: E402
from test_pipeline_build import cli, set_in_config, snapshot  # noqa: E402

from helpers.core.data import DATA_DIR_ENV  # noqa: E402
from helpers.pipeline.executors.dask_workers import WorkerMismatch, check_workers  # noqa: E402

pytestmark = pytest.mark.timeout(600)

FIXTURE = Path(__file__).parent / "fixtures" / "pipeline"
BIN = Path(sys.executable).parent
#: The fixture's sets plus a slow one (for the kill and interrupt tests) and a failing one.
SETS = {
    "      large: {n: 5, label: b}\n":
        "      large: {n: 5, label: b}\n      slow: {n: 4, pause: 25.0}\n",
    "      standard: {x: 1}\n": "      standard: {x: 1}\n      bad: {x: 1}\n",
}
GOOD = ["hello:small", "hello:large", "boom:standard"]


def copy_collection(base: Path) -> Path:
    import shutil

    shutil.copytree(FIXTURE, base / "coll")
    for old, new in SETS.items():
        set_in_config(base, old, new)
    return base


class LocalDask:
    """``dask scheduler`` and ``workers`` ``dask worker`` processes on 127.0.0.1."""

    def __init__(self, folder: Path, workers: int, env: dict[str, str]) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.procs: list[subprocess.Popen] = []
        scheduler_file = folder / "scheduler.json"
        self.procs.append(subprocess.Popen(
            [str(BIN / "dask"), "scheduler", "--host", "127.0.0.1", "--port", "0",
             "--no-dashboard", "--scheduler-file", str(scheduler_file)],
            env=env, stdout=subprocess.DEVNULL, stderr=open(folder / "scheduler.log", "w"),
        ))
        deadline = time.monotonic() + 60
        while not scheduler_file.is_file() or not scheduler_file.read_text().strip():
            if time.monotonic() > deadline or self.procs[0].poll() is not None:
                self.stop()
                pytest.fail("the dask scheduler did not start; see " + str(folder))
            time.sleep(0.2)
        time.sleep(0.2)  # the file is written in one go, but give it a moment
        self.address = json.loads(scheduler_file.read_text())["address"]
        for i in range(workers):
            self.procs.append(subprocess.Popen(
                [str(BIN / "dask"), "worker", self.address, "--host", "127.0.0.1",
                 "--nthreads", "1", "--no-dashboard", "--name", f"w{i}",
                 "--local-directory", str(folder / f"w{i}")],
                env=env, stdout=subprocess.DEVNULL, stderr=open(folder / f"worker{i}.log", "w"),
            ))
        self.client = Client(self.address, timeout=30, set_as_default=False)
        self.wait_for(workers)

    def wait_for(self, workers: int) -> None:
        self.client.wait_for_workers(workers, timeout=120)

    def worker_pids(self) -> dict[str, int]:
        return self.client.run(os.getpid)

    def stop(self) -> None:
        if getattr(self, "client", None) is not None:
            self.client.close()
        for proc in reversed(self.procs):  # workers first, then the scheduler
            if proc.poll() is None:
                proc.terminate()
        for proc in self.procs:
            try:
                proc.wait(30)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(10)


def environment(base: Path) -> dict[str, str]:
    return {**os.environ, DATA_DIR_ENV: str(base / "coll" / "data")}


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[LocalDask, Path]]:
    """A scheduler and two workers that see the collection's data; the collection's copy."""
    base = copy_collection(tmp_path_factory.mktemp("dask"))
    dask = LocalDask(base / "cluster", 2, environment(base))
    try:
        yield dask, base
    finally:
        dask.stop()


@pytest.fixture
def dask(cluster: tuple[LocalDask, Path], tmp_path: Path) -> tuple[LocalDask, Path, Path]:
    """The cluster with both workers up, and a fresh output folder for the test."""
    local, base = cluster
    local.wait_for(2)
    out = tmp_path / "reports"
    return local, Path(base), out


def build(base: Path, out: Path, address: str, *more: str) -> subprocess.CompletedProcess:
    return cli(base, "build", "--output-dir", str(out), "--formats", "html",
               "--executor", "dask", "--scheduler", address, *more,
               extra_env={DATA_DIR_ENV: str(base / "coll" / "data")})


def published(out: Path, label: str) -> dict:
    """The provenance of a published report, after checking every file it lists is there."""
    notebook, set_name = label.split(":")
    folder = out / notebook / set_name
    record = json.loads((folder / "provenance.json").read_text(encoding="utf-8"))
    for name in record["files"].values():
        assert (folder / name).is_file(), f"{label}: {name} listed but missing"
    return record


def assert_clean(out: Path) -> None:
    assert not (out / ".staging").exists()
    with FileLock(str(out / ".build.lock"), timeout=0):
        pass  # released


def test_build_publishes_every_report_and_a_rebuild_submits_nothing(dask):
    local, base, out = dask
    proc = build(base, out, local.address, *GOOD)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "3 built" in proc.stdout
    for label in GOOD:
        record = published(out, label)
        assert set(record["files"]) == {"ipynb", "html"}
        assert record["status"] == "built" and record["stage_seconds"]["cells"] >= 0
        html = (out / label.replace(":", "/") / record["files"]["html"]).read_text("utf-8")
        assert record["title"] in html
    assert_clean(out)
    before = snapshot(out)
    # nothing stale, nothing submitted: the build does not even connect (no scheduler there)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        nobody = f"tcp://127.0.0.1:{s.getsockname()[1]}"
    again = build(base, out, nobody, *GOOD)
    assert again.returncode == 0, again.stdout + again.stderr
    assert "3 up to date" in again.stdout
    after = snapshot(out)
    assert {k: v for k, v in after.items() if k != "index.html"} == \
        {k: v for k, v in before.items() if k != "index.html"}


def test_one_report_fails_the_others_are_published_and_its_good_report_kept(dask):
    local, base, out = dask
    first = build(base, out, local.address, "boom:bad")
    assert first.returncode == 0, first.stdout + first.stderr
    good = (out / "boom" / "bad" / "boom-bad.html").read_bytes()
    good_record = (out / "boom" / "bad" / "provenance.json").read_bytes()
    try:
        set_in_config(base, "bad: {x: 1}", "bad: {x: 7}")
        proc = build(base, out, local.address, "boom:bad", "hello:small", "hello:large")
    finally:
        set_in_config(base, "bad: {x: 7}", "bad: {x: 1}")
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "2 built, 1 failed" in proc.stdout
    summary = proc.stdout.split("failed reports", 1)[1]
    assert "boom [bad]" in summary and "cell 3" in summary, summary
    published(out, "hello:small"), published(out, "hello:large")
    folder = out / "boom" / "bad"
    assert (folder / "boom-bad.html").read_bytes() == good
    assert (folder / "provenance.json").read_bytes() == good_record
    failure = json.loads((folder / "failed" / "failure.json").read_text("utf-8"))
    assert failure["set"] == "bad" and "cell 3" in failure["error"]
    # the partly executed notebook came back from the worker and is kept here
    partial = Path(failure["partial_notebook"])
    assert partial == folder / "failed" / "boom-bad.ipynb" and partial.is_file()
    assert json.loads(partial.read_text("utf-8"))["cells"]
    assert_clean(out)


def running_on(local: LocalDask, stem: str, timeout: float = 120) -> str:
    """The address of the worker running the task of report ``stem``."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for address, keys in local.client.processing().items():
            if any(stem in str(k) for k in keys):
                return address
        time.sleep(0.2)
    pytest.fail(f"no worker took {stem} within {timeout:.0f} s")


def test_a_worker_killed_mid_build_leaves_nothing_half_written(dask):
    local, base, out = dask
    pids = local.worker_pids()
    proc = subprocess.Popen(
        [sys.executable, "-m", "helpers", "--config", str(base / "coll" / "reports.yaml"),
         "build", "--output-dir", str(out), "--formats", "html", "--executor", "dask",
         "--scheduler", local.address, "hello:slow", "hello:small"],
        env=environment(base), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        victim = running_on(local, "hello-slow")
        time.sleep(3)  # the report's kernel is running its cells
        os.kill(pids[victim], signal.SIGKILL)
        stdout, stderr = proc.communicate(timeout=400)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    # Dask ran the report again on the other worker; either way nothing is half-written
    folder = out / "hello" / "slow"
    if proc.returncode == 0:
        assert "2 built" in stdout
        published(out, "hello:slow")
    else:
        assert proc.returncode == 1, stdout + stderr
        assert "lost on the cluster" in stdout
        assert not (folder / "provenance.json").exists()
        assert not list(folder.glob("*.html"))
    published(out, "hello:small")
    assert_clean(out)


def test_an_interrupted_build_cancels_the_rest_and_keeps_good_reports(dask):
    local, base, out = dask
    first = build(base, out, local.address, "hello:large")
    assert first.returncode == 0, first.stdout + first.stderr
    good = snapshot(out / "hello" / "large")
    proc = subprocess.Popen(
        [sys.executable, "-m", "helpers", "--config", str(base / "coll" / "reports.yaml"),
         "build", "--output-dir", str(out), "--formats", "html", "--executor", "dask",
         "--scheduler", local.address, "--force", "hello:slow", "hello:large", "hello:small"],
        env=environment(base), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        running_on(local, "hello-slow")
        time.sleep(3)
        proc.send_signal(signal.SIGINT)
        stdout, stderr = proc.communicate(timeout=120)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == 130, stdout + stderr
    assert not (out / "hello" / "slow" / "provenance.json").exists()
    assert not list((out / "hello").glob("slow/*.html"))
    # a report is either the old good one or a complete new one
    now = snapshot(out / "hello" / "large")
    if now != good:
        published(out, "hello:large")
    assert_clean(out)
    # the workers stop the cancelled report (its process and kernel) well before its pause
    # would have ended: no worker has grandchildren (the fork server's report processes) left
    assert not any(local.client.processing().values())
    pids = local.worker_pids().values()
    deadline = time.monotonic() + 20
    while any(children(kid) for pid in pids for kid in children(pid)):
        assert time.monotonic() < deadline, "a cancelled report still runs on a worker"
        time.sleep(0.5)


def children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(stat.parent.name))
        except (OSError, ValueError, IndexError):
            continue
    return found


def test_a_worker_without_the_data_stops_the_build_before_anything_runs(tmp_path):
    base = copy_collection(tmp_path)
    empty = tmp_path / "no-data"
    empty.mkdir()
    other = LocalDask(tmp_path / "cluster", 1, {**os.environ, DATA_DIR_ENV: str(empty)})
    try:
        proc = build(base, tmp_path / "reports", other.address, "hello:small")
    finally:
        other.stop()
    assert proc.returncode == 2, proc.stdout + proc.stderr
    lines = [x for x in proc.stderr.splitlines() if x.strip()]
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith("error: worker tcp://127.0.0.1:")
    assert f"data in {empty} differs or is missing" in lines[0]
    assert not (tmp_path / "reports" / "hello").exists()


def test_check_workers_names_the_worker_and_what_differs():
    from helpers.pipeline.executors.dask_workers import project_state
    from helpers.pipeline.job import Job

    comps = {"notebook": "n", "helpers": "h", "theme": "t", "data": "d",
             "dependencies": "p", "parameters": "x", "render": "r"}
    job = Job(notebook="hello", set_name="small", title="t", nb_path=Path("/nb/hello.ipynb"),
              params={}, out_dir=Path("/out"), staging_root=Path("/out/.staging"),
              formats=("html",), show_code=False, cell_timeout=60, components=comps,
              git={}, stem="hello-small")
    me = project_state()
    same = {**me, "host": "h1", "data_dir": "/d",
            "components": {"/nb/hello.ipynb": {**comps, "parameters": "other"}}}
    check_workers({"tcp://a:1": same}, [job])  # parameters are the build's own
    old = {**same, "commit": "0" * 40, "host": "h2",
           "components": {"/nb/hello.ipynb": {**comps, "dependencies": "q"}}}
    missing = {**same, "host": "h3", "components": {"/nb/hello.ipynb": None}}
    broken = ModuleNotFoundError("No module named 'helpers'")
    with pytest.raises(WorkerMismatch) as caught:
        check_workers({"tcp://a:1": same, "tcp://b:2": old, "tcp://c:3": missing,
                       "tcp://d:4": broken}, [job])
    lines = str(caught.value).splitlines()
    assert len(lines) == 3
    assert lines[2] == ("worker tcp://d:4 cannot run the project's code: "
                        "ModuleNotFoundError: No module named 'helpers'")
    assert lines[0].startswith("worker tcp://b:2 (h2) cannot build these reports: project")
    assert "at commit 000000000000" in lines[0] and "package versions differ" in lines[0]
    assert lines[1] == ("worker tcp://c:3 (h3) cannot build these reports: notebook "
                        "/nb/hello.ipynb missing")


def test_local_cluster_when_no_scheduler_is_given(tmp_path):
    base = copy_collection(tmp_path)
    proc = cli(base, "build", "--output-dir", str(tmp_path / "reports"), "--formats", "html",
               "--executor", "dask", "--jobs", "1", "hello:small",
               extra_env={DATA_DIR_ENV: str(base / "coll" / "data")})
    assert proc.returncode == 0, proc.stdout + proc.stderr
    published(tmp_path / "reports", "hello:small")
