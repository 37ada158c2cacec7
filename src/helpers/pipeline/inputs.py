"""What a report read, and the part of its rebuild key that covers exactly that.

The read log of a report (every file ``helpers.core.data.load``,
``helpers.sources.external.load`` and ``helpers.core.statistics.load_statistic`` opened) becomes
its *inputs*:

- ``data``: the files under ``data/`` it read (CSV files and their descriptors), relative;
- ``datasets``: the external datasets (catalogue names) it read, plus those its theme declares
  it needs (``STATISTICS``), so a dataset that was missing and appears counts too.

The key then holds one hash over those ``data`` files and one over the state of those datasets
(the recorded copy's pinned SHA-256, or the stored live answer's, or "missing"). A change
anywhere else in ``data/``, or to a dataset the report does not use, leaves its key alone.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from helpers.core import data
from helpers.core.data import sha256_file
from helpers.sources import external, statistics

MISSING = "missing"


def _dataset_files() -> dict[Path, str]:
    """Every place a catalogue dataset's file can be read from → its name."""
    out: dict[Path, str] = {}
    if not external.catalogue_path().is_file():
        return out  # a data folder without external datasets (test fixtures)
    for name, src in external.sources().items():
        for base in external.search_dirs():
            out[(base / src.path).resolve()] = name
        if name in statistics.datasets():
            out[statistics.live_path(name).resolve()] = name
    return out


def inputs_of(
    files_read: Iterable[Path | str], declared: Iterable[str] = ()
) -> dict[str, list[str]]:
    """The report's inputs from its read log: ``{"data": [...], "datasets": [...]}``."""
    root = data.data_dir().resolve()
    by_file = _dataset_files()
    data_files: list[str] = []
    names: list[str] = []
    for f in files_read:
        p = Path(f).resolve()
        if p in by_file:
            names.append(by_file[p])
            continue
        try:
            rel = p.relative_to(root)
        except ValueError:
            continue
        if rel.parts and rel.parts[0] != "external":
            data_files.append(rel.as_posix())
    names.extend(declared)
    return {"data": sorted(set(data_files)), "datasets": sorted(set(names))}


def data_files_hash(relative: Iterable[str]) -> str:
    """One hash over the named ``data/`` files: name and content ("missing" when gone)."""
    root = data.data_dir()
    h = hashlib.sha256()
    for rel in sorted(set(relative)):
        path = root / rel
        state = sha256_file(path) if path.is_file() else MISSING
        h.update(f"{rel}\0{state}\n".encode())
    return h.hexdigest()


def dataset_state(name: str) -> str:
    """What a report would read for dataset ``name`` now: "recorded:<sha>", "live:<sha>",
    "missing", or "damaged" (a file that fails its checksum)."""
    try:
        if name in statistics.datasets():
            resolved = statistics.resolve(name)
            return f"{resolved.origin}:{resolved.sha256}"
        external.locate(name)
        return f"recorded:{external.source(name).sha256}"
    except external.ChecksumMismatch:
        return "damaged"
    except external.ExternalDataError:
        return MISSING


def datasets_hash(names: Iterable[str], known: dict[str, str] | None = None) -> str:
    """One hash over the datasets' states; ``known`` holds states already looked up in this
    build (looking one up verifies its file) and receives the new ones."""
    known = {} if known is None else known
    for name in set(names) - set(known):
        known[name] = dataset_state(name)
    states = {name: known[name] for name in sorted(set(names))}
    return hashlib.sha256(json.dumps(states, sort_keys=True).encode()).hexdigest()


def key_parts(inputs: dict[str, Any], known: dict[str, str] | None = None) -> dict[str, str]:
    """The key components for a report's inputs: ``data`` and ``datasets`` (``known``: see
    ``datasets_hash``)."""
    return {
        "data": data_files_hash(inputs.get("data", [])),
        "datasets": datasets_hash(inputs.get("datasets", []), known),
    }


def declared_for(notebook: str) -> tuple[str, ...]:
    """The datasets the notebook's theme declares (see ``statistics.needed_by``)."""
    return statistics.needed_by(notebook)


def ensure_for_build(notebooks: Iterable[str], *, quiet: bool = False) -> statistics.Ensured:
    """Before a build: every dataset the selected reports' themes declare is present
    (verified), or downloaded from its pinned URL when online (progress bar on a terminal).
    What is still missing is said once on stderr; the build goes on without it."""
    import sys

    names = [n for nb in dict.fromkeys(notebooks) for n in declared_for(nb)]
    ensured = statistics.ensure(names, progress=not quiet and sys.stderr.isatty())
    if ensured.missing:
        print(f"note: {ensured.message()}", file=sys.stderr)
    return ensured
