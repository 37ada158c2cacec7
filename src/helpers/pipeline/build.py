"""Plan and run a build: validate everything, skip what is up to date, run the rest in parallel.

Nothing executes until every selected notebook exists and every parameter set validates. Each
report then runs in its own forked process (at most ``jobs`` at a time); a failing report fails
alone. The index page is rewritten at the end of every build.
"""

from __future__ import annotations

import multiprocessing
import os
import shutil
import signal
import sys
import time
import traceback
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any

from helpers.pipeline import index as index_page
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
    make_kernel_dir,
    run_job,
)
from helpers.pipeline.lock import build_lock, lock_path
from helpers.pipeline.params import DeclarationError, ParameterError
from helpers.pipeline.paths import inside, safe_name
from helpers.pipeline.progress import Progress, short_error

DEFAULT_CONFIG = "reports.yaml"


class Interrupted(Exception):
    """The build was stopped (Ctrl-C or SIGTERM); finished reports are kept."""


@dataclass
class BuildSummary:
    results: list[Result] = field(default_factory=list)
    index: Path | None = None
    interrupted: bool = False

    @property
    def failed(self) -> list[Result]:
        return [r for r in self.results if r.status == "failed"]

    @property
    def exit_code(self) -> int:
        if self.interrupted:
            return 130
        return 1 if self.failed else 0


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
    render = {"show_code": show_code}

    with build_lock(lock_path(out)):
        shutil.rmtree(out / STAGING_DIR, ignore_errors=True)  # leftovers of a killed build
        context = rebuild.KeyContext()
        git = prov.git_state(collection.root)
        summary = BuildSummary()
        to_run: list[Job] = []
        last_duration: dict[str, float] = {}
        for nb, set_name, params in planned:
            out_dir = inside(out, nb.name, set_name)
            old = prov.load(out_dir)
            old_comps = (old or {}).get("key_components")
            uses_external = bool(old_comps and "external_data" in old_comps)
            comps = context.components(nb.path, params, render, uses_external)
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
            last_duration[f"{nb.name}:{set_name}"] = (old or {}).get("duration_seconds") or 1e9
            to_run.append(Job(
                notebook=nb.name, set_name=set_name, title=nb.title, nb_path=nb.path,
                params=params, out_dir=out_dir, staging_root=out / STAGING_DIR,
                formats=fmts, show_code=show_code,
                cell_timeout=collection.cell_timeout, components=comps, git=git,
                stem=f"{safe_name(nb.name)}-{safe_name(set_name)}", reason=reason,
            ))
        # Longest first (by last build's duration; unknown counts as long): shorter makespan.
        to_run.sort(key=lambda j: -last_duration[j.label])
        progress = Progress(len(to_run), quiet=quiet)
        for r in summary.results:
            progress.finished(r)
        try:
            summary.results.extend(run_jobs(to_run, jobs or default_jobs(), progress))
        except Interrupted:
            summary.interrupted = True
        finally:
            progress.close()
            shutil.rmtree(out / STAGING_DIR, ignore_errors=True)
            summary.index = index_page.write_index(
                out, collection, summary.results,
                pending=[(j.notebook, j.set_name) for j in to_run],
            )
    return summary


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
    context = rebuild.KeyContext()
    comps = context.components(nb.path, checked, {"show_code": show_code})
    with build_lock(lock_path(out_dir, inside=False)):
        job = Job(
            notebook=nb.name, set_name="(ad hoc)", title=nb.title, nb_path=nb.path,
            params=checked, out_dir=out_dir, staging_root=out_dir / STAGING_DIR,
            formats=fmts, show_code=show_code,
            cell_timeout=collection.cell_timeout, components=comps,
            git=prov.git_state(collection.root),
            stem=f"{safe_name(nb.name)}-{safe_name(out_dir.name)}", reason="ad hoc run",
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


def _context() -> multiprocessing.context.BaseContext:
    # fork: workers inherit the already imported papermill/nbconvert/WeasyPrint (≈1 s per
    # report saved). macOS's system libraries are not fork-safe, so it gets spawn.
    if sys.platform != "darwin" and "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def _worker(job: Job, conn: Connection) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides; it stops us by SIGTERM
    signal.signal(signal.SIGTERM, _exit_on_term)
    try:
        result = run_job(job)
    except BaseException as exc:  # a bug in the pipeline itself: report it, do not hang
        last = traceback.format_exception_only(type(exc), exc)[-1].strip()
        result = Result(job.notebook, job.set_name, "failed", job.out_dir, error=last)
    conn.send(result)
    conn.close()


def _exit_on_term(signum: int, frame: Any) -> None:
    raise SystemExit(128 + signum)


def _raise_interrupt(signum: int, frame: Any) -> None:
    raise KeyboardInterrupt


def run_jobs(jobs: list[Job], max_workers: int, progress: Progress) -> list[Result]:
    """Run each job in its own process, ``max_workers`` at a time; results in finish order."""
    if not jobs:
        return []
    ctx = _context()
    if ctx.get_start_method() == "fork":
        _warm_up({job.show_code for job in jobs})
    kernel_dir = make_kernel_dir()
    for job in jobs:
        job.kernel_dir = kernel_dir
    pending = list(jobs)
    running: dict[Any, tuple[Job, Any, Connection]] = {}
    results: list[Result] = []
    old_term = signal.signal(signal.SIGTERM, _raise_interrupt)
    try:
        while pending or running:
            while pending and len(running) < max(1, max_workers):
                job = pending.pop(0)
                recv, send = ctx.Pipe(duplex=False)
                proc = ctx.Process(target=_worker, args=(job, send), name=f"report {job.label}")
                proc.start()
                send.close()
                running[proc.sentinel] = (job, proc, recv)
                progress.started(job.label)
            ready = wait(list(running))
            for sentinel in ready:
                job, proc, recv = running.pop(sentinel)
                result = _collect(job, proc, recv)
                results.append(result)
                progress.finished(result)
    except KeyboardInterrupt:
        _stop(running)
        raise Interrupted() from None
    finally:
        signal.signal(signal.SIGTERM, old_term)
        shutil.rmtree(kernel_dir, ignore_errors=True)
    return results


def _warm_up(show_code: set[bool]) -> None:
    """Import and initialise what every report needs once, before forking: papermill,
    nbconvert's exporter and templates, WeasyPrint and its font subsetter (≈1 s a report)."""
    import fontTools.subset  # noqa: F401  (WeasyPrint subsets fonts with it)
    import nbformat
    import papermill  # noqa: F401
    import weasyprint

    from helpers.pipeline.export_html import _exporter

    for flag in show_code:
        _exporter(flag).from_notebook_node(
            nbformat.v4.new_notebook(),
            resources={"report": {"title": "", "set_name": "", "params": [], "date": "",
                                  "sources": [], "provenance": _EMPTY_PROVENANCE, "css": ""}},
        )
    weasyprint.HTML(string="<p>x</p>").render()


_EMPTY_PROVENANCE = {"notebook_path": "", "set": "", "git": {"commit": "", "dirty": False},
                     "started": "", "execution_seconds": 0.0, "rebuild_key": "",
                     "parameters": {}, "data_files": [], "packages": {}}


def _collect(job: Job, proc: Any, recv: Connection) -> Result:
    result = None
    try:
        if recv.poll():
            result = recv.recv()
    except (EOFError, OSError):
        result = None
    finally:
        recv.close()
    proc.join()
    if result is None:
        code = proc.exitcode
        why = f"killed by signal {-code}" if code is not None and code < 0 else f"exit {code}"
        result = Result(job.notebook, job.set_name, "failed", job.out_dir,
                        error=f"worker process died ({why}); previous report kept",
                        reason=job.reason)
    return result


def _stop(running: dict[Any, tuple[Job, Any, Connection]], grace: float = 10.0) -> None:
    """Ask every worker to stop (they shut their kernels down), then make sure they are gone."""
    for _, proc, _ in running.values():
        if proc.is_alive():
            proc.terminate()
    deadline = time.monotonic() + grace
    for _, proc, recv in running.values():
        proc.join(max(0.0, deadline - time.monotonic()))
        if proc.is_alive():
            proc.kill()
            proc.join()
        recv.close()


def explain_failures(results: Iterable[Result]) -> list[str]:
    """Per failed report: what failed, and where its partly executed notebook and the full
    message are."""
    lines = []
    for r in results:
        if r.status != "failed":
            continue
        lines.append(f"{r.notebook} [{r.set_name}]: {short_error(r.error)}")
        if (r.out_dir / FAILED_DIR).is_dir():
            lines.append(f"    kept: {r.out_dir / FAILED_DIR}{os.sep}")
    return lines

