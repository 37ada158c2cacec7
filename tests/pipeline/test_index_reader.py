"""The index page for readers: a description per report, which report to start with, the
parameters with their labels, and page counts from each report's provenance."""

from __future__ import annotations

import json

import pytest

from helpers.pipeline import index as index_page
from helpers.pipeline.config import ConfigError, load_config

CONFIG = """
start: {start}
notebooks:
  strategy:
    path: strategy.ipynb
    title: "Strategien"
    description: "Hele strategien eller ett innsatsområde"
    parameters:
      area:
        type: str
        default: alle
        allowed: [alle, kompetanse]
        description: area
        label: innsatsområde
        value_labels: {{alle: "hele strategien"}}
    sets:
      hele: {{}}
      kompetanse: {{area: kompetanse}}
"""


def _collection(tmp_path, start="strategy:hele"):
    (tmp_path / "strategy.ipynb").write_text("{}", encoding="utf-8")
    cfg = tmp_path / "reports.yaml"
    cfg.write_text(CONFIG.format(start=start), encoding="utf-8")
    return load_config(cfg)


def test_index_shows_description_start_labels_and_pages(tmp_path):
    collection = _collection(tmp_path)
    out = tmp_path / "reports"
    built = out / "strategy" / "kompetanse"
    built.mkdir(parents=True)
    (built / "r.pdf").write_bytes(b"%PDF")
    (built / "provenance.json").write_text(json.dumps(
        {"files": {"pdf": "r.pdf"}, "pdf_pages": 12, "started": "2026-12-07T04:00:00",
         "duration_seconds": 3.5}), encoding="utf-8")
    page = index_page.render(index_page.rows(out, collection, []), "7. desember 2026 kl. 04.30")
    assert "Hele strategien eller ett innsatsområde" in page
    assert "7. desember 2026 kl. 04.00" in page and "2026-12-07" not in page  # readers' dates
    assert "Ny her? Begynn med «Strategien»" in page
    assert page.count("begynn her</strong>") == 1
    assert "Innsatsområde: kompetanse" in page and "12 sider" in page
    assert "<code>" not in page  # no identifiers for readers


def test_start_must_name_a_configured_report(tmp_path):
    with pytest.raises(ConfigError, match="no parameter set 'alt'"):
        _collection(tmp_path, start="strategy:alt")
    with pytest.raises(ConfigError, match="'start' must be NOTEBOOK:SET"):
        _collection(tmp_path, start="strategy")
