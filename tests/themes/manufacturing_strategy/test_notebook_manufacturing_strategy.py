"""The manufacturing-strategy notebook runs through the pipeline for every configured set (and
the sets differ in their findings and numbers), with the example status file, and a bad status
file is refused before any kernel starts."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from notebook_outputs import executed_outputs

from helpers.core import data
from helpers.pipeline.build import run_report
from helpers.pipeline.config import ConfigError, load_config
from helpers.themes import manufacturing_strategy as ms

NOTEBOOK = "manufacturing_strategy"
EXAMPLE = Path(__file__).parent / "fixtures" / "eksempel_statusfil.csv"
#: Text that must never reach a reader: commands, parameter names, paths, English status words,
#: the old status word "ikke registrert" as a table cell (a status is "ukjent"; the title page
#: and a finding may say that status is not registered), the developer's "statusfil: ingen".
FORBIDDEN = [r"python -m", r"status_file", r"INDUSTRIRAPPORTER", r"/tmp/", r"\bnot started\b",
             r"\bin progress\b", r"\bdone\b", r">\s*ikke registrert\s*<",
             r"(?i)ingen statusfil", r"status ukjent\)"]


def _sets() -> dict[str, dict]:
    config = load_config(data.project_root() / "reports.yaml")
    return {name: dict(params) for name, params in config.notebook(NOTEBOOK).sets.items()}


def _findings(text: str) -> list[str]:
    box = re.search(r"Hovedfunn</h2><ul>(.*?)</ul>", text)
    assert box, "no Hovedfunn box"
    return re.findall(r"<li>(.*?) <a", box.group(1))


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = {}
    for name, params in _sets().items():
        result = run_report(NOTEBOOK, params, tmp_path_factory.mktemp(name), formats=("html",))
        assert result.status == "built", (name, result.error)
        out[name] = (params.get("area", "alle"), executed_outputs(result))
    return out


def test_every_set_builds_shows_its_own_recommendations_only(built):
    for name, (area, text) in built.items():
        assert 4 <= len(_findings(text)) <= 6, name
        own = ms.recommendations(area, follow_up=False)
        for rid, label in zip(own["id"], own["label"], strict=True):
            assert f"{rid} {label}" in text, (name, rid)
        if area != "alle":
            others = ms.recommendations("alle", follow_up=False).query("area != @area")
            shown = [rid for rid, label in zip(others["id"], others["label"], strict=True)
                     if f"{rid} {label}" in text]
            assert not shown, (name, shown)   # beyond the context paragraph: nothing else
            assert "Ambisjon og prioriterte områder" not in text
        for pattern in FORBIDDEN:
            assert not re.search(pattern, text), (name, pattern)


def test_sets_differ_in_findings(built):
    findings = {name: tuple(_findings(text)) for name, (_, text) in built.items()}
    assert len(set(findings.values())) == len(findings)


@pytest.mark.skipif(not ms.indicators.table_available("ssb_08818"),
                    reason="the recorded SSB tables are not here (INDUSTRIRAPPORTER_EXTERNAL_DIR)")
def test_each_area_shows_its_own_indicators(built):
    _, markets = built["markeder"]
    _, research = built["forskning"]
    assert "Eksport av industrivarer" in markets and "Næringslivets FoU" not in markets
    assert "Næringslivets FoU" in research and "Eksport av industrivarer" not in research


def test_notebook_with_the_example_status_file(tmp_path):
    status = tmp_path / "status.csv"
    shutil.copy(EXAMPLE, status)
    result = run_report(NOTEBOOK, {"status_file": str(status)}, tmp_path / "out",
                        formats=("html",))
    assert result.status == "built", result.error
    text = executed_outputs(result)
    assert "Framdrift etter område" in text
    assert "Endret ved siste oppdatering (1. juni 2026)" in text
    assert "Over fristen per 1. juni 2026" in text
    assert "Anbefalinger som faller på fylkene" in text
    assert "2 av 29 tiltak i utvalget gjennomført; 20 har ukjent status og 2 har passert" in text
    for pattern in FORBIDDEN:
        assert not re.search(pattern, text.replace(str(status), "")), pattern


def test_bad_status_file_is_refused_before_execution(tmp_path):
    status = tmp_path / "status.csv"
    status.write_text("id,status\nX7,påbegynt\n", encoding="utf-8")
    with pytest.raises((ConfigError, ValueError), match=r"line 2 \(X7\), field 'id'"):
        run_report(NOTEBOOK, {"status_file": str(status)}, tmp_path / "out", formats=("html",))
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").glob("*.ipynb"))
