"""Results shared by the reports of a build: a theme function without parameters (its
``document_checks``) computed once and reused by every report that calls it.

A build names a cache folder and, per theme package, a key over everything such a result can
depend on apart from the files it reads (the shared helper code, the theme's own code, the
package versions, the state of the external datasets the theme declares), and hands both to
the kernels in ``INDUSTRIRAPPORTER_SHARED_CACHE``. A stored result also lists the files the
computation read, with their SHA-256, and the datasets it loaded: it is used only while every
one of those files is unchanged, and using it repeats those reads in the report's read log and
its list of loaded datasets, so provenance and source lines are those of a report that
computed it. Without a cache (a notebook run in JupyterLab, a Dask worker, ``python -m helpers
run``), or with an unreadable, damaged or outdated entry, the function simply runs.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import pickle
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any, TypeVar

from helpers.core import data

#: JSON ``{"dir": cache folder, "keys": {theme package: key}}``, set by the build per kernel.
SHARED_CACHE_ENV = "INDUSTRIRAPPORTER_SHARED_CACHE"
#: The attribute that marks a ``shared_result`` function.
SHARED_MARK = "__shared_result__"
#: Seconds a report waits for another one computing the same result before computing it too.
LOCK_TIMEOUT = 300.0
_FORMAT = 1  # bumped when the stored layout changes: older entries are then ignored
_FIELDS = {"result", "reads", "loaded", "outside", "digests"}

T = TypeVar("T")


def shared_result(func: Callable[[], T]) -> Callable[[], T]:
    """Decorate a theme function that takes no parameters and whose result depends only on
    code and data (not on a report's parameters): computed once per build, reused by every
    report of the build and by later builds while nothing it depends on changed."""

    @functools.wraps(func)
    def shared() -> T:
        entry = entry_path(func)
        if entry is None:
            return func()
        found = _load(entry)
        if found is None:
            with _lock(entry):  # another report may be computing it right now
                found = _load(entry)
                if found is None:
                    return _compute_and_store(func, entry)
        _replay(found)
        return found["result"]

    setattr(shared, SHARED_MARK, True)  # the build's warm-up finds and computes it
    return shared


def cache_folder(value: str | None = None) -> Path | None:
    """The cache folder a ``SHARED_CACHE_ENV`` value names (default: this process's), or None
    outside a build."""
    try:
        folder = Path(json.loads(os.environ.get(SHARED_CACHE_ENV, "") if value is None
                                 else value)["dir"])
    except (ValueError, TypeError, KeyError):
        return None
    return folder if folder.is_absolute() else None


def theme_keys(value: str) -> dict[str, str]:
    """Theme package → key, from a ``SHARED_CACHE_ENV`` value ({} when it names none)."""
    try:
        return dict(json.loads(value)["keys"])
    except (ValueError, TypeError, KeyError):
        return {}


def entry_path(func: Callable[..., Any]) -> Path | None:
    """Where ``func``'s shared result is stored in this build, or None when there is no cache
    for it (no build, or a function outside the theme packages the build named)."""
    folder = cache_folder()
    parts = func.__module__.split(".")
    theme = parts[2] if len(parts) > 2 and parts[:2] == ["helpers", "themes"] else ""
    key = theme_keys(os.environ.get(SHARED_CACHE_ENV, "")).get(theme)
    if not key or folder is None:
        return None
    return folder / f"{func.__module__}.{func.__qualname__}-{key[:32]}.pickle"


def store(entry: Path, payload: dict[str, Any]) -> None:
    """Write ``payload`` to ``entry`` as a pickle, atomically: a report reading it at the same
    time sees the old entry or the new one, never half of one."""
    entry.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=entry.parent, prefix=".tmp-", suffix=".pickle")
    try:
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(payload, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, entry)
    finally:
        Path(tmp).unlink(missing_ok=True)


def _load(entry: Path) -> dict[str, Any] | None:
    """The stored entry if it is whole and every file it read is unchanged; else None."""
    try:
        with open(entry, "rb") as fh:
            found = pickle.load(fh)
        if found.get("format") != _FORMAT or not _FIELDS <= found.keys():
            return None
        for path, digest in found["digests"].items():
            if data.sha256_file(Path(path)) != digest:
                return None
    except Exception:  # missing, unreadable, damaged, written by other code: compute it
        return None
    return found


class _Recording:
    """What a computation read and loaded: its own read log and list of loaded datasets, in
    place of the report's for the duration (``helpers.core.data`` keeps both)."""

    def __enter__(self) -> _Recording:
        fd, name = tempfile.mkstemp(prefix="shared-reads-", suffix=".log")
        os.close(fd)
        self.log = Path(name)
        self.saved_env = os.environ.get(data.READ_LOG_ENV)
        self.saved = (data._LOADED, data._OUTSIDE)
        os.environ[data.READ_LOG_ENV] = str(self.log)
        data._LOADED, data._OUTSIDE = {}, {}
        return self

    def __exit__(self, *exc: object) -> None:
        self.loaded, self.outside = list(data._LOADED), dict(data._OUTSIDE)
        data._LOADED, data._OUTSIDE = self.saved
        if self.saved_env is None:
            os.environ.pop(data.READ_LOG_ENV, None)
        else:
            os.environ[data.READ_LOG_ENV] = self.saved_env
        try:
            self.reads = [x for x in self.log.read_text(encoding="utf-8").splitlines() if x]
        finally:
            self.log.unlink(missing_ok=True)
        # what the computation read and loaded counts for the report, as without the cache
        _replay({"reads": self.reads, "loaded": self.loaded, "outside": self.outside})


def _compute_and_store(func: Callable[[], T], entry: Path) -> T:
    if not (hasattr(data, "_LOADED") and hasattr(data, "_OUTSIDE")):
        return func()  # the data layer changed shape: never store an incomplete record
    with _Recording() as rec:
        result = func()
    found = {
        "format": _FORMAT,
        "result": result,
        "reads": rec.reads,
        "loaded": rec.loaded,
        "outside": rec.outside,
        "digests": {p: data.sha256_file(Path(p)) for p in dict.fromkeys(rec.reads)},
    }
    with suppress(Exception):  # a full disk or an unpicklable result only costs the reuse
        store(entry, found)
    return result


def _replay(found: dict[str, Any]) -> None:
    """Record the reads and loaded datasets of a computation as this process's own."""
    log = os.environ.get(data.READ_LOG_ENV)
    if log and found["reads"]:
        with open(log, "a", encoding="utf-8") as fh:
            fh.writelines(f"{path}\n" for path in found["reads"])
    for name in found["loaded"]:
        if name in found["outside"]:
            data.note_loaded(name, found["outside"][name])
        else:
            data._LOADED.setdefault(name)


@contextmanager
def _lock(entry: Path) -> Iterator[None]:
    """An exclusive lock beside the entry; without it (unwritable, or ``LOCK_TIMEOUT`` passed)
    the report computes the result itself."""
    from filelock import FileLock, Timeout

    lock = FileLock(str(entry.with_suffix(".lock")), timeout=LOCK_TIMEOUT)
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        lock.acquire()
    except (OSError, Timeout):
        yield
        return
    try:
        yield
    finally:
        lock.release()


def setting(folder: Path, keys: dict[str, str]) -> str:
    """The value of ``SHARED_CACHE_ENV`` for a cache in ``folder`` with a key per theme."""
    return json.dumps({"dir": str(Path(folder).absolute()), "keys": keys}, sort_keys=True)


def key_of(parts: dict[str, Any]) -> str:
    """A theme's key from the parts its shared results depend on (computed by the build)."""
    return hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode()).hexdigest()


def entry_key(entry: Path) -> str:
    """The (shortened) key an entry was stored under."""
    return entry.stem.rpartition("-")[2]
