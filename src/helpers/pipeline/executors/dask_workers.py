"""Checking a Dask cluster before a build: every worker must compute the same rebuild-key
components (helper code, theme code, data, package versions, notebooks) and run the same
project version and commit as this build, or the build stops with one line per worker naming
what differs."""

from __future__ import annotations

import socket
from pathlib import Path
from typing import Any

from helpers.pipeline import provenance as prov
from helpers.pipeline import rebuild
from helpers.pipeline.config import ConfigError
from helpers.pipeline.job import Job

#: Components a worker must compute exactly as this build does (parameters and render
#: options are the build's own; external data is compared only when a report reads it).
CHECKED = ("notebook", "helpers", "theme", "data", "dependencies", "external_data")
_WHAT = {
    "notebook": "notebook file differs",
    "helpers": "helper code (src/helpers) differs",
    "theme": "theme code differs",
    "data": "data differs or is missing",
    "dependencies": "package versions differ",
    "external_data": "external data differs or is missing",
}


class WorkerMismatch(ConfigError):
    """A worker cannot build what this build would (different project, data or packages)."""


def worker_state(notebooks: list[str], external: bool,
                 reports: list[tuple[str, str, dict[str, Any] | None]] = ()) -> dict[str, Any]:
    """Run on each worker: what it would put into a report's rebuild key, per notebook path,
    and per report (label, notebook path, what its last build read) with the same inputs as
    the client's key."""
    from helpers.core.data import data_dir

    context = rebuild.KeyContext()
    components: dict[str, dict[str, str] | None] = {}
    for path in notebooks:
        try:
            components[path] = context.components(Path(path), {}, {}, external)
        except OSError:
            components[path] = None
    by_label: dict[str, dict[str, str] | None] = {}
    for label, path, inputs in reports:
        try:
            by_label[label] = context.components(Path(path), {}, {}, external, inputs=inputs)
        except OSError:
            by_label[label] = None
    return {
        "by_label": by_label,
        **project_state(),
        "host": socket.gethostname(),
        "data_dir": str(data_dir()),
        "components": components,
    }


def project_state() -> dict[str, str]:
    """The installed project's version and the commit of its source tree."""
    from importlib import metadata

    from helpers.core.data import project_root

    try:
        version = metadata.version("industrirapporter")
    except metadata.PackageNotFoundError:
        version = "not installed"
    return {"version": version, "commit": prov.git_state(project_root())["commit"]}


def check_workers(states: dict[str, Any], jobs: list[Job]) -> None:
    """Raise ``WorkerMismatch`` (one line per worker) unless every worker would compute the
    same rebuild-key components as this build for every job (``states``: what
    ``worker_state`` returned on each, or the exception it raised there)."""
    mine = project_state()
    version, commit = mine["version"], mine["commit"]
    lines = []
    for address, state in sorted(states.items()):
        if isinstance(state, BaseException):  # e.g. the project is not installed there
            first = (str(state).splitlines() or [""])[0]
            lines.append(f"worker {address} cannot run the project's code: "
                         f"{type(state).__name__}: {first}".rstrip(": "))
            continue
        problems: list[str] = []
        if state["version"] != version or state["commit"] != commit:
            problems.append(f"project {state['version']} at commit {state['commit'][:12]} "
                            f"(this build: {version} at {commit[:12]})")
        for job in jobs:
            by_label = state.get("by_label") or {}
            theirs = (by_label[job.label] if job.label in by_label
                      else state["components"].get(str(job.nb_path)))
            if theirs is None:
                problems.append(f"notebook {job.nb_path} missing")
                continue
            for name in CHECKED:
                if name in job.components and theirs.get(name) != job.components[name]:
                    what = _WHAT[name]
                    if name == "data":
                        what = f"data in {state['data_dir']} differs or is missing"
                    elif name in ("notebook", "theme"):
                        what = f"{what} ({job.notebook})"
                    problems.append(what)
        if problems:
            lines.append(f"worker {address} ({state['host']}) cannot build these reports: "
                         + "; ".join(dict.fromkeys(problems)))
    if lines:
        raise WorkerMismatch("\n".join(lines))
