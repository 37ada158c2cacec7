"""A call limit shared by every process of a build: a sliding-window log in a locked file.

SSB allows 40 calls a minute per user. A build runs its reports in several worker processes,
so a limiter in each process would allow 40 calls a minute *each*. ``SharedRateLimiter`` keeps
the times of the recent calls in a small JSON file guarded by a ``filelock.FileLock``: every
process that uses the same file shares one limit. Times are wall-clock (``time.time``), the
only clock processes share.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable
from pathlib import Path

from filelock import FileLock


class SharedRateLimiter:
    """At most ``calls`` calls in any ``period`` seconds across every process using ``path``."""

    def __init__(
        self,
        path: Path | str,
        calls: int,
        period: float = 60.0,
        *,
        clock: Callable[[], float] = time.time,
        sleep: Callable[[float], None] = time.sleep,
        lock_timeout: float = 30.0,
    ) -> None:
        self.path = Path(path)
        self.calls, self.period = calls, period
        self.clock, self.sleep, self.lock_timeout = clock, sleep, lock_timeout

    def _read(self) -> list[float]:
        try:
            stamps = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return []  # no file yet, or damaged: start a new window
        return [float(s) for s in stamps if isinstance(s, (int, float))]

    def _write(self, stamps: list[float]) -> None:
        tmp = self.path.with_name(f"{self.path.name}.{os.getpid()}.tmp")
        tmp.write_text(json.dumps(stamps), encoding="utf-8")
        os.replace(tmp, self.path)

    def wait(self) -> None:
        """Block until one more call is allowed, then record it (under the file lock)."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        lock = FileLock(str(self.path) + ".lock", timeout=self.lock_timeout)
        while True:
            with lock:
                now = self.clock()
                stamps = [s for s in self._read() if now - s < self.period]
                if len(stamps) < self.calls:
                    stamps.append(now)
                    self._write(stamps)
                    return
                delay = self.period - (now - min(stamps))
            # sleep outside the lock, so other processes can look in the meantime
            self.sleep(max(delay, 0.01))
