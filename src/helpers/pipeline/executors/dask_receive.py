"""Back in the build's process: publish what a Dask worker returned for a report with the
local build's publish code, or keep its failure in ``<report>/failed/``. A stop signal that
arrives while a report is being published takes effect once it is in place and counted."""

from __future__ import annotations

import contextlib
import shutil
import signal
import threading
from collections.abc import Iterator
from typing import Any

from helpers.pipeline.executors.dask_tasks import Outcome
from helpers.pipeline.job import EXTENSIONS, Job, Result
from helpers.pipeline.paths import describe_os_error, inject_fault
from helpers.pipeline.publish import publish_built, record_failure

#: Ctrl-C or SIGTERM that arrived while a report was being published.
DEFERRED: list[int] = []


@contextlib.contextmanager
def signals_deferred() -> Iterator[None]:
    """Ctrl-C or SIGTERM while a report is being published takes effect once it is in place
    and counted (``DEFERRED``, checked by the executor's loop)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    old = {s: signal.signal(s, lambda n, f: DEFERRED.append(n))
           for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for s, handler in old.items():
            signal.signal(s, handler)


def receive(future: Any, job: Job) -> Result:
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
    with signals_deferred():
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
    with signals_deferred():
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
