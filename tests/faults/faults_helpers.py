"""Helpers of the fault-injection suite: a copy of the built fixture collection per case, the
CLI in subprocesses, and checks for processes and temporary files left behind."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from helpers.core.data import READ_LOG_ENV

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "faults"
MARKER = "INDUSTRIRAPPORTER_FAULT_CASE"
#: files every build rewrites or that belong to failures, not to a published report
NOT_REPORT = {"index.html", ".build.lock", ".build.lock.info", ".durations.json"}


def snapshot(root: Path) -> dict[str, bytes]:
    """Every published report file under ``root`` (not the index, locks, failed/ or the
    staging folder, which a running build changes while we walk)."""
    found = {}
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d not in (".staging", "failed"))
        for name in sorted(files):
            if name in NOT_REPORT:
                continue
            path = Path(folder) / name
            try:
                found[str(path.relative_to(root))] = path.read_bytes()
            except FileNotFoundError:  # replaced this instant; the next look sees it
                continue
    return found


@dataclass
class Case:
    base: Path
    marker: str = field(default_factory=lambda: uuid.uuid4().hex)

    @property
    def config(self) -> Path:
        return self.base / "coll" / "reports.yaml"

    @property
    def reports(self) -> Path:
        return self.base / "reports"

    @property
    def tmp(self) -> Path:
        return self.base / "tmp"

    def env(self, extra: dict[str, str] | None = None) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if k != READ_LOG_ENV}
        self.tmp.mkdir(exist_ok=True)
        (self.base / "runtime").mkdir(exist_ok=True)
        env.update({MARKER: self.marker, "TMPDIR": str(self.tmp),
                    "JUPYTER_RUNTIME_DIR": str(self.base / "runtime")})
        env.update(extra or {})
        return env

    def command(self, *args: str) -> list[str]:
        return [sys.executable, "-m", "helpers", "--config", str(self.config), *args]

    def build_args(self, *more: str) -> list[str]:
        return ["build", "--output-dir", str(self.reports), "--jobs", "1", *more]

    def cli(self, *args: str, extra_env: dict[str, str] | None = None,
            timeout: float = 180) -> subprocess.CompletedProcess:
        return subprocess.run(self.command(*args), capture_output=True, text=True,
                              env=self.env(extra_env), timeout=timeout, cwd=self.base)

    def popen(self, *args: str, extra_env: dict[str, str] | None = None) -> subprocess.Popen:
        return subprocess.Popen(self.command(*args), stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True, env=self.env(extra_env),
                                cwd=self.base)

    def edit_config(self, old: str, new: str) -> None:
        text = self.config.read_text(encoding="utf-8")
        assert old in text, old
        self.config.write_text(text.replace(old, new, 1), encoding="utf-8")

    def survivors(self) -> list[str]:
        """Processes (workers, kernels, fork server) still carrying this case's marker."""
        needle = f"{MARKER}={self.marker}".encode()
        found = []
        for environ in Path("/proc").glob("[0-9]*/environ"):
            try:
                if needle in environ.read_bytes().split(b"\0"):
                    found.append((environ.parent / "cmdline").read_bytes()
                                 .replace(b"\0", b" ").decode(errors="replace")[:120])
            except OSError:
                continue
        return found

    def wait_for_no_survivors(self, seconds: float = 20) -> list[str]:
        deadline = time.monotonic() + seconds
        while (left := self.survivors()) and time.monotonic() < deadline:
            time.sleep(0.2)
        return left

    def leftovers(self) -> list[str]:
        """Temporary files and folders a finished (or killed) build left behind."""
        found = [str(p) for p in self.tmp.iterdir()] if self.tmp.is_dir() else []
        runtime = self.base / "runtime"
        found += [str(p) for p in runtime.glob("kernel-*")] if runtime.is_dir() else []
        staging = self.reports / ".staging"
        if staging.exists():
            found += [str(p) for p in staging.rglob("*")] or [str(staging)]
        return found


def wait_until(condition: Callable[[], bool], proc: subprocess.Popen, seconds: float = 120,
               what: str = "condition") -> None:
    deadline = time.monotonic() + seconds
    try:
        while not condition():
            if proc.poll() is not None:
                out, err = proc.communicate()
                raise AssertionError(f"the build ended before {what}: {out}{err}")
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out waiting for {what}")
            time.sleep(0.1)
    except BaseException:
        proc.kill()  # its workers follow it
        raise
