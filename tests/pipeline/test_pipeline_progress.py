"""Progress lines and the failure summary a user reads on the console."""

from __future__ import annotations

import io
from pathlib import Path

from helpers.pipeline.build import explain_failures
from helpers.pipeline.job import Result
from helpers.pipeline.progress import MAX_ERROR_CHARS, Progress, describe, short_error


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_bar_counts_only_reports_that_ran():
    stream = Terminal()
    progress = Progress(1, stream=stream)
    progress.finished(Result("a", "x", "up to date", Path("r")))  # listed, not counted
    progress.started("b:y")
    progress.finished(Result("b", "y", "built", Path("r"), seconds=2.0, reason="forced"))
    assert progress.bar.n == 1 == progress.bar.total
    progress.close()
    text = stream.getvalue()
    assert "up to date a:x\n" in text and "built      b:y  2.0 s (forced)" in text


def test_not_a_terminal_one_line_per_report_and_quiet_means_nothing():
    stream = io.StringIO()
    Progress(1, stream=stream).finished(Result("a", "x", "failed", Path("r"), error="boom"))
    assert stream.getvalue() == "FAILED     a:x: boom\n"
    stream = io.StringIO()
    Progress(1, stream=stream, quiet=True).finished(Result("a", "x", "built", Path("r")))
    assert stream.getvalue() == ""


def test_long_errors_are_cut_and_say_where_the_rest_is():
    long = "DataError: unknown dataset 'x'; known datasets: " + ", ".join(["abc"] * 200)
    cut = short_error(long)
    assert len(cut) < MAX_ERROR_CHARS + 60 and cut.endswith("is in failed/failure.json)")
    assert short_error("short") == "short"
    assert "failure.json" in describe(Result("a", "x", "failed", Path("r"), error=long))


def test_failure_summary_names_report_error_and_kept_folder(tmp_path):
    (tmp_path / "failed").mkdir()
    (tmp_path / "failed" / "failure.json").write_text("{}")
    lines = explain_failures([
        Result("boom", "standard", "failed", tmp_path, error="cell 3: ValueError: x",
               stage="execute"),
        Result("hello", "small", "built", tmp_path),
    ])
    assert lines == ["boom [standard] in execute: cell 3: ValueError: x",
                     f"    kept in {tmp_path / 'failed'}/: failure.json"]
    # nothing kept (the failed folder could not be written): no claim that it was
    (tmp_path / "failed" / "failure.json").unlink()
    lines = explain_failures([Result("boom", "standard", "failed", tmp_path, error="x")])
    assert lines == ["boom [standard]: x"]
