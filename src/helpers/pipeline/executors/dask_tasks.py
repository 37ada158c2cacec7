"""What runs on a Dask worker: one report per task, built with the local executor's code into
a scratch folder of the worker's own, and sent back as bytes (never a path on the worker).

A report process runs as in a local build (its own process, the watchdog, the kernel shut down
on a stop); the build's process publishes what comes back (``dask_receive``).
"""

from __future__ import annotations

import dataclasses
import json
import multiprocessing
import os
import shutil
import socket
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from helpers.pipeline import provenance as prov
from helpers.pipeline.executors import Interrupted
from helpers.pipeline.executors.local import run_jobs
from helpers.pipeline.job import FAILED_DIR, FAILURE_FILE, Job, Result
from helpers.pipeline.progress import Progress

#: Builds whose client asked the workers to stop (see ``cancel_build``).
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
                                    staging_root=scratch / "staging", env={}, cwd="",
                                    shared_cache="")  # the worker computes them
        # Dask starts workers as daemonic processes, which multiprocessing forbids to have
        # children; each report needs its own process (papermill changes the folder, the
        # kernel's environment and output are the process's). The report processes die with
        # this worker all the same (see local.die_with).
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


def cancel_build(build_id: str) -> None:
    """Run on every worker when the build is interrupted: its running reports stop."""
    _CANCELLED.add(build_id)
