"""helpers.core.formatting: numbers, percentages, ranges and units written the Norwegian way."""

import pytest

from helpers.core.formatting import (
    en_dash,
    exact_decimals,
    fmt_number,
    lines_ref,
    nobreak,
    pct,
    percent,
    unit_nb,
)


@pytest.mark.parametrize(
    "value,kwargs,expected",
    [
        (1234567.891, {"decimals": 1}, "1\u202f234\u202f567,9"),
        (-3, {}, "\u22123"),
        (0.433, {"decimals": 1, "percent": True}, "43,3 %"),
        (2.5, {"decimals": 1, "signed": True}, "+2,5"),
        (float("nan"), {}, "–"),
        (None, {}, "–"),
        (-0.04, {"decimals": 1}, "0,0"),  # rounds to zero: no "−0,0"
        (-0.05001, {"decimals": 1}, "\u22120,1"),
    ],
)
def test_fmt_number(value, kwargs, expected):
    assert fmt_number(value, **kwargs) == expected


def test_pct_takes_a_share():
    assert pct(0.433) == "43,3 %"
    assert pct(-0.0275, 2) == "\u22122,75 %"
    assert pct(float("nan")) == "–"  # a missing value has no unit


def test_en_dash_only_between_digits():
    assert en_dash("843-844") == "843\u2013844"
    assert en_dash("2011-2021, 12-14") == "2011\u20132021, 12\u201314"
    assert en_dash("e-post 12") == "e-post 12"


def test_nobreak_keeps_a_label_on_one_line():
    assert nobreak("Kina 59 %") == "Kina\u00a059\u00a0%"
    assert nobreak("30\u201340 %") == "30\u2013\u206040\u00a0%"


def test_exact_decimals():
    assert [exact_decimals(x) for x in (2.0, 2.8, 0.25, 1 / 3)] == [0, 1, 2, 3]


def test_lines_ref():
    assert lines_ref("796-797") == "l.\u00a0796–\u2060797"
    assert lines_ref("19-160, 720-1360") == "l.\u00a019–\u2060160, 720–\u20601360"
    assert lines_ref("802") == "l.\u00a0802"
    assert lines_ref("") == "–"


def test_unit_nb_falls_back_to_the_stored_unit():
    assert unit_nb("persons") == "personer"
    assert unit_nb("bn NOK") == "mrd. kr"
    assert unit_nb("kW") == "kW"


def test_percent_prints_a_value_already_in_percent():
    assert percent(43.3) == "43,3 %" == pct(0.433)
    assert percent(-7.256, 2) == "\u22127,26 %"


def test_small_counts_are_words_larger_ones_digits():
    from helpers.core.formatting import count_word

    assert [count_word(n) for n in (2, 4, 12)] == ["to", "fire", "tolv"]
    assert count_word(13) == "13" and count_word(1500) == "1\u202f500"
