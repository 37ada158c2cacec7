"""One fault per case; each asserts the exit status, the one-line message, and that every report
built before is byte-identical afterwards (and that no process or temporary file outlives the
case: see the ``case`` fixture)."""

from __future__ import annotations

import json
import signal
import subprocess
import time
from pathlib import Path

import pytest
from faults_helpers import Case, snapshot, wait_until
from filelock import FileLock

TARGET = "faulty/target"
pytestmark = pytest.mark.timeout(300)  # a few seconds a case; a hang fails
LINUX = pytest.mark.skipif(not Path("/proc/self/environ").is_file(), reason="needs Linux /proc")


def no_traceback(proc: subprocess.CompletedProcess | tuple[str, str]) -> None:
    text = proc.stdout + proc.stderr if hasattr(proc, "stdout") else "".join(proc)
    assert "Traceback" not in text, text


def failure_record(case: Case, report: str = TARGET) -> dict:
    return json.loads((case.reports / report / "failed" / "failure.json").read_text())


# ------------------------------------------------------------------ faults inside a notebook

CELL_FAULTS = [
    # fault, cell number (markdown cells count, as in Jupyter) and first line, last line
    ("raise", 'cell 4 (if fault == "raise":)', "RuntimeError: fault injected (fault=raise)"),
    ("exit", 'cell 5 (if fault == "exit":)', "the kernel died (DeadKernelError: Kernel died)"),
    ("sigkill", 'cell 6 (if fault == "sigkill":)',
     "the kernel died (DeadKernelError: Kernel died)"),
    ("sleep", 'cell 7 (if fault == "sleep":)',
     "timed out after 3 s (build.cell_timeout) and was stopped"),
]


@pytest.mark.parametrize(("fault", "cell", "last"), CELL_FAULTS, ids=[f[0] for f in CELL_FAULTS])
def test_cell_fault_names_cell_and_keeps_partial_notebook(case, fault, cell, last):
    before = snapshot(case.reports)
    case.edit_config("target: {fault: none}", f"target: {{fault: {fault}}}")
    proc = case.cli(*case.build_args("faulty:target"))
    assert proc.returncode == 1, proc.stdout + proc.stderr
    line = f"faulty [target] in execute: {cell}: {last}"
    assert line in proc.stdout, proc.stdout
    assert "-----" not in proc.stdout
    no_traceback(proc)
    assert snapshot(case.reports) == before
    failed = case.reports / TARGET / "failed"
    partial = json.loads((failed / "faulty-target.ipynb").read_text())
    assert any("fault" in "".join(c["source"]) for c in partial["cells"])
    record = failure_record(case)
    assert record["stage"] == "execute" and cell in record["error"]
    assert record["partial_notebook"] == str(failed / "faulty-target.ipynb")
    assert "avbrutt før" not in (case.reports / "index.html").read_text()
    assert not case.leftovers()


# ------------------------------------------------------------------ the watchdog


@pytest.mark.parametrize("stage", ["html", "publish"])
def test_stuck_worker_is_killed_with_its_stage_and_the_build_goes_on(case, stage):
    before = snapshot(case.reports)
    case.edit_config("stage_timeout: 60", "stage_timeout: 4")
    case.edit_config("slow: {pause: 0}", "slow: {pause: 0.1}")  # must be rebuilt
    proc = case.cli(*case.build_args("faulty:target", "faulty:slow", "--force"),
                    extra_env={"INDUSTRIRAPPORTER_INJECT_FAULT": f"{stage}:hang",
                               "INDUSTRIRAPPORTER_INJECT_FAULT_ONLY": "faulty:target"})
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert (f"faulty [target] in {stage}: no progress for 4 s in stage {stage}; worker "
            "stopped by the watchdog, previous report kept") in proc.stdout
    assert proc.stdout.startswith("1 built, 1 failed;"), proc.stdout
    after = snapshot(case.reports)
    assert {k: v for k, v in after.items() if "slow" not in k} == \
        {k: v for k, v in before.items() if "slow" not in k}
    assert after != before  # the slow report was built after the stuck one
    assert failure_record(case)["stage"] == stage
    assert not case.leftovers()


# ------------------------------------------------------------------ signals


def start_three(case: Case, *extra: str) -> tuple[subprocess.Popen, dict, dict]:
    """Rebuild faulty:a and faulty:b (quick) and faulty:slow (60 s) with two workers; return
    once a and b are published."""
    case.edit_config("cell_timeout: 3", "cell_timeout: 90")
    case.edit_config("slow: {pause: 0}", "slow: {pause: 60}")
    before = snapshot(case.reports)
    proc = case.popen(*case.build_args("faulty:a", "faulty:b", "faulty:slow", "--force",
                                       "--jobs", "2", *extra))

    def published() -> bool:
        now = snapshot(case.reports)
        return all(now.get(f"faulty/{s}/provenance.json") != before[f"faulty/{s}/provenance.json"]
                   for s in "ab")

    wait_until(published, proc, what="reports a and b published")
    slow = {k: v for k, v in before.items() if k.startswith("faulty/slow/")}
    return proc, before, slow


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_interrupt_counts_published_reports_as_built(case, signum):
    proc, before, slow = start_three(case)
    proc.send_signal(signum)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, out + err
    no_traceback((out, err))
    assert out.startswith("2 built;"), out + err
    assert "interrupted: reports not finished were left as they were" in err
    index = (case.reports / "index.html").read_text()
    assert index.count("avbrutt før den ble ferdig; forrige rapport beholdt") == 1
    assert index.count(">bygget<") == 2, index
    now = snapshot(case.reports)
    assert {k: v for k, v in now.items() if k.startswith("faulty/slow/")} == slow
    assert now["faulty/target/faulty-target.html"] == before["faulty/target/faulty-target.html"]
    assert case.wait_for_no_survivors() == []
    assert not case.leftovers()


@LINUX
def test_kill_9_of_the_build_stops_workers_and_kernels(case):
    proc, before, slow = start_three(case)
    proc.kill()
    proc.communicate(timeout=30)
    assert case.wait_for_no_survivors() == []
    assert {k: v for k, v in snapshot(case.reports).items() if k.startswith("faulty/slow/")} \
        == slow
    assert not case.leftovers()
    # and the next build starts cleanly
    case.edit_config("slow: {pause: 60}", "slow: {pause: 0}")
    again = case.cli(*case.build_args("faulty:slow"))
    assert again.returncode == 0, again.stdout + again.stderr


def test_ctrl_c_during_run_exits_130_without_traceback(case):
    case.edit_config("cell_timeout: 3", "cell_timeout: 90")
    out_dir = case.base / "adhoc"
    proc = case.popen("run", "faulty", "-p", "pause", "60", "--out", str(out_dir))
    wait_until(lambda: any((out_dir / ".staging").glob("*/kernel.log")), proc,
               what="the worker to start")
    time.sleep(1.5)
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, out + err
    no_traceback((out, err))
    assert "interrupted" in err
    assert not out_dir.exists() or not any(p.suffix == ".html" for p in out_dir.rglob("*"))
    assert not case.leftovers()


# ------------------------------------------------------------------ output locations


@pytest.mark.parametrize(("where", "expected"), [
    ("reports/faulty/target", "is the folder of the configured report faulty:target"),
    ("coll/data/x", "is inside the project's inputs"),
    ("coll/notebooks", "is inside the project's inputs"),
    ("afile", "is an existing file"),
], ids=["configured-report", "data", "notebooks", "file"])
def test_run_refuses_an_output_that_is_not_its_own(case, where, expected):
    # the fixture's reports tree stands in for the project's reports/ beside the config
    (case.base / "coll" / "reports").symlink_to(case.reports)
    (case.base / "coll" / "data").mkdir(exist_ok=True)
    (case.base / "afile").write_text("keep me")
    before = snapshot(case.reports)
    target = case.base / where if where != "reports/faulty/target" else \
        case.base / "coll" / where
    proc = case.cli("run", "faulty", "-p", "fault", "raise", "--out", str(target))
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert expected in proc.stderr
    assert "partly executed" not in proc.stderr and "kept" not in proc.stderr
    no_traceback(proc)
    assert snapshot(case.reports) == before
    assert (case.base / "afile").read_text() == "keep me"


def test_build_refuses_an_output_inside_the_inputs(case):
    proc = case.cli("build", "--output-dir", str(case.base / "coll" / "notebooks" / "out"))
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert "is inside the project's inputs" in proc.stderr
    assert not (case.base / "coll" / "notebooks" / "out").exists()


def test_adhoc_run_under_the_reports_tree_waits_for_the_builds_lock(case):
    (case.base / "coll" / "reports").symlink_to(case.reports)
    out_dir = case.base / "coll" / "reports" / "faulty" / "adhoc-test"
    with FileLock(str(case.reports / ".build.lock"), timeout=0):
        proc = case.cli("run", "faulty", "--out", str(out_dir))
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert "another build is writing to" in proc.stderr
    assert not out_dir.exists()


# ------------------------------------------------------------------ the environment

ENV_FAULTS = [
    # point, fault, exit status, message
    ("lock", "enospc", 2, "error: cannot write {reports}/.build.lock: No space left on device "
                          "(ENOSPC)"),
    ("prepare", "erofs", 2, "error: cannot write {reports}/.staging: Read-only file system "
                            "(EROFS)"),
    ("html", "eacces", 1, "faulty [target] in html: html: cannot write {reports}/.staging/"
                          "faulty-target: Permission denied (EACCES)"),
    ("publish", "enospc", 1, "faulty [target] in publish: publish: cannot write "
                             "{reports}/faulty/target: No space left on device (ENOSPC)"),
    ("index", "erofs", 1, "error: index not updated: cannot write {reports}/index.html: "
                          "Read-only file system (EROFS)"),
]


@pytest.mark.parametrize(("point", "fault", "code", "message"), ENV_FAULTS,
                         ids=[f"{p}-{f}" for p, f, _, _ in ENV_FAULTS])
def test_environment_fault_is_one_line_and_loses_nothing(case, point, fault, code, message):
    before = snapshot(case.reports)
    index = (case.reports / "index.html").read_bytes()
    proc = case.cli(*case.build_args("faulty:target", "--force"),
                    extra_env={"INDUSTRIRAPPORTER_INJECT_FAULT": f"{point}:{fault}"})
    assert proc.returncode == code, proc.stdout + proc.stderr
    assert message.format(reports=case.reports) in proc.stdout + proc.stderr
    no_traceback(proc)
    if point != "index":
        assert snapshot(case.reports) == before
        assert (case.reports / "index.html").read_bytes() == index or code == 1
    if code == 2:
        assert proc.stdout == ""  # nothing executed
    assert not case.leftovers()


def test_failed_folder_that_cannot_be_written_is_said_not_claimed(case):
    before = snapshot(case.reports)
    case.edit_config("target: {fault: none}", "target: {fault: raise}")
    proc = case.cli(*case.build_args("faulty:target"),
                    extra_env={"INDUSTRIRAPPORTER_INJECT_FAULT": "failed:enospc"})
    assert proc.returncode == 1
    assert ("RuntimeError: fault injected (fault=raise); the failure could not be kept either "
            f"(cannot write {case.reports}/faulty/target/failed: No space left on device "
            "(ENOSPC))") in proc.stdout
    assert "kept in" not in proc.stdout
    assert snapshot(case.reports) == before


# ------------------------------------------------------------------ config and formats


@pytest.mark.parametrize(("old", "new", "key"), [
    ("target: {fault: none}", "target: {fault: none, fault: raise}", "fault"),
    ("      a: {}", "      a: {}\n      a: {pause: 1}", "a"),
], ids=["parameter", "set"])
def test_duplicate_key_is_an_error_naming_key_and_line(case, old, new, key):
    before = snapshot(case.reports)
    case.edit_config(old, new)
    line = next(i for i, text in enumerate(case.config.read_text().splitlines(), 1)
                if new.splitlines()[-1].strip() in text)
    proc = case.cli(*case.build_args())
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert f"duplicate key '{key}'" in proc.stderr and f"at line {line}," in proc.stderr
    assert snapshot(case.reports) == before


def test_partial_format_build_keeps_the_other_formats_of_the_same_build(case):
    first = case.cli(*case.build_args("faulty:a", "--formats", "html,pdf", "--force"))
    assert first.returncode == 0, first.stdout + first.stderr
    report = case.reports / "faulty" / "a"
    pdf = (report / "faulty-a.pdf").read_bytes()
    built_at = json.loads((report / "provenance.json").read_text())["started"]

    again = case.cli(*case.build_args("faulty:a", "--formats", "html", "--force"))
    assert again.returncode == 0, again.stdout + again.stderr
    record = json.loads((report / "provenance.json").read_text())
    assert (report / "faulty-a.pdf").read_bytes() == pdf
    assert record["files"]["pdf"] == "faulty-a.pdf"
    assert record["kept_files"] == {"pdf": {"built": built_at}}

    # other rendering (another rebuild key): the old PDF no longer matches and goes
    other = case.cli(*case.build_args("faulty:a", "--formats", "html", "--show-code"))
    assert other.returncode == 0, other.stdout + other.stderr
    record = json.loads((report / "provenance.json").read_text())
    assert not (report / "faulty-a.pdf").exists() and "pdf" not in record["files"]
    assert "kept_files" not in record
