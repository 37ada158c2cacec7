"""The manufacturing-strategy notebook runs through the pipeline for every area, with and
without a status file, and a bad status file is refused before any kernel starts."""

from __future__ import annotations

import pytest
from notebook_outputs import executed_outputs

from helpers.pipeline.build import run_report
from helpers.pipeline.config import ConfigError
from helpers.themes import manufacturing_strategy as ms

NOTEBOOK = "manufacturing_strategy"




@pytest.mark.parametrize("area", list(ms.area_choices()))
def test_notebook_runs_for_each_area(area, tmp_path):
    result = run_report(NOTEBOOK, {"area": area}, tmp_path / area, formats=("html",))
    assert result.status == "built", result.error
    text = executed_outputs(result)
    assert ms.area_label(area) in text
    recs = ms.recommendations(area, follow_up=False)
    follow = ms.recommendations().query("kind == 'oppfolging'")
    for rid, label in zip([*recs["id"], *follow["id"]], [*recs["label"], *follow["label"]],
                          strict=True):
        assert f"{rid} {label}" in text  # follow-up measures shown in every area report
    assert "Mal for statusfil" in text           # no status file: the template is shown
    assert "Framdrift etter område" not in text
    assert "Dokumentkontroller (linjer i dokument 000" in text


def test_notebook_with_status_file(tmp_path):
    status = tmp_path / "status.csv"
    status.write_text("id,status,frist,sist oppdatert\nA1,gjennomført,,2026-03-01\n"
                      "B1,påbegynt,2026-01-31,2026-03-01\n", encoding="utf-8")
    result = run_report(NOTEBOOK, {"status_file": str(status), "periods": ["2009-2014"]},
                        tmp_path / "out", formats=("html",))
    assert result.status == "built", result.error
    text = executed_outputs(result)
    assert "Framdrift etter område" in text and "Framdrift etter aktør" in text
    assert "Mal for statusfil" not in text
    assert "gjennomført" in text and "2026-03-01" in text
    assert "2009–2014" in text


def test_bad_status_file_is_refused_before_execution(tmp_path):
    status = tmp_path / "status.csv"
    status.write_text("id,status\nX7,påbegynt\n", encoding="utf-8")
    with pytest.raises((ConfigError, ValueError), match=r"'X7'"):
        run_report(NOTEBOOK, {"status_file": str(status)}, tmp_path / "out", formats=("html",))
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").glob("*.ipynb"))
