"""helpers.core.formatting: numbers, percentages, dates, ranges and units written the
Norwegian way."""

from datetime import date, datetime

import pytest

from helpers.core.formatting import (
    date_nb,
    date_time_nb,
    en_dash,
    exact_decimals,
    fmt_number,
    lines_ref,
    money_unit,
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


@pytest.mark.parametrize(
    "value,expected",
    [
        ("2026-11-23", "23. november 2026"),
        ("2026-12-07T01:56:05+00:00", "7. desember 2026"),   # a build's start time
        ("2025-08-14T00:59:54.133933", "14. august 2025"),   # a recorder's fetch time
        ("2025-06-06T06:00:00Z", "6. juni 2025"),            # SSB's "updated"
        ("07.08.2025", "7. august 2025"),
        (date(2026, 6, 1), "1. juni 2026"),
        (datetime(2026, 1, 2, 3, 4), "2. januar 2026"),
        ("2025-01", "januar 2025"),                          # a month only
        ("2024", "2024"),                                    # a year stays a year
        ("ikke oppgitt", "ikke oppgitt"),
        ("2024-11-05 (modified 2024-11-06)", "2024-11-05 (modified 2024-11-06)"),  # not a date
        ("", ""),
        (None, ""),
        (float("nan"), ""),
    ],
)
def test_dates_are_written_the_norwegian_way(value, expected):
    assert date_nb(value) == expected


def test_a_build_time_is_written_the_norwegian_way():
    assert date_time_nb("2026-12-07T19:15:58+00:00") == "7. desember 2026 kl. 19.15"
    assert date_time_nb(datetime(2026, 12, 7, 4, 5)) == "7. desember 2026 kl. 04.05"
    assert date_time_nb("2026-12-07") == "7. desember 2026"  # no time given: none shown
    assert date_time_nb("") == ""


def test_kroner_are_kr_to_readers_other_currencies_keep_their_code():
    assert money_unit("NOK") == "mrd. kr"
    assert money_unit("NOK", "mill.") == "mill. kr"
    assert money_unit("EUR") == "mrd. EUR"
    assert money_unit("NOK", "") == "kr" and money_unit("USD", "") == "USD"
