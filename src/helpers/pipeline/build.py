"""Plan and run a build: validate everything, skip what is up to date, run the rest in parallel.

Nothing executes until every selected notebook exists and every parameter set validates. The
stale reports then go to an executor (``executors.local``: a process per report on this
machine, the default; ``executors.dask``: a Dask cluster); a failing or stuck report fails
alone. The index page is rewritten at the end of every build.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from helpers.core import shared_results
from helpers.pipeline import index as index_page
from helpers.pipeline import inputs as report_inputs
from helpers.pipeline import plan, rebuild, shared_cache, warm_up
from helpers.pipeline import provenance as prov
from helpers.pipeline.config import (
    Collection,
    ConfigError,
    NotebookConfig,
    check_notebook_file,
    load_config,
)

# Interrupted and default_jobs are imported from here by the command line
from helpers.pipeline.executors import Executor, Interrupted, make_executor  # noqa: F401
from helpers.pipeline.executors.local import (  # noqa: F401
    LocalExecutor,
    default_jobs,
    run_jobs,
)
from helpers.pipeline.job import EXTENSIONS, FAILED_DIR, STAGING_DIR, Job, Result
from helpers.pipeline.lock import build_lock, lock_path
from helpers.pipeline.params import DeclarationError, ParameterError
from helpers.pipeline.paths import (
    OutputError,
    atomic_write,
    describe_os_error,
    inject_fault,
    safe_name,
)
from helpers.pipeline.progress import Progress, short_error

DEFAULT_CONFIG = "reports.yaml"
#: Seconds each report took when last built, in the output root: the build order (longest
#: first) survives a report's folder being removed.
DURATIONS_FILE = ".durations.json"


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
    executor: Executor | None = None,
) -> BuildSummary:
    """Build the selected reports (all when empty) with ``executor`` (default: the local
    process pool with ``jobs`` workers). Raises ``ConfigError`` before executing anything when
    the config, the selection or a parameter set is invalid."""
    collection = load_config(config or default_config())
    declared = plan.declared_sets(collection, selection)
    fmts = _formats(formats, collection)
    # absolute: the kernels run in the notebook's folder, and the read log lives under ``out``
    out = (Path(out_root) if out_root else collection.root / "reports").absolute()
    check_output(collection, out, single_report=False)
    render = {"show_code": show_code}
    context = rebuild.KeyContext()
    plans = plan.plan_reports(declared, out, fmts, render, context, force)
    plan.check_sets([p for p in plans if p.stale])  # the validators, before anything runs

    with build_lock(lock_path(out)):
        _fresh_staging(out / STAGING_DIR)
        # the datasets the reports need: present, or downloaded now (their keys count them)
        ensured = report_inputs.ensure_for_build([nb.name for nb, _, _ in declared],
                                                 quiet=quiet)
        if ensured.fetched:  # the keys of the reports that read them changed
            checked = {p.label for p in plans if p.stale}
            context = rebuild.KeyContext()
            plans = plan.plan_reports(declared, out, fmts, render, context, force)
            plan.check_sets([p for p in plans if p.stale and p.label not in checked])
        # two git commands: only when something is built
        git = prov.git_state(collection.root) if any(p.stale for p in plans) else {}
        summary = BuildSummary()
        to_run: list[Job] = []
        stored = _load_durations(out)
        known = _known_durations(collection, out, stored)
        last_duration: dict[str, float] = {}
        for report in plans:
            nb, set_name, params = report.nb, report.set_name, report.params
            if not report.stale:
                shutil.rmtree(report.out_dir / FAILED_DIR, ignore_errors=True)  # stale failure
                summary.results.append(Result(nb.name, set_name, "up to date", report.out_dir))
                continue
            last_duration[report.label] = _expected_seconds(nb, set_name, report.old, known)
            to_run.append(Job(
                notebook=nb.name, set_name=set_name, title=nb.title_for(params), nb_path=nb.path,
                params=params, out_dir=report.out_dir, staging_root=out / STAGING_DIR,
                formats=fmts, show_code=show_code,
                cell_timeout=collection.cell_timeout, components=report.components, git=git,
                stem=f"{safe_name(nb.name)}-{safe_name(set_name)}",
                reason="forced" if force else report.reason,
                stage_timeout=collection.stage_timeout, specs=nb.declaration.specs,
                inputs=report.inputs,
            ))
        shared = ""
        if to_run:  # results the reports share (document checks), computed once
            shared = shared_cache.prepare(out, context, force=force)
            for job in to_run:
                job.shared_cache = shared
        # Longest first: the slowest report must not start last and leave the others idle.
        to_run.sort(key=lambda j: -last_duration[j.label])
        progress = Progress(len(to_run), quiet=quiet)
        for r in summary.results:
            progress.finished(r)
        try:
            runner = executor or make_executor("local", jobs=jobs)
            if to_run and isinstance(runner, LocalExecutor):
                # on this machine the workers share the cache folder: its shared work first
                tasks = warm_up.tasks_for((j.notebook for j in to_run),
                                          shared_results.theme_keys(shared))
                try:
                    warm_up.run(tasks, shared, runner.jobs)
                except KeyboardInterrupt:
                    raise Interrupted([]) from None
            summary.results.extend(runner.run(to_run, progress))
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


def _known_durations(collection: Collection, out: Path,
                     stored: dict[str, float]) -> dict[str, float]:
    """The durations the build order goes by: this output's, completed by those of the
    collection's own reports folder (a fresh output, as in a benchmark, orders its first
    build by them)."""
    default = (collection.root / "reports").absolute()
    if default == out:
        return stored
    return {**_load_durations(default), **stored}


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
            notebook=nb.name, set_name="(ad hoc)", title=nb.title_for(checked), nb_path=nb.path,
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

