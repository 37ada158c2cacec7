"""helpers.checks.arithmetic: recomputations, in percent where the documents print percent."""

from __future__ import annotations

import math

import pytest

from helpers import checks
from helpers.methods import growth

# ---------------------------------------------------------------- pure functions


def test_total_share_change():
    assert checks.total([1.1, 2.2, 3.3]) == pytest.approx(6.6)
    assert math.isnan(checks.total([1.0, math.nan]))
    assert checks.share(25, 200) == 12.5
    assert checks.change_pct(80, 100) == 25.0
    assert checks.change_pct(100, 80) == -20.0
    assert checks.cagr_pct(100, 121, 2) == pytest.approx(10.0)
    assert checks.ratio(3, 4) == 0.75
    assert checks.difference(3, 4) == -1


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda: checks.total([]), "at least one"),
        (lambda: checks.share(1, 0), "whole is zero"),
        (lambda: checks.change_pct(0, 1), "start is zero"),
        (lambda: checks.cagr_pct(100, 110, 0), "years"),
        (lambda: checks.total(["12"]), "number"),
    ],
)
def test_pure_functions_reject_bad_input(call, match):
    with pytest.raises(checks.ChecksError, match=match):
        call()

def test_percent_helpers_are_growth_times_100():
    assert checks.change_pct(200, 250) == 100 * growth.growth(200, 250)
    assert checks.cagr_pct(51.3, 29.1, 33) == 100 * growth.cagr(51.3, 29.1, 33)
    assert checks.cagr_pct(100, 0, 2) == -100.0
    with pytest.raises(checks.ChecksError, match="change_pct"):
        checks.change_pct(-10, 10)
