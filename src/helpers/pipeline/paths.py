"""Safe directory names for reports: no path traversal from a notebook, set or parameter name."""

from __future__ import annotations

import errno
import os
import re
import tempfile
import time
import unicodedata
from pathlib import Path

_NORDIC = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "Æ": "Ae", "Ø": "O", "Å": "A", "ß": "ss"})
_UNSAFE = re.compile(r"[^A-Za-z0-9_.-]+")
MAX_LEN = 80
#: Fault injection for the test suite (tests/faults/): ``<point>:<fault>`` makes the process
#: hang (``hang``) or fail with a write error (``enospc``, ``erofs``, ``eacces``) at that point
#: (``lock``, ``prepare``, ``staging``, ``execute``, ``html``, ``pdf``, ``publish``,
#: ``failed``, ``index``); ``$INDUSTRIRAPPORTER_INJECT_FAULT_ONLY=notebook:set`` limits it to
#: one report. Unset in normal use.
FAULT_ENV = "INDUSTRIRAPPORTER_INJECT_FAULT"
_FAULT_ERRNO = {"enospc": errno.ENOSPC, "erofs": errno.EROFS, "eacces": errno.EACCES}


class UnsafeNameError(ValueError):
    """A name cannot be turned into a safe directory name."""


def safe_name(name: str) -> str:
    """A directory name derived from ``name``: ASCII letters, digits, ``_ . -`` only.

    Norwegian letters are transliterated (``østfold`` → ``ostfold``), other characters
    (``/``, ``\\``, spaces, ``..``) become ``-``; leading dots and dashes are dropped so the
    result is never ``.``/``..`` or hidden. Raises ``UnsafeNameError`` when nothing is left.
    """
    if not isinstance(name, str):
        raise UnsafeNameError(f"name {name!r} is not a string")
    text = unicodedata.normalize("NFKD", name.translate(_NORDIC))
    text = text.encode("ascii", "ignore").decode("ascii")
    text = _UNSAFE.sub("-", text)
    text = re.sub(r"\.{2,}", "-", text)  # no '..' anywhere
    text = re.sub(r"-{2,}", "-", text)
    text = text.strip(".-")[:MAX_LEN].rstrip(".-")
    if not text:
        raise UnsafeNameError(f"name {name!r} gives no usable directory name")
    return text


def inside(root: Path, *parts: str) -> Path:
    """``root / safe_name(part) / ...``, checked to stay inside ``root``."""
    path = root.joinpath(*(safe_name(p) for p in parts))
    resolved, base = path.resolve(), root.resolve()
    if resolved != base and base not in resolved.parents:
        raise UnsafeNameError(f"{path} is outside {root}")
    return path


def atomic_write(target: Path, content: str | bytes) -> None:
    """Write ``target`` via a temporary file in the same directory and ``os.replace``.

    A reader (or an interrupted build) sees the old file or the new one, never half of one.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    data = content.encode("utf-8") if isinstance(content, str) else content
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


class OutputError(Exception):
    """The output cannot be written (disk full, read-only, permissions): one line, path and
    cause."""


def describe_os_error(exc: OSError, action: str = "write") -> str:
    """``cannot write /x/y: No space left on device (ENOSPC)`` from an ``OSError``."""
    path = exc.filename or "(unknown path)"
    name = errno.errorcode.get(exc.errno or 0, "")
    cause = exc.strerror or str(exc)
    return f"cannot {action} {path}: {cause}" + (f" ({name})" if name else "")


def inject_fault(stage: str, path: Path | None = None, label: str = "") -> None:
    """Test hook: hang or raise a write error at ``stage`` when ``$INDUSTRIRAPPORTER_INJECT_FAULT``
    asks for it (``html:hang``, ``publish:enospc``, ``lock:erofs`` ...); nothing otherwise."""
    wanted = os.environ.get(FAULT_ENV, "")
    where, _, fault = wanted.partition(":")
    only = os.environ.get(f"{FAULT_ENV}_ONLY", "")
    if where != stage or (only and label and only != label):
        return
    if fault == "hang":
        while True:
            time.sleep(3600)
    if fault in _FAULT_ERRNO:
        code = _FAULT_ERRNO[fault]
        raise OSError(code, os.strerror(code), str(path or stage))
