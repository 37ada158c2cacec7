"""Run one report in a worker process: papermill → HTML → PDF → provenance, then publish.

Each report runs in its own process (papermill's ``cwd`` uses ``os.chdir``, which is global to a
process, and the read log is passed through the environment). Everything is written into a
staging directory first; only a complete report replaces the previous one, file by file with
``os.replace`` and ``provenance.json`` last. A failed run keeps its partly executed notebook in
``<report>/failed/``, beside the last good report, never over it.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from helpers.core.data import DATA_DIR_ENV, READ_LOG_ENV
from helpers.pipeline import provenance as prov
from helpers.pipeline import rebuild
from helpers.pipeline.paths import atomic_write
from helpers.sources.external import EXTERNAL_DIR_ENV, EXTERNAL_STORE_ENV

KERNEL_NAME = "industrirapporter-python"
FAILED_DIR = "failed"
FAILURE_FILE = "failure.json"
STAGING_DIR = ".staging"
#: The kernel's own stdout/stderr (warnings, crashes); kept in ``failed/`` when a run fails.
KERNEL_LOG = "kernel.log"
EXTENSIONS = {"ipynb": ".ipynb", "html": ".html", "pdf": ".pdf"}


@dataclass
class Job:
    """Everything a worker needs for one report (picklable)."""

    notebook: str
    set_name: str
    title: str
    nb_path: Path
    params: dict[str, Any]
    out_dir: Path
    staging_root: Path
    formats: tuple[str, ...]
    show_code: bool
    cell_timeout: int
    components: dict[str, str]
    git: dict[str, Any]
    stem: str
    reason: str = ""
    kernel_dir: Path | None = None  # set by the scheduler (one kernelspec per build)

    @property
    def label(self) -> str:
        return f"{self.notebook}:{self.set_name}"

    def output(self, fmt: str) -> Path:
        return self.out_dir / f"{self.stem}{EXTENSIONS[fmt]}"


@dataclass
class Result:
    notebook: str
    set_name: str
    status: str  # "built" | "up to date" | "failed"
    out_dir: Path
    seconds: float = 0.0
    error: str = ""
    files: dict[str, str] = field(default_factory=dict)
    reason: str = ""

    @property
    def label(self) -> str:
        return f"{self.notebook}:{self.set_name}"


def make_kernel_dir(parent: Path | None = None) -> Path:
    """A Jupyter data dir holding a kernelspec for *this* interpreter.

    Put first on ``JUPYTER_PATH`` so papermill runs the build's own Python, whatever other
    "python3" kernelspecs the user has installed ("No such kernel" / wrong environment).
    """
    base = Path(tempfile.mkdtemp(prefix="industrirapporter-kernel-", dir=parent))
    spec_dir = base / "kernels" / KERNEL_NAME
    spec_dir.mkdir(parents=True)
    spec = {
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": f"industrirapporter ({sys.executable})",
        "language": "python",
        "metadata": {"debugger": False},
    }
    (spec_dir / "kernel.json").write_text(json.dumps(spec), encoding="utf-8")
    return base


def _kernel_environment(job: Job, read_log: Path) -> None:
    # The worker process is ours alone, so its environment is the kernel's environment.
    os.environ[READ_LOG_ENV] = str(read_log)
    # The kernel runs in the notebook's folder: relative data paths would point elsewhere.
    for var in (DATA_DIR_ENV, EXTERNAL_DIR_ENV, EXTERNAL_STORE_ENV):
        if os.environ.get(var):
            os.environ[var] = str(Path(os.environ[var]).resolve())
    # MPLBACKEND=Agg silently removes every figure from executed notebooks.
    os.environ.pop("MPLBACKEND", None)
    kernels = job.kernel_dir or make_kernel_dir(job.staging_root)
    others = [p for p in os.environ.get("JUPYTER_PATH", "").split(os.pathsep) if p]
    os.environ["JUPYTER_PATH"] = os.pathsep.join([str(kernels), *others])
    os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")


def _redirect_output(log: Path) -> None:
    """Send this worker's (and so the kernel's) stdout/stderr to ``log``: the kernel's start-up
    warnings would otherwise interleave with the build's progress lines."""
    fd = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    sys.stdout.flush()
    sys.stderr.flush()
    os.dup2(fd, 1)
    os.dup2(fd, 2)
    os.close(fd)


def run_job(job: Job) -> Result:
    """Execute and export one report; never raises for a notebook error (returns "failed")."""
    started = datetime.now(UTC).astimezone()
    t0 = time.perf_counter()
    job.staging_root.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f"{job.stem}-", dir=job.staging_root))
    try:
        return _run(job, staging, started, t0)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _run(job: Job, staging: Path, started: datetime, t0: float) -> Result:
    import papermill
    from papermill.exceptions import PapermillExecutionError

    read_log = staging / "read.log"
    _kernel_environment(job, read_log)
    _redirect_output(staging / KERNEL_LOG)
    executed = staging / f"{job.stem}.ipynb"
    try:
        nb = papermill.execute_notebook(
            str(job.nb_path),
            str(executed),
            parameters=job.params,
            kernel_name=KERNEL_NAME,
            cwd=str(job.nb_path.parent),
            execution_timeout=job.cell_timeout,
            progress_bar=False,
            request_save_on_cell_execute=False,
            log_output=False,
        )
    except PapermillExecutionError as exc:
        cell = _source_cell_number(executed, exc.cell_index)
        last = f"{exc.ename}: {exc.evalue}".strip().rstrip(":")
        message = f"cell {cell}: {last}" if cell else last
        return _failed(job, staging, executed, message, t0)
    except Exception as exc:  # kernel died, timeout, unreadable notebook ...
        return _failed(job, staging, executed, _last_line(exc), t0)
    execution_seconds = time.perf_counter() - t0

    files_read = prov.read_log(read_log)
    components = dict(job.components)
    if rebuild.reads_external(files_read) and "external_data" not in components:
        components["external_data"] = rebuild.external_hash()
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
        "render": {"show_code": job.show_code},
        "formats": list(job.formats),
        "status": "built",
    }
    try:
        files = _export(job, nb, record, staging)
    except Exception as exc:
        return _failed(job, staging, executed, f"export failed: {_last_line(exc)}", t0)
    record["duration_seconds"] = round(time.perf_counter() - t0, 2)
    record["files"] = {fmt: path.name for fmt, path in files.items()}
    (staging / prov.FILENAME).write_text(prov.dumps(record), encoding="utf-8")
    _publish(job, staging, files)
    return Result(job.notebook, job.set_name, "built", job.out_dir,
                  seconds=record["duration_seconds"], reason=job.reason,
                  files=record["files"])


def _export(job: Job, nb: Any, record: dict[str, Any], staging: Path) -> dict[str, Path]:
    from helpers.pipeline.export_html import render_html
    from helpers.pipeline.export_pdf import write_pdf

    files = {"ipynb": staging / f"{job.stem}.ipynb"}
    if "html" in job.formats or "pdf" in job.formats:
        page = render_html(
            nb, title=job.title, set_name=job.set_name, params=job.params,
            sources=record["sources"], provenance=record, show_code=job.show_code,
        )
        if "html" in job.formats:
            files["html"] = staging / f"{job.stem}.html"
            files["html"].write_text(page, encoding="utf-8")
        if "pdf" in job.formats:
            files["pdf"] = staging / f"{job.stem}.pdf"
            record["pdf_pages"] = write_pdf(page, files["pdf"], base_url=job.nb_path.parent)
    return files


def _publish(job: Job, staging: Path, files: dict[str, Path]) -> None:
    """Move the finished report into place: each file atomically, provenance last.

    Stop signals wait until the move is done, so a report is never half replaced.
    """
    blocked = {signal.SIGINT, signal.SIGTERM}
    signal.pthread_sigmask(signal.SIG_BLOCK, blocked)
    try:
        job.out_dir.mkdir(parents=True, exist_ok=True)
        for fmt, src in files.items():
            os.replace(src, job.output(fmt))
        for fmt in EXTENSIONS:  # formats not built this time would be stale
            if fmt not in files:
                job.output(fmt).unlink(missing_ok=True)
        os.replace(staging / prov.FILENAME, job.out_dir / prov.FILENAME)
        shutil.rmtree(job.out_dir / FAILED_DIR, ignore_errors=True)
    finally:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, blocked)


def _failed(job: Job, staging: Path, executed: Path, message: str, t0: float) -> Result:
    """Keep the partly executed notebook and the reason in ``<report>/failed/``."""
    failed = job.out_dir / FAILED_DIR
    seconds = round(time.perf_counter() - t0, 2)
    kept = ""
    failed.mkdir(parents=True, exist_ok=True)
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
        "error": message,
        "partial_notebook": kept,
        "failed_at": datetime.now(UTC).astimezone().isoformat(timespec="seconds"),
        "seconds": seconds,
    }
    atomic_write(failed / FAILURE_FILE, prov.dumps(record))
    return Result(job.notebook, job.set_name, "failed", job.out_dir, seconds=seconds,
                  error=message, reason=job.reason)


def _last_line(exc: BaseException) -> str:
    """``Type: last line of the message`` (papermill's and nbclient's messages run long)."""
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[-1] if text else ''}".strip().rstrip(":")


def _source_cell_number(executed: Path, cell_index: int) -> int | None:
    """1-based number of the failing cell in the *source* notebook.

    papermill's index counts its injected-parameters cell (and, in the saved copy, its
    error-banner cells), which the author never sees.
    """
    try:
        cells = json.loads(executed.read_text(encoding="utf-8"))["cells"]
    except (OSError, ValueError, KeyError):
        return None
    number = 0
    raw_index = -1
    for cell in cells:
        tags = cell.get("metadata", {}).get("tags", [])
        if "papermill-error-cell-tag" in tags:
            continue
        raw_index += 1
        if "injected-parameters" in tags:
            if raw_index == cell_index:
                return None
            continue
        number += 1
        if raw_index == cell_index:
            return number
    return None
