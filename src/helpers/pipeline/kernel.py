"""The Jupyter kernel a report runs in: a kernelspec for the build's own Python, the worker's
environment as the kernel will see it, and the processes a worker leaves behind."""

from __future__ import annotations

import json
import os
import sys
import tempfile
from contextlib import suppress
from pathlib import Path

from helpers.core.data import DATA_DIR_ENV, READ_LOG_ENV
from helpers.core.shared_results import SHARED_CACHE_ENV
from helpers.pipeline.job import Job
from helpers.sources.external import EXTERNAL_DIR_ENV, EXTERNAL_STORE_ENV

KERNEL_NAME = "industrirapporter-python"

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


def kernel_environment(job: Job, read_log: Path) -> None:
    """Set this worker's environment, which the kernel inherits, for ``job``."""
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
    if job.shared_cache:
        os.environ[SHARED_CACHE_ENV] = job.shared_cache
    else:  # e.g. inherited from a build that runs this one
        os.environ.pop(SHARED_CACHE_ENV, None)


def redirect_output(log: Path) -> None:
    """Send this worker's (and so the kernel's) stdout/stderr to ``log``: the kernel's start-up
    warnings would otherwise interleave with the build's progress lines."""
    fd = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    sys.stdout.flush()
    sys.stderr.flush()
    os.dup2(fd, 1)
    os.dup2(fd, 2)
    os.close(fd)


def children(pid: int) -> list[int]:
    """Processes whose parent is ``pid`` (Linux /proc; empty elsewhere)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with suppress(OSError, ValueError, IndexError):
            if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(stat.parent.name))
    return found
