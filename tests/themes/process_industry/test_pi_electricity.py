"""Electricity as an emission indicator (process_industry.electricity).

Expected values are worked out by hand from document 003 (Prosess21, status report 2024),
not read back from the helper."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers.core import data
from helpers.themes import process_industry as pi


def test_indicator_test_applies_last_intensity_to_next_year():
    frame = pd.DataFrame({"year": [2022, 2023], "el_twh": [40.0, 36.0],
                          "utslipp_mt": [12.0, 11.0]})
    t = pi.indicator_test(frame)
    assert (t.first_year, t.year) == (2022, 2023)
    assert t.intensity == pytest.approx(0.3)
    assert t.predicted == pytest.approx(10.8)                       # 0.3 * 36
    assert t.error_pct == pytest.approx(100 * (10.8 - 11) / 11)
    assert pi.indicator_test(frame.iloc[:1]) is None


def test_share_estimates_cite_sources_not_dataset_names():
    est = pi.industry_electricity_share_estimates()
    assert set(est["datasett"]) <= set(data.catalogue())
    assert not set(est["kilde"]) & set(est["datasett"])


