"""The Dask executor: reports run on a Dask distributed cluster and are published here.

Each stale report is one task. On a worker it runs with the local executor's code (its own
process, the watchdog, the kernel shut down on a stop) into a scratch folder of the worker's
own; the task returns the files (bytes) and the provenance record, or the partly executed
notebook of a failed run, and the build's process publishes them with the local build's
publish code. So workers need no write access to ``reports/``, and a worker lost in the middle
of a report leaves nothing half-written: Dask runs the task again on another worker, and after
``distributed.scheduler.allowed-failures`` losses the report fails.

Before anything is submitted every worker reports its project version and commit and the
rebuild-key components it would compute (helper code, theme code, data, package versions,
notebooks); a worker that differs stops the build with one line naming it and what differs.

Needs the ``cluster`` extra (``pip install -e '.[cluster]'``).
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import logging
import multiprocessing
import os
import shutil
import signal
import socket
import tempfile
import threading
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from helpers.pipeline import provenance as prov
from helpers.pipeline import rebuild
from helpers.pipeline.config import ConfigError
from helpers.pipeline.execute import (
    EXTENSIONS,
    FAILED_DIR,
    FAILURE_FILE,
    Job,
    Result,
    publish_built,
    record_failure,
)
from helpers.pipeline.executors import Interrupted
from helpers.pipeline.executors.local import default_jobs, run_jobs
from helpers.pipeline.paths import describe_os_error, inject_fault
from helpers.pipeline.progress import Progress

#: Seconds to wait for the scheduler to answer and for a first worker to join.
CONNECT_TIMEOUT = 30.0
#: Components a worker must compute exactly as this build does (parameters and render
#: options are the build's own; external data is compared only when a report reads it).
CHECKED = ("notebook", "helpers", "theme", "data", "dependencies", "external_data")
_WHAT = {
    "notebook": "notebook file differs",
    "helpers": "helper code (src/helpers) differs",
    "theme": "theme code differs",
    "data": "data differs or is missing",
    "dependencies": "package versions differ",
    "external_data": "external data differs or is missing",
}


class WorkerMismatch(ConfigError):
    """A worker cannot build what this build would (different project, data or packages)."""


def _dask() -> Any:
    try:
        import distributed
    except ImportError:
        raise ConfigError("the Dask executor needs the cluster extra: "
                          "pip install -e '.[cluster]'") from None
    return distributed


# ------------------------------------------------------------------------- on the workers

#: Builds whose client asked the workers to stop (see ``_cancel_build``).
_CANCELLED: set[str] = set()


@dataclass
class Outcome:
    """What a worker sends back for one report: never a path on the worker."""

    status: str  # "built" | "failed" | "cancelled"
    seconds: float = 0.0
    error: str = ""
    stage: str = ""
    record: dict[str, Any] | None = None
    files: dict[str, bytes] = field(default_factory=dict)  # format → content
    failed: dict[str, bytes] = field(default_factory=dict)  # partial notebook, kernel log
    worker: str = ""


def run_remote(job: Job, build_id: str) -> Outcome:
    """The task: build one report into a scratch folder of this worker and return it."""
    scratch = Path(tempfile.mkdtemp(prefix="industrirapporter-dask-"))
    # A Dask nanny sets this for its long-lived worker; the report processes (and kernels)
    # should run as in a local build, not with glibc trimming memory on every free.
    os.environ.pop("MALLOC_TRIM_THRESHOLD_", None)
    try:
        local = dataclasses.replace(job, out_dir=scratch / "report",
                                    staging_root=scratch / "staging", env={}, cwd="")
        # Dask starts workers as daemonic processes, which multiprocessing forbids to have
        # children; each report needs its own process (papermill changes the folder, the
        # kernel's environment and output are the process's). The report processes die with
        # this worker all the same (see local._die_with).
        multiprocessing.current_process()._config["daemon"] = False  # type: ignore[attr-defined]
        try:
            (result,) = run_jobs([local], 1, Progress(1, quiet=True),
                                 should_stop=lambda: build_id in _CANCELLED)
        except Interrupted:
            return Outcome("cancelled")
        return _outcome(result, local)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def _outcome(result: Result, local: Job) -> Outcome:
    out = Outcome(result.status, seconds=result.seconds, error=result.error,
                  stage=result.stage, worker=socket.gethostname())
    if result.status == "built":
        out.record = json.loads((local.out_dir / prov.FILENAME).read_text(encoding="utf-8"))
        out.files = {fmt: (local.out_dir / name).read_bytes()
                     for fmt, name in out.record["files"].items()}
        return out
    failed = local.out_dir / FAILED_DIR
    if failed.is_dir():
        out.failed = {p.name: p.read_bytes() for p in failed.iterdir()
                      if p.is_file() and p.name != FAILURE_FILE}
    return out


def _cancel_build(build_id: str) -> None:
    """Run on every worker when the build is interrupted: its running reports stop."""
    _CANCELLED.add(build_id)


def worker_state(notebooks: list[str], external: bool,
                 reports: list[tuple[str, str, dict[str, Any] | None]] = ()) -> dict[str, Any]:
    """What this worker would put into a report's rebuild key, per notebook path, and per
    report (label, notebook path, what its last build read) with the same inputs as the
    client's key."""
    from helpers.core.data import data_dir

    context = rebuild.KeyContext()
    components: dict[str, dict[str, str] | None] = {}
    for path in notebooks:
        try:
            components[path] = context.components(Path(path), {}, {}, external)
        except OSError:
            components[path] = None
    by_label: dict[str, dict[str, str] | None] = {}
    for label, path, inputs in reports:
        try:
            by_label[label] = context.components(Path(path), {}, {}, external, inputs=inputs)
        except OSError:
            by_label[label] = None
    return {
        "by_label": by_label,
        **_project(),
        "host": socket.gethostname(),
        "data_dir": str(data_dir()),
        "components": components,
    }


def _project() -> dict[str, str]:
    """The installed project's version and the commit of its source tree."""
    from importlib import metadata

    from helpers.core.data import project_root

    try:
        version = metadata.version("industrirapporter")
    except metadata.PackageNotFoundError:
        version = "not installed"
    return {"version": version, "commit": prov.git_state(project_root())["commit"]}


# ------------------------------------------------------------------------- on the client

def check_workers(states: dict[str, Any], jobs: list[Job]) -> None:
    """Raise ``WorkerMismatch`` (one line per worker) unless every worker would compute the
    same rebuild-key components as this build for every job (``states``: what
    ``worker_state`` returned on each, or the exception it raised there)."""
    mine = _project()
    version, commit = mine["version"], mine["commit"]
    lines = []
    for address, state in sorted(states.items()):
        if isinstance(state, BaseException):  # e.g. the project is not installed there
            first = (str(state).splitlines() or [""])[0]
            lines.append(f"worker {address} cannot run the project's code: "
                         f"{type(state).__name__}: {first}".rstrip(": "))
            continue
        problems: list[str] = []
        if state["version"] != version or state["commit"] != commit:
            problems.append(f"project {state['version']} at commit {state['commit'][:12]} "
                            f"(this build: {version} at {commit[:12]})")
        for job in jobs:
            by_label = state.get("by_label") or {}
            theirs = (by_label[job.label] if job.label in by_label
                      else state["components"].get(str(job.nb_path)))
            if theirs is None:
                problems.append(f"notebook {job.nb_path} missing")
                continue
            for name in CHECKED:
                if name in job.components and theirs.get(name) != job.components[name]:
                    what = _WHAT[name]
                    if name == "data":
                        what = f"data in {state['data_dir']} differs or is missing"
                    elif name in ("notebook", "theme"):
                        what = f"{what} ({job.notebook})"
                    problems.append(what)
        if problems:
            lines.append(f"worker {address} ({state['host']}) cannot build these reports: "
                         + "; ".join(dict.fromkeys(problems)))
    if lines:
        raise WorkerMismatch("\n".join(lines))


class DaskExecutor:
    """Reports as tasks on a Dask cluster: the scheduler at ``scheduler``
    (``tcp://HOST:PORT``), or a ``LocalCluster`` of ``workers`` processes on this machine."""

    def __init__(self, scheduler: str | None = None, workers: int | None = None) -> None:
        _dask()
        self.scheduler = scheduler
        self.workers = workers or default_jobs()

    @contextlib.contextmanager
    def _client(self) -> Iterator[Any]:
        distributed = _dask()
        cluster = None
        try:
            if self.scheduler:
                client = distributed.Client(self.scheduler, timeout=CONNECT_TIMEOUT,
                                            set_as_default=False)
            else:
                with _sigint_ignored():
                    cluster = distributed.LocalCluster(
                        n_workers=self.workers, threads_per_worker=1, processes=True,
                        host="127.0.0.1", dashboard_address=None, silence_logs=logging.ERROR,
                    )
                client = distributed.Client(cluster, set_as_default=False)
        except (OSError, TimeoutError) as exc:
            if cluster is not None:
                cluster.close()
            raise ConfigError(f"cannot reach the Dask scheduler at {self.scheduler}: "
                              f"{exc}") from None
        try:
            try:
                client.wait_for_workers(1, timeout=CONNECT_TIMEOUT)
            except TimeoutError:
                raise ConfigError(f"no Dask worker joined the scheduler at {self.scheduler} "
                                  f"within {CONNECT_TIMEOUT:.0f} s; start one with "
                                  f"`dask worker {self.scheduler}`") from None
            yield client
        finally:
            client.close()
            if cluster is not None:
                cluster.close()

    def run(self, jobs: list[Job], progress: Progress) -> list[Result]:
        if not jobs:
            return []
        with self._client() as client:
            external = any("external_data" in j.components for j in jobs)
            paths = sorted({str(j.nb_path) for j in jobs})
            reports = [(j.label, str(j.nb_path), j.inputs) for j in jobs]
            check_workers(client.run(worker_state, paths, external, reports, on_error="return"),
                          jobs)
            return self._run(client, jobs, progress)

    def _run(self, client: Any, jobs: list[Job], progress: Progress) -> list[Result]:
        distributed = _dask()
        build_id = uuid.uuid4().hex
        pending = list(jobs)  # longest first, as the build ordered them
        running: dict[Any, Job] = {}
        results: list[Result] = []
        done = distributed.as_completed(loop=client.loop)
        main = threading.current_thread() is threading.main_thread()
        old_term = signal.signal(signal.SIGTERM, _raise_interrupt) if main else None
        try:
            while pending or running:
                # as many tasks as the cluster has threads: the order stays longest first,
                # and the terminal shows what actually runs
                slots = max(1, sum(client.nthreads().values())) if pending else 0
                while pending and len(running) < slots:
                    job = pending.pop(0)
                    future = client.submit(run_remote, job, build_id, pure=False,
                                           key=f"report-{job.stem}-{build_id[:8]}")
                    running[future] = job
                    done.add(future)
                    progress.started(job.label)
                future = next(done)
                job = running.pop(future)
                result = _receive(future, job)
                results.append(result)
                progress.finished(result)
                if _DEFERRED:  # a stop that arrived while the report was being published
                    _DEFERRED.clear()
                    raise KeyboardInterrupt
        except KeyboardInterrupt:
            with _signals_deferred():  # a second Ctrl-C must not cut this short
                with contextlib.suppress(Exception):
                    client.cancel(list(running), force=True)
                with contextlib.suppress(Exception):  # the workers stop the running reports
                    client.run(_cancel_build, build_id, on_error="ignore")
            _DEFERRED.clear()
            raise Interrupted(results) from None
        finally:
            if main:
                signal.signal(signal.SIGTERM, old_term)
        return results


@contextlib.contextmanager
def _sigint_ignored() -> Iterator[None]:
    """Start the LocalCluster's processes with Ctrl-C ignored (they inherit it): Ctrl-C on the
    terminal reaches the whole process group, and the build stops them itself, without each
    worker printing a traceback. A Ctrl-C during the few seconds of the start is ignored."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    old = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, old)


def _raise_interrupt(signum: int, frame: Any) -> None:
    raise KeyboardInterrupt


#: Ctrl-C or SIGTERM that arrived while a report was being published.
_DEFERRED: list[int] = []


@contextlib.contextmanager
def _signals_deferred() -> Iterator[None]:
    """Ctrl-C or SIGTERM while a report is being published takes effect once it is in place
    and counted (``_DEFERRED``, checked by the loop)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    old = {s: signal.signal(s, lambda n, f: _DEFERRED.append(n))
           for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for s, handler in old.items():
            signal.signal(s, handler)


def _receive(future: Any, job: Job) -> Result:
    """Publish what the worker returned (or keep its failure), as the local build would."""
    try:
        outcome: Outcome = future.result()
    except Exception as exc:  # KilledWorker, a task that could not even start ...
        name = type(exc).__name__
        why = "the workers running it died" if name == "KilledWorker" else \
            f"{name}: {str(exc).splitlines()[0] if str(exc) else ''}".rstrip(": ")
        return _fail(job, f"lost on the cluster ({why}); previous report kept", 0.0,
                     "execute", {})
    if outcome.status == "cancelled":  # only after the build was interrupted
        raise KeyboardInterrupt
    if outcome.status != "built" or outcome.record is None:
        return _fail(job, outcome.error, outcome.seconds, outcome.stage or "execute",
                     outcome.failed)
    staging = job.staging
    with _signals_deferred():
        try:
            shutil.rmtree(staging, ignore_errors=True)
            staging.mkdir(parents=True)
            files = {}
            for fmt, content in outcome.files.items():
                files[fmt] = staging / f"{job.stem}{EXTENSIONS[fmt]}"
                files[fmt].write_bytes(content)
            inject_fault("publish", job.out_dir, job.label)
            published = publish_built(job, staging, files, outcome.record)
        except OSError as exc:
            return _fail(job, f"publish: {describe_os_error(exc)}", outcome.seconds,
                         "publish", {})
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    return Result(job.notebook, job.set_name, "built", job.out_dir, seconds=outcome.seconds,
                  files=published, reason=job.reason)


def _fail(job: Job, message: str, seconds: float, stage: str,
          kept: dict[str, bytes]) -> Result:
    """Keep the worker's partial notebook and kernel log in ``<report>/failed/``."""
    staging = job.staging
    with _signals_deferred():
        note = None
        try:
            shutil.rmtree(staging, ignore_errors=True)
            staging.mkdir(parents=True)
            for name, content in kept.items():
                (staging / name).write_bytes(content)
        except OSError as exc:
            note = f"the failure could not be kept either ({describe_os_error(exc)})"
        else:
            note = record_failure(job, staging, message, seconds, stage)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    return Result(job.notebook, job.set_name, "failed", job.out_dir, seconds=seconds,
                  error=message if note is None else f"{message}; {note}",
                  reason=job.reason, stage=stage)
