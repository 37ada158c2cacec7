"""Unit tests of helpers.checks against a small fixture of stated figures (not the real rows)."""

from __future__ import annotations

import json
import math
import shutil
import sys
import types
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pandas as pd
import pytest

from helpers import checks
from helpers.checks import Verdict
from helpers.core import data
from helpers.methods import growth

REAL_DESCRIPTOR = data.project_root() / "data" / "documents" / "stated_figures.resource.json"
HEADER = (
    "id,document,lines,printed,value,unit,period,geography,industry,measure,kind,source_cited,note,"
    "label_nb"
)
FIXTURE_ROWS = {
    "003": [
        "003-0047-a,003,47,\"43,3\",43.3,%,2023,Norway,process industry,export share,share,,,",
        "003-0050-a,003,50-51,360 000,360000,persons,2023,Norway,,employment,level,,about,"
        "Sysselsatte",
        "003-0060-a,003,60,\"-4,5\",-4.5,%,2022-2023,Norway,,emission change,change,,,"
        "Endring i utslipp",
        "003-0070-a,003,70,120,120,MNOK,2023,Norway,,investment,level,,,",
        "003-0080-a,003,80,\"2,5\",2500,MNOK,2023,Norway,,exports (printed in billions),level,,,",
    ],
    "000": [
        "000-0010-a,000,10,\"0,0\",0,%,2024,Norway,,growth,growth_rate,,,",
        "000-0015-a,000,15,fem,5,count,,,,areas,count,,,",
        "000-0020-a,000,20,1/3,0.3333,fraction,,,,share of firms,share,,,",
        "000-0030-a,000,30,2024,2024,year,2024,Norway,,year of launch,year,,,Året det startet",
    ],
    "001": [
        "001-0010-a,001,10,fire,4,%,2018-2023,Norway,,employment change,change,,,",
        "001-0011-a,001,11,Sju,7,count,,,,areas,count,,,",
        "001-0012-a,001,12,halvparten,50,%,2023,Norway,,share of exports,share,,,",
        "001-0013-a,001,13,en tredjedel,33.3333,%,,,,share of firms,share,,,",
        "001-0014-a,001,14,en fjerdedel,0.25,fraction,,,,share of firms,share,,,",
        "001-0015-a,001,15,fem,6,count,,,,a word that does not match its value,count,,,",
        "001-0016-a,001,16,ti,10000,persons,,,,ten thousand (word and scale),level,,,",
    ],
    "004": [
        "004-0221-a,004,219-221,30,30,%,,EU,,share (low end),share,,,Andel",
        "004-0221-b,004,219-221,40,40,%,,EU,,share (high end),share,,,Andel",
        "004-0230-a,004,230,\"2,5\",2.5,%,,EU,,other (low end),share,,,",
        "004-0230-b,004,230,4,4,%,,EU,,other (high end),share,,,",
        "004-0240-a,004,240,12,12,persons,,EU,,a different unit,level,,,",
    ],
}


def make_data_dir(root: Path, rows: dict[str, list[str]]) -> Path:
    """A data dir holding the real stated_figures descriptor with fixture parts."""
    docs = root / "documents"
    docs.mkdir(parents=True)
    shutil.copy(REAL_DESCRIPTOR, docs / REAL_DESCRIPTOR.name)
    desc = json.loads(REAL_DESCRIPTOR.read_text(encoding="utf-8"))
    for part in desc["path"]:
        doc = part.removeprefix("stated_figures_").removesuffix(".csv")
        lines = [HEADER, *rows.get(doc, [])]
        (docs / part).write_text("\n".join(lines) + "\n", encoding="utf-8")
    return root


@pytest.fixture
def fixture_data(tmp_path, monkeypatch):
    root = make_data_dir(tmp_path / "data", FIXTURE_ROWS)
    monkeypatch.setenv(data.DATA_DIR_ENV, str(root))
    return root


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
    assert [v.label for v in Verdict] == [
        "stemmer",
        "stemmer innenfor avrunding",
        "stemmer ikke",
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


# ---------------------------------------------------------------- table, summary, collect_all


def test_table_columns_and_labels(fixture_data):
    results = [
        checks.check("003-0047-a", 43.27, "andel av eksport"),
        checks.check("003-0060-a", -4.7, "endring"),
        checks.cannot_check("003-0070-a", "tallgrunnlaget er ikke publisert"),
    ]
    t = checks.table(results)
    assert list(t.columns) == list(checks.TABLE_COLUMNS)
    assert list(t["vurdering"]) == ["stemmer innenfor avrunding", "stemmer ikke",
                                    "kan ikke kontrolleres"]
    assert t.loc[0, "oppgitt"] == "43,3 %"
    assert t.loc[0, "beregnet"] == "43,27 %"
    assert t.loc[1, "differanse"] == "\u22120,20"
    assert t.loc[2, "beregnet"] == "–"
    assert t.loc[2, "metode"] == "tallgrunnlaget er ikke publisert"
    raw = checks.table(results, formatted=False)
    assert raw.loc[1, "differanse"] == pytest.approx(-0.2)


def test_summary_counts_every_verdict(fixture_data):
    results = [
        checks.check("003-0047-a", 43.3, "a"),
        checks.check("003-0047-a", 43.35, "b"),
        checks.check("000-0010-a", 0.01, "c"),
    ]
    s = checks.summary(results).set_index("dokument")
    assert s.loc["003", "stemmer"] == 1
    assert s.loc["003", "stemmer ikke"] == 1
    assert s.loc["003", "kan ikke kontrolleres"] == 0
    assert s.loc["000", "stemmer innenfor avrunding"] == 1
    assert list(s["totalt"]) == [1, 2]


def _fake_module(monkeypatch, name, func):
    mod = types.ModuleType(name)
    if func is not None:
        mod.document_checks = func
    monkeypatch.setitem(sys.modules, name, mod)


def test_collect_all_survives_missing_and_failing_modules(fixture_data, monkeypatch):
    _fake_module(monkeypatch, "fake_good", lambda: [checks.check("003-0047-a", 43.3, "a")])

    def broken():
        raise RuntimeError("boom")

    _fake_module(monkeypatch, "fake_broken", broken)
    _fake_module(monkeypatch, "fake_nofunc", None)
    _fake_module(monkeypatch, "fake_wrongtype", lambda: ["not a result"])
    audit = checks.collect_all(
        ["fake_good", "fake_broken", "fake_nofunc", "fake_wrongtype", "no_such_module_xyz"]
    )
    assert [r.module for r in audit.results] == ["fake_good"]
    errors = {f.module: f.error for f in audit.failures}
    assert "boom" in errors["fake_broken"]
    assert "document_checks" in errors["fake_nofunc"]
    assert "CheckResult" in errors["fake_wrongtype"]
    assert "finnes ikke" in errors["no_such_module_xyz"]
    t = audit.table()
    assert list(t.columns) == ["modul", *checks.TABLE_COLUMNS]
    assert audit.table(document="000").empty
    assert len(audit.failures_table()) == 4


def test_sources_of_lists_stated_figures_first(fixture_data):
    r = [checks.check("003-0047-a", 43.3, "a", sources=["energy", "stated_figures"])]
    assert checks.sources_of(r) == ["stated_figures", "energy"]


def test_documents_to_show_and_titles(fixture_data):
    audit = checks.Audit(results=[checks.check("003-0047-a", 43.3, "a"),
                                  checks.check("000-0010-a", 0, "b")])
    assert checks.documents_to_show(audit) == ["000", "003"]
    assert checks.documents_to_show(audit, "002") == ["002"]
    with pytest.raises(checks.ChecksError, match="one of alle, 000"):
        checks.documents_to_show(audit, "5")
    titles = checks.document_titles()
    assert sorted(titles) == ["000", "001", "002", "003", "004"]
    assert "prosessindustri" in titles["003"]


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


# ---------------------------------------------------------------- Norwegian table


NNBSP = "\u202f"  # narrow no-break space between thousands


def test_table_formats_by_unit_and_printed_decimals(fixture_data):
    results = [
        checks.check("000-0030-a", 2023, "arbeidsnotatet"),
        checks.check("003-0050-a", 359_700, "sum", rounding_unit=1000),
        checks.check("003-0080-a", 2460, "sum"),
        checks.check("001-0010-a", 3.7037, "nivåer"),
        checks.check("000-0015-a", 5, "telt"),
        checks.check_range("004-0221-a", "004-0221-b", 35.2, "andel"),
        checks.check("003-0070-a", 120.0, "sum"),
        checks.check("003-0047-a", 43.3, "andel"),
    ]
    t = checks.table(results).set_index(pd.Index(range(len(results))))
    # a year: plain digits, no unit word
    assert list(t.loc[0, ["oppgitt", "beregnet", "differanse"]]) == ["2024", "2023", "\u22121"]
    # thousands with a narrow no-break space, units in Norwegian, whole numbers without decimals
    assert t.loc[1, "oppgitt"] == f"360{NNBSP}000 personer"
    assert t.loc[1, "beregnet"] == f"359{NNBSP}700 personer"
    assert t.loc[1, "differanse"] == "\u2212300"
    # printed "2,5" (billions) stored as 2500 (millions): shown in the stored unit
    assert t.loc[2, "oppgitt"] == f"2{NNBSP}500 mill. kr"
    # a number printed in words: the value, with the word beside it
    assert t.loc[3, "oppgitt"] == "4 % («fire»)"
    assert t.loc[3, "beregnet"] == "3,7 %"
    assert (t.loc[4, "oppgitt"], t.loc[4, "beregnet"]) == ("5 («fem»)", "5")
    assert (t.loc[5, "oppgitt"], t.loc[5, "beregnet"]) == ("30\u201340 %", "35,2 %")
    assert t.loc[5, "linje"] == "219\u2013221"
    assert t.loc[6, "differanse"] == "0"
    # exact agreement: no trailing zero beyond the printed decimals
    assert (t.loc[7, "beregnet"], t.loc[7, "differanse"]) == ("43,3 %", "0,0")


def test_table_claim_is_the_norwegian_label_when_there_is_one(fixture_data):
    t = checks.table([
        checks.check("003-0060-a", -4.5, "a"),  # label and a period of years
        checks.check("003-0050-a", 360_000, "a"),  # label and a single year
        checks.check("003-0047-a", 43.3, "a"),  # no label: the English measure with context
    ])
    assert list(t["påstand"]) == [
        "Endring i utslipp (2022\u20132023)",
        "Sysselsatte (2023)",
        "export share (2023, Norway, process industry)",
    ]


def test_every_figure_used_in_a_check_has_a_norwegian_label():
    audit = checks.collect_all()
    assert not audit.failures, [f"{f.module}: {f.error}" for f in audit.failures]
    used = {fid for r in audit.results for fid in r.figure_ids}
    assert {fid[:3] for fid in used} >= {"000", "002", "003", "004"}
    unlabelled = sorted(fid for fid in used if not checks.stated(fid).label_nb.strip())
    assert not unlabelled, (
        f"stated figures used in checks without a Norwegian label (column label_nb of "
        f"data/documents/stated_figures_<doc>.csv): {unlabelled}"
    )


def test_percent_helpers_are_growth_times_100():
    assert checks.change_pct(200, 250) == 100 * growth.growth(200, 250)
    assert checks.cagr_pct(51.3, 29.1, 33) == 100 * growth.cagr(51.3, 29.1, 33)
    assert checks.cagr_pct(100, 0, 2) == -100.0
    with pytest.raises(checks.ChecksError, match="change_pct"):
        checks.change_pct(-10, 10)
