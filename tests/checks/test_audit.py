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
    used = {fid for r in audit.results for fid in r.figure_ids}
    assert {fid[:3] for fid in used} >= {"000", "002", "003", "004"}
    unlabelled = sorted(fid for fid in used if not checks.stated(fid).label_nb.strip())
    assert not unlabelled, (
        f"stated figures used in checks without a Norwegian label (column label_nb of "
        f"data/documents/stated_figures_<doc>.csv): {unlabelled}"
    )
