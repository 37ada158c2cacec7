"""Work a build's reports share, done once before the first report starts: each theme's
shared results (its document checks, ``helpers.core.shared_results``) and parses of the
published statistics it declares, and the validation of the data folder's files
(``helpers.core.parse_cache``), all into the build's cache folder, in worker processes
(``jobs`` at a time, like the reports).

Without this the first report of each theme did that work inside its own run (and a second
report of the theme starting at the same moment waited for it), so that report cost up to
two seconds more than its own content needs. A theme is warmed only when at least two of its
reports are built: with one, nothing would be shared.

Best effort: a task that fails, or runs past its limit and is stopped, leaves the work to the
reports, which do it themselves (and fail with their own message if the problem is real).
The seconds each task took are kept in ``WARM_UP_FILE`` in the cache folder (the benchmark
prints them as the build's shared work).
"""

from __future__ import annotations

import contextlib
import importlib
import json
import os
import signal
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from helpers.core import shared_results
from helpers.core.data import DATA_DIR_ENV, READ_LOG_ENV
from helpers.sources.external import EXTERNAL_DIR_ENV, EXTERNAL_STORE_ENV

#: The task that validates every file of the data folder (the others are theme names).
DATA_TASK = "data"
#: Seconds per task and in all, in the build's cache folder.
WARM_UP_FILE = "warm-up.json"
#: Seconds a task may take before it is stopped (its work is then left to the reports).
TASK_LIMIT = 300.0


def tasks_for(notebooks: Iterable[str], keyed: Iterable[str]) -> list[str]:
    """The warm-up tasks for a build of reports of these notebooks (one name per report): the
    themes (a notebook named like its theme package) with two reports or more and a cache key
    in this build (``keyed``), most reports first, after the data task. None when no theme
    qualifies: a notebook outside the themes (the audit page, a test fixture) is left to
    compute what it needs, which the themes' own reports have usually stored by then."""
    known = set(keyed)
    counts = Counter(nb for nb in notebooks if nb in known)
    chosen = [t for t, n in counts.most_common() if n >= 2]
    return [DATA_TASK, *chosen] if chosen else []


def run(tasks: list[str], shared_cache: str, jobs: int, *,
        limit: float = TASK_LIMIT) -> dict[str, Any]:
    """Run ``tasks`` (``tasks_for``) in worker processes, ``jobs`` at a time, with the
    kernels' ``SHARED_CACHE_ENV`` value ``shared_cache``; returns and stores the seconds per
    task (``None`` for one that failed or was stopped). Ctrl-C or SIGTERM stops the workers
    and is raised on as ``KeyboardInterrupt``."""
    folder = shared_results.cache_folder(shared_cache)
    if not tasks or folder is None:
        return {}
    folder.mkdir(parents=True, exist_ok=True)
    from helpers.pipeline.executors.local import worker_context

    ctx = worker_context()
    env = dict(os.environ)
    env[shared_results.SHARED_CACHE_ENV] = shared_cache
    env.pop(READ_LOG_ENV, None)  # the shared results record their own reads
    for var in (DATA_DIR_ENV, EXTERNAL_DIR_ENV, EXTERNAL_STORE_ENV):
        if env.get(var):  # as a kernel sees them (it runs in the notebook's folder)
            env[var] = str(Path(env[var]).resolve())
    t0 = time.perf_counter()
    pending = list(tasks)
    running: dict[str, tuple[Any, float]] = {}
    seconds: dict[str, float | None] = {}
    main = threading.current_thread() is threading.main_thread()
    old_term = signal.signal(signal.SIGTERM, _raise_interrupt) if main else None
    try:
        while pending or running:
            while pending and len(running) < max(1, jobs):
                task = pending.pop(0)
                proc = ctx.Process(target=_worker, args=(task, env, os.getpid()),
                                   name=f"warm-up {task}")
                proc.start()
                running[task] = (proc, time.perf_counter())
            for task, (proc, started) in list(running.items()):
                proc.join(0.02)
                elapsed = time.perf_counter() - started
                if proc.is_alive() and elapsed <= limit:
                    continue
                if proc.is_alive():
                    _kill(proc)
                seconds[task] = round(elapsed, 3) if proc.exitcode == 0 else None
                del running[task]
    except KeyboardInterrupt:
        for proc, _ in running.values():
            _kill(proc)
        raise
    finally:
        if main:
            signal.signal(signal.SIGTERM, old_term)
    record = {"tasks": seconds, "wall": round(time.perf_counter() - t0, 3), "jobs": jobs}
    with contextlib.suppress(OSError):  # only the benchmark reads it
        (folder / WARM_UP_FILE).write_text(json.dumps(record, indent=1), encoding="utf-8")
    return record


def _raise_interrupt(signum: int, frame: Any) -> None:
    raise KeyboardInterrupt


def _kill(proc: Any) -> None:
    with contextlib.suppress(OSError):
        proc.kill()
    proc.join(5)


def _worker(task: str, env: dict[str, str], parent: int) -> None:
    from helpers.pipeline.executors.local import die_with

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the build decides; it stops us by SIGKILL
    die_with(parent)
    os.environ.clear()
    os.environ.update(env)
    try:
        # output of the work itself (warnings) must not mix with the build's progress lines
        with open(os.devnull, "w") as null, contextlib.redirect_stdout(null), \
                contextlib.redirect_stderr(null):
            (validate_data if task == DATA_TASK else warm_theme)(task)
    except Exception:
        sys.exit(1)  # the reports meet the same problem and tell it; no traceback here


def validate_data(_task: str = DATA_TASK) -> None:
    """Validate every file of the data folder once (``data.load`` stores each file found
    valid in the build's cache); a file that fails is left for the report that reads it."""
    from helpers.core import data

    for name in data.catalogue():
        with contextlib.suppress(Exception):
            data.load(name)


def warm_theme(theme: str) -> None:
    """Compute the theme's shared results and parse the published statistics it declares."""
    from helpers.core import statistics
    from helpers.sources.statistics import needed_by

    module = importlib.import_module(f"helpers.themes.{theme}")
    for func in shared_functions(module):
        func()  # an error here is the reports' to tell: the worker exits non-zero
    for dataset in needed_by(theme):
        with contextlib.suppress(Exception):  # not a statistics table, or not present
            if statistics.available(dataset):
                statistics.load_statistic(dataset)


def shared_functions(module: Any) -> list[Callable[[], Any]]:
    """The functions decorated with ``shared_result`` that ``module`` exports."""
    found = [obj for obj in vars(module).values()
             if callable(obj) and getattr(obj, shared_results.SHARED_MARK, False)]
    return list(dict.fromkeys(found))
