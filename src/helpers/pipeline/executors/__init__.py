"""Where a build's reports run: the executor interface and its two implementations.

``local`` (the default) runs each report in its own process on this machine; ``dask`` sends
them to a Dask distributed cluster (``pip install -e .[cluster]``). Either way the build itself
(validation, rebuild keys, the lock, the index) stays in the calling process, and so does the
decision which reports run: an executor only gets the stale ones.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from helpers.pipeline.job import Job, Result
    from helpers.pipeline.progress import Progress

EXECUTORS = ("local", "dask")


class Interrupted(Exception):
    """The build was stopped (Ctrl-C or SIGTERM); finished reports are kept and listed."""

    def __init__(self, results: list[Result] | None = None) -> None:
        super().__init__("interrupted")
        self.results = list(results or [])


class Executor(Protocol):
    """Runs jobs and returns their results in finish order; every report is published (or
    its failure kept in ``failed/``) before its result is returned. Raises ``Interrupted``
    (with the results so far) on Ctrl-C or SIGTERM; nothing half-written is left behind."""

    def run(self, jobs: list[Job], progress: Progress) -> list[Result]: ...


def make_executor(name: str = "local", *, jobs: int | None = None,
                  scheduler: str | None = None) -> Executor:
    """The executor called ``name``: ``local`` with ``jobs`` processes, or ``dask`` on the
    scheduler at ``scheduler`` (a ``LocalCluster`` of ``jobs`` workers when None)."""
    if name == "local":
        if scheduler:
            from helpers.pipeline.config import ConfigError

            raise ConfigError("--scheduler needs --executor dask")
        from helpers.pipeline.executors.local import LocalExecutor

        return LocalExecutor(jobs)
    if name == "dask":
        from helpers.pipeline.executors.dask import DaskExecutor

        return DaskExecutor(scheduler, workers=jobs)
    from helpers.pipeline.config import ConfigError

    raise ConfigError(f"unknown executor {name!r}; choose from {', '.join(EXECUTORS)}")
