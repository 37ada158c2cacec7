"""The Dask executor: reports run on a Dask distributed cluster and are published here.

Each stale report is one task (``dask_tasks``): on a worker it runs with the local executor's
code into a scratch folder of the worker's own and comes back as bytes, and the build's process
publishes it with the local build's publish code (``dask_receive``). So workers need no write
access to ``reports/``, and a worker lost in the middle of a report leaves nothing
half-written: Dask runs the task again on another worker, and after
``distributed.scheduler.allowed-failures`` losses the report fails. Before anything is
submitted every worker is checked (``dask_workers``).

This module connects to the cluster and keeps it busy, longest report first. Needs the
``cluster`` extra (``pip install -e '.[cluster]'``).
"""

from __future__ import annotations

import contextlib
import logging
import signal
import threading
import uuid
from collections.abc import Iterator
from typing import Any

from helpers.pipeline.config import ConfigError
from helpers.pipeline.executors import Interrupted
from helpers.pipeline.executors.dask_receive import DEFERRED, receive, signals_deferred
from helpers.pipeline.executors.dask_tasks import cancel_build, run_remote
from helpers.pipeline.executors.dask_workers import check_workers, worker_state
from helpers.pipeline.executors.local import default_jobs
from helpers.pipeline.job import Job, Result
from helpers.pipeline.progress import Progress

#: Seconds to wait for the scheduler to answer and for a first worker to join.
CONNECT_TIMEOUT = 30.0


def _dask() -> Any:
    try:
        import distributed
    except ImportError:
        raise ConfigError("the Dask executor needs the cluster extra: "
                          "pip install -e '.[cluster]'") from None
    return distributed


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
                result = receive(future, job)
                results.append(result)
                progress.finished(result)
                if DEFERRED:  # a stop that arrived while the report was being published
                    DEFERRED.clear()
                    raise KeyboardInterrupt
        except KeyboardInterrupt:
            with signals_deferred():  # a second Ctrl-C must not cut this short
                with contextlib.suppress(Exception):
                    client.cancel(list(running), force=True)
                with contextlib.suppress(Exception):  # the workers stop the running reports
                    client.run(cancel_build, build_id, on_error="ignore")
            DEFERRED.clear()
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
