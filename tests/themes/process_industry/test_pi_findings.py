"""Hovedfunn (process_industry.findings) and the audit's classes (process_industry.audit)."""

from __future__ import annotations

from helpers.themes import process_industry as pi

BASE = {"base_year": 1990, "target_year": 2030, "target_cut": 0.55, "currency": "NOK",
        "branch": "alle", "emission_source": "dokument", "rate_from": 1990, "rate_to": None,
        "compare_2005": True}


def test_findings_are_four_to_six_with_anchors_and_differ_by_branch():
    texts = {}
    for branch in pi.allowed("branch"):
        found = pi.findings({**BASE, "branch": branch})
        assert 4 <= len(found) <= 6
        assert all(f.anchor in pi.findings_anchors() for f in found)
        texts[branch] = tuple(f.text for f in found)
    assert len(set(texts.values())) == len(texts)
    # the document's levels: 19.6 -> 10.8 is a 44.9 % cut, 55 % needs 8.82 in 2030
    first = pi.findings(BASE)
    assert "10,8" in first[0].text and "44,9 %" in first[0].text
    assert "8,8" in first[1].text


def test_findings_follow_the_target_and_currency():
    a = pi.findings(BASE)
    b = pi.findings({**BASE, "target_year": 2035, "target_cut": 0.7, "currency": "EUR"})
    assert a[1].text != b[1].text and "2035" in b[1].text
    assert "mrd. EUR" in b[2].text and "mrd. kr" in a[2].text  # kroner as readers write them
    assert "NOK" not in a[2].text


def test_audit_puts_the_documents_errors_first():
    table = pi.classified_table(pi.document_checks())
    errors = table[table["klasse"] == pi.AUDIT_ERROR]
    # the SUM row, 43,3 % and 7,8 Mt against the document's own levels, and 89 % against the
    # document's own TWh figures (the same verdicts as the collection's audit)
    assert len(errors) == 4
    assert (table["klasse"].iloc[:4] == pi.AUDIT_ERROR).all()
    text = " ".join(errors["påstand"] + " " + errors["grunn"] + " " + errors["beregnet"])
    assert "Sumraden" in text and "8,80" in text and "44,90" in text and "82,7" in text
    assert errors["grunn"].str.len().gt(0).all()
    # places are sections of the document, not line numbers
    assert errors["påstand"].str.contains("«").all()
    assert not table["påstand"].str.contains(r"l\. \d").any()
    differences = table[table["klasse"] == pi.AUDIT_DIFFERENCE]
    assert len(differences) >= 4
    assert differences["grunn"].str.match("(kilde|år|definisjon|versjon):").all()
    # no row says "error" in one column and "difference" in another
    assert (table["vurdering"] == table["klasse"]).all()


def test_class_counts_add_up_and_start_with_errors():
    table = pi.classified_table(pi.document_checks())
    counts = pi.class_counts(table)
    assert counts["antall"].sum() == len(table)
    assert counts["vurdering"].iloc[0] == pi.AUDIT_ERROR and counts["antall"].iloc[0] == 4


def test_changes_are_worded_by_their_sign():
    """A fall reads "falt 30 %", never "økte −30 %" or "endret seg −4 %"; "men" only when
    current and fixed prices go different ways."""
    import pandas as pd

    from helpers.core.formatting import change_words

    assert change_words(34.2) == "økte 34 %" and change_words(-30.4) == "falt 30 %"
    assert change_words(0.2) == "holdt seg uendret"
    col = f"faste {pi.PRICE_BASE}-priser"
    t = pd.DataFrame({"periode": ["2009–2011", "2021–2023"], "løpende priser": [100.0, 134.0],
                      col: [100.0, 70.0]})
    assert pi.real_growth_text(t, "investeringene") == (
        "Fra 2009–2011 til 2021–2023 økte investeringene 34 % i løpende kroner, men falt 30 % "
        "i faste priser")
    t[col] = [100.0, 110.0]
    assert pi.real_growth_text(t, "investeringene").endswith(
        "økte investeringene 34 % i løpende kroner og 10 % i faste priser")
    for branch in pi.allowed("branch"):
        text = " ".join(f.text for f in pi.findings({**BASE, "branch": branch}))
        assert "økte −" not in text and "endret seg" not in text and "den −" not in text


def test_the_derived_1990_level_says_which_release_it_comes_from():
    """19,05 (derived from SSB's preliminary 2023 figures, June 2024) is not the 1990 level of
    the series in the emission chapter (19,14): the method names the release."""
    r = next(r for r in pi.document_checks() if r.figure_id == pi.ID_EMIS_1990
             and r.recomputed is not None)
    assert "7. juni 2024" in r.how and "tidligere årgang" in r.how
