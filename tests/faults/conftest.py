"""Fault-injection suite: each case breaks one thing on a copy of a built fixture collection
(tests/fixtures/faults/) and checks the exit status, the message and that every report built
before is byte-identical afterwards.

The CLI runs in subprocesses (signals, killed processes); each subprocess carries a marker in its
environment so a case can tell whether any worker or kernel outlived it.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from faults_helpers import FIXTURE, Case


@pytest.fixture(scope="session")
def prebuilt(tmp_path_factory) -> Path:
    """The fixture collection with every report built once (HTML only)."""
    base = tmp_path_factory.mktemp("faults")
    shutil.copytree(FIXTURE, base / "coll")
    case = Case(base)
    proc = case.cli(*case.build_args("--jobs", "2"))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    shutil.rmtree(case.tmp, ignore_errors=True)
    shutil.rmtree(base / "runtime", ignore_errors=True)
    return base


@pytest.fixture
def case(prebuilt, tmp_path) -> Case:
    shutil.copytree(prebuilt, tmp_path / "c", symlinks=True)
    made = Case(tmp_path / "c")
    yield made
    # a case must never leave processes behind, whatever it asserted
    left = made.wait_for_no_survivors(10)
    for line in left:
        print("left running:", line)
    assert not left
