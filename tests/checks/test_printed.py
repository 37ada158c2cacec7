"""helpers.checks.printed: printed numbers, numbers in words and their rounding (fixture rows
in conftest)."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest

from helpers import checks
from helpers.checks import Verdict
from helpers.core import data

# ---------------------------------------------------------------- printed numbers


@pytest.mark.parametrize(
    ("printed", "number", "decimals"),
    [
        ("43,3", "43.3", 1),
        ("43,30", "43.30", 2),
        ("360 000", "360000", 0),
        ("360\u202f000", "360000", 0),
        ("360\u00a0000", "360000", 0),
        ("1.250", "1250", 0),
        ("1 234,56", "1234.56", 2),
        ("-4,5", "-4.5", 1),
        ("\u22124,5 %", "-4.5", 1),
        ("ca. 12 %", "12", 0),
        ("0,05", "0.05", 2),
        ("2023", "2023", 0),
    ],
)
def test_parse_printed(printed, number, decimals):
    got, dec = checks.parse_printed(printed)
    assert got == Decimal(number)
    assert dec == decimals


def test_parse_printed_without_number_is_a_clear_error():
    with pytest.raises(checks.ChecksError, match="'om lag'"):
        checks.parse_printed("om lag")

def test_figures_printed_in_words_or_fractions_use_the_stored_precision(fixture_data):
    fig = checks.stated("000-0015-a")
    assert fig.decimals == 0
    assert checks.check("000-0015-a", 5, "telling").verdict is Verdict.AGREES
    assert checks.check("000-0015-a", 6, "telling").verdict is Verdict.DISAGREES
    assert checks.stated("000-0020-a").decimals == 4
    third = checks.check("000-0020-a", 1 / 3, "brøk")
    assert third.verdict is Verdict.AGREES_WITHIN_ROUNDING
    assert checks.check("000-0020-a", 0.334, "brøk").verdict is Verdict.DISAGREES


def test_english_thousands_comma_is_scaled():
    # printed "24,000" (a thousands comma) stored as 24000: rounding to the unit, not 0.0005
    assert checks.verdict_for(24000, 24000.4, "24,000") is Verdict.AGREES_WITHIN_ROUNDING
    assert checks.verdict_for(24000, 24000.6, "24,000") is Verdict.DISAGREES

# ---------------------------------------------------------------- numbers printed in words


@pytest.mark.parametrize(
    ("printed", "number", "fraction"),
    [
        ("fem", 5, False),
        ("Sju", 7, False),
        ("syv", 7, False),
        ("ti", 10, False),
        ("om lag fire", 4, False),
        ("halvparten", Fraction(1, 2), True),
        ("en fjerdedel", Fraction(1, 4), True),
        ("en tredjedel", Fraction(1, 3), True),
        ("to tredjedeler", Fraction(2, 3), True),
    ],
)
def test_parse_words(printed, number, fraction):
    word = checks.parse_words(printed)
    assert word == checks.WordNumber(Fraction(number), fraction)


@pytest.mark.parametrize("printed", ["43,3", "fem 5", "sekssifret", "hundre og tjue", ""])
def test_parse_words_leaves_digits_and_unknown_words(printed):
    assert checks.parse_words(printed) is None


def test_integer_word_count_is_exact(fixture_data):
    fig = checks.stated("001-0011-a")  # "Sju", a count
    assert (fig.value, fig.in_words) == (7, True)
    assert checks.check("001-0011-a", 7, "telt").verdict is Verdict.AGREES
    # a count has no rounding: 7.2 is not "sju" (a whole-unit reading would accept it)
    assert checks.check("001-0011-a", 7.2, "snitt").verdict is Verdict.DISAGREES
    assert checks.check("001-0011-a", 7, "telt").interval == (7.0, 7.0)


def test_integer_word_measure_is_rounded_to_the_whole_unit(fixture_data):
    # "fire prosent" (a change, not a count) stands for [3.5, 4.5)
    assert checks.check("001-0010-a", 3.7, "nivåer").verdict is Verdict.AGREES_WITHIN_ROUNDING
    assert checks.check("001-0010-a", 3.5, "nivåer").verdict is Verdict.AGREES_WITHIN_ROUNDING
    assert checks.check("001-0010-a", 4.5, "nivåer").verdict is Verdict.DISAGREES
    assert checks.check("001-0010-a", 3.49, "nivåer").verdict is Verdict.DISAGREES
    # "ti" stored as 10 000 persons: the whole unit is a thousand
    assert checks.check("001-0016-a", 10_400, "sum").verdict is Verdict.AGREES_WITHIN_ROUNDING
    assert checks.check("001-0016-a", 10_500, "sum").verdict is Verdict.DISAGREES


@pytest.mark.parametrize(
    ("figure_id", "recomputed", "verdict"),
    [
        ("001-0012-a", 50.0, Verdict.AGREES),
        ("001-0012-a", 47.5, Verdict.AGREES_WITHIN_ROUNDING),  # 1/2 ± 1/40 of the whole
        ("001-0012-a", 52.49, Verdict.AGREES_WITHIN_ROUNDING),
        ("001-0012-a", 52.5, Verdict.DISAGREES),
        ("001-0012-a", 47.4, Verdict.DISAGREES),
        ("001-0013-a", 100 / 3, Verdict.AGREES_WITHIN_ROUNDING),  # stored as 33.3333
        ("001-0013-a", 35.8, Verdict.AGREES_WITHIN_ROUNDING),
        ("001-0013-a", 30.8, Verdict.DISAGREES),
        ("001-0014-a", 0.27, Verdict.AGREES_WITHIN_ROUNDING),  # a fraction, not percent
        ("001-0014-a", 0.28, Verdict.DISAGREES),
    ],
)
def test_fraction_words(fixture_data, figure_id, recomputed, verdict):
    assert checks.check(figure_id, recomputed, "andel").verdict is verdict


def test_word_that_does_not_match_its_value_is_an_error(fixture_data):
    with pytest.raises(checks.ChecksError, match=r"'fem'.*6"):
        checks.check("001-0015-a", 6, "telt")


def test_every_word_figure_in_the_data_matches_its_value():
    frame = data.load("stated_figures")
    words = frame[frame["printed"].map(lambda p: checks.parse_words(p) is not None)]
    assert len(words) > 10  # the documents do print numbers in words
    for row in words.itertuples():
        half = checks.word_rounding_half_width(row.printed, row.value, row.kind)
        assert half is not None and half >= 0, row.id
