"""Safe directory names and atomic writes."""

from __future__ import annotations

import os

import pytest

from helpers.pipeline.paths import UnsafeNameError, atomic_write, inside, safe_name


@pytest.mark.parametrize(
    "name, expected",
    [
        ("akershus", "akershus"),
        ("hele-strategien", "hele-strategien"),
        ("Østfold", "Ostfold"),
        ("Trøndelag og Møre", "Trondelag-og-More"),
        ("Vågå", "Vaga"),
        ("../../etc/passwd", "etc-passwd"),
        ("..", None),
        ("/", None),
        ("a/../b", "a-b"),
        (".hidden", "hidden"),
        ("a\\b", "a-b"),
        ("x" * 200, "x" * 80),
        ("2024", "2024"),
    ],
)
def test_safe_name(name, expected):
    if expected is None:
        with pytest.raises(UnsafeNameError, match="no usable directory name"):
            safe_name(name)
    else:
        got = safe_name(name)
        assert got == expected
        assert "/" not in got and ".." not in got and not got.startswith(".")


def test_inside_stays_inside(tmp_path):
    assert inside(tmp_path, "nb", "../../x") == tmp_path / "nb" / "x"
    with pytest.raises(UnsafeNameError):
        inside(tmp_path, "nb", "..")


def test_inside_rejects_a_symlink_out(tmp_path):
    (tmp_path / "root").mkdir()
    (tmp_path / "root" / "link").symlink_to(tmp_path)
    with pytest.raises(UnsafeNameError, match="outside"):
        inside(tmp_path / "root", "link", "x")


def test_atomic_write_replaces_whole_file_and_leaves_no_temp(tmp_path):
    target = tmp_path / "sub" / "f.txt"
    atomic_write(target, "one")
    atomic_write(target, b"two")
    assert target.read_text() == "two"
    assert os.listdir(target.parent) == ["f.txt"]
