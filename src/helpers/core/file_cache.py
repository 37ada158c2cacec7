"""Readers cached until their file changes: the one cache the data layer uses for descriptors,
catalogues, checksums and loaded tables."""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

R = TypeVar("R")


def file_stamp(path: Path) -> tuple[int, int] | None:
    """What tells a changed file apart: modification time (ns) and size; None when absent."""
    try:
        stat = path.stat()
    except FileNotFoundError:
        return None
    return stat.st_mtime_ns, stat.st_size


def cached_by_file(maxsize: int = 128) -> Callable[[Callable[..., R]], Callable[..., R]]:
    """Cache a reader on its (hashable) arguments plus the ``file_stamp`` of every ``Path``
    among them: an unchanged file is read once, a file changed on disk is read again.

    The cached call is shared: callers that change a returned object must copy it first.
    ``reader.cache_clear()`` empties the cache.
    """

    def decorate(read: Callable[..., R]) -> Callable[..., R]:
        @functools.lru_cache(maxsize=maxsize)
        def cached(args: tuple[Any, ...], _stamps: tuple[Any, ...]) -> R:
            return read(*args)

        @functools.wraps(read)
        def reader(*args: Any) -> R:
            stamps = tuple(file_stamp(a) for a in args if isinstance(a, Path))
            return cached(args, stamps)

        reader.cache_clear = cached.cache_clear  # type: ignore[attr-defined]
        return reader

    return decorate
