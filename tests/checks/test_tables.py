"""helpers.checks.tables: the Norwegian check tables, summaries and source lists."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers import checks

# ---------------------------------------------------------------- table, summary, collect_all


def test_table_columns_and_labels(fixture_data):
    results = [
        checks.check("003-0047-a", 43.27, "andel av eksport"),
        checks.check("003-0060-a", -4.7, "endring"),
        checks.cannot_check("003-0070-a", "tallgrunnlaget er ikke publisert"),
    ]
    t = checks.table(results)
    assert list(t.columns) == list(checks.TABLE_COLUMNS)
    assert list(t["vurdering"]) == ["stemmer innenfor avrunding",
                                    "stemmer ikke (feil i dokumentet)", "kan ikke kontrolleres"]
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
    s = checks.summary(results, by_kind=False).set_index("dokument")
    d0, d3 = checks.document_name("000"), checks.document_name("003")
    assert list(s.index) == [d0, d3]  # by short title, in the documents' order
    assert s.loc[d3, "stemmer"] == 1
    assert s.loc[d3, "stemmer ikke (feil i dokumentet)"] == 1
    assert s.loc[d3, "kan ikke kontrolleres"] == 0
    assert s.loc[d0, "stemmer innenfor avrunding"] == 1
    assert list(s["totalt"]) == [1, 2]

def test_sources_of_lists_stated_figures_first(fixture_data):
    r = [checks.check("003-0047-a", 43.3, "a", sources=["energy", "stated_figures"])]
    assert checks.sources_of(r) == ["stated_figures", "energy"]

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
    assert t.loc[5, "hvor"] == ""  # the fixture data have no section headings
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


def test_where_names_the_section_not_the_line():
    """The real document_sections data: numbered chapters with their number, unnumbered
    sections by heading alone, lines before the first heading as "innledningen"."""
    from helpers.checks.tables import first_line, where

    assert where("002", "1046") == "kap. 2.2 «Historisk utvikling i næringslivet i regionen»"
    assert where("002", "4624-4626") == (
        "kap. 9 «Grønnere og mer produktiv utvikling av bygg- og anleggsnæringen»")
    assert where("003", "682") == "«Energibruk»"
    assert where("000", "946") == "kap. 8 «Samarbeid for økt produktivitet»"
    assert where("004", "3") == "innledningen"
    assert where("002", "99999") == "" and where("002", "") == ""
    assert first_line("843-844; 900") == 843 and first_line("") is None


def test_document_sections_cover_each_document_without_gaps():
    from helpers.core import data

    sections = data.load("document_sections")
    for doc, part in sections.groupby("document"):
        part = part.sort_values("start")
        assert part["start"].iloc[0] == 1, doc
        assert (part["start"].iloc[1:].to_numpy() == part["end"].iloc[:-1].to_numpy() + 1).all()
        assert (part["end"] >= part["start"]).all(), doc


def test_lines_table_keeps_the_line_numbers_for_the_appendix():
    from helpers.checks.tables import LINES_COLUMNS, lines_table

    results = [checks.check("002-1046-b", 3.7, "a"), checks.check("002-1046-b", 3.6, "b"),
               checks.cannot_check("002-0052-b", "ikke offentlig")]
    t = lines_table(results)
    assert list(t.columns) == list(LINES_COLUMNS)
    assert list(t["linjer i tekstversjonen"]) == ["52", "1046"]  # once each, in line order
    assert t.loc[1, "hvor"].startswith("kap. 2.2")
    assert set(t["dokument"]) == {"Smart spesialisering i Viken og Akershus"}
    with pytest.raises(checks.ChecksError):
        lines_table(["not a result"])


def test_stated_elsewhere_and_class_counts():
    from helpers.checks.tables import class_counts, stated_elsewhere

    assert stated_elsewhere("002-1271-a", "002-1303-a") == (
        "samme størrelse oppgitt to ganger i samme avsnitt")
    assert stated_elsewhere("002-0823-a", "002-0052-a") == (
        "samme størrelse oppgitt i «Sammendrag»")
    other = stated_elsewhere("000-0170-a", "001-0102-b")
    assert other.startswith("samme størrelse oppgitt i «Arbeidsnotat") and "«Bakgrunn»" in other
    results = [checks.check("002-1046-b", 3.7, "a"), checks.check("002-1046-b", 9.0, "b"),
               checks.check("002-1046-b", 3.68, "c")]
    assert class_counts(results) == (
        "stemmer ikke (feil i dokumentet): 1; stemmer innenfor avrunding: 1; stemmer: 1")
