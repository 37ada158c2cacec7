"""Safe directory names for reports: no path traversal from a notebook, set or parameter name."""

from __future__ import annotations

import os
import re
import tempfile
import unicodedata
from pathlib import Path

_NORDIC = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "Æ": "Ae", "Ø": "O", "Å": "A", "ß": "ss"})
_UNSAFE = re.compile(r"[^A-Za-z0-9_.-]+")
MAX_LEN = 80


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
