"""Run one report in a worker process: papermill → HTML → PDF → provenance, then publish.

Each report runs in its own process (papermill's ``cwd`` uses ``os.chdir``, which is global to a
process, and the read log is passed through the environment). Everything is written into a
staging directory first; only a complete report replaces the previous one (``publish``). A
failed run keeps its partly executed notebook in ``<report>/failed/``, beside the last good
report, never over it.

The worker tells the scheduler which stage it is in (``execute`` with each cell it starts,
``html``, ``pdf``, ``publish``) through ``notify``; the scheduler's watchdog kills a worker that
stays silent longer than the stage's limit.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import time
from contextlib import suppress
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from helpers.pipeline import inputs as report_inputs
from helpers.pipeline import provenance as prov
from helpers.pipeline import rebuild
from helpers.pipeline.cells import CellTracker, last_line, meaningful_line
from helpers.pipeline.job import FAILED_DIR, KERNEL_LOG, Job, Notify, Result
from helpers.pipeline.kernel import KERNEL_NAME, children, kernel_environment, redirect_output
from helpers.pipeline.paths import describe_os_error, inject_fault
from helpers.pipeline.publish import kept_formats, publish, record_failure


def run_job(job: Job, notify: Notify | None = None) -> Result:
    """Execute and export one report; never raises for a notebook or write error (returns
    "failed"). ``notify(stage, detail)`` is told of each stage and each cell started."""
    started = datetime.now(UTC).astimezone()
    t0 = time.perf_counter()
    tell = notify or (lambda *a: None)
    try:
        inject_fault("staging", job.staging, job.label)
        shutil.rmtree(job.staging, ignore_errors=True)
        job.staging.mkdir(parents=True)
    except OSError as exc:
        return Result(job.notebook, job.set_name, "failed", job.out_dir,
                      error=describe_os_error(exc), reason=job.reason, stage="execute")
    try:
        return _run(job, job.staging, started, t0, tell)
    finally:
        # stopped mid-run (SIGTERM): a kernel left running would write into the staging
        # folder after it is gone
        for pid in children(os.getpid()):
            with suppress(OSError):
                os.kill(pid, signal.SIGKILL)
        shutil.rmtree(job.staging, ignore_errors=True)
        with suppress(OSError):
            job.staging_root.rmdir()  # only when no other report is using it


def _run(job: Job, staging: Path, started: datetime, t0: float, tell: Notify) -> Result:
    import papermill
    from nbclient.exceptions import CellTimeoutError, DeadKernelError
    from papermill.exceptions import PapermillExecutionError

    read_log = staging / "read.log"
    kernel_environment(job, read_log)
    redirect_output(staging / KERNEL_LOG)
    executed = staging / f"{job.stem}.ipynb"
    cells = CellTracker(tell)
    tell("execute", "kernel start")
    t_execute = time.perf_counter()
    try:
        inject_fault("execute", staging, job.label)
        nb = papermill.execute_notebook(
            str(job.nb_path),
            str(executed),
            parameters=job.params,
            kernel_name=KERNEL_NAME,
            engine_name=cells.engine_name(),
            cwd=str(job.nb_path.parent),
            execution_timeout=job.cell_timeout,
            progress_bar=False,
            request_save_on_cell_execute=False,
            log_output=False,
            # every cell has finished and its output arrived: nothing to wait for
            shutdown_kernel="immediate",
        )
    except PapermillExecutionError as exc:
        last = f"{exc.ename}: {meaningful_line(exc.evalue)}".strip().rstrip(":")
        return _failed(job, staging, executed, cells.at_cell(last), t0, cells.nb)
    except CellTimeoutError as exc:
        found = re.search(r"after (\d+(?:\.\d+)?) seconds", str(exc))
        limit = found.group(1) if found else str(job.cell_timeout)
        last = f"timed out after {limit} s (build.cell_timeout) and was stopped"
        return _failed(job, staging, executed, cells.at_cell(last), t0, cells.nb)
    except DeadKernelError as exc:
        last = (f"the kernel died ({last_line(exc)}); its own output is in "
                f"{FAILED_DIR}/{KERNEL_LOG}")
        return _failed(job, staging, executed, cells.at_cell(last), t0, cells.nb)
    except OSError as exc:
        return _failed(job, staging, executed, describe_os_error(exc), t0, cells.nb)
    except Exception as exc:  # unreadable notebook, kernel would not start ...
        return _failed(job, staging, executed, cells.at_cell(last_line(exc)), t0, cells.nb)
    execution_seconds = time.perf_counter() - t0
    t_executed = time.perf_counter()
    timings = {"setup": t_execute - t0, **cells.timings(t_execute, t_executed)}

    files_read = prov.read_log(read_log)
    used = report_inputs.inputs_of(files_read, report_inputs.declared_for(job.notebook))
    components = {k: v for k, v in job.components.items() if k != "external_data"}
    components.update(report_inputs.key_parts(used))  # exactly what this report read
    record: dict[str, Any] = {
        "notebook": job.notebook,
        "set": job.set_name,
        "title": job.title,
        "notebook_path": prov.display_path(job.nb_path),
        "parameters": job.params,
        "git": job.git,
        "started": started.isoformat(timespec="seconds"),
        "execution_seconds": round(execution_seconds, 2),
        "data_files": prov.file_records(files_read),
        "sources": prov.dataset_sources(files_read),
        "packages": rebuild.dependency_versions(),
        "rebuild_key": rebuild.rebuild_key(components),
        "key_components": components,
        "inputs": used,
        "render": {"show_code": job.show_code},
        "formats": list(job.formats),
        "status": "built",
    }
    timings["record"] = time.perf_counter() - t_executed  # files read, package versions
    stage = "html"
    try:
        files = _export(job, nb, record, staging, tell, timings)
        stage = "publish"
        record["files"] = {fmt: path.name for fmt, path in files.items()}
        tell("publish", "")
        t_publish = time.perf_counter()
        inject_fault("publish", job.out_dir, job.label)
        kept = kept_formats(job, files, record)
        record["files"].update(kept)
        # publishing = checking what stays and writing the record; the renames that follow
        # take microseconds and must come after the record is complete
        timings["publish"] = time.perf_counter() - t_publish
        record["stage_seconds"] = {k: round(v, 3) for k, v in timings.items()}
        record["duration_seconds"] = round(time.perf_counter() - t0, 2)
        (staging / prov.FILENAME).write_text(prov.dumps(record), encoding="utf-8")
        publish(job, staging, files, kept)
    except OSError as exc:
        return _failed(job, staging, executed, f"{stage}: {describe_os_error(exc)}", t0,
                       stage=stage)
    except Exception as exc:
        return _failed(job, staging, executed, f"export failed: {last_line(exc)}", t0,
                       stage=stage)
    return Result(job.notebook, job.set_name, "built", job.out_dir,
                  seconds=record["duration_seconds"], reason=job.reason,
                  files=record["files"])


def _export(job: Job, nb: Any, record: dict[str, Any], staging: Path,
            tell: Notify, timings: dict[str, float]) -> dict[str, Path]:
    from helpers.pipeline.export_html import render_html
    from helpers.pipeline.export_pdf import write_pdf

    files = {"ipynb": staging / f"{job.stem}.ipynb"}
    if "html" in job.formats or "pdf" in job.formats:
        tell("html", "")
        inject_fault("html", staging, job.label)
        t_html = time.perf_counter()
        page = render_html(
            nb, title=job.title, set_name=job.set_name, params=job.params,
            sources=record["sources"], provenance=record, show_code=job.show_code,
            specs=job.specs,
        )
        if "html" in job.formats:
            files["html"] = staging / f"{job.stem}.html"
            files["html"].write_text(page, encoding="utf-8")
        timings["html"] = time.perf_counter() - t_html
        if "pdf" in job.formats:
            tell("pdf", "")
            inject_fault("pdf", staging, job.label)
            files["pdf"] = staging / f"{job.stem}.pdf"
            record["pdf_pages"] = write_pdf(page, files["pdf"], base_url=job.nb_path.parent,
                                            timings=timings)
    return files


def _failed(job: Job, staging: Path, executed: Path, message: str, t0: float,
            partial: Any = None, stage: str = "execute") -> Result:
    """Keep the partly executed notebook and the reason in ``<report>/failed/``."""
    seconds = round(time.perf_counter() - t0, 2)
    if not executed.is_file() and partial is not None:
        with suppress(Exception):  # the notebook as far as it ran (kernel died, timeout)
            import nbformat

            nbformat.write(partial, str(executed))
    note = record_failure(job, staging, message, seconds, stage)
    return Result(job.notebook, job.set_name, "failed", job.out_dir, seconds=seconds,
                  error=message if note is None else f"{message}; {note}",
                  reason=job.reason, stage=stage)
