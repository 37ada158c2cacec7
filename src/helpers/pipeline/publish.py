"""Putting a finished report in place, and keeping a failed one beside it.

A finished report replaces the previous one file by file with ``os.replace``, ``provenance.json``
last, and a stop signal that arrives meanwhile waits until it is in place. A failed run keeps
its partly executed notebook, its kernel log and ``failure.json`` in ``<report>/failed/``,
never over the last good report.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from helpers.pipeline import provenance as prov
from helpers.pipeline.job import EXTENSIONS, FAILED_DIR, FAILURE_FILE, KERNEL_LOG, Job
from helpers.pipeline.paths import atomic_write, describe_os_error, inject_fault


def kept_formats(job: Job, files: dict[str, Path], record: dict[str, Any]) -> dict[str, str]:
    """Formats not built this time that stay: only files of a previous build with the same
    rebuild key (same notebook, parameters, data, code and rendering), so every published file
    matches ``provenance.json``. Their own build time goes to ``record["kept_files"]``."""
    old = prov.load(job.out_dir) or {}
    if old.get("rebuild_key") != record["rebuild_key"]:
        return {}
    kept: dict[str, str] = {}
    for fmt, name in (old.get("files") or {}).items():
        if fmt in files or fmt not in EXTENSIONS or not (job.out_dir / name).is_file():
            continue
        kept[fmt] = name
        record.setdefault("kept_files", {})[fmt] = {
            "built": (old.get("kept_files") or {}).get(fmt, {}).get("built", old.get("started")),
        }
    return kept


# A stop signal that arrives while a report is being published waits until it is in place.
_stop = {"publishing": False, "pending": 0}


def stop_on_signal(signum: int, frame: Any) -> None:
    """SIGTERM handler of a worker: stop (the kernel is shut down on the way out), but never
    in the middle of publishing."""
    if _stop["publishing"]:
        _stop["pending"] = signum
        return
    raise SystemExit(128 + signum)


@contextmanager
def _no_stop() -> Iterator[None]:
    """From here on the report is as good as published: a stop waits until the worker has
    sent its result (``stop_requested``), so a published report is always counted."""
    _stop["publishing"] = True
    yield


def stop_requested() -> int:
    """The signal that arrived while publishing (0: none)."""
    return int(_stop["pending"])


def publish(job: Job, staging: Path, files: dict[str, Path], keep: dict[str, str]) -> None:
    """Move the finished report into place: each file atomically, provenance last.

    Stop signals wait until the move is done, so a report is never half replaced.
    """
    with _no_stop():
        job.out_dir.mkdir(parents=True, exist_ok=True)
        for fmt, src in files.items():
            os.replace(src, job.output(fmt))
        for fmt in EXTENSIONS:  # formats neither built nor kept would be stale
            if fmt not in files and fmt not in keep:
                job.output(fmt).unlink(missing_ok=True)
        os.replace(staging / prov.FILENAME, job.out_dir / prov.FILENAME)
        shutil.rmtree(job.out_dir / FAILED_DIR, ignore_errors=True)


def publish_built(job: Job, staging: Path, files: dict[str, Path],
                  record: dict[str, Any]) -> dict[str, str]:
    """Publish a report built elsewhere (a Dask worker) from its files in ``staging`` and its
    provenance ``record``: the same checks and moves as a local build (formats kept from the
    previous build only under the same rebuild key, each file atomically, provenance last).
    Returns the published files by format."""
    kept = kept_formats(job, files, record)
    record["files"] = {fmt: path.name for fmt, path in files.items()} | kept
    (staging / prov.FILENAME).write_text(prov.dumps(record), encoding="utf-8")
    publish(job, staging, files, kept)
    _stop["publishing"] = False  # the caller is the build itself, not a worker that exits
    return record["files"]


def record_failure(job: Job, staging: Path, message: str, seconds: float,
                   stage: str) -> str | None:
    """Move the partial notebook and the kernel log from ``staging`` to ``<report>/failed/``
    and write ``failure.json`` there. Returns a note when that itself could not be written
    (disk full ...), else None. Also used by the scheduler for a worker it had to kill."""
    failed = job.out_dir / FAILED_DIR
    executed = staging / f"{job.stem}.ipynb"
    try:
        inject_fault("failed", failed, job.label)
        failed.mkdir(parents=True, exist_ok=True)
        kept = ""
        if executed.is_file():
            kept = str(failed / executed.name)
            os.replace(executed, kept)
        log = staging / KERNEL_LOG
        if log.is_file() and log.stat().st_size:
            os.replace(log, failed / KERNEL_LOG)
        record = {
            "notebook": job.notebook,
            "set": job.set_name,
            "parameters": job.params,
            "stage": stage,
            "error": message,
            "partial_notebook": kept,
            "failed_at": datetime.now(UTC).astimezone().isoformat(timespec="seconds"),
            "seconds": seconds,
        }
        atomic_write(failed / FAILURE_FILE, prov.dumps(record))
    except OSError as exc:
        return f"the failure could not be kept either ({describe_os_error(exc)})"
    return None
