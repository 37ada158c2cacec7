"""One build at a time per output directory: a lock file, with a clear message when held."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from filelock import FileLock, Timeout

from helpers.pipeline.paths import OutputError, describe_os_error, inject_fault

LOCK_NAME = ".build.lock"


class BuildLocked(Exception):
    """Another build holds the lock on the same output directory."""


def lock_path(out_root: Path, inside: bool = True) -> Path:
    """``<out_root>/.build.lock`` for the reports tree; for a single ``run --out DIR`` the lock
    sits beside DIR (``.DIR.lock``) so that DIR holds only the report."""
    return out_root / LOCK_NAME if inside else out_root.parent / f".{out_root.name}.lock"


@contextmanager
def build_lock(path: Path, timeout: float = 0) -> Iterator[Path]:
    """Hold the lock file ``path`` for the duration; raise ``BuildLocked`` if it is taken and
    ``OutputError`` (one line: path and cause) if the output cannot be written at all."""
    out_root = path.parent
    info = path.with_name(path.name + ".info")
    lock = FileLock(str(path), timeout=timeout)
    try:
        inject_fault("lock", path)
        out_root.mkdir(parents=True, exist_ok=True)
        lock.acquire()
    except Timeout:
        holder = info.read_text(encoding="utf-8").strip() if info.is_file() else "unknown"
        raise BuildLocked(
            f"another build is writing to {out_root} (lock {path} is held by {holder}); "
            "wait for it to finish, then run again"
        ) from None
    except OSError as exc:  # after Timeout, which is an OSError too
        raise OutputError(describe_os_error(_named(exc, path))) from None
    try:
        try:
            info.write_text(f"pid {os.getpid()} since {datetime.now():%Y-%m-%d %H:%M:%S}\n",
                            encoding="utf-8")
        except OSError as exc:
            info.unlink(missing_ok=True)
            raise OutputError(describe_os_error(_named(exc, info))) from None
        yield path
    finally:
        info.unlink(missing_ok=True)
        lock.release()


def _named(exc: OSError, path: Path) -> OSError:
    """``exc`` with the path it is about (filelock raises some without one)."""
    return exc if exc.filename else OSError(exc.errno, exc.strerror or str(exc), str(path))
