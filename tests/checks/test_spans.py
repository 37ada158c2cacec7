"""helpers.checks.spans and the verdict classes built on them: one interval method for
rounding (inputs' and the stated value's), differences of source/year/definition, figures
stated twice, and the report order."""

from __future__ import annotations

import math

import pytest

from helpers import checks
from helpers.checks import CheckKind, Span, Verdict

# ---------------------------------------------------------------- spans


def test_rounded_reads_the_printed_rounding(fixture_data):
    s = checks.rounded("002-0900-a")
    assert (s.value, s.low, s.high) == (4.6, pytest.approx(4.55), pytest.approx(4.65))
    assert checks.rounded("002-0900-a", rounding_unit=1).low == pytest.approx(4.1)


def test_span_arithmetic_takes_the_extreme_corners():
    a, b = Span.around(39.6, 0.05), Span.around(35.8, 0.05)
    d = a - b
    assert d.value == pytest.approx(3.8)
    assert (d.low, d.high) == (pytest.approx(3.7), pytest.approx(3.9))
    q = Span.around(4.6, 0.05) / Span.around(49.3, 0.05) * 100
    assert q.low == pytest.approx(455 / 49.35) and q.high == pytest.approx(465 / 49.25)
    assert (-a).low == pytest.approx(-39.65)
    with pytest.raises(checks.ChecksError, match="includes zero"):
        _ = a / Span.around(0, 1)
    with pytest.raises(checks.ChecksError, match="value outside"):
        Span(5, 6, 7)


def test_arithmetic_helpers_answer_with_spans(fixture_data):
    s = checks.share(checks.rounded("002-0900-a"), checks.rounded("002-0900-b"))
    assert isinstance(s, Span)
    assert s.value == pytest.approx(100 * 4.6 / 49.3)
    assert (round(s.low, 2), round(s.high, 2)) == (9.22, 9.44)
    t = checks.total([checks.rounded("002-0905-a"), 1.0])
    assert (t.low, t.high) == (pytest.approx(40.55), pytest.approx(40.65))
    assert checks.share(4.6, 49.3) == pytest.approx(9.3306, abs=1e-4)  # plain numbers stay plain
    c = checks.cagr_pct(100, 100 + checks.rounded("002-1046-a"), 10)
    assert (round(c.low, 3), round(c.high, 3)) == (3.605, 3.678)


# ---------------------------------------------------------------- the three verdicts


def test_share_of_rounded_inputs_agrees_within_rounding(fixture_data):
    # 4,6 / 49,3 = 9,33 %, printed 9,4: with the inputs' rounding 9,22–9,44 % meets [9,35; 9,45)
    share = checks.share(checks.rounded("002-0900-a"), checks.rounded("002-0900-b"))
    r = checks.check("002-0900-c", share, "del / helhet")
    assert r.verdict is Verdict.AGREES_WITHIN_ROUNDING
    assert r.recomputed == pytest.approx(9.3306, abs=1e-4)
    assert r.recomputed_span == (pytest.approx(9.2199, abs=1e-4), pytest.approx(9.4416, abs=1e-4))
    # the same value taken as exact would be an error
    assert checks.check("002-0900-c", share.value, "del / helhet").verdict is Verdict.DISAGREES


def test_difference_of_rounded_inputs(fixture_data):
    d = checks.difference(checks.rounded("002-0905-a"), checks.rounded("002-0905-b"))
    assert checks.check("002-0905-c", d, "A − B").verdict is Verdict.AGREES_WITHIN_ROUNDING
    assert checks.check("002-0905-c", d.value, "A − B").verdict is Verdict.DISAGREES


def test_annual_rate_from_rounded_growth(fixture_data):
    rate = checks.cagr_pct(100, 100 + checks.rounded("002-1046-a"), 10)
    r = checks.check("002-1046-b", rate, "årlig rate av samlet vekst")
    assert r.verdict is Verdict.AGREES_WITHIN_ROUNDING
    # a span that does not reach the stated interval is still an error
    far = checks.cagr_pct(100, 100 + Span.around(40, 0.5), 10)
    assert checks.check("002-1046-b", far, "x").verdict is Verdict.DISAGREES


def test_span_text_in_the_method_column(fixture_data):
    d = checks.difference(checks.rounded("002-0905-a"), checks.rounded("002-0905-b"))
    t = checks.table([checks.check("002-0905-c", d, "A − B")])
    assert t.loc[0, "metode"] == "A − B (avrundede inndata: 3,70–3,90 TWh)"


# ---------------------------------------------------------------- differences and reasons


def test_difference_of_definition_is_not_an_error(fixture_data):
    r = checks.check("003-0047-a", 40.0, "andel av eksport, SSB", differs="definition",
                     why="SSB avgrenser næringen videre")
    assert r.verdict is Verdict.DIFFERS
    assert not r.is_error and not r.ok
    assert r.reason == ("definition",)
    assert r.label == "avvik: ulik definisjon"
    t = checks.table([r])
    assert t.loc[0, "vurdering"] == "avvik: ulik definisjon"
    assert t.loc[0, "metode"] == "andel av eksport, SSB; SSB avgrenser næringen videre"
    two = checks.check("003-0047-a", 40.0, "x", differs=("year", "source"))
    assert two.reason == ("source", "year") and two.label == "avvik: ulik kilde og ulikt år"


def test_difference_inside_rounding_still_agrees(fixture_data):
    r = checks.check("003-0047-a", 43.27, "x", differs="source")
    assert r.verdict is Verdict.AGREES_WITHIN_ROUNDING


def test_unknown_reason_is_refused(fixture_data):
    with pytest.raises(checks.ChecksError, match="differs must be among source, year"):
        checks.check("003-0047-a", 40.0, "x", differs="kilde")


def test_range_difference(fixture_data):
    r = checks.check_range("004-0221-a", "004-0221-b", 45.0, "x", differs="year")
    assert r.verdict is Verdict.DIFFERS
    assert checks.check_range("004-0221-a", "004-0221-b", 45.0, "x").verdict is Verdict.DISAGREES
    near = checks.check_range("004-0221-a", "004-0221-b", Span(41.0, 40.2, 41.0), "x")
    assert near.verdict is Verdict.AGREES_WITHIN_ROUNDING


# ---------------------------------------------------------------- stated twice


def test_stated_twice_contradiction_is_an_error_counted_apart(fixture_data):
    r = checks.check_twice("002-4624-a", "002-5301-a")
    assert r.verdict is Verdict.DISAGREES
    assert r.check_kind is CheckKind.STATED_TWICE
    assert r.how == "samme tall oppgitt på l. 5301"
    assert r.recomputed == 55.0


def test_stated_twice_within_rounding(fixture_data):
    # "9,4" meets "9,35" ([9,35; 9,45) and [9,345; 9,355)) and "9" ([8,5; 9,5))
    ok = checks.check_twice("002-0900-c", "002-5302-a")
    assert ok.verdict is Verdict.AGREES_WITHIN_ROUNDING
    assert checks.check_twice("002-0900-c", "002-5303-a").verdict is Verdict.AGREES_WITHIN_ROUNDING
    assert checks.check_twice("002-5302-a", "002-0900-c").verdict is Verdict.AGREES_WITHIN_ROUNDING
    assert checks.check_twice("002-5301-a", "002-4624-a").verdict is Verdict.DISAGREES
    with pytest.raises(checks.ChecksError, match="units differ"):
        checks.check_twice("002-0900-c", "002-0900-a")


def test_summary_counts_kinds_apart(fixture_data):
    results = [
        checks.check("002-0900-c", 9.4, "a"),
        checks.check_twice("002-0900-c", "002-5302-a"),
        checks.check_twice("002-4624-a", "002-5301-a"),
        checks.check("003-0047-a", 40.0, "b", differs="year"),
    ]
    s = checks.summary(results)
    assert list(s.columns) == ["dokument", "kontroll", "stemmer ikke (feil i dokumentet)",
                               "avvik som skyldes ulik kilde, år eller definisjon",
                               "stemmer innenfor avrunding", "stemmer",
                               "kan ikke kontrolleres", "totalt"]
    rows = {(d, k): row for d, k, row in zip(s["dokument"], s["kontroll"], s.to_dict("records"),
                                             strict=True)}
    d2, d3 = checks.document_name("002"), checks.document_name("003")
    assert rows[(d2, "beregnet på nytt")]["stemmer"] == 1
    twice = rows[(d2, "samme tall oppgitt to steder")]
    assert twice["stemmer ikke (feil i dokumentet)"] == 1
    assert twice["stemmer innenfor avrunding"] == 1 and twice["totalt"] == 2
    assert rows[(d3, "beregnet på nytt")][
        "avvik som skyldes ulik kilde, år eller definisjon"] == 1
    flat = checks.summary(results, by_kind=False)
    assert list(flat["dokument"]) == [d2, d3] and "kontroll" not in flat.columns
    assert list(flat["totalt"]) == [3, 1]


# ---------------------------------------------------------------- order


def test_tables_list_errors_first_then_differences(fixture_data):
    results = [
        checks.check("003-0047-a", 43.3, "agrees"),
        checks.cannot_check("003-0070-a", "ikke publisert"),
        checks.check("003-0047-a", 43.27, "within"),
        checks.check("003-0047-a", 40.0, "differs", differs="source"),
        checks.check_twice("002-4624-a", "002-5301-a"),
        checks.check("003-0060-a", -4.7, "error"),
    ]
    order = [r.verdict for r in checks.ordered(results)]
    assert order == [Verdict.DISAGREES, Verdict.DISAGREES, Verdict.DIFFERS,
                     Verdict.AGREES_WITHIN_ROUNDING, Verdict.AGREES, Verdict.CANNOT_CHECK]
    # within a verdict class by document
    assert [r.figure_id for r in checks.ordered(results)][:2] == ["002-4624-a", "003-0060-a"]
    t = checks.table(results, sort=True)
    assert list(t["metode"])[:3] == ["samme tall oppgitt på l. 5301", "error", "differs"]
    # within a document, recomputations before figures stated twice
    same_doc = [checks.check_twice("002-4624-a", "002-5301-a"),
                checks.check("002-0900-c", 20.0, "recomputed")]
    assert [r.how for r in checks.ordered(same_doc)][0] == "recomputed"
    assert list(checks.table(results)["metode"])[0] == "agrees"  # unsorted keeps the order


def test_missing_value_with_reason_cannot_be_checked(fixture_data):
    r = checks.check("003-0047-a", math.nan, "x", why="tallet er ikke publisert")
    assert r.verdict is Verdict.CANNOT_CHECK and r.why == "tallet er ikke publisert"
