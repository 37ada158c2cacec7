"""Reading work done once per build instead of once per report: a published table parsed from
its file (SSB's 11713 workbook takes about 2 s) and a data file found valid against its schema
(frictionless takes about 1 s for a report's files).

Entries live in the build's cache folder (the one ``helpers.core.shared_results`` uses, named by
``INDUSTRIRAPPORTER_SHARED_CACHE``), keyed by the SHA-256 of the file (and descriptor) read and
of the code and package versions that read it, so a changed file, reader or library never gets
an old answer. Only a parse and a clean validation are stored; a file with problems is checked
again and reported by every report that reads it. Without a build (JupyterLab, ``python -m
helpers run``, a Dask worker) or with an unreadable or damaged entry, the work is simply done.
Entries last one build: the next build starts without them (``pipeline.shared_cache.prepare``).
"""

from __future__ import annotations

import functools
import hashlib
import pickle
from collections.abc import Callable, Sequence
from contextlib import suppress
from importlib import metadata
from pathlib import Path
from typing import TypeVar

from helpers.core import shared_results

T = TypeVar("T")

#: The subfolder of the build's cache folder that holds these entries.
SUBFOLDER = "files"
#: Where the code of each kind of work lives (hashed into its keys) and the packages it uses.
READERS = ("helpers.sources",), ("pandas", "openpyxl", "numpy")
VALIDATION = ("helpers.core.data",), ("frictionless",)


@functools.lru_cache(maxsize=8)
def code_key(modules: tuple[str, ...], packages: tuple[str, ...]) -> str:
    """SHA-256 over the source of ``modules`` (a package: every module in it) and the versions
    of ``packages``."""
    import importlib.util

    digest = hashlib.sha256()
    for name in modules:
        spec = importlib.util.find_spec(name)
        origin = Path(spec.origin) if spec and spec.origin else None
        if origin is None:
            raise LookupError(f"no source for module {name!r}")
        files = (sorted(origin.parent.rglob("*.py")) if origin.name == "__init__.py"
                 else [origin])
        for path in files:
            digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    for package in packages:
        with suppress(metadata.PackageNotFoundError):
            digest.update(f"{package}={metadata.version(package)}\0".encode())
    return digest.hexdigest()


def entry(kind: str, inputs: Sequence[str], code: tuple[tuple[str, ...], ...]) -> Path | None:
    """The cache file for ``kind`` of work on ``inputs`` (digests and names) by ``code``."""
    place = shared_results.cache_folder()
    if place is None:
        return None
    key = hashlib.sha256("\0".join([kind, code_key(*code), *inputs]).encode()).hexdigest()
    return place / SUBFOLDER / f"{kind}-{key[:32]}.pickle"


def reuse(path: Path | None, compute: Callable[[], T], *,
          keep: Callable[[T], bool] | None = None) -> T:
    """The result stored in ``path``, or ``compute()``'s result, stored there when ``keep``
    accepts it (a full disk or an unpicklable result only costs the reuse)."""
    if path is None:
        return compute()
    with suppress(Exception):  # missing, unreadable, damaged: compute it
        with open(path, "rb") as fh:
            return pickle.load(fh)["result"]
    result = compute()
    if keep is None or keep(result):
        with suppress(Exception):  # a full disk or an unpicklable result only costs the reuse
            shared_results.store(path, {"result": result})
    return result
