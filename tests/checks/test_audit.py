"""helpers.checks.audit: every theme's checks gathered, and the documents the audit page shows."""

from __future__ import annotations

import sys
import types

import pytest

from helpers import checks


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
        ["fake_good", "fake_broken", "fake_nofunc", "fake_wrongtype", "no_such_module_xyz"],
        noted=False,
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

def test_every_figure_used_in_a_check_has_a_norwegian_label():
    audit = checks.collect_all()
    assert not audit.failures, [f"{f.module}: {f.error}" for f in audit.failures]
    # a check of a printed table row (the investment table's SUM row) is not a stated figure
    # of the prose: it carries its Norwegian claim itself
    table_rows = [r for r in audit.results if r.figure_id.endswith("-sum")]
    assert table_rows and all(r.claim.strip() for r in table_rows)
    used = {fid for r in audit.results if r not in table_rows for fid in r.figure_ids}
    assert {fid[:3] for fid in used} >= {"000", "002", "003", "004"}
    unlabelled = sorted(fid for fid in used if not checks.stated(fid).label_nb.strip())
    assert not unlabelled, (
        f"stated figures used in checks without a Norwegian label (column label_nb of "
        f"data/documents/stated_figures_<doc>.csv): {unlabelled}"
    )


def test_noted_inconsistencies_reach_the_audit():
    """The inconsistencies the data notes record become checks (real stated_figures rows)."""
    from helpers.checks import Verdict, consistency

    by_id = {r.figure_id: r for r in consistency.noted_checks()}
    target = by_id["002-4624-a"]  # 50 % vs 55 %: a lower bound and a target
    assert target.verdict is Verdict.DIFFERS and target.reason == ("definition",)
    # 16 % (2021) and 3,5 % (2020), both called the industry's direct emissions: an error
    share = by_id["002-4626-a"]
    assert share.verdict is Verdict.DISAGREES and share.reason == ()
    assert share.check_kind is checks.CheckKind.STATED_TWICE
    assert "16 % og 3,5 %" in share.why  # the figures come from the data, as printed
    assert by_id["002-5515-a"].verdict is Verdict.DISAGREES  # "10 kW" below minikraftverk
    assert by_id["002-5515-a"].is_error
    # readers get sections, never the text version's line numbers
    for r in by_id.values():
        assert "l. " not in r.how and "l. " not in r.why, r.how


def test_noted_checks_give_way_to_a_theme_check_of_the_same_pair():
    from helpers.checks import consistency

    noted = consistency.noted_checks()
    assert consistency.not_already_checked(noted, noted[:1]) == noted[1:]


def test_findings_count_errors_differences_and_repeats(fixture_data):
    from helpers.checks import audit as au

    audit = checks.Audit(results=[
        checks.check("003-0047-a", 40.0, "x"),
        checks.check("003-0047-a", 40.0, "x", differs="year"),
        checks.check("003-0047-a", 43.3, "samme størrelse oppgitt på l. 12"),
        checks.cannot_check("003-0070-a", "ikke publisert"),
    ])
    audit.results = [au._kind_from_how(r) for r in audit.results]
    found = au.findings(audit, ["003"])
    assert found[0].text.startswith("Av 4 kontrollerte tall i dokumentet er 1 feil")
    assert "1 avvik skyldes ulik kilde, år eller definisjon" in found[0].text
    assert "1 av dem bekrefter bare at samme tall står to steder" in found[1].text
    assert found[2].anchor == "dokument-003"
    # readers see the document's short title, never its number
    assert found[2].text.startswith("Status for norsk prosessindustri 2024: 4 kontroller")
    assert "003" not in found[2].text
    assert ("4 kontroller; 1 feil, 1 avvik, 1 stemmer (1 bare samme tall to steder) og 1 kan "
            "ikke kontrolleres.") in found[2].text


def test_across_documents_puts_the_document_in_the_place_column():
    from helpers.checks import audit as au

    results = [checks.check("002-1046-b", 3.7, "a"), checks.check("003-0946-a", 43.3, "b")]
    frame = au.across_documents(results)
    assert "dokument" not in frame.columns and "vurdering" in frame.columns
    assert frame.loc[0, "hvor"] == ("Smart spesialisering i Viken og Akershus, kap. 2.2 "
                                    "«Historisk utvikling i næringslivet i regionen»")
    assert frame.loc[1, "hvor"] == "Status for norsk prosessindustri 2024, «Klimagassutslipp»"
    assert "vurdering" not in au.across_documents(results, verdict=False).columns


def test_documents_have_short_titles_for_readers():
    """Reports name the documents by short title; the numbers 000-004 are the project's own."""
    names = checks.document_names()
    assert sorted(names) == sorted(checks.document_titles())
    assert names["003"] == "Status for norsk prosessindustri 2024"
    assert names["004"] == "Kritiske og strategiske verdikjeder"
    assert all(n and not any(ch.isdigit() for ch in n.replace("2024", "")) for n in names.values())
    assert len(set(names.values())) == len(names)


def test_the_audit_reports_document_parameter_names_documents_by_short_title():
    from pathlib import Path

    from helpers.pipeline.config import load_config

    nb = load_config(Path(__file__).resolve().parents[2] / "reports.yaml").notebook(
        "document_checks")
    spec = nb.declaration.specs["document"]
    for number, name in checks.document_names().items():
        assert spec.reader_value(number) == name


def test_the_process_report_and_the_audit_carry_the_same_checks():
    """The process report's checks table and the collection audit come from the same
    ``document_checks()``: the investment table's SUM row (counting sub-rows twice) is an
    error in both, once."""
    from helpers.themes import process_industry as pi

    audit = checks.collect_all()
    mine = [r for r in audit.results if r.module == "helpers.themes.process_industry"]
    table = pi.classified_table(pi.document_checks())
    assert len(mine) == len(table)
    sums = [r for r in mine if r.claim.startswith("Sumraden")]
    assert len(sums) == 1 and sums[0].verdict is checks.Verdict.DISAGREES
    assert table["påstand"].str.startswith("Sumraden").sum() == 1
    errors = sum(r.verdict is checks.Verdict.DISAGREES for r in mine)
    assert errors == (table["klasse"] == pi.AUDIT_ERROR).sum() == 4


def test_the_audit_introduction_counts_the_documents_from_the_checks():
    """The opening paragraph counts the documents that have checked figures (not the
    collection's five) and names the ones without."""
    from helpers.checks import audit as au

    audit = checks.collect_all()
    shown = checks.documents_to_show(audit)
    text = au.introduction(audit, shown)
    checked = {r.document for r in audit.results}
    words = {3: "tre", 4: "fire", 5: "fem"}
    assert f"de {words[len(checked)]} dokumentene" in text
    for doc in set(checks.document_titles()) - checked:
        assert f"«{checks.document_name(doc)}» har ingen tall" in text
    one = au.introduction(audit, ["003"])
    assert "dokumentet «Status for norsk prosessindustri 2024»" in one and "har ingen" not in one
