"""Provenance of one report: parameters, git state, data files read (SHA-256), versions, times.

``helpers.core.data`` appends every file it reads to the file named by
``$INDUSTRIRAPPORTER_READ_LOG``;
the runner points that variable at a per-report log and turns it into ``data_files`` here.
"""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from helpers.core import data
from helpers.core.data import DESCRIPTOR_SUFFIX, sha256_file
from helpers.pipeline import rebuild

FILENAME = "provenance.json"


def git_state(root: Path) -> dict[str, Any]:
    """Commit and dirty flag of the working tree at ``root`` ("unknown" outside git)."""
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "HEAD"], cwd=root, capture_output=True, text=True, check=True,
            timeout=10,
        ).stdout.strip()
        status = subprocess.run(
            ["git", "status", "--porcelain"], cwd=root, capture_output=True, text=True,
            check=True, timeout=30,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return {"commit": "unknown", "dirty": None}
    return {"commit": commit, "dirty": bool(status.strip())}


def read_log(log: Path) -> list[Path]:
    """Files listed in a read log, each once, in first-read order."""
    if not log.is_file():
        return []
    seen: dict[str, None] = {}
    for line in log.read_text(encoding="utf-8").splitlines():
        if line.strip():
            seen.setdefault(line.strip(), None)
    return [Path(p) for p in seen]


def display_path(path: Path) -> str:
    """Path relative to the project (or the data folder) when inside it, else absolute."""
    for base in (data.project_root(), data.data_dir().parent):
        try:
            return path.resolve().relative_to(base.resolve()).as_posix()
        except ValueError:
            continue
    return str(path)


def file_records(paths: Iterable[Path]) -> list[dict[str, str]]:
    return [
        {"path": display_path(p), "sha256": sha256_file(p)}
        for p in paths
        if p.is_file()
    ]


def dataset_sources(paths: Iterable[Path]) -> list[dict[str, Any]]:
    """Name, citation and title of every dataset the notebook read: from the descriptors of
    ``data/`` datasets, and from the external-data catalogue (matched by the pinned SHA-256)
    for files ``helpers.sources.external`` read."""
    out = []
    external = None
    for p in paths:
        if not p.is_file():
            continue
        if p.name.endswith(DESCRIPTOR_SUFFIX):
            try:
                desc = json.loads(p.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                continue
            subs = [x for x in desc.get("sources", []) if isinstance(x, dict)]
            out.append({
                "name": str(desc.get("name", p.name[: -len(DESCRIPTOR_SUFFIX)])),
                "citation": str(desc.get("citation", "")),
                "title": str(desc.get("title", "")),
                # for the readers' appendix (publisher, table, published, retrieved)
                "publishers": list(dict.fromkeys(str(x["publisher"]) for x in subs
                                                 if x.get("publisher"))),
                "tables": list(dict.fromkeys(str(x["table"]) for x in subs if x.get("table"))),
                "published": str(desc.get("published", "")),
                "retrieved": str(desc.get("retrieved", "")),
            })
        elif rebuild.reads_external([p]):
            if external is None:
                external = _external_by_sha()
            src = external.get(sha256_file(p)) or _live_answer(p)
            if src is not None:
                out.append({**src, **_statistics_copy(src["name"], p)})
    return out


def _statistics_copy(name: str, path: Path) -> dict[str, Any]:
    """For a published-statistics dataset (SSB table, KLASS file): its table, SSB's vintage
    as the publication date and when the copy read was retrieved from SSB, as the copy itself
    records them (a recorded copy and a live answer differ); {} for other external files."""
    from helpers.sources import external, statistics

    try:
        if name not in statistics.datasets():
            return {}
        copy = statistics.copy_provenance(name, path)
    except external.ExternalDataError:  # no catalogue, or an unreadable live answer
        return {}
    record: dict[str, Any] = {"statistics": True, "retrieved": copy["retrieved"]}
    if copy["table"]:
        record["tables"] = [copy["table"]]
    if copy["vintage"]:
        record["published"] = copy["vintage"]
    return record


def _live_answer(path: Path) -> dict[str, Any] | None:
    """A live SSB answer stored by ``data fetch --refresh``: not pinned, known by its place."""
    try:
        from helpers.pipeline.inputs import _dataset_files
        from helpers.sources import external

        name = _dataset_files().get(path.resolve())
        if name is None:
            return None
        src = external.source(name)
    except Exception:  # no catalogue: the file is still listed with its hash
        return None
    return {"name": name, "citation": src.citation, "title": src.title, "origin": "live",
            "publishers": [src.publisher] if src.publisher else [],
            "published": src.published}


def _external_by_sha() -> dict[str, dict[str, Any]]:
    try:
        from helpers.sources import external

        return {s.sha256: {"name": s.name, "citation": s.citation, "title": s.title,
                           "publishers": [s.publisher] if s.publisher else [],
                           "published": s.published}
                for s in external.sources().values()}
    except Exception:  # no catalogue (or no module): the files are still listed with hashes
        return {}


def load(report_dir: Path) -> dict[str, Any] | None:
    """The stored provenance of a report, or None when absent or unreadable."""
    try:
        return json.loads((report_dir / FILENAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def dumps(record: dict[str, Any]) -> str:
    return json.dumps(record, indent=2, ensure_ascii=False, default=str) + "\n"
