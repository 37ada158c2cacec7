"""The collection's reports, built once per test session (HTML and PDF), for the tests that
read them as readers do.

Every configured report (``reports.yaml``: notebook × set) is built with the project's own
command (``python -m helpers build --jobs 2``) into a temporary folder, with the recorded
external data when ``INDUSTRIRAPPORTER_EXTERNAL_DIR`` names an existing folder (else
``../shared/public/external`` beside the project, when present). A report that fails to build
fails its tests with the build's error.

``INDUSTRIRAPPORTER_BUILT_REPORTS`` may name a folder where the same collection is already
built (the output of ``python -m helpers build``): the tests then read it instead of building
(quicker when checking a fix); the reports must be complete, or their tests fail.
"""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from helpers.core import data
from helpers.pipeline import provenance as prov
from helpers.pipeline.config import load_config
from helpers.pipeline.paths import inside

ROOT = data.project_root()
CONFIG = ROOT / "reports.yaml"
BUILT_ENV = "INDUSTRIRAPPORTER_BUILT_REPORTS"
EXTERNAL_ENV = "INDUSTRIRAPPORTER_EXTERNAL_DIR"
#: the whole collection on two cores shared with other work takes many minutes
BUILD_TIMEOUT = 3600


def configured_reports() -> list[tuple[str, str]]:
    """(notebook, set) for every configured report, in config order."""
    collection = load_config(CONFIG)
    return [(nb.name, s) for nb in collection.notebooks.values() for s in nb.sets]


@dataclass(frozen=True)
class BuiltReport:
    notebook: str
    set_name: str
    out_dir: Path
    provenance: dict | None
    build_log: str

    @property
    def label(self) -> str:
        return f"{self.notebook}:{self.set_name}"

    def file(self, fmt: str) -> Path:
        """The built file of this format; fails the test (with the build's output) if absent."""
        files = (self.provenance or {}).get("files") or {}
        path = self.out_dir / files.get(fmt, "-")
        if not path.is_file():
            failure = self.out_dir / "failed" / "failure.json"
            why = (failure.read_text(encoding="utf-8") if failure.is_file()
                   else self.build_log[-3000:])
            pytest.fail(f"{self.label}: no {fmt} was built:\n{why}", pytrace=False)
        return path


def _external_dir() -> str | None:
    given = os.environ.get(EXTERNAL_ENV)
    if given and Path(given).is_dir():
        return given
    beside = ROOT.parent / "shared" / "public" / "external"
    return str(beside) if beside.is_dir() else None


@pytest.fixture(scope="session")
def built_collection(tmp_path_factory) -> dict[tuple[str, str], BuiltReport]:
    """Every configured report, built once (HTML and PDF)."""
    given = os.environ.get(BUILT_ENV)
    log = ""
    if given:
        out = Path(given)
    else:
        out = tmp_path_factory.mktemp("collection") / "reports"
        env = dict(os.environ)
        external = _external_dir()
        if external:
            env[EXTERNAL_ENV] = external
        else:
            env.pop(EXTERNAL_ENV, None)
        env.pop("MPLBACKEND", None)  # Agg would remove every figure from the notebooks
        done = subprocess.run(
            [sys.executable, "-m", "helpers", "build", "--config", str(CONFIG), "--jobs", "2",
             "--formats", "html,pdf", "--output-dir", str(out), "--quiet"],
            cwd=ROOT, env=env, capture_output=True, text=True, timeout=BUILD_TIMEOUT,
        )
        log = done.stdout + done.stderr
    return {
        (nb, s): BuiltReport(nb, s, inside(out, nb, s), prov.load(inside(out, nb, s)), log)
        for nb, s in configured_reports()
    }
