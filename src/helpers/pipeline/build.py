"""Plan and run a build: validate everything, skip what is up to date, run the rest in parallel.

Nothing executes until every selected notebook exists and every parameter set validates. Each
report then runs in its own worker process (at most ``jobs`` at a time, started by a fork server
that never loads WeasyPrint); a failing or stuck report fails alone. The index page is
rewritten at the end of every build.
"""

from __future__ import annotations

import contextlib
import json
import multiprocessing
import multiprocessing.util
import os
import shutil
import signal
import sys
import threading
import time
import traceback
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any

from helpers.pipeline import index as index_page
from helpers.pipeline import inputs as report_inputs
from helpers.pipeline import provenance as prov
from helpers.pipeline import rebuild
from helpers.pipeline.config import (
    Collection,
    ConfigError,
    NotebookConfig,
    check_notebook_file,
    load_config,
    parse_selection,
)
from helpers.pipeline.execute import (
    EXTENSIONS,
    FAILED_DIR,
    STAGING_DIR,
    Job,
    Result,
    children,
    record_failure,
    run_job,
    stop_on_signal,
    stop_requested,
)
from helpers.pipeline.lock import build_lock, lock_path
from helpers.pipeline.params import DeclarationError, ParameterError
from helpers.pipeline.paths import (
    OutputError,
    atomic_write,
    describe_os_error,
    inject_fault,
    inside,
    safe_name,
)
from helpers.pipeline.progress import Progress, short_error

DEFAULT_CONFIG = "reports.yaml"
#: Seconds each report took when last built, in the output root: the build order (longest
#: first) survives a report's folder being removed.
DURATIONS_FILE = ".durations.json"


class Interrupted(Exception):
    """The build was stopped (Ctrl-C or SIGTERM); finished reports are kept and listed."""

    def __init__(self, results: list[Result] | None = None) -> None:
        super().__init__("interrupted")
        self.results = list(results or [])


@dataclass
class BuildSummary:
    results: list[Result] = field(default_factory=list)
    index: Path | None = None
    interrupted: bool = False
    index_error: str = ""  # the index could not be written (disk full ...)

    @property
    def failed(self) -> list[Result]:
        return [r for r in self.results if r.status == "failed"]

    @property
    def exit_code(self) -> int:
        if self.interrupted:
            return 130
        return 1 if self.failed or self.index_error else 0


def default_config() -> Path:
    """``reports.yaml`` in the current directory, else the project's own."""
    here = Path.cwd() / DEFAULT_CONFIG
    if here.is_file():
        return here
    from helpers.core.data import project_root

    return project_root() / DEFAULT_CONFIG


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def _validated(collection: Collection, selection: Sequence[str]) -> list[tuple[NotebookConfig,
                                                                                str, dict]]:
    """Every selected (notebook, set) with its checked parameters; all problems at once."""
    problems: list[str] = []
    planned = []
    checked_files: set[str] = set()
    for nb_name, set_name in parse_selection(collection, list(selection)):
        nb = collection.notebook(nb_name)
        if nb_name not in checked_files:
            checked_files.add(nb_name)
            try:
                check_notebook_file(nb)
            except ConfigError as exc:
                problems.append(str(exc))
        try:
            planned.append((nb, set_name, nb.params_for(set_name)))
        except ConfigError as exc:
            problems.append(str(exc))
    if problems:
        raise ConfigError("\n".join(dict.fromkeys(problems)))
    return planned


def build(
    config: str | Path | None = None,
    selection: Sequence[str] = (),
    *,
    jobs: int | None = None,
    force: bool = False,
    formats: Iterable[str] | None = None,
    show_code: bool = False,
    out_root: str | Path | None = None,
    quiet: bool = False,
) -> BuildSummary:
    """Build the selected reports (all when empty). Raises ``ConfigError`` before executing
    anything when the config, the selection or a parameter set is invalid."""
    collection = load_config(config or default_config())
    planned = _validated(collection, selection)
    fmts = _formats(formats, collection)
    # absolute: the kernels run in the notebook's folder, and the read log lives under ``out``
    out = (Path(out_root) if out_root else collection.root / "reports").absolute()
    check_output(collection, out, single_report=False)
    render = {"show_code": show_code}

    with build_lock(lock_path(out)):
        _fresh_staging(out / STAGING_DIR)
        # the datasets the reports need: present, or downloaded now (their keys count them)
        report_inputs.ensure_for_build([nb.name for nb, _, _ in planned], quiet=quiet)
        context = rebuild.KeyContext()
        git = prov.git_state(collection.root)
        summary = BuildSummary()
        to_run: list[Job] = []
        stored = _load_durations(out)
        last_duration: dict[str, float] = {}
        for nb, set_name, params in planned:
            out_dir = inside(out, nb.name, set_name)
            old = prov.load(out_dir)
            old_comps = (old or {}).get("key_components")
            uses_external = bool(old_comps and "external_data" in old_comps)
            comps = context.components(nb.path, params, render, uses_external,
                                       inputs=_previous_inputs(old, nb.name))
            up_to_date = (
                not force and old is not None
                and old.get("rebuild_key") == rebuild.rebuild_key(comps)
                and all((out_dir / old.get("files", {}).get(f, "-")).is_file() for f in fmts)
            )
            if up_to_date:
                shutil.rmtree(out_dir / FAILED_DIR, ignore_errors=True)  # stale failure
                summary.results.append(Result(nb.name, set_name, "up to date", out_dir))
                continue
            reason = "forced" if force else ", ".join(rebuild.changed(old_comps, comps))
            last_duration[f"{nb.name}:{set_name}"] = _expected_seconds(
                nb, set_name, old, stored)
            to_run.append(Job(
                notebook=nb.name, set_name=set_name, title=nb.title, nb_path=nb.path,
                params=params, out_dir=out_dir, staging_root=out / STAGING_DIR,
                formats=fmts, show_code=show_code,
                cell_timeout=collection.cell_timeout, components=comps, git=git,
                stem=f"{safe_name(nb.name)}-{safe_name(set_name)}", reason=reason,
                stage_timeout=collection.stage_timeout, specs=nb.declaration.specs,
            ))
        # Longest first: the slowest report must not start last and leave the others idle.
        to_run.sort(key=lambda j: -last_duration[j.label])
        progress = Progress(len(to_run), quiet=quiet)
        for r in summary.results:
            progress.finished(r)
        try:
            summary.results.extend(run_jobs(to_run, jobs or default_jobs(), progress))
        except Interrupted as stop:
            summary.results.extend(stop.results)
            summary.interrupted = True
        finally:
            progress.close()
            shutil.rmtree(out / STAGING_DIR, ignore_errors=True)
            _store_durations(out, stored, summary.results)
            try:
                inject_fault("index", out / index_page.INDEX_NAME)
                summary.index = index_page.write_index(
                    out, collection, summary.results,
                    pending=[(j.notebook, j.set_name) for j in to_run],
                )
            except OSError as exc:
                summary.index_error = f"index not updated: {describe_os_error(exc)}"
    return summary


def _load_durations(out: Path) -> dict[str, float]:
    try:
        found = json.loads((out / DURATIONS_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {str(k): float(v) for k, v in found.items() if isinstance(v, int | float)} \
        if isinstance(found, dict) else {}


def _store_durations(out: Path, stored: dict[str, float], results: list[Result]) -> None:
    durations = dict(stored)
    durations.update({r.label: round(r.seconds, 2) for r in results
                      if r.status == "built" and r.seconds})
    if durations != stored:
        with contextlib.suppress(OSError):  # only the order of the next build depends on it
            atomic_write(out / DURATIONS_FILE, json.dumps(durations, indent=1, sort_keys=True))


def _expected_seconds(nb: NotebookConfig, set_name: str, old: dict | None,
                      stored: dict[str, float]) -> float:
    """How long a report will take, for the build order: its last build (provenance, else
    the durations file), else the mean of the notebook's other sets; with nothing known (a
    first build), unknown counts as long and a bigger notebook as longer."""
    label = f"{nb.name}:{set_name}"
    known = (old or {}).get("duration_seconds") or stored.get(label)
    if known:
        return float(known)
    siblings = [v for k, v in stored.items() if k.partition(":")[0] == nb.name]
    if siblings:
        return sum(siblings) / len(siblings)
    try:
        size = nb.path.stat().st_size
    except OSError:
        size = 0
    return 1e9 + size


def _fresh_staging(staging: Path) -> None:
    """Remove a killed build's leftovers and check that the output takes files at all
    (``OutputError`` before any kernel starts when it is full, read-only or not ours)."""
    shutil.rmtree(staging, ignore_errors=True)
    try:
        inject_fault("prepare", staging)
        staging.mkdir(parents=True)
        (staging / "probe").write_bytes(b"x")
        shutil.rmtree(staging)
    except OSError as exc:
        shutil.rmtree(staging, ignore_errors=True)
        raise OutputError(describe_os_error(exc)) from None


def check_output(collection: Collection, out: Path, *, single_report: bool) -> None:
    """Refuse an output that would write into the project's inputs or over a configured
    report (``ConfigError``, nothing executed): inside ``data/``, ``notebooks/``, ``src/`` or a
    notebook's folder; a configured report's folder (for ``run``, also the reports root and a
    notebook's folder there); an existing file."""
    target = out.resolve()
    if target.exists() and not target.is_dir():
        raise ConfigError(f"output {out} is an existing file; give a folder")
    root = collection.root.resolve()
    inputs = {root / "data", root / "notebooks", root / "src"}
    inputs |= {nb.path.parent.resolve() for nb in collection.notebooks.values()}
    for folder in sorted(inputs):
        if target == folder or folder in target.parents:
            raise ConfigError(f"output {out} is inside the project's inputs ({folder}); "
                              "choose a folder outside data/, notebooks/ and src/")
    reports = (root / "reports").resolve()
    for nb in collection.notebooks.values():
        for set_name in nb.sets:
            folder = reports / nb.dirname / safe_name(set_name)
            if target == folder or folder in target.parents:
                raise ConfigError(f"output {out} is the folder of the configured report "
                                  f"{nb.name}:{set_name}; `build` writes it, choose another "
                                  "folder")
        if single_report and target in (reports, reports / nb.dirname):
            raise ConfigError(f"output {out} holds configured reports; give a folder of its "
                              f"own (default: reports/{nb.dirname}/adhoc-<hash>)")


def _lock_for(collection: Collection, out_dir: Path) -> Path:
    """An ad-hoc run under the reports tree takes the build's lock (one writer at a time);
    elsewhere a lock beside its own folder."""
    reports = (collection.root / "reports").resolve()
    if reports in out_dir.resolve().parents:
        return lock_path(reports)
    return lock_path(out_dir, inside=False)


def _previous_inputs(old: dict[str, Any] | None, notebook: str) -> dict[str, Any] | None:
    """What the last build of this report read, plus what its theme declares now."""
    if not old or not isinstance(old.get("inputs"), dict):
        return None
    declared = report_inputs.declared_for(notebook)
    datasets = sorted(set(old["inputs"].get("datasets", [])) | set(declared))
    return {"data": old["inputs"].get("data", []), "datasets": datasets}


def run_report(
    notebook: str,
    params: dict[str, Any] | None = None,
    out_dir: str | Path | None = None,
    *,
    formats: Iterable[str] = ("html",),
    config: str | Path | None = None,
    show_code: bool = False,
    quiet: bool = True,
) -> Result:
    """Execute one configured notebook with ad-hoc parameters into ``out_dir``.

    Parameters are validated against the notebook's declaration (``ConfigError`` otherwise).
    Always executes (no rebuild check). Returns the ``Result``; on success ``out_dir`` holds
    ``<notebook>-<dir>.ipynb``, the requested formats and ``provenance.json``. Intended for the
    theme notebooks' tests: ``run_report("process_industry", {"base_year": 2015}, tmp_path)``.
    """
    collection = load_config(config or default_config())
    nb = collection.notebook(notebook)
    check_notebook_file(nb)
    try:
        checked = nb.declaration.resolve(params or {}, "command line")
    except (ParameterError, DeclarationError) as exc:
        raise ConfigError(str(exc)) from None
    fmts = _formats(formats, collection)
    if out_dir is None:
        digest = rebuild.rebuild_key({"p": repr(sorted(checked.items()))})[:8]
        out_dir = collection.root / "reports" / safe_name(notebook) / f"adhoc-{digest}"
    out_dir = Path(out_dir).absolute()
    check_output(collection, out_dir, single_report=True)
    context = rebuild.KeyContext()
    comps = context.components(nb.path, checked, {"show_code": show_code})
    with build_lock(_lock_for(collection, out_dir)):
        job = Job(
            notebook=nb.name, set_name="(ad hoc)", title=nb.title, nb_path=nb.path,
            params=checked, out_dir=out_dir, staging_root=out_dir / STAGING_DIR,
            formats=fmts, show_code=show_code,
            cell_timeout=collection.cell_timeout, components=comps,
            git=prov.git_state(collection.root),
            stem=f"{safe_name(nb.name)}-{safe_name(out_dir.name)}", reason="ad hoc run",
            stage_timeout=collection.stage_timeout, specs=nb.declaration.specs,
        )
        progress = Progress(1, quiet=quiet)
        try:
            (result,) = run_jobs([job], 1, progress)
        finally:
            progress.close()
            shutil.rmtree(out_dir / STAGING_DIR, ignore_errors=True)
    return result


def _formats(formats: Iterable[str] | None, collection: Collection) -> tuple[str, ...]:
    if formats is None:
        return collection.formats
    fmts = tuple(dict.fromkeys(f.strip() for f in formats if f.strip()))
    bad = [f for f in fmts if f not in EXTENSIONS or f == "ipynb"]
    if bad:
        raise ConfigError(f"unknown format(s) {', '.join(bad)}; choose from html, pdf")
    return fmts


# ---------------------------------------------------------------------------- the scheduler

#: Imported once in the fork server, so each worker starts with them loaded. Pure Python only:
#: WeasyPrint/Pango/fontconfig state must never be inherited across a fork (a forked worker
#: once hung on a fontconfig lock held in the parent).
_PRELOAD = ["papermill", "nbformat", "nbconvert", "helpers.pipeline.execute",
            "helpers.pipeline.export_html"]
#: How long a stopped worker may take to shut its kernel down before it is killed.
STOP_GRACE = 10.0


def _context() -> multiprocessing.context.BaseContext:
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
    _die_with(parent)
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


def _die_with(parent: int) -> None:
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


def run_jobs(jobs: list[Job], max_workers: int, progress: Progress) -> list[Result]:
    """Run each job in its own process, ``max_workers`` at a time; results in finish order.

    A worker that shows no progress for longer than its stage's limit is killed and its
    report fails with the stage named. On Ctrl-C or SIGTERM the running workers are stopped
    and ``Interrupted`` is raised carrying the results finished so far.
    """
    if not jobs:
        return []
    ctx = _context()
    mp_tempdir = multiprocessing.util.get_temp_dir() if ctx.get_start_method() == "forkserver" \
        else ""
    env, cwd = dict(os.environ), os.getcwd()
    for job in jobs:
        job.env, job.cwd = env, cwd
    pending = list(jobs)
    running: dict[Connection, _Running] = {}
    results: list[Result] = []
    old_term = signal.signal(signal.SIGTERM, _raise_interrupt)
    try:
        while pending or running:
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


def explain_failures(results: Iterable[Result]) -> list[str]:
    """Per failed report: what failed, and where its partly executed notebook and the full
    message are."""
    lines = []
    for r in results:
        if r.status != "failed":
            continue
        stage = f" in {r.stage}" if r.stage else ""
        lines.append(f"{r.notebook} [{r.set_name}]{stage}: {short_error(r.error)}")
        failed = r.out_dir / FAILED_DIR
        kept = sorted(p.name for p in failed.iterdir()) if failed.is_dir() else []
        if kept:
            lines.append(f"    kept in {failed}{os.sep}: {', '.join(kept)}")
    return lines

