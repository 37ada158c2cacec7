"""Run one report in a worker process: papermill → HTML → PDF → provenance, then publish.

Each report runs in its own process (papermill's ``cwd`` uses ``os.chdir``, which is global to a
process, and the read log is passed through the environment). Everything is written into a
staging directory first; only a complete report replaces the previous one, file by file with
``os.replace`` and ``provenance.json`` last. A failed run keeps its partly executed notebook in
``<report>/failed/``, beside the last good report, never over it.

The worker tells the scheduler which stage it is in (``execute`` with each cell it starts,
``html``, ``pdf``, ``publish``) through ``notify``; the scheduler's watchdog kills a worker that
stays silent longer than the stage's limit.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from helpers.core.data import DATA_DIR_ENV, READ_LOG_ENV
from helpers.pipeline import inputs as report_inputs
from helpers.pipeline import provenance as prov
from helpers.pipeline import rebuild
from helpers.pipeline.paths import atomic_write, describe_os_error, inject_fault
from helpers.sources.external import EXTERNAL_DIR_ENV, EXTERNAL_STORE_ENV

KERNEL_NAME = "industrirapporter-python"
FAILED_DIR = "failed"
FAILURE_FILE = "failure.json"
STAGING_DIR = ".staging"
#: The kernel's own stdout/stderr (warnings, crashes); kept in ``failed/`` when a run fails.
KERNEL_LOG = "kernel.log"
EXTENSIONS = {"ipynb": ".ipynb", "html": ".html", "pdf": ".pdf"}
STAGES = ("execute", "html", "pdf", "publish")

Notify = Callable[..., None]


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
    #: seconds a stage other than ``execute`` may go without progress (watchdog)
    stage_timeout: int = 600
    #: the scheduler's environment and folder: a worker started by a fork server would
    #: otherwise see the server's (older) ones
    env: dict[str, str] = field(default_factory=dict)
    cwd: str = ""
    #: the notebook's parameter declarations (name → ParamSpec): labels for the title page
    specs: dict[str, Any] = field(default_factory=dict)
    #: what the last build of this report read (``rebuild.KeyContext.components(inputs=)``),
    #: so that a Dask worker can compute the same key parts
    inputs: dict[str, Any] | None = None

    @property
    def label(self) -> str:
        return f"{self.notebook}:{self.set_name}"

    @property
    def staging(self) -> Path:
        """This report's scratch folder (kernelspec, executed notebook, exports, logs)."""
        return self.staging_root / self.stem

    def output(self, fmt: str) -> Path:
        return self.out_dir / f"{self.stem}{EXTENSIONS[fmt]}"

    def stage_limit(self, stage: str) -> float:
        """Seconds the watchdog waits for the next sign of progress in ``stage``: a cell may
        run ``cell_timeout`` (then nbclient stops it); kernel start and shutdown get a minute."""
        if stage == "execute":
            return self.cell_timeout + 90
        return self.stage_timeout


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
    stage: str = ""  # where a failed report stopped

    @property
    def label(self) -> str:
        return f"{self.notebook}:{self.set_name}"


@dataclass
class CellInfo:
    """The cell being executed: papermill's index, the author's 1-based number, first line."""

    index: int
    number: int | None
    first_line: str

    def describe(self) -> str:
        if self.number is None:
            return "the injected parameters"
        line = f" ({self.first_line})" if self.first_line else ""
        return f"cell {self.number}{line}"


#: ``python -m ipykernel_launcher``, except that on Linux the kernel dies with the worker that
#: started it (PR_SET_PDEATHSIG), even while it is still starting: a kernel outliving a killed
#: worker would go on writing into the worker's scratch folder.
_KERNEL_LAUNCHER = """\
import ctypes, os, signal, sys
try:
    ctypes.CDLL(None).prctl(1, signal.SIGKILL)
except Exception:
    pass
if os.environ.get("JPY_PARENT_PID") not in (None, str(os.getppid())):
    sys.exit(1)
if sys.path and sys.path[0] == "":
    del sys.path[0]
from ipykernel import kernelapp
kernelapp.launch_new_instance()
"""


def make_kernel_dir(parent: Path | None = None) -> Path:
    """A Jupyter data dir holding a kernelspec for *this* interpreter.

    Put first on ``JUPYTER_PATH`` so papermill runs the build's own Python, whatever other
    "python3" kernelspecs the user has installed ("No such kernel" / wrong environment).
    """
    base = Path(tempfile.mkdtemp(prefix="industrirapporter-kernel-", dir=parent))
    spec_dir = base / "kernels" / KERNEL_NAME
    spec_dir.mkdir(parents=True)
    launcher = _KERNEL_LAUNCHER if sys.platform.startswith("linux") else None
    spec = {
        "argv": [sys.executable, *(["-c", launcher] if launcher else ["-m", "ipykernel_launcher"]),
                 "-f", "{connection_file}"],
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
    # the kernel exits by itself when this worker dies (ipykernel's parent poller)
    os.environ["JPY_PARENT_PID"] = str(os.getpid())
    # temporary files (the kernel's connection file, the kernel's own) go with the staging
    # folder, also when the worker is stopped before it can clean up after the kernel
    os.environ["TMPDIR"] = str(job.staging)
    tempfile.tempdir = str(job.staging)
    kernels = make_kernel_dir(job.staging)
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
            with _ignored(OSError):
                os.kill(pid, signal.SIGKILL)
        shutil.rmtree(job.staging, ignore_errors=True)
        with _ignored(OSError):
            job.staging_root.rmdir()  # only when no other report is using it


def children(pid: int) -> list[int]:
    """Processes whose parent is ``pid`` (Linux /proc; empty elsewhere)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with _ignored(OSError, ValueError, IndexError):
            if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(stat.parent.name))
    return found


@contextmanager
def _ignored(*kinds: type[BaseException]) -> Iterator[None]:
    try:
        yield
    except kinds:
        pass


class _Cells:
    """Follows papermill through the notebook: which cell runs, and the notebook so far."""

    def __init__(self, tell: Notify) -> None:
        self.tell = tell
        self.current: CellInfo | None = None
        self.nb: Any = None
        self.first_start: float | None = None  # perf_counter times for the stage timings
        self.last_end: float | None = None

    def engine(self) -> type:
        from papermill.engines import NBClientEngine

        cells = self

        class ReportingEngine(NBClientEngine):
            @classmethod
            def execute_managed_notebook(cls, nb_man: Any, kernel_name: str, **kwargs: Any) -> Any:
                cells.nb = nb_man.nb
                start = nb_man.cell_start

                def cell_start(cell: Any, cell_index: int | None = None, **kw: Any) -> Any:
                    cells.started(nb_man.nb, cell_index)
                    return start(cell, cell_index, **kw)

                complete = nb_man.cell_complete

                def cell_complete(cell: Any, cell_index: int | None = None, **kw: Any) -> Any:
                    cells.last_end = time.perf_counter()
                    return complete(cell, cell_index, **kw)

                nb_man.cell_start = cell_start
                nb_man.cell_complete = cell_complete
                return super().execute_managed_notebook(nb_man, kernel_name, **kwargs)

        return ReportingEngine

    def started(self, nb: Any, index: int | None) -> None:
        if self.first_start is None:
            self.first_start = time.perf_counter()
        if index is None:
            return
        number = 0
        for i, cell in enumerate(nb.cells[: index + 1]):
            if "injected-parameters" in cell.get("metadata", {}).get("tags", []):
                if i == index:
                    number = None  # type: ignore[assignment]
                continue
            number += 1
        self.current = CellInfo(index, number, _first_line(nb.cells[index].get("source", "")))
        self.tell("execute", self.current.describe())


def _first_line(source: str | list[str], limit: int = 70) -> str:
    text = "".join(source) if isinstance(source, list) else source
    line = next((x.strip() for x in text.splitlines() if x.strip()), "")
    return line if len(line) <= limit else line[: limit - 1] + "…"


def _run(job: Job, staging: Path, started: datetime, t0: float, tell: Notify) -> Result:
    import papermill
    from nbclient.exceptions import CellTimeoutError, DeadKernelError
    from papermill.exceptions import PapermillExecutionError

    read_log = staging / "read.log"
    _kernel_environment(job, read_log)
    _redirect_output(staging / KERNEL_LOG)
    executed = staging / f"{job.stem}.ipynb"
    cells = _Cells(tell)
    tell("execute", "kernel start")
    t_execute = time.perf_counter()
    try:
        inject_fault("execute", staging, job.label)
        nb = papermill.execute_notebook(
            str(job.nb_path),
            str(executed),
            parameters=job.params,
            kernel_name=KERNEL_NAME,
            engine_name=_engine_name(cells),
            cwd=str(job.nb_path.parent),
            execution_timeout=job.cell_timeout,
            progress_bar=False,
            request_save_on_cell_execute=False,
            log_output=False,
            # every cell has finished and its output arrived: nothing to wait for
            shutdown_kernel="immediate",
        )
    except PapermillExecutionError as exc:
        last = f"{exc.ename}: {_meaningful_line(exc.evalue)}".strip().rstrip(":")
        return _failed(job, staging, executed, _at_cell(cells.current, last), t0, cells.nb)
    except CellTimeoutError as exc:
        found = re.search(r"after (\d+(?:\.\d+)?) seconds", str(exc))
        limit = found.group(1) if found else str(job.cell_timeout)
        last = f"timed out after {limit} s (build.cell_timeout) and was stopped"
        return _failed(job, staging, executed, _at_cell(cells.current, last), t0, cells.nb)
    except DeadKernelError as exc:
        last = (f"the kernel died ({_last_line(exc)}); its own output is in "
                f"{FAILED_DIR}/{KERNEL_LOG}")
        return _failed(job, staging, executed, _at_cell(cells.current, last), t0, cells.nb)
    except OSError as exc:
        return _failed(job, staging, executed, describe_os_error(exc), t0, cells.nb)
    except Exception as exc:  # unreadable notebook, kernel would not start ...
        return _failed(job, staging, executed, _at_cell(cells.current, _last_line(exc)), t0,
                       cells.nb)
    execution_seconds = time.perf_counter() - t0
    t_executed = time.perf_counter()
    timings = {"setup": t_execute - t0, **_execution_timings(cells, t_execute, t_executed)}

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
        kept = _kept_formats(job, files, record)
        record["files"].update(kept)
        # publishing = checking what stays and writing the record; the renames that follow
        # take microseconds and must come after the record is complete
        timings["publish"] = time.perf_counter() - t_publish
        record["stage_seconds"] = {k: round(v, 3) for k, v in timings.items()}
        record["duration_seconds"] = round(time.perf_counter() - t0, 2)
        (staging / prov.FILENAME).write_text(prov.dumps(record), encoding="utf-8")
        _publish(job, staging, files, kept)
    except OSError as exc:
        return _failed(job, staging, executed, f"{stage}: {describe_os_error(exc)}", t0,
                       stage=stage)
    except Exception as exc:
        return _failed(job, staging, executed, f"export failed: {_last_line(exc)}", t0,
                       stage=stage)
    return Result(job.notebook, job.set_name, "built", job.out_dir,
                  seconds=record["duration_seconds"], reason=job.reason,
                  files=record["files"])


def _execution_timings(cells: _Cells, start: float, end: float) -> dict[str, float]:
    """Kernel start (to the first cell), the cells, kernel shutdown (after the last cell)."""
    first = cells.first_start if cells.first_start is not None else end
    last = cells.last_end if cells.last_end is not None else end
    return {"kernel_start": first - start, "cells": last - first, "kernel_shutdown": end - last}


def _engine_name(cells: _Cells) -> str:
    from papermill.engines import papermill_engines

    papermill_engines.register("industrirapporter", cells.engine())
    return "industrirapporter"


def _at_cell(cell: CellInfo | None, message: str) -> str:
    return f"{cell.describe()}: {message}" if cell else message


def _meaningful_line(text: str) -> str:
    """The last non-empty line that is not a separator (nbclient ends some with '-----')."""
    lines = [x.strip() for x in str(text).splitlines()]
    lines = [x for x in lines if x and not re.fullmatch(r"[-=_~*]{3,}", x)]
    return lines[-1] if lines else ""


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


def _kept_formats(job: Job, files: dict[str, Path], record: dict[str, Any]) -> dict[str, str]:
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


def _publish(job: Job, staging: Path, files: dict[str, Path], keep: dict[str, str]) -> None:
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
    kept = _kept_formats(job, files, record)
    record["files"] = {fmt: path.name for fmt, path in files.items()} | kept
    (staging / prov.FILENAME).write_text(prov.dumps(record), encoding="utf-8")
    _publish(job, staging, files, kept)
    _stop["publishing"] = False  # the caller is the build itself, not a worker that exits
    return record["files"]


def _failed(job: Job, staging: Path, executed: Path, message: str, t0: float,
            partial: Any = None, stage: str = "execute") -> Result:
    """Keep the partly executed notebook and the reason in ``<report>/failed/``."""
    seconds = round(time.perf_counter() - t0, 2)
    if not executed.is_file() and partial is not None:
        with _ignored(Exception):  # the notebook as far as it ran (kernel died, timeout)
            import nbformat

            nbformat.write(partial, str(executed))
    note = record_failure(job, staging, message, seconds, stage)
    return Result(job.notebook, job.set_name, "failed", job.out_dir, seconds=seconds,
                  error=message if note is None else f"{message}; {note}",
                  reason=job.reason, stage=stage)


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


def _last_line(exc: BaseException) -> str:
    """``Type: last meaningful line of the message`` (papermill's and nbclient's run long)."""
    return f"{type(exc).__name__}: {_meaningful_line(str(exc))}".strip().rstrip(":")
