"""helpers.checks verdicts: check, check_range and cannot_check against a small fixture of stated
figures (not the real rows)."""

from __future__ import annotations

import math
from decimal import Decimal

import pytest

from helpers import checks
from helpers.checks import Verdict

# ---------------------------------------------------------------- verdicts and rounding edges


@pytest.mark.parametrize(
    ("recomputed", "verdict"),
    [
        (43.3, Verdict.AGREES),
        (43.3 + 1e-12, Verdict.AGREES),
        (43.25, Verdict.AGREES_WITHIN_ROUNDING),  # low edge is inside
        (43.2999, Verdict.AGREES_WITHIN_ROUNDING),
        (43.3499, Verdict.AGREES_WITHIN_ROUNDING),
        (43.35, Verdict.DISAGREES),  # high edge rounds up to 43.4
        (43.2499, Verdict.DISAGREES),
        (86.7 / 2, Verdict.DISAGREES),  # float noise of 43.35 must not sneak inside
        (50.0, Verdict.DISAGREES),
    ],
)
def test_verdict_positive_one_decimal(recomputed, verdict):
    assert checks.verdict_for(43.3, recomputed, "43,3") is verdict


@pytest.mark.parametrize(
    ("recomputed", "verdict"),
    [
        (-4.5, Verdict.AGREES),
        (-4.45, Verdict.AGREES_WITHIN_ROUNDING),  # rounds (half away from zero) to -4.5
        (-4.549, Verdict.AGREES_WITHIN_ROUNDING),
        (-4.55, Verdict.DISAGREES),  # rounds to -4.6
        (-4.44, Verdict.DISAGREES),
        (4.5, Verdict.DISAGREES),
    ],
)
def test_verdict_negative(recomputed, verdict):
    assert checks.verdict_for(-4.5, recomputed, "-4,5") is verdict


@pytest.mark.parametrize(
    ("recomputed", "verdict"),
    [
        (120, Verdict.AGREES),
        (119.5, Verdict.AGREES_WITHIN_ROUNDING),
        (120.4, Verdict.AGREES_WITHIN_ROUNDING),
        (120.5, Verdict.DISAGREES),
        (119.4, Verdict.DISAGREES),
    ],
)
def test_verdict_integer(recomputed, verdict):
    assert checks.verdict_for(120, recomputed, "120") is verdict


def test_verdict_zero_is_open_on_both_sides():
    assert checks.verdict_for(0, 0.049, "0,0") is Verdict.AGREES_WITHIN_ROUNDING
    assert checks.verdict_for(0, -0.049, "0,0") is Verdict.AGREES_WITHIN_ROUNDING
    assert checks.verdict_for(0, 0.05, "0,0") is Verdict.DISAGREES
    assert checks.verdict_for(0, -0.05, "0,0") is Verdict.DISAGREES


def test_rounding_unit_overrides_printed_rounding():
    # "about 360 000" printed to the unit, but meant to the thousand
    assert checks.verdict_for(360000, 360400, "360 000") is Verdict.DISAGREES
    assert (
        checks.verdict_for(360000, 360400, "360 000", rounding_unit=1000)
        is Verdict.AGREES_WITHIN_ROUNDING
    )
    assert checks.verdict_for(360000, 360500, "360 000", rounding_unit=1000) is Verdict.DISAGREES
    assert (
        checks.verdict_for(360000, 359500, "360 000", rounding_unit=1000)
        is Verdict.AGREES_WITHIN_ROUNDING
    )


def test_rounding_unit_must_be_positive():
    with pytest.raises(checks.ChecksError, match="rounding_unit"):
        checks.verdict_for(10, 11, "10", rounding_unit=0)


def test_interval_scaled_when_value_is_printed_number_times_power_of_ten():
    # printed "2,5" (billions) stored as 2500 (millions): covers [2450, 2550)
    low, high, low_closed, high_closed = checks.rounding_interval(2500, "2,5")
    assert (low, high) == (Decimal(2450), Decimal(2550))
    assert low_closed and not high_closed


def test_nan_recomputed_cannot_be_checked():
    assert checks.verdict_for(43.3, math.nan, "43,3") is Verdict.CANNOT_CHECK


def test_labels_are_norwegian():
    # in the order reports list them: errors in the document first
    assert [v.label for v in Verdict] == [
        "stemmer ikke (feil i dokumentet)",
        "avvik som skyldes ulik kilde, år eller definisjon",
        "stemmer innenfor avrunding",
        "stemmer",
        "kan ikke kontrolleres",
    ]

# ---------------------------------------------------------------- stated / check / cannot_check


def test_stated_reads_the_fixture_row(fixture_data):
    fig = checks.stated("003-0047-a")
    assert fig.value == pytest.approx(43.3)
    assert fig.printed == "43,3"
    assert fig.decimals == 1
    assert (fig.document, fig.lines, fig.unit, fig.measure) == ("003", "47", "%", "export share")
    assert fig.claim == "export share (2023, Norway, process industry)"


def test_unknown_figure_names_id_and_dataset(fixture_data):
    with pytest.raises(checks.UnknownFigure, match=r"'003-9999-z'.*stated_figures"):
        checks.stated("003-9999-z")


def test_check_percent_figure(fixture_data):
    r = checks.check("003-0047-a", checks.share(433, 1000), "433 av 1000", sources=["x"])
    assert r.verdict is Verdict.AGREES
    r = checks.check("003-0047-a", checks.share(43.27, 100), "andel")
    assert r.verdict is Verdict.AGREES_WITHIN_ROUNDING
    assert r.difference == pytest.approx(-0.03)
    assert r.interval == pytest.approx((43.25, 43.35))
    r = checks.check("003-0047-a", 43.35, "andel")
    assert r.verdict is Verdict.DISAGREES
    assert not r.ok


def test_check_with_rounding_unit(fixture_data):
    r = checks.check("003-0050-a", 359_700, "sum av næringer", rounding_unit=1000)
    assert r.verdict is Verdict.AGREES_WITHIN_ROUNDING
    assert checks.check("003-0050-a", 359_700, "sum").verdict is Verdict.DISAGREES


def test_check_scaled_printed_value(fixture_data):
    assert checks.check("003-0080-a", 2460, "sum").verdict is Verdict.AGREES_WITHIN_ROUNDING
    assert checks.check("003-0080-a", 2560, "sum").verdict is Verdict.DISAGREES


def test_check_missing_recomputed_is_cannot_check(fixture_data):
    r = checks.check("003-0070-a", checks.total([100, math.nan]), "sum")
    assert r.verdict is Verdict.CANNOT_CHECK
    assert r.recomputed is None and r.difference is None
    assert "mangler" in r.why


def test_check_needs_a_description(fixture_data):
    with pytest.raises(checks.ChecksError, match="how"):
        checks.check("003-0070-a", 120, "  ")


def test_cannot_check_keeps_reason(fixture_data):
    r = checks.cannot_check("003-0070-a", "bygger på Menons regnskapsdatabase")
    assert r.verdict is Verdict.CANNOT_CHECK
    assert r.why == "bygger på Menons regnskapsdatabase"
    with pytest.raises(checks.ChecksError, match="why"):
        checks.cannot_check("003-0070-a", "")

# ---------------------------------------------------------------- stated ranges


@pytest.mark.parametrize(
    ("recomputed", "verdict", "difference"),
    [
        (35.0, Verdict.AGREES, 0.0),
        (30.0, Verdict.AGREES, 0.0),
        (40.0, Verdict.AGREES, 0.0),
        (29.6, Verdict.AGREES_WITHIN_ROUNDING, -0.4),  # "30" covers 29.5
        (40.4, Verdict.AGREES_WITHIN_ROUNDING, 0.4),
        (40.5, Verdict.DISAGREES, 0.5),
        (29.4, Verdict.DISAGREES, -0.6),
        (12.0, Verdict.DISAGREES, -18.0),
    ],
)
def test_check_range(fixture_data, recomputed, verdict, difference):
    r = checks.check_range("004-0221-a", "004-0221-b", recomputed, "andel", sources=["x"])
    assert r.verdict is verdict
    assert r.difference == pytest.approx(difference)
    assert r.figure_ids == ("004-0221-a", "004-0221-b")
    assert (r.printed, r.lines, r.sources) == ("30\u201340", "219-221", ("x",))
    assert r.interval == pytest.approx((29.5, 40.5))


def test_check_range_uses_each_end_s_printed_rounding(fixture_data):
    # low end "2,5" (one decimal) covers 2.45; high end "4" covers up to 4.5
    r = checks.check_range("004-0230-a", "004-0230-b", 2.46, "andel")
    assert r.verdict is Verdict.AGREES_WITHIN_ROUNDING
    assert checks.check_range("004-0230-a", "004-0230-b", 2.44, "a").verdict is Verdict.DISAGREES
    assert checks.check_range("004-0230-a", "004-0230-b", 4.4, "a").verdict is (
        Verdict.AGREES_WITHIN_ROUNDING)


def test_check_range_errors_and_missing_value(fixture_data):
    with pytest.raises(checks.ChecksError, match="low end first"):
        checks.check_range("004-0221-b", "004-0221-a", 35, "andel")
    with pytest.raises(checks.ChecksError, match="unit"):
        checks.check_range("004-0221-a", "004-0240-a", 35, "andel")
    with pytest.raises(checks.ChecksError, match="how"):
        checks.check_range("004-0221-a", "004-0221-b", 35, "")
    r = checks.check_range("004-0221-a", "004-0221-b", math.nan, "andel")
    assert r.verdict is Verdict.CANNOT_CHECK and r.difference is None
    assert r.figure_ids == ("004-0221-a", "004-0221-b")
