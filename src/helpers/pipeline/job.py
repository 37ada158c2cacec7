"""What one report run is: the job a worker gets, the result it returns, and the names of
the files and folders a run leaves behind. No heavy imports: the build's parent process, the
progress display and the index all use these without loading papermill or WeasyPrint.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

FAILED_DIR = "failed"
FAILURE_FILE = "failure.json"
STAGING_DIR = ".staging"
#: The kernel's own stdout/stderr (warnings, crashes); kept in ``failed/`` when a run fails.
KERNEL_LOG = "kernel.log"
EXTENSIONS = {"ipynb": ".ipynb", "html": ".html", "pdf": ".pdf"}
STAGES = ("execute", "html", "pdf", "publish")

#: ``notify(stage, detail)``: how a worker tells the scheduler where it is.
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
    #: where the kernel finds results shared between reports (``SHARED_CACHE_ENV``; empty:
    #: none, the kernel computes them)
    shared_cache: str = ""

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
