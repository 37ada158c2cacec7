"""helpers.core.file_cache: a reader cached until its file changes."""

from __future__ import annotations

import os
from pathlib import Path

from helpers.core.file_cache import cached_by_file, file_stamp


def test_reader_reads_again_only_when_the_file_changes(tmp_path: Path) -> None:
    calls: list[Path] = []

    @cached_by_file(maxsize=4)
    def read(path: Path) -> str:
        calls.append(path)
        return path.read_text()

    f = tmp_path / "a.txt"
    f.write_text("one")
    assert read(f) == "one" and read(f) == "one"
    assert len(calls) == 1
    f.write_text("two, longer")
    os.utime(f, ns=(1, 1))  # a different stamp even on a coarse clock
    assert read(f) == "two, longer"
    assert len(calls) == 2
    read.cache_clear()  # type: ignore[attr-defined]
    read(f)
    assert len(calls) == 3


def test_stamp_of_an_absent_file_is_none(tmp_path: Path) -> None:
    assert file_stamp(tmp_path / "missing") is None
    (tmp_path / "there").write_text("x")
    assert file_stamp(tmp_path / "there") is not None
