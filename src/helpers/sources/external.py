"""Download, verify and read the external datasets the project does not ship.

The catalogue ``data/external_sources.json`` pins each file: URL, SHA-256, relative path, format,
encoding and provenance. A file is looked for, in this order, in

1. the directory named by ``$INDUSTRIRAPPORTER_EXTERNAL_DIR`` (same relative paths), and
2. ``data/external/`` (gitignored), where ``python -m helpers data fetch`` stores
   downloads.

Every file is checked against its pinned SHA-256 before it is read; a mismatch is an error, never a
silent fallback. ``load`` reads a verified file with the reader for its format
(``helpers.sources.readers``).

Command line::

    python -m helpers data status          # where each file is, and whether it verifies
    python -m helpers data fetch [NAME...]  # download into data/external/ and verify
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

from helpers.core import data
from helpers.core.data import sha256_file
from helpers.core.file_cache import cached_by_file

CATALOGUE_FILE = "external_sources.json"
EXTERNAL_DIR_ENV = "INDUSTRIRAPPORTER_EXTERNAL_DIR"
EXTERNAL_STORE_ENV = "INDUSTRIRAPPORTER_EXTERNAL_STORE"
FETCH_COMMAND = "python -m helpers data fetch"


class ExternalDataError(Exception):
    """An external dataset is unknown, unreadable or not in its published format."""


class MissingExternalData(ExternalDataError):
    """The file is in none of the places searched; the message says how to get it."""


class ChecksumMismatch(ExternalDataError):
    """The file's SHA-256 differs from the pinned one."""


class DownloadError(ExternalDataError):
    """The download failed (HTTP error, timeout, no connection)."""


@dataclass(frozen=True)
class ExternalSource:
    """One pinned external file and its provenance."""

    name: str
    path: str
    url: str
    sha256: str
    format: str
    encoding: str
    title: str
    publisher: str
    licence: str
    citation: str
    published: str = ""
    doi: str = ""
    note: str = ""
    #: Published statistics (``helpers.sources.statistics``): SSB table id, SSB's ``updated``
    #: date of the recorded copy, label language, and the live query for the current vintage.
    table: str = ""
    updated: str = ""
    language: str = ""
    live: Any = None


# --------------------------------------------------------------------------- catalogue


def catalogue_path() -> Path:
    return data.data_dir() / CATALOGUE_FILE


def sources() -> dict[str, ExternalSource]:
    """Every pinned external dataset by name, read from ``data/external_sources.json``."""
    path = catalogue_path()
    return _read_catalogue(path)


@cached_by_file(maxsize=8)
def _read_catalogue(path: Path) -> dict[str, ExternalSource]:
    raw = data.read_json(path, "the external-data catalogue", ExternalDataError)
    out: dict[str, ExternalSource] = {}
    required = ("path", "url", "sha256", "format", "encoding", "title", "publisher", "licence",
                "citation")
    for name, entry in raw.get("datasets", {}).items():
        lacking = [k for k in required if not entry.get(k)]
        if lacking:
            raise ExternalDataError(f"{path}: dataset {name!r} lacks {', '.join(lacking)}")
        if not re.fullmatch(r"[0-9a-f]{64}", entry["sha256"]):
            raise ExternalDataError(f"{path}: dataset {name!r}: sha256 must be 64 hex digits")
        fields = {k: entry[k] for k in ExternalSource.__dataclass_fields__ if k in entry}
        out[name] = ExternalSource(name=name, **fields)
    return out


def source(name: str) -> ExternalSource:
    """The catalogue entry ``name``; an unknown name is an error listing the known ones."""
    return entry(sources(), name, "external dataset", ExternalDataError)


def entry(known: dict[str, ExternalSource], name: str, what: str,
          error: type[ExternalDataError]) -> ExternalSource:
    """``known[name]``; an unknown name raises ``error`` naming ``what`` was asked for, the
    known names and the catalogue."""
    if name not in known:
        raise error(f"unknown {what} {name!r}; known: {', '.join(sorted(known))} "
                    f"(catalogue {catalogue_path()})")
    return known[name]


def citation(name: str) -> str:
    """The short text for a "Kilde:" line."""
    return source(name).citation


# --------------------------------------------------------------------------- locate and verify


def store_dir() -> Path:
    """Where ``fetch`` stores downloads: ``data/external/`` (gitignored), or
    ``$INDUSTRIRAPPORTER_EXTERNAL_STORE`` when set (tests; downloads kept elsewhere)."""
    override = os.environ.get(EXTERNAL_STORE_ENV, "").strip()
    return Path(override) if override else data.data_dir() / "external"


def env_dir() -> Path | None:
    value = os.environ.get(EXTERNAL_DIR_ENV, "").strip()
    return Path(value) if value else None


def search_dirs() -> list[Path]:
    """The directories searched, in order: ``$INDUSTRIRAPPORTER_EXTERNAL_DIR``, then the store."""
    dirs = [d for d in (env_dir(), store_dir()) if d is not None]
    return list(dict.fromkeys(dirs))


#: SHA-256 of a file, computed again only when the file changes.
_cached_sha = cached_by_file(maxsize=64)(sha256_file)


def verify(path: Path, expected: str, name: str = "") -> None:
    """Raise ``ChecksumMismatch`` unless the file's SHA-256 is ``expected``."""
    path = Path(path)
    got = _cached_sha(path.resolve())
    if got != expected.lower():
        label = f"external dataset {name!r}: " if name else ""
        raise ChecksumMismatch(
            f"{label}{path} has SHA-256 {got}, expected {expected} (pinned in "
            f"{catalogue_path().name}). The file is damaged or a different version: delete it "
            f"and run `{FETCH_COMMAND}`."
        )


def locate(name: str, *, check: bool = True) -> Path:
    """The verified path of external dataset ``name``.

    Raises ``MissingExternalData`` (naming the places searched and the fetch command) or
    ``ChecksumMismatch``.
    """
    src = source(name)
    tried = []
    for base in search_dirs():
        candidate = base / src.path
        tried.append(str(candidate))
        if candidate.is_file():
            if check:
                verify(candidate, src.sha256, name)
            return candidate
    env_note = "" if env_dir() else f" (${EXTERNAL_DIR_ENV} is not set)"
    raise MissingExternalData(
        f"external dataset {name!r} ({src.title}) is missing: looked in {', '.join(tried)}"
        f"{env_note}. Fetch it with `{FETCH_COMMAND} {name}` (needs internet; downloads "
        f"{src.url}), or set ${EXTERNAL_DIR_ENV} to a directory holding {src.path}."
    )


def available(name: str) -> bool:
    """Whether the dataset is present and verifies."""
    try:
        locate(name)
    except ExternalDataError:
        return False
    return True


def status() -> pd.DataFrame:
    """One row per catalogue entry: name, state (ok / missing / checksum mismatch), path."""
    import pandas as pd  # imported on use: the build's parent never needs it

    rows = []
    for name, src in sources().items():
        try:
            path, state = str(locate(name)), "ok"
        except ChecksumMismatch as exc:
            path, state = "", f"checksum mismatch: {exc}"
        except MissingExternalData:
            path, state = "", "missing"
        rows.append({"name": name, "state": state, "path": path, "file": src.path})
    return pd.DataFrame(rows, columns=["name", "state", "path", "file"])


# --------------------------------------------------------------------------- download


def fetch(
    names: Iterable[str] | None = None,
    *,
    force: bool = False,
    timeout: float = 60.0,
    session: Any = None,
    progress: bool = False,
) -> dict[str, Path]:
    """Download the named datasets (all when ``None``) into ``data/external/`` and verify them.

    A file already in the store with the right checksum is kept unless ``force``. The download
    goes to a temporary file that replaces the target only after the checksum matched, so a
    failed or tampered download never leaves a file that looks valid. ``progress`` shows a
    tqdm bar per file (on stderr).
    """
    import requests

    http = session or requests.Session()
    chosen = list(names) if names else list(sources())
    out: dict[str, Path] = {}
    for name in chosen:
        src = source(name)
        target = store_dir() / src.path
        if target.is_file() and not force:
            try:
                verify(target, src.sha256, name)
                out[name] = target
                continue
            except ChecksumMismatch:
                pass  # replace the damaged copy below
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(target.name + ".part")
        try:
            response = http.get(src.url, timeout=timeout, stream=True)
            if response.status_code != 200:
                raise DownloadError(
                    f"external dataset {name!r}: HTTP {response.status_code} from {src.url}"
                )
            digest = hashlib.sha256()
            size = int(response.headers.get("Content-Length") or 0) or None
            with open(tmp, "wb") as fh, _bar(name, size, progress) as bar:
                for block in response.iter_content(chunk_size=1 << 16):
                    digest.update(block)
                    fh.write(block)
                    bar.update(len(block))
        except requests.RequestException as exc:
            tmp.unlink(missing_ok=True)
            raise DownloadError(
                f"external dataset {name!r}: cannot download {src.url}: {exc}. Without internet, "
                f"set ${EXTERNAL_DIR_ENV} to a directory holding {src.path}."
            ) from exc
        except BaseException:  # DownloadError, a full disk, Ctrl-C: no half-written file
            tmp.unlink(missing_ok=True)
            raise
        got = digest.hexdigest()
        if got != src.sha256:
            tmp.unlink(missing_ok=True)
            raise ChecksumMismatch(
                f"external dataset {name!r}: the download from {src.url} has SHA-256 {got}, "
                f"expected {src.sha256}; nothing was stored"
            )
        os.replace(tmp, target)
        out[name] = target
    return out


def _bar(name: str, total: int | None, show: bool) -> Any:
    from tqdm import tqdm

    return tqdm(total=total, desc=name, unit="B", unit_scale=True, unit_divisor=1024,
                leave=False, disable=not show)


def load(name: str) -> pd.DataFrame:
    """Locate, verify and read external dataset ``name`` with the reader for its format."""
    from helpers.sources.readers import READERS  # the readers raise this module's errors

    src = source(name)
    path = locate(name)
    reader = READERS.get(src.format)
    if reader is None:
        raise ExternalDataError(f"external dataset {name!r}: no reader for format {src.format!r}")
    frame = _load_cached(reader, path, src.encoding)
    data._log_read(path)  # the runner records every input file of a report
    frame = frame.copy()
    frame.attrs["external"] = name
    frame.attrs["citation"] = src.citation
    return frame


@cached_by_file(maxsize=8)
def _load_cached(reader: Any, path: Path, encoding: str) -> pd.DataFrame:
    return reader(path, encoding=encoding)
