"""The local executor: each report in its own process on this machine, ``jobs`` at a time.

Workers are started by a fork server that never loads WeasyPrint; a failing or stuck report
fails alone (the watchdog kills a worker that shows no progress for longer than its stage's
limit). The Dask executor runs this same code on each of its workers, one report per task.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import multiprocessing.util
import os
import shutil
import signal
import sys
import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any

from helpers.pipeline.execute import run_job
from helpers.pipeline.executors import Interrupted
from helpers.pipeline.job import Job, Result
from helpers.pipeline.kernel import children
from helpers.pipeline.progress import Progress
from helpers.pipeline.publish import record_failure, stop_on_signal, stop_requested


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


class LocalExecutor:
    """The process pool on this machine (``build --jobs N``)."""

    def __init__(self, jobs: int | None = None) -> None:
        self.jobs = jobs or default_jobs()

    def run(self, jobs: list[Job], progress: Progress) -> list[Result]:
        return run_jobs(jobs, self.jobs, progress)


#: Imported once in the fork server, so each worker starts with them loaded. Pure Python only:
#: WeasyPrint/Pango/fontconfig state must never be inherited across a fork (a forked worker
#: once hung on a fontconfig lock held in the parent).
_PRELOAD = ["papermill", "nbformat", "nbconvert", "helpers.pipeline.execute",
            "helpers.pipeline.export_html"]
#: How long a stopped worker may take to shut its kernel down before it is killed.
STOP_GRACE = 10.0


def worker_context() -> multiprocessing.context.BaseContext:
    # forkserver: each worker is forked from a clean server process that never loaded
    # WeasyPrint, Pango or fontconfig (fork from the build's own process inherited their locks).
    if "forkserver" in multiprocessing.get_all_start_methods():
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(_PRELOAD)
        return ctx
    return multiprocessing.get_context("spawn")


def _worker(job: Job, conn: Connection, parent: int, mp_tempdir: str) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides; it stops us by SIGTERM
    signal.signal(signal.SIGTERM, stop_on_signal)
    die_with(parent)
    if job.env:
        os.environ.clear()
        os.environ.update(job.env)
    if job.cwd:
        with contextlib.suppress(OSError):
            os.chdir(job.cwd)

    def notify(stage: str, detail: str = "") -> None:
        with contextlib.suppress(OSError, ValueError):
            conn.send(("stage", stage, detail))

    try:
        try:
            result = run_job(job, notify)
        except Exception as exc:  # a bug in the pipeline itself: report it, do not hang
            last = traceback.format_exception_only(type(exc), exc)[-1].strip()
            result = Result(job.notebook, job.set_name, "failed", job.out_dir, error=last)
        conn.send(("result", result))
        conn.close()
        if stop_requested():
            raise SystemExit(128 + stop_requested())
    finally:
        if not _alive(parent) and Path(mp_tempdir).name.startswith("pymp-"):
            # the build was killed: its multiprocessing folder (the fork server's socket)
            # would stay in the temp dir for good
            shutil.rmtree(mp_tempdir, ignore_errors=True)


def _alive(pid: int) -> bool:
    """Whether ``pid`` runs; a killed build whose caller has not reaped it yet (a zombie) does
    not count."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    with contextlib.suppress(OSError, IndexError):
        if Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] == "Z":
            return False
    return True


def die_with(parent: int) -> None:
    """Stop (SIGTERM: kernel shut down, scratch removed) when the build's process is gone,
    even after ``kill -9``: Linux tells us at once when our own parent (the fork server, which
    exits with the build) dies; a thread also checks the build's process every second."""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(Exception):
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    original = os.getppid()

    def watch() -> None:
        while True:
            time.sleep(1.0)
            if not _alive(parent) or os.getppid() != original:
                os.kill(os.getpid(), signal.SIGTERM)
                return

    threading.Thread(target=watch, name="watch-build", daemon=True).start()


def _raise_interrupt(signum: int, frame: Any) -> None:
    raise KeyboardInterrupt


@dataclass
class _Running:
    job: Job
    proc: Any
    conn: Connection
    stage: str = "execute"
    detail: str = "start"
    last: float = field(default_factory=time.monotonic)
    result: Result | None = None


def run_jobs(jobs: list[Job], max_workers: int, progress: Progress,
             should_stop: Callable[[], bool] | None = None) -> list[Result]:
    """Run each job in its own process, ``max_workers`` at a time; results in finish order.

    A worker that shows no progress for longer than its stage's limit is killed and its
    report fails with the stage named. On Ctrl-C or SIGTERM (or once ``should_stop()`` is
    true: a Dask worker told that its build was cancelled) the running workers are stopped
    and ``Interrupted`` is raised carrying the results finished so far.
    """
    if not jobs:
        return []
    ctx = worker_context()
    mp_tempdir = multiprocessing.util.get_temp_dir() if ctx.get_start_method() == "forkserver" \
        else ""
    env, cwd = dict(os.environ), os.getcwd()
    for job in jobs:
        job.env, job.cwd = env, cwd
    pending = list(jobs)
    running: dict[Connection, _Running] = {}
    results: list[Result] = []
    # a Dask worker runs this in a task thread, where signals cannot be handled
    main = threading.current_thread() is threading.main_thread()
    old_term = signal.signal(signal.SIGTERM, _raise_interrupt) if main else None
    try:
        while pending or running:
            if should_stop is not None and should_stop():
                raise KeyboardInterrupt
            while pending and len(running) < max(1, max_workers):
                job = pending.pop(0)
                recv, send = ctx.Pipe(duplex=False)
                proc = ctx.Process(target=_worker, args=(job, send, os.getpid(), mp_tempdir),
                                   name=f"report {job.label}")
                proc.start()
                send.close()
                running[recv] = _Running(job, proc, recv)
                progress.started(job.label)
            wait([*running, *(r.proc.sentinel for r in running.values())], timeout=1.0)
            for conn, run in list(running.items()):
                _drain(run)
                if run.result is None and run.proc.is_alive():
                    if time.monotonic() - run.last > run.job.stage_limit(run.stage):
                        _kill_stuck(run)
                    else:
                        continue
                result = _collect(run)
                results.append(result)
                del running[conn]
                progress.finished(result)
    except KeyboardInterrupt:
        _stop(running)
        for run in running.values():  # published just before the signal: they count
            _drain(run)
            if run.result is not None and run.result.status == "built" and \
                    all(r is not run.result for r in results):
                results.append(run.result)
            run.conn.close()
        raise Interrupted(results) from None
    finally:
        if main:
            signal.signal(signal.SIGTERM, old_term)
    return results


def _drain(run: _Running) -> None:
    """Read every message the worker has sent: stages (progress) and its result."""
    try:
        while run.result is None and run.conn.poll():
            kind, *rest = run.conn.recv()
            run.last = time.monotonic()
            if kind == "stage":
                run.stage, run.detail = rest
            elif kind == "result":
                run.result = rest[0]
    except (EOFError, OSError):
        pass


def _kill_stuck(run: _Running) -> None:
    """The watchdog: kill a worker (and its kernel) that stopped making progress, keep what
    it had, and say where it stopped."""
    job = run.job
    limit = job.stage_limit(run.stage)
    where = f"{run.stage}" + (f", {run.detail}" if run.stage == "execute" and run.detail else "")
    message = (f"no progress for {limit:.0f} s in stage {where}; worker stopped by the "
               f"watchdog, previous report kept")
    _kill_tree(run.proc)
    run.result = Result(job.notebook, job.set_name, "failed", job.out_dir, error=message,
                        reason=job.reason, stage=run.stage)
    note = record_failure(job, job.staging, message, 0.0, run.stage)
    if note:
        run.result.error += f"; {note}"
    shutil.rmtree(job.staging, ignore_errors=True)


def _kill_tree(proc: Any) -> None:
    """SIGKILL a worker and its kernel (a worker stuck in C code cannot handle SIGTERM)."""
    kids = children(proc.pid) if proc.pid else []
    with contextlib.suppress(OSError):
        proc.kill()
    for pid in kids:
        with contextlib.suppress(OSError):
            os.kill(pid, signal.SIGKILL)
    proc.join(5)


def _collect(run: _Running) -> Result:
    _drain(run)
    run.conn.close()
    run.proc.join()
    if run.result is not None:
        return run.result
    job = run.job
    code = run.proc.exitcode
    why = f"killed by signal {-code}" if code is not None and code < 0 else f"exit {code}"
    message = f"worker process died ({why}) in stage {run.stage}; previous report kept"
    note = record_failure(job, job.staging, message, 0.0, run.stage)
    shutil.rmtree(job.staging, ignore_errors=True)
    return Result(job.notebook, job.set_name, "failed", job.out_dir,
                  error=message + (f"; {note}" if note else ""), reason=job.reason,
                  stage=run.stage)


def _stop(running: dict[Connection, _Running], grace: float = STOP_GRACE) -> None:
    """Ask every worker to stop (they shut their kernels down), then make sure they are gone."""
    for run in running.values():
        if run.proc.is_alive():
            run.proc.terminate()
    deadline = time.monotonic() + grace
    for run in running.values():
        run.proc.join(max(0.0, deadline - time.monotonic()))
        if run.proc.is_alive():
            _kill_tree(run.proc)
