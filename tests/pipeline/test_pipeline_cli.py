"""The command line without executing anything: list, and usage errors (exit status 2)."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers.pipeline.cli import main

CONFIG = str(Path(__file__).parent / "fixtures" / "pipeline" / "reports.yaml")


def test_list_shows_parameters_and_sets(capsys):
    assert main(["list", "--config", CONFIG]) == 0
    out = capsys.readouterr().out
    assert "hello: Testrapport for rørledningen" in out
    assert "n (int, default 3): rows shown in the table" in out
    assert "allowed: an integer from 1 to 6" in out
    assert "label (str, default 'a'): a label" in out and "allowed: one of 'a', 'b'" in out
    assert "small: n=2" in out and "large: n=5, label='b'" in out


@pytest.mark.parametrize(
    "args, message",
    [
        (["build", "nope"], "unknown notebook 'nope'"),
        (["build", "hello:medium"], "no parameter set 'medium'"),
        (["build", "--jobs", "0"], "--jobs must be at least 1"),
        (["build", "--formats", "html,docx"], "unknown format(s) docx"),
        (["run", "hello", "-p", "label", "c"], "parameter 'label': value 'c' is not an allowed"),
        (["run", "hello", "-p", "flag", "maybe"], "parameter 'flag': value 'maybe' has the wrong"),
        (["run", "nope"], "unknown notebook 'nope'"),
    ],
)
def test_usage_errors_exit_2_before_anything_runs(tmp_path, capsys, args, message):
    out = tmp_path / "out"
    extra = ["--output-dir", str(out)] if args[0] == "build" else ["--out", str(out)]
    assert main(["--config", CONFIG, *args, *extra]) == 2
    assert message in capsys.readouterr().err
    assert not out.exists()


def test_argparse_errors_are_exit_2(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["build", "--jobs", "many"])
    assert exc.value.code == 2
